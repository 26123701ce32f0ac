package present

import (
	"bytes"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/compare"
	"github.com/shadowreport/shadowreport/internal/dataset"
	"github.com/shadowreport/shadowreport/internal/stats"
	"github.com/xuri/excelize/v2"
)

// An interval limit that rounds to 0 (a difference) or to 0% or 100% (a share) while it is not
// exactly that is printed with a decimal: a printed "0" beside "the interval excludes no
// difference" contradicts the note, and "CI 0–2%" for 1 of 250 says nobody may have said so.
func TestIntervalLimitsNeverRoundToZeroOrAll(t *testing.T) {
	iv := func(lo, hi float64) *compare.Interval { return &compare.Interval{lo, hi} }
	w := func(k, n int) *compare.Interval {
		x := stats.Wilson(k, n, 0.95)
		return iv(x.Lo, x.Hi)
	}
	nc := func(k2, n2, k1, n1 int) *compare.Interval {
		x := stats.Newcombe(k2, n2, k1, n1, 0.95)
		return iv(x.Lo, x.Hi)
	}
	tests := []struct{ got, want string }{
		// R: prop.test(1, 250, correct = FALSE)$conf.int is 0.000706447534065 0.022305785565416
		{PercentRange(w(1, 250)), "0.1–2%"},
		// R: prop.test(49, 50, correct = FALSE)$conf.int is 0.895045564104 0.996460740728
		{PercentRange(w(49, 50)), "90–99.6%"},
		// R: prop.test(999, 1000, correct = FALSE)$conf.int is 0.994357441402 0.999823453629:
		// 99.98 rounds to 100.0 at one decimal, so two
		{PercentRange(w(999, 1000)), "99–99.98%"},
		// R: prop.test(1, 100000, correct = FALSE)$conf.int is 1.76524773038e-06 5.66470965904e-05
		{PercentRange(w(1, 100000)), "<0.01–0.01%"},
		// exactly 0 and exactly 1 stay whole: 0 of 40 and 40 of 40
		{PercentRange(w(0, 40)), "0–9%"},
		{PercentRange(w(40, 40)), "91–100%"},
		// 2 of 40 against 8 of 40: Newcombe's interval is [0.000805700597837, 0.301943256410188]
		// (R, lib newcombe(8, 40, 2, 40, .95)); the reverse is its negative
		{PointsRange(nc(8, 40, 2, 40)), "+0.1 to +30 points"},
		{PointsRange(nc(2, 40, 8, 40)), "−30 to −0.1 points"},
		{PointsRange(iv(0.00004, 0.3)), "+<0.01 to +30 points"},
		{PointsRange(iv(-0.00004, 0.3)), "−<0.01 to +30 points"},
		{PointsRange(iv(-0.0004, 0.3)), "−0.04 to +30 points"},
		{PointsRange(iv(0, 0.3)), "0 to +30 points"},
		{PointsRange(iv(-1, -0.9996)), "−100 to −99.96 points"},
	}
	for i, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%d: %q, want %q", i, tt.got, tt.want)
		}
	}
}

// parseLimit reads a printed limit back: its value in points or percent, its sign and its
// decimals; "<0.01" reads as 0.005 with two decimals (under half its last digit, then: any
// magnitude below 0.005 is within it), ">99.99" as 99.995.
func parseLimit(t *testing.T, s string) (v float64, decimals int) {
	t.Helper()
	neg := strings.HasPrefix(s, Minus)
	s = strings.TrimPrefix(strings.TrimPrefix(s, Minus), "+")
	switch s {
	case "<0.01":
		s = "0.005"
	case ">99.99":
		s = "99.995"
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("limit %q: %v", s, err)
	}
	if i := strings.IndexByte(s, '.'); i >= 0 {
		decimals = min(2, len(s)-i-1)
	}
	if neg {
		v = -v
	}
	return v, decimals
}

// For every k ≤ n ≤ 60 the printed Wilson interval never shows 0 or 100 unless the limit is
// exactly that, and each printed limit is the true one rounded (within half its last digit).
// For every pair of counts of a grid of bases, the printed Newcombe interval never shows a
// limit of 0 unless it is exactly 0, and its signs say whether it excludes no difference
// exactly when the interval does — the condition of the ci_note.
func TestPrintedIntervalsAreHonestExhaustively(t *testing.T) {
	for _, level := range []float64{0.9, 0.95, 0.99} {
		for n := 1; n <= 60; n++ {
			for k := 0; k <= n; k++ {
				x := stats.Wilson(k, n, level)
				got := PercentRange(&compare.Interval{x.Lo, x.Hi})
				lo, hi, ok := strings.Cut(strings.TrimSuffix(got, "%"), EnDash)
				if !ok {
					t.Fatalf("%d of %d: %q", k, n, got)
				}
				for _, l := range []struct {
					text  string
					value float64
				}{{lo, x.Lo}, {hi, x.Hi}} {
					v, d := parseLimit(t, l.text)
					if (v == 0) != (l.value == 0) || (v == 100) != (l.value == 1) {
						t.Errorf("%d of %d at %g: %q for the limit %.6g", k, n, level, got, l.value)
					}
					if math.Abs(v-l.value*100) > 0.5*math.Pow(10, -float64(d))+1e-9 {
						t.Errorf("%d of %d at %g: %q is not %.6g rounded", k, n, level, got, l.value)
					}
				}
			}
		}
	}
	bases := []int{1, 2, 7, 10, 23, 40, 41, 60}
	for _, n1 := range bases {
		for _, n2 := range bases {
			for k1 := 0; k1 <= n1; k1++ {
				for k2 := 0; k2 <= n2; k2++ {
					x := stats.Newcombe(k2, n2, k1, n1, 0.95)
					got := PointsRange(&compare.Interval{x.Lo, x.Hi})
					lo, hi, ok := strings.Cut(strings.TrimSuffix(got, " points"), " to ")
					if !ok {
						t.Fatalf("%d/%d v %d/%d: %q", k2, n2, k1, n1, got)
					}
					vlo, dlo := parseLimit(t, lo)
					vhi, dhi := parseLimit(t, hi)
					if (vlo == 0) != (x.Lo == 0) || (vhi == 0) != (x.Hi == 0) {
						t.Errorf("%d/%d v %d/%d: %q for [%.6g, %.6g]", k2, n2, k1, n1, got, x.Lo, x.Hi)
					}
					if math.Abs(vlo-x.Lo*100) > 0.5*math.Pow(10, -float64(dlo))+1e-9 || math.Abs(vhi-x.Hi*100) > 0.5*math.Pow(10, -float64(dhi))+1e-9 {
						t.Errorf("%d/%d v %d/%d: %q is not [%.6g, %.6g] rounded", k2, n2, k1, n1, got, x.Lo, x.Hi)
					}
					printedExcludes := strings.HasPrefix(lo, "+") || strings.HasPrefix(hi, Minus)
					if printedExcludes != (x.Lo > 0 || x.Hi < 0) {
						t.Errorf("%d/%d v %d/%d: %q for [%.6g, %.6g]: the signs say otherwise", k2, n2, k1, n1, got, x.Lo, x.Hi)
					}
				}
			}
		}
	}
}

// The note a finding's interval gets and the interval printed beside it never disagree: for
// every pair of counts of 20 and 30 people compared, an "excludes no difference" note comes
// with a printed interval whose limits have one sign, and no such note with one that spans 0.
func TestPrintedIntervalAgreesWithItsNote(t *testing.T) {
	c := &codebook.Code{Name: "x", Label: "X", Type: codebook.YesNo, Direction: codebook.WorseIfHigher}
	cb := &codebook.Codebook{Codes: []*codebook.Code{c}}
	for k1 := 0; k1 <= 20; k1++ {
		for k2 := 0; k2 <= 30; k2++ {
			r, err := compare.Compare(cb, []*dataset.Wave{
				{Name: "2014", Kind: dataset.Aggregate, Figures: []dataset.Figure{{Code: c, N: 20, Count: k1, CountMin: k1, CountMax: k1}}},
				{Name: "2017", Kind: dataset.Aggregate, Figures: []dataset.Figure{{Code: c, N: 30, Count: k2, CountMin: k2, CountMax: k2}}},
			}, compare.Options{})
			if err != nil {
				t.Fatal(err)
			}
			f := r.Findings[0]
			got := PointsRange(f.DiffCI)
			lo, hi, _ := strings.Cut(strings.TrimSuffix(got, " points"), " to ")
			printedExcludes := strings.HasPrefix(lo, "+") || strings.HasPrefix(hi, Minus)
			noted := f.CINote == compare.CIExcludesZeroNotSignificant || f.CINote == compare.CIExcludesZeroNotTested
			significant := f.Verdict == compare.Worse || f.Verdict == compare.Better
			if noted && !printedExcludes || f.CINote == compare.CIIncludesZeroSignificant && printedExcludes ||
				!significant && !noted && printedExcludes {
				t.Errorf("%d of 20 v %d of 30: %q beside the note %q (verdict %s)", k1, k2, got, f.CINote, f.Verdict)
			}
		}
	}
}

// The trends sheet shows a rebuilt range as the comparison does, says which counts its test
// took, and labels every trend as not adjusted for their number and descriptive.
func TestTrendsSheetShowsRangesAndItsNote(t *testing.T) {
	c := &codebook.Code{Name: "x", Label: "X", Type: codebook.YesNo, Direction: codebook.WorseIfHigher}
	r, err := compare.Compare(&codebook.Codebook{Codes: []*codebook.Code{c}}, []*dataset.Wave{
		{Name: "2011", Kind: dataset.Aggregate, Figures: []dataset.Figure{{Code: c, N: 60, Count: 10, CountMin: 10, CountMax: 10}}},
		{Name: "2014", Kind: dataset.Aggregate, Figures: []dataset.Figure{{Code: c, N: 200, Count: 66, CountMin: 65, CountMax: 67, Rebuilt: true}}},
		interviews("2017", 0, yn(c, 28, 40)),
	}, compare.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := XLSX(&b, r); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(SheetTrends)
	if err != nil || len(rows) != 3 {
		t.Fatalf("trends sheet: %v, %v", rows, err)
	}
	head, row := rows[1], rows[2]
	cell := func(name string) string {
		for i, h := range head {
			if h == name && i < len(row) {
				return row[i]
			}
		}
		return ""
	}
	if got := cell("2014 count"); got != "65–67" {
		t.Errorf("2014 count %q, want the range 65–67", got)
	}
	if got := cell("2014 share"); got != "33%" {
		t.Errorf("2014 share %q, want the 33%% published", got)
	}
	if got := cell("rebuilt counts tested"); got != "the least favourable" {
		t.Errorf("rebuilt counts tested %q", got)
	}
	if got := cell("note"); got != "not adjusted for the number of trends; descriptive" {
		t.Errorf("note %q", got)
	}
}
