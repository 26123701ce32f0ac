package diag

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Severity says whether a diagnostic stops the run.
type Severity int

const (
	// Warning is reported but does not change the exit status.
	Warning Severity = iota
	// Error makes check and every command that reads the data exit 3.
	Error
)

func (s Severity) String() string {
	if s == Error {
		return "error"
	}
	return "warning"
}

// MarshalText makes a Severity print as "error" or "warning" in JSON.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Pos locates a diagnostic: a file relative to the project, and inside it a sheet and cell
// (workbooks) or a line (text files). Empty fields are omitted.
type Pos struct {
	File  string `json:"file,omitempty"`
	Sheet string `json:"sheet,omitempty"`
	Cell  string `json:"cell,omitempty"`
	Line  int    `json:"line,omitempty"`
}

// At returns the position of a cell of a sheet of a file.
func At(file, sheet string, col, row int) Pos {
	return Pos{File: file, Sheet: sheet, Cell: CellName(col, row)}
}

func (p Pos) String() string {
	var b strings.Builder
	b.WriteString(Visible(p.File))
	switch {
	case p.Sheet != "" && p.Cell != "":
		b.WriteString(": " + SheetRef(p.Sheet) + "!" + p.Cell)
	case p.Sheet != "":
		b.WriteString(": sheet " + Quote(p.Sheet))
	case p.Line > 0:
		b.WriteString(":" + strconv.Itoa(p.Line))
	}
	return b.String()
}

// Diagnostic is one problem found in the input.
type Diagnostic struct {
	Severity Severity `json:"severity"`
	Pos
	// Rule names the kind of problem for scripts, e.g. "value.yesno".
	Rule    string `json:"rule"`
	Message string `json:"message"`
	// Omitted is set on the line that stands for the diagnostics of one rule in one file
	// beyond PerRuleFile: how many were counted but not kept.
	Omitted int `json:"omitted,omitempty"`
}

// String formats the diagnostic the way the spec shows it, prefixed with its severity:
// error: interviews/2017.xlsx: interviews!F14: "yse" is not a yes/no value for edu_fees_paid (did you mean "yes"?)
func (d Diagnostic) String() string {
	loc := d.Pos.String()
	if loc == "" || d.Omitted > 0 {
		return d.Severity.String() + ": " + d.Message
	}
	return d.Severity.String() + ": " + loc + ": " + d.Message
}

// PerRuleFile is how many diagnostics of one severity and rule are kept for one file. Beyond it
// they are counted, not stored, so that a file with a million merged cells gives a bounded output
// in bounded memory; Items ends each such run with "... and N more of this kind in FILE".
// Disclosure diagnostics (IsDisclosure) have a cap of their own, PerRuleFileDisclosure.
const PerRuleFile = 50

// PerRuleFileDisclosure is how many disclosure diagnostics of one severity and rule are kept for
// one file: far more than a genuine project has (each names a group of interviewees or a cell
// to look at), and few enough that a workbook of a few kilobytes repeating one quote or one
// answer a million times gives a bounded output in bounded memory. Beyond it they are counted,
// like the others.
const PerRuleFileDisclosure = 1000

var disclosure = map[string]bool{}

// MarkDisclosure declares rules whose diagnostics are about what a publication would disclose.
// They are kept up to PerRuleFileDisclosure of a kind in a file, not PerRuleFile: each names a
// risk a researcher must see. Call it from an init function.
func MarkDisclosure(rules ...string) {
	for _, r := range rules {
		disclosure[r] = true
	}
}

// IsDisclosure reports whether rule is a disclosure rule: one declared with MarkDisclosure, or
// any rule named without a dot (the other rules are named area.kind, like "value.yesno"; the
// disclosure rules have the stable names overrides use, like "k-anonymity").
func IsDisclosure(rule string) bool {
	return disclosure[rule] || rule != "" && !strings.Contains(rule, ".")
}

type kindKey struct {
	sev        Severity
	rule, file string
}

// List gathers diagnostics in the order they are found. The zero value is ready to use.
type List struct {
	items   []Diagnostic
	kept    map[kindKey]int
	omitted map[kindKey]int
	order   []kindKey      // the keys of omitted, in the order first omitted
	rank    map[string]int // file → order of its first diagnostic
	muted   func(rule string) bool
	nMuted  int
}

// Order sets the order of files in Items before any diagnostic is found: files named here come
// first, in this order (report.toml, the codebook, the waves), then the others as found.
func (l *List) Order(files ...string) {
	for _, f := range files {
		l.room(Warning, "", f) // registers the file; the empty rule is never counted
	}
}

// Errorf records an error at pos.
func (l *List) Errorf(pos Pos, rule, format string, args ...any) {
	l.add(Error, pos, rule, format, args...)
}

// Warnf records a warning at pos.
func (l *List) Warnf(pos Pos, rule, format string, args ...any) {
	l.add(Warning, pos, rule, format, args...)
}

func (l *List) add(s Severity, pos Pos, rule, format string, args ...any) {
	if l.muted != nil && l.muted(rule) {
		l.nMuted++
		return
	}
	if !l.room(s, rule, pos.File) {
		return
	}
	l.items = append(l.items, Diagnostic{Severity: s, Pos: pos, Rule: rule, Message: fmt.Sprintf(format, clipArgs(format, args)...)})
}

// MaxArg is how many characters of one text a message repeats: a message that repeats what a
// file holds (an id, a name, a list of the sheets) without Quote cannot become a line of
// 32,000 characters, or of a megabyte. A message the caller wrote whole (the format "%s") may
// be four times as long.
const MaxArg = 500

// clipArgs cuts the text arguments of a message longer than MaxArg characters, with "…".
func clipArgs(format string, args []any) []any {
	limit := MaxArg
	if format == "%s" {
		limit = 4 * MaxArg
	}
	var out []any
	for i, a := range args {
		s, ok := a.(string)
		if !ok || len(s) <= limit {
			continue
		}
		n := 0
		for j := range s {
			if n == limit {
				if out == nil {
					out = append([]any(nil), args...)
				}
				out[i] = s[:j] + "…"
				break
			}
			n++
		}
	}
	if out == nil {
		return args
	}
	return out
}

// room counts one diagnostic of its kind and reports whether it is to be kept.
func (l *List) room(s Severity, rule, file string) bool {
	if l.rank == nil {
		l.rank, l.kept, l.omitted = map[string]int{}, map[kindKey]int{}, map[kindKey]int{}
	}
	if _, ok := l.rank[file]; !ok {
		l.rank[file] = len(l.rank)
	}
	if rule == "" {
		return true
	}
	limit := PerRuleFile
	if IsDisclosure(rule) {
		limit = PerRuleFileDisclosure
	}
	k := kindKey{s, rule, file}
	if l.kept[k] < limit {
		l.kept[k]++
		return true
	}
	if l.omitted[k] == 0 {
		l.order = append(l.order, k)
	}
	l.omitted[k]++
	return false
}

// Mute drops, from now until Unmute, the diagnostics whose rule matches: the consequences of a
// root cause already reported (every column "unknown" when the codebook could not be read).
// Muted diagnostics are counted (Muted), not kept, and do not count as errors or warnings.
func (l *List) Mute(match func(rule string) bool) { l.muted = match }

// Unmute ends Mute.
func (l *List) Unmute() { l.muted = nil }

// Muted returns how many diagnostics Mute dropped.
func (l *List) Muted() int { return l.nMuted }

// Append adds the diagnostics of another list, within the same caps.
func (l *List) Append(other List) {
	for _, d := range other.items {
		if l.room(d.Severity, d.Rule, d.File) {
			l.items = append(l.items, d)
		}
	}
	for _, k := range other.order {
		l.room(k.sev, k.rule, k.file) // registers the file and the key
		if l.omitted[k] == 0 {
			l.order = append(l.order, k)
		}
		l.omitted[k] += other.omitted[k]
	}
	l.nMuted += other.nMuted
}

// Items returns the diagnostics, errors and warnings mixed, in a stable order: files in the
// order their first diagnostic was found (report.toml, then the codebook, then the waves, so
// that a root cause comes before its consequences), then by sheet, row and column of the cell,
// then line, then the order found. A kind of diagnostic capped in a file is followed by one
// line with Omitted set: "... and N more of this kind in FILE".
func (l *List) Items() []Diagnostic {
	out := append([]Diagnostic(nil), l.items...)
	sort.SliceStable(out, func(i, j int) bool { return l.less(out[i].Pos, out[j].Pos) })
	if len(l.order) == 0 {
		return out
	}
	last := map[kindKey]int{}
	for i, d := range out {
		last[kindKey{d.Severity, d.Rule, d.File}] = i
	}
	after := map[int][]Diagnostic{}
	for _, k := range l.order {
		what := "warnings"
		if k.sev == Error {
			what = "errors"
		}
		in := ""
		if k.file != "" {
			in = " in " + Visible(k.file)
		}
		d := Diagnostic{Severity: k.sev, Pos: Pos{File: k.file}, Rule: k.rule, Omitted: l.omitted[k],
			Message: fmt.Sprintf("... and %d more %s of this kind (%s)%s", l.omitted[k], what, k.rule, in)}
		i := last[k]
		after[i] = append(after[i], d)
	}
	res := make([]Diagnostic, 0, len(out)+len(l.order))
	for i, d := range out {
		res = append(res, d)
		res = append(res, after[i]...)
	}
	return res
}

// Seen returns how many diagnostics of a severity, rule and file were recorded, those beyond
// the cap included.
func (l *List) Seen(s Severity, rule, file string) int {
	k := kindKey{s, rule, file}
	return l.kept[k] + l.omitted[k]
}

// HasErrors reports whether any diagnostic is an error.
func (l *List) HasErrors() bool { return l.Count(Error) > 0 }

// Count returns how many diagnostics have severity s, those beyond the caps included.
func (l *List) Count(s Severity) int {
	n := 0
	for _, d := range l.items {
		if d.Severity == s {
			n++
		}
	}
	for k, m := range l.omitted {
		if k.sev == s {
			n += m
		}
	}
	return n
}

func (l *List) less(a, b Pos) bool {
	if a.File != b.File {
		ra, aok := l.rank[a.File]
		rb, bok := l.rank[b.File]
		if aok && bok && ra != rb {
			return ra < rb
		}
		return a.File < b.File
	}
	if a.Sheet != b.Sheet {
		return a.Sheet < b.Sheet
	}
	ac, ar := SplitCell(a.Cell)
	bc, br := SplitCell(b.Cell)
	if ar != br {
		return ar < br
	}
	if ac != bc {
		return ac < bc
	}
	return a.Line < b.Line
}

// CellName returns the A1-style name of a 1-based column and row ("F14").
// A row of 0 gives the column letters alone.
func CellName(col, row int) string {
	name := ColumnName(col)
	if row > 0 {
		name += strconv.Itoa(row)
	}
	return name
}

// ColumnName returns the letters of a 1-based column number (1 → "A", 27 → "AA").
func ColumnName(col int) string {
	if col < 1 {
		return ""
	}
	var buf [8]byte
	i := len(buf)
	for col > 0 {
		col--
		i--
		buf[i] = byte('A' + col%26)
		col /= 26
	}
	return string(buf[i:])
}

// SplitCell parses an A1-style reference into 1-based column and row numbers.
// It returns zeros for what is absent or malformed.
func SplitCell(ref string) (col, row int) {
	i := 0
	for i < len(ref) {
		c := ref[i]
		if c == '$' {
			i++
			continue
		}
		if c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		if c < 'A' || c > 'Z' {
			break
		}
		col = col*26 + int(c-'A'+1)
		if col > 1<<20 {
			return 0, 0
		}
		i++
	}
	for ; i < len(ref); i++ {
		c := ref[i]
		if c == '$' && row == 0 {
			continue
		}
		if c < '0' || c > '9' {
			return col, 0
		}
		row = row*10 + int(c-'0')
		if row > 1<<24 {
			return col, 0
		}
	}
	return col, row
}
