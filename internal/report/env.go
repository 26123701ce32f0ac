package report

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/compare"
	"github.com/shadowreport/shadowreport/internal/dataset"
	"github.com/shadowreport/shadowreport/internal/doc"
	"github.com/shadowreport/shadowreport/internal/english"
	"github.com/shadowreport/shadowreport/internal/policy"
	"github.com/shadowreport/shadowreport/internal/present"
	"github.com/shadowreport/shadowreport/internal/project"
)

// Input is what a report is assembled from.
type Input struct {
	Project *project.Project
	// Policy is the build's publication policy: every figure, label and text the document
	// shows comes from its public view or passes its checks.
	Policy *policy.Policy
	// Who names the interviewees in sentences: the plural ("women") and singular ("woman").
	Who, One string
	// Confidential is a build for the Committee only.
	Confidential bool
	// Synthetic marks a report built from synthetic sample data.
	Synthetic bool
}

// env is the state one template sees: the data, the blocks its actions built and the
// counters of tables and figures.
type env struct {
	in      Input
	pub     *policy.Public
	file    string // the template, as messages name it
	blocks  [][]doc.Block
	tables  int
	figures int
	warn    func(string)
	ids     map[string]bool
	next    map[string]int // by base of an id, the first suffix uniqueID may find free
	// themesMade, claimsMade and concernsMade (by number) are made once: a template may ask
	// for them in every repetition of a loop
	themesMade   []Theme
	claimsMade   []ClaimView
	concernsMade map[int][]FindingView
	// overridePara is the methodology's paragraph on the rules lifted, filled at the end.
	overridePara *doc.Paragraph
}

// FindingView is a finding as templates see it: every number already worded, every text
// escaped so that Markdown prints it as written.
type FindingView struct {
	Code, Value, Label, Theme, Article string
	From, To                           SideView
	// Diff is the difference in points ("+8 points"), DiffCI its interval ("−12 to +26").
	Diff, DiffCI string
	// Verdict in words ("worse", "no clear change", ...); P the adjusted p ("p = 0.006").
	Verdict, P string
	Worse      bool
	// Withheld is set when a count is withheld (a sensitive finding of very few people): no
	// share, interval, difference or test is published.
	Withheld bool
	// Standardised is the later wave's share after standardising it to the earlier wave's
	// profile, with its difference in points ("74% (+36)"); empty when not published.
	Standardised string
	// NotRobust marks a verdict that does not survive standardisation, or could not be
	// standardised (Standardised is then "not standardised").
	NotRobust bool
	f         policy.Finding
	e         *env
}

// SideView is one wave's side of a finding.
type SideView struct {
	Wave string
	// KofN is "28 of 40", or "fewer than 5 of 40" when the count is withheld; Share the whole
	// percentage ("70%") and CI the interval ("55–82%"), empty when withheld.
	KofN, Share, CI string
	Withheld        bool
	// Answered is set when the wave has published answers to the finding ({{ if .From.Answered }}).
	Answered bool
	k, n     int
	exact    bool
	nShown   bool
}

// N is how many answered; it is an error to print it when it is withheld (fewer than
// min_cell answered, or the number would give a hidden count away).
func (s SideView) N() (int, error) {
	if !s.nShown {
		return 0, fmt.Errorf("how many in %s answered is withheld to protect the people interviewed (%s): print .KofN, or test .Answered", s.Wave, s.KofN)
	}
	return s.n, nil
}

// String is what printing the side gives: "28 of 40".
func (s SideView) String() string { return s.KofN }

// String is what printing the finding gives: its sentence.
func (f FindingView) String() string { return f.Sentence() }

// String is what printing the theme gives: its title.
func (t Theme) String() string { return t.Title }

// K is the count; it is an error to print a withheld one.
func (s SideView) K() (int, error) {
	if !s.exact {
		return 0, fmt.Errorf("the count of %s is withheld to protect the people interviewed (%s): print .KofN instead", s.Wave, s.KofN)
	}
	return s.k, nil
}

// Sentence words the finding as a comparison of the people interviewed.
func (f FindingView) Sentence() string {
	return escape(sentence(f.e.in.Who, f.f, f.e.pub))
}

// Short words the finding in one short sentence, without intervals: "28 of 40 women
// interviewed in 2017 (70%) said they had paid informal school fees, against 31 of 50 in 2014
// (62%)." — for handouts and the oral statement.
func (f FindingView) Short() string {
	return escape(shortSentence(f.e.in.Who, f.f, f.e.pub))
}

// Question is the question suggested to the State party's delegation about the finding.
func (f FindingView) Question() string {
	if c := f.f.CodeDef(); c != nil && c.Ask != "" {
		return escape(c.Ask)
	}
	return escape("What has the State party done about the following finding, and what data does it hold on it: " + english.LowerFirst(f.plainLabel()) + "?")
}

// Recommendation is the recommendation to the State party about the finding.
func (f FindingView) Recommendation() string {
	if c := f.f.CodeDef(); c != nil && c.Recommend != "" {
		return escape(c.Recommend)
	}
	return escape("Investigate and address the following, and publish data on it: " + english.LowerFirst(f.plainLabel()) + ".")
}

func (f FindingView) plainLabel() string {
	if f.f.Type != codebook.YesNo {
		return f.f.Label + ": " + f.f.Value
	}
	return f.f.Label
}

func (e *env) side(s policy.Side) SideView {
	v := SideView{Wave: s.Wave, KofN: s.KofN(), Withheld: s.Show != policy.Exact}
	v.n, v.nShown = s.N()
	v.Answered = v.nShown && v.n > 0
	v.k, v.exact = s.Count()
	v.Share = percent(s)
	if s.CI != nil {
		v.CI = present.PercentRange(s.CI)
	}
	return v
}

func (e *env) view(f policy.Finding) FindingView {
	v := FindingView{Code: f.Code, Value: escape(f.Value), Label: escape(f.Label), Theme: escape(f.Theme), Article: escape(f.Article),
		From: e.side(f.From), To: e.side(f.To), Verdict: verdictText(f.Verdict), P: present.PValue(f.PAdjusted),
		Worse: f.Verdict == compare.Worse, Withheld: f.Withheld(), NotRobust: f.NotRobust, f: f, e: e}
	switch st := f.Standardised; {
	case notStandardised(f):
		v.Standardised = "not standardised"
	case st != nil && f.Family == compare.RoleTested:
		n, _ := f.To.N() // shown: a standardised finding is published
		v.Standardised = present.Percent(st.Share, n) + " (" + strings.TrimSuffix(strings.TrimSuffix(present.Points(st.Diff), " points"), " point") + ")"
	}
	if f.Diff != nil {
		v.Diff = present.Points(*f.Diff)
	}
	if f.DiffCI != nil {
		v.DiffCI = present.PointsRange(f.DiffCI)
	}
	if f.Type != codebook.YesNo {
		v.Label = escape(f.Label + ": " + f.Value)
	}
	return v
}

// verdictText words a verdict for people: only a tested finding is worse, better or shows no
// clear change; the others say why they were not tested.
func verdictText(v compare.Verdict) string {
	switch v {
	case compare.TooFew:
		return "too few answers to test"
	case compare.NoClearChange:
		return "no clear change"
	case compare.Described:
		return "described, not tested"
	case policy.VerdictWithheld:
		return "not tested (counts withheld)"
	case compare.Unreliable:
		return "not tested (coding not reliable enough)"
	case "":
		return ""
	}
	return string(v)
}

// Markers set beside figures in tables, explained in the table's notes.
const (
	markCI        = "†" // the interval and the verdict seem to disagree
	markRebuilt   = "‡" // a count rebuilt from a published percentage
	markNotRobust = "§" // a verdict that does not survive standardisation
)

// finding looks a finding up by code and value ("yes" for yes/no codes).
func (e *env) finding(code string, value ...string) (policy.Finding, error) {
	want := "yes"
	if len(value) > 0 {
		want = value[0]
	}
	for _, f := range e.pub.Findings {
		if f.Code == code && codebook.Key(f.Value) == codebook.Key(want) {
			return f, nil
		}
	}
	for _, n := range e.pub.NotComparable {
		if n.Code == code {
			return policy.Finding{}, fmt.Errorf("finding %s is not comparable: it is missing from %s", code, n.MissingFrom)
		}
	}
	if c := e.in.Project.Codebook.Lookup(code); c == nil {
		msg := fmt.Sprintf("no code %q in the codebook", code)
		if s, ok := codebook.Suggest(code, e.in.Project.Codebook.Names()); ok {
			msg += fmt.Sprintf(" (did you mean %q?)", s)
		}
		return policy.Finding{}, fmt.Errorf("%s", msg)
	} else if len(c.Values) > 0 && len(value) == 0 {
		return policy.Finding{}, fmt.Errorf("%s is a %s code: name the value too, e.g. (finding %q %q)", code, c.Type, code, c.Values[0])
	}
	return policy.Finding{}, fmt.Errorf("no finding %s = %q (quasi-identifiers, numbers and text are not findings)", code, want)
}

// Theme is a report section: the findings of one codebook theme.
type Theme struct {
	Name     string // as in the codebook: "education"
	Title    string // "Education", escaped for Markdown
	Articles string // "CEDAW art. 10", escaped for Markdown
	Findings []FindingView
	Codes    []string
	plain    string // the title as printed, for tables and charts
}

// themes are the themes of the findings, in order.
func (e *env) themes() []Theme {
	if e.themesMade == nil {
		e.themesMade = e.makeThemes()
	}
	return e.themesMade
}

func (e *env) makeThemes() []Theme {
	out := []Theme{}
	idx := map[string]int{}
	for _, f := range e.pub.Findings {
		name := f.Theme
		if name == "" {
			name = "other"
		}
		i, ok := idx[name]
		if !ok {
			i = len(out)
			idx[name] = i
			out = append(out, Theme{Name: name, Title: escape(titleCase(name)), plain: titleCase(name)})
		}
		t := &out[i]
		t.Findings = append(t.Findings, e.view(f))
		if len(t.Codes) == 0 || t.Codes[len(t.Codes)-1] != f.Code {
			t.Codes = append(t.Codes, f.Code)
		}
		if a := escape(f.Article); a != "" && !strings.Contains(t.Articles, a) {
			if t.Articles != "" {
				t.Articles += "; "
			}
			t.Articles += a
		}
	}
	return out
}

func (e *env) theme(name string) (Theme, error) {
	var names []string
	for _, t := range e.themes() {
		if strings.EqualFold(t.Name, name) {
			return t, nil
		}
		names = append(names, t.Name)
	}
	return Theme{}, fmt.Errorf("no theme %q with findings (themes: %s)", name, strings.Join(names, ", "))
}

// concerns picks the n key concerns: yes/no findings in the later wave, tested, worst first:
// worse verdicts by adjusted p, then the highest shares of harms (or lowest of goods).
func (e *env) concerns(n int) []FindingView {
	if c, ok := e.concernsMade[n]; ok {
		return c
	}
	if e.concernsMade == nil {
		e.concernsMade = map[int][]FindingView{}
	}
	c := e.makeConcerns(n)
	if len(e.concernsMade) < 100 {
		e.concernsMade[n] = c
	}
	return c
}

// concernsBesides picks the n key concerns that the first k contradicted claims do not already
// give as evidence: for a text that states those claims first (the oral statement, the
// Committee's handout) and should not say one finding twice.
func (e *env) concernsBesides(n, k int) []FindingView {
	said := map[string]bool{}
	for i, c := range e.contradicted() {
		if i >= k {
			break
		}
		for _, w := range c.Evidence {
			said[w] = true
		}
	}
	var out []FindingView
	for _, f := range e.concerns(n + len(said)) {
		if len(out) >= n {
			break
		}
		if !said[f.Short()] {
			out = append(out, f)
		}
	}
	return out
}

func (e *env) makeConcerns(n int) []FindingView {
	type scored struct {
		f     policy.Finding
		worse bool
		p     float64
		bad   float64
	}
	var cand []scored
	for _, f := range e.pub.Findings {
		if f.Type != codebook.YesNo || f.Verdict == compare.TooFew || f.Withheld() || f.To.Share == nil || f.Direction == codebook.Neutral {
			continue
		}
		if f.CodeDef() != nil && f.CodeDef().Identifier != "" {
			continue
		}
		s := scored{f: f, worse: f.Verdict == compare.Worse, p: 1}
		if f.PAdjusted != nil {
			s.p = *f.PAdjusted
		}
		s.bad = *f.To.Share
		if f.Direction == codebook.BetterIfHigher {
			s.bad = 1 - s.bad
		}
		if f.Verdict == compare.Better {
			s.bad /= 2 // an improvement is a weaker concern
		}
		cand = append(cand, s)
	}
	sort.SliceStable(cand, func(i, j int) bool {
		if cand[i].worse != cand[j].worse {
			return cand[i].worse
		}
		if cand[i].worse && cand[i].p != cand[j].p {
			return cand[i].p < cand[j].p
		}
		return cand[i].bad > cand[j].bad
	})
	var out []FindingView
	for i := 0; i < len(cand) && i < n; i++ {
		out = append(out, e.view(cand[i].f))
	}
	return out
}

// marker registers blocks built by an action and returns the line that stands for them. Past
// maxPlaced it stops the template: it panics with a LimitError, which text/template, calling the
// action, recovers and returns as the error of the execution (marker is only ever called by an
// action).
func (e *env) marker(blocks ...doc.Block) string {
	if len(e.blocks) >= maxPlaced {
		panic(&LimitError{Msg: fmt.Sprintf("the template places more than %d tables, charts, quotes and sections built by its actions: simplify its loops", maxPlaced)})
	}
	e.blocks = append(e.blocks, blocks)
	return "\n\n<!--shadowreport:block:" + strconv.Itoa(len(e.blocks)-1) + "-->\n\n"
}

// tableCaption numbers tables in order.
func (e *env) tableCaption(s string) string {
	e.tables++
	return fmt.Sprintf("Table %d. %s", e.tables, s)
}

func (e *env) figureCaption(s string) string {
	e.figures++
	return fmt.Sprintf("Figure %d. %s", e.figures, s)
}

// uniqueID makes a table or figure identifier unique within the document.
func (e *env) uniqueID(base string) string {
	id := base
	if e.next == nil {
		e.next = map[string]int{}
	}
	// the suffixes below next[base] are all taken: start there, so that a thousand tables of
	// one kind cost a thousand steps, not half a million
	for i := max(2, e.next[base]); e.ids[id]; i++ {
		id = fmt.Sprintf("%s-%d", base, i)
		e.next[base] = i + 1
	}
	e.ids[id] = true
	return id
}

func titleCase(s string) string {
	s = strings.ReplaceAll(s, "_", " ")
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

func (e *env) wave(name string) *dataset.Wave { return e.in.Project.Wave(name) }
