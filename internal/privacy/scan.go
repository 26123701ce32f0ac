package privacy

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/width"

	"github.com/shadowreport/shadowreport/internal/codebook"
)

// The kinds of Hit.
const (
	KindPhone        = "phone"
	KindEmail        = "email"
	KindDate         = "date"
	KindIDNumber     = "id-number"
	KindNeverPublish = "never_publish"
)

// Hit is a passage of a text that could identify someone.
type Hit struct {
	Kind       string // KindPhone, KindEmail, KindDate, KindIDNumber or KindNeverPublish
	Match      string // the passage as written: text[Start:End]
	Start, End int    // byte offsets in the text
}

// Describe names what was found, for a message: "a phone number", "an exact date", ...
func (h Hit) Describe() string {
	switch h.Kind {
	case KindPhone:
		return "a phone number"
	case KindEmail:
		return "an e-mail address"
	case KindDate:
		return "an exact date"
	case KindIDNumber:
		return "an ID-like number"
	case KindNeverPublish:
		return "a never_publish term"
	}
	return h.Kind
}

// Scan finds what could identify someone in a quote or a text cell: phone numbers (+82 and other
// international forms, Korean 010-1234-5678 and 01012345678, Chinese 11-digit mobiles, other
// numbers of 7 to 15 digits in groups split by -, . or spaces), e-mail addresses, exact dates
// (2015-03-04, 2015.3.4, 4/3/2015, 4 March 2015, March 4, 2015, 2015년 3월 4일, 3월 4일, and
// a day and month without the year), ID-like numbers (runs of 6 or more digits, Korean resident
// registration numbers 850304-2123456, passport numbers such as M12345678) and each
// never_publish term.
//
// A year alone ("2015", "in the 1990s", "2014-2016"), a month and year ("March 2015",
// "2015년 3월"), "k of n" figures, ages and amounts of money marked by a currency ("1500000원",
// "$2000") are not hits. Fullwidth forms count as the characters they stand for
// ("０１０-２３４５-６７８９" is a phone number).
//
// Terms are compared after codebook.Key on both sides (Unicode NFC, case folding, unified spaces
// and dashes) and width folding ("Ｈoeryong" is "Hoeryong"). A term whose first or last
// character is a letter or digit of an alphabet (Latin, Cyrillic, ...) must start or end there
// at a word boundary ("Onsong" does not match "Onsongs"; a Korean particle after it is a
// boundary), while Hangul and Han characters match anywhere ("회령" in "회령에서").
//
// Hits come in text order, with offsets in text; where two patterns overlap only the more
// specific is kept (an e-mail address over a phone number, a date over a number); never_publish
// hits are kept whatever they overlap.
func Scan(text string, neverPublish []string) []Hit {
	// the patterns run on a copy in NFC with fullwidth forms folded, mapped back at the end
	narrow := foldText(text, false)
	var cands []candidate
	for _, d := range detectors() {
		cands = d.find(narrow.s, cands)
	}
	for i, c := range cands {
		cands[i].start, cands[i].end = narrow.span(c.start, c.end)
	}
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
	var hits []Hit
	for _, c := range cands {
		if slices.ContainsFunc(hits, func(h Hit) bool { return c.start < h.End && h.Start < c.end }) {
			continue
		}
		hits = append(hits, Hit{Kind: c.kind, Match: text[c.start:c.end], Start: c.start, End: c.end})
	}
	hits = append(hits, findTerms(text, neverPublish)...)
	slices.SortFunc(hits, func(a, b Hit) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		if a.End != b.End {
			return a.End - b.End
		}
		return strings.Compare(a.Kind, b.Kind)
	})
	return slices.CompactFunc(hits, func(a, b Hit) bool { return a == b })
}

type candidate struct {
	kind       string
	prio       int
	start, end int
}

// detector finds one pattern. ok checks a match against its context (Go's regexp has no
// look-behind) and may change its kind; a rejected match is tried again one character later.
type detector struct {
	kind string
	prio int
	re   *regexp.Regexp
	ok   func(text string, m []int) (kind string, ok bool)
}

func (d detector) find(text string, out []candidate) []candidate {
	for pos := 0; pos < len(text); {
		loc := d.re.FindStringSubmatchIndex(text[pos:])
		if loc == nil {
			break
		}
		for i := range loc {
			if loc[i] >= 0 {
				loc[i] += pos
			}
		}
		kind, ok := d.kind, true
		if d.ok != nil {
			kind, ok = d.ok(text, loc)
			if kind == "" {
				kind = d.kind
			}
		}
		if ok && loc[1] > loc[0] {
			out = append(out, candidate{kind, d.prio, loc[0], loc[1]})
			pos = loc[1]
			continue
		}
		_, size := utf8.DecodeRuneInString(text[loc[0]:])
		pos = loc[0] + max(size, 1)
	}
	return out
}

const month = `(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?`

var (
	emailRE      = regexp.MustCompile(`[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}`)
	residentRE   = regexp.MustCompile(`\d{6} ?- ?[1-8]\d{6}`)
	intlPhoneRE  = regexp.MustCompile(`\+ ?[1-9]\d{0,2}(?:[ .\-]?\(?\d{1,5}\)?){1,6}`)
	koPhoneRE    = regexp.MustCompile(`01[016789][ .\-]?\d{3,4}[ .\-]?\d{4}`)
	cnPhoneRE    = regexp.MustCompile(`1[3-9]\d[ .\-]?\d{4}[ .\-]?\d{4}`)
	phoneRE      = regexp.MustCompile(`(?:\(\d{2,4}\) ?|\d{2,4}[ .\-])\d{2,8}(?:[ .\-]\d{2,8}){0,3}`)
	isoDateRE    = regexp.MustCompile(`((?:19|20)\d\d)(?:([\-/])(\d{1,2})[\-/](\d{1,2})|\. ?(\d{1,2})\. ?(\d{1,2})\.?)`)
	numDateRE    = regexp.MustCompile(`(\d{1,2})(?:/(\d{1,2})/(\d{4}|\d{2})|\.(\d{1,2})\.(\d{4})|-(\d{1,2})-(\d{4}))`)
	dayMonthRE   = regexp.MustCompile(`(?i)(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(` + month + `)(?:,?\s+((?:19|20)\d\d))?\b`)
	monthDayRE   = regexp.MustCompile(`(?i)(` + month + `)\s+(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+((?:19|20)\d\d)\b)?`)
	cjkDateRE    = regexp.MustCompile(`(?:(?:19|20)\d\d\s*[년年]\s*)?(\d{1,2})\s*[월月]\s*(\d{1,2})\s*[일日]`)
	passportRE   = regexp.MustCompile(`[A-Za-z]{1,2}\d{7,8}|[A-Za-z]\d{3}[A-Za-z]\d{4}`)
	digitsRE     = regexp.MustCompile(`\d{6,}`)
	currencyBfRE = regexp.MustCompile(`(?i)(?:[$₩¥€£]|us\$|usd|krw|rmb|cny|won|yuan)\s?$`)
	currencyAfRE = regexp.MustCompile(`(?i)^\s?(?:won\b|원|yuan\b|위안|元|usd\b|krw\b|rmb\b|cny\b|dollars?\b|달러|euros?\b|만|천|억)`)
)

// detectors lists the patterns; prio decides between overlapping matches (lower wins).
func detectors() []detector {
	return []detector{
		{KindEmail, 0, emailRE, nil},
		{KindIDNumber, 1, residentRE, digitBounded},
		{KindPhone, 2, intlPhoneRE, intlPhone},
		{KindPhone, 3, koPhoneRE, digitBounded},
		{KindPhone, 3, cnPhoneRE, digitBounded},
		{KindDate, 4, isoDateRE, isoDate},
		{KindDate, 4, numDateRE, numDate},
		{KindDate, 4, dayMonthRE, dayMonth},
		{KindDate, 4, monthDayRE, monthDay},
		{KindDate, 4, cjkDateRE, cjkDate},
		{KindIDNumber, 5, passportRE, passport},
		{KindPhone, 6, phoneRE, groupedPhone},
		{KindIDNumber, 7, digitsRE, digitRun},
	}
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

func isASCIILetter(b byte) bool { return b|0x20 >= 'a' && b|0x20 <= 'z' }

// digitBounded rejects a match that is part of a longer number.
func digitBounded(text string, m []int) (string, bool) {
	return "", (m[0] == 0 || !isDigit(text[m[0]-1])) && (m[1] == len(text) || !isDigit(text[m[1]]))
}

// alnumBounded rejects a match inside a longer word or number.
func alnumBounded(text string, m []int) bool {
	before := m[0] == 0 || !(isDigit(text[m[0]-1]) || isASCIILetter(text[m[0]-1]))
	after := m[1] == len(text) || !(isDigit(text[m[1]]) || isASCIILetter(text[m[1]]))
	return before && after
}

func countDigits(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			n++
		}
	}
	return n
}

func intlPhone(text string, m []int) (string, bool) {
	// the pattern may end on a separator or an opening parenthesis: trim it back
	for m[1] > m[0] && !isDigit(text[m[1]-1]) && text[m[1]-1] != ')' {
		m[1]--
	}
	n := countDigits(text[m[0]:m[1]])
	for n > 15 {
		// the pattern ran into a following number: drop groups from the end
		j := strings.LastIndexAny(text[m[0]:m[1]], " .-(")
		if j <= 1 {
			break
		}
		m[1] = m[0] + j
		for m[1] > m[0] && !isDigit(text[m[1]-1]) && text[m[1]-1] != ')' {
			m[1]--
		}
		n = countDigits(text[m[0]:m[1]])
	}
	ok := n >= 8 && n <= 15 && (m[0] == 0 || !isDigit(text[m[0]-1]))
	return "", ok && (m[1] == len(text) || !isDigit(text[m[1]]))
}

// digitGroups splits a grouped number into its digit runs and reports the separators it uses.
func digitGroups(s string) (groups []string, spacesOnly bool) {
	spacesOnly = true
	start := -1
	for i := 0; i <= len(s); i++ {
		if i < len(s) && isDigit(s[i]) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			groups = append(groups, s[start:i])
			start = -1
		}
		if i < len(s) && s[i] != ' ' {
			spacesOnly = false
		}
	}
	return groups, spacesOnly
}

func isYear(s string) bool {
	return len(s) == 4 && (s[:2] == "19" || s[:2] == "20")
}

// groupedPhone accepts 7 to 15 digits in groups, but not a list of years (2014-2016), an amount
// with thousands separators (1 500 000), or numbers split by spaces only that are a row of small
// numbers (25 31 40) or hold a year (in 2015 120 women).
func groupedPhone(text string, m []int) (string, bool) {
	if m[0] > 0 && (isDigit(text[m[0]-1]) || isASCIILetter(text[m[0]-1]) || strings.ContainsRune("+.-/", rune(text[m[0]-1]))) {
		return "", false
	}
	if m[1] < len(text) && (isDigit(text[m[1]]) || isASCIILetter(text[m[1]]) || text[m[1]] == '/') {
		return "", false
	}
	groups, spacesOnly := digitGroups(text[m[0]:m[1]])
	n, long, years, thousands := 0, 0, 0, len(groups[0]) <= 3
	for i, g := range groups {
		n += len(g)
		if len(g) >= 3 {
			long++
		}
		if isYear(g) {
			years++
		}
		if i > 0 && len(g) != 3 {
			thousands = false
		}
	}
	sep := text[m[0]:m[1]]
	dashes := strings.Contains(sep, "-")
	switch {
	case n < 7 || n > 15 || years == len(groups):
		return "", false
	case thousands && !dashes:
		return "", false
	case spacesOnly && (long < 2 || years > 0):
		return "", false // "25 31 40", "in 2015 120 women"
	}
	return "", true
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// validDay reports whether day/month could be a date.
func validDay(month, day int) bool {
	return month >= 1 && month <= 12 && day >= 1 && day <= 31
}

func isoDate(text string, m []int) (string, bool) {
	if _, ok := digitBounded(text, m); !ok {
		return "", false
	}
	mo, d := 6, 8 // 2015-03-04, 2015/03/04
	if m[4] < 0 {
		mo, d = 10, 12 // 2015.3.4, 2015. 3. 4.
	}
	return "", validDay(atoi(text[m[mo]:m[mo+1]]), atoi(text[m[d]:m[d+1]]))
}

func numDate(text string, m []int) (string, bool) {
	if m[0] > 0 && (isDigit(text[m[0]-1]) || strings.ContainsRune("/.-", rune(text[m[0]-1]))) {
		return "", false
	}
	if m[1] < len(text) && (isDigit(text[m[1]]) || text[m[1]] == '/') {
		return "", false
	}
	a := atoi(text[m[2]:m[3]])
	var b int
	for _, g := range []int{4, 8, 12} {
		if m[g] >= 0 {
			b = atoi(text[m[g]:m[g+1]])
		}
	}
	return "", validDay(a, b) || validDay(b, a)
}

func dayMonth(text string, m []int) (string, bool) {
	if m[0] > 0 && isDigit(text[m[0]-1]) {
		return "", false
	}
	return "", validDay(1, atoi(text[m[2]:m[3]])) && monthWord(text[m[4]:m[5]])
}

func monthDay(text string, m []int) (string, bool) {
	if m[0] > 0 && isASCIILetter(text[m[0]-1]) {
		return "", false
	}
	return "", validDay(1, atoi(text[m[4]:m[5]])) && monthWord(text[m[2]:m[3]])
}

// monthWord rejects the verbs "may" and "march" written in lower case.
func monthWord(w string) bool {
	return w != "may" && w != "march"
}

func cjkDate(text string, m []int) (string, bool) {
	if m[0] > 0 && isDigit(text[m[0]-1]) {
		return "", false
	}
	return "", validDay(atoi(text[m[2]:m[3]]), atoi(text[m[4]:m[5]]))
}

func passport(text string, m []int) (string, bool) {
	return "", alnumBounded(text, m)
}

// digitRun accepts 6 or more digits that are not an amount of money; 8 digits that read as a
// date (20150304) are a date.
func digitRun(text string, m []int) (string, bool) {
	if _, ok := digitBounded(text, m); !ok {
		return "", false
	}
	if currencyBfRE.MatchString(text[:m[0]]) || currencyAfRE.MatchString(text[m[1]:]) {
		return "", false
	}
	s := text[m[0]:m[1]]
	if len(s) == 8 && isYear(s[:4]) && validDay(atoi(s[4:6]), atoi(s[6:])) {
		return KindDate, true
	}
	return "", true
}

// findTerms finds the never_publish terms, comparing codebook keys.
func findTerms(text string, terms []string) []Hit {
	if len(terms) == 0 {
		return nil
	}
	f := foldText(text, true)
	var hits []Hit
	seen := map[string]bool{}
	for _, term := range terms {
		t := codebook.Key(width.Fold.String(term))
		if t == "" || seen[t] {
			continue
		}
		seen[t] = true
		first, _ := utf8.DecodeRuneInString(t)
		last, _ := utf8.DecodeLastRuneInString(t)
		for from := 0; from < len(f.s); {
			i := strings.Index(f.s[from:], t)
			if i < 0 {
				break
			}
			i += from
			j := i + len(t)
			_, size := utf8.DecodeRuneInString(f.s[i:])
			from = i + max(size, 1)
			if wordRune(first) {
				if r, _ := utf8.DecodeLastRuneInString(f.s[:i]); i > 0 && wordRune(r) {
					continue
				}
			}
			if wordRune(last) {
				if r, _ := utf8.DecodeRuneInString(f.s[j:]); j < len(f.s) && wordRune(r) {
					continue
				}
			}
			start, end := f.span(i, j)
			hits = append(hits, Hit{Kind: KindNeverPublish, Match: text[start:end], Start: start, End: end})
		}
	}
	return hits
}

// wordRune reports whether r belongs to a word of an alphabet written with spaces between words.
// Hangul, Han and kana are written without such boundaries and are never word runes.
func wordRune(r rune) bool {
	if !(unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)) {
		return false
	}
	return !unicode.In(r, unicode.Hangul, unicode.Han, unicode.Hiragana, unicode.Katakana)
}

// folded is a text in a normal form, with the span of the original text each byte comes from.
type folded struct {
	s          string
	start, end []int
}

// span maps the bytes [i, j) of the folded text back to the original text.
func (f folded) span(i, j int) (int, int) { return f.start[i], f.end[j-1] }

// foldText normalises text piece by piece, keeping track of positions. Each normalisation
// segment (a character and its combining marks, in NFC) is width-folded (fullwidth "０１０" to
// "010", "Ｈ" to "H"); with key set, each is also put in codebook.Key form, a run of spaces
// becomes one space and " - " becomes "-", as Key does on a whole text.
func foldText(text string, key bool) folded {
	var b []byte
	var starts, ends []int
	emit := func(s string, p, q int) {
		for i := 0; i < len(s); i++ {
			b = append(b, s[i])
			starts = append(starts, p)
			ends = append(ends, q)
		}
	}
	var it norm.Iter
	it.InitString(norm.NFC, text)
	for !it.Done() {
		p := it.Pos()
		seg := width.Fold.String(string(it.Next()))
		q := it.Pos()
		if q <= p {
			break // no progress: cannot happen, but never loop
		}
		if !key {
			emit(seg, p, q)
			continue
		}
		if r, _ := utf8.DecodeRuneInString(seg); unicode.IsSpace(r) {
			if len(b) > 0 && b[len(b)-1] == ' ' {
				ends[len(ends)-1] = q
				continue
			}
			emit(" ", p, q)
			continue
		}
		emit(codebook.Key(seg), p, q)
	}
	out := folded{s: string(b), start: starts, end: ends}
	if !key || !strings.Contains(out.s, " - ") {
		return out
	}
	// " - " → "-", left to right as strings.ReplaceAll does
	var ob []byte
	out.start, out.end = nil, nil
	for i := 0; i < len(b); i++ {
		if b[i] == ' ' && i+2 < len(b) && b[i+1] == '-' && b[i+2] == ' ' {
			ob = append(ob, '-')
			out.start = append(out.start, starts[i+1])
			out.end = append(out.end, ends[i+1])
			i += 2
			continue
		}
		ob = append(ob, b[i])
		out.start = append(out.start, starts[i])
		out.end = append(out.end, ends[i])
	}
	out.s = string(ob)
	return out
}
