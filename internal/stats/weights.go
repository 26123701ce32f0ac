package stats

import "math"

// RakeMaxIter bounds the cycles of Rake; RakeTol is the largest difference between a weighted
// margin and its target (as shares) that counts as converged.
const (
	RakeMaxIter = 1000
	RakeTol     = 1e-12
)

// RakeResult is the outcome of Rake.
type RakeResult struct {
	// Weights has one weight per person, with mean 1 (they sum to the number of people).
	Weights []float64
	// Iterations is the number of full cycles over the margins.
	Iterations int
	// Converged is false when the margins were not all met within RakeTol after
	// RakeMaxIter cycles; Weights are then the last ones computed.
	Converged bool
}

// Rake is raking (iterative proportional fitting; Deming & Stephan 1940): it finds weights
// for n people so that, for every margin m, the weighted share of each value v equals
// targets[m][v]. cats[m][i] is person i's value on margin m (0 ≤ value < len(targets[m])).
// Starting from weights of 1, each cycle multiplies, margin after margin, the weights of the
// people with value v by target share / weighted share; cycles stop when every weighted
// margin is within RakeTol of its target. The fixed point is that of R's survey::rake with
// population totals n·targets.
//
// ok is false when a margin or the people are empty, a value is out of range, a target is
// negative, NaN, or the targets of a margin do not sum to 1 (within 1e-9), or a value with a
// positive target has nobody (no weights can meet it).
func Rake(cats [][]int, targets [][]float64) (RakeResult, bool) {
	if len(cats) == 0 || len(cats) != len(targets) || len(cats[0]) == 0 {
		return RakeResult{}, false
	}
	n := len(cats[0])
	for m := range cats {
		if len(cats[m]) != n || !validShares(targets[m]) {
			return RakeResult{}, false
		}
		seen := make([]bool, len(targets[m]))
		for _, v := range cats[m] {
			if v < 0 || v >= len(targets[m]) {
				return RakeResult{}, false
			}
			seen[v] = true
		}
		for v, t := range targets[m] {
			if t > 0 && !seen[v] {
				return RakeResult{}, false
			}
		}
	}
	w := make([]float64, n)
	for i := range w {
		w[i] = 1
	}
	total := float64(n)
	res := RakeResult{Weights: w}
	sums := make([][]float64, len(cats))
	for m := range cats {
		sums[m] = make([]float64, len(targets[m]))
	}
	margins := func() {
		for m := range cats {
			clear(sums[m])
			for i, v := range cats[m] {
				sums[m][v] += w[i]
			}
		}
	}
	for res.Iterations < RakeMaxIter {
		res.Iterations++
		for m := range cats {
			s := sums[m]
			clear(s)
			for i, v := range cats[m] {
				s[v] += w[i]
			}
			for i, v := range cats[m] {
				if s[v] > 0 {
					w[i] *= targets[m][v] * total / s[v]
				}
			}
		}
		margins()
		worst := 0.0
		for m := range cats {
			for v, s := range sums[m] {
				worst = math.Max(worst, math.Abs(s/total-targets[m][v]))
			}
		}
		if worst <= RakeTol {
			res.Converged = true
			break
		}
	}
	return res, true
}

// PostStratify gives each person of stratum c the weight targets[c]·n/n_c, where n_c is the
// number of people in stratum c: the weighted share of every stratum is then its target.
// ok is false as for Rake: a stratum with a positive target must have people.
func PostStratify(strata []int, targets []float64) ([]float64, bool) {
	if len(strata) == 0 || !validShares(targets) {
		return nil, false
	}
	count := make([]float64, len(targets))
	for _, s := range strata {
		if s < 0 || s >= len(targets) {
			return nil, false
		}
		count[s]++
	}
	for s, t := range targets {
		if t > 0 && count[s] == 0 {
			return nil, false
		}
	}
	n := float64(len(strata))
	w := make([]float64, len(strata))
	for i, s := range strata {
		w[i] = targets[s] * n / count[s]
	}
	return w, true
}

func validShares(t []float64) bool {
	if len(t) == 0 {
		return false
	}
	sum := 0.0
	for _, x := range t {
		if !(x >= 0) || math.IsInf(x, 0) {
			return false
		}
		sum += x
	}
	return math.Abs(sum-1) <= 1e-9
}

// KishN is Kish's effective sample size of weights w: (Σw)²/Σw² (Kish 1965, Survey
// Sampling, §11.7). It is n for equal weights and smaller the more the weights vary; 0 when
// every weight is 0 or w is empty.
func KishN(w []float64) float64 {
	var s, s2 float64
	for _, x := range w {
		s += x
		s2 += x * x
	}
	if s2 == 0 {
		return 0
	}
	return s * s / s2
}

// ScoreTest is the two-sided score test (Pearson's chi-square without continuity correction)
// of the difference between two shares p1 of n1 and p2 of n2 people, exactly as R's
// prop.test(c(p1·n1, p2·n2), c(n1, n2), correct = FALSE)$p.value:
//
//	z² = (p1 − p2)² / (p̄(1 − p̄)(1/n1 + 1/n2)),  p̄ = (p1·n1 + p2·n2)/(n1 + n2),
//
// referred to the chi-square distribution with 1 degree of freedom. n1 and n2 need not be
// whole numbers: with a weighted share, n is Kish's effective sample size (the first-order
// design-effect correction of Rao & Scott 1981). Equal shares give p = 1. ok is false for a
// base at or below 0, or a share outside [0, 1].
func ScoreTest(p1, n1, p2, n2 float64) (p float64, ok bool) {
	if !(n1 > 0 && n2 > 0) || !(p1 >= 0 && p1 <= 1) || !(p2 >= 0 && p2 <= 1) || math.IsInf(n1, 0) || math.IsInf(n2, 0) {
		return 0, false
	}
	if p1 == p2 {
		return 1, true
	}
	pbar := (p1*n1 + p2*n2) / (n1 + n2)
	d := p1 - p2
	chi2 := d * d / (pbar * (1 - pbar) * (1/n1 + 1/n2))
	p = chiSquaredSurvival(1, chi2)
	if math.IsNaN(p) {
		return 0, false
	}
	return p, true
}
