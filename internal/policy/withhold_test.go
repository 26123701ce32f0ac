package policy

import (
	"testing"

	"github.com/shadowreport/shadowreport/internal/compare"
)

// A withheld finding publishes nothing of its comparison: no test, no interval, no weighting,
// and not the flag that the waves' shares of missing answers differ, which would say something
// of a side that shows nothing of its answers.
func TestWithholdLeavesNoComparison(t *testing.T) {
	v, note := 0.1, "excludes_zero_not_tested"
	f := Finding{Verdict: compare.Worse, Family: compare.RoleTested, Diff: &v, DiffCI: &compare.Interval{0.01, 0.2}, P: &v, PAdjusted: &v,
		CINote: note, NotRobust: true, Standardised: &compare.Standardised{}, MissingFlag: true}
	withhold(&f)
	if f.Verdict != VerdictWithheld || f.Family != compare.RoleExcluded || f.Diff != nil || f.DiffCI != nil || f.P != nil ||
		f.PAdjusted != nil || f.CINote != "" || f.NotRobust || f.Standardised != nil || f.MissingFlag {
		t.Errorf("withheld finding still publishes: %+v", f)
	}
}
