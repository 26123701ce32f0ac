package present

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/compare"
)

// labelWidth is the width labels are wrapped at in the table's first column; pageWidth the
// width of paragraphs. Together they keep the table within 100 columns.
const (
	labelWidth = 28
	pageWidth  = 98
)

// Table writes a comparison for people reading a terminal (at most 100 columns for ordinary
// counts): a first line saying it is not for publication; the findings grouped by theme, each
// as "k of n (share)" per wave with its interval below, the difference in points and the
// verdict, the standardised share of tested findings and the notes an interval needs; then the
// composition of the two waves side by side, the standardisation, the findings only one wave
// has, the number codes, the trends, the coders' agreement; and a footer with the caveat and
// the methods. A single-wave result is described the same way, with one wave.
func Table(w io.Writer, r *compare.Result) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, NotForPublication)
	if r.Single {
		fmt.Fprintf(bw, "The people interviewed in %s (one wave: nothing is compared)\n", r.To)
	} else {
		fmt.Fprintf(bw, "Comparison of the people interviewed in %s and in %s\n", r.From, r.To)
	}
	findingsTable(bw, r)
	compositionTable(bw, r)
	standardisationText(bw, r)
	notComparableTable(bw, r)
	numbersTable(bw, r)
	trendsTable(bw, r)
	agreementTable(bw, r)
	footer(bw, r)
	return bw.Flush()
}

// table lays out rows in aligned columns. tabwriter ends a column block at a line with fewer
// cells, so every row of a table has the same number of cells, headings included.
type table struct {
	buf bytes.Buffer
	tw  *tabwriter.Writer
}

func newTable() *table {
	t := &table{}
	t.tw = tabwriter.NewWriter(&t.buf, 0, 0, 2, ' ', 0)
	return t
}

func (t *table) row(cells ...string) {
	fmt.Fprintln(t.tw, strings.Join(cells, "\t"))
}

// flush writes the table to w without the padding at the ends of lines.
func (t *table) flush(w io.Writer) {
	t.tw.Flush()
	for _, l := range strings.SplitAfter(t.buf.String(), "\n") {
		if l != "" {
			fmt.Fprintln(w, strings.TrimRight(l, " \n"))
		}
	}
}

func themeName(t string) string {
	if t == "" {
		return "other findings"
	}
	return t
}

func findingsTable(w io.Writer, r *compare.Result) {
	if len(r.Findings) == 0 {
		if r.Single {
			fmt.Fprintln(w, "\nNo finding in this wave.")
		} else {
			fmt.Fprintln(w, "\nNo finding is in both waves.")
		}
		return
	}
	var themes []string
	byTheme := map[string][]compare.Finding{}
	for _, f := range r.Findings {
		if _, ok := byTheme[f.Theme]; !ok {
			themes = append(themes, f.Theme)
		}
		byTheme[f.Theme] = append(byTheme[f.Theme], f)
	}
	tw := newTable()
	for i, theme := range themes {
		if i > 0 {
			tw.row("", "", "", "", "")
		}
		if r.Single {
			tw.row(strings.ToUpper(themeName(theme)), "", r.To, "", "")
		} else {
			tw.row(strings.ToUpper(themeName(theme)), r.From, r.To, "difference", "verdict")
		}
		prev := ""
		for _, f := range byTheme[theme] {
			// a yes/no code is one row; a category code a row of its own, then one per value
			lines := wrap(f.Label, labelWidth)
			if f.Type != codebook.YesNo {
				if f.Code != prev {
					for _, l := range lines {
						tw.row(l, "", "", "", "")
					}
				}
				lines = wrapIndent(f.Value, labelWidth, "  ")
			}
			prev = f.Code
			if r.Single {
				tw.row(lines[0], "", sideText(f.To), "", "")
				tw.row(at(lines, 1), "", ciText(f.To.CI), "", "")
			} else {
				tw.row(lines[0], sideText(f.From), sideText(f.To), diffText(f.Diff), Verdict(f))
				tw.row(at(lines, 1), ciText(f.From.CI), ciText(f.To.CI), rangeText(f.DiffCI), pText(f, r.Adjust))
				switch s := f.Standardised; {
				case notStandardised(f):
					tw.row(at(lines, 2), "", "", "", "not standardised")
					lines = append(lines[:min(2, len(lines))], lines[min(3, len(lines)):]...)
				case s != nil && f.Family == compare.RoleTested:
					std := []string{at(lines, 2), "", "", "", ""}
					col := 2
					if s.Wave == r.From {
						col = 1
					}
					n := f.To.N
					if col == 1 {
						n = f.From.N
					}
					std[col] = "std. " + Percent(s.Share, n)
					std[3] = Points(s.Diff)
					switch {
					case s.Survives != nil && *s.Survives:
						std[4] = "survives standardisation"
					case s.Survives != nil:
						std[4] = "not after standardisation"
					}
					tw.row(std...)
					lines = append(lines[:min(2, len(lines))], lines[min(3, len(lines)):]...)
				}
			}
			for _, l := range lines[min(2, len(lines)):] {
				tw.row(l, "", "", "", "")
			}
			if note := findingNote(f); note != "" {
				tw.row("", "", "", "", note)
			}
		}
	}
	fmt.Fprintln(w)
	tw.flush(w)
}

// notStandardised reports whether a worse or better verdict could not be standardised: the
// comparison has a standardisation, but none of those who answered could be weighted, so the
// verdict is not robust for want of a test (compare.Finding.NotRobust).
func notStandardised(f compare.Finding) bool {
	return f.NotRobust && (f.Standardised == nil || f.Standardised.Survives == nil)
}

// findingNote is the short note under a finding's verdict: an interval that seems to
// disagree with it, or missing answers that differ.
func findingNote(f compare.Finding) string {
	var notes []string
	switch f.CINote {
	case compare.CIExcludesZeroNotSignificant:
		notes = append(notes, "interval not adjusted (‡)")
	case compare.CIExcludesZeroNotTested:
		notes = append(notes, "not tested; interval only (‡)")
	case compare.CIIncludesZeroSignificant:
		notes = append(notes, "test passes, interval includes 0 (‡)")
	}
	if f.MissingFlag {
		notes = append(notes, "missing answers differ")
	}
	return strings.Join(notes, "; ")
}

// at is xs[i], or the zero value beyond its end.
func at[T any](xs []T, i int) T {
	if i < len(xs) {
		return xs[i]
	}
	var zero T
	return zero
}

// sideText is "31 of 50 (62%)", or "no answers". A count rebuilt from a percentage is
// marked †, with its range when several counts fit: "65–67† of 200 (33%)".
func sideText(s compare.Side) string {
	if s.N == 0 || s.Share == nil {
		return "no answers"
	}
	return countText(s.Count, s.CountMin, s.CountMax, s.Rebuilt) + " of " + strconv.Itoa(s.N) + " (" + Percent(*s.Share, s.N) + ")"
}

// countText is a count, marked † when rebuilt from a percentage, as a range when it is one.
func countText(k, lo, hi int, rebuilt bool) string {
	s := strconv.Itoa(k)
	if rebuilt && lo != hi {
		s = strconv.Itoa(lo) + EnDash + strconv.Itoa(hi)
	}
	if rebuilt {
		s += "†"
	}
	return s
}

func ciText(ci *compare.Interval) string {
	if ci == nil {
		return ""
	}
	return "CI " + PercentRange(ci)
}

func diffText(d *float64) string {
	if d == nil {
		return "—"
	}
	return Points(*d)
}

// rangeText is a difference's interval without the unit: "−12 to +26".
func rangeText(ci *compare.Interval) string {
	if ci == nil {
		return ""
	}
	return strings.TrimSuffix(PointsRange(ci), " points")
}

// pText is "p = 0.506, adj. 1.000", or the p alone when nothing is adjusted.
func pText(f compare.Finding, adjust string) string {
	if f.P == nil {
		return ""
	}
	s := PValue(f.P)
	if adjust != compare.AdjustNone && f.PAdjusted != nil {
		s += ", adj. " + strings.TrimPrefix(strings.TrimPrefix(PValue(f.PAdjusted), "p = "), "p ")
	}
	return s
}

func compositionTable(w io.Writer, r *compare.Result) {
	if len(r.Composition) == 0 {
		return
	}
	fmt.Fprintln(w)
	tw := newTable()
	if r.Single {
		tw.row("WHO WAS INTERVIEWED", "", r.To, "", "")
	} else {
		tw.row("WHO WAS INTERVIEWED", r.From, r.To, "difference", "")
	}
	prev := ""
	for _, c := range r.Composition {
		if c.Code != prev {
			for _, l := range wrap(c.Label, labelWidth) {
				tw.row(l, "", "", "", "")
			}
		}
		prev = c.Code
		mark := ""
		if c.Flag {
			mark = "! over " + strconv.FormatFloat(r.FlagPoints, 'f', -1, 64) + " points"
		}
		lines := wrapIndent(c.Value, labelWidth, "  ")
		from := ""
		if !r.Single {
			from = compSide(c, r.From)
		}
		diff := diffText(c.Diff)
		if r.Single {
			diff = ""
		}
		tw.row(lines[0], from, compSide(c, r.To), diff, mark)
		for _, l := range lines[1:] {
			tw.row(l, "", "", "", "")
		}
	}
	tw.flush(w)
	for _, t := range r.CompositionTests {
		var line string
		switch {
		case t.P == nil:
			line = fmt.Sprintf("%s: fewer than two values published by both waves; not compared.", t.Label)
		default:
			line = fmt.Sprintf("%s: the profiles differ by %s points (total variation distance; Cramér's V %s), %s p %s",
				t.Label, num(*t.TVD*100), num(*t.CramersV), pMethodWords(t.PMethod), strings.TrimPrefix(strings.TrimPrefix(PValue(t.P), "p "), "= "))
			if len(t.LeftOut) > 0 {
				line += "; left out, not published by both: " + strings.Join(t.LeftOut, ", ")
			}
			switch {
			case t.RebuiltCounts == compare.RebuiltNearest:
				line += "; counts rebuilt from percentages (†): too many combinations to try them all, the counts nearest the published percentages taken (not the least favourable)"
			case t.Rebuilt:
				line += "; counts rebuilt from percentages (†), the least favourable taken"
			}
			line += "."
		}
		for _, l := range wrap(line, pageWidth) {
			fmt.Fprintln(w, l)
		}
	}
}

func compSide(c compare.Composition, wave string) string {
	s := c.Shares[wave]
	n, ok := c.N[wave]
	switch {
	case !ok:
		return "—"
	case s == nil:
		return "no answers"
	}
	return countText(c.Counts[wave], c.CountMin[wave], c.CountMax[wave], c.Rebuilt[wave]) + " of " + strconv.Itoa(n) + " (" + Percent(*s, n) + ")"
}

func pMethodWords(m string) string {
	switch m {
	case "exact":
		return "exact"
	case "simulated":
		return "simulated"
	}
	return "chi-square"
}

// standardisationText says how the weighted wave was standardised.
func standardisationText(w io.Writer, r *compare.Result) {
	st := r.Standardisation
	if st == nil {
		return
	}
	var line string
	if st.Method == compare.MethodNone {
		line = "Who was interviewed, taken into account: no standardisation (" + st.Reason + ")."
	} else {
		method := "raked (iterative proportional fitting) to the margins"
		if st.Method == compare.MethodPostStratification {
			method = "post-stratified to the joint profile"
		}
		line = fmt.Sprintf("Who was interviewed, taken into account: the %d people of %s with an answer to every quasi-identifier were %s of %s on %s; weights %s to %s, Kish effective n %s of %d. \"std.\" is a tested finding's share after it, and the difference it leaves.",
			st.People, st.Wave, method, st.Target, strings.Join(st.Margins, ", "), num(st.WeightMin), num(st.WeightMax), strconv.FormatFloat(math.Round(st.EffectiveN*10)/10, 'f', -1, 64), st.People)
		if st.LeftOut > 0 {
			line += fmt.Sprintf(" %d left out (no answer to a quasi-identifier).", st.LeftOut)
		}
		for _, f := range r.Findings {
			if notStandardised(f) {
				line += " \"not standardised\": the finding's standardised test could not be computed (usually: no one who answered it answered every quasi-identifier), so its verdict is not shown to survive (not_robust)."
				break
			}
		}
	}
	for _, s := range st.Skipped {
		line += fmt.Sprintf(" Not used: %s (%s).", s.Code, s.Reason)
	}
	fmt.Fprintln(w)
	for _, l := range wrap(line, pageWidth) {
		fmt.Fprintln(w, l)
	}
}

func notComparableTable(w io.Writer, r *compare.Result) {
	if len(r.NotComparable) == 0 {
		return
	}
	fmt.Fprintln(w)
	tw := newTable()
	tw.row("IN ONE WAVE ONLY", "", "")
	for _, n := range r.NotComparable {
		label := n.Label
		if def := n.CodeDef(); n.Value != "" && (def == nil || def.Type != codebook.YesNo) {
			label += ": " + n.Value
		}
		lines := wrap(label, labelWidth)
		present := "in " + n.PresentIn
		if n.Present != nil {
			present = sideText(*n.Present) + " " + present
		}
		tw.row(lines[0], "not in "+n.MissingFrom, present)
		for _, l := range lines[1:] {
			tw.row(l, "", "")
		}
	}
	tw.flush(w)
}

func numbersTable(w io.Writer, r *compare.Result) {
	if len(r.Numbers) == 0 {
		return
	}
	fmt.Fprintln(w)
	tw := newTable()
	tw.row("NUMBERS", r.From+": median (quartiles)", r.To+": median (quartiles)")
	for _, n := range r.Numbers {
		lines := wrap(n.Label, labelWidth)
		tw.row(lines[0], numberText(n.From), numberText(n.To))
		for _, l := range lines[1:] {
			tw.row(l, "", "")
		}
	}
	tw.flush(w)
}

// numberText is "2 (1–2.25), 8 answers".
func numberText(s *compare.NumberStats) string {
	switch {
	case s == nil:
		return "—"
	case s.Median == nil:
		return "no answers"
	}
	return num(*s.Median) + " (" + num(*s.Q1) + EnDash + num(*s.Q3) + "), " + answers(s.N)
}

func answers(n int) string {
	if n == 1 {
		return "1 answer"
	}
	return strconv.Itoa(n) + " answers"
}

// num writes a number with at most two decimals and a true minus sign.
func num(x float64) string {
	s := strconv.FormatFloat(math.Round(x*100)/100, 'f', -1, 64)
	return strings.Replace(s, "-", Minus, 1)
}

func trendsTable(w io.Writer, r *compare.Result) {
	if len(r.Trends) == 0 {
		return
	}
	fmt.Fprintln(w)
	tw := newTable()
	fmt.Fprintln(w, "Trends: "+compare.TrendsNote+".")
	head := append([]string{"TRENDS OVER ALL WAVES"}, r.Waves...)
	tw.row(append(head, "trend")...)
	for _, t := range r.Trends {
		label := t.Label
		if def := t.CodeDef(); def != nil && def.Type != codebook.YesNo {
			label += ": " + t.Value
		}
		lines := wrap(label, labelWidth)
		counts := make([]string, len(r.Waves)+2)
		shares := make([]string, len(r.Waves)+2)
		counts[0], shares[0] = lines[0], at(lines, 1)
		for i, name := range r.Waves {
			for j, tw := range t.Waves {
				if tw == name {
					counts[i+1] = countText(t.Count[j], at(t.CountMin, j), at(t.CountMax, j), slices.Contains(t.RebuiltIn, name)) + " of " + strconv.Itoa(t.N[j])
					shares[i+1] = Percent(t.Share[j], t.N[j])
				}
			}
			if counts[i+1] == "" {
				counts[i+1] = "—"
			}
		}
		counts[len(counts)-1] = PValue(t.P)
		if t.P == nil {
			counts[len(counts)-1] = "not testable"
		}
		tw.row(counts...)
		tw.row(shares...)
		for _, l := range lines[min(2, len(lines)):] {
			tw.row(append([]string{l}, make([]string, len(r.Waves)+1)...)...)
		}
	}
	tw.flush(w)
}

// agreementTable lists the coders' agreement per wave and code.
func agreementTable(w io.Writer, r *compare.Result) {
	if len(r.Agreement) == 0 {
		return
	}
	fmt.Fprintln(w)
	tw := newTable()
	tw.row("AGREEMENT BETWEEN CODERS", "wave", "alpha", "coded twice", "raw agreement", "")
	for _, a := range r.Agreement {
		alpha, raw, mark := "not defined", "—", ""
		if a.Alpha != nil {
			alpha = strconv.FormatFloat(*a.Alpha, 'f', 3, 64)
		}
		if a.RawAgreement != nil {
			raw = pct(*a.RawAgreement) + "%"
		}
		if !a.Reliable {
			mark = "below 0.667: no verdict"
		}
		lines := wrap(a.Label, labelWidth)
		tw.row(lines[0], a.Wave, alpha, strconv.Itoa(a.Units), raw, mark)
		for _, l := range lines[1:] {
			tw.row(l, "", "", "", "", "")
		}
	}
	tw.flush(w)
}

func footer(w io.Writer, r *compare.Result) {
	fmt.Fprintln(w)
	lv := LevelPercent(r.Level)
	paras := []string{
		ComparisonCaveat,
		"k of n: k of the n people who answered; missing and not applicable answers are left out.",
	}
	if r.Single {
		paras[0] = SingleWaveCaveat
	}
	if r.Single {
		paras = append(paras, fmt.Sprintf("CI: %s Wilson score intervals. One wave: no difference is computed and nothing is tested.", lv))
	} else {
		adjust := map[string]string{
			compare.AdjustHolm: "adjusted by Holm's method",
			compare.AdjustBH:   "adjusted by the Benjamini–Hochberg method",
			compare.AdjustNone: "not adjusted for the number of tests",
		}[r.Adjust]
		threshold := "adjusted p"
		if r.Adjust == compare.AdjustNone {
			threshold = "p"
		}
		paras = append(paras,
			fmt.Sprintf("CI: %s Wilson score intervals; difference: %s, %s interval by Newcombe's method. Intervals are not adjusted for the number of tests.",
				lv, "the later wave minus the earlier one in percentage points", lv),
			fmt.Sprintf("Tested: the findings of codes with a direction (worse or better if higher; a category of two values once) — %s — by Fisher's exact test, %s; findings with fewer than %d answers in a wave are not tested. "+
				"No clear change: %s at or above %s. Codes without a direction and the values of larger categories are described, not tested.",
				tests(r.Family.Size), adjust, r.MinN, threshold, strconv.FormatFloat(r.Family.Alpha, 'f', -1, 64)),
			"‡: the interval does not include 0 but the finding was not tested, or its test does not pass once adjusted (or the reverse); the interval alone is not evidence of a change.",
		)
		if r.MinCell > 1 {
			paras = append(paras, fmt.Sprintf("Withheld: findings of sensitive codes held, or not held, by fewer than %d people in a wave are not tested.", r.MinCell))
		}
		if p := r.Power; p != nil {
			paras = append(paras, powerWords(r, p))
		}
	}
	if rebuilt(r) {
		paras = append(paras, "†: a count rebuilt from a published percentage; a range where several counts print as that percentage, and the test takes the one least favourable to a difference.")
	}
	if len(r.Composition) > 0 && !r.Single {
		paras = append(paras, fmt.Sprintf("Who was interviewed: ! marks groups whose share differs by more than %s points between the waves.", strconv.FormatFloat(r.FlagPoints, 'f', -1, 64)))
	}
	if len(r.Trends) > 0 {
		para := "Trend: Cochran–Armitage test over every wave with the finding, scored by year where the waves are named by years; not testable where every answer is the same. " +
			"Trends are descriptive: each is tested alone, not adjusted for the number of trends, and they include codes the comparison only describes."
		if trendRanges(r) {
			para += " With counts rebuilt from percentages (†), a trend takes the counts least favourable to it, as the comparison does."
		}
		if trendNearest(r) {
			para += " Where a trend's rebuilt ranges allow too many combinations to try, it takes the counts nearest the published percentages, which need not be the least favourable."
		}
		paras = append(paras, para)
	}
	for _, p := range paras {
		for _, l := range wrap(p, pageWidth) {
			fmt.Fprintln(w, l)
		}
	}
}

// powerWords is the footer's power paragraph: the smallest rise and fall detectable with 80%
// power at the bases of a typical tested finding, for the family and for one test alone, and
// at the fewest bases when some findings were answered by far fewer.
func powerWords(r *compare.Result, p *compare.Power) string {
	one := func(d compare.Detectable) string {
		rise, fall := "none within reach", "none within reach"
		if d.Rise != nil {
			rise = strconv.Itoa(*d.Rise) + " points"
		}
		if d.Fall != nil {
			fall = strconv.Itoa(*d.Fall) + " points"
		}
		return "a rise of " + rise + " or a fall of " + fall
	}
	level := strconv.FormatFloat(roundSig(p.Family.Alpha), 'g', -1, 64)
	if p.Family.Alpha != p.SingleTest.Alpha && r.Family.Size > 1 {
		level += " = " + strconv.FormatFloat(p.SingleTest.Alpha, 'g', -1, 64) + "/" + strconv.Itoa(r.Family.Size)
		switch r.Adjust {
		case compare.AdjustHolm:
			level += ", the level of Holm's first step"
		case compare.AdjustBH:
			level += ", the strictest Benjamini–Hochberg can demand (when one finding alone differs)"
		}
	}
	s := fmt.Sprintf("Power: for a typical finding tested, answered by %d in %s and %d in %s, from %s, %s would be detected 80%% of the time at the family's level (%s); %s for one test alone.",
		p.NFrom, r.From, p.NTo, r.To, pct(p.Baseline)+"%", one(p.Family), level, one(p.SingleTest))
	if f := p.Fewest; f != nil {
		s += fmt.Sprintf(" For the findings answered by the fewest, %d and %d: %s at the family's level; %s for one test alone.",
			f.NFrom, f.NTo, one(f.Family), one(f.SingleTest))
	}
	return s + " The tests treat each wave as a random draw from the people who could be interviewed, which does not cover how they were selected."
}

// roundSig rounds to 4 significant digits, for levels such as 0.05/17.
func roundSig(x float64) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'g', 4, 64), 64)
	return v
}

// trendRanges reports whether a trend tested every combination of rebuilt counts.
func trendRanges(r *compare.Result) bool {
	for _, t := range r.Trends {
		if t.RebuiltCounts == compare.RebuiltLeast {
			return true
		}
	}
	return false
}

// trendNearest reports whether a trend took the counts nearest the published percentages.
func trendNearest(r *compare.Result) bool {
	for _, t := range r.Trends {
		if t.RebuiltCounts == compare.RebuiltNearest {
			return true
		}
	}
	return false
}

func rebuilt(r *compare.Result) bool {
	for _, f := range r.Findings {
		if f.Rebuilt {
			return true
		}
	}
	for _, c := range r.Composition {
		for _, b := range c.Rebuilt {
			if b {
				return true
			}
		}
	}
	for _, n := range r.NotComparable {
		if n.Present != nil && n.Present.Rebuilt {
			return true
		}
	}
	for _, t := range r.Trends {
		if len(t.RebuiltIn) > 0 {
			return true
		}
	}
	return false
}

func tests(n int) string {
	if n == 1 {
		return "1 test"
	}
	return strconv.Itoa(n) + " tests"
}

// wrap breaks s into lines of at most width runes at spaces; a longer word is cut.
func wrap(s string, width int) []string {
	return wrapIndent(s, width, "")
}

// wrapIndent wraps s with indent before every line, within width.
func wrapIndent(s string, width int, indent string) []string {
	width -= len([]rune(indent))
	var lines []string
	line := []rune{}
	flush := func() {
		lines = append(lines, indent+string(line))
		line = line[:0]
	}
	for _, word := range strings.Fields(s) {
		wr := []rune(word)
		for len(wr) > width {
			if len(line) > 0 {
				flush()
			}
			line = append(line, wr[:width]...)
			flush()
			wr = wr[width:]
		}
		switch {
		case len(line) == 0:
		case len(line)+1+len(wr) > width:
			flush()
		default:
			line = append(line, ' ')
		}
		line = append(line, wr...)
	}
	if len(line) > 0 || len(lines) == 0 {
		flush()
	}
	return lines
}
