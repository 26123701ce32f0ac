package dataset

import (
	"math"
	"strings"
	"testing"

	"github.com/shadowreport/shadowreport/internal/xlsxfix"
)

func TestCoder2Agreement(t *testing.T) {
	interviews := [][]string{{"id", "consent", "paid", "age", "where", "kids"}}
	second := [][]string{{"id", "paid", "age", "where"}}
	// ten interviewees coded twice on paid: 8 agree (4 yes, 4 no), 2 disagree → alpha 0.62
	// (Krippendorff's coincidence matrix by hand: o_yy = o_nn = 8, o_yn = o_ny = 2, n = 20,
	// alpha = 1 − 19·4/(400 − 200)); age agrees everywhere it is coded twice.
	first := []string{"yes", "yes", "yes", "yes", "no", "no", "no", "no", "yes", "no"}
	other := []string{"yes", "yes", "yes", "yes", "no", "no", "no", "no", "no", "yes"}
	ages := []string{"under 30", "30-39", "40 and over", "under 30", "30-39", "under 30", "30-39", "40 and over", "under 30", "30-39"}
	for i := range first {
		id := "P" + string(rune('A'+i))
		interviews = append(interviews, []string{id, "aggregate", first[i], ages[i], "north", "1"})
		age := ages[i]
		if i == 9 {
			age = "" // not coded by the second coder: unit 10 is not pairable for age
		}
		second = append(second, []string{strings.ToLower(id), other[i], age, "north;south"})
	}
	interviews = append(interviews, []string{"PX", "withdrawn", "yes", "under 30", "north", "2"})
	second = append(second, []string{"PX", "no", "30-39", "north"}, []string{"PZ", "yes", "30-39", "north"})
	w, cb, diags := load(t, testCodebook, xlsxfix.Sheet{Name: "interviews", Rows: interviews}, xlsxfix.Sheet{Name: "coder2", Rows: second})
	got := diagsAt(diags)
	if !strings.Contains(got["A13"], "PZ") || !strings.Contains(got["A13"], "is not an interviewee of the interviews sheet") || len(got) != 1 {
		t.Errorf("diagnostics %v: want one error for PZ at coder2!A13", got)
	}
	if w.Coder2 == nil || len(w.Coder2.Person) != 10 {
		t.Fatalf("coder2: %+v (the withdrawn PX and the unknown PZ left out)", w.Coder2)
	}
	a, ok := w.Agreement(cb.Lookup("paid"))
	if !ok || !a.AlphaOK || math.Abs(a.Alpha-0.62) > 1e-12 || a.Units != 10 || math.Abs(a.Agreement-0.8) > 1e-12 {
		t.Errorf("paid: %+v, %v; want alpha 0.62 over 10, agreement 0.8", a, ok)
	}
	if a, _ := w.Agreement(cb.Lookup("age")); !a.AlphaOK || a.Alpha != 1 || a.Units != 9 {
		t.Errorf("age: %+v, want alpha 1 over 9", a)
	}
	// where: every set differs ({north} against {north, south}), no variation in the first coding
	if a, _ := w.Agreement(cb.Lookup("where")); a.Agreement != 0 || a.Units != 10 || !a.AlphaOK || a.Alpha >= 0.667 {
		t.Errorf("where: %+v", a)
	}
	if _, ok := w.Agreement(cb.Lookup("kids")); ok {
		t.Error("kids is not in the coder2 sheet but has an agreement")
	}
	if note := AgreementNote(a); !strings.Contains(note, "over 10 interviewees coded twice") {
		t.Errorf("note %q", note)
	}
}
