package codebook

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/shadowreport/shadowreport/internal/diag"
	"github.com/shadowreport/shadowreport/internal/workbook"
	"github.com/shadowreport/shadowreport/internal/xlsxfix"
)

// A category code has at most 64 values: answers are stored as a set of at most 64 bits, and
// a 65th value would be counted in n under no value.
func TestTooManyValues(t *testing.T) {
	var values []string
	for i := 0; i < 70; i++ {
		values = append(values, "v"+strconv.Itoa(i))
	}
	path := filepath.Join(t.TempDir(), "codebook.xlsx")
	err := xlsxfix.Write(path, xlsxfix.Sheet{Name: "codebook", Rows: [][]string{
		{"code", "label", "type", "values"},
		{"county", "County", "category", strings.Join(values, ";")},
	}})
	if err != nil {
		t.Fatal(err)
	}
	b, err := workbook.Open(path, "codebook.xlsx", workbook.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	diags := &diag.List{}
	Read(b, diags)
	items := diags.Items()
	if len(items) != 1 || items[0].Cell != "D2" || !strings.Contains(items[0].Message, "lists 70 values; a category code may have at most 64") {
		t.Errorf("diagnostics = %v", items)
	}
}
