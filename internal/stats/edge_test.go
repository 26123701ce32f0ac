package stats

import (
	"math"
	"testing"
)

// finite reports whether every value is a finite number.
func finite(xs ...float64) bool {
	for _, x := range xs {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return false
		}
	}
	return true
}

func TestIntervalEdgeCases(t *testing.T) {
	nan := math.NaN()
	cases := []struct {
		name           string
		k1, n1, k2, n2 int
		level          float64
		ok             bool
	}{
		{"0 of n", 0, 10, 0, 10, 0.95, true},
		{"n of n", 10, 10, 10, 10, 0.95, true},
		{"0 of n vs n of n", 0, 10, 10, 10, 0.95, true},
		{"n = 1, 0", 0, 1, 1, 1, 0.95, true},
		{"n = 1, 1", 1, 1, 1, 1, 0.99, true},
		{"big n", 3, 1 << 40, 1<<40 - 1, 1 << 40, 0.95, true},
		{"tiny level", 3, 10, 5, 10, 1e-12, true},
		{"level near 1", 3, 10, 5, 10, 1 - 1e-12, true},
		{"n = 0", 0, 0, 1, 2, 0.95, false},
		{"second n = 0", 1, 2, 0, 0, 0.95, false},
		{"negative n", 0, -1, 1, 2, 0.95, false},
		{"negative k", -1, 5, 1, 2, 0.95, false},
		{"k > n", 6, 5, 1, 2, 0.95, false},
		{"level 0", 1, 5, 1, 2, 0, false},
		{"level 1", 1, 5, 1, 2, 1, false},
		{"level > 1", 1, 5, 1, 2, 95, false},
		{"level < 0", 1, 5, 1, 2, -0.95, false},
		{"level NaN", 1, 5, 1, 2, nan, false},
		{"level +Inf", 1, 5, 1, 2, math.Inf(1), false},
	}
	for _, c := range cases {
		w := Wilson(c.k1, c.n1, c.level)
		nc := Newcombe(c.k1, c.n1, c.k2, c.n2, c.level)
		if nc.OK != c.ok {
			t.Errorf("%s: Newcombe OK = %v, want %v (%+v)", c.name, nc.OK, c.ok, nc)
		}
		for _, iv := range []Interval{w, nc} {
			if iv.OK && (!finite(iv.Lo, iv.Hi) || iv.Lo > iv.Hi) {
				t.Errorf("%s: bad interval %+v", c.name, iv)
			}
			if !iv.OK && (iv.Lo != 0 || iv.Hi != 0) {
				t.Errorf("%s: not-OK interval carries values %+v", c.name, iv)
			}
		}
	}
	// Exact boundaries at 0 of n and n of n.
	if w := Wilson(0, 7, 0.95); w.Lo != 0 || w.Hi >= 1 {
		t.Errorf("Wilson(0, 7) = %+v, want Lo exactly 0", w)
	}
	if w := Wilson(7, 7, 0.95); w.Hi != 1 || w.Lo <= 0 {
		t.Errorf("Wilson(7, 7) = %+v, want Hi exactly 1", w)
	}
	if nc := Newcombe(0, 10, 0, 10, 0.95); !nc.OK || nc.Lo >= 0 || nc.Hi <= 0 || math.Abs(nc.Lo+nc.Hi) > 1e-15 {
		t.Errorf("Newcombe(0/10, 0/10) = %+v, want a symmetric interval around 0", nc)
	}
}

func TestFisherEdgeCases(t *testing.T) {
	cases := []struct {
		name       string
		a, b, c, d int
		p          float64 // -1: only check it is a p-value
		ok         bool
	}{
		{"all zero", 0, 0, 0, 0, 1, true},
		{"empty row", 0, 0, 3, 4, 1, true},
		{"empty column", 5, 0, 7, 0, 1, true},
		{"single count", 1, 0, 0, 0, 1, true},
		{"perfect split", 10, 0, 0, 10, -1, true},
		{"million, far from H0", 300000, 200000, 250000, 250000, 0, true},
		{"million, lopsided", 999990, 10, 999000, 1000, -1, true},
		{"million, rare", 10, 999990, 25, 999975, -1, true},
		{"negative", -1, 2, 3, 4, 0, false},
		{"negative d", 1, 2, 3, -4, 0, false},
		{"beyond R's integer limit", math.MaxInt32, 1, 0, 0, 0, false},
	}
	for _, c := range cases {
		p, ok := FisherExact(c.a, c.b, c.c, c.d)
		if ok != c.ok {
			t.Errorf("%s: ok = %v, want %v", c.name, ok, c.ok)
			continue
		}
		if ok && (!finite(p) || p < 0 || p > 1 || (c.p >= 0 && p != c.p)) {
			t.Errorf("%s: p = %v, want %v", c.name, p, c.p)
		}
	}
}

func TestAdjustEdgeCases(t *testing.T) {
	nan := math.NaN()
	for _, fn := range []func([]float64) []float64{Holm, BenjaminiHochberg} {
		if got := fn(nil); len(got) != 0 {
			t.Errorf("nil input gave %v", got)
		}
		if got := fn([]float64{0.2}); got[0] != 0.2 {
			t.Errorf("single value gave %v", got)
		}
		if got := fn([]float64{nan, nan}); !math.IsNaN(got[0]) || !math.IsNaN(got[1]) {
			t.Errorf("all NaN gave %v", got)
		}
		// One non-NaN value: m = 1, so it is not adjusted (R: n <= 1).
		if got := fn([]float64{nan, 0.3, nan}); got[1] != 0.3 || !math.IsNaN(got[0]) {
			t.Errorf("one non-NaN gave %v", got)
		}
		if got := fn([]float64{0.3, 0.6}); !finite(got...) || got[1] != 0.6 {
			t.Errorf("two values gave %v", got)
		}
		if got := fn([]float64{1, 1, 1}); got[0] != 1 || got[2] != 1 {
			t.Errorf("all ones gave %v", got)
		}
	}
}

func TestTrendEdgeCases(t *testing.T) {
	s3 := []float64{2011, 2014, 2017}
	cases := []struct {
		name   string
		k, n   []int
		scores []float64
		ok     bool
	}{
		{"all no", []int{0, 0, 0}, []int{10, 20, 30}, s3, false},
		{"all yes", []int{10, 20, 30}, []int{10, 20, 30}, s3, false},
		{"one group", []int{3}, []int{10}, []float64{1}, false},
		{"no groups", nil, nil, nil, false},
		{"one group left after n = 0", []int{3, 0, 0}, []int{10, 0, 0}, s3, false},
		{"n = 0 group skipped", []int{3, 0, 5}, []int{10, 0, 10}, s3, true},
		{"equal scores", []int{3, 4, 5}, []int{10, 10, 10}, []float64{7, 7, 7}, false},
		{"length mismatch", []int{3, 4}, []int{10, 10, 10}, s3, false},
		{"scores mismatch", []int{3, 4, 5}, []int{10, 10, 10}, []float64{1, 2}, false},
		{"k > n", []int{11, 4, 5}, []int{10, 10, 10}, s3, false},
		{"negative k", []int{-1, 4, 5}, []int{10, 10, 10}, s3, false},
		{"negative n", []int{0, 4, 5}, []int{-1, 10, 10}, s3, false},
		{"NaN score", []int{3, 4, 5}, []int{10, 10, 10}, []float64{1, math.NaN(), 3}, false},
		{"Inf score", []int{3, 4, 5}, []int{10, 10, 10}, []float64{1, math.Inf(1), 3}, false},
		{"no trend at all", []int{5, 5, 5}, []int{10, 10, 10}, s3, true},
		{"n = 1 groups", []int{1, 0}, []int{1, 1}, []float64{1, 2}, true},
	}
	for _, c := range cases {
		chi2, p, ok := TrendTest(c.k, c.n, c.scores)
		if ok != c.ok {
			t.Errorf("%s: ok = %v, want %v", c.name, ok, c.ok)
		}
		if ok && (!finite(chi2, p) || p < 0 || p > 1 || chi2 < 0) {
			t.Errorf("%s: chi2 = %v, p = %v", c.name, chi2, p)
		}
		if !ok && (chi2 != 0 || p != 0) {
			t.Errorf("%s: not OK but returned %v, %v", c.name, chi2, p)
		}
	}
	// Exactly no trend: chi2 = 0, p = 1.
	if chi2, p, _ := TrendTest([]int{5, 5, 5}, []int{10, 10, 10}, s3); chi2 != 0 || p != 1 {
		t.Errorf("flat trend gave %v, %v", chi2, p)
	}
}

func TestChiSquareEdgeCases(t *testing.T) {
	cases := []struct {
		name  string
		table [][]int
		ok    bool
		df    int
	}{
		{"nil", nil, false, 0},
		{"empty rows", [][]int{{}, {}}, false, 0},
		{"one row", [][]int{{1, 2, 3}}, false, 0},
		{"one column", [][]int{{1}, {2}}, false, 0},
		{"all zero", [][]int{{0, 0}, {0, 0}}, false, 0},
		{"one non-zero row left", [][]int{{0, 0}, {3, 4}}, false, 0},
		{"one non-zero column left", [][]int{{0, 5}, {0, 4}}, false, 0},
		{"ragged", [][]int{{1, 2}, {3}}, false, 0},
		{"negative", [][]int{{1, -2}, {3, 4}}, false, 0},
		{"zero row dropped", [][]int{{5, 6, 7}, {0, 0, 0}, {8, 3, 1}}, true, 2},
		{"zero column dropped", [][]int{{5, 0, 7}, {9, 0, 1}}, true, 1},
		{"independent", [][]int{{10, 20}, {10, 20}}, true, 1},
		{"n = 2", [][]int{{1, 0}, {0, 1}}, true, 1},
	}
	for _, c := range cases {
		res, ok := ChiSquare(c.table)
		if ok != c.ok {
			t.Errorf("%s: ok = %v, want %v", c.name, ok, c.ok)
			continue
		}
		if ok && (!finite(res.Stat, res.P) || res.P < 0 || res.P > 1 || res.DF != c.df) {
			t.Errorf("%s: %+v, want df %d", c.name, res, c.df)
		}
		if !ok && res != (ChiSquareResult{}) {
			t.Errorf("%s: not OK but returned %+v", c.name, res)
		}
	}
	if res, _ := ChiSquare([][]int{{1, 0}, {0, 1}}); !res.SmallExpected {
		t.Error("expected counts of 0.5 not flagged as small")
	}
	if res, _ := ChiSquare([][]int{{10, 20}, {10, 20}}); res.SmallExpected || res.Stat != 0 || res.P != 1 {
		t.Errorf("independent table gave %+v", res)
	}
}

func TestQuartilesEdgeCases(t *testing.T) {
	if _, _, _, ok := Quartiles(nil); ok {
		t.Error("empty slice should not be OK")
	}
	if _, _, _, ok := Quartiles([]float64{1, math.NaN()}); ok {
		t.Error("NaN should not be OK")
	}
	if _, _, _, ok := Quartiles([]float64{1, math.Inf(1)}); ok {
		t.Error("Inf should not be OK")
	}
	if q1, med, q3, ok := Quartiles([]float64{4}); !ok || q1 != 4 || med != 4 || q3 != 4 {
		t.Errorf("single value gave %v %v %v %v", q1, med, q3, ok)
	}
	if q1, med, q3, ok := Quartiles([]float64{1, 2}); !ok || q1 != 1.25 || med != 1.5 || q3 != 1.75 {
		t.Errorf("{1, 2} gave %v %v %v %v", q1, med, q3, ok)
	}
}
