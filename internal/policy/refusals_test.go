package policy

import (
	"fmt"
	"hash/maphash"
	"testing"

	"github.com/shadowreport/shadowreport/internal/privacy"
	"github.com/shadowreport/shadowreport/internal/project"
)

// A hundred thousand refusals of one rule list MaxRefusals and count the others, each once.
func TestRefusalsCapped(t *testing.T) {
	pol := &Policy{refused: map[uint64]bool{}, listed: map[string]int{}, more: map[string]int{}, seed: maphash.MakeSeed()}
	for range 2 { // every template asks again: each refusal counts once
		for i := range 100_000 {
			pol.refuse(privacy.RuleQuoteText, project.Override{}, Refusal{Where: fmt.Sprintf("interviews/2020.xlsx: quotes!C%d", i+2), What: "a quote to be published holds an exact date"})
		}
		pol.refuse(privacy.RuleText, project.Override{}, Refusal{Where: "report.toml: report.title", What: "holds a phone number"})
	}
	got := pol.Refusals()
	if len(got) != MaxRefusals+2 {
		t.Fatalf("%d refusals listed, want %d", len(got), MaxRefusals+2)
	}
	if last := got[len(got)-1]; last.More != 100_000-MaxRefusals || last.String() != "... and 99000 more refusals of this kind [rule quote-text]" {
		t.Errorf("the count of the others: %+v, %q", last, last.String())
	}
	if got[MaxRefusals].Rule != privacy.RuleText {
		t.Errorf("refusal %d is %+v, want the one of report.toml", MaxRefusals, got[MaxRefusals])
	}
}
