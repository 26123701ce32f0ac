package importer

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shadowreport/shadowreport/internal/diag"
	"github.com/shadowreport/shadowreport/internal/workbook"
)

// cellKind is what a cell of an input holds.
type cellKind uint8

const (
	blank cellKind = iota
	text
	number
	percent // a number shown as a percentage: 0.25 is 25 %
	boolean
	date
	// broken: an Excel error (#N/A, #REF!) or a formula whose result was never calculated;
	// its text is the error, or "" for the formula
	broken
)

// cell is one non-blank cell of an input table.
type cell struct {
	kind cellKind
	col  int32   // 1-based; set in stored rows only
	text string  // as written; for numbers the number as stored; for dates the date, ISO 8601
	num  float64 // numbers; dates as Unix seconds (UTC)
}

// time is the date of a date cell.
func (c cell) time() time.Time { return time.Unix(int64(c.num), 0).UTC() }

// gridRow is one row of an input that holds at least one cell: its cells by column, blanks left out.
type gridRow struct {
	num   int
	cells []cell
}

// grid is one table of an input: a sheet of a workbook or a CSV file, read whole. Only
// non-blank cells are stored, so that a row numbered 400,000,000 or a cell in column XFD costs
// what one cell costs.
type grid struct {
	file   string    // the name used in messages
	sheet  string    // "" for CSV
	others []string  // sheets of the workbook that were not read
	rows   []gridRow // by row number
	cells  int       // non-blank cells stored, against maxCells
	text   int       // bytes of text of the cells stored, against maxText
}

// maxCells bounds the filled cells of one input table: far more than any export of interviews
// holds (1,000 people × 1,000 columns), and an import at the limit stays within about 250 MB
// of memory.
const maxCells = 1_000_000

// maxText bounds the text of the cells of one input table, a workbook's shared string counted
// each time a cell uses it: what the same table saved as CSV would hold, so as much as the
// largest CSV import (maxCSVBytes). Each byte is matched against the codebook, which costs a
// hundred times what reading it does, so a sheet of a few kilobytes pointing a hundred thousand
// times to one string of 32,000 characters would otherwise take minutes.
const maxText = maxCSVBytes

// maxCSVBytes bounds the size of a CSV input, read whole: 32 MB.
const maxCSVBytes = 32 << 20

// row returns the stored row r, nil when it holds nothing.
func (g *grid) row(r int) *gridRow {
	i := sort.Search(len(g.rows), func(i int) bool { return g.rows[i].num >= r })
	if i < len(g.rows) && g.rows[i].num == r {
		return &g.rows[i]
	}
	return nil
}

// at returns the cell in row r, column c (1-based); a blank cell where nothing is written.
func (g *grid) at(r, c int) cell {
	row := g.row(r)
	if row == nil {
		return cell{}
	}
	i := sort.Search(len(row.cells), func(i int) bool { return int(row.cells[i].col) >= c })
	if i < len(row.cells) && int(row.cells[i].col) == c {
		return row.cells[i]
	}
	return cell{}
}

// width is the column of the last cell of row r, 0 for an empty row.
func (g *grid) width(r int) int {
	row := g.row(r)
	if row == nil || len(row.cells) == 0 {
		return 0
	}
	return int(row.cells[len(row.cells)-1].col)
}

// after lists the numbers of the rows below row r that hold something, in order.
func (g *grid) after(r int) []int {
	i := sort.Search(len(g.rows), func(i int) bool { return g.rows[i].num > r })
	out := make([]int, 0, len(g.rows)-i)
	for _, row := range g.rows[i:] {
		out = append(out, row.num)
	}
	return out
}

// lastRow is the number of the last row holding a cell, 0 for an empty table.
func (g *grid) lastRow() int {
	if len(g.rows) == 0 {
		return 0
	}
	return g.rows[len(g.rows)-1].num
}

// add stores a row read from the input; rows come in increasing order.
func (g *grid) add(num int, cells []cell) error {
	if len(cells) == 0 {
		return nil
	}
	g.cells += len(cells)
	if g.cells > maxCells {
		return &InputError{Msg: fmt.Sprintf("%s: holds more than 1,000,000 filled cells, the limit of an import; delete the columns you do not import, or split the export (fewer rows per file) and import the parts as separate files", where(g))}
	}
	for _, c := range cells {
		g.text += len(c.text)
	}
	if g.text > maxText {
		return &InputError{Msg: fmt.Sprintf("%s: row %d: the cells hold more than %d MB of text in all (a text the workbook stores once counted in every cell that uses it), the limit of an import; delete the columns you do not import, or split the export (fewer rows per file) and import the parts as separate files", where(g), num, maxText>>20)}
	}
	g.rows = append(g.rows, gridRow{num: num, cells: cells})
	return nil
}

// finish puts rows written out of order back in order; a row number used twice is damage.
func (g *grid) finish() error {
	if !sort.SliceIsSorted(g.rows, func(i, j int) bool { return g.rows[i].num < g.rows[j].num }) {
		sort.SliceStable(g.rows, func(i, j int) bool { return g.rows[i].num < g.rows[j].num })
	}
	for i := 1; i < len(g.rows); i++ {
		if g.rows[i].num == g.rows[i-1].num {
			return &InputError{Msg: fmt.Sprintf("%s: row %d is written twice: the file is damaged; open it in Excel or LibreOffice and save it again", where(g), g.rows[i].num)}
		}
	}
	return nil
}

// firstRow is the number of the first row holding a cell, 0 for an empty table.
func firstRow(g *grid) int {
	if len(g.rows) == 0 {
		return 0
	}
	return g.rows[0].num
}

// str is the trimmed text of a cell.
func (g *grid) str(r, c int) string { return strings.TrimSpace(g.at(r, c).text) }

// pos locates a cell in messages. A CSV file's cells are named as Excel shows them when it
// opens the file: on a sheet named after the file ("matrix.csv: matrix!E1").
func (g *grid) pos(r, c int) diag.Pos {
	sheet := g.sheet
	if sheet == "" {
		sheet = strings.TrimSuffix(path.Base(g.file), path.Ext(g.file))
	}
	return diag.At(g.file, sheet, max(c, 1), r)
}

// source is one file the import read, for the provenance sheet.
type source struct {
	Name   string // the file name shown (no local path)
	Role   string // "coded data", "case attributes (--cases)", "mapping (--map)"
	SHA256 string
	Sheet  string // the sheet read, "" for CSV
}

// input is one file to read; folder is set when it was found in a folder given as argument.
type input struct {
	path   string
	folder bool
}

// inputFiles expands the FILE arguments: a folder stands for the .xlsx and .csv files in it,
// in name order.
func inputFiles(args []string) ([]input, error) {
	var out []input
	for _, a := range args {
		st, err := os.Stat(a)
		if err != nil {
			return nil, &UsageError{Msg: fmt.Sprintf("cannot read %s: %v", a, errReason(err))}
		}
		if !st.IsDir() {
			out = append(out, input{path: a})
			continue
		}
		entries, err := os.ReadDir(a)
		if err != nil {
			return nil, err
		}
		var names []string
		for _, e := range entries {
			n := e.Name()
			ext := strings.ToLower(filepath.Ext(n))
			if e.IsDir() || strings.HasPrefix(n, ".") || strings.HasPrefix(n, "~$") || (ext != ".xlsx" && ext != ".csv" && ext != ".tsv" && ext != ".txt") {
				continue
			}
			names = append(names, n)
		}
		sort.Strings(names)
		if len(names) == 0 {
			return nil, &UsageError{Msg: fmt.Sprintf("the folder %s holds no .xlsx or .csv file", a)}
		}
		for _, n := range names {
			out = append(out, input{path: filepath.Join(a, n), folder: true})
		}
	}
	return out, nil
}

func errReason(err error) string {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err.Error()
	}
	return err.Error()
}

// displayName names an input in messages and the provenance sheet without its local path:
// the file name, with the folder's name when it came from a folder.
func displayName(path string, fromFolder bool) string {
	base := filepath.Base(path)
	if fromFolder {
		return filepath.Base(filepath.Dir(path)) + "/" + base
	}
	return base
}

// readGrid reads the first visible sheet of an .xlsx file, or a whole CSV (or tab-separated)
// file, and its SHA-256.
func readGrid(file, name string, opts workbook.Options) (*grid, string, error) {
	st, err := os.Stat(file)
	if err != nil {
		return nil, "", &UsageError{Msg: fmt.Sprintf("cannot read %s: %v", file, errReason(err))}
	}
	if !st.Mode().IsRegular() {
		return nil, "", &InputError{Msg: name + ": is not a regular file; give an exported .xlsx or .csv file"}
	}
	head, err := readHead(file)
	if err != nil {
		return nil, "", &UsageError{Msg: fmt.Sprintf("cannot read %s: %v", file, errReason(err))}
	}
	if bytes.HasPrefix(head, []byte("PK")) || bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0}) {
		if what := otherZip(file); what != "" {
			return nil, "", &InputError{Msg: name + ": " + what}
		}
		hash, err := hashFile(file)
		if err != nil {
			return nil, "", &UsageError{Msg: fmt.Sprintf("cannot read %s: %v", file, errReason(err))}
		}
		g, err := readXLSX(file, name, opts)
		return g, hash, err
	}
	switch strings.ToLower(filepath.Ext(file)) {
	case ".xlsx", ".xls", ".xlsm", ".ods":
		// not a zip: let the workbook reader explain what the file is
		g, err := readXLSX(file, name, opts)
		return g, "", err
	}
	if st.Size() > maxCSVBytes {
		return nil, "", &InputError{Msg: fmt.Sprintf("%s: is a text file of %d MB; CSV imports are limited to %d MB. Export to Excel (.xlsx) instead, which is read sheet by sheet, or split the file", name, st.Size()>>20, maxCSVBytes>>20)}
	}
	raw, err := readAtMost(file, maxCSVBytes)
	if err != nil {
		return nil, "", &InputError{Msg: name + ": " + err.Error()}
	}
	sum := sha256.Sum256(raw)
	g, err := readCSV(raw, name)
	return g, hex.EncodeToString(sum[:]), err
}

// readHead reads the first bytes of a file, to tell a zip from text.
func readHead(file string) ([]byte, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	head := make([]byte, 8)
	n, err := io.ReadFull(f, head)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return nil, err
	}
	return head[:n], nil
}

// readAtMost reads a whole file that must not exceed limit bytes (it may grow while read).
func readAtMost(file string, limit int64) ([]byte, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	raw, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(raw)) > limit {
		return nil, fmt.Errorf("is larger than %d MB, the limit of a CSV import; export to Excel (.xlsx) instead, or split the file", limit>>20)
	}
	return raw, nil
}

func hashFile(file string) (string, error) {
	f, err := os.Open(file)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// otherZip names a zip file that is not an Excel workbook (an Apple Numbers, LibreOffice or
// Word file renamed .xlsx), with what to do; "" for anything else, which the workbook reader
// then opens or explains.
func otherZip(file string) string {
	zr, err := zip.OpenReader(file)
	if err != nil {
		return ""
	}
	defer zr.Close()
	var numbers, word, ods, xlsx bool
	for i, f := range zr.File {
		if i > 10000 {
			break
		}
		n := f.Name
		switch {
		case n == "xl/workbook.xml":
			xlsx = true
		case strings.HasPrefix(n, "Index/") && strings.HasSuffix(n, ".iwa"), n == "Index.zip", strings.HasPrefix(n, "Metadata/DocumentIdentifier"):
			numbers = true
		case n == "word/document.xml":
			word = true
		case n == "content.xml":
			ods = true
		}
	}
	switch {
	case xlsx:
		return ""
	case numbers:
		return "is an Apple Numbers spreadsheet, not an Excel workbook (renamed, or exported without converting); open it in Numbers and choose File → Export To → Excel…, then import the .xlsx it writes"
	case ods:
		return "is a LibreOffice (OpenDocument) spreadsheet, not an Excel workbook; open it in LibreOffice Calc and save it as Excel 2007-365 (.xlsx)"
	case word:
		return "is a Word document, not a spreadsheet; export the coded data from your tool as Excel (.xlsx) or CSV"
	}
	return ""
}

func readXLSX(file, name string, opts workbook.Options) (*grid, error) {
	b, err := workbook.Open(file, name, opts)
	if err != nil {
		return nil, &InputError{Msg: err.Error()}
	}
	defer b.Close()
	var sheet workbook.SheetInfo
	found := false
	g := &grid{file: name}
	for _, s := range b.Sheets() {
		if !found && s.State == workbook.Visible {
			sheet, found = s, true
			continue
		}
		g.others = append(g.others, s.Name)
	}
	if !found {
		return nil, &InputError{Msg: name + ": has no visible sheet to read"}
	}
	g.sheet = sheet.Name
	_, err = b.ReadSheet(sheet, func(r *workbook.Row) error {
		var row []cell
		for _, c := range r.Cells {
			if x := convert(b, c); x.kind != blank {
				x.col = int32(c.Col)
				row = append(row, x)
			}
		}
		return g.add(r.Num, row)
	})
	if err != nil {
		var ie *InputError
		if errors.As(err, &ie) {
			return nil, ie
		}
		return nil, &InputError{Msg: err.Error()}
	}
	if err := g.finish(); err != nil {
		return nil, err
	}
	return g, nil
}

func convert(b *workbook.Book, c workbook.Cell) cell {
	switch c.Kind {
	case workbook.String:
		if strings.TrimSpace(c.Text) == "" {
			return cell{}
		}
		return cell{kind: text, text: c.Text}
	case workbook.Number:
		if c.Percent {
			return cell{kind: percent, text: c.Text, num: c.Num}
		}
		return cell{kind: number, text: strconv.FormatFloat(c.Num, 'f', -1, 64), num: c.Num}
	case workbook.Bool:
		return cell{kind: boolean, text: c.Text, num: c.Num}
	case workbook.Date:
		t, ok := b.Time(c)
		if !ok {
			return cell{kind: text, text: c.Text}
		}
		s := t.Format("2006-01-02")
		if h, m, sec := t.Clock(); h != 0 || m != 0 || sec != 0 {
			s = t.Format("2006-01-02 15:04:05")
		}
		return cell{kind: date, text: s, num: float64(t.Unix())}
	case workbook.ErrorValue:
		return cell{kind: broken, text: c.Text}
	}
	return cell{kind: broken} // a formula whose result was never calculated
}

// brokenText explains a broken cell, for messages.
func brokenText(c cell) string {
	if c.text == "" {
		return "a formula whose result was never calculated (the file was written by a program, not saved by Excel): open the file in Excel or LibreOffice and save it, so that the result is stored"
	}
	return "the Excel error " + c.text + ": fix the formula, or type the value"
}

// readCSV reads comma-, semicolon- or tab-separated text in UTF-8, with or without a BOM.
func readCSV(raw []byte, name string) (*grid, error) {
	raw = bytes.TrimPrefix(raw, []byte("\xEF\xBB\xBF"))
	if !utf8.Valid(raw) {
		return nil, &InputError{Msg: name + ": is not UTF-8 text; save it again as \"CSV UTF-8\" or as an Excel workbook (.xlsx)"}
	}
	if bytes.IndexByte(raw, 0) >= 0 {
		return nil, &InputError{Msg: name + ": is neither an Excel workbook (.xlsx) nor CSV text"}
	}
	r := csv.NewReader(bytes.NewReader(raw))
	r.Comma = sniffDelimiter(raw)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	r.ReuseRecord = true
	g := &grid{file: name}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, &InputError{Msg: fmt.Sprintf("%s: is not readable CSV: %v", name, err)}
		}
		line, _ := r.FieldPos(0)
		var row []cell
		for i, v := range rec {
			if strings.TrimSpace(v) != "" {
				row = append(row, cell{kind: text, col: int32(i + 1), text: v})
			}
		}
		if err := g.add(line, row); err != nil {
			return nil, err
		}
	}
	return g, nil
}

// sniffDelimiter picks the separator the first line uses most: comma, semicolon or tab.
func sniffDelimiter(raw []byte) rune {
	line := raw
	if i := bytes.IndexByte(raw, '\n'); i >= 0 {
		line = raw[:i]
	}
	best, n := ',', bytes.Count(line, []byte(","))
	for _, d := range []rune{';', '\t'} {
		if c := bytes.Count(line, []byte(string(d))); c > n {
			best, n = d, c
		}
	}
	return best
}
