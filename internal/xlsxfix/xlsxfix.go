// Package xlsxfix builds xlsx fixtures for tests from readable tables, so test data stays visible.
package xlsxfix

import (
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/shadowreport/shadowreport/internal/sheet"
)

// Sheet is one sheet of a fixture. Cells follow what typing into Excel does:
//
//	3, 2.5      a number            '3     the text "3"
//	TRUE        a boolean           'TRUE  the text "TRUE"
//	=A1+1       a formula that was never calculated (no cached value)
//	#date:2024-01-05   a cell holding a date (Excel turned "1-5" into one)
//	#pct:0.62          0.62 formatted as a percentage
//	anything else      text (NaN and Inf too: no cell holds them as numbers)
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
	b := sheet.New()
	defer b.Close()
	f := b.File()
	for _, s := range sheets {
		sh := b.Add(s.Name)
		for r, row := range s.Rows {
			cells := make([]sheet.Cell, len(row))
			for c, v := range row {
				cell, err := parseCell(v)
				if err != nil {
					ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
					return fmt.Errorf("%s!%s: %w", s.Name, ref, err)
				}
				cells[c] = cell
			}
			sh.Row(cells...)
		}
		if err := b.Err(); err != nil {
			return err
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
	if err := b.Write(out); err != nil {
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

// parseCell is the cell of v in the syntax of Sheet.
func parseCell(v string) (sheet.Cell, error) {
	switch {
	case v == "":
		return sheet.Cell{}, nil
	case strings.HasPrefix(v, "'"):
		return sheet.Text(v[1:]), nil
	case v == "TRUE" || v == "FALSE":
		return sheet.Bool(v == "TRUE"), nil
	case strings.HasPrefix(v, "="):
		return sheet.Formula(v[1:]), nil
	case strings.HasPrefix(v, "#date:"):
		t, err := time.Parse("2006-01-02", v[6:])
		return sheet.Date(t), err
	case strings.HasPrefix(v, "#pct:"):
		x, err := strconv.ParseFloat(v[5:], 64)
		return sheet.Num(x).In(sheet.Percent), err
	}
	if x, err := strconv.ParseFloat(v, 64); err == nil && strings.TrimSpace(v) == v && !math.IsNaN(x) && !math.IsInf(x, 0) {
		return sheet.Num(x), nil
	}
	return sheet.Text(v), nil
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
