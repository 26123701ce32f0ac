package project

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strings"

	toml "github.com/pelletier/go-toml/v2"

	"github.com/shadowreport/shadowreport/internal/diag"
	"github.com/shadowreport/shadowreport/internal/privacy"
	"github.com/shadowreport/shadowreport/internal/workbook"
)

// ConfigFile is the name of the settings file at the project's root.
const ConfigFile = "report.toml"

// Config is report.toml. Every key is documented in docs/report-toml.md.
type Config struct {
	// lines remembers where [compare] from and to were set, for messages about them.
	lines map[string]int

	Report     Report     `toml:"report"`
	Compare    Compare    `toml:"compare"`
	Disclosure Disclosure `toml:"disclosure"`
	Limits     Limits     `toml:"limits"`
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

// Disclosure holds the thresholds of disclosure control (spec §8).
type Disclosure struct {
	K               int      `toml:"k"`
	MinCell         int      `toml:"min_cell"`
	CompositionFlag float64  `toml:"composition_flag_points"`
	NeverPublish    []string `toml:"never_publish"`
	// Attribution lists the quasi-identifier codes a quote's attribution names; nil: those
	// about age and the time of leaving.
	Attribution []string `toml:"attribution"`
	// Overrides lift a disclosure rule for a stated reason, printed in the build log and
	// the report's methodology.
	Overrides []Override `toml:"override"`
}

// Override lifts one disclosure rule ([[disclosure.override]] in report.toml).
type Override struct {
	Rule   string `toml:"rule"`
	Reason string `toml:"reason"`
}

// Overridden returns the override of rule, if there is one.
func (d Disclosure) Overridden(rule string) (Override, bool) {
	for _, o := range d.Overrides {
		if o.Rule == rule {
			return o, true
		}
	}
	return Override{}, false
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
		Compare:    Compare{Level: 0.95, Adjust: "holm", MinN: 10},
		Disclosure: Disclosure{K: 5, MinCell: 5, CompositionFlag: 15},
	}
}

var mechanisms = []string{"CEDAW", "CRC", "CAT", "CCPR", "CESCR", "CERD", "CMW", "CRPD", "CED", "UPR"}

// parseConfig decodes report.toml over the defaults, recording every problem with its line.
func parseConfig(doc []byte, diags *diag.List) Config {
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
		diags.Errorf(pos(line), "config.syntax", "%s", describeDecodeError(de))
		return DefaultConfig()
	case err != nil:
		diags.Errorf(pos(0), "config.syntax", "%v", err)
		return DefaultConfig()
	}
	validate(&cfg, doc, diags)
	cfg.lines = map[string]int{"from": lineOf(doc, "compare", "from"), "to": lineOf(doc, "compare", "to")}
	return cfg
}

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
		"report":     "title, organisation, co_submitters, contact, state, mechanism, session, stage, date, public, language, word_limit, interviewees, synthetic",
		"compare":    "from, to, level, adjust, min_n",
		"disclosure": "k, min_cell, composition_flag_points, never_publish, attribution, override",
		"limits":     "file_mb, part_mb, rows, columns, cell_chars, shared_strings",
	}
	if len(key) == 1 {
		return "the sections are [report], [compare], [disclosure] and [limits]"
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
	}
	c := &cfg.Compare
	if c.Level <= 0 || c.Level >= 1 {
		bad("compare", "level", "must be between 0 and 1 (e.g. 0.95), not %v", c.Level)
	}
	switch c.Adjust {
	case "holm", "bh", "none":
	default:
		bad("compare", "adjust", "%q is not holm, bh or none", c.Adjust)
	}
	if c.MinN < 1 {
		bad("compare", "min_n", "must be at least 1, not %d", c.MinN)
	}
	if c.From != "" && c.From == c.To {
		bad("compare", "to", "is the same wave as from (%q)", c.To)
	}
	d := &cfg.Disclosure
	def := DefaultConfig().Disclosure
	loosened := func(key, rule string, v, std int) {
		if _, ok := d.Overridden(rule); v < std && !ok {
			bad("disclosure", key, "%d is below the default of %d, which loosens disclosure control: add a [[disclosure.override]] with rule = %q and the reason, which the report will print", v, std, rule)
		}
	}
	if d.K < 2 {
		bad("disclosure", "k", "must be at least 2, not %d", d.K)
	} else {
		loosened("k", privacy.RuleKAnonymity, d.K, def.K)
	}
	if d.MinCell < 1 {
		bad("disclosure", "min_cell", "must be at least 1, not %d", d.MinCell)
	} else {
		loosened("min_cell", privacy.RuleSmallCells, d.MinCell, def.MinCell)
	}
	if d.CompositionFlag <= 0 || d.CompositionFlag >= 100 {
		bad("disclosure", "composition_flag_points", "must be between 0 and 100 points, not %v", d.CompositionFlag)
	}
	for i, o := range d.Overrides {
		line := lineOfNth(doc, "rule", i)
		switch {
		case !privacy.Overridable(o.Rule):
			diags.Errorf(diag.Pos{File: ConfigFile, Line: line}, "config.value", "disclosure.override: %q is not a rule that can be overridden (%s)", o.Rule, strings.Join(overridable, ", "))
		case strings.TrimSpace(o.Reason) == "":
			diags.Errorf(diag.Pos{File: ConfigFile, Line: line}, "config.value", "disclosure.override of %s needs a reason: it is printed in the build log and the report's methodology", o.Rule)
		}
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

var overridable = []string{privacy.RuleKAnonymity, privacy.RuleHomogeneity, privacy.RuleSmallCells, privacy.RuleCrossTab, privacy.RuleQuoteText}

// lineOfNth finds the line of the n-th (from 0) assignment of key anywhere in the file.
func lineOfNth(doc []byte, key string, n int) int {
	re := regexp.MustCompile(`^\s*"?` + regexp.QuoteMeta(key) + `"?\s*=`)
	for i, line := range strings.Split(string(doc), "\n") {
		if re.MatchString(line) {
			if n == 0 {
				return i + 1
			}
			n--
		}
	}
	return 0
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
