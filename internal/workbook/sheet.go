package workbook

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
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
// rather than saved by Excel: no saved result, or an empty one) is NoValue: its result is unknown.
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
	Num  float64 // the value of a Number, Bool (1/0) or Date (an Excel serial); never NaN or infinite
	// Percent is set for a Number shown as a percentage (0.54 shown as 54%).
	Percent bool
	// TextFormat is set for a cell formatted as Text (@).
	TextFormat bool
	// Formula is set when the value is the cached result of a formula.
	Formula bool
	// Struck is set when the cell's text is struck through: its font has strike-through, or its
	// text is rich text whose every run is struck through. People strike out a row they mean to
	// discard, such as an interviewee who withdrew.
	Struck bool
}

// Row is one row that holds at least one cell. Cells are in column order.
type Row struct {
	Num    int // 1-based
	Hidden bool
	Cells  []Cell
}

// Range is a rectangle of cells, 1-based and inclusive.
type Range struct{ Col1, Row1, Col2, Row2 int }

// ColRange is a run of columns, 1-based and inclusive.
type ColRange struct{ Min, Max int }

// SheetMeta is what a sheet says about itself beside its cells.
type SheetMeta struct {
	// HiddenCols are the hidden columns, as sorted, disjoint runs.
	HiddenCols []ColRange
	// Merges are the first KeptMerges merged ranges; MergeCount counts them all.
	Merges     []Range
	MergeCount int
}

// ColHidden reports whether column col is hidden.
func (m SheetMeta) ColHidden(col int) bool {
	i := sort.Search(len(m.HiddenCols), func(i int) bool { return m.HiddenCols[i].Max >= col })
	return i < len(m.HiddenCols) && m.HiddenCols[i].Min <= col
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

// ReadSheet streams the sheet's rows to fn in increasing order of row number, skipping rows
// without cells, whatever the order in which the file stores them. The Row and its Cells are
// reused: fn must copy what it keeps. An error from fn stops the read and is returned. Merged
// ranges and hidden columns are returned once the sheet is read.
func (b *Book) ReadSheet(s SheetInfo, fn func(*Row) error) (SheetMeta, error) {
	var meta SheetMeta
	sst, err := b.sharedStrings()
	if err != nil {
		return meta, err
	}
	if b.part(s.part) == nil {
		return meta, &Error{File: b.name, Reason: "is damaged: sheet " + strconv.Quote(s.Name) + " has no content",
			Hint: "open it in Excel or LibreOffice and save it again as .xlsx"}
	}
	r := &sheetReader{b: b, s: s, sst: sst, fn: fn, meta: &meta}
	ordered, err := b.rowsInOrder(s.part)
	if err == nil {
		if ordered {
			err = r.stream()
		} else {
			err = r.buffered()
		}
	}
	meta.HiddenCols = joinRanges(meta.HiddenCols)
	if err != nil {
		var le *LimitError
		var we *Error
		if r.userErr || errors.As(err, &le) || errors.As(err, &we) {
			return meta, err
		}
		return meta, b.damaged(fmt.Errorf("sheet %q: %w", s.Name, err))
	}
	return meta, nil
}

type sheetReader struct {
	b       *Book
	s       SheetInfo
	sst     *stringTable
	fn      func(*Row) error
	meta    *SheetMeta
	row     Row
	rows    int
	cols    int // <col> elements
	userErr bool
	text    []byte
	seen    []int
	// shared counts the bytes of the shared strings the cells read so far use, a string
	// counted each time a cell uses it (see sharedBudget).
	shared int64
}

// sharedBudget bounds the text a sheet's cells take from the shared string table, a string
// counted each time a cell uses it. A cell costs the reader, and whatever reads its value,
// time in proportion to its text; text written in the sheet is bounded by the size of its
// part, but a few bytes of XML can point to a shared string of 32,767 characters, so that a
// sheet of a few kilobytes could otherwise hand out gigabytes of text. A quarter of the part
// limit is far beyond what genuine workbooks use (200,000 rows of 50 codes of 10 characters
// take 100 MB).
func (l Limits) sharedBudget() int64 { return l.PartBytes / 4 }

// stream reads a sheet whose rows are stored in order, in one pass.
func (r *sheetReader) stream() error {
	xr, err := r.b.openXML(r.s.part)
	if err != nil {
		return err
	}
	defer xr.Close()
	t := newTokens(xr, r.s.part)
	last := 0
	for {
		tok, err := t.next()
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
		case "row":
			num, err := r.rowNumber(se, last)
			if err != nil {
				return err
			}
			if num <= last {
				return r.rowOrder(num, last)
			}
			last = num
			if err := r.readRow(t, se, num); err != nil {
				return err
			}
		default:
			if err := r.other(se); err != nil {
				return err
			}
		}
	}
}

func (r *sheetReader) rowOrder(num, last int) error {
	if num == last {
		return r.b.damagedf("sheet %q holds row %d twice", r.s.Name, num)
	}
	return r.b.damagedf("sheet %q stores row %d after row %d", r.s.Name, num, last)
}

type rowSpan struct{ num, start, end int }

// buffered reads a sheet whose rows are not stored in order: its text is held in memory, the
// rows are located, sorted by number, then read in that order.
func (r *sheetReader) buffered() error {
	xr, err := r.b.openXML(r.s.part)
	if err != nil {
		return err
	}
	// the part's size is known: reserve it once instead of doubling a buffer up to it
	var buf bytes.Buffer
	buf.Grow(int(min(r.b.part(r.s.part).UncompressedSize64, uint64(r.b.limits.PartBytes))) + 512)
	_, err = buf.ReadFrom(xr)
	xr.Close()
	if err != nil {
		return err
	}
	data := buf.Bytes()
	t := newTokens(bytes.NewReader(data), r.s.part)
	var spans []rowSpan
	prev := 0
	for {
		start := t.d.InputOffset()
		tok, err := t.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if se.Name.Local != "row" {
			if err := r.other(se); err != nil {
				return err
			}
			continue
		}
		num, err := r.rowNumber(se, prev)
		if err != nil {
			return err
		}
		prev = num
		if len(spans) >= MaxRow {
			return r.b.damagedf("sheet %q holds more rows than Excel allows (%d)", r.s.Name, MaxRow)
		}
		for d := t.depth(); t.depth() >= d; {
			if _, err := t.next(); err != nil {
				return err
			}
		}
		spans = append(spans, rowSpan{num, int(start), int(t.d.InputOffset())})
	}
	sort.SliceStable(spans, func(i, j int) bool { return spans[i].num < spans[j].num })
	for i := 1; i < len(spans); i++ {
		if spans[i].num == spans[i-1].num {
			return r.rowOrder(spans[i].num, spans[i].num)
		}
	}
	t = newTokens(&spanReader{data: data, spans: spans}, r.s.part)
	t.fragments = true
	for _, sp := range spans {
		for {
			tok, err := t.next()
			if err != nil {
				if err == io.EOF {
					err = &partError{part: r.s.part, reason: "changed while it was read"}
				}
				return err
			}
			if se, ok := tok.(xml.StartElement); ok {
				if err := r.readRow(t, se, sp.num); err != nil {
					return err
				}
				break
			}
		}
	}
	return nil
}

// spanReader reads the given spans of data one after the other.
type spanReader struct {
	data  []byte
	spans []rowSpan
	i     int
	off   int
}

func (s *spanReader) Read(p []byte) (int, error) {
	for s.i < len(s.spans) {
		sp := s.spans[s.i]
		if s.off < sp.start {
			s.off = sp.start
		}
		if s.off < sp.end {
			n := copy(p, s.data[s.off:sp.end])
			s.off += n
			return n, nil
		}
		s.i++
		s.off = 0
	}
	return 0, io.EOF
}

// other handles the elements of a sheet outside its rows: hidden columns and merged cells.
func (r *sheetReader) other(se xml.StartElement) error {
	switch se.Name.Local {
	case "col":
		if r.cols++; r.cols > MaxColumn {
			return r.b.damagedf("sheet %q describes more columns than Excel has (%d)", r.s.Name, MaxColumn)
		}
		if !boolValue(attr(se, "hidden")) {
			return nil
		}
		lo, err1 := strconv.Atoi(attr(se, "min"))
		hi, err2 := strconv.Atoi(attr(se, "max"))
		if err1 != nil || err2 != nil || lo < 1 || hi < lo || hi > MaxColumn {
			return r.b.damagedf("sheet %q hides the columns %q to %q, which do not exist", r.s.Name, printable(attr(se, "min")), printable(attr(se, "max")))
		}
		r.meta.HiddenCols = append(r.meta.HiddenCols, ColRange{lo, hi})
		if len(r.meta.HiddenCols) > 1024 { // keep the list short however the file repeats itself
			r.meta.HiddenCols = joinRanges(r.meta.HiddenCols)
		}
	case "mergeCell":
		m, ok := parseRange(attr(se, "ref"))
		if !ok {
			return r.b.damagedf("sheet %q merges the cells %q, which do not exist", r.s.Name, printable(attr(se, "ref")))
		}
		r.meta.MergeCount++
		if len(r.meta.Merges) < KeptMerges {
			r.meta.Merges = append(r.meta.Merges, m)
		}
	}
	return nil
}

// joinRanges sorts runs of columns and joins those that overlap or touch.
func joinRanges(rs []ColRange) []ColRange {
	if len(rs) < 2 {
		return rs
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i].Min < rs[j].Min })
	out := rs[:1]
	for _, c := range rs[1:] {
		last := &out[len(out)-1]
		if c.Min <= last.Max+1 {
			last.Max = max(last.Max, c.Max)
			continue
		}
		out = append(out, c)
	}
	return out
}

// rowNumber is the number of a row element: its r attribute, or the one after prev.
func (r *sheetReader) rowNumber(se xml.StartElement, prev int) (int, error) {
	v := attr(se, "r")
	n := prev + 1
	if v != "" {
		var err error
		n, err = strconv.Atoi(v)
		if err != nil || n < 1 {
			if len(v) > 0 && strings.Trim(v, "0123456789") == "" {
				n = MaxRow + 1 // too many digits for a number
			} else {
				return 0, r.b.damagedf("sheet %q has a row numbered %q", r.s.Name, printable(v))
			}
		}
	}
	if n > MaxRow {
		if v == "" {
			v = strconv.Itoa(n)
		}
		return 0, &Error{File: r.b.name, Reason: fmt.Sprintf("is damaged: sheet %q has a row numbered %s, beyond Excel's last row (%d)", r.s.Name, printable(v), MaxRow),
			Hint: "open it in Excel or LibreOffice and save it again as .xlsx, or export it again from the program that wrote it"}
	}
	return n, nil
}

func (r *sheetReader) readRow(t *tokens, se xml.StartElement, num int) error {
	h := attr(se, "hidden")
	r.row = Row{Num: num, Hidden: h == "1" || h == "true", Cells: r.row.Cells[:0]}
	depth := t.depth()
	col, inOrder := 0, true
	r.seen = r.seen[:0]
	for {
		tok, err := t.next()
		if err != nil {
			return err
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			if tk.Name.Local != "c" || t.depth() != depth+1 {
				continue
			}
			col++
			if ref := attr(tk, "r"); ref != "" {
				c, rr, ok := splitRef(ref)
				switch {
				case !ok:
					return r.b.damagedf("sheet %q, row %d: the cell reference %q is not valid (Excel's last cell is XFD1048576)", r.s.Name, num, printable(ref))
				case rr != num:
					return r.b.damagedf("sheet %q: the cell %s is stored in row %d", r.s.Name, printable(ref), num)
				}
				col = c
			}
			if col > MaxColumn {
				return r.b.damagedf("sheet %q, row %d: a cell lies beyond Excel's last column (XFD)", r.s.Name, num)
			}
			if col > r.b.limits.Columns || len(r.row.Cells) >= r.b.limits.Columns {
				return &LimitError{File: r.b.name, Sheet: r.s.Name, Key: "columns", What: "columns", Limit: int64(r.b.limits.Columns)}
			}
			if len(r.seen) > 0 && col <= r.seen[len(r.seen)-1] {
				inOrder = false
			}
			if len(r.seen) >= MaxColumn {
				return r.b.damagedf("sheet %q, row %d holds more cells than Excel has columns", r.s.Name, num)
			}
			r.seen = append(r.seen, col)
			cell, ok, err := r.readCell(t, tk, col, num)
			if err != nil {
				return err
			}
			if ok {
				r.row.Cells = append(r.row.Cells, cell)
			}
		case xml.EndElement:
			if t.depth() >= depth {
				continue
			}
			if !inOrder {
				sort.Ints(r.seen)
				for i := 1; i < len(r.seen); i++ {
					if r.seen[i] == r.seen[i-1] {
						return r.b.damagedf("sheet %q holds the cell %s twice", r.s.Name, diag.CellName(r.seen[i], num))
					}
				}
				sort.SliceStable(r.row.Cells, func(i, j int) bool { return r.row.Cells[i].Col < r.row.Cells[j].Col })
			}
			if len(r.row.Cells) == 0 {
				return nil
			}
			r.rows++
			if r.rows > r.b.limits.Rows {
				return &LimitError{File: r.b.name, Sheet: r.s.Name, Key: "rows", What: "rows", Limit: int64(r.b.limits.Rows)}
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
func (r *sheetReader) readCell(t *tokens, se xml.StartElement, col, row int) (Cell, bool, error) {
	in := cellInput{typ: attr(se, "t"), col: col, row: row}
	if s := attr(se, "s"); s != "" {
		if i, err := strconv.Atoi(s); err == nil && i >= 0 && i < len(r.b.styles) {
			in.style = r.b.styles[i]
		}
	}
	depth := t.depth()
	for {
		tok, err := t.next()
		if err != nil {
			return Cell{}, false, err
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			if t.depth() != depth+1 {
				continue
			}
			switch tk.Name.Local {
			case "v":
				s, err := r.readText(t, col, row)
				if err != nil {
					return Cell{}, false, err
				}
				in.v, in.hasV = s, true
			case "f":
				in.formula = true
			case "is":
				text, struck, err := readRich(t, r.text[:0], 4*r.b.limits.CellChars)
				r.text = text
				if err == errTooLong {
					return Cell{}, false, r.tooLong(col, row)
				}
				if err != nil {
					return Cell{}, false, err
				}
				in.is, in.hasIS, in.isStruck = string(text), true, struck
			}
		case xml.EndElement:
			if t.depth() < depth {
				return r.makeCell(in)
			}
		}
	}
}

type cellInput struct {
	typ                            string
	col, row                       int
	style                          style
	v, is                          string
	hasV, hasIS, isStruck, formula bool
}

func (r *sheetReader) tooLong(col, row int) error {
	return &LimitError{File: r.b.name, Sheet: r.s.Name, Cell: diag.CellName(col, row),
		Key: "cell_chars", What: "characters in one cell", Limit: int64(r.b.limits.CellChars)}
}

// cellError is a cell whose stored value no spreadsheet program would write.
func (r *sheetReader) cellError(in cellInput, format string, args ...any) error {
	return &Error{File: r.b.name, Reason: fmt.Sprintf("%s!%s: ", r.s.Name, diag.CellName(in.col, in.row)) + fmt.Sprintf(format, args...),
		Hint: "type the value again in Excel or LibreOffice and save the file, or correct the program that wrote it"}
}

func (r *sheetReader) makeCell(in cellInput) (Cell, bool, error) {
	c := Cell{Col: in.col, Formula: in.formula, TextFormat: in.style.kind == numText, Struck: in.style.struck}
	// an empty saved value is no value (openpyxl writes <v></v> for formulas it did not
	// calculate), except for a string result: Excel saves a formula giving "" that way
	if in.hasV && in.typ != "str" && strings.TrimSpace(in.v) == "" {
		in.hasV = false
	}
	counted := false // the characters were counted already (a shared string)
	switch {
	case in.typ == "inlineStr":
		if !in.hasIS {
			if in.formula {
				c.Kind = NoValue
				return c, true, nil
			}
			return c, false, nil
		}
		c.Kind, c.Text = String, in.is
		c.Struck = c.Struck || in.isStruck
	case !in.hasV:
		if in.formula {
			c.Kind = NoValue
			return c, true, nil
		}
		return c, false, nil
	case in.typ == "s":
		i, err := strconv.Atoi(strings.TrimSpace(in.v))
		if err != nil || i < 0 || i >= r.sst.len() {
			return c, false, r.b.damagedf("cell %s points to a shared string that does not exist", diag.CellName(in.col, in.row))
		}
		c.Kind, c.Text = String, r.sst.items[i]
		c.Struck = c.Struck || r.sst.isStruck(i)
		if r.sst.isLong(i) {
			return c, false, r.tooLong(in.col, in.row)
		}
		if r.shared += int64(len(c.Text)); r.shared > r.b.limits.sharedBudget() {
			return c, false, &LimitError{File: r.b.name, Sheet: r.s.Name, Cell: diag.CellName(in.col, in.row), Key: "part_mb",
				What: "bytes of text taken by the cells of this sheet from the shared strings (a string counted each time a cell uses it)", Limit: r.b.limits.sharedBudget()}
		}
		counted = true
	case in.typ == "str":
		c.Kind, c.Text = String, unescapeXString(in.v)
	case in.typ == "b":
		switch strings.ToLower(strings.TrimSpace(in.v)) {
		case "1", "true":
			c.Kind, c.Text, c.Num = Bool, "TRUE", 1
		case "0", "false":
			c.Kind, c.Text = Bool, "FALSE"
		default:
			return c, false, r.cellError(in, "the cell is stored as TRUE/FALSE but holds %q", printable(in.v))
		}
	case in.typ == "e":
		c.Kind, c.Text = ErrorValue, strings.TrimSpace(in.v)
	case in.typ == "d":
		c.Kind, c.Text = Date, strings.TrimSpace(in.v)
	case in.typ == "" || in.typ == "n":
		f, err := parseNumber(in.v)
		if err != nil {
			return c, false, r.cellError(in, "%v", err)
		}
		c.Kind, c.Text, c.Num = Number, in.v, f
		switch in.style.kind {
		case numDate:
			c.Kind = Date
			c.Text = ""
		case numPercent:
			c.Percent = true
		}
	default:
		return c, false, r.b.damagedf("cell %s has the unknown type %q", diag.CellName(in.col, in.row), printable(in.typ))
	}
	if c.Kind == String && c.Text == "" && !in.formula {
		return c, false, nil
	}
	if !counted && utf8.RuneCountInString(c.Text) > r.b.limits.CellChars {
		return c, false, r.tooLong(in.col, in.row)
	}
	return c, true, nil
}

// parseNumber reads a number as spreadsheet files store it (an xsd:double in decimal or
// scientific notation). NaN, infinities, hexadecimal and numbers too large for a float are
// refused: no spreadsheet cell holds them.
func parseNumber(v string) (float64, error) {
	s := strings.TrimSpace(v)
	digits, i := 0, 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		digits++
	}
	if i < len(s) && s[i] == '.' {
		for i++; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
			digits++
		}
	}
	if digits > 0 && i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		k := j
		for ; k < len(s) && s[k] >= '0' && s[k] <= '9'; k++ {
		}
		if k > j {
			i = k
		}
	}
	if digits == 0 || i != len(s) {
		l := strings.ToLower(strings.TrimLeft(s, "+-"))
		if l == "nan" || l == "inf" || l == "infinity" {
			return 0, fmt.Errorf("the cell holds %s, which is not a number a spreadsheet cell can hold", printable(s))
		}
		return 0, fmt.Errorf("the cell is stored as a number but holds %q", printable(s))
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(f, 0) {
		return 0, fmt.Errorf("the cell holds the number %s, too large for a spreadsheet cell", printable(s))
	}
	return f, nil
}

// readText collects the character data of the element just opened, up to its end.
func (r *sheetReader) readText(t *tokens, col, row int) (string, error) {
	r.text = r.text[:0]
	depth := t.depth()
	for {
		tok, err := t.next()
		if err != nil {
			return "", err
		}
		switch tk := tok.(type) {
		case xml.CharData:
			if len(r.text)+len(tk) > 4*r.b.limits.CellChars {
				return "", r.tooLong(col, row)
			}
			r.text = append(r.text, tk...)
		case xml.EndElement:
			if t.depth() < depth {
				return string(r.text), nil
			}
		}
	}
}

// splitRef parses a cell reference such as "B12" strictly: one to three letters, then a row
// number, within Excel's bounds.
func splitRef(ref string) (col, row int, ok bool) {
	i := 0
	for ; i < len(ref) && i < 4; i++ {
		c := ref[i] | 0x20 // lower case
		if c < 'a' || c > 'z' {
			break
		}
		col = col*26 + int(c-'a'+1)
	}
	if i == 0 || i > 3 || col > MaxColumn {
		return 0, 0, false
	}
	digits := ref[i:]
	if len(digits) == 0 || len(digits) > 7 || digits[0] == '0' {
		return 0, 0, false
	}
	for j := 0; j < len(digits); j++ {
		if digits[j] < '0' || digits[j] > '9' {
			return 0, 0, false
		}
		row = row*10 + int(digits[j]-'0')
	}
	if row > MaxRow {
		return 0, 0, false
	}
	return col, row, true
}

func parseRange(ref string) (Range, bool) {
	a, b, ok := strings.Cut(ref, ":")
	if !ok {
		b = a
	}
	c1, r1, ok1 := splitRef(a)
	c2, r2, ok2 := splitRef(b)
	if !ok1 || !ok2 {
		return Range{}, false
	}
	return Range{Col1: min(c1, c2), Row1: min(r1, r2), Col2: max(c1, c2), Row2: max(r1, r2)}, true
}

func boolValue(v string) bool { return v == "1" || v == "true" }
