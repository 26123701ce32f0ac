package stats

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// TrendTest is the Cochran–Armitage chi-square test for trend in proportions, exactly as R's
// prop.trend.test(x = k, n = n, score = scores) (1 df).
//
// With N = Σn, p̄ = Σk/N and s̄ = Σn·s/N (Agresti, Categorical Data
// Analysis, 2nd ed., §5.3.5; Armitage 1955, Biometrics 11:375–386),
//
//	chi2 = (Σ k·(s − s̄))² / (p̄(1 − p̄)·Σ n·(s − s̄)²).
//
// This is the regression sum of squares that R's prop.trend.test obtains
// from lm(k/n ~ score, weights = n/(p̄(1−p̄))).
//
// Groups with n == 0 are skipped, as R does: their share 0/0 is NA and lm
// drops the row. ok is false when the slices differ in length, any n < 0,
// any k is outside 0..n, any score is NaN or infinite, fewer than two groups
// with n > 0 remain, their scores are all equal, or every answer is the same
// (p̄ is 0 or 1, so the variance is 0).
func TrendTest(k, n []int, scores []float64) (chi2, p float64, ok bool) {
	if len(k) != len(n) || len(k) != len(scores) {
		return 0, 0, false
	}
	var groups, total, successes float64
	var sumNS float64
	for i := range k {
		if n[i] < 0 || k[i] < 0 || k[i] > n[i] || math.IsNaN(scores[i]) || math.IsInf(scores[i], 0) {
			return 0, 0, false
		}
		if n[i] == 0 {
			continue
		}
		groups++
		total += float64(n[i])
		successes += float64(k[i])
		sumNS += float64(n[i]) * scores[i]
	}
	if groups < 2 || successes == 0 || successes == total {
		return 0, 0, false
	}
	pbar := successes / total
	sbar := sumNS / total
	var cov, ss float64
	for i := range k {
		if n[i] == 0 {
			continue
		}
		dev := scores[i] - sbar
		cov += float64(k[i]) * dev
		ss += float64(n[i]) * dev * dev
	}
	if !(ss > 0) {
		return 0, 0, false
	}
	chi2 = cov * cov / (pbar * (1 - pbar) * ss)
	p = distuv.ChiSquared{K: 1}.Survival(chi2)
	if math.IsNaN(chi2) || math.IsInf(chi2, 0) || math.IsNaN(p) {
		return 0, 0, false
	}
	return chi2, p, true
}
