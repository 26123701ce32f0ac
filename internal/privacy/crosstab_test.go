package privacy

import (
	"errors"
	"strings"
	"testing"
)

func TestCheckCrossTab(t *testing.T) {
	cb := testCodebook()
	tests := []struct {
		finding string
		by      []string
		quasi   string // the quasi-identifiers the error names; "" for no *CrossTabError
		err     string // a plain error's text
	}{
		{"det_detained", nil, "", ""},
		{"det_detained", []string{"age_band"}, "", ""},
		{"det_detained", []string{"age_band", "province_group"}, "age_band and province_group", ""},
		{"det_detained", []string{"age_band", "edu_fees_paid", "left_period", "province_group"}, "age_band, left_period and province_group", ""},
		{"det_facility", []string{"Age_Band ", "province_group"}, "age_band and province_group", ""},
		{"det_detained", []string{"age_band", "age_band"}, "", ""},
		{"edu_fees_paid", []string{"age_band", "province_group"}, "", ""},
		// the sensitive code may be on either side of the table
		{"age_band", []string{"det_detained", "province_group"}, "age_band and province_group", ""},
		{"det_detained", []string{"age_bnd"}, "", `sensitive-crosstab: "age_bnd" is not a code of the codebook`},
	}
	for _, tt := range tests {
		err := CheckCrossTab(cb, tt.finding, tt.by)
		var ce *CrossTabError
		switch {
		case tt.quasi != "":
			if !errors.As(err, &ce) {
				t.Errorf("%s by %v: want a *CrossTabError, got %v", tt.finding, tt.by, err)
				continue
			}
			msg := err.Error()
			for _, want := range []string{"sensitive-crosstab", "no cross-tabulation of a sensitive finding by two quasi-identifiers", tt.quasi, "reason", "override"} {
				if !strings.Contains(msg, want) {
					t.Errorf("%s by %v: %q does not say %q", tt.finding, tt.by, msg, want)
				}
			}
			if ce.Rule() != RuleCrossTab {
				t.Errorf("rule %q", ce.Rule())
			}
		case tt.err != "":
			if err == nil || err.Error() != tt.err || errors.As(err, &ce) {
				t.Errorf("%s by %v: got %v, want %s", tt.finding, tt.by, err, tt.err)
			}
		case err != nil:
			t.Errorf("%s by %v: unexpected %v", tt.finding, tt.by, err)
		}
	}
	err := CheckCrossTab(cb, "det_detained", []string{"age_band", "province_group"})
	want := `sensitive-crosstab: no cross-tabulation of a sensitive finding by two quasi-identifiers: det_detained is sensitive and the table breaks it down by age_band and province_group; break it down by one of them at most, or override the rule "sensitive-crosstab" in report.toml with a reason`
	if err == nil || err.Error() != want {
		t.Errorf("message:\n got %v\nwant %s", err, want)
	}
}

func TestOverridable(t *testing.T) {
	for _, rule := range []string{RuleKAnonymity, RuleHomogeneity, RuleSmallCells, RuleCrossTab, RuleQuoteText} {
		if !Overridable(rule) {
			t.Errorf("%s is not overridable", rule)
		}
	}
	for _, rule := range []string{RuleQuoteConsent, "withdrawn", ""} {
		if Overridable(rule) {
			t.Errorf("%q is overridable", rule)
		}
	}
}
