package present

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/compare"
	"github.com/shadowreport/shadowreport/internal/dataset"
)

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test -update creates it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (go test -update rewrites it); got:\n%s", path, got)
	}
}

func TestTableGolden(t *testing.T) {
	var b bytes.Buffer
	if err := Table(&b, fixture(t, compare.Options{})); err != nil {
		t.Fatal(err)
	}
	golden(t, "table.golden", b.Bytes())
}

func TestTableAdjustments(t *testing.T) {
	for adjust, want := range map[string]string{"bh": "Benjamini–Hochberg", "none": "not adjusted"} {
		var b bytes.Buffer
		if err := Table(&b, fixture(t, compare.Options{Adjust: adjust})); err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(b.Bytes(), []byte(want)) {
			t.Errorf("%s: footer does not say %q", adjust, want)
		}
		if adjust == "none" && bytes.Contains(b.Bytes(), []byte("adj.")) {
			t.Error("adjust none shows adjusted p")
		}
	}
}

func TestCSV(t *testing.T) {
	r := fixture(t, compare.Options{})
	var b bytes.Buffer
	if err := CSV(&b, r); err != nil {
		t.Fatal(err)
	}
	first, _, _ := strings.Cut(b.String(), "\n")
	if first != NotForPublication {
		t.Errorf("first line %q", first)
	}
	cr := csv.NewReader(&b)
	cr.FieldsPerRecord = -1
	recs, err := cr.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	recs = recs[1:]
	if len(recs) != 1+len(r.Findings) {
		t.Fatalf("%d records, want %d", len(recs), 1+len(r.Findings))
	}
	if !reflect.DeepEqual(recs[0], csvHeader) {
		t.Errorf("header %v", recs[0])
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	for i, f := range r.Findings {
		rec := recs[i+1]
		get := func(h string) string { return rec[col[h]] }
		if get("code") != f.Code || get("value") != f.Value || get("verdict") != string(f.Verdict) ||
			get("from_count") != strconv.Itoa(f.From.Count) || get("to_n") != strconv.Itoa(f.To.N) || get("from_wave") != r.From {
			t.Errorf("row %d: %v", i+1, rec)
		}
		share, err := strconv.ParseFloat(get("to_share"), 64)
		if err != nil || share != *f.To.Share {
			t.Errorf("row %d: to_share %q, want %v unrounded", i+1, get("to_share"), *f.To.Share)
		}
		if f.P == nil && (get("p") != "" || get("p_adjusted") != "") {
			t.Errorf("row %d: a null p is %q", i+1, get("p"))
		}
		if f.P != nil {
			if p, err := strconv.ParseFloat(get("p"), 64); err != nil || p != *f.P {
				t.Errorf("row %d: p %q, want %v", i+1, get("p"), *f.P)
			}
		}
	}
	if got := recs[1][col["from_sources"]]; got != "2014 report, p. 23" {
		t.Errorf("from_sources %q", got)
	}
	// a label that looks like a formula is neutralised; numbers stay numbers (a negative
	// difference keeps its minus)
	for _, rec := range recs[1:] {
		if rec[col["code"]] == "health_formula" && rec[col["label"]] != `'=HYPERLINK("http://x") looks like a formula` {
			t.Errorf("label %q", rec[col["label"]])
		}
		if rec[col["code"]] == "edu_highest" && rec[col["value"]] == "primary" && !strings.HasPrefix(rec[col["diff"]], "-0.") {
			t.Errorf("diff %q", rec[col["diff"]])
		}
	}
}

func TestCSVText(t *testing.T) {
	for in, want := range map[string]string{
		"=1+1": "'=1+1", "+49 30": "'+49 30", "-x": "'-x", "@SUM(A1)": "'@SUM(A1)", "\tx": "'\tx", "\rx": "'\rx",
		"plain": "plain", "": "", " =not at the start": " =not at the start", "1-5": "1-5",
	} {
		if got := CSVText(in); got != want {
			t.Errorf("CSVText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestXLSX(t *testing.T) {
	r := fixture(t, compare.Options{})
	var a, b bytes.Buffer
	if err := XLSX(&a, r); err != nil {
		t.Fatal(err)
	}
	if err := XLSX(&b, fixture(t, compare.Options{})); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two writes of the same comparison differ")
	}
	f, err := excelize.OpenReader(bytes.NewReader(a.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := []string{SheetFindings, SheetComposition, SheetProfiles, SheetTrends, SheetNotComparable, SheetNumbers, SheetAgreement, SheetAbout}
	if got := f.GetSheetList(); !reflect.DeepEqual(got, want) {
		t.Errorf("sheets %v, want %v", got, want)
	}
	for _, sh := range want {
		if v, _ := f.GetCellValue(sh, "A1"); v != NotForPublication {
			t.Errorf("%s!A1 = %q, want the not-for-publication line", sh, v)
		}
		panes, err := f.GetPanes(sh)
		if err != nil || !panes.Freeze || panes.YSplit != 2 || panes.TopLeftCell != "A3" {
			t.Errorf("%s: panes %+v, %v", sh, panes, err)
		}
		id, err := f.GetCellStyle(sh, "A2")
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil || st.Font == nil || !st.Font.Bold || st.Fill.Pattern != 1 || len(st.Fill.Color) == 0 {
			t.Errorf("%s: header style %+v, %v", sh, st, err)
		}
	}
	rows, err := f.GetRows(SheetFindings)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2+len(r.Findings) || rows[1][0] != "theme" || rows[1][7] != "2014 count" {
		t.Errorf("findings sheet: %d rows, header %v", len(rows), rows[1])
	}
	// the share of 2014 in row 3 is a number formatted as a whole percentage
	if v, _ := f.GetCellValue(SheetFindings, "J3"); v != "62%" {
		t.Errorf("J3 shows %q, want 62%%", v)
	}
	raw, _ := f.GetCellValue(SheetFindings, "J3", excelize.Options{RawCellValue: true})
	if raw != "0.62" {
		t.Errorf("J3 holds %q, want 0.62", raw)
	}
	if v, _ := f.GetCellValue(SheetFindings, "R3"); v != "+8.0%" {
		t.Errorf("difference shows %q, want +8.0%%", v)
	}
	if v, _ := f.GetCellValue(SheetFindings, "U3"); v != "0.5058" {
		t.Errorf("p shows %q, want 0.5058", v)
	}
	// a label that looks like a formula stays text
	for i, row := range rows {
		if len(row) > 2 && row[1] == "health_formula" {
			cell, _ := excelize.CoordinatesToCellName(3, i+1)
			if formula, _ := f.GetCellFormula(SheetFindings, cell); formula != "" {
				t.Errorf("%s holds the formula %q", cell, formula)
			}
			if typ, _ := f.GetCellType(SheetFindings, cell); typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
				t.Errorf("%s has type %v, want a string", cell, typ)
			}
		}
	}
	props, err := f.GetDocProps()
	if err != nil || props.Created != FixedDate || props.Modified != FixedDate || props.Creator != "shadowreport" {
		t.Errorf("doc props %+v, %v", props, err)
	}
	comp, _ := f.GetRows(SheetComposition)
	if len(comp) != 2+len(r.Composition) || comp[2][len(comp[1])-2] != "yes" {
		t.Errorf("composition rows %v", comp)
	}
	if props.Title == "" || !strings.HasPrefix(props.Title, "NOT FOR PUBLICATION") {
		t.Errorf("title %q", props.Title)
	}
}

// TestDegenerate writes comparisons where nobody answered, and one with nothing to compare.
func TestDegenerate(t *testing.T) {
	c := &codebook.Code{Name: "x", Label: "X", Type: codebook.YesNo, Direction: codebook.WorseIfHigher}
	q := &codebook.Code{Name: "q", Label: "Q", Type: codebook.Category, Values: []string{"a", "b"}, Identifier: codebook.Quasi}
	n := &codebook.Code{Name: "n", Label: "N", Type: codebook.Number}
	empty := func(code *codebook.Code) *dataset.Column {
		return &dataset.Column{Code: code, State: []dataset.State{dataset.Missing}, Bits: []uint64{0}, Num: []float64{0}}
	}
	cb := &codebook.Codebook{Codes: []*codebook.Code{c, q, n}}
	results := map[string][]*dataset.Wave{
		"no answers": {interviews("a", 1, empty(c), empty(q), empty(n)), interviews("b", 1, yn(c, 1, 1), empty(q), empty(n))},
		"nothing":    {interviews("a", 0), interviews("b", 0)},
	}
	for name, waves := range results {
		r, err := compare.Compare(cb, waves, compare.Options{})
		if err != nil {
			t.Fatal(err)
		}
		var tb, cs, xb bytes.Buffer
		if err := Table(&tb, r); err != nil {
			t.Fatal(err)
		}
		if err := CSV(&cs, r); err != nil {
			t.Fatal(err)
		}
		if err := XLSX(&xb, r); err != nil {
			t.Fatal(err)
		}
		for _, out := range [][]byte{tb.Bytes(), cs.Bytes()} {
			if bytes.Contains(out, []byte("NaN")) || bytes.Contains(out, []byte("Inf")) {
				t.Errorf("%s: %s", name, out)
			}
		}
	}
}

// Rebuilt counts are marked in every format; the footer follows the settings; a single wave
// is described.
func TestTableMarksAndSettings(t *testing.T) {
	x := &codebook.Code{Name: "x", Label: "X", Type: codebook.YesNo, Direction: codebook.WorseIfHigher}
	q := &codebook.Code{Name: "q", Label: "Q", Type: codebook.Category, Values: []string{"a", "b"}, Identifier: codebook.Quasi}
	cb := &codebook.Codebook{Codes: []*codebook.Code{q, x}}
	agg := &dataset.Wave{Name: "2014", Kind: dataset.Aggregate, Figures: []dataset.Figure{
		{Code: x, N: 200, Count: 66, CountMin: 65, CountMax: 67, Rebuilt: true},
		{Code: q, Value: 0, N: 200, Count: 100}, {Code: q, Value: 1, N: 200, Count: 100},
	}}
	iv := interviews("2017", 0, yn(x, 30, 40), cat(q, 30, 10))
	r, err := compare.Compare(cb, []*dataset.Wave{agg, iv}, compare.Options{FlagPoints: 10, MinCell: 5})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := Table(&b, r); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{"65–67† of 200 (33%)", "†: a count rebuilt from a published percentage", "! over 10 points",
		"more than 10 points between the waves", "std. ", "Withheld: findings of sensitive codes held, or not held, by fewer than 5"} {
		if !strings.Contains(out, want) {
			t.Errorf("the table lacks %q:\n%s", want, out)
		}
	}
	var cs bytes.Buffer
	if err := CSV(&cs, r); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(cs.String(), ",true,65,67,true,") {
		t.Errorf("the CSV does not mark the rebuilt count:\n%s", cs.String())
	}
	single, err := compare.Compare(cb, []*dataset.Wave{iv}, compare.Options{})
	if err != nil {
		t.Fatal(err)
	}
	b.Reset()
	if err := Table(&b, single); err != nil {
		t.Fatal(err)
	}
	if out := b.String(); !strings.Contains(out, "The people interviewed in 2017 (one wave: nothing is compared)") ||
		!strings.Contains(out, "30 of 40 (75%)") || strings.Contains(out, "verdict") || strings.Contains(out, "—") {
		t.Errorf("single wave:\n%s", out)
	}
	var xb bytes.Buffer
	if err := XLSX(&xb, single); err != nil {
		t.Fatal(err)
	}
}
