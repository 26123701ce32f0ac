package stats

import (
	"math"
	"testing"
)

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", §C: four observers, twelve
// units, missing values (·), nominal data: alpha = 0.743.
//
//	unit:  1 2 3 3 2 … as in the paper's table
func TestKrippendorffPublishedExample(t *testing.T) {
	const m = Missing
	coders := [][]int{
		{1, 2, 3, 3, 2, 1, 4, 1, 2, m, m, m},
		{1, 2, 3, 3, 2, 2, 4, 1, 2, 5, m, 3},
		{m, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, m},
		{1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, m},
	}
	units := make([][]int, 12)
	for u := range units {
		for _, c := range coders {
			units[u] = append(units[u], c[u])
		}
	}
	res := KrippendorffNominal(units)
	if !res.AlphaOK || math.Abs(res.Alpha-0.743) > 0.0005 {
		t.Errorf("alpha = %v (%v), published 0.743", res.Alpha, res.AlphaOK)
	}
	// unit 12 has one value: 11 pairable units
	if res.Units != 11 {
		t.Errorf("pairable units = %d, want 11", res.Units)
	}
	// The paper's coincidence matrix has n = 40 pairable values, n_c = 9, 13, 10, 5, 3 and
	// 32 on the diagonal (8 off it): alpha = 1 − 39·8/(40² − (81 + 169 + 100 + 25 + 9))
	// = 1 − 312/1216 = 0.7434…, and the share of agreeing pairs is 32/40.
	if math.Abs(res.Alpha-(1-312.0/1216)) > 1e-12 || math.Abs(res.Agreement-0.8) > 1e-12 {
		t.Errorf("alpha %v agreement %v, want 904/1216 and 0.8", res.Alpha, res.Agreement)
	}
}

func TestKrippendorffTwoCoders(t *testing.T) {
	// Two coders agreeing on every unit with some variation: alpha = 1.
	if res := KrippendorffNominal([][]int{{0, 0}, {1, 1}, {2, 2}, {1, 1}}); !res.AlphaOK || res.Alpha != 1 || res.Agreement != 1 || res.Units != 4 {
		t.Errorf("perfect agreement: %+v", res)
	}
	// Two coders on 10 units, yes/no, agreeing on 8: the coincidence matrix (by hand) has
	// o_yy = 2·4 = 8, o_nn = 2·4 = 8, o_yn = o_ny = 2; n_y = n_n = 10, n = 20;
	// alpha = 1 − 19·4/(400 − 200) = 1 − 76/200 = 0.62; raw agreement 16/20 = 0.8.
	units := [][]int{{1, 1}, {1, 1}, {1, 1}, {1, 1}, {0, 0}, {0, 0}, {0, 0}, {0, 0}, {1, 0}, {0, 1}}
	res := KrippendorffNominal(units)
	if !res.AlphaOK || math.Abs(res.Alpha-0.62) > 1e-12 || math.Abs(res.Agreement-0.8) > 1e-12 || res.Units != 10 {
		t.Errorf("8 of 10: %+v, want alpha 0.62, agreement 0.8", res)
	}
	// every value the same: no expected disagreement, alpha undefined
	if res := KrippendorffNominal([][]int{{1, 1}, {1, 1}}); res.AlphaOK || res.Agreement != 1 || res.Units != 2 {
		t.Errorf("no variation: %+v", res)
	}
	// no pairable unit
	if res := KrippendorffNominal([][]int{{1, Missing}, {Missing, 0}}); res.AlphaOK || res.Units != 0 {
		t.Errorf("nothing pairable: %+v", res)
	}
}
