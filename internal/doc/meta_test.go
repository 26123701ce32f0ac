package doc

import "testing"

func TestStagePhrase(t *testing.T) {
	tests := []struct{ stage, state, want string }{
		{"review", "Kenya", "for the review of Kenya"},
		{"review", "Democratic People's Republic of Korea", "for the review of the Democratic People's Republic of Korea"},
		{"list_of_issues", "Kenya", "for the list of issues on Kenya"},
		{"LOIPR", "", "for the list of issues prior to reporting on the State party"},
		{"pre-sessional working group", "Kenya", "pre-sessional working group"},
		{"", "Kenya", ""},
	}
	for _, tt := range tests {
		if got := (Meta{Stage: tt.stage, State: tt.state}).StagePhrase(); got != tt.want {
			t.Errorf("StagePhrase(%q, %q) = %q, want %q", tt.stage, tt.state, got, tt.want)
		}
	}
	if got := (Meta{Mechanism: "ccpr"}).SubmittedTo(); got != "Submitted to the Human Rights Committee\u00a0(CCPR)" {
		t.Errorf("CCPR: %q", got)
	}
	if got := (Meta{Mechanism: "SPT"}).SubmittedTo(); got != "Submitted to SPT" {
		t.Errorf("unknown: %q", got)
	}
}

func TestStateName(t *testing.T) {
	for in, want := range map[string]string{
		"Kenya": "Kenya", "United Kingdom": "the United Kingdom", "The Gambia": "The Gambia",
		"Democratic People's Republic of Korea": "the Democratic People's Republic of Korea", "": "the country",
	} {
		if got := StateName(in); got != want {
			t.Errorf("StateName(%q) = %q, want %q", in, got, want)
		}
	}
}
