package stats

import (
	"math"
	"math/rand/v2"
)

// How ProfileResult.P was computed.
const (
	PExact     = "exact"      // Fisher–Freeman–Halton, every table enumerated
	PChiSquare = "chi_square" // Pearson's chi-square distribution: too many tables, no expected count below 5
	PSimulated = "simulated"  // Monte Carlo with a fixed seed: too many tables, some expected count below 5
)

// Limits of ProfileDifference: the most tables enumerated for an exact p, and the draws of
// a simulated p (fewer when the table is large, so that the work stays bounded).
const (
	ProfileMaxTables = 2_000_000
	ProfileDraws     = 20_000
	profileMaxWork   = 200_000_000 // draws × people
	profileMaxPeople = 1_000_000   // beyond, the chi-square p: memory stays bounded
)

// ProfileSeed seeds the Monte Carlo p of ProfileDifference, so that a simulated p is the
// same on every run.
var ProfileSeed = [2]uint64{20140217, 20171114}

// ProfileResult compares two groups' distributions over the same exclusive values.
type ProfileResult struct {
	// Values is the number of values compared: those with someone in either group.
	Values int
	// TVD is the total variation distance ½·Σ|a_v/A − b_v/B|: the share of one group that
	// would have to change value for the two profiles to be the same (0 to 1).
	TVD float64
	// CramersV is √(X²/N) for the 2 × k table (Cramér 1946), 0 to 1.
	CramersV float64
	// Chi2 is Pearson's X² with DF degrees of freedom.
	Chi2 float64
	DF   int
	// SmallExpected: some expected count is below 5.
	SmallExpected bool
	// P is the two-sided p of the hypothesis that both groups come from the same profile,
	// computed as Method says. Exact and simulated p follow R's fisher.test: tables with the
	// same margins at most as probable as the observed one (× (1 + 10⁻⁷)).
	P      float64
	Method string
	// Draws is the number of simulated tables when Method is PSimulated.
	Draws int
}

// ProfileDifference compares the counts a and b of two groups over the same exclusive values
// (one value per person). Values nobody holds in either group are dropped first; ok is false
// when fewer than two values remain, a group is empty, the lengths differ or a count is
// negative.
//
// p is exact (Fisher–Freeman–Halton: R's fisher.test on the 2 × k table) when at most
// ProfileMaxTables tables have the observed margins; otherwise the chi-square p when every
// expected count is at least 5 or the groups hold more than a million people, else a Monte
// Carlo p from random tables with the observed
// margins, (1 + #{as or less probable}) / (1 + draws), as R's
// fisher.test(simulate.p.value = TRUE) computes it, with the fixed seed ProfileSeed.
func ProfileDifference(a, b []int) (ProfileResult, bool) {
	if len(a) != len(b) {
		return ProfileResult{}, false
	}
	var cols [][2]int
	var A, B int
	for v := range a {
		if a[v] < 0 || b[v] < 0 {
			return ProfileResult{}, false
		}
		if a[v]+b[v] > 0 {
			cols = append(cols, [2]int{a[v], b[v]})
			A += a[v]
			B += b[v]
		}
	}
	if len(cols) < 2 || A == 0 || B == 0 || A+B > fisherMaxTotal {
		return ProfileResult{}, false
	}
	table := [][]int{make([]int, len(cols)), make([]int, len(cols))}
	colSum := make([]int, len(cols))
	res := ProfileResult{Values: len(cols)}
	for j, c := range cols {
		table[0][j], table[1][j] = c[0], c[1]
		colSum[j] = c[0] + c[1]
		res.TVD += math.Abs(float64(c[0])/float64(A) - float64(c[1])/float64(B))
	}
	res.TVD /= 2
	cs, ok := ChiSquare(table)
	if !ok {
		return ProfileResult{}, false
	}
	N := A + B
	res.Chi2, res.DF, res.SmallExpected = cs.Stat, cs.DF, cs.SmallExpected
	res.CramersV = math.Sqrt(cs.Stat / float64(N))
	// enumerate or draw the smaller row: the tables are the same
	r, row := A, table[0]
	if B < A {
		r, row = B, table[1]
	}
	switch {
	case N <= profileMaxPeople && countTables(colSum, r, ProfileMaxTables) <= ProfileMaxTables:
		res.P, res.Method = exactProfileP(colSum, r, row), PExact
	case !cs.SmallExpected || N > profileMaxPeople:
		res.P, res.Method = cs.P, PChiSquare
	default:
		res.Draws = min(ProfileDraws, max(1000, profileMaxWork/N))
		res.P, res.Method = simulatedProfileP(colSum, r, row, res.Draws), PSimulated
	}
	return res, true
}

// lchoose is log C(n, k).
func lchoose(n, k int) float64 {
	a, _ := math.Lgamma(float64(n + 1))
	b, _ := math.Lgamma(float64(k + 1))
	c, _ := math.Lgamma(float64(n - k + 1))
	return a - b - c
}

// countTables counts the first rows x (0 ≤ x_j ≤ cols_j, Σx = r) of the 2 × k tables with
// column totals cols, stopping as soon as the count passes limit. Each column costs O(r):
// the number of prefixes summing to s is a sliding sum over the previous column's.
func countTables(cols []int, r, limit int) int {
	ways := make([]int, r+1) // ways[s]: prefixes summing to s, capped at limit+1
	ways[0] = 1
	next := make([]int, r+1)
	for _, c := range cols {
		window := 0 // Σ ways[s−c .. s], exact over the capped terms (at most (r+1)(limit+1))
		for s := 0; s <= r; s++ {
			window += ways[s]
			if s-c-1 >= 0 {
				window -= ways[s-c-1]
			}
			next[s] = min(limit+1, window)
		}
		ways, next = next, ways
	}
	return ways[r]
}

// lchooses returns, per column, log C(cols_j, x) for x = 0..cols_j.
func lchooses(cols []int) [][]float64 {
	out := make([][]float64, len(cols))
	for j, c := range cols {
		out[j] = make([]float64, c+1)
		for x := range out[j] {
			out[j][x] = lchoose(c, x)
		}
	}
	return out
}

// logProb is the log probability, up to the constant −log C(N, r), of a 2 × k table with
// first row x: Σ log C(cols_j, x_j), the multivariate hypergeometric density.
func logProb(lc [][]float64, x []int) float64 {
	l := 0.0
	for j, xj := range x {
		l += lc[j][xj]
	}
	return l
}

// exactProfileP enumerates every first row with the observed margins.
func exactProfileP(cols []int, r int, obs []int) float64 {
	lc := lchooses(cols)
	lobs := logProb(lc, obs)
	limit := lobs + math.Log1p(fisherRelErr)
	k := len(cols)
	suffix := make([]int, k+1) // suffix[j] = Σ cols[j:]
	for j := k - 1; j >= 0; j-- {
		suffix[j] = suffix[j+1] + cols[j]
	}
	// the densities relative to the observed table, so that nothing overflows
	var total, tail float64
	var rec func(j, left int, l float64)
	rec = func(j, left int, l float64) {
		if j == k-1 {
			l += lc[j][left]
			e := math.Exp(l - lobs)
			total += e
			if l <= limit {
				tail += e
			}
			return
		}
		lo := max(0, left-suffix[j+1])
		hi := min(cols[j], left)
		for x := lo; x <= hi; x++ {
			rec(j+1, left-x, l+lc[j][x])
		}
	}
	rec(0, r, 0)
	return math.Min(1, tail/total)
}

// simulatedProfileP draws random tables with the observed margins: the first row is a random
// r of the N people, each person's value fixed by the column totals.
func simulatedProfileP(cols []int, r int, obs []int, draws int) float64 {
	lc := lchooses(cols)
	lobs := logProb(lc, obs)
	limit := lobs + math.Log1p(fisherRelErr)
	var people []int
	for j, c := range cols {
		for range c {
			people = append(people, j)
		}
	}
	rng := rand.New(rand.NewPCG(ProfileSeed[0], ProfileSeed[1]))
	x := make([]int, len(cols))
	hits := 0
	for range draws {
		clear(x)
		// a partial Fisher–Yates shuffle: the first r places are a uniform random subset
		for i := 0; i < r; i++ {
			j := i + rng.IntN(len(people)-i)
			people[i], people[j] = people[j], people[i]
			x[people[i]]++
		}
		if logProb(lc, x) <= limit {
			hits++
		}
	}
	return float64(1+hits) / float64(1+draws)
}
