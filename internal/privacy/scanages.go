package privacy

import "strings"

var numberWords = map[string]int{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
	"nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
	"fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}

var tensWords = map[string]int{
	"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
	"ninety": 90,
}

// age reads an age at token k: 34, thirty-four, thirty four, seventy. It returns the index of
// its last token.
func (sc *scanner) age(k int) (end int, ok bool) {
	if n := sc.number(k, 3); n >= 1 && n <= 120 {
		return k, true
	}
	w := sc.word(k)
	if _, ok := numberWords[w]; ok {
		return k, true
	}
	if _, ok := tensWords[w]; ok {
		j := k + 1
		if sc.is(j, "-") || sc.kind(j) == tSpace {
			if u, ok := numberWords[sc.word(j+1)]; ok && u <= 9 {
				return j + 1, true
			}
		}
		return k, true
	}
	return 0, false
}

// notExact are words before a number that make it a bound or a range ("under 5 years old",
// "30 to 39 years old").
var notExact = map[string]bool{
	"under": true, "over": true, "than": true, "least": true, "most": true, "to": true, "and": true,
	"or": true, "above": true, "below": true, "from": true, "between": true, "upto": true,
}

// boundWords after a number make it a bound: "18 and over", "40 or older".
var boundWords = map[string]bool{
	"over": true, "older": true, "above": true, "up": true, "under": true, "younger": true,
	"below": true, "more": true, "less": true, "plus": true,
}

// ranged reports whether the number ending at token k is the start of a range or a bound:
// 30-39, 30–39, 30 to 39, 30s, 40+, 18 and over, 30%.
func (sc *scanner) ranged(k int) bool {
	j := k + 1
	switch {
	case sc.isAny(j, "-~/+%") || sc.is(j, "s") || sc.word(j) == "s":
		return true
	case sc.kind(j) == tSpace:
		switch sc.word(j + 1) {
		case "to", "and", "or":
			return sc.kind(j+2) == tSpace && (sc.kind(j+3) == tDigits || boundWords[sc.word(j+3)])
		}
		return sc.isAny(j+1, "-~+")
	}
	return false
}

// rangeEnd reports whether the number at token k ends a range or follows a bound: 30-39,
// under 5, between 30 and 39.
func (sc *scanner) rangeEnd(k int) bool {
	if notExact[sc.prevWord(k)] {
		return true
	}
	j := k - 1
	if sc.kind(j) == tSpace {
		j--
	}
	return sc.isAny(j, "-~") && (sc.kind(j-1) == tDigits || sc.kind(j-2) == tDigits)
}

// ages finds exact ages: aged 34, age 34, age: 34, at the age of 34, 34 years old, 34-year-old,
// thirty-four years old, 34 y/o, 34세, 34살, 만 34세, 34岁, 나이 34, and years of birth: born in
// 1982, 82년생. A range or a bound is no hit
// (aged 30-39, under 5 years old, 18 and over, 20세 이상).
func (sc *scanner) ages() {
	for k := 0; k < len(sc.toks); k++ {
		end, ok := sc.agedN(k)
		if !ok {
			end, ok = sc.nYearsOld(k)
		}
		if ok {
			sc.add(KindAge, prioAge, k, end)
			k = end
			continue
		}
		if end, ok := sc.birthday(k); ok {
			sc.add(KindAge, prioAge, k, end)
			k = end
			continue
		}
		if end, n, ok := sc.birthYear(k); ok {
			sc.addPrefix(KindAge, prioAge, k, end, n)
			k = end
			continue
		}
		if end, n, ok := sc.koreanAge(k); ok {
			sc.addPrefix(KindAge, prioAge, k, end, n)
			k = end
		} else if end, n, ok := sc.nativeAge(k); ok {
			sc.addPrefix(KindAge, prioAge, k, end, n)
			k = end
		}
	}
}

// birthday reads a birthday counted by its number, which tells an age: "my 34th birthday",
// "her thirty-fourth birthday", "34번째 생일": the index of the last token.
func (sc *scanner) birthday(k int) (end int, ok bool) {
	if sc.kind(k-1) == tAlpha || sc.kind(k-1) == tDigits {
		return 0, false
	}
	// the word "birthday" a few tokens on: "fortieth birthday", "34th birthday",
	// "thirty-fourth birthday"
	if !sc.wordIs(k+2, "birthday") && !sc.wordIs(k+3, "birthday") && !sc.wordIs(k+4, "birthday") &&
		!(sc.kind(k) == tDigits && sc.kind(sc.skipSpace(k+1)) == tCJK) {
		return 0, false
	}
	j := -1
	if n := sc.number(k, 3); n > 0 {
		switch sc.word(k + 1) {
		case "st", "nd", "rd", "th":
			j = k + 2
		}
		if g := sc.skipSpace(k + 1); sc.kind(g) == tCJK && strings.HasPrefix(sc.str(g), "번째") {
			if h := sc.skipSpace(g + 1); sc.kind(h) == tCJK && strings.HasPrefix(sc.str(h), "생일") {
				return h, true
			}
		}
	} else if w := sc.word(k); ordinals[w] > 0 || tensOrdinals[w] {
		j = k + 1
	} else if tensWords[w] > 0 && (sc.is(k+1, "-") || sc.kind(k+1) == tSpace) && ordinals[sc.word(k+2)] > 0 && ordinals[sc.word(k+2)] <= 9 {
		j = k + 3
	}
	if j > 0 && sc.kind(j) == tSpace && sc.wordIs(j+1, "birthday") {
		return j + 1, true
	}
	return 0, false
}

// tensOrdinals are the ordinals of the tens from forty on (ordinals has twentieth and thirtieth).
var tensOrdinals = map[string]bool{
	"fortieth": true, "fiftieth": true, "sixtieth": true, "seventieth": true, "eightieth": true, "ninetieth": true,
}

// birthYear reads a year of birth, which tells an age: "born in 1982", "born '82", "Born: 1982",
// "DOB 1982", "생년: 1982", "1982년생", "82년생", "1982년 출생", "1982년에 태어났다". It gives the
// index of the last token and the length in bytes of the part of it that belongs to the passage.
func (sc *scanner) birthYear(k int) (end, size int, ok bool) {
	label := false
	switch sc.kind(k) {
	case tAlpha:
		label = sc.wordIs(k, "born") || sc.wordIs(k, "dob") || sc.wordIs(k, "yob")
	case tCJK:
		label = sc.str(k) == "생년" || sc.str(k) == "출생연도" || sc.str(k) == "출생년도"
	}
	if label {
		j := k + 1
		if sc.is(j, ":") {
			j++ // "Born: 1982", "DOB: 1982", "생년: 1982"
		}
		if sc.kind(j) != tSpace {
			return 0, 0, false
		}
		j++
		if sc.wordIs(j, "in") && sc.kind(j+1) == tSpace {
			j += 2
		}
		apostrophe := sc.is(j, "'")
		if apostrophe {
			j++
		}
		y := sc.str(j)
		if sc.kind(j) != tDigits || !(isYear(y) || apostrophe && len(y) == 2) || sc.kind(j+1) == tAlpha || sc.isAny(j+1, "-~/") {
			return 0, 0, false
		}
		return j, len(y), true
	}
	if y := sc.str(k); sc.kind(k) != tDigits || !(isYear(y) || len(y) == 2) || sc.kind(k-1) == tAlpha {
		return 0, 0, false
	}
	j := sc.skipSpace(k + 1)
	u := sc.str(j)
	if sc.kind(j) != tCJK || !strings.HasPrefix(u, "년") || sc.rangeEnd(k) {
		return 0, 0, false
	}
	if strings.HasPrefix(u, "년생") {
		return j, len("년생"), true
	}
	switch u {
	case "년", "년에", "년도", "년도에":
	default:
		return 0, 0, false
	}
	n := sc.skipSpace(j + 1)
	if w := sc.str(n); sc.kind(n) == tCJK && (w == "생" || strings.HasPrefix(w, "출생") || strings.HasPrefix(w, "태어")) {
		size = len(w)
		if strings.HasPrefix(w, "태어") {
			size = len("태어")
		}
		return n, size, true
	}
	return 0, 0, false
}

// agedN reads "aged 34", "age: 34", "Age:34", "age (34)", "age=34", "ages 34", "aged about 34",
// "the age of 34", "나이 34", "나이34", "나이는 서른넷".
func (sc *scanner) agedN(k int) (end int, ok bool) {
	j := k + 1
	korean := false
	switch w := sc.word(k); {
	case w == "aged" || w == "age" || w == "ages":
		if w == "age" && sc.kind(j) == tSpace && sc.word(j+1) == "of" {
			j += 2
		}
	case sc.kind(k) == tCJK && strings.HasPrefix(sc.str(k), "나이") && len([]rune(sc.str(k))) <= 3:
		korean = true
	default:
		return 0, false
	}
	// what a form or a note puts between the label and the number: "age: 34", "Age:34",
	// "age (34)", "age = 34", "age - 34"; "나이34" glued
	sep := sc.kind(j) == tSpace
	j = sc.skipSpace(j)
	if sc.isAny(j, ":=(-") {
		j, sep = sc.skipSpace(j+1), true
	}
	if !sep && !(korean && sc.kind(j) == tDigits) {
		return 0, false
	}
	if korean && sc.kind(j) == tCJK {
		return sc.nativeAgeNumber(j)
	}
	switch sc.word(j) {
	case "about", "around", "approximately", "roughly", "nearly", "almost", "just", "only":
		if sc.kind(j+1) != tSpace {
			return 0, false
		}
		j += 2
	}
	end, ok = sc.age(j)
	if !ok || sc.ranged(end) || sc.kind(end+1) == tCJK && strings.HasPrefix(sc.str(end+1), "대") {
		return 0, false
	}
	return end, true
}

// nYearsOld reads "34 years old", "34-year-old", "34 year old", "34 yrs old", "34 years of age",
// "34 y/o", "34yo", "34 y.o.".
func (sc *scanner) nYearsOld(k int) (end int, ok bool) {
	if sc.kind(k-1) == tAlpha {
		return 0, false
	}
	n, ok := sc.age(k)
	if !ok || sc.rangeEnd(k) {
		return 0, false
	}
	j := n + 1
	if sc.kind(j) == tSpace || sc.is(j, "-") {
		j++
	}
	switch sc.word(j) {
	case "years", "year", "yrs", "yr":
		switch {
		case (sc.kind(j+1) == tSpace || sc.is(j+1, "-")) && sc.word(j+2) == "old":
			return j + 2, true
		case sc.kind(j+1) == tSpace && sc.word(j+2) == "of" && sc.kind(j+3) == tSpace && sc.word(j+4) == "age":
			return j + 4, true
		}
	case "yo":
		return j, true
	case "y":
		if sc.is(j+1, "/") && sc.word(j+2) == "o" {
			return j + 2, true
		}
		if sc.is(j+1, ".") && sc.word(j+2) == "o" {
			return j + 2, true
		}
	}
	return 0, false
}

// ageAfter are what may follow 세 or 살 in the same word when it gives an age: particles and
// the like (34세에, 34살이었다, 34살짜리), not the words that start with these syllables
// (세대 generation, 세기 century, 세계 world, 살림 household).
const ageAfter = "에의인이였로때가쯤정무되된난도는은까부밖짜배먹반전후초말중던"

// koreanAge reads "34세", "34 살", "만 34세", "34岁", "34歲", "34歳", "34周岁", but not "30~39세",
// "20세 이상": the index of the unit's token and the unit's length in bytes.
func (sc *scanner) koreanAge(k int) (end, size int, ok bool) {
	n := sc.number(k, 3)
	if n < 1 || n > 120 || sc.kind(k-1) == tAlpha || sc.rangeEnd(k) {
		return 0, 0, false
	}
	j := sc.skipSpace(k + 1)
	u := sc.str(j)
	if sc.kind(j) != tCJK {
		return 0, 0, false
	}
	switch {
	case strings.HasPrefix(u, "岁"), strings.HasPrefix(u, "歳"), strings.HasPrefix(u, "歲"):
	case strings.HasPrefix(u, "周岁"), strings.HasPrefix(u, "週歲"), strings.HasPrefix(u, "周歲"), strings.HasPrefix(u, "虚岁"), strings.HasPrefix(u, "虛歲"):
		return j, len(u[:len("周岁")]), true // "34周岁", the full years of Chinese forms
	case strings.HasPrefix(u, "세"), strings.HasPrefix(u, "살"):
		rest := u[len("세"):]
		if rest != "" && !strings.ContainsRune(ageAfter, firstRune(rest)) {
			return 0, 0, false
		}
		if strings.HasPrefix(rest, "이상") || strings.HasPrefix(rest, "이하") {
			return 0, 0, false
		}
	default:
		return 0, 0, false
	}
	if next := sc.skipSpace(j + 1); sc.kind(next) == tCJK {
		for _, bound := range []string{"이상", "이하", "미만", "초과", "넘", "부터", "까지", "이전", "이후"} {
			if strings.HasPrefix(sc.str(next), bound) {
				return 0, 0, false
			}
		}
	}
	if sc.isAny(j+1, "~-") {
		return 0, 0, false // 30세~39세
	}
	return j, len(string(firstRune(u))), true
}

var nativeTens = []struct {
	word string
	n    int
}{{"스물", 20}, {"스무", 20}, {"서른", 30}, {"마흔", 40}, {"쉰", 50}, {"예순", 60}, {"일흔", 70}, {"여든", 80}, {"아흔", 90}, {"열", 10}}

var nativeUnits = []struct {
	word string
	n    int
}{{"다섯", 5}, {"여섯", 6}, {"일곱", 7}, {"여덟", 8}, {"아홉", 9}, {"한", 1}, {"두", 2}, {"세", 3}, {"네", 4},
	{"하나", 1}, {"둘", 2}, {"셋", 3}, {"넷", 4}}

// nativeNumber reads a number of 1 to 99 in native Korean numerals at the start of w ("서른네",
// "스무", "세"): its value, or 0, and what follows it.
func nativeNumber(w string) (n int, rest string) {
	for _, t := range nativeTens {
		if strings.HasPrefix(w, t.word) {
			n, w = t.n, w[len(t.word):]
			break
		}
	}
	for _, u := range nativeUnits {
		if strings.HasPrefix(w, u.word) {
			return n + u.n, w[len(u.word):]
		}
	}
	return n, w
}

// nativeAgeNumber reads, after "나이", an age in native Korean numerals without a unit: "서른넷",
// "서른 넷이었다", "스물다섯". A round number ("서른") is left: "나이 서른 초반" is a decade.
func (sc *scanner) nativeAgeNumber(k int) (end int, ok bool) {
	n, rest := nativeNumber(sc.str(k))
	end = k
	if n >= 10 && n%10 == 0 && rest == "" {
		if u := sc.skipSpace(k + 1); sc.kind(u) == tCJK {
			if m, r := nativeNumber(sc.str(u)); m > 0 && m < 10 {
				n, rest, end = n+m, r, u
			}
		}
	}
	if n < 10 || n%10 == 0 {
		return 0, false
	}
	if rest != "" && !strings.HasPrefix(rest, "살") && !strings.ContainsRune(ageAfter, firstRune(rest)) {
		return 0, false
	}
	for _, more := range []string{"이나", "이상", "넘", "도 넘", "차이"} {
		if strings.HasPrefix(rest, more) {
			return 0, false // "나이가 열셋이나 많은": a difference, a bound
		}
	}
	return end, true
}

// nativeAge reads an age in native Korean numerals: "서른네 살", "서른 네 살", "스무살", "세 살":
// the index of the token of 살 and the length of 살 in bytes.
func (sc *scanner) nativeAge(k int) (end, size int, ok bool) {
	if sc.kind(k) != tCJK || sc.kind(k-1) == tCJK {
		return 0, 0, false
	}
	n, rest := nativeNumber(sc.str(k))
	j := k
	if n > 0 && rest == "" && n%10 == 0 && n >= 10 {
		// "서른 네 살": the unit apart
		if u := sc.skipSpace(k + 1); sc.kind(u) == tCJK {
			if m, r := nativeNumber(sc.str(u)); m > 0 && m < 10 && (r == "" || strings.HasPrefix(r, "살")) {
				n, rest, j = n+m, r, u
			}
		}
	}
	if n == 0 {
		return 0, 0, false
	}
	if rest == "" {
		j = sc.skipSpace(j + 1)
		if sc.kind(j) != tCJK {
			return 0, 0, false
		}
		rest = sc.str(j)
	}
	if !strings.HasPrefix(rest, "살") {
		return 0, 0, false
	}
	if after := rest[len("살"):]; after != "" && !strings.ContainsRune(ageAfter, firstRune(after)) {
		return 0, 0, false
	}
	return j, len(sc.str(j)) - len(rest) + len("살"), true
}
