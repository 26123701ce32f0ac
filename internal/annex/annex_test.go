package annex

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/shadowreport/shadowreport/internal/doc"
)

// Text that looks like a formula is written as text: a label or quote must never run in Excel.
func TestFormulaLookingTextStaysText(t *testing.T) {
	cells := []string{"=HYPERLINK(\"http://x\",\"y\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "ordinary"}
	d := &doc.Document{Meta: doc.Meta{Title: "=1+1"}, Blocks: []doc.Block{
		&doc.Table{ID: "t", Caption: "@caption", Header: []string{"=h", "b"}, Rows: [][]string{cells[:2], cells[2:4]}, Notes: []string{"=note"}},
	}}
	var a, b bytes.Buffer
	created := time.Date(2017, 10, 9, 0, 0, 0, 0, time.UTC)
	if err := Write(&a, d, created); err != nil {
		t.Fatal(err)
	}
	if err := Write(&b, d, created); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two writes of the same document differ")
	}
	f, err := excelize.OpenReader(&a)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, sheet := range f.GetSheetList() {
		rows, _ := f.GetRows(sheet)
		for r, row := range rows {
			for c := range row {
				name, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if formula, _ := f.GetCellFormula(sheet, name); formula != "" {
					t.Errorf("%s!%s holds the formula %q", sheet, name, formula)
				}
			}
		}
	}
	if v, _ := f.GetCellValue("t", "A3"); v != cells[0] {
		t.Errorf("A3 = %q, want the text %q", v, cells[0])
	}
	if idx, _ := f.GetSheetIndex("t"); idx < 0 {
		t.Error("no sheet for the table")
	}
	if panes, err := f.GetPanes("t"); err != nil || !panes.Freeze {
		t.Errorf("the header row is not frozen: %+v %v", panes, err)
	}
}

// numbersDoc is a findings table as the report prints it, with its figures as numbers.
func numbersDoc(confidential bool, numbers bool) *doc.Document {
	t := &doc.Table{
		ID: "findings", Caption: "Table 1. Findings, 2014 and 2017",
		Header: []string{"Finding", "2014", "2017", "Difference", "p"},
		Align:  []doc.Align{doc.Left, doc.Right, doc.Right, doc.Right, doc.Right},
		Rows: [][]string{
			{"Education"},
			{"Paid informal school fees", "31 of 50 (62%); 48–74%", "28 of 40 (70%); 55–82%", "+8 (−12 to +26)", "0.506"},
			{"Left school because of costs", "<5 of 48", "9 of 39 (23%); 13–38%", "", ""},
		},
		Emphasis: []bool{true},
		Notes:    []string{"k of n: k of the n who answered."},
	}
	if numbers {
		n := doc.Num
		t.Numbers = []doc.NumberColumn{
			{Header: "2014 count", Format: doc.NumInteger, Values: []*float64{nil, n(31), nil}},
			{Header: "2014 n", Format: doc.NumInteger, Values: []*float64{nil, n(50), n(48)}},
			{Header: "2014 share", Format: doc.NumPercent, Values: []*float64{nil, n(31.0 / 50), nil}},
			{Header: "difference", Format: doc.NumSignedPercent, Values: []*float64{nil, n(70.0/100 - 62.0/100), n(math.NaN())}},
			{Header: "difference, lower", Format: doc.NumSignedPercent, Values: []*float64{nil, n(-0.12)}},
			{Header: "p", Format: doc.NumDecimal3, Values: []*float64{nil, n(0.5059), n(math.Inf(1))}},
		}
	}
	return &doc.Document{Meta: doc.Meta{Title: "Report", Confidential: confidential}, Blocks: []doc.Block{t}}
}

func writeAndOpen(t *testing.T, d *doc.Document) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, d, time.Date(2017, 10, 9, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// The figures of a table follow its worded columns as numbers a researcher can sort and
// chart, shown in their format; withheld and uncomputable figures are empty cells.
func TestNumbersBesideWords(t *testing.T) {
	f := writeAndOpen(t, numbersDoc(false, true))
	const s = "findings"
	// row 1 caption, row 2 header, rows 3-5 the table; worded columns A-E, numbers F-K
	header, _ := f.GetRows(s)
	if got := strings.Join(header[1], "|"); got != "Finding|2014|2017|Difference|p|2014 count|2014 n|2014 share|difference|difference, lower|p" {
		t.Errorf("header row: %s", got)
	}
	for _, c := range []struct {
		cell, raw, shown string
	}{
		// hand-derived: 31 of 50 is 0.62, shown to one decimal of a percent; 70% - 62% is +8 points
		{"F4", "31", "31"}, {"G4", "50", "50"}, {"H4", "0.62", "62.0%"},
		{"I4", "0.08", "+8.0%"}, {"J4", "-0.12", "-12.0%"}, {"K4", "0.5059", "0.506"},
		{"G5", "48", "48"},
	} {
		raw, _ := f.GetCellValue(s, c.cell, excelize.Options{RawCellValue: true})
		if v, err := strconv.ParseFloat(raw, 64); err != nil || math.Abs(v-must(strconv.ParseFloat(c.raw, 64))) > 1e-12 {
			t.Errorf("%s holds %q, want the number %s", c.cell, raw, c.raw)
		}
		if typ, _ := f.GetCellType(s, c.cell); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
			t.Errorf("%s is text, want a number", c.cell)
		}
		if shown, _ := f.GetCellValue(s, c.cell); shown != c.shown {
			t.Errorf("%s shows %q, want %q", c.cell, shown, c.shown)
		}
	}
	// the theme's row, a withheld count, a NaN difference and an infinite p stay empty
	for _, cell := range []string{"F3", "K3", "F5", "H5", "I5", "J5", "K5"} {
		if v, _ := f.GetCellValue(s, cell); v != "" {
			t.Errorf("%s = %q, want an empty cell", cell, v)
		}
	}
	// worded cells stay text, as printed
	if typ, _ := f.GetCellType(s, "E4"); typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
		t.Errorf("E4 (the worded p) has type %v, want text", typ)
	}
	if v, _ := f.GetCellValue(s, "B4"); v != "31 of 50 (62%); 48–74%" {
		t.Errorf("B4 = %q", v)
	}
	// the filter covers the numbers too
	if v, _ := f.GetCellValue("about", "A2"); !strings.Contains(v, "as numbers") {
		t.Errorf("the about sheet does not explain the number columns: %q", v)
	}
}

// Without numbers the annex is the worded table alone.
func TestWithoutNumbers(t *testing.T) {
	f := writeAndOpen(t, numbersDoc(false, false))
	rows, _ := f.GetRows("findings")
	for _, r := range rows {
		if len(r) > 5 {
			t.Errorf("row %q has more than the 5 worded columns", r)
		}
	}
	if v, _ := f.GetCellValue("about", "A2"); strings.Contains(v, "as numbers") {
		t.Errorf("the about sheet speaks of number columns that are not there: %q", v)
	}
}

// Every table sheet prints landscape on A4, fitted to the width, with the rows above the
// table (the confidential line, the caption, the header) repeated on every page.
func TestPrintSetup(t *testing.T) {
	for _, confidential := range []bool{false, true} {
		f := writeAndOpen(t, numbersDoc(confidential, true))
		headerRow := 2
		if confidential {
			headerRow = 3
		}
		for _, s := range f.GetSheetList() {
			pl, err := f.GetPageLayout(s)
			if err != nil {
				t.Fatal(err)
			}
			want := "landscape"
			if s == "about" {
				want = "portrait"
			}
			if *pl.Orientation != want || *pl.Size != 9 || pl.FitToWidth == nil || *pl.FitToWidth != 1 || pl.FitToHeight == nil || *pl.FitToHeight != 0 {
				t.Errorf("%s (confidential %v): orientation %s, size %d, fit to %v wide %v tall; want %s A4 one page wide",
					s, confidential, *pl.Orientation, *pl.Size, pl.FitToWidth, pl.FitToHeight, want)
			}
			props, _ := f.GetSheetProps(s)
			if props.FitToPage == nil || !*props.FitToPage {
				t.Errorf("%s: fit to page is off, so Excel ignores the fit to width", s)
			}
			hf, _ := f.GetHeaderFooter(s)
			if !strings.Contains(hf.OddFooter, "&P of &N") || confidential != strings.Contains(hf.OddHeader, doc.ConfidentialShort) {
				t.Errorf("%s: header %q, footer %q", s, hf.OddHeader, hf.OddFooter)
			}
		}
		var titles []string
		for _, dn := range f.GetDefinedName() {
			if dn.Name == "_xlnm.Print_Titles" {
				titles = append(titles, dn.Scope+" "+dn.RefersTo)
			}
		}
		if want := "findings 'findings'!$1:$" + strconv.Itoa(headerRow); len(titles) != 1 || titles[0] != want {
			t.Errorf("confidential %v: print titles %q, want %q", confidential, titles, want)
		}
		if panes, _ := f.GetPanes("findings"); !panes.Freeze || panes.YSplit != headerRow {
			t.Errorf("confidential %v: frozen rows %+v, want the %d rows down to the header", confidential, panes, headerRow)
		}
		if confidential {
			for _, s := range f.GetSheetList() {
				if v, _ := f.GetCellValue(s, "A1"); v != doc.ConfidentialLong {
					t.Errorf("%s!A1 = %q, want the confidential line", s, v)
				}
			}
		}
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// Every table gets a sheet Excel accepts, whatever its id: characters Excel refuses replaced,
// cut to 31 characters, Excel's reserved name and names differing only in case told apart.
func TestSheetNames(t *testing.T) {
	ids := []string{"history", "a/b:c?", "", "t", "T", strings.Repeat("findings-", 5), "about"}
	d := &doc.Document{Meta: doc.Meta{Title: "R"}}
	for i, id := range ids {
		d.Blocks = append(d.Blocks, &doc.Table{ID: id, Caption: "Table " + strconv.Itoa(i+1), Header: []string{"h"}, Rows: [][]string{{"x"}}})
	}
	f := writeAndOpen(t, d)
	// by hand: "history" is reserved by Excel in any case; / : ? are refused; an empty id is
	// "table"; T after t and about after the about sheet are taken ignoring case; 45
	// characters are cut to 31
	want := []string{"about", "history-2", "a-b-c-", "table", "t", "T-2", strings.Repeat("findings-", 5)[:31], "about-2"}
	if got := f.GetSheetList(); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("sheets %q, want %q", got, want)
	}
	titles := map[string]string{}
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" {
			titles[dn.Scope] = dn.RefersTo
		}
	}
	for i, name := range want[1:] {
		if v, _ := f.GetCellValue(name, "A1"); v != "Table "+strconv.Itoa(i+1) {
			t.Errorf("%s!A1 = %q, want the caption of table %d", name, v, i+1)
		}
		if titles[name] != "'"+name+"'!$1:$2" {
			t.Errorf("%s: print titles %q", name, titles[name])
		}
	}
}

// TestTinySharesNotShownAsNone: a share that is neither 0 nor 1 never shows as 0.0% or
// 100.0%, and a difference that is not 0 never as 0.0%; 0 and 1 themselves keep one decimal.
func TestTinySharesNotShownAsNone(t *testing.T) {
	n := doc.Num
	// hand-derived: 1 of 3,000 is 0.0333…% (0.03%), 2,999 of 3,000 is 99.9667% (99.97%),
	// 1 of 40,000 is 0.0025% (0.003% at the most decimals shown); +0.04 points is +0.04%
	shares := []*float64{n(1.0 / 3000), n(2999.0 / 3000), n(1.0 / 40000), n(0), n(1), n(0.62)}
	diffs := []*float64{n(0.0004), n(-0.0004), n(-0.08), n(0.08), n(0.00004), n(0.5)}
	rows := make([][]string, len(shares))
	for i := range rows {
		rows[i] = []string{fmt.Sprintf("row %d", i+1)}
	}
	d := &doc.Document{Meta: doc.Meta{Title: "Report"}, Blocks: []doc.Block{&doc.Table{
		ID: "t", Caption: "Table 1", Header: []string{"Finding"}, Rows: rows,
		Numbers: []doc.NumberColumn{
			{Header: "share", Format: doc.NumPercent, Values: shares},
			{Header: "difference", Format: doc.NumSignedPercent, Values: diffs},
		},
	}}}
	f := writeAndOpen(t, d)
	wantShares := []string{"0.03%", "99.97%", "0.003%", "0.0%", "100.0%", "62.0%"}
	wantDiffs := []string{"+0.04%", "-0.04%", "-8.0%", "+8.0%", "+0.004%", "+50.0%"}
	for i := range rows {
		if v, _ := f.GetCellValue("t", fmt.Sprintf("B%d", i+3)); v != wantShares[i] {
			t.Errorf("share %g shows %q, want %q", *shares[i], v, wantShares[i])
		}
		if v, _ := f.GetCellValue("t", fmt.Sprintf("C%d", i+3)); v != wantDiffs[i] {
			t.Errorf("difference %g shows %q, want %q", *diffs[i], v, wantDiffs[i])
		}
	}
	// a difference of exactly 0 keeps one decimal (its format's third section, "0.0%", which
	// spreadsheet programs show for zero; excelize's own formatter does not read that section)
	if got := percentPlaces(0, false); got != 1 {
		t.Errorf("a difference of 0 takes %d decimals, want 1", got)
	}
}

// TestPublishedPrecisionShown: a figure published rounded to whole percent shows no decimal it
// does not have (0.74 is "74%", not "74.0%"), and a p-value below 0.001 shows two significant
// digits (0.00067, not "0.001" beside "p < 0.001" in the worded column).
func TestPublishedPrecisionShown(t *testing.T) {
	n := doc.Num
	whole := []*float64{n(0.74), n(0), n(1)}
	signed := []*float64{n(0.08), n(-0.12), n(-0.03)}
	ps := []*float64{n(0.506), n(0.00067), n(0.000012)}
	d := &doc.Document{Meta: doc.Meta{Title: "Report"}, Blocks: []doc.Block{&doc.Table{
		ID: "t", Caption: "Table 1", Header: []string{"Finding"}, Rows: [][]string{{"a"}, {"b"}, {"c"}},
		Numbers: []doc.NumberColumn{
			{Header: "later, standardised", Format: doc.NumWholePercent, Values: whole},
			{Header: "difference, standardised", Format: doc.NumSignedWholePercent, Values: signed},
			{Header: "adjusted p", Format: doc.NumDecimal3, Values: ps},
		},
	}}}
	f := writeAndOpen(t, d)
	want := [][3]string{{"74%", "+8%", "0.506"}, {"0%", "-12%", "0.00067"}, {"100%", "-3%", "0.000012"}}
	for i, w := range want {
		for j, col := range []string{"B", "C", "D"} {
			if v, _ := f.GetCellValue("t", fmt.Sprintf("%s%d", col, i+3)); v != w[j] {
				t.Errorf("row %d, column %s shows %q, want %q", i+1, col, v, w[j])
			}
		}
	}
	// a difference of 0 shows "0%" in spreadsheet programs (the format's third section, which
	// excelize's own formatter does not read)
	if f := numberStyle(doc.NumSignedWholePercent, false, 0).Format; !strings.HasSuffix(f, ";0%") {
		t.Errorf("a difference of 0 has the format %q, want a third section 0%%", f)
	}
}
