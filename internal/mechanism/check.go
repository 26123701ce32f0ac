package mechanism

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/shadowreport/shadowreport/internal/diag"
)

// Submission is what check knows of a report, to hold it against the profile of its mechanism.
// Zero values mean "not known": that check is skipped.
type Submission struct {
	Mechanism, Stage string // report.toml mechanism and stage
	Joint            bool   // a joint submission (report.toml submission, or co-submitters)
	// Words are the words of the report's body (the Word file's count); negative: not counted.
	Words int
	// Pages are report.pdf's pages; 0: not known.
	Pages int
	// Formats are the files of the report the build writes: "docx", "pdf". nil: not known.
	Formats []string
	// Parts are the parts the report has (PartsIn). nil: not known.
	Parts []Part
	// Language is report.toml language.
	Language string
	// WordLimit and PageLimit are report.toml's word_limit and page_limit: a value above 0
	// replaces the profile's.
	WordLimit, PageLimit int
	// Date is report.toml date, Deadline its deadline, Today the day of the check (the zero
	// time: no days left are counted).
	Date, Deadline *time.Time
	Today          time.Time
	// StatementMinutes is [statement] minutes; 0: not checked.
	StatementMinutes float64
	// Report names the report in messages about its length, format and parts
	// ("templates/report.md").
	Report string
	// Line gives the line of report.toml where a key is set, for messages about it: pass
	// project.Config.Line. Keys: "report.word_limit", "report.page_limit", "report.deadline",
	// "report.date", "report.language", "report.organisation", "report.contact", "report.state",
	// "report.public", "statement.minutes". nil: no lines.
	Line func(key string) int
}

// Outcome is what check reports besides its diagnostics.
type Outcome struct {
	// Profile is the mechanism's profile; nil when no mechanism is set or it has none.
	Profile *Profile
	// DaysLeft is the whole days from Today to Deadline, negative once it passed; nil
	// without a deadline.
	DaysLeft *int
	// Deadline is report.toml's deadline, when given.
	Deadline *time.Time
	// Notes are the profile's rules for the stage that no program can check: to check by hand.
	Notes []Note
}

// DeadlineText words the deadline for check's summary: "deadline 2017-10-16: 7 days left",
// "deadline 2017-10-16: today", "deadline 2017-10-16: passed 3 days ago"; "" without one.
func (o Outcome) DeadlineText() string {
	if o.DaysLeft == nil || o.Deadline == nil {
		return ""
	}
	d := "deadline " + o.Deadline.Format("2006-01-02") + ": "
	switch n := *o.DaysLeft; {
	case n == 0:
		return d + "today"
	case n == 1:
		return d + "1 day left"
	case n > 1:
		return d + strconv.Itoa(n) + " days left"
	case n == -1:
		return d + "passed yesterday"
	default:
		return d + "passed " + strconv.Itoa(-n) + " days ago"
	}
}

// PartsIn returns the parts a report has: from the headings of its template (executive
// summary, methodology, recommendations, suggested questions), whether its front matter asks for
// contents, and what report.toml gives for the cover. The cover always carries the
// public-or-confidential statement.
func PartsIn(headings []string, contents bool, state, organisation, contact string) []Part {
	parts := []Part{PublicStatement}
	add := func(p Part) {
		if !slices.Contains(parts, p) {
			parts = append(parts, p)
		}
	}
	for _, h := range headings {
		if p, ok := PartOfHeading(h); ok {
			add(p)
		}
	}
	if contents {
		add(Contents)
	}
	for _, f := range []struct {
		v string
		p Part
	}{{state, StateParty}, {organisation, Organisation}, {contact, Contact}} {
		if strings.TrimSpace(f.v) != "" {
			add(f.p)
		}
	}
	return parts
}

// PartOfHeading tells which part a heading starts: "Executive summary", "Summary",
// "Methodology", "Recommendations", "Suggested questions for the delegation", "Contents".
func PartOfHeading(h string) (Part, bool) {
	k := strings.ToLower(strings.Join(strings.Fields(h), " "))
	switch {
	case strings.Contains(k, "executive summary") || k == "summary":
		return ExecutiveSummary, true
	case strings.Contains(k, "methodology") || k == "method" || k == "methods":
		return Methodology, true
	case strings.Contains(k, "recommendation"):
		return Recommendations, true
	case strings.Contains(k, "question"):
		return Questions, true
	case k == "contents" || k == "table of contents":
		return Contents, true
	}
	return "", false
}

// severity is an error for a rule the mechanism's primary source states, or a secondary value
// of a mechanism whose rules are binding; a warning otherwise (a rule relayed by others, or an
// earlier session's).
func severity(p *Profile, s Source) diag.Severity {
	if s.Status == Confirmed || s.Status == Secondary && p.Binding != nil && p.Binding.Status == Confirmed {
		return diag.Error
	}
	return diag.Warning
}

func report(diags *diag.List, sev diag.Severity, pos diag.Pos, rule, msg string) {
	if sev == diag.Error {
		diags.Errorf(pos, rule, "%s", msg)
	} else {
		diags.Warnf(pos, rule, "%s", msg)
	}
}

// Check holds a submission against the profile of its mechanism, recording every problem in
// diags: a length or page count over the limit, no accepted file format, a language the
// mechanism does not accept, a missing part, a deadline passed, a statement longer than the
// mechanism's oral slot, and every report.toml value that replaces a profile's (a warning
// naming the profile's source). What is an error and what a warning: docs/mechanisms.md.
func Check(s Submission, diags *diag.List) Outcome {
	var out Outcome
	cfg := func(key string) diag.Pos {
		if s.Line == nil {
			return diag.Pos{File: "report.toml"}
		}
		return diag.Pos{File: "report.toml", Line: s.Line(key)}
	}
	rep := diag.Pos{File: s.Report}
	if strings.TrimSpace(s.Mechanism) == "" {
		checkDeadline(s, nil, &out, cfg, diags)
		ownLimits(s, rep, diags)
		return out
	}
	p, ok := Lookup(s.Mechanism)
	if !ok {
		checkDeadline(s, nil, &out, cfg, diags)
		checkParts(s, nil, rep, cfg, diags)
		ownLimits(s, rep, diags)
		return out
	}
	checkDeadline(s, p, &out, cfg, diags)
	out.Profile = p
	stage := StageOf(s.Stage)
	for _, n := range p.Notes {
		if n.Stage == AnyStage || n.Stage == stage {
			out.Notes = append(out.Notes, n)
		}
	}
	m := p.Mechanism

	// words
	limit, joint := p.Words.Limit(s.Joint), s.Joint && p.Words.Joint > 0
	kind := ""
	if p.Words.Joint > 0 {
		kind = " for an individual submission"
		if joint {
			kind = " for a joint submission"
		}
	}
	if s.WordLimit > 0 && limit > 0 && s.WordLimit != limit {
		diags.Warnf(cfg("report.word_limit"), "mechanism.override", "report.word_limit: %s words replaces the %s limit of %s words%s (%s): make sure the session's information note says so", thousands(s.WordLimit), m, thousands(limit), kind, p.Words.Source)
	}
	if s.WordLimit > 0 {
		ownLimits(Submission{Words: s.Words, WordLimit: s.WordLimit}, rep, diags)
	} else if limit > 0 && s.Words > limit {
		report(diags, severity(p, p.Words.Source), rep, "mechanism.words", fmt.Sprintf(
			"the report has %s words, over the %s limit of %s words%s by %s (%s): shorten it, or set word_limit in report.toml if the session's information note gives another limit",
			thousands(s.Words), m, thousands(limit), kind, thousands(s.Words-limit), p.Words.Source))
	}

	// pages
	if s.PageLimit > 0 && p.Pages.Limit > 0 && s.PageLimit != p.Pages.Limit {
		diags.Warnf(cfg("report.page_limit"), "mechanism.override", "report.page_limit: %d pages replaces the %s limit of %d pages (%s): make sure the session's information note says so", s.PageLimit, m, p.Pages.Limit, p.Pages.Source)
	}
	if s.PageLimit > 0 {
		ownLimits(Submission{Pages: s.Pages, PageLimit: s.PageLimit, Words: -1}, rep, diags)
	} else if p.Pages.Limit > 0 && s.Pages > p.Pages.Limit {
		report(diags, severity(p, p.Pages.Source), rep, "mechanism.pages", fmt.Sprintf(
			"report.pdf has %d pages, over the %s limit of %d pages by %d (%s): shorten it, or set page_limit in report.toml if the session's information note gives another limit",
			s.Pages, m, p.Pages.Limit, s.Pages-p.Pages.Limit, p.Pages.Source))
	}

	// formats
	if acc := p.Formats.Accepted; len(acc) > 0 && s.Formats != nil {
		found := false
		for _, f := range s.Formats {
			found = found || slices.Contains(acc, strings.ToLower(strings.TrimPrefix(f, ".")))
		}
		if !found {
			report(diags, severity(p, p.Formats.Source), rep, "mechanism.format", fmt.Sprintf(
				"the build writes the report as %s only, but %s submissions are sent as %s: %s (%s); build the Word file too (report.docx)",
				formatList(s.Formats), m, formatList(acc), p.Formats.Note, p.Formats.Source))
		}
	}

	// languages
	lang := strings.ToLower(strings.TrimSpace(s.Language))
	if i := strings.IndexByte(lang, '-'); i > 0 {
		lang = lang[:i]
	}
	if lang == "" {
		lang = "en"
	}
	if acc := p.Languages.Accepted; len(acc) > 0 && !slices.Contains(acc, lang) {
		report(diags, severity(p, p.Languages.Source), cfg("report.language"), "mechanism.language", fmt.Sprintf(
			"report.language: %q is not a language %s accepts: %s (%s)", lang, m, p.Languages.Note, p.Languages.Source))
	}
	if sum := p.Languages.Summary; len(sum) > 0 && !slices.Contains(sum, lang) {
		report(diags, severity(p, p.Languages.Source), cfg("report.language"), "mechanism.language", fmt.Sprintf(
			"report.language is %q: %s asks for %s (%s); add a summary in that language", lang, m, p.Languages.Note, p.Languages.Source))
	}

	checkParts(s, p, rep, cfg, diags)

	// the oral statement
	if s.StatementMinutes > 0 && p.Oral.MaxMinutes > 0 && s.StatementMinutes > p.Oral.MaxMinutes {
		diags.Warnf(cfg("statement.minutes"), "mechanism.oral", "statement.minutes: %g minutes is longer than the %g to %g minutes a speaker is given: %s (%s)", s.StatementMinutes, p.Oral.MinMinutes, p.Oral.MaxMinutes, p.Oral.Note, p.Oral.Source)
	}
	return out
}

// checkParts reports the parts the profile, then custom, asks for and the report lacks.
func checkParts(s Submission, p *Profile, rep diag.Pos, cfg func(string) diag.Pos, diags *diag.List) {
	if s.Parts == nil {
		return
	}
	done := map[Part]bool{}
	check := func(parts Parts, sev diag.Severity, who string) {
		for _, part := range parts.Required {
			if done[part] || slices.Contains(s.Parts, part) {
				continue
			}
			done[part] = true
			pos, fix := rep, ""
			switch part {
			case ExecutiveSummary:
				fix = "add a section \"Executive summary\" to the report's template"
			case Recommendations:
				fix = "add a section \"Recommendations\" to the report's template"
			case Questions:
				fix = "add a section \"Suggested questions for the delegation\" to the report's template"
			case Methodology:
				fix = "add a section \"Methodology\" to the report's template"
			case Contents:
				fix = "set contents: true in the front matter of the report's template"
			case Organisation:
				pos, fix = cfg("report.organisation"), "give organisation in report.toml, the full name of the submitting organisation"
			case Contact:
				pos, fix = cfg("report.contact"), "give contact in report.toml, an organisational address"
			case StateParty:
				pos, fix = cfg("report.state"), "give state in report.toml, the State party reviewed"
			case PublicStatement:
				pos, fix = cfg("report.public"), "set public in report.toml"
			}
			report(diags, sev, pos, "mechanism.part", fmt.Sprintf("the report has no %s, which %s (%s): %s", part, who, parts.Source, fix))
		}
	}
	if p != nil {
		check(p.Parts, severity(p, p.Parts.Source), p.Mechanism+" asks for")
	}
	check(Conventions, diag.Warning, "a submission's cover carries by custom")
}

// checkDeadline computes the days left and warns when the deadline is today or passed, or the
// submission's date is after it. p may be nil.
func checkDeadline(s Submission, p *Profile, out *Outcome, cfg func(string) diag.Pos, diags *diag.List) {
	if s.Deadline == nil {
		return
	}
	dl := day(*s.Deadline)
	out.Deadline = &dl
	if s.Date != nil && day(*s.Date).After(dl) {
		diags.Warnf(cfg("report.date"), "mechanism.deadline", "report.date %s is after the deadline %s", day(*s.Date).Format("2006-01-02"), dl.Format("2006-01-02"))
	}
	if s.Today.IsZero() {
		return
	}
	n := int(dl.Sub(day(s.Today)).Hours() / 24)
	out.DaysLeft = &n
	switch {
	case n < 0 && p != nil && p.Binding != nil:
		diags.Warnf(cfg("report.deadline"), "mechanism.deadline", "the deadline %s passed %s ago, and the %s rules on deadlines are binding (%s): a late submission may be refused", dl.Format("2006-01-02"), days(-n), p.Mechanism, p.Binding)
	case n < 0:
		diags.Warnf(cfg("report.deadline"), "mechanism.deadline", "the deadline %s passed %s ago: ask the secretariat before sending a late submission", dl.Format("2006-01-02"), days(-n))
	case n == 0:
		diags.Warnf(cfg("report.deadline"), "mechanism.deadline", "the deadline %s is today", dl.Format("2006-01-02"))
	}
}

// day is the calendar day of t, whatever its time and zone.
func day(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC) }

func days(n int) string {
	if n == 1 {
		return "1 day"
	}
	return strconv.Itoa(n) + " days"
}

func formatList(fs []string) string {
	var names []string
	for _, f := range fs {
		switch strings.ToLower(strings.TrimPrefix(f, ".")) {
		case "docx":
			names = append(names, "Word (docx)")
		case "pdf":
			names = append(names, "PDF")
		default:
			names = append(names, f)
		}
	}
	return strings.Join(names, " or ")
}

// thousands writes n with thousands separated by commas: 2,815.
func thousands(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// ownLimits checks the limits report.toml sets itself (word_limit, page_limit), whatever the
// mechanism: a warning, which build --strict makes an error.
func ownLimits(s Submission, rep diag.Pos, diags *diag.List) {
	if s.WordLimit > 0 && s.Words > s.WordLimit {
		diags.Warnf(rep, "mechanism.words", "the report has %s words, over the limit of %s set by word_limit in report.toml by %s", thousands(s.Words), thousands(s.WordLimit), thousands(s.Words-s.WordLimit))
	}
	if s.PageLimit > 0 && s.Pages > s.PageLimit {
		diags.Warnf(rep, "mechanism.pages", "report.pdf has %d pages, over the limit of %d set by page_limit in report.toml by %d", s.Pages, s.PageLimit, s.Pages-s.PageLimit)
	}
}
