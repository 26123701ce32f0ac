package sample

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// fixedDate is the creation and modification date of every sample workbook, so that the
// files are byte-identical across runs.
const fixedDate = "2017-09-01T00:00:00Z"

// aboutSheet is the first sheet of every sample workbook; it says the data are invented.
const aboutSheet = "about"

// synthetic is the first line of every about sheet and the start of every description.
const synthetic = "SYNTHETIC DATA — invented for the shadowreport sample project. Not real testimony."

// workbook describes one sample file.
type workbook struct {
	name   string // file name under interviews/
	title  string // DocProps title
	about  string // what the workbook imitates, for the about sheet and the description
	edit   string // what a researcher does with it, for the about sheet
	sheets []sheet
}

type sheet struct {
	name  string
	rows  [][]string // header first
	width []float64  // column widths, in characters; the last one repeats
}

var workbooks = []workbook{
	{
		name:  "codebook.xlsx",
		title: "shadowreport sample codebook (synthetic)",
		about: "An example coding scheme for a shadow report to the UN CEDAW Committee: adapt it to your own interviews. The claims and recommendations sheets hold invented claims of a State party and invented earlier recommendations: their paragraphs, texts and recommending States are made up.",
		edit:  "Make it yours: change, add or delete rows of the sheet codebook (one row per code) and save; the wave workbooks must use the same codes. Replace the rows of the claims and recommendations sheets with your own, or delete them.",
		sheets: []sheet{
			{codebookSheet, codebookRows, []float64{28, 36, 24, 10, 40, 12, 20, 16, 60, 10, 10}},
			{claimsSheet, claimsRows, []float64{6, 18, 10, 80, 12, 12, 44}},
			{recommendationsSheet, recommendationsRows, []float64{6, 18, 10, 10, 28, 10, 70, 44, 20, 70}},
		},
	},
	{
		name:   "2014.xlsx",
		title:  "shadowreport sample wave 2014: published figures (synthetic)",
		about:  "Imitates the tables of an earlier report on 50 interviewees, known only from its published figures. No such report exists; its page numbers are invented.",
		edit:   "Make it yours: type your earlier report's published figures into the sheet aggregate, one row per figure, and save; or delete this file if you have no earlier wave.",
		sheets: []sheet{{aggregateSheet, wave2014Rows, []float64{28, 28, 6, 8, 8, 20}}},
	},
	{
		name:  "2017.xlsx",
		title: "shadowreport sample wave 2017: interviews (synthetic)",
		about: "42 invented interviewees, one row each and one column per code of codebook.xlsx; two withdrew consent. No person described here exists.",
		edit:  "Make it yours: replace the rows of the sheets interviews and quotes with your own coding and save (shadowreport template --wave NAME writes an empty workbook with drop-down lists).",
		sheets: []sheet{
			{interviewsSheet, wave2017Rows, []float64{9, 10, 12}},
			{quotesSheet, wave2017Quotes, []float64{9, 24, 90, 9}},
		},
	},
}

// Write writes the synthetic sample project's workbooks into dir/interviews/
// (codebook.xlsx, 2014.xlsx, 2017.xlsx), creating the folder, each file mode 0644,
// written to a temp file in the same folder and renamed (never a half-written file).
func Write(dir string) error {
	out := filepath.Join(dir, "interviews")
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	for _, wb := range workbooks {
		f, err := wb.build()
		if err != nil {
			err = fmt.Errorf("sample %s: %w", wb.name, err)
		} else {
			err = writeFile(f, filepath.Join(out, wb.name))
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// build lays out one workbook: the about sheet first (and active), then the data sheets.
func (wb workbook) build() (*excelize.File, error) {
	f := excelize.NewFile()
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return f, err
	}
	percent, err := f.NewStyle(&excelize.Style{NumFmt: 9}) // 0%
	if err != nil {
		return f, err
	}
	if err := f.SetSheetName("Sheet1", aboutSheet); err != nil {
		return f, err
	}
	about := []string{
		synthetic,
		wb.about,
		"Numbers, answers and quotes were made up to demonstrate the tool; places are coarse groups, never towns.",
		wb.edit,
		"What each sheet and cell may hold: run  shadowreport help workbooks  (shadowreport check names any cell that is wrong).",
	}
	for i, line := range about {
		if err := f.SetCellStr(aboutSheet, cellName(1, i+1), line); err != nil {
			return f, err
		}
	}
	if err := f.SetCellStyle(aboutSheet, "A1", "A1", bold); err != nil {
		return f, err
	}
	if err := f.SetColWidth(aboutSheet, "A", "A", 100); err != nil {
		return f, err
	}
	if err := f.SetSheetDimension(aboutSheet, "A1:"+cellName(1, len(about))); err != nil {
		return f, err
	}
	for _, sh := range wb.sheets {
		if _, err := f.NewSheet(sh.name); err != nil {
			return f, err
		}
		if err := writeRows(f, sh, bold, percent); err != nil {
			return f, fmt.Errorf("%s: %w", sh.name, err)
		}
	}
	f.SetActiveSheet(0)
	err = f.SetDocProps(&excelize.DocProperties{
		Title:          wb.title,
		Subject:        "shadowreport sample project",
		Description:    synthetic + " " + wb.about,
		Keywords:       "synthetic; sample; shadowreport",
		Category:       "synthetic sample data",
		Creator:        "shadowreport mksample",
		LastModifiedBy: "shadowreport mksample",
		Language:       "en",
		Created:        fixedDate,
		Modified:       fixedDate,
	})
	return f, err
}

// writeRows writes a sheet: a bold, frozen header row, then typed cells.
func writeRows(f *excelize.File, sh sheet, bold, percent int) error {
	for r, row := range sh.rows {
		for c, v := range row {
			if err := setTyped(f, sh.name, cellName(c+1, r+1), v, percent); err != nil {
				return err
			}
		}
	}
	cols := len(sh.rows[0])
	if err := f.SetSheetDimension(sh.name, "A1:"+cellName(cols, len(sh.rows))); err != nil {
		return err
	}
	if err := f.SetCellStyle(sh.name, "A1", cellName(cols, 1), bold); err != nil {
		return err
	}
	for c := range sh.rows[0] {
		w := sh.width[min(c, len(sh.width)-1)]
		col, _ := excelize.ColumnNumberToName(c + 1)
		if err := f.SetColWidth(sh.name, col, col, w); err != nil {
			return err
		}
	}
	return f.SetPanes(sh.name, &excelize.Panes{
		Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
	})
}

var (
	plainNumber   = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)
	percentNumber = regexp.MustCompile(`^[0-9]+(\.[0-9]+)?%$`)
)

// setTyped stores a value the way Excel stores what a person types: a blank stays empty,
// numbers become numbers, "62%" a percentage-formatted 0.62, TRUE/FALSE booleans, the rest text;
// a leading ' keeps the rest as text ('124.10), as in Excel.
func setTyped(f *excelize.File, sheet, cell, v string, percent int) error {
	switch {
	case v == "":
		return nil
	case strings.HasPrefix(v, "'"):
		return f.SetCellStr(sheet, cell, v[1:])
	case v == "TRUE" || v == "FALSE":
		return f.SetCellBool(sheet, cell, v == "TRUE")
	case plainNumber.MatchString(v):
		x, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return err
		}
		return f.SetCellFloat(sheet, cell, x, -1, 64)
	case percentNumber.MatchString(v):
		x, err := strconv.ParseFloat(strings.TrimSuffix(v, "%"), 64)
		if err != nil {
			return err
		}
		if err := f.SetCellFloat(sheet, cell, x/100, -1, 64); err != nil {
			return err
		}
		return f.SetCellStyle(sheet, cell, cell, percent)
	default:
		return f.SetCellStr(sheet, cell, v)
	}
}

func cellName(col, row int) string {
	name, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		panic(err) // col and row come from the literal tables and are always >= 1
	}
	return name
}

// writeFile writes f to path atomically: a temp file in the same folder, mode 0644, renamed.
func writeFile(f *excelize.File, path string) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			err = errors.Join(err, os.Remove(tmp.Name()))
		}
	}()
	if _, err := f.WriteTo(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
