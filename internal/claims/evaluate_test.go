package claims

import (
	"strings"
	"testing"

	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/compare"
	"github.com/shadowreport/shadowreport/internal/diag"
)

func yes(code string, dir codebook.Direction, v compare.Verdict, count, n int) Evidence {
	return Evidence{Code: code, Value: "yes", Label: strings.ToUpper(code[:1]) + code[1:], Type: codebook.YesNo, Direction: dir, Verdict: v, Count: count, N: n}
}

const (
	worseHigh  = codebook.WorseIfHigher
	betterHigh = codebook.BetterIfHigher
)

// The rule for a claim of absence, at its boundaries (defaults: at least 10 answers, at least
// 5 people, at least a quarter): 10 of 40 is exactly a quarter and contradicts; 9 of 40 does not.
func TestAbsenceRule(t *testing.T) {
	for _, c := range []struct {
		name string
		e    Evidence
		want Bearing
	}{
		{"28 of 40", yes("fees", worseHigh, compare.NoClearChange, 28, 40), Contradicts},
		{"a quarter exactly", yes("fees", worseHigh, compare.NoClearChange, 10, 40), Contradicts},
		{"just under a quarter", yes("fees", worseHigh, compare.NoClearChange, 9, 40), Inconclusive},
		{"a half but 4 people", yes("fees", worseHigh, compare.NoClearChange, 4, 10), Inconclusive},
		{"5 of 10", yes("fees", worseHigh, compare.TooFew, 5, 10), Contradicts},
		{"9 answered", yes("fees", worseHigh, compare.TooFew, 9, 9), NoData},
		{"nobody", yes("fees", worseHigh, compare.NoClearChange, 0, 40), Consistent},
		{"withheld", Evidence{Code: "fees", Value: "yes", Type: codebook.YesNo, Direction: worseHigh, Verdict: "withheld", Count: 30, N: 40, Withheld: true}, NoData},
		// better_if_higher: the harm is a no. 25 of 40 could obtain contraception: 15 could not.
		{"better_if_higher, 15 without", yes("contraception", betterHigh, compare.Better, 25, 40), Contradicts},
		{"better_if_higher, all", yes("contraception", betterHigh, compare.Better, 40, 40), Consistent},
		{"better_if_higher, 36 of 40", yes("contraception", betterHigh, compare.Better, 36, 40), Inconclusive},
		{"neutral", yes("market", codebook.Neutral, compare.Higher, 30, 40), Inconclusive},
		{"category value", Evidence{Code: "edu", Value: "primary", Type: codebook.Category, Direction: worseHigh, Count: 30, N: 40}, Inconclusive},
		{"not comparable, later wave only", yes("abortion", worseHigh, "", 6, 24), Contradicts},
		{"nonsense count", yes("fees", worseHigh, "", 50, 40), NoData},
	} {
		l := bear(Absence, c.e, Options{From: "2014", To: "2017"}.withDefaults())
		if l.Bearing != c.want {
			t.Errorf("%s: %s (%s), want %s", c.name, l.Bearing, l.Why, c.want)
		}
		if l.Why == "" {
			t.Errorf("%s: no reason given", c.name)
		}
	}
	// the thresholds follow the options: min_cell 10 makes 9 of 20 inconclusive
	if l := bear(Absence, yes("fees", worseHigh, "", 9, 20), Options{MinCell: 10}.withDefaults()); l.Bearing != Inconclusive {
		t.Errorf("MinCell 10: %s", l.Bearing)
	}
	if l := bear(Absence, yes("fees", worseHigh, "", 9, 20), Options{MinShare: 0.5}.withDefaults()); l.Bearing != Inconclusive {
		t.Errorf("MinShare 0.5: %s", l.Bearing)
	}
}

func TestImprovementRule(t *testing.T) {
	for v, want := range map[compare.Verdict]Bearing{
		compare.Worse:         Contradicts,
		compare.Better:        Consistent,
		compare.NoClearChange: Inconclusive,
		compare.Higher:        Inconclusive,
		compare.Lower:         Inconclusive,
		compare.TooFew:        NoData,
		"withheld":            NoData,
		"":                    NoData,
	} {
		l := bear(Improvement, yes("labour", worseHigh, v, 31, 40), Options{From: "2014", To: "2017"}.withDefaults())
		if l.Bearing != want {
			t.Errorf("verdict %q: %s, want %s", v, l.Bearing, want)
		}
	}
	l := bear(Improvement, yes("contraception", betterHigh, compare.Worse, 5, 40), Options{From: "2014", To: "2017"}.withDefaults())
	if !strings.Contains(l.Why, "contraception was reported less often by the people interviewed in 2017 than in 2014") {
		t.Errorf("why: %q", l.Why)
	}
}

// A worse or better verdict that does not survive taking into account who was interviewed
// (not_robust) may reflect who could be interviewed: it neither contradicts nor supports a claim
// of improvement, and the reason says why. A claim of absence rests on the later wave's count,
// not on the comparison, and is judged the same either way.
func TestNotRobustVerdictDoesNotBearOnImprovement(t *testing.T) {
	o := Options{From: "2014", To: "2017"}.withDefaults()
	for _, c := range []struct {
		e    Evidence
		want string
	}{
		{yes("labour", worseHigh, compare.Worse, 31, 40), "labour was reported more often by the people interviewed in 2017 than in 2014, but not once who was interviewed is taken into account"},
		{yes("labour", worseHigh, compare.Better, 3, 40), "labour was reported less often by the people interviewed in 2017 than in 2014, but not once"},
		{yes("contraception", betterHigh, compare.Worse, 5, 40), "contraception was reported less often by the people interviewed in 2017 than in 2014, but not once"},
		{yes("contraception", betterHigh, compare.Better, 35, 40), "contraception was reported more often by the people interviewed in 2017 than in 2014, but not once"},
	} {
		e := c.e
		e.NotRobust = true
		l := bear(Improvement, e, o)
		if l.Bearing != Inconclusive || !strings.Contains(l.Why, c.want) {
			t.Errorf("%s %s, not robust: %s (%s), want inconclusive (%s)", e.Code, e.Verdict, l.Bearing, l.Why, c.want)
		}
		if a, b := bear(Absence, e, o), bear(Absence, c.e, o); a.Bearing != b.Bearing {
			t.Errorf("%s: a claim of absence is %s when not robust, %s otherwise", e.Code, a.Bearing, b.Bearing)
		}
	}
	set := &Set{Claims: []Claim{{ID: "C3", Asserts: Improvement, Codes: []string{"labour"}}},
		Recommendations: []Recommendation{{ID: "R1", Assessment: Implemented, Codes: []string{"labour"}}}}
	e := yes("labour", worseHigh, compare.Worse, 31, 40)
	e.NotRobust = true
	ev := Evaluate(set, []Evidence{e}, Options{})
	if st := ev.Claims[0].Status; st != NotContradicted {
		t.Errorf("an improvement claim beside a not robust worse verdict is %s, want not_contradicted (inconclusive evidence)", st)
	}
	// nor does it disagree with a recommendation assessed implemented (the table would mark
	// the assessment "seems to disagree" on a difference that may reflect who was interviewed)
	if d := ev.Recommendations[0].Disagreements; len(d) != 0 {
		t.Errorf("a not robust worse verdict disagrees with an implemented recommendation: %q", d)
	}
	e.NotRobust = false
	if d := Evaluate(set, []Evidence{e}, Options{}).Recommendations[0].Disagreements; len(d) != 1 {
		t.Errorf("a robust worse verdict: %d disagreements, want 1", len(d))
	}
}

func plantedSet() *Set {
	return &Set{File: "interviews/codebook.xlsx",
		Claims: []Claim{
			{ID: "C1", Asserts: Improvement, Codes: []string{"contraception"}},    // better: not contradicted
			{ID: "C2", Asserts: Absence, Codes: []string{"paid_care", "fees"}},    // 2 of 40 then 28 of 40: contradicted
			{ID: "C3", Asserts: Improvement, Codes: []string{"labour"}},           // worse: contradicted
			{ID: "C4", Asserts: Other, Codes: []string{"labour"}},                 // never tested
			{ID: "C5", Asserts: Improvement, Codes: []string{"unasked"}},          // no finding
			{ID: "C6", Asserts: Improvement, Codes: []string{"detained", "fees"}}, // too few, no clear change
		},
		Recommendations: []Recommendation{
			{ID: "R1", Assessment: Implemented, Codes: []string{"labour"}, AssessmentPos: diag.At("interviews/codebook.xlsx", "recommendations", 9, 2)},
			{ID: "R2", Assessment: Implemented, Codes: []string{"fees"}},
			{ID: "R3", Assessment: PartiallyImplemented, Codes: []string{"labour"}},
			{ID: "R4", Assessment: NotImplemented, AssessmentPos: diag.At("interviews/codebook.xlsx", "recommendations", 9, 5)},
			{ID: "R5", Assessment: NotImplemented, Codes: []string{"unasked"}},
			{ID: "R6", Assessment: NotImplemented, Codes: []string{"fees"}},
			{ID: "R7", Assessment: NoInformation},
			{ID: "R8", Assessment: Implemented, Codes: []string{"contraception", "labour"}},
		},
	}
}

func plantedEvidence() []Evidence {
	return []Evidence{
		yes("contraception", betterHigh, compare.Better, 38, 40),
		yes("paid_care", worseHigh, compare.NoClearChange, 2, 40),
		yes("fees", worseHigh, compare.NoClearChange, 28, 40),
		yes("labour", worseHigh, compare.Worse, 31, 40),
		yes("detained", worseHigh, compare.TooFew, 3, 8),
	}
}

func TestEvaluateClaims(t *testing.T) {
	ev := Evaluate(plantedSet(), plantedEvidence(), Options{From: "2014", To: "2017"})
	want := map[string]Status{"C1": NotContradicted, "C2": Contradicted, "C3": Contradicted, "C4": NotTested, "C5": NoEvidence, "C6": NotContradicted}
	for _, r := range ev.Claims {
		if r.Status != want[r.Claim.ID] {
			t.Errorf("%s: %s, want %s (%+v)", r.Claim.ID, r.Status, want[r.Claim.ID], r.Findings)
		}
	}
	c2 := ev.Claims[1]
	if len(c2.Findings) != 2 || c2.Findings[0].Code != "paid_care" || c2.Findings[0].Bearing != Inconclusive || c2.Findings[1].Bearing != Contradicts {
		t.Errorf("C2 findings in the order of its codes: %+v", c2.Findings)
	}
	var lead []string
	for _, r := range ev.Lead() {
		lead = append(lead, r.Claim.ID)
	}
	if strings.Join(lead, " ") != "C2 C3 C1 C4 C5 C6" {
		t.Errorf("lead order %v: contradicted first, then the sheet's order", lead)
	}
}

// The planted disagreements, and only they, are warned about at the assessment's cell.
func TestDisagreements(t *testing.T) {
	ev := Evaluate(plantedSet(), plantedEvidence(), Options{From: "2014", To: "2017"})
	got := map[string]string{}
	for _, r := range ev.Recommendations {
		got[r.Recommendation.ID] = strings.Join(r.Disagreements, "|")
	}
	for id, want := range map[string]string{
		"R1": `recommendation R1 is assessed implemented, but "Labour" was reported more often by the people interviewed in 2017 than in 2014 (verdict: worse)`,
		"R4": "recommendation R4 is assessed not implemented, but it names no code: no finding of the interviews stands beside the assessment",
		"R5": "recommendation R5 is assessed not implemented, but it names codes the comparison has no finding for",
		"R8": `"Labour" was reported more often`,
	} {
		if !strings.Contains(got[id], want) {
			t.Errorf("%s: %q, want %q", id, got[id], want)
		}
	}
	for _, id := range []string{"R2", "R3", "R6", "R7"} {
		if got[id] != "" {
			t.Errorf("%s: unexpected disagreement %q", id, got[id])
		}
	}
	if strings.Contains(got["R8"], "ontraception") {
		t.Errorf("R8: a better finding is no disagreement: %q", got["R8"])
	}
	diags := &diag.List{}
	ev.Warn(diags)
	items := diags.Items()
	if len(items) != 4 {
		t.Fatalf("%d warnings, want 4: %v", len(items), items)
	}
	for _, d := range items {
		if d.Severity != diag.Warning || d.Rule != "recommendation.evidence" || d.File != "interviews/codebook.xlsx" {
			t.Errorf("warning %+v", d)
		}
	}
	first := ""
	for _, d := range items {
		if d.Cell == "I2" {
			first = d.String()
		}
	}
	if first != `warning: interviews/codebook.xlsx: recommendations!I2: recommendation R1 is assessed implemented, but "Labour" was reported more often by the people interviewed in 2017 than in 2014 (verdict: worse): check the assessment, or explain in the reason why the finding does not bear on it` {
		t.Errorf("R1's warning: %q", first)
	}
}

func TestEvaluateNil(t *testing.T) {
	ev := Evaluate(nil, plantedEvidence(), Options{})
	if len(ev.Claims)+len(ev.Recommendations) != 0 {
		t.Errorf("%+v", ev)
	}
	ev.Warn(&diag.List{})
}
