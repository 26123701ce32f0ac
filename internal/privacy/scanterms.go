package privacy

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/shadowreport/shadowreport/internal/textnorm"
)

// term is a never_publish term in loose form.
type term struct {
	key         string
	index       int  // in the list given to Scan
	first, last bool // the term starts, ends with a word rune: it must start, end at a word boundary
}

// termKeys puts the terms in loose form, once each. A term of two words of letters, as a name is
// written, is also looked for in the other order: "Young-hee Kim" for "Kim Young-hee"; a term in
// Hangul is also looked for as the other Korea spells it (initialForms); a term with a number
// after a word, with a number sign between them (numberForms).
func termKeys(terms []string) []term {
	var out []term
	seen := map[string]bool{}
	lf := newLoosener()
	for i, t := range terms {
		f := textnorm.Fold(t).String()
		forms := []string{f}
		if w := strings.Fields(f); len(w) == 2 && lettersOnly(w[0]) && lettersOnly(w[1]) {
			forms = append(forms, w[1]+" "+w[0])
		}
		forms = append(forms, initialForms(f)...)
		forms = append(forms, numberForms(f)...)
		for _, f := range forms {
			key := lf.loosen(f).s
			if key == "" || seen[key] {
				continue
			}
			seen[key] = true
			// the boundary rule looks at the term as written, its accents and separators removed
			first, _ := utf8.DecodeRuneInString(key)
			last, _ := utf8.DecodeLastRuneInString(key)
			out = append(out, term{key: key, index: i, first: wordRune(first), last: wordRune(last)})
		}
	}
	return out
}

// maxInitialForms bounds the spellings initialForms gives one term.
const maxInitialForms = 27

// initialForms are the other spellings of a term in Hangul under the initial-sound rule (두음법칙):
// at the start of a word, where the North writes ㄹ or ㄴ the South writes ㄴ or ㅇ ("녕변" and
// "영변", "라선" and "나선", "리원" and "이원", "로동당" and "노동당"). The first syllable of each
// word of the term takes each initial of its class: ㄹ, ㄴ and ㅇ before the vowels ㅣ, ㅑ, ㅒ, ㅕ,
// ㅖ, ㅛ and ㅠ; ㄹ and ㄴ before the others. f is the folded term (Hangul syllables composed); at
// most maxInitialForms forms, f itself not among them.
func initialForms(f string) []string {
	forms := []string{f}
	for i := 0; i < len(f); i++ {
		if i > 0 && f[i-1] != ' ' {
			continue
		}
		r, size := utf8.DecodeRuneInString(f[i:])
		if r < 0xAC00 || r > 0xD7A3 {
			continue
		}
		s := r - 0xAC00
		initial, vowel := s/588, s%588/28
		var class []rune
		switch {
		case yVowel(vowel) && (initial == 5 || initial == 2 || initial == 11): // ㄹ ㄴ ㅇ
			class = []rune{5, 2, 11}
		case initial == 5 || initial == 2:
			class = []rune{5, 2}
		default:
			continue
		}
		var next []string
		for _, form := range forms {
			for _, c := range class {
				if len(next) < maxInitialForms {
					next = append(next, form[:i]+string(0xAC00+c*588+s%588)+form[i+size:])
				}
			}
		}
		forms = next
	}
	out := forms[:0]
	for _, form := range forms {
		if form != f {
			out = append(out, form)
		}
	}
	return out
}

// yVowel reports whether a Hangul vowel (its index in a syllable) is ㅣ or begins with its sound:
// ㅑ ㅒ ㅕ ㅖ ㅛ ㅠ ㅣ.
func yVowel(v rune) bool {
	switch v {
	case 2, 3, 6, 7, 12, 17, 20:
		return true
	}
	return false
}

// lettersOnly reports whether a word is made of letters of an alphabet (and hyphens and
// apostrophes, "Young-hee", "Ch'oe"): a part of a name.
func lettersOnly(w string) bool {
	for _, r := range w {
		if !(unicode.IsLetter(r) && !cjk(r) || unicode.IsMark(r) || r == '-' || r == '\'') {
			return false
		}
	}
	return true
}

// termHit is a term found, in offsets of the folded text.
type termHit struct {
	start, end, term int
}

// findTerms finds the terms in the folded text f.
func findTerms(f string, terms []term) []termHit {
	if len(terms) == 0 {
		return nil
	}
	l := newLoosener().loosen(f)
	var hits []termHit
	for _, t := range terms {
		for from := 0; from < len(l.s); {
			i := strings.Index(l.s[from:], t.key)
			if i < 0 {
				break
			}
			i += from
			j := i + len(t.key)
			_, size := utf8.DecodeRuneInString(l.s[i:])
			from = i + max(size, 1)
			start, end := l.from[i], l.to[j-1]
			if t.first {
				if r, _ := utf8.DecodeLastRuneInString(f[:start]); start > 0 && wordRune(r) {
					continue
				}
			}
			if t.last && !boundaryAt(f, end) {
				// a place name with its administrative suffix: "Hoeryongsi", "Chongori-dong"
				end = suffixEnd(f, l, j)
				if end < 0 {
					continue
				}
			}
			hits = append(hits, termHit{start, end, t.index})
		}
	}
	return hits
}

// boundaryAt reports whether a word of an alphabet ends at byte i of the folded text f.
func boundaryAt(f string, i int) bool {
	r, _ := utf8.DecodeRuneInString(f[i:])
	return i == len(f) || !wordRune(r)
}

// placeSuffixes are the romanised suffixes of Korean and Chinese place names that may be
// written joined to the name.
var placeSuffixes = []string{"si", "shi", "gun", "kun", "gu", "ku", "dong", "tong", "ri", "ni", "eup", "up", "myeon", "myon", "do", "to", "xian", "shan", "zhen", "cun"}

// suffixEnd is the end in the folded text f of a place suffix that follows the loose text l
// from byte j and ends a word, or -1.
func suffixEnd(f string, l loose, j int) int {
	for _, suf := range placeSuffixes {
		if strings.HasPrefix(l.s[j:], suf) {
			if end := l.to[j+len(suf)-1]; boundaryAt(f, end) {
				return end
			}
		}
	}
	return -1
}

// loose is a folded text in the form terms are compared in, with the span of the folded text
// each byte comes from.
type loose struct {
	s        string
	from, to []int
}

type loosener struct {
	cache map[rune]string
}

func newLoosener() *loosener {
	return &loosener{cache: map[rune]string{}}
}

// looseSeparators are left out of the loose form: spaces, hyphens (every dash is "-" after
// folding), underscores, apostrophes and the marks written for them, middle dots.
func looseSeparator(r rune) bool {
	switch r {
	case ' ', '-', '_', '\'', '`', 0xB4, 0xB7, 0x2BE, 0x2BF, 0x2BD, 0x2C8, 0x2CA, 0x2CB, 0x2027, 0x30FB, 0xFF65:
		return true
	}
	return false
}

// loosen puts a folded text in loose form: case folded, accents and other combining marks
// removed (the base letter's span takes them in), a few letters without a decomposition
// replaced (ø, ł, đ, ı, æ, œ, ...), the separators of looseSeparator and a comma between two
// words ("KIM, Young-hee") left out, and an "e" before "o" or "u" left out too (the letter after takes its
// span in): Korean romanised in the Revised Romanization writes "eo" and "eu" where
// McCune-Reischauer writes "ŏ" and "ŭ", which lose their accents here ("Hoeryeong" is
// "Hoeryŏng" is "Hoeryong", "Cheongjin" is "Ch'ŏngjin", "Eundeok" is "Ŭndŏk").
// Hangul syllables stay whole.
func (lf *loosener) loosen(f string) loose {
	b := make([]byte, 0, len(f))
	from := make([]int, 0, len(f))
	to := make([]int, 0, len(f))
	attach := false // whether a mark here belongs to the character kept last
	pend := -1      // the start of an "e" left out, which the next letter's span takes in
	for i := 0; i < len(f); {
		if f[i]|0x20 == 'e' && i+1 < len(f) && (f[i+1]|0x20 == 'o' || f[i+1]|0x20 == 'u') {
			if pend < 0 {
				pend = i
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(f[i:])
		switch {
		case looseSeparator(r), r == ',' && nameComma(f, i, b):
			attach = false
		case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r):
			if attach {
				to[len(to)-1] = i + size
			}
		default:
			start := i
			if pend >= 0 {
				start = pend
			}
			for _, c := range []byte(lf.rune(r)) {
				b = append(b, c)
				from = append(from, start)
				to = append(to, i+size)
			}
			attach = len(to) > 0 && from[len(from)-1] == start
		}
		pend = -1
		i += size
	}
	return loose{s: string(b), from: from, to: to}
}

// nameComma reports whether the comma at byte i of the folded text f stands between two words of
// Latin letters, as between a surname and a given name ("KIM, Young-hee" is "Kim Young-hee"); b
// is the loose text so far.
func nameComma(f string, i int, b []byte) bool {
	if len(b) == 0 || b[len(b)-1] < 'a' || b[len(b)-1] > 'z' {
		return false
	}
	j := i + 1
	if j < len(f) && f[j] == ' ' {
		j++
	}
	return j < len(f) && isASCIILetter(f[j])
}

// numberSigns are the words and signs written between a name and its number: "Camp No. 16",
// "Camp #16", "Camp number 16" are "Camp 16" ("№" folds to "No").
var numberSigns = []string{"No ", "No. ", "Nr ", "Nr. ", "Number ", "Num. ", "#"}

// maxNumberForms bounds the spellings numberForms gives one term.
const maxNumberForms = 32

// numberForms are the other spellings of a term with a number after a word of Latin letters
// ("Camp 16"): the term with a number sign between them ("Camp No. 16", "Camp #16"). The text
// keeps its signs, so that a term that is itself such a word ("No", "Nr") is found in it. f is
// the folded term; at most maxNumberForms forms, f itself not among them.
func numberForms(f string) []string {
	forms := []string{f}
	for i := 1; i < len(f); i++ {
		// a digit after a letter and a space: "Camp 16"
		if !isDigit(f[i]) || f[i-1] != ' ' || i < 2 || !isASCIILetter(f[i-2]) {
			continue
		}
		var next []string
		for _, form := range forms {
			at := len(form) - (len(f) - i) // where the number starts in this form
			for _, sign := range append([]string{""}, numberSigns...) {
				if len(next) < maxNumberForms {
					next = append(next, form[:at]+sign+form[at:])
				}
			}
		}
		forms = next
	}
	return forms[1:]
}

// letterBases are letters without a decomposition, and letters of other scripts that look like
// Latin letters (Cyrillic "Сhongori" is "Chongori"), with the Latin letters they stand for.
var letterBases = map[rune]string{
	'ø': "o", 'ł': "l", 'đ': "d", 'ħ': "h", 'ı': "i", 'æ': "ae", 'œ': "oe", 'ŀ': "l", 'ŧ': "t",
	'ð': "d", 'þ': "th", 'ɨ': "i", 'ʉ': "u", 'ɑ': "a", 'ɡ': "g", 'ʏ': "y",
	// Cyrillic, case folded
	'а': "a", 'в': "b", 'е': "e", 'ё': "e", 'і': "i", 'ї': "i", 'ј': "j", 'к': "k", 'м': "m",
	'н': "h", 'о': "o", 'р': "p", 'с': "c", 'т': "t", 'у': "y", 'х': "x", 'ѕ': "s", 'һ': "h", 'ԁ': "d",
	'ԛ': "q", 'ԝ': "w", 'ӏ': "l", 'ү': "y",
	// Greek, case folded
	'α': "a", 'β': "b", 'ε': "e", 'η': "n", 'ι': "i", 'κ': "k", 'μ': "m", 'ν': "v", 'ο': "o", 'ρ': "p",
	'τ': "t", 'υ': "u", 'χ': "x", 'ϲ': "c", 'ζ': "z",
}

// rune is the loose form of one character.
func (lf *loosener) rune(r rune) string {
	if r < utf8.RuneSelf {
		if r >= 'A' && r <= 'Z' {
			r += 'a' - 'A'
		}
		return string(r)
	}
	if s, ok := lf.cache[r]; ok {
		return s
	}
	var out string
	if r >= 0xAC00 && r <= 0xD7A3 {
		out = string(r) // a Hangul syllable: decomposing it would match parts of syllables
	} else {
		var sb strings.Builder
		for _, c := range norm.NFD.String(textnorm.CaseFold(string(r))) {
			if unicode.Is(unicode.Mn, c) || unicode.Is(unicode.Me, c) {
				continue
			}
			if base, ok := letterBases[c]; ok {
				sb.WriteString(base)
				continue
			}
			sb.WriteRune(c)
		}
		out = sb.String()
	}
	if len(lf.cache) < 4096 {
		lf.cache[r] = out
	}
	return out
}
