package compare

import (
	"errors"
	"maps"
	"math"
	"strconv"

	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/dataset"
	"github.com/shadowreport/shadowreport/internal/stats"
)

// Compare compares two waves of a project (docs/statistics.md). waves are the project's waves, oldest
// first; trends span all of them whatever the two compared. The only errors are an
// *OptionError, for options that cannot be used, and a nil codebook.
//
// Direct identifiers give nothing; quasi-identifiers give the composition; yes/no, category
// and multi codes give findings (one for "yes", or one per value) and trends; number codes
// give their quartiles; text codes give nothing.
func Compare(cb *codebook.Codebook, waves []*dataset.Wave, opts Options) (*Result, error) {
	if cb == nil {
		return nil, errors.New("compare: no codebook")
	}
	o, err := resolve(waves, opts)
	if err != nil {
		return nil, err
	}
	r := &Result{
		From: o.From, To: o.To, Level: o.Level, Adjust: o.Adjust, MinN: o.MinN, FlagPoints: roundTo(o.FlagShare*100, 9),
		Waves:            make([]string, len(waves)),
		Findings:         []Finding{},
		Trends:           []Trend{},
		NotComparable:    []NotComparable{},
		Composition:      []Composition{},
		CompositionTests: []CompositionTest{},
		Numbers:          []Numbers{},
	}
	for i, w := range waves {
		r.Waves[i] = w.Name
	}
	tallies := make([]dataset.Tally, len(waves))
	has := make([]bool, len(waves))
	for _, c := range cb.Codes {
		if c.Identifier == codebook.Direct || !(c.Counted() || c.Type == codebook.Number) {
			continue
		}
		if c.Identifier == codebook.Quasi && !c.Counted() {
			continue // a quasi number code: the codebook warns it is left out
		}
		for i, w := range waves {
			tallies[i], has[i] = w.Tally(c)
		}
		switch {
		case c.Identifier == codebook.Quasi:
			r.composition(c, waves, tallies, has, o)
		case c.Type == codebook.Number:
			r.numbers(c, waves, tallies, has, o)
		default:
			r.findings(c, waves, tallies, has, o)
			r.trends(c, waves, tallies, has)
		}
	}
	r.test(o)
	return r, nil
}

// published reports whether wave w has value v of its tally t: an interview wave has every
// value of a code it holds (perhaps with nobody answering); an aggregate wave only the values
// it published.
func published(w *dataset.Wave, t *dataset.Tally, ok bool, v int) bool {
	return ok && (w.Kind != dataset.Aggregate || t.Bases[v] > 0)
}

// side is what tally t says about value v.
func side(t *dataset.Tally, v int, level float64) Side {
	s := Side{Count: t.Counts[v], N: t.Bases[v]}
	if s.N > 0 {
		s.Share = ptr(float64(s.Count) / float64(s.N))
		s.CI = interval(stats.Wilson(s.Count, s.N, level))
	}
	if len(t.Sources) > 0 {
		s.Sources = t.Sources
	}
	return s
}

// findingValues is the number of findings of a counted code: one for yes/no, one per value.
func findingValues(c *codebook.Code, t *dataset.Tally) int {
	if c.Type == codebook.YesNo {
		return 1
	}
	return len(t.Values)
}

func (r *Result) findings(c *codebook.Code, waves []*dataset.Wave, ts []dataset.Tally, has []bool, o resolved) {
	from, to := &ts[o.from], &ts[o.to]
	for v := range findingValues(c, from) {
		inFrom := published(waves[o.from], from, has[o.from], v)
		inTo := published(waves[o.to], to, has[o.to], v)
		switch {
		case inFrom && inTo:
		case inFrom:
			s := side(from, v, o.Level)
			r.NotComparable = append(r.NotComparable, NotComparable{Code: c.Name, Value: from.Values[v], Label: c.Label, Theme: c.Theme,
				MissingFrom: o.To, PresentIn: o.From, Present: &s, code: c})
			continue
		case inTo:
			s := side(to, v, o.Level)
			r.NotComparable = append(r.NotComparable, NotComparable{Code: c.Name, Value: to.Values[v], Label: c.Label, Theme: c.Theme,
				MissingFrom: o.From, PresentIn: o.To, Present: &s, code: c})
			continue
		default:
			continue
		}
		f := Finding{
			Code: c.Name, Value: from.Values[v], Label: c.Label, Type: c.Type, Theme: c.Theme, Article: c.Article,
			Direction: direction(c), Question: c.Question, Sensitive: c.Sensitive,
			From: side(from, v, o.Level), To: side(to, v, o.Level),
			code: c,
		}
		if len(c.Labels) > 0 {
			f.Labels = maps.Clone(c.Labels)
		}
		if f.From.N > 0 && f.To.N > 0 {
			f.Diff = ptr(*f.To.Share - *f.From.Share)
			f.DiffCI = interval(stats.Newcombe(f.To.Count, f.To.N, f.From.Count, f.From.N, o.Level))
		}
		if f.From.N >= o.MinN && f.To.N >= o.MinN {
			if p, ok := stats.FisherExact(f.To.Count, f.To.N-f.To.Count, f.From.Count, f.From.N-f.From.Count); ok {
				f.P = ptr(p)
			}
		}
		r.Findings = append(r.Findings, f)
	}
}

func direction(c *codebook.Code) codebook.Direction {
	if c.Direction == "" {
		return codebook.Neutral
	}
	return c.Direction
}

// test adjusts the p-values of all findings that have one and gives every finding its verdict.
func (r *Result) test(o resolved) {
	var ps []float64
	var idx []int
	for i, f := range r.Findings {
		if f.P != nil {
			ps = append(ps, *f.P)
			idx = append(idx, i)
		}
	}
	r.Tests = len(ps)
	switch o.Adjust {
	case AdjustHolm:
		ps = stats.Holm(ps)
	case AdjustBH:
		ps = stats.BenjaminiHochberg(ps)
	}
	for j, i := range idx {
		r.Findings[i].PAdjusted = ptr(ps[j])
	}
	for i := range r.Findings {
		r.Findings[i].Verdict = verdict(&r.Findings[i], o)
	}
}

// verdict applies the rules of docs/statistics.md. A finding with enough answers whose test could not be
// computed (a table beyond 2³¹ people) is no_clear_change.
func verdict(f *Finding, o resolved) Verdict {
	switch {
	case f.From.N < o.MinN || f.To.N < o.MinN:
		return TooFew
	case f.PAdjusted == nil || *f.PAdjusted >= o.alpha || f.Diff == nil || *f.Diff == 0:
		return NoClearChange
	}
	up := *f.Diff > 0
	switch f.Direction {
	case codebook.WorseIfHigher:
		if up {
			return Worse
		}
		return Better
	case codebook.BetterIfHigher:
		if up {
			return Better
		}
		return Worse
	}
	if up {
		return Higher
	}
	return Lower
}

// trends tests every value of c that three or more waves have, over those waves. A wave has a
// value when its base is above 0: an interview wave where nobody answered adds nothing.
func (r *Result) trends(c *codebook.Code, waves []*dataset.Wave, ts []dataset.Tally, has []bool) {
	var t0 *dataset.Tally
	for i := range ts {
		if has[i] {
			t0 = &ts[i]
			break
		}
	}
	if t0 == nil {
		return
	}
	for v := range findingValues(c, t0) {
		t := Trend{Code: c.Name, Value: t0.Values[v], Label: c.Label, Theme: c.Theme, Direction: direction(c), code: c}
		for i, w := range waves {
			if !has[i] || ts[i].Bases[v] == 0 {
				continue
			}
			t.Waves = append(t.Waves, w.Name)
			t.Count = append(t.Count, ts[i].Counts[v])
			t.N = append(t.N, ts[i].Bases[v])
			t.Share = append(t.Share, float64(ts[i].Counts[v])/float64(ts[i].Bases[v]))
		}
		if len(t.Waves) < 3 {
			continue
		}
		t.Scores = scores(t.Waves)
		if chi2, p, ok := stats.TrendTest(t.Count, t.N, t.Scores); ok {
			t.Chi2, t.P = ptr(chi2), ptr(p)
		}
		r.Trends = append(r.Trends, t)
	}
}

// scores are the years the waves are named by, when every name is a year of four digits,
// else 1, 2, 3, … (equally spaced, in wave order).
func scores(names []string) []float64 {
	s := make([]float64, len(names))
	for i, name := range names {
		y, err := strconv.Atoi(name)
		if len(name) != 4 || err != nil || name[0] < '0' || name[0] > '9' {
			for j := range s {
				s[j] = float64(j + 1)
			}
			return s
		}
		s[i] = float64(y)
	}
	return s
}

func (r *Result) composition(c *codebook.Code, waves []*dataset.Wave, ts []dataset.Tally, has []bool, o resolved) {
	from := &ts[o.from]
	for v := range from.Values {
		row := Composition{Code: c.Name, Value: from.Values[v], Label: c.Label,
			Shares: map[string]*float64{}, Counts: map[string]int{}, N: map[string]int{}, code: c}
		for _, i := range []int{o.from, o.to} {
			name := waves[i].Name
			row.Shares[name] = nil
			if !published(waves[i], &ts[i], has[i], v) {
				continue
			}
			row.Counts[name], row.N[name] = ts[i].Counts[v], ts[i].Bases[v]
			if ts[i].Bases[v] > 0 {
				row.Shares[name] = ptr(float64(ts[i].Counts[v]) / float64(ts[i].Bases[v]))
			}
		}
		if a, b := row.Shares[o.From], row.Shares[o.To]; a != nil && b != nil {
			row.Diff = ptr(*b - *a)
			// 1e-9 absorbs binary rounding: 0.65 − 0.5 is exactly 15 points, not more.
			row.Flag = math.Abs(*row.Diff) > o.FlagShare+1e-9
		}
		r.Composition = append(r.Composition, row)
	}
	r.compositionTest(c, waves, ts, has, o)
}

// compositionTest is Pearson's chi-square test of whether the two waves' profiles on a
// single-answer quasi-identifier differ (a multi code's values are not exclusive: no test).
func (r *Result) compositionTest(c *codebook.Code, waves []*dataset.Wave, ts []dataset.Tally, has []bool, o resolved) {
	if c.Type == codebook.Multi || !has[o.from] || !has[o.to] {
		return
	}
	var table [][]int
	for _, i := range []int{o.from, o.to} {
		row := append([]int(nil), ts[i].Counts...)
		table = append(table, row)
	}
	t := CompositionTest{Code: c.Name, Label: c.Label, code: c}
	if res, ok := stats.ChiSquare(table); ok {
		t.Chi2, t.DF, t.P, t.SmallExpected = ptr(res.Stat), res.DF, ptr(res.P), res.SmallExpected
	}
	r.CompositionTests = append(r.CompositionTests, t)
}

func (r *Result) numbers(c *codebook.Code, waves []*dataset.Wave, ts []dataset.Tally, has []bool, o resolved) {
	stat := func(i int) *NumberStats {
		if !has[i] {
			return nil
		}
		s := &NumberStats{N: len(ts[i].Numbers)}
		if q1, m, q3, ok := stats.Quartiles(ts[i].Numbers); ok {
			s.Q1, s.Median, s.Q3 = ptr(q1), ptr(m), ptr(q3)
		}
		return s
	}
	n := Numbers{Code: c.Name, Label: c.Label, Theme: c.Theme, From: stat(o.from), To: stat(o.to), code: c}
	switch {
	case n.From == nil && n.To == nil:
		return
	case n.From == nil:
		r.NotComparable = append(r.NotComparable, NotComparable{Code: c.Name, Label: c.Label, Theme: c.Theme,
			MissingFrom: o.From, PresentIn: o.To, code: c})
	case n.To == nil:
		r.NotComparable = append(r.NotComparable, NotComparable{Code: c.Name, Label: c.Label, Theme: c.Theme,
			MissingFrom: o.To, PresentIn: o.From, code: c})
	}
	r.Numbers = append(r.Numbers, n)
}

func ptr(x float64) *float64 { return &x }

func interval(iv stats.Interval) *Interval {
	if !iv.OK {
		return nil
	}
	return &Interval{iv.Lo, iv.Hi}
}

func roundTo(x float64, decimals int) float64 {
	p := math.Pow(10, float64(decimals))
	return math.Round(x*p) / p
}
