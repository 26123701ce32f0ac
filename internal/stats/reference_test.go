package stats

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// The reference values in testdata/reference.json were computed by R itself
// (testdata/reference.R; see its header to regenerate). These tests need no R.

type reference struct {
	Generator string `json:"generator"`
	Wilson    []struct {
		K, N          int
		Level, Lo, Hi float64
	} `json:"wilson"`
	Newcombe []struct {
		K1, N1, K2, N2 int
		Level, Lo, Hi  float64
	} `json:"newcombe"`
	Fisher []struct {
		A, B, C, D int
		P          float64
	} `json:"fisher"`
	PAdjust []struct {
		P, Holm, BH []*float64
	} `json:"padjust"`
	Trend []struct {
		K, N    []int
		Scores  []float64
		Chi2, P float64
	} `json:"trend"`
	ChiSq []struct {
		Table   [][]int
		Stat, P float64
		DF      int
		Small   bool
	} `json:"chisq"`
	Quartiles []struct {
		X              []float64
		Q1, Median, Q3 float64
	} `json:"quartiles"`
}

func loadReference(t testing.TB) reference {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "reference.json"))
	if err != nil {
		t.Fatal(err)
	}
	var ref reference
	if err := json.Unmarshal(raw, &ref); err != nil {
		t.Fatal(err)
	}
	if len(ref.Wilson) == 0 || len(ref.Newcombe) == 0 || len(ref.Fisher) == 0 || len(ref.PAdjust) == 0 ||
		len(ref.Trend) == 0 || len(ref.ChiSq) == 0 || len(ref.Quartiles) == 0 {
		t.Fatal("reference.json has an empty section")
	}
	return ref
}

// absTol is the agreement required with R for interval limits, statistics
// and p-values.
const absTol = 1e-6

// relTol is the relative agreement required with R for p-values, so that
// tiny p-values (where 1e-6 absolute says nothing) are checked too.
const relTol = 1e-9

// nearAbs reports whether got agrees with want to absTol.
func nearAbs(got, want float64) bool {
	return !math.IsNaN(got) && math.Abs(got-want) <= absTol
}

// nearP reports whether a p-value agrees with R's both absolutely (absTol)
// and relatively (relTol). Differences below 1e-300 are ignored: R and Go
// then both sit in the float64 underflow range.
func nearP(got, want float64) bool {
	d := math.Abs(got - want)
	return nearAbs(got, want) && (d <= relTol*math.Abs(want) || d < 1e-300)
}

func TestReferenceWilson(t *testing.T) {
	for _, c := range loadReference(t).Wilson {
		got := Wilson(c.K, c.N, c.Level)
		if !got.OK || !nearAbs(got.Lo, c.Lo) || !nearAbs(got.Hi, c.Hi) {
			t.Errorf("Wilson(%d, %d, %v) = %+v, R says [%.10g, %.10g]", c.K, c.N, c.Level, got, c.Lo, c.Hi)
		}
	}
}

func TestReferenceNewcombe(t *testing.T) {
	for _, c := range loadReference(t).Newcombe {
		got := Newcombe(c.K1, c.N1, c.K2, c.N2, c.Level)
		if !got.OK || !nearAbs(got.Lo, c.Lo) || !nearAbs(got.Hi, c.Hi) {
			t.Errorf("Newcombe(%d/%d, %d/%d, %v) = %+v, R says [%.10g, %.10g]",
				c.K1, c.N1, c.K2, c.N2, c.Level, got, c.Lo, c.Hi)
		}
	}
}

func TestReferenceFisher(t *testing.T) {
	for _, c := range loadReference(t).Fisher {
		got, ok := FisherExact(c.A, c.B, c.C, c.D)
		if !ok || !nearP(got, c.P) {
			t.Errorf("FisherExact(%d, %d, %d, %d) = %.17g, %v; R says %.17g", c.A, c.B, c.C, c.D, got, ok, c.P)
		}
	}
}

func TestReferencePAdjust(t *testing.T) {
	for _, c := range loadReference(t).PAdjust {
		p := fromNullable(c.P)
		for _, m := range []struct {
			name string
			fn   func([]float64) []float64
			want []*float64
		}{{"Holm", Holm, c.Holm}, {"BenjaminiHochberg", BenjaminiHochberg, c.BH}} {
			got := m.fn(p)
			want := fromNullable(m.want)
			if len(got) != len(want) {
				t.Errorf("%s(%v): %d values, want %d", m.name, p, len(got), len(want))
				continue
			}
			for i := range got {
				if math.IsNaN(want[i]) != math.IsNaN(got[i]) || (!math.IsNaN(want[i]) && !nearP(got[i], want[i])) {
					t.Errorf("%s(%v)[%d] = %.17g, R says %.17g", m.name, p, i, got[i], want[i])
				}
			}
		}
	}
}

// fromNullable turns JSON nulls (R's NA) into NaN.
func fromNullable(xs []*float64) []float64 {
	out := make([]float64, len(xs))
	for i, x := range xs {
		if x == nil {
			out[i] = math.NaN()
		} else {
			out[i] = *x
		}
	}
	return out
}

func TestReferenceTrend(t *testing.T) {
	for _, c := range loadReference(t).Trend {
		chi2, p, ok := TrendTest(c.K, c.N, c.Scores)
		if !ok || !nearAbs(chi2, c.Chi2) || !nearP(p, c.P) {
			t.Errorf("TrendTest(%v, %v, %v) = %.17g, %.17g, %v; R says %.17g, %.17g",
				c.K, c.N, c.Scores, chi2, p, ok, c.Chi2, c.P)
		}
	}
}

func TestReferenceChiSquare(t *testing.T) {
	for _, c := range loadReference(t).ChiSq {
		got, ok := ChiSquare(c.Table)
		if !ok || !nearAbs(got.Stat, c.Stat) || !nearP(got.P, c.P) || got.DF != c.DF || got.SmallExpected != c.Small {
			t.Errorf("ChiSquare(%v) = %+v, %v; R says stat %.17g p %.17g df %d small %v",
				c.Table, got, ok, c.Stat, c.P, c.DF, c.Small)
		}
	}
}

func TestReferenceQuartiles(t *testing.T) {
	for _, c := range loadReference(t).Quartiles {
		q1, med, q3, ok := Quartiles(c.X)
		if !ok || !nearAbs(q1, c.Q1) || !nearAbs(med, c.Median) || !nearAbs(q3, c.Q3) {
			t.Errorf("Quartiles(%v) = %v, %v, %v, %v; R says %v, %v, %v", c.X, q1, med, q3, ok, c.Q1, c.Median, c.Q3)
		}
	}
}

// TestReferenceWorstCase holds every function to R within worstBudget, far inside the
// per-case tolerances above: R's values are written with 17 significant digits and the same
// formulas in double precision agree to about 1e-13 (the trend test's chi-square tail is the
// loosest), so a disagreement of 1e-10 is a changed formula or a lost digit, not rounding,
// and fails here before it reaches a tolerance that lets it through. The figures are logged.
func TestReferenceWorstCase(t *testing.T) {
	ref := loadReference(t)
	worst := map[string]float64{}
	note := func(name string, got, want float64) {
		d := math.Abs(got - want)
		if want != 0 {
			d = math.Min(d, d/math.Abs(want)) // absolute or relative, whichever is smaller
		}
		worst[name] = math.Max(worst[name], d)
	}
	for _, c := range ref.Wilson {
		got := Wilson(c.K, c.N, c.Level)
		note("Wilson", got.Lo, c.Lo)
		note("Wilson", got.Hi, c.Hi)
	}
	for _, c := range ref.Newcombe {
		got := Newcombe(c.K1, c.N1, c.K2, c.N2, c.Level)
		note("Newcombe", got.Lo, c.Lo)
		note("Newcombe", got.Hi, c.Hi)
	}
	for _, c := range ref.Fisher {
		p, _ := FisherExact(c.A, c.B, c.C, c.D)
		note("FisherExact", p, c.P)
	}
	for _, c := range ref.Trend {
		_, p, _ := TrendTest(c.K, c.N, c.Scores)
		note("TrendTest", p, c.P)
	}
	for _, c := range ref.ChiSq {
		got, _ := ChiSquare(c.Table)
		note("ChiSquare", got.P, c.P)
	}
	const worstBudget = 1e-10
	for _, name := range []string{"Wilson", "Newcombe", "FisherExact", "TrendTest", "ChiSquare"} {
		d, ok := worst[name]
		switch {
		case !ok:
			t.Errorf("%s: no reference case was compared", name)
		case math.IsNaN(d) || d > worstBudget:
			t.Errorf("%s disagrees with R by %.3g, more than %.0e", name, d, worstBudget)
		default:
			t.Logf("%-12s worst disagreement with R: %.3g", name, d)
		}
	}
}
