package privacy

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The detectors read a folded text (textnorm.Fold) as a sequence of tokens: runs of ASCII digits,
// runs of letters of an alphabet written with spaces between words, runs of Hangul, Han and kana,
// spaces, and any other character alone. Each detector looks at most a fixed number of tokens
// ahead of where it starts, so a scan takes time linear in the length of the text.

type tokKind uint8

const (
	tNone   tokKind = iota // before the first or after the last token
	tDigits                // 0-9 (every script's digits after folding)
	tAlpha                 // letters and marks of an alphabet: Latin, Cyrillic, Greek, ...
	tCJK                   // Hangul, Han, Hiragana, Katakana
	tSpace                 // one space (folding leaves one for any run)
	tOther                 // any other character, one per token
)

type token struct {
	kind       tokKind
	start, end int
}

// scanner holds a folded text, its tokens and the candidates found so far.
type scanner struct {
	s     string
	toks  []token
	cands []candidate
	win   window // the window numbers tries
}

// detect runs every detector on the folded text s.
func detect(s string) []candidate {
	sc := &scanner{s: s, toks: tokenize(s)}
	sc.emails()
	sc.paths()
	sc.numbers()
	sc.passports()
	sc.dates()
	sc.splitDates()
	sc.koreanDates()
	sc.ages()
	return sc.cands
}

func tokenize(s string) []token {
	toks := make([]token, 0, len(s)/3+1)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		k := tOther
		switch {
		case r >= '0' && r <= '9':
			k = tDigits
		case r == ' ':
			k = tSpace
		case unicode.IsMark(r):
			if n := len(toks); n > 0 && (toks[n-1].kind == tAlpha || toks[n-1].kind == tCJK) {
				k = toks[n-1].kind
			}
		case unicode.IsLetter(r):
			k = tAlpha
			if cjk(r) {
				k = tCJK
			}
		}
		if n := len(toks); n > 0 && k != tOther && toks[n-1].kind == k {
			toks[n-1].end = i + size
		} else {
			toks = append(toks, token{k, i, i + size})
		}
		i += size
	}
	return toks
}

// cjk reports whether r belongs to a script written without spaces between words.
func cjk(r rune) bool {
	return r >= 0x1100 && unicode.In(r, unicode.Hangul, unicode.Han, unicode.Hiragana, unicode.Katakana)
}

func (sc *scanner) kind(k int) tokKind {
	if k < 0 || k >= len(sc.toks) {
		return tNone
	}
	return sc.toks[k].kind
}

func (sc *scanner) str(k int) string {
	if k < 0 || k >= len(sc.toks) {
		return ""
	}
	return sc.s[sc.toks[k].start:sc.toks[k].end]
}

// word is token k in lower case when it is a word of an alphabet, else "".
func (sc *scanner) word(k int) string {
	if sc.kind(k) != tAlpha {
		return ""
	}
	w := sc.str(k)
	if len(w) > 16 {
		return "" // longer than any word a detector looks for
	}
	return strings.ToLower(w)
}

// wordIs reports whether token k is the word w (in lower case) in any case, without making the
// lower-case copy word makes.
func (sc *scanner) wordIs(k int, w string) bool {
	return sc.kind(k) == tAlpha && strings.EqualFold(sc.str(k), w)
}

// is reports whether token k is the character c.
func (sc *scanner) is(k int, c string) bool {
	return sc.kind(k) == tOther && sc.str(k) == c
}

// isAny reports whether token k is one of the characters of set.
func (sc *scanner) isAny(k int, set string) bool {
	if sc.kind(k) != tOther {
		return false
	}
	r, _ := utf8.DecodeRuneInString(sc.str(k))
	return strings.ContainsRune(set, r)
}

// skipSpace returns k+1 when token k is a space, else k.
func (sc *scanner) skipSpace(k int) int {
	if sc.kind(k) == tSpace {
		return k + 1
	}
	return k
}

// prevWord is the word before token k with at most a space between, or "".
func (sc *scanner) prevWord(k int) string {
	k--
	if sc.kind(k) == tSpace {
		k--
	}
	return sc.word(k)
}

// number is the value of digit token k when it has at most width digits, else -1.
func (sc *scanner) number(k, width int) int {
	if sc.kind(k) != tDigits || sc.toks[k].end-sc.toks[k].start > width {
		return -1
	}
	return atoi(sc.str(k))
}

func (sc *scanner) add(kind string, prio, from, to int) {
	sc.cands = append(sc.cands, candidate{kind, prio, sc.toks[from].start, sc.toks[to].end})
}

// addPrefix adds a candidate from token from to the first n bytes of token to (a unit without
// the particle after it: "4일" of "4일에").
func (sc *scanner) addPrefix(kind string, prio, from, to, n int) {
	sc.cands = append(sc.cands, candidate{kind, prio, sc.toks[from].start, sc.toks[to].start + n})
}

func atoi(s string) int {
	n := 0
	for i := 0; i < len(s) && i < 9; i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

func isASCIILetter(b byte) bool { return b|0x20 >= 'a' && b|0x20 <= 'z' }

func isAlnum(b byte) bool { return isDigit(b) || isASCIILetter(b) }

// isYear reports whether a run of digits is a year of the last two centuries.
func isYear(s string) bool {
	return len(s) == 4 && (s[:2] == "19" || s[:2] == "20")
}

// validDay reports whether day/month could be a date.
func validDay(month, day int) bool {
	return month >= 1 && month <= 12 && day >= 1 && day <= 31
}

// wordRune reports whether r belongs to a word of an alphabet written with spaces between words.
// Hangul, Han and kana are written without such boundaries and are never word runes.
func wordRune(r rune) bool {
	if !(unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)) {
		return false
	}
	return !cjk(r)
}
