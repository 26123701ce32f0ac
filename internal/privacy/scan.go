package privacy

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/shadowreport/shadowreport/internal/textnorm"
)

// The kinds of Hit.
const (
	KindPhone        = "phone"
	KindEmail        = "email"
	KindDate         = "date"
	KindAge          = "age"
	KindIDNumber     = "id-number"
	KindPath         = "path"
	KindNeverPublish = "never_publish"
)

// Hit is a passage of a text that could identify someone.
type Hit struct {
	Kind       string // one of the Kind constants
	Match      string // the passage as written: text[Start:End]; never print it
	Start, End int    // byte offsets in the text
	// Term is, for a KindNeverPublish hit, the index in the terms given to Scan of the term
	// found (the first of equal terms); -1 for the other kinds.
	Term int
}

// Describe names what was found, for a message: "a phone number", "an exact date", ... It never
// repeats the passage.
func (h Hit) Describe() string {
	switch h.Kind {
	case KindPhone:
		return "a phone number"
	case KindEmail:
		return "an e-mail address"
	case KindDate:
		return "an exact date"
	case KindAge:
		return "an exact age"
	case KindIDNumber:
		return "an ID-like number"
	case KindPath:
		return "a file path or user name"
	case KindNeverPublish:
		return "a never_publish term"
	}
	return h.Kind
}

// Scan finds what could identify someone in a quote or a text: phone numbers, e-mail addresses,
// exact dates, exact ages, ID-like numbers, file paths and user names, and the never_publish
// terms. docs/disclosure.md lists the forms recognised and those that are not.
//
// The text is scanned in the form textnorm.Fold gives it (no invisible characters, one kind of
// space, dash and digit), so what the renderers print after dropping invisible characters is
// what was scanned: "010\u00AD2345\u00AD6789" and "٠١٠–٢٣٤٥–٦٧٨٩" are phone numbers; the
// detectors then read dots of other scripts as dots and letters that look like digits inside a
// number as digits (see readable): "2016。03。04" is a date, "0l0-2345-6789" a phone number. When the
// text holds characters a renderer replaces (emoji, other characters beyond U+FFFF, invalid
// UTF-8, noncharacters), it is also scanned with them replaced by a box, and with them left out.
//
// A never_publish term matches ignoring case, accents, spaces, hyphens, underscores, middle dots
// and apostrophes ("Chŏngŏri", "Ch'ong-ori" and "CHONGORI" are the term "Chongori"; "회 령" is
// "회령"), a comma between two words ("KIM, Young-hee"), a number sign between a word and its
// number ("Camp No. 16" is "Camp 16"); a term of two words of letters also in the other order
// ("Young-hee Kim" for "Kim Young-hee"). A term whose first or last character is a letter or digit of an alphabet written with
// spaces between words (Latin, Cyrillic, ...) must start or end there at a word boundary ("Onsong"
// does not match "Onsongs"; a Korean particle after it is a boundary), while Hangul, Han and kana
// match anywhere ("회령" in "회령에서"). Other spellings (another romanisation) are other terms.
//
// Hits come in text order, with offsets in text; where two patterns overlap only the more
// specific is kept (an e-mail address over a phone number, a date over a number); never_publish
// hits are kept whatever they overlap. Scan takes time linear in the length of the text (times
// the number of terms).
func Scan(text string, neverPublish []string) []Hit {
	terms := termKeys(neverPublish)
	var cands []candidate
	var hits []Hit
	scan := func(v string, back func(i, j int) (int, int)) {
		f := textnorm.Fold(v)
		fs := f.String()
		d := readable(fs)
		for _, c := range detect(d.s) {
			c.start, c.end = back(f.Span(d.span(c.start, c.end)))
			cands = append(cands, c)
		}
		for _, t := range findTerms(fs, terms) {
			start, end := back(f.Span(t.start, t.end))
			hits = append(hits, Hit{Kind: KindNeverPublish, Match: text[start:end], Start: start, End: end, Term: t.term})
		}
	}
	eachForm(text, scan)

	// the most specific pattern first, then the longest, then the first
	slices.SortStableFunc(cands, func(a, b candidate) int {
		if a.prio != b.prio {
			return a.prio - b.prio
		}
		if la, lb := a.end-a.start, b.end-b.start; la != lb {
			return lb - la
		}
		return a.start - b.start
	})
	taken := make([]bool, len(text))
	for _, c := range cands {
		if c.start >= c.end || slices.Contains(taken[c.start:c.end], true) {
			continue
		}
		for i := c.start; i < c.end; i++ {
			taken[i] = true
		}
		hits = append(hits, Hit{Kind: c.kind, Match: text[c.start:c.end], Start: c.start, End: c.end, Term: -1})
	}
	slices.SortFunc(hits, func(a, b Hit) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		if a.End != b.End {
			return a.End - b.End
		}
		if a.Kind != b.Kind {
			return strings.Compare(a.Kind, b.Kind)
		}
		return a.Term - b.Term
	})
	return slices.CompactFunc(hits, func(a, b Hit) bool { return a == b })
}

// candidate is a passage a detector found, in offsets of the text it scanned.
type candidate struct {
	kind       string
	prio       int // lower wins where candidates overlap
	start, end int
}

// The priorities of the detectors.
const (
	prioEmail = iota
	prioPath
	prioResident
	prioPhone // international and national forms
	prioDate
	prioAge
	prioPassport
	prioGrouped // numbers in groups that are only probably phone numbers or ids
	prioDigits
)

// unprintable reports whether a renderer replaces r (see render/clean.Text): characters beyond
// U+FFFF, U+FFFD (and so invalid UTF-8) and noncharacters.
func unprintable(r rune) bool {
	return r > 0xFFFF || r == utf8.RuneError || r == 0xFFFE || r == 0xFFFF || r >= 0xFDD0 && r <= 0xFDEF
}

func hasUnprintable(s string) bool {
	for _, r := range s {
		if unprintable(r) {
			return true
		}
	}
	return false
}

// mapped is a text changed character by character, with the span of the original each byte
// comes from; from is nil when the text is the original unchanged.
type mapped struct {
	s        string
	from, to []int
	n        int // the length of the original
}

// span maps the bytes [i, j) of the text back to the original.
func (p mapped) span(i, j int) (int, int) {
	switch {
	case p.from == nil:
		return i, j
	case i < j:
		return p.from[i], p.to[j-1]
	case i == len(p.s):
		return p.n, p.n
	}
	return p.from[i], p.from[i]
}

// readable puts a folded text in the form the detectors read, character for character, so that
// what a reader sees as digits and dots is read as digits and dots:
//
//   - the combining marks that follow a digit are dropped: "0⃣1⃣0⃣" (keycaps) and "0̶1̶0̶"
//     (struck through) are the digits they show;
//   - the dots of other scripts and the middle dots (the ideographic full stop "。", "·", "・",
//     "•", "∙", "⋅", "‧") are ".": "2016。03。04" is a date; the fraction and division slashes
//     "⁄", "∕" are "/";
//   - next to a digit (a space between or not), the Hangul letters a Korean keyboard types for a
//     dash and a middle dot, "ㅡ" and "ㆍ", and the horizontal lines of box drawing "─", "━",
//     are "-" and ".": "010ㅡ2345ㅡ6789" is a phone number, "2016ㆍ3ㆍ4" a date; between two
//     digits, so are the Han "一" and the Japanese "ー" (138一1234一5678);
//   - in a word made of digits and of letters that look like digits (O and o for 0, l and I for 1,
//     also in Cyrillic and Greek), the letters are the digits: "0l0-2345-6789" and "O1O" are
//     numbers. A word without a digit ("lol", "Oil") is left as it is.
func readable(s string) mapped {
	if !needsReading(s) {
		return mapped{s: s, n: len(s)}
	}
	b := make([]byte, 0, len(s))
	from := make([]int, 0, len(s))
	to := make([]int, 0, len(s))
	emit := func(c string, i, size int) {
		for range len(c) {
			from, to = append(from, i), append(to, i+size)
		}
		b = append(b, c...)
	}
	afterDigit := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case afterDigit && unicode.In(r, unicode.Mn, unicode.Me):
			to[len(to)-1] = i + size
			i += size
			continue
		case numberWordRune(r):
			// a word of an alphabet or of digits: read it whole
			j := i
			digits, other := false, false
			for j < len(s) {
				c, n := utf8.DecodeRuneInString(s[j:])
				if !numberWordRune(c) {
					break
				}
				digits = digits || c >= '0' && c <= '9'
				other = other || !(c >= '0' && c <= '9') && lookalike(c) < 0
				j += n
			}
			for i < j {
				c, n := utf8.DecodeRuneInString(s[i:])
				if d := lookalike(c); digits && !other && d >= 0 {
					emit("0123456789"[d:d+1], i, n)
				} else {
					emit(s[i:i+n], i, n)
				}
				afterDigit = s[i] >= '0' && s[i] <= '9' || digits && !other
				i += n
			}
			continue
		case dotLike(r):
			emit(".", i, size)
		case r == 0x2044 || r == 0x2215:
			emit("/", i, size) // the fraction and division slashes: 2016⁄03⁄04
		case digitMark(r) != 0 && nearDigit(b, s, i+size) && (!betweenOnly(r) || betweenDigits(b, s, i+size)):
			emit(string(digitMark(r)), i, size)
		default:
			emit(s[i:i+size], i, size)
		}
		afterDigit = false
		i += size
	}
	return mapped{s: string(b), from: from, to: to, n: len(s)}
}

// needsReading reports whether readable changes s.
func needsReading(s string) bool {
	digit := false
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digit = true
		case r >= utf8.RuneSelf && (dotLike(r) || digitMark(r) != 0 || r == 0x2044 || r == 0x2215 || digit && unicode.In(r, unicode.Mn, unicode.Me)):
			return true
		case lookalike(r) >= 0:
			// a look-alike letter touching a digit
			if i > 0 && isDigit(s[i-1]) {
				return true
			}
			if n := i + utf8.RuneLen(r); n < len(s) && isDigit(s[n]) {
				return true
			}
		}
		if !(r >= '0' && r <= '9') && !unicode.In(r, unicode.Mn, unicode.Me) {
			digit = false
		}
	}
	return false
}

// numberWordRune reports whether r belongs to a word readable reads whole: an ASCII digit or a
// letter of an alphabet written with spaces between words (not the Japanese long vowel mark "ー",
// a letter of no script).
func numberWordRune(r rune) bool {
	return r >= '0' && r <= '9' || unicode.IsLetter(r) && !cjk(r) && r != 0x30FC
}

// lookalike is the digit a letter looks like (O, o: 0; l, I: 1; and their Cyrillic and Greek
// twins), or -1.
func lookalike(r rune) int {
	switch r {
	case 'O', 'o', 'О', 'о', 'Ο', 'ο':
		return 0
	case 'l', 'I', 'І', 'і', 'Ӏ', 'ӏ', 'Ι', 'ι':
		return 1
	}
	return -1
}

// dotLike reports whether r is read as a full stop between digits.
func dotLike(r rune) bool {
	switch r {
	case 0x3002, 0xFF61, 0x00B7, 0x30FB, 0xFF65, 0x2022, 0x2219, 0x22C5, 0x2027, 0x2024:
		return true
	}
	return false
}

// digitMark is the punctuation a character stands for between digits: "-" for the Hangul
// letter EU "ㅡ" and the horizontal lines of box drawing "─" "━", "." for the Hangul letter
// ARAEA "ㆍ" (as typed and as NFKC leaves them); else 0.
func digitMark(r rune) byte {
	switch r {
	case 0x3161, 0x1173, 0x2500, 0x2501, 0x4E00, 0x30FC:
		return '-'
	case 0x318D, 0x119E:
		return '.'
	}
	return 0
}

// betweenOnly reports whether r, a word of its own in its script, is read as a dash only between
// two digits: the Han "一" (one) a Chinese typist puts in 138一1234一5678, the Japanese long vowel
// mark "ー".
func betweenOnly(r rune) bool { return r == 0x4E00 || r == 0x30FC }

// betweenDigits reports whether the character ending at byte next of s, read into b, has a digit
// right before and right after it.
func betweenDigits(b []byte, s string, next int) bool {
	return len(b) > 0 && isDigit(b[len(b)-1]) && next < len(s) && isDigit(s[next])
}

// nearDigit reports whether a digit is next to the character that ends at byte next of s and
// was read into b: the last byte read or the next one, with at most a space between.
func nearDigit(b []byte, s string, next int) bool {
	n := len(b)
	if n > 0 && isDigit(b[n-1]) || n > 1 && b[n-1] == ' ' && isDigit(b[n-2]) {
		return true
	}
	if next < len(s) && s[next] == ' ' {
		next++
	}
	return next < len(s) && isDigit(s[next])
}

// box is what renderers draw for a character they cannot draw.
const box = '□'

// printed replaces each unprintable character of s by a box, or drops it.
func printed(s string, drop bool) mapped {
	var b []byte
	var from, to []int
	for i, r := range s {
		size := utf8.RuneLen(r)
		if r == utf8.RuneError {
			_, size = utf8.DecodeRuneInString(s[i:])
		}
		if unprintable(r) {
			if drop {
				continue
			}
			r = box
		}
		for range utf8.RuneLen(r) {
			from = append(from, i)
			to = append(to, i+size)
		}
		b = utf8.AppendRune(b, r)
	}
	if from == nil {
		from, to = []int{}, []int{} // mapped, even when empty
	}
	return mapped{s: string(b), from: from, to: to, n: len(s)}
}
