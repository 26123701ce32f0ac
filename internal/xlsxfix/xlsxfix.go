// Package xlsxfix builds xlsx fixtures for tests from readable tables, so test data stays visible.
package xlsxfix

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// Sheet is one sheet of a fixture. Cells follow what typing into Excel does:
//
//	3, 2.5      a number            '3     the text "3"
//	TRUE        a boolean           'TRUE  the text "TRUE"
//	=A1+1       a formula that was never calculated (no cached value)
//	#date:2024-01-05   a cell holding a date (Excel turned "1-5" into one)
//	#pct:0.62          0.62 formatted as a percentage
//	anything else      text
type Sheet struct {
	Name       string
	Rows       [][]string
	State      string // "", "hidden" or "veryHidden"
	HiddenRows []int
	HiddenCols []string
	Merges     []string
	// StruckRows are rows whose cells are struck through (Ctrl+5 in Excel).
	StruckRows []int
}

// Write creates the workbook at path with the sheets in order.
func Write(path string, sheets ...Sheet) error {
	f := excelize.NewFile()
	defer f.Close()
	date, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	pct, _ := f.NewStyle(&excelize.Style{NumFmt: 9})
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.Name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(s.Name); err != nil {
			return err
		}
		for r, row := range s.Rows {
			for c, v := range row {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if err := setCell(f, s.Name, cell, v, date, pct); err != nil {
					return fmt.Errorf("%s!%s: %w", s.Name, cell, err)
				}
			}
		}
		for _, r := range s.HiddenRows {
			if err := f.SetRowVisible(s.Name, r, false); err != nil {
				return err
			}
		}
		for _, c := range s.HiddenCols {
			if err := f.SetColVisible(s.Name, c, false); err != nil {
				return err
			}
		}
		for _, m := range s.Merges {
			a, b, _ := strings.Cut(m, ":")
			if err := f.MergeCell(s.Name, a, b); err != nil {
				return err
			}
		}
		for _, r := range s.StruckRows {
			if err := strike(f, s, r); err != nil {
				return err
			}
		}
	}
	for _, s := range sheets { // hide after all exist: the active sheet cannot be hidden
		if s.State != "" {
			if err := f.SetSheetVisible(s.Name, false, s.State == "veryHidden"); err != nil {
				return err
			}
		}
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	out, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := f.WriteTo(out); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// strike sets strike-through on the font of every cell of row r, keeping its other formats.
func strike(f *excelize.File, s Sheet, r int) error {
	if r < 1 || r > len(s.Rows) {
		return fmt.Errorf("%s: struck row %d has no cells", s.Name, r)
	}
	for c := range s.Rows[r-1] {
		cell, _ := excelize.CoordinatesToCellName(c+1, r)
		id, err := f.GetCellStyle(s.Name, cell)
		if err != nil {
			return err
		}
		st, err := f.GetStyle(id)
		if err != nil {
			return err
		}
		if st.Font == nil {
			st.Font = &excelize.Font{}
		}
		st.Font.Strike = true
		nid, err := f.NewStyle(st)
		if err != nil {
			return err
		}
		if err := f.SetCellStyle(s.Name, cell, cell, nid); err != nil {
			return err
		}
	}
	return nil
}

func setCell(f *excelize.File, sheet, cell, v string, date, pct int) error {
	switch {
	case v == "":
		return nil
	case strings.HasPrefix(v, "'"):
		return f.SetCellStr(sheet, cell, v[1:])
	case v == "TRUE" || v == "FALSE":
		return f.SetCellBool(sheet, cell, v == "TRUE")
	case strings.HasPrefix(v, "="):
		return f.SetCellFormula(sheet, cell, v[1:])
	case strings.HasPrefix(v, "#date:"):
		t, err := time.Parse("2006-01-02", v[6:])
		if err != nil {
			return err
		}
		if err := f.SetCellValue(sheet, cell, t); err != nil {
			return err
		}
		return f.SetCellStyle(sheet, cell, cell, date)
	case strings.HasPrefix(v, "#pct:"):
		x, err := strconv.ParseFloat(v[5:], 64)
		if err != nil {
			return err
		}
		if err := f.SetCellFloat(sheet, cell, x, -1, 64); err != nil {
			return err
		}
		return f.SetCellStyle(sheet, cell, cell, pct)
	}
	if x, err := strconv.ParseFloat(v, 64); err == nil && strings.TrimSpace(v) == v {
		return f.SetCellFloat(sheet, cell, x, -1, 64)
	}
	return f.SetCellStr(sheet, cell, v)
}

// ParseCSV reads a sheet from CSV text. Lines starting with "#!" are directives:
//
//	#! name interviews        #! state hidden
//	#! hidden-rows 3 4        #! hidden-cols C D
//	#! merge A1:B1            #! struck-rows 5
func ParseCSV(name, text string) (Sheet, error) {
	s := Sheet{Name: name}
	var body strings.Builder
	for _, line := range strings.SplitAfter(text, "\n") {
		d, ok := strings.CutPrefix(strings.TrimSpace(line), "#!")
		if !ok {
			body.WriteString(line)
			continue
		}
		f := strings.Fields(d)
		if len(f) == 0 {
			continue
		}
		switch f[0] {
		case "name":
			s.Name = strings.Join(f[1:], " ")
		case "state":
			s.State = f[1]
		case "hidden-rows":
			for _, x := range f[1:] {
				n, err := strconv.Atoi(x)
				if err != nil {
					return s, err
				}
				s.HiddenRows = append(s.HiddenRows, n)
			}
		case "struck-rows":
			for _, x := range f[1:] {
				n, err := strconv.Atoi(x)
				if err != nil {
					return s, err
				}
				s.StruckRows = append(s.StruckRows, n)
			}
		case "hidden-cols":
			s.HiddenCols = append(s.HiddenCols, f[1:]...)
		case "merge":
			s.Merges = append(s.Merges, f[1:]...)
		default:
			return s, fmt.Errorf("unknown directive %q", f[0])
		}
	}
	r := csv.NewReader(strings.NewReader(body.String()))
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		return s, err
	}
	s.Rows = rows
	return s, nil
}
