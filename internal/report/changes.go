package report

import (
	"fmt"
	"strings"

	"github.com/shadowreport/shadowreport/internal/compare"
	"github.com/shadowreport/shadowreport/internal/doc"
	"github.com/shadowreport/shadowreport/internal/english"
	"github.com/shadowreport/shadowreport/internal/policy"
	"github.com/shadowreport/shadowreport/internal/present"
)

// direction words which way the later wave's share went: "more often" or "less often".
func direction(f policy.Finding) string {
	if f.Diff != nil && *f.Diff < 0 {
		return "less often"
	}
	return "more often"
}

// notStandardised reports whether a worse or better verdict could not be standardised: the
// comparison weighted a wave, but none of those who answered the finding could be weighted, so
// the verdict is not shown to survive (compare.Finding.NotRobust).
func notStandardised(f policy.Finding) bool {
	return f.NotRobust && (f.Verdict == compare.Worse || f.Verdict == compare.Better) && !f.StandardisedWithheld &&
		(f.Standardised == nil || f.Standardised.Survives == nil)
}

// fragileWords says why differences are not counted as changes: they do not survive taking
// into account who was interviewed, or could not be checked against it (one: the verb for one).
func fragileWords(fs []policy.Finding) (many, one string) {
	unchecked := 0
	for _, f := range fs {
		if notStandardised(f) {
			unchecked++
		}
	}
	const unweighted = "could not be checked against who was interviewed (the answers could not be weighted)"
	switch {
	case unchecked == 0:
		return "do not survive taking into account who was interviewed", "does not survive taking into account who was interviewed"
	case unchecked == len(fs):
		return unweighted, unweighted
	}
	return "do not survive taking into account who was interviewed, or could not be checked against it", ""
}

// tested splits the findings of the comparison: the differences that pass their test and
// survive standardisation, those that pass but do not survive, and how many were tested.
func (e *env) tested() (clear, fragile []policy.Finding, n int) {
	for _, f := range e.pub.Findings {
		if f.Family != compare.RoleTested {
			continue
		}
		n++
		if f.Verdict != compare.Worse && f.Verdict != compare.Better {
			continue
		}
		if f.NotRobust {
			fragile = append(fragile, f)
		} else {
			clear = append(clear, f)
		}
	}
	return clear, fragile, n
}

// untested words why the findings not tested were not: "9 are described without a test and 2
// had too few answers".
func (e *env) untested() string {
	fam := e.pub.Family
	var parts []string
	if fam.Described > 0 {
		parts = append(parts, english.Count(fam.Described, "finding is described", "findings are described")+" without a test")
	}
	if fam.TooFew > 0 {
		parts = append(parts, english.Count(fam.TooFew, "had", "had")+fmt.Sprintf(" fewer than %d answers in a wave", e.pub.MinN))
	}
	if fam.Withheld > 0 {
		parts = append(parts, english.Count(fam.Withheld, "sensitive finding is", "sensitive findings are")+" too rare to test without giving answers away")
	}
	if fam.Unreliable > 0 {
		parts = append(parts, english.Count(fam.Unreliable, "was", "were")+" not coded reliably enough")
	}
	return english.List(parts)
}

// numbered is a numbered paragraph of plain text.
func numbered(s string) *doc.Paragraph {
	return &doc.Paragraph{Numbered: true, Inlines: []doc.Inline{{Text: s}}}
}

// changes is the executive summary's account of the comparison, in words that fit what was
// tested: which findings differ clearly, in which direction and whether for the worse; none
// when none does; nothing tested when nothing could be. Verdicts that do not survive
// standardisation are named apart, never as changes.
func (e *env) changes() []doc.Block {
	r := e.pub
	if r.Single || r.From == "" {
		return nil
	}
	clear, fragile, n := e.tested()
	var out []doc.Block
	switch {
	case n == 0:
		s := "None of the findings could be tested for a difference between the waves"
		if why := e.untested(); why != "" {
			s += ": " + why
		}
		return []doc.Block{numbered(s + ". The figures of both waves are given side by side, without a verdict.")}
	case len(clear) == 0:
		out = append(out, numbered(fmt.Sprintf("None of the %s differs clearly between the %s interviewed in %s and those interviewed in %s once the number of tests is taken into account. That is not evidence that nothing changed: with groups of this size, only large differences can be told from chance (see the methodology).",
			english.Count(n, "finding tested", "findings tested"), e.in.Who, r.From, r.To)))
	default:
		out = append(out, numbered(fmt.Sprintf("Of the %s, %s between the %s interviewed in %s and those interviewed in %s, once the number of tests is taken into account:",
			english.Count(n, "finding tested", "findings tested"), english.Count(len(clear), "differs clearly", "differ clearly"), e.in.Who, r.From, r.To)))
		var items [][]doc.Inline
		for _, f := range clear {
			label := f.Label
			if f.Type != "yesno" {
				label += ": " + f.Value
			}
			head := label
			if f.Article != "" {
				head += " (" + f.Article + ")"
			}
			items = append(items, []doc.Inline{
				{Text: head, Bold: true},
				// the verdict is of the accounts, not of the country: "worse among the women interviewed"
				{Text: fmt.Sprintf(": reported %s by the %s interviewed in %s, %s (%s), than in %s, %s (%s) — %s among the %s interviewed.",
					direction(f), e.in.Who, r.To, f.To.KofN(), pct(f.To), r.From, f.From.KofN(), pct(f.From), verdictText(f.Verdict), e.in.Who)},
			})
		}
		out = append(out, &doc.List{Items: items})
	}
	if len(fragile) > 0 {
		var names []string
		for _, f := range fragile {
			names = append(names, english.LowerFirst(f.Label))
		}
		many, one := fragileWords(fragile)
		lead := "Further differences " + many
		if len(fragile) == 1 {
			lead = "One further difference " + one
		}
		out = append(out, numbered(fmt.Sprintf("%s %s: it may reflect who could be interviewed rather than their experience (see the methodology).",
			lead, "("+english.List(names)+")")))
	}
	return out
}

func pct(s policy.Side) string {
	if p := percent(s); p != "" {
		return p
	}
	return "—"
}

// comparison is the section comparing the waves: each clear difference with its size and its
// adjusted p, then what the other findings tested say — a difference within chance, which is
// not evidence of no change — and those not tested.
func (e *env) comparison() []doc.Block {
	r := e.pub
	if r.Single || r.From == "" {
		return nil
	}
	clear, fragile, n := e.tested()
	var out []doc.Block
	if len(clear) > 0 {
		var parts []string
		for _, f := range clear {
			parts = append(parts, fmt.Sprintf("%s, reported %s (%s, %s, %s)", english.LowerFirst(f.Label), direction(f), present.Points(*f.Diff), strings.Replace(present.PValue(f.PAdjusted), "p", "adjusted p", 1), verdictText(f.Verdict)))
		}
		out = append(out, numbered(fmt.Sprintf("Compared with those interviewed in %s, the %s interviewed in %s reported these findings differently, by more than chance alone would often produce with groups of this size were they drawn at random (a difference may still reflect who was interviewed): %s.",
			r.From, e.in.Who, r.To, strings.Join(parts, "; "))))
	}
	if len(fragile) > 0 {
		var parts []string
		for _, f := range fragile {
			parts = append(parts, fmt.Sprintf("%s (%s, %s)", english.LowerFirst(f.Label), present.Points(*f.Diff), strings.Replace(present.PValue(f.PAdjusted), "p", "adjusted p", 1)))
		}
		lead := "These differences pass their test but not once who was interviewed is taken into account"
		if many, _ := fragileWords(fragile); many != "do not survive taking into account who was interviewed" {
			lead = "These differences pass their test but " + many
		}
		out = append(out, numbered(lead+", and are not counted as changes: "+strings.Join(parts, "; ")+"."))
	}
	if rest := n - len(clear) - len(fragile); rest > 0 {
		out = append(out, numbered(fmt.Sprintf("For the other %s, the difference between the waves is within what chance alone could produce with groups of this size. That is not evidence that nothing changed: it means the interviews cannot tell.",
			english.Count(rest, "finding tested", "findings tested"))))
	}
	if why := e.untested(); why != "" {
		out = append(out, numbered("Not tested: "+why+"; their figures are given side by side, without a verdict."))
	}
	return out
}
