// Package clean makes document text safe for the renderers and words what it had to change.
package clean

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Replacement stands for a character no rendering carries: emoji and other runes beyond
// U+FFFF (fpdf cannot embed them; the Word file leaves them out too, so both read the same),
// invalid UTF-8, noncharacters.
const Replacement = '□'

// Text makes s safe for PDF and XML: control and invisible format characters are dropped
// (tabs and line ends become spaces, or stay line ends when keepNL; CR LF is one line end),
// and the runes described at Replacement are replaced. seen, when not nil, is told of every
// rune replaced and of every other non-ASCII rune kept, with its byte offset in s.
func Text(s string, keepNL bool, seen func(c rune, i int, replaced bool)) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7F {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i, c := range s {
		switch {
		case c == '\n' && keepNL:
			b.WriteByte('\n')
		case c == '\r' && keepNL && strings.HasPrefix(s[i+1:], "\n"):
			// CR LF: the LF makes the line end
		case c == '\n' || c == '\t' || c == '\r' || c == '\v' || c == '\f' || c == 0x85 || c == 0x2028 || c == 0x2029:
			b.WriteByte(' ')
		case c > 0xFFFF, c == utf8.RuneError, c == 0xFFFE, c == 0xFFFF, c >= 0xFDD0 && c <= 0xFDEF:
			if seen != nil {
				seen(c, i, true)
			}
			b.WriteRune(Replacement)
		case unicode.IsControl(c), unicode.Is(unicode.Cf, c):
			// dropped: control characters, zero-width and bidirectional marks, soft hyphens
		default:
			if seen != nil && c >= utf8.RuneSelf {
				seen(c, i, false)
			}
			b.WriteRune(c)
		}
	}
	return b.String()
}

// Warnings collects what a render replaced or cannot draw, to report once each at the end.
type Warnings struct {
	repl, miss           []rune
	replSeen, missSeen   map[rune]bool
	replWhere, missWhere string
	other                []string
}

// Replaced records that c, at byte i of s, was replaced.
func (w *Warnings) Replaced(c rune, s string, i int) {
	w.repl, w.replSeen, w.replWhere = note(w.repl, w.replSeen, w.replWhere, c, s, i)
}

// Missing records that c, at byte i of s, has no glyph in the fonts.
func (w *Warnings) Missing(c rune, s string, i int) {
	w.miss, w.missSeen, w.missWhere = note(w.miss, w.missSeen, w.missWhere, c, s, i)
}

func note(list []rune, seen map[rune]bool, where string, c rune, s string, i int) ([]rune, map[rune]bool, string) {
	if seen == nil {
		seen = map[rune]bool{}
	}
	if seen[c] {
		return list, seen, where
	}
	seen[c] = true
	if len(list) == 0 {
		where = Snippet(s, i)
	}
	return append(list, c), seen, where
}

// Add records any other warning.
func (w *Warnings) Add(format string, args ...any) {
	w.other = append(w.other, fmt.Sprintf(format, args...))
}

// Messages returns the warnings in a fixed order; format names the output ("pdf", "docx")
// and fonts the fonts a missing glyph was looked for in.
func (w *Warnings) Messages(format, fonts string) []string {
	var out []string
	if len(w.repl) > 0 {
		out = append(out, fmt.Sprintf("%s: replaced %d kind(s) of character with %c (emoji and other characters beyond U+FFFF, invalid UTF-8, noncharacters): %s; first in %q",
			format, len(w.repl), Replacement, listRunes(w.repl), w.replWhere))
	}
	if len(w.miss) > 0 {
		out = append(out, fmt.Sprintf("%s: %d character(s) have no glyph in the embedded fonts (%s) and print as empty boxes: %s; first in %q",
			format, len(w.miss), fonts, listRunes(w.miss), w.missWhere))
	}
	return append(out, w.other...)
}

// Snippet is the text around byte i of s, for a warning.
func Snippet(s string, i int) string {
	start := max(0, i-30)
	for start > 0 && !utf8.RuneStart(s[start]) {
		start--
	}
	end := min(len(s), i+30)
	for end < len(s) && !utf8.RuneStart(s[end]) {
		end++
	}
	var b strings.Builder
	for _, c := range s[start:end] {
		if unicode.IsControl(c) || unicode.Is(unicode.Cf, c) {
			c = ' '
		}
		b.WriteRune(c)
	}
	out := strings.TrimSpace(b.String())
	if start > 0 {
		out = "…" + out
	}
	if end < len(s) {
		out += "…"
	}
	return out
}

func listRunes(rs []rune) string {
	var b strings.Builder
	for i, c := range rs {
		if i == 12 {
			fmt.Fprintf(&b, " and %d more", len(rs)-i)
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		if c == utf8.RuneError {
			b.WriteString("invalid UTF-8")
			continue
		}
		fmt.Fprintf(&b, "U+%04X", c)
		if unicode.IsPrint(c) {
			fmt.Fprintf(&b, " %c", c)
		}
	}
	return b.String()
}
