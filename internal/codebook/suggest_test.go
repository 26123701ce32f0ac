package codebook

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/shadowreport/shadowreport/internal/diag"
	"github.com/shadowreport/shadowreport/internal/workbook"
	"github.com/shadowreport/shadowreport/internal/xlsxfix"
)

func readCodebook(t *testing.T, sheets ...xlsxfix.Sheet) (*Codebook, *diag.List) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "codebook.xlsx")
	if err := xlsxfix.Write(path, sheets...); err != nil {
		t.Fatal(err)
	}
	b, err := workbook.Open(path, "codebook.xlsx", workbook.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	diags := &diag.List{}
	return Read(b, diags), diags
}

// Keywords typed with spaces, hyphens or capitals get a did-you-mean.
func TestKeywordSuggestions(t *testing.T) {
	_, diags := readCodebook(t, xlsxfix.Sheet{Name: "codebook", Rows: [][]string{
		{"code", "label", "type", "direction", "identifier"},
		{"a", "A", "yesno", "worse if higher", ""},
		{"b", "B", "yes/no", "Better-If-Higher", ""},
		{"c", "C", "Yes No", "", "quasi identifier"},
		{"d", "D", "yesno", "up", ""},
	}})
	got := map[string]string{}
	for _, d := range diags.Items() {
		got[d.Cell] = d.Message
	}
	for cell, want := range map[string]string{
		"D2": `code a: direction "worse if higher" is not worse_if_higher, better_if_higher or neutral (did you mean "worse_if_higher"?)`,
		"C3": `code b: type "yes/no" is not one of yesno, category, multi, number, text (did you mean "yesno"?)`,
		"D3": `(did you mean "better_if_higher"?)`,
		"C4": `(did you mean "yesno"?)`,
		"E4": `code c: identifier "quasi identifier" is not direct or quasi (leave it blank for ordinary codes)`,
		"D5": `code d: direction "up" is not worse_if_higher, better_if_higher or neutral`,
	} {
		if !strings.Contains(got[cell], want) {
			t.Errorf("%s: %q, want %q", cell, got[cell], want)
		}
	}
	if strings.Contains(got["D5"], "did you mean") {
		t.Errorf("D5: %q suggests a direction for \"up\"", got["D5"])
	}
}

func TestSuggestValue(t *testing.T) {
	code := &Code{Name: "age", Type: Category}
	code.keys = map[string]int{}
	for i, v := range []string{"under 30", "30-39", "40-49", "50 and over"} {
		code.Values = append(code.Values, v)
		code.keys[Key(v)] = i
	}
	for _, tt := range []struct{ typed, want string }{
		{"30 to 39", "30-39"}, {"30~39", "30-39"}, {"30 – 39", "30-39"}, {"40 through 49", "40-49"},
		{"35", "30-39"}, {"29", "under 30"}, {"30", "30-39"}, {"50", "50 and over"}, {"77", "50 and over"},
		{"30-3", "30-39"}, // a typo
		{"39-30", ""}, {"31-38", ""}, {"1 2 3 4", ""}, {"forty", ""},
	} {
		got, ok := code.SuggestValue(tt.typed)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("SuggestValue(%q) = %q, %v; want %q", tt.typed, got, ok, tt.want)
		}
	}
}
