package privacy

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/shadowreport/shadowreport/internal/codebook"
)

// CrossTabError refuses a table that breaks a sensitive code down by two or more
// quasi-identifiers (docs/disclosure.md).
type CrossTabError struct {
	Sensitive string   // the sensitive code
	Quasi     []string // the quasi-identifiers it is broken down by
}

// Rule returns the rule the error breaks, RuleCrossTab.
func (e *CrossTabError) Rule() string { return RuleCrossTab }

func (e *CrossTabError) Error() string {
	return fmt.Sprintf("%s: no cross-tabulation of a sensitive finding by two quasi-identifiers: %s is sensitive and the table breaks it down by %s; "+
		"break it down by one of them at most, or override the rule %q in report.toml with a reason",
		RuleCrossTab, e.Sensitive, andList(e.Quasi), RuleCrossTab)
}

func andList(s []string) string {
	if len(s) <= 1 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

// CheckCrossTab checks a table of finding broken down by the codes by. It returns a
// *CrossTabError when a sensitive code among finding and by is broken down by two or more
// (distinct) quasi-identifier codes, and an error naming the code when finding or one of by is
// not in the codebook (a table of unknown codes cannot be judged safe); nil otherwise.
func CheckCrossTab(cb *codebook.Codebook, finding string, by []string) error {
	if cb == nil {
		return fmt.Errorf("%s: no codebook to check the table against", RuleCrossTab)
	}
	lookup := func(name string) *codebook.Code {
		for _, c := range cb.Codes {
			if codebook.Key(c.Name) == codebook.Key(name) {
				return c
			}
		}
		return nil
	}
	var codes []*codebook.Code
	for _, name := range append([]string{finding}, by...) {
		c := lookup(name)
		if c == nil {
			return fmt.Errorf("%s: %s is not a code of the codebook", RuleCrossTab, strconv.Quote(name))
		}
		codes = append(codes, c)
	}
	for _, s := range codes {
		if !s.Sensitive || s.Identifier == codebook.Quasi {
			continue
		}
		var quasi []string
		for _, q := range codes {
			if q.Identifier == codebook.Quasi && !slices.Contains(quasi, q.Name) {
				quasi = append(quasi, q.Name)
			}
		}
		if len(quasi) >= 2 {
			return &CrossTabError{Sensitive: s.Name, Quasi: quasi}
		}
	}
	return nil
}
