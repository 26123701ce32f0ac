package importer

import (
	"fmt"
	"io"
	"time"

	"github.com/xuri/excelize/v2"
)

// Provenance is what the provenance sheet records beside the Result.
type Provenance struct {
	Wave       string
	Date       time.Time
	DateSource string // where Date came from: "SOURCE_DATE_EPOCH", "the newest input file"
	Version    string // of shadowreport
}

// Write writes the wave workbook: the sheet interviews (id, consent — aggregate for everyone —
// and one column per code), quotes when text was imported (never reviewed), and provenance.
// The bytes depend on the result and the provenance alone.
func Write(w io.Writer, res *Result, p Provenance) (err error) {
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", "interviews"); err != nil {
		return err
	}
	wv := res.Wave
	header := []string{"id", "consent"}
	for _, c := range wv.Codes {
		header = append(header, c.Name)
	}
	rows := [][]any{}
	for i, id := range wv.IDs {
		row := []any{id, "aggregate"}
		for j := range wv.Codes {
			v := wv.Cells[j][i]
			switch {
			case v.IsNum:
				row = append(row, v.Num)
			case v.Text != "":
				row = append(row, v.Text)
			default:
				row = append(row, nil)
			}
		}
		rows = append(rows, row)
	}
	if err := writeTable(f, "interviews", header, rows, bold); err != nil {
		return err
	}
	if res.Text {
		if _, err := f.NewSheet("quotes"); err != nil {
			return err
		}
		var qrows [][]any
		for _, q := range wv.Quotes {
			qrows = append(qrows, []any{q.ID, q.Code, q.Text, "no"})
		}
		if err := writeTable(f, "quotes", []string{"id", "code", "text", "reviewed"}, qrows, bold); err != nil {
			return err
		}
		if err := f.SetColWidth("quotes", "C", "C", 80); err != nil {
			return err
		}
	}
	if _, err := f.NewSheet("provenance"); err != nil {
		return err
	}
	if err := writeProvenance(f, res, p, bold); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	date := p.Date.UTC().Format(time.RFC3339)
	if err := f.SetDocProps(&excelize.DocProperties{
		Title:          "Wave " + p.Wave + ", imported",
		Subject:        "shadowreport import",
		Creator:        "shadowreport import",
		LastModifiedBy: "shadowreport import",
		Language:       "en",
		Created:        date,
		Modified:       date,
	}); err != nil {
		return err
	}
	return f.Write(w)
}

// writeTable writes a header row in bold, frozen, and the rows below it; strings are always
// written as text, never as formulas.
func writeTable(f *excelize.File, sheet string, header []string, rows [][]any, bold int) error {
	for c, h := range header {
		if err := f.SetCellStr(sheet, cellName(c+1, 1), h); err != nil {
			return err
		}
	}
	if len(header) > 0 {
		if err := f.SetCellStyle(sheet, "A1", cellName(len(header), 1), bold); err != nil {
			return err
		}
	}
	for r, row := range rows {
		for c, v := range row {
			var err error
			switch x := v.(type) {
			case nil:
				continue
			case string:
				err = f.SetCellStr(sheet, cellName(c+1, r+2), x)
			case float64:
				err = f.SetCellFloat(sheet, cellName(c+1, r+2), x, -1, 64)
			default:
				err = fmt.Errorf("unexpected cell value %T", v)
			}
			if err != nil {
				return err
			}
		}
	}
	if err := setDimension(f, sheet, len(header), len(rows)+1); err != nil {
		return err
	}
	return f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
}

// setDimension declares the range a sheet uses: readers that trust <dimension ref> (some
// streaming readers and pandas' engines do) would otherwise see the one cell A1.
func setDimension(f *excelize.File, sheet string, cols, rows int) error {
	return f.SetSheetDimension(sheet, "A1:"+cellName(max(cols, 1), max(rows, 1)))
}

func writeProvenance(f *excelize.File, res *Result, p Provenance, bold int) error {
	const sheet = "provenance"
	row := 0
	put := func(style bool, cells ...string) error {
		row++
		for c, s := range cells {
			if s == "" {
				continue
			}
			if err := f.SetCellStr(sheet, cellName(c+1, row), s); err != nil {
				return err
			}
		}
		if style && len(cells) > 0 {
			return f.SetCellStyle(sheet, cellName(1, row), cellName(len(cells), row), bold)
		}
		return nil
	}
	format := res.Format
	if res.Detected != "" {
		format += " (detected: " + res.Detected + ")"
	}
	text := "not imported (no --include-text)"
	if res.Text {
		text = fmt.Sprintf("%d passages imported into the quotes sheet, all with reviewed: no", len(res.Wave.Quotes))
	}
	version := p.Version
	if version == "" {
		version = "dev"
	}
	items := [][2]string{
		{"wave", p.Wave},
		{"imported by", "shadowreport import " + version},
		{"date", p.Date.UTC().Format("2006-01-02") + " (" + p.DateSource + ")"},
		{"format", format},
		{"interviewees", fmt.Sprint(len(res.Wave.IDs))},
		{"codes", fmt.Sprint(len(res.Wave.Codes))},
		{"consent", "set to aggregate for everyone by the import: set quote or withdrawn for each interviewee from the consent records"},
		{"presence rule", res.Rule},
		{"free text", text},
	}
	for _, o := range res.Orient {
		items = append(items, [2]string{"orientation", o})
	}
	for _, n := range res.Notes {
		items = append(items, [2]string{"note", n})
	}
	for _, u := range res.Unused {
		items = append(items, [2]string{"unused map row", u})
	}
	if err := put(true, "item", "value"); err != nil {
		return err
	}
	for _, it := range items {
		if err := put(false, it[0], it[1]); err != nil {
			return err
		}
	}
	row++
	if err := put(true, "source file", "role", "sheet", "sha256"); err != nil {
		return err
	}
	for _, s := range res.Sources {
		if err := put(false, s.Name, s.Role, s.Sheet, s.SHA256); err != nil {
			return err
		}
	}
	row++
	if err := put(true, "name in the export", "where", "code", "value", "matched by"); err != nil {
		return err
	}
	for _, m := range res.Mapping {
		if err := put(false, m.Source, m.Where, m.Code, m.Value, m.How); err != nil {
			return err
		}
	}
	if err := setDimension(f, sheet, 5, row); err != nil {
		return err
	}
	for i, width := range []float64{40, 60, 22, 20, 40} {
		col := string(rune('A' + i))
		if err := f.SetColWidth(sheet, col, col, width); err != nil {
			return err
		}
	}
	return nil
}

func cellName(col, row int) string {
	s, _ := excelize.CoordinatesToCellName(col, row)
	return s
}
