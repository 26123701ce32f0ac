package annex

import (
	"bytes"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/shadowreport/shadowreport/internal/doc"
)

// Text that looks like a formula is written as text: a label or quote must never run in Excel.
func TestFormulaLookingTextStaysText(t *testing.T) {
	cells := []string{"=HYPERLINK(\"http://x\",\"y\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "ordinary"}
	d := &doc.Document{Meta: doc.Meta{Title: "=1+1"}, Blocks: []doc.Block{
		&doc.Table{ID: "t", Caption: "@caption", Header: []string{"=h", "b"}, Rows: [][]string{cells[:2], cells[2:4]}, Notes: []string{"=note"}},
	}}
	var a, b bytes.Buffer
	created := time.Date(2017, 10, 9, 0, 0, 0, 0, time.UTC)
	if err := Write(&a, d, created); err != nil {
		t.Fatal(err)
	}
	if err := Write(&b, d, created); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two writes of the same document differ")
	}
	f, err := excelize.OpenReader(&a)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, sheet := range f.GetSheetList() {
		rows, _ := f.GetRows(sheet)
		for r, row := range rows {
			for c := range row {
				name, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if formula, _ := f.GetCellFormula(sheet, name); formula != "" {
					t.Errorf("%s!%s holds the formula %q", sheet, name, formula)
				}
			}
		}
	}
	if v, _ := f.GetCellValue("t", "A3"); v != cells[0] {
		t.Errorf("A3 = %q, want the text %q", v, cells[0])
	}
	if idx, _ := f.GetSheetIndex("t"); idx < 0 {
		t.Error("no sheet for the table")
	}
	if panes, err := f.GetPanes("t"); err != nil || !panes.Freeze {
		t.Errorf("the header row is not frozen: %+v %v", panes, err)
	}
}
