package dataset

import (
	"testing"

	"github.com/shadowreport/shadowreport/internal/xlsxfix"
)

// The optional translation column is read beside the text, in any column order; a quote
// without one has none; another unknown column is still a warning that lists translation.
func TestQuoteTranslation(t *testing.T) {
	people := xlsxfix.Sheet{Name: "interviews", Rows: [][]string{
		{"id", "consent", "paid"},
		{"A", "quote", "yes"},
		{"B", "quote", "no"},
	}}
	w, _, diags := load(t, testCodebook, people, xlsxfix.Sheet{Name: "quotes", Rows: [][]string{
		{"Translation", "id", "code", "text", "reviewed", "notes"},
		{"  If we did not pay, the teacher beat the child. ", "A", "paid", "학교에 돈을 내지 않으면 선생님이 아이를 때렸어요.", "yes", "x"},
		{"", "B", "paid", "We paid nothing.", "yes"},
	}})
	if diags.HasErrors() || len(w.Quotes) != 2 {
		t.Fatalf("quotes %v, diagnostics %v", w.Quotes, diags.Items())
	}
	if q := w.Quotes[0]; q.Translation != "If we did not pay, the teacher beat the child." || q.TranslationCol != 1 || q.TextCol != 4 {
		t.Errorf("first quote: translation %q in column %d, text in column %d", q.Translation, q.TranslationCol, q.TextCol)
	}
	if q := w.Quotes[1]; q.Translation != "" {
		t.Errorf("second quote: translation %q, want none", q.Translation)
	}
	wantDiag(t, diags, "F1", `warning column.unknown: column "notes" is not one of id, code, text, reviewed, translation and is ignored`)

	w, _, diags = load(t, testCodebook, people, xlsxfix.Sheet{Name: "quotes", Rows: [][]string{
		{"id", "code", "text", "reviewed"},
		{"A", "paid", "We paid.", "yes"},
	}})
	if diags.HasErrors() || len(w.Quotes) != 1 || w.Quotes[0].Translation != "" || w.Quotes[0].TranslationCol != 0 {
		t.Errorf("without a translation column: quotes %+v, diagnostics %v", w.Quotes, diags.Items())
	}
}

// A translation is checked like every cell of the row: a spreadsheet error is not text.
func TestQuoteTranslationError(t *testing.T) {
	w, _, diags := load(t, testCodebook, xlsxfix.Sheet{Name: "interviews", Rows: [][]string{
		{"id", "consent", "paid"},
		{"A", "quote", "yes"},
	}}, xlsxfix.Sheet{Name: "quotes", Rows: [][]string{
		{"id", "code", "text", "reviewed", "translation"},
		{"A", "paid", "학교에 돈을 냈어요.", "yes", "#REF!"},
	}})
	wantDiag(t, diags, "E2", "spreadsheet error")
	if len(w.Quotes) != 0 {
		t.Errorf("quotes %+v, want none", w.Quotes)
	}
}
