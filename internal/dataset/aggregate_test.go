package dataset

import (
	"math/big"
	"strings"
	"testing"

	"github.com/shadowreport/shadowreport/internal/diag"
	"github.com/shadowreport/shadowreport/internal/workbook"
	"github.com/shadowreport/shadowreport/internal/xlsxfix"
)

// figureOf returns the figure of code (and value index) in w.
func figureOf(t *testing.T, w *Wave, code string, value int) Figure {
	t.Helper()
	for _, f := range w.Figures {
		if f.Code.Name == code && f.Value == value {
			return f
		}
	}
	t.Fatalf("no figure %s[%d]; figures %+v", code, value, w.Figures)
	return Figure{}
}

func diagsAt(diags *diag.List) map[string]string {
	got := map[string]string{}
	for _, d := range diags.Items() {
		got[d.Cell] = d.Severity.String() + ": " + d.Message
	}
	return got
}

// Published percentages become the set of whole counts they allow, solved together for the
// values of a category code; none is guessed by floating point.
func TestRebuiltCounts(t *testing.T) {
	cb := [][]string{
		{"code", "label", "type", "values"},
		{"paid", "Paid", "yesno", ""},
		{"age", "Age", "category", "under 30;30-39;40 and over"},
		{"kids", "Kids", "yesno", ""},
		{"fine", "Fine", "yesno", ""},
		{"exact", "Exact", "yesno", ""},
		{"where", "Where", "multi", "north;south;abroad"},
	}
	w, _, diags := load(t, cb, xlsxfix.Sheet{Name: "aggregate", Rows: [][]string{
		{"code", "value", "n", "count", "percent"},
		{"age", "under 30", "150", "", "1"},     // 0.75–2.25 people: 1 or 2
		{"age", "30-39", "150", "", "1"},        // 1 or 2
		{"age", "40 and over", "150", "", "99"}, // 147.75–149.25: 148 or 149; together only 1, 1, 148
		{"paid", "", "200", "", "33"},           // 65–67 people: three counts fit
		{"kids", "no", "200", "", "33"},         // 65–67 said no: 133–135 said yes
		{"fine", "", "1000", "", "'57.0"},       // 569.5–570.5: 570 only
		{"exact", "", "1000", "", "57"},         // 565–575
		{"where", "north", "50", "", "#pct:0.62"},
	}})
	if diags.HasErrors() || diags.Count(diag.Warning) > 0 {
		t.Fatalf("diagnostics: %v", diags.Items())
	}
	for _, c := range []struct {
		code          string
		value         int
		count, lo, hi int
	}{
		{"age", 0, 1, 1, 1}, {"age", 1, 1, 1, 1}, {"age", 2, 148, 148, 148},
		{"paid", 0, 66, 65, 67},
		{"kids", 0, 134, 133, 135},
		{"fine", 0, 570, 570, 570},
		{"exact", 0, 570, 565, 575},
		{"where", 0, 31, 31, 31},
	} {
		f := figureOf(t, w, c.code, c.value)
		if f.Count != c.count || f.CountMin != c.lo || f.CountMax != c.hi || !f.Rebuilt {
			t.Errorf("%s[%d]: count %d (%d–%d) rebuilt %v; want %d (%d–%d) rebuilt", c.code, c.value, f.Count, f.CountMin, f.CountMax, f.Rebuilt, c.count, c.lo, c.hi)
		}
	}
}

// A percentage no whole count gives is an error naming the cell, unless a count is given.
func TestInconsistentPercentIsAnError(t *testing.T) {
	cb := [][]string{
		{"code", "label", "type", "values"},
		{"a", "A", "yesno", ""}, {"b", "B", "yesno", ""}, {"c", "C", "yesno", ""}, {"d", "D", "yesno", ""},
		{"e", "E", "yesno", ""}, {"f", "F", "yesno", ""},
		{"age", "Age", "category", "under 30;30-39;40 and over"},
	}
	_, _, diags := load(t, cb, xlsxfix.Sheet{Name: "aggregate", Rows: [][]string{
		{"code", "value", "n", "count", "percent"},
		{"a", "", "50", "", "33"},   // 16.5: 16 is 32%, 17 is 34%
		{"b", "", "50", "", "57"},   // 28.5: 28 is 56%, 29 is 58%
		{"c", "", "3", "", "50"},    // 1.5: 1 is 33.3%, 2 is 66.7%
		{"d", "", "4", "", "87.5"},  // 3.5 at one decimal: 3 is 75%, 4 is 100%
		{"e", "", "50", "17", "33"}, // a count given: it must fit the percent
		{"f", "", "50", "16", "32"}, // fine
		{"age", "under 30", "50", "", "40"},
		{"age", "30-39", "50", "", "40"},
		{"age", "40 and over", "50", "", "40"}, // 20 + 20 + 20 > 50
	}})
	got := diagsAt(diags)
	for cell, want := range map[string]string{
		"E2":  "error: 33% of 50 is 16.5 people: no whole count prints as 33% (16 is 32%, 17 is 34%)",
		"E3":  "error: 57% of 50 is 28.5 people: no whole count prints as 57% (28 is 56%, 29 is 58%)",
		"E4":  "error: 50% of 3 is 1.5 people: no whole count prints as 50% (1 is 33.33%, 2 is 66.67%)",
		"E5":  "error: 87.5% of 4 is 3.5 people: no whole count prints as 87.5% (3 is 75%, 4 is 100%)",
		"E6":  "error: count 17 of 50 is 34%, not the 33% given beside it",
		"E10": "error: the figures of age with base 50 (rows 8, 9, 10) cannot all be right",
	} {
		if !strings.HasPrefix(got[cell], want) {
			t.Errorf("%s: got %q, want it to start with %q", cell, got[cell], want)
		}
	}
	if _, ok := got["E7"]; ok || len(got) != 6 {
		t.Errorf("diagnostics %v: want exactly the six above", got)
	}
}

// A percentage that lost its percent format (0.62 in a plain cell) is never read as 0.62%
// of 50, which would publish "0 of 50".
func TestFractionThatLostItsFormat(t *testing.T) {
	cb := [][]string{
		{"code", "label", "type", "values"},
		{"a", "A", "yesno", ""}, {"b", "B", "yesno", ""}, {"c", "C", "yesno", ""}, {"d", "D", "yesno", ""},
		{"e", "E", "yesno", ""}, {"f", "F", "yesno", ""}, {"g", "G", "yesno", ""},
	}
	w, _, diags := load(t, cb, xlsxfix.Sheet{Name: "aggregate", Rows: [][]string{
		{"code", "value", "n", "count", "percent"},
		{"a", "", "50", "", "54"},     // points, as the rest of the column
		{"b", "", "50", "", "0.62"},   // a number: 0.62% of 50 gives no count; 62% gives 31
		{"c", "", "50", "", "'0.62"},  // the same as text
		{"d", "", "200", "", "0.5"},   // 0.5% of 200 is 1, 50% is 100: which?
		{"e", "", "50", "", "'0.62%"}, // explicit 0.62%: no whole count
		{"f", "", "50", "31", "0.62"}, // a count settles it
		{"g", "", "40", "", "0.6"},    // 60% (at least whole percent, as Excel would print it): 24
	}})
	got := diagsAt(diags)
	for cell, want := range map[string]string{
		"E3": "warning: 0.62 in a cell not formatted as a percentage is read as 62% of 50",
		"E4": "warning: 0.62 in a cell not formatted as a percentage is read as 62% of 50",
		"E5": "error: 0.5 could be 0.5% or a fraction (50%) of 200",
		"E6": "error: 0.62% of 50 is 0.31 people: no whole count prints as 0.62%",
		"E8": "warning: 0.6 in a cell not formatted as a percentage is read as 60% of 40",
	} {
		if !strings.HasPrefix(got[cell], want) {
			t.Errorf("%s: got %q, want it to start with %q", cell, got[cell], want)
		}
	}
	if len(got) != 5 {
		t.Errorf("diagnostics %v: want exactly the five above", got)
	}
	for _, c := range []struct {
		code          string
		count, lo, hi int
	}{{"a", 27, 27, 27}, {"b", 31, 31, 31}, {"c", 31, 31, 31}, {"f", 31, 31, 31}, {"g", 24, 24, 24}} {
		if f := figureOf(t, w, c.code, 0); f.Count != c.count || f.CountMin != c.lo || f.CountMax != c.hi {
			t.Errorf("%s: %d (%d–%d), want %d (%d–%d)", c.code, f.Count, f.CountMin, f.CountMax, c.count, c.lo, c.hi)
		}
	}
}

// Exhaustively, for every base up to 120 and every count: the percentage printed from it
// (to 0, 1 or 2 decimals, halves rounded up, to even or down) gives back a set of counts that
// holds it, and every count of that set prints as the same percentage under one of the three
// rules. The printing is done here in exact integer arithmetic, independently of the reader.
func TestRebuiltCountsExhaustive(t *testing.T) {
	checked := 0
	for n := 1; n <= 120; n++ {
		for k := 0; k <= n; k++ {
			for dec := 0; dec <= 2; dec++ {
				for _, rule := range []int{halfUp, halfEven, halfDown} {
					text := printPercent(k, n, dec, rule)
					r, ok := percentReadings(&workbook.Cell{Kind: workbook.String, Text: text + "%"})
					if !ok || len(r) != 1 {
						t.Fatalf("%s%% not read", text)
					}
					lo, hi, nearest, ok := r[0].counts(n)
					if !ok || k < lo || k > hi || nearest < lo || nearest > hi {
						t.Fatalf("%d of %d printed %s%%: rebuilt %d–%d (nearest %d), %v", k, n, text, lo, hi, nearest, ok)
					}
					for j := lo; j <= hi; j++ {
						if printPercent(j, n, dec, halfUp) != text && printPercent(j, n, dec, halfEven) != text && printPercent(j, n, dec, halfDown) != text {
							t.Fatalf("%d of %d printed %s%%: %d in the rebuilt set prints %s%%", k, n, text, j, printPercent(j, n, dec, halfUp))
						}
					}
					checked++
				}
			}
		}
	}
	t.Logf("%d printed percentages rebuilt", checked)
}

// The rounding rules of printPercent for an exact half.
const (
	halfUp = iota
	halfEven
	halfDown
)

// printPercent prints 100·k/n with dec decimals, rounding an exact half by rule.
func printPercent(k, n, dec, rule int) string {
	scale := int64(1)
	for range dec {
		scale *= 10
	}
	num := int64(k) * 100 * scale * 2 // twice the scaled value, over n
	q, rem := num/int64(n), num%int64(n)
	// value·2 = q + rem/n; the scaled value is (q + rem/n)/2
	whole, frac2 := q/2, q%2 // scaled value = whole + (frac2 + rem/n)/2
	switch {
	case frac2 == 1 && rem > 0: // above a half
		whole++
	case frac2 == 1 && rem == 0: // exactly a half
		if rule == halfUp || rule == halfEven && whole%2 == 1 {
			whole++
		}
	}
	s := new(big.Rat).SetFrac64(whole, scale).FloatString(dec)
	return s
}

func TestPercentReadings(t *testing.T) {
	for _, c := range []struct {
		cell     workbook.Cell
		readings string
	}{
		{workbook.Cell{Kind: workbook.String, Text: "57"}, "57±1/2"},
		{workbook.Cell{Kind: workbook.String, Text: "57.0"}, "57±1/20"},
		{workbook.Cell{Kind: workbook.String, Text: "57 %"}, "57±1/2"},
		{workbook.Cell{Kind: workbook.Number, Num: 0.57, Percent: true}, "57±1/2"},
		{workbook.Cell{Kind: workbook.Number, Num: 0.575, Percent: true}, "115/2±1/20"},
		{workbook.Cell{Kind: workbook.Number, Num: 0.62}, "31/50±1/200 62±1/2"},
		{workbook.Cell{Kind: workbook.String, Text: "0.6"}, "3/5±1/20 60±1/2"},
		{workbook.Cell{Kind: workbook.Number, Num: 1, Percent: true}, "100±1/2"},
		{workbook.Cell{Kind: workbook.Number, Num: 0.5, Percent: true}, "50±1/2"},
		{workbook.Cell{Kind: workbook.String, Text: "0.62%"}, "31/50±1/200"},
		{workbook.Cell{Kind: workbook.Number, Num: 1}, "1±1/2"},
		{workbook.Cell{Kind: workbook.Number, Num: 0}, "0±1/2"},
	} {
		r, ok := percentReadings(&c.cell)
		var got []string
		for _, x := range r {
			got = append(got, x.value.RatString()+"±"+x.half.RatString())
		}
		if !ok || strings.Join(got, " ") != c.readings {
			t.Errorf("%+v: %v, %v; want %s", c.cell, got, ok, c.readings)
		}
	}
	for _, bad := range []string{"", "abc", "1e5", "5,5", "--3", "0x10", "NaN", "Inf"} {
		if r, ok := percentReadings(&workbook.Cell{Kind: workbook.String, Text: bad}); ok {
			t.Errorf("%q read as %v", bad, r)
		}
	}
}
