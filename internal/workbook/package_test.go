package workbook

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf16"

	"github.com/shadowreport/shadowreport/internal/diag"
	"github.com/shadowreport/shadowreport/internal/xlsxfix"
)

// part is one entry of a hand-built package; entries are written in order, duplicates kept.
type part struct{ name, data string }

func toFix(ps []part) []xlsxfix.Part {
	out := make([]xlsxfix.Part, len(ps))
	for i, p := range ps {
		out[i] = xlsxfix.Part{Name: p.name, Data: p.data}
	}
	return out
}

func fromFix(ps ...xlsxfix.Part) []part {
	out := make([]part, len(ps))
	for i, p := range ps {
		out[i] = part{p.Name, p.Data}
	}
	return out
}

const (
	nsMain = xlsxfix.NS
	relWS  = xlsxfix.RelWorksheet
	relSST = xlsxfix.RelSharedStrings
	relSty = xlsxfix.RelStyles
)

// book is a package as Excel writes it, with one sheet "interviews" whose sheetData is rows
// (and extra, the elements after sheetData), plus the parts given.
func book(rows, extra string, more ...part) []part {
	return fromFix(xlsxfix.RawBook("interviews", sheetXML(rows, extra), toFix(more)...)...)
}

func sheetXML(rows, extra string) string { return xlsxfix.SheetXML(rows, extra) }

// withRels replaces the workbook's relationships by the worksheet's and the given ones.
func withRels(rels ...string) part { return fromFix(xlsxfix.WorkbookRels(rels...))[0] }

func relTo(id, typ, target string) string { return xlsxfix.Rel(id, typ, target) }

// writePkg writes the parts as a zip, deflated unless stored is set.
func writePkg(t testing.TB, parts []part, stored bool) string {
	t.Helper()
	data, err := xlsxfix.Package(toFix(parts), stored)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "w.xlsx")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// readPkg opens the parts as a workbook and reads its sheet "interviews".
func readPkg(t testing.TB, parts []part, opts Options) ([]Row, SheetMeta, error) {
	t.Helper()
	path := writePkg(t, parts, false)
	b, err := Open(path, "w.xlsx", opts)
	if err != nil {
		return nil, SheetMeta{}, err
	}
	defer b.Close()
	s, ok := b.Sheet("interviews")
	if !ok {
		t.Fatalf("no sheet interviews")
	}
	var rows []Row
	meta, err := b.ReadSheet(s, func(r *Row) error {
		rows = append(rows, Row{Num: r.Num, Hidden: r.Hidden, Cells: append([]Cell(nil), r.Cells...)})
		return nil
	})
	return rows, meta, err
}

// cellTexts renders rows as "A1=text" items, for comparisons.
func cellTexts(rows []Row) string {
	var out []string
	for _, r := range rows {
		for _, c := range r.Cells {
			out = append(out, diag.CellName(c.Col, r.Num)+"="+c.Text)
		}
	}
	return strings.Join(out, " ")
}

// wantErr checks that err is an *Error or *LimitError whose message names the file, says
// every one of want, and holds only printable text.
func wantErr(t *testing.T, err error, want ...string) {
	t.Helper()
	var we *Error
	var le *LimitError
	if !errors.As(err, &we) && !errors.As(err, &le) {
		t.Fatalf("got %v (%T), want a workbook error saying %q", err, err, want)
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, "w.xlsx: ") {
		t.Errorf("%q does not start with the file's name", msg)
	}
	for _, w := range want {
		if !strings.Contains(msg, w) {
			t.Errorf("%q does not say %q", msg, w)
		}
	}
	for _, r := range msg {
		if !unicode.IsPrint(r) || r == unicode.ReplacementChar {
			t.Errorf("%q holds the non-printing character %U", msg, r)
			break
		}
	}
}

func utf16LE(s string, bom bool) string {
	var b []byte
	if bom {
		b = append(b, 0xFF, 0xFE)
	}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return string(b)
}

func utf16BE(s string, bom bool) string {
	var b []byte
	if bom {
		b = append(b, 0xFE, 0xFF)
	}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u>>8), byte(u))
	}
	return string(b)
}

func rowXML(n int, cells ...string) string {
	return fmt.Sprintf(`<row r="%d">%s</row>`, n, strings.Join(cells, ""))
}

func inl(ref, text string) string {
	return `<c r="` + ref + `" t="inlineStr"><is><t>` + text + `</t></is></c>`
}
