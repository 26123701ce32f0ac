package pdf

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/shadowreport/shadowreport/internal/fonts"
)

// face is one embedded font face.
type face uint8

const (
	latinR face = iota
	latinB
	latinI
	latinBI
	koreanR
	koreanB
	nFaces
)

// faceInfo maps each face to the embedded font (name and style in package fonts), its
// PostScript name, and the subset tag written into the PDF.
var faceInfo = [nFaces]struct{ name, style, ps, tag string }{
	latinR:  {fonts.Latin, "", "LiberationSans", "SRLSRG"},
	latinB:  {fonts.Latin, "B", "LiberationSans-Bold", "SRLSBD"},
	latinI:  {fonts.Latin, "I", "LiberationSans-Italic", "SRLSIT"},
	latinBI: {fonts.Latin, "BI", "LiberationSans-BoldItalic", "SRLSBI"},
	koreanR: {fonts.Korean, "", "NanumGothic", "SRNGRG"},
	koreanB: {fonts.Korean, "B", "NanumGothicBold", "SRNGBD"},
}

// family is the fpdf family name of the face, registered with the style "". Its length is
// chosen so that fpdf's font name ("utf8" + family) can be rewritten in place to the
// tagged subset name (tag + "+" + PostScript name): see tagSubsets.
func (f face) family() string { return "srf" + strings.ToLower(faceInfo[f].ps) }

// pick returns the face for a style; Nanum Gothic has no italic, so Korean italic is upright.
func pick(korean, bold, italic bool) face {
	switch {
	case korean && bold:
		return koreanB
	case korean:
		return koreanR
	case bold && italic:
		return latinBI
	case bold:
		return latinB
	case italic:
		return latinI
	}
	return latinR
}

// replacement stands for a character the PDF fonts cannot carry: emoji and other runes
// outside the Basic Multilingual Plane (fpdf fails on them), invalid UTF-8, noncharacters.
const replacement = '□'

// glyph coverage bits, cached per render.
const (
	inLatin uint8 = 1 << iota
	inKorean
	known
)

func (r *renderer) coverage(c rune) uint8 {
	if c >= 0x20 && c < 0x7F {
		return inLatin | inKorean | known
	}
	if v := r.glyphs[c]; v&known != 0 {
		return v
	}
	v := known
	if fonts.Has(fonts.Latin, c) {
		v |= inLatin
	}
	if fonts.Has(fonts.Korean, c) {
		v |= inKorean
	}
	r.glyphs[c] = v
	return v
}

// clean makes text safe for fpdf and records warnings: control and invisible format
// characters are dropped (tabs and line ends become spaces, or stay line ends when keepNL),
// runes fpdf cannot carry become replacement, and runes no embedded font can draw are
// reported once.
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
		case c == '\n' || c == '\t' || c == '\r' || c == '\v' || c == '\f' || c == 0x85 || c == 0x2028 || c == 0x2029:
			b.WriteByte(' ')
		case c > 0xFFFF, c == utf8.RuneError, c == 0xFFFE, c == 0xFFFF, c >= 0xFDD0 && c <= 0xFDEF:
			r.warns.replaced(c, s, i)
			b.WriteRune(replacement)
		case unicode.IsControl(c), unicode.Is(unicode.Cf, c):
			// dropped: control characters, zero-width and bidirectional marks, soft hyphens
		default:
			if r.coverage(c)&(inLatin|inKorean) == 0 && !unicode.IsSpace(c) {
				r.warns.missing(c, s, i)
			}
			b.WriteRune(c)
		}
	}
	return b.String()
}

// runs splits clean text into pieces of one script: Korean where only Nanum Gothic has the
// glyph, Latin otherwise. Spaces, digits, punctuation and marks both faces have stay with
// the piece before them, so "학교 비용" is one Korean piece.
func (r *renderer) runs(s string, fn func(text string, korean bool)) {
	start, cur := 0, false
	for i, c := range s {
		cov := r.coverage(c)
		k := cur
		switch {
		case cov&inKorean != 0 && cov&inLatin == 0:
			k = true
		case cov&inKorean != 0 && !unicode.IsLetter(c):
			// neutral: keep the current face
		default:
			k = false
		}
		if k != cur && i > start {
			fn(s[start:i], cur)
			start = i
		}
		cur = k
	}
	if start < len(s) {
		fn(s[start:], cur)
	}
}

// warnings collects what the renderer replaced or cannot draw, reported once each at the end.
type warnings struct {
	repl, miss           []rune
	replSeen, missSeen   map[rune]bool
	replWhere, missWhere string
	other                []string
}

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

func (w *warnings) missing(c rune, s string, i int) {
	if w.missSeen == nil {
		w.missSeen = map[rune]bool{}
	}
	if w.missSeen[c] {
		return
	}
	w.missSeen[c] = true
	if len(w.miss) == 0 {
		w.missWhere = snippet(s, i)
	}
	w.miss = append(w.miss, c)
}

func (w *warnings) add(format string, args ...any) {
	w.other = append(w.other, fmt.Sprintf(format, args...))
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

// messages returns the warnings in a fixed order.
func (w *warnings) messages() []string {
	var out []string
	if len(w.repl) > 0 {
		out = append(out, fmt.Sprintf("pdf: replaced %d kind(s) of character the PDF cannot carry (emoji and other characters beyond U+FFFF, invalid UTF-8) with %c: %s; first in %q",
			len(w.repl), replacement, listRunes(w.repl), w.replWhere))
	}
	if len(w.miss) > 0 {
		out = append(out, fmt.Sprintf("pdf: %d character(s) have no glyph in the embedded fonts (%s, %s) and print as empty boxes: %s; first in %q",
			len(w.miss), fonts.Latin, fonts.Korean, listRunes(w.miss), w.missWhere))
	}
	return append(out, w.other...)
}
