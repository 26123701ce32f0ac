package stats

import (
	"math"
	"testing"
)

// Expected values from R 4: fisher.test(m)$p.value and chisq.test(m, correct = FALSE).
func TestProfileDifference(t *testing.T) {
	cases := []struct {
		name   string
		a, b   []int
		p      float64
		method string
		tvd    float64
		chi2   float64
		df     int
	}{
		// the 2014 report's two published age bands against 2017's: no evidence of a difference
		{"published values only", []int{14, 20}, []int{11, 16}, 1, PExact, math.Abs(14.0/34 - 11.0/27), 0.0011813120309852, 1},
		{"sample age bands", []int{14, 20, 16}, []int{15, 17, 8}, 0.42266055426707455, PExact, 0.12, 1.856197576887, 2},
		{"sparse", []int{1, 5, 0, 2}, []int{6, 1, 4, 0}, 0.0052525733640284324, PExact, -1, -1, 3},
		{"five values", []int{3, 0, 12, 7, 1}, []int{0, 5, 2, 9, 4}, 0.00057178348283925076, PExact, -1, -1, 4},
	}
	for _, c := range cases {
		res, ok := ProfileDifference(c.a, c.b)
		if !ok || res.Method != c.method || math.Abs(res.P-c.p) > 1e-9 || res.DF != c.df {
			t.Errorf("%s: %+v, %v; want p %.12g (%s), df %d", c.name, res, ok, c.p, c.method, c.df)
		}
		if c.tvd >= 0 && math.Abs(res.TVD-c.tvd) > 1e-12 {
			t.Errorf("%s: TVD %v, want %v", c.name, res.TVD, c.tvd)
		}
		if c.chi2 >= 0 {
			if math.Abs(res.Chi2-c.chi2) > 1e-9 || math.Abs(res.CramersV-math.Sqrt(c.chi2/float64(sum(c.a)+sum(c.b)))) > 1e-12 {
				t.Errorf("%s: chi2 %v V %v, want chi2 %v", c.name, res.Chi2, res.CramersV, c.chi2)
			}
		}
	}
}

func sum(xs []int) int {
	s := 0
	for _, x := range xs {
		s += x
	}
	return s
}

// The value a wave did not publish is not a value nobody holds: ProfileDifference is given
// only the values both publish. With the third value as 0 (the old defect), the table
// 14/20/0 vs 11/16/13 gives chi-square 13.41, p = 0.0012 (R); on the published values p = 1.
func TestProfileDroppedValuesAreNotZeros(t *testing.T) {
	wrong, _ := ProfileDifference([]int{14, 20, 0}, []int{11, 16, 13})
	right, _ := ProfileDifference([]int{14, 20}, []int{11, 16})
	if math.Abs(wrong.Chi2-13.406091503268) > 1e-9 || wrong.P > 0.01 {
		t.Errorf("the zero-filled table: %+v", wrong)
	}
	if right.P < 0.9 || right.TVD > 0.01 {
		t.Errorf("the published values: %+v", right)
	}
}

func TestProfileDegenerate(t *testing.T) {
	for name, c := range map[string][2][]int{
		"one value":       {{5, 0}, {7, 0}},
		"empty group":     {{0, 0}, {3, 4}},
		"negative":        {{-1, 3}, {3, 4}},
		"lengths differ":  {{1, 2}, {1, 2, 3}},
		"nothing at all":  {{}, {}},
		"all in one cell": {{4, 0}, {0, 0}},
	} {
		if res, ok := ProfileDifference(c[0], c[1]); ok {
			t.Errorf("%s: %+v", name, res)
		}
	}
	// identical profiles: no distance, p = 1
	if res, ok := ProfileDifference([]int{10, 20, 30}, []int{10, 20, 30}); !ok || res.TVD != 0 || res.P != 1 || res.CramersV != 0 {
		t.Errorf("identical: %+v", res)
	}
}

// The exact p agrees with the 2 × 2 Fisher test already checked against R, and the count of
// tables with the observed margins agrees with brute force.
func TestProfileExactProperties(t *testing.T) {
	r := newRand()
	for range 400 {
		a := []int{r.IntN(15), r.IntN(15)}
		b := []int{r.IntN(15), r.IntN(15)}
		res, ok := ProfileDifference(a, b)
		if !ok {
			continue
		}
		if res.Values == 2 {
			p, _ := FisherExact(a[0], a[1], b[0], b[1])
			if math.Abs(p-res.P) > 1e-12 {
				t.Fatalf("%v vs %v: 2×k p %v, Fisher %v", a, b, res.P, p)
			}
		}
	}
	for range 200 {
		k := 2 + r.IntN(3)
		cols := make([]int, k)
		total := 0
		for j := range cols {
			cols[j] = r.IntN(6)
			total += cols[j]
		}
		row := r.IntN(total + 1)
		brute := 0
		var rec func(j, left int)
		rec = func(j, left int) {
			if j == k {
				if left == 0 {
					brute++
				}
				return
			}
			for x := 0; x <= cols[j] && x <= left; x++ {
				rec(j+1, left-x)
			}
		}
		rec(0, row)
		if got := countTables(cols, row, 1<<30); got != brute {
			t.Fatalf("countTables(%v, %d) = %d, brute force %d", cols, row, got, brute)
		}
		if got := countTables(cols, row, 2); got != min(brute, 3) {
			t.Fatalf("capped countTables(%v, %d) = %d, want %d", cols, row, got, min(brute, 3))
		}
	}
}

// A table with too many arrangements for enumeration and small expected counts gets a
// simulated p, the same on every run, near the exact one.
func TestProfileSimulated(t *testing.T) {
	a := []int{1, 0, 2, 60, 70, 80, 90, 100, 110, 120}
	b := []int{4, 3, 0, 65, 72, 75, 95, 98, 100, 125}
	res, ok := ProfileDifference(a, b)
	if !ok || res.Method != PSimulated || res.Draws == 0 {
		t.Fatalf("%+v", res)
	}
	again, _ := ProfileDifference(a, b)
	if again.P != res.P {
		t.Errorf("simulated p differs between runs: %v, %v", res.P, again.P)
	}
	// R: fisher.test(m, simulate.p.value = TRUE, B = 1e5) gives 0.6483 (seed 1); the Monte
	// Carlo standard error of our p is about √(0.65·0.35/20000) = 0.0034 and R's 0.0015
	if math.Abs(res.P-0.6483) > 0.02 {
		t.Errorf("simulated p %v, R's simulation 0.6483", res.P)
	}
}
