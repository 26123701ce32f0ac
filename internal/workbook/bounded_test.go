package workbook

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"

	"github.com/shadowreport/shadowreport/internal/diag"
	"github.com/shadowreport/shadowreport/internal/xlsxfix"
)

// Hidden columns are kept as ranges, however often the file repeats them; more column
// descriptions than Excel has columns is an error.
func TestHiddenColumnRanges(t *testing.T) {
	cols := `<cols>` + strings.Repeat(`<col min="1" max="16384" hidden="1"/>`, 5000) + `<col min="3" max="3" hidden="true"/><col min="20000" max="1" width="3"/></cols>`
	sheet := sheetXML(rowXML(1, inl("A1", "id")), "")
	sheet = strings.Replace(sheet, "<sheetData>", cols+"<sheetData>", 1)
	_, meta, err := readPkg(t, book("", "", part{"xl/worksheets/sheet1.xml", sheet}), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(meta.HiddenCols) != 1 || meta.HiddenCols[0] != (ColRange{1, MaxColumn}) {
		t.Errorf("hidden columns %v, want one range 1–16384", meta.HiddenCols)
	}
	many := `<cols>` + strings.Repeat(`<col min="2" max="2" hidden="1"/>`, MaxColumn+1) + `</cols>`
	sheet = strings.Replace(sheetXML("", ""), "<sheetData>", many+"<sheetData>", 1)
	_, _, err = readPkg(t, book("", "", part{"xl/worksheets/sheet1.xml", sheet}), Options{})
	wantErr(t, err, "more columns than Excel has")
	for _, bad := range []string{`min="0" max="3"`, `min="5" max="3"`, `min="1" max="16385"`, `min="x" max="2"`} {
		sheet = strings.Replace(sheetXML("", ""), "<sheetData>", `<cols><col `+bad+` hidden="1"/></cols><sheetData>`, 1)
		_, _, err = readPkg(t, book("", "", part{"xl/worksheets/sheet1.xml", sheet}), Options{})
		wantErr(t, err, "columns")
	}
	m := SheetMeta{HiddenCols: joinRanges([]ColRange{{7, 9}, {2, 3}, {4, 4}, {20, 30}, {8, 12}})}
	if fmt.Sprint(m.HiddenCols) != "[{2 4} {7 12} {20 30}]" {
		t.Errorf("joined %v", m.HiddenCols)
	}
	for c := 0; c <= 31; c++ {
		want := (c >= 2 && c <= 4) || (c >= 7 && c <= 12) || (c >= 20 && c <= 30)
		if m.ColHidden(c) != want {
			t.Errorf("ColHidden(%d) = %v", c, !want)
		}
	}
}

// Row and column numbers beyond Excel's are errors naming the file, not grids to fill.
func TestExcelBounds(t *testing.T) {
	for sheet, want := range map[string]string{
		`<row r="400000000"><c r="A400000000"><v>1</v></c></row>`: "400000000",
		`<row r="1048577"><c><v>1</v></c></row>`:                  "1048577",
		`<row r="99999999999999999999999"><c><v>1</v></c></row>`:  "beyond Excel's last row",
		`<row r="1048576"/><row><c><v>1</v></c></row>`:            "1048577",
		`<row r="1"><c r="XFE1"><v>1</v></c></row>`:               "XFE1",
		`<row r="1"><c r="A2"><v>1</v></c></row>`:                 "A2",
		`<row r="1"><c r="1A"><v>1</v></c></row>`:                 "not valid",
		`<row r="-1"><c><v>1</v></c></row>`:                       "-1",
	} {
		_, _, err := readPkg(t, book(sheet, ""), Options{})
		wantErr(t, err, want)
	}
	rows, _, err := readPkg(t, book(`<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>`, ""), Options{})
	if err != nil || len(rows) != 1 || rows[0].Num != MaxRow || rows[0].Cells[0].Col != MaxColumn {
		t.Errorf("the last cell of Excel: %+v, %v", rows, err)
	}
	// merged ranges beyond Excel are damage too
	_, _, err = readPkg(t, book("", `<mergeCells><mergeCell ref="A1:A1048577"/></mergeCells>`), Options{})
	wantErr(t, err, "merges")
}

// The shared strings are counted against [limits] shared_strings, and a table of many tiny
// strings costs little.
func TestSharedStringCount(t *testing.T) {
	sst := func(n int) part {
		return part{"xl/sharedStrings.xml", `<sst ` + nsMain + `>` + strings.Repeat(`<si/>`, n) + `<si><t>last</t></si></sst>`}
	}
	rels := withRels(relTo("rId3", relSST, "sharedStrings.xml"))
	rows, _, err := readPkg(t, book(rowXML(1, `<c r="A1" t="s"><v>1000</v></c>`, `<c r="B1" t="s"><v>0</v></c>`), "", sst(1000), rels), Options{Limits: Limits{SharedStrings: 1001}})
	if err != nil || cellTexts(rows) != "A1=last" {
		t.Fatalf("read %q, %v", cellTexts(rows), err)
	}
	_, _, err = readPkg(t, book(rowXML(1, `<c r="A1" t="s"><v>0</v></c>`), "", sst(1001), rels), Options{Limits: Limits{SharedStrings: 1001}})
	wantErr(t, err, "more than 1001 strings in the shared string table", "raise shared_strings under [limits] in report.toml")
	// a failed table fails every sheet read after it, never a partial table
	path := writePkg(t, book(rowXML(1, `<c r="A1" t="s"><v>0</v></c>`), "", sst(1001), rels), false)
	b, err := Open(path, "w.xlsx", Options{Limits: Limits{SharedStrings: 1001}})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	s, _ := b.Sheet("interviews")
	for i := 0; i < 2; i++ {
		if _, err := b.ReadSheet(s, func(*Row) error { return nil }); err == nil {
			t.Errorf("read %d: no error", i+1)
		}
	}
	// chunked storage keeps every string whole across chunks
	var st stringTable
	var want []string
	for i := 0; i < 3000; i++ {
		s := strings.Repeat(string(rune('a'+i%26)), i%700)
		want = append(want, s)
		st.add([]byte(s), i%3 == 0, i%5 == 0)
	}
	st.seal()
	for i, w := range want {
		if st.items[i] != w || st.isStruck(i) != (i%3 == 0) || st.isLong(i) != (i%5 == 0) {
			t.Fatalf("string %d: %q struck %v", i, st.items[i][:min(10, len(st.items[i]))], st.isStruck(i))
		}
	}
}

// A shared string costs each cell that uses it its length: the text a sheet takes from the
// table, a string counted each time, is bounded, so that a few kilobytes of cells pointing to
// one long string cannot hand out gigabytes of text; and a string too long for a cell is found
// once, when the table is read.
func TestSharedStringUses(t *testing.T) {
	long := strings.Repeat("x", 1000)
	sst := part{"xl/sharedStrings.xml", `<sst ` + nsMain + `><si><t>` + long + `</t></si><si><t>yes</t></si></sst>`}
	rels := withRels(relTo("rId3", relSST, "sharedStrings.xml"))
	var rows strings.Builder
	for r := 1; r <= 100; r++ {
		rows.WriteString(rowXML(r, fmt.Sprintf(`<c r="A%d" t="s"><v>0</v></c>`, r), fmt.Sprintf(`<c r="B%d" t="s"><v>1</v></c>`, r)))
	}
	pkg := book(rows.String(), "", sst, rels)
	got, _, err := readPkg(t, pkg, Options{Limits: Limits{PartBytes: 4 * 100 * 1003}})
	if err != nil || len(got) != 100 {
		t.Fatalf("within the budget: %d rows, %v", len(got), err)
	}
	_, _, err = readPkg(t, pkg, Options{Limits: Limits{PartBytes: 4 * 50_000}})
	wantErr(t, err, `w.xlsx: interviews!A50: more than 50000 bytes of text taken by the cells of this sheet from the shared strings`, "raise part_mb under [limits]")
	_, _, err = readPkg(t, pkg, Options{Limits: Limits{CellChars: 999}})
	wantErr(t, err, "interviews!A1: more than 999 characters in one cell", "cell_chars")
}

// A million merged ranges are counted, the first kept, and reported in a bounded number of
// diagnostics.
func TestManyMerges(t *testing.T) {
	var m strings.Builder
	m.WriteString(`<mergeCells>`)
	for i := 0; i < 200_000; i++ {
		fmt.Fprintf(&m, `<mergeCell ref="A%d:B%d"/>`, i+1, i+1)
	}
	m.WriteString(`</mergeCells>`)
	path := writePkg(t, book(rowXML(1, inl("A1", "id"), inl("B1", "x"))+rowXML(2, inl("A2", "W1")), m.String()), false)
	b, err := Open(path, "w.xlsx", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	var diags diag.List
	tab, _ := FindTable(b, "interviews", &diags, true)
	if err := tab.Read(func([]Cell) {}, func(*Row) error { return nil }); err != nil {
		t.Fatal(err)
	}
	items := diags.Items()
	if len(items) != 12 { // 10 of each kind listed (1 header, 10 cells) and one count of the rest
		t.Errorf("%d diagnostics, want 12: %v", len(items), items)
	}
	rest := 0
	for _, d := range items {
		if strings.Contains(d.Message, fmt.Sprintf("and %d more merged ranges", 200_000-11)) && d.Severity == diag.Error {
			rest++
		}
	}
	if rest != 1 {
		t.Errorf("no count of the rest: %v", items)
	}
	s, _ := b.Sheet("interviews")
	meta, _ := b.ReadSheet(s, func(*Row) error { return nil })
	if meta.MergeCount != 200_000 || len(meta.Merges) != KeptMerges {
		t.Errorf("MergeCount %d, kept %d", meta.MergeCount, len(meta.Merges))
	}
}

// No single token of a part may be large: a tag of a million attributes or a run of text of
// gigabytes is refused as it streams by.
func TestTokenGuard(t *testing.T) {
	for name, c := range map[string]struct{ sheet, want string }{
		"attributes": {`<row r="1"` + strings.Repeat(` a=""`, 300_000) + `/>`, "tag of more than"},
		"text":       {`<row r="1"><c><v>` + strings.Repeat("1", 2<<20) + `</v></c></row>`, "run of more than"},
		"comment":    {`<!--` + strings.Repeat("-x", 600_000) + `-->`, "comment of more than"},
		"nesting":    {strings.Repeat("<a>", 300) + strings.Repeat("</a>", 300), "nests elements more than 256 deep"},
		"mismatch":   {`<row r="1"><c><v>1</v></row></c>`, "not open"},
		"unclosed":   {`<row r="1"><c><v>1</v></c>`, "sheetData that is not open"},
		"two roots":  {`</sheetData></worksheet><worksheet><sheetData>`, "more than one root"},
	} {
		_, _, err := readPkg(t, book(c.sheet, ""), Options{})
		t.Log(name)
		wantErr(t, err, c.want)
	}
	_, _, err := readPkg(t, book("", "", part{"xl/worksheets/sheet1.xml", `<worksheet><sheetData><row r="1">`}), Options{})
	wantErr(t, err, "ends before the element row is closed")
	// an apostrophe in a comment or CDATA does not open a quote that swallows the rest
	rows, _, err2 := readPkg(t, book(`<!-- it's --><row r="1"><c t="inlineStr"><is><t><![CDATA[it's > 2]]></t></is></c></row>`, ""), Options{})
	if err2 != nil || cellTexts(rows) != "A1=it's > 2" {
		t.Errorf("read %q, %v", cellTexts(rows), err2)
	}
}

// Document type declarations are the vehicle of XML bombs and external entities: refused in
// every part, without expanding or fetching anything.
func TestDTD(t *testing.T) {
	bomb := `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>`
	xxe := `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>`
	for name, p := range map[string]part{
		"bomb in sheet":    {"xl/worksheets/sheet1.xml", bomb + strings.TrimPrefix(sheetXML(rowXML(1, inl("A1", "&lol2;")), ""), `<?xml version="1.0" encoding="UTF-8"?>`)},
		"xxe in sheet":     {"xl/worksheets/sheet1.xml", xxe + strings.TrimPrefix(sheetXML(rowXML(1, inl("A1", "&xxe;")), ""), `<?xml version="1.0" encoding="UTF-8"?>`)},
		"xxe in workbook":  {"xl/workbook.xml", xxe + `<workbook ` + nsMain + `><sheets><sheet name="&xxe;" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		"entity, no DTD":   {"xl/worksheets/sheet1.xml", sheetXML(rowXML(1, inl("A1", "&xxe;")), "")},
		"DTD in rels":      {"_rels/.rels", xxe + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>`},
		"DTD, no entities": {"xl/worksheets/sheet1.xml", `<!DOCTYPE worksheet>` + sheetXML("", "")},
	} {
		path := writePkg(t, book("", "", p), false)
		b, err := Open(path, "w.xlsx", Options{})
		if err == nil {
			s, _ := b.Sheet("interviews")
			_, err = b.ReadSheet(s, func(*Row) error { return nil })
			b.Close()
		}
		t.Log(name)
		wantErr(t, err, "damaged")
		if strings.Contains(err.Error(), "root:") {
			t.Errorf("%s: the message shows a file's content: %v", name, err)
		}
	}
}

// A package that two programs could read differently is refused.
func TestAmbiguousPackages(t *testing.T) {
	base := book(rowXML(1, inl("A1", "reviewed text")), "")
	other := part{"xl/worksheets/sheet1.xml", sheetXML(rowXML(1, inl("A1", "the name of the interviewee")), "")}
	sst := part{"xl/sharedStrings.xml", `<sst ` + nsMain + `><si><t>x</t></si></sst>`}
	wb2 := part{"xl/workbook.xml", `<workbook ` + nsMain + `><sheets><sheet name="interviews" sheetId="1" r:id="rId1"/><sheet name="copy" sheetId="2" r:id="rId9"/></sheets></workbook>`}
	ct := func(overrides string) part {
		return part{"[Content_Types].xml", `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>` + overrides + `</Types>`}
	}
	for name, c := range map[string]struct {
		parts []part
		want  string
	}{
		"a part stored twice":                {append(append([]part{}, base...), other), "twice"},
		"twice, other case":                  {append(append([]part{}, base...), part{"XL/Worksheets/Sheet1.xml", other.data}), "twice"},
		"twice, percent-encoded":             {append(append([]part{}, base...), part{"xl/worksheets/sheet%31.xml", other.data}), "twice"},
		"twice, backslash":                   {append(append([]part{}, base...), part{`xl\worksheets\sheet1.xml`, other.data}), "twice"},
		"two shared string tables":           {book("", "", sst, part{"xl/sst2.xml", sst.data}, withRels(relTo("rId2", relSST, "sharedStrings.xml"), relTo("rId3", relSST, "sst2.xml"))), "shared strings"},
		"a shared string table by type":      {book("", "", sst, part{"xl/sst2.xml", sst.data}, withRels(relTo("rId2", relSST, "sharedStrings.xml")), ct(`<Override PartName="/xl/sst2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>`)), "shared strings"},
		"overrides disagree":                 {book("", "", ct(`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/XL/workbook.xml" ContentType="application/xml"/>`)), "two different types"},
		"a sheet listed twice":               {book("", "", wb2, withRels(relTo("rId9", relWS, "worksheets/sheet1.xml"))), "same part"},
		"two sheets, one name":               {book("", "", part{"xl/workbook.xml", `<workbook ` + nsMain + `><sheets><sheet name="interviews" sheetId="1" r:id="rId1"/><sheet name="Interviews " sheetId="2" r:id="rId9"/></sheets></workbook>`}, part{"xl/worksheets/s2.xml", other.data}, withRels(relTo("rId9", relWS, "worksheets/s2.xml"))), "two sheets"},
		"two relationship ids":               {book("", "", withRels(relTo("rId1", relSST, "sharedStrings.xml")), sst), "id"},
		"two main documents":                 {book("", "", part{"_rels/.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook2.xml"/></Relationships>`}), "main documents"},
		"shared strings declared as a sheet": {book("", "", sst, withRels(relTo("rId2", relSST, "sharedStrings.xml")), ct(`<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)), "declared as"},
		"a path outside the archive":         {append(append([]part{}, base...), part{"../../etc/cron.d/x", "x"}), "outside the archive"},
		"an absolute Windows path":           {append(append([]part{}, base...), part{"C:/x.xml", "x"}), "outside the archive"},
	} {
		path := writePkg(t, c.parts, false)
		b, err := Open(path, "w.xlsx", Options{})
		if err == nil {
			b.Close()
		}
		t.Log(name)
		wantErr(t, err, c.want)
	}
}

// A part that is not XML text is named as such, without its bytes in the message.
func TestBinaryParts(t *testing.T) {
	inner := writePkg(t, book(rowXML(1, inl("A1", "x")), ""), false)
	zipBytes, err := os.ReadFile(inner)
	if err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]struct{ data, want string }{
		"nested zip":   {string(zipBytes), "zip archive"},
		"binary":       {"\x00\x01\x02\xff\xfe\x03garbage\x00", "binary data"},
		"PNG":          {"\x89PNG\r\n\x1a\n\x00\x00", "binary data"},
		"text":         {"id,consent\nW1,quote\n", "binary data or text"},
		"empty":        {"", "no XML element"},
		"binary after": {`<worksheet><sheetData><row r="1"><c><v>` + "\x01\x02\x03" + `</v></c></row></sheetData></worksheet>`, "not valid XML"},
	} {
		_, _, err := readPkg(t, book("", "", part{"xl/worksheets/sheet1.xml", c.data}), Options{})
		t.Log(name)
		wantErr(t, err, "damaged", c.want)
	}
}

// Other kinds of file renamed .xlsx are named, with the way to an Excel workbook.
func TestWrongKindsOfZip(t *testing.T) {
	for name, c := range map[string]struct {
		parts []part
		want  []string
	}{
		"Apple Numbers": {[]part{{"Index/Document.iwa", "\x00\x01"}, {"Index/Tables/DataList.iwa", "\x00"}, {"Metadata/Properties.plist", "bplist00"}, {"preview.jpg", "\xff\xd8"}}, []string{"Apple Numbers", "Export To", "Excel"}},
		"Numbers 2013":  {[]part{{"Index.zip", "PK"}, {"Metadata/BuildVersionHistory.plist", "<plist/>"}}, []string{"Apple Numbers"}},
		"OpenDocument":  {[]part{{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"}, {"content.xml", "<x/>"}, {"META-INF/manifest.xml", "<x/>"}}, []string{"OpenDocument", "LibreOffice"}},
		"Word":          {[]part{{"[Content_Types].xml", `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`}, {"_rels/.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`}, {"word/document.xml", "<w:document/>"}}, []string{"Word document"}},
		"xlsb":          {[]part{{"_rels/.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.bin"/></Relationships>`}, {"xl/workbook.bin", "\x83\x01"}}, []string{".xlsb"}},
		"a zip":         {[]part{{"notes.txt", "x"}}, []string{"zip archive"}},
	} {
		path := writePkg(t, c.parts, false)
		_, err := Open(path, "w.xlsx", Options{})
		t.Log(name)
		wantErr(t, err, c.want...)
	}
}

func cfb(streams map[string][]byte) []byte { return xlsxfix.CompoundFile(streams) }

func u16(s string) []byte {
	var b []byte
	for _, c := range utf16.Encode([]rune(s)) {
		b = append(b, byte(c), byte(c>>8))
	}
	return b
}

// Encryption is read from the compound file's directory, not from a search of its bytes: an
// .xls whose cells say "EncryptionInfo" is an .xls.
func TestEncryptionIsStructural(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	xls := write("xls.xlsx", cfb(map[string][]byte{"Workbook": append(u16("EncryptionInfo EncryptedPackage"), 0, 0)}))
	_, err := Open(xls, "w.xlsx", Options{})
	var we *Error
	if !errors.As(err, &we) || we.Encrypted || !strings.Contains(err.Error(), "Excel 97–2003 workbook (.xls)") {
		t.Errorf(".xls mentioning EncryptionInfo: %v", err)
	}
	doc := write("doc.xlsx", cfb(map[string][]byte{"WordDocument": []byte("x"), "EncryptionInfo": []byte("x")}))
	if _, err := Open(doc, "w.xlsx", Options{}); err == nil || !strings.Contains(err.Error(), "Word document") {
		t.Errorf("a .doc: %v", err)
	}
	enc := write("enc.xlsx", cfb(map[string][]byte{"EncryptionInfo": []byte("\x04\x00\x04\x00"), "EncryptedPackage": []byte("x")}))
	if _, err := Open(enc, "w.xlsx", Options{}); !errors.As(err, &we) || !we.Encrypted {
		t.Errorf("an encrypted package: %v", err)
	}
	// a real one, as excelize (and Excel) write it
	f := excelize.NewFile()
	real := filepath.Join(dir, "real.xlsx")
	if err := f.SaveAs(real, excelize.Options{Password: "pw"}); err != nil {
		t.Fatal(err)
	}
	streams, err := cfbRootStreams(mustRead(t, real))
	if err != nil || !streams["encryptioninfo"] || !streams["encryptedpackage"] {
		t.Errorf("excelize's encrypted file: streams %v, %v", streams, err)
	}
	// damaged directories end in an error, not a loop
	raw := cfb(map[string][]byte{"Workbook": []byte("x")})
	binary.LittleEndian.PutUint32(raw[512:], 0) // the FAT points the FAT sector at itself
	binary.LittleEndian.PutUint32(raw[512+4:], 1)
	if _, err := cfbRootStreams(raw); err == nil {
		t.Errorf("a directory chain in a cycle was read")
	}
}

func mustRead(t *testing.T, p string) []byte {
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestCountSignature(t *testing.T) {
	sig := []byte("PK\x01\x02")
	data := make([]byte, 3<<20)
	at := []int{0, 1<<20 - 3, 1<<20 + 1, 2<<20 - 1, 3<<20 - 4}
	for _, i := range at {
		copy(data[i:], sig)
	}
	n, err := countSignature(bytes.NewReader(data), int64(len(data)), sig)
	if err != nil || n != len(at) {
		t.Errorf("counted %d, want %d (%v)", n, len(at), err)
	}
}
