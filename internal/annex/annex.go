// Package annex writes every table of a report into one styled Excel workbook.
package annex

import (
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/shadowreport/shadowreport/internal/doc"
)

// Write writes the tables of d, one sheet each in the order they appear, after an "about"
// sheet. Every cell is written as text, so nothing a label holds can become a formula; the
// file holds no user, machine or time of writing beyond created.
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

type styleSet struct{ title, caption, header, text, number, bold, note int }

func newStyles(f *excelize.File) (styleSet, error) {
	var s styleSet
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

func writeTable(f *excelize.File, sheet string, t *doc.Table, st styleSet, confidential bool) error {
	set := func(col, row int, v string, style int) error {
		cell, err := excelize.CoordinatesToCellName(col, row)
		if err != nil {
			return err
		}
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
	for c, h := range t.Header {
		if err := set(c+1, top+1, h, st.header); err != nil {
			return err
		}
	}
	widths := make([]int, len(t.Header))
	for c, h := range t.Header {
		widths[c] = utf8.RuneCountInString(h)
	}
	for r, row := range t.Rows {
		for c, v := range row {
			style := st.text
			if c < len(t.Align) && t.Align[c] == doc.Right {
				style = st.number
			}
			if r < len(t.Emphasis) && t.Emphasis[r] {
				style = st.bold
			}
			if err := set(c+1, r+top+2, v, style); err != nil {
				return err
			}
			if c < len(widths) {
				widths[c] = max(widths[c], utf8.RuneCountInString(v))
			}
		}
	}
	for i, n := range t.Notes {
		if err := set(1, len(t.Rows)+top+3+i, n, st.note); err != nil {
			return err
		}
	}
	for c, w := range widths {
		col, _ := excelize.ColumnNumberToName(c + 1)
		f.SetColWidth(sheet, col, col, float64(min(max(w, 8), 60))+2)
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: top + 1, TopLeftCell: fmt.Sprintf("A%d", top+2), ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if len(t.Header) > 0 && len(t.Rows) > 0 {
		last, _ := excelize.CoordinatesToCellName(len(t.Header), len(t.Rows)+top+1)
		if err := f.AutoFilter(sheet, fmt.Sprintf("A%d:%s", top+1, last), nil); err != nil {
			return err
		}
	}
	return nil
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
