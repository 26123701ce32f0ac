package privacy

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Numbers written in groups ("010 - 2345 - 6789", "+82 (0)10 2345 6789", "2015.03.04") are read
// as chains: runs of digits joined by short runs of separators. Within a chain, windows of at
// most maxGroups consecutive groups are tried against each pattern, leftmost first and the
// longest at each start.

const (
	maxGroups = 12
	// sepChars, and any other punctuation or symbol but currency signs, may join two groups of
	// digits, in runs of at most maxSep characters.
	sepChars = " -./_\\|,:~*()#'"
	maxSep   = 4
	// phoneSeps are the separators of phone numbers that are not of a national form.
	phoneSeps = " -./_()\\*"
)

// chain is a run of groups of digits: groups[i] is a token index.
type chain struct {
	sc     *scanner
	groups []int
}

func (c chain) digits(i int) string { return c.sc.str(c.groups[i]) }

// sep is the text between groups i and i+1.
func (c chain) sep(i int) string {
	return c.sc.s[c.sc.toks[c.groups[i]].end:c.sc.toks[c.groups[i+1]].start]
}

// window is groups a..b of a chain, with what the patterns ask about them, kept up to date as
// the window grows by one group at a time.
type window struct {
	c        chain
	a, b     int
	n        int     // digits in all
	head     [3]byte // the first three digits
	minLen   int     // the shortest group
	maxLen   int     // the longest group
	long     int     // groups of 3 digits or more
	years    int     // groups that are years
	threes   bool    // every group after the first has 3 digits
	spaces   bool    // every separator is spaces only
	charset  bool    // every separator is made of phoneSeps
	plain    bool    // every separator is spaces, or one ".", "-", "/" or "_" with spaces or not
	comma    bool    // a separator holds a comma
	mixed    bool    // the separators differ (spaces and parentheses aside)
	hasCore  bool
	core     [maxSep * utf8.UTFMax]byte // the separator, spaces and parentheses removed
	coreSize int
}

// reset makes w the window of group a of chain c alone.
func (w *window) reset(c chain, a int) {
	*w = window{c: c, a: a, b: a - 1, minLen: 1 << 30, threes: true, spaces: true, charset: true, plain: true}
	w.grow()
}

// grow adds the next group of the chain to the window.
func (w *window) grow() {
	w.b++
	d := w.c.digits(w.b)
	for i := 0; i < len(d) && w.n+i < len(w.head); i++ {
		w.head[w.n+i] = d[i]
	}
	w.n += len(d)
	w.minLen = min(w.minLen, len(d))
	w.maxLen = max(w.maxLen, len(d))
	if len(d) >= 3 {
		w.long++
	}
	if isYear(d) {
		w.years++
	}
	if w.b == w.a {
		return
	}
	if len(d) != 3 {
		w.threes = false
	}
	sep := w.c.sep(w.b - 1)
	switch strings.Trim(sep, " ") {
	case "", ".", "-", "/", "_":
	default:
		w.plain = false
	}
	var core [maxSep * utf8.UTFMax]byte
	size := 0
	for i := 0; i < len(sep); i++ {
		switch c := sep[i]; {
		case c == ',':
			w.comma = true
			fallthrough
		case strings.IndexByte(phoneSeps, c) < 0:
			w.charset = false
		}
		if c := sep[i]; c != ' ' {
			w.spaces = false
			if c != '(' && c != ')' {
				core[size] = c
				size++
			}
		}
	}
	if w.b-1 == w.a && strings.Contains(sep, ")") {
		return // "(02) 3456-7890": the area code's parentheses are apart
	}
	switch {
	case !w.hasCore:
		w.core, w.coreSize, w.hasCore = core, size, true
	case size != w.coreSize || core != w.core:
		w.mixed = true
	}
}

// sep is the separator of the window: "" for spaces only, "?" when they differ.
func (w *window) sep() string {
	if w.mixed {
		return "?"
	}
	return string(w.core[:w.coreSize])
}

// groups is the number of groups in the window.
func (w *window) groups() int { return w.b - w.a + 1 }

// alone reports whether nothing glued to the window makes it part of a word or of a longer
// number: no letter of an alphabet right before or after it, and no neighbouring group joined
// by punctuation without a space (the window "2-3-4" of "1-2-3-4-5").
func (w *window) alone() bool { return w.aloneWith(false, false) }

// aloneWith is alone, but when wordBefore is set a word glued before the window is let be (the
// label of a phone number: "HP010-2345-6789", "Tel02-3456-7890"), and when wordAfter is set a
// word glued after it (an extension, "x123"; a time, "T10:15").
func (w *window) aloneWith(wordBefore, wordAfter bool) bool {
	sc := w.c.sc
	first, last := w.c.groups[w.a], w.c.groups[w.b]
	if sc.is(first-1, "(") {
		first--
	}
	if sc.kind(first-1) == tAlpha && !wordBefore || sc.kind(last+1) == tAlpha && !wordAfter {
		return false
	}
	if w.a > 0 && !strings.Contains(w.c.sep(w.a-1), " ") {
		return false
	}
	if w.b+1 < len(w.c.groups) && !strings.Contains(w.c.sep(w.b), " ") {
		return false
	}
	return true
}

// unglued reports whether no letter of an alphabet touches the window.
func (w *window) unglued() bool {
	sc := w.c.sc
	return sc.kind(w.c.groups[w.a]-1) != tAlpha && sc.kind(w.c.groups[w.b]+1) != tAlpha
}

// numbers finds phone numbers, numeric dates and ID-like numbers among the digits.
func (sc *scanner) numbers() {
	var groups []int
	for k, t := range sc.toks {
		if t.kind == tDigits {
			groups = append(groups, k)
		}
	}
	for a := 0; a < len(groups); {
		b := a
		for b+1 < len(groups) {
			gap := sc.s[sc.toks[groups[b]].end:sc.toks[groups[b+1]].start]
			if !joins(gap) {
				break
			}
			b++
		}
		sc.chain(chain{sc: sc, groups: groups[a : b+1]})
		sc.labelled(groups[a : b+1])
		a = b + 1
	}
	for _, k := range groups {
		sc.digitRun(k)
	}
}

// numberLabels are the words that name the number after them a number: "No. 12345", "prisoner
// 4521", "#4521".
var numberLabels = map[string]bool{
	"no": true, "nr": true, "num": true, "number": true, "id": true, "prisoner": true, "inmate": true,
	"detainee": true, "#": true,
}

// labelled adds a number of 4 digits or more after a label that names it a number ("No. 12345",
// "prisoner number 12-345", "#4521", "수감번호 1234", "수번: 4521"): a prisoner's, a case's or a
// document's number, too short to be an ID-like number on its own. A year after a label of an
// alphabet ("no 2016 records", "#2016") is let be. groups are the digit tokens of a chain; at
// most its first four, joined by one "-", " ", "." or "/" each, are read.
func (sc *scanner) labelled(groups []int) {
	k := groups[0] - 1
	if sc.kind(k) == tSpace {
		k--
	}
	if sc.isAny(k, ":.") {
		k--
		if sc.kind(k) == tSpace {
			k--
		}
	}
	korean := false
	switch {
	case sc.is(k, "#"), numberLabels[sc.word(k)]:
	case sc.kind(k) == tCJK:
		w := sc.str(k)
		for _, particle := range []string{"은", "이", "도"} {
			w = strings.TrimSuffix(w, particle)
		}
		if len(w) > 24 || !strings.Contains(w, "번호") && !strings.HasSuffix(w, "수번") {
			return
		}
		korean = true
	default:
		return
	}
	n, last := 0, groups[0]
	for i, g := range groups {
		if i == 4 || i > 0 && !strings.Contains("- ./", sc.s[sc.toks[last].end:sc.toks[g].start]) {
			break // "No. 35 (2017)" is a number and a year
		}
		n += len(sc.str(g))
		last = g
	}
	if n < 4 || !korean && last == groups[0] && isYear(sc.str(groups[0])) {
		return
	}
	sc.add(KindIDNumber, prioDigits, groups[0], last)
}

// joins reports whether the text between two runs of digits joins them into one number.
func joins(gap string) bool {
	if len(gap) > maxSep*utf8.UTFMax {
		return false
	}
	n := 0
	for _, r := range gap {
		n++
		switch {
		case n > maxSep:
			return false
		case r < utf8.RuneSelf:
			if strings.IndexByte(sepChars, byte(r)) < 0 {
				return false
			}
		case unicode.Is(unicode.Sc, r), !unicode.IsPunct(r) && !unicode.IsSymbol(r):
			return false // "$1 $2", letters
		}
	}
	return true
}

func (sc *scanner) chain(c chain) {
	if len(c.groups) < 3 {
		n := 0
		for i := range c.groups {
			n += len(c.digits(i))
		}
		if n < 7 {
			return // too short for any pattern but a date, which needs three groups
		}
	}
	c.windows(KindIDNumber, prioResident, 13, resident, residentMore)
	c.windows(KindPhone, prioPhone, 17, nationalPhone, nationalMore)
	c.numericDates()
	c.windows(KindPhone, prioGrouped, 15, groupedPhone, groupedMore)
	c.windows(KindIDNumber, prioGrouped, 40, groupedID, groupedIDMore)
	c.windows(KindIDNumber, prioGrouped, 48, smallGroups, smallGroupsMore)
}

// windows tries, from each group, the windows of up to maxGroups groups and maxDigits digits,
// and adds the longest one ok accepts; the next try starts after it. A window grows only while
// more says a longer one could be accepted, so each try looks at few groups.
func (c chain) windows(kind string, prio, maxDigits int, ok, more func(w *window) bool) {
	w := &c.sc.win // one for every try: ok keeps no pointer to it
	for a := 0; a < len(c.groups); {
		best := -1
		for w.reset(c, a); ; w.grow() {
			if w.n > maxDigits {
				break
			}
			if ok(w) {
				best = w.b
			}
			if w.b+1 >= len(c.groups) || w.b+1 >= a+maxGroups || !more(w) {
				break
			}
		}
		if best < 0 {
			a++
			continue
		}
		first := c.groups[a]
		if kind == KindPhone {
			// the + of an international number, the parenthesis of an area code
			if k := c.sc.plus(first); k >= 0 {
				first = k
			} else if c.sc.is(first-1, "(") {
				first--
			}
		}
		c.sc.add(kind, prio, first, c.groups[best])
		a = best + 1
	}
}

// extension reports whether token k is the extension glued after a phone number: "x123",
// "ext123", "ext.123".
func (sc *scanner) extension(k int) bool {
	switch sc.word(k) {
	case "x", "ext", "extn":
		return sc.kind(k+1) == tDigits || sc.is(k+1, ".") && sc.kind(k+2) == tDigits
	}
	return false
}

// timeAfter reports whether token k is the "T" that joins a time to a date: 2016-03-04T10:15.
func (sc *scanner) timeAfter(k int) bool {
	return sc.word(k) == "t" && sc.kind(k+1) == tDigits
}

// plus is the index of the "+" before the digit token k ("+82", "+ 82", "+(82)"), or -1.
func (sc *scanner) plus(k int) int {
	k--
	if sc.is(k, "(") {
		k--
	}
	if sc.kind(k) == tSpace {
		k--
	}
	if sc.is(k, "+") {
		return k
	}
	return -1
}

// resident accepts a Korean resident registration number: 850304-2123456.
func resident(w *window) bool {
	if w.groups() != 2 || len(w.c.digits(w.a)) != 6 || len(w.c.digits(w.b)) != 7 {
		return false
	}
	sep, d := w.sep(), w.c.digits(w.b)[0]
	return d >= '1' && d <= '8' && w.unglued() && (sep == "-" || sep == "" || sep == ".")
}

func residentMore(w *window) bool { return w.groups() == 1 && w.n == 6 }

// nationalMore reports whether the digits so far may start a national or international form.
func nationalMore(w *window) bool {
	d := w.head
	switch {
	case w.a == 0 && w.c.sc.plus(w.c.groups[0]) >= 0:
		return w.charset
	case d[0] == '0':
		return true
	case d[0] == '1':
		return w.n < 2 || d[1] >= '3'
	}
	return false
}

// startAlone reports whether nothing glued before the window's first group makes it part of a
// word or of a longer number.
func (w *window) startAlone() bool {
	first := w.c.groups[w.a]
	if w.c.sc.is(first-1, "(") {
		first--
	}
	return w.c.sc.kind(first-1) != tAlpha && (w.a == 0 || strings.Contains(w.c.sep(w.a-1), " "))
}

func groupedMore(w *window) bool {
	return w.charset && !w.mixed && w.minLen >= 2 && w.startAlone()
}

func groupedIDMore(w *window) bool {
	return w.charset && !w.mixed && w.minLen >= 3 && w.startAlone()
}

// nationalPhone accepts the international and national forms of phone numbers, whatever the
// separators between the groups: +82 10 2345 6789, 0082 10 2345 6789, Korean mobiles
// (010 - 2345 - 6789, 010/2345/6789), Chinese mobiles (138_1234_5678) and numbers with a trunk
// prefix 0 (02-3456-7890, 0433-2512345).
//
// A word glued before a national form with its trunk prefix 0 is let be (the label of the number:
// HP010-2345-6789, Tel02-3456-7890), not a word glued after it.
func nationalPhone(w *window) bool {
	d, n := w.head, w.n
	national := d[0] == '0' && d[1] != '0'
	sc := w.c.sc
	ext := false
	if after := w.c.groups[w.b] + 1; sc.kind(after) == tAlpha {
		if ext = sc.extension(after); !ext {
			return false
		}
	}
	if sc.kind(w.c.groups[w.a]-1) == tAlpha && !national {
		return false
	}
	switch {
	case w.a == 0 && w.c.sc.plus(w.c.groups[0]) >= 0:
		return n >= 8 && n <= 15 && d[0] != '0' && w.charset
	case n < 9:
		return false
	case d[0] == '0' && d[1] == '0':
		return n >= 10 && n <= 17 && d[2] != '0' && w.charset && (w.groups() == 1 || w.minLen >= 2)
	case d[0] == '0' && d[1] == '1' && strings.IndexByte("016789", d[2]) >= 0 && n >= 10 && n <= 11:
		return true // Korean mobile
	case d[0] == '1' && d[1] >= '3' && n == 11:
		return w.groups() <= 3 && (w.groups() == 1 || w.minLen >= 3) && !w.comma // Chinese mobile
	case d[0] == '0' && n <= 12:
		return w.groups() > 1 && w.minLen >= 2 && w.charset && !w.mixed && w.aloneWith(true, ext) && !(w.spaces && w.years > 0)
	}
	return false
}

// groupedPhone accepts 7 to 15 digits in groups joined the same way, but not a list of years
// (2014-2016), an amount with thousands separators (1 500 000), a range of round numbers
// (1000-2000), or numbers split by spaces only with fewer than two groups of 3 digits or more
// or with a year (in 2015 120 women); smallGroups takes groups of 2 to 4 digits.
func groupedPhone(w *window) bool {
	if w.n < 7 || w.groups() < 2 || w.minLen < 2 || !w.charset || w.mixed || !w.aloneWith(false, w.c.sc.extension(w.c.groups[w.b]+1)) {
		return false
	}
	switch {
	case w.years == w.groups():
		return false
	case thousands(w) && w.sep() != "-":
		return false
	case w.spaces && (w.long < 2 || w.years > 0):
		return false
	case roundRange(w):
		return false
	}
	return true
}

// groupedID accepts long numbers in groups of 3 or more digits, 12 digits or more in all (a card
// or account number: 1234 5678 9012 3456).
func groupedID(w *window) bool {
	return w.n >= 12 && w.groups() >= 2 && w.minLen >= 3 && w.charset && !w.mixed &&
		w.years < w.groups() && !thousands(w) && w.alone()
}

// smallGroups accepts three groups or more of 2 to 4 digits, 6 digits or more in all, joined by
// spaces, dots, dashes, slashes or underscores: 123 456 789, 12 34 56, 12.34.56, 1234/5678/90, as a phone
// number, an ID or a code is written to be read out; but not a list of years (2014 2015 2016)
// nor an amount of money (15 000 000 won, ₩1.500.000).
func smallGroups(w *window) bool {
	if w.groups() < 3 || w.n < 6 || w.minLen < 2 || w.maxLen > 4 || !w.plain || w.years == w.groups() || !w.unglued() {
		return false
	}
	sc := w.c.sc
	first, last := w.c.groups[w.a], w.c.groups[w.b]
	if sc.money(first) || sc.money(last) {
		return false
	}
	if sc.isAny(first-1, "/.") && sc.kind(first-2) == tAlpha {
		return false // a document symbol: A/HRC/RES/25/63/12
	}
	k := first - 1
	if sc.kind(k) == tSpace {
		k--
	}
	return !(sc.is(k, "§") || sectionWords[sc.word(k)])
}

func smallGroupsMore(w *window) bool {
	return w.plain && w.minLen >= 2 && w.maxLen <= 4 && w.unglued()
}

// thousands reports whether the groups read as one number with thousands separators.
func thousands(w *window) bool {
	return len(w.c.digits(w.a)) <= 3 && w.threes
}

// roundRange reports whether two groups are a range of round numbers: 1000-2000, 500/1000.
func roundRange(w *window) bool {
	if w.groups() != 2 {
		return false
	}
	x, y := w.c.digits(w.a), w.c.digits(w.b)
	return len(x) >= 3 && len(y) >= 3 && strings.HasSuffix(x, "00") && strings.HasSuffix(y, "00")
}

// numericDates finds dates written in numbers: 2015-03-04, 2015.3.4, 2016. 5. 12., 2015 03 04,
// 4/3/2015, 04.03.2015, 4.3.16, 2015–03–04.
func (c chain) numericDates() {
	for a := 0; a+2 < len(c.groups); a++ {
		if !c.numericDate(a) {
			continue
		}
		end := c.groups[a+2]
		if c.sc.is(end+1, ".") && strings.Contains(c.sep(a), ". ") {
			end++ // "2016. 5. 12."
		}
		c.sc.add(KindDate, prioDate, c.groups[a], end)
		a += 2
	}
}

var sectionWords = map[string]bool{
	"section": true, "sections": true, "para": true, "paragraph": true, "paragraphs": true,
	"chapter": true, "article": true, "articles": true, "art": true, "version": true, "rule": true,
	"item": true, "table": true, "figure": true, "fig": true, "annex": true, "no": true, "point": true,
	"step": true, "page": true, "pages": true, "pp": true, "p": true, "recommendation": true,
}

func (c chain) numericDate(a int) bool {
	x, y, z := c.digits(a), c.digits(a+1), c.digits(a+2)
	s1, s2 := dateSep(c.sep(a)), dateSep(c.sep(a+1))
	if s1 == "?" || s2 == "?" {
		return false
	}
	w := &window{c: c, a: a, b: a + 2}
	if !w.aloneWith(false, c.sc.timeAfter(c.groups[a+2]+1)) {
		return false // but "2016-03-04T10:15:00", a date and a time
	}
	if len(y) > 2 {
		return false
	}
	if isYear(x) && len(z) <= 2 {
		if (s1 == "" || s2 == "") && (s1 != s2 || len(y) != 2 || len(z) != 2) {
			return false // "2015 03 04" but not "in 2015 3 4"
		}
		return validDay(atoi(y), atoi(z))
	}
	if len(x) > 2 || s1 == "" || s2 == "" || !(isYear(z) || len(z) <= 2) {
		return false
	}
	if len(z) <= 2 {
		// "4.3.16" is a date, but "section 4.3.16" is not
		k := c.groups[a] - 1
		if c.sc.kind(k) == tSpace {
			k--
		}
		if c.sc.is(k, "§") || sectionWords[c.sc.word(k)] {
			return false
		}
	}
	d, m := atoi(x), atoi(y)
	if len(x) == 2 && s1 == s2 && validDay(m, atoi(z)) {
		return true // a year of two digits first: 82.03.04, 16-3-4 (a Korean birth date)
	}
	return len(z) >= 2 && (validDay(m, d) || validDay(d, m))
}

// dateSep is the separator of a numeric date without its spaces: "-", "/", ".", "_" or "" for
// spaces only; "?" for anything else.
func dateSep(sep string) string {
	core := strings.Trim(sep, " ")
	switch core {
	case "-", "/", ".", "_", "":
		return core
	case "·", "・", "•":
		return "."
	}
	return "?"
}

// digitRun accepts 6 or more digits that are not an amount of money; 8 digits that read as a
// date (20150304) are a date.
func (sc *scanner) digitRun(k int) {
	s := sc.str(k)
	if len(s) < 6 {
		return
	}
	if len(s) <= 10 && s[0] != '0' && sc.money(k) {
		return
	}
	if len(s) == 8 && isYear(s[:4]) && validDay(atoi(s[4:6]), atoi(s[6:])) {
		sc.add(KindDate, prioDate, k, k)
		return
	}
	sc.add(KindIDNumber, prioDigits, k, k)
}

var currencyWords = map[string]bool{
	"won": true, "yuan": true, "usd": true, "krw": true, "rmb": true, "cny": true, "dollar": true,
	"dollars": true, "euro": true, "euros": true, "eur": true, "gbp": true, "jpy": true, "yen": true,
	"pounds": true, "us": true,
}

var currencyCJK = []string{"원", "위안", "元", "달러", "만", "천", "억", "유로", "엔", "円"}

// money reports whether the digit token k is an amount: a currency sign or word right before or
// after it, with at most a space between.
func (sc *scanner) money(k int) bool {
	b := k - 1
	if sc.kind(b) == tSpace {
		b--
	}
	if sc.isAny(b, "$₩¥€£") || currencyWords[sc.word(b)] {
		return true
	}
	a := sc.skipSpace(k + 1)
	if currencyWords[sc.word(a)] {
		return true
	}
	if sc.kind(a) == tCJK {
		for _, w := range currencyCJK {
			if strings.HasPrefix(sc.str(a), w) {
				return true
			}
		}
	}
	return false
}

// passports finds passport-like numbers: one or two letters and 7 or 8 digits (M12345678, also
// in groups: M1234 5678), or a letter, 3 digits, a letter and 4 digits (M123A4567).
func (sc *scanner) passports() {
	for k := 0; k+1 < len(sc.toks); k++ {
		if sc.kind(k) != tAlpha || sc.kind(k-1) == tDigits || !asciiLetters(sc.str(k), 2) {
			continue
		}
		if n := len(sc.str(k + 1)); sc.kind(k+1) == tDigits && (n == 7 || n == 8) && sc.kind(k+2) != tAlpha {
			sc.add(KindIDNumber, prioPassport, k, k+1)
			k++
			continue
		}
		if end, ok := sc.groupedPassport(k + 1); ok {
			sc.add(KindIDNumber, prioPassport, k, end)
			k = end
			continue
		}
		if len(sc.str(k)) == 1 && sc.kind(k+1) == tDigits && len(sc.str(k+1)) == 3 &&
			sc.kind(k+2) == tAlpha && asciiLetters(sc.str(k+2), 1) &&
			sc.kind(k+3) == tDigits && len(sc.str(k+3)) == 4 && sc.kind(k+4) != tAlpha {
			sc.add(KindIDNumber, prioPassport, k, k+3)
			k += 3
		}
	}
}

// groupedPassport reads the digits of a passport number written in groups after its letters,
// from the digit token k: 7 or 8 digits in groups of 2 or more joined by one space, "-" or "."
// (M1234 5678, M1234-5678, M12 345 678). It gives the last group's token.
func (sc *scanner) groupedPassport(k int) (end int, ok bool) {
	n, groups := 0, 0
	var sep string
	for {
		d := sc.number(k, 8)
		if d < 0 || len(sc.str(k)) < 2 || groups > 0 && isYear(sc.str(k)) {
			return 0, false // not "F16 2016 12"
		}
		n, groups, end = n+len(sc.str(k)), groups+1, k
		if n > 8 {
			return 0, false
		}
		if s := sc.str(k + 1); sc.kind(k+2) == tDigits && (sc.kind(k+1) == tSpace || sc.isAny(k+1, "-.")) && (sep == "" || s == sep) {
			sep, k = s, k+2
			continue
		}
		break
	}
	return end, groups >= 2 && n >= 7 && sc.kind(end+1) != tAlpha
}

// asciiLetters reports whether s is 1 to n ASCII letters.
func asciiLetters(s string, n int) bool {
	if len(s) == 0 || len(s) > n {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isASCIILetter(s[i]) {
			return false
		}
	}
	return true
}
