package sample

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/shadowreport/shadowreport/internal/publish"
	"github.com/shadowreport/shadowreport/internal/sheet"
)

// fixedDate is the creation and modification date of every sample workbook, so that the
// files are byte-identical across runs.
var fixedDate = time.Date(2017, 9, 1, 0, 0, 0, 0, time.UTC)

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
	sheets []table
}

type table struct {
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
		sheets: []table{
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
		sheets: []table{{aggregateSheet, wave2014Rows, []float64{28, 28, 6, 8, 8, 20}}},
	},
	{
		name:  "2017.xlsx",
		title: "shadowreport sample wave 2017: interviews (synthetic)",
		about: "42 invented interviewees, one row each and one column per code of codebook.xlsx; two withdrew consent. No person described here exists.",
		edit:  "Make it yours: replace the rows of the sheets interviews and quotes with your own coding and save (shadowreport template --wave NAME writes an empty workbook with drop-down lists).",
		sheets: []table{
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
		if err := publish.WriteFile(filepath.Join(out, wb.name), wb.write); err != nil {
			return fmt.Errorf("sample %s: %w", wb.name, err)
		}
	}
	return nil
}

// write writes one workbook: the about sheet first (and shown on opening), then the data
// sheets, each with a bold, frozen header row and typed cells.
func (wb workbook) write(w io.Writer) error {
	b := sheet.New()
	defer b.Close()
	about := b.Add(aboutSheet)
	about.Columns(sheet.Column{Width: 100})
	about.Line(sheet.Text(synthetic).In(sheet.Bold))
	for _, line := range []string{
		wb.about,
		"Numbers, answers and quotes were made up to demonstrate the tool; places are coarse groups, never towns.",
		wb.edit,
		"What each sheet and cell may hold: run  shadowreport help workbooks  (shadowreport check names any cell that is wrong).",
	} {
		about.Line(sheet.Text(line))
	}
	for _, sh := range wb.sheets {
		s := b.Add(sh.name)
		cols := make([]sheet.Column, len(sh.rows[0]))
		for c := range cols {
			cols[c].Width = sh.width[min(c, len(sh.width)-1)]
		}
		s.Columns(cols...)
		s.Header(sheet.Bold, sh.rows[0]...)
		for _, row := range sh.rows[1:] {
			cells := make([]sheet.Cell, len(row))
			for c, v := range row {
				cells[c] = typed(v)
			}
			s.Row(cells...)
		}
	}
	b.Props(sheet.Props{
		Title:       wb.title,
		Subject:     "shadowreport sample project",
		Description: synthetic + " " + wb.about,
		Keywords:    "synthetic; sample; shadowreport",
		Category:    "synthetic sample data",
		Creator:     "shadowreport mksample",
		Language:    "en",
		Created:     fixedDate,
	})
	return b.Write(w)
}

var (
	plainNumber   = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)
	percentNumber = regexp.MustCompile(`^[0-9]+(\.[0-9]+)?%$`)
)

// typed is the cell Excel makes of what a person types: a blank stays empty, numbers become
// numbers, "62%" a percentage-formatted 0.62, TRUE/FALSE booleans, the rest text; a leading '
// keeps the rest as text ('124.10), as in Excel.
func typed(v string) sheet.Cell {
	switch {
	case strings.HasPrefix(v, "'"):
		return sheet.Text(v[1:])
	case v == "TRUE" || v == "FALSE":
		return sheet.Bool(v == "TRUE")
	case plainNumber.MatchString(v):
		x, _ := strconv.ParseFloat(v, 64) // the pattern is a number
		return sheet.Num(x)
	case percentNumber.MatchString(v):
		x, _ := strconv.ParseFloat(strings.TrimSuffix(v, "%"), 64)
		return sheet.Num(x / 100).In(sheet.Percent)
	}
	return sheet.Text(v)
}
