package compare

import (
	"math"
	"strings"
	"testing"

	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/dataset"
)

// quasi is a category quasi-identifier.
func quasi(name string, values ...string) *codebook.Code {
	c := category(name, values...)
	c.Identifier = codebook.Quasi
	return c
}

// bitsCol answers code c with the given bits (0: missing).
func bitsCol(c *codebook.Code, b ...uint64) *dataset.Column {
	col := &dataset.Column{Code: c}
	for _, x := range b {
		st := dataset.Answered
		if x == 0 && c.Type != codebook.YesNo {
			st = dataset.Missing
		}
		col.State = append(col.State, st)
		col.Bits = append(col.Bits, x)
	}
	return col
}

// The sample's structure: 2017's 40 interviewees by age and province (no one aged 40 and over
// from the other provinces) raked to the 2014 report's 28/40/32% and 58/42%. By hand (see
// stats.TestRakeSample) the weights are 0.4, 8/15, 1.6, 1.44, 1.92; a yes/no code held by
// everyone from North Hamgyong or Ryanggang has the standardised share 23.2/40 = 0.58.
func TestStandardisationRaking(t *testing.T) {
	age := quasi("age_band", "under 30", "30-39", "40 and over")
	prov := quasi("province_group", "NH", "other")
	left := quasi("left_period", "2011-2013", "2014-2016")
	nh := yesno("nh", codebook.WorseIfHigher)
	var a, p, l, y []uint64
	for _, c := range []struct {
		age, prov, n int
	}{{0, 0, 10}, {1, 0, 12}, {2, 0, 8}, {0, 1, 5}, {1, 1, 5}} {
		for range c.n {
			a, p, l = append(a, 1<<c.age), append(p, 1<<c.prov), append(l, 2)
			y = append(y, uint64(1-c.prov))
		}
	}
	w2017 := interviews("2017", 0, bitsCol(age, a...), bitsCol(prov, p...), bitsCol(left, l...), bitsCol(nh, y...))
	w2014 := aggregate("2014",
		dataset.Figure{Code: age, Value: 0, N: 50, Count: 14}, dataset.Figure{Code: age, Value: 1, N: 50, Count: 20}, dataset.Figure{Code: age, Value: 2, N: 50, Count: 16},
		dataset.Figure{Code: prov, Value: 0, N: 50, Count: 29, CountMin: 29, CountMax: 29, Rebuilt: true}, dataset.Figure{Code: prov, Value: 1, N: 50, Count: 21, CountMin: 21, CountMax: 21, Rebuilt: true},
		dataset.Figure{Code: left, Value: 0, N: 50, Count: 50}, dataset.Figure{Code: left, Value: 1, N: 50, Count: 0},
		dataset.Figure{Code: nh, N: 50, Count: 29})
	r := mustCompare(t, book(age, prov, left, nh), []*dataset.Wave{w2014, w2017}, Options{})
	st := r.Standardisation
	if st.Method != MethodRaking || st.Wave != "2017" || st.Target != "2014" || strings.Join(st.Margins, ",") != "age_band,province_group" || st.People != 40 {
		t.Fatalf("standardisation %+v", st)
	}
	if len(st.Skipped) != 1 || st.Skipped[0].Code != "left_period" || !strings.Contains(st.Skipped[0].Reason, `no one interviewed in 2017 gave "2011-2013"`) {
		t.Errorf("skipped %+v", st.Skipped)
	}
	if math.Abs(st.WeightMin-0.4) > 1e-9 || math.Abs(st.WeightMax-1.92) > 1e-9 || math.Abs(st.EffectiveN-29.469548133597737) > 1e-9 {
		t.Errorf("weights %v–%v, Kish n %v", st.WeightMin, st.WeightMax, st.EffectiveN)
	}
	f := findingOf(t, r, "nh", "yes")
	if s := f.Standardised; s == nil || math.Abs(s.Share-0.58) > 1e-9 || math.Abs(s.Diff-0) > 1e-9 || s.Wave != "2017" {
		t.Errorf("standardised %+v", f.Standardised)
	}
}

// A change that only reflects who was interviewed does not survive standardisation. Both waves
// are interviews: 2014 has 50 from province A (40 yes) and 50 from B (10 yes), 2017 has 90 from
// A (72 yes) and 10 from B (2 yes): 50% against 74%, but 80% and 20% in each province both
// times. Post-stratified to 2014's 50/50, 2017's share is 0.5·0.8 + 0.5·0.2 = 50%.
func TestNotRobust(t *testing.T) {
	prov := quasi("province", "A", "B")
	x := yesno("x", codebook.WorseIfHigher)
	mk := func(name string, a, ay, b, by int) *dataset.Wave {
		var p, y []uint64
		for i := range a {
			p, y = append(p, 1), append(y, b2u(i < ay))
		}
		for i := range b {
			p, y = append(p, 2), append(y, b2u(i < by))
		}
		return interviews(name, 0, bitsCol(prov, p...), bitsCol(x, y...))
	}
	r := mustCompare(t, book(prov, x), []*dataset.Wave{mk("2014", 50, 40, 50, 10), mk("2017", 90, 72, 10, 2)}, Options{})
	if r.Standardisation.Method != MethodPostStratification {
		t.Fatalf("method %s", r.Standardisation.Method)
	}
	f := r.Findings[0]
	if f.Verdict != Worse || !f.NotRobust || f.Standardised == nil || f.Standardised.Survives == nil || *f.Standardised.Survives {
		t.Errorf("verdict %s not robust %v standardised %+v", f.Verdict, f.NotRobust, f.Standardised)
	}
	approx(t, "standardised share", &f.Standardised.Share, 0.5, 1e-12)
	// the same change within each province survives
	r = mustCompare(t, book(prov, x), []*dataset.Wave{mk("2014", 50, 10, 50, 10), mk("2017", 50, 40, 50, 40)}, Options{})
	if f := r.Findings[0]; f.Verdict != Worse || f.NotRobust || !*f.Standardised.Survives {
		t.Errorf("a real change: %s not robust %v", f.Verdict, f.NotRobust)
	}
}

// Nothing to weight, or nothing to weight on, is said.
func TestStandardisationNone(t *testing.T) {
	prov := quasi("province", "A", "B")
	x := yesno("x", codebook.WorseIfHigher)
	agg := func(name string) *dataset.Wave {
		return aggregate(name, dataset.Figure{Code: x, N: 40, Count: 10}, dataset.Figure{Code: prov, Value: 0, N: 40, Count: 20})
	}
	r := mustCompare(t, book(prov, x), []*dataset.Wave{agg("a"), agg("b")}, Options{})
	if st := r.Standardisation; st.Method != MethodNone || !strings.Contains(st.Reason, "neither wave is a wave of interviews") {
		t.Errorf("%+v", st)
	}
	// the target published only one of the two values
	r = mustCompare(t, book(prov, x), []*dataset.Wave{agg("a"), interviews("b", 0, cat(prov, 20, 20), yn(x, 5, 40))}, Options{})
	if st := r.Standardisation; st.Method != MethodNone || len(st.Skipped) != 1 || !strings.Contains(st.Skipped[0].Reason, `a did not publish every value (not "B")`) {
		t.Errorf("%+v", st)
	}
	if r.Findings[0].Standardised != nil {
		t.Error("a standardised share without a standardisation")
	}
}
