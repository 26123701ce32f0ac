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

// Compare compares two waves of a project, or describes one (Result.Single). waves are the
// project's waves, oldest first; trends span all of them whatever the two compared. The only
// errors are an *OptionError, for options that cannot be used, and a nil codebook.
//
// Direct identifiers give nothing; quasi-identifiers give the composition and the
// standardisation; yes/no, category and multi codes give findings (one for "yes", or one per
// value) and trends; number codes give their quartiles; text codes give nothing.
func Compare(cb *codebook.Codebook, waves []*dataset.Wave, opts Options) (*Result, error) {
	if cb == nil {
		return nil, errors.New("compare: no codebook")
	}
	o, err := resolve(waves, opts)
	if err != nil {
		return nil, err
	}
	r := &Result{
		From: o.From, To: o.To, Level: o.Level, Adjust: o.Adjust, MinN: o.MinN, MinCell: o.MinCell,
		FlagPoints: roundTo(o.FlagShare*100, 9), Single: o.single,
		Family:           Family{Alpha: o.alpha, Tolerance: stats.Tolerance},
		Waves:            make([]string, len(waves)),
		Findings:         []Finding{},
		Trends:           []Trend{},
		TrendsNote:       TrendsNote,
		NotComparable:    []NotComparable{},
		Composition:      []Composition{},
		CompositionTests: []CompositionTest{},
		Numbers:          []Numbers{},
		Agreement:        []Agreement{},
	}
	for i, w := range waves {
		r.Waves[i] = w.Name
	}
	c := &run{r: r, o: o, waves: waves}
	if !o.single {
		c.weights = r.standardise(cb, waves, o)
	}
	c.agreement(cb)
	tallies := make([]dataset.Tally, len(waves))
	has := make([]bool, len(waves))
	for _, code := range cb.Codes {
		if code.Identifier == codebook.Direct || !(code.Counted() || code.Type == codebook.Number) {
			continue
		}
		if code.Identifier == codebook.Quasi && !code.Counted() {
			continue // a quasi number code: the codebook warns it is left out
		}
		for i, w := range waves {
			tallies[i], has[i] = w.Tally(code)
		}
		switch {
		case code.Identifier == codebook.Quasi:
			c.composition(code, tallies, has)
		case code.Type == codebook.Number:
			c.numbers(code, tallies, has)
		default:
			c.findings(code, tallies, has)
			r.trends(code, waves, tallies, has)
		}
	}
	c.test()
	if !o.single {
		r.power(o)
	}
	return r, nil
}

// run is one comparison in progress.
type run struct {
	r     *Result
	o     resolved
	waves []*dataset.Wave
	// weights are the standardisation weights of the weighted wave's people (0: left out),
	// nil without a standardisation.
	weights []float64
	// unreliable names the codes whose coding agreement is below dataset.MinAlpha.
	unreliable map[*codebook.Code]bool
}

// compared is the indices of the waves compared: from and to, or to alone.
func (c *run) compared() []int {
	if c.o.single {
		return []int{c.o.to}
	}
	return []int{c.o.from, c.o.to}
}

// published reports whether wave w has value v of its tally t: an interview wave has every
// value of a code it holds (perhaps with nobody answering); an aggregate wave only the values
// it published.
func published(w *dataset.Wave, t *dataset.Tally, ok bool, v int) bool {
	return ok && (w.Kind != dataset.Aggregate || t.Bases[v] > 0)
}

// side is what tally t of wave w says about value v: the count (for a rebuilt figure, the
// one nearest the published percentage until the comparison chooses), the range of counts and
// the missing answers.
func side(w *dataset.Wave, t *dataset.Tally, v int) Side {
	s := Side{Count: t.Counts[v], N: t.Bases[v], nearest: t.Counts[v]}
	s.CountMin, s.CountMax = s.Count, s.Count
	if w.Kind == dataset.Aggregate {
		if lo, hi, rebuilt, ok := w.Range(t.Code, v); ok && rebuilt {
			s.CountMin, s.CountMax, s.Rebuilt = lo, hi, true
		}
	}
	if t.Known {
		s.Missing, s.NotApplicable = intPtr(t.Missing), intPtr(t.NotApplicable)
	}
	if len(t.Sources) > 0 {
		s.Sources = t.Sources
	}
	return s
}

// setCount sets the side's count and its share and interval: the Wilson interval of the count,
// or, for a range of counts, from the lower limit of the smallest to the upper of the largest
// (both limits grow with the count). The share of a count rebuilt from a percentage is the
// published one (publishedShare), whichever count the test takes.
func (s *Side) setCount(k int, level float64) {
	s.Count = k
	s.Share, s.CI = nil, nil
	if s.N == 0 {
		return
	}
	s.Share = ptr(s.publishedShare())
	lo, hi := stats.Wilson(s.CountMin, s.N, level), stats.Wilson(s.CountMax, s.N, level)
	if lo.OK && hi.OK {
		s.CI = &Interval{lo.Lo, hi.Hi}
	}
}

// publishedShare is the share the wave's figure states: for a count rebuilt from a percentage,
// that of the count nearest the percentage — a share that prints as the source printed it —
// else Count/N. N must be above 0.
func (s *Side) publishedShare() float64 {
	if s.Rebuilt {
		return float64(s.nearest) / float64(s.N)
	}
	return float64(s.Count) / float64(s.N)
}

// findingValues is the number of findings of a counted code: one for yes/no, one per value.
func findingValues(c *codebook.Code, t *dataset.Tally) int {
	if c.Type == codebook.YesNo {
		return 1
	}
	return len(t.Values)
}

// role is a finding's place in the family by design: directional yes/no codes, and the first
// value of a directional category code of two values, are tested.
func role(c *codebook.Code, v int) string {
	d := direction(c)
	if d != codebook.WorseIfHigher && d != codebook.BetterIfHigher {
		return RoleDescribed
	}
	switch {
	case c.Type == codebook.YesNo:
		return RoleTested
	case c.Type == codebook.Category && len(c.Values) == 2 && v == 0:
		return RoleTested
	}
	return RoleDescribed
}

func (c *run) findings(code *codebook.Code, ts []dataset.Tally, has []bool) {
	o := c.o
	to := &ts[o.to]
	if o.single {
		if !has[o.to] {
			return
		}
		for v := range findingValues(code, to) {
			if !published(c.waves[o.to], to, true, v) {
				continue
			}
			f := c.newFinding(code, to.Values[v], Side{}, side(c.waves[o.to], to, v))
			f.To.setCount(f.To.Count, o.Level)
			f.Rebuilt = f.To.Rebuilt
			c.r.Findings = append(c.r.Findings, f)
		}
		return
	}
	from := &ts[o.from]
	for v := range findingValues(code, from) {
		inFrom := published(c.waves[o.from], from, has[o.from], v)
		inTo := published(c.waves[o.to], to, has[o.to], v)
		switch {
		case inFrom && inTo:
		case inFrom, inTo:
			wi, t, missing := o.from, from, o.To
			if inTo {
				wi, t, missing = o.to, to, o.From
			}
			s := side(c.waves[wi], t, v)
			s.setCount(s.Count, o.Level)
			c.r.NotComparable = append(c.r.NotComparable, NotComparable{Code: code.Name, Value: t.Values[v], Label: code.Label, Theme: code.Theme,
				MissingFrom: missing, PresentIn: c.waves[wi].Name, Present: &s, code: code})
			continue
		default:
			continue
		}
		f := c.newFinding(code, from.Values[v], side(c.waves[o.from], from, v), side(c.waves[o.to], to, v))
		f.Family = role(code, v)
		c.choose(&f)
		f.Rebuilt = f.From.Rebuilt || f.To.Rebuilt
		f.MissingFlag = missingFlag(from, to, o.FlagShare)
		c.standardised(&f, code, v)
		c.r.Findings = append(c.r.Findings, f)
	}
}

func (c *run) newFinding(code *codebook.Code, value string, from, to Side) Finding {
	f := Finding{
		Code: code.Name, Value: value, Label: code.Label, Type: code.Type, Theme: code.Theme, Article: code.Article,
		Direction: direction(code), Question: code.Question, Sensitive: code.Sensitive,
		From: from, To: to, Family: RoleDescribed, code: code,
	}
	if len(code.Labels) > 0 {
		f.Labels = maps.Clone(code.Labels)
	}
	return f
}

// rangeLimit is the most counts of a rebuilt range tried one by one by the standardised score
// test (whose p falls steadily away from the weighted share); beyond it, the ends and the
// counts nearest the weighted share.
const rangeLimit = 64

// fisherWork bounds the work of trying every pair of counts of two rebuilt ranges by Fisher's
// test: pairs × the tables each test can sum (at most the smaller base + 1). Fisher's two-sided
// p is not monotone in a count: it jumps where another table becomes as probable as the
// observed one, so the least favourable count can lie anywhere in a range and only trying
// every count finds it. Beyond the bound (two long ranges over large bases), candidates.
const fisherWork = 1 << 22

// everyCount is every count of a side's range (its count when it is not rebuilt).
func everyCount(s Side) []int {
	out := make([]int, 0, s.CountMax-s.CountMin+1)
	for k := s.CountMin; k <= s.CountMax; k++ {
		out = append(out, k)
	}
	return out
}

// candidates are the counts of a side to try: every count of its range when there are few,
// else the ends, the count nearest the published percentage and the counts nearest share·N.
func candidates(s Side, share float64) []int {
	if s.CountMax-s.CountMin < rangeLimit {
		return everyCount(s)
	}
	mid := int(math.Round(share * float64(s.N)))
	out := []int{s.CountMin, s.CountMax}
	if s.nearest > s.CountMin && s.nearest < s.CountMax {
		out = append(out, s.nearest)
	}
	for k := mid - 1; k <= mid+1; k++ {
		if k > s.CountMin && k < s.CountMax && k != s.nearest {
			out = append(out, k)
		}
	}
	return out
}

// choose fixes the counts of both sides: with rebuilt ranges, the pair least favourable to a
// difference — the highest Fisher p, then the smallest difference — which the test takes; and
// computes the shares (as published), the difference between them and its interval, which
// spans the Newcombe intervals of every pair tried.
func (c *run) choose(f *Finding) {
	level := c.o.Level
	if f.From.N == 0 || f.To.N == 0 {
		f.From.setCount(f.From.Count, level)
		f.To.setCount(f.To.Count, level)
		return
	}
	k1s, k2s := everyCount(f.From), everyCount(f.To)
	if float64(len(k1s))*float64(len(k2s))*float64(min(f.From.N, f.To.N)+1) > fisherWork {
		k1s = candidates(f.From, float64(f.To.Count)/float64(f.To.N))
		k2s = candidates(f.To, float64(f.From.Count)/float64(f.From.N))
	}
	best1, best2 := f.From.Count, f.To.Count
	bestP, bestD := -1.0, math.Inf(1)
	var lo, hi = math.Inf(1), math.Inf(-1)
	for _, k1 := range k1s {
		for _, k2 := range k2s {
			p, _ := stats.FisherExact(k2, f.To.N-k2, k1, f.From.N-k1)
			d := math.Abs(float64(k2)/float64(f.To.N) - float64(k1)/float64(f.From.N))
			if p > bestP || p == bestP && d < bestD {
				best1, best2, bestP, bestD = k1, k2, p, d
			}
			if iv := stats.Newcombe(k2, f.To.N, k1, f.From.N, level); iv.OK {
				lo, hi = math.Min(lo, iv.Lo), math.Max(hi, iv.Hi)
			}
		}
	}
	f.From.setCount(best1, level)
	f.To.setCount(best2, level)
	f.Diff = ptr(*f.To.Share - *f.From.Share)
	f.testedDiff = float64(best2)/float64(f.To.N) - float64(best1)/float64(f.From.N)
	if lo <= hi {
		f.DiffCI = &Interval{lo, hi}
	}
}

// missingFlag reports whether the shares of missing answers of two interview waves differ by
// more than flag.
func missingFlag(a, b *dataset.Tally, flag float64) bool {
	share := func(t *dataset.Tally) (float64, bool) {
		all := t.Answered + t.Missing + t.NotApplicable
		if !t.Known || all == 0 {
			return 0, false
		}
		return float64(t.Missing) / float64(all), true
	}
	x, ok1 := share(a)
	y, ok2 := share(b)
	// 1e-9 absorbs binary rounding: 0.65 − 0.5 is exactly 15 points, not more
	return ok1 && ok2 && math.Abs(x-y) > flag+1e-9
}

func direction(c *codebook.Code) codebook.Direction {
	if c.Direction == "" {
		return codebook.Neutral
	}
	return c.Direction
}

// trendCombos is the most combinations of rebuilt counts a trend tries; beyond it, the counts
// nearest the published percentages are used (Trend.RebuiltCounts says which).
const trendCombos = 4096

// trends tests every value of c that three or more waves have, over those waves. A wave has a
// value when its base is above 0: an interview wave where nobody answered adds nothing. With
// counts rebuilt from percentages, the test takes the combination of counts least favourable
// to a trend (the highest p), as the comparison does.
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
		t := Trend{Code: c.Name, Value: t0.Values[v], Label: c.Label, Theme: c.Theme, Direction: direction(c), RebuiltIn: []string{}, code: c}
		for i, w := range waves {
			if !has[i] || ts[i].Bases[v] == 0 {
				continue
			}
			s := side(w, &ts[i], v)
			if s.Rebuilt {
				t.RebuiltIn = append(t.RebuiltIn, w.Name)
			}
			t.Waves = append(t.Waves, w.Name)
			t.Count = append(t.Count, s.Count)
			t.CountMin = append(t.CountMin, s.CountMin)
			t.CountMax = append(t.CountMax, s.CountMax)
			t.N = append(t.N, s.N)
			t.Share = append(t.Share, s.publishedShare())
		}
		if len(t.Waves) < 3 {
			continue
		}
		t.Scores = scores(t.Waves)
		t.test()
		r.Trends = append(r.Trends, t)
	}
}

// test runs the trend test: on the counts given, or — with rebuilt ranges — on every
// combination of the counts allowed when there are at most trendCombos, keeping the highest
// p (the counts least favourable to a trend); beyond that, on the counts nearest the published
// percentages. Combinations the test cannot compute (every answer the same) are passed over;
// P is nil when none can be.
func (t *Trend) test() {
	combos := 1
	for i := range t.Count {
		combos = min(combos*(t.CountMax[i]-t.CountMin[i]+1), trendCombos+1)
	}
	if len(t.RebuiltIn) > 0 {
		t.RebuiltCounts = RebuiltLeast
	}
	if combos > trendCombos {
		t.RebuiltCounts = RebuiltNearest
		if chi2, p, ok := stats.TrendTest(t.Count, t.N, t.Scores); ok {
			t.Chi2, t.P = ptr(chi2), ptr(p)
		}
		return
	}
	k := make([]int, len(t.Count))
	best := append([]int(nil), t.Count...)
	bestP := -1.0
	for n := range combos {
		// the n-th combination, in mixed radix over the ranges
		for i := range k {
			w := t.CountMax[i] - t.CountMin[i] + 1
			k[i] = t.CountMin[i] + n%w
			n /= w
		}
		chi2, p, ok := stats.TrendTest(k, t.N, t.Scores)
		if ok && p > bestP {
			bestP = p
			copy(best, k)
			t.Chi2, t.P = ptr(chi2), ptr(p)
		}
	}
	t.Count = best
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

func (c *run) numbers(code *codebook.Code, ts []dataset.Tally, has []bool) {
	o := c.o
	stat := func(i int) *NumberStats {
		if i < 0 || !has[i] {
			return nil
		}
		s := &NumberStats{N: len(ts[i].Numbers)}
		if q1, m, q3, ok := stats.Quartiles(ts[i].Numbers); ok {
			s.Q1, s.Median, s.Q3 = ptr(q1), ptr(m), ptr(q3)
		}
		return s
	}
	n := Numbers{Code: code.Name, Label: code.Label, Theme: code.Theme, From: stat(o.from), To: stat(o.to), code: code}
	switch {
	case n.From == nil && n.To == nil:
		return
	case o.single:
	case n.From == nil:
		c.r.NotComparable = append(c.r.NotComparable, NotComparable{Code: code.Name, Label: code.Label, Theme: code.Theme,
			MissingFrom: o.From, PresentIn: o.To, code: code})
	case n.To == nil:
		c.r.NotComparable = append(c.r.NotComparable, NotComparable{Code: code.Name, Label: code.Label, Theme: code.Theme,
			MissingFrom: o.To, PresentIn: o.From, code: code})
	}
	c.r.Numbers = append(c.r.Numbers, n)
}

func ptr(x float64) *float64 { return &x }

func intPtr(x int) *int { return &x }

func roundTo(x float64, decimals int) float64 {
	p := math.Pow(10, float64(decimals))
	return math.Round(x*p) / p
}
