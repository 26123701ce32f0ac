package workbook

import (
	"fmt"
	"math/rand"
	"sort"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"github.com/shadowreport/shadowreport/internal/diag"
	"github.com/shadowreport/shadowreport/internal/xlsxfix"
)

// A formula whose saved value is empty (openpyxl writes <f>…</f><v></v>) has no saved result,
// like a formula without <v>; only a string result may be empty (Excel saves ="" so).
func TestFormulaWithEmptyValue(t *testing.T) {
	rows, _, err := readPkg(t, book(rowXML(1,
		`<c r="A1"><f>SUM(B1:B3)</f><v></v></c>`,
		`<c r="B1"><f>SUM(B1:B3)</f><v/></c>`,
		`<c r="C1" t="b"><f>TRUE()</f><v></v></c>`,
		`<c r="D1" t="e"><f>1/0</f><v> </v></c>`,
		`<c r="E1" t="str"><f>""</f><v></v></c>`,
		`<c r="F1"><f>1+1</f></c>`,
		`<c r="G1"><f>1+1</f><v>2</v></c>`,
		`<c r="H1" t="b"><v></v></c>`, // no formula, no value: an empty cell, not FALSE
		`<c r="I1"><v></v></c>`,
	), ""), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[int]Kind{1: NoValue, 2: NoValue, 3: NoValue, 4: NoValue, 5: String, 6: NoValue, 7: Number}
	got := map[int]Kind{}
	for _, c := range rows[0].Cells {
		got[c.Col] = c.Kind
		if !c.Formula {
			t.Errorf("%s: Formula not set", diag.CellName(c.Col, 1))
		}
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("kinds by column = %v, want %v", got, want)
	}
}

// Numbers a spreadsheet cell cannot hold are errors naming the cell, never values.
func TestNumbersNoCellHolds(t *testing.T) {
	for _, v := range []string{"NaN", "nan", "INF", "-INF", "+Infinity", "1e999", "0x10", "1_000", "12abc", "--1"} {
		_, _, err := readPkg(t, book(rowXML(1, inl("A1", "id"))+rowXML(2, `<c r="B2"><v>`+v+`</v></c>`), ""), Options{})
		wantErr(t, err, "interviews!B2")
	}
	rows, _, err := readPkg(t, book(rowXML(1, `<c r="A1"><v> -1.5E+3 </v></c>`, `<c r="B1"><v>.5</v></c>`, `<c r="C1"><v>7.</v></c>`), ""), Options{})
	if err != nil || len(rows) != 1 || rows[0].Cells[0].Num != -1500 || rows[0].Cells[1].Num != 0.5 || rows[0].Cells[2].Num != 7 {
		t.Errorf("plain numbers: %+v, %v", rows, err)
	}
	_, _, err = readPkg(t, book(rowXML(1, `<c r="A1" t="b"><v>yes</v></c>`), ""), Options{})
	wantErr(t, err, "interviews!A1", "TRUE/FALSE")
}

// Rows and cells are delivered in order whatever the order of the file, so that row 1 is the
// header even when stored last; a row or cell stored twice is an error, never a choice.
func TestRowsOutOfOrder(t *testing.T) {
	sheet := rowXML(3, inl("A3", "W2")) + rowXML(1, inl("B1", "consent"), inl("A1", "id")) + rowXML(2, inl("A2", "W1"))
	rows, _, err := readPkg(t, book(sheet, ""), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := cellTexts(rows); got != "A1=id B1=consent A2=W1 A3=W2" {
		t.Errorf("read %q", got)
	}
	path := writePkg(t, book(sheet, ""), false)
	b, err := Open(path, "w.xlsx", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	var diags diag.List
	tab, _ := FindTable(b, "interviews", &diags, true)
	var header []string
	if err := tab.Read(func(cells []Cell) {
		for _, c := range cells {
			header = append(header, c.Text)
		}
	}, func(*Row) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if strings.Join(header, ",") != "id,consent" || len(diags.Items()) != 0 {
		t.Errorf("header %v, diagnostics %v", header, diags.Items())
	}
	for name, sheet := range map[string]string{
		"row twice, in order":  rowXML(1, inl("A1", "x")) + rowXML(1, inl("A1", "y")),
		"row twice, apart":     rowXML(2, inl("A2", "x")) + rowXML(1, inl("A1", "y")) + rowXML(2, inl("A2", "z")),
		"cell twice":           rowXML(1, inl("A1", "x"), inl("A1", "y")),
		"cell twice, unsorted": rowXML(1, inl("B1", "x"), inl("A1", "y"), inl("B1", "z")),
		"empty cell twice":     rowXML(1, `<c r="A1"/>`, inl("A1", "y")),
	} {
		_, _, err := readPkg(t, book(sheet, ""), Options{})
		if err == nil {
			t.Errorf("%s: read without error", name)
			continue
		}
		wantErr(t, err, "twice")
	}
}

// Property: whatever order the rows are stored in, with or without numbers, with comments that
// make the fast check give up, ReadSheet delivers the same rows, in increasing order.
func TestRowOrderProperty(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for trial := 0; trial < 200; trial++ {
		n := 1 + rng.Intn(30)
		nums := rng.Perm(60)[:n]
		for i := range nums {
			nums[i]++
		}
		if rng.Intn(3) == 0 {
			sort.Ints(nums)
		}
		var sheet strings.Builder
		var want []string
		prev := 0
		for i, num := range nums {
			cells := fmt.Sprintf(`<c r="C%d" t="inlineStr"><is><t>c%d</t></is></c><c r="A%d"><v>%d</v></c>`, num, num, num, num)
			switch {
			case num == prev+1 && rng.Intn(2) == 0: // a row without its number follows the previous one
				fmt.Fprintf(&sheet, `<row>%s</row>`, cells)
			case rng.Intn(10) == 0:
				fmt.Fprintf(&sheet, `<!-- <row r="%d"> --><row r='%d' spans="1:3">%s</row>`, rng.Intn(100), num, cells)
			default:
				fmt.Fprintf(&sheet, `<row r="%d">%s</row>`, num, cells)
			}
			prev = num
			if rng.Intn(4) == 0 {
				fmt.Fprintf(&sheet, `<row r="%d"/>`, 100+i) // empty rows are skipped
				prev = 100 + i
			}
		}
		sorted := append([]int(nil), nums...)
		sort.Ints(sorted)
		if hasDup(sorted) {
			continue
		}
		for _, num := range sorted {
			want = append(want, fmt.Sprintf("A%d=%d C%d=c%d", num, num, num, num))
		}
		rows, _, err := readPkg(t, book(sheet.String(), ""), Options{})
		if err != nil {
			t.Fatalf("trial %d: %v\n%s", trial, err, sheet.String())
		}
		if got := cellTexts(rows); got != strings.Join(want, " ") {
			t.Fatalf("trial %d: read\n%s\nwant\n%s\nfrom %s", trial, got, strings.Join(want, " "), sheet.String())
		}
	}
}

func hasDup(sorted []int) bool {
	for i := 1; i < len(sorted); i++ {
		if sorted[i] == sorted[i-1] {
			return true
		}
	}
	return false
}

// The fast check of row order never calls rows ordered when they are not.
func TestScanRowOrder(t *testing.T) {
	for sheet, want := range map[string]bool{
		`<?xml version="1.0"?><w><row r="1"/><row r="2"/><row/><x:row x:r="9"/></w>`: true,
		`<w><row r="2"/><row r="1"/></w>`:                                            false,
		`<w><row r="1"/><row r="1"/></w>`:                                            false,
		`<w><row spans="1:2" r = '3' /><row r="2"/></w>`:                             false,
		`<w><row r="&#49;"/></w>`:                                                    false,
		`<w><!-- x --><row r="1"/></w>`:                                              false,
		`<w><![CDATA[<row r="1">]]></w>`:                                             false,
		`<w><?pi?><row r="1"/></w>`:                                                  false,
		`<w><rows r="9"/><row r="1"/><rowx r="0"/></w>`:                              true,
		`<w><row a=">" r="5"/><row r="4"/></w>`:                                      false,
		`<w><row r="5"/><row a="r=&quot;1&quot;" r="6"/></w>`:                        true,
		`<w><row r="5" r="1"/><row r="6"/></w>`:                                      true, // the first r counts, as for the decoder
		`<w><row r="99999999999999999999"/><row r="1"/></w>`:                         false,
		`<w><row r="1"/>` + strings.Repeat("x", 200000) + `</w>`:                     true,
	} {
		got, err := scanRowOrder(strings.NewReader(sheet))
		if err != nil || got != want {
			t.Errorf("scanRowOrder(%.60q) = %v, %v; want %v", sheet, got, err, want)
		}
	}
}

// UTF-16 parts (allowed by the standard) and parts declaring a one-byte encoding are read as
// the text they hold.
func TestEncodings(t *testing.T) {
	text := "학교에 돈을 냈다 — é"
	body := `<worksheet ` + nsMain + `><sheetData>` + rowXML(1, inl("A1", text)) + `</sheetData></worksheet>`
	for name, sheet := range map[string]string{
		"UTF-16LE with BOM":    utf16LE(`<?xml version="1.0" encoding="UTF-16"?>`+body, true),
		"UTF-16LE without BOM": utf16LE(`<?xml version="1.0" encoding="UTF-16"?>`+body, false),
		"UTF-16BE with BOM":    utf16BE(`<?xml version="1.0" encoding="UTF-16"?>`+body, true),
		"UTF-16 no decl":       utf16LE(body, true),
		"UTF-8 with BOM":       "\xEF\xBB\xBF" + `<?xml version="1.0" encoding="UTF-8"?>` + body,
	} {
		rows, _, err := readPkg(t, book("", "", part{"xl/worksheets/sheet1.xml", sheet}), Options{})
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if got := cellTexts(rows); got != "A1="+text {
			t.Errorf("%s: read %q", name, got)
		}
	}
	// one-byte encodings: the bytes are those of the declared encoding
	for _, c := range []struct {
		label string
		enc   *charmap.Charmap
		text  string
	}{
		{"ISO-8859-1", charmap.ISO8859_1, "Fête à Ch"},
		{"iso-8859-1", charmap.ISO8859_1, "Ô ü ñ"},
		{"windows-1252", charmap.Windows1252, "5 € – “quoted”"},
		{"latin1", charmap.ISO8859_1, "Zürich"},
	} {
		raw, err := c.enc.NewEncoder().String(`<?xml version="1.0" encoding="` + c.label + `"?><worksheet ` + nsMain + `><sheetData>` + rowXML(1, inl("A1", c.text)) + `</sheetData></worksheet>`)
		if err != nil {
			t.Fatal(err)
		}
		rows, _, err := readPkg(t, book("", "", part{"xl/worksheets/sheet1.xml", raw}), Options{})
		if err != nil {
			t.Errorf("%s: %v", c.label, err)
			continue
		}
		if got := cellTexts(rows); got != "A1="+c.text {
			t.Errorf("%s: read %q, want %q", c.label, got, c.text)
		}
	}
	// what cannot be read is refused, never guessed
	for name, sheet := range map[string]string{
		"unknown encoding":        `<?xml version="1.0" encoding="x-klingon"?>` + body,
		"declared UTF-16, UTF-8":  `<?xml version="1.0" encoding="UTF-16"?>` + body,
		"UTF-16, declared latin1": utf16LE(`<?xml version="1.0" encoding="ISO-8859-1"?>`+body, true),
		"invalid UTF-8":           `<?xml version="1.0"?>` + strings.Replace(body, "학", "\xff\xfe", 1),
	} {
		_, _, err := readPkg(t, book("", "", part{"xl/worksheets/sheet1.xml", sheet}), Options{})
		t.Log(name)
		wantErr(t, err, "damaged")
	}
}

// Strike-through is exposed: from the cell's font (cellXfs → fonts), or from rich text whose
// every run is struck.
func TestStruck(t *testing.T) {
	styles := `<styleSheet ` + nsMain + `><fonts count="3"><font><sz val="11"/></font><font><strike/><sz val="11"/></font><font><strike val="0"/></font></fonts>` +
		`<cellStyleXfs count="1"><xf numFmtId="0" fontId="1"/></cellStyleXfs>` +
		`<cellXfs count="4"><xf numFmtId="0" fontId="0"/><xf numFmtId="0" fontId="1" applyFont="1"/><xf numFmtId="9" fontId="1"/><xf numFmtId="0" fontId="2"/></cellXfs>` +
		`<dxfs count="1"><dxf><font><strike/></font></dxf></dxfs></styleSheet>`
	sst := `<sst ` + nsMain + `><si><t>plain</t></si><si><r><rPr><strike/></rPr><t>all</t></r><r><rPr><strike val="true"/></rPr><t> struck</t></r></si>` +
		`<si><r><rPr><strike/></rPr><t>half</t></r><r><t> struck</t></r></si><si><t>lead</t><r><rPr><strike/></rPr><t>run</t></r></si></sst>`
	parts := book(rowXML(1,
		`<c r="A1" t="s"><v>0</v></c>`, // plain
		`<c r="B1" s="1" t="s"><v>0</v></c>`,
		`<c r="C1" s="2"><v>0.5</v></c>`,
		`<c r="D1" s="3" t="s"><v>0</v></c>`,
		`<c r="E1" t="s"><v>1</v></c>`,
		`<c r="F1" t="s"><v>2</v></c>`,
		`<c r="G1" t="s"><v>3</v></c>`,
		`<c r="H1" t="inlineStr"><is><r><rPr><strike/></rPr><t>inline</t></r></is></c>`,
		`<c r="I1" s="0"><v>3</v></c>`,
	), "",
		part{"xl/styles.xml", styles}, part{"xl/sharedStrings.xml", sst},
		withRels(relTo("rId2", relSty, "styles.xml"), relTo("rId3", relSST, "sharedStrings.xml")))
	rows, _, err := readPkg(t, parts, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range rows[0].Cells {
		if c.Struck {
			got = append(got, diag.ColumnName(c.Col))
		}
	}
	if strings.Join(got, "") != "BCEH" {
		t.Errorf("struck cells %v, want B C E H", got)
	}
	if !rows[0].Cells[2].Percent {
		t.Errorf("the struck percentage lost its format")
	}
	// the fixture writer's struck rows come out struck, the others not
	path := t.TempDir() + "/s.xlsx"
	if err := xlsxfix.Write(path, xlsxfix.Sheet{Name: "interviews", Rows: [][]string{{"id", "n"}, {"W1", "3"}, {"W2", "#pct:0.5"}}, StruckRows: []int{3}}); err != nil {
		t.Fatal(err)
	}
	all, _, _ := readAll(t, path, "interviews", Options{})
	for _, r := range all {
		for _, c := range r.Cells {
			if c.Struck != (r.Num == 3) {
				t.Errorf("%s: Struck = %v", diag.CellName(c.Col, r.Num), c.Struck)
			}
		}
	}
}

// FuzzSheet feeds arbitrary text as a sheet part: the reader may refuse it, never panic or
// hang, and what it delivers is always in order: rows by increasing number within Excel's
// bounds, cells by increasing column.
func FuzzSheet(f *testing.F) {
	for _, seed := range []string{
		sheetXML(rowXML(2, inl("B2", "x"), inl("A2", "y"))+rowXML(1, inl("A1", "id")), ""),
		sheetXML(`<row><c><v>1</v></c></row><row><c t="b"><v>1</v></c></row><!-- <row r="1"> --><row r="9"><c r="C9"><f>1</f><v/></c></row>`, `<mergeCells><mergeCell ref="A1:B2"/></mergeCells>`),
		`<?xml version="1.0" encoding="ISO-8859-1"?><worksheet><sheetData><row r="3"><c r="A3" t="inlineStr"><is><r><rPr><strike/></rPr><t>caf` + "\xe9" + `</t></r></is></c></row></sheetData></worksheet>`,
		utf16LE(sheetXML(rowXML(1, inl("A1", "학교")), ""), true),
		`<worksheet><cols><col min="1" max="3" hidden="1"/></cols><sheetData><row r="1048576"><c r="XFD1048576"><v>1e3</v></c></row></sheetData></worksheet>`,
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, sheet string) {
		rows, meta, err := readPkg(t, book("", "", part{"xl/worksheets/sheet1.xml", sheet}), Options{Limits: Limits{PartBytes: 1 << 20, Rows: 1000, CellChars: 1000}})
		if err != nil {
			return
		}
		last := 0
		for _, r := range rows {
			if r.Num <= last || r.Num > MaxRow || len(r.Cells) == 0 {
				t.Fatalf("row %d after row %d (%d cells)", r.Num, last, len(r.Cells))
			}
			last = r.Num
			col := 0
			for _, c := range r.Cells {
				if c.Col <= col || c.Col > MaxColumn || c.Kind == 0 || c.Num != c.Num {
					t.Fatalf("row %d: cell %+v after column %d", r.Num, c, col)
				}
				col = c.Col
			}
		}
		for i, h := range meta.HiddenCols {
			if h.Min < 1 || h.Max < h.Min || h.Max > MaxColumn || (i > 0 && h.Min <= meta.HiddenCols[i-1].Max+1) {
				t.Fatalf("hidden columns %v", meta.HiddenCols)
			}
		}
		if len(meta.Merges) > KeptMerges || meta.MergeCount < len(meta.Merges) {
			t.Fatalf("%d merges kept of %d", len(meta.Merges), meta.MergeCount)
		}
	})
}
