package present

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math"
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
// counts): the findings grouped by theme, each as "k of n (share)" per wave with its interval
// below, the difference in points and the verdict; then the composition of the two waves side
// by side, the findings only one wave has, the number codes, the trends; and a footer with the
// caveat of docs/contract.md §7 and the methods.
func Table(w io.Writer, r *compare.Result) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "Comparison of the people interviewed in %s and in %s\n", r.From, r.To)
	findingsTable(bw, r)
	compositionTable(bw, r)
	notComparableTable(bw, r)
	numbersTable(bw, r)
	trendsTable(bw, r)
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
		fmt.Fprintln(w, "\nNo finding is in both waves.")
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
		tw.row(strings.ToUpper(themeName(theme)), r.From, r.To, "difference", "verdict")
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
			tw.row(lines[0], sideText(f.From), sideText(f.To), diffText(f.Diff), Verdict(f))
			if second := []string{at(lines, 1), ciText(f.From.CI), ciText(f.To.CI), rangeText(f.DiffCI), pText(f, r.Adjust)}; strings.Join(second, "") != "" {
				tw.row(second...)
			}
			for _, l := range lines[min(2, len(lines)):] {
				tw.row(l, "", "", "", "")
			}
		}
	}
	fmt.Fprintln(w)
	tw.flush(w)
}

func at(lines []string, i int) string {
	if i < len(lines) {
		return lines[i]
	}
	return ""
}

// sideText is "31 of 50 (62%)", or "no answers".
func sideText(s compare.Side) string {
	if s.N == 0 || s.Share == nil {
		return "no answers"
	}
	return KofN(s.Count, s.N) + " (" + Percent(*s.Share, s.N) + ")"
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
	tw.row("WHO WAS INTERVIEWED", r.From, r.To, "difference", "")
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
		tw.row(lines[0], compSide(c, r.From), compSide(c, r.To), diffText(c.Diff), mark)
		for _, l := range lines[1:] {
			tw.row(l, "", "", "", "")
		}
	}
	tw.flush(w)
	for _, t := range r.CompositionTests {
		if t.P == nil {
			continue
		}
		line := fmt.Sprintf("%s: profiles compared by Pearson's chi-square, %s (%d df)", t.Label, PValue(t.P), t.DF)
		if t.SmallExpected {
			line += "; some expected counts are below 5, so p is approximate"
		}
		fmt.Fprintln(w, line)
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
	return KofN(c.Counts[wave], n) + " (" + Percent(*s, n) + ")"
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
					counts[i+1] = KofN(t.Count[j], t.N[j])
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

func footer(w io.Writer, r *compare.Result) {
	fmt.Fprintln(w)
	lv := LevelPercent(r.Level)
	adjust := map[string]string{
		compare.AdjustHolm: "adjusted by Holm's method",
		compare.AdjustBH:   "adjusted by the Benjamini–Hochberg method",
		compare.AdjustNone: "not adjusted",
	}[r.Adjust]
	adjusted := "adjusted "
	if r.Adjust == compare.AdjustNone {
		adjusted = ""
	}
	paras := []string{
		ComparisonCaveat,
		"k of n: k of the n people who answered; missing and not applicable answers are left out.",
		fmt.Sprintf("CI: %s Wilson score intervals; difference: %s, %s interval by Newcombe's method.",
			lv, "the later wave minus the earlier one in percentage points", lv),
		fmt.Sprintf("p: Fisher's exact test, %s over %s; findings with fewer than %d answers in a wave are not tested. "+
			"No clear change: %sp at or above %s.", adjust, tests(r.Tests), r.MinN, adjusted, strconv.FormatFloat(math.Round((1-r.Level)*1e9)/1e9, 'f', -1, 64)),
	}
	if len(r.Composition) > 0 {
		paras = append(paras, fmt.Sprintf("Who was interviewed: ! marks groups whose share differs by more than %s points between the waves.", pct(compare.FlagShare)))
	}
	if len(r.Trends) > 0 {
		paras = append(paras, "Trend: Cochran–Armitage test over every wave with the finding, scored by year where the waves are named by years; not testable where every answer is the same.")
	}
	for _, p := range paras {
		for _, l := range wrap(p, pageWidth) {
			fmt.Fprintln(w, l)
		}
	}
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
