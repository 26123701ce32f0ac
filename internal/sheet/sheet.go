package sheet

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Sheet is a sheet being written, top to bottom: lines above (a title, a caption), a header
// row, rows of cells, lines below (notes). Rows are numbered from 1.
type Sheet struct {
	b          *Book
	name       string
	row        int // the last row written
	ncol       int // the most cells of a row
	head       int // the header row; 0: none
	last       int // the last row of the table (header and rows)
	cols       []Column
	widths     []int // measured from the header and rows
	freezeCols int
	filter     bool
	print      *Print
}

// Column is how a column looks.
type Column struct {
	Width float64 // in characters; 0: measured from the header and rows, MinWidth to MaxWidth, plus 2
	Style Style   // of the column's cells that have no style of their own
	// Whole gives Style to the whole column, also to the cells a person fills in later: a
	// TextFormat column keeps "1-5" as typed instead of turning it into a date.
	Whole bool
}

// Print is how a sheet prints: on A4, fitted to the page's width, the sheet's name and
// "page N of M" in the footer and, when there is a header, the rows down to it repeated at
// the top of every page.
type Print struct {
	Landscape bool
	Mark      string // printed at the top of every page (a confidentiality mark)
}

// Name is the sheet's name.
func (s *Sheet) Name() string { return s.name }

// Columns sets how the columns look, from the first; the others are measured. Call it
// before writing the rows.
func (s *Sheet) Columns(cols ...Column) {
	s.cols = cols
	for i, c := range cols {
		if !c.Whole || c.Style == (Style{}) || s.b.err != nil {
			continue
		}
		name, _ := excelize.ColumnNumberToName(i + 1)
		s.fail(s.b.f.SetColStyle(s.name, name, s.b.style(c.Style)))
	}
}

// Line writes a row of one cell in column A that the column widths leave out: a title, a
// caption, a banner, a note.
func (s *Sheet) Line(c Cell) { s.write(false, c) }

// Header writes the header row in st. The panes are frozen below it (with the rows above it),
// the filter and the print titles end at it.
func (s *Sheet) Header(st Style, names ...string) {
	if s.head != 0 {
		s.fail(fmt.Errorf("a second header row at row %d", s.row+1))
		return
	}
	cells := Texts(names...)
	for i := range cells {
		cells[i] = cells[i].In(st)
	}
	s.write(true, cells...)
	s.head, s.last = s.row, s.row
}

// Row writes the next row of the table.
func (s *Sheet) Row(cells ...Cell) {
	s.write(true, cells...)
	s.last = s.row
}

// Skip leaves n rows empty.
func (s *Sheet) Skip(n int) { s.row += max(n, 0) }

// Filter puts a filter on the header, over the rows of the table.
func (s *Sheet) Filter() { s.filter = true }

// FreezeColumns keeps the first n columns in view when scrolling right.
func (s *Sheet) FreezeColumns(n int) { s.freezeCols = n }

// SetPrint sets how the sheet prints.
func (s *Sheet) SetPrint(p Print) { s.print = &p }

func (s *Sheet) fail(err error) {
	if err != nil {
		s.b.fail(fmt.Errorf("sheet %s: %w", s.name, err))
	}
}

// write writes cells as the next row; measure counts them in the column widths.
func (s *Sheet) write(measure bool, cells ...Cell) {
	s.row++
	if s.b.err != nil {
		return
	}
	if s.row > excelize.TotalRows {
		s.fail(fmt.Errorf("more than the %d rows a sheet of Excel holds", excelize.TotalRows))
		return
	}
	if len(cells) > excelize.MaxColumns {
		s.fail(fmt.Errorf("row %d: more than the %d columns a sheet of Excel holds", s.row, excelize.MaxColumns))
		return
	}
	s.ncol = max(s.ncol, len(cells))
	for i, c := range cells {
		s.put(i+1, s.row, c)
		if measure {
			for len(s.widths) <= i {
				s.widths = append(s.widths, 0)
			}
			s.widths[i] = max(s.widths[i], c.width())
		}
	}
}

// put writes c at col, row; text is always a string cell, never a formula.
func (s *Sheet) put(col, row int, c Cell) {
	f := s.b.f
	ref, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		s.fail(err)
		return
	}
	switch c.kind {
	case text:
		err = f.SetCellStr(s.name, ref, Clip(c.s))
	case number:
		err = f.SetCellFloat(s.name, ref, c.x, -1, 64)
	case integer:
		err = f.SetCellInt(s.name, ref, c.n)
	case boolean:
		err = f.SetCellBool(s.name, ref, c.n == 1)
	case date:
		err = f.SetCellValue(s.name, ref, c.t)
	case formula:
		err = f.SetCellFormula(s.name, ref, c.s)
	}
	if err != nil {
		s.fail(fmt.Errorf("%s: %w", ref, err))
		return
	}
	st := c.style
	if !c.styled && col <= len(s.cols) {
		st = s.cols[col-1].Style
	}
	if c.kind == empty && !c.styled {
		return
	}
	if id := s.b.style(st); id != 0 {
		s.fail(f.SetCellStyle(s.name, ref, ref, id))
	}
}

// finish sets the widths, the frozen panes, the filter, the used range and the print setup.
func (s *Sheet) finish() {
	if s.b.err != nil {
		return
	}
	f := s.b.f
	n := max(len(s.cols), len(s.widths))
	widths := make([]float64, n)
	for i := range n {
		if i < len(s.cols) {
			widths[i] = s.cols[i].Width
		}
		if widths[i] == 0 {
			w := 0
			if i < len(s.widths) {
				w = s.widths[i]
			}
			widths[i] = float64(min(max(w, MinWidth), MaxWidth) + 2)
		}
	}
	// a run of columns of one width at once (excelize writes them as one range either way)
	for i := 0; i < n; {
		j := i
		for j+1 < n && widths[j+1] == widths[i] {
			j++
		}
		from, _ := excelize.ColumnNumberToName(i + 1)
		to, _ := excelize.ColumnNumberToName(j + 1)
		s.fail(f.SetColWidth(s.name, from, to, widths[i]))
		i = j + 1
	}
	if s.head > 0 || s.freezeCols > 0 {
		topLeft := cell(s.freezeCols+1, s.head+1)
		pane := "bottomLeft"
		switch {
		case s.head > 0 && s.freezeCols > 0:
			pane = "bottomRight"
		case s.head == 0:
			pane = "topRight"
		}
		s.fail(f.SetPanes(s.name, &excelize.Panes{Freeze: true, XSplit: s.freezeCols, YSplit: s.head, TopLeftCell: topLeft, ActivePane: pane,
			Selection: []excelize.Selection{{SQRef: topLeft, ActiveCell: topLeft, Pane: pane}}}))
	}
	if s.filter && s.head > 0 && s.ncol > 0 {
		s.fail(f.AutoFilter(s.name, cell(1, s.head)+":"+cell(s.ncol, s.last), nil))
	}
	s.fail(f.SetSheetDimension(s.name, "A1:"+cell(max(s.ncol, 1), max(s.row, 1))))
	if s.print != nil {
		s.printSetup()
	}
}

func (s *Sheet) printSetup() {
	f := s.b.f
	a4, wide, tall := 9, 1, 0
	orientation := "portrait"
	if s.print.Landscape {
		orientation = "landscape"
	}
	s.fail(f.SetPageLayout(s.name, &excelize.PageLayoutOptions{Size: &a4, Orientation: &orientation, FitToWidth: &wide, FitToHeight: &tall}))
	fit := true
	s.fail(f.SetSheetProps(s.name, &excelize.SheetPropsOptions{FitToPage: &fit}))
	hf := &excelize.HeaderFooterOptions{OddFooter: "&L&A&Rpage &P of &N"}
	if s.print.Mark != "" {
		hf.OddHeader = "&C" + strings.ReplaceAll(s.print.Mark, "&", "&&")
	}
	s.fail(f.SetHeaderFooter(s.name, hf))
	if s.head > 0 {
		s.fail(f.SetDefinedName(&excelize.DefinedName{
			Name:     "_xlnm.Print_Titles",
			RefersTo: "'" + strings.ReplaceAll(s.name, "'", "''") + "'!$1:$" + strconv.Itoa(s.head),
			Scope:    s.name,
		}))
	}
}

func cell(col, row int) string {
	ref, _ := excelize.CoordinatesToCellName(col, row)
	return ref
}
