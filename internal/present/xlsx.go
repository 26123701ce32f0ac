package present

import (
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/shadowreport/shadowreport/internal/compare"
)

// FixedDate is the creation and modification date written into every workbook, so that the
// same comparison gives the same bytes and no file tells when or where it was made.
const FixedDate = "2000-01-01T00:00:00Z"

// The sheets of XLSX, in order.
const (
	SheetFindings      = "findings"
	SheetComposition   = "composition"
	SheetTrends        = "trends"
	SheetNotComparable = "not comparable"
	SheetNumbers       = "numbers"
	SheetAbout         = "about"
)

// format is how a column's data cells are shown.
type format int

const (
	fmtText  format = iota
	fmtInt          // counts and bases
	fmtShare        // 0%
	fmtDiff         // +0.0%;-0.0%
	fmtP            // 0.0000
	fmtNum          // as stored
	fmtFlag         // a highlighted "yes"
)

// column is a column of a sheet.
type column struct {
	head   string
	width  float64
	format format
}

// sheet writes one sheet: a styled, frozen header row with an autofilter, then rows of cells.
// Cells are string (always a string cell, never a formula), int, float64, *float64 (nil stays
// empty) or bool (written "yes" or left empty).
type sheet struct {
	f      *excelize.File
	name   string
	cols   []column
	rows   int
	styles map[format]int
	err    error
}

// XLSX writes a comparison as an Excel workbook for people: the sheets findings, composition,
// trends, not comparable, numbers and about; each with a bold, filled, frozen header row, an
// autofilter, column widths and number formats (shares 0%, differences +0.0%, p 0.0000).
// Numbers are unrounded: the formats only show them rounded. Text is always written as text,
// never as a formula. The bytes depend on the comparison alone (dates are FixedDate).
func XLSX(w io.Writer, r *compare.Result) (err error) {
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	styles, err := newStyles(f)
	if err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", SheetFindings); err != nil {
		return err
	}
	sheets := []func(*sheet, *compare.Result){findingsSheet, compositionSheet, trendsSheet, notComparableSheet, numbersSheet, aboutSheet}
	names := []string{SheetFindings, SheetComposition, SheetTrends, SheetNotComparable, SheetNumbers, SheetAbout}
	for i, fill := range sheets {
		if i > 0 {
			if _, err := f.NewSheet(names[i]); err != nil {
				return err
			}
		}
		s := &sheet{f: f, name: names[i], styles: styles}
		fill(s, r)
		if err := s.finish(); err != nil {
			return err
		}
	}
	f.SetActiveSheet(0)
	if err := f.SetDocProps(&excelize.DocProperties{
		Title:          "Comparison of the people interviewed in " + r.From + " and in " + r.To,
		Subject:        "shadowreport compare",
		Description:    ComparisonCaveat,
		Creator:        "shadowreport",
		LastModifiedBy: "shadowreport",
		Language:       "en",
		Created:        FixedDate,
		Modified:       FixedDate,
	}); err != nil {
		return err
	}
	return f.Write(w)
}

func newStyles(f *excelize.File) (map[format]int, error) {
	custom := func(s string) *string { return &s }
	defs := map[format]*excelize.Style{
		fmtShare: {NumFmt: 9},
		fmtDiff:  {CustomNumFmt: custom("+0.0%;-0.0%;0.0%")},
		fmtP:     {CustomNumFmt: custom("0.0000")},
		fmtFlag:  {Font: &excelize.Font{Bold: true, Color: "C00000"}},
		-1: { // the header
			Font:      &excelize.Font{Bold: true},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}},
			Border:    []excelize.Border{{Type: "bottom", Color: "8EA9DB", Style: 1}},
			Alignment: &excelize.Alignment{Vertical: "center"},
		},
	}
	styles := map[format]int{}
	for _, k := range []format{-1, fmtShare, fmtDiff, fmtP, fmtFlag} { // fixed order: fixed bytes
		id, err := f.NewStyle(defs[k])
		if err != nil {
			return nil, err
		}
		styles[k] = id
	}
	return styles, nil
}

func (s *sheet) header(cols ...column) {
	s.cols = cols
	s.rows = 1
	for i, c := range cols {
		s.set(i, c.head)
	}
}

// add writes the next row.
func (s *sheet) add(cells ...any) {
	s.rows++
	for i, v := range cells {
		s.set(i, v)
	}
}

func (s *sheet) set(col int, v any) {
	if s.err != nil {
		return
	}
	ref, err := excelize.CoordinatesToCellName(col+1, s.rows)
	if err != nil {
		s.err = err
		return
	}
	switch v := v.(type) {
	case string:
		if v != "" {
			s.err = s.f.SetCellStr(s.name, ref, v)
		}
	case int:
		s.err = s.f.SetCellInt(s.name, ref, int64(v))
	case float64:
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			s.err = s.f.SetCellFloat(s.name, ref, v, -1, 64)
		}
	case *float64:
		if v != nil {
			s.set(col, *v)
		}
	case bool:
		if v {
			s.err = s.f.SetCellStr(s.name, ref, "yes")
		}
	}
}

// finish styles the header and the columns, freezes the header row and adds the autofilter.
func (s *sheet) finish() error {
	if s.err != nil {
		return s.err
	}
	last := len(s.cols)
	lastName, err := excelize.ColumnNumberToName(last)
	if err != nil {
		return err
	}
	if err := s.f.SetCellStyle(s.name, "A1", lastName+"1", s.styles[-1]); err != nil {
		return err
	}
	for i, c := range s.cols {
		name, _ := excelize.ColumnNumberToName(i + 1)
		if err := s.f.SetColWidth(s.name, name, name, c.width); err != nil {
			return err
		}
		if id, ok := s.styles[c.format]; ok && s.rows > 1 {
			if err := s.f.SetCellStyle(s.name, name+"2", name+strconv.Itoa(s.rows), id); err != nil {
				return err
			}
		}
	}
	if err := s.f.SetPanes(s.name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}); err != nil {
		return err
	}
	return s.f.AutoFilter(s.name, "A1:"+lastName+strconv.Itoa(max(s.rows, 1)), nil)
}

// waveColumns are the columns of one wave's side of a finding.
func waveColumns(wave string) []column {
	return []column{
		{wave + " count", 11, fmtInt}, {wave + " n", 8, fmtInt}, {wave + " share", 11, fmtShare},
		{wave + " CI low", 11, fmtShare}, {wave + " CI high", 11, fmtShare},
	}
}

func sideCells(s compare.Side) []any {
	var lo, hi *float64
	if s.CI != nil {
		lo, hi = &s.CI[0], &s.CI[1]
	}
	return []any{s.Count, s.N, s.Share, lo, hi}
}

func findingsSheet(s *sheet, r *compare.Result) {
	cols := []column{{"theme", 14, fmtText}, {"code", 26, fmtText}, {"label", 40, fmtText}, {"value", 20, fmtText},
		{"article", 16, fmtText}, {"direction", 16, fmtText}, {"sensitive", 10, fmtText}}
	cols = append(cols, waveColumns(r.From)...)
	cols = append(cols, waveColumns(r.To)...)
	cols = append(cols, column{"difference", 12, fmtDiff}, column{"difference CI low", 18, fmtDiff}, column{"difference CI high", 19, fmtDiff},
		column{"p", 9, fmtP}, column{"p adjusted", 12, fmtP}, column{"verdict", 24, fmtText})
	s.header(cols...)
	for _, f := range r.Findings {
		cells := []any{f.Theme, f.Code, f.Label, f.Value, f.Article, directionWords(string(f.Direction)), f.Sensitive}
		cells = append(cells, sideCells(f.From)...)
		cells = append(cells, sideCells(f.To)...)
		var lo, hi *float64
		if f.DiffCI != nil {
			lo, hi = &f.DiffCI[0], &f.DiffCI[1]
		}
		cells = append(cells, f.Diff, lo, hi, f.P, f.PAdjusted, Verdict(f))
		s.add(cells...)
	}
}

func directionWords(d string) string { return strings.ReplaceAll(d, "_", " ") }

func compositionSheet(s *sheet, r *compare.Result) {
	cols := []column{{"code", 22, fmtText}, {"label", 30, fmtText}, {"value", 30, fmtText}}
	for _, w := range []string{r.From, r.To} {
		cols = append(cols, column{w + " count", 11, fmtInt}, column{w + " n", 8, fmtInt}, column{w + " share", 11, fmtShare})
	}
	cols = append(cols, column{"difference", 12, fmtDiff}, column{"over " + pct(compare.FlagShare) + " points apart", 22, fmtFlag})
	s.header(cols...)
	for _, c := range r.Composition {
		cells := []any{c.Code, c.Label, c.Value}
		for _, w := range []string{r.From, r.To} {
			if n, ok := c.N[w]; ok {
				cells = append(cells, c.Counts[w], n, c.Shares[w])
			} else {
				cells = append(cells, "", "", "")
			}
		}
		s.add(append(cells, c.Diff, c.Flag)...)
	}
}

func trendsSheet(s *sheet, r *compare.Result) {
	cols := []column{{"code", 26, fmtText}, {"label", 40, fmtText}, {"value", 20, fmtText}, {"waves", 22, fmtText}, {"scores", 22, fmtText}}
	for _, w := range r.Waves {
		cols = append(cols, column{w + " count", 11, fmtInt}, column{w + " n", 8, fmtInt}, column{w + " share", 11, fmtShare})
	}
	cols = append(cols, column{"chi-square", 11, fmtNum}, column{"p", 9, fmtP})
	s.header(cols...)
	for _, t := range r.Trends {
		scores := make([]string, len(t.Scores))
		for i, x := range t.Scores {
			scores[i] = strconv.FormatFloat(x, 'f', -1, 64)
		}
		cells := []any{t.Code, t.Label, t.Value, strings.Join(t.Waves, ", "), strings.Join(scores, ", ")}
		for _, w := range r.Waves {
			i := index(t.Waves, w)
			if i < 0 {
				cells = append(cells, "", "", "")
				continue
			}
			cells = append(cells, t.Count[i], t.N[i], t.Share[i])
		}
		s.add(append(cells, t.Chi2, t.P)...)
	}
}

func index(xs []string, x string) int {
	for i, v := range xs {
		if v == x {
			return i
		}
	}
	return -1
}

func notComparableSheet(s *sheet, r *compare.Result) {
	s.header(column{"code", 26, fmtText}, column{"label", 40, fmtText}, column{"value", 20, fmtText},
		column{"missing from", 14, fmtText}, column{"present in", 12, fmtText},
		column{"count", 9, fmtInt}, column{"n", 8, fmtInt}, column{"share", 9, fmtShare},
		column{"CI low", 9, fmtShare}, column{"CI high", 9, fmtShare})
	for _, n := range r.NotComparable {
		cells := []any{n.Code, n.Label, n.Value, n.MissingFrom, n.PresentIn}
		if n.Present != nil {
			cells = append(cells, sideCells(*n.Present)...)
		}
		s.add(cells...)
	}
}

func numbersSheet(s *sheet, r *compare.Result) {
	cols := []column{{"code", 22, fmtText}, {"label", 30, fmtText}}
	for _, w := range []string{r.From, r.To} {
		cols = append(cols, column{w + " n", 8, fmtInt}, column{w + " lower quartile", 18, fmtNum},
			column{w + " median", 12, fmtNum}, column{w + " upper quartile", 18, fmtNum})
	}
	s.header(cols...)
	for _, n := range r.Numbers {
		cells := []any{n.Code, n.Label}
		for _, side := range []*compare.NumberStats{n.From, n.To} {
			if side == nil {
				cells = append(cells, "", "", "", "")
				continue
			}
			cells = append(cells, side.N, side.Q1, side.Median, side.Q3)
		}
		s.add(cells...)
	}
}

func aboutSheet(s *sheet, r *compare.Result) {
	s.header(column{"item", 20, fmtText}, column{"value", 110, fmtText})
	adjust := map[string]string{compare.AdjustHolm: "Holm", compare.AdjustBH: "Benjamini–Hochberg", compare.AdjustNone: "none"}[r.Adjust]
	s.add("compared", r.From+" with "+r.To)
	s.add("waves", strings.Join(r.Waves, ", "))
	s.add("caveat", ComparisonCaveat)
	s.add("counts", "count of n: count of the n people who answered; missing and not applicable answers are left out")
	s.add("confidence level", r.Level)
	s.add("intervals", "Wilson score intervals for shares; Newcombe's hybrid score interval for differences (later wave minus earlier)")
	s.add("test", "Fisher's exact test, two-sided")
	s.add("adjustment of p", adjust)
	s.add("tests", r.Tests)
	s.add("smallest n tested", r.MinN)
	s.add("trends", "Cochran–Armitage test over every wave with the finding; scored by year where the waves are named by years")
}
