package stats

import "math"

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
// power outside (0, 1), or more than PowerMaxTables tables.
func Detectable(n1, n2 int, p1, alpha, power float64, up bool) (PowerResult, bool) {
	if n1 < 1 || n2 < 1 || !(p1 > 0 && p1 < 1) || !(alpha > 0 && alpha < 1) || !(power > 0 && power < 1) ||
		(n1+1)*(n2+1) > PowerMaxTables {
		return PowerResult{}, false
	}
	reject := make([][]bool, n1+1)
	for x1 := range reject {
		reject[x1] = make([]bool, n2+1)
		for x2 := range reject[x1] {
			p, ok := FisherExact(x1, n1-x1, x2, n2-x2)
			reject[x1][x2] = ok && Below(p, alpha)
		}
	}
	b1 := binomial(n1, p1)
	for d := 1; d <= 100; d++ {
		p2 := p1 + float64(d)/100
		if !up {
			p2 = p1 - float64(d)/100
		}
		if p2 < 0 || p2 > 1 {
			break
		}
		b2 := binomial(n2, p2)
		got := 0.0
		for x1, row := range reject {
			s := 0.0
			for x2, r := range row {
				if r {
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
