package project

import (
	"strings"
	"testing"

	"github.com/shadowreport/shadowreport/internal/diag"
)

func parse(t *testing.T, doc string) (Config, map[string]string) {
	t.Helper()
	diags := &diag.List{}
	cfg := parseConfig([]byte(doc), diags)
	got := map[string]string{}
	for _, d := range diags.Items() {
		got[d.Pos.String()] += d.Severity.String() + ": " + d.Message + "\n"
	}
	return cfg, got
}

// Without the keys, the statement's budget is 3 minutes at 130 words a minute, and a
// submission without co-submitters is individual.
func TestSubmissionDefaults(t *testing.T) {
	cfg, diags := parse(t, "[report]\ntitle = \"x\"\n")
	if len(diags) != 0 {
		t.Fatal(diags)
	}
	if cfg.Statement.Minutes != 3 || cfg.Statement.WordsPerMinute != 130 || cfg.Report.Joint() || cfg.Report.Deadline != nil || cfg.Report.PageLimit != 0 {
		t.Errorf("defaults: %+v %+v", cfg.Statement, cfg.Report)
	}
	cfg, _ = parse(t, "[report]\nco_submitters = [\"B\"]\n")
	if !cfg.Report.Joint() {
		t.Errorf("co-submitters make a joint submission")
	}
}

func TestSubmissionKeys(t *testing.T) {
	cfg, diags := parse(t, `[report]
mechanism = "UPR"
deadline = 2017-10-16
submission = "Joint"
page_limit = 12

[statement]
minutes = 2.5
words_per_minute = 120
`)
	if len(diags) != 0 {
		t.Fatal(diags)
	}
	r := cfg.Report
	if r.Deadline == nil || r.Deadline.String() != "2017-10-16" || !r.Joint() || r.Submission != "joint" || r.PageLimit != 12 {
		t.Errorf("report: %+v", r)
	}
	if cfg.Statement.Minutes != 2.5 || cfg.Statement.WordsPerMinute != 120 {
		t.Errorf("statement: %+v", cfg.Statement)
	}
	if cfg.Line("report.deadline") != 3 || cfg.Line("statement.minutes") != 8 || cfg.Line("report.word_limit") != 0 {
		t.Errorf("lines: deadline %d, minutes %d, word_limit %d", cfg.Line("report.deadline"), cfg.Line("statement.minutes"), cfg.Line("report.word_limit"))
	}
	// a whole number of minutes is a number too
	if cfg, diags := parse(t, "[statement]\nminutes = 5\n"); len(diags) != 0 || cfg.Statement.Minutes != 5 {
		t.Errorf("minutes = 5: %v %v", cfg.Statement, diags)
	}
}

func TestSubmissionBadValues(t *testing.T) {
	_, diags := parse(t, `[report]
deadline = 1917-10-16
submission = "both"
page_limit = -1
co_submitters = ["B"]

[statement]
minutes = 0
words_per_minute = 1000
`)
	for pos, want := range map[string]string{
		"report.toml:2": "error: report.deadline: 1917-10-16 is not a plausible deadline",
		"report.toml:3": `error: report.submission: "both" is not individual or joint`,
		"report.toml:4": "error: report.page_limit: must be 0 (the mechanism's limit) or more, not -1",
		"report.toml:8": "error: statement.minutes: must be the minutes the speaker is given, more than 0 and at most 60 (e.g. 3), not 0",
		"report.toml:9": "error: statement.words_per_minute: must be a reading pace from 60 to 300 words a minute (e.g. 130), not 1000",
	} {
		if !strings.Contains(diags[pos], want) {
			t.Errorf("%s: %q, want %q", pos, diags[pos], want)
		}
	}
	_, diags = parse(t, "[report]\nsubmission = \"individual\"\nco_submitters = [\"B\", \"C\"]\n")
	if !strings.Contains(diags["report.toml:2"], "warning: report.submission is individual, but co_submitters names 2 other organisations") {
		t.Errorf("individual with co-submitters: %v", diags)
	}
	_, diags = parse(t, "[statement]\nminuts = 3\n")
	if !strings.Contains(diags["report.toml:2"], "unknown key statement.minuts ([statement] takes minutes, words_per_minute)") {
		t.Errorf("unknown key: %v", diags)
	}
	_, diags = parse(t, "[statment]\nminutes = 3\n")
	if !strings.Contains(diags["report.toml:1"], "the sections are [report], [compare], [disclosure], [limits] and [statement]") {
		t.Errorf("unknown section: %v", diags)
	}
}
