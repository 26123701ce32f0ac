package compare_test

// Behaviour checked by re-deriving compare's figures in R (a statistician's review). Each test
// states the inputs, the R call and R's value.

import (
	"strconv"
	"strings"
	"testing"

	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/compare"
	"github.com/shadowreport/shadowreport/internal/dataset"
	"github.com/shadowreport/shadowreport/internal/present"
)

func rcYesNo(name string, dir codebook.Direction) *codebook.Code {
	return &codebook.Code{Name: name, Label: "Label of " + name, Type: codebook.YesNo, Direction: dir, Theme: "t"}
}

// rcAnswers is one column: answers[i] is 1 (yes / the value's bit), 0 (no) or -1 (blank).
func rcColumn(c *codebook.Code, answers []int) *dataset.Column {
	col := &dataset.Column{Code: c}
	for _, a := range answers {
		if a < 0 {
			col.State, col.Bits = append(col.State, dataset.Missing), append(col.Bits, 0)
			continue
		}
		col.State, col.Bits = append(col.State, dataset.Answered), append(col.Bits, uint64(a))
	}
	return col
}

func rcInterviews(name string, n int, cols ...*dataset.Column) *dataset.Wave {
	w := &dataset.Wave{Name: name, Kind: dataset.Interviews, Columns: cols}
	for i := range n {
		w.People = append(w.People, dataset.Person{ID: "p" + strconv.Itoa(i), Row: i + 2})
	}
	return w
}

func rcAggregate(name string, figs ...dataset.Figure) *dataset.Wave {
	return &dataset.Wave{Name: name, Kind: dataset.Aggregate, Figures: figs}
}

// rcRepeat is k copies of v.
func rcRepeat(v, k int) []int {
	out := make([]int, k)
	for i := range out {
		out[i] = v
	}
	return out
}

func rcJoin(parts ...[]int) []int {
	var out []int
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

func rcCompare(t *testing.T, cb []*codebook.Code, waves []*dataset.Wave, o compare.Options) *compare.Result {
	t.Helper()
	r, err := compare.Compare(&codebook.Codebook{Codes: cb}, waves, o)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// The standardised p-values must be adjusted over the test family (docs/statistics.md: "adjusted
// over the family by the same method"), not over the tested findings that happen to have a
// standardised share. Here 12 of the 42 interviewed in 2017 did not give their age band, and
// they are the only ones who answered z: z is tested (family size 2) but has no standardised
// share, so x's standardised p was "adjusted" over a family of one and x's worse verdict
// "survives" although Holm over the family of 2 does not pass.
//
// R (survey 4.x):
//
//	d <- data.frame(age = factor(c(rep("a1", 15), rep("a2", 15))), x = c(1, rep(0, 14), rep(1, 9), rep(0, 6)))
//	r <- rake(svydesign(ids = ~1, data = d, weights = rep(1, 30)), list(~age),
//	          list(data.frame(age = factor(c("a1", "a2")), Freq = c(18, 12))))
//	w <- weights(r); s <- sum(w * d$x) / sum(w); ne <- sum(w)^2 / sum(w^2)  # 0.28, 28.846
//	p <- prop.test(c(s * ne, 5), c(ne, 50), correct = FALSE)$p.value         # 0.0384714465582761
//	p.adjust(p, "holm", n = 2)                                                # 0.0769428931165521
//	fisher.test(matrix(c(16, 26, 5, 45), 2, byrow = TRUE))$p.value            # x: 0.00228615246341653
//	fisher.test(matrix(c(10, 2, 10, 40), 2, byrow = TRUE))$p.value            # z: 7.69645467346567e-05
func TestStandardisedPAdjustedOverTheWholeFamily(t *testing.T) {
	age := &codebook.Code{Name: "age", Label: "Age", Type: codebook.Category, Values: []string{"a1", "a2"}, Identifier: codebook.Quasi, Theme: "t"}
	x := rcYesNo("x", codebook.WorseIfHigher)
	z := rcYesNo("z", codebook.WorseIfHigher)
	// people 0–14 age a1 (1 says x), 15–29 age a2 (9 say x), 30–41 no age (6 say x; z 10 of 12)
	ages := rcJoin(rcRepeat(1, 15), rcRepeat(2, 15), rcRepeat(-1, 12)) // bits: a1 = 1, a2 = 2
	xs := rcJoin([]int{1}, rcRepeat(0, 14), rcRepeat(1, 9), rcRepeat(0, 6), rcRepeat(1, 6), rcRepeat(0, 6))
	zs := rcJoin(rcRepeat(-1, 30), rcRepeat(1, 10), rcRepeat(0, 2))
	w17 := rcInterviews("2017", 42, rcColumn(age, ages), rcColumn(x, xs), rcColumn(z, zs))
	w14 := rcAggregate("2014",
		dataset.Figure{Code: age, Value: 0, N: 50, Count: 30, CountMin: 30, CountMax: 30},
		dataset.Figure{Code: age, Value: 1, N: 50, Count: 20, CountMin: 20, CountMax: 20},
		dataset.Figure{Code: x, N: 50, Count: 5, CountMin: 5, CountMax: 5},
		dataset.Figure{Code: z, N: 50, Count: 10, CountMin: 10, CountMax: 10})
	r := rcCompare(t, []*codebook.Code{age, x, z}, []*dataset.Wave{w14, w17}, compare.Options{})
	if r.Family.Size != 2 {
		t.Fatalf("family size %d, want 2", r.Family.Size)
	}
	for _, f := range r.Findings {
		if f.Code != "x" {
			continue
		}
		if f.Verdict != compare.Worse || f.P == nil || !near(*f.P, 0.00228615246341653, 1e-12) {
			t.Fatalf("x: verdict %s, p %v; R: worse, 0.00228615246341653", f.Verdict, f.P)
		}
		s := f.Standardised
		if s == nil || s.P == nil || !near(*s.P, 0.0384714465582761, 1e-10) {
			t.Fatalf("x standardised %+v; R: p 0.0384714465582761", s)
		}
		if s.PAdjusted == nil || !near(*s.PAdjusted, 0.0769428931165521, 1e-10) {
			t.Errorf("x standardised p_adjusted = %v, want Holm over the family of 2: 0.0769428931165521 (R: p.adjust(p, \"holm\", n = 2))", deref(s.PAdjusted))
		}
		if !f.NotRobust {
			t.Errorf("x: not_robust false; its standardised difference does not pass Holm over the family (0.0769 ≥ 0.05)")
		}
	}
	// z is worse (Holm over 2: 2 × 7.69645467346567e-05) but none of those who answered it gave
	// their age band: it has no standardised share, and its verdict is not presented as robust
	for _, f := range r.Findings {
		if f.Code != "z" {
			continue
		}
		if f.Verdict != compare.Worse || f.PAdjusted == nil || !near(*f.PAdjusted, 2*7.69645467346567e-05, 1e-12) {
			t.Fatalf("z: verdict %s, p_adjusted %v; R: worse, 0.000153929093469313", f.Verdict, deref(f.PAdjusted))
		}
		if !f.NotRobust || (f.Standardised != nil && f.Standardised.Survives != nil) {
			t.Errorf("z could not be standardised but is presented as robust: not_robust %v, standardised %+v", f.NotRobust, f.Standardised)
		}
	}
	var b strings.Builder
	if err := present.Table(&b, r); err != nil {
		t.Fatal(err)
	}
	if out := b.String(); !strings.Contains(out, "not after standardisation") || !strings.Contains(out, "not standardised") {
		t.Errorf("the table does not say x does not survive and z was not standardised:\n%s", out)
	}
}

// A trend over waves with a rebuilt range must not rest on the count nearest the percentage
// alone: the comparison takes the count least favourable to a difference, and the trend should
// too. 2011: 20 of 100; 2014: 25% of 1,000 (any of 245–255); 2017: 15 of 40. The nearest count
// (250) gives p = 0.0484 ("p = 0.048", below 0.05); 245 gives 0.0532.
//
// R: sapply(245:255, function(k) prop.trend.test(c(20, k, 15), c(100, 1000, 40),
//
//	score = c(2011, 2014, 2017))$p.value)  # 0.0531523426759 at 245 … 0.0483598622161 at 250
func TestTrendTakesTheLeastFavourableCount(t *testing.T) {
	c := rcYesNo("x", codebook.WorseIfHigher)
	r := rcCompare(t, []*codebook.Code{c}, []*dataset.Wave{
		rcAggregate("2011", dataset.Figure{Code: c, N: 100, Count: 20, CountMin: 20, CountMax: 20}),
		rcAggregate("2014", dataset.Figure{Code: c, N: 1000, Count: 250, CountMin: 245, CountMax: 255, Rebuilt: true}),
		rcAggregate("2017", dataset.Figure{Code: c, N: 40, Count: 15, CountMin: 15, CountMax: 15}),
	}, compare.Options{})
	if len(r.Trends) != 1 || r.Trends[0].P == nil {
		t.Fatalf("trends %+v", r.Trends)
	}
	if p := *r.Trends[0].P; !near(p, 0.0531523426759, 1e-10) {
		t.Errorf("trend p = %.12g (the count nearest 25%%), want the least favourable over 245–255: 0.0531523426759", p)
	}
}

// The power must describe the findings tested, not the largest base a wave of figures happens to
// publish. Three tested findings: two published over 50 women, one over 1,000, all at 36%
// (18 of 50, 18 of 50, 360 of 1,000) against 40 interviewees. The tool reported n_from 1,000
// and a detectable rise of 23 points (R agrees for 1,000 v 40); for the two findings over 50
// women it is 32 points, and the report's sentence ("with 1000 and 40 women ... about 23
// points up") overstates what most of the comparison could detect.
//
// R, exact power of fisher.test by enumeration (relErr 1 + 1e-7, Below with 1e-9):
//
//	ptab(50, 40); detect(P, 50, 40, .36, .05, up = TRUE)   # 32 points, power 0.8247692
//	detect(P, 50, 40, .36, .05, up = FALSE)                 # 26 points, power 0.8224043
//	(script: for s in 0:(n1+n2), d <- dhyper(x1, n1, n2, s); p = sum(d[d <= d[j]*(1+1e-7)]);
//	 power = sum(outer(dbinom(0:n1, n1, p1), dbinom(0:n2, n2, p2)) * (P < alpha*(1-1e-9))))
func TestPowerUsesTheTestedFindingsBases(t *testing.T) {
	a, b, c := rcYesNo("a", codebook.WorseIfHigher), rcYesNo("b", codebook.WorseIfHigher), rcYesNo("c", codebook.WorseIfHigher)
	ans := rcJoin(rcRepeat(1, 20), rcRepeat(0, 20))
	w17 := rcInterviews("2017", 40, rcColumn(a, ans), rcColumn(b, ans), rcColumn(c, ans))
	w14 := rcAggregate("2014",
		dataset.Figure{Code: a, N: 50, Count: 18, CountMin: 18, CountMax: 18},
		dataset.Figure{Code: b, N: 50, Count: 18, CountMin: 18, CountMax: 18},
		dataset.Figure{Code: c, N: 1000, Count: 360, CountMin: 360, CountMax: 360})
	r := rcCompare(t, []*codebook.Code{a, b, c}, []*dataset.Wave{w14, w17}, compare.Options{})
	p := r.Power
	if p == nil {
		t.Fatal("no power")
	}
	if p.NFrom != 50 {
		t.Errorf("power n_from = %d, want 50: the base of the findings tested (two of three), not the largest published", p.NFrom)
	}
	if p.SingleTest.Rise == nil || *p.SingleTest.Rise != 32 || p.SingleTest.Fall == nil || *p.SingleTest.Fall != 26 {
		t.Errorf("single-test rise/fall = %v/%v, want 32/26 (R, 50 v 40 at 36%%)", ideref(p.SingleTest.Rise), ideref(p.SingleTest.Fall))
	}
}

// A count rebuilt from a published percentage is printed with the share of the count the test
// took (the least favourable), which need not print as the published percentage: 33% of 200
// (65–67) is printed "65–67 of 200 (34%)" — the report misquotes the earlier report it cites.
// 67/200 = 33.5% rounds half up to 34 (R: round(100 * 67 / 200 + 1e-9) is 34; the source said 33).
func TestRebuiltShareIsPrintedAsPublished(t *testing.T) {
	c := rcYesNo("x", codebook.WorseIfHigher)
	r := rcCompare(t, []*codebook.Code{c}, []*dataset.Wave{
		rcAggregate("2014", dataset.Figure{Code: c, N: 200, Count: 66, CountMin: 65, CountMax: 67, Rebuilt: true}),
		rcAggregate("2017", dataset.Figure{Code: c, N: 120, Count: 60, CountMin: 60, CountMax: 60}),
	}, compare.Options{})
	f := r.Findings[0]
	if f.From.Share == nil {
		t.Fatal("no share")
	}
	if got := present.Percent(*f.From.Share, f.From.N); got != "33%" {
		t.Errorf("the 2014 share (published as 33%% of 200) prints as %s", got)
	}
}

// An interval whose note says it excludes no difference must not print a limit of "0".
// 2 of 40 against 8 of 40: Newcombe's interval is [+0.0008, +0.3019] (excludes 0), Fisher's
// p = 0.0872 (no clear change), so ci_note is excludes_zero_not_significant and the report
// prints "+15 (0 to +30) … † The interval excludes no difference" — the printed interval
// includes 0. R: see newcombe() below; fisher.test(matrix(c(8, 32, 2, 38), 2, byrow = TRUE))$p.value
// is 0.08718033884; the lower limit 0.0008057005978 is
//
//	w <- function(k, n) prop.test(k, n, correct = FALSE)$conf.int
//	(8/40 - 2/40) - sqrt((8/40 - w(8, 40)[1])^2 + (w(2, 40)[2] - 2/40)^2)
func TestIntervalExcludingZeroDoesNotPrintZero(t *testing.T) {
	c := rcYesNo("x", codebook.WorseIfHigher)
	r := rcCompare(t, []*codebook.Code{c}, []*dataset.Wave{
		rcAggregate("2014", dataset.Figure{Code: c, N: 40, Count: 2, CountMin: 2, CountMax: 2}),
		rcAggregate("2017", dataset.Figure{Code: c, N: 40, Count: 8, CountMin: 8, CountMax: 8}),
	}, compare.Options{})
	f := r.Findings[0]
	if f.DiffCI == nil || !near(f.DiffCI[0], 0.0008057005978, 1e-10) || f.CINote != compare.CIExcludesZeroNotSignificant {
		t.Fatalf("diff CI %v, note %q; R: lower 0.0008057005978, excludes_zero_not_significant", f.DiffCI, f.CINote)
	}
	if got := present.PointsRange(f.DiffCI); strings.HasPrefix(got, "0 ") {
		t.Errorf("the interval prints as %q beside a note that it excludes no difference", got)
	}
}

func near(a, b, tol float64) bool { return a-b <= tol && b-a <= tol }

func deref(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

func ideref(p *int) any {
	if p == nil {
		return nil
	}
	return *p
}

// The trend over a rebuilt range shows the range and takes its least favourable count, as the
// comparison does: 25% of 1,000 allows 245–255, the trend takes 245 and keeps the share
// published (25%); the table shows "245–255† of 1000" as the comparison would.
//
// R: prop.trend.test(c(20, 245, 15), c(100, 1000, 40), score = c(2011, 2014, 2017))
// X-squared = 3.73912279580865, p = 0.0531523426758594
func TestTrendShowsTheRangeItTested(t *testing.T) {
	c := rcYesNo("x", codebook.WorseIfHigher)
	r := rcCompare(t, []*codebook.Code{c}, []*dataset.Wave{
		rcAggregate("2011", dataset.Figure{Code: c, N: 100, Count: 20, CountMin: 20, CountMax: 20}),
		rcAggregate("2014", dataset.Figure{Code: c, N: 1000, Count: 250, CountMin: 245, CountMax: 255, Rebuilt: true}),
		rcAggregate("2017", dataset.Figure{Code: c, N: 40, Count: 15, CountMin: 15, CountMax: 15}),
	}, compare.Options{})
	tr := r.Trends[0]
	if tr.Count[1] != 245 || tr.CountMin[1] != 245 || tr.CountMax[1] != 255 || tr.Share[1] != 0.25 || tr.RebuiltCounts != compare.RebuiltLeast {
		t.Errorf("trend counts %v (%v–%v), shares %v, rebuilt counts %q; want 245 of 245–255 at 25%%, least favourable", tr.Count, tr.CountMin, tr.CountMax, tr.Share, tr.RebuiltCounts)
	}
	if tr.Chi2 == nil || !near(*tr.Chi2, 3.73912279580865, 1e-9) {
		t.Errorf("chi2 %v, want R's 3.73912279580865", deref(tr.Chi2))
	}
	if r.TrendsNote != "not adjusted for the number of trends; descriptive" {
		t.Errorf("trends note %q", r.TrendsNote)
	}
	var b strings.Builder
	if err := present.Table(&b, r); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"245–255† of 1000", "25%", "p = 0.053", "Trends: not adjusted for the number of trends; descriptive."} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("the table lacks %q:\n%s", want, b.String())
		}
	}
}

// With more combinations of rebuilt counts than it tries (4,096), a trend takes the counts
// nearest the published percentages and says so: 25%, 30% and 35% of 2,000 allow 21 counts
// each (9,261 combinations).
//
// R: prop.trend.test(c(500, 600, 700), c(2000, 2000, 2000), score = c(2011, 2014, 2017))$p.value
// is 5.17630905698987e-12
func TestTrendWithTooManyCombinationsSaysItTookTheNearest(t *testing.T) {
	c := rcYesNo("x", codebook.WorseIfHigher)
	fig := func(k int) dataset.Figure {
		return dataset.Figure{Code: c, N: 2000, Count: k, CountMin: k - 10, CountMax: k + 10, Rebuilt: true}
	}
	r := rcCompare(t, []*codebook.Code{c}, []*dataset.Wave{
		rcAggregate("2011", fig(500)), rcAggregate("2014", fig(600)), rcAggregate("2017", fig(700)),
	}, compare.Options{})
	tr := r.Trends[0]
	if tr.RebuiltCounts != compare.RebuiltNearest || tr.P == nil || !near(*tr.P, 5.17630905698987e-12, 1e-20) {
		t.Errorf("rebuilt counts %q, p %v; want nearest, R's 5.17630905698987e-12", tr.RebuiltCounts, deref(tr.P))
	}
	var b strings.Builder
	if err := present.Table(&b, r); err != nil {
		t.Fatal(err)
	}
	if flat := strings.Join(strings.Fields(b.String()), " "); !strings.Contains(flat, "it takes the counts nearest the published percentages, which need not be the least favourable") {
		t.Errorf("the table does not say the trend took the nearest counts:\n%s", b.String())
	}
}

// A composition test with more combinations of rebuilt counts than it tries (16) uses the
// counts nearest the published percentages, and says so instead of "the least favourable
// taken": 25%, 30% and 45% of 200 allow 3 counts each (27 combinations).
//
// R: fisher.test(rbind(c(50, 60, 90), c(10, 10, 20)))$p.value is 0.813867628936399
func TestCompositionSaysWhichRebuiltCountsItTook(t *testing.T) {
	age := &codebook.Code{Name: "age", Label: "Age", Type: codebook.Category, Values: []string{"a", "b", "c"}, Identifier: codebook.Quasi, Theme: "t"}
	x := rcYesNo("x", codebook.WorseIfHigher)
	fig := func(v, k int) dataset.Figure {
		return dataset.Figure{Code: age, Value: v, N: 200, Count: k, CountMin: k - 1, CountMax: k + 1, Rebuilt: true}
	}
	ages := rcJoin(rcRepeat(1, 10), rcRepeat(2, 10), rcRepeat(4, 20)) // bits: a = 1, b = 2, c = 4
	r := rcCompare(t, []*codebook.Code{age, x}, []*dataset.Wave{
		rcAggregate("2014", fig(0, 50), fig(1, 60), fig(2, 90), dataset.Figure{Code: x, N: 200, Count: 50, CountMin: 50, CountMax: 50}),
		rcInterviews("2017", 40, rcColumn(age, ages), rcColumn(x, rcJoin(rcRepeat(1, 10), rcRepeat(0, 30)))),
	}, compare.Options{})
	ct := r.CompositionTests[0]
	if ct.RebuiltCounts != compare.RebuiltNearest || ct.P == nil || !near(*ct.P, 0.813867628936399, 1e-9) {
		t.Errorf("composition test: rebuilt counts %q, p %v; want nearest, R's 0.813867628936399", ct.RebuiltCounts, deref(ct.P))
	}
	var b strings.Builder
	if err := present.Table(&b, r); err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(b.String()), " ")
	if strings.Contains(flat, "the least favourable taken") || !strings.Contains(flat, "the counts nearest the published percentages taken (not the least favourable)") {
		t.Errorf("the table does not say which counts the composition test took:\n%s", b.String())
	}
}

// When some tested findings were answered by far fewer, the power is also stated for the
// smallest pair of bases: two findings over 50 and 40 women and one over 16 and 24 (a
// question asked only of those detained), all at 36% in the earlier wave; family of 3, Holm.
//
// R, exact power of fisher.test by enumeration (ptab/detect as above):
//
//	detect(ptab(50, 40), 50, 40, .36, .05, up = TRUE/FALSE)    # 32 / 26 points
//	detect(ptab(50, 40), 50, 40, .36, .05/3, up = TRUE/FALSE)  # 36 / 29 points
//	detect(ptab(16, 24), 16, 24, .36, .05, up = TRUE/FALSE)    # 46 / 34 points
//	detect(ptab(16, 24), 16, 24, .36, .05/3, up = TRUE/FALSE)  # 51 / NA (no fall reaches 80%)
func TestPowerStatesTheFewestBases(t *testing.T) {
	a, b, c := rcYesNo("a", codebook.WorseIfHigher), rcYesNo("b", codebook.WorseIfHigher), rcYesNo("c", codebook.WorseIfHigher)
	ans := rcJoin(rcRepeat(1, 20), rcRepeat(0, 20))
	few := rcJoin(rcRepeat(1, 12), rcRepeat(0, 12), rcRepeat(-1, 16)) // 24 of the 40 answered
	w17 := rcInterviews("2017", 40, rcColumn(a, ans), rcColumn(b, ans), rcColumn(c, few))
	w14 := rcAggregate("2014",
		dataset.Figure{Code: a, N: 50, Count: 18, CountMin: 18, CountMax: 18},
		dataset.Figure{Code: b, N: 50, Count: 18, CountMin: 18, CountMax: 18},
		dataset.Figure{Code: c, N: 16, Count: 6, CountMin: 6, CountMax: 6})
	r := rcCompare(t, []*codebook.Code{a, b, c}, []*dataset.Wave{w14, w17}, compare.Options{})
	p := r.Power
	if p == nil || p.NFrom != 50 || p.NTo != 40 || p.Baseline != 0.36 {
		t.Fatalf("power %+v; want the typical bases 50 and 40 at 36%%", p)
	}
	want := func(name string, d compare.Detectable, rise, fall any) {
		t.Helper()
		if got := [2]any{ideref(d.Rise), ideref(d.Fall)}; got != [2]any{rise, fall} {
			t.Errorf("%s: rise/fall %v, want %v/%v (R)", name, got, rise, fall)
		}
	}
	want("typical, one test", p.SingleTest, 32, 26)
	want("typical, family", p.Family, 36, 29)
	if p.Fewest == nil || p.Fewest.NFrom != 16 || p.Fewest.NTo != 24 {
		t.Fatalf("fewest %+v; want 16 and 24", p.Fewest)
	}
	want("fewest, one test", p.Fewest.SingleTest, 46, 34)
	want("fewest, family", p.Fewest.Family, 51, nil)
	var out strings.Builder
	if err := present.Table(&out, r); err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(out.String()), " ")
	for _, s := range []string{"answered by 50 in 2014 and 40 in 2017", "0.05/3, the level of Holm's first step",
		"For the findings answered by the fewest, 16 and 24: a rise of 51 points or a fall of none within reach at the family's level"} {
		if !strings.Contains(flat, s) {
			t.Errorf("the table lacks %q:\n%s", s, out.String())
		}
	}
	// no fewest pair when every finding was answered by as many
	r = rcCompare(t, []*codebook.Code{a, b}, []*dataset.Wave{w14, w17}, compare.Options{Adjust: compare.AdjustBH})
	if r.Power == nil || r.Power.Fewest != nil {
		t.Errorf("power %+v: a fewest pair where all bases are alike", r.Power)
	}
	out.Reset()
	if err := present.Table(&out, r); err != nil {
		t.Fatal(err)
	}
	if flat := strings.Join(strings.Fields(out.String()), " "); !strings.Contains(flat, "the strictest Benjamini–Hochberg can demand (when one finding alone differs)") {
		t.Errorf("the table does not word Benjamini–Hochberg's alpha/m as its worst case:\n%s", out.String())
	}
}
