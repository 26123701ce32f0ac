package stats

import "math"

// fisherRelErr is the relative tolerance R's fisher.test uses to decide which
// tables are "at most as probable" as the observed one (relErr <- 1 + 10^(-7)).
const fisherRelErr = 1e-7

// fisherFloor is the log density, relative to the mode, below which a table
// is never looked at. exp(-800) is below the smallest float64 (about
// exp(-745)), so such terms cannot change the p-value even summed over 2^31
// tables.
const fisherFloor = -800.0

// fisherMargin bounds the terms that can still matter: the p-value is at
// least f(a)/Σf, and terms below exp(-64)·f(a), even 2^31 of them, change it
// by less than 1e-17 relative, far below float64 resolution.
const fisherMargin = 64.0

// fisherMaxTotal is the largest table total FisherExact accepts. It is R's own
// limit: fisher.test stores the margins as integers (.Machine$integer.max).
const fisherMaxTotal = math.MaxInt32

// FisherExact returns the two-sided p of Fisher's exact test for the 2x2 table [[a,b],[c,d]],
// defined as R's fisher.test: the sum of probabilities of all tables with the same margins whose
// probability is <= the observed one's * (1 + 1e-7). ok=false only when not computable (negative input).
// A table with an empty row or column gives p = 1.
//
// ok is also false when a+b+c+d exceeds 2^31 − 1, which R's fisher.test
// cannot handle either.
//
// With the margins fixed, a follows the hypergeometric distribution (Agresti,
// Categorical Data Analysis, 2nd ed., §3.5.1). The densities are computed in
// log space relative to the mode with the ratio recurrence
//
//	f(x+1)/f(x) = (r1 − x)(c1 − x) / ((x + 1)(N − r1 − c1 + x + 1)),
//
// walking outward from the mode only as far as terms can matter, so
// the cost grows with the standard deviation of a (about √N), not with N,
// and nothing overflows.
func FisherExact(a, b, c, d int) (p float64, ok bool) {
	if a < 0 || b < 0 || c < 0 || d < 0 {
		return 0, false
	}
	if a > fisherMaxTotal || b > fisherMaxTotal || c > fisherMaxTotal || d > fisherMaxTotal ||
		a+b+c+d > fisherMaxTotal {
		return 0, false
	}
	h := hyper{r1: a + b, c1: a + c, n: a + b + c + d}
	h.lo = max(0, h.r1+h.c1-h.n)
	h.hi = min(h.r1, h.c1)
	if h.lo == h.hi { // an empty row or column: only one table is possible
		return 1, true
	}
	// A mode of the hypergeometric distribution: ⌊(r1+1)(c1+1)/(N+2)⌋.
	h.mode = min(max(int(int64(h.r1+1)*int64(h.c1+1)/int64(h.n+2)), h.lo), h.hi)

	// The observed table's log density relative to the mode.
	obs, found := h.logDensity(a)
	if !found { // below fisherFloor: p underflows to 0
		return 0, true
	}
	// One walk sums the normalising constant and the tables at most as
	// probable as the observed one, skipping terms too small to matter.
	limit := obs + math.Log1p(fisherRelErr)
	total, tail := 0.0, 0.0
	h.walk(max(fisherFloor, min(obs, 0)-fisherMargin), func(l float64) {
		e := math.Exp(l)
		total += e
		if l <= limit {
			tail += e
		}
	})
	return math.Min(1, tail/total), true
}

// hyper describes the distribution of the top-left cell of a 2x2 table with
// row-1 total r1, column-1 total c1 and grand total n; its support is lo..hi.
type hyper struct {
	r1, c1, n, lo, hi, mode int
}

// up returns log f(x+1)/f(x), from the ratio recurrence.
func (h hyper) up(x int) float64 {
	return math.Log(float64(h.r1-x) * float64(h.c1-x) / (float64(x+1) * float64(h.n-h.r1-h.c1+x+1)))
}

// down returns log f(x−1)/f(x), from the ratio recurrence.
func (h hyper) down(x int) float64 {
	return math.Log(float64(x) * float64(h.n-h.r1-h.c1+x) / (float64(h.r1-x+1) * float64(h.c1-x+1)))
}

// logDensity returns log f(x)/f(mode), accumulated from the mode exactly as
// walk does, so the two agree to the last bit. found is false when the
// density falls below fisherFloor on the way.
func (h hyper) logDensity(x int) (l float64, found bool) {
	for y := h.mode; y < x; y++ {
		if l += h.up(y); l < fisherFloor {
			return 0, false
		}
	}
	for y := h.mode; y > x; y-- {
		if l += h.down(y); l < fisherFloor {
			return 0, false
		}
	}
	return l, true
}

// walk calls visit with log f(x)/f(mode) for each x of the support, going
// outward from the mode and stopping on each side at the first term below
// cutoff. Because the distribution is unimodal, every term it skips is
// smaller still.
func (h hyper) walk(cutoff float64, visit func(l float64)) {
	visit(0)
	l := 0.0
	for x := h.mode; x < h.hi; x++ {
		if l += h.up(x); l < cutoff {
			break
		}
		visit(l)
	}
	l = 0.0
	for x := h.mode; x > h.lo; x-- {
		if l += h.down(x); l < cutoff {
			break
		}
		visit(l)
	}
}
