package report

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/dataset"
	"github.com/shadowreport/shadowreport/internal/doc"
	"github.com/shadowreport/shadowreport/internal/policy"
	"github.com/shadowreport/shadowreport/internal/present"
	"github.com/shadowreport/shadowreport/internal/privacy"
)

// findingsTable is the table of a theme's findings: k of n in each wave, the difference and the verdict.
func (e *env) findingsTable(t Theme) *doc.Table {
	r := e.pub
	tab := &doc.Table{
		ID:      e.uniqueID("findings-" + slug(t.Name)),
		Caption: e.tableCaption(t.plain + ": what the " + e.in.Who + " interviewed said, " + r.From + " and " + r.To),
		Header:  []string{"Finding", r.From, r.To, "Difference, points (" + present.LevelPercent(r.Level) + " CI)", "Verdict"},
		Align:   []doc.Align{doc.Left, doc.Right, doc.Right, doc.Right, doc.Left},
		Widths:  []float64{3.2, 1.5, 1.5, 1.9, 1.4},
	}
	for _, f := range t.Findings {
		tab.Rows = append(tab.Rows, []string{f.plainLabel(), sideCell(f.f.From), sideCell(f.f.To), diffCell(f), f.Verdict})
		tab.Emphasis = append(tab.Emphasis, f.Worse)
	}
	tab.Notes = e.tableNotes(t.Findings)
	return tab
}

// diffCell writes "+8 (−12 to +26)": the difference in points with its interval.
func diffCell(f FindingView) string {
	if f.Diff == "" {
		return "—"
	}
	trim := func(s string) string { return strings.TrimSuffix(strings.TrimSuffix(s, " points"), " point") }
	return trim(f.Diff) + " (" + trim(f.DiffCI) + ")"
}

// sideCell writes one wave's count in a table: "28 of 40 (70%)", "fewer than 5 of 40".
func sideCell(s policy.Side) string {
	if s.N == 0 {
		return "no answers"
	}
	if s.Share == nil {
		return s.KofN()
	}
	return s.KofN() + " (" + present.Percent(*s.Share, s.N) + ")"
}

// adjustment words the adjustment for the number of tests.
func adjustment(adjust string) string {
	switch adjust {
	case "holm":
		return "adjusted for the number of tests by Holm's method"
	case "bh":
		return "adjusted for the number of tests by the Benjamini–Hochberg method"
	}
	return "not adjusted for the number of tests"
}

func (e *env) tableNotes(fs []FindingView) []string {
	r := e.pub
	notes := []string{
		"k of n: k of the n " + e.in.Who + " who answered; missing and not applicable answers are left out. Differences in percentage points, " + r.To + " minus " + r.From + ", computed before rounding, with Newcombe's interval; verdicts from Fisher's exact test " + adjustment(r.Adjust) + " (worse or better when the p-value is below " + fmt.Sprintf("%g", roundTo(1-r.Level, 4)) + "); findings with fewer than " + fmt.Sprint(r.MinN) + " answers in a wave are not tested. Bold rows are worse.",
	}
	for _, f := range fs {
		if f.Withheld {
			notes = append(notes, fmt.Sprintf("Counts of fewer than %d people of sensitive findings are given as a range, without share, interval or test, to protect the people interviewed.", r.MinCell))
			break
		}
	}
	return append(notes, present.ComparisonCaveat)
}

func roundTo(x float64, digits int) float64 {
	p := 1.0
	for i := 0; i < digits; i++ {
		p *= 10
	}
	return float64(int64(x*p+0.5)) / p
}

// chart is the bar chart of a theme's findings, the two waves side by side. A withheld count
// has no bar, only its label.
func (e *env) chart(t Theme) *doc.Figure {
	r := e.pub
	c := doc.Chart{Title: t.plain, Waves: []string{r.From, r.To}, YLabel: "share of those who answered (" + present.LevelPercent(r.Level) + " CI)"}
	for _, fv := range t.Findings {
		f := fv.f
		c.Groups = append(c.Groups, doc.BarGroup{Label: fv.plainLabel(), Bars: []doc.Bar{bar(f.From), bar(f.To)}})
	}
	alt := []string{t.plain + ": share of the " + e.in.Who + " interviewed in " + r.From + " and " + r.To + "."}
	for _, fv := range t.Findings {
		alt = append(alt, fmt.Sprintf("%s: %s in %s, %s in %s.", fv.plainLabel(), nz(fv.f.From), r.From, nz(fv.f.To), r.To))
	}
	return &doc.Figure{
		ID:      e.uniqueID("chart-" + slug(t.Name)),
		Caption: e.figureCaption(t.plain + ": " + r.From + " and " + r.To + ", share of the " + e.in.Who + " who answered, with " + present.LevelPercent(r.Level) + " intervals"),
		AltText: strings.Join(alt, " "),
		Chart:   c,
	}
}

func nz(s policy.Side) string {
	if s.N == 0 {
		return "no answers"
	}
	return s.KofN()
}

func bar(s policy.Side) doc.Bar {
	b := doc.Bar{N: s.N, Label: s.Short(), Hidden: s.Share == nil}
	if s.Share != nil {
		b.Share, b.Lo, b.Hi = *s.Share, *s.Share, *s.Share
	}
	if s.CI != nil {
		b.Lo, b.Hi = s.CI[0], s.CI[1]
	}
	return b
}

// composition is the table of who was interviewed in each wave, as the policy publishes it:
// small counts hidden behind marks, no difference or test that would give them back.
func (e *env) composition() *doc.Table {
	r := e.pub
	flag := e.in.Project.Config.Disclosure.CompositionFlag
	tab := &doc.Table{
		ID:      e.uniqueID("composition"),
		Caption: e.tableCaption("Who was interviewed: the profile of each wave"),
		Header:  []string{"Group", r.From, r.To, "Difference"},
		Align:   []doc.Align{doc.Left, doc.Right, doc.Right, doc.Right},
		Widths:  []float64{3.4, 1.8, 1.8, 1.4},
	}
	flagged, hidden := false, false
	var tests []string
	for _, t := range r.Composition {
		tab.Rows = append(tab.Rows, []string{t.Label, "", "", ""})
		tab.Emphasis = append(tab.Emphasis, true)
		for _, row := range t.Rows {
			diff := "—"
			if row.Diff != nil {
				diff = present.Points(*row.Diff)
				if row.Flag {
					diff += " *"
					flagged = true
				}
			}
			tab.Rows = append(tab.Rows, []string{"  " + row.Value, compCell(row.Cells[r.From]), compCell(row.Cells[r.To]), diff})
			tab.Emphasis = append(tab.Emphasis, false)
		}
		hidden = hidden || t.Hidden
		if t.Test != nil && t.Test.P != nil {
			s := t.Label + " " + present.PValue(t.Test.P)
			if t.Test.SmallExpected {
				s += " (approximate: small counts)"
			}
			tests = append(tests, s)
		}
	}
	if hidden {
		tab.Notes = append(tab.Notes, privacy.SuppressionNote(e.in.Policy.Threshold())+" No difference or test is given for a group with a hidden count.")
	}
	if flagged {
		tab.Notes = append(tab.Notes, fmt.Sprintf("* The share of this group differs by more than %g points between the waves: differences between the waves' findings may reflect who was interviewed.", flag))
	}
	if len(tests) > 0 {
		tab.Notes = append(tab.Notes, "Profiles compared by Pearson's chi-square test: "+strings.Join(tests, "; ")+".")
	}
	return tab
}

func compCell(c policy.CompositionCell) string {
	if !c.Published || c.N == 0 {
		return "—"
	}
	if c.Mark != "" {
		return c.Mark + " of " + strconv.Itoa(c.N)
	}
	k, _ := c.Count()
	return present.KofN(k, c.N) + " (" + present.Percent(float64(k)/float64(c.N), c.N) + ")"
}

// quotes are the publishable quotes of a code in the later wave, with coarse attributions.
func (e *env) quotes(code string, limit int) []doc.Block {
	var out []doc.Block
	for _, q := range e.in.Policy.Quotes(code, limit) {
		lang := ""
		if hasHangul(q.Text) {
			lang = "ko"
		}
		out = append(out, &doc.Quote{Text: q.Text, Attribution: q.Attribution, Language: lang})
	}
	return out
}

func hasHangul(s string) bool {
	for _, r := range s {
		if r >= 0xAC00 && r <= 0xD7A3 || r >= 0x1100 && r <= 0x11FF || r >= 0x3130 && r <= 0x318F {
			return true
		}
	}
	return false
}

// annex is the table of every finding of the comparison.
func (e *env) annex() *doc.Table {
	r := e.pub
	tab := &doc.Table{
		ID:      e.uniqueID("annex-findings"),
		Caption: e.tableCaption("All findings, " + r.From + " and " + r.To),
		Header:  []string{"Finding", "Article", r.From, r.To, "Difference, points (" + present.LevelPercent(r.Level) + " CI)", "Adj. p", "Verdict"},
		Align:   []doc.Align{doc.Left, doc.Left, doc.Right, doc.Right, doc.Right, doc.Right, doc.Left},
		Widths:  []float64{2.8, 1.3, 1.4, 1.4, 1.8, 1.0, 1.4},
	}
	var all []FindingView
	for _, t := range e.themes() {
		tab.Rows = append(tab.Rows, []string{t.plain, "", "", "", "", "", ""})
		tab.Emphasis = append(tab.Emphasis, true)
		for _, f := range t.Findings {
			p := strings.TrimPrefix(f.P, "p = ")
			if p == "" {
				p = "—"
			}
			tab.Rows = append(tab.Rows, []string{"  " + f.plainLabel(), f.f.Article, withCI(f.f.From), withCI(f.f.To), diffCell(f), p, f.Verdict})
			tab.Emphasis = append(tab.Emphasis, false)
			all = append(all, f)
		}
	}
	tab.Notes = e.tableNotes(all)
	return tab
}

// withCI writes a side with its interval: "28 of 40 (70%); 55–82%".
func withCI(s policy.Side) string {
	if s.CI == nil {
		return sideCell(s)
	}
	return sideCell(s) + "; " + present.PercentRange(s.CI)
}

// notComparable lists the findings one of the waves lacks.
func (e *env) notComparable() []doc.Block {
	r := e.pub
	if len(r.NotComparable) == 0 {
		return nil
	}
	var items [][]doc.Inline
	for _, n := range r.NotComparable {
		label := n.Label
		if n.Value != "" && n.Value != "yes" {
			label += ": " + n.Value
		}
		text := label + " — not asked or not published in " + n.MissingFrom
		if n.Present != nil && n.Present.N > 0 {
			text += "; " + n.Present.KofN() + " in " + n.PresentIn
			if n.Present.Share != nil {
				text += " (" + present.Percent(*n.Present.Share, n.Present.N) + ")"
			}
		}
		items = append(items, []doc.Inline{{Text: text + "."}})
	}
	return []doc.Block{
		&doc.Paragraph{Numbered: true, Inlines: []doc.Inline{{Text: "The following findings appear in only one of the two waves and are not compared:"}}},
		&doc.List{Items: items},
	}
}

// methodology is the generated section on the sample, the statistics and their limits.
func (e *env) methodology() []doc.Block {
	r := e.pub
	p := e.in.Project
	var out []doc.Block
	para := func(s string) { out = append(out, &doc.Paragraph{Numbered: true, Inlines: []doc.Inline{{Text: s}}}) }
	to, from := p.Wave(r.To), p.Wave(r.From)
	para(e.describeWave(to, true))
	para(e.describeWave(from, false))
	if period := e.period(to); period != "" {
		para("The " + e.in.Who + " interviewed in " + r.To + " " + period + " Events they described may date from before they left; the findings describe their experience, not the situation in the country at the time of writing.")
	}
	out = append(out, &doc.Heading{Level: 3, Text: "Who was interviewed"})
	para("Each wave's profile is shown side by side, so that readers can see where the groups differ; a group whose share differs by more than " + fmt.Sprintf("%g", p.Config.Disclosure.CompositionFlag) + " points between the waves is marked.")
	out = append(out, e.composition())
	out = append(out, &doc.Heading{Level: 3, Text: "How the figures were computed"})
	para(fmt.Sprintf("Every figure is given as k of n: k of the n %s who answered the question. Blank answers (not asked, no answer) and answers of \"not applicable\" are left out of n. Percentages are whole numbers and come with a %s confidence interval (Wilson's score method). A difference between the waves is given in percentage points with Newcombe's interval, and tested with Fisher's exact test; the %d tests of this report are %s. Findings with fewer than %d answers in a wave are shown but not tested.",
		e.in.Who, present.LevelPercent(r.Level), r.Tests, adjustment(r.Adjust), r.MinN))
	out = append(out, &doc.Heading{Level: 3, Text: "Limitations"})
	para("Neither group of " + e.in.Who + " was randomly selected. People who leave a country, and those among them who agree to be interviewed, are a convenience sample: their accounts show what happened to them, and cannot be read as the share of all " + e.in.Who + " in the country to whom it happened. A difference between the waves may reflect who could leave and be interviewed at each time, not a change in the country.")
	if from != nil && from.Kind == dataset.Aggregate {
		para("The " + r.From + " figures are taken from the tables of an earlier report; where only a percentage was published, the count was rebuilt from the percentage and its base, and the answers behind them could not be checked again.")
	}
	para("Sensitive experiences such as sexual violence are likely to be under-reported in interviews; a low figure is not evidence that something is rare.")
	out = append(out, &doc.Heading{Level: 3, Text: "Protecting the people interviewed"})
	para(fmt.Sprintf("Everyone interviewed gave informed consent and could withdraw; the answers of those who withdrew are not used anywhere in this report. Quotations are used only where the person agreed to be quoted, and only after a second reader checked them for identifying details; they are attributed by a coarse profile that fits at least %d of the %s interviewed, never by name or code. Counts of fewer than %d people in tables of who was interviewed are not shown, and sensitive findings of fewer than %d people (or of all but so few) are given as a range, without share, interval or test.",
		e.in.Policy.K(), e.in.Who, e.in.Policy.Threshold(), r.MinCell))
	// the rules lifted by report.toml are only known once every action ran: Assemble fills it
	e.overridePara = &doc.Paragraph{Numbered: true}
	out = append(out, e.overridePara)
	return out
}

func (e *env) describeWave(w *dataset.Wave, later bool) string {
	if w == nil {
		return ""
	}
	if w.Kind == dataset.Aggregate {
		var sources []string
		seen := map[string]bool{}
		for _, f := range w.Figures {
			if f.Source != "" && !seen[f.Source] {
				seen[f.Source] = true
				sources = append(sources, f.Source)
			}
		}
		base := 0
		for _, f := range w.Figures {
			base = max(base, f.N)
		}
		s := fmt.Sprintf("The %s wave is known from the figures published at the time: up to %d %s answered each question.", w.Name, base, e.in.Who)
		if len(sources) > 0 {
			s += " Source: " + condenseSources(sources) + "."
		}
		return s
	}
	s := fmt.Sprintf("The %s wave consists of interviews with %d %s, each coded question by question in a codebook of %d codes.", w.Name, w.Counted(), e.in.Who, len(e.in.Project.Codebook.Codes))
	if !later {
		s = fmt.Sprintf("The %s wave consists of interviews with %d %s, coded with the same codebook.", w.Name, w.Counted(), e.in.Who)
	}
	return s
}

// period describes when the people of a wave left, from a quasi-identifier about leaving
// (named or labelled with "left", "leav" or "escape"; never a sensitive code). A period that
// fewer than the table threshold share is not named: it is a group of too few people.
func (e *env) period(w *dataset.Wave) string {
	if w == nil || w.Kind != dataset.Interviews {
		return ""
	}
	for _, c := range e.in.Project.Codebook.Codes {
		if c.Identifier != codebook.Quasi || c.Type != codebook.Category || c.Sensitive {
			continue
		}
		name := strings.ToLower(c.Name + " " + c.Label)
		if !strings.Contains(name, "left") && !strings.Contains(name, "leav") && !strings.Contains(name, "escape") {
			continue
		}
		t, ok := w.Tally(c)
		if !ok || t.Answered == 0 {
			continue
		}
		var parts []string
		few := false
		for i, v := range t.Values {
			switch {
			case t.Counts[i] >= e.in.Policy.Threshold():
				parts = append(parts, v)
			case t.Counts[i] > 0:
				few = true
			}
		}
		if len(parts) == 0 {
			return ""
		}
		s := "reported leaving in " + joinAnd(parts)
		if few {
			s += fmt.Sprintf(" (and fewer than %d at other times)", e.in.Policy.Threshold())
		}
		return s + " (" + strings.ToLower(c.Label) + ")."
	}
	return ""
}

// condenseSources turns "2014 report, p. 8", "2014 report, p. 12", "2014 report, p. 13" into
// "2014 report, pp. 8, 12–13".
func condenseSources(sources []string) string {
	pages := map[string][]int{}
	var order []string
	var other []string
	for _, s := range sources {
		i := strings.LastIndex(s, ", p. ")
		if i < 0 {
			other = append(other, s)
			continue
		}
		n, err := strconv.Atoi(strings.TrimSpace(s[i+len(", p. "):]))
		if err != nil {
			other = append(other, s)
			continue
		}
		doc := s[:i]
		if _, ok := pages[doc]; !ok {
			order = append(order, doc)
		}
		pages[doc] = append(pages[doc], n)
	}
	var out []string
	for _, d := range order {
		ps := pages[d]
		sort.Ints(ps)
		var runs []string
		for i := 0; i < len(ps); {
			j := i
			for j+1 < len(ps) && ps[j+1] <= ps[j]+1 {
				j++
			}
			if j > i {
				runs = append(runs, fmt.Sprintf("%d–%d", ps[i], ps[j]))
			} else {
				runs = append(runs, strconv.Itoa(ps[i]))
			}
			i = j + 1
		}
		prefix := ", p. "
		if len(ps) > 1 {
			prefix = ", pp. "
		}
		out = append(out, d+prefix+strings.Join(runs, ", "))
	}
	return strings.Join(append(out, other...), "; ")
}

func dedupe(xs []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

func joinAnd(xs []string) string {
	switch len(xs) {
	case 0:
		return ""
	case 1:
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}

func slug(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		default:
			if b.Len() > 0 && !strings.HasSuffix(b.String(), "-") {
				b.WriteByte('-')
			}
		}
	}
	return strings.Trim(b.String(), "-")
}
