package dataset

import (
	"slices"

	"github.com/shadowreport/shadowreport/internal/codebook"
)

// Kind is the shape of a wave workbook.
type Kind string

// The two shapes of a wave workbook (docs/workbooks.md).
const (
	Interviews Kind = "interviews"
	Aggregate  Kind = "aggregate"
)

// Consent is what an interviewee agreed to.
type Consent uint8

// The consent levels (docs/workbooks.md). The zero value is Aggregate: counted, never quoted.
const (
	ConsentAggregate Consent = iota
	ConsentQuote
	ConsentWithdrawn
)

func (c Consent) String() string {
	switch c {
	case ConsentQuote:
		return "quote"
	case ConsentWithdrawn:
		return "withdrawn"
	}
	return "aggregate"
}

// State says whether a person answered a code.
type State uint8

// Missing (a blank cell) and NotApplicable both leave the denominator.
const (
	Missing State = iota
	Answered
	NotApplicable
)

// Person is one interviewee of a wave.
type Person struct {
	ID      string
	Consent Consent
	Row     int
}

// Column holds every person's answer to one code, in the order of Wave.People.
type Column struct {
	Code  *codebook.Code
	Col   int       // the sheet column
	State []State   //
	Bits  []uint64  // yesno: 1 for yes; category: 1<<value; multi: a set of values
	Num   []float64 // number codes
	Text  []string  // text codes
}

// Quote is a passage of an interview, linked to a code.
type Quote struct {
	ID       string
	Code     *codebook.Code
	Text     string
	Reviewed bool
	Row      int
	TextCol  int // the column of the text, for messages
	Person   int // index in Wave.People, -1 when the id is unknown
	// Translation is the text in the report's language, from the optional translation
	// column (TranslationCol, 0 when the sheet has none); "" when not given.
	Translation    string
	TranslationCol int
}

// Figure is one published figure of an aggregate wave: Count of N gave Value
// (the value index of a category or multi code; 0 for "yes" of a yes/no code).
type Figure struct {
	Code   *codebook.Code
	Value  int
	N      int
	Count  int
	Source string
	Row    int
	// Rebuilt is set when the count was rebuilt from a percentage; CountMin..CountMax are
	// then the whole counts consistent with it (Count, the one nearest the percentage, among
	// them). For a count given, all three are equal.
	Rebuilt            bool
	CountMin, CountMax int
}

// Wave is one wave of a project.
type Wave struct {
	Name    string
	File    string
	Kind    Kind
	Sheet   string // the sheet read: "interviews", "aggregate", or the only sheet of another name
	People  []Person
	Columns []*Column
	Quotes  []Quote
	Figures []Figure
	// Incomplete is set when reading stopped short: no sheet could be read, row 1 has no id
	// column, or the file is damaged part-way. People and answers are then those read before the
	// stop, and checks over the whole wave (k-anonymity) must not be computed on them.
	Incomplete bool
	// Absent lists the codes of the codebook that have no column in an interviews sheet and no
	// header that could be theirs (a misspelling or their label, which are errors): a warning
	// names each unless no wave has the code.
	Absent []*codebook.Code
	// Coder2 is the second, independent coding of some interviewees (sheet coder2), or nil.
	Coder2 *Coding
}

// Column returns the answers to code, or nil when the wave does not have it.
func (w *Wave) Column(code *codebook.Code) *Column {
	for _, c := range w.Columns {
		if c.Code == code {
			return c
		}
	}
	return nil
}

// Has reports whether the wave holds any answer or figure for code.
func (w *Wave) Has(code *codebook.Code) bool {
	if w.Kind == Aggregate {
		return slices.ContainsFunc(w.Figures, func(f Figure) bool { return f.Code == code })
	}
	return w.Column(code) != nil
}

// Counted returns the number of interviewees who count: everyone but the withdrawn.
func (w *Wave) Counted() int {
	n := 0
	for _, p := range w.People {
		if p.Consent != ConsentWithdrawn {
			n++
		}
	}
	return n
}

// Withdrawn returns the number of interviewees who withdrew.
func (w *Wave) Withdrawn() int { return len(w.People) - w.Counted() }
