package workbook

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/shadowreport/shadowreport/internal/xlsxfix"
	"github.com/xuri/excelize/v2"
)

func readAll(t *testing.T, path string, sheet string, opts Options) ([]Row, SheetMeta, *Book) {
	t.Helper()
	b, err := Open(path, "w.xlsx", opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	s, ok := b.Sheet(sheet)
	if !ok {
		t.Fatalf("no sheet %q", sheet)
	}
	var rows []Row
	meta, err := b.ReadSheet(s, func(r *Row) error {
		rows = append(rows, Row{Num: r.Num, Hidden: r.Hidden, Cells: append([]Cell(nil), r.Cells...)})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return rows, meta, b
}

func TestReadSheetTypes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "w.xlsx")
	err := xlsxfix.Write(path, xlsxfix.Sheet{
		Name: "interviews",
		Rows: [][]string{
			{"id", "a", "b", "c", "d", "e", "f"},
			{"W1", "3", "'3", "TRUE", "#date:2024-01-05", "#pct:0.62", "=1+1"},
			{"W2", "", "학교에 돈을", "  yes ", "", "", ""},
			{},
			{"W4", "2.5"},
		},
		HiddenRows: []int{3},
		HiddenCols: []string{"C"},
		Merges:     []string{"B5:C5"},
	})
	if err != nil {
		t.Fatal(err)
	}
	rows, meta, b := readAll(t, path, "Interviews", Options{})
	if len(rows) != 4 {
		t.Fatalf("got %d rows, want 4 (the empty row 4 skipped)", len(rows))
	}
	if rows[3].Num != 5 {
		t.Errorf("last row number = %d, want 5", rows[3].Num)
	}
	r := rows[1].Cells
	want := []struct {
		col  int
		kind Kind
		text string
		num  float64
	}{
		{1, String, "W1", 0}, {2, Number, "3", 3}, {3, String, "3", 0}, {4, Bool, "TRUE", 1},
		{5, Date, "", 45296}, {6, Number, "0.62", 0.62}, {7, NoValue, "", 0},
	}
	if len(r) != len(want) {
		t.Fatalf("row 2 has %d cells: %+v", len(r), r)
	}
	for i, w := range want {
		if r[i].Col != w.col || r[i].Kind != w.kind || r[i].Text != w.text || r[i].Num != w.num {
			t.Errorf("cell %d = %+v, want %+v", i, r[i], w)
		}
	}
	if !r[5].Percent {
		t.Errorf("percent-formatted cell not flagged")
	}
	if tm, ok := b.Time(r[4]); !ok || tm.Format("2006-01-02") != "2024-01-05" {
		t.Errorf("date = %v %v", tm, ok)
	}
	if got := rows[2].Cells[1].Text; got != "학교에 돈을" {
		t.Errorf("Korean text = %q", got)
	}
	if got := rows[2].Cells[2].Text; got != "  yes " {
		t.Errorf("spaces must be kept by the reader, got %q", got)
	}
	if !rows[2].Hidden || rows[1].Hidden {
		t.Errorf("hidden row flags: row3=%v row2=%v", rows[2].Hidden, rows[1].Hidden)
	}
	if len(meta.HiddenCols) != 1 || meta.HiddenCols[0] != (ColRange{3, 3}) {
		t.Errorf("hidden cols = %v, want [{3 3}]", meta.HiddenCols)
	}
	if len(meta.Merges) != 1 || meta.Merges[0] != (Range{2, 5, 3, 5}) {
		t.Errorf("merges = %v", meta.Merges)
	}
}

// The reader must agree with excelize on every value it reads.
func TestAgreesWithExcelize(t *testing.T) {
	path := filepath.Join(t.TempDir(), "w.xlsx")
	rowsIn := [][]string{{"id", "x", "y", "z"}}
	for i := 0; i < 300; i++ {
		rowsIn = append(rowsIn, []string{"P" + strings.Repeat("x", i%7), "1", "'no", "예", "2.25"})
	}
	if err := xlsxfix.Write(path, xlsxfix.Sheet{Name: "s", Rows: rowsIn}); err != nil {
		t.Fatal(err)
	}
	rows, _, _ := readAll(t, path, "s", Options{})
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, r := range rows {
		for _, c := range r.Cells {
			name, _ := excelize.CoordinatesToCellName(c.Col, r.Num)
			v, err := f.GetCellValue("s", name, excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatal(err)
			}
			if v != c.Text {
				t.Fatalf("%s: ours %q, excelize %q", name, c.Text, v)
			}
		}
	}
}

func TestHiddenSheetState(t *testing.T) {
	path := filepath.Join(t.TempDir(), "w.xlsx")
	err := xlsxfix.Write(path,
		xlsxfix.Sheet{Name: "interviews", Rows: [][]string{{"id"}}},
		xlsxfix.Sheet{Name: "scratch", Rows: [][]string{{"x"}}, State: "hidden"},
		xlsxfix.Sheet{Name: "secret", Rows: [][]string{{"x"}}, State: "veryHidden"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Open(path, "w.xlsx", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	got := map[string]SheetState{}
	for _, s := range b.Sheets() {
		got[s.Name] = s.State
	}
	if got["interviews"] != Visible || got["scratch"] != Hidden || got["secret"] != VeryHidden {
		t.Errorf("states = %v", got)
	}
}

func TestNotAWorkbook(t *testing.T) {
	dir := t.TempDir()
	cases := map[string]struct {
		content string
		want    string
	}{
		"html.xlsx":  {"<html><body>x</body></html>", "HTML"},
		"csv.xlsx":   {"id,consent\nW1,quote\n", "CSV"},
		"empty.xlsx": {"", "empty"},
		"trunc.xlsx": {"PK\x03\x04\x14\x00\x00\x00", "damaged"},
		"xls.xlsx":   {"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + strings.Repeat("\x00", 600), ".xls"},
	}
	for name, c := range cases {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(c.content), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := Open(p, name, Options{})
		var we *Error
		if !errors.As(err, &we) {
			t.Errorf("%s: got %v, want *Error", name, err)
			continue
		}
		if !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), name) {
			t.Errorf("%s: message %q should name the file and say %q", name, err, c.want)
		}
	}
}

func TestLimits(t *testing.T) {
	path := filepath.Join(t.TempDir(), "w.xlsx")
	rows := [][]string{{"id", "note"}}
	for i := 0; i < 20; i++ {
		rows = append(rows, []string{"x", strings.Repeat("a", 100)})
	}
	if err := xlsxfix.Write(path, xlsxfix.Sheet{Name: "s", Rows: rows}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		lim       Limits
		what, key string
	}{
		{Limits{Rows: 10}, "rows", "rows"},
		{Limits{Columns: 1}, "columns", "columns"},
		{Limits{CellChars: 50}, "characters in one cell", "cell_chars"},
		{Limits{PartBytes: 100}, "bytes in the part", "part_mb"},
		{Limits{FileBytes: 100}, "bytes in the file", "file_mb"},
	} {
		b, err := Open(path, "w.xlsx", Options{Limits: c.lim})
		if err == nil {
			s, _ := b.Sheet("s")
			_, err = b.ReadSheet(s, func(*Row) error { return nil })
			b.Close()
		}
		var le *LimitError
		if !errors.As(err, &le) || !strings.Contains(err.Error(), c.what) || !strings.Contains(err.Error(), "raise "+c.key+" under [limits] in report.toml") {
			t.Errorf("%+v: got %v, want a limit error about %s", c.lim, err, c.what)
		}
	}
}

func TestEncrypted(t *testing.T) {
	path := filepath.Join(t.TempDir(), "w.xlsx")
	f := excelize.NewFile()
	f.SetCellStr("Sheet1", "A1", "secret")
	if err := f.SaveAs(path, excelize.Options{Password: "pw"}); err != nil {
		t.Fatal(err)
	}
	f.Close()
	for _, c := range []struct{ pw, want string }{{"", "encrypted"}, {"bad", "password is wrong"}} {
		_, err := Open(path, "w.xlsx", Options{Password: c.pw})
		var we *Error
		if !errors.As(err, &we) || !we.Encrypted || !strings.Contains(err.Error(), c.want) {
			t.Errorf("password %q: got %v", c.pw, err)
		}
	}
	rows, _, _ := readAll(t, path, "Sheet1", Options{Password: "pw"})
	if len(rows) != 1 || rows[0].Cells[0].Text != "secret" {
		t.Errorf("decrypted rows = %+v", rows)
	}
}

func TestClassifyFormat(t *testing.T) {
	for code, want := range map[string]numKind{
		"0.00%": numPercent, "yyyy-mm-dd": numDate, `d-mmm`: numDate, `[h]:mm`: numDate,
		`"days"0`: numPlain, `#,##0`: numPlain, `@`: numText, `[Red]0.00`: numPlain, `0\d`: numPlain,
	} {
		if got := classifyCode(code); got != want {
			t.Errorf("classifyCode(%q) = %v, want %v", code, got, want)
		}
	}
}

// zipWith writes a zip holding the given parts, each compressed.
func zipWith(t *testing.T, parts map[string][]byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "w.xlsx")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	names := make([]string, 0, len(parts))
	for n := range parts {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(parts[n])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return path
}

const minimalWorkbook = `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="interviews" sheetId="1" r:id="rId1"/></sheets></workbook>`
const minimalRels = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`

func TestZipBomb(t *testing.T) {
	// 64 MB of one repeated row compresses about a thousand times
	row := []byte(`<row><c t="inlineStr"><is><t>yes</t></is></c></row>`)
	sheet := append([]byte(`<worksheet><sheetData>`), bytes.Repeat(row, (64<<20)/len(row))...)
	path := zipWith(t, map[string][]byte{
		"xl/workbook.xml":            []byte(minimalWorkbook),
		"xl/_rels/workbook.xml.rels": []byte(minimalRels),
		"xl/worksheets/sheet1.xml":   sheet,
	})
	_, err := Open(path, "bomb.xlsx", Options{})
	var we *Error
	if !errors.As(err, &we) || !strings.Contains(err.Error(), "zip bomb") {
		t.Fatalf("got %v, want a zip-bomb error", err)
	}
}

// Parts each below the size at which one part is judged, which together expand like a bomb, are
// refused too: reading them would take as long.
func TestZipBombInParts(t *testing.T) {
	row := []byte(`<row>` + strings.Repeat(`<c><v>1</v></c>`, 16384) + `</row>`)
	sheet := append([]byte(`<worksheet><sheetData>`), bytes.Repeat(row, (30<<20)/len(row))...)
	sheet = append(sheet, `</sheetData></worksheet>`...)
	parts := map[string][]byte{
		"xl/workbook.xml":            []byte(minimalWorkbook),
		"xl/_rels/workbook.xml.rels": []byte(minimalRels),
		"xl/worksheets/sheet1.xml":   sheet,
	}
	if _, err := Open(zipWith(t, parts), "bomb.xlsx", Options{}); err != nil {
		t.Fatalf("one part of 30 MB: %v", err)
	}
	parts["xl/worksheets/sheet2.xml"] = sheet
	_, err := Open(zipWith(t, parts), "bomb.xlsx", Options{})
	if err == nil || !strings.Contains(err.Error(), "bomb.xlsx: holds parts that expand") || !strings.Contains(err.Error(), "MB: it looks like a zip bomb") {
		t.Fatalf("two parts of 30 MB: got %v, want a zip-bomb error", err)
	}
}

func TestMacros(t *testing.T) {
	path := zipWith(t, map[string][]byte{
		"xl/workbook.xml":            []byte(minimalWorkbook),
		"xl/_rels/workbook.xml.rels": []byte(minimalRels),
		"xl/worksheets/sheet1.xml":   []byte(`<worksheet><sheetData/></worksheet>`),
		"xl/vbaProject.bin":          []byte("macro"),
	})
	_, err := Open(path, "m.xlsx", Options{})
	if err == nil || !strings.Contains(err.Error(), "macro-enabled") {
		t.Fatalf("got %v, want a macro-enabled error", err)
	}
}

// A sheet of a million rows stops at the row limit, without reading the rest.
func TestMillionRows(t *testing.T) {
	var sheet bytes.Buffer
	sheet.WriteString(`<worksheet><sheetData>`)
	for i := 1; i <= 1_000_000; i++ {
		fmt.Fprintf(&sheet, `<row r="%d"><c r="A%d"><v>%d</v></c></row>`, i, i, i)
	}
	sheet.WriteString(`</sheetData></worksheet>`)
	path := zipWith(t, map[string][]byte{
		"xl/workbook.xml":            []byte(minimalWorkbook),
		"xl/_rels/workbook.xml.rels": []byte(minimalRels),
		"xl/worksheets/sheet1.xml":   sheet.Bytes(),
	})
	b, err := Open(path, "big.xlsx", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	s, _ := b.Sheet("interviews")
	rows := 0
	_, err = b.ReadSheet(s, func(*Row) error { rows++; return nil })
	var le *LimitError
	if !errors.As(err, &le) || le.What != "rows" {
		t.Fatalf("got %v, want the row limit", err)
	}
	if rows != DefaultLimits.Rows {
		t.Errorf("read %d rows before stopping, want %d", rows, DefaultLimits.Rows)
	}
}

// FuzzOpen feeds arbitrary bytes to the reader as a workbook: it may refuse them, never panic or hang.
func FuzzOpen(f *testing.F) {
	dir := f.TempDir()
	seed := filepath.Join(dir, "seed.xlsx")
	if err := xlsxfix.Write(seed, xlsxfix.Sheet{Name: "interviews", Rows: [][]string{
		{"id", "consent", "paid", "when"}, {"W1", "quote", "yes", "#date:2024-01-05"}, {"W2", "", "=1+1", "#pct:0.5"}, {"W3", "quote", "학교", "TRUE"},
	}, Merges: []string{"A5:B5"}, HiddenRows: []int{3}}); err != nil {
		f.Fatal(err)
	}
	b, _ := os.ReadFile(seed)
	f.Add(b)
	f.Add(b[:len(b)/2])
	f.Add([]byte("<html></html>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "f.xlsx")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		book, err := Open(path, "f.xlsx", Options{Limits: Limits{PartBytes: 8 << 20, Rows: 1000, CellChars: 1000}})
		if err != nil {
			return
		}
		defer book.Close()
		for _, s := range book.Sheets() {
			book.ReadSheet(s, func(r *Row) error {
				for _, c := range r.Cells {
					book.Time(c)
				}
				return nil
			})
		}
	})
}
