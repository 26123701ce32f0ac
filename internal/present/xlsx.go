package present

import (
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/shadowreport/shadowreport/internal/compare"
	"github.com/shadowreport/shadowreport/internal/sheet"
)

// FixedDate is the creation and modification date written into every workbook, so that the
// same comparison gives the same bytes and no file tells when or where it was made.
const FixedDate = "2000-01-01T00:00:00Z"

// The sheets of XLSX, in order.
const (
	SheetFindings      = "findings"
	SheetComposition   = "composition"
	SheetProfiles      = "composition tests"
	SheetTrends        = "trends"
	SheetNotComparable = "not comparable"
	SheetNumbers       = "numbers"
	SheetAgreement     = "agreement"
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

// styles are the looks of the formats; the others are Excel's default.
var styles = map[format]sheet.Style{
	fmtShare: sheet.Percent,
	fmtDiff:  sheet.SignedPercent,
	fmtP:     {Format: "0.0000"},
	fmtFlag:  sheet.Warning,
}

// column is a column of a sheet.
type column struct {
	head   string
	width  float64
	format format
}

// XLSX writes a comparison as an Excel workbook for people: the sheets findings, composition,
// composition tests, trends, not comparable, numbers, agreement and about; each with NotForPublication in its
// first row, then a bold, filled, frozen header row, an autofilter, column widths and number
// formats (shares 0%, differences +0.0%, p 0.0000). Numbers are unrounded: the formats only
// show them rounded. Text is always written as text, never as a formula. The bytes depend on
// the comparison alone (dates are FixedDate).
func XLSX(w io.Writer, r *compare.Result) error {
	b := sheet.New()
	defer b.Close()
	fills := []func(*sheetWriter, *compare.Result){findingsSheet, compositionSheet, compositionTestsSheet, trendsSheet, notComparableSheet, numbersSheet, agreementSheet, aboutSheet}
	names := []string{SheetFindings, SheetComposition, SheetProfiles, SheetTrends, SheetNotComparable, SheetNumbers, SheetAgreement, SheetAbout}
	for i, fill := range fills {
		fill(&sheetWriter{Sheet: b.Add(names[i])}, r)
	}
	title := "Comparison of the people interviewed in " + r.From + " and in " + r.To
	if r.Single {
		title = "The people interviewed in " + r.To
	}
	date, _ := time.Parse(time.RFC3339, FixedDate)
	b.Props(sheet.Props{
		Title:       "NOT FOR PUBLICATION — " + title,
		Subject:     "shadowreport compare",
		Description: NotForPublication + ". " + ComparisonCaveat,
		Keywords:    "not for publication",
		Creator:     "shadowreport",
		Language:    "en",
		Created:     date,
	})
	return b.Write(w)
}

// sheetWriter writes one sheet: a first row saying it is not for publication, a frozen,
// filtered header row (row 2), then rows of cells.
type sheetWriter struct{ *sheet.Sheet }

func (s *sheetWriter) header(cols ...column) {
	s.Line(sheet.Text(NotForPublication).In(sheet.Warning))
	specs := make([]sheet.Column, len(cols))
	names := make([]string, len(cols))
	for i, c := range cols {
		specs[i] = sheet.Column{Width: c.width, Style: styles[c.format]}
		names[i] = c.head
	}
	s.Columns(specs...)
	s.Header(sheet.Header, names...)
	s.Filter()
}

// add writes the next row. Cells are string (always a string cell, never a formula), int,
// float64, *float64 (nil stays empty) or bool (written "yes" or left empty).
func (s *sheetWriter) add(values ...any) {
	cells := make([]sheet.Cell, len(values))
	for i, v := range values {
		switch v := v.(type) {
		case string:
			cells[i] = sheet.Text(v)
		case int:
			cells[i] = sheet.Int(v)
		case float64:
			cells[i] = sheet.Num(v)
		case *float64:
			if v != nil {
				cells[i] = sheet.Num(*v)
			}
		case bool:
			if v {
				cells[i] = sheet.Text("yes")
			}
		}
	}
	s.Row(cells...)
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

func findingsSheet(s *sheetWriter, r *compare.Result) {
	cols := []column{{"theme", 14, fmtText}, {"code", 26, fmtText}, {"label", 40, fmtText}, {"value", 20, fmtText},
		{"article", 16, fmtText}, {"direction", 16, fmtText}, {"sensitive", 10, fmtText}}
	cols = append(cols, waveColumns(r.From)...)
	cols = append(cols, waveColumns(r.To)...)
	cols = append(cols, column{"difference", 12, fmtDiff}, column{"difference CI low", 18, fmtDiff}, column{"difference CI high", 19, fmtDiff},
		column{"p", 9, fmtP}, column{"p adjusted", 12, fmtP}, column{"verdict", 24, fmtText},
		column{"family", 11, fmtText}, column{"interval note", 30, fmtText}, column{"count rebuilt from a percentage", 18, fmtFlag})
	for _, w := range []string{r.From, r.To} {
		cols = append(cols, column{w + " count min", 12, fmtInt}, column{w + " count max", 12, fmtInt},
			column{w + " missing", 10, fmtInt}, column{w + " not applicable", 15, fmtInt})
	}
	cols = append(cols, column{"missing answers differ", 14, fmtFlag},
		column{"standardised wave", 12, fmtText}, column{"standardised share", 14, fmtShare}, column{"standardised difference", 16, fmtDiff},
		column{"effective n", 11, fmtNum}, column{"standardised p adjusted", 16, fmtP}, column{"not after standardisation", 16, fmtFlag})
	s.header(cols...)
	for _, f := range r.Findings {
		cells := []any{f.Theme, f.Code, f.Label, f.Value, f.Article, directionWords(string(f.Direction)), f.Sensitive}
		cells = append(cells, sideCells(f.From)...)
		cells = append(cells, sideCells(f.To)...)
		var lo, hi *float64
		if f.DiffCI != nil {
			lo, hi = &f.DiffCI[0], &f.DiffCI[1]
		}
		cells = append(cells, f.Diff, lo, hi, f.P, f.PAdjusted, Verdict(f), f.Family, directionWords(f.CINote), f.Rebuilt)
		for _, sd := range []compare.Side{f.From, f.To} {
			cells = append(cells, sd.CountMin, sd.CountMax, intCell(sd.Missing), intCell(sd.NotApplicable))
		}
		cells = append(cells, f.MissingFlag)
		if st := f.Standardised; st != nil {
			cells = append(cells, st.Wave, st.Share, st.Diff, st.EffectiveN, st.PAdjusted, f.NotRobust)
		} else {
			cells = append(cells, "", "", "", "", "", false)
		}
		s.add(cells...)
	}
}

// intCell is a count, or an empty cell for nil.
func intCell(x *int) any {
	if x == nil {
		return ""
	}
	return *x
}

func directionWords(d string) string { return strings.ReplaceAll(d, "_", " ") }

func compositionSheet(s *sheetWriter, r *compare.Result) {
	cols := []column{{"code", 22, fmtText}, {"label", 30, fmtText}, {"value", 30, fmtText}}
	for _, w := range []string{r.From, r.To} {
		cols = append(cols, column{w + " count", 11, fmtInt}, column{w + " n", 8, fmtInt}, column{w + " share", 11, fmtShare})
	}
	cols = append(cols, column{"difference", 12, fmtDiff},
		column{"over " + strconv.FormatFloat(r.FlagPoints, 'f', -1, 64) + " points apart", 22, fmtFlag},
		column{"count rebuilt from a percentage", 18, fmtFlag})
	s.header(cols...)
	for _, c := range r.Composition {
		cells := []any{c.Code, c.Label, c.Value}
		rebuilt := false
		for _, w := range []string{r.From, r.To} {
			if n, ok := c.N[w]; ok {
				cells = append(cells, c.Counts[w], n, c.Shares[w])
				rebuilt = rebuilt || c.Rebuilt[w]
			} else {
				cells = append(cells, "", "", "")
			}
		}
		s.add(append(cells, c.Diff, c.Flag, rebuilt)...)
	}
}

func compositionTestsSheet(s *sheetWriter, r *compare.Result) {
	s.header(column{"code", 22, fmtText}, column{"label", 30, fmtText}, column{"values compared", 40, fmtText},
		column{"left out: not published by both", 30, fmtText}, column{"total variation distance", 22, fmtShare},
		column{"Cramér's V", 11, fmtNum}, column{"p", 9, fmtP}, column{"p computed", 12, fmtText},
		column{"count rebuilt from a percentage", 18, fmtFlag}, column{"rebuilt counts tested", 24, fmtText})
	for _, t := range r.CompositionTests {
		s.add(t.Code, t.Label, strings.Join(t.Values, "; "), strings.Join(t.LeftOut, "; "), t.TVD, t.CramersV, t.P, t.PMethod, t.Rebuilt, rebuiltCountsWords(t.RebuiltCounts))
	}
}

func agreementSheet(s *sheetWriter, r *compare.Result) {
	s.header(column{"wave", 10, fmtText}, column{"code", 26, fmtText}, column{"label", 40, fmtText},
		column{"Krippendorff's alpha", 18, fmtNum}, column{"interviewees coded twice", 22, fmtInt},
		column{"raw agreement", 14, fmtShare}, column{"reliable enough (alpha ≥ 0.667)", 26, fmtText})
	for _, a := range r.Agreement {
		reliable := "yes"
		if !a.Reliable {
			reliable = "no: no verdict"
		}
		s.add(a.Wave, a.Code, a.Label, a.Alpha, a.Units, a.RawAgreement, reliable)
	}
}

func trendsSheet(s *sheetWriter, r *compare.Result) {
	cols := []column{{"code", 26, fmtText}, {"label", 40, fmtText}, {"value", 20, fmtText}, {"waves", 22, fmtText}, {"scores", 22, fmtText}}
	for _, w := range r.Waves {
		cols = append(cols, column{w + " count", 11, fmtInt}, column{w + " n", 8, fmtInt}, column{w + " share", 11, fmtShare})
	}
	cols = append(cols, column{"chi-square", 11, fmtNum}, column{"p", 9, fmtP}, column{"counts rebuilt from percentages in", 22, fmtText},
		column{"rebuilt counts tested", 24, fmtText}, column{"note", 44, fmtText})
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
			count := any(t.Count[i])
			if lo, hi := at(t.CountMin, i), at(t.CountMax, i); hi > lo {
				count = strconv.Itoa(lo) + EnDash + strconv.Itoa(hi) // the range, as the comparison shows it
			}
			cells = append(cells, count, t.N[i], t.Share[i])
		}
		s.add(append(cells, t.Chi2, t.P, strings.Join(t.RebuiltIn, ", "), rebuiltCountsWords(t.RebuiltCounts), compare.TrendsNote)...)
	}
}

// rebuiltCountsWords says which counts of rebuilt ranges a test took.
func rebuiltCountsWords(how string) string {
	switch how {
	case compare.RebuiltLeast:
		return "the least favourable"
	case compare.RebuiltNearest:
		return "nearest the percentages (too many to try)"
	}
	return ""
}

func index(xs []string, x string) int {
	for i, v := range xs {
		if v == x {
			return i
		}
	}
	return -1
}

func notComparableSheet(s *sheetWriter, r *compare.Result) {
	s.header(column{"code", 26, fmtText}, column{"label", 40, fmtText}, column{"value", 20, fmtText},
		column{"missing from", 14, fmtText}, column{"present in", 12, fmtText},
		column{"count", 9, fmtInt}, column{"n", 8, fmtInt}, column{"share", 9, fmtShare},
		column{"CI low", 9, fmtShare}, column{"CI high", 9, fmtShare},
		column{"count min", 10, fmtInt}, column{"count max", 10, fmtInt}, column{"count rebuilt from a percentage", 18, fmtFlag})
	for _, n := range r.NotComparable {
		cells := []any{n.Code, n.Label, n.Value, n.MissingFrom, n.PresentIn}
		if n.Present != nil {
			cells = append(cells, sideCells(*n.Present)...)
			cells = append(cells, n.Present.CountMin, n.Present.CountMax, n.Present.Rebuilt)
		}
		s.add(cells...)
	}
}

func numbersSheet(s *sheetWriter, r *compare.Result) {
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

func aboutSheet(s *sheetWriter, r *compare.Result) {
	s.header(column{"item", 20, fmtText}, column{"value", 110, fmtText})
	adjust := map[string]string{compare.AdjustHolm: "Holm", compare.AdjustBH: "Benjamini–Hochberg", compare.AdjustNone: "none"}[r.Adjust]
	if r.Single {
		s.add("described", r.To+" (one wave: nothing compared)")
	} else {
		s.add("compared", r.From+" with "+r.To)
	}
	s.add("waves", strings.Join(r.Waves, ", "))
	s.add("caveat", ComparisonCaveat)
	s.add("counts", "count of n: count of the n people who answered; missing and not applicable answers are left out")
	s.add("confidence level", r.Level)
	s.add("intervals", "Wilson score intervals for shares; Newcombe's hybrid score interval for differences (later wave minus earlier)")
	s.add("test", "Fisher's exact test, two-sided")
	s.add("adjustment of p", adjust)
	s.add("tests", r.Tests)
	s.add("test family", "codes with a direction (worse or better if higher; a category of two values once); the others are described, not tested")
	s.add("intervals", "not adjusted for the number of tests; see the interval note of each finding")
	s.add("smallest n tested", r.MinN)
	if r.MinCell > 1 {
		s.add("withheld", "sensitive findings held, or not held, by fewer than "+strconv.Itoa(r.MinCell)+" people in a wave are not tested")
	}
	if st := r.Standardisation; st != nil {
		if st.Method == compare.MethodNone {
			s.add("standardisation", "none: "+st.Reason)
		} else {
			s.add("standardisation", st.Method+" of "+st.Wave+" to "+st.Target+" on "+strings.Join(st.Margins, ", "))
			s.add("weights", strconv.FormatFloat(st.WeightMin, 'g', 6, 64)+" to "+strconv.FormatFloat(st.WeightMax, 'g', 6, 64))
			s.add("Kish effective n", st.EffectiveN)
		}
		for _, sk := range st.Skipped {
			s.add("not used", sk.Code+": "+sk.Reason)
		}
	}
	if p := r.Power; p != nil {
		s.add("power", "smallest change detected 80% of the time from "+strconv.FormatFloat(p.Baseline*100, 'f', -1, 64)+"% for a typical finding tested, answered by "+
			strconv.Itoa(p.NFrom)+" and "+strconv.Itoa(p.NTo)+": "+detectableShort(p.Family)+" at the family's level (alpha/m: Holm's first step, the worst case of Benjamini–Hochberg), "+detectableShort(p.SingleTest)+" for one test")
		if f := p.Fewest; f != nil {
			s.add("power, fewest answers", "for the findings answered by the fewest, "+strconv.Itoa(f.NFrom)+" and "+strconv.Itoa(f.NTo)+": "+
				detectableShort(f.Family)+" at the family's level, "+detectableShort(f.SingleTest)+" for one test")
		}
	}
	s.add("trends", "Cochran–Armitage test over every wave with the finding; scored by year where the waves are named by years; "+compare.TrendsNote+" (they include codes the comparison only describes)")
}

// detectableShort is "rise 31, fall 27 points".
func detectableShort(d compare.Detectable) string {
	part := func(x *int) string {
		if x == nil {
			return "none"
		}
		return strconv.Itoa(*x)
	}
	return "rise " + part(d.Rise) + ", fall " + part(d.Fall) + " points"
}
