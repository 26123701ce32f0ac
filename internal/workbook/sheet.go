package workbook

import (
	"encoding/xml"
	"errors"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shadowreport/shadowreport/internal/diag"
	"github.com/xuri/excelize/v2"
)

// Kind is what a cell holds.
type Kind uint8

// The kinds of cell. A cell whose formula was never calculated (a file written by a program
// rather than saved by Excel) is NoValue: its result is unknown.
const (
	String Kind = iota + 1
	Number
	Bool
	Date
	ErrorValue
	NoValue
)

// Cell is one non-empty cell of a row.
type Cell struct {
	Col  int     // 1-based
	Kind Kind    //
	Text string  // the text of a String, the "TRUE"/"FALSE" of a Bool, the "#N/A" of an ErrorValue, the number as stored otherwise
	Num  float64 // the value of a Number, Bool (1/0) or Date (an Excel serial)
	// Percent is set for a Number shown as a percentage (0.54 shown as 54%).
	Percent bool
	// TextFormat is set for a cell formatted as Text (@).
	TextFormat bool
	// Formula is set when the value is the cached result of a formula.
	Formula bool
}

// Row is one row that holds at least one cell. Cells are in column order.
type Row struct {
	Num    int // 1-based
	Hidden bool
	Cells  []Cell
}

// Range is a rectangle of cells, 1-based and inclusive.
type Range struct{ Col1, Row1, Col2, Row2 int }

// SheetMeta is what a sheet says about itself beside its cells.
type SheetMeta struct {
	HiddenCols []int
	Merges     []Range
}

// Time converts a Date cell to a time in the book's date system.
func (b *Book) Time(c Cell) (time.Time, bool) {
	if c.Kind != Date {
		return time.Time{}, false
	}
	if c.Text != "" && c.Num == 0 { // t="d": an ISO 8601 string
		for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02"} {
			if t, err := time.Parse(layout, c.Text); err == nil {
				return t, true
			}
		}
		return time.Time{}, false
	}
	if c.Num < 0 || c.Num > 2958465 || math.IsNaN(c.Num) {
		return time.Time{}, false
	}
	t, err := excelize.ExcelDateToTime(c.Num, b.date1904)
	return t, err == nil
}

// ReadSheet streams the sheet's rows to fn, in order, skipping rows without cells.
// The Row and its Cells are reused: fn must copy what it keeps. An error from fn stops the read
// and is returned. Merged ranges and hidden columns are returned once the sheet is read.
func (b *Book) ReadSheet(s SheetInfo, fn func(*Row) error) (SheetMeta, error) {
	var meta SheetMeta
	sst, err := b.sharedStrings()
	if err != nil {
		return meta, err
	}
	rc, err := b.open(s.part)
	if err != nil {
		return meta, err
	}
	if rc == nil {
		return meta, &Error{File: b.name, Reason: "is damaged: sheet " + strconv.Quote(s.Name) + " has no content",
			Hint: "open it in Excel or LibreOffice and save it again as .xlsx"}
	}
	defer rc.Close()
	r := sheetReader{b: b, s: s, d: xml.NewDecoder(rc), sst: sst, fn: fn, meta: &meta}
	if err := r.run(); err != nil {
		var le *LimitError
		var we *Error
		if errors.As(err, &le) || errors.As(err, &we) || errors.Is(err, errStop) {
			return meta, err
		}
		if r.userErr {
			return meta, err
		}
		return meta, b.damaged(errors.New("sheet " + strconv.Quote(s.Name) + ": " + err.Error()))
	}
	return meta, nil
}

var errStop = errors.New("stop")

type sheetReader struct {
	b       *Book
	s       SheetInfo
	d       *xml.Decoder
	sst     []string
	fn      func(*Row) error
	meta    *SheetMeta
	row     Row
	rows    int
	userErr bool
	text    strings.Builder
}

func (r *sheetReader) run() error {
	for {
		tok, err := r.d.RawToken()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "col":
			if h := attr(se, "hidden"); h == "1" || h == "true" {
				lo, _ := strconv.Atoi(attr(se, "min"))
				hi, _ := strconv.Atoi(attr(se, "max"))
				if hi > r.b.limits.Columns {
					hi = r.b.limits.Columns
				}
				for c := max(lo, 1); c <= hi; c++ {
					r.meta.HiddenCols = append(r.meta.HiddenCols, c)
				}
			}
		case "row":
			if err := r.readRow(se); err != nil {
				return err
			}
		case "mergeCell":
			if m, ok := parseRange(attr(se, "ref")); ok {
				r.meta.Merges = append(r.meta.Merges, m)
			}
		}
	}
}

func (r *sheetReader) readRow(se xml.StartElement) error {
	num := r.row.Num + 1
	if v := attr(se, "r"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return errors.New("row number " + strconv.Quote(v) + " is not valid")
		}
		num = n
	}
	h := attr(se, "hidden")
	r.row = Row{Num: num, Hidden: h == "1" || h == "true", Cells: r.row.Cells[:0]}
	col := 0
	for {
		tok, err := r.d.RawToken()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local != "c" {
				continue
			}
			col++
			if ref := attr(t, "r"); ref != "" {
				c, _ := diag.SplitCell(ref)
				if c < 1 {
					return errors.New("cell reference " + strconv.Quote(ref) + " is not valid")
				}
				col = c
			}
			if col > r.b.limits.Columns || len(r.row.Cells) >= r.b.limits.Columns {
				return &LimitError{File: r.b.name, Sheet: r.s.Name, What: "columns", Limit: int64(r.b.limits.Columns)}
			}
			cell, ok, err := r.readCell(t, col)
			if err != nil {
				return err
			}
			if ok {
				r.row.Cells = append(r.row.Cells, cell)
			}
		case xml.EndElement:
			if t.Name.Local != "row" {
				continue
			}
			if len(r.row.Cells) == 0 {
				return nil
			}
			r.rows++
			if r.rows > r.b.limits.Rows {
				return &LimitError{File: r.b.name, Sheet: r.s.Name, What: "rows", Limit: int64(r.b.limits.Rows)}
			}
			if err := r.fn(&r.row); err != nil {
				r.userErr = true
				return err
			}
			return nil
		}
	}
}

// readCell reads one <c> element. ok is false for a cell that holds nothing.
func (r *sheetReader) readCell(se xml.StartElement, col int) (Cell, bool, error) {
	typ := attr(se, "t")
	style := -1
	if s := attr(se, "s"); s != "" {
		style, _ = strconv.Atoi(s)
	}
	var v, is string
	hasV, hasIS, formula := false, false, false
	for {
		tok, err := r.d.RawToken()
		if err != nil {
			return Cell{}, false, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "v":
				s, err := r.readText("v", col)
				if err != nil {
					return Cell{}, false, err
				}
				v, hasV = s, true
			case "f":
				formula = true
			case "is":
				s, err := r.readInline(col)
				if err != nil {
					return Cell{}, false, err
				}
				is, hasIS = s, true
			}
		case xml.EndElement:
			if t.Name.Local != "c" {
				continue
			}
			return r.makeCell(col, typ, style, v, is, hasV, hasIS, formula)
		}
	}
}

func (r *sheetReader) makeCell(col int, typ string, style int, v, is string, hasV, hasIS, formula bool) (Cell, bool, error) {
	c := Cell{Col: col, Formula: formula}
	kind := numPlain
	if style >= 0 && style < len(r.b.styles) {
		kind = r.b.styles[style]
	}
	c.TextFormat = kind == numText
	switch {
	case typ == "inlineStr":
		if !hasIS {
			return c, false, nil
		}
		c.Kind, c.Text = String, is
	case !hasV:
		if formula {
			c.Kind = NoValue
			return c, true, nil
		}
		return c, false, nil
	case typ == "s":
		i, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || i < 0 || i >= len(r.sst) {
			return c, false, errors.New("cell " + diag.CellName(col, r.row.Num) + " points to a shared string that does not exist")
		}
		c.Kind, c.Text = String, r.sst[i]
	case typ == "str":
		c.Kind, c.Text = String, unescapeX(v)
	case typ == "b":
		c.Kind = Bool
		if strings.TrimSpace(v) == "1" || strings.EqualFold(v, "true") {
			c.Text, c.Num = "TRUE", 1
		} else {
			c.Text = "FALSE"
		}
	case typ == "e":
		c.Kind, c.Text = ErrorValue, v
	case typ == "d":
		c.Kind, c.Text = Date, v
	default:
		f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if err != nil {
			c.Kind, c.Text = String, v // a number cell holding text: keep what it says
			break
		}
		c.Kind, c.Text, c.Num = Number, v, f
		switch kind {
		case numDate:
			c.Kind = Date
			c.Text = ""
		case numPercent:
			c.Percent = true
		}
	}
	if c.Kind == String && c.Text == "" && !formula {
		return c, false, nil
	}
	if utf8.RuneCountInString(c.Text) > r.b.limits.CellChars {
		return c, false, &LimitError{File: r.b.name, Sheet: r.s.Name, Cell: diag.CellName(col, r.row.Num),
			What: "characters in one cell", Limit: int64(r.b.limits.CellChars)}
	}
	return c, true, nil
}

// readText collects the character data up to the end of the element named end.
func (r *sheetReader) readText(end string, col int) (string, error) {
	r.text.Reset()
	for {
		tok, err := r.d.RawToken()
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.CharData:
			if r.text.Len()+len(t) > 4*r.b.limits.CellChars {
				return "", &LimitError{File: r.b.name, Sheet: r.s.Name, Cell: diag.CellName(col, r.row.Num),
					What: "characters in one cell", Limit: int64(r.b.limits.CellChars)}
			}
			r.text.Write(t)
		case xml.EndElement:
			if t.Name.Local == end {
				return r.text.String(), nil
			}
		}
	}
}

// readInline collects the text of an inline string (<is>), skipping phonetic runs.
func (r *sheetReader) readInline(col int) (string, error) {
	var b strings.Builder
	skip := 0
	inT := false
	for {
		tok, err := r.d.RawToken()
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "t":
				inT = true
			case "rPh":
				skip++
			}
		case xml.CharData:
			if inT && skip == 0 {
				if b.Len()+len(t) > 4*r.b.limits.CellChars {
					return "", &LimitError{File: r.b.name, Sheet: r.s.Name, Cell: diag.CellName(col, r.row.Num),
						What: "characters in one cell", Limit: int64(r.b.limits.CellChars)}
				}
				b.Write(t)
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "t":
				inT = false
			case "rPh":
				skip--
			case "is":
				return unescapeX(b.String()), nil
			}
		}
	}
}

func parseRange(ref string) (Range, bool) {
	a, b, ok := strings.Cut(ref, ":")
	if !ok {
		b = a
	}
	c1, r1 := diag.SplitCell(a)
	c2, r2 := diag.SplitCell(b)
	if c1 < 1 || r1 < 1 || c2 < 1 || r2 < 1 {
		return Range{}, false
	}
	return Range{Col1: min(c1, c2), Row1: min(r1, r2), Col2: max(c1, c2), Row2: max(r1, r2)}, true
}
