package sheet

import (
	"bytes"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// write writes b and opens what it wrote.
func write(t *testing.T, b *Book) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	if err := b.Write(&buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func isText(f *excelize.File, sheet, ref string) bool {
	typ, _ := f.GetCellType(sheet, ref)
	return typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString
}

// Text that Excel would take for a formula (a CSV-injection payload) is written as text,
// wherever it is: a line, the header or a row.
func TestTextNeverAFormula(t *testing.T) {
	payloads := []string{`=HYPERLINK("http://example.org/?x="&A1,"click")`, "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "=1+1", "\t=1+1"}
	b := New()
	defer b.Close()
	s := b.Add("t")
	s.Line(Text(payloads[0]))
	s.Header(Header, payloads...)
	s.Row(Texts(payloads...)...)
	f := write(t, b)
	for _, ref := range []string{"A1", "A2", "B2", "C2", "D2", "E2", "F2", "A3", "B3", "C3", "D3", "E3", "F3"} {
		if formula, _ := f.GetCellFormula("t", ref); formula != "" {
			t.Errorf("%s holds the formula %q", ref, formula)
		}
		if !isText(f, "t", ref) {
			t.Errorf("%s is not a text cell", ref)
		}
	}
	for i, p := range payloads {
		ref, _ := excelize.CoordinatesToCellName(i+1, 3)
		if v, _ := f.GetCellValue("t", ref); v != p {
			t.Errorf("%s = %q, want %q as written", ref, v, p)
		}
	}
}

// Numbers stay numbers, shown in their style's format; what no cell can hold stays empty.
func TestNumbersAndFormats(t *testing.T) {
	b := New()
	defer b.Close()
	s := b.Add("n")
	day := time.Date(2024, 1, 5, 0, 0, 0, 0, time.UTC)
	s.Row(Num(0.62).In(Percent), Num(0.5059).In(PValue), Num(0.08).In(SignedPercent), Int(31).In(Integer), Date(day),
		Num(math.NaN()), Num(math.Inf(-1)), Bool(true), Text("0.62"))
	f := write(t, b)
	for _, c := range []struct {
		ref, raw, shown string
		numFmt          int
	}{
		// by hand: 0.62 in 0% is 62%; 0.5059 to three decimals is 0.506; 0.08 as a signed
		// percentage to one decimal is +8.0%; 2024-01-05 is day 45296 of Excel's calendar
		// (2024-01-01 is 45292)
		{"A1", "0.62", "62%", 9}, {"B1", "0.5059", "0.506", 0}, {"C1", "0.08", "+8.0%", 0},
		{"D1", "31", "31", 1}, {"E1", "45296", "", 14},
	} {
		raw, _ := f.GetCellValue("n", c.ref, excelize.Options{RawCellValue: true})
		if raw != c.raw {
			t.Errorf("%s holds %q, want %s", c.ref, raw, c.raw)
		}
		if isText(f, "n", c.ref) {
			t.Errorf("%s is text, want a number", c.ref)
		}
		if shown, _ := f.GetCellValue("n", c.ref); c.shown != "" && shown != c.shown {
			t.Errorf("%s shows %q, want %q", c.ref, shown, c.shown)
		}
		id, _ := f.GetCellStyle("n", c.ref)
		st, err := f.GetStyle(id)
		if err != nil || st.NumFmt != c.numFmt {
			t.Errorf("%s has number format %d (%v), want %d", c.ref, st.NumFmt, err, c.numFmt)
		}
	}
	for _, ref := range []string{"F1", "G1"} {
		if v, _ := f.GetCellValue("n", ref, excelize.Options{RawCellValue: true}); v != "" {
			t.Errorf("%s = %q, want an empty cell for a number no cell holds", ref, v)
		}
	}
	if typ, _ := f.GetCellType("n", "H1"); typ != excelize.CellTypeBool {
		t.Errorf("H1 has type %v, want a boolean", typ)
	}
	if !isText(f, "n", "I1") {
		t.Error(`I1: the text "0.62" became a number`)
	}
}

// Each distinct style is made once; a cell without a style of its own takes its column's.
func TestStylesCached(t *testing.T) {
	b := New()
	defer b.Close()
	s := b.Add("s")
	s.Columns(Column{}, Column{Style: Percent})
	s.Row(Text("a").In(Bold), Num(0.5), Num(0.25).In(Bold))
	s.Row(Text("b").In(Style{Bold: true}), Num(0.75))
	f := write(t, b)
	id := func(ref string) int {
		n, _ := f.GetCellStyle("s", ref)
		return n
	}
	if id("A1") != id("A2") || id("A1") != id("C1") || id("B1") != id("B2") || id("A1") == id("B1") || id("B1") == 0 {
		t.Errorf("style ids A1 %d A2 %d C1 %d B1 %d B2 %d: want one id per distinct style", id("A1"), id("A2"), id("C1"), id("B1"), id("B2"))
	}
	if v, _ := f.GetCellValue("s", "B2"); v != "75%" {
		t.Errorf("B2 shows %q, want the column's 0%% format", v)
	}
}

// Measured widths are bounded whatever a cell holds; a wide letter counts two; a given
// width is kept.
func TestColumnWidths(t *testing.T) {
	b := New()
	defer b.Close()
	s := b.Add("w")
	s.Columns(Column{}, Column{}, Column{}, Column{Width: 33})
	s.Line(Text(strings.Repeat("a line above is not measured ", 10)))
	s.Header(Header, "a", "b", "c", "d")
	s.Row(Text(strings.Repeat("x", MaxText)), Text("가나다라마바사아자차"), Text("short\n"+strings.Repeat("y", 20)), Text(strings.Repeat("z", 80)))
	f := write(t, b)
	// by hand: 32,767 characters are cut to 60, plus the margin of 2; ten Hangul letters are
	// 20 wide, plus 2; the longest line of C is 20, plus 2; D keeps its 33; E, never written, has no width
	for col, want := range map[string]float64{"A": MaxWidth + 2, "B": 22, "C": 22, "D": 33} {
		if w, _ := f.GetColWidth("w", col); w != want {
			t.Errorf("column %s is %v wide, want %v", col, w, want)
		}
	}
	if w := Text(strings.Repeat("x", 100_000)).width(); w > MaxWidth+1 {
		t.Errorf("a cell of 100,000 characters measures %d, want the count to stop past %d", w, MaxWidth)
	}
	b2 := New()
	defer b2.Close()
	b2.Add("narrow").Row(Text("x"), Num(1))
	f2 := write(t, b2)
	if w, _ := f2.GetColWidth("narrow", "A"); w != MinWidth+2 {
		t.Errorf("a one-letter column is %v wide, want %v", w, MinWidth+2)
	}
}

// Text longer than a cell holds is cut to fit, visibly, never inside a letter.
func TestTextCut(t *testing.T) {
	b := New()
	defer b.Close()
	s := b.Add("quotes")
	exact := strings.Repeat("a", MaxText)
	s.Row(Text(exact), Text(strings.Repeat("b", 100_000)), Text(strings.Repeat("😀", MaxText/2+1))) // 😀: two UTF-16 units
	f := write(t, b)
	if v, _ := f.GetCellValue("quotes", "A1"); v != exact {
		t.Errorf("A1: a text of exactly %d characters was changed to %d", MaxText, len(v))
	}
	for _, ref := range []string{"B1", "C1"} {
		v, _ := f.GetCellValue("quotes", ref)
		if n := len(utf16.Encode([]rune(v))); n != MaxText && n != MaxText-1 || !strings.HasSuffix(v, " […]") || strings.ContainsRune(v, utf8.RuneError) {
			t.Errorf("%s: %d UTF-16 units ending %q, want at most %d ending in [...]", ref, n, v[max(0, len(v)-12):], MaxText)
		}
	}
}

// The header is frozen with the rows above it; the filter covers the header and the rows,
// not the notes below; the used range is declared.
func TestHeaderFrozenAndFiltered(t *testing.T) {
	b := New()
	defer b.Close()
	s := b.Add("table")
	s.Line(Text("banner"))
	s.Line(Text("caption"))
	s.Header(Header, "a", "b", "c")
	s.Row(Texts("1", "2", "3")...)
	s.Row(Texts("4", "5")...)
	s.Skip(1)
	s.Line(Text("a note"))
	s.Filter()
	q := b.Add("quotes")
	q.Header(Bold, "id", "text")
	q.FreezeColumns(1)
	f := write(t, b)
	p, err := f.GetPanes("table")
	if err != nil || !p.Freeze || p.YSplit != 3 || p.XSplit != 0 || p.TopLeftCell != "A4" || p.ActivePane != "bottomLeft" {
		t.Errorf("panes %+v, %v; want rows 1 to 3 frozen", p, err)
	}
	p, _ = f.GetPanes("quotes")
	if !p.Freeze || p.YSplit != 1 || p.XSplit != 1 || p.TopLeftCell != "B2" || p.ActivePane != "bottomRight" {
		t.Errorf("quotes panes %+v; want row 1 and column A frozen", p)
	}
	var filter string
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm._FilterDatabase" && dn.Scope == "table" {
			filter = dn.RefersTo
		}
	}
	if filter != "'table'!$A$3:$C$5" {
		t.Errorf("filter %q, want the header row 3 to the last row 5, columns A to C", filter)
	}
	if dim, _ := f.GetSheetDimension("table"); dim != "A1:C7" {
		t.Errorf("dimension %q, want A1:C7", dim)
	}
	id, _ := f.GetCellStyle("table", "B3")
	if st, _ := f.GetStyle(id); st == nil || st.Font == nil || !st.Font.Bold || len(st.Fill.Color) == 0 {
		t.Errorf("header style %+v", st)
	}
}

// A sheet prints on A4, fitted to the width, the rows down to the header repeated, the sheet
// and "page N of M" in the footer, the mark (its & escaped) at the top.
func TestPrint(t *testing.T) {
	b := New()
	defer b.Close()
	about := b.Add("about")
	about.Line(Text("title"))
	about.SetPrint(Print{})
	s := b.Add("it's")
	s.Line(Text("Confidential"))
	s.Line(Text("caption"))
	s.Header(Header, "a")
	s.Row(Text("x"))
	s.SetPrint(Print{Landscape: true, Mark: "R&D only"})
	f := write(t, b)
	for sheet, want := range map[string]string{"about": "portrait", "it's": "landscape"} {
		pl, err := f.GetPageLayout(sheet)
		if err != nil || *pl.Orientation != want || *pl.Size != 9 || pl.FitToWidth == nil || *pl.FitToWidth != 1 || pl.FitToHeight == nil || *pl.FitToHeight != 0 {
			t.Errorf("%s: layout %+v, %v; want %s A4 one page wide", sheet, pl, err, want)
		}
		props, _ := f.GetSheetProps(sheet)
		if props.FitToPage == nil || !*props.FitToPage {
			t.Errorf("%s: fit to page is off, so Excel ignores the fit to width", sheet)
		}
		hf, _ := f.GetHeaderFooter(sheet)
		if hf.OddFooter != "&L&A&Rpage &P of &N" {
			t.Errorf("%s: footer %q", sheet, hf.OddFooter)
		}
	}
	if hf, _ := f.GetHeaderFooter("it's"); hf.OddHeader != "&CR&&D only" {
		t.Errorf("header %q, want the mark with & doubled", hf.OddHeader)
	}
	if hf, _ := f.GetHeaderFooter("about"); hf.OddHeader != "" {
		t.Errorf("header %q, want none without a mark", hf.OddHeader)
	}
	var titles []string
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" {
			titles = append(titles, dn.Scope+" "+dn.RefersTo)
		}
	}
	if len(titles) != 1 || titles[0] != "it's 'it''s'!$1:$3" {
		t.Errorf("print titles %q, want rows 1 to 3 of it's only", titles)
	}
}

// A Whole column's style reaches the cells a person fills in later; the header keeps its own.
func TestWholeColumn(t *testing.T) {
	b := New()
	defer b.Close()
	s := b.Add("interviews")
	s.Columns(Column{Width: 14, Style: TextFormat, Whole: true}, Column{Width: 12})
	s.Header(Header, "id", "n")
	f := write(t, b)
	id, _ := f.GetColStyle("interviews", "A")
	if st, _ := f.GetStyle(id); st == nil || st.NumFmt != 49 {
		t.Errorf("column A style %+v, want the text format 49", st)
	}
	id, _ = f.GetCellStyle("interviews", "A1")
	if st, _ := f.GetStyle(id); st == nil || st.Font == nil || !st.Font.Bold {
		t.Errorf("header A1 style %+v, want the header's", st)
	}
}

// Document properties name no user or machine; the same content gives the same bytes.
func TestPropsAndDeterminism(t *testing.T) {
	build := func() []byte {
		b := New()
		defer b.Close()
		b.Add("a").Row(Text("x"), Num(1).In(Percent))
		b.Add("b").Header(Header, "h")
		b.Props(Props{Title: "T", Creator: "shadowreport", Language: "en", Created: time.Date(2017, 9, 1, 0, 0, 0, 0, time.UTC)})
		var buf bytes.Buffer
		if err := b.Write(&buf); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	one, two := build(), build()
	if !bytes.Equal(one, two) {
		t.Error("two writes of the same workbook differ")
	}
	f, err := excelize.OpenReader(bytes.NewReader(one))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, _ := f.GetDocProps()
	if p.Created != "2017-09-01T00:00:00Z" || p.Modified != p.Created || p.Creator != "shadowreport" || p.LastModifiedBy != "shadowreport" {
		t.Errorf("props %+v", p)
	}
	if a, _ := f.GetAppProps(); a.Application != "shadowreport" {
		t.Errorf("application %q", a.Application)
	}
	if f.GetActiveSheetIndex() != 0 {
		t.Error("the first sheet is not the one shown on opening")
	}
}

// Name makes a name Excel accepts from anything, unique ignoring case.
func TestName(t *testing.T) {
	b := New()
	defer b.Close()
	long := strings.Repeat("findings-education-", 3) // 57 characters
	for _, c := range []struct{ want, got string }{
		{`a/b:c*d?e[f]g\h'i`, "a-b-c-d-e-f-g-h-i"},
		{"", "table"},
		{"   ", "table-2"},
		{"Findings", "Findings"},
		{"findings", "findings-2"},
		{"FINDINGS", "FINDINGS-3"},
		{"History", "History-2"},
		{long, long[:31]},
		{long, long[:29] + "-2"},
		{"tab\there", "tab-here"},
		{strings.Repeat("😀", 20), strings.Repeat("😀", 15)}, // 2 UTF-16 units each: 30 of 31
	} {
		name := b.Name(c.want, "table")
		if name != c.got {
			t.Errorf("Name(%q) = %q, want %q", c.want, name, c.got)
		}
		b.Add(name)
	}
	if err := b.Err(); err != nil {
		t.Fatal(err)
	}
	f := write(t, b)
	if n := len(f.GetSheetList()); n != 11 {
		t.Errorf("%d sheets, want 11", n)
	}
}

// Add refuses a name Excel would refuse or one already taken, naming it.
func TestAddRefuses(t *testing.T) {
	for _, name := range []string{"a/b", "x[1]", strings.Repeat("n", 32), "history", "'quoted'", "", "about"} {
		b := New()
		b.Add("About")
		b.Add(name)
		if err := b.Err(); err == nil {
			t.Errorf("Add(%q) was accepted", name)
		}
		b.Close()
	}
}

// Whatever a name holds, Name gives one that Add accepts, of at most 31 UTF-16 units, never
// one already in the book.
func TestNameProperty(t *testing.T) {
	alphabet := []rune("ab Z9'[]:*?/\\-\x00\x1f\n가😀é")
	r := rand.New(rand.NewPCG(1, 2))
	b := New()
	defer b.Close()
	seen := map[string]bool{}
	for range 2000 {
		n := r.IntN(50)
		want := make([]rune, n)
		for i := range want {
			want[i] = alphabet[r.IntN(len(alphabet))]
		}
		name := b.Name(string(want), "sheet")
		if units := len(utf16.Encode([]rune(name))); units > MaxName || units == 0 {
			t.Fatalf("Name(%q) = %q, %d UTF-16 units", string(want), name, units)
		}
		if seen[strings.ToLower(name)] {
			t.Fatalf("Name(%q) = %q, already used", string(want), name)
		}
		seen[strings.ToLower(name)] = true
		b.Add(name)
		if err := b.Err(); err != nil {
			t.Fatalf("Name(%q) = %q: %v", string(want), name, err)
		}
	}
	if f := write(t, b); len(f.GetSheetList()) != 2000 {
		t.Errorf("%d sheets read back, want 2000", len(f.GetSheetList()))
	}
}

// A sheet cannot grow past Excel's rows; a second header is a mistake; the first error is
// the one returned.
func TestLimits(t *testing.T) {
	b := New()
	defer b.Close()
	s := b.Add("big")
	s.Skip(excelize.TotalRows)
	s.Row(Text("one too many"))
	if err := b.Err(); err == nil || !strings.Contains(err.Error(), "rows") {
		t.Errorf("err = %v, want one about rows", err)
	}
	b2 := New()
	defer b2.Close()
	s2 := b2.Add("h")
	s2.Header(Bold, "a")
	s2.Header(Bold, "b")
	if err := b2.Err(); err == nil || !strings.Contains(err.Error(), "second header") {
		t.Errorf("err = %v, want one about a second header", err)
	}
}
