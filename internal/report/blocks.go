package report

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/compare"
	"github.com/shadowreport/shadowreport/internal/dataset"
	"github.com/shadowreport/shadowreport/internal/doc"
	"github.com/shadowreport/shadowreport/internal/english"
	"github.com/shadowreport/shadowreport/internal/policy"
	"github.com/shadowreport/shadowreport/internal/present"
	"github.com/shadowreport/shadowreport/internal/privacy"
)

// findingsTable is the table of a theme's findings: k of n in each wave, the difference and the
// verdict; the later wave standardised to the earlier one's profile when that is published.
func (e *env) findingsTable(t Theme) *doc.Table {
	r := e.pub
	tab := &doc.Table{
		ID:      e.uniqueID("findings-" + slug(t.Name)),
		Caption: e.tableCaption(t.plain + ": what the " + e.in.Who + " interviewed said, " + r.From + " and " + r.To),
		Header:  []string{"Finding", r.From, r.To, "Difference, points (" + present.LevelPercent(r.Level) + " CI, not adjusted)", "Verdict"},
		Align:   []doc.Align{doc.Left, doc.Right, doc.Right, doc.Right, doc.Left},
		Widths:  []float64{3.2, 1.5, 1.5, 1.9, 1.4},
	}
	std := r.Standardisation != nil && r.Standardisation.Method != "none"
	if std {
		tab.Header = []string{"Finding", r.From, r.To, "Difference, points (" + present.LevelPercent(r.Level) + " CI, not adjusted)", "Standardised " + r.To, "Verdict"}
		tab.Align = []doc.Align{doc.Left, doc.Right, doc.Right, doc.Right, doc.Right, doc.Left}
		tab.Widths = []float64{2.5, 1.3, 1.3, 1.8, 1.5, 1.6}
	}
	for _, f := range t.Findings {
		row := []string{f.plainLabel(), sideCell(f.f.From), sideCell(f.f.To), diffCell(f)}
		if std {
			row = append(row, orDash(f.Standardised))
		}
		tab.Rows = append(tab.Rows, append(row, verdictCell(f)))
		tab.Emphasis = append(tab.Emphasis, f.Worse && !f.NotRobust)
	}
	tab.Notes = e.tableNotes(t.Findings)
	tab.Numbers = numbers(t.Findings, std)
	if r.Single {
		// one wave: its figures alone, no comparison and no verdict
		dropColumns(tab, func(h string) bool { return h != "Finding" && h != r.To })
		tab.Caption = strings.TrimSuffix(tab.Caption, ", "+r.From+" and "+r.To) + ", " + r.To
	}
	return tab
}

// dropColumns removes the columns whose header drop names, with their numbers (the numbers of
// the earlier wave and of the comparison, for a report of one wave).
func dropColumns(tab *doc.Table, drop func(header string) bool) {
	keep := func(i int) bool { return i >= len(tab.Header) || !drop(tab.Header[i]) }
	filter := func(row []string) []string {
		var out []string
		for i, c := range row {
			if keep(i) {
				out = append(out, c)
			}
		}
		return out
	}
	for i := range tab.Rows {
		tab.Rows[i] = filter(tab.Rows[i])
	}
	var align []doc.Align
	var widths []float64
	for i := range tab.Header {
		if keep(i) {
			if i < len(tab.Align) {
				align = append(align, tab.Align[i])
			}
			if i < len(tab.Widths) {
				widths = append(widths, tab.Widths[i])
			}
		}
	}
	tab.Header, tab.Align, tab.Widths = filter(tab.Header), align, widths
	var nums []doc.NumberColumn
	for _, c := range tab.Numbers {
		if !strings.Contains(c.Header, "earlier") && !strings.Contains(c.Header, "difference") && !strings.Contains(c.Header, "adjusted") && !strings.Contains(c.Header, "standardised") {
			nums = append(nums, c)
		}
	}
	tab.Numbers = nums
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// verdictCell is the verdict with the marks its notes explain.
func verdictCell(f FindingView) string {
	v := f.Verdict
	if f.f.CINote != "" {
		v += " " + markCI
	}
	if f.NotRobust {
		v += " " + markNotRobust
	}
	return v
}

// numbers are the figures of a findings table as numbers, for the annex: counts, bases,
// shares, interval bounds, differences and adjusted p of each wave, nil where the text
// withholds them.
func numbers(fs []FindingView, std bool) []doc.NumberColumn {
	col := func(header string, format doc.NumberFormat) doc.NumberColumn {
		return doc.NumberColumn{Header: header, Format: format, Values: make([]*float64, len(fs))}
	}
	cols := []doc.NumberColumn{
		col("count (earlier)", doc.NumInteger), col("n (earlier)", doc.NumInteger), col("share (earlier)", doc.NumPercent),
		col("CI low (earlier)", doc.NumPercent), col("CI high (earlier)", doc.NumPercent),
		col("count (later)", doc.NumInteger), col("n (later)", doc.NumInteger), col("share (later)", doc.NumPercent),
		col("CI low (later)", doc.NumPercent), col("CI high (later)", doc.NumPercent),
		col("difference", doc.NumSignedPercent), col("difference CI low", doc.NumSignedPercent), col("difference CI high", doc.NumSignedPercent),
		col("adjusted p", doc.NumDecimal3),
	}
	if std {
		// published rounded to whole percent and points (see compare's standardised figures)
		cols = append(cols, col("later, standardised", doc.NumWholePercent), col("difference, standardised", doc.NumSignedWholePercent))
	}
	for i, fv := range fs {
		f := fv.f
		side := func(s policy.Side, at int) {
			if k, ok := s.Count(); ok {
				if lo, hi := s.Range(); lo == hi {
					cols[at].Values[i] = doc.Num(float64(k))
				}
			}
			if n, ok := s.N(); ok {
				cols[at+1].Values[i] = doc.Num(float64(n))
			}
			cols[at+2].Values[i] = s.Share
			if s.CI != nil {
				cols[at+3].Values[i], cols[at+4].Values[i] = doc.Num(s.CI[0]), doc.Num(s.CI[1])
			}
		}
		side(f.From, 0)
		side(f.To, 5)
		cols[10].Values[i] = f.Diff
		if f.DiffCI != nil {
			cols[11].Values[i], cols[12].Values[i] = doc.Num(f.DiffCI[0]), doc.Num(f.DiffCI[1])
		}
		cols[13].Values[i] = f.PAdjusted
		if std && f.Standardised != nil {
			cols[14].Values[i], cols[15].Values[i] = doc.Num(f.Standardised.Share), doc.Num(f.Standardised.Diff)
		}
	}
	return cols
}

// diffCell writes "+8 (−12 to +26)": the difference in points with its interval.
func diffCell(f FindingView) string {
	if f.Diff == "" {
		return "—"
	}
	trim := func(s string) string { return strings.TrimSuffix(strings.TrimSuffix(s, " points"), " point") }
	return trim(f.Diff) + " (" + trim(f.DiffCI) + ")"
}

// sideCell writes one wave's count in a table: "28 of 40 (70%)", "fewer than 5 of 40", a
// rebuilt count marked "31 of 50 (62%) ‡".
func sideCell(s policy.Side) string {
	if s.NoAnswers() {
		return "no answers"
	}
	out := s.KofN()
	if p := percent(s); p != "" {
		out += " (" + p + ")"
	}
	if s.Rebuilt && s.Show == policy.Exact {
		out += " " + markRebuilt
	}
	return out
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

// tableNotes explain a table of findings: what k of n and the verdicts mean, and each mark the
// table uses.
func (e *env) tableNotes(fs []FindingView) []string {
	r := e.pub
	if r.Single {
		notes := []string{"k of n: k of the n " + e.in.Who + " who answered; missing and not applicable answers are left out; " + present.LevelPercent(r.Level) + " intervals by Wilson's method."}
		for _, f := range fs {
			if f.Withheld {
				notes = append(notes, fmt.Sprintf("Counts of fewer than %d people of sensitive findings are given as a range, without share or interval, to protect the people interviewed.", r.MinCell))
				break
			}
		}
		return append(notes, present.SingleWaveCaveat)
	}
	notes := []string{
		"k of n: k of the n " + e.in.Who + " who answered; missing and not applicable answers are left out. Differences in percentage points, " + r.To + " minus " + r.From + ", computed before rounding, with Newcombe's interval at " + present.LevelPercent(r.Level) + ", not adjusted for the number of tests. Only findings of codes with a direction (where more is worse, or more is better) are tested, by Fisher's exact test " + adjustment(r.Adjust) + ": worse or better when the adjusted p is below " + fmt.Sprintf("%g", roundTo(1-r.Level, 4)) + "; findings with fewer than " + fmt.Sprint(r.MinN) + " answers in a wave are not tested. Bold rows are worse.",
	}
	has := map[string]bool{}
	for _, f := range fs {
		has["withheld"] = has["withheld"] || f.Withheld
		has[f.f.CINote] = true
		has["rebuilt"] = has["rebuilt"] || f.f.From.Rebuilt || f.f.To.Rebuilt
		has["notrobust"] = has["notrobust"] || f.NotRobust && !notStandardised(f.f)
		has["notstandardised"] = has["notstandardised"] || notStandardised(f.f)
		has["missing"] = has["missing"] || f.f.MissingFlag
		has["std"] = has["std"] || f.Standardised != ""
		has["stdsensitive"] = has["stdsensitive"] || f.f.StandardisedWithheld
		for _, s := range []policy.Side{f.f.From, f.f.To} {
			switch s.Show {
			case policy.Fewer, policy.AllBut:
				has["ranged"] = true
			case policy.Hidden:
				has["hidden"] = true
			case policy.NoFigures:
				has["nofigures"] = true
			}
		}
	}
	if has["ranged"] {
		notes = append(notes, fmt.Sprintf("Counts of fewer than %d people of sensitive findings are given as a range, without share, interval or test, to protect the people interviewed.", r.MinCell))
	}
	if has["hidden"] {
		notes = append(notes, "x: not shown. Where the number who answered would give a small count of a sensitive question away, other counts of the same question are hidden with it.")
	}
	if has["nofigures"] {
		notes = append(notes, fmt.Sprintf("Not shown: nothing is published of a wave's answers to a question that fewer than %d people answered, or whose number of answers would give a hidden count away (a question asked only of those who said yes to a sensitive one).", r.MinCell))
	}
	if has["std"] {
		notes = append(notes, "Standardised: the "+r.To+" share had the "+r.To+" interviewees been weighted to the "+r.From+" profile of who was interviewed (see the methodology), with the difference it gives.")
	}
	if has["stdsensitive"] {
		notes = append(notes, "The standardised shares of sensitive findings are not published (—): with the profiles of who was interviewed, they would tell how many of each group said so.")
	}
	if has["excludes_zero_not_significant"] {
		notes = append(notes, markCI+" The interval does not include 0, but the test adjusted for the number of tests does not pass: with so many findings tested, a difference this size can arise by chance.")
	}
	if has["excludes_zero_not_tested"] {
		notes = append(notes, markCI+" The interval does not include 0, but the finding was not tested: it is described only.")
	}
	if has["includes_zero_significant"] {
		notes = append(notes, markCI+" The test passes although the interval includes no difference: the two methods differ slightly at the margin.")
	}
	if has["notrobust"] {
		notes = append(notes, markNotRobust+" The verdict does not survive taking into account who was interviewed (standardisation): it may reflect who could be interviewed rather than their experience.")
	}
	if has["notstandardised"] {
		notes = append(notes, markNotRobust+" Not standardised: the answers could not be weighted to the "+r.From+" profile of who was interviewed (usually because none of the "+e.in.Who+" who answered gave every characteristic it uses), so the verdict is not shown to survive taking it into account: it may reflect who could be interviewed rather than their experience.")
	}
	if has["rebuilt"] {
		notes = append(notes, markRebuilt+" A count rebuilt from a percentage published in an earlier report; where several counts fit it, all are shown and the test uses the least favourable.")
	}
	if has["missing"] {
		notes = append(notes, "The share of the "+e.in.Who+" who did not answer differs by more than "+fmt.Sprintf("%g", e.in.Project.Config.Disclosure.CompositionFlag)+" points between the waves for at least one finding: see the annex.")
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
	waves := r.From + " and " + r.To
	if r.Single {
		c.Waves, waves = []string{r.To}, r.To
	}
	for _, fv := range t.Findings {
		f := fv.f
		bars := []doc.Bar{bar(f.From), bar(f.To)}
		if r.Single {
			bars = bars[1:]
		}
		c.Groups = append(c.Groups, doc.BarGroup{Label: fv.plainLabel(), Bars: bars})
	}
	alt := []string{t.plain + ": share of the " + e.in.Who + " interviewed in " + waves + "."}
	for _, fv := range t.Findings {
		if r.Single {
			alt = append(alt, fmt.Sprintf("%s: %s in %s.", fv.plainLabel(), nz(fv.f.To), r.To))
			continue
		}
		alt = append(alt, fmt.Sprintf("%s: %s in %s, %s in %s.", fv.plainLabel(), nz(fv.f.From), r.From, nz(fv.f.To), r.To))
	}
	return &doc.Figure{
		ID:      e.uniqueID("chart-" + slug(t.Name)),
		Caption: e.figureCaption(t.plain + ": " + waves + ", share of the " + e.in.Who + " who answered, with " + present.LevelPercent(r.Level) + " intervals"),
		AltText: strings.Join(alt, " "),
		Chart:   c,
	}
}

func nz(s policy.Side) string {
	if s.NoAnswers() {
		return "no answers"
	}
	return s.KofN()
}

func bar(s policy.Side) doc.Bar {
	n, _ := s.N() // 0 when not shown: the bar is then absent, labelled "not shown"
	b := doc.Bar{N: n, Label: s.Short(), Hidden: s.Share == nil}
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
			s := t.Label
			if t.Test.TVD != nil {
				s += " " + present.Percent(*t.Test.TVD, 100) + ","
			}
			s += " " + present.PValue(t.Test.P)
			if t.Test.PMethod == "chi_square" {
				s += " (chi-square)"
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
	if r.Single {
		dropColumns(tab, func(h string) bool { return h != "Group" && h != r.To })
		tab.Caption = strings.TrimSuffix(tab.Caption, ": the profile of each wave") + " in " + r.To
	}
	if len(tests) > 0 {
		tab.Notes = append(tab.Notes, "How far the profiles differ, as the share of people who would have to be in another group for the two profiles to match (total variation distance), with an exact p (simulated for large tables): "+strings.Join(tests, "; ")+". Only the values both waves published are compared.")
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
		out = append(out, &doc.Quote{Text: q.Text, Translation: q.Translation, Attribution: q.Attribution, Language: lang})
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

// annex is the table of every finding of the comparison. Its numbers (annex.xlsx) add the
// standardised figures and the missing answers of each wave, which the printed table leaves out
// to stay readable.
func (e *env) annex() *doc.Table {
	r := e.pub
	std := r.Standardisation != nil && r.Standardisation.Method != "none"
	tab := &doc.Table{
		ID:      e.uniqueID("annex-findings"),
		Caption: e.tableCaption("All findings, " + r.From + " and " + r.To),
		Header:  []string{"Finding", "Article", r.From, r.To, "Difference, points (" + present.LevelPercent(r.Level) + " CI, not adjusted)", "Adj. p", "Verdict"},
		Align:   []doc.Align{doc.Left, doc.Left, doc.Right, doc.Right, doc.Right, doc.Right, doc.Left},
		Widths:  []float64{2.8, 1.3, 1.4, 1.4, 1.8, 1.0, 1.4},
	}
	var all []FindingView
	var rows []int // the row of each finding, for the numbers
	for _, t := range e.themes() {
		tab.Rows = append(tab.Rows, []string{t.plain, "", "", "", "", "", ""})
		tab.Emphasis = append(tab.Emphasis, true)
		for _, f := range t.Findings {
			p := strings.TrimPrefix(f.P, "p = ")
			if p == "" {
				p = "—"
			}
			rows = append(rows, len(tab.Rows))
			tab.Rows = append(tab.Rows, []string{"  " + f.plainLabel(), f.f.Article, withCI(f.f.From), withCI(f.f.To), diffCell(f), p, verdictCell(f)})
			tab.Emphasis = append(tab.Emphasis, false)
			all = append(all, f)
		}
	}
	tab.Notes = e.tableNotes(all)
	// the numbers line up with the rows: a theme's heading row has none
	cols := numbers(all, std)
	noAnswer := func(header string, side func(policy.Finding) policy.Side) doc.NumberColumn {
		c := doc.NumberColumn{Header: header, Format: doc.NumInteger, Values: make([]*float64, len(all))}
		for i, f := range all {
			if s := side(f.f); s.Missing != nil {
				n := *s.Missing
				if s.NotApplicable != nil {
					n += *s.NotApplicable
				}
				c.Values[i] = doc.Num(float64(n))
			}
		}
		return c
	}
	cols = append(cols, noAnswer("no answer (earlier)", func(f policy.Finding) policy.Side { return f.From }),
		noAnswer("no answer (later)", func(f policy.Finding) policy.Side { return f.To }))
	for _, c := range cols {
		v := make([]*float64, len(tab.Rows))
		for i, at := range rows {
			v[at] = c.Values[i]
		}
		c.Values = v
		tab.Numbers = append(tab.Numbers, c)
	}
	if r.Single {
		dropColumns(tab, func(h string) bool { return h != "Finding" && h != "Article" && h != r.To })
		tab.Caption = strings.TrimSuffix(tab.Caption, ", "+r.From+" and "+r.To) + ", " + r.To
	}
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
		if n.Present != nil && !n.Present.NoAnswers() {
			text += "; " + n.Present.KofN() + " in " + n.PresentIn
			if p := percent(*n.Present); p != "" {
				text += " (" + p + ")"
			}
		}
		items = append(items, []doc.Inline{{Text: text + "."}})
	}
	return []doc.Block{
		numbered("The following findings appear in only one of the two waves and are not compared:"),
		&doc.List{Items: items},
	}
}

// methodology is the generated section on the sample, the statistics and their limits.
func (e *env) methodology() []doc.Block {
	r := e.pub
	p := e.in.Project
	var out []doc.Block
	para := func(s string) { out = append(out, numbered(s)) }
	to, from := p.Wave(r.To), p.Wave(r.From)
	para(e.describeWave(to, true))
	para(e.describeWave(from, false))
	if period := e.period(to); period != "" {
		para("The " + e.in.Who + " interviewed in " + r.To + " " + period + " Events they described may date from before they left; the findings describe their experience, not the situation in the country at the time of writing.")
	}
	out = append(out, &doc.Heading{Level: 3, Text: "Who was interviewed"})
	if r.Single {
		para("The table below shows who was interviewed, by the characteristics that describe them.")
	} else {
		para("Each wave's profile is shown side by side, so that readers can see where the groups differ; a group whose share differs by more than " + fmt.Sprintf("%g", p.Config.Disclosure.CompositionFlag) + " points between the waves is marked.")
	}
	out = append(out, e.composition())
	out = append(out, &doc.Heading{Level: 3, Text: "How the figures were computed"})
	for _, t := range e.computed() {
		para(t)
	}
	out = append(out, &doc.Heading{Level: 3, Text: "Limitations"})
	if r.Single {
		para("The " + e.in.Who + " interviewed were not randomly selected. People who leave a country, and those among them who agree to be interviewed, are a convenience sample: their accounts show what happened to them, and cannot be read as the share of all " + e.in.Who + " in the country to whom it happened.")
	} else {
		para("Neither group of " + e.in.Who + " was randomly selected. People who leave a country, and those among them who agree to be interviewed, are a convenience sample: their accounts show what happened to them, and cannot be read as the share of all " + e.in.Who + " in the country to whom it happened. A difference between the waves may reflect who could leave and be interviewed at each time, not a change in the country.")
	}
	if !r.Single {
		para("The tests treat each wave as if its " + e.in.Who + " had been drawn at random from those who could have been interviewed at the time. They say nothing about those who could not be reached: no test corrects for who was able to leave, or willing to speak.")
	}
	if e.rebuilt() {
		para("Some figures of an earlier report were published only as percentages: their counts were rebuilt from the percentage and its base (marked " + markRebuilt + "). Where several counts fit the printed percentage, every one is shown and the test uses the one least favourable to a difference; the answers behind them could not be checked again.")
	}
	if from != nil && from.Kind == dataset.Aggregate {
		para("The " + r.From + " figures are taken from the tables of an earlier report, whose interviews could not be read again.")
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
		// the periods the table of who was interviewed shows, and no other: it hides a small
		// count with partners, so that which of them is small cannot be told; naming the
		// partners here would tell it
		var table *policy.CompositionTable
		for i := range e.pub.Composition {
			if e.pub.Composition[i].Code == c.Name {
				table = &e.pub.Composition[i]
			}
		}
		if table == nil {
			return ""
		}
		var parts []string
		others := false
		for i, v := range t.Values {
			shown := false
			for _, row := range table.Rows {
				if row.Value != v {
					continue
				}
				if cell, ok := row.Cells[w.Name]; ok {
					_, shown = cell.Count()
				}
			}
			switch {
			case shown && t.Counts[i] >= e.in.Policy.Threshold():
				parts = append(parts, v)
			case t.Counts[i] > 0:
				others = true
			}
		}
		if len(parts) == 0 {
			return ""
		}
		s := "reported leaving in " + english.List(parts)
		if others {
			s += " (and others at other times, as the table below shows)"
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

// rebuilt reports whether any figure of the report was rebuilt from a published percentage.
func (e *env) rebuilt() bool {
	for _, f := range e.pub.Findings {
		if f.From.Rebuilt || f.To.Rebuilt {
			return true
		}
	}
	return false
}

// computed says how the figures were computed: the intervals, the family of tests and its
// size, what the comparison could detect, the standardisation for who was interviewed, the
// answers missing and the coders' agreement.
func (e *env) computed() []string {
	r := e.pub
	var out []string
	out = append(out, fmt.Sprintf("Every figure is given as k of n: k of the n %s who answered the question. Blank answers (not asked, no answer) and answers of \"not applicable\" are left out of n. Percentages are whole numbers and come with a %s confidence interval (Wilson's score method). Intervals are not adjusted for the number of findings: each shows the uncertainty that chance alone puts in one figure, were the %s drawn at random.",
		e.in.Who, present.LevelPercent(r.Level), e.in.Who))
	if r.Single {
		return append(out, "This report describes one wave of interviews: no finding is compared with another wave, and none is tested.")
	}
	fam := r.Family
	text := fmt.Sprintf("A difference between the waves is given in percentage points with Newcombe's interval. Only the findings of codes with a direction — where more is worse, or more is better — are tested, with Fisher's exact test: the %s of this report, %s, whose verdict is worse, better or no clear change.",
		english.Count(fam.Size, "test", "tests"), adjustment(r.Adjust))
	var left []string
	if fam.Described > 0 {
		left = append(left, fmt.Sprintf("%d described without a test (codes without a direction, and the values of a category with more than two)", fam.Described))
	}
	if fam.TooFew > 0 {
		left = append(left, fmt.Sprintf("%d with fewer than %d answers in a wave", fam.TooFew, r.MinN))
	}
	if fam.Withheld > 0 {
		left = append(left, fmt.Sprintf("%d findings whose counts are withheld, which a test would give away", fam.Withheld))
	}
	if fam.Unreliable > 0 {
		left = append(left, fmt.Sprintf("%d whose coding the second coder did not confirm well enough", fam.Unreliable))
	}
	if len(left) > 0 {
		text += " The other findings are shown but not tested: " + english.List(left) + "."
	}
	out = append(out, text)
	if pw := r.Power; pw != nil && fam.Size > 0 {
		out = append(out, e.powerWords(pw))
	}
	switch st := r.Standardisation; {
	case r.StandardisationWithheld != "":
		out = append(out, "Who was interviewed was not taken into account by weighting in this report: "+r.StandardisationWithheld+".")
	case st != nil && st.Method != "none":
		method := map[string]string{"raking": "raking (iterative proportional fitting) to its published margins", "post_stratification": "post-stratification to its profile"}[st.Method]
		nr, ns := 0, 0
		for _, f := range r.Findings {
			switch {
			case notStandardised(f):
				ns++
			case f.NotRobust:
				nr++
			}
		}
		text := fmt.Sprintf("Who was interviewed, taken into account: the %s wave was weighted to the %s wave's profile of %s by %s. The weights range from %.2f to %.2f; weighted, the %s count as %.1f people of the %d interviewed (Kish's effective number). The standardised column shows a tested finding as it reads with the %s %s weighted to the %s wave's totals of %s, one characteristic at a time: it cannot take into account how the waves differ in their combination, or in anything else.",
			st.Wave, st.Target, english.List(e.labels(st.Margins)), method, st.WeightMin, st.WeightMax, e.in.Who, st.EffectiveN, st.People, st.Wave, e.in.Who, st.Target, english.List(e.labels(st.Margins)))
		if nr > 0 {
			text += fmt.Sprintf(" %s not survive it (marked %s) and %s not listed among the changes.", map[bool]string{true: "One verdict does", false: english.Count(nr, "verdict", "verdicts") + " do"}[nr == 1], markNotRobust, map[bool]string{true: "is", false: "are"}[nr == 1])
		}
		if ns > 0 {
			text += fmt.Sprintf(" %s not be standardised, usually because none of the %s who answered gave every characteristic used (marked %s): %s not shown to survive it and %s not listed among the changes.",
				map[bool]string{true: "One verdict could", false: english.Count(ns, "verdict", "verdicts") + " could"}[ns == 1], e.in.Who, markNotRobust, map[bool]string{true: "it is", false: "they are"}[ns == 1], map[bool]string{true: "is", false: "are"}[ns == 1])
		}
		out = append(out, text)
	case st != nil:
		out = append(out, "Who was interviewed could not be taken into account by weighting: "+st.Reason+".")
	}
	for _, f := range r.Findings {
		if f.MissingFlag {
			out = append(out, fmt.Sprintf("For some findings the share of %s who did not answer differs by more than %g points between the waves (the annex gives the numbers): a difference between the waves may then reflect who answered.", e.in.Who, e.in.Project.Config.Disclosure.CompositionFlag))
			break
		}
	}
	if len(r.Agreement) > 0 {
		var weak []string
		units := 0
		for _, a := range r.Agreement {
			units = max(units, a.Units)
			if !a.Reliable {
				weak = append(weak, english.LowerFirst(a.Label))
			}
		}
		coded := fmt.Sprintf("up to %d", units)
		if units == 0 {
			coded = "some" // how many is withheld: they are the people of a hidden count
		}
		text := fmt.Sprintf("A second coder coded %s of the interviews again, independently; agreement was measured code by code with Krippendorff's alpha.", coded)
		if len(weak) > 0 {
			text += " Codes with an alpha below 0.667 are not tested (coding not reliable enough): " + english.List(weak) + "."
		} else {
			text += " Every code reached an alpha of 0.667 or more."
		}
		out = append(out, text)
	}
	return out
}

// powerWords says what the comparison could detect: at the bases of a typical finding tested,
// for one test alone and at the level the adjustment demands of the first finding (the worst
// case of Benjamini–Hochberg), and at the fewest bases when some findings were answered by far
// fewer.
func (e *env) powerWords(pw *compare.Power) string {
	r := e.pub
	detect := func(d compare.Detectable) string {
		switch {
		case d.Rise != nil && d.Fall != nil:
			return fmt.Sprintf("about %d points up or %d points down", *d.Rise, *d.Fall)
		case d.Rise != nil:
			return fmt.Sprintf("about %d points up (no fall could be detected)", *d.Rise)
		case d.Fall != nil:
			return fmt.Sprintf("about %d points down (no rise could be detected)", *d.Fall)
		}
		return "no change within the possible range"
	}
	adjusted := r.Adjust != compare.AdjustNone && r.Family.Size > 1
	level := ""
	switch r.Adjust {
	case compare.AdjustHolm:
		level = fmt.Sprintf("at the level Holm's method demands of the first finding (%g divided by the %d tests)", roundTo(1-r.Level, 4), r.Family.Size)
	case compare.AdjustBH:
		level = fmt.Sprintf("at the strictest level the Benjamini–Hochberg method can demand, when one finding alone differs (%g divided by the %d tests)", roundTo(1-r.Level, 4), r.Family.Size)
	}
	s := fmt.Sprintf("What the comparison could detect: for a question answered by %d %s in %s and %d in %s (a typical finding tested), and a finding at %s in %s, a difference had to reach %s for one test alone to find it %d times in 10",
		pw.NFrom, e.in.Who, r.From, pw.NTo, r.To, present.Percent(pw.Baseline, 100), r.From, detect(pw.SingleTest), int(pw.Power*10+0.5))
	if adjusted {
		s += " and, " + level + ", " + detect(pw.Family)
	}
	s += "."
	if f := pw.Fewest; f != nil {
		s += fmt.Sprintf(" For questions answered by fewer, e.g. %d and %d, and a finding at the same %s, only differences of %s could be detected %d times in 10 by one test alone", f.NFrom, f.NTo, present.Percent(pw.Baseline, 100), detect(f.SingleTest), int(pw.Power*10+0.5))
		if adjusted {
			s += " and, once the number of tests is taken into account, " + detect(f.Family)
		}
		s += "."
	}
	return s + " Smaller differences may exist and go undetected: \"no clear change\" is not evidence that nothing changed."
}

// labels names codes by their labels, in lower case.
func (e *env) labels(codes []string) []string {
	var out []string
	for _, c := range codes {
		if code := e.in.Project.Codebook.Lookup(c); code != nil {
			out = append(out, english.LowerFirst(code.Label))
		} else {
			out = append(out, c)
		}
	}
	return out
}
