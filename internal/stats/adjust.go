package stats

import (
	"math"
	"sort"
)

// Holm returns p-values adjusted by Holm's (1979) step-down method, exactly
// like R's p.adjust(p, method = "holm"), in the input order. NaN entries are
// passed through as NaN and excluded from the count m (R's NA handling).
//
// With the m non-NaN values sorted increasingly, p(i) becomes
// min(1, max over j <= i of (m − j + 1)·p(j)). As in R, when m <= 1 the
// values are returned unchanged.
func Holm(p []float64) []float64 {
	return adjust(p, false, 0)
}

// HolmOver is Holm's adjustment of p over a family of n tests of which only these p are
// known, as R's p.adjust(p, method = "holm", n = n): the m non-NaN values are ranked among
// themselves and multiplied by n − j + 1 instead of m − j + 1, the unknown tests counted as
// the least significant. An n below m counts as m.
func HolmOver(p []float64, n int) []float64 {
	return adjust(p, false, n)
}

// BenjaminiHochberg returns p-values adjusted by the Benjamini & Hochberg
// (1995) false discovery rate method, exactly like R's
// p.adjust(p, method = "BH"), in the input order. NaN entries are passed
// through as NaN and excluded from the count m.
//
// With the m non-NaN values sorted increasingly, p(i) becomes
// min(1, min over j >= i of m/j·p(j)). As in R, when m <= 1 the values are
// returned unchanged.
func BenjaminiHochberg(p []float64) []float64 {
	return adjust(p, true, 0)
}

// BenjaminiHochbergOver is the Benjamini–Hochberg adjustment of p over a family of n tests
// of which only these p are known, as R's p.adjust(p, method = "BH", n = n): p(j) becomes
// min(1, min over i >= j of n/i·p(i)). An n below m counts as m.
func BenjaminiHochbergOver(p []float64, n int) []float64 {
	return adjust(p, true, n)
}

// adjust implements Holm (bh == false) and Benjamini–Hochberg (bh == true)
// following the definitions in R's p.adjust, over a family of max(n, m) tests.
func adjust(p []float64, bh bool, n int) []float64 {
	out := make([]float64, len(p))
	copy(out, p)
	idx := make([]int, 0, len(p)) // indices of the non-NaN values
	for i, v := range p {
		if !math.IsNaN(v) {
			idx = append(idx, i)
		}
	}
	m := len(idx)
	n = max(n, m)
	if n <= 1 || m == 0 {
		return out
	}
	sort.SliceStable(idx, func(i, j int) bool { return p[idx[i]] < p[idx[j]] })
	mf := float64(n)
	if bh {
		run := math.Inf(1)
		for r := m - 1; r >= 0; r-- { // rank r+1, from the largest p down
			run = math.Min(run, mf/float64(r+1)*p[idx[r]])
			out[idx[r]] = math.Min(1, run)
		}
		return out
	}
	run := math.Inf(-1)
	for r := 0; r < m; r++ { // rank r+1, from the smallest p up
		run = math.Max(run, float64(n-r)*p[idx[r]])
		out[idx[r]] = math.Min(1, run)
	}
	return out
}
