package report

import (
	"testing"

	"github.com/shadowreport/shadowreport/internal/compare"
	"github.com/shadowreport/shadowreport/internal/policy"
)

// A worse or better verdict that could not be standardised (the comparison weighted a wave, but
// none of those who answered the finding could be weighted) is not presented as robust, and is
// not said to "not survive" a standardisation it never had: the words say it could not be
// checked.
func TestNotStandardisedVerdictsAreWordedApart(t *testing.T) {
	yes := true
	no := false
	survived := policy.Finding{Verdict: compare.Worse, Standardised: &compare.Standardised{Survives: &yes}}
	failed := policy.Finding{Verdict: compare.Worse, NotRobust: true, Standardised: &compare.Standardised{Survives: &no}}
	unweighted := policy.Finding{Verdict: compare.Better, NotRobust: true}
	noTest := policy.Finding{Verdict: compare.Worse, NotRobust: true, Standardised: &compare.Standardised{}}
	for _, c := range []struct {
		f    policy.Finding
		want bool
	}{{survived, false}, {failed, false}, {unweighted, true}, {noTest, true}, {policy.Finding{Verdict: compare.NoClearChange}, false}} {
		if got := notStandardised(c.f); got != c.want {
			t.Errorf("notStandardised(%+v) = %v, want %v", c.f, got, c.want)
		}
	}
	for _, c := range []struct {
		fs        []policy.Finding
		many, one string
	}{
		{[]policy.Finding{failed}, "do not survive taking into account who was interviewed", "does not survive taking into account who was interviewed"},
		{[]policy.Finding{unweighted}, "could not be checked against who was interviewed (the answers could not be weighted)", "could not be checked against who was interviewed (the answers could not be weighted)"},
		{[]policy.Finding{failed, unweighted}, "do not survive taking into account who was interviewed, or could not be checked against it", ""},
	} {
		if many, one := fragileWords(c.fs); many != c.many || one != c.one {
			t.Errorf("fragileWords: %q / %q, want %q / %q", many, one, c.many, c.one)
		}
	}
}
