package mechanism

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shadowreport/shadowreport/internal/diag"
)

// clean is a submission that breaks no rule of any profile: short, in Word and PDF, in English,
// with every part.
func clean(m string) Submission {
	return Submission{
		Mechanism: m, Stage: "review", Words: 2000, Pages: 4, Formats: []string{"pdf", "docx"},
		Parts:    PartsIn([]string{"Executive summary", "Methodology", "Findings", "Suggested questions for the delegation", "Recommendations"}, true, "Utopia", "Example NGO", "info@example.org"),
		Language: "en", Report: "templates/report.md",
		Line: func(key string) int {
			return map[string]int{"report.word_limit": 14, "report.page_limit": 15, "report.deadline": 16, "report.language": 13, "report.organisation": 3, "statement.minutes": 30}[key]
		},
	}
}

func check(s Submission) (Outcome, []diag.Diagnostic) {
	diags := &diag.List{}
	out := Check(s, diags)
	return out, diags.Items()
}

func has(items []diag.Diagnostic, sev diag.Severity, rule, text string) bool {
	for _, d := range items {
		if d.Severity == sev && d.Rule == rule && strings.Contains(d.String(), text) {
			return true
		}
	}
	return false
}

// Every profile exists, and a clean submission passes every one of them.
func TestCleanPassesEveryProfile(t *testing.T) {
	var names []string
	for _, p := range Profiles() {
		names = append(names, p.Mechanism)
		if _, items := check(clean(p.Mechanism)); len(items) != 0 {
			t.Errorf("%s: %v", p.Mechanism, items)
		}
	}
	if want := []string{"CEDAW", "CRC", "CCPR", "CAT", "CESCR", "CERD", "CRPD", "CMW", "CED", "UPR"}; !slices.Equal(names, want) {
		t.Errorf("profiles %v, want %v", names, want)
	}
	if p, ok := Lookup(" upr "); !ok || p.Mechanism != "UPR" {
		t.Errorf("Lookup is case-insensitive")
	}
}

// Every value says where it comes from and when it was checked; a value of a rule not confirmed
// is empty, and a limit is never given without a source.
func TestEveryValueHasItsSource(t *testing.T) {
	for _, p := range Profiles() {
		for what, s := range map[string]Source{"words": p.Words.Source, "pages": p.Pages.Source, "formats": p.Formats.Source,
			"parts": p.Parts.Source, "languages": p.Languages.Source, "oral": p.Oral.Source} {
			if s.Where == "" || s.Checked == "" || s.Status == "" {
				t.Errorf("%s %s: source %+v", p.Mechanism, what, s)
			}
		}
		for _, c := range []struct {
			what  string
			empty bool
			s     Source
		}{
			{"words", p.Words.Individual == 0 && p.Words.Joint == 0, p.Words.Source},
			{"pages", p.Pages.Limit == 0, p.Pages.Source},
			{"formats", p.Formats.Accepted == nil, p.Formats.Source},
			{"parts", p.Parts.Required == nil, p.Parts.Source},
			{"languages", p.Languages.Accepted == nil && p.Languages.Summary == nil, p.Languages.Source},
		} {
			if c.s.Status == NotConfirmed && !c.empty {
				t.Errorf("%s %s: a value whose rule is not confirmed", p.Mechanism, c.what)
			}
		}
		for _, n := range p.Notes {
			if n.Where == "" || n.Text == "" {
				t.Errorf("%s: note %+v", p.Mechanism, n)
			}
		}
	}
	for _, m := range []string{"CESCR", "CERD", "CMW", "CED"} {
		p, _ := Lookup(m)
		if p.Words.Status != NotConfirmed || p.Formats.Status != NotConfirmed || p.Parts.Status != NotConfirmed {
			t.Errorf("%s was not researched: every rule is not confirmed", m)
		}
	}
}

// Each mechanism's planted violation is reported, with the severity its source warrants.
func TestPlantedViolations(t *testing.T) {
	type want struct {
		sev        diag.Severity
		rule, text string
	}
	for _, c := range []struct {
		name  string
		plant func(*Submission)
		want  []want
	}{
		{"CEDAW", func(s *Submission) {
			s.Pages, s.Formats = 18, []string{"pdf"}
			s.Parts = slices.DeleteFunc(s.Parts, func(p Part) bool { return p == Questions })
		}, []want{
			{diag.Warning, "mechanism.pages", "templates/report.md: report.pdf has 18 pages, over the CEDAW limit of 10 pages by 8 (OHCHR information notes for NGOs on CEDAW sessions, 2011–2012"},
			{diag.Warning, "mechanism.format", "the build writes the report as PDF only, but CEDAW submissions are sent as Word (docx)"},
			{diag.Warning, "mechanism.part", "the report has no suggested questions, which CEDAW asks for"},
		}},
		{"CRC", func(s *Submission) { s.Pages = 6 }, []want{
			{diag.Warning, "mechanism.pages", "over the CRC limit of 5 pages by 1 (CRC Committee comments on draft working methods, 2019; secondary source"},
		}},
		{"CCPR", func(s *Submission) {
			s.Words, s.Language = 10001, "ko"
			s.Parts = slices.DeleteFunc(s.Parts, func(p Part) bool { return p == Recommendations })
		}, []want{
			{diag.Error, "mechanism.words", "the report has 10,001 words, over the CCPR limit of 10,000 words by 1 (OHCHR, Human Rights Committee page for civil society (10,000 words, about 15 pages); confirmed, checked " + Checked},
			{diag.Error, "mechanism.language", `report.toml:13: report.language: "ko" is not a language CCPR accepts: English, French or Spanish`},
			{diag.Error, "mechanism.part", "the report has no recommendations, which CCPR asks for"},
		}},
		{"CAT", func(s *Submission) { s.Parts = slices.DeleteFunc(s.Parts, func(p Part) bool { return p == Contact }) }, []want{
			{diag.Warning, "mechanism.part", "the report has no contact, which a submission's cover carries by custom"},
		}},
		{"CRPD", func(s *Submission) {
			s.Language = "fr"
			s.Parts = slices.DeleteFunc(s.Parts, func(p Part) bool { return p == Methodology || p == Contents })
		}, []want{
			{diag.Warning, "mechanism.part", "the report has no methodology, which CRPD asks for"},
			{diag.Warning, "mechanism.part", "the report has no table of contents, which CRPD asks for"},
			{diag.Warning, "mechanism.language", `report.language is "fr": CRPD asks for the executive summary in English at least`},
		}},
		{"UPR individual", func(s *Submission) {
			s.Mechanism, s.Words, s.Formats = "UPR", 2816, []string{"pdf"}
			s.StatementMinutes = 10
		}, []want{
			{diag.Error, "mechanism.words", "the report has 2,816 words, over the UPR limit of 2,815 words for an individual submission by 1 (UPR Info presentation on stakeholder submissions, 2018 (third cycle); secondary source"},
			{diag.Error, "mechanism.format", "the build writes the report as PDF only, but UPR submissions are sent as Word (docx): Word only, not PDF (OHCHR technical guidelines"},
			{diag.Warning, "mechanism.oral", "report.toml:30: statement.minutes: 10 minutes is longer than the 5 to 7 minutes a speaker is given"},
		}},
		{"UPR joint", func(s *Submission) {
			s.Mechanism, s.Words, s.Joint = "UPR", 5631, true
			s.Parts = slices.DeleteFunc(s.Parts, func(p Part) bool { return p == Organisation })
		}, []want{
			{diag.Error, "mechanism.words", "the report has 5,631 words, over the UPR limit of 5,630 words for a joint submission by 1"},
			{diag.Error, "mechanism.part", "report.toml:3: the report has no organisation, which UPR asks for (OHCHR technical guidelines for the submission of stakeholders' information to the UPR, 2008 (all submitters named at the top)"},
		}},
	} {
		s := clean(strings.Fields(c.name)[0])
		c.plant(&s)
		_, items := check(s)
		for _, w := range c.want {
			if !has(items, w.sev, w.rule, w.text) {
				t.Errorf("%s: no %s %s %q in\n%v", c.name, w.sev, w.rule, w.text, items)
			}
		}
		if len(items) != len(c.want) {
			t.Errorf("%s: %d diagnostics, want %d: %v", c.name, len(items), len(c.want), items)
		}
	}
}

// A joint UPR submission may be 5,630 words; an individual one 2,815.
func TestUPRLimits(t *testing.T) {
	for _, c := range []struct {
		words int
		joint bool
		ok    bool
	}{{2815, false, true}, {2816, false, false}, {5630, true, true}, {2816, true, true}, {5631, true, false}} {
		s := clean("UPR")
		s.Words, s.Joint = c.words, c.joint
		_, items := check(s)
		if (len(items) == 0) != c.ok {
			t.Errorf("%d words, joint %v: %v", c.words, c.joint, items)
		}
	}
}

// Nothing is checked for a mechanism whose rules were not researched, however long.
func TestNotResearchedChecksNothing(t *testing.T) {
	for _, m := range []string{"CESCR", "CERD", "CMW", "CED", "CAT"} {
		s := clean(m)
		s.Words, s.Pages, s.Formats, s.Language = 100000, 400, []string{"pdf"}, "ko"
		if _, items := check(s); len(items) != 0 {
			t.Errorf("%s: %v", m, items)
		}
	}
}

// A report.toml value replaces the profile's, with a warning naming the profile's source; the
// report is then held to the new value.
func TestOverrides(t *testing.T) {
	s := clean("UPR")
	s.WordLimit, s.Words = 3000, 2900
	_, items := check(s)
	if !has(items, diag.Warning, "mechanism.override", "report.toml:14: report.word_limit: 3,000 words replaces the UPR limit of 2,815 words for an individual submission (UPR Info presentation on stakeholder submissions, 2018 (third cycle); secondary source, checked "+Checked+")") || len(items) != 1 {
		t.Errorf("override: %v", items)
	}
	s.Words = 3001
	_, items = check(s)
	if !has(items, diag.Warning, "mechanism.words", "the report has 3,001 words, over the limit of 3,000 set by word_limit in report.toml by 1") {
		t.Errorf("over the override: %v", items)
	}
	s = clean("CEDAW")
	s.PageLimit, s.Pages = 20, 18
	_, items = check(s)
	if !has(items, diag.Warning, "mechanism.override", "report.toml:15: report.page_limit: 20 pages replaces the CEDAW limit of 10 pages") || len(items) != 1 {
		t.Errorf("page override: %v", items)
	}
	// a limit where the profile has none is no override
	s = clean("CAT")
	s.WordLimit = 5000
	if _, items = check(s); len(items) != 0 {
		t.Errorf("CAT word_limit: %v", items)
	}
}

func date(s string) *time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return &t
}

func TestDeadline(t *testing.T) {
	for _, c := range []struct {
		deadline, today, text string
		days                  int
		warn                  string
	}{
		{"2017-10-16", "2017-10-09", "deadline 2017-10-16: 7 days left", 7, ""},
		{"2017-10-16", "2017-10-15", "deadline 2017-10-16: 1 day left", 1, ""},
		{"2017-10-16", "2017-10-16", "deadline 2017-10-16: today", 0, "the deadline 2017-10-16 is today"},
		{"2017-10-16", "2017-10-19", "deadline 2017-10-16: passed 3 days ago", -3, "the deadline 2017-10-16 passed 3 days ago: ask the secretariat"},
		{"2017-03-01", "2017-02-27", "deadline 2017-03-01: 2 days left", 2, ""}, // not a leap year
		{"2016-03-01", "2016-02-27", "deadline 2016-03-01: 3 days left", 3, ""}, // a leap year
		{"2017-10-16", "2016-10-16", "deadline 2017-10-16: 365 days left", 365, ""},
	} {
		s := clean("CEDAW")
		s.Deadline = date(c.deadline)
		today := date(c.today).Add(23 * time.Hour) // the hour of the day does not count
		s.Today = today
		out, items := check(s)
		if out.DaysLeft == nil || *out.DaysLeft != c.days || out.DeadlineText() != c.text {
			t.Errorf("%s on %s: %v, %q", c.deadline, c.today, out.DaysLeft, out.DeadlineText())
		}
		if c.warn == "" && len(items) != 0 || c.warn != "" && !has(items, diag.Warning, "mechanism.deadline", "report.toml:16: "+c.warn) {
			t.Errorf("%s on %s: %v", c.deadline, c.today, items)
		}
	}
	s := clean("UPR")
	s.Deadline, s.Today, s.Date = date("2017-10-16"), *date("2017-10-20"), date("2017-10-18")
	_, items := check(s)
	if !has(items, diag.Warning, "mechanism.deadline", "passed 4 days ago, and the UPR rules on deadlines are binding") ||
		!has(items, diag.Warning, "mechanism.deadline", "report.date 2017-10-18 is after the deadline 2017-10-16") || len(items) != 2 {
		t.Errorf("UPR late: %v", items)
	}
	// no mechanism: the deadline is still counted
	s = Submission{Deadline: date("2017-10-16"), Today: *date("2017-10-06")}
	if out, items := check(s); out.DeadlineText() != "deadline 2017-10-16: 10 days left" || len(items) != 0 {
		t.Errorf("no mechanism: %q %v", out.DeadlineText(), items)
	}
	if out, _ := check(clean("CEDAW")); out.DeadlineText() != "" || out.DaysLeft != nil {
		t.Errorf("no deadline: %q", out.DeadlineText())
	}
}

func TestNotesByStage(t *testing.T) {
	s := clean("CEDAW")
	s.Stage = "List of Issues"
	out, _ := check(s)
	found := false
	for _, n := range out.Notes {
		found = found || strings.Contains(n.Text, "article-by-article")
	}
	if !found {
		t.Errorf("list of issues: the article-by-article note is listed: %+v", out.Notes)
	}
	s.Stage = "review"
	out, _ = check(s)
	for _, n := range out.Notes {
		if strings.Contains(n.Text, "article-by-article") {
			t.Errorf("review: the list-of-issues note is listed")
		}
	}
}

func TestStageOf(t *testing.T) {
	for in, want := range map[string]Stage{
		"list of issues": ListIssues, "LOI": ListIssues, "list_of_issues": ListIssues,
		"list of issues prior to reporting": LOIPR, "LOIPR": LOIPR,
		"review": Review, "Constructive dialogue": Review, "follow-up": FollowUp, "": AnyStage, "other": AnyStage,
	} {
		if got := StageOf(in); got != want {
			t.Errorf("StageOf(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPartsIn(t *testing.T) {
	got := PartsIn([]string{"Executive Summary", "Our methodology", "Findings", "Suggested questions for the delegation", "Recommendations to the State party"}, false, "", "Example NGO", "")
	want := []Part{PublicStatement, ExecutiveSummary, Methodology, Questions, Recommendations, Organisation}
	if !slices.Equal(got, want) {
		t.Errorf("PartsIn = %v, want %v", got, want)
	}
}
