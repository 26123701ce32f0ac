package sheet

import (
	"math"
	"time"
	"unicode/utf16"
)

// MaxText is the most a cell of Excel holds, in UTF-16 code units.
const MaxText = 32767

// cutMark ends a text cut to fit a cell.
const cutMark = " […]"

// Clip is s cut to fit a cell, ending in " […]" when cut (never inside a letter).
func Clip(s string) string {
	if utf16Len(s, MaxText) <= MaxText {
		return s
	}
	return clip(s, MaxText-utf16Len(cutMark, MaxText)) + cutMark
}

type kind uint8

const (
	empty kind = iota
	text
	number
	integer
	boolean
	date
	formula
)

// Cell is one typed cell. The zero Cell is empty.
type Cell struct {
	kind   kind
	s      string
	x      float64
	n      int64
	t      time.Time
	style  Style
	styled bool
}

// Text is a string cell: whatever s holds ("=HYPERLINK(…)", "+1", "007"), Excel shows it as
// text and never runs it as a formula. An empty s is an empty cell; a longer one than a cell
// holds is cut (Clip).
func Text(s string) Cell {
	if s == "" {
		return Cell{}
	}
	return Cell{kind: text, s: s}
}

// Texts are string cells.
func Texts(ss ...string) []Cell {
	cells := make([]Cell, len(ss))
	for i, s := range ss {
		cells[i] = Text(s)
	}
	return cells
}

// Num is a number cell, unrounded (a Style's number format rounds what is shown). NaN and
// the infinities, which no cell can hold, leave the cell empty.
func Num(x float64) Cell {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return Cell{}
	}
	return Cell{kind: number, x: x}
}

// Int is a whole-number cell.
func Int(n int) Cell { return Cell{kind: integer, n: int64(n)} }

// Bool is a TRUE or FALSE cell.
func Bool(b bool) Cell {
	c := Cell{kind: boolean}
	if b {
		c.n = 1
	}
	return c
}

// Date is a cell holding the day of t, as Excel stores dates (a serial number), shown in
// DateFormat unless given another style.
func Date(t time.Time) Cell { return Cell{kind: date, t: t, style: DateFormat, styled: true} }

// Formula is a formula cell without a calculated value. Only a caller that means a formula
// makes one (a test fixture imitating a workbook a person made); text never becomes one.
func Formula(expr string) Cell { return Cell{kind: formula, s: expr} }

// In is c shown in st.
func (c Cell) In(st Style) Cell {
	c.style, c.styled = st, true
	return c
}

// The bounds of a column's width measured from its content, in characters, before a margin
// of two.
const (
	MinWidth = 8
	MaxWidth = 60
)

// numberWidth is the room a number takes in its format ("62.0%", "0.506", "12345").
const numberWidth = 10

// width is how many characters c needs: the longest of its lines, a wide (East Asian) letter
// counting two; it stops counting past MaxWidth, so a cell of any length costs little.
func (c Cell) width() int {
	switch c.kind {
	case empty, formula:
		return 0
	case text:
		return textWidth(c.s)
	case boolean:
		return 5
	default:
		return numberWidth
	}
}

func textWidth(s string) int {
	longest, line := 0, 0
	for _, r := range s {
		if r == '\n' {
			line = 0
			continue
		}
		line++
		if wide(r) {
			line++
		}
		longest = max(longest, line)
		if longest > MaxWidth {
			return longest
		}
	}
	return longest
}

// wide reports a letter shown twice as wide as a Latin one: Hangul, CJK, full-width forms.
func wide(r rune) bool {
	return r >= 0x1100 && r <= 0x115F || r >= 0x2E80 && r <= 0xA4CF || r >= 0xAC00 && r <= 0xD7A3 ||
		r >= 0xF900 && r <= 0xFAFF || r >= 0xFE30 && r <= 0xFE4F || r >= 0xFF00 && r <= 0xFF60 ||
		r >= 0xFFE0 && r <= 0xFFE6 || r >= 0x20000 && r <= 0x3FFFD
}

// utf16Len is the length of s in UTF-16 code units, as Excel counts; it stops past limit.
func utf16Len(s string, limit int) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
		if n > limit {
			return n
		}
	}
	return n
}
