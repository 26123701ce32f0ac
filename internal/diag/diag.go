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
	b.WriteString(p.File)
	switch {
	case p.Sheet != "" && p.Cell != "":
		b.WriteString(": " + p.Sheet + "!" + p.Cell)
	case p.Sheet != "":
		b.WriteString(": sheet " + strconv.Quote(p.Sheet))
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
}

// String formats the diagnostic the way the spec shows it, prefixed with its severity:
// error: interviews/2017.xlsx: interviews!F14: "yse" is not a yes/no value for edu_fees_paid (did you mean "yes"?)
func (d Diagnostic) String() string {
	loc := d.Pos.String()
	if loc == "" {
		return d.Severity.String() + ": " + d.Message
	}
	return d.Severity.String() + ": " + loc + ": " + d.Message
}

// List gathers diagnostics in the order they are found.
type List struct {
	items []Diagnostic
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
	l.items = append(l.items, Diagnostic{Severity: s, Pos: pos, Rule: rule, Message: fmt.Sprintf(format, args...)})
}

// Append adds the diagnostics of another list.
func (l *List) Append(other List) { l.items = append(l.items, other.items...) }

// Items returns the diagnostics, errors and warnings mixed, in a stable order:
// by file, then sheet, then row and column of the cell, then line, then the order found.
func (l *List) Items() []Diagnostic {
	out := append([]Diagnostic(nil), l.items...)
	sort.SliceStable(out, func(i, j int) bool { return less(out[i].Pos, out[j].Pos) })
	return out
}

// HasErrors reports whether any diagnostic is an error.
func (l *List) HasErrors() bool { return l.Count(Error) > 0 }

// Count returns how many diagnostics have severity s.
func (l *List) Count(s Severity) int {
	n := 0
	for _, d := range l.items {
		if d.Severity == s {
			n++
		}
	}
	return n
}

func less(a, b Pos) bool {
	if a.File != b.File {
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
