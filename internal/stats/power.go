package stats

import (
	"cmp"
	"math"
	"slices"
)

// PowerMaxTables bounds the work of Detectable: (n1 + 1)(n2 + 1) Fisher tests.
const PowerMaxTables = 1 << 20

// PowerResult is the smallest difference a comparison could detect.
type PowerResult struct {
	// Points is the smallest whole number of percentage points d such that Fisher's exact
	// test at the level asked rejects with at least the power asked when the later share is
	// the baseline ± d; OK is false when no such d exists within 0..100 points.
	Points int
	// Power is the exact power at Points.
	Power float64
	OK    bool
}

// Detectable computes, by enumeration, the smallest change from baseline p1 that two-sided
// Fisher's exact test (as R's fisher.test) would detect with probability at least power when
// comparing n1 people (share p1) with n2 people (share p1 + d, or p1 − d when up is false),
// at level alpha (a table counts as significant when its p is Below alpha). The power at d is
//
//	Σ_{x1, x2} Bin(x1; n1, p1)·Bin(x2; n2, p1 ± d)·[Fisher p of (x1, x2) below alpha],
//
// summed over every table; d runs over whole points 1, 2, …, and the first that reaches the
// power is returned. ok is false for bases below 1, a baseline outside (0, 1), a level or a
// power outside (0, 1), or more than PowerMaxTables tables. To ask several questions of the
// same bases, NewPowerTables computes the tables' p-values once.
func Detectable(n1, n2 int, p1, alpha, power float64, up bool) (PowerResult, bool) {
	t, ok := NewPowerTables(n1, n2)
	if !ok {
		return PowerResult{}, false
	}
	return t.Detectable(p1, alpha, power, up)
}

// PowerTables holds Fisher's p of every 2 × 2 table of n1 and n2 people.
type PowerTables struct {
	n1, n2 int
	p      [][]float64 // p[x1][x2]
}

// NewPowerTables computes Fisher's two-sided p of every table [[x1, n1 − x1], [x2, n2 − x2]].
// Tables with the same column totals share one hypergeometric distribution, so each is
// computed once: the p of a table is the sum of the probabilities at most its own
// (× (1 + 10⁻⁷)), as FisherExact and R define it. ok is false for bases below 1 or more than
// PowerMaxTables tables.
func NewPowerTables(n1, n2 int) (*PowerTables, bool) {
	if n1 < 1 || n2 < 1 || (n1+1)*(n2+1) > PowerMaxTables {
		return nil, false
	}
	t := &PowerTables{n1: n1, n2: n2, p: make([][]float64, n1+1)}
	for x1 := range t.p {
		t.p[x1] = make([]float64, n2+1)
	}
	for s := 0; s <= n1+n2; s++ { // the first column's total
		lo, hi := max(0, s-n2), min(n1, s)
		logs := make([]float64, hi-lo+1) // log C(n1, x1)·C(n2, s − x1), up to a constant
		top := math.Inf(-1)
		for x1 := lo; x1 <= hi; x1++ {
			logs[x1-lo] = lchoose(n1, x1) + lchoose(n2, s-x1)
			top = math.Max(top, logs[x1-lo])
		}
		dens := make([]float64, len(logs))
		total := 0.0
		for i, l := range logs {
			dens[i] = math.Exp(l - top)
			total += dens[i]
		}
		order := make([]int, len(dens))
		for i := range order {
			order[i] = i
		}
		slices.SortFunc(order, func(a, b int) int { return cmp.Compare(logs[a], logs[b]) })
		cum := make([]float64, len(order)+1) // cum[j]: the j least probable tables
		for j, i := range order {
			cum[j+1] = cum[j] + dens[i]
		}
		for x1 := lo; x1 <= hi; x1++ {
			limit := logs[x1-lo] + math.Log1p(fisherRelErr)
			j, _ := slices.BinarySearchFunc(order, limit, func(i int, l float64) int {
				if logs[i] <= l {
					return -1
				}
				return 1
			})
			t.p[x1][s-x1] = math.Min(1, cum[j]/total)
		}
	}
	return t, true
}

// Detectable is the package function Detectable for the tables' bases.
func (t *PowerTables) Detectable(p1, alpha, power float64, up bool) (PowerResult, bool) {
	if !(p1 > 0 && p1 < 1) || !(alpha > 0 && alpha < 1) || !(power > 0 && power < 1) {
		return PowerResult{}, false
	}
	b1 := binomial(t.n1, p1)
	for d := 1; d <= 100; d++ {
		p2 := p1 + float64(d)/100
		if !up {
			p2 = p1 - float64(d)/100
		}
		if p2 < 0 || p2 > 1 {
			break
		}
		b2 := binomial(t.n2, p2)
		got := 0.0
		for x1, row := range t.p {
			s := 0.0
			for x2, p := range row {
				if Below(p, alpha) {
					s += b2[x2]
				}
			}
			got += b1[x1] * s
		}
		if got >= power {
			return PowerResult{Points: d, Power: got, OK: true}, true
		}
	}
	return PowerResult{}, true
}

// binomial returns the binomial probabilities of 0..n successes with probability p.
func binomial(n int, p float64) []float64 {
	out := make([]float64, n+1)
	switch p {
	case 0:
		out[0] = 1
		return out
	case 1:
		out[n] = 1
		return out
	}
	lp, lq := math.Log(p), math.Log1p(-p)
	for k := range out {
		out[k] = math.Exp(lchoose(n, k) + float64(k)*lp + float64(n-k)*lq)
	}
	return out
}
