package compare

import (
	"math"

	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/dataset"
	"github.com/shadowreport/shadowreport/internal/stats"
)

// compositionCombos is the most combinations of rebuilt counts a composition test tries; beyond
// it, the counts nearest the published percentages are used.
const compositionCombos = 16

func (c *run) composition(code *codebook.Code, ts []dataset.Tally, has []bool) {
	o := c.o
	first := &ts[o.to]
	if !o.single {
		first = &ts[o.from]
	}
	for v := range first.Values {
		row := Composition{Code: code.Name, Value: first.Values[v], Label: code.Label,
			Shares: map[string]*float64{}, Counts: map[string]int{}, N: map[string]int{},
			CountMin: map[string]int{}, CountMax: map[string]int{}, Rebuilt: map[string]bool{}, code: code}
		for _, i := range c.compared() {
			w := c.waves[i]
			row.Shares[w.Name] = nil
			if !published(w, &ts[i], has[i], v) {
				continue
			}
			s := side(w, &ts[i], v)
			row.Counts[w.Name], row.N[w.Name] = s.Count, s.N
			row.CountMin[w.Name], row.CountMax[w.Name], row.Rebuilt[w.Name] = s.CountMin, s.CountMax, s.Rebuilt
			if s.N > 0 {
				row.Shares[w.Name] = ptr(float64(s.Count) / float64(s.N))
			}
		}
		if !o.single {
			if a, b := row.Shares[o.From], row.Shares[o.To]; a != nil && b != nil {
				row.Diff = ptr(*b - *a)
				// 1e-9 absorbs binary rounding: 0.65 − 0.5 is exactly 15 points, not more.
				row.Flag = math.Abs(*row.Diff) > o.FlagShare+1e-9
			}
		}
		c.r.Composition = append(c.r.Composition, row)
	}
	if !o.single {
		c.compositionTest(code, ts, has)
	}
}

// compositionTest compares the two waves' profiles on a single-answer quasi-identifier over
// the values both publish (a multi code's values are not exclusive: no test). A value one wave
// did not publish is left out, never counted as nobody.
func (c *run) compositionTest(code *codebook.Code, ts []dataset.Tally, has []bool) {
	o := c.o
	if code.Type == codebook.Multi || !has[o.from] || !has[o.to] {
		return
	}
	wf, wt := c.waves[o.from], c.waves[o.to]
	t := CompositionTest{Code: code.Name, Label: code.Label, Values: []string{}, LeftOut: []string{}, code: code}
	var a, b []Side
	for v, name := range ts[o.from].Values {
		if !published(wf, &ts[o.from], true, v) || !published(wt, &ts[o.to], true, v) {
			t.LeftOut = append(t.LeftOut, name)
			continue
		}
		t.Values = append(t.Values, name)
		a = append(a, side(wf, &ts[o.from], v))
		b = append(b, side(wt, &ts[o.to], v))
	}
	// every combination of the counts the rebuilt figures allow, when there are few
	combos := 1
	for _, s := range append(append([]Side(nil), a...), b...) {
		t.Rebuilt = t.Rebuilt || s.Rebuilt
		combos = min(combos*(s.CountMax-s.CountMin+1), compositionCombos+1)
	}
	if t.Rebuilt {
		t.RebuiltCounts = RebuiltLeast
	}
	if combos > compositionCombos {
		t.RebuiltCounts = RebuiltNearest
		combos = 1 // the counts nearest the published percentages only
		for i := range a {
			a[i].CountMin, a[i].CountMax = a[i].Count, a[i].Count
			b[i].CountMin, b[i].CountMax = b[i].Count, b[i].Count
		}
	}
	ka, kb := make([]int, len(a)), make([]int, len(b))
	var best *stats.ProfileResult
	for n := range combos {
		// the n-th combination, in mixed radix over the ranges
		for i := range a {
			w := a[i].CountMax - a[i].CountMin + 1
			ka[i] = a[i].CountMin + n%w
			n /= w
		}
		for i := range b {
			w := b[i].CountMax - b[i].CountMin + 1
			kb[i] = b[i].CountMin + n%w
			n /= w
		}
		res, ok := stats.ProfileDifference(ka, kb)
		if !ok {
			continue
		}
		if best == nil {
			best = &res
			continue
		}
		// the least favourable to a difference: smallest effects, largest p
		best.TVD = math.Min(best.TVD, res.TVD)
		best.CramersV = math.Min(best.CramersV, res.CramersV)
		if res.P > best.P {
			best.P, best.Method, best.Chi2, best.DF, best.SmallExpected = res.P, res.Method, res.Chi2, res.DF, res.SmallExpected
		}
	}
	if best != nil {
		t.TVD, t.CramersV, t.Chi2, t.DF, t.P = ptr(best.TVD), ptr(best.CramersV), ptr(best.Chi2), best.DF, ptr(best.P)
		t.PMethod, t.SmallExpected = best.Method, best.SmallExpected
	}
	c.r.CompositionTests = append(c.r.CompositionTests, t)
}
