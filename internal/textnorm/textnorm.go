// Package textnorm folds the many ways of typing the same text into one form, keeping the way back
// to the original text.
package textnorm

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// Text is a text in folded form together with, for each of its bytes, the span of the original
// text the byte comes from.
type Text struct {
	s string
	// from and to give, for byte i of s, the original bytes [from[i], to[i]) it comes from; both
	// are nil when s is the original text unchanged.
	from, to []int
	n        int // length of the original text
}

// String is the folded text.
func (t Text) String() string { return t.s }

// Span maps the bytes [i, j) of the folded text to the bytes of the original text they come
// from. A span that ends on a character removed by folding stops before it, and an empty span
// maps to an empty span. Span panics if i or j is out of range, as slicing would.
func (t Text) Span(i, j int) (start, end int) {
	if i < 0 || j < i || j > len(t.s) {
		panic("textnorm: span out of range")
	}
	if t.from == nil {
		return i, j
	}
	if i == j {
		if i == len(t.s) {
			return t.n, t.n
		}
		return t.from[i], t.from[i]
	}
	return t.from[i], t.to[j-1]
}

// Fold puts s in the form in which texts are compared and scanned, in time linear in len(s):
//
//   - invalid UTF-8 becomes U+FFFD;
//   - control characters, format characters (Unicode category Cf: soft hyphen U+00AD, zero-width
//     space, non-joiner and joiner U+200B–U+200D, word joiner U+2060, byte-order mark U+FEFF,
//     bidirectional controls, ...), variation selectors and the other default-ignorable
//     characters (combining grapheme joiner, Hangul fillers, ...) are removed;
//   - tabs, line breaks (LF, CR, VT, FF, U+0085, U+2028, U+2029) and every space (no-break,
//     narrow no-break, figure, thin, ideographic, ..., and the blank braille pattern U+2800)
//     become one ASCII space, and a run of them one space;
//   - the rest is put in Unicode NFKC form: fullwidth and halfwidth forms, ligatures, circled
//     and superscript digits and the like become the plain characters they stand for;
//   - every dash and hyphen (the category Pd: hyphen, non-breaking hyphen, figure, en and em
//     dash, small and fullwidth hyphen-minus, ...; and the minus signs U+2212, U+02D7, U+2796,
//     U+2043) becomes "-";
//   - typographic single quotes and apostrophes (U+2018, U+2019, U+201A, U+201B, U+2032, U+2035,
//     U+02B9, U+02BB, U+02BC) become "'", typographic double quotes (U+201C–U+201F, U+2033,
//     U+2036) become `"`;
//   - decimal digits of every script (category Nd: Arabic-Indic, Devanagari, Bengali, Thai,
//     fullwidth, ...) become ASCII digits.
//
// Case, accents and letters are kept. For example "Chong\u00ADori" folds to "Chongori",
// "٠١٠–٢٣٤٥–٦٧٨٩" to "010-2345-6789" and "4\u00A0March\n2016" to "4 March 2016".
func Fold(s string) Text {
	if plain(s) {
		return Text{s: s, n: len(s)}
	}
	// 1: remove what is never drawn, make every white space a space
	a := make([]byte, 0, len(s))
	aFrom := make([]int, 0, len(s))
	aTo := make([]int, 0, len(s))
	for i, r := range s {
		size := utf8.RuneLen(r)
		if r == utf8.RuneError {
			_, size = utf8.DecodeRuneInString(s[i:])
		}
		switch {
		case lineSpace(r):
			r = ' '
		case removed(r):
			continue
		}
		for range utf8.RuneLen(r) {
			aFrom = append(aFrom, i)
			aTo = append(aTo, i+size)
		}
		a = utf8.AppendRune(a, r)
	}

	// 2: NFKC, segment by segment; 3: unify what NFKC leaves apart
	out := make([]byte, 0, len(a))
	from := make([]int, 0, len(a))
	to := make([]int, 0, len(a))
	var it norm.Iter
	it.Init(norm.NFKC, a)
	// a character that decomposes into several segments ("ﬁ" into "f" and "i") gives segments
	// without progress in the input; the longest decomposition is 18 characters
	for guard := 20*len(a) + 20; !it.Done() && guard > 0; guard-- {
		p := it.Pos()
		seg := it.Next()
		q := max(it.Pos(), p+1)
		if p >= len(a) {
			break
		}
		start, end := aFrom[p], aTo[min(q, len(a))-1]
		for k := 0; k < len(seg); {
			r, size := utf8.DecodeRune(seg[k:])
			k += size
			r = unify(r)
			switch {
			case r < 0:
				continue
			case r == ' ' && len(out) > 0 && out[len(out)-1] == ' ':
				to[len(to)-1] = end
				continue
			}
			for range utf8.RuneLen(r) {
				from = append(from, start)
				to = append(to, end)
			}
			out = utf8.AppendRune(out, r)
		}
	}
	return Text{s: string(out), from: from, to: to, n: len(s)}
}

// plain reports whether s is printable ASCII without a double space: its own folded form.
func plain(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' || c > '~' || c == ' ' && i > 0 && s[i-1] == ' ' {
			return false
		}
	}
	return true
}

// lineSpace reports whether r is a tab, a line break or another control character that stands
// for white space.
func lineSpace(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\f', '\r', 0x85, 0x2028, 0x2029:
		return true
	}
	return false
}

// removed reports whether r is never drawn: a control or format character, a variation
// selector or another default-ignorable character.
func removed(r rune) bool {
	if r < 0x7F {
		return r < ' '
	}
	return unicode.IsControl(r) || unicode.In(r, unicode.Cf, unicode.Other_Default_Ignorable_Code_Point, unicode.Variation_Selector)
}

// unify maps a character of NFKC text to its folded form, or to -1 when it is removed.
func unify(r rune) rune {
	if r < 0x7F {
		if r < ' ' {
			return -1
		}
		return r
	}
	switch r {
	case 0x2212, 0x02D7, 0x2796, 0x2043:
		return '-'
	case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032, 0x2035, 0x02B9, 0x02BB, 0x02BC:
		return '\''
	case 0x201C, 0x201D, 0x201E, 0x201F, 0x2033, 0x2036:
		return '"'
	}
	switch {
	case lineSpace(r), unicode.IsSpace(r), r == 0x2800:
		return ' '
	case removed(r):
		return -1
	case unicode.Is(unicode.Pd, r):
		return '-'
	case unicode.Is(unicode.Nd, r):
		if d := digitValue(r); d >= 0 {
			return '0' + rune(d)
		}
	}
	return r
}

// digitValue is the value of a decimal digit of any script. Unicode encodes the decimal digits
// of each script as ten consecutive characters from zero to nine, so a range of the category Nd
// is a sequence of whole decades.
func digitValue(r rune) int {
	t := unicode.Nd
	for _, g := range t.R16 {
		if r >= rune(g.Lo) && r <= rune(g.Hi) && g.Stride == 1 {
			return int(r-rune(g.Lo)) % 10
		}
	}
	for _, g := range t.R32 {
		if r >= rune(g.Lo) && r <= rune(g.Hi) && g.Stride == 1 {
			return int(r-rune(g.Lo)) % 10
		}
	}
	return -1
}

// ID is the form under which identifiers (interviewee ids, codes) are compared: Fold, then
// Unicode case folding, then trimmed of spaces. Two ids that look the same on screen have the
// same ID: "W17-003", " w17‐003", "W17-\u2060003" and "Ｗ１７－００３" are all "w17-003".
// Spaces inside are kept (one space for any run), so "W17 003" is not "W17-003".
func ID(s string) string {
	f := Fold(s).String()
	if !isLowerPlain(f) {
		// fold again: case folding can produce characters Fold unifies ("ŉ" folds to "ʼn")
		f = Fold(CaseFold(f)).String()
	}
	return strings.Trim(f, " ")
}

// CaseFold is Unicode full case folding ("Straße" and "STRASSE" both become "strasse"), made
// idempotent: golang.org/x/text's folding turns each case of a Cherokee letter into the other
// ("Ꮅ" into "ꮅ" and "ꮅ" into "Ꮅ"), so the folded text is put in lower case as well. It is safe
// for concurrent use.
func CaseFold(s string) string {
	return strings.ToLower(cases.Fold().String(s))
}

func isLowerPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || c >= 'A' && c <= 'Z' {
			return false
		}
	}
	return true
}
