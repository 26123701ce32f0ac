package xlsxfix

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"io"
	"sort"
	"strings"
	"unicode/utf16"
)

// Part is one entry of a workbook package built by hand, for fixtures no spreadsheet program
// would write: damaged, hostile or unusual files.
type Part struct {
	Name string
	Data string
}

// Namespaces of a worksheet's or workbook's root element.
const NS = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`

// Relationship types of a workbook's parts.
const (
	RelWorksheet     = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
	RelSharedStrings = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
	RelStyles        = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
)

// SheetXML is a worksheet whose sheetData holds rows (raw <row> elements), followed by extra
// (elements such as <mergeCells>).
func SheetXML(rows, extra string) string {
	return `<?xml version="1.0" encoding="UTF-8"?><worksheet ` + NS + `><sheetData>` + rows + `</sheetData>` + extra + `</worksheet>`
}

// RawBook is the package of a workbook as Excel lays it out, with one sheet named sheet whose
// part xl/worksheets/sheet1.xml holds sheetXML. Each of more replaces the part of the same name
// or is added at the end.
func RawBook(sheet, sheetXML string, more ...Part) []Part {
	ps := []Part{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook ` + NS + `><sheets><sheet name="` + sheet + `" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		WorkbookRels(),
		{"xl/worksheets/sheet1.xml", sheetXML},
	}
	for _, m := range more {
		replaced := false
		for i := range ps {
			if ps[i].Name == m.Name {
				ps[i], replaced = m, true
			}
		}
		if !replaced {
			ps = append(ps, m)
		}
	}
	return ps
}

// WorkbookRels is the workbook's relationships part: sheet1.xml as rId1, then the given
// relationships (see Rel).
func WorkbookRels(rels ...string) Part {
	return Part{"xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		Rel("rId1", RelWorksheet, "worksheets/sheet1.xml") + strings.Join(rels, "") + `</Relationships>`}
}

// Rel is one relationship element.
func Rel(id, typ, target string) string {
	return `<Relationship Id="` + id + `" Type="` + typ + `" Target="` + target + `"/>`
}

// Package returns the parts as a zip archive, in order and duplicates kept, deflated unless
// stored is set.
func Package(parts []Part, stored bool) ([]byte, error) {
	var buf bytes.Buffer
	if err := WritePackage(&buf, parts, stored); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// WritePackage writes the parts to w as Package does.
func WritePackage(w io.Writer, parts []Part, stored bool) error {
	zw := zip.NewWriter(w)
	for _, p := range parts {
		h := &zip.FileHeader{Name: p.Name, Method: zip.Deflate}
		if stored {
			h.Method = zip.Store
		}
		pw, err := zw.CreateHeader(h)
		if err != nil {
			return err
		}
		if _, err := io.WriteString(pw, p.Data); err != nil {
			return err
		}
	}
	return zw.Close()
}

// CompoundFile returns a compound file (the container of .xls, .doc and password-encrypted
// xlsx files), version 3, whose root storage holds the given streams, each in regular sectors:
// enough for a reader of its directory, not for Office.
func CompoundFile(streams map[string][]byte) []byte {
	const ss = 512
	names := make([]string, 0, len(streams))
	for n := range streams {
		names = append(names, n)
	}
	sort.Strings(names)
	// sectors: 0 the FAT, 1 the directory, then the streams
	var data [][]byte
	for _, n := range names {
		s := append([]byte(nil), streams[n]...)
		for len(s)%ss != 0 || len(s) == 0 {
			s = append(s, 0)
		}
		data = append(data, s)
	}
	fat := make([]uint32, ss/4)
	for i := range fat {
		fat[i] = 0xFFFFFFFF
	}
	fat[0], fat[1] = 0xFFFFFFFD, 0xFFFFFFFE
	next := uint32(2)
	starts := make([]uint32, len(data))
	for i, d := range data {
		starts[i] = next
		n := uint32(len(d) / ss)
		for j := uint32(0); j < n; j++ {
			fat[next+j] = next + j + 1
		}
		fat[next+n-1] = 0xFFFFFFFE
		next += n
	}
	head := make([]byte, ss)
	copy(head, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
	le := binary.LittleEndian
	le.PutUint16(head[0x18:], 0x3E)
	le.PutUint16(head[0x1A:], 3)
	le.PutUint16(head[0x1C:], 0xFFFE)
	le.PutUint16(head[0x1E:], 9)
	le.PutUint16(head[0x20:], 6)
	le.PutUint32(head[0x2C:], 1)
	le.PutUint32(head[0x30:], 1)
	le.PutUint32(head[0x3C:], 0xFFFFFFFE)
	le.PutUint32(head[0x44:], 0xFFFFFFFE)
	for i := 0; i < 109; i++ {
		le.PutUint32(head[0x4C+4*i:], 0xFFFFFFFF)
	}
	le.PutUint32(head[0x4C:], 0)
	dir := make([]byte, ss)
	entry := func(i int, name string, typ byte, right, child, start uint32, size int) {
		e := dir[i*128 : (i+1)*128]
		u := utf16.Encode([]rune(name))
		for j, c := range u {
			le.PutUint16(e[2*j:], c)
		}
		le.PutUint16(e[64:], uint16(2*len(u)+2))
		e[66] = typ
		le.PutUint32(e[68:], 0xFFFFFFFF)
		le.PutUint32(e[72:], right)
		le.PutUint32(e[76:], child)
		le.PutUint32(e[116:], start)
		le.PutUint32(e[120:], uint32(size))
	}
	none := uint32(0xFFFFFFFF)
	entry(0, "Root Entry", 5, none, 1, 0xFFFFFFFE, 0)
	for i, n := range names { // at most three: the directory is one sector
		right := none
		if i+1 < len(names) {
			right = uint32(i + 2)
		}
		entry(i+1, n, 2, right, none, starts[i], len(streams[n]))
	}
	var out bytes.Buffer
	out.Write(head)
	fatBytes := make([]byte, ss)
	for i, v := range fat {
		le.PutUint32(fatBytes[4*i:], v)
	}
	out.Write(fatBytes)
	out.Write(dir)
	for _, d := range data {
		out.Write(d)
	}
	return out.Bytes()
}
