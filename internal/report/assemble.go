package report

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"text/template"
	"time"

	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/diag"
	"github.com/shadowreport/shadowreport/internal/doc"
	"github.com/shadowreport/shadowreport/internal/english"
	"github.com/shadowreport/shadowreport/internal/present"
)

// Output is one assembled document: the report or a handout.
type Output struct {
	Name     string // "report", "handout-committee"
	Template Template
	Doc      *doc.Document
	// Words is the word count of the body (see WordCount).
	Words    int
	Warnings []string
}

func dropEmpty(blocks []doc.Block) []doc.Block {
	out := blocks[:0]
	for _, b := range blocks {
		if p, ok := b.(*doc.Paragraph); ok && len(p.Inlines) == 0 {
			continue
		}
		out = append(out, b)
	}
	return out
}

const wordcountMarker = "\x00WORDCOUNT\x00"

// guardFunc is the name under which every {{ range }} checks its bounds (see guardRanges); a
// template that calls it itself only gets its argument back.
const guardFunc = "_0guard"

// callFunc is the name under which every {{ template }} counts its calls (see guardCalls).
const callFunc = "_0call"

// Assemble executes a template over the input and turns its Markdown into a document.
func Assemble(in Input, t Template) (*Output, error) {
	e := &env{in: in, pub: in.Policy.Public(), file: t.File, ids: map[string]bool{}}
	out := &Output{Name: t.Name, Template: t}
	e.warn = func(s string) { out.Warnings = append(out.Warnings, t.File+": "+s) }
	in.Policy.SetNoun(in.One)
	in.Policy.CheckTemplate(t.File, t.Source)
	b := newBudget()
	funcs := e.funcs()
	funcs[guardFunc] = b.guard
	funcs[callFunc] = b.call
	funcs["printf"] = b.printf
	tm, err := t.parse(funcs)
	if err != nil {
		return nil, err
	}
	guardRanges(tm, guardFunc)
	guardCalls(tm, callFunc)
	w := &limitedWriter{max: maxOutput}
	if err := tm.Execute(w, nil); err != nil {
		return nil, t.templateError(err)
	}
	buf := bytes.NewBuffer(w.buf)
	c := &converter{blocks: e.blocks, numbered: t.Numbered, warn: e.warn, quote: func(text string) (string, bool) {
		return in.Policy.TypedQuote(t.File, text)
	}, caption: func(text string) (string, string) {
		return e.uniqueID("table"), strings.TrimSuffix(e.tableCaption(text), " ")
	}}
	for _, w := range t.blocksInText() {
		e.warn(w)
	}
	d := &doc.Document{
		Meta:       e.meta(t),
		Cover:      t.Cover,
		Contents:   t.Contents,
		PageBudget: t.Pages,
		Blocks:     c.convert(buf.Bytes()),
	}
	if e.overridePara != nil {
		for _, l := range in.Policy.Lifted() {
			text := fmt.Sprintf("A disclosure rule was lifted for this report (%s, %s): %s.", l.Override.Rule, l.Override.Target(), strings.TrimSuffix(strings.TrimSpace(l.Override.Reason), "."))
			if len(e.overridePara.Inlines) > 0 {
				text = " " + text
			}
			e.overridePara.Inlines = append(e.overridePara.Inlines, doc.Inline{Text: text})
		}
	}
	d.Blocks = dropEmpty(d.Blocks)
	renumber(d)
	if t.Name == "report" {
		// where the organisation's assessment of a recommendation and the figures disagree
		var diags diag.List
		e.evaluation().Warn(&diags)
		for _, it := range diags.Items() {
			out.Warnings = append(out.Warnings, strings.TrimPrefix(it.String(), "warning: "))
		}
	}
	assignIDs(d)
	out.Words = WordCount(d)
	replaceWordCount(d, strconv.Itoa(out.Words))
	out.Doc = d
	return out, nil
}

func (e *env) meta(t Template) doc.Meta {
	r := e.in.Project.Config.Report
	m := doc.Meta{
		Title:        r.Title,
		Organisation: r.Organisation,
		CoSubmitters: r.CoSubmitters,
		Contact:      r.Contact,
		State:        r.State,
		Mechanism:    r.Mechanism,
		Session:      r.Session,
		Stage:        r.Stage,
		Language:     r.Language,
		Confidential: e.in.Confidential || !r.IsPublic(),
		Synthetic:    e.in.Synthetic,
	}
	if r.Date != nil {
		m.Date = time.Date(r.Date.Year, time.Month(r.Date.Month), r.Date.Day, 0, 0, 0, 0, time.UTC).Format("2 January 2006")
	}
	if m.Title == "" {
		m.Title = "Interviews " + e.pub.From + " and " + e.pub.To
		if m.State != "" {
			m.Title += ": " + m.State
		}
	}
	if t.Title != "" && !t.Cover {
		m.Subtitle = m.Title
		m.Title = t.Title
	}
	m.Subject = "Submission"
	if m.Mechanism != "" {
		m.Subject += " to " + m.Mechanism
	}
	if m.Session != "" {
		m.Subject += ", " + m.Session
	}
	if m.Confidential {
		m.Subject = doc.ConfidentialLong + " " + m.Subject
	}
	var head []string
	for _, s := range []string{m.Organisation, m.Mechanism, m.Session} {
		if s != "" {
			head = append(head, s)
		}
	}
	m.Header = strings.Join(head, " · ")
	return m
}

var numberRE = regexp.MustCompile(`^(Table|Figure) \d+\.`)

// renumber numbers tables and figures in the order they appear: the tables an author typed are
// numbered after the template ran, those of actions while it ran.
func renumber(d *doc.Document) {
	n := map[string]int{}
	next := func(caption string) string {
		m := numberRE.FindStringSubmatch(caption)
		if m == nil {
			return caption
		}
		n[m[1]]++
		return m[1] + " " + strconv.Itoa(n[m[1]]) + "." + caption[len(m[0]):]
	}
	for _, b := range d.Blocks {
		switch b := b.(type) {
		case *doc.Table:
			b.Caption = next(b.Caption)
		case *doc.Figure:
			b.Caption = next(b.Caption)
		}
	}
}

// assignIDs gives every heading a unique identifier for links and bookmarks.
func assignIDs(d *doc.Document) {
	seen := map[string]int{}
	for _, b := range d.Blocks {
		h, ok := b.(*doc.Heading)
		if !ok || h.ID != "" {
			continue
		}
		id := slug(h.Text)
		if id == "" {
			id = "section"
		}
		seen[id]++
		if seen[id] > 1 {
			id += "-" + strconv.Itoa(seen[id])
		}
		h.ID = id
	}
}

// WordCount counts the words of a document's body by the rule of docs/templates.md, which
// the document model applies (doc.WordCount): what the build reports and checks against the
// word limit, and what a reader of the Word file counts.
func WordCount(d *doc.Document) int { return doc.WordCount(d) }

func replaceWordCount(d *doc.Document, words string) {
	for _, b := range d.Blocks {
		switch b := b.(type) {
		case *doc.Paragraph:
			for i := range b.Inlines {
				b.Inlines[i].Text = strings.ReplaceAll(b.Inlines[i].Text, wordcountMarker, words)
			}
		case *doc.List:
			for _, it := range b.Items {
				for i := range it {
					it[i].Text = strings.ReplaceAll(it[i].Text, wordcountMarker, words)
				}
			}
		}
	}
}

// funcs are the template actions of docs/templates.md. Every text they return is escaped
// for Markdown: a label or a setting prints as written, never as a link or emphasis.
func (e *env) funcs() template.FuncMap {
	r := e.pub
	pick := func(args []string) (string, string) {
		// the optional arguments are a value and a wave, in any order; a wave name wins
		value, wave := "", r.To
		for _, a := range args {
			switch a {
			case r.From, r.To:
				wave = a
			default:
				value = a
			}
		}
		return value, wave
	}
	side := func(code string, args []string) (SideView, error) {
		value, wave := pick(args)
		var vals []string
		if value != "" {
			vals = []string{value}
		}
		f, err := e.finding(code, vals...)
		if err != nil {
			return SideView{}, err
		}
		v := e.view(f)
		if wave == r.From {
			return v.From, nil
		}
		return v.To, nil
	}
	return template.FuncMap{
		"meta": func() doc.Meta { return escapeMeta(e.meta(Template{})) },
		"from": func() string { return r.From },
		"to":   func() string { return r.To },
		"who":  func() string { return escape(e.in.Who) },
		"one":  func() string { return escape(e.in.One) },
		"level": func() string {
			return present.LevelPercent(r.Level)
		},
		"caveat": func() string {
			if r.Single {
				return present.SingleWaveCaveat
			}
			return present.ComparisonCaveat
		},
		"state": func() string { return escape(doc.StateName(e.in.Project.Config.Report.State)) },
		"count": func(wave string) (int, error) {
			w := e.wave(wave)
			if w == nil {
				return 0, fmt.Errorf("no wave %q", wave)
			}
			if w.Kind != "interviews" {
				n := 0
				for _, f := range w.Figures {
					n = max(n, f.N)
				}
				return n, nil
			}
			return w.Counted(), nil
		},
		"finding": func(code string, value ...string) (FindingView, error) {
			f, err := e.finding(code, value...)
			if err != nil {
				return FindingView{}, err
			}
			return e.view(f), nil
		},
		"sentence": func(code string, value ...string) (string, error) {
			f, err := e.finding(code, value...)
			if err != nil {
				return "", err
			}
			return e.view(f).Sentence(), nil
		},
		"k": func(code string, args ...string) (int, error) {
			s, err := side(code, args)
			if err != nil {
				return 0, err
			}
			return s.K()
		},
		"n": func(code string, args ...string) (int, error) {
			s, err := side(code, args)
			if err != nil {
				return 0, err
			}
			return s.N()
		},
		"share": func(code string, args ...string) (string, error) {
			s, err := side(code, args)
			return s.Share, err
		},
		"ci": func(code string, args ...string) (string, error) {
			s, err := side(code, args)
			return s.CI, err
		},
		"kofn": func(code string, args ...string) (string, error) {
			s, err := side(code, args)
			return s.KofN, err
		},
		"themes": e.themes,
		"theme":  e.theme,
		"findings": func(theme string) (string, error) {
			t, err := e.theme(theme)
			if err != nil {
				return "", err
			}
			return e.marker(e.findingsTable(t)), nil
		},
		"chart": func(theme string) (string, error) {
			t, err := e.theme(theme)
			if err != nil {
				return "", err
			}
			return e.marker(e.chart(t)), nil
		},
		"composition": func() string { return e.marker(e.composition()) },
		"quotes": func(code string, limit ...int) (string, error) {
			if e.in.Project.Codebook.Lookup(code) == nil {
				return "", fmt.Errorf("no code %q in the codebook", code)
			}
			n := 0
			if len(limit) > 0 {
				n = limit[0]
			}
			qs := e.quotes(code, n)
			if len(qs) == 0 {
				return "", nil
			}
			return e.marker(qs...), nil
		},
		"methodology":        func() string { return e.marker(e.methodology()...) },
		"changes":            func() string { return e.marker(e.changes()...) },
		"comparison":         func() string { return e.marker(e.comparison()...) },
		"claims":             func() string { return e.marker(e.claimsSection()...) },
		"followup":           func() string { return e.marker(e.followup()...) },
		"claimstable":        func() string { return e.marker(e.claimsTable()...) },
		"claimlist":          e.claimViews,
		"contradicted":       e.contradicted,
		"hasclaims":          func() bool { return len(e.evaluation().Claims) > 0 },
		"hasrecommendations": func() bool { return len(e.evaluation().Recommendations) > 0 },
		"annex":              func() string { return e.marker(e.annex()) },
		"notcomparable":      func() string { return e.marker(e.notComparable()...) },
		"concerns":           e.concerns,
		"concernsBesides":    e.concernsBesides,
		"worse":              func() []FindingView { return e.byVerdict("worse") },
		"better":             func() []FindingView { return e.byVerdict("better") },
		"wordcount":          func() string { return wordcountMarker },
		"lower":              english.LowerFirst,
		"yesno": func(f FindingView) bool {
			return f.f.Type == codebook.YesNo
		},
	}
}

// escapeMeta escapes the text fields of m for Markdown.
func escapeMeta(m doc.Meta) doc.Meta {
	for _, p := range []*string{&m.Title, &m.Subtitle, &m.Organisation, &m.Contact, &m.State, &m.Mechanism, &m.Session, &m.Stage, &m.Date, &m.Subject, &m.Header, &m.Footer} {
		*p = escape(*p)
	}
	m.CoSubmitters = append([]string(nil), m.CoSubmitters...)
	for i := range m.CoSubmitters {
		m.CoSubmitters[i] = escape(m.CoSubmitters[i])
	}
	return m
}

// byVerdict lists the findings with a verdict; a verdict that does not survive taking into
// account who was interviewed (NotRobust) is left out: it is no finding to lead with.
func (e *env) byVerdict(v string) []FindingView {
	var out []FindingView
	for _, f := range e.pub.Findings {
		if string(f.Verdict) == v && !f.NotRobust {
			out = append(out, e.view(f))
		}
	}
	return out
}

// escape keeps text from being read as Markdown: every ASCII punctuation character that Markdown
// gives a meaning (emphasis, links, autolinks, HTML, code, tables, headings, character
// references) is escaped, so a label prints as written.
func escape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_[]<>|#&!~-+.=:()", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
