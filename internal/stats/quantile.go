package stats

import (
	"math"
	"slices"
)

// Quartiles returns Q1, median, Q3 with R's default quantile type 7. ok=false for an empty slice.
// Must not modify the input.
//
// Type 7 (Hyndman & Fan 1996, Am Stat 50:361–365): for probability q and the
// sorted values x[0..n−1], h = (n − 1)q and the quantile is
// (1 − f)·x[⌊h⌋] + f·x[⌊h⌋+1] with f = h − ⌊h⌋, as R's quantile() computes
// it. ok is also false when any value is NaN or infinite.
func Quartiles(xs []float64) (q1, median, q3 float64, ok bool) {
	if len(xs) == 0 {
		return 0, 0, 0, false
	}
	for _, x := range xs {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return 0, 0, 0, false
		}
	}
	sorted := slices.Clone(xs)
	slices.Sort(sorted)
	return type7(sorted, 0.25), type7(sorted, 0.5), type7(sorted, 0.75), true
}

// type7 returns R's type-7 quantile at probability q of sorted values.
func type7(sorted []float64, q float64) float64 {
	h := float64(len(sorted)-1) * q
	lo := int(math.Floor(h))
	f := h - float64(lo)
	if f == 0 || lo+1 >= len(sorted) || sorted[lo+1] == sorted[lo] {
		return sorted[lo]
	}
	return (1-f)*sorted[lo] + f*sorted[lo+1]
}
