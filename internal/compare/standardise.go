package compare

import (
	"fmt"
	"math"
	"math/bits"
	"slices"
	"strconv"
	"strings"

	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/dataset"
	"github.com/shadowreport/shadowreport/internal/stats"
)

// The methods of Standardisation.
const (
	MethodRaking             = "raking"
	MethodPostStratification = "post_stratification"
	MethodNone               = "none"
)

// margin is one quasi-identifier usable for the standardisation.
type margin struct {
	code    *codebook.Code
	cats    []int // per person of the weighted wave: the value, or −1 (no answer, withdrawn)
	targets []float64
	target  []int // the target wave's count per value (interviews: its answers)
}

// standardise re-weights one wave to the other's profile on the single-answer
// quasi-identifiers both have (docs/statistics.md) and returns the weights of the weighted
// wave's people (0 for those left out), or nil when there is no standardisation.
func (r *Result) standardise(cb *codebook.Codebook, waves []*dataset.Wave, o resolved) []float64 {
	st := &Standardisation{Method: MethodNone, Margins: []string{}, Skipped: []SkippedMargin{}}
	r.Standardisation = st
	wi, ti := o.to, o.from
	switch {
	case waves[o.to].Kind == dataset.Interviews:
	case waves[o.from].Kind == dataset.Interviews:
		wi, ti = o.from, o.to
	default:
		st.Reason = "neither wave is a wave of interviews: there is no one to weight"
		return nil
	}
	W, T := waves[wi], waves[ti]
	st.Wave, st.Target = W.Name, T.Name
	var margins []margin
	for _, code := range cb.Codes {
		if code.Identifier != codebook.Quasi || code.Type != codebook.Category {
			continue
		}
		m, why := newMargin(code, W, T)
		if why != "" {
			st.Skipped = append(st.Skipped, SkippedMargin{Code: code.Name, Reason: why})
			continue
		}
		margins = append(margins, m)
	}
	if len(margins) == 0 {
		st.Reason = "no quasi-identifier is published in full by both waves with the same values held"
		return nil
	}
	// the people who answered every margin are weighted; the others are left out
	var kept []int
	for i, p := range W.People {
		if p.Consent == dataset.ConsentWithdrawn {
			continue
		}
		all := true
		for _, m := range margins {
			all = all && m.cats[i] >= 0
		}
		if all {
			kept = append(kept, i)
		} else {
			st.LeftOut++
		}
	}
	st.People = len(kept)
	for _, m := range margins {
		st.Margins = append(st.Margins, m.code.Name)
	}
	cats := make([][]int, len(margins))
	targets := make([][]float64, len(margins))
	for j, m := range margins {
		targets[j] = m.targets
		for _, i := range kept {
			cats[j] = append(cats[j], m.cats[i])
		}
	}
	var w []float64
	if T.Kind == dataset.Interviews {
		if ps, ok := postStratify(margins, kept, T); ok {
			w, st.Method = ps, MethodPostStratification
		}
	}
	if w == nil {
		res, ok := stats.Rake(cats, targets)
		switch {
		case len(kept) == 0:
			st.Reason = "no one interviewed in " + W.Name + " answered every quasi-identifier"
			return nil
		case !ok:
			st.Reason = "once the interviewees who did not answer every quasi-identifier are left out, a group the target has is empty: raking is impossible"
			return nil
		case !res.Converged:
			st.Reason = fmt.Sprintf("raking did not converge in %d cycles: the margins cannot be met together", stats.RakeMaxIter)
			return nil
		}
		w, st.Method, st.Iterations = res.Weights, MethodRaking, res.Iterations
	}
	weights := make([]float64, len(W.People))
	st.WeightMin, st.WeightMax = math.Inf(1), math.Inf(-1)
	for j, i := range kept {
		weights[i] = w[j]
		st.WeightMin, st.WeightMax = math.Min(st.WeightMin, w[j]), math.Max(st.WeightMax, w[j])
	}
	st.EffectiveN = stats.KishN(w)
	return weights
}

// newMargin reads the target shares of code from wave T and every answer of wave W; why says
// why the code cannot be used.
func newMargin(code *codebook.Code, W, T *dataset.Wave) (m margin, why string) {
	wt, okW := W.Tally(code)
	tt, okT := T.Tally(code)
	if !okW || !okT {
		missing := W.Name
		if okW {
			missing = T.Name
		}
		return m, "not in the " + missing + " wave"
	}
	m.code = code
	m.target = make([]int, len(code.Values))
	total := 0
	for v := range code.Values {
		if T.Kind == dataset.Aggregate && tt.Bases[v] == 0 {
			return m, fmt.Sprintf("%s did not publish every value (not %q)", T.Name, code.Values[v])
		}
		if T.Kind == dataset.Aggregate && tt.Bases[v] != tt.Bases[0] {
			return m, fmt.Sprintf("%s published its values over different bases", T.Name)
		}
		m.target[v] = tt.Counts[v]
		total += tt.Counts[v]
	}
	if total == 0 {
		return m, "no one in " + T.Name + " answered"
	}
	m.targets = make([]float64, len(code.Values))
	for v := range m.targets {
		m.targets[v] = float64(m.target[v]) / float64(total)
	}
	for v, name := range code.Values {
		switch {
		case m.targets[v] > 0 && wt.Counts[v] == 0:
			return m, fmt.Sprintf("no one interviewed in %s gave %q, which %s of %s gave", W.Name, name, pct(m.targets[v]), T.Name)
		case m.targets[v] == 0 && wt.Counts[v] > 0:
			return m, fmt.Sprintf("no one in %s gave %q, which %d interviewed in %s gave", T.Name, name, wt.Counts[v], W.Name)
		}
	}
	col := W.Column(code)
	m.cats = make([]int, len(W.People))
	for i, p := range W.People {
		m.cats[i] = -1
		if p.Consent != dataset.ConsentWithdrawn && col.State[i] == dataset.Answered && col.Bits[i] != 0 {
			m.cats[i] = bits.TrailingZeros64(col.Bits[i])
		}
	}
	return m, ""
}

// pct writes a share as a whole percentage for a reason.
func pct(x float64) string { return strconv.FormatFloat(math.Round(x*100), 'f', 0, 64) + "%" }

// postStratify weights the kept people of the weighted wave to the joint profile of the
// margins in interview wave T, when every cross-classified group holds people in both waves or
// in neither.
func postStratify(margins []margin, kept []int, T *dataset.Wave) ([]float64, bool) {
	key := func(vals []int) string {
		parts := make([]string, len(vals))
		for i, v := range vals {
			parts[i] = strconv.Itoa(v)
		}
		return strings.Join(parts, ",")
	}
	cols := make([]*dataset.Column, len(margins))
	for j, m := range margins {
		cols[j] = T.Column(m.code)
	}
	target := map[string]int{}
	total := 0
	for i, p := range T.People {
		if p.Consent == dataset.ConsentWithdrawn {
			continue
		}
		vals := make([]int, len(margins))
		ok := true
		for j, c := range cols {
			if c.State[i] != dataset.Answered || c.Bits[i] == 0 {
				ok = false
				break
			}
			vals[j] = bits.TrailingZeros64(c.Bits[i])
		}
		if ok {
			target[key(vals)]++
			total++
		}
	}
	own := map[string]int{}
	strataKeys := make([]string, len(kept))
	for n, i := range kept {
		vals := make([]int, len(margins))
		for j, m := range margins {
			vals[j] = m.cats[i]
		}
		strataKeys[n] = key(vals)
		own[strataKeys[n]]++
	}
	if total == 0 || len(kept) == 0 {
		return nil, false
	}
	for k := range target {
		if own[k] == 0 {
			return nil, false
		}
	}
	for k := range own {
		if target[k] == 0 {
			return nil, false
		}
	}
	names := slices.Sorted(func(yield func(string) bool) {
		for k := range own {
			if !yield(k) {
				return
			}
		}
	})
	index := map[string]int{}
	shares := make([]float64, len(names))
	for s, k := range names {
		index[k] = s
		shares[s] = float64(target[k]) / float64(total)
	}
	strata := make([]int, len(kept))
	for n, k := range strataKeys {
		strata[n] = index[k]
	}
	return stats.PostStratify(strata, shares)
}

// standardised computes finding f of code (value v) with the weighted wave re-weighted.
func (c *run) standardised(f *Finding, code *codebook.Code, v int) {
	st := c.r.Standardisation
	if c.weights == nil || st == nil || st.Method == MethodNone {
		return
	}
	weightedTo := st.Wave == c.r.To
	W := c.waves[c.o.from]
	if weightedTo {
		W = c.waves[c.o.to]
	}
	col := W.Column(code)
	if col == nil {
		return
	}
	var sw, swy, sw2 float64
	for i := range W.People {
		w := c.weights[i]
		if w == 0 || col.State[i] != dataset.Answered {
			continue
		}
		sw += w
		sw2 += w * w
		if holds(code, col.Bits[i], v) {
			swy += w
		}
	}
	if sw == 0 {
		return
	}
	s := &Standardised{Wave: W.Name, Share: swy / sw, EffectiveN: sw * sw / sw2}
	other := f.From
	if !weightedTo {
		other = f.To
	}
	if other.N == 0 {
		return
	}
	// the other side's count least favourable to a difference, again, for the test; the
	// difference is from the other side's share as published
	bestP := -1.0
	for _, k := range candidates(other, s.Share) {
		p, ok := stats.ScoreTest(float64(k)/float64(other.N), float64(other.N), s.Share, s.EffectiveN)
		if ok && p > bestP {
			bestP = p
		}
	}
	otherShare := other.publishedShare()
	s.Diff = s.Share - otherShare
	if !weightedTo {
		s.Diff = otherShare - s.Share
	}
	if f.Family == RoleTested && bestP >= 0 {
		s.P = ptr(bestP)
	}
	f.Standardised = s
}

// holds reports whether an answer (a column's bits) gives value v of code.
func holds(code *codebook.Code, b uint64, v int) bool {
	switch code.Type {
	case codebook.YesNo:
		return b == 1
	case codebook.Category:
		return b == 1<<uint(v)
	}
	return b&(1<<uint(v)) != 0
}
