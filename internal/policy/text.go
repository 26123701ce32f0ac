package policy

import (
	"fmt"
	"html"
	"regexp"
	"strconv"
	"strings"

	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/dataset"
	"github.com/shadowreport/shadowreport/internal/doc"
	"github.com/shadowreport/shadowreport/internal/english"
	"github.com/shadowreport/shadowreport/internal/privacy"
	"github.com/shadowreport/shadowreport/internal/project"
	"github.com/shadowreport/shadowreport/internal/render/clean"
)

// hits scans a text as written and as the renderers will draw it (clean.Text drops format
// characters, soft hyphens and zero-width characters): what either shows is found.
func hits(text string, terms []string) []privacy.Hit {
	out := privacy.Scan(text, terms)
	if c := clean.Text(text, true, nil); c != text {
		for _, h := range privacy.Scan(c, terms) {
			dup := false
			for _, o := range out {
				if o.Kind == h.Kind {
					dup = true
					break
				}
			}
			if !dup {
				out = append(out, h)
			}
		}
	}
	return out
}

// hits is what the scanner finds in text, with the never_publish terms; a text is scanned once.
func (pol *Policy) hits(text string) []privacy.Hit {
	if h, ok := pol.scanned[text]; ok {
		return h
	}
	h := hits(text, pol.d.Terms())
	pol.scanned[text] = h
	return h
}

// kinds words what hits found, each kind once: "a phone number and an exact date".
func kinds(hs []privacy.Hit) string {
	var out []string
	seen := map[string]bool{}
	for _, h := range hs {
		if d := h.Describe(); !seen[d] {
			seen[d] = true
			out = append(out, d)
		}
	}
	return english.List(out)
}

// checkText scans a text of the input that reaches the outputs (report.toml, the codebook, a
// published source). Each hit is refused unless an override of rule names it as a term;
// allow lists kinds of hit the field may hold (an e-mail address in report.contact).
func (pol *Policy) checkText(rule, where, text string, allow ...string) {
	pol.checkIDs(where, text)
	var bad []privacy.Hit
	for _, h := range pol.hits(text) {
		if contains(allow, h.Kind) || contains(allow, "allowed") && pol.allowedMatch(h.Match) {
			pol.allow(h.Match)
			continue
		}
		if o, ok := pol.d.Override(rule, project.Override{Term: h.Match}); ok {
			pol.lift(o, where)
			pol.allow(h.Match)
			continue
		}
		bad = append(bad, h)
	}
	if len(bad) > 0 {
		pol.refuse(rule, project.Override{}, Refusal{
			Where: where,
			What:  "holds " + kinds(bad) + ", which would be published",
			Fix:   fmt.Sprintf("remove it, or, if it is safe to publish (an organisation's public number), add a [[disclosure.override]] with rule = %q, term = the text and the reason", rule),
		})
	}
}

// checkTexts checks the texts of one row or cell each on its own: they are printed apart, and
// figures of two texts ("27/10" and "124.57") are not one number.
func (pol *Policy) checkTexts(rule, where string, texts []string) {
	for _, t := range texts {
		pol.checkText(rule, where, t)
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// allow notes a passage that may appear in the outputs although the scanner finds it.
func (pol *Policy) allow(match string) {
	if pol.allowed == nil {
		pol.allowed = map[string]bool{}
	}
	pol.allowed[privacy.TermKey(match)] = true
}

func (pol *Policy) allowedMatch(match string) bool {
	return pol.allowed[privacy.TermKey(match)]
}

// checkInputText checks every text of the input that reaches an output: the settings of
// report.toml, the codebook's labels, values and wording, and the sources of published
// figures. Wave names are plain names (the project refuses others).
func (pol *Policy) checkInputText() {
	r := pol.p.Config.Report
	for _, f := range []struct{ key, v string }{
		{"title", r.Title}, {"organisation", r.Organisation}, {"state", r.State}, {"mechanism", r.Mechanism},
		{"session", r.Session}, {"stage", r.Stage}, {"interviewees", r.Interviewees},
	} {
		pol.checkText(privacy.RuleText, "report.toml: report."+f.key, f.v)
	}
	pol.checkText(privacy.RuleText, "report.toml: report.contact", r.Contact, privacy.KindEmail)
	for i, s := range r.CoSubmitters {
		pol.checkText(privacy.RuleText, fmt.Sprintf("report.toml: report.co_submitters[%d]", i+1), s)
	}
	for _, c := range pol.cb.Codes {
		if c.Identifier == codebook.Direct || c.Type == codebook.Text {
			continue
		}
		where := fmt.Sprintf("%s: codebook row %d (%s)", pol.cb.File, c.Row, c.Name)
		texts := []string{c.Label, c.Theme, c.Article, c.Statement, c.Ask, c.Recommend}
		texts = append(texts, c.Values...)
		for _, l := range c.Labels {
			texts = append(texts, l)
		}
		pol.checkTexts(privacy.RuleText, where, texts)
	}
	if set := pol.p.Claims; set != nil {
		for _, c := range set.Claims {
			pol.checkTexts(privacy.RuleText, fmt.Sprintf("%s: claims row %d", set.File, c.Row), []string{c.Text, c.Symbol, c.Paragraph, c.Page})
		}
		for _, r := range set.Recommendations {
			pol.checkTexts(privacy.RuleText, fmt.Sprintf("%s: recommendations row %d", set.File, r.Row),
				[]string{r.Text, r.Reason, r.Symbol, r.Paragraph, r.Page, r.Number, r.RecommendingState})
		}
	}
	for _, w := range pol.described() {
		if w.Kind != dataset.Aggregate {
			continue
		}
		for _, f := range w.Figures {
			if f.Source != "" {
				pol.checkText(privacy.RuleText, fmt.Sprintf("%s: aggregate row %d (source)", w.File, f.Row), f.Source)
			}
		}
	}
}

var actionRE = regexp.MustCompile(`(?s)\{\{.*?\}\}`)

// CheckTemplate scans the text an author typed into a template (everything but its actions),
// line by line, as Markdown will print it: character references (&#48;) and backslash escapes
// resolved. Quotations (lines starting with ">") are checked as quotes when the document is
// assembled (see TypedQuote).
func (pol *Policy) CheckTemplate(file string, src []byte) {
	text := actionRE.ReplaceAllStringFunc(string(src), func(a string) string {
		return strings.Repeat("\n", strings.Count(a, "\n")) + " "
	})
	for i, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), ">") {
			continue
		}
		line = unescapeMarkdown(line)
		if strings.TrimSpace(line) == "" {
			continue
		}
		pol.checkText(privacy.RuleText, file+":"+strconv.Itoa(i+1), line)
	}
}

var backslashRE = regexp.MustCompile(`\\([!-/:-@\[-` + "`" + `{-~])`)

// unescapeMarkdown resolves what Markdown resolves in text: character references and
// backslash escapes.
func unescapeMarkdown(s string) string {
	return html.UnescapeString(backslashRE.ReplaceAllString(s, "$1"))
}

// CheckDocument is the last check of an assembled document, after every action ran: its whole
// text, as rendered, must hold nothing the scanner finds but what the policy let through
// (reviewed quotes it approved, overridden terms, the contact address). It is a backstop: the
// checks of the inputs name the cause precisely; this one catches whatever reached the
// document by another way.
func (pol *Policy) CheckDocument(file string, d *doc.Document) {
	if len(pol.refusals) > 0 {
		return // the causes are already reported
	}
	check := func(where, text string) {
		var bad []privacy.Hit
		for _, h := range pol.hits(text) {
			if !pol.allowedMatch(h.Match) {
				bad = append(bad, h)
			}
		}
		if len(bad) > 0 {
			pol.refuse(privacy.RuleText, project.Override{}, Refusal{
				Where: file + ", " + where,
				What:  "the document holds " + kinds(bad) + " that none of its checked sources explains",
				Fix:   "look for the detail in the template's actions, the codebook and report.toml, and remove it",
			})
		}
	}
	m := d.Meta
	for _, t := range append([]string{m.Title, m.Subtitle, m.Organisation, m.Contact, m.State, m.Mechanism, m.Session, m.Stage, m.Subject, m.Header, m.Footer}, m.CoSubmitters...) {
		check("cover", t)
	}
	section := "the start"
	for _, b := range d.Blocks {
		switch b := b.(type) {
		case *doc.Heading:
			section = "section " + strconv.Quote(b.Text)
			check(section, b.Text)
		case *doc.Paragraph:
			check(section, inlineText(b.Inlines))
		case *doc.List:
			for _, it := range b.Items {
				check(section, inlineText(it))
			}
		case *doc.Table:
			// cell by cell: cells side by side are not one text
			cells := []string{b.Caption}
			cells = append(cells, b.Header...)
			for _, r := range b.Rows {
				cells = append(cells, r...)
			}
			cells = append(cells, b.Notes...)
			for _, c := range cells {
				check(section+", "+b.Caption, c)
			}
		case *doc.Figure:
			c := b.Chart
			texts := []string{b.Caption, b.AltText, c.Title, c.YLabel}
			texts = append(texts, c.Waves...)
			for _, g := range c.Groups {
				texts = append(texts, g.Label)
				for _, bar := range g.Bars {
					texts = append(texts, bar.Label)
				}
			}
			for _, t := range texts {
				check(section+", "+b.Caption, t)
			}
		case *doc.Quote:
			if !pol.approved[b.Text] {
				check(section+", a quotation", b.Text)
			}
			if b.Translation != "" && !pol.approved[b.Translation] {
				check(section+", a quotation's translation", b.Translation)
			}
			check(section+", a quotation's attribution", b.Attribution)
		}
	}
}

// inlineText is a paragraph's text as printed, then its notes and link targets, each on a
// line of its own.
func inlineText(in []doc.Inline) string {
	var b, extra strings.Builder
	for _, x := range in {
		b.WriteString(x.Text)
		if x.Note != "" {
			extra.WriteString("\n" + x.Note)
		}
		if x.Link != "" {
			extra.WriteString("\n" + x.Link)
		}
	}
	return b.String() + extra.String()
}

// Wording refuses template text that says more than the interviews support ("increased in",
// "because of") unless an override of the wording rule names the phrase.
func (pol *Policy) Wording(where, phrase, why string) {
	pol.refuse(privacy.RuleWording, project.Override{Term: phrase}, Refusal{
		Where: where,
		What:  fmt.Sprintf("%q %s", phrase, why),
		Fix:   fmt.Sprintf("reword it; if the sentence is right as it is, add a [[disclosure.override]] with rule = %q, term = %q and the reason", privacy.RuleWording, phrase),
	})
}

// Finish runs the checks that need every document assembled first: the reasons of the
// overrides applied, which the methodology prints, may name only what the build let through.
func (pol *Policy) Finish() {
	for _, l := range pol.Lifted() {
		pol.checkText(privacy.RuleText, fmt.Sprintf("report.toml:%d: the override's reason", l.Override.Line), l.Override.Reason, "allowed")
	}
}
