package privacy

import (
	"strings"
	"unicode/utf8"
)

var months = map[string]int{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
	"august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
	"oct": 10, "nov": 11, "dec": 12,
}

var ordinals = map[string]int{
	"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
	"eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
	"fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
	"nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}

// day reads a day of the month at token k: 4, 04, 4th, fourth, twenty-first, twenty first.
// strong is set when it is an ordinal (4th, fourth), which no verb is followed by.
func (sc *scanner) day(k int) (day int, strong bool, next int, ok bool) {
	if n := sc.number(k, 2); n >= 1 && n <= 31 {
		switch suffix := sc.word(k + 1); suffix {
		case "st", "nd", "rd", "th":
			return n, true, k + 2, true
		}
		return n, false, k + 1, true
	}
	w := sc.word(k)
	if w == "" {
		return 0, false, k, false
	}
	if n, ok := ordinals[w]; ok {
		return n, true, k + 1, true
	}
	for _, tens := range []struct {
		word string
		n    int
	}{{"twenty", 20}, {"thirty", 30}} {
		if !strings.HasPrefix(w, tens.word) {
			continue
		}
		unit, j := w[len(tens.word):], k+1
		if unit == "" && (sc.is(k+1, "-") || sc.kind(k+1) == tSpace) {
			unit, j = sc.word(k+2), k+3
		}
		if u, ok := ordinals[unit]; ok && u <= 9 && tens.n+u <= 31 {
			return tens.n + u, true, j, true
		}
	}
	return 0, false, k, false
}

// month reads a month name at token k ("March", "mar.", "Sept"); verb is set for "may" and
// "march" in lower case, which are more often verbs.
func (sc *scanner) month(k int) (month int, verb bool, next int, ok bool) {
	w := sc.word(k)
	m, ok := months[w]
	if !ok {
		return 0, false, k, false
	}
	verb = sc.str(k) == "may" || sc.str(k) == "march"
	next = k + 1
	if sc.is(next, ".") && len(w) <= 4 && w != "may" && w != "june" && w != "july" {
		next++ // "Sept.", not the full stop after "March."
	}
	return m, verb, next, true
}

// year reads ", 2016", " 2016", "-2016", "/16", " '16" after token k: the index of the year's
// last token, or -1.
func (sc *scanner) year(k int) int {
	j := k
	if sc.is(j, ",") {
		j++
	}
	punct := false
	switch {
	case sc.kind(j) == tSpace:
		j++
		if sc.is(j, "'") {
			j, punct = j+1, true
		}
	case sc.isAny(j, "-/."):
		j, punct = j+1, true
	default:
		return -1
	}
	if sc.kind(j) != tDigits || sc.kind(j+1) == tAlpha {
		return -1
	}
	if y := sc.str(j); isYear(y) || punct && len(y) == 2 {
		return j
	}
	return -1
}

// dates finds dates written with a month name: 4 March 2016, 4th of March, 04-Mar-2015, the
// third of March 2016, March 4, 2015, March the 4th, Sept. 12, March twenty-first, 04MAR2016.
func (sc *scanner) dates() {
	for k := 0; k < len(sc.toks); k++ {
		if end, ok := sc.gluedDate(k); ok {
			sc.add(KindDate, prioDate, k, end)
			k = end
		} else if end, ok := sc.dayMonth(k); ok {
			sc.add(KindDate, prioDate, k, end)
			k = end
		} else if end, ok := sc.monthDay(k); ok {
			sc.add(KindDate, prioDate, k, end)
			k = end
		}
	}
}

// gluedDate reads a day, a month name and a year written without a space, as travel documents
// and tickets print them: 04MAR2016, 4Mar16.
func (sc *scanner) gluedDate(k int) (end int, ok bool) {
	if sc.kind(k) != tDigits || sc.kind(k+1) != tAlpha || sc.kind(k+2) != tDigits || sc.kind(k-1) == tAlpha || sc.kind(k-1) == tDigits {
		return 0, false
	}
	d := sc.number(k, 2)
	m, _, _, ok := sc.month(k + 1)
	if !ok || !validDay(m, d) || sc.kind(k+2) != tDigits || sc.kind(k+3) == tAlpha {
		return 0, false
	}
	if y := sc.str(k + 2); len(y) == 2 || isYear(y) {
		return k + 2, true
	}
	return 0, false
}

// dayMonth reads a day then a month, and a year if one follows.
func (sc *scanner) dayMonth(k int) (end int, ok bool) {
	if sc.kind(k-1) == tAlpha || sc.kind(k-1) == tDigits {
		return 0, false
	}
	d, strong, j, ok := sc.day(k)
	if !ok {
		return 0, false
	}
	of := false
	switch {
	case sc.kind(j) == tSpace && sc.word(j+1) == "of" && sc.kind(j+2) == tSpace:
		j, of = j+3, true
	case sc.kind(j) == tSpace, sc.isAny(j, "-/"):
		j++
	case sc.is(j, "."):
		j = sc.skipSpace(j + 1)
	case strong && sc.is(j, ",") && sc.kind(j+1) == tSpace:
		j += 2 // "4th, March"
	case sc.kind(j) == tAlpha && j == k+1:
		// "4March": the month glued to the day
	default:
		return 0, false
	}
	m, verb, j, ok := sc.month(j)
	if !ok || !validDay(m, d) {
		return 0, false
	}
	end = j - 1
	y := sc.year(j)
	if y >= 0 {
		end = y
	}
	if verb && !strong && !of && y < 0 {
		return 0, false // "group 3 may be"
	}
	return end, true
}

// monthDay reads a month then a day, and a year if one follows.
func (sc *scanner) monthDay(k int) (end int, ok bool) {
	m, verb, j, ok := sc.month(k)
	if !ok {
		return 0, false
	}
	switch {
	case sc.kind(j) == tSpace:
		j++
		if sc.word(j) == "the" && sc.kind(j+1) == tSpace {
			j += 2
		}
	case sc.isAny(j, "-/"):
		j++
	case sc.kind(j) == tDigits:
		// "Mar.4", "March4": the day glued to the month or to its abbreviation's dot
	default:
		return 0, false
	}
	d, strong, j, ok := sc.day(j)
	if !ok || !validDay(m, d) || sc.kind(j) == tAlpha || sc.isAny(j, "%:") {
		return 0, false
	}
	end = j - 1
	y := sc.year(j)
	if y >= 0 {
		end = y
	} else if sc.kind(j) == tSpace && sc.kind(j+1) == tDigits || sc.isAny(j, ".,") && sc.kind(j+1) == tDigits {
		return 0, false // "March 15 000 people", "March 2.5"
	}
	if verb && !strong && y < 0 {
		return 0, false // "march 10 kilometres", "may 2 times"
	}
	return end, true
}

// splitDates finds a day and a month written apart in one phrase: "March 2016, on the 4th",
// "on the 4th, in March", "in March, on the twenty-first", "in March, 4th day". The day must be
// an ordinal (4th, fourth) after "the" or before "day", not followed by what it counts ("the 2nd
// wave", "the third time"), and the month a month name within a few words of it, in the same
// sentence.
func (sc *scanner) splitDates() {
	for k := 0; k < len(sc.toks); k++ {
		if sc.kind(k-1) == tAlpha || sc.kind(k-1) == tDigits {
			continue
		}
		d, strong, next, ok := sc.day(k)
		after := sc.word(sc.skipSpace(next))
		if !ok || !strong || counted[after] || sc.prevWord(k) != "the" && after != "day" {
			continue
		}
		end := next - 1
		if m, at := sc.monthNear(k, -1); at >= 0 && validDay(m, d) {
			sc.add(KindDate, prioDate, at, end)
		} else if m, at := sc.monthNear(end, 1); at >= 0 && validDay(m, d) {
			sc.add(KindDate, prioDate, k, at)
		}
		k = end
	}
}

// splitWords is how many words apart splitDates looks for a month.
const splitWords = 6

// counted are words an ordinal counts when it is not a day.
var counted = map[string]bool{
	"time": true, "times": true, "wave": true, "waves": true, "group": true, "groups": true,
	"round": true, "rounds": true, "year": true, "years": true, "week": true, "weeks": true,
	"month": true, "months": true, "floor": true, "grade": true, "class": true, "place": true,
	"attempt": true, "try": true, "cycle": true, "session": true, "sessions": true, "report": true,
	"reports": true, "periodic": true, "child": true, "children": true, "daughter": true,
	"son": true, "anniversary": true, "birthday": true, "century": true, "party": true,
	"congress": true, "person": true, "woman": true, "man": true, "one": true, "ones": true,
	"interview": true, "question": true, "step": true, "stage": true, "part": true, "page": true,
	"paragraph": true, "article": true, "item": true, "generation": true, "most": true,
	"largest": true, "highest": true, "lowest": true, "biggest": true, "smallest": true,
	"thing": true, "things": true, "night": true, "nights": true,
}

// monthNear looks from token k in direction dir (-1 back, 1 ahead) for a month name at most
// splitWords words away, without crossing the end of a sentence (an ellipsis is a pause, not an
// end): the month and its token, or -1. A lower-case "may" or "march" is not a month here.
func (sc *scanner) monthNear(k, dir int) (month, at int) {
	words := 0
	for j := k + dir; j >= 0 && j < len(sc.toks) && words <= splitWords; j += dir {
		switch sc.kind(j) {
		case tSpace:
			continue
		case tAlpha:
			if m, verb, _, ok := sc.month(j); ok && !verb {
				return m, j
			}
		case tOther:
			if sc.is(j, ".") && (sc.is(j-1, ".") || sc.is(j+1, ".")) {
				continue // an ellipsis, a pause in speech: "It was March... on the 4th"
			}
			if sc.isAny(j, "!?;") || sc.is(j, ".") && !(dir < 0 && sc.kind(j-1) == tAlpha && len(sc.str(j-1)) <= 4) {
				return 0, -1
			}
			continue
		case tCJK:
			return 0, -1
		}
		words++
	}
	return 0, -1
}

var koreanMonths = map[string]int{
	"일월": 1, "이월": 2, "삼월": 3, "사월": 4, "오월": 5, "유월": 6, "육월": 6, "칠월": 7, "팔월": 8,
	"구월": 9, "시월": 10, "십월": 10, "십일월": 11, "십이월": 12,
}

// koreanDates finds dates written with the units 년/월/일 or 年/月/日: 2016년 3월 4일, 3월 4일,
// 3월4일에, ２０１５年３月４日, 삼월 사일, 시월 이십일일.
func (sc *scanner) koreanDates() {
	for k := 0; k < len(sc.toks); k++ {
		m, j, ok := sc.koreanMonth(k)
		if !ok {
			continue
		}
		if sc.is(j, ",") || sc.is(j, "、") {
			j++ // "3월, 4일"
		}
		d, end, n, ok := sc.koreanDay(sc.skipSpace(j))
		if !ok || !validDay(m, d) {
			continue
		}
		start := k
		// a year before: 2016년, 16년, 2015年
		if y := k - 1 - boolInt(sc.kind(k-1) == tSpace); sc.kind(y) == tCJK && (sc.str(y) == "년" || sc.str(y) == "年") {
			y -= boolInt(sc.kind(y-1) == tSpace)
			if sc.kind(y-1) == tDigits {
				start = y - 1
			}
		}
		sc.addPrefix(KindDate, prioDate, start, end, n)
		k = end
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// koreanMonth reads "3월", "3 월", "3월달", "３月" or "삼월" at token k.
func (sc *scanner) koreanMonth(k int) (month, next int, ok bool) {
	if sc.kind(k) == tCJK {
		m, ok := koreanMonths[sc.str(k)]
		return m, k + 1, ok
	}
	m := sc.number(k, 2)
	if m < 1 || m > 12 || sc.kind(k-1) == tAlpha {
		return 0, k, false
	}
	j := sc.skipSpace(k + 1)
	if u := sc.str(j); sc.kind(j) == tCJK && (u == "월" || u == "月" || u == "월달") {
		return m, j + 1, true
	}
	return 0, k, false
}

// koreanDay reads "4일", "4 일에", "４日", "4号" or "사일", "이십일일에", "초사흘", "보름날" at token k: the day, the index of
// its last token and the bytes of that token up to the unit 일.
func (sc *scanner) koreanDay(k int) (day, end, n int, ok bool) {
	if sc.kind(k) == tCJK {
		d, n := sinoDay(sc.str(k))
		if d == 0 {
			d, n = nativeDay(sc.str(k))
		}
		return d, k, n, d > 0
	}
	d := sc.number(k, 2)
	if d < 1 {
		return 0, k, 0, false
	}
	j := sc.skipSpace(k + 1)
	if u := sc.str(j); sc.kind(j) == tCJK {
		for _, unit := range []string{"일", "日", "号", "號"} {
			if strings.HasPrefix(u, unit) {
				return d, j, len(unit), true
			}
		}
	}
	return 0, k, 0, false
}

// nativeDays are the days of a month named in native Korean words, as lunar dates are said: "3월
// 초사흘" is the third, "보름날" the fifteenth.
var nativeDays = []struct {
	word string
	day  int
}{
	{"초하루", 1}, {"초이틀", 2}, {"초사흘", 3}, {"초사흗", 3}, {"초나흘", 4}, {"초나흗", 4}, {"초닷새", 5},
	{"초엿새", 6}, {"초이레", 7}, {"초여드레", 8}, {"초아흐레", 9}, {"초열흘", 10}, {"보름날", 15},
	{"스무날", 20}, {"그믐날", 30},
}

// nativeDay reads a day named in native Korean words at the start of w: the day, or 0, and its
// length in bytes.
func nativeDay(w string) (day, size int) {
	for _, d := range nativeDays {
		if strings.HasPrefix(w, d.word) {
			return d.day, len(d.word)
		}
	}
	return 0, 0
}

var sinoDigits = map[rune]int{'일': 1, '이': 2, '삼': 3, '사': 4, '오': 5, '육': 6, '칠': 7, '팔': 8, '구': 9}

// sinoDay reads a day written in Sino-Korean numerals followed by 일 at the start of w ("사일",
// "십오일", "이십일일에"): the day, or 0, and its length in bytes.
func sinoDay(w string) (day, size int) {
	r := []rune(w)
	if len(r) > 8 {
		r = r[:8]
	}
	// every way to read a number of 1 to 31 at the start, followed by 일
	for n := min(len(r)-1, 4); n >= 1; n-- {
		if v := sinoNumber(r[:n]); v >= 1 && v <= 31 && r[n] == '일' {
			return v, len(string(r[:n+1]))
		}
	}
	return 0, 0
}

// sinoNumber is the value of a Sino-Korean numeral under 100 ("사" 4, "십오" 15, "이십일" 21),
// or 0.
func sinoNumber(r []rune) int {
	tens, i := 0, 0
	if len(r) >= 2 && r[1] == '십' {
		t, ok := sinoDigits[r[0]]
		if !ok || t == 1 {
			return 0
		}
		tens, i = t, 2
	} else if len(r) >= 1 && r[0] == '십' {
		tens, i = 1, 1
	}
	switch len(r) - i {
	case 0:
		return tens * 10
	case 1:
		if u, ok := sinoDigits[r[i]]; ok {
			return tens*10 + u
		}
	}
	return 0
}

// firstRune is the first character of s.
func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}
