package stats

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// Interval is a confidence interval; OK is false when it is not computable (e.g. n == 0).
type Interval struct {
	Lo, Hi float64
	OK     bool
}

// zFor returns the two-sided standard normal critical value for a confidence
// level, computed as R does (qnorm((1 + level) / 2)). ok is false unless
// 0 < level < 1.
func zFor(level float64) (z float64, ok bool) {
	if !(level > 0 && level < 1) { // also rejects NaN
		return 0, false
	}
	z = distuv.UnitNormal.Quantile((1 + level) / 2)
	if math.IsInf(z, 0) || math.IsNaN(z) || z <= 0 {
		return 0, false
	}
	return z, true
}

// Wilson returns the Wilson score interval for k successes of n, without
// continuity correction, at the given confidence level (e.g. 0.95).
//
// Formula: Wilson (1927) JASA 22:209–212, as given by Agresti & Coull (1998)
// Am Stat 52:119–126 and by Newcombe (1998) Stat Med 17:857–872 (method 3):
//
//	(p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n),  p = k/n.
//
// This is the interval of R's prop.test(k, n, correct = FALSE); as there, the
// lower limit is exactly 0 when k = 0 and the upper limit exactly 1 when k = n.
// OK is false when n <= 0, k < 0, k > n or level is not in (0, 1).
func Wilson(k, n int, level float64) Interval {
	z, ok := zFor(level)
	if !ok || n <= 0 || k < 0 || k > n {
		return Interval{}
	}
	nf := float64(n)
	p := float64(k) / nf
	z22n := z * z / (2 * nf)
	centre := p + z22n
	half := z * math.Sqrt(p*(1-p)/nf+z22n/(2*nf))
	denom := 1 + 2*z22n
	lo, hi := 0.0, 1.0
	if k > 0 {
		lo = math.Max(0, (centre-half)/denom)
	}
	if k < n {
		hi = math.Min(1, (centre+half)/denom)
	}
	return Interval{Lo: lo, Hi: hi, OK: true}
}

// Newcombe returns Newcombe's hybrid score interval for p1 − p2, where
// p1 = k1/n1 and p2 = k2/n2, without continuity correction, at the given
// confidence level.
//
// Formula: Newcombe (1998) Stat Med 17:873–890, method 10. With (l1, u1) and
// (l2, u2) the Wilson intervals of p1 and p2 at the same level,
//
//	lower = (p1 − p2) − √((p1 − l1)² + (u2 − p2)²)
//	upper = (p1 − p2) + √((u1 − p1)² + (p2 − l2)²).
//
// It needs no special case for k = 0 or k = n: the Wilson limits are then 0
// or 1. OK is false when either Wilson interval is not computable.
func Newcombe(k1, n1, k2, n2 int, level float64) Interval {
	w1 := Wilson(k1, n1, level)
	w2 := Wilson(k2, n2, level)
	if !w1.OK || !w2.OK {
		return Interval{}
	}
	p1 := float64(k1) / float64(n1)
	p2 := float64(k2) / float64(n2)
	d := p1 - p2
	lo := d - math.Hypot(p1-w1.Lo, w2.Hi-p2)
	hi := d + math.Hypot(w1.Hi-p1, p2-w2.Lo)
	return Interval{Lo: math.Max(-1, lo), Hi: math.Min(1, hi), OK: true}
}
