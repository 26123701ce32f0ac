package codebook

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/shadowreport/shadowreport/internal/diag"
	"github.com/shadowreport/shadowreport/internal/workbook"
	"github.com/shadowreport/shadowreport/internal/xlsxfix"
)

func readRows(t *testing.T, rows [][]string) (*Codebook, *diag.List) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "codebook.xlsx")
	if err := xlsxfix.Write(path, xlsxfix.Sheet{Name: "codebook", Rows: rows}); err != nil {
		t.Fatal(err)
	}
	b, err := workbook.Open(path, "interviews/codebook.xlsx", workbook.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	var diags diag.List
	return Read(b, &diags), &diags
}

// absent_means says what "not coded" in an imported export means, code by code: no (the
// default) or missing.
func TestAbsentMeans(t *testing.T) {
	cb, diags := readRows(t, [][]string{
		{"code", "label", "type", "Absent_Means"},
		{"a", "A", "yesno", ""},
		{"b", "B", "yesno", "no"},
		{"c", "C", "yesno", " Missing "},
		{"d", "D", "yesno", "nope"},
		{"e", "E", "number", "missing"},
	})
	want := map[string]string{"a": AbsentNo, "b": AbsentNo, "c": AbsentMissing, "d": AbsentNo, "e": AbsentMissing}
	for _, c := range cb.Codes {
		if c.AbsentMeans != want[c.Name] {
			t.Errorf("%s: absent_means %q, want %q", c.Name, c.AbsentMeans, want[c.Name])
		}
	}
	var got []string
	for _, d := range diags.Items() {
		got = append(got, d.String())
	}
	text := strings.Join(got, "\n")
	for _, w := range []string{
		`error: interviews/codebook.xlsx: codebook!D5: code d: absent_means "nope" is not no or missing`,
		`warning: interviews/codebook.xlsx: codebook!D6: code e is a number code: absent_means only applies to yesno codes and is ignored`,
	} {
		if !strings.Contains(text, w) {
			t.Errorf("missing %q in:\n%s", w, text)
		}
	}
	if len(got) != 2 {
		t.Errorf("%d diagnostics:\n%s", len(got), text)
	}
}
