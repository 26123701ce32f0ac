package textnorm

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"plain text", "plain text"},
		{"two  spaces", "two spaces"},
		// format and default-ignorable characters
		{"Chong\u00adori", "Chongori"},                   // soft hyphen
		{"Chong\u200bo\u200cr\u200di\u2060", "Chongori"}, // zero-width space, non-joiner, joiner, word joiner
		{"\ufeffW17-003", "W17-003"},                     // byte-order mark
		{"abc\u202edef\u202c", "abcdef"},                 // bidirectional override
		{"\u2066x\u2069", "x"},                           // isolates
		{"a\u034fb", "ab"},                               // combining grapheme joiner
		{"☺\ufe0f", "☺"},                                 // variation selector
		{"a\x00b\x1fc\x7fd\u0085e", "abcd e"},            // controls; NEL is a line end
		{"한\u3164국", "한국"},                               // Hangul filler
		// white space
		{"4\u00a0March\u202f2016", "4 March 2016"},     // no-break, narrow no-break
		{"a\u2007b\u2009c\u3000d\u1680e", "a b c d e"}, // figure, thin, ideographic, ogham
		{"line\nbreak\r\nand\ttab\u2028x\u2029y", "line break and tab x y"},
		{" \t\n lead and trail \u00a0 ", " lead and trail "},
		// dashes
		{"a\u2010b\u2011c\u2012d\u2013e\u2014f\u2015g", "a-b-c-d-e-f-g"},
		{"\u2212\ufe63\uff0d\ufe58\u2e3a\u301c\u058a", "-------"},
		// quotes
		{"Ch\u2019ongori \u201cx\u201d Ch\u02bcong", "Ch'ongori \"x\" Ch'ong"},
		// digits of every script
		{"٠١٢٣٤٥٦٧٨٩", "0123456789"}, // Arabic-Indic
		{"۰۱۲۳۴۵۶۷۸۹", "0123456789"}, // extended Arabic-Indic
		{"०१२३४५६७८९", "0123456789"}, // Devanagari
		{"০১২৩৪৫৬৭৮৯", "0123456789"}, // Bengali
		{"๐๑๒๓๔๕๖๗๘๙", "0123456789"}, // Thai
		{"０１２３４５６７８９", "0123456789"}, // fullwidth
		{"𝟎𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟗", "0123456789"}, // mathematical bold
		{"①②③", "123"},               // circled (NFKC)
		{"x²", "x2"},                 // superscript (NFKC)
		// NFKC
		{"Ｈｏｅｒｙｏｎｇ", "Hoeryong"},
		{"ﬁle", "file"},
		{norm.NFD.String("Chŏngŏri 회령"), "Chŏngŏri 회령"},
		// invalid UTF-8
		{"a\xffb", "a\ufffdb"},
	}
	for _, tt := range tests {
		f := Fold(tt.in)
		if got := f.String(); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
		checkSpans(t, tt.in, f)
	}
}

func TestSpan(t *testing.T) {
	s := "a\u00adb  c٣"
	f := Fold(s) // "ab c3"
	if f.String() != "ab c3" {
		t.Fatalf("Fold(%q) = %q", s, f.String())
	}
	for _, c := range []struct {
		i, j int
		want string
	}{
		{0, 1, "a"},
		{0, 2, "a\u00adb"}, // the soft hyphen between is in the span
		{1, 2, "b"},
		{2, 3, "  "}, // one space for two
		{4, 5, "٣"},
		{0, 5, s},
		{3, 3, ""},
		{5, 5, ""},
	} {
		start, end := f.Span(c.i, c.j)
		if got := s[start:end]; got != c.want {
			t.Errorf("Span(%d, %d) = %q, want %q", c.i, c.j, got, c.want)
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("Span out of range did not panic")
		}
	}()
	f.Span(2, 6)
}

func TestID(t *testing.T) {
	same := [][]string{
		{"W17-003", "w17-003", " W17-003 ", "W17\u2010003", "W17\u2011003", "W17\u2013003", "W17-\u2060003",
			"W17-\u00ad003", "W17-\u200d003", "Ｗ１７－００３", "W١٧-٠٠٣", "\ufeffW17-003\n"},
		{"Kim Chaek", "KIM  CHAEK", "kim\u00a0chaek"},
		{"Straße", "STRASSE"},
	}
	for _, group := range same {
		for _, s := range group {
			if ID(s) != ID(group[0]) {
				t.Errorf("ID(%q) = %q, ID(%q) = %q: want equal", s, ID(s), group[0], ID(group[0]))
			}
		}
	}
	for _, pair := range [][2]string{{"W17-003", "W17-03"}, {"W17-003", "W17 003"}, {"W17-003", "W17003"}, {"Chŏngŏri", "Chongori"}} {
		if ID(pair[0]) == ID(pair[1]) {
			t.Errorf("ID(%q) = ID(%q): want different", pair[0], pair[1])
		}
	}
}

// Two cases of one letter have one ID, Cherokee too (see checkCaseFold).
func TestCaseFoldPairs(t *testing.T) {
	for _, pair := range [][2]string{{"Ꮅ", "ꮅ"}, {"ᏸ", "Ᏸ"}, {"K", "k"}, {"ẞ", "ss"}} {
		if ID(pair[0]) != ID(pair[1]) {
			t.Errorf("ID(%q) = %q, ID(%q) = %q: want equal", pair[0], ID(pair[0]), pair[1], ID(pair[1]))
		}
	}
}

// checkCaseFold checks a character alone: folding its case twice changes nothing, ID is
// idempotent, and every case of a letter (each character of its unicode.SimpleFold orbit: "K",
// "k" and the Kelvin sign "K"; the two cases of a Cherokee letter) has one ID. Case folding from
// golang.org/x/text alone is not idempotent for Cherokee, found by FuzzFold ("ꮅ" gave "Ꮅ",
// whose ID was "ꮅ").
func checkCaseFold(t *testing.T, r rune) {
	t.Helper()
	s := string(r)
	if f := CaseFold(s); CaseFold(f) != f {
		t.Errorf("CaseFold(U+%04X) = %q, CaseFold of that = %q", r, f, CaseFold(f))
	}
	id := ID(s)
	if ID(id) != id {
		t.Errorf("ID(U+%04X) = %q, ID of that = %q", r, id, ID(id))
	}
	for c := unicode.SimpleFold(r); c != r; c = unicode.SimpleFold(c) {
		if ID(string(c)) != id {
			t.Errorf("ID(U+%04X) = %q, ID(U+%04X) = %q: one letter in two cases", r, id, c, ID(string(c)))
		}
	}
}

// Every character alone: what Fold leaves is never a character it promises to remove or
// unify, each byte of the result comes from the character, and its case folds as
// checkCaseFold says.
func TestFoldEveryCharacter(t *testing.T) {
	if testing.Short() {
		t.Skip("every code point")
	}
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if r >= 0xD800 && r <= 0xDFFF {
			continue
		}
		s := string(r)
		f := Fold(s)
		for _, c := range f.String() {
			if bad := leftOver(c); bad != "" {
				t.Errorf("Fold(U+%04X) = %q holds U+%04X, %s", r, f.String(), c, bad)
			}
		}
		if f.String() != "" {
			if start, end := f.Span(0, len(f.String())); start != 0 || end != len(s) {
				t.Errorf("Fold(U+%04X): span %d:%d, want 0:%d", r, start, end, len(s))
			}
		}
		checkCaseFold(t, r)
	}
}

// leftOver says why c should not be in folded text, or "".
func leftOver(c rune) string {
	switch {
	case c < ' ' || c == 0x7F:
		return "a control character"
	case c != ' ' && unicode.IsSpace(c):
		return "a space other than U+0020"
	case unicode.Is(unicode.Cf, c):
		return "a format character"
	case unicode.IsControl(c):
		return "a control character"
	case unicode.In(c, unicode.Other_Default_Ignorable_Code_Point, unicode.Variation_Selector):
		return "a default-ignorable character"
	case c != '-' && unicode.Is(unicode.Pd, c), c == 0x2212:
		return "a dash other than -"
	case c > '9' && unicode.Is(unicode.Nd, c):
		return "a digit other than ASCII"
	case unicode.Is(unicode.Zs, c) && c != ' ':
		return "a space other than U+0020"
	}
	return ""
}

// The decimal digits of every script come as ten consecutive characters from zero to nine, as
// digitValue relies on; where NFKC knows the value (fullwidth, mathematical digits), both agree.
func TestDigitValue(t *testing.T) {
	for _, rt := range []*unicode.RangeTable{unicode.Nd} {
		for _, g := range rt.R16 {
			if g.Stride != 1 || (g.Hi-g.Lo+1)%10 != 0 {
				t.Errorf("Nd range %04X-%04X stride %d is not whole decades", g.Lo, g.Hi, g.Stride)
			}
		}
		for _, g := range rt.R32 {
			if g.Stride != 1 || (g.Hi-g.Lo+1)%10 != 0 {
				t.Errorf("Nd range %04X-%04X stride %d is not whole decades", g.Lo, g.Hi, g.Stride)
			}
		}
	}
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if !unicode.Is(unicode.Nd, r) {
			continue
		}
		if k := norm.NFKC.String(string(r)); len(k) == 1 && k[0] >= '0' && k[0] <= '9' {
			if d := digitValue(r); d != int(k[0]-'0') {
				t.Errorf("digitValue(U+%04X) = %d, NFKC says %s", r, d, k)
			}
		}
	}
	for r, want := range map[rune]int{'٣': 3, '۴': 4, '३': 3, '৭': 7, '๙': 9, '３': 3, '᠕': 5, '༢': 2} {
		if d := digitValue(r); d != want {
			t.Errorf("digitValue(%q) = %d, want %d", r, d, want)
		}
	}
}

var pieces = []string{
	"a", "B", "ŏ", "\u0306", "\u0301", "회", "령", "ᄀ", "ᅡ", "0", "7", "٣", "３", "𝟐", " ", "  ", "\u00a0",
	"\u3000", "\t", "\n", "\r\n", "-", "\u2013", "\u2011", "\u2212", "\u00ad", "\u200b", "\u200d",
	"\u2060", "\ufeff", "\u202e", "\ufe0f", "\u034f", "\u3164", "😀", "\U000E0041", "\xff", "\ufffd",
	"ﬁ", "①", "’", "“", "´", "¨", "ǅ", "ŉ", "İ", "ß", "Σ", "\u0345", strings.Repeat("\u0301", 35),
}

func randomText(rng *rand.Rand) string {
	var b strings.Builder
	for range rng.IntN(20) {
		b.WriteString(pieces[rng.IntN(len(pieces))])
	}
	return b.String()
}

func TestFoldProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		checkFold(t, randomText(rng))
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"Chong\u00adori 010–2345–6789", "٠١٠\u00a0٢٣٤٥", "W17-\u2060003", "a\xffb\r\n\tc", "ŉ İ ß ǅ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkFold(t, s)
	})
}

// checkFold checks what Fold promises for any text: the result is valid UTF-8 without the
// characters it removes or unifies, folding it again changes nothing, and its spans map back
// in order onto the original.
func checkFold(t *testing.T, s string) {
	t.Helper()
	f := Fold(s)
	out := f.String()
	if !utf8.ValidString(out) {
		t.Fatalf("Fold(%q) = %q: invalid UTF-8", s, out)
	}
	if strings.Contains(out, "  ") {
		t.Errorf("Fold(%q) = %q: a double space", s, out)
	}
	for _, c := range out {
		if bad := leftOver(c); bad != "" {
			t.Errorf("Fold(%q) = %q holds U+%04X, %s", s, out, c, bad)
		}
	}
	if again := Fold(out).String(); again != out {
		t.Errorf("Fold is not idempotent: Fold(%q) = %q, Fold of that = %q", s, out, again)
	}
	if id := ID(s); ID(id) != id {
		t.Errorf("ID is not idempotent: ID(%q) = %q, ID of that = %q", s, id, ID(id))
	}
	checkSpans(t, s, f)
}

func checkSpans(t *testing.T, s string, f Text) {
	t.Helper()
	out := f.String()
	prevStart, prevEnd := 0, 0
	for i := 0; i < len(out); {
		_, size := utf8.DecodeRuneInString(out[i:])
		start, end := f.Span(i, i+size)
		if start < 0 || end > len(s) || start >= end || start < prevStart || end < prevEnd {
			t.Fatalf("Fold(%q): character at %d maps to %d:%d after %d:%d", s, i, start, end, prevStart, prevEnd)
		}
		if !utf8.RuneStart(s[start]) || end < len(s) && !utf8.RuneStart(s[end]) {
			if utf8.ValidString(s) {
				t.Fatalf("Fold(%q): span %d:%d splits a character", s, start, end)
			}
		}
		prevStart, prevEnd = start, end
		i += size
	}
	if start, end := f.Span(0, len(out)); len(out) > 0 && (start > prevStart || end != prevEnd) {
		t.Errorf("Fold(%q): whole span %d:%d", s, start, end)
	}
}
