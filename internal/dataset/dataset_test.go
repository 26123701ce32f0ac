package dataset

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/diag"
	"github.com/shadowreport/shadowreport/internal/workbook"
	"github.com/shadowreport/shadowreport/internal/xlsxfix"
	"golang.org/x/text/unicode/norm"
)

// load builds a codebook and a wave workbook from the tables and reads the wave.
func load(t *testing.T, codebookRows [][]string, sheets ...xlsxfix.Sheet) (*Wave, *codebook.Codebook, *diag.List) {
	t.Helper()
	dir := t.TempDir()
	cbPath, wPath := filepath.Join(dir, "codebook.xlsx"), filepath.Join(dir, "w.xlsx")
	if err := xlsxfix.Write(cbPath, xlsxfix.Sheet{Name: "codebook", Rows: codebookRows}); err != nil {
		t.Fatal(err)
	}
	if err := xlsxfix.Write(wPath, sheets...); err != nil {
		t.Fatal(err)
	}
	diags := &diag.List{}
	b, err := workbook.Open(cbPath, "codebook.xlsx", workbook.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cb := codebook.Read(b, diags)
	b.Close()
	b, err = workbook.Open(wPath, "w.xlsx", workbook.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	return Read(b, cb, "w", diags), cb, diags
}

var testCodebook = [][]string{
	{"code", "label", "type", "values"},
	{"paid", "Paid", "yesno", ""},
	{"age", "Age", "category", "under 30;30-39;40 and over"},
	{"where", "Where", "multi", "north;south;abroad"},
	{"kids", "Children", "number", ""},
	{"notes", "Notes", "text", ""},
}

func TestTallyExcludesWithdrawn(t *testing.T) {
	w, cb, diags := load(t, testCodebook, xlsxfix.Sheet{Name: "interviews", Rows: [][]string{
		{"id", "consent", "paid", "age", "where", "kids", "notes"},
		{"A", "quote", "yes", "under 30", "north;south", "2", "fine"},
		{"B", "aggregate", "no", "30-39", "south", "0", ""},
		{"C", "withdrawn", "yes", "under 30", "north", "5", "gone"},
		{"D", "quote", "n/a", "", "abroad", "", ""},
		{"E", "quote", "", "40 and over", "", "1", ""},
	}})
	if diags.HasErrors() {
		t.Fatalf("unexpected errors: %v", diags.Items())
	}
	if w.Kind != Interviews || w.Counted() != 4 || w.Withdrawn() != 1 {
		t.Fatalf("kind %s counted %d withdrawn %d", w.Kind, w.Counted(), w.Withdrawn())
	}
	cases := []struct {
		code               string
		answered, miss, na int
		counts             []int
	}{
		{"paid", 2, 1, 1, []int{1, 1}},
		{"age", 3, 1, 0, []int{1, 1, 1}},
		{"where", 3, 1, 0, []int{1, 2, 1}},
	}
	for _, c := range cases {
		tl, ok := w.Tally(cb.Lookup(c.code))
		if !ok {
			t.Fatalf("no tally for %s", c.code)
		}
		if tl.Answered != c.answered || tl.Missing != c.miss || tl.NotApplicable != c.na {
			t.Errorf("%s: answered/missing/na = %d/%d/%d, want %d/%d/%d", c.code, tl.Answered, tl.Missing, tl.NotApplicable, c.answered, c.miss, c.na)
		}
		for i, want := range c.counts {
			if tl.Counts[i] != want || tl.Bases[i] != c.answered {
				t.Errorf("%s %s: %d of %d, want %d of %d", c.code, tl.Values[i], tl.Counts[i], tl.Bases[i], want, c.answered)
			}
		}
	}
	kids, _ := w.Tally(cb.Lookup("kids"))
	if len(kids.Numbers) != 3 {
		t.Errorf("kids numbers = %v, want the three of A, B, E", kids.Numbers)
	}
}

func TestAggregateFigures(t *testing.T) {
	w, cb, diags := load(t, testCodebook, xlsxfix.Sheet{Name: "aggregate", Rows: [][]string{
		{"Code", "Value", "N", "Count", "Percent", "Source"},
		{"paid", "", "50", "31", "", "p. 23"},
		{"age", "under 30", "50", "", "54", "p. 24"},
		{"age", "30-39", "50", "", "'36%", "p. 24"},
		{"age", "40 and over", "40", "", "#pct:0.125", "p. 24"},
		{"where", "north", "47", "", "36", "p. 25"}, // 36% of 47 = 16.92 → 17 (36.17%): fine at whole-percent rounding
		{"where", "south", "47", "12", "25.5", "p. 25"},
	}})
	if diags.HasErrors() || diags.Count(diag.Warning) > 0 {
		t.Fatalf("unexpected diagnostics: %v", diags.Items())
	}
	if w.Kind != Aggregate {
		t.Fatalf("kind = %s", w.Kind)
	}
	want := map[string][2]int{ // count, base
		"paid:yes": {31, 50}, "paid:no": {19, 50},
		"age:under 30": {27, 50}, "age:30-39": {18, 50}, "age:40 and over": {5, 40},
		"where:north": {17, 47}, "where:south": {12, 47}, "where:abroad": {0, 0},
	}
	for _, code := range []string{"paid", "age", "where"} {
		tl, ok := w.Tally(cb.Lookup(code))
		if !ok {
			t.Fatalf("no tally for %s", code)
		}
		for i, v := range tl.Values {
			got := [2]int{tl.Counts[i], tl.Bases[i]}
			if got != want[code+":"+v] {
				t.Errorf("%s %s = %v, want %v", code, v, got, want[code+":"+v])
			}
		}
	}
	if tl, _ := w.Tally(cb.Lookup("paid")); strings.Join(tl.Sources, ",") != "p. 23" {
		t.Errorf("sources = %v", tl.Sources)
	}
}

func TestAggregatePercentProblems(t *testing.T) {
	_, _, diags := load(t, testCodebook, xlsxfix.Sheet{Name: "aggregate", Rows: [][]string{
		{"code", "value", "n", "count", "percent"},
		{"paid", "", "47", "", "36.5"},        // 17.155 people: not whole at one decimal
		{"age", "under 30", "50", "20", "54"}, // 40%, not 54%
		{"age", "30-39", "50", "", "120"},
		{"where", "north", "40", "10", ""},
		{"where", "north", "40", "", "25"}, // duplicate of the figure above
	}})
	got := map[string]string{}
	for _, d := range diags.Items() {
		got[d.Cell] = d.Severity.String() + ": " + d.Message
	}
	for cell, want := range map[string]string{
		"E2": "error: 36.5% of 47 is 17.16 people: no whole count prints as 36.5%",
		"E3": "error: count 20 of 50 is 40%, not the 54% given beside it",
		"E4": `error: percent "120" is not a number between 0 and 100`,
		"A6": "error: the figure for where = \"north\" is given twice (also in row 5)",
	} {
		if !strings.HasPrefix(got[cell], want) {
			t.Errorf("%s: got %q, want it to start with %q", cell, got[cell], want)
		}
	}
}

func TestControlCharacters(t *testing.T) {
	_, _, diags := load(t, testCodebook, xlsxfix.Sheet{Name: "interviews", Rows: [][]string{
		{"id", "consent", "paid", "notes"},
		{"A", "quote", "yes", "fine\nwith a new line"},
		{"B", "quote", "ye_x0007_s", ""}, // how Excel stores a control character
		{"C_x001B_[31m", "quote", "no", ""},
	}})
	got := map[string]string{}
	for _, d := range diags.Items() {
		got[d.Cell] = d.Message
	}
	if len(got) != 2 || !strings.Contains(got["C3"], "U+0007") || !strings.Contains(got["A4"], "U+001B") {
		t.Errorf("diagnostics = %v, want control characters reported at C3 and A4 only", got)
	}
}

// Excel stores 36.2 as 36.200000000000003: the figure is read at the decimals it was printed with.
func TestPercentStoredInexactly(t *testing.T) {
	for _, c := range []struct {
		cell  workbook.Cell
		value string // in points, exactly
		half  string
	}{
		{workbook.Cell{Kind: workbook.Number, Num: 36.2, Text: "36.200000000000003"}, "181/5", "1/20"},
		{workbook.Cell{Kind: workbook.Number, Num: 54, Text: "54"}, "54", "1/2"},
		{workbook.Cell{Kind: workbook.Number, Num: 0.362, Text: "0.36199999999999999", Percent: true}, "181/5", "1/20"},
		{workbook.Cell{Kind: workbook.String, Text: " 54% "}, "54", "1/2"},
	} {
		r, ok := percentReadings(&c.cell)
		if !ok || r[0].value.RatString() != c.value || r[0].half.RatString() != c.half {
			t.Errorf("percentReadings(%q) = %v, %v; want %s ± %s", c.cell.Text, r, ok, c.value, c.half)
		}
	}
}

// A name column typed in decomposed Unicode is an identifier as much as a composed one.
func TestIdentifierHeaderNFD(t *testing.T) {
	_, _, diags := load(t, testCodebook, xlsxfix.Sheet{Name: "interviews", Rows: [][]string{
		{"id", "consent", norm.NFD.String("이름")},
		{"A", "quote", "someone"},
	}})
	if !diags.HasErrors() || diags.Items()[0].Cell != "C2" {
		t.Errorf("diagnostics: %v, want an error at C2", diags.Items())
	}
}
