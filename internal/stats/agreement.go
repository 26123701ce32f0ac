package stats

import (
	"cmp"
	"maps"
	"slices"
)

// AgreementResult is the agreement between coders who coded the same units.
type AgreementResult struct {
	// Alpha is Krippendorff's alpha for nominal data; AlphaOK is false when it is not
	// defined: fewer than two pairable values, or every value the same (no expected
	// disagreement).
	Alpha   float64
	AlphaOK bool
	// Units is the number of units coded by at least two coders (the pairable units).
	Units int
	// Agreement is the share of pairs of codings of the same unit that agree (for two
	// coders: the share of units both coded the same); defined when Units > 0.
	Agreement float64
}

// Missing marks a unit a coder did not code, in the values given to KrippendorffNominal.
const Missing = -1

// KrippendorffNominal computes Krippendorff's alpha for nominal data (Krippendorff 2011,
// "Computing Krippendorff's Alpha-Reliability", §A): units[u] holds the value each coder gave
// unit u (any non-negative integer naming a category, or Missing). Units with fewer than two
// values are not pairable and are left out. From the coincidence matrix
//
//	o_ck = Σ_u (number of c–k pairs of values in u) / (m_u − 1),  n_c = Σ_k o_ck,  n = Σ_c n_c,
//
// alpha = 1 − (n − 1)·Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k.
//
// The coincidence matrix is kept sparse and summed in a fixed order, so that memory grows with
// the number of values given (not with the square of the categories) and the result is the
// same on every run.
func KrippendorffNominal(units [][]int) AgreementResult {
	o := map[[2]int]float64{}
	var res AgreementResult
	for _, u := range units {
		var vals []int
		for _, v := range u {
			if v >= 0 {
				vals = append(vals, v)
			}
		}
		m := len(vals)
		if m < 2 {
			continue
		}
		res.Units++
		for i, a := range vals {
			for j, b := range vals {
				if i != j {
					o[[2]int{a, b}] += 1 / float64(m-1)
				}
			}
		}
	}
	if res.Units == 0 {
		return res
	}
	keys := slices.SortedFunc(maps.Keys(o), func(x, y [2]int) int {
		if c := cmp.Compare(x[0], y[0]); c != 0 {
			return c
		}
		return cmp.Compare(x[1], y[1])
	})
	var n, agree, disagree, sq, nc float64
	for i, k := range keys {
		x := o[k]
		nc += x
		if k[0] == k[1] {
			agree += x
		} else {
			disagree += x
		}
		if i == len(keys)-1 || keys[i+1][0] != k[0] { // the last of category k[0]: n_c is complete
			n += nc
			sq += nc * nc
			nc = 0
		}
	}
	res.Agreement = agree / n
	if expected := n*n - sq; n > 1 && expected > 0 { // Σ_{c≠k} n_c·n_k
		res.Alpha = 1 - (n-1)*disagree/expected
		res.AlphaOK = true
	}
	return res
}
