package stats

import (
	"math"
	"math/big"
	"math/rand/v2"
	"slices"
	"testing"
)

// Seeded property tests: each checks a fact that holds by construction of
// the method, independently of R.

func newRand() *rand.Rand { return rand.New(rand.NewPCG(20240611, 1998)) }

var testLevels = []float64{0.5, 0.8, 0.9, 0.95, 0.99, 0.999}

func TestWilsonProperties(t *testing.T) {
	r := newRand()
	for range 5000 {
		n := 1 + r.IntN(2000)
		k := r.IntN(n + 1)
		level := testLevels[r.IntN(len(testLevels))]
		iv := Wilson(k, n, level)
		p := float64(k) / float64(n)
		if !iv.OK || !(0 <= iv.Lo && iv.Lo <= p && p <= iv.Hi && iv.Hi <= 1) {
			t.Fatalf("Wilson(%d, %d, %v) = %+v: must contain %v within [0, 1]", k, n, level, iv, p)
		}
		// The limits solve the score equation (p − π)² = z²·π(1 − π)/n
		// (Wilson 1927); at k = 0 or k = n one limit is the boundary.
		z, _ := zFor(level)
		for _, pi := range []float64{iv.Lo, iv.Hi} {
			if (pi == 0 && k == 0) || (pi == 1 && k == n) {
				continue
			}
			lhs := (p - pi) * (p - pi)
			rhs := z * z * pi * (1 - pi) / float64(n)
			if math.Abs(lhs-rhs) > 1e-12 {
				t.Fatalf("Wilson(%d, %d, %v) limit %v: score equation off by %g", k, n, level, pi, lhs-rhs)
			}
		}
	}
}

func TestNewcombeProperties(t *testing.T) {
	r := newRand()
	for range 5000 {
		n1, n2 := 1+r.IntN(500), 1+r.IntN(500)
		k1, k2 := r.IntN(n1+1), r.IntN(n2+1)
		level := testLevels[r.IntN(len(testLevels))]
		iv := Newcombe(k1, n1, k2, n2, level)
		d := float64(k1)/float64(n1) - float64(k2)/float64(n2)
		if !iv.OK || !(-1 <= iv.Lo && iv.Lo <= d && d <= iv.Hi && iv.Hi <= 1) {
			t.Fatalf("Newcombe(%d/%d, %d/%d, %v) = %+v: must contain %v within [-1, 1]", k1, n1, k2, n2, level, iv, d)
		}
		// Swapping the groups mirrors the interval.
		sw := Newcombe(k2, n2, k1, n1, level)
		if math.Abs(sw.Lo+iv.Hi) > 1e-12 || math.Abs(sw.Hi+iv.Lo) > 1e-12 {
			t.Fatalf("Newcombe not antisymmetric: %+v vs %+v", iv, sw)
		}
	}
}

func TestIntervalsNarrowWithN(t *testing.T) {
	for _, share := range [][2]int{{0, 10}, {1, 10}, {3, 10}, {1, 2}, {9, 10}, {10, 10}} {
		for _, level := range []float64{0.9, 0.95, 0.99} {
			prevW, prevN := math.Inf(1), math.Inf(1)
			for m := 1; m <= 1<<16; m *= 2 {
				k, n := share[0]*m, share[1]*m
				w := Wilson(k, n, level)
				nc := Newcombe(k, n, share[1]*m-k, n, level) // p1 − p2 with the mirrored share
				if !w.OK || !nc.OK {
					t.Fatalf("not OK at %d/%d", k, n)
				}
				if w.Hi-w.Lo >= prevW || nc.Hi-nc.Lo >= prevN {
					t.Fatalf("%d/%d at %v: width did not shrink (Wilson %v → %v, Newcombe %v → %v)",
						k, n, level, prevW, w.Hi-w.Lo, prevN, nc.Hi-nc.Lo)
				}
				prevW, prevN = w.Hi-w.Lo, nc.Hi-nc.Lo
			}
		}
	}
}

// exactFisher computes R's definition of the two-sided p with exact rational
// arithmetic: P(x) = C(r1, x)·C(r2, c1 − x)/C(N, c1) summed over the x with
// P(x) <= P(a)·(1 + 1e-7).
func exactFisher(a, b, c, d int) float64 {
	r1, r2, c1 := a+b, c+d, a+c
	binom := func(n, k int) *big.Int { return new(big.Int).Binomial(int64(n), int64(k)) }
	weight := func(x int) *big.Rat {
		return new(big.Rat).SetInt(new(big.Int).Mul(binom(r1, x), binom(r2, c1-x)))
	}
	limit := new(big.Rat).Mul(weight(a), new(big.Rat).SetFrac64(10000001, 10000000))
	sum := new(big.Rat)
	for x := max(0, c1-r2); x <= min(r1, c1); x++ {
		if w := weight(x); w.Cmp(limit) <= 0 {
			sum.Add(sum, w)
		}
	}
	p, _ := sum.Quo(sum, new(big.Rat).SetInt(binom(r1+r2, c1))).Float64()
	return p
}

func TestFisherAgainstExactArithmetic(t *testing.T) {
	r := newRand()
	for i := range 3000 {
		hi := 8
		if i%3 == 0 {
			hi = 120
		}
		a, b, c, d := r.IntN(hi), r.IntN(hi), r.IntN(hi), r.IntN(hi)
		got, ok := FisherExact(a, b, c, d)
		want := exactFisher(a, b, c, d)
		if !ok || math.Abs(got-want) > 1e-12*math.Max(want, 1e-300) {
			t.Fatalf("FisherExact(%d, %d, %d, %d) = %.17g, exact %.17g", a, b, c, d, got, want)
		}
		// The test ignores how the table is oriented.
		for _, q := range [][4]int{{b, a, d, c}, {c, d, a, b}, {a, c, b, d}, {d, c, b, a}} {
			if p2, _ := FisherExact(q[0], q[1], q[2], q[3]); math.Abs(p2-got) > 1e-12*math.Max(got, 1e-300) {
				t.Fatalf("FisherExact(%d, %d, %d, %d) = %v but %v for %v", a, b, c, d, got, p2, q)
			}
		}
	}
}

func TestPValuesInUnitInterval(t *testing.T) {
	r := newRand()
	for range 2000 {
		a, b, c, d := r.IntN(5000), r.IntN(5000), r.IntN(50), r.IntN(50)
		if p, ok := FisherExact(a, b, c, d); !ok || !(p >= 0 && p <= 1) {
			t.Fatalf("FisherExact(%d, %d, %d, %d) = %v, %v", a, b, c, d, p, ok)
		}
		g := 2 + r.IntN(5)
		k, n, s := make([]int, g), make([]int, g), make([]float64, g)
		for i := range g {
			n[i] = r.IntN(200)
			k[i] = r.IntN(n[i] + 1)
			s[i] = float64(2000 + 3*i)
		}
		if chi2, p, ok := TrendTest(k, n, s); ok && !(p >= 0 && p <= 1 && chi2 >= 0 && !math.IsInf(chi2, 0)) {
			t.Fatalf("TrendTest(%v, %v) = %v, %v", k, n, chi2, p)
		}
		table := make([][]int, 2+r.IntN(3))
		for i := range table {
			table[i] = []int{r.IntN(30), r.IntN(30), r.IntN(3)}
		}
		if res, ok := ChiSquare(table); ok && !(res.P >= 0 && res.P <= 1 && res.Stat >= 0 && res.DF >= 1) {
			t.Fatalf("ChiSquare(%v) = %+v", table, res)
		}
	}
}

// With two groups the Cochran–Armitage statistic equals Pearson's X² for the
// 2x2 table (Agresti, 2nd ed., §5.3.5), whatever the two scores are.
func TestTrendTwoGroupsIsPearson(t *testing.T) {
	r := newRand()
	for range 1000 {
		n1, n2 := 1+r.IntN(300), 1+r.IntN(300)
		k1, k2 := r.IntN(n1+1), r.IntN(n2+1)
		chi2, p, ok := TrendTest([]int{k1, k2}, []int{n1, n2}, []float64{r.Float64(), 5 + 100*r.Float64()})
		cs, ok2 := ChiSquare([][]int{{k1, n1 - k1}, {k2, n2 - k2}})
		if ok != ok2 {
			t.Fatalf("%d/%d vs %d/%d: TrendTest ok %v, ChiSquare ok %v", k1, n1, k2, n2, ok, ok2)
		}
		if ok && (math.Abs(chi2-cs.Stat) > 1e-9*math.Max(1, chi2) || math.Abs(p-cs.P) > 1e-9) {
			t.Fatalf("%d/%d vs %d/%d: trend %v (p %v), Pearson %v (p %v)", k1, n1, k2, n2, chi2, p, cs.Stat, cs.P)
		}
	}
}

func TestAdjustProperties(t *testing.T) {
	r := newRand()
	for range 2000 {
		p := make([]float64, r.IntN(40))
		for i := range p {
			switch r.IntN(10) {
			case 0:
				p[i] = math.NaN()
			case 1:
				p[i] = math.Round(r.Float64()*10) / 10 // ties
			default:
				p[i] = math.Pow(r.Float64(), 3)
			}
		}
		orig := slices.Clone(p)
		for name, fn := range map[string]func([]float64) []float64{"Holm": Holm, "BH": BenjaminiHochberg} {
			adj := fn(p)
			if !slices.EqualFunc(p, orig, func(x, y float64) bool { return x == y || math.IsNaN(x) && math.IsNaN(y) }) {
				t.Fatalf("%s modified its input", name)
			}
			if len(adj) != len(p) {
				t.Fatalf("%s: %d values for %d", name, len(adj), len(p))
			}
			for i := range p {
				if math.IsNaN(p[i]) != math.IsNaN(adj[i]) {
					t.Fatalf("%s(%v)[%d]: NaN not passed through: %v", name, p, i, adj[i])
				}
				if math.IsNaN(p[i]) {
					continue
				}
				if !(adj[i] >= p[i] && adj[i] <= 1) {
					t.Fatalf("%s(%v)[%d] = %v: must lie in [p, 1]", name, p, i, adj[i])
				}
				for j := range p {
					if !math.IsNaN(p[j]) && p[i] <= p[j] && adj[i] > adj[j] {
						t.Fatalf("%s(%v): not monotone at %d, %d", name, p, i, j)
					}
				}
			}
			// BH never exceeds Holm (Holm controls the stronger error rate).
			if name == "BH" {
				holm := Holm(p)
				for i := range p {
					if adj[i] > holm[i] {
						t.Fatalf("BH %v > Holm %v at %d for %v", adj[i], holm[i], i, p)
					}
				}
			}
		}
	}
}

func TestQuartilesProperties(t *testing.T) {
	r := newRand()
	for range 2000 {
		xs := make([]float64, 1+r.IntN(50))
		for i := range xs {
			xs[i] = math.Round(r.NormFloat64()*100) / 10
		}
		orig := slices.Clone(xs)
		q1, med, q3, ok := Quartiles(xs)
		if !slices.Equal(xs, orig) {
			t.Fatal("Quartiles modified its input")
		}
		lo, hi := slices.Min(xs), slices.Max(xs)
		if !ok || !(lo <= q1 && q1 <= med && med <= q3 && q3 <= hi) {
			t.Fatalf("Quartiles(%v) = %v, %v, %v, %v", xs, q1, med, q3, ok)
		}
		if len(xs)%2 == 1 { // odd n: the median is the middle value
			s := slices.Sorted(slices.Values(xs))
			if med != s[len(s)/2] {
				t.Fatalf("median of %v = %v, want %v", xs, med, s[len(s)/2])
			}
		}
		r.Shuffle(len(xs), func(i, j int) { xs[i], xs[j] = xs[j], xs[i] })
		if a, b, c, _ := Quartiles(xs); a != q1 || b != med || c != q3 {
			t.Fatalf("Quartiles depends on order: %v", xs)
		}
	}
}
