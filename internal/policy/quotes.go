package policy

import (
	"fmt"
	"slices"
	"strings"

	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/dataset"
	"github.com/shadowreport/shadowreport/internal/diag"
	"github.com/shadowreport/shadowreport/internal/english"
	"github.com/shadowreport/shadowreport/internal/privacy"
	"github.com/shadowreport/shadowreport/internal/project"
	"github.com/shadowreport/shadowreport/internal/render/clean"
)

// Quote is a quote that may be published, with its attribution.
type Quote struct {
	Text string
	// Translation is the quote in the report's language, checked like the quote itself.
	Translation string
	Attribution string // "woman aged 30-39, left 2014-2016, interviewed in 2017"
	Code        string
	// Where names the quote in the data: "interviews/2017.xlsx: quotes!C5".
	Where string
}

// Quotes returns the quotes of code in the later wave that may be published, at most limit
// (0: all), in the order of the quotes sheet. A quote is published only when its interviewee
// consented to quotes and a second reader reviewed it (never overridable); when its text holds
// nothing that could identify someone — a phone number, a date, a never_publish place, an
// interviewee's id, a value of a quasi-identifier its attribution leaves out — unless an
// override names the quote or the passage; and with an attribution that describes at least k
// counted interviewees of the wave.
func (pol *Policy) Quotes(code string, limit int) []Quote {
	w := pol.wave(pol.r.To)
	if w == nil || w.Kind != dataset.Interviews {
		return nil
	}
	var out []Quote
	for _, q := range w.Quotes {
		if q.Code == nil || q.Code.Name != code {
			continue
		}
		if quote, ok := pol.quote(w, q); ok {
			out = append(out, quote)
			if limit > 0 && len(out) == limit {
				break
			}
		}
	}
	return out
}

// Noun is the singular noun of an attribution ("woman"), set by the build from report.toml.
func (pol *Policy) SetNoun(noun string) { pol.noun = noun }

// verdict is what quote found of a quote.
type verdict struct {
	quote Quote
	ok    bool
}

// quote checks one quote of wave w and words its attribution. A quote is checked once: every
// template asks for the quotes of its codes, and a sheet may repeat a quote many times.
func (pol *Policy) quote(w *dataset.Wave, q dataset.Quote) (Quote, bool) {
	if ok, _ := privacy.Publishable(w, q); !ok {
		return Quote{}, false
	}
	key := quoteKey{w, q.Row, pol.noun}
	if v, ok := pol.verdicts[key]; ok {
		return v.quote, v.ok
	}
	cell := diag.CellName(q.TextCol, q.Row)
	if lim := pol.speakerLimit(w, q.Code); lim.max >= 0 && lim.rank[q.Person] >= lim.max {
		note := fmt.Sprintf("%s: the quote is not published: the count of %s in %s is withheld, and quoting more than %s under it would tell it; the quotes of the first %d in the quotes sheet are published (quote fewer of them, or merge the finding with another so that its count is shown)",
			w.File+": quotes!"+cell, q.Code.Name, w.Name, english.Count(lim.max, "person", "people"), lim.max)
		if !contains(pol.notes, note) {
			pol.notes = append(pol.notes, note)
		}
		pol.verdicts[key] = verdict{}
		return Quote{}, false
	}
	quote, ok := pol.checkQuote(w, q, cell, w.File+": quotes!"+cell)
	pol.verdicts[key] = verdict{quote, ok}
	return quote, ok
}

// quoteKey is a quote (its wave and its row) attributed with a noun.
type quoteKey struct {
	w    *dataset.Wave
	row  int
	noun string
}

func (pol *Policy) checkQuote(w *dataset.Wave, q dataset.Quote, cell, where string) (Quote, bool) {
	target := w.Name + ":" + cell
	ok := true
	// the quote and its translation are printed together: both are checked, as one text
	text := q.Text
	if q.Translation != "" {
		text += "\n" + q.Translation
	}
	// what the text says that could identify someone
	var bad []privacy.Hit
	for _, h := range pol.hits(text) {
		if o, lifted := pol.d.Override(privacy.RuleQuoteText, project.Override{Term: h.Match}); lifted {
			pol.lift(o, where)
			pol.allow(h.Match)
			continue
		}
		bad = append(bad, h)
	}
	if len(bad) > 0 {
		if o, lifted := pol.d.Override(privacy.RuleQuoteText, project.Override{Quote: target}); lifted {
			pol.lift(o, where)
			for _, h := range bad {
				pol.allow(h.Match)
			}
		} else {
			pol.refuse(privacy.RuleQuoteText, project.Override{}, Refusal{
				Where: where,
				What:  "a quote to be published holds " + kinds(bad),
				Fix:   fmt.Sprintf("remove the detail from the quote, or mark it not reviewed; if it is safe to publish, add a [[disclosure.override]] with rule = %q, quote = %q and the reason", privacy.RuleQuoteText, target),
			})
			ok = false
		}
	}
	// an interviewee's id, in any spelling: never safe, whatever an override says
	if pol.quoteHoldsID(text) {
		pol.refuse(privacy.RuleQuoteText, project.Override{}, Refusal{
			Where: where,
			What:  "a quote to be published holds an interviewee's id",
			Fix:   "remove the id from the quote: ids are never published",
		})
		ok = false
	}
	given, left := pol.attributionCodes(w)
	if note := fmt.Sprintf("%s: the quotes of %s are attributed without %s, so that every quoted person's profile describes at least %d people (k) and shows no value the table of who was interviewed hides", w.File, w.Name, english.List(left), pol.k); len(left) > 0 && !contains(pol.notes, note) {
		pol.notes = append(pol.notes, note)
	}
	a := privacy.Attribute(w, pol.cb, q.Person, given, pol.noun, pol.k)
	if note := fmt.Sprintf("%s: the quote's attribution leaves out %s, so that it describes at least %d people (k)", where, english.List(a.Dropped), pol.k); len(a.Dropped) > 0 && !contains(pol.notes, note) {
		pol.notes = append(pol.notes, note)
	}
	// a value of a quasi-identifier, or a part of one, the attribution does not give exactly
	if codes := pol.quasiCodes(a, text); len(codes) > 0 {
		if o, lifted := pol.d.Override(privacy.RuleQuoteText, project.Override{Quote: target}); lifted {
			pol.lift(o, where)
		} else {
			pol.refuse(privacy.RuleQuoteText, project.Override{}, Refusal{
				Where: where,
				What: fmt.Sprintf("a quote to be published names a value of a quasi-identifier (an age band, a province, a period) that its attribution does not give exactly, or a part of one (a province of a group, a decade or an age of a band, a year of a period): %s; so it says more about who spoke than the attribution may",
					english.List(codes)),
				Fix: fmt.Sprintf("edit the quote so that it no longer names it; or give that value in the attribution ([disclosure] attribution in report.toml; a value the attribution leaves out so as to describe at least k people cannot be given); if it is safe, add a [[disclosure.override]] with rule = %q, quote = %q and the reason", privacy.RuleQuoteText, target),
			})
			ok = false
		}
	}
	if !ok {
		return Quote{}, false
	}
	pol.approved[q.Text] = true
	if q.Translation != "" {
		pol.approved[q.Translation] = true
	}
	if !contains(pol.published, where) {
		pol.published = append(pol.published, where)
	}
	return Quote{Text: q.Text, Translation: q.Translation, Attribution: a.Text + ", interviewed in " + w.Name, Code: q.Code.Name, Where: where}, true
}

// quoteHoldsID is holdsID for the text of a quote, each text searched once.
func (pol *Policy) quoteHoldsID(text string) bool {
	h, ok := pol.holds[text]
	if !ok {
		h = pol.holdsID(text, pol.idsInQuotes)
		pol.holds[text] = h
	}
	return h
}

// quasiCodes is quasiCodes for the text of a quote and its attribution, each pair searched once.
func (pol *Policy) quasiCodes(a privacy.Attributed, text string) []string {
	key := strings.Join([]string{a.Text, strings.Join(a.Codes, ","), strings.Join(a.Dropped, ","), text}, "\x00")
	codes, ok := pol.quasi[key]
	if !ok {
		codes = quasiCodes(pol.cb, a, text)
		pol.quasi[key] = codes
	}
	return codes
}

// holdsID reports whether text, as written or as the renderers will draw it, holds one of the
// ids m finds.
func (pol *Policy) holdsID(text string, m *privacy.IDs) bool {
	if len(m.Find(text)) > 0 {
		return true
	}
	c := clean.Text(text, true, nil)
	return c != text && len(m.Find(c)) > 0
}

// checkIDs refuses a text of the input that reaches the outputs (a template's line, a label, a
// setting) when it holds an interviewee's id: never overridable.
func (pol *Policy) checkIDs(where, text string) {
	if pol.holdsID(text, pol.idsInProse) {
		pol.refuse(privacy.RuleText, project.Override{}, Refusal{
			Where: where,
			What:  "holds an interviewee's id, which would be published",
			Fix:   "remove it: ids are never published, and no override lifts this",
		})
	}
}

// quasiCodes names the quasi-identifiers of which text, as written or as the renderers will
// draw it, names a value or a part of one that the attribution a does not give exactly.
func quasiCodes(cb *codebook.Codebook, a privacy.Attributed, text string) []string {
	hs := privacy.QuasiMentions(cb, a, text)
	if c := clean.Text(text, true, nil); c != text {
		hs = append(hs, privacy.QuasiMentions(cb, a, c)...)
	}
	var codes []string
	for _, h := range hs {
		if !contains(codes, h.Code) {
			codes = append(codes, h.Code)
		}
	}
	return codes
}

// TypedQuote checks a quotation an author typed into a template (a Markdown "> " block). It
// may be published only as a reviewed quote of the data: then it gets the data's attribution,
// replacing any typed one. Otherwise it is refused unless an override names the template.
func (pol *Policy) TypedQuote(file, text string) (attribution string, ok bool) {
	want := codebook.Key(text)
	for _, w := range pol.described() {
		for _, q := range w.Quotes {
			if codebook.Key(q.Text) != want || q.Code == nil {
				continue
			}
			if ok, _ := privacy.Publishable(w, q); !ok {
				break
			}
			if pub, ok := pol.quote(w, q); ok {
				return pub.Attribution, true
			}
			return "", false
		}
	}
	if o, lifted := pol.d.Override(privacy.RuleTemplateText, project.Override{File: file}); lifted {
		pol.lift(o, file)
		pol.checkText(privacy.RuleText, file+": a quotation", text)
		pol.approved[text] = true
		return "", true
	}
	pol.refuse(privacy.RuleTemplateText, project.Override{}, Refusal{
		Where: file,
		What:  "a quotation typed into the template is not a reviewed quote of the data, so nobody checked its consent and its details",
		Fix:   fmt.Sprintf("put the quote in the quotes sheet of its wave (consent and review apply) and use {{ quotes \"code\" }}, or add a [[disclosure.override]] with rule = %q, file = %q and the reason", privacy.RuleTemplateText, file),
	})
	return "", false
}

// Notes are what the policy changed to publish safely (attributions coarsened), for the log.
func (pol *Policy) Notes() []string { return pol.notes }

// Published lists where each quote the policy let through is in the data ("interviews/2017.xlsx:
// quotes!C5"), in the order first published.
func (pol *Policy) Published() []string { return pol.published }

// speakersAllowed is how many people of wave w may be quoted under code: min_cell − 2 when the
// code's finding in w is withheld with a count of fewer than min_cell (or shows nothing), so
// that the number of people quoted, a lower bound of the count, leaves it at least two values;
// −1 (any number) otherwise.
func (pol *Policy) speakersAllowed(w *dataset.Wave, code *codebook.Code) int {
	if code == nil || pol.minCell < 2 {
		return -1
	}
	limited := false
	check := func(s Side) {
		if s.Wave != w.Name || s.Show == Exact {
			return
		}
		// "all but fewer than min_cell": the count is known to be at least n − min_cell + 1
		if s.Show != NoFigures && s.count >= pol.minCell {
			return
		}
		limited = true
	}
	for _, f := range pol.public.Findings {
		if f.Code == code.Name {
			check(f.From)
			check(f.To)
		}
	}
	for _, n := range pol.public.NotComparable {
		if n.Code == code.Name && n.Present != nil {
			check(*n.Present)
		}
	}
	if !limited {
		return -1
	}
	return max(1, pol.minCell-2)
}

// speakerKey is a code of a wave.
type speakerKey struct {
	w    *dataset.Wave
	code *codebook.Code
}

// speakerLimit is how many people of a wave may be quoted under a code (speakersAllowed), and
// each quoted person's place among them (speakerRanks).
type speakerLimit struct {
	max  int
	rank map[int]int
}

// speakerLimit is speakersAllowed and speakerRanks of code in w, found once for all its quotes.
func (pol *Policy) speakerLimit(w *dataset.Wave, code *codebook.Code) speakerLimit {
	key := speakerKey{w, code}
	if l, ok := pol.speakers[key]; ok {
		return l
	}
	l := speakerLimit{max: pol.speakersAllowed(w, code)}
	if l.max >= 0 {
		l.rank = speakerRanks(w, code)
	}
	if pol.speakers == nil {
		pol.speakers = map[speakerKey]speakerLimit{}
	}
	pol.speakers[key] = l
	return l
}

// speakerRanks is the place of each person quoted under code in w among the people quoted
// under it, in the order of the quotes sheet, counting those whose quotes may be published
// (consent and review).
func speakerRanks(w *dataset.Wave, code *codebook.Code) map[int]int {
	rank := map[int]int{}
	for _, o := range w.Quotes {
		if o.Code != code {
			continue
		}
		if ok, _ := privacy.Publishable(w, o); !ok {
			continue
		}
		if _, ok := rank[o.Person]; !ok {
			rank[o.Person] = len(rank)
		}
	}
	return rank
}

// hiddenInTable reports whether person's value of the quasi-identifier code is a count the
// table of who was interviewed hides in wave w.
func (pol *Policy) hiddenInTable(w *dataset.Wave, code string, person int) bool {
	c := pol.cb.Lookup(code)
	if c == nil || c.Identifier != codebook.Quasi || pol.public == nil {
		return false
	}
	col := w.Column(c)
	if col == nil || person < 0 || person >= len(col.State) || col.State[person] != dataset.Answered {
		return false
	}
	for _, t := range pol.public.Composition {
		if t.Code != c.Name {
			continue
		}
		for _, row := range t.Rows {
			i := slices.Index(c.Values, row.Value)
			if i < 0 || i >= 64 || col.Bits[person]&(1<<i) == 0 {
				continue
			}
			if cell, ok := row.Cells[w.Name]; ok && cell.Published && cell.Mark != "" {
				return true
			}
		}
	}
	return false
}

// attributionCodes are the quasi-identifiers the quotes of wave w are attributed by, the same
// for every quote, and those left out. What one attribution leaves out must say nothing of its
// speaker: left out for her alone, a code says that her group is small, and the others' say
// which group that is. So a code is left out of all of them when a value of it that a quoted
// person holds is a count the table of who was interviewed hides (naming it would tell the
// partner from the small count beside it), and then, while some quoted person's profile
// describes fewer than k people, the code whose removal leaves the smallest such profile
// largest (the first in order on a tie).
func (pol *Policy) attributionCodes(w *dataset.Wave) (given, left []string) {
	if pol.attrCodes == nil {
		pol.attrCodes = map[*dataset.Wave][2][]string{}
	}
	if c, ok := pol.attrCodes[w]; ok {
		return c[0], c[1]
	}
	codes := pol.p.Config.Disclosure.Attribution
	if codes == nil {
		for _, c := range pol.cb.Codes {
			if c.Identifier == codebook.Quasi && !c.Sensitive {
				codes = append(codes, c.Name)
			}
		}
	}
	var people []int
	for _, q := range w.Quotes {
		if ok, _ := privacy.Publishable(w, q); ok && q.Code != nil && !slices.Contains(people, q.Person) {
			people = append(people, q.Person)
		}
	}
	given = []string{}
	for _, name := range codes {
		hidden := false
		for _, p := range people {
			hidden = hidden || pol.hiddenInTable(w, name, p)
		}
		if hidden {
			left = append(left, name)
		} else {
			given = append(given, name)
		}
	}
	// the smallest group a quoted person's profile describes with these codes
	smallest := func(cs []string) int {
		least := -1
		for _, p := range people {
			a := privacy.Attribute(w, pol.cb, p, cs, pol.noun, 0)
			if least < 0 || a.Group < least {
				least = a.Group
			}
		}
		return least
	}
	for len(given) > 0 && len(people) > 0 && smallest(given) < pol.k {
		drop, best := 0, -1
		for i := range given {
			rest := slices.Delete(slices.Clone(given), i, i+1)
			if n := smallest(rest); n > best {
				drop, best = i, n
			}
		}
		left = append(left, given[drop])
		given = slices.Delete(given, drop, drop+1)
	}
	pol.attrCodes[w] = [2][]string{given, left}
	return given, left
}
