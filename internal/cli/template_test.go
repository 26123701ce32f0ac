package cli

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/shadowreport/shadowreport/internal/xlsxfix"
)

// Write a template, fill it as a researcher would, and check it: exit 0.
func TestTemplateFillCheck(t *testing.T) {
	proj := importProject(t)
	code, out, errOut := run(t, "template", "-C", proj, "--wave", "2020")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	if !strings.Contains(out, "Wrote interviews/2020.xlsx: a coding workbook with 5 codes (1 code left out: direct identifiers never go into a wave) and 200 rows") {
		t.Errorf("output:\n%s", out)
	}
	path := filepath.Join(proj, "interviews", "2020.xlsx")
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(f.GetSheetList(), ","); got != "interviews,quotes" {
		t.Errorf("sheets %s", got)
	}
	header, _ := f.GetRows("interviews")
	if got := strings.Join(header[0], ","); got != "id,consent,age_band,edu_fees_paid,health_bribe,det_detained,det_repatriated" {
		t.Errorf("row 1 = %s", got)
	}
	dvs, _ := f.GetDataValidations("interviews")
	lists := map[string]string{}
	for _, dv := range dvs {
		lists[dv.Sqref] = dv.Type + " " + dv.Formula1
		if dv.Sqref == "D2:D201" && (dv.PromptTitle == nil || *dv.PromptTitle != "Paid school fees") {
			t.Errorf("no prompt on edu_fees_paid")
		}
	}
	for sqref, want := range map[string]string{
		"B2:B201": `list "quote,aggregate,withdrawn"`,
		"C2:C201": `list "under 30,30-39,40 and over,n/a"`,
		"D2:D201": `list "yes,no,n/a"`,
	} {
		if lists[sqref] != want {
			t.Errorf("validation of %s = %q, want %q", sqref, lists[sqref], want)
		}
	}
	comments, _ := f.GetComments("interviews")
	if len(comments) != 5 || !strings.Contains(comments[0].Text, "Age band") {
		t.Errorf("comments %+v", comments)
	}
	panes, _ := f.GetPanes("interviews")
	if !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("the header is not frozen: %+v", panes)
	}
	qdvs, _ := f.GetDataValidations("quotes")
	if len(qdvs) != 4 {
		t.Errorf("quotes has %d validations", len(qdvs))
	}

	fill := [][]string{
		{"W01", "quote", "30-39", "yes", "no", "yes", "n/a"},
		{"W02", "aggregate", "under 30", "no", "no", "yes", ""},
		{"W03", "aggregate", "30-39", "yes", "yes", "no", "no"},
		{"W04", "withdrawn", "40 and over", "no", "no", "no", "no"},
		{"W05", "aggregate", "30-39", "yes", "", "no", "yes"},
	}
	for r, row := range fill {
		for c, v := range row {
			if v != "" {
				f.SetCellStr("interviews", cellRef(c+1, r+2), v)
			}
		}
	}
	for c, v := range []string{"W01", "det_detained", "We were held at the border post for a week.", "yes"} {
		f.SetCellStr("quotes", cellRef(c+1, 2), v)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	code, out, errOut = run(t, "check", "-C", proj, "--format", "json")
	if code != 0 {
		t.Fatalf("check of the filled template: exit %d\n%s%s", code, out, errOut)
	}
	var rep struct {
		Errors      int
		Waves       []waveInfo
		Diagnostics []struct{ Message string }
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Errors != 0 || len(rep.Waves) != 1 || rep.Waves[0].Interviewees != 4 || rep.Waves[0].Withdrawn != 1 || rep.Waves[0].Quotes != 1 {
		t.Errorf("check: %s", out)
	}
	for _, d := range rep.Diagnostics {
		if strings.Contains(d.Message, "hidden") || strings.Contains(d.Message, "not a code") {
			t.Errorf("unexpected diagnostic: %v", d)
		}
	}

	// a value the drop-down would have refused, typed by a program: check names the cell
	f, _ = excelize.OpenFile(path)
	f.SetCellStr("interviews", "D3", "yse")
	f.Save()
	f.Close()
	code, _, errOut = run(t, "check", "-C", proj)
	if code != 3 || !strings.Contains(errOut, `interviews/2020.xlsx: interviews!D3: "yse" is not a yes/no value`) {
		t.Errorf("exit %d:\n%s", code, errOut)
	}

	code, _, errOut = run(t, "template", "-C", proj, "--wave", "2020")
	if code != 2 || !strings.Contains(errOut, "--force") {
		t.Errorf("overwrite without --force: exit %d\n%s", code, errOut)
	}
	if code, _, errOut := run(t, "template", "-C", proj, "--wave", "2020", "--force"); code != 0 {
		t.Errorf("--force: exit %d\n%s", code, errOut)
	}
}

// Lists too long for a drop-down's 255 characters, or with a comma in a value, go to a visible
// sheet named lists, last; check reads the template without a word about it.
func TestTemplateLongLists(t *testing.T) {
	var values []string
	for i := 1; i <= 30; i++ {
		values = append(values, fmt.Sprintf("district number %02d", i))
	}
	dir := t.TempDir()
	err := xlsxfix.Write(filepath.Join(dir, "interviews", "codebook.xlsx"), xlsxfix.Sheet{Name: "codebook", Rows: [][]string{
		{"code", "label", "type", "values", "question"},
		{"district", "District", "category", strings.Join(values, ";"), "Where did you live?"},
		{"work", "Work", "multi", "farm, state;market;none", strings.Repeat("A long question. ", 30)},
		{"children", "Children", "number", "", ""},
		{"remarks", "Remarks", "text", "", ""},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := run(t, "template", "-C", dir, "--wave", "w1"); code != 0 {
		t.Fatal(errOut)
	}
	path := filepath.Join(dir, "interviews", "w1.xlsx")
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(f.GetSheetList(), ","); got != "interviews,quotes,lists" {
		t.Errorf("sheets %s", got)
	}
	if v, _ := f.GetSheetVisible("lists"); !v {
		t.Error("the lists sheet is hidden")
	}
	dvs, _ := f.GetDataValidations("interviews")
	got := map[string]*excelize.DataValidation{}
	for _, dv := range dvs {
		got[dv.Sqref] = dv
	}
	if dv := got["C2:C201"]; dv == nil || dv.Formula1 != "lists!$A$2:$A$32" {
		t.Errorf("district: %+v", dv)
	}
	if dv := got["D2:D201"]; dv == nil || dv.Formula1 != "lists!$B$2:$B$5" || *dv.ErrorStyle != "information" || len([]rune(*dv.Prompt)) > 255 {
		t.Errorf("work: %+v", dv)
	}
	if dv := got["E2:E201"]; dv == nil || dv.Type != "decimal" {
		t.Errorf("children: %+v", dv)
	}
	rows, _ := f.GetRows("lists")
	if rows[0][0] != "district" || rows[1][0] != "district number 01" || rows[2][1] != "market" || rows[4][1] != "n/a" {
		t.Errorf("lists: %q", rows)
	}
	f.SetCellStr("interviews", "A2", "W01")
	f.SetCellStr("interviews", "C2", "district number 07")
	f.SetCellStr("interviews", "D2", "farm, state; market")
	f.SetCellInt("interviews", "E2", 2)
	f.SetCellStr("interviews", "F2", "remarks stay in the workbook")
	f.Save()
	f.Close()
	code, out, errOut := run(t, "check", "-C", dir)
	if code != 0 || strings.Contains(errOut, "lists") {
		t.Errorf("check: exit %d\n%s%s", code, out, errOut)
	}
}

func cellRef(col, row int) string {
	s, _ := excelize.CoordinatesToCellName(col, row)
	return s
}
