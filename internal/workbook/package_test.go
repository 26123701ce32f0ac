package workbook

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf16"

	"github.com/shadowreport/shadowreport/internal/diag"
)

// part is one entry of a hand-built package; entries are written in order, duplicates kept.
type part struct {
	name string
	data string
}

const (
	nsMain = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
	relWS  = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
	relSST = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
	relSty = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
)

// book is a package as Excel writes it, with one sheet "interviews" whose sheetData is rows
// (and extra, the elements after sheetData), plus the parts given.
func book(rows, extra string, more ...part) []part {
	ps := []part{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook ` + nsMain + `><sheets><sheet name="interviews" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="` + relWS + `" Target="worksheets/sheet1.xml"/></Relationships>`},
		{"xl/worksheets/sheet1.xml", sheetXML(rows, extra)},
	}
	for _, m := range more {
		replaced := false
		for i := range ps {
			if ps[i].name == m.name {
				ps[i], replaced = m, true
			}
		}
		if !replaced {
			ps = append(ps, m)
		}
	}
	return ps
}

func sheetXML(rows, extra string) string {
	return `<?xml version="1.0" encoding="UTF-8"?><worksheet ` + nsMain + `><sheetData>` + rows + `</sheetData>` + extra + `</worksheet>`
}

// withRels replaces the workbook's relationships by the worksheet's and the given ones.
func withRels(rels ...string) part {
	return part{"xl/_rels/workbook.xml.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="` + relWS + `" Target="worksheets/sheet1.xml"/>` + strings.Join(rels, "") + `</Relationships>`}
}

func relTo(id, typ, target string) string {
	return `<Relationship Id="` + id + `" Type="` + typ + `" Target="` + target + `"/>`
}

// writePkg writes the parts as a zip, deflated unless stored is set.
func writePkg(t testing.TB, parts []part, stored bool) string {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		h := &zip.FileHeader{Name: p.name, Method: zip.Deflate}
		if stored {
			h.Method = zip.Store
		}
		w, err := zw.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(p.data)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "w.xlsx")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
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
