package compare

import (
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/dataset"
)

// The expected values of these tests were computed by R 4 (prop.test, fisher.test,
// p.adjust, prop.trend.test, quantile); the spec's rounded figures are checked too.

func TestSpecExample(t *testing.T) {
	fees := yesno("edu_fees_paid", codebook.WorseIfHigher)
	fees.Label, fees.Theme, fees.Article = "Paid informal school fees", "education", "CEDAW art. 10"
	cb := book(fees)
	w2014 := aggregate("2014", dataset.Figure{Code: fees, N: 50, Count: 31, Source: "2014 report, p. 23"})
	w2017 := interviews("2017", 45, yn(fees, 28, 40))
	r := mustCompare(t, cb, []*dataset.Wave{w2014, w2017}, Options{})
	if r.From != "2014" || r.To != "2017" || r.Level != 0.95 || r.Adjust != "holm" || r.MinN != 10 {
		t.Errorf("options: got %s→%s level %v adjust %s min_n %d", r.From, r.To, r.Level, r.Adjust, r.MinN)
	}
	if len(r.Findings) != 1 {
		t.Fatalf("%d findings, want 1", len(r.Findings))
	}
	f := r.Findings[0]
	if f.Value != "yes" || f.From.Count != 31 || f.From.N != 50 || f.To.Count != 28 || f.To.N != 40 {
		t.Errorf("counts: %+v", f)
	}
	if !reflect.DeepEqual(f.From.Sources, []string{"2014 report, p. 23"}) || f.To.Sources != nil {
		t.Errorf("sources: from %v to %v", f.From.Sources, f.To.Sources)
	}
	// the spec's four decimals
	approx(t, "from.share", f.From.Share, 0.62, 1e-12)
	approx(t, "to.share", f.To.Share, 0.70, 1e-12)
	approxIv(t, "from.ci", f.From.CI, 0.4815, 0.7414, 5e-5)
	approxIv(t, "to.ci", f.To.CI, 0.5457, 0.8193, 5e-5)
	approx(t, "diff", f.Diff, 0.08, 1e-12)
	approxIv(t, "diff_ci", f.DiffCI, -0.1163, 0.2628, 5e-5)
	approx(t, "p", f.P, 0.5058, 5e-5)
	// R, unrounded
	approxIv(t, "from.ci", f.From.CI, 0.481504469309930, 0.741372106898064, 1e-9)
	approxIv(t, "to.ci", f.To.CI, 0.545699811818551, 0.819251547702535, 1e-9)
	approxIv(t, "diff_ci", f.DiffCI, -0.116315400327396, 0.262761986338992, 1e-9)
	approx(t, "p", f.P, 0.505827517372189, 1e-9)
	approx(t, "p_adjusted", f.PAdjusted, 0.505827517372189, 1e-9) // one test: unchanged
	if f.Verdict != NoClearChange {
		t.Errorf("verdict %s, want no_clear_change", f.Verdict)
	}
	if f.CodeDef() != fees || f.Theme != "education" || f.Article != "CEDAW art. 10" || f.Direction != codebook.WorseIfHigher {
		t.Errorf("codebook fields not carried: %+v", f)
	}
}

func TestVerdicts(t *testing.T) {
	type tab struct{ k1, n1, k2, n2 int }
	up := tab{10, 50, 30, 50}   // p = 8.3e-5
	down := tab{30, 50, 10, 50} // the same, reversed
	tests := []struct {
		name string
		dir  codebook.Direction
		tab  tab
		minN int
		want Verdict
	}{
		{"worse if higher, up", codebook.WorseIfHigher, up, 0, Worse},
		{"worse if higher, down", codebook.WorseIfHigher, down, 0, Better},
		{"better if higher, up", codebook.BetterIfHigher, up, 0, Better},
		{"better if higher, down", codebook.BetterIfHigher, down, 0, Worse},
		{"neutral, up: described, not tested", codebook.Neutral, up, 0, Described},
		{"neutral, down", codebook.Neutral, down, 0, Described},
		{"no direction given is neutral", "", up, 0, Described},
		{"not clear", codebook.WorseIfHigher, tab{31, 50, 28, 40}, 0, NoClearChange},
		{"too few in from", codebook.WorseIfHigher, tab{1, 9, 30, 50}, 0, TooFew},
		{"too few in to", codebook.WorseIfHigher, tab{10, 50, 9, 9}, 0, TooFew},
		{"min-n lowered", codebook.WorseIfHigher, tab{0, 9, 9, 9}, 9, Worse},
		{"min-n raised", codebook.WorseIfHigher, up, 51, TooFew},
		{"no answers at all", codebook.WorseIfHigher, tab{0, 0, 30, 50}, 1, TooFew},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := yesno("x", tt.dir)
			w1 := interviews("a", 60, yn(c, tt.tab.k1, tt.tab.n1))
			w2 := interviews("b", 60, yn(c, tt.tab.k2, tt.tab.n2))
			r := mustCompare(t, book(c), []*dataset.Wave{w1, w2}, Options{MinN: tt.minN})
			f := findingOf(t, r, "x", "yes")
			if f.Verdict != tt.want {
				t.Errorf("verdict %s, want %s", f.Verdict, tt.want)
			}
			if f.Direction == "" {
				t.Error("direction is empty")
			}
			if tt.want == TooFew || tt.want == Described {
				if f.P != nil || f.PAdjusted != nil {
					t.Errorf("a %s finding has a p", tt.want)
				}
				if tt.tab.n1 > 0 && (f.From.Share == nil || f.To.Share == nil || f.Diff == nil || f.DiffCI == nil || f.From.CI == nil) {
					t.Error("a too_few finding lost its shares, diff or intervals")
				}
				if r.Tests != 0 {
					t.Errorf("tests = %d, want 0", r.Tests)
				}
			} else if f.P == nil || f.PAdjusted == nil {
				t.Error("a tested finding has no p")
			}
		})
	}
}

// TestAdjust runs five findings and one too_few finding, which takes no part in the adjustment.
func TestAdjust(t *testing.T) {
	tabs := [][4]int{{31, 50, 28, 40}, {10, 50, 30, 50}, {40, 50, 20, 50}, {5, 40, 12, 40}, {20, 40, 20, 40}}
	p := []float64{0.505827517372189, 8.30865870623919e-05, 8.30865870623919e-05, 0.0993040656997281, 1}
	holm := []float64{1, 0.00041543293531196, 0.00041543293531196, 0.29791219709918443, 1}
	bh := []float64{0.63228439671523629, 0.00020771646765598, 0.00020771646765598, 0.16550677616621359, 1}
	var codes []*codebook.Code
	var c1, c2 []*dataset.Column
	for i, tb := range tabs {
		c := yesno(string(rune('a'+i)), codebook.WorseIfHigher)
		codes = append(codes, c)
		c1 = append(c1, yn(c, tb[0], tb[1]))
		c2 = append(c2, yn(c, tb[2], tb[3]))
	}
	few := yesno("few", codebook.WorseIfHigher)
	codes = append(codes, few)
	c1 = append(c1, yn(few, 0, 5))
	c2 = append(c2, yn(few, 5, 5))
	for _, tt := range []struct {
		adjust string
		want   []float64
	}{{"", holm}, {"holm", holm}, {"BH", bh}, {"none", p}} {
		t.Run(tt.adjust, func(t *testing.T) {
			w1 := interviews("2014", 0, clone(c1)...)
			w2 := interviews("2017", 0, clone(c2)...)
			r := mustCompare(t, book(codes...), []*dataset.Wave{w1, w2}, Options{Adjust: tt.adjust})
			if r.Tests != 5 {
				t.Errorf("tests = %d, want 5", r.Tests)
			}
			for i := range tabs {
				f := r.Findings[i]
				approx(t, f.Code+" p", f.P, p[i], 1e-9)
				approx(t, f.Code+" p_adjusted", f.PAdjusted, tt.want[i], 1e-9)
			}
			if f := r.Findings[5]; f.Verdict != TooFew || f.PAdjusted != nil {
				t.Errorf("few: verdict %s p_adjusted %v", f.Verdict, f.PAdjusted)
			}
			if strings.EqualFold(tt.adjust, "bh") && r.Findings[3].Verdict != NoClearChange {
				t.Errorf("d: %s", r.Findings[3].Verdict)
			}
		})
	}
}

func clone(cols []*dataset.Column) []*dataset.Column {
	out := make([]*dataset.Column, len(cols))
	for i, c := range cols {
		cp := *c
		out[i] = &cp
	}
	return out
}

func TestLevelChangesIntervalsAndThreshold(t *testing.T) {
	c := yesno("x", codebook.WorseIfHigher)
	w1 := interviews("a", 0, yn(c, 12, 40))
	w2 := interviews("b", 0, yn(c, 20, 40)) // Fisher p = 0.1095
	r := mustCompare(t, book(c), []*dataset.Wave{w1, w2}, Options{Level: 0.8})
	f := r.Findings[0]
	approx(t, "p", f.P, 0.109508524186546, 1e-9)
	if f.Verdict != Worse {
		t.Errorf("at level 0.8, p 0.11 < 0.2: verdict %s, want worse", f.Verdict)
	}
	approxIv(t, "to.ci", f.To.CI, 0.400702492446253, 0.599297507553747, 1e-9) // prop.test(20, 40, conf.level = 0.8, correct = FALSE)
}

func TestNotComparable(t *testing.T) {
	asked := yesno("det_forced_abortion", codebook.WorseIfHigher)
	gone := yesno("old_question", codebook.WorseIfHigher)
	never := yesno("never_asked", codebook.WorseIfHigher)
	edu := category("edu_highest", "primary", "secondary", "college")
	kids := &codebook.Code{Name: "children", Label: "Number of children", Type: codebook.Number}
	cb := book(asked, gone, never, edu, kids)
	w2014 := aggregate("2014",
		dataset.Figure{Code: gone, N: 50, Count: 10},
		dataset.Figure{Code: edu, Value: 0, N: 50, Count: 20},
		dataset.Figure{Code: edu, Value: 2, N: 50, Count: 5},
	)
	w2017 := interviews("2017", 40, yn(asked, 5, 12), cat(edu, 10, 20, 10), num(kids, 1, 2, 3))
	r := mustCompare(t, cb, []*dataset.Wave{w2014, w2017}, Options{})
	type nc struct{ code, value, missing, present string }
	var got []nc
	for _, n := range r.NotComparable {
		got = append(got, nc{n.Code, n.Value, n.MissingFrom, n.PresentIn})
	}
	want := []nc{
		{"det_forced_abortion", "yes", "2014", "2017"},
		{"old_question", "yes", "2017", "2014"},
		{"edu_highest", "secondary", "2014", "2017"},
		{"children", "", "2014", "2017"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("not_comparable:\n got %v\nwant %v", got, want)
	}
	if p := r.NotComparable[0].Present; p == nil || p.Count != 5 || p.N != 12 {
		t.Errorf("present side of det_forced_abortion: %+v", p)
	}
	var findings []string
	for _, f := range r.Findings {
		findings = append(findings, f.Code+"="+f.Value)
	}
	if want := []string{"edu_highest=primary", "edu_highest=college"}; !reflect.DeepEqual(findings, want) {
		t.Errorf("findings %v, want %v", findings, want)
	}
	if len(r.Numbers) != 1 || r.Numbers[0].From != nil || r.Numbers[0].To == nil {
		t.Errorf("numbers: %+v", r.Numbers)
	}
}

func TestComposition(t *testing.T) {
	prov := category("province", "North Hamgyong", "other")
	prov.Identifier = codebook.Quasi
	age := category("age", "young", "old")
	age.Identifier = codebook.Quasi
	period := category("period", "early", "late") // not in 2014
	period.Identifier = codebook.Quasi
	cb := book(prov, age, period)
	w2014 := interviews("2014", 0, cat(prov, 25, 25), cat(age, 30, 20))
	w2017 := interviews("2017", 0, cat(prov, 35, 15), cat(age, 45, 15), cat(period, 10, 50))
	r := mustCompare(t, cb, []*dataset.Wave{w2014, w2017}, Options{})
	if len(r.Findings) != 0 || len(r.NotComparable) != 0 {
		t.Errorf("quasi codes gave findings %v or not_comparable %v", r.Findings, r.NotComparable)
	}
	type row struct {
		code, value string
		s14, s17    float64 // -1: null
		flag        bool
	}
	want := []row{
		{"province", "North Hamgyong", 0.5, 0.7, true}, // 20 points
		{"province", "other", 0.5, 0.3, true},
		{"age", "young", 0.6, 0.75, false}, // exactly 15 points: not more
		{"age", "old", 0.4, 0.25, false},
		{"period", "early", -1, 10.0 / 60, false},
		{"period", "late", -1, 50.0 / 60, false},
	}
	if len(r.Composition) != len(want) {
		t.Fatalf("%d composition rows, want %d", len(r.Composition), len(want))
	}
	for i, w := range want {
		c := r.Composition[i]
		if c.Code != w.code || c.Value != w.value || c.Flag != w.flag {
			t.Errorf("row %d: %s=%s flag %v, want %s=%s flag %v", i, c.Code, c.Value, c.Flag, w.code, w.value, w.flag)
		}
		if len(c.Shares) != 2 {
			t.Errorf("row %d: shares %v, want both waves", i, c.Shares)
		}
		for wave, s := range map[string]float64{"2014": w.s14, "2017": w.s17} {
			if s < 0 {
				if c.Shares[wave] != nil {
					t.Errorf("row %d: share in %s = %v, want null", i, wave, *c.Shares[wave])
				}
				if _, ok := c.N[wave]; ok {
					t.Errorf("row %d: a base for a wave without the code", i)
				}
				continue
			}
			approx(t, c.Code+" "+wave, c.Shares[wave], s, 1e-12)
		}
	}
	if r.Composition[0].Counts["2017"] != 35 || r.Composition[0].N["2017"] != 50 {
		t.Errorf("counts %v bases %v", r.Composition[0].Counts, r.Composition[0].N)
	}
}

func TestTrend(t *testing.T) {
	const rP = 0.00616989932054417 // prop.trend.test(c(15, 10, 5), c(30, 30, 30))
	tests := []struct {
		names  []string
		scores []float64
		p      float64
	}{
		{[]string{"2011", "2014", "2017"}, []float64{2011, 2014, 2017}, rP},
		{[]string{"first", "second", "third"}, []float64{1, 2, 3}, rP},
		{[]string{"2011", "2014", "2019"}, []float64{2011, 2014, 2019}, 0.00671770457546209},
		{[]string{"2011", "2014", "late"}, []float64{1, 2, 3}, rP},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.names, ","), func(t *testing.T) {
			c := yesno("x", codebook.WorseIfHigher)
			same := yesno("same", codebook.WorseIfHigher)
			two := yesno("two", codebook.WorseIfHigher)
			waves := []*dataset.Wave{
				interviews(tt.names[0], 0, yn(c, 15, 30), yn(same, 30, 30)),
				aggregate(tt.names[1], dataset.Figure{Code: c, N: 30, Count: 10}, dataset.Figure{Code: same, N: 20, Count: 20}, dataset.Figure{Code: two, N: 20, Count: 2}),
				interviews(tt.names[2], 0, yn(c, 5, 30), yn(same, 10, 10), yn(two, 5, 20)),
			}
			// compare the first two: trends span all waves whatever is compared
			r := mustCompare(t, book(c, same, two), waves, Options{From: tt.names[0], To: tt.names[1]})
			if len(r.Trends) != 2 {
				t.Fatalf("%d trends, want 2 (x and same; two is in 2 waves only)", len(r.Trends))
			}
			tr := r.Trends[0]
			approx(t, "p", tr.P, tt.p, 1e-9)
			if !reflect.DeepEqual(tr.Waves, tt.names) || !reflect.DeepEqual(tr.Scores, tt.scores) ||
				!reflect.DeepEqual(tr.Count, []int{15, 10, 5}) || !reflect.DeepEqual(tr.N, []int{30, 30, 30}) {
				t.Errorf("trend %+v", tr)
			}
			if s := r.Trends[1]; s.Code != "same" || s.P != nil || s.Chi2 != nil {
				t.Errorf("every answer the same: want p null, got %+v", s)
			}
		})
	}
}

func TestTrendSkipsWavesWithoutAnswers(t *testing.T) {
	c := yesno("x", codebook.Neutral)
	empty := &dataset.Column{Code: c, State: []dataset.State{dataset.Missing}, Bits: []uint64{0}}
	waves := []*dataset.Wave{
		interviews("2008", 0, empty),
		interviews("2011", 0, yn(c, 15, 30)),
		interviews("2014", 0, yn(c, 10, 30)),
		interviews("2017", 0, yn(c, 5, 30)),
	}
	r := mustCompare(t, book(c), waves, Options{})
	if len(r.Trends) != 1 || len(r.Trends[0].Waves) != 3 {
		t.Fatalf("trends %+v", r.Trends)
	}
	approx(t, "p", r.Trends[0].P, 0.00616989932054417, 1e-9)
}

func TestNumbers(t *testing.T) {
	kids := &codebook.Code{Name: "children", Label: "Number of children", Type: codebook.Number}
	none := &codebook.Code{Name: "none", Label: "Nobody answered", Type: codebook.Number}
	w1 := interviews("a", 0, num(kids, 0, 1, 1, 2, 3, 7), &dataset.Column{Code: none, State: []dataset.State{dataset.Missing}, Bits: []uint64{0}, Num: []float64{0}})
	w2 := interviews("b", 0, num(kids, 2), num(none, 4))
	r := mustCompare(t, book(kids, none), []*dataset.Wave{w1, w2}, Options{})
	if len(r.Findings) != 0 || len(r.Numbers) != 2 {
		t.Fatalf("findings %d numbers %d", len(r.Findings), len(r.Numbers))
	}
	n := r.Numbers[0]
	// quantile(c(0, 1, 1, 2, 3, 7)) = 1, 1.5, 2.75
	if n.From.N != 6 {
		t.Errorf("n = %d", n.From.N)
	}
	approx(t, "q1", n.From.Q1, 1, 0)
	approx(t, "median", n.From.Median, 1.5, 0)
	approx(t, "q3", n.From.Q3, 2.75, 0)
	approx(t, "to median", n.To.Median, 2, 0)
	if e := r.Numbers[1].From; e == nil || e.N != 0 || e.Median != nil {
		t.Errorf("no answers: %+v", e)
	}
}

func TestLeftOut(t *testing.T) {
	name := &codebook.Code{Name: "name", Type: codebook.Text, Identifier: codebook.Direct}
	phone := yesno("has_phone", codebook.Neutral)
	phone.Identifier = codebook.Direct
	notes := &codebook.Code{Name: "notes", Type: codebook.Text}
	age := &codebook.Code{Name: "age", Type: codebook.Number, Identifier: codebook.Quasi}
	w1 := interviews("a", 0, yn(phone, 5, 20), num(age, 30, 40))
	w2 := interviews("b", 0, yn(phone, 6, 20), num(age, 30, 40))
	r := mustCompare(t, book(name, phone, notes, age), []*dataset.Wave{w1, w2}, Options{})
	if len(r.Findings)+len(r.Trends)+len(r.NotComparable)+len(r.Composition)+len(r.Numbers) != 0 {
		t.Errorf("identifiers or text reached the result: %+v", r)
	}
}

func TestMultiAndOrder(t *testing.T) {
	fac := &codebook.Code{Name: "facility", Label: "Place of detention", Type: codebook.Multi, Values: []string{"centre", "camp", "prison"}}
	yes := yesno("a_first", codebook.Neutral)
	mk := func(sets ...uint64) *dataset.Column {
		c := &dataset.Column{Code: fac}
		for _, s := range sets {
			c.State = append(c.State, dataset.Answered)
			c.Bits = append(c.Bits, s)
		}
		return c
	}
	w1 := interviews("a", 0, mk(1, 3, 7, 2), yn(yes, 1, 2))
	w2 := interviews("b", 0, yn(yes, 1, 2), mk(4, 4))
	r := mustCompare(t, book(fac, yes), []*dataset.Wave{w1, w2}, Options{})
	var got []string
	for _, f := range r.Findings {
		got = append(got, f.Code+"="+f.Value)
	}
	if want := []string{"facility=centre", "facility=camp", "facility=prison", "a_first=yes"}; !reflect.DeepEqual(got, want) {
		t.Errorf("order %v, want %v", got, want)
	}
	if f := r.Findings[1]; f.From.Count != 3 || f.From.N != 4 { // camp: 3, 7, 2
		t.Errorf("camp: %d of %d", f.From.Count, f.From.N)
	}
}

func TestOptions(t *testing.T) {
	c := yesno("x", codebook.Neutral)
	waves := []*dataset.Wave{
		interviews("2011", 0, yn(c, 1, 2)),
		interviews("2014", 0, yn(c, 1, 2)),
		interviews("2017", 0, yn(c, 1, 2)),
	}
	ok := []struct {
		o        Options
		from, to string
	}{
		{Options{}, "2014", "2017"},
		{Options{To: "2014"}, "2011", "2014"},
		{Options{From: "2011"}, "2011", "2017"},
		{Options{From: "2017", To: "2011"}, "2017", "2011"},
		{Options{To: "2011"}, "", "2011"}, // the first wave: described alone
	}
	for _, tt := range ok {
		r, err := Compare(book(c), waves, tt.o)
		if err != nil || r.From != tt.from || r.To != tt.to || r.Single != (tt.from == "") {
			t.Errorf("%+v: %v, %s→%s; want %s→%s", tt.o, err, r.From, r.To, tt.from, tt.to)
		}
	}
	bad := []struct {
		o      Options
		waves  []*dataset.Wave
		option string
	}{
		{Options{From: "2013"}, waves, "from"},
		{Options{To: "2013"}, waves, "to"},
		{Options{From: "2014", To: "2014"}, waves, "to"},
		{Options{From: "2011"}, waves[:1], "to"},
		{Options{To: "1999"}, waves[:1], "to"},
		{Options{}, nil, "waves"},
		{Options{Level: math.Inf(1)}, waves, "level"},
		{Options{FlagPoints: math.NaN()}, waves, "flag-points"},
		{Options{MinCell: -1}, waves, "min-cell"},
		{Options{Level: 1}, waves, "level"},
		{Options{Level: -0.5}, waves, "level"},
		{Options{Level: math.NaN()}, waves, "level"},
		{Options{Adjust: "bonferroni"}, waves, "adjust"},
		{Options{MinN: -1}, waves, "min-n"},
	}
	for _, tt := range bad {
		_, err := Compare(book(c), tt.waves, tt.o)
		var oe *OptionError
		if !errors.As(err, &oe) || oe.Option != tt.option {
			t.Errorf("%+v: error %v, want an OptionError for %s", tt.o, err, tt.option)
		}
	}
}

// TestDegenerate checks that nothing unrepresentable reaches JSON: no answers, one
// interviewee, everybody yes, everybody no.
func TestDegenerate(t *testing.T) {
	c := yesno("x", codebook.WorseIfHigher)
	cc := category("c", "a", "b")
	q := category("q", "a", "b")
	q.Identifier = codebook.Quasi
	n := &codebook.Code{Name: "n", Type: codebook.Number}
	cb := book(c, cc, q, n)
	emptyCol := func(code *codebook.Code) *dataset.Column {
		return &dataset.Column{Code: code, State: []dataset.State{dataset.Missing}, Bits: []uint64{0}, Num: []float64{0}}
	}
	shapes := map[string]func(name string) *dataset.Wave{
		"empty": func(name string) *dataset.Wave {
			return interviews(name, 1, emptyCol(c), emptyCol(cc), emptyCol(q), emptyCol(n))
		},
		"no people": func(name string) *dataset.Wave {
			return &dataset.Wave{Name: name, Kind: dataset.Interviews, Columns: []*dataset.Column{{Code: c}, {Code: cc}, {Code: q}, {Code: n}}}
		},
		"one": func(name string) *dataset.Wave {
			return interviews(name, 0, yn(c, 1, 1), cat(cc, 0, 1), cat(q, 1, 0), num(n, 3))
		},
		"all yes": func(name string) *dataset.Wave {
			return interviews(name, 0, yn(c, 30, 30), cat(cc, 30, 0), cat(q, 30, 0), num(n, 1))
		},
		"all no": func(name string) *dataset.Wave {
			return interviews(name, 0, yn(c, 0, 30), cat(cc, 0, 30), cat(q, 0, 30))
		},
		"aggregate": func(name string) *dataset.Wave {
			return aggregate(name, dataset.Figure{Code: c, N: 30, Count: 30}, dataset.Figure{Code: cc, Value: 1, N: 30, Count: 0})
		},
	}
	for an, a := range shapes {
		for bn, b := range shapes {
			waves := []*dataset.Wave{a("2011"), b("2014"), a("2017")}
			r := mustCompare(t, cb, waves, Options{})
			raw, err := json.Marshal(r)
			if err != nil {
				t.Fatalf("%s vs %s: %v", an, bn, err)
			}
			if s := string(raw); strings.Contains(s, "NaN") || strings.Contains(s, "Inf") {
				t.Errorf("%s vs %s: %s", an, bn, s)
			}
			for _, f := range r.Findings {
				if (f.From.N == 0 || f.To.N == 0) && (f.Family == RoleTested || f.P != nil) {
					t.Errorf("%s vs %s: %s with n = 0 is %s", an, bn, f.Code, f.Verdict)
				}
			}
		}
	}
}

// The composition test of the two waves' profiles: R's
// chisq.test(matrix(c(14,20,16,15,17,8), 2, byrow = TRUE), correct = FALSE) gives
// X-squared 1.856197576887, and fisher.test of the same table p = 0.42266055426707455;
// Cramér's V = √(1.856197576887/90), TVD = ½(|0.28 − 0.375| + |0.4 − 0.425| + |0.32 − 0.2|) = 0.12.
func TestCompositionTest(t *testing.T) {
	age := category("age", "under 30", "30-39", "40 and over")
	age.Identifier = codebook.Quasi
	flagged := category("place", "a", "b")
	flagged.Identifier = codebook.Quasi
	cb := book(age, flagged)
	r := mustCompare(t, cb, []*dataset.Wave{
		interviews("2014", 50, cat(age, 14, 20, 16), cat(flagged, 25, 25)),
		interviews("2017", 40, cat(age, 15, 17, 8), cat(flagged, 27, 13)),
	}, Options{FlagPoints: 10})
	if len(r.CompositionTests) != 2 {
		t.Fatalf("%d composition tests, want 2", len(r.CompositionTests))
	}
	ct := r.CompositionTests[0]
	approx(t, "chi2", ct.Chi2, 1.856197576887, 1e-9)
	approx(t, "p", ct.P, 0.42266055426707455, 1e-9)
	approx(t, "V", ct.CramersV, math.Sqrt(1.856197576887/90), 1e-9)
	approx(t, "TVD", ct.TVD, 0.12, 1e-12)
	if ct.PMethod != "exact" || len(ct.Values) != 3 || len(ct.LeftOut) != 0 {
		t.Errorf("method %s values %v left out %v", ct.PMethod, ct.Values, ct.LeftOut)
	}
	if ct.DF != 2 || ct.SmallExpected {
		t.Errorf("df %d small %v, want 2 false", ct.DF, ct.SmallExpected)
	}
	// at a 10-point threshold: place a/b differ by 17.5 points and age 40+ by 12 (32% vs
	// 20%), flagged; under 30 by 9.5 and 30-39 by 2.5, not
	for _, c := range r.Composition {
		if want := c.Code == "place" || c.Value == "40 and over"; c.Flag != want {
			t.Errorf("%s=%s flag %v, want %v", c.Code, c.Value, c.Flag, want)
		}
	}
}
