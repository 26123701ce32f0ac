package report

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/compare"
	"github.com/shadowreport/shadowreport/internal/dataset"
	"github.com/shadowreport/shadowreport/internal/diag"
	"github.com/shadowreport/shadowreport/internal/doc"
	"github.com/shadowreport/shadowreport/internal/present"
	"github.com/shadowreport/shadowreport/internal/privacy"
)

// findingsTable is the table of a theme's findings: k of n in each wave, the difference and the verdict.
func (e *env) findingsTable(t Theme) *doc.Table {
	r := e.in.Result
	tab := &doc.Table{
		ID:      e.uniqueID("findings-" + slug(t.Name)),
		Caption: e.tableCaption(t.Title + ": what the " + e.in.Who + " interviewed said, " + r.From + " and " + r.To),
		Header:  []string{"Finding", r.From, r.To, "Difference, points (" + present.LevelPercent(r.Level) + " CI)", "Verdict"},
		Align:   []doc.Align{doc.Left, doc.Right, doc.Right, doc.Right, doc.Left},
		Widths:  []float64{3.2, 1.5, 1.5, 1.9, 1.4},
	}
	for _, f := range t.Findings {
		tab.Rows = append(tab.Rows, []string{f.Label, sideCell(f.From), sideCell(f.To), diffCell(f), f.Verdict})
		tab.Emphasis = append(tab.Emphasis, f.Worse)
	}
	tab.Notes = e.tableNotes()
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

func sideCell(s SideView) string {
	if s.N == 0 {
		return "no answers"
	}
	return s.KofN + " (" + s.Share + ")"
}

func (e *env) tableNotes() []string {
	r := e.in.Result
	adj := map[string]string{"holm": "Holm's method", "bh": "the Benjamini–Hochberg method", "none": "no adjustment"}[r.Adjust]
	return []string{
		"k of n: k of the n " + e.in.Who + " who answered; missing and not applicable answers are left out. Differences in percentage points, " + r.To + " minus " + r.From + ", with Newcombe's interval; verdicts from Fisher's exact test adjusted by " + adj + " (worse or better when the adjusted p is below " + fmt.Sprintf("%g", roundTo(1-r.Level, 4)) + "); findings with fewer than " + fmt.Sprint(r.MinN) + " answers in a wave are not tested. Bold rows are worse.",
		present.ComparisonCaveat,
	}
}

func roundTo(x float64, digits int) float64 {
	p := 1.0
	for i := 0; i < digits; i++ {
		p *= 10
	}
	return float64(int64(x*p+0.5)) / p
}

// chart is the bar chart of a theme's findings, the two waves side by side.
func (e *env) chart(t Theme) *doc.Figure {
	r := e.in.Result
	c := doc.Chart{Title: t.Title, Waves: []string{r.From, r.To}, YLabel: "share of those who answered (" + present.LevelPercent(r.Level) + " CI)"}
	for _, fv := range t.Findings {
		f := fv.f
		c.Groups = append(c.Groups, doc.BarGroup{Label: fv.Label, Bars: []doc.Bar{bar(f.From), bar(f.To)}})
	}
	alt := []string{t.Title + ": share of the " + e.in.Who + " interviewed in " + r.From + " and " + r.To + "."}
	for _, fv := range t.Findings {
		alt = append(alt, fmt.Sprintf("%s: %s in %s, %s in %s.", fv.Label, nz(fv.From.KofN, fv.From.N), r.From, nz(fv.To.KofN, fv.To.N), r.To))
	}
	return &doc.Figure{
		ID:      e.uniqueID("chart-" + slug(t.Name)),
		Caption: e.figureCaption(t.Title + ": " + r.From + " and " + r.To + ", share of the " + e.in.Who + " who answered, with " + present.LevelPercent(r.Level) + " intervals"),
		AltText: strings.Join(alt, " "),
		Chart:   c,
	}
}

func nz(kofn string, n int) string {
	if n == 0 {
		return "no answers"
	}
	return kofn
}

func bar(s compare.Side) doc.Bar {
	b := doc.Bar{K: s.Count, N: s.N}
	if s.Share != nil {
		b.Share, b.Lo, b.Hi = *s.Share, *s.Share, *s.Share
	}
	if s.CI != nil {
		b.Lo, b.Hi = s.CI[0], s.CI[1]
	}
	return b
}

// composition is the table of who was interviewed in each wave (spec §7), small cells suppressed (spec §8).
func (e *env) composition() *doc.Table {
	r := e.in.Result
	k := e.in.Project.Config.Disclosure.MinCell
	flag := e.in.Project.Config.Disclosure.CompositionFlag
	tab := &doc.Table{
		ID:      e.uniqueID("composition"),
		Caption: e.tableCaption("Who was interviewed: the profile of each wave"),
		Header:  []string{"Group", r.From, r.To, "Difference"},
		Align:   []doc.Align{doc.Left, doc.Right, doc.Right, doc.Right},
		Widths:  []float64{3.4, 1.8, 1.8, 1.4},
	}
	var comps [][]compare.Composition // by code
	for _, c := range r.Composition {
		if n := len(comps); n > 0 && comps[n-1][0].Code == c.Code {
			comps[n-1] = append(comps[n-1], c)
		} else {
			comps = append(comps, []compare.Composition{c})
		}
	}
	flagged := false
	withheld := map[string]bool{} // codes with a hidden count: no test of them either
	for _, group := range comps {
		tab.Rows = append(tab.Rows, []string{group[0].Label, "", "", ""})
		tab.Emphasis = append(tab.Emphasis, true)
		cells := map[string][]privacy.Cell{}
		for _, w := range []string{r.From, r.To} {
			counts := make([]int, len(group))
			total := 0
			for i, c := range group {
				counts[i] = c.Counts[w]
				total = max(total, c.N[w])
			}
			var err error
			cells[w], err = privacy.SuppressVector(counts, total, k)
			if err != nil {
				e.refuse(privacy.RuleSmallCells, tab.Caption, fmt.Sprintf("the counts of %s in %s cannot be hidden safely: %v", group[0].Label, w, err))
			}
		}
		hidden := false
		for i, c := range group {
			label := "  " + c.Value
			diff := ""
			suppressed := suppressedAt(cells[r.From], i) || suppressedAt(cells[r.To], i)
			hidden = hidden || suppressed
			switch {
			case suppressed:
				// a difference in points would give the hidden count back: 50 − 44 = 6% of 50
				diff = "—"
			case c.Diff != nil:
				diff = present.Points(*c.Diff)
				if c.Flag {
					diff += " *"
					flagged = true
				}
			}
			tab.Rows = append(tab.Rows, []string{label, compCell(c, r.From, cells[r.From], i, k), compCell(c, r.To, cells[r.To], i, k), diff})
			tab.Emphasis = append(tab.Emphasis, false)
		}
		if hidden {
			withheld[group[0].Code] = true
		}
	}
	tab.Notes = append(tab.Notes, fmt.Sprintf("Counts of 1 to %d people are shown as <%d; where a total would reveal such a count, a second count is hidden too (x).", k-1, k))
	if flagged {
		tab.Notes = append(tab.Notes, fmt.Sprintf("* The share of this group differs by more than %g points between the waves: differences between the waves' findings may reflect who was interviewed.", flag))
	}
	var tests []string
	for _, t := range r.CompositionTests {
		if t.P != nil && !withheld[t.Code] {
			s := t.Label + " " + present.PValue(t.P)
			if t.SmallExpected {
				s += " (approximate: small counts)"
			}
			tests = append(tests, s)
		}
	}
	if len(tests) > 0 {
		tab.Notes = append(tab.Notes, "Profiles compared by Pearson's chi-square test: "+strings.Join(tests, "; ")+".")
	}
	return tab
}

func suppressedAt(cells []privacy.Cell, i int) bool {
	return i < len(cells) && cells[i].Suppressed
}

func compCell(c compare.Composition, wave string, cells []privacy.Cell, i, k int) string {
	n, ok := c.N[wave]
	if !ok || n == 0 {
		return "—"
	}
	if suppressedAt(cells, i) {
		if cells[i].Primary {
			return fmt.Sprintf("<%d of %d", k, n)
		}
		return fmt.Sprintf("x of %d", n)
	}
	return present.KofN(c.Counts[wave], n) + " (" + present.Percent(float64(c.Counts[wave])/float64(n), n) + ")"
}

// quotes are the publishable quotes of a code in the later wave, with coarse attributions.
func (e *env) quotes(code string, limit int) []doc.Block {
	w := e.wave(e.in.Result.To)
	if w == nil {
		return nil
	}
	var out []doc.Block
	for _, q := range w.Quotes {
		if q.Code == nil || q.Code.Name != code {
			continue
		}
		if ok, _ := privacy.Publishable(w, q); !ok {
			continue
		}
		if hits := privacy.Scan(q.Text, e.in.Project.Config.Disclosure.NeverPublish); len(hits) > 0 {
			var kinds []string
			for _, h := range hits {
				kinds = append(kinds, h.Describe())
			}
			where := w.File + ": quotes!" + diag.CellName(q.TextCol, q.Row)
			if !e.refuse(privacy.RuleQuoteText, where, "a quote to be published holds "+joinAnd(dedupe(kinds))+"; remove the detail from the quote") {
				continue
			}
		}
		who := privacy.Attribution(w, e.in.Project.Codebook, q.Person, e.attributionCodes(), e.in.One)
		lang := ""
		if hasHangul(q.Text) {
			lang = "ko"
		}
		out = append(out, &doc.Quote{Text: q.Text, Attribution: who + ", interviewed in " + w.Name, Language: lang})
		if limit > 0 && len(out) == limit {
			break
		}
	}
	return out
}

// attributionCodes are the quasi-identifiers an attribution names: [disclosure] attribution in
// report.toml, or else those about age and the time of leaving — never place, which narrows
// a profile most.
func (e *env) attributionCodes() []string {
	if a := e.in.Project.Config.Disclosure.Attribution; a != nil {
		return a
	}
	return privacy.AttributionCodes(e.in.Project.Codebook)
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
	r := e.in.Result
	tab := &doc.Table{
		ID:      e.uniqueID("annex-findings"),
		Caption: e.tableCaption("All findings, " + r.From + " and " + r.To),
		Header:  []string{"Finding", "Article", r.From, r.To, "Difference, points (" + present.LevelPercent(r.Level) + " CI)", "Adj. p", "Verdict"},
		Align:   []doc.Align{doc.Left, doc.Left, doc.Right, doc.Right, doc.Right, doc.Right, doc.Left},
		Widths:  []float64{2.8, 1.3, 1.4, 1.4, 1.8, 1.0, 1.4},
	}
	for _, t := range e.themes() {
		tab.Rows = append(tab.Rows, []string{t.Title, "", "", "", "", "", ""})
		tab.Emphasis = append(tab.Emphasis, true)
		for _, f := range t.Findings {
			p := strings.TrimPrefix(f.P, "p = ")
			if p == "" {
				p = "—"
			}
			tab.Rows = append(tab.Rows, []string{"  " + f.Label, f.Article, sideCell(f.From) + "; " + f.From.CI, sideCell(f.To) + "; " + f.To.CI, diffCell(f), p, f.Verdict})
			tab.Emphasis = append(tab.Emphasis, false)
		}
	}
	tab.Notes = e.tableNotes()
	return tab
}

// notComparable lists the findings one of the waves lacks.
func (e *env) notComparable() []doc.Block {
	r := e.in.Result
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
			text += fmt.Sprintf("; %s in %s (%s)", present.KofN(n.Present.Count, n.Present.N), n.PresentIn, present.Percent(float64(n.Present.Count)/float64(n.Present.N), n.Present.N))
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
	r := e.in.Result
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
	adj := map[string]string{"holm": "Holm's method", "bh": "the Benjamini–Hochberg method", "none": "no adjustment"}[r.Adjust]
	para(fmt.Sprintf("Every figure is given as k of n: k of the n %s who answered the question. Blank answers (not asked, no answer) and answers of \"not applicable\" are left out of n. Percentages are whole numbers and come with a %s confidence interval (Wilson's score method). A difference between the waves is given in percentage points with Newcombe's interval, and tested with Fisher's exact test; the %d tests of this report are adjusted by %s. Findings with fewer than %d answers in a wave are shown but not tested.",
		e.in.Who, present.LevelPercent(r.Level), r.Tests, adj, r.MinN))
	out = append(out, &doc.Heading{Level: 3, Text: "Limitations"})
	para("Neither group of " + e.in.Who + " was randomly selected. People who leave a country, and those among them who agree to be interviewed, are a convenience sample: their accounts show what happened to them, and cannot be read as the share of all women in the country to whom it happened. A difference between the waves may reflect who could leave and be interviewed at each time, not a change in the country.")
	if from != nil && from.Kind == dataset.Aggregate {
		para("The " + r.From + " figures are taken from the tables of an earlier report; where only a percentage was published, the count was rebuilt from the percentage and its base, and the answers behind them could not be checked again.")
	}
	para("Sensitive experiences such as sexual violence are likely to be under-reported in interviews; a low figure is not evidence that something is rare.")
	out = append(out, &doc.Heading{Level: 3, Text: "Protecting the people interviewed"})
	para(fmt.Sprintf("Everyone interviewed gave informed consent and could withdraw; the answers of those who withdrew are not used anywhere in this report. Quotations are used only where the person agreed to be quoted, and only after a second reader checked them for identifying details; they are attributed by a coarse profile, never by name or code. Counts of fewer than %d people in tables of who was interviewed are not shown.", p.Config.Disclosure.MinCell))
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

// period describes when the people of a wave left, from a quasi-identifier about it.
func (e *env) period(w *dataset.Wave) string {
	if w == nil || w.Kind != dataset.Interviews {
		return ""
	}
	for _, c := range e.in.Project.Codebook.Codes {
		if c.Identifier != codebook.Quasi || c.Type != codebook.Category {
			continue
		}
		name := strings.ToLower(c.Name + " " + c.Label)
		if !strings.Contains(name, "left") && !strings.Contains(name, "period") && !strings.Contains(name, "escape") {
			continue
		}
		t, ok := w.Tally(c)
		if !ok || t.Answered == 0 {
			continue
		}
		var parts []string
		for i, v := range t.Values {
			if t.Counts[i] > 0 {
				parts = append(parts, v)
			}
		}
		return "reported leaving in " + joinAnd(parts) + " (" + strings.ToLower(c.Label) + ")."
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
