package stats

import "slices"

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
func KrippendorffNominal(units [][]int) AgreementResult {
	// the categories, in increasing order, so that every sum is taken in one fixed order
	var cats []int
	index := map[int]int{}
	for _, u := range units {
		for _, v := range u {
			if _, ok := index[v]; v >= 0 && !ok {
				index[v] = 0
				cats = append(cats, v)
			}
		}
	}
	slices.Sort(cats)
	for i, c := range cats {
		index[c] = i
	}
	o := make([][]float64, len(cats))
	for i := range o {
		o[i] = make([]float64, len(cats))
	}
	var res AgreementResult
	for _, u := range units {
		var vals []int
		for _, v := range u {
			if v >= 0 {
				vals = append(vals, index[v])
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
					o[a][b] += 1 / float64(m-1)
				}
			}
		}
	}
	if res.Units == 0 {
		return res
	}
	var n, agree, disagree, sq float64
	for c := range o {
		nc := 0.0
		for k, x := range o[c] {
			nc += x
			if c == k {
				agree += x
			} else {
				disagree += x
			}
		}
		n += nc
		sq += nc * nc
	}
	res.Agreement = agree / n
	if expected := n*n - sq; n > 1 && expected > 0 { // Σ_{c≠k} n_c·n_k
		res.Alpha = 1 - (n-1)*disagree/expected
		res.AlphaOK = true
	}
	return res
}
