// Package annex writes every table of a report into one styled Excel workbook.
package annex

import (
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"github.com/shadowreport/shadowreport/internal/doc"
	"github.com/shadowreport/shadowreport/internal/sheet"
)

// The looks of the annex.
var (
	title   = sheet.Style{Bold: true, Size: 13}
	caption = sheet.Style{Bold: true, Size: 11}
	header  = sheet.Style{Bold: true, Color: "FFFFFF", Fill: "44546A", Line: "999999", Wrap: true, VAlign: "center"}
	text    = sheet.Style{Wrap: true, VAlign: "top"}
	figure  = sheet.Style{Wrap: true, Align: "right", VAlign: "top"} // a worded figure, aligned as printed
	bold    = sheet.Style{Bold: true, Wrap: true, VAlign: "top"}
	note    = sheet.Style{Italic: true, Size: 9, Color: "555555"}
)

// numberStyle is the look of a figure v of format, bold in an emphasised row. A percentage
// shows one decimal, or as many more (up to four) as it takes for a share that is not 0 or 1
// and a difference that is not 0 never to show as 0.0% or 100.0%: a tiny share is not none. A
// figure published rounded to whole percent shows no decimal, which it does not have. A p-value
// shows three decimals, or two significant digits below 0.001 (0.00067, not 0.001).
func numberStyle(format doc.NumberFormat, emphasis bool, v float64) sheet.Style {
	st := map[doc.NumberFormat]sheet.Style{
		doc.NumInteger:            sheet.Integer,
		doc.NumPercent:            {Format: "0.0%"},
		doc.NumSignedPercent:      sheet.SignedPercent,
		doc.NumDecimal3:           sheet.PValue,
		doc.NumWholePercent:       {Format: "0%"},
		doc.NumSignedWholePercent: {Format: "+0%;-0%;0%"},
	}[format] // NumGeneral and any other: General
	if format == doc.NumDecimal3 && v > 0 && v < 0.001 {
		st.Format = "0." + strings.Repeat("0", min(pPlaces(v), 12))
	}
	if format == doc.NumPercent || format == doc.NumSignedPercent {
		places := percentPlaces(v, format == doc.NumPercent)
		digits := "0." + strings.Repeat("0", places)
		if format == doc.NumPercent {
			st.Format = digits + "%"
		} else {
			st.Format = "+" + digits + "%;-" + digits + "%;" + digits + "%"
		}
	}
	st.Align, st.VAlign, st.Bold = "right", "top", emphasis
	return st
}

// pPlaces is the decimals that show two significant digits of a p-value v below 0.001:
// 5 for 0.00067, 6 for 0.000012.
func pPlaces(v float64) int {
	return int(math.Ceil(-math.Log10(v))) + 1
}

// percentPlaces is the decimals (1 to 4) a percentage of v needs not to show as 0, nor as 100
// when share is set and v is a share below 1.
func percentPlaces(v float64, share bool) int {
	places := 1
	for ; places < 4; places++ {
		scale := math.Pow(10, float64(places))
		shown := math.Round(math.Abs(v)*100*scale) / scale
		if (v == 0 || shown != 0) && (!share || math.Abs(v) >= 1 || shown != 100) {
			break
		}
	}
	return places
}

// Write writes the tables of d, one sheet each in the order they appear, after an "about"
// sheet. Every worded cell is written as text, so nothing a label holds can become a
// formula; a table's Numbers follow its worded columns as numbers with a number format.
// Each sheet prints landscape on A4, fitted to the width, its header rows repeated on every
// page. The file holds no user, machine or time of writing beyond created.
func Write(w io.Writer, d *doc.Document, created time.Time) error {
	b := sheet.New()
	defer b.Close()
	mark := ""
	if d.Meta.Confidential {
		mark = doc.ConfidentialShort
	}
	about := b.Add("about")
	about.Columns(sheet.Column{Width: 90})
	for i, l := range aboutLines(d) {
		c := sheet.Text(l)
		if i == 0 {
			c = c.In(title)
		}
		about.Line(c)
	}
	about.SetPrint(sheet.Print{Mark: mark})
	for _, blk := range d.Blocks {
		if t, ok := blk.(*doc.Table); ok {
			s := b.Add(b.Name(t.ID, "table"))
			writeTable(s, t, d.Meta.Confidential)
			s.SetPrint(sheet.Print{Landscape: true, Mark: mark})
		}
	}
	b.Props(sheet.Props{Title: d.Meta.Title, Creator: "shadowreport", Language: d.Meta.Language, Created: created})
	if err := b.Write(w); err != nil {
		return fmt.Errorf("annex: %w", err)
	}
	return nil
}

// aboutLines are the lines of the about sheet: the title first.
func aboutLines(d *doc.Document) []string {
	lines := []string{d.Meta.Title, "Annex: the tables of the report, as printed.", ""}
	for _, b := range d.Blocks {
		if t, ok := b.(*doc.Table); ok && len(t.Numbers) > 0 {
			lines[1] += " The columns after the worded ones hold the same figures as numbers, to sort and chart: " +
				"shares and differences as percentages (the standardised ones in whole percent, as published), p-values to three decimals (two significant digits below 0.001). An empty cell is a figure withheld or not computed."
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
	return lines
}

// writeTable writes a table: the confidential line first when confidential, the caption, the
// header (frozen, filtered and repeated on every printed page), the rows, a blank row and the
// notes. The worded columns are measured; the number columns follow them.
func writeTable(s *sheet.Sheet, t *doc.Table, confidential bool) {
	if confidential {
		s.Line(sheet.Text(doc.ConfidentialLong).In(bold))
	}
	s.Line(sheet.Text(t.Caption).In(caption))
	words := len(t.Header) // the worded columns; the numbers follow
	for _, row := range t.Rows {
		words = max(words, len(row))
	}
	names := make([]string, words, words+len(t.Numbers))
	copy(names, t.Header)
	for _, nc := range t.Numbers {
		names = append(names, nc.Header)
	}
	s.Header(header, names...)
	for r, row := range t.Rows {
		emphasis := r < len(t.Emphasis) && t.Emphasis[r]
		cells := make([]sheet.Cell, words, words+len(t.Numbers))
		for c, v := range row {
			st := text
			switch {
			case emphasis:
				st = bold
			case c < len(t.Align) && t.Align[c] == doc.Right:
				st = figure
			}
			cells[c] = sheet.Text(v).In(st)
		}
		for _, nc := range t.Numbers {
			var c sheet.Cell // empty: a figure withheld or not computed
			if r < len(nc.Values) && nc.Values[r] != nil {
				c = sheet.Num(*nc.Values[r]).In(numberStyle(nc.Format, emphasis, *nc.Values[r]))
			}
			cells = append(cells, c)
		}
		s.Row(cells...)
	}
	if len(t.Rows) > 0 {
		s.Filter()
	}
	s.Skip(1)
	for _, n := range t.Notes {
		s.Line(sheet.Text(n).In(note))
	}
}
