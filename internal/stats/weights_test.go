package stats

import (
	"math"
	"math/big"
	"testing"
)

// The sample's 40 interviewees of 2017 by age band and province group (no one aged 40 and
// over from the other provinces), raked to the 2014 report's margins 28/40/32% and 58/42%.
// The fixed point has the product form w = r_age·s_province; with the cell counts it must
// satisfy (by hand):
//
//	40+:  8·w = 0.32·40           → w(40+, NH) = 1.6
//	NH:   10a + 12b + 12.8 = 23.2 → 10a + 12b = 10.4
//	other: 5c + 5d = 16.8;  under 30: 10a + 5c = 11.2;  30-39: 12b + 5d = 16;  a/c = b/d
//
// whose solution is a = 0.4, b = 8/15, c = 1.44, d = 1.92; R's survey::rake gives the same
// (0.4, 0.5333, 1.6, 1.44, 1.92) and Kish's effective n 29.469548133597737.
func sampleRake() (age, prov []int) {
	cells := []struct{ age, prov, n int }{{0, 0, 10}, {1, 0, 12}, {2, 0, 8}, {0, 1, 5}, {1, 1, 5}}
	for _, c := range cells {
		for range c.n {
			age = append(age, c.age)
			prov = append(prov, c.prov)
		}
	}
	return age, prov
}

func TestRakeSample(t *testing.T) {
	age, prov := sampleRake()
	res, ok := Rake([][]int{age, prov}, [][]float64{{0.28, 0.40, 0.32}, {0.58, 0.42}})
	if !ok || !res.Converged {
		t.Fatalf("Rake: ok %v converged %v after %d cycles", ok, res.Converged, res.Iterations)
	}
	want := map[[2]int]float64{{0, 0}: 0.4, {1, 0}: 8.0 / 15, {2, 0}: 1.6, {0, 1}: 1.44, {1, 1}: 1.92}
	lo, hi := math.Inf(1), math.Inf(-1)
	for i, w := range res.Weights {
		if x := want[[2]int{age[i], prov[i]}]; math.Abs(w-x) > 1e-9 {
			t.Errorf("weight of (%d, %d) = %.12g, want %.12g", age[i], prov[i], w, x)
		}
		lo, hi = math.Min(lo, w), math.Max(hi, w)
	}
	if math.Abs(lo-0.40) > 1e-9 || math.Abs(hi-1.92) > 1e-9 {
		t.Errorf("weights range %v–%v, want 0.40–1.92", lo, hi)
	}
	if k := KishN(res.Weights); math.Abs(k-29.469548133597737) > 1e-9 {
		t.Errorf("Kish n = %.15g, want 29.4695481336 (29.5 of 40)", k)
	}
}

func TestRakeRefuses(t *testing.T) {
	age, prov := sampleRake()
	for name, c := range map[string]struct {
		cats    [][]int
		targets [][]float64
	}{
		"target for an empty value": {[][]int{prov[:30]}, [][]float64{{0.5, 0.5}}}, // the first 30 are all NH
		"targets not summing to 1":  {[][]int{age}, [][]float64{{0.3, 0.3, 0.3}}},
		"negative target":           {[][]int{age}, [][]float64{{-0.1, 0.6, 0.5}}},
		"NaN target":                {[][]int{age}, [][]float64{{math.NaN(), 0.6, 0.4}}},
		"value out of range":        {[][]int{{0, 3}}, [][]float64{{0.5, 0.5}}},
		"ragged":                    {[][]int{age, prov[:3]}, [][]float64{{0.28, 0.40, 0.32}, {0.58, 0.42}}},
		"no people":                 {[][]int{{}}, [][]float64{{1}}},
		"no margins":                {nil, nil},
	} {
		if _, ok := Rake(c.cats, c.targets); ok {
			t.Errorf("%s: Rake accepted it", name)
		}
	}
	if _, ok := PostStratify([]int{0, 0}, []float64{0.5, 0.5}); ok {
		t.Error("PostStratify accepted a stratum with a target and nobody in it")
	}
}

func TestPostStratify(t *testing.T) {
	// 3 people in stratum 0, 1 in stratum 1, targets 50/50: weights 2/3 and 2
	w, ok := PostStratify([]int{0, 0, 0, 1}, []float64{0.5, 0.5})
	if !ok || w[0] != 2.0/3 || w[3] != 2 {
		t.Errorf("PostStratify = %v, %v", w, ok)
	}
	// Kish n of (2/3, 2/3, 2/3, 2): 16/(3·4/9 + 4) = 3
	if k := KishN(w); math.Abs(k-3) > 1e-12 {
		t.Errorf("Kish n = %v, want 3", k)
	}
}

// Raking on one margin is post-stratification on it, whatever the margin.
func TestRakeOneMarginIsPostStratification(t *testing.T) {
	r := newRand()
	for range 300 {
		k := 2 + r.IntN(4)
		n := k + r.IntN(60)
		cats := make([]int, n)
		for i := range cats {
			cats[i] = i % k // every value has people
			if i >= k {
				cats[i] = r.IntN(k)
			}
		}
		targets := make([]float64, k)
		sum := 0.0
		for v := range targets {
			targets[v] = 0.05 + r.Float64()
			sum += targets[v]
		}
		for v := range targets {
			targets[v] /= sum
		}
		rk, ok1 := Rake([][]int{cats}, [][]float64{targets})
		ps, ok2 := PostStratify(cats, targets)
		if !ok1 || !ok2 || !rk.Converged {
			t.Fatalf("ok %v %v converged %v", ok1, ok2, rk.Converged)
		}
		for i := range ps {
			if math.Abs(ps[i]-rk.Weights[i]) > 1e-9 {
				t.Fatalf("rake %v vs post-stratification %v", rk.Weights[i], ps[i])
			}
		}
	}
}

// R: prop.test(c(19, 31), c(50, 40), correct = FALSE)$p.value = 0.00017874894937339587, and
// with a weighted share 0.741333… at Kish's n 29.46955,
// prop.test(c(19, 0.7413333333333333 * 29.46955), c(50, 29.46955), correct = FALSE)$p.value
// = 0.0018519417492518554 (R warns the counts are not whole; the formula is the same).
func TestScoreTest(t *testing.T) {
	for _, c := range []struct {
		p1, n1, p2, n2, want float64
	}{
		{19.0 / 50, 50, 31.0 / 40, 40, 0.00017874894937339587},
		{19.0 / 50, 50, 0.7413333333333333, 29.46955, 0.0018519417492518554},
		{0.3, 10, 0.3, 20, 1},
	} {
		p, ok := ScoreTest(c.p1, c.n1, c.p2, c.n2)
		if !ok || math.Abs(p-c.want) > 1e-12 {
			t.Errorf("ScoreTest(%v, %v, %v, %v) = %.17g, %v; R says %.17g", c.p1, c.n1, c.p2, c.n2, p, ok, c.want)
		}
	}
	for _, bad := range [][4]float64{{0.5, 0, 0.5, 3}, {1.5, 3, 0.5, 3}, {0.5, 3, math.NaN(), 3}, {0.5, math.Inf(1), 0.2, 3}} {
		if _, ok := ScoreTest(bad[0], bad[1], bad[2], bad[3]); ok {
			t.Errorf("ScoreTest%v accepted", bad)
		}
	}
}

// A p exactly at the threshold is not below it, whatever the last bits: p-values that are
// mathematically 0.05 (Holm's 2·0.025, BH's 3/2·(1/30), a sum of rationals) and the
// threshold 1 − 0.95 = 0.050000000000000044 in binary.
func TestBelowAtTheBoundary(t *testing.T) {
	alpha := 1 - 0.95
	for _, p := range []float64{0.05, 2 * 0.025, 0.01 * 5, 1.5 * (1.0 / 30), 0.1 / 2, math.Nextafter(0.05, 0), math.Nextafter(0.05, 1), math.Nextafter(math.Nextafter(0.05, 0), 0)} {
		if Below(p, alpha) || Below(p, 0.05) {
			t.Errorf("Below(%.20g, 0.05) = true: a p at the threshold passed", p)
		}
	}
	if !Below(0.05*(1-2e-9), 0.05) || !Below(0.0499, alpha) {
		t.Error("a p clearly below the threshold did not pass")
	}
}

// Tables whose Fisher p is exactly a simple fraction, found by exact rational enumeration: the
// verdict's comparison must treat them as at the threshold.
func TestFisherExactRationalBoundary(t *testing.T) {
	found := 0
	for n1 := 1; n1 <= 12; n1++ {
		for n2 := 1; n2 <= 12; n2++ {
			for k1 := 0; k1 <= n1; k1++ {
				for k2 := 0; k2 <= n2; k2++ {
					exact := fisherRational(k1, n1-k1, k2, n2-k2)
					for _, alpha := range []*big.Rat{big.NewRat(1, 20), big.NewRat(1, 10), big.NewRat(1, 100)} {
						if exact.Cmp(alpha) != 0 {
							continue
						}
						found++
						p, _ := FisherExact(k1, n1-k1, k2, n2-k2)
						a, _ := alpha.Float64()
						if Below(p, a) {
							t.Errorf("Fisher p of %d/%d vs %d/%d is exactly %s; computed %.20g passes", k1, n1, k2, n2, alpha, p)
						}
					}
				}
			}
		}
	}
	if found == 0 {
		t.Fatal("no table with a p exactly at a threshold: the test checks nothing")
	}
	t.Logf("%d tables with p exactly 1/10, 1/20 or 1/100", found)
}

// fisherRational is the two-sided Fisher p of [[a, b], [c, d]] in exact arithmetic: the sum
// of the hypergeometric probabilities at most the observed one.
func fisherRational(a, b, c, d int) *big.Rat {
	r1, c1, n := a+b, a+c, a+b+c+d
	prob := func(x int) *big.Rat {
		num := new(big.Int).Mul(new(big.Int).Binomial(int64(r1), int64(x)), new(big.Int).Binomial(int64(n-r1), int64(c1-x)))
		return new(big.Rat).SetFrac(num, new(big.Int).Binomial(int64(n), int64(c1)))
	}
	obs := prob(a)
	sum := new(big.Rat)
	for x := max(0, r1+c1-n); x <= min(r1, c1); x++ {
		if p := prob(x); p.Cmp(obs) <= 0 {
			sum.Add(sum, p)
		}
	}
	return sum
}
