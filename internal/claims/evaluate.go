package claims

import (
	"fmt"
	"math"
	"sort"

	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/compare"
	"github.com/shadowreport/shadowreport/internal/diag"
	"github.com/shadowreport/shadowreport/internal/english"
)

// Evidence is one finding of the comparison, as the caller may use it: build it from the
// published figures for anything printed, so that a status never rests on a withheld count.
type Evidence struct {
	Code      string
	Value     string // "yes" for a yes/no code
	Label     string
	Type      codebook.Type
	Direction codebook.Direction
	// Verdict is the comparison's verdict between the two waves; "" when the finding is in the
	// later wave only (not comparable), and compare's or the publication's "withheld" when the
	// test is not published.
	Verdict compare.Verdict
	// Count of N is the later wave's figure: how many gave the value, of those who answered.
	Count, N int
	// Withheld is set when the later wave's count is not published as a number ("fewer than 5
	// of 40", not shown): it is then never used to contradict a claim.
	Withheld bool
	// NotRobust is the comparison's not_robust: a worse or better verdict not shown to survive
	// taking into account who was interviewed. Such a verdict neither contradicts nor supports
	// a claim of improvement: it may reflect who could be interviewed.
	NotRobust bool
}

// Options set the rule of Evaluate. Zero fields take the defaults.
type Options struct {
	// From and To name the earlier and later waves, for messages.
	From, To string
	// MinN is the fewest answers in the later wave for a finding to bear on a claim of
	// absence: compare's min_n (default 10).
	MinN int
	// MinCell is the fewest people reporting a harm for it to contradict a claim of absence:
	// the disclosure's min_cell (default 5), so the contradicting figure is one that is published.
	MinCell int
	// MinShare is the smallest share of those who answered reporting the harm for it to
	// contradict a claim of absence (default 0.25: one in four).
	MinShare float64
}

func (o Options) withDefaults() Options {
	if o.MinN <= 0 {
		o.MinN = 10
	}
	if o.MinCell <= 0 {
		o.MinCell = 5
	}
	if !(o.MinShare > 0 && o.MinShare <= 1) {
		o.MinShare = 0.25
	}
	if o.From == "" {
		o.From = "the earlier wave"
	}
	if o.To == "" {
		o.To = "the later wave"
	}
	return o
}

// Status is what the findings say of a claim, as a whole.
type Status string

// The statuses of a claim.
const (
	// Contradicted: at least one linked finding contradicts the claim.
	Contradicted Status = "contradicted"
	// NotContradicted: some linked finding bears on the claim, none contradicts it.
	NotContradicted Status = "not_contradicted"
	// NoEvidence: no linked finding can bear on the claim (too few answers, withheld, absent).
	NoEvidence Status = "no_evidence"
	// NotTested: the claim asserts something the findings cannot contradict (Other).
	NotTested Status = "not_tested"
)

// Bearing is how one finding bears on a claim.
type Bearing string

// The bearings of a finding on a claim.
const (
	Contradicts  Bearing = "contradicts"
	Consistent   Bearing = "consistent"
	Inconclusive Bearing = "inconclusive"
	NoData       Bearing = "no_data"
)

// Linked is one finding linked to a claim, with how it bears on it and why, in plain words.
type Linked struct {
	Evidence
	Bearing Bearing
	Why     string
}

// ClaimResult is a claim set beside its findings.
type ClaimResult struct {
	Claim    *Claim
	Status   Status
	Findings []Linked // in the order of the claim's codes, then of the evidence
}

// RecommendationResult is a recommendation set beside its findings; Disagreements are the
// warnings where the NGO's assessment and the findings disagree.
type RecommendationResult struct {
	Recommendation *Recommendation
	Findings       []Evidence
	Disagreements  []string
}

// Evaluation sets every claim and recommendation of a set beside the findings.
type Evaluation struct {
	Claims          []ClaimResult
	Recommendations []RecommendationResult
	file            string
}

// Evaluate sets the claims and recommendations beside the evidence, under the rule of docs/
// workbooks.md. The tool never assesses a recommendation: it reports where the NGO's assessment
// and the findings disagree. A claim is contradicted:
//
//   - a claim of improvement, by a linked finding whose verdict is worse (the comparison's
//     direction-aware verdict after adjustment for multiple comparisons) and survives the
//     standardisation for who was interviewed; a better verdict that survives it is consistent
//     with the claim; any other verdict, and a worse or better one that is not robust,
//     inconclusive;
//   - a claim of absence, by a linked yes/no finding with a direction whose harm (a yes for a
//     worse_if_higher code, a no for a better_if_higher one) was reported in the later wave by at
//     least MinCell people and at least MinShare of the MinN or more who answered; nobody
//     reporting it is consistent with the claim, anything between inconclusive.
//
// Withheld counts and verdicts are never used: such a finding has no data.
func Evaluate(set *Set, evidence []Evidence, o Options) Evaluation {
	o = o.withDefaults()
	byCode := map[string][]Evidence{}
	for _, e := range evidence {
		byCode[e.Code] = append(byCode[e.Code], e)
	}
	ev := Evaluation{}
	if set == nil {
		return ev
	}
	ev.file = set.File
	for i := range set.Claims {
		c := &set.Claims[i]
		res := ClaimResult{Claim: c, Status: NoEvidence}
		if c.Asserts == Other || c.Asserts == "" {
			res.Status = NotTested
		}
		for _, name := range c.Codes {
			for _, e := range byCode[name] {
				l := bear(c.Asserts, e, o)
				res.Findings = append(res.Findings, l)
				switch {
				case res.Status == NotTested:
				case l.Bearing == Contradicts:
					res.Status = Contradicted
				case l.Bearing != NoData && res.Status != Contradicted:
					res.Status = NotContradicted
				}
			}
		}
		ev.Claims = append(ev.Claims, res)
	}
	for i := range set.Recommendations {
		r := &set.Recommendations[i]
		res := RecommendationResult{Recommendation: r}
		for _, name := range r.Codes {
			res.Findings = append(res.Findings, byCode[name]...)
		}
		switch r.Assessment {
		case Implemented:
			for _, e := range res.Findings {
				// a worse verdict that does not survive taking into account who was
				// interviewed may reflect who could be interviewed: no disagreement, as it
				// contradicts no claim of improvement (bear)
				if e.Verdict == compare.Worse && !e.NotRobust {
					res.Disagreements = append(res.Disagreements, fmt.Sprintf(
						"recommendation %s is assessed implemented, but %s was %s by the people interviewed in %s than in %s (verdict: worse): check the assessment, or explain in the reason why the finding does not bear on it",
						r.ID, diag.Quote(orWord(e.Label, e.Code)), moreOrLess(e), o.To, o.From))
				}
			}
		case NotImplemented:
			if len(res.Findings) == 0 {
				what := "names no code"
				if len(r.Codes) > 0 {
					what = "names codes the comparison has no finding for"
				}
				res.Disagreements = append(res.Disagreements, fmt.Sprintf(
					"recommendation %s is assessed not implemented, but it %s: no finding of the interviews stands beside the assessment; name the codes it concerns, or make sure the reason gives the assessment's source",
					r.ID, what))
			}
		}
		ev.Recommendations = append(ev.Recommendations, res)
	}
	return ev
}

// bear says how one finding bears on a claim asserting a.
func bear(a Assertion, e Evidence, o Options) Linked {
	l := Linked{Evidence: e, Bearing: NoData}
	switch a {
	case Improvement:
		switch v := e.Verdict; {
		case (v == compare.Worse || v == compare.Better) && e.NotRobust:
			l.Bearing, l.Why = Inconclusive, fmt.Sprintf("%s was %s by the people interviewed in %s than in %s, but not once who was interviewed is taken into account: the difference may reflect who could be interviewed", quoteLabel(e), reported(e), o.To, o.From)
		case v == compare.Worse:
			l.Bearing, l.Why = Contradicts, fmt.Sprintf("%s was %s by the people interviewed in %s than in %s", quoteLabel(e), moreOrLess(e), o.To, o.From)
		case v == compare.Better:
			l.Bearing, l.Why = Consistent, fmt.Sprintf("the comparison finds %s better in %s than in %s", quoteLabel(e), o.To, o.From)
		case v == compare.NoClearChange, v == compare.Higher, v == compare.Lower:
			l.Bearing, l.Why = Inconclusive, fmt.Sprintf("the comparison finds no change for the better or the worse in %s", quoteLabel(e))
		default:
			l.Why = "the two waves cannot be compared on " + quoteLabel(e)
			if e.Withheld || e.Verdict != "" && e.Verdict != compare.TooFew {
				l.Why = "the comparison of " + quoteLabel(e) + " is not published"
			}
		}
	case Absence:
		harm, ok := harmed(e)
		switch {
		case e.Type != codebook.YesNo || e.Direction == codebook.Neutral:
			l.Bearing, l.Why = Inconclusive, quoteLabel(e)+" is not a yes/no code with a direction, so it does not say which answer is the harm"
		case e.Withheld || !ok:
			l.Why = "the later wave's count is not published"
		case e.N < o.MinN:
			l.Why = fmt.Sprintf("only %d answered in %s, fewer than %d", e.N, o.To, o.MinN)
		case harm == 0:
			l.Bearing, l.Why = Consistent, fmt.Sprintf("no one of %d interviewed in %s reported it", e.N, o.To)
		case harm >= o.MinCell && float64(harm) >= o.MinShare*float64(e.N)-1e-9:
			l.Bearing, l.Why = Contradicts, fmt.Sprintf("%d of %d interviewed in %s reported it, at least %d people and %s of those who answered", harm, e.N, o.To, o.MinCell, shareWords(o.MinShare))
		default:
			l.Bearing, l.Why = Inconclusive, fmt.Sprintf("%d of %d interviewed in %s reported it, fewer than %d people or %s of those who answered", harm, e.N, o.To, o.MinCell, shareWords(o.MinShare))
		}
	default:
		l.Why = "the claim is not tested against the findings"
	}
	return l
}

// harmed returns how many of the later wave reported the harm of a yes/no finding.
func harmed(e Evidence) (int, bool) {
	if e.Count < 0 || e.N < 0 || e.Count > e.N || e.Value != "yes" && e.Value != "" {
		return 0, false
	}
	if e.Direction == codebook.BetterIfHigher {
		return e.N - e.Count, true
	}
	return e.Count, true
}

// quoteLabel names a finding in a sentence: its label, first letter lower-cased unless it
// begins an acronym ("students mobilised for unpaid labour", "HIV testing").
func quoteLabel(e Evidence) string {
	if e.Label != "" {
		return english.LowerFirst(e.Label)
	}
	return e.Code
}

// reported words a worse or better verdict by which way the share went: "reported more often"
// for a worse verdict of a worse_if_higher code or a better one of a better_if_higher code.
func reported(e Evidence) string {
	if (e.Verdict == compare.Worse) == (e.Direction == codebook.BetterIfHigher) {
		return "reported less often"
	}
	return "reported more often"
}

// moreOrLess words a worse verdict: reported more often for a worse_if_higher code.
func moreOrLess(e Evidence) string {
	if e.Direction == codebook.BetterIfHigher {
		return "reported less often"
	}
	return "reported more often"
}

func shareWords(s float64) string {
	switch s {
	case 0.25:
		return "a quarter"
	case 0.5:
		return "half"
	case 1.0 / 3:
		return "a third"
	}
	return fmt.Sprintf("%g%%", math.Round(s*1000)/10)
}

// Lead returns the claims in the order a summary presents them: the contradicted ones first,
// then the others, each group in the order of the sheet.
func (e Evaluation) Lead() []ClaimResult {
	out := append([]ClaimResult(nil), e.Claims...)
	sort.SliceStable(out, func(i, j int) bool {
		return out[i].Status == Contradicted && out[j].Status != Contradicted
	})
	return out
}

// Warn records each disagreement as a warning at the cell of the recommendation's assessment.
func (e Evaluation) Warn(diags *diag.List) {
	for _, r := range e.Recommendations {
		for _, msg := range r.Disagreements {
			pos := r.Recommendation.AssessmentPos
			if pos.File == "" {
				pos.File = e.file
			}
			diags.Warnf(pos, "recommendation.evidence", "%s", msg)
		}
	}
}
