// Package annex writes every table of a report into one styled Excel workbook.
package annex

import (
	"fmt"
	"io"
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/shadowreport/shadowreport/internal/doc"
)

// Write writes the tables of d, one sheet each in the order they appear, after an "about"
// sheet. Every worded cell is written as text, so nothing a label holds can become a
// formula; a table's Numbers follow its worded columns as numbers with a number format.
// Each sheet prints landscape on A4, fitted to the width, its header rows repeated on every
// page. The file holds no user, machine or time of writing beyond created.
func Write(w io.Writer, d *doc.Document, created time.Time) (err error) {
	f := excelize.NewFile()
	defer f.Close()
	styles, err := newStyles(f)
	if err != nil {
		return err
	}
	about := "about"
	if err := f.SetSheetName("Sheet1", about); err != nil {
		return err
	}
	lines := []string{d.Meta.Title, "Annex: the tables of the report, as printed.", ""}
	for _, b := range d.Blocks {
		if t, ok := b.(*doc.Table); ok && len(t.Numbers) > 0 {
			lines[1] += " The columns after the worded ones hold the same figures as numbers, to sort and chart: " +
				"shares and differences as percentages, p-values to three decimals. An empty cell is a figure withheld or not computed."
			break
		}
	}
	if d.Meta.Organisation != "" {
		lines = append(lines[:1], append([]string{d.Meta.Organisation}, lines[1:]...)...)
	}
	if d.Meta.Confidential {
		lines = append([]string{doc.ConfidentialLong}, lines...)
	}
	if d.Meta.Synthetic {
		lines = append(lines, "Built from SYNTHETIC sample data — not real testimony.")
	}
	if d.Meta.Confidential {
		lines = append(lines, "CONFIDENTIAL — for the Committee only. Not for publication.")
	}
	for i, l := range lines {
		if err := f.SetCellStr(about, fmt.Sprintf("A%d", i+1), l); err != nil {
			return err
		}
	}
	f.SetColWidth(about, "A", "A", 90)
	f.SetCellStyle(about, "A1", "A1", styles.title)
	if err := printSetup(f, about, 0, false, d.Meta.Confidential); err != nil {
		return err
	}
	used := map[string]bool{about: true}
	for _, b := range d.Blocks {
		t, ok := b.(*doc.Table)
		if !ok {
			continue
		}
		name := sheetName(t, used)
		if _, err := f.NewSheet(name); err != nil {
			return err
		}
		if err := writeTable(f, name, t, styles, d.Meta.Confidential); err != nil {
			return fmt.Errorf("annex sheet %s: %w", name, err)
		}
	}
	f.SetActiveSheet(0)
	if err := f.SetDocProps(&excelize.DocProperties{
		Title:    d.Meta.Title,
		Creator:  "shadowreport",
		Created:  created.UTC().Format(time.RFC3339),
		Modified: created.UTC().Format(time.RFC3339),
		Language: d.Meta.Language,
	}); err != nil {
		return err
	}
	if err := f.SetAppProps(&excelize.AppProperties{Application: "shadowreport"}); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

type styleSet struct {
	f                                                *excelize.File
	title, caption, header, text, number, bold, note int
	numbers                                          map[numberKey]int
}

type numberKey struct {
	format doc.NumberFormat
	bold   bool
}

// numFmt is the Excel number format of each doc.NumberFormat.
var numFmt = map[doc.NumberFormat]string{
	doc.NumGeneral:       "General",
	doc.NumInteger:       "0",
	doc.NumPercent:       "0.0%",
	doc.NumSignedPercent: "+0.0%;-0.0%;0.0%",
	doc.NumDecimal3:      "0.000",
}

func newStyles(f *excelize.File) (styleSet, error) {
	s := styleSet{f: f, numbers: map[numberKey]int{}}
	var err error
	mk := func(st *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(st)
		return id
	}
	border := []excelize.Border{{Type: "bottom", Color: "999999", Style: 1}}
	s.title = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 13}})
	s.caption = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 11}})
	s.header = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "FFFFFF"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"44546A"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}, Border: border})
	s.text = mk(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	s.number = mk(&excelize.Style{Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "top", WrapText: true}})
	s.bold = mk(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	s.note = mk(&excelize.Style{Font: &excelize.Font{Italic: true, Size: 9, Color: "555555"}, Alignment: &excelize.Alignment{WrapText: false}})
	return s, err
}

// numberStyle returns the style of a figure in format (bold in an emphasised row).
func (s styleSet) numberStyle(format doc.NumberFormat, bold bool) (int, error) {
	k := numberKey{format, bold}
	if id, ok := s.numbers[k]; ok {
		return id, nil
	}
	code, ok := numFmt[format]
	if !ok {
		code = numFmt[doc.NumGeneral]
	}
	st := &excelize.Style{CustomNumFmt: &code, Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "top"}}
	if bold {
		st.Font = &excelize.Font{Bold: true}
	}
	id, err := s.f.NewStyle(st)
	if err != nil {
		return 0, err
	}
	s.numbers[k] = id
	return id, nil
}

// value returns the i-th value of a number column, false when the cell stays empty.
func value(nc doc.NumberColumn, i int) (float64, bool) {
	if i >= len(nc.Values) || nc.Values[i] == nil {
		return 0, false
	}
	v := *nc.Values[i]
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false
	}
	return v, true
}

func writeTable(f *excelize.File, sheet string, t *doc.Table, st styleSet, confidential bool) error {
	cellName := func(col, row int) string {
		cell, _ := excelize.CoordinatesToCellName(col, row)
		return cell
	}
	set := func(col, row int, v string, style int) error {
		cell := cellName(col, row)
		if err := f.SetCellStr(sheet, cell, v); err != nil {
			return err
		}
		return f.SetCellStyle(sheet, cell, cell, style)
	}
	top := 1 // the caption's row; a confidential annex says so first on every sheet
	if confidential {
		if err := set(1, 1, doc.ConfidentialLong, st.bold); err != nil {
			return err
		}
		top = 2
	}
	if err := set(1, top, t.Caption, st.caption); err != nil {
		return err
	}
	headerRow := top + 1
	words := len(t.Header) // the worded columns; the numbers follow
	for _, row := range t.Rows {
		words = max(words, len(row))
	}
	ncol := words + len(t.Numbers)
	widths := make([]int, ncol)
	for c, h := range t.Header {
		if err := set(c+1, headerRow, h, st.header); err != nil {
			return err
		}
		widths[c] = utf8.RuneCountInString(h)
	}
	for i, nc := range t.Numbers {
		if err := set(words+i+1, headerRow, nc.Header, st.header); err != nil {
			return err
		}
		widths[words+i] = max(10, utf8.RuneCountInString(nc.Header))
	}
	for r, row := range t.Rows {
		bold := r < len(t.Emphasis) && t.Emphasis[r]
		for c, v := range row {
			style := st.text
			if c < len(t.Align) && t.Align[c] == doc.Right {
				style = st.number
			}
			if bold {
				style = st.bold
			}
			if err := set(c+1, r+headerRow+1, v, style); err != nil {
				return err
			}
			widths[c] = max(widths[c], utf8.RuneCountInString(v))
		}
		for i, nc := range t.Numbers {
			v, ok := value(nc, r)
			if !ok {
				continue
			}
			style, err := st.numberStyle(nc.Format, bold)
			if err != nil {
				return err
			}
			cell := cellName(words+i+1, r+headerRow+1)
			if err := f.SetCellFloat(sheet, cell, v, -1, 64); err != nil {
				return err
			}
			if err := f.SetCellStyle(sheet, cell, cell, style); err != nil {
				return err
			}
		}
	}
	for i, n := range t.Notes {
		if err := set(1, len(t.Rows)+headerRow+2+i, n, st.note); err != nil {
			return err
		}
	}
	for c, w := range widths {
		col, _ := excelize.ColumnNumberToName(c + 1)
		f.SetColWidth(sheet, col, col, float64(min(max(w, 8), 60))+2)
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: headerRow, TopLeftCell: fmt.Sprintf("A%d", headerRow+1), ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if ncol > 0 && len(t.Rows) > 0 {
		if err := f.AutoFilter(sheet, fmt.Sprintf("A%d:%s", headerRow, cellName(ncol, len(t.Rows)+headerRow)), nil); err != nil {
			return err
		}
	}
	return printSetup(f, sheet, headerRow, true, confidential)
}

// printSetup prints a sheet on A4 fitted to the page's width (landscape for a table, whose
// rows down to headerRow — the confidential line, the caption and the header — repeat at
// the top of every printed page), with the sheet's name and "page N of M" in the footer and
// the confidential mark in the header.
func printSetup(f *excelize.File, sheet string, headerRow int, landscape, confidential bool) error {
	a4, wide, tall := 9, 1, 0
	orientation := "portrait"
	if landscape {
		orientation = "landscape"
	}
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &a4, Orientation: &orientation, FitToWidth: &wide, FitToHeight: &tall}); err != nil {
		return err
	}
	fit := true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	hf := &excelize.HeaderFooterOptions{OddFooter: "&L&A&Rpage &P of &N"}
	if confidential {
		hf.OddHeader = "&C" + strings.ReplaceAll(doc.ConfidentialShort, "&", "&&")
	}
	if err := f.SetHeaderFooter(sheet, hf); err != nil {
		return err
	}
	if headerRow < 1 {
		return nil
	}
	return f.SetDefinedName(&excelize.DefinedName{
		Name:     "_xlnm.Print_Titles",
		RefersTo: fmt.Sprintf("'%s'!$1:$%d", sheet, headerRow),
		Scope:    sheet,
	})
}

// sheetName derives a unique sheet name (at most 31 characters, none of []:*?/\) from the table.
func sheetName(t *doc.Table, used map[string]bool) string {
	base := t.ID
	if base == "" {
		base = "table"
	}
	base = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\'`, r) {
			return '-'
		}
		return r
	}, base)
	if utf8.RuneCountInString(base) > 28 {
		base = string([]rune(base)[:28])
	}
	name := base
	for i := 2; used[strings.ToLower(name)]; i++ {
		name = fmt.Sprintf("%s-%d", base, i)
	}
	used[strings.ToLower(name)] = true
	return name
}
