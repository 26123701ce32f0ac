package stats

import "testing"

// Reference figures: 50 against 40 people, baseline 40%: with 80% power, Fisher's exact test
// at 0.05 detects a rise of 31 points, at 0.05/26 (26 tests) of 42 points. R, by enumeration
// with fisher.test and uniroot, puts the crossings at 30.82 and 41.10 points, so the smallest
// whole numbers of points are 31 and 42; the falls are 26.81 → 27 and 34.48 → 35 points.
func TestDetectable(t *testing.T) {
	for _, c := range []struct {
		alpha float64
		up    bool
		want  int
	}{
		{0.05, true, 31},
		{0.05 / 26, true, 42},
		{0.05, false, 27},
		{0.05 / 26, false, 35},
	} {
		res, ok := Detectable(50, 40, 0.4, c.alpha, 0.8, c.up)
		if !ok || !res.OK || res.Points != c.want || res.Power < 0.8 {
			t.Errorf("Detectable(50, 40, 0.4, %v, up %v) = %+v, %v; want %d points", c.alpha, c.up, res, ok, c.want)
		}
		// one point less does not reach the power
		if res.OK && res.Points > 1 {
			less := powerAt(50, 40, 0.4, c.alpha, res.Points-1, c.up)
			if less >= 0.8 {
				t.Errorf("%d points already has power %v", res.Points-1, less)
			}
		}
	}
	if _, ok := Detectable(0, 40, 0.4, 0.05, 0.8, true); ok {
		t.Error("n = 0 accepted")
	}
	if _, ok := Detectable(5000, 5000, 0.4, 0.05, 0.8, true); ok {
		t.Error("25 million tables accepted")
	}
	// 3 against 3 people can detect nothing at 0.05 with 80% power
	if res, ok := Detectable(3, 3, 0.5, 0.05, 0.8, true); !ok || res.OK {
		t.Errorf("3 vs 3: %+v", res)
	}
}

// powerAt is the power at d points, by the definition (independent of Detectable's loop).
func powerAt(n1, n2 int, p1, alpha float64, d int, up bool) float64 {
	p2 := p1 + float64(d)/100
	if !up {
		p2 = p1 - float64(d)/100
	}
	b1, b2 := binomial(n1, p1), binomial(n2, p2)
	s := 0.0
	for x1 := 0; x1 <= n1; x1++ {
		for x2 := 0; x2 <= n2; x2++ {
			if p, _ := FisherExact(x1, n1-x1, x2, n2-x2); p < alpha {
				s += b1[x1] * b2[x2]
			}
		}
	}
	return s
}

// The p-values shared by tables with the same margins are those of FisherExact, table by table.
func TestPowerTablesAgreeWithFisher(t *testing.T) {
	for _, n := range [][2]int{{1, 1}, {3, 7}, {20, 13}, {50, 40}} {
		pt, ok := NewPowerTables(n[0], n[1])
		if !ok {
			t.Fatal(n)
		}
		for x1 := 0; x1 <= n[0]; x1++ {
			for x2 := 0; x2 <= n[1]; x2++ {
				want, _ := FisherExact(x1, n[0]-x1, x2, n[1]-x2)
				if d := pt.p[x1][x2] - want; d > 1e-12 || d < -1e-12 {
					t.Fatalf("%d/%d vs %d/%d: %v, FisherExact %v", x1, n[0], x2, n[1], pt.p[x1][x2], want)
				}
			}
		}
	}
}
