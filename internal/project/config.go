package project

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	toml "github.com/pelletier/go-toml/v2"

	"github.com/shadowreport/shadowreport/docs"
	"github.com/shadowreport/shadowreport/internal/compare"
	"github.com/shadowreport/shadowreport/internal/diag"
	"github.com/shadowreport/shadowreport/internal/mechanism"
	"github.com/shadowreport/shadowreport/internal/privacy"
	"github.com/shadowreport/shadowreport/internal/workbook"
)

// ConfigFile is the name of the settings file at the project's root.
const ConfigFile = "report.toml"

// Config is report.toml. Every key is documented in docs/report-toml.md (shadowreport help report.toml).
type Config struct {
	// lines remembers where [compare] from and to were set, for messages about them.
	lines map[string]int

	Report     Report     `toml:"report"`
	Compare    Compare    `toml:"compare"`
	Disclosure Disclosure `toml:"disclosure"`
	Limits     Limits     `toml:"limits"`
	Statement  Statement  `toml:"statement"`
}

// Report is the submission's metadata, printed on the cover.
type Report struct {
	Title        string          `toml:"title"`
	Organisation string          `toml:"organisation"`
	CoSubmitters []string        `toml:"co_submitters"`
	Contact      string          `toml:"contact"`
	State        string          `toml:"state"`
	Mechanism    string          `toml:"mechanism"`
	Session      string          `toml:"session"`
	Stage        string          `toml:"stage"`
	Date         *toml.LocalDate `toml:"date"`
	Public       *bool           `toml:"public"`
	Language     string          `toml:"language"`
	WordLimit    int             `toml:"word_limit"`
	// Interviewees names the people interviewed in sentences, in the plural ("women").
	Interviewees string `toml:"interviewees"`
	// Synthetic marks a project built from invented data: every output says so.
	Synthetic bool `toml:"synthetic"`
	// Deadline is the submission deadline: check prints the days left.
	Deadline *toml.LocalDate `toml:"deadline"`
	// Submission is "individual" or "joint" (UPR word limits differ); "" means joint when
	// co_submitters lists anyone. PageLimit replaces the mechanism's page limit (0: the profile's).
	Submission string `toml:"submission"`
	PageLimit  int    `toml:"page_limit"`
}

// Joint reports whether the submission is a joint one: submission = "joint", or co-submitters
// without submission = "individual".
func (r Report) Joint() bool {
	return r.Submission == "joint" || r.Submission == "" && len(r.CoSubmitters) > 0
}

// Statement is the oral statement's time budget ([statement]).
type Statement struct {
	Minutes        float64 `toml:"minutes"`
	WordsPerMinute int     `toml:"words_per_minute"`
}

// Line returns the line of report.toml where a key of [report] or [statement] is set
// ("report.deadline", "statement.minutes"); 0 when it is not set.
func (c Config) Line(key string) int { return c.lines[key] }

// CompareOptions are the options of the comparison the report and compare make by default:
// [compare], with min_cell and composition_flag_points of [disclosure]. The one place they are
// read.
func (c Config) CompareOptions() compare.Options {
	return compare.Options{From: c.Compare.From, To: c.Compare.To, Level: c.Compare.Level, Adjust: c.Compare.Adjust, MinN: c.Compare.MinN,
		MinCell: c.Disclosure.MinCell, FlagPoints: c.Disclosure.CompositionFlag}
}

// IsPublic reports whether the submission may be posted publicly (the default).
func (r Report) IsPublic() bool { return r.Public == nil || *r.Public }

// Compare holds the defaults of the compare command.
type Compare struct {
	From   string  `toml:"from"`
	To     string  `toml:"to"`
	Level  float64 `toml:"level"`
	Adjust string  `toml:"adjust"`
	MinN   int     `toml:"min_n"`
}

// Disclosure holds the thresholds of disclosure control (docs/disclosure.md).
type Disclosure struct {
	K               int      `toml:"k"`
	MinCell         int      `toml:"min_cell"`
	CompositionFlag float64  `toml:"composition_flag_points"`
	NeverPublish    []string `toml:"never_publish"`
	// Aliases are other spellings of never_publish terms (other romanisations): each key is a
	// term of never_publish, each value its aliases, which are refused like the term itself.
	Aliases map[string][]string `toml:"aliases"`
	// Attribution lists the quasi-identifier codes a quote's attribution names, most telling
	// last; nil: every quasi-identifier of the codebook that is not sensitive. Attributions are
	// coarsened until they describe at least k interviewees.
	Attribution []string `toml:"attribution"`
	// Overrides lift a disclosure rule for a stated reason, printed in the build log and
	// the report's methodology.
	Overrides []Override `toml:"override"`
}

// Override lifts one disclosure rule for one named target ([[disclosure.override]] in
// report.toml): the quote, the term, the code, the wave, the template or the setting it is
// about. It lifts exactly that, never the rule as a whole.
type Override struct {
	Rule   string `toml:"rule"`
	Reason string `toml:"reason"`
	// The target: which of these a rule takes is listed in OverrideTargets.
	Quote   string `toml:"quote"`   // "2017:C5": the wave and the cell of its quotes sheet
	Term    string `toml:"term"`    // a passage of text, as written
	Code    string `toml:"code"`    // a code of the codebook
	Wave    string `toml:"wave"`    // a wave's name
	File    string `toml:"file"`    // a template, e.g. "templates/report.md"
	Setting string `toml:"setting"` // a key of [disclosure], e.g. "k"
	// Line is where the override starts in report.toml.
	Line int `toml:"-"`
}

// Target describes what the override lifts, for logs: `quote "2017:C5"`.
func (o Override) Target() string {
	var parts []string
	for _, f := range []struct{ key, v string }{{"quote", o.Quote}, {"term", o.Term}, {"code", o.Code}, {"wave", o.Wave}, {"file", o.File}, {"setting", o.Setting}} {
		if f.v != "" {
			parts = append(parts, f.key+" "+strconv.Quote(f.v))
		}
	}
	return strings.Join(parts, ", ")
}

// OverrideTargets lists, for each rule that may be lifted, the target keys an override of it
// may name. Consent (privacy.RuleQuoteConsent) is the interviewee's decision and never lifted.
var OverrideTargets = map[string][]string{
	privacy.RuleKAnonymity:   {"setting", "wave"},
	privacy.RuleSmallCells:   {"setting", "code"},
	privacy.RuleHomogeneity:  {"code"},
	privacy.RuleQuoteText:    {"quote", "term"},
	privacy.RuleText:         {"term"},
	privacy.RuleTemplateText: {"file"},
	privacy.RuleWording:      {"term"},
}

// Override returns the override of rule whose target matches: each non-empty argument must
// equal the override's field of the same name (codes and waves as written, terms after
// privacy.SameTerm). The zero Override and false when there is none.
func (d Disclosure) Override(rule string, match Override) (Override, bool) {
	for _, o := range d.Overrides {
		if o.Rule != rule {
			continue
		}
		if match.Quote != "" && o.Quote != match.Quote || match.Code != "" && o.Code != match.Code ||
			match.Wave != "" && o.Wave != match.Wave || match.File != "" && o.File != match.File ||
			match.Setting != "" && o.Setting != match.Setting {
			continue
		}
		if match.Term != "" && !privacy.SameTerm(o.Term, match.Term) {
			continue
		}
		if match.Quote == "" && o.Quote != "" || match.Term == "" && o.Term != "" || match.Code == "" && o.Code != "" ||
			match.Wave == "" && o.Wave != "" || match.File == "" && o.File != "" || match.Setting == "" && o.Setting != "" {
			continue
		}
		return o, true
	}
	return Override{}, false
}

// Terms lists the never_publish terms with their aliases.
func (d Disclosure) Terms() []string {
	out := append([]string(nil), d.NeverPublish...)
	keys := make([]string, 0, len(d.Aliases))
	for k := range d.Aliases {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		out = append(out, d.Aliases[k]...)
	}
	return out
}

// Limits raise or lower the guards against damaged or hostile workbooks.
type Limits struct {
	FileMB        int `toml:"file_mb"`
	PartMB        int `toml:"part_mb"`
	Rows          int `toml:"rows"`
	Columns       int `toml:"columns"`
	CellChars     int `toml:"cell_chars"`
	SharedStrings int `toml:"shared_strings"`
}

// Workbook converts the limits for the workbook reader. Values beyond limitMax (refused by
// validate) are taken as their maximum, never wrapped around.
func (l Limits) Workbook() workbook.Limits {
	c := func(key string, v int) int { return min(v, limitMax[key]) }
	return workbook.Limits{
		FileBytes:     int64(c("file_mb", l.FileMB)) << 20,
		PartBytes:     int64(c("part_mb", l.PartMB)) << 20,
		Rows:          c("rows", l.Rows),
		Columns:       c("columns", l.Columns),
		CellChars:     c("cell_chars", l.CellChars),
		SharedStrings: c("shared_strings", l.SharedStrings),
	}
}

// limitMax is the largest value of each [limits] key: Excel's own bounds for rows and
// columns, and for the others far beyond any genuine workbook.
var limitMax = map[string]int{
	"file_mb":        1 << 20, // a terabyte
	"part_mb":        1 << 20,
	"rows":           workbook.MaxRow,
	"columns":        workbook.MaxColumn,
	"cell_chars":     1 << 24,
	"shared_strings": 1 << 30,
}

// DefaultConfig is what applies without report.toml.
func DefaultConfig() Config {
	return Config{
		Report:     Report{Language: "en"},
		Compare:    Compare{Level: compare.DefaultLevel, Adjust: compare.AdjustHolm, MinN: compare.DefaultMinN},
		Disclosure: Disclosure{K: 5, MinCell: 5, CompositionFlag: 15},
		Statement:  Statement{Minutes: mechanism.DefaultMinutes, WordsPerMinute: mechanism.DefaultWordsPerMinute},
	}
}

var mechanisms = []string{"CEDAW", "CRC", "CAT", "CCPR", "CESCR", "CERD", "CMW", "CRPD", "CED", "UPR"}

// parseConfig decodes report.toml over the defaults, recording every problem with its line.
func parseConfig(doc []byte, diags *diag.List) Config {
	doc = bytes.TrimPrefix(doc, []byte("\xef\xbb\xbf")) // a byte-order mark, as Windows Notepad writes
	cfg := DefaultConfig()
	pos := func(line int) diag.Pos { return diag.Pos{File: ConfigFile, Line: line} }
	err := toml.NewDecoder(bytes.NewReader(doc)).DisallowUnknownFields().Decode(&cfg)
	var strict *toml.StrictMissingError
	var de *toml.DecodeError
	switch {
	case errors.As(err, &strict):
		for _, e := range strict.Errors {
			line, _ := e.Position()
			key := strings.Join(e.Key(), ".")
			msg := fmt.Sprintf("unknown key %s", key)
			if hint := knownKeys(e.Key()); hint != "" {
				msg += " (" + hint + ")"
			}
			diags.Errorf(pos(line), "config.key", "%s", msg)
		}
		// decode again without the unknown keys' check, so the known ones still apply
		cfg = DefaultConfig()
		if err := toml.Unmarshal(doc, &cfg); err != nil {
			return DefaultConfig()
		}
	case errors.As(err, &de):
		line, _ := de.Position()
		msg := describeDecodeError(de)
		if lines := strings.Split(string(doc), "\n"); line >= 1 && line <= len(lines) && slashDateRE.MatchString(lines[line-1]) {
			msg = "a date is written year-month-day without quotes, e.g. date = 2017-10-09 (" + msg + ")"
		}
		diags.Errorf(pos(line), "config.syntax", "%s", msg)
		return DefaultConfig()
	case err != nil:
		diags.Errorf(pos(0), "config.syntax", "%v", err)
		return DefaultConfig()
	}
	validate(&cfg, doc, diags)
	cfg.lines = map[string]int{"from": lineOf(doc, "compare", "from"), "to": lineOf(doc, "compare", "to")}
	for _, k := range reportLines {
		section, key, _ := strings.Cut(k, ".")
		cfg.lines[k] = lineOf(doc, section, key)
	}
	return cfg
}

// reportLines are the keys whose line Config.Line gives.
var reportLines = []string{"report.mechanism", "report.stage", "report.date", "report.deadline", "report.submission",
	"report.word_limit", "report.page_limit", "report.language", "report.organisation", "report.contact", "report.state",
	"report.public", "statement.minutes", "statement.words_per_minute"}

var slashDateRE = regexp.MustCompile(`=\s*\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\s*(#.*)?$`)

var typeRE = regexp.MustCompile(`cannot decode TOML (\w+) into .* of type (\S+)`)

func describeDecodeError(de *toml.DecodeError) string {
	key := strings.Join(de.Key(), ".")
	if m := typeRE.FindStringSubmatch(de.Error()); m != nil {
		return fmt.Sprintf("%s: expected %s, found %s", key, goType(m[2]), tomlType(m[1]))
	}
	msg := strings.TrimPrefix(de.Error(), "toml: ")
	if key != "" {
		return key + ": " + msg
	}
	return msg
}

func goType(t string) string {
	switch {
	case t == "string":
		return "text in quotes"
	case strings.HasPrefix(t, "int"):
		return "a whole number"
	case strings.HasPrefix(t, "float"):
		return "a number"
	case t == "bool" || t == "*bool":
		return "true or false"
	case strings.HasPrefix(t, "[]"):
		return "a list such as [\"a\", \"b\"]"
	case strings.Contains(t, "LocalDate"):
		return "a date such as 2017-10-09"
	}
	return t
}

func tomlType(t string) string {
	switch t {
	case "integer":
		return "a whole number"
	case "float":
		return "a number"
	case "string":
		return "text"
	case "boolean":
		return "true or false"
	case "array":
		return "a list"
	}
	return "a " + t
}

func knownKeys(key []string) string {
	sections := map[string]string{
		"report":     "title, organisation, co_submitters, contact, state, mechanism, session, stage, date, public, language, word_limit, interviewees, synthetic, deadline, submission, page_limit",
		"statement":  "minutes, words_per_minute",
		"compare":    "from, to, level, adjust, min_n",
		"disclosure": "k, min_cell, composition_flag_points, never_publish, aliases, attribution, override",
		"limits":     "file_mb, part_mb, rows, columns, cell_chars, shared_strings",
	}
	if len(key) == 1 {
		return "the sections are [report], [compare], [disclosure], [limits] and [statement]"
	}
	if keys, ok := sections[key[0]]; ok {
		return "[" + key[0] + "] takes " + keys
	}
	return ""
}

func validate(cfg *Config, doc []byte, diags *diag.List) {
	bad := func(section, key, format string, args ...any) {
		diags.Errorf(diag.Pos{File: ConfigFile, Line: lineOf(doc, section, key)}, "config.value", section+"."+key+": "+format, args...)
	}
	r := &cfg.Report
	if r.Mechanism != "" {
		found := false
		for _, m := range mechanisms {
			if strings.EqualFold(m, r.Mechanism) {
				r.Mechanism, found = m, true
			}
		}
		if !found {
			diags.Warnf(diag.Pos{File: ConfigFile, Line: lineOf(doc, "report", "mechanism")}, "config.value",
				"report.mechanism: %q is not one of %s; it is printed as given", r.Mechanism, strings.Join(mechanisms, ", "))
		}
	}
	if r.WordLimit < 0 {
		bad("report", "word_limit", "must be 0 (no limit) or more, not %d", r.WordLimit)
	}
	if l := r.Language; l != "" && !regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]+)?$`).MatchString(l) {
		bad("report", "language", "%q is not a language code such as en, fr or es", l)
	} else if l != "" && l != "en" && !strings.HasPrefix(l, "en-") {
		diags.Warnf(diag.Pos{File: ConfigFile, Line: lineOf(doc, "report", "language")}, "config.value",
			"report.language: the sentences shadowreport writes are in English; %q only labels the documents' language (write the templates' own text in it)", l)
	}
	if r.Date != nil && (r.Date.Year < 1980 || r.Date.Year > 2100) {
		bad("report", "date", "%s is not a plausible submission date: give the date of the submission, e.g. 2017-10-09", r.Date)
	}
	validateSubmission(cfg, doc, diags)
	c := &cfg.Compare
	if !(c.Level > 0 && c.Level < 1) || c.Level > 0.9999 || c.Level < 0.5 {
		bad("compare", "level", "must be a confidence level between 0.5 and 0.9999 (e.g. 0.95), not %v", c.Level)
	}
	switch c.Adjust {
	case compare.AdjustHolm, compare.AdjustBH, compare.AdjustNone:
	default:
		bad("compare", "adjust", "%q is not holm, bh or none", c.Adjust)
	}
	if c.MinN < 1 || c.MinN > 1_000_000 {
		bad("compare", "min_n", "must be a whole number from 1 to 1000000, not %d", c.MinN)
	}
	if c.From != "" && c.From == c.To {
		bad("compare", "to", "is the same wave as from (%q)", c.To)
	}
	d := &cfg.Disclosure
	def := DefaultConfig().Disclosure
	lines := overrideLines(doc)
	for i := range d.Overrides {
		if i < len(lines) {
			d.Overrides[i].Line = lines[i]
		}
	}
	loosened := func(key, rule string, v, std int) {
		if _, ok := d.Override(rule, Override{Setting: key}); v < std && !ok {
			bad("disclosure", key, "%d is below the default of %d, which loosens disclosure control: add a [[disclosure.override]] with rule = %q, setting = %q and the reason, which the report will print", v, std, rule, key)
		}
	}
	const most = 1000 // a group or cell threshold beyond any wave of interviews
	switch {
	case d.K < 2 || d.K > most:
		bad("disclosure", "k", "must be a whole number from 2 to %d, not %d", most, d.K)
	default:
		loosened("k", privacy.RuleKAnonymity, d.K, def.K)
	}
	switch {
	case d.MinCell < 1 || d.MinCell > most:
		bad("disclosure", "min_cell", "must be a whole number from 1 to %d, not %d", most, d.MinCell)
	default:
		loosened("min_cell", privacy.RuleSmallCells, d.MinCell, def.MinCell)
	}
	if !(d.CompositionFlag > 0 && d.CompositionFlag < 100) {
		bad("disclosure", "composition_flag_points", "must be a number of points between 0 and 100 (e.g. 15), not %v", d.CompositionFlag)
	}
	for term := range d.Aliases {
		if !slices.ContainsFunc(d.NeverPublish, func(t string) bool { return privacy.SameTerm(t, term) }) {
			bad("disclosure", "aliases", "%q is not a term of never_publish: add it there, or write its aliases under the term they spell", term)
		}
	}
	for _, o := range d.Overrides {
		validateOverride(o, diags)
	}
	l := &cfg.Limits
	for _, f := range []struct {
		key string
		v   int
	}{{"file_mb", l.FileMB}, {"part_mb", l.PartMB}, {"rows", l.Rows}, {"columns", l.Columns}, {"cell_chars", l.CellChars}, {"shared_strings", l.SharedStrings}} {
		if f.v < 0 {
			bad("limits", f.key, "must be 0 (the default) or more, not %d", f.v)
		}
		if m := limitMax[f.key]; f.v > m {
			bad("limits", f.key, "must be at most %d, not %d", m, f.v)
		}
	}
}

// validateSubmission checks the keys of the submission's deadline, kind and length, and of the
// oral statement's budget.
func validateSubmission(cfg *Config, doc []byte, diags *diag.List) {
	bad := func(section, key, format string, args ...any) {
		diags.Errorf(diag.Pos{File: ConfigFile, Line: lineOf(doc, section, key)}, "config.value", section+"."+key+": "+format, args...)
	}
	r := &cfg.Report
	if r.Deadline != nil && (r.Deadline.Year < 1980 || r.Deadline.Year > 2100) {
		bad("report", "deadline", "%s is not a plausible deadline: give the day submissions are due, e.g. 2017-10-16", r.Deadline)
	}
	switch r.Submission = strings.ToLower(strings.TrimSpace(r.Submission)); r.Submission {
	case "", "joint":
	case "individual":
		if len(r.CoSubmitters) > 0 {
			diags.Warnf(diag.Pos{File: ConfigFile, Line: lineOf(doc, "report", "submission")}, "config.value",
				"report.submission is individual, but co_submitters names %d other organisations: a submission made with others is joint (its word limit differs at the UPR)", len(r.CoSubmitters))
		}
	default:
		bad("report", "submission", "%q is not individual or joint", r.Submission)
	}
	if r.PageLimit < 0 {
		bad("report", "page_limit", "must be 0 (the mechanism's limit) or more, not %d", r.PageLimit)
	}
	st := &cfg.Statement
	if !(st.Minutes > 0 && st.Minutes <= 60) {
		bad("statement", "minutes", "must be the minutes the speaker is given, more than 0 and at most 60 (e.g. 3), not %v", st.Minutes)
	}
	if st.WordsPerMinute < 60 || st.WordsPerMinute > 300 {
		bad("statement", "words_per_minute", "must be a reading pace from 60 to 300 words a minute (e.g. 130), not %d", st.WordsPerMinute)
	}
}

// validateOverride checks that an override names a rule that may be lifted, exactly one target
// that rule takes, and a reason.
func validateOverride(o Override, diags *diag.List) {
	pos := diag.Pos{File: ConfigFile, Line: o.Line}
	targets, ok := OverrideTargets[o.Rule]
	if !ok {
		var rules []string
		for r := range OverrideTargets {
			rules = append(rules, r)
		}
		sort.Strings(rules)
		msg := fmt.Sprintf("disclosure.override: %q is not a rule that can be overridden (%s)", o.Rule, strings.Join(rules, ", "))
		if o.Rule == privacy.RuleQuoteConsent {
			msg = "disclosure.override: consent is the interviewee's decision and can never be overridden; change the quote or the consent recorded with the person"
		}
		diags.Errorf(pos, "config.value", "%s", msg)
		return
	}
	set := map[string]string{"quote": o.Quote, "term": o.Term, "code": o.Code, "wave": o.Wave, "file": o.File, "setting": o.Setting}
	var named []string
	for _, k := range []string{"quote", "term", "code", "wave", "file", "setting"} {
		if strings.TrimSpace(set[k]) != "" {
			named = append(named, k)
		}
	}
	want := strings.Join(targets, " or ")
	switch {
	case len(named) == 0:
		diags.Errorf(pos, "config.value", "disclosure.override of %s names nothing to lift: an override lifts one thing, so give %s (%s)", o.Rule, want, docs.Topic("disclosure"))
	case len(named) > 1:
		diags.Errorf(pos, "config.value", "disclosure.override of %s names %s: give exactly one of %s, one override per thing lifted", o.Rule, strings.Join(named, " and "), want)
	case !slices.Contains(targets, named[0]):
		diags.Errorf(pos, "config.value", "disclosure.override of %s cannot name a %s: it takes %s", o.Rule, named[0], want)
	case o.Quote != "" && !quoteTargetRE.MatchString(o.Quote):
		diags.Errorf(pos, "config.value", "disclosure.override: quote %q is not a wave and a cell of its quotes sheet, such as \"2017:C5\"", o.Quote)
	case o.Setting != "" && o.Setting != "k" && o.Setting != "min_cell":
		diags.Errorf(pos, "config.value", "disclosure.override: setting %q is not k or min_cell", o.Setting)
	}
	if strings.TrimSpace(o.Reason) == "" {
		diags.Errorf(pos, "config.value", "disclosure.override of %s needs a reason: it is printed in the build log and the report's methodology", o.Rule)
	}
}

var quoteTargetRE = regexp.MustCompile(`^[A-Za-z0-9_-]+:[A-Z]{1,3}[1-9][0-9]*$`)

var overrideHeaderRE = regexp.MustCompile(`^\s*\[\[\s*"?disclosure"?\s*\.\s*"?override"?\s*\]\]`)

// overrideLines lists the line of each [[disclosure.override]] header, in order: one pass.
func overrideLines(doc []byte) []int {
	var out []int
	for i, line := range strings.Split(string(doc), "\n") {
		if overrideHeaderRE.MatchString(line) {
			out = append(out, i+1)
		}
	}
	return out
}

// lineOf finds the line where key is set inside [section]; 0 when it is not found.
func lineOf(doc []byte, section, key string) int {
	sc := bufio.NewScanner(bytes.NewReader(doc))
	cur := ""
	keyRE := regexp.MustCompile(`^\s*"?` + regexp.QuoteMeta(key) + `"?\s*=`)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "[") {
			cur = strings.Trim(strings.TrimSpace(strings.SplitN(line, "#", 2)[0]), "[] ")
			continue
		}
		if cur == section && keyRE.MatchString(line) {
			return n
		}
	}
	return 0
}
