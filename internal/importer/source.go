package importer

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
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
)

// cell is one cell of an input table.
type cell struct {
	kind cellKind
	text string // as written; for numbers the number as stored
	num  float64
	t    time.Time // dates
}

// grid is one table of an input: a sheet of a workbook or a CSV file, read whole.
type grid struct {
	file   string   // the name used in messages
	sheet  string   // "" for CSV
	others []string // sheets of the workbook that were not read
	rows   [][]cell // rows[r-1][c-1]; rows are as long as their last non-empty cell
}

// at returns the cell in row r, column c (1-based); a blank cell outside the table.
func (g *grid) at(r, c int) cell {
	if r < 1 || r > len(g.rows) || c < 1 || c > len(g.rows[r-1]) {
		return cell{}
	}
	return g.rows[r-1][c-1]
}

// rowAt returns the cells of row r (1-based), nil outside the table.
func (g *grid) rowAt(r int) []cell {
	if r < 1 || r > len(g.rows) {
		return nil
	}
	return g.rows[r-1]
}

// firstRow is the number of the first row holding a cell, 0 for an empty table.
func firstRow(g *grid) int {
	for i, row := range g.rows {
		for _, c := range row {
			if c.kind != blank {
				return i + 1
			}
		}
	}
	return 0
}

// str is the trimmed text of a cell.
func (g *grid) str(r, c int) string { return strings.TrimSpace(g.at(r, c).text) }

// width is the number of columns of the widest row.
func (g *grid) width() int {
	w := 0
	for _, r := range g.rows {
		w = max(w, len(r))
	}
	return w
}

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
func readGrid(path, name string, opts workbook.Options) (*grid, string, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, "", &UsageError{Msg: fmt.Sprintf("cannot read %s: %v", path, errReason(err))}
	}
	sum := sha256.Sum256(raw)
	hash := hex.EncodeToString(sum[:])
	if bytes.HasPrefix(raw, []byte("PK")) || bytes.HasPrefix(raw, []byte{0xD0, 0xCF, 0x11, 0xE0}) {
		g, err := readXLSX(path, name, opts)
		return g, hash, err
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xlsx", ".xls", ".xlsm", ".ods":
		// not a zip: let the workbook reader explain what the file is
		g, err := readXLSX(path, name, opts)
		return g, hash, err
	}
	g, err := readCSV(raw, name)
	return g, hash, err
}

func readXLSX(path, name string, opts workbook.Options) (*grid, error) {
	b, err := workbook.Open(path, name, opts)
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
		for len(g.rows) < r.Num-1 {
			g.rows = append(g.rows, nil)
		}
		row := make([]cell, 0, len(r.Cells))
		for _, c := range r.Cells {
			for len(row) < c.Col-1 {
				row = append(row, cell{})
			}
			row = append(row, convert(b, c))
		}
		g.rows = append(g.rows, row)
		return nil
	})
	if err != nil {
		return nil, &InputError{Msg: err.Error()}
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
		t, _ := b.Time(c)
		return cell{kind: date, text: c.Text, num: c.Num, t: t}
	}
	return cell{kind: text, text: c.Text} // errors and formulas without a result: their text
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
		for len(g.rows) < line-1 {
			g.rows = append(g.rows, nil)
		}
		row := make([]cell, len(rec))
		last := 0
		for i, v := range rec {
			if strings.TrimSpace(v) != "" {
				row[i] = cell{kind: text, text: v}
				last = i + 1
			}
		}
		g.rows = append(g.rows, row[:last])
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
