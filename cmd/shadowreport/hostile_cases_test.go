//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package main

import (
	"archive/zip"
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"

	"github.com/shadowreport/shadowreport/internal/xlsxfix"
)

// The cases of the corpus. Commands run inside the project; "check" reads every workbook.
var hostileCases = []hostileCase{
	// Memory and time: repeated, huge or numerous elements.
	{name: "hidden-column-ranges-repeated", setup: wave(hiddenRanges(30_000)), args: check, want: 3,
		stderr: `interviews/2020\.xlsx: is damaged: sheet "interviews" describes more columns than Excel has`},
	{name: "hidden-column-ranges-within-excel", setup: wave(hiddenRanges(16_000)), args: check, want: 0,
		stderr: `columns A \(id\), B \(consent\), C \(edu_fees_paid\) are hidden`},
	{name: "row-number-400000000", setup: wave(withRows(validRows() + `<row r="400000000"><c r="A400000000" t="inlineStr"><is><t>W20-9</t></is></c></row>`)), args: check, want: 3,
		stderr: `interviews/2020\.xlsx: is damaged: sheet "interviews" has a row numbered 400000000, beyond Excel's last row`},
	{name: "import-row-400000000", setup: outside("export.xlsx", func() pkg {
		return rawBook("Sheet1", `<row r="1">`+inlineCells(1, "id", "edu_fees_paid")+`</row><row r="400000000">`+inlineCells(400000000, "K1", "1")+`</row>`)
	}), args: []string{"import", "--wave", "2021", "$OUT/export.xlsx"}, want: 3, stderr: `export\.xlsx: is damaged: sheet "Sheet1" has a row numbered 400000000`},
	{name: "column-beyond-XFD", setup: wave(withRows(validRows() + `<row r="9"><c r="XFE9"><v>1</v></c></row>`)), args: check, want: 3, stderr: `XFE9`},
	{name: "shared-strings-too-many", setup: wave(tinyStrings(2_000_001, false)), args: check, want: 3,
		stderr: `more than 2000000 strings in the shared string table .*raise shared_strings under \[limits\] in report\.toml`},
	{name: "shared-strings-tiny-within-limit", setup: wave(tinyStrings(1_999_990, false)), args: check, want: 0, stdout: `2020 \(3 interviewees\)`},
	{name: "shared-strings-near-part-limit", setup: wave(tinyStrings(48_000_000, true)), args: check, want: 3, heavy: true,
		stderr: `more than 2000000 strings in the shared string table`},
	{name: "shared-string-used-60000-times", setup: wave(longSharedString(20_000)), args: check, want: 3, seconds: 5,
		stderr: `interviews/2020\.xlsx: interviews!C\d+: more than 134217728 bytes of text taken by the cells of this sheet from the shared strings .*raise part_mb`},
	{name: "import-shared-string-used-60000-times", setup: outside("export.xlsx", longSharedString(20_000)), args: []string{"import", "--wave", "2021", "$OUT/export.xlsx"}, want: 3, seconds: 5,
		stderr: `export\.xlsx \(sheet "interviews"\): row \d+: the cells hold more than 32 MB of text in all`},
	{name: "import-long-id-repeated", setup: outside("export.xlsx", func() pkg {
		p := rawBook("Sheet1", `<row r="1">`+inlineCells(1, "id", "edu_fees_paid")+`</row>`+strings.Repeat(`<row><c t="s"><v>0</v></c><c><v>1</v></c></row>`, 100))
		return p.part("xl/_rels/workbook.xml.rels", xlsxfix.WorkbookRels(xlsxfix.Rel("rId2", xlsxfix.RelSharedStrings, "sharedStrings.xml")).Data).
			part("xl/sharedStrings.xml", `<sst `+xlsxfix.NS+`><si><t>`+strings.Repeat("x", 32_000)+`</t></si></sst>`)
	}), args: []string{"import", "--wave", "2021", "$OUT/export.xlsx"}, want: 3,
		stderr: `export\.xlsx: Sheet1!A3: the case x{500}… appears twice`, notStderr: `x{501}`},
	{name: "import-kobo-choices-32000-characters", setup: outside("export.xlsx", koboChoices(1000, strings.Repeat("holding_centre prison_camp x", 1000))), args: []string{"import", "--wave", "2021", "--format", "kobo", "--id-column", "_id", "$OUT/export.xlsx"},
		want: 3, seconds: 5, stderr: `export\.xlsx: Sheet1!B\d+: "holding_centre prison_camp .{100,300}…" in "det_facility" is not a value of det_facility`},
	{name: "import-kobo-choices-32-mb", setup: outside("export.xlsx", koboChoices(2000, strings.Repeat("holding_centre prison_camp x", 1000))), args: []string{"import", "--wave", "2021", "--format", "kobo", "--id-column", "_id", "$OUT/export.xlsx"},
		want: 3, seconds: 5, stderr: `export\.xlsx \(sheet "Sheet1"\): row 1\d\d\d: the cells hold more than 32 MB of text in all`},
	{name: "merge-cells-million", setup: wave(merges(1_000_000)), args: check, want: 3,
		stderr: `and 999989 more merged ranges of this kind`},
	{name: "merge-cells-million-8-waves", setup: waves(8, merges(1_000_000)), args: check, want: 3, heavy: true, seconds: 90,
		stderr: `interviews/2027\.xlsx: sheet "interviews": and 999989 more merged ranges`},
	{name: "attributes-million", setup: wave(withRows(validRows(), `<row r="9"><c r="A9"`, attrs(1_000_000), `><v>1</v></c></row>`)), args: check, want: 3, stderr: `holds a tag of more than`},
	{name: "text-run-unbounded", setup: wave(withRows(validRows(), `<row r="9"><c r="D9"><v>`, strings.Repeat("7", 8<<20), `</v></c></row>`)), args: check, want: 3, stderr: `run of more than`},
	{name: "nesting-deep", setup: wave(withRows(validRows(), strings.Repeat("<x>", 100_000), strings.Repeat("</x>", 100_000))), args: check, want: 3, stderr: `nests elements more than 256 deep`},
	{name: "zip-bomb", setup: wave(zipBomb), args: check, want: 3, stderr: `looks like a zip bomb`},
	{name: "cells-4-million-in-2-parts", setup: wave(func() pkg {
		head, tail, _ := strings.Cut(xlsxfix.SheetXML(`<row r="1">`+inlineCells(1, "id", "consent", "edu_fees_paid")+`</row>@`, ""), "@")
		row := `<row>` + strings.Repeat(`<c><v>1</v></c>`, 16384) + `</row>`
		p := rawWave("")
		p.big = map[string]func(io.Writer) error{"xl/worksheets/sheet1.xml": repeat(head, row, tail, 130), "xl/worksheets/sheet9.xml": repeat(head, row, tail, 130)}
		return p
	}), args: check, want: 3, seconds: 5, stderr: `interviews/2020\.xlsx: holds parts that expand \d+ times in all, to 60 MB: it looks like a zip bomb`},
	{name: "zip-entries-65536", setup: wave(manyEntries(65_536)), args: check, want: 3, stderr: `more than 65535 parts`},
	{name: "xml-bomb", setup: wave(withProlog(bombDTD, `<row r="1">`+inlineCells(1, "&lol9;")+`</row>`)), args: check, want: 3, stderr: `document type declaration`},
	{name: "xxe", setup: wave(withProlog(xxeDTD, `<row r="1">`+inlineCells(1, "&xxe;")+`</row>`)), args: check, want: 3, stderr: `document type declaration`, notStderr: `root:`},

	// Special files and links: refused at once, never followed, never waited on.
	{name: "fifo-wave-check", setup: fifo("interviews/2020.xlsx"), args: check, want: 3, stderr: `interviews/2020\.xlsx: is a named pipe, not a file`},
	{name: "fifo-wave-build", setup: fifo("interviews/2020.xlsx"), args: []string{"build"}, want: 3, stderr: `named pipe`},
	{name: "fifo-codebook", setup: fifo("interviews/codebook.xlsx"), args: check, want: 3, stderr: `interviews/codebook\.xlsx: is a named pipe`},
	{name: "symlinked-wave", setup: symlinkedWave, args: check, want: 3, stderr: `interviews/2020\.xlsx: is a symbolic link, not a file`, notStderr: `2020 \(`},
	{name: "password-file-dev-zero", args: []string{"check", "--password-file", "/dev/zero"}, want: 2, stderr: `--password-file /dev/zero: is a device, not a regular file`},
	{name: "password-file-fifo", setup: fifoOutside("pw"), args: []string{"check", "--password-file", "$OUT/pw"}, want: 2, stderr: `is a named pipe`},
	{name: "password-file-large", setup: outsideText("pw", strings.Repeat("p", 5000)), args: []string{"check", "--password-file", "$OUT/pw"}, want: 2, stderr: `larger than 4 KB`},

	// Faithful reading: what the file says, whatever the way it is stored.
	{name: "formula-empty-value", setup: wave(withRows(validRows(), `<row r="5">`, inlineCells(5, "W20-4", "aggregate"), `<c r="C5"><f>IF(1,"yes")</f><v></v></c></row>`)), args: check, want: 3,
		stderr: `interviews!C5: the formula has no saved result`},
	{name: "nan-in-number-cell", setup: wave(withRows(numberRows("NaN"))), args: check, want: 3, stderr: `interviews!C3: the cell holds NaN`},
	{name: "inf-in-number-cell", setup: wave(withRows(numberRows("-INF"))), args: check, want: 3, stderr: `interviews!C3: the cell holds -INF`},
	{name: "rows-out-of-order", setup: wave(withRows(reversedRows())), args: check, want: 0, stdout: `2020 \(3 interviewees\)`, notStderr: `row 1 is empty`},
	{name: "utf16-sheet", setup: wave(encoded(utf16LE)), args: check, want: 0, stdout: `2020 \(3 interviewees\)`},
	{name: "iso-8859-1-sheet", setup: wave(encoded(latin1)), args: check, want: 0, stdout: `2020 \(3 interviewees\)`},
	{name: "nested-zip-part", setup: wave(nestedZip), args: check, want: 3, stderr: `holds a zip archive where XML should be`},
	{name: "binary-part", setup: wave(func() pkg { return rawWave("").part("xl/worksheets/sheet1.xml", "\x00\x01\x02\x1b[31m\xff\xfe binary") }), args: check, want: 3, stderr: `binary data`},
	{name: "xls-mentioning-EncryptionInfo", setup: file("interviews/2020.xlsx", xlsMentioningEncryption), args: check, want: 3, stderr: `is an old Excel 97–2003 workbook`, notStderr: `encrypted`},
	{name: "encrypted-without-password", setup: encryptedWave, args: check, want: 3, stderr: `interviews/2020\.xlsx: is encrypted with a password`},
	{name: "apple-numbers-renamed", setup: wave(packageOf(xlsxfix.Part{Name: "Index/Document.iwa", Data: "\x00\x01"}, xlsxfix.Part{Name: "Metadata/Properties.plist", Data: "bplist00"})), args: check, want: 3,
		stderr: `is an Apple Numbers file renamed \.xlsx.*Export To › Excel`},
	{name: "limits-overflow", setup: limits("file_mb = 9223372036854775807"), args: check, want: 3, stderr: `limits\.file_mb: must be at most`},

	// One file, one reading: what could be read two ways is refused.
	{name: "duplicate-zip-entry", setup: wave(duplicateQuotes), args: check, want: 3, stderr: `holds the part xl/worksheets/sheet2\.xml twice`},
	{name: "two-shared-string-tables", setup: wave(twoSharedStrings), args: check, want: 3, stderr: `shared strings`},
	{name: "sheet-listed-twice", setup: wave(sheetTwice), args: check, want: 3, stderr: `are the same part`},
	{name: "content-types-disagree", setup: wave(func() pkg {
		return rawWave(validRows()).part("[Content_Types].xml", `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/Workbook.xml" ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"/></Types>`)
	}), args: check, want: 3, stderr: `two different types`},
	{name: "zip-traversal", setup: wave(func() pkg { return rawWave(validRows()).part("../../../../tmp/evil.xml", "<x/>") }), args: check, want: 3, stderr: `a path outside the archive`},

	// Templates: text a user wrote or received, so bounded whatever it says.
	{name: "template-range-huge", setup: template("report.md", "# T\n{{ range 1000000000000 }}x{{ end }}\n"), args: build, want: 3,
		stderr: `templates/report\.md:2: \{\{ range \}\} over 1000000000000 would repeat the block`},
	{name: "template-range-huge-empty", setup: template("report.md", "# T\n{{ range 1000000000000 }}{{ end }}\n"), args: build, want: 3,
		stderr: `templates/report\.md:2: \{\{ range \}\} over 1000000000000`},
	{name: "template-ranges-nested", setup: template("report.md", "# T\n{{ range 1000 }}{{ range 1000 }}{{ range 1000 }}{{ end }}{{ end }}{{ end }}\n"), args: build, want: 3,
		stderr: `repeat more than 100000 times in all`},
	{name: "template-calls-exponential", setup: template("report.md", "# T\n"+templateCalls(40)+"{{ template \"x0\" }}\n"), args: build, want: 3, seconds: 10,
		stderr: `templates/report\.md:2: the template calls its \{\{ define \}\}d templates more than 100000 times in all`},
	{name: "template-annex-repeated", setup: template("report.md", "# T\n{{ range 1000 }}{{ range 999 }}{{ annex }}{{ end }}{{ end }}\n"), args: build, want: 3, seconds: 5, mb: 300,
		stderr: `templates/report\.md:2: the template places more than 4000 tables, charts, quotes and sections built by its actions`},
	{name: "template-themes-repeated", setup: template("report.md", "# T\n{{ range 1000 }}{{ range 999 }}{{ len themes }}{{ end }}{{ end }}\n"), args: build, want: 3, seconds: 5,
		stderr: `templates/report\.md:2: the template's \{\{ range \}\} blocks repeat more than 100000 times in all`},
	{name: "template-printf-explodes", setup: template("report.md", "# T\n{{ range 1000 }}{{ printf \"%999999d\" 1 }}{{ end }}\n"), args: build, want: 3,
		stderr: `templates/report\.md`},
	{name: "template-link-to-passwd", setup: templateLink("report.md", "/etc/passwd"), args: build, want: 3,
		stderr: `templates/report\.md: is a symbolic link`, notStderr: `root:`},
	{name: "template-fifo", setup: fifo("templates/handout-x.md"), args: build, want: 3, stderr: `templates/handout-x\.md: is a named pipe`},
	{name: "template-huge", setup: template("report.md", strings.Repeat("word ", 300_000)), args: build, want: 3, stderr: `templates/report\.md: .*larger than`},

	// report.toml: linear in its size, whatever it holds.
	{name: "config-16000-overrides", setup: config(strings.Repeat("[[disclosure.override]]\nrule = \"quote-text\"\nterm = \"1577-1366\"\nreason = \"the hotline\"\n", 16_000)), args: check, want: 0, seconds: 20},
	{name: "config-bom-and-nan", setup: config("\ufeff[compare]\nlevel = nan\n"), args: check, want: 3, stderr: `compare\.level: must be a confidence level`},

	// Text: the scanner is linear, and refuses what ordinary typography hides.
	{name: "quote-dollar-32000-digits", setup: quoteText("$" + strings.Repeat("1", 32_000)), args: check, want: 0, seconds: 10},
	{name: "quote-40-dates-3000-times", setup: wave(repeatedQuote(3000, strings.Repeat("on 2016-03-04 ", 40))), args: check, want: 0, seconds: 5, mb: 200,
		stderr: `quotes!C2: the quote holds 40 exact dates \(the first at characters 4–13\).*\n(.*\n)*warning: \.\.\. and 2000 more warnings of this kind \(quote-text\) in interviews/2020\.xlsx`},
	{name: "build-quote-55000-times", setup: wave(sameQuoteRows(55_000, "We met on 2016-03-04 at the market.")), args: build, want: 4, seconds: 10,
		stderr: `refused by disclosure control: 110001 things would point at a person(.|\n)*\n- \.\.\. and 109000 more refusals of this kind \[rule quote-text\]\n`},
	{name: "quotes-199990-times", setup: wave(sameQuoteRows(199_990, "We met on 2016-03-04 at the market.")), args: build, want: 3, seconds: 10,
		stderr: `interviews/2020\.xlsx: quotes!C\d+: the quotes up to row \d+ hold more than 2 MB of text`},
	{name: "quotes-1000-near-alike", setup: wave(nearAlike(1000, true)), args: check, want: 3, seconds: 5, mb: 300,
		stderr: `interviews/2020\.xlsx: quotes!C\d+: the quotes up to row \d+ hold more than 2 MB of text`},
	{name: "text-answers-500-near-alike", setup: wave(nearAlike(500, false)), args: check, want: 0, seconds: 5, mb: 300,
		stderr: `interviews/2020\.xlsx: interviews!C\d+: the text answers up to here hold more than 4 MB of text: the rest of them were not scanned`},
	{name: "quote-soft-hyphen-in-place", setup: quoteText("We lived in Chong\u00adori."), args: build, want: 4, stderr: `quotes!C2: a quote to be published holds a never_publish term`, notStderr: `Chong`},

	// Outputs: contained.
	{name: "out-symlink-into-interviews", setup: outLink("interviews"), args: build, want: 3, stderr: `out`},
}

var build = []string{"build"}

// template writes a template of the project.
func template(name, text string) func(*testing.T, hostileEnv) {
	return func(t *testing.T, env hostileEnv) {
		writeFile(t, filepath.Join(env.Proj, "templates", name), []byte(text))
	}
}

// templateLink puts a symbolic link in place of a template.
func templateLink(name, target string) func(*testing.T, hostileEnv) {
	return func(t *testing.T, env hostileEnv) {
		if err := os.MkdirAll(filepath.Join(env.Proj, "templates"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, filepath.Join(env.Proj, "templates", name)); err != nil {
			t.Fatal(err)
		}
	}
}

// templateCalls defines templates x0 … xn, each calling the next twice: 2^n calls of xn, which
// prints nothing.
func templateCalls(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, `{{ define "x%d" }}{{ template "x%d" }}{{ template "x%d" }}{{ end }}`, i, i+1, i+1)
	}
	fmt.Fprintf(&b, `{{ define "x%d" }}{{ end }}`, n)
	return b.String()
}

// config writes report.toml.
func config(text string) func(*testing.T, hostileEnv) {
	return func(t *testing.T, env hostileEnv) {
		writeFile(t, filepath.Join(env.Proj, "report.toml"), []byte(text))
	}
}

// quoteText adds a wave 2020 whose one quote, reviewed and consented to, says text; report.toml
// names Chongori as never to be published.
func quoteText(text string) func(*testing.T, hostileEnv) {
	return func(t *testing.T, env hostileEnv) {
		writeFile(t, filepath.Join(env.Proj, "report.toml"), []byte("[disclosure]\nnever_publish = [\"Chongori\"]\n"))
		interviews, err := xlsxfix.ParseCSV("interviews", "id,consent,age_band,province_group,left_period,edu_fees_paid\n"+
			strings.Repeat("", 0)+rowsOf(12))
		if err != nil {
			t.Fatal(err)
		}
		quotes := xlsxfix.Sheet{Name: "quotes", Rows: [][]string{{"id", "code", "text", "reviewed"}, {"W20-01", "edu_fees_paid", text, "yes"}}}
		if err := xlsxfix.Write(filepath.Join(env.Proj, "interviews", "2020.xlsx"), interviews, quotes); err != nil {
			t.Fatal(err)
		}
	}
}

// rowsOf is n interviewees who consented to quotes, all in one coarse group.
func rowsOf(n int) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "W20-%02d,quote,30-39,North Hamgyong or Ryanggang,2014-2016,yes\n", i)
	}
	return b.String()
}

// outLink makes out/ a symbolic link into a folder of the project.
func outLink(target string) func(*testing.T, hostileEnv) {
	return func(t *testing.T, env hostileEnv) {
		os.RemoveAll(filepath.Join(env.Proj, "out"))
		if err := os.Symlink(target, filepath.Join(env.Proj, "out")); err != nil {
			t.Fatal(err)
		}
	}
}

var check = []string{"check"}

// pkg is a workbook package being built.
type pkg struct {
	parts  []xlsxfix.Part
	stored bool
	// big parts are written by a function, after the others, so that the test holds none of
	// their bytes in memory (it would inflate its own peak RSS for nothing).
	big map[string]func(io.Writer) error
}

func rawBook(sheet, rows string) pkg {
	return pkg{parts: xlsxfix.RawBook(sheet, xlsxfix.SheetXML(rows, ""))}
}

// rawWave is a wave whose sheet "interviews" holds rows.
func rawWave(rows string) pkg { return rawBook("interviews", rows) }

// part replaces or adds a part.
func (p pkg) part(name, data string) pkg {
	out := pkg{stored: p.stored}
	replaced := false
	for _, q := range p.parts {
		if q.Name == name {
			q.Data, replaced = data, true
		}
		out.parts = append(out.parts, q)
	}
	if !replaced {
		out.parts = append(out.parts, xlsxfix.Part{Name: name, Data: data})
	}
	return out
}

// withRows is a wave whose sheet holds the concatenated rows, built when the case runs.
func withRows(rows ...string) func() pkg {
	return func() pkg { return rawWave(strings.Join(rows, "")) }
}

// withProlog is a wave whose sheet holds rows, with a prolog (a document type declaration)
// before its root element.
func withProlog(prolog, rows string) func() pkg {
	return func() pkg {
		p := rawWave(rows)
		s := p.sheet()
		return p.part("xl/worksheets/sheet1.xml", `<?xml version="1.0"?>`+prolog+s[strings.Index(s, "<worksheet"):])
	}
}

func (p pkg) sheet() string {
	for _, q := range p.parts {
		if q.Name == "xl/worksheets/sheet1.xml" {
			return q.Data
		}
	}
	return ""
}

// encoded is a valid wave whose sheet is written in another encoding, declared.
func encoded(enc func(string) string) func() pkg {
	return func() pkg {
		p := rawWave(validRows())
		s := p.sheet()
		return p.part("xl/worksheets/sheet1.xml", enc(s[strings.Index(s, "<worksheet"):]))
	}
}

// write writes the package to path.
func (p pkg) write(t *testing.T, path string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	add := func(name string, write func(io.Writer) error) {
		h := &zip.FileHeader{Name: name, Method: zip.Deflate}
		if p.stored {
			h.Method = zip.Store
		}
		w, err := zw.CreateHeader(h)
		if err == nil {
			err = write(w)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, q := range p.parts {
		if p.big[q.Name] == nil {
			add(q.Name, func(w io.Writer) error { _, err := io.WriteString(w, q.Data); return err })
		}
	}
	names := make([]string, 0, len(p.big))
	for n := range p.big {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		add(n, p.big[n])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// repeat writes head, then unit n times, then tail, in pieces of a few hundred kilobytes.
func repeat(head, unit, tail string, n int) func(io.Writer) error {
	return func(w io.Writer) error {
		if _, err := io.WriteString(w, head); err != nil {
			return err
		}
		chunk := strings.Repeat(unit, max(1, (256<<10)/max(1, len(unit))))
		per := len(chunk) / len(unit)
		for n > 0 {
			k := min(n, per)
			if _, err := io.WriteString(w, chunk[:k*len(unit)]); err != nil {
				return err
			}
			n -= k
		}
		_, err := io.WriteString(w, tail)
		return err
	}
}

func utf16LE(body string) string {
	doc := `<?xml version="1.0" encoding="UTF-16"?>` + body
	b := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(doc)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return string(b)
}

func latin1(body string) string {
	s, err := charmap.ISO8859_1.NewEncoder().String(`<?xml version="1.0" encoding="ISO-8859-1"?>` + body)
	if err != nil {
		panic(err)
	}
	return s
}

// inlineCells are cells A, B, C… of row r holding the texts as inline strings.
func inlineCells(r int, texts ...string) string {
	var b strings.Builder
	for i, s := range texts {
		fmt.Fprintf(&b, `<c r="%c%d" t="inlineStr"><is><t>%s</t></is></c>`, 'A'+i, r, s)
	}
	return b.String()
}

// validRows are a wave of three interviewees of the sample codebook (with accents, for the
// encodings).
func validRows() string {
	return `<row r="1">` + inlineCells(1, "id", "consent", "edu_fees_paid") + `</row>` +
		`<row r="2">` + inlineCells(2, "W20-1", "aggregate", "yes") + `</row>` +
		`<row r="3">` + inlineCells(3, "W20-2", "aggregate", "no") + `</row>` +
		`<row r="4">` + inlineCells(4, "W20-3", "aggregate", "yes") + `</row>`
}

// numberRows are a wave of two interviewees answering the number code children, the second
// with the value v as stored in a number cell.
func numberRows(v string) string {
	return `<row r="1">` + inlineCells(1, "id", "consent", "children") + `</row>` +
		`<row r="2">` + inlineCells(2, "W20-1", "aggregate") + `<c r="C2"><v>2</v></c></row>` +
		`<row r="3">` + inlineCells(3, "W20-2", "aggregate") + `<c r="C3"><v>` + v + `</v></c></row>`
}

func reversedRows() string {
	return `<row r="4">` + inlineCells(4, "W20-3", "aggregate", "yes") + `</row>` +
		`<row r="3">` + inlineCells(3, "W20-2", "aggregate", "no") + `</row>` +
		`<row r="1">` + inlineCells(1, "id", "consent", "edu_fees_paid") + `</row>` +
		`<row r="2">` + inlineCells(2, "W20-1", "aggregate", "yes") + `</row>`
}

// hiddenRanges is a valid wave whose columns are all hidden, n times over.
func hiddenRanges(n int) func() pkg {
	return func() pkg {
		p := rawWave(validRows())
		s := p.sheet()
		cols := "<cols>" + strings.Repeat(`<col min="1" max="16384" width="9" hidden="1"/>`, n) + "</cols>"
		return p.part("xl/worksheets/sheet1.xml", strings.Replace(s, "<sheetData>", cols+"<sheetData>", 1))
	}
}

// tinyStrings is a valid wave whose shared string table holds n empty strings before the
// ones it uses, stored uncompressed when stored is set (as large as the file then is).
func tinyStrings(n int, stored bool) func() pkg {
	return func() pkg { return tinyStringsPkg(n, stored) }
}

func tinyStringsPkg(n int, stored bool) pkg {
	words := []string{"id", "consent", "edu_fees_paid", "W20-1", "W20-2", "W20-3", "aggregate", "yes", "no"}
	var tail strings.Builder
	for _, w := range words {
		tail.WriteString("<si><t>" + w + "</t></si>")
	}
	tail.WriteString(`</sst>`)
	ref := func(r int, ws ...string) string {
		var b strings.Builder
		for i, w := range ws {
			for j, x := range words {
				if x == w {
					fmt.Fprintf(&b, `<c r="%c%d" t="s"><v>%d</v></c>`, 'A'+i, r, n+j)
				}
			}
		}
		return fmt.Sprintf(`<row r="%d">%s</row>`, r, b.String())
	}
	rows := ref(1, "id", "consent", "edu_fees_paid") + ref(2, "W20-1", "aggregate", "yes") + ref(3, "W20-2", "aggregate", "no") + ref(4, "W20-3", "aggregate", "yes")
	p := rawWave(rows).part("xl/_rels/workbook.xml.rels", xlsxfix.WorkbookRels(xlsxfix.Rel("rId2", xlsxfix.RelSharedStrings, "sharedStrings.xml")).Data)
	p.stored = stored
	p.big = map[string]func(io.Writer) error{"xl/sharedStrings.xml": repeat(fmt.Sprintf(`<sst %s count="%d" uniqueCount="%d">`, xlsxfix.NS, n+len(words), n+len(words)), "<si/>", tail.String(), n)}
	return p
}

// longSharedString is a wave of n interviewees whose three codes all point to one shared
// string of 32,000 characters: a few kilobytes of cells that hand out gigabytes of text.
func longSharedString(n int) func() pkg {
	return func() pkg {
		p := rawWave("").part("xl/_rels/workbook.xml.rels", xlsxfix.WorkbookRels(xlsxfix.Rel("rId2", xlsxfix.RelSharedStrings, "sharedStrings.xml")).Data).
			part("xl/sharedStrings.xml", `<sst `+xlsxfix.NS+`><si><t>`+strings.Repeat("x", 32_000)+`</t></si></sst>`)
		head, tail, _ := strings.Cut(xlsxfix.SheetXML(`<row r="1">`+inlineCells(1, "id", "consent", "edu_fees_paid", "edu_labour_mobilised", "edu_left_school_cost")+`</row>@`, ""), "@")
		p.big = map[string]func(io.Writer) error{"xl/worksheets/sheet1.xml": func(w io.Writer) error {
			bw := bufio.NewWriter(w)
			bw.WriteString(head)
			for r := 2; r <= n+1; r++ {
				fmt.Fprintf(bw, `<row r="%d">%s<c r="C%d" t="s"><v>0</v></c><c r="D%d" t="s"><v>0</v></c><c r="E%d" t="s"><v>0</v></c></row>`, r, inlineCells(r, fmt.Sprintf("W20-%d", r), "aggregate"), r, r, r)
			}
			bw.WriteString(tail)
			return bw.Flush()
		}}
		return p
	}
}

// repeatedQuote is a wave of one interviewee, who consented to quotes, with n quotes: all one
// shared string, text.
func repeatedQuote(n int, text string) func() pkg {
	return func() pkg {
		wb := `<workbook ` + xlsxfix.NS + `><sheets><sheet name="interviews" sheetId="1" r:id="rId1"/><sheet name="quotes" sheetId="2" r:id="rId2"/></sheets></workbook>`
		p := rawWave(`<row r="1">`+inlineCells(1, "id", "consent", "edu_fees_paid")+`</row><row r="2">`+inlineCells(2, "W20-1", "quote", "yes")+`</row>`).
			part("xl/workbook.xml", wb).
			part("xl/_rels/workbook.xml.rels", xlsxfix.WorkbookRels(xlsxfix.Rel("rId2", xlsxfix.RelWorksheet, "worksheets/sheet2.xml"), xlsxfix.Rel("rId3", xlsxfix.RelSharedStrings, "sharedStrings.xml")).Data).
			part("xl/sharedStrings.xml", `<sst `+xlsxfix.NS+`><si><t>`+text+`</t></si></sst>`)
		var rows strings.Builder
		rows.WriteString(`<row r="1">` + inlineCells(1, "id", "code", "text", "reviewed") + `</row>`)
		for r := 2; r <= n+1; r++ {
			fmt.Fprintf(&rows, `<row r="%d">%s<c r="C%d" t="s"><v>0</v></c><c r="D%d" t="inlineStr"><is><t>no</t></is></c></row>`, r, inlineCells(r, "W20-1", "edu_fees_paid"), r, r)
		}
		return p.part("xl/worksheets/sheet2.xml", xlsxfix.SheetXML(rows.String(), ""))
	}
}

// sameQuoteRows is a wave of two interviewees who consented to quotes, and n quotes of the
// first, reviewed, all saying text: n rows of the same few bytes, which compress to nothing.
func sameQuoteRows(n int, text string) func() pkg {
	return func() pkg {
		wb := `<workbook ` + xlsxfix.NS + `><sheets><sheet name="interviews" sheetId="1" r:id="rId1"/><sheet name="quotes" sheetId="2" r:id="rId2"/></sheets></workbook>`
		p := rawWave(`<row r="1">`+inlineCells(1, "id", "consent", "edu_fees_paid")+`</row><row r="2">`+inlineCells(2, "W20-1", "quote", "yes")+`</row><row r="3">`+inlineCells(3, "W20-2", "quote", "no")+`</row>`).
			part("xl/workbook.xml", wb).
			part("xl/_rels/workbook.xml.rels", xlsxfix.WorkbookRels(xlsxfix.Rel("rId2", xlsxfix.RelWorksheet, "worksheets/sheet2.xml"), xlsxfix.Rel("rId3", xlsxfix.RelSharedStrings, "sharedStrings.xml")).Data).
			part("xl/sharedStrings.xml", `<sst `+xlsxfix.NS+`><si><t>`+text+`</t></si><si><t>W20-1</t></si><si><t>edu_fees_paid</t></si><si><t>yes</t></si></sst>`)
		head, tail, _ := strings.Cut(xlsxfix.SheetXML(`<row r="1">`+inlineCells(1, "id", "code", "text", "reviewed")+`</row>@`, ""), "@")
		p.big = map[string]func(io.Writer) error{"xl/worksheets/sheet2.xml": repeat(head, `<row><c t="s"><v>1</v></c><c t="s"><v>2</v></c><c t="s"><v>0</v></c><c t="s"><v>3</v></c></row>`, tail, n)}
		return p
	}
}

// koboChoices is a KoboToolbox export of n submissions whose select-many question det_facility
// (one column of choice names separated by spaces) is answered by one shared string, text.
func koboChoices(n int, text string) func() pkg {
	return func() pkg {
		var rows strings.Builder
		rows.WriteString(`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>`)
		for r := 2; r <= n+1; r++ {
			fmt.Fprintf(&rows, `<row r="%d"><c r="A%d"><v>%d</v></c><c r="B%d" t="s"><v>2</v></c></row>`, r, r, r, r)
		}
		return rawBook("Sheet1", rows.String()).
			part("xl/_rels/workbook.xml.rels", xlsxfix.WorkbookRels(xlsxfix.Rel("rId2", xlsxfix.RelSharedStrings, "sharedStrings.xml")).Data).
			part("xl/sharedStrings.xml", `<sst `+xlsxfix.NS+`><si><t>_id</t></si><si><t>det_facility</t></si><si><t>`+text+`</t></si></sst>`)
	}
}

// nearAlike is a wave of n texts of 31,000 characters, each the one before with another row
// number, which compress to a few dozen bytes each and are slow to scan for dates: n quotes of
// one interviewee, or n interviewees' answers to the text code other_remarks.
func nearAlike(n int, quotes bool) func() pkg {
	return func() pkg {
		text := strings.Repeat("March the 4th, ", 2100)
		var rows strings.Builder
		if !quotes {
			rows.WriteString(`<row r="1">` + inlineCells(1, "id", "consent", "other_remarks") + `</row>`)
			for r := 2; r <= n+1; r++ {
				fmt.Fprintf(&rows, `<row r="%d">%s</row>`, r, inlineCells(r, fmt.Sprintf("W20-%d", r), "aggregate", fmt.Sprintf("%d %s", r, text)))
			}
			return rawWave(rows.String())
		}
		wb := `<workbook ` + xlsxfix.NS + `><sheets><sheet name="interviews" sheetId="1" r:id="rId1"/><sheet name="quotes" sheetId="2" r:id="rId2"/></sheets></workbook>`
		rows.WriteString(`<row r="1">` + inlineCells(1, "id", "code", "text", "reviewed") + `</row>`)
		for r := 2; r <= n+1; r++ {
			fmt.Fprintf(&rows, `<row r="%d">%s</row>`, r, inlineCells(r, "W20-1", "edu_fees_paid", fmt.Sprintf("%d %s", r, text), "no"))
		}
		return rawWave(`<row r="1">`+inlineCells(1, "id", "consent", "edu_fees_paid")+`</row><row r="2">`+inlineCells(2, "W20-1", "quote", "yes")+`</row>`).
			part("xl/workbook.xml", wb).
			part("xl/_rels/workbook.xml.rels", xlsxfix.WorkbookRels(xlsxfix.Rel("rId2", xlsxfix.RelWorksheet, "worksheets/sheet2.xml")).Data).
			part("xl/worksheets/sheet2.xml", xlsxfix.SheetXML(rows.String(), ""))
	}
}

// merges is a valid wave with n merged ranges.
func merges(n int) func() pkg {
	return func() pkg { return mergesPkg(n) }
}

func mergesPkg(n int) pkg {
	p := rawWave("")
	sheet := xlsxfix.SheetXML(validRows(), "@")
	head, tail, _ := strings.Cut(sheet, "@")
	p.big = map[string]func(io.Writer) error{"xl/worksheets/sheet1.xml": func(w io.Writer) error {
		bw := bufio.NewWriter(w)
		bw.WriteString(head + "<mergeCells>")
		for i := 0; i < n; i++ {
			fmt.Fprintf(bw, `<mergeCell ref="D%d:E%d"/>`, i+1, i+1)
		}
		bw.WriteString("</mergeCells>" + tail)
		return bw.Flush()
	}}
	return p
}

func attrs(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, ` a%d=""`, i)
	}
	return b.String()
}

// zipBomb is a wave whose sheet expands a thousand times, to 200 MB.
func zipBomb() pkg {
	row := `<row><c t="inlineStr"><is><t>yes</t></is></c></row>`
	head, tail, _ := strings.Cut(xlsxfix.SheetXML(validRows()+"@", ""), "@")
	p := rawWave("")
	p.big = map[string]func(io.Writer) error{"xl/worksheets/sheet1.xml": repeat(head, row, tail, (200<<20)/len(row))}
	return p
}

func manyEntries(n int) func() pkg {
	return func() pkg {
		p := rawWave(validRows())
		for i := 0; i < n; i++ {
			p.parts = append(p.parts, xlsxfix.Part{Name: fmt.Sprintf("x/%d", i)})
		}
		return p
	}
}

const bombDTD = `<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"><!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;"><!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;"><!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;"><!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;"><!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>`

const xxeDTD = `<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>`

// nestedZip is a wave whose sheet part is itself a zip archive.
func nestedZip() pkg {
	inner, _ := xlsxfix.Package(rawWave(validRows()).parts, false)
	return rawWave("").part("xl/worksheets/sheet1.xml", string(inner))
}

func packageOf(parts ...xlsxfix.Part) func() pkg {
	return func() pkg { return pkg{parts: parts} }
}

// duplicateQuotes is a wave whose quotes sheet is stored twice: the first copy reviewed, the
// second naming the interviewee.
func duplicateQuotes() pkg {
	wb := `<workbook ` + xlsxfix.NS + `><sheets><sheet name="interviews" sheetId="1" r:id="rId1"/><sheet name="quotes" sheetId="2" r:id="rId2"/></sheets></workbook>`
	quotes := func(text string) string {
		return xlsxfix.SheetXML(`<row r="1">`+inlineCells(1, "id", "code", "text", "reviewed")+`</row><row r="2">`+inlineCells(2, "W20-1", "edu_fees_paid", text, "yes")+`</row>`, "")
	}
	p := rawWave(validRows()).part("xl/workbook.xml", wb).
		part("xl/_rels/workbook.xml.rels", xlsxfix.WorkbookRels(xlsxfix.Rel("rId2", xlsxfix.RelWorksheet, "worksheets/sheet2.xml")).Data).
		part("xl/worksheets/sheet2.xml", quotes("We paid the teacher every month."))
	p.parts = append(p.parts, xlsxfix.Part{Name: "xl/worksheets/sheet2.xml", Data: quotes("Kim Soon-ok of Hoeryong paid the teacher.")})
	return p
}

func twoSharedStrings() pkg {
	sst := `<sst ` + xlsxfix.NS + `><si><t>x</t></si></sst>`
	return rawWave(validRows()).part("xl/sharedStrings.xml", sst).part("xl/sst2.xml", sst).
		part("xl/_rels/workbook.xml.rels", xlsxfix.WorkbookRels(xlsxfix.Rel("rId2", xlsxfix.RelSharedStrings, "sharedStrings.xml"), xlsxfix.Rel("rId3", xlsxfix.RelSharedStrings, "sst2.xml")).Data)
}

func sheetTwice() pkg {
	wb := `<workbook ` + xlsxfix.NS + `><sheets><sheet name="interviews" sheetId="1" r:id="rId1"/><sheet name="quotes" sheetId="2" r:id="rId2"/></sheets></workbook>`
	return rawWave(validRows()).part("xl/workbook.xml", wb).
		part("xl/_rels/workbook.xml.rels", xlsxfix.WorkbookRels(xlsxfix.Rel("rId2", xlsxfix.RelWorksheet, "worksheets/sheet1.xml")).Data)
}

// xlsMentioningEncryption is an old .xls (a compound file with a Workbook stream) whose cells
// hold the words EncryptionInfo and EncryptedPackage.
func xlsMentioningEncryption() []byte {
	var text []byte
	for _, u := range utf16.Encode([]rune("EncryptionInfo EncryptedPackage")) {
		text = append(text, byte(u), byte(u>>8))
	}
	return xlsxfix.CompoundFile(map[string][]byte{"Workbook": text})
}

// Setups.

// wave writes interviews/2020.xlsx.
func wave(w func() pkg) func(*testing.T, hostileEnv) {
	return func(t *testing.T, env hostileEnv) {
		w().write(t, filepath.Join(env.Proj, "interviews", "2020.xlsx"))
	}
}

// waves writes n waves 2020, 2021… all alike.
func waves(n int, w func() pkg) func(*testing.T, hostileEnv) {
	return func(t *testing.T, env hostileEnv) {
		p := w()
		for i := 0; i < n; i++ {
			p.write(t, filepath.Join(env.Proj, "interviews", fmt.Sprintf("%d.xlsx", 2020+i)))
		}
	}
}

func file(rel string, data func() []byte) func(*testing.T, hostileEnv) {
	return func(t *testing.T, env hostileEnv) { writeFile(t, filepath.Join(env.Proj, rel), data()) }
}

func outside(name string, w func() pkg) func(*testing.T, hostileEnv) {
	return func(t *testing.T, env hostileEnv) { w().write(t, filepath.Join(env.Outside, name)) }
}

func outsideText(name, text string) func(*testing.T, hostileEnv) {
	return func(t *testing.T, env hostileEnv) { writeFile(t, filepath.Join(env.Outside, name), []byte(text)) }
}

func fifo(rel string) func(*testing.T, hostileEnv) {
	return func(t *testing.T, env hostileEnv) {
		p := filepath.Join(env.Proj, rel)
		os.Remove(p)
		if err := syscall.Mkfifo(p, 0o644); err != nil {
			t.Skipf("mkfifo: %v", err)
		}
	}
}

func fifoOutside(name string) func(*testing.T, hostileEnv) {
	return func(t *testing.T, env hostileEnv) {
		if err := syscall.Mkfifo(filepath.Join(env.Outside, name), 0o600); err != nil {
			t.Skipf("mkfifo: %v", err)
		}
	}
}

// symlinkedWave links interviews/2020.xlsx to a valid wave outside the project.
func symlinkedWave(t *testing.T, env hostileEnv) {
	target := filepath.Join(env.Outside, "2020.xlsx")
	rawWave(validRows()).write(t, target)
	if err := os.Symlink(target, filepath.Join(env.Proj, "interviews", "2020.xlsx")); err != nil {
		t.Skipf("symlink: %v", err)
	}
}

func encryptedWave(t *testing.T, env hostileEnv) {
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "interviews")
	for i, row := range [][]string{{"id", "consent", "edu_fees_paid"}, {"W20-1", "aggregate", "yes"}} {
		for j, v := range row {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			f.SetCellStr("interviews", cell, v)
		}
	}
	if err := f.SaveAs(filepath.Join(env.Proj, "interviews", "2020.xlsx"), excelize.Options{Password: "s3cret"}); err != nil {
		t.Fatal(err)
	}
}

// limits sets a line in report.toml's [limits].
func limits(line string) func(*testing.T, hostileEnv) {
	return func(t *testing.T, env hostileEnv) {
		p := filepath.Join(env.Proj, "report.toml")
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, p, []byte(strings.Replace(string(b), "[limits]\n", "[limits]\n"+line+"\n", 1)))
	}
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
