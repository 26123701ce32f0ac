package stats

import (
	"math"
	"testing"
)

// Values published in the literature, independent of R and of this code.
// Four-decimal published figures are checked to 1e-4.

func TestPublishedNewcombe(t *testing.T) {
	// Newcombe (1998) Stat Med 17:873–890, Table II, method 10.
	cases := []struct {
		k1, n1, k2, n2 int
		lo, hi         float64
	}{
		{56, 70, 48, 80, 0.0524, 0.3339},
		{9, 10, 3, 10, 0.1705, 0.8090},
		{6, 7, 2, 7, 0.0582, 0.8062},
		{5, 56, 0, 29, -0.0381, 0.1926},
		// the example of docs/statistics.md: 2017 (28/40) minus 2014 (31/50)
		{28, 40, 31, 50, -0.1163, 0.2628},
	}
	for _, c := range cases {
		got := Newcombe(c.k1, c.n1, c.k2, c.n2, 0.95)
		if !got.OK || math.Abs(got.Lo-c.lo) > 1e-4 || math.Abs(got.Hi-c.hi) > 1e-4 {
			t.Errorf("Newcombe(%d/%d − %d/%d) = %+v, published [%.4f, %.4f]", c.k1, c.n1, c.k2, c.n2, got, c.lo, c.hi)
		}
	}
}

func TestPublishedWilson(t *testing.T) {
	cases := []struct {
		k, n   int
		lo, hi float64
	}{
		{20, 40, 0.3520, 0.6480}, // docs/notes reference value
		{31, 50, 0.4815, 0.7414}, // the example of docs/statistics.md
		{28, 40, 0.5457, 0.8193}, // the example of docs/statistics.md
		// Newcombe (1998) Stat Med 17:857–872, Table I, method 3 (score, no CC)
		{81, 263, 0.2553, 0.3662},
		{15, 148, 0.0624, 0.1605},
		{0, 20, 0, 0.1611},
		{1, 29, 0.0061, 0.1718},
	}
	for _, c := range cases {
		got := Wilson(c.k, c.n, 0.95)
		if !got.OK || math.Abs(got.Lo-c.lo) > 1e-4 || math.Abs(got.Hi-c.hi) > 1e-4 {
			t.Errorf("Wilson(%d, %d) = %+v, published [%.4f, %.4f]", c.k, c.n, got, c.lo, c.hi)
		}
	}
}

func TestPublishedFisher(t *testing.T) {
	// Fisher's lady tasting tea (Agresti, Categorical Data Analysis, 2nd ed., §3.5.2):
	// two-sided p = 34/70.
	p, ok := FisherExact(3, 1, 1, 3)
	if !ok || math.Abs(p-34.0/70) > 1e-9 || math.Abs(p-0.4857142857) > 1e-9 {
		t.Errorf("tea tasting p = %.12g, %v; want 0.4857142857", p, ok)
	}
	// the example of docs/statistics.md: 31/50 vs 28/40, p = 0.5058.
	p, ok = FisherExact(31, 19, 28, 12)
	if !ok || math.Abs(p-0.5058) > 1e-4 {
		t.Errorf("spec example p = %.6g, %v; want 0.5058", p, ok)
	}
}

func TestPublishedAdjust(t *testing.T) {
	p := []float64{0.01, 0.04, 0.03, 0.005}
	check := func(name string, got, want []float64) {
		t.Helper()
		for i := range want {
			if math.Abs(got[i]-want[i]) > 1e-12 {
				t.Errorf("%s(%v) = %v, want %v", name, p, got, want)
				return
			}
		}
	}
	check("Holm", Holm(p), []float64{0.03, 0.06, 0.06, 0.02})
	check("BenjaminiHochberg", BenjaminiHochberg(p), []float64{0.02, 0.04, 0.04, 0.02})
}

// Adjusting over a family larger than the p-values known: the tests without a p count, as in
// R's p.adjust(p, method, n = n), where the family's other tests rank after these.
func TestAdjustOverALargerFamily(t *testing.T) {
	p := []float64{0.01, 0.04, 0.03, 0.2}
	check := func(name string, got, want []float64) {
		t.Helper()
		for i := range want {
			if math.Abs(got[i]-want[i]) > 1e-12 {
				t.Errorf("%s(%v) = %v, want %v", name, p, got, want)
				return
			}
		}
	}
	// R: p.adjust(c(0.01, 0.04, 0.03, 0.2), "holm", n = 6)  # 0.06 0.16 0.15 0.60
	check("HolmOver", HolmOver(p, 6), []float64{0.06, 0.16, 0.15, 0.6})
	// R: p.adjust(c(0.01, 0.04, 0.03, 0.2), "BH", n = 6)    # 0.06 0.08 0.08 0.30
	check("BenjaminiHochbergOver", BenjaminiHochbergOver(p, 6), []float64{0.06, 0.08, 0.08, 0.3})
	// one p in a family of two: R p.adjust(0.0384714465582761, "holm", n = 2) is 0.0769428931165521
	check("HolmOver one", HolmOver([]float64{0.0384714465582761}, 2), []float64{0.0769428931165521})
	// R: p.adjust(0.3, "holm", n = 5) is 1 (capped)
	check("HolmOver capped", HolmOver([]float64{0.3}, 5), []float64{1})
	// n below the number of p is the plain adjustment (R refuses it; the tool counts m)
	check("HolmOver small n", HolmOver(p, 2), Holm(p))
}

func TestPublishedTrend(t *testing.T) {
	// 15/30, 10/30, 5/30 with scores 1, 2, 3: chi2 = 7.5, p = 0.006169899.
	chi2, p, ok := TrendTest([]int{15, 10, 5}, []int{30, 30, 30}, []float64{1, 2, 3})
	if !ok || math.Abs(chi2-7.5) > 1e-9 || math.Abs(p-0.006169899) > 1e-9 {
		t.Errorf("TrendTest = %v, %v, %v; want 7.5, 0.006169899", chi2, p, ok)
	}
}
