package mechanism

import (
	"strings"
)

// Status says how far a rule is confirmed.
type Status string

// The statuses of a rule.
const (
	// Confirmed: stated by the primary source named (an OHCHR page, note or guideline).
	Confirmed Status = "confirmed"
	// Secondary: relayed by a secondary source (an NGO's guidance), not confirmed in a primary one.
	Secondary Status = "secondary"
	// Dated: confirmed for an earlier session's note; not confirmed as the current rule.
	Dated Status = "dated"
	// NotConfirmed: no rule was found or confirmed; nothing is checked.
	NotConfirmed Status = "not confirmed"
)

// Checked is the day every value of the profiles was last compared with the sources recorded
// for it. The OHCHR pages themselves change each session: read the session's information note
// before submitting.
const Checked = "2026-11-30"

// Source is where a rule comes from.
type Source struct {
	Where   string // who says it, and when
	Status  Status
	Checked string // Checked, unless a value was checked on another day
}

// String cites the source in a message: "UPR Info presentation …, 2018; secondary source,
// checked 2026-11-30".
func (s Source) String() string {
	if s.Status == NotConfirmed {
		return "not confirmed: " + s.Where + "; checked " + s.Checked
	}
	return s.Where + "; " + statusWords[s.Status] + ", checked " + s.Checked
}

var statusWords = map[Status]string{
	Confirmed:    "confirmed",
	Secondary:    "secondary source",
	Dated:        "confirmed for that time only",
	NotConfirmed: "not confirmed",
}

// Part is a part of a submission a mechanism asks for.
type Part string

// The parts of a submission.
const (
	ExecutiveSummary Part = "executive summary"
	Recommendations  Part = "recommendations"
	Questions        Part = "suggested questions"
	Methodology      Part = "methodology"
	Contents         Part = "table of contents"
	PublicStatement  Part = "public-or-confidential statement"
	Organisation     Part = "organisation"
	Contact          Part = "contact"
	StateParty       Part = "State party"
)

// Words is a word limit; Joint is the limit of a joint submission when it differs.
type Words struct {
	Individual, Joint int // 0: no limit known
	Source
}

// Limit returns the limit for an individual or a joint submission; 0 when none is known.
func (w Words) Limit(joint bool) int {
	if joint && w.Joint > 0 {
		return w.Joint
	}
	return w.Individual
}

// Pages is a page limit.
type Pages struct {
	Limit int // 0: no limit known
	Source
}

// Formats are the file formats a submission may be sent in: "docx", "pdf".
type Formats struct {
	Accepted []string // nil: no rule known
	Note     string   // the rule in words
	Source
}

// Parts are the parts a submission must have.
type Parts struct {
	Required []Part
	Source
}

// Languages are the languages a submission may be written in (language codes).
type Languages struct {
	Accepted []string // nil: no rule known
	// Summary are the languages the executive summary must be in, when the rule is about it.
	Summary []string
	Note    string
	Source
}

// Oral is the time an NGO speaker is given.
type Oral struct {
	MinMinutes, MaxMinutes float64 // 0: not known
	Note                   string
	Source
}

// Stage is the stage of the review a submission is for.
type Stage string

// The stages; a rule for the empty stage applies to every stage.
const (
	AnyStage   Stage = ""
	ListIssues Stage = "list of issues"
	LOIPR      Stage = "list of issues prior to reporting"
	Review     Stage = "review"
	FollowUp   Stage = "follow-up"
)

// StageOf reads the stage as report.toml gives it ("LOI", "list of issues", "review",
// "follow up"); a stage it does not know is AnyStage.
func StageOf(s string) Stage {
	k := strings.ToLower(strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '_' || r == '-' }), " "))
	switch {
	case k == "loipr" || strings.Contains(k, "prior to reporting"):
		return LOIPR
	case k == "loi" || k == "lois" || strings.Contains(k, "list of issues"):
		return ListIssues
	case strings.Contains(k, "follow up"):
		return FollowUp
	case strings.Contains(k, "review"), strings.Contains(k, "dialogue"), strings.Contains(k, "periodic report"):
		return Review
	}
	return AnyStage
}

// Note is a rule the tool cannot check on a report (a deadline relative to a session, a
// structure), listed so that a researcher checks it by hand.
type Note struct {
	Stage Stage // AnyStage: every stage
	Text  string
	Source
}

// Profile is what one mechanism asks of a written submission.
type Profile struct {
	Mechanism string // "CEDAW", "UPR"
	Name      string // "Committee on the Elimination of Discrimination against Women"
	Words     Words
	Pages     Pages
	Formats   Formats
	Parts     Parts
	Languages Languages
	Oral      Oral
	// Binding is set when the mechanism states that its rules on form and deadline are
	// binding: a submission that breaks them is not accepted.
	Binding *Source
	Notes   []Note
}

// Lookup returns the profile of a mechanism, named as report.toml names it (any case).
func Lookup(mechanism string) (*Profile, bool) {
	m := strings.ToUpper(strings.TrimSpace(mechanism))
	for i := range profiles {
		if profiles[i].Mechanism == m {
			return &profiles[i], true
		}
	}
	return nil, false
}

// Profiles returns every profile, in the order of docs/mechanisms.md.
func Profiles() []Profile { return append([]Profile(nil), profiles...) }

// Conventions are the parts every submission's cover carries by custom, whatever the
// mechanism: missing ones are warned about.
var Conventions = Parts{
	Required: []Part{StateParty, Organisation, Contact, PublicStatement},
	Source:   src("common practice of submissions to treaty bodies and the UPR (cover page: State party, treaty and session, stage, submitting organisations, contact, date, public or confidential)", Secondary),
}

func src(where string, status Status) Source {
	return Source{Where: where, Status: status, Checked: Checked}
}

func none(what string) Source {
	return Source{Where: what, Status: NotConfirmed, Checked: Checked}
}

const notResearched = "the rules of this committee have not been researched yet"

// unresearched is the profile of a committee whose rules have not been researched: every rule
// not confirmed, so that check says so and enforces nothing.
func unresearched(mechanism, name string) Profile {
	s := none(notResearched)
	return Profile{Mechanism: mechanism, Name: name, Words: Words{Source: s}, Pages: Pages{Source: s},
		Formats: Formats{Source: s}, Parts: Parts{Source: s}, Languages: Languages{Source: s}, Oral: Oral{Source: s}}
}

// unsourced is a rule found in the research without a source that confirms it.
const unsourced = "found in the research for this profile, without a source that confirms it"

var (
	cedaw2011   = "OHCHR information notes for NGOs on CEDAW sessions, 2011–2012 (texts relayed by CRIN and wunrn.org)"
	cedaw2019   = "CEDAW session guidance of 2019, as relayed by IWRAW Asia Pacific"
	ccprPage    = "OHCHR, Human Rights Committee page for civil society"
	uprInfo     = "UPR Info presentation on stakeholder submissions, 2018 (third cycle)"
	uprOHCHR    = "OHCHR technical guidelines for the submission of stakeholders' information to the UPR, 2008"
	crpdWFD     = "guidance of the World Federation of the Deaf and the International Disability Alliance on CRPD parallel reports"
	crcComments = "CRC Committee comments on draft working methods, 2019"
	crcPage     = "OHCHR, CRC Committee page (simplified reporting procedure)"
	catSecond   = "hrcscotland.org guidance on CAT submissions"
)

// profiles holds only what the project's research notes record, source by source; every
// other value says it is not confirmed.
var profiles = []Profile{
	{
		Mechanism: "CEDAW",
		Name:      "Committee on the Elimination of Discrimination against Women",
		Words:     Words{Source: none("a word limit in the current information notes was not confirmed")},
		Pages:     Pages{Limit: 10, Source: src(cedaw2011, Dated)},
		Formats:   Formats{Accepted: []string{"docx"}, Note: "Word only, no hard copies (Word and PDF in 2011)", Source: src(cedaw2019, Secondary)},
		Parts: Parts{
			Required: []Part{Organisation, StateParty, PublicStatement, ExecutiveSummary, Recommendations, Questions},
			Source:   src(cedaw2011+"; suggested questions also in "+cedaw2019, Dated),
		},
		Languages: Languages{Source: none("no language rule was confirmed")},
		Oral:      Oral{Note: "a few minutes at the NGO meeting", Source: none("no time was confirmed")},
		Notes: []Note{
			{Stage: ListIssues, Text: "for the pre-session working group, an article-by-article structure (Articles 1–16) mapped to the list of issues", Source: src(cedaw2011, Dated)},
			{Text: "the deadline is 2 weeks (2011) to 3 weeks (2019) before the session: see the session's information note", Source: src(cedaw2011+"; "+cedaw2019, Dated)},
		},
	},
	{
		Mechanism: "CRC",
		Name:      "Committee on the Rights of the Child",
		Words:     Words{Source: none("no word limit was found")},
		Pages:     Pages{Limit: 5, Source: src(crcComments, Secondary)},
		Formats:   Formats{Accepted: []string{"docx"}, Note: "Word", Source: src(unsourced, Secondary)},
		Parts:     Parts{Required: []Part{Questions, Recommendations}, Source: src(unsourced+" (questions for the dialogue and proposed recommendations)", Secondary)},
		Languages: Languages{Source: none("no language rule was confirmed")},
		Oral:      Oral{Source: none("no time was confirmed")},
		Notes: []Note{
			{Text: "deadlines under the simplified reporting procedure: 1 December, 1 April, 1 August", Source: src(crcPage, Confirmed)},
			{Text: "one NGO relays a limit of 15 pages double-spaced", Source: src("one NGO's guidance", Secondary)},
			{Text: "Child Rights Connect prefers the term \"alternative report\"", Source: src("Child Rights Connect", Secondary)},
		},
	},
	{
		Mechanism: "CCPR",
		Name:      "Human Rights Committee",
		Words:     Words{Individual: 10000, Source: src(ccprPage+" (10,000 words, about 15 pages)", Confirmed)},
		Pages:     Pages{Source: none("the limit is in words")},
		Formats:   Formats{Source: none("no format is stated")},
		Parts:     Parts{Required: []Part{Recommendations}, Source: src(ccprPage+" (country-specific recommendations)", Confirmed)},
		Languages: Languages{Accepted: []string{"en", "fr", "es"}, Note: "English, French or Spanish", Source: src(ccprPage, Confirmed)},
		Oral:      Oral{Source: none("no time was confirmed")},
		Notes: []Note{
			{Text: "information that is specific, reliable and objective, without abusive language", Source: src(ccprPage, Confirmed)},
		},
	},
	{
		Mechanism: "CAT",
		Name:      "Committee against Torture",
		Words:     Words{Source: none("no length rule was found")},
		Pages:     Pages{Source: none("no length rule was found")},
		Formats:   Formats{Note: "electronic", Source: src(catSecond, Secondary)},
		Parts:     Parts{Source: none("no rule on parts was found")},
		Languages: Languages{Source: none("no language rule was confirmed")},
		Oral:      Oral{Note: "a closed NGO briefing the day before the review", Source: src("OHCHR press release, 2011", Confirmed)},
		Notes: []Note{
			{Text: "written information at least 4 weeks before the session", Source: src(catSecond, Secondary)},
		},
	},
	unresearched("CESCR", "Committee on Economic, Social and Cultural Rights"),
	unresearched("CERD", "Committee on the Elimination of Racial Discrimination"),
	{
		Mechanism: "CRPD",
		Name:      "Committee on the Rights of Persons with Disabilities",
		Words:     Words{Source: none("no length rule was found")},
		Pages:     Pages{Source: none("no length rule was found")},
		Formats:   Formats{Source: none("no format rule was found")},
		Parts: Parts{
			Required: []Part{PublicStatement, Contents, Methodology, ExecutiveSummary},
			Source:   src(crpdWFD+" (a title page saying whether the report is confidential, contents, a methodology naming the contributors, an executive summary)", Secondary),
		},
		Languages: Languages{Summary: []string{"en"}, Note: "the executive summary in English at least", Source: src(crpdWFD, Secondary)},
		Oral:      Oral{Source: none("no time was confirmed")},
		Notes: []Note{
			{Text: "numbered pages", Source: src(crpdWFD, Secondary)},
			{Text: "cite UN documents by symbol, never by the page numbers of a draft", Source: src(crpdWFD, Secondary)},
		},
	},
	unresearched("CMW", "Committee on the Protection of the Rights of All Migrant Workers and Members of Their Families"),
	unresearched("CED", "Committee on Enforced Disappearances"),
	{
		Mechanism: "UPR",
		Name:      "Universal Periodic Review",
		Words:     Words{Individual: 2815, Joint: 5630, Source: src(uprInfo, Secondary)},
		Pages:     Pages{Source: none("the third cycle limits words; the 5 and 10 pages of the first two cycles no longer apply")},
		Formats:   Formats{Accepted: []string{"docx"}, Note: "Word only, not PDF", Source: src(uprOHCHR, Confirmed)},
		Parts:     Parts{Required: []Part{Organisation}, Source: src(uprOHCHR+" (all submitters named at the top)", Confirmed)},
		Languages: Languages{Source: none("no language rule was confirmed")},
		Oral:      Oral{MinMinutes: 5, MaxMinutes: 7, Note: "5 to 7 minutes per speaker at UPR Info pre-sessions", Source: src("UPR Info pre-sessions", Secondary)},
		Binding:   &Source{Where: uprOHCHR + " (the rules on form and deadline are binding)", Status: Confirmed, Checked: Checked},
		Notes: []Note{
			{Text: "paragraphs and pages numbered", Source: src(uprOHCHR, Confirmed)},
			{Text: "one country per submission; a period of about 4 years", Source: src(unsourced, Secondary)},
			{Text: "the deadline is about 6 months before the Working Group session, at 12:00 Geneva time", Source: src(unsourced, Secondary)},
		},
	},
}
