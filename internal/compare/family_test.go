package compare

import (
	"math"
	"testing"

	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/dataset"
)

// A value an aggregate wave did not publish is not a value nobody holds. The 2014 report
// published "under 30" 14 and "30-39" 20 of 50 and left out "40 and over"; 2017 has 11/16/13.
// Counting the missing value as 0 gave chi-square 13.41, p = 0.0012 (R); over the two values
// both publish, Fisher's exact p is 1 (R: fisher.test(matrix(c(14, 20, 11, 16), 2))).
func TestCompositionLeavesOutUnpublishedValues(t *testing.T) {
	age := category("age_band", "under 30", "30-39", "40 and over")
	age.Identifier = codebook.Quasi
	r := mustCompare(t, book(age), []*dataset.Wave{
		aggregate("2014", dataset.Figure{Code: age, Value: 0, N: 50, Count: 14}, dataset.Figure{Code: age, Value: 1, N: 50, Count: 20}),
		interviews("2017", 0, cat(age, 11, 16, 13)),
	}, Options{})
	ct := r.CompositionTests[0]
	approx(t, "p", ct.P, 1, 1e-12)
	approx(t, "TVD", ct.TVD, math.Abs(14.0/34-11.0/27), 1e-12)
	if ct.PMethod != "exact" || len(ct.Values) != 2 || len(ct.LeftOut) != 1 || ct.LeftOut[0] != "40 and over" {
		t.Errorf("composition test %+v", ct)
	}
	if row := r.Composition[2]; row.Shares["2014"] != nil || row.Diff != nil || row.Flag {
		t.Errorf("the unpublished value has a share or a flag: %+v", row)
	}
}

// A count rebuilt from a percentage is a range, and the verdict takes its least favourable end.
// 5% of 1,000 allows 45 to 55 people; against 32 of 400 (8%), R's fisher.test gives p = 0.043
// at 50 (the midpoint, once used as if exact) and 0.087 at 55: no clear change.
func TestRebuiltRangeTakesTheLeastFavourableEnd(t *testing.T) {
	c := yesno("x", codebook.WorseIfHigher)
	from := aggregate("2014", dataset.Figure{Code: c, N: 1000, Count: 50, CountMin: 45, CountMax: 55, Rebuilt: true})
	to := interviews("2017", 0, yn(c, 32, 400))
	r := mustCompare(t, book(c), []*dataset.Wave{from, to}, Options{Adjust: AdjustNone})
	f := r.Findings[0]
	if f.Verdict != NoClearChange || f.From.Count != 55 || !f.From.Rebuilt || !f.Rebuilt || f.From.CountMin != 45 || f.From.CountMax != 55 {
		t.Errorf("verdict %s, from %+v", f.Verdict, f.From)
	}
	approx(t, "p", f.P, 0.08656729, 1e-7)
	// the share is the one published (5%: 50 of 1,000), whichever count the test takes, and
	// the difference is between the shares as published: 32/400 − 0.05 = 0.03
	approx(t, "share", f.From.Share, 0.05, 1e-15)
	approx(t, "diff", f.Diff, 0.03, 1e-15)
	// the interval spans the Wilson intervals of 45 and 55 of 1,000
	// (R: prop.test(45, 1000, correct = FALSE)$conf.int[1] = 0.0337995122856,
	//     prop.test(55, 1000, correct = FALSE)$conf.int[2] = 0.0709083876774)
	approxIv(t, "from CI", f.From.CI, 0.0337995122856, 0.0709083876774, 1e-11)
	if f.DiffCI == nil || f.DiffCI[0] > 0.08-0.055 || f.DiffCI[1] < 0.08-0.045 {
		t.Errorf("diff CI %v does not span the range", f.DiffCI)
	}
	// the same figure published whichever wave is the aggregate one
	r = mustCompare(t, book(c), []*dataset.Wave{to, aggregate("2020", from.Figures...)}, Options{Adjust: AdjustNone})
	if f := r.Findings[0]; !f.Rebuilt || !f.To.Rebuilt || f.To.Count != 55 || f.Verdict != NoClearChange {
		t.Errorf("rebuilt later wave: %+v", f)
	}
}

// A range of many counts is tried count by count: Fisher's two-sided p jumps where another
// table becomes as probable as the observed one, so the least favourable count may lie inside
// the range, away from its ends, the count nearest the percentage and the one nearest the other
// wave's share. 15% of 10,000 allows 1,450 to 1,550; against 0 of 40, R's fisher.test gives
// p = 0.0028637459 at 1,450, 0.0028415760 at 1,500 and 0.0017547476 at 1,550, but
// 0.0029975548 at 1,545 (15.45%, printed 15%), the highest: at level 0.99706 (alpha 0.00294)
// the test does not pass at the count least favourable to a difference.
func TestRebuiltRangeTriesEveryCountOfALongRange(t *testing.T) {
	c := yesno("x", codebook.WorseIfHigher)
	from := aggregate("2014", dataset.Figure{Code: c, N: 10000, Count: 1500, CountMin: 1450, CountMax: 1550, Rebuilt: true})
	to := interviews("2017", 0, yn(c, 0, 40))
	r := mustCompare(t, book(c), []*dataset.Wave{from, to}, Options{Adjust: AdjustNone, Level: 0.99706})
	f := r.Findings[0]
	if f.From.Count != 1545 || f.Verdict != NoClearChange {
		t.Errorf("count %d, verdict %s; want 1545, no clear change", f.From.Count, f.Verdict)
	}
	approx(t, "p", f.P, 0.002997554787, 1e-11)
	approx(t, "share", f.From.Share, 0.15, 1e-15)
}

// The family: directional yes/no codes are tested; a two-valued directional category is one
// test, on its first value; neutral codes and larger categories are described, with no p and
// no higher/lower verdict.
func TestFamily(t *testing.T) {
	worse := yesno("worse", codebook.WorseIfHigher)
	neutral := yesno("neutral", codebook.Neutral)
	two := category("two", "paid", "free")
	two.Direction = codebook.WorseIfHigher
	three := category("three", "a", "b", "c")
	three.Direction = codebook.WorseIfHigher
	cb := book(worse, neutral, two, three)
	w1 := interviews("2014", 0, yn(worse, 10, 50), yn(neutral, 10, 50), cat(two, 10, 40), cat(three, 10, 20, 20))
	w2 := interviews("2017", 0, yn(worse, 30, 50), yn(neutral, 30, 50), cat(two, 30, 20), cat(three, 30, 10, 10))
	r := mustCompare(t, cb, []*dataset.Wave{w1, w2}, Options{})
	want := map[string]struct {
		family  string
		verdict Verdict
	}{
		"worse=yes": {RoleTested, Worse}, "neutral=yes": {RoleDescribed, Described},
		"two=paid": {RoleTested, Worse}, "two=free": {RoleDescribed, Described},
		"three=a": {RoleDescribed, Described}, "three=b": {RoleDescribed, Described}, "three=c": {RoleDescribed, Described},
	}
	for _, f := range r.Findings {
		w := want[f.Code+"="+f.Value]
		if f.Family != w.family || f.Verdict != w.verdict {
			t.Errorf("%s=%s: %s %s, want %s %s", f.Code, f.Value, f.Family, f.Verdict, w.family, w.verdict)
		}
		if (f.P != nil) != (f.Family == RoleTested) {
			t.Errorf("%s=%s: p %v in family %s", f.Code, f.Value, f.P, f.Family)
		}
		if f.Verdict == Higher || f.Verdict == Lower {
			t.Errorf("%s=%s: %s", f.Code, f.Value, f.Verdict)
		}
	}
	if r.Tests != 2 || r.Family.Size != 2 || r.Family.Described != 5 {
		t.Errorf("family %+v tests %d, want 2 tested, 5 described", r.Family, r.Tests)
	}
	// Holm over the 2 tests, not 7: both p are 8.3e-5 (R), adjusted 1.66e-4
	approx(t, "p_adjusted", findingOf(t, r, "worse", "yes").PAdjusted, 2*8.30865870623919e-05, 1e-12)
}

// A sensitive finding whose count or complement is below MinCell in either wave is withheld:
// no p, out of the family, so that the adjusted p of the others cannot give it away.
func TestWithheldSmallSensitiveCounts(t *testing.T) {
	mk := func(name string) *codebook.Code {
		c := yesno(name, codebook.WorseIfHigher)
		c.Sensitive = true
		return c
	}
	three, allBut2, ok, plain := mk("three"), mk("all_but_two"), mk("ok"), yesno("plain", codebook.WorseIfHigher)
	rangeSmall := mk("range_small")
	cb := book(three, allBut2, ok, plain, rangeSmall)
	w1 := aggregate("2014",
		dataset.Figure{Code: three, N: 40, Count: 10}, dataset.Figure{Code: allBut2, N: 40, Count: 20},
		dataset.Figure{Code: ok, N: 40, Count: 20}, dataset.Figure{Code: plain, N: 40, Count: 1},
		dataset.Figure{Code: rangeSmall, N: 400, Count: 8, CountMin: 6, CountMax: 10, Rebuilt: true}) // 2%: 6–10, never below 5
	w2 := interviews("2017", 0, yn(three, 3, 40), yn(allBut2, 38, 40), yn(ok, 5, 40), yn(plain, 3, 40), yn(rangeSmall, 3, 40))
	r := mustCompare(t, cb, []*dataset.Wave{w1, w2}, Options{MinCell: 5})
	for code, want := range map[string]Verdict{"three": Withheld, "all_but_two": Withheld, "range_small": Withheld} {
		f := findingOf(t, r, code, "yes")
		if f.Verdict != want || f.P != nil || f.PAdjusted != nil || f.Family != RoleExcluded {
			t.Errorf("%s: %s p %v family %s", code, f.Verdict, f.P, f.Family)
		}
		if f.To.Share == nil || f.To.CI == nil || f.Diff == nil {
			t.Errorf("%s: the counts and intervals must stay in the result", code)
		}
	}
	if f := findingOf(t, r, "ok", "yes"); f.Verdict == Withheld || f.P == nil {
		t.Errorf("ok (5 of 40, 20 of 40): %s", f.Verdict)
	}
	if f := findingOf(t, r, "plain", "yes"); f.Verdict == Withheld {
		t.Error("a code that is not sensitive is never withheld")
	}
	if r.Family.Size != 2 || r.Family.Withheld != 3 {
		t.Errorf("family %+v", r.Family)
	}
	// MinCell 0: nothing withheld
	r = mustCompare(t, cb, []*dataset.Wave{w1, w2}, Options{})
	if r.Family.Withheld != 0 || r.Family.Size != 5 {
		t.Errorf("without MinCell: %+v", r.Family)
	}
}

// Intervals are not adjusted; every finding whose interval excludes zero while its adjusted
// test does not pass carries a note. Held in detention in the sample: 16 of 50 against 24 of
// 40, interval +7 to +46 points, Holm-adjusted p 0.24 over 26 tests.
func TestIntervalNotes(t *testing.T) {
	det := yesno("det", codebook.WorseIfHigher)
	neutral := yesno("neutral", codebook.Neutral)
	var codes []*codebook.Code
	var c1, c2 []*dataset.Column
	codes = append(codes, det, neutral)
	c1 = append(c1, yn(det, 16, 50), yn(neutral, 16, 50))
	c2 = append(c2, yn(det, 24, 40), yn(neutral, 24, 40))
	for i := range 20 { // twenty tests of nothing, to make the adjustment bite
		c := yesno(string(rune('a'+i)), codebook.WorseIfHigher)
		codes = append(codes, c)
		c1 = append(c1, yn(c, 20, 50))
		c2 = append(c2, yn(c, 16, 40))
	}
	r := mustCompare(t, book(codes...), []*dataset.Wave{interviews("2014", 0, c1...), interviews("2017", 0, c2...)}, Options{})
	if r.IntervalsAdjusted {
		t.Error("intervals are not adjusted")
	}
	f := findingOf(t, r, "det", "yes")
	if f.Verdict != NoClearChange || f.DiffCI[0] <= 0 || f.CINote != CIExcludesZeroNotSignificant {
		t.Errorf("det: %s CI %v note %q", f.Verdict, f.DiffCI, f.CINote)
	}
	if f := findingOf(t, r, "neutral", "yes"); f.CINote != CIExcludesZeroNotTested {
		t.Errorf("neutral: note %q", f.CINote)
	}
	for _, f := range r.Findings {
		excludes := f.DiffCI != nil && (f.DiffCI[0] > 0 || f.DiffCI[1] < 0)
		if excludes && f.Verdict != Worse && f.Verdict != Better && f.CINote == "" {
			t.Errorf("%s: interval %v excludes zero, verdict %s, no note", f.Code, f.DiffCI, f.Verdict)
		}
	}
}

// A verdict at exactly p = alpha does not depend on the last bit of a double: 0 of 1 against
// 19 of 19 has Fisher's p exactly 1/20 (computed 0.04999999999999999), and 0 of 1 against
// 9 of 9 exactly 1/10 (computed 0.09999999999999998).
func TestVerdictAtTheThreshold(t *testing.T) {
	for _, c := range []struct {
		k2, n2 int
		level  float64
	}{{19, 19, 0.95}, {9, 9, 0.9}} {
		x := yesno("x", codebook.WorseIfHigher)
		r := mustCompare(t, book(x), []*dataset.Wave{interviews("a", 0, yn(x, 0, 1)), interviews("b", 0, yn(x, c.k2, c.n2))},
			Options{MinN: 1, Adjust: AdjustNone, Level: c.level})
		if f := r.Findings[0]; f.Verdict != NoClearChange {
			t.Errorf("p = %.17g at level %v: %s, want no_clear_change", *f.P, c.level, f.Verdict)
		}
	}
	// Holm with two p of 0.025 gives exactly 0.05
	x, y := yesno("x", codebook.WorseIfHigher), yesno("y", codebook.WorseIfHigher)
	r := mustCompare(t, book(x, y), []*dataset.Wave{
		interviews("a", 0, yn(x, 0, 1), yn(y, 0, 1)), interviews("b", 0, yn(x, 39, 39), yn(y, 39, 39)),
	}, Options{MinN: 1})
	for _, f := range r.Findings {
		approx(t, "p", f.P, 0.025, 1e-15)
		if f.Verdict != NoClearChange {
			t.Errorf("Holm-adjusted p %.17g: %s", *f.PAdjusted, f.Verdict)
		}
	}
}

// Missing and not-applicable answers are counted per finding and wave, and a finding is
// flagged when the shares missing differ by more than the threshold.
func TestMissingAnswers(t *testing.T) {
	x := yesno("x", codebook.WorseIfHigher)
	col := func(k, n, missing, na int) *dataset.Column {
		c := yn(x, k, n)
		for range missing {
			c.State, c.Bits = append(c.State, dataset.Missing), append(c.Bits, 0)
		}
		for range na {
			c.State, c.Bits = append(c.State, dataset.NotApplicable), append(c.Bits, 0)
		}
		return c
	}
	// 2 of 40 missing (5%) against 10 of 40 (25%): 20 points apart, over 15
	r := mustCompare(t, book(x), []*dataset.Wave{interviews("a", 0, col(10, 36, 2, 2)), interviews("b", 0, col(10, 28, 10, 2))}, Options{})
	f := r.Findings[0]
	if f.From.Missing == nil || *f.From.Missing != 2 || *f.From.NotApplicable != 2 || *f.To.Missing != 10 || !f.MissingFlag {
		t.Errorf("missing %v/%v, flag %v", f.From.Missing, f.To.Missing, f.MissingFlag)
	}
	// exactly 15 points apart (6 of 40 against 0 of 40): not more than the threshold
	r = mustCompare(t, book(x), []*dataset.Wave{interviews("a", 0, col(10, 34, 6, 0)), interviews("b", 0, col(10, 40, 0, 0))}, Options{})
	if r.Findings[0].MissingFlag {
		t.Error("15 points flagged")
	}
	// a wave of figures: unknown
	r = mustCompare(t, book(x), []*dataset.Wave{aggregate("a", dataset.Figure{Code: x, N: 40, Count: 5}), interviews("b", 0, col(10, 28, 10, 2))}, Options{})
	if f := r.Findings[0]; f.From.Missing != nil || f.MissingFlag {
		t.Errorf("aggregate missing %v flag %v", f.From.Missing, f.MissingFlag)
	}
}

// One wave, or the first wave asked for alone, is described: findings with no comparison.
func TestSingleWave(t *testing.T) {
	x := yesno("x", codebook.WorseIfHigher)
	age := category("age", "young", "old")
	age.Identifier = codebook.Quasi
	kids := &codebook.Code{Name: "kids", Type: codebook.Number}
	w := interviews("2017", 0, yn(x, 12, 40), cat(age, 30, 10), num(kids, 1, 2, 3))
	for _, waves := range [][]*dataset.Wave{{w}, {w, interviews("2020", 0, yn(x, 1, 2))}} {
		o := Options{}
		if len(waves) == 2 {
			o.To = "2017"
		}
		r := mustCompare(t, book(x, age, kids), waves, o)
		if !r.Single || r.From != "" || r.To != "2017" || r.Tests != 0 || r.Standardisation != nil || r.Power != nil {
			t.Fatalf("single: %+v", r)
		}
		f := r.Findings[0]
		if f.Verdict != Described || f.From.N != 0 || f.To.Count != 12 || f.To.CI == nil || f.Diff != nil || f.P != nil {
			t.Errorf("finding %+v", f)
		}
		if len(r.Composition) != 2 || len(r.Composition[0].Shares) != 1 || len(r.CompositionTests) != 0 || len(r.NotComparable) != 0 {
			t.Errorf("composition %+v tests %v not comparable %v", r.Composition, r.CompositionTests, r.NotComparable)
		}
		if len(r.Numbers) != 1 || r.Numbers[0].From != nil || r.Numbers[0].To == nil {
			t.Errorf("numbers %+v", r.Numbers)
		}
	}
}

// A code whose two codings agree too little (alpha below 0.667) gives no verdict and leaves
// the family.
func TestUnreliableCoding(t *testing.T) {
	x, y := yesno("x", codebook.WorseIfHigher), yesno("y", codebook.WorseIfHigher)
	w2 := interviews("2017", 0, yn(x, 30, 50), yn(y, 30, 50))
	// a second coding of the first 10, who were all coded yes on both codes: for x the second
	// coder says no twice — by hand, o_yy = 16, o_yn = o_ny = 2, n_y = 18, n_n = 2, n = 20,
	// alpha = 1 − 19·4/(400 − 324 − 4) = −0.056; for y the second coder agrees everywhere
	// (no variation: alpha undefined, which does not make a code unreliable)
	second := &dataset.Coding{Columns: []*dataset.Column{yn(x, 8, 10), yn(y, 10, 10)}}
	for i := range 10 {
		second.Person = append(second.Person, i)
	}
	w2.Coder2 = second
	r := mustCompare(t, book(x, y), []*dataset.Wave{interviews("2014", 0, yn(x, 10, 50), yn(y, 10, 50)), w2}, Options{})
	fx, fy := findingOf(t, r, "x", "yes"), findingOf(t, r, "y", "yes")
	if fx.Verdict != Unreliable || fx.P != nil || fx.Family != RoleExcluded || fy.Verdict != Worse {
		t.Errorf("x %s, y %s", fx.Verdict, fy.Verdict)
	}
	if len(r.Agreement) != 2 || r.Agreement[0].Reliable || !r.Agreement[1].Reliable || r.Agreement[0].Units != 10 || r.Family.Size != 1 {
		t.Errorf("agreement %+v family %+v", r.Agreement, r.Family)
	}
}
