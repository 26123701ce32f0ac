package docx

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// replacement stands for a character the document does not carry: emoji and other runes
// beyond U+FFFF (kept out as in the PDF, so both renderings read the same), invalid UTF-8,
// noncharacters.
const replacement = '□'

// clean makes text safe for XML 1.0 and records warnings: control and invisible format
// characters are dropped (tabs and line ends become spaces, or stay line ends when keepNL),
// runes beyond U+FFFF, invalid UTF-8 and noncharacters become replacement.
func (r *renderer) clean(s string, keepNL bool) string {
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
			r.warns.replaced(c, s, i)
			b.WriteRune(replacement)
		case unicode.IsControl(c), unicode.Is(unicode.Cf, c), unicode.Is(unicode.Cs, c):
			// dropped: control characters, zero-width and bidirectional marks, soft hyphens
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}

// line is clean text on one line, trimmed.
func (r *renderer) line(s string) string { return strings.TrimSpace(r.clean(s, false)) }

// escaper escapes clean text for element content and attribute values alike.
var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&apos;", "\n", "&#xA;")

func esc(s string) string { return escaper.Replace(s) }

// warnings collects what a render had to change, reported once per kind.
type warnings struct {
	repl      []rune
	replSeen  map[rune]bool
	replWhere string
	other     []string
}

func (w *warnings) replaced(c rune, s string, i int) {
	if w.replSeen == nil {
		w.replSeen = map[rune]bool{}
	}
	if w.replSeen[c] {
		return
	}
	w.replSeen[c] = true
	if len(w.repl) == 0 {
		w.replWhere = snippet(s, i)
	}
	w.repl = append(w.repl, c)
}

func (w *warnings) add(format string, args ...any) {
	w.other = append(w.other, fmt.Sprintf(format, args...))
}

// messages returns the warnings in a fixed order.
func (w *warnings) messages() []string {
	var out []string
	if len(w.repl) > 0 {
		out = append(out, fmt.Sprintf("docx: replaced %d kind(s) of character with %c (emoji and other characters beyond U+FFFF, invalid UTF-8, noncharacters), as in the PDF: %s; first in %q",
			len(w.repl), replacement, listRunes(w.repl), w.replWhere))
	}
	return append(out, w.other...)
}

// snippet is the text around byte i of s, for a warning.
func snippet(s string, i int) string {
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
