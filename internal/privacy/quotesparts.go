package privacy

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/textnorm"
)

// QuasiHit is a passage of a quote that names a value of a quasi-identifier, or a part of one,
// that the quote's attribution does not give exactly.
type QuasiHit struct {
	Code       string // the code whose value the passage names
	Start, End int    // the passage, in bytes of the text; never print it
}

// QuasiMentions finds what a quote says of the quasi-identifiers of cb (age band, province,
// period of leaving) beyond what its attribution a (see Attribute) says. A passage is found when
// it names a value of a quasi-identifier or a part of one:
//
//   - the value as the codebook writes it ("North Hamgyong or Ryanggang", "30-39");
//   - a part of a grouped value: the values are split at " or ", " and ", "/", ",", ";", "&"
//     (and "또는", "및", "·" and the "ㆍ" a Korean keyboard types for it, and "와", "과", "나"
//     glued to the word before), so "Ryanggang" is a part of "North Hamgyong or Ryanggang";
//   - another name of a province a value names (places: romanisations, Hangul, Hanja, the main
//     cities and counties), and, for a value "other provinces", every province the other
//     values leave out;
//   - for an age value ("under 30", "30-39", "40 and over", "20s", "30대"): the decades it
//     covers ("thirties", "30s", "30대", "삼십대"; from the fifties on, "in her fifties"), and
//     an age inside it after a verb ("I was 34", "at 34,", "she turned 34"; "서른넷이었다",
//     "서른셋에");
//   - for a year or a period ("2014", "2014-2016", "before 2010"): every year inside it
//     ("2015", "in '15", "2015년", "15년도에", "주체104년"), and a period of years written in a
//     quote ("2014 to 2016", "between 2014 and 2016").
//
// Such a passage is allowed only when the attribution gives the speaker's value of that code
// and the passage says no more than that value: "North Hamgyong or Ryanggang" under "from North
// Hamgyong or Ryanggang", "in my thirties" under "aged 30-39"; not "Ryanggang" under "from
// North Hamgyong or Ryanggang", nor "2015" under "left 2014-2016". A number quasi-identifier
// (which no attribution gives) counts as a value that covers every age or year, when its name
// and label say it is an age or a year. The text is matched as never_publish terms are (case,
// accents, spaces, hyphens, look-alike letters; Hangul with or without spaces).
func QuasiMentions(cb *codebook.Codebook, a Attributed, text string) []QuasiHit {
	if cb == nil {
		return nil
	}
	m := quasiModelOf(cb)
	if len(m.codes) == 0 {
		return nil
	}
	var all []mention
	eachForm(text, func(v string, back func(i, j int) (int, int)) {
		for _, x := range m.find(v) {
			x.start, x.end = back(x.start, x.end)
			if x.start < x.end {
				all = append(all, x)
			}
		}
	})
	// what the attribution gives
	// (by name: the model may have been made from another codebook of the same content)
	given := map[string]uint64{}
	for _, f := range a.given {
		given[f.q.code.Name] = f.rank
	}
	for i := range all {
		all[i].allowed = m.allowed(all[i], given)
	}
	// a part of an allowed passage is allowed: "Ryanggang" in "North Hamgyong or Ryanggang"
	inside := allowedSpans(all)
	var out []QuasiHit
	for _, x := range all {
		if !x.allowed && !inside(x) {
			out = append(out, QuasiHit{Code: m.codes[x.code].code.Name, Start: x.start, End: x.end})
		}
	}
	slices.SortFunc(out, func(a, b QuasiHit) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		if a.End != b.End {
			return a.End - b.End
		}
		return strings.Compare(a.Code, b.Code)
	})
	return slices.Compact(out)
}

// allowedSpans gives a function that reports whether a mention lies inside an allowed mention
// of the same code, in time logarithmic in their number.
func allowedSpans(all []mention) func(x mention) bool {
	type span struct{ start, reach int } // reach: the furthest end of the spans so far
	byCode := map[int][]span{}
	var ok []mention
	for _, x := range all {
		if x.allowed {
			ok = append(ok, x)
		}
	}
	slices.SortFunc(ok, func(a, b mention) int { return a.start - b.start })
	for _, x := range ok {
		spans := byCode[x.code]
		reach := x.end
		if n := len(spans); n > 0 {
			reach = max(reach, spans[n-1].reach)
		}
		byCode[x.code] = append(spans, span{x.start, reach})
	}
	return func(x mention) bool {
		spans := byCode[x.code]
		// the last allowed span that starts at or before x
		i, _ := slices.BinarySearchFunc(spans, x.start+1, func(s span, t int) int { return s.start - t })
		return i > 0 && spans[i-1].reach >= x.end
	}
}

// partKind is what a part of a value names.
type partKind uint8

const (
	partText  partKind = iota // words of a value, not a place: allowed only as the whole value
	partPlace                 // a set of provinces
	partRange                 // a range of ages or of years
)

// part is what a term or a passage names of one code.
type part struct {
	code   int // in quasiModel.codes
	kind   partKind
	value  int  // partText: the value's index
	whole  bool // partText: the whole value
	set    uint32
	lo, hi int
	years  bool // partRange: of years (else of ages)
}

// mention is a part found in a text.
type mention struct {
	part
	start, end int
	allowed    bool
}

// quasiValue is what a value of a quasi-identifier covers.
type quasiValue struct {
	set    uint32 // the provinces it names, if any
	ranged bool
	lo, hi int
	years  bool
}

type quasiCode struct {
	code   *codebook.Code
	values []quasiValue
	// number is set for a number code about ages or years: it covers every one
	number bool
}

// quasiModel is what the quasi-identifiers of a codebook let a quote name. It is read only
// once made.
type quasiModel struct {
	codes []quasiCode
	terms []string // terms to find, once each by loose key
	parts [][]part // what each term names
	found []term   // the terms in the form findTerms takes
	keys  map[string]int
	lf    *loosener // for making the model only
}

// quasiModels keeps the models of the last codebooks seen, by what in them the model depends on:
// a build checks every quote against the same codebook.
var quasiModels struct {
	sync.Mutex
	m map[string]*quasiModel
}

// quasiModelOf is the model of cb, made once for each content of its quasi-identifiers.
func quasiModelOf(cb *codebook.Codebook) *quasiModel {
	var key strings.Builder
	for _, c := range cb.Codes {
		if c.Identifier == codebook.Quasi {
			fmt.Fprintf(&key, "%q %q %q %q %q\n", c.Name, c.Type, c.Label, strings.Join(c.Values, "\x00"), c.Identifier)
		}
	}
	k := key.String()
	quasiModels.Lock()
	defer quasiModels.Unlock()
	if m, ok := quasiModels.m[k]; ok {
		return m
	}
	if len(quasiModels.m) >= 16 || quasiModels.m == nil {
		quasiModels.m = map[string]*quasiModel{}
	}
	m := newQuasiModel(cb)
	quasiModels.m[k] = m
	return m
}

func newQuasiModel(cb *codebook.Codebook) *quasiModel {
	m := &quasiModel{keys: map[string]int{}, lf: newLoosener()}
	for _, c := range cb.Codes {
		if c.Identifier != codebook.Quasi {
			continue
		}
		switch c.Type {
		case codebook.Category, codebook.Multi:
			m.addValues(c)
		case codebook.Number:
			m.addNumber(c)
		}
	}
	m.found = termKeys(m.terms)
	m.lf = nil
	return m
}

// term adds a term naming p.
func (m *quasiModel) term(t string, p part) {
	key := looseKey(m.lf, t)
	if len([]rune(key)) < 2 {
		return
	}
	i, ok := m.keys[key]
	if !ok {
		i = len(m.terms)
		m.keys[key] = i
		m.terms = append(m.terms, t)
		m.parts = append(m.parts, nil)
	}
	if !slices.Contains(m.parts[i], p) {
		m.parts[i] = append(m.parts[i], p)
	}
}

func (m *quasiModel) addValues(c *codebook.Code) {
	qc := quasiCode{code: c, values: make([]quasiValue, len(c.Values))}
	ci := len(m.codes)
	topic := topicOf(c)
	other := -1 // a value "other provinces"
	placeCode := false
	for i, v := range c.Values {
		v = codebook.Clean(v)
		k := codebook.Key(v)
		r := readable(k).s // a range typed with "ㅡ" for its dash: "30ㅡ39세", "2014ㅡ2016"
		switch {
		case k == "":
		case yearRange(r) != nil:
			r := yearRange(r)
			qc.values[i] = quasiValue{ranged: true, lo: r[0], hi: r[1], years: true}
		case topic != leftTopic && topic != birthTopic && topic != arrivalTopic && ageRange(r) != nil:
			r := ageRange(r)
			qc.values[i] = quasiValue{ranged: true, lo: r[0], hi: r[1]}
		default:
			for _, p := range splitValue(v) {
				qc.values[i].set |= placeSet(m.lf, p)
			}
			placeCode = placeCode || qc.values[i].set != 0
			if otherValue(k) {
				other = i
			}
		}
	}
	if placeCode && other >= 0 && qc.values[other].set == 0 {
		named := uint32(0)
		for _, v := range qc.values {
			named |= v.set
		}
		qc.values[other].set = allProvinces &^ named
	}
	m.codes = append(m.codes, qc)
	covered := uint32(0)
	for _, v := range qc.values {
		covered |= v.set
	}
	for i, v := range c.Values {
		v = codebook.Clean(v)
		qv := qc.values[i]
		switch {
		case qv.ranged && qv.years:
			// years are read as numbers (see find)
		case qv.ranged:
			m.term(v, part{code: ci, kind: partText, value: i, whole: true})
			m.decades(ci, qv.lo, qv.hi)
		case qv.set != 0:
			m.term(v, part{code: ci, kind: partPlace, set: qv.set})
			for _, p := range splitValue(v) {
				if placeSet(m.lf, p) == 0 {
					m.term(p, part{code: ci, kind: partText, value: i})
				}
			}
		default:
			m.term(v, part{code: ci, kind: partText, value: i, whole: true})
			if ps := splitValue(v); len(ps) > 1 {
				for _, p := range ps {
					if !genericWord(p) {
						m.term(p, part{code: ci, kind: partText, value: i})
					}
				}
			}
		}
	}
	if placeCode {
		for _, p := range places {
			if p.set&covered == 0 {
				continue
			}
			for _, n := range p.names {
				m.term(n, part{code: ci, kind: partPlace, set: p.set})
			}
		}
	}
}

// addNumber adds a number code about ages or years: any age, or any year, names a part of it.
func (m *quasiModel) addNumber(c *codebook.Code) {
	switch topicOf(c) {
	case ageTopic:
		m.codes = append(m.codes, quasiCode{code: c, number: true, values: []quasiValue{{ranged: true, lo: 0, hi: maxAge}}})
		m.decades(len(m.codes)-1, 0, maxAge)
	case leftTopic, birthTopic, arrivalTopic:
		m.codes = append(m.codes, quasiCode{code: c, number: true, values: []quasiValue{{ranged: true, lo: minYear, hi: maxYear, years: true}}})
	}
}

const (
	maxAge  = 120
	minYear = 1900
	maxYear = 2099
)

// decades adds the words of the decades of age that meet lo..hi: "thirties", "30s", "30대",
// "삼십대"; from the fifties on, only after a possessive ("in her fifties"), since "the fifties"
// and "the 80s" are more often decades of the century.
func (m *quasiModel) decades(ci, lo, hi int) {
	for _, d := range decadeWords {
		if d.n+9 < lo || d.n > hi {
			continue
		}
		p := part{code: ci, kind: partRange, lo: d.n, hi: d.n + 9}
		for _, w := range d.korean {
			m.term(w, p)
		}
		for _, w := range d.english {
			if d.n < 50 {
				m.term(w, p)
				continue
			}
			for _, own := range []string{"my", "her", "his", "their", "our", "your"} {
				m.term(own+" "+w, p)
			}
		}
	}
}

var decadeWords = []struct {
	n       int
	english []string
	korean  []string
}{
	{10, []string{"teens", "teenage", "teenager", "teenagers"}, []string{"10대", "십대"}},
	{20, []string{"twenties", "20s", "twentysomething", "twenty-something"}, []string{"20대", "이십대"}},
	{30, []string{"thirties", "30s", "thirtysomething", "thirty-something"}, []string{"30대", "삼십대"}},
	{40, []string{"forties", "40s", "fortysomething", "forty-something"}, []string{"40대", "사십대"}},
	{50, []string{"fifties", "50s"}, []string{"50대", "오십대"}},
	{60, []string{"sixties", "60s"}, []string{"60대", "육십대"}},
	{70, []string{"seventies", "70s"}, []string{"70대", "칠십대"}},
	{80, []string{"eighties", "80s"}, []string{"80대", "팔십대"}},
	{90, []string{"nineties", "90s"}, []string{"90대", "구십대"}},
}

var (
	valueSplitRE = regexp.MustCompile(`\s+(?:or|and|또는|혹은|및)\s+|[/,;&·、・ㆍ\x{119E}•]`)
	leadWordRE   = regexp.MustCompile(`^(?i:from|in|the)\s+`)
	// koreanAndRE is "and" and "or" glued to a word in Korean: "함경북도와 량강도", "량강도나 자강도"
	koreanAndRE = regexp.MustCompile(`(\p{Hangul})(?:와|과|이나|나|이랑|랑|하고)\s+`)
)

// splitValue splits a grouped value into its parts: "North Hamgyong or Ryanggang" into "North
// Hamgyong" and "Ryanggang".
func splitValue(v string) []string {
	var out []string
	v = koreanAndRE.ReplaceAllString(v, "$1/")
	for _, p := range valueSplitRE.Split(v, -1) {
		if p = leadWordRE.ReplaceAllString(strings.TrimSpace(p), ""); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// otherValue reports whether a value (a key) stands for whatever the other values leave out.
func otherValue(k string) bool {
	for _, p := range []string{"other", "others", "elsewhere", "rest of", "기타", "그 외", "그외", "다른 "} {
		if strings.HasPrefix(k, p) {
			return true
		}
	}
	return false
}

// genericWord reports whether a part of a value is a word too common to name anything.
func genericWord(p string) bool {
	switch codebook.Key(p) {
	case "other", "others", "elsewhere", "unknown", "none", "rest", "province", "provinces", "city",
		"cities", "county", "region", "regions", "area", "areas", "기타", "그 외", "모름":
		return true
	}
	return len([]rune(p)) < 3
}

var (
	yearValueRE = regexp.MustCompile(`^(?:(before|until|up to|by|after|since|from)\s+)?((?:19|20)\d\d)(?:\s*(?:-|to|~|/)\s*((?:19|20)?\d\d))?(?:\s*(or earlier|or before|and before|or later|and after|or after|\+|년 이전|년 이후|년|-))?$`)
	ageValueRE  = regexp.MustCompile(`^(?:(under|over|below|above|younger than|older than|less than|more than|aged)\s+)?(\d{1,3})(?:\s*(?:-|to|~)\s*(\d{1,3}))?\s*(s|'s|대|세|살)?(?:\s*(\+|and over|or over|and older|or older|and above|or above|and under|or under|and younger|or younger|이상|이하|미만|초과))?$`)
)

// yearRange is the years a value covers when it is a year or a period ("2014", "2014-2016",
// "2014-16", "before 2010", "2017 or later"), else nil.
func yearRange(k string) []int {
	m := yearValueRE.FindStringSubmatch(k)
	if m == nil {
		return nil
	}
	lo, _ := strconv.Atoi(m[2])
	hi := lo
	if m[3] != "" {
		hi, _ = strconv.Atoi(m[3])
		if len(m[3]) == 2 {
			hi += lo / 100 * 100
		}
		if hi < lo {
			return nil
		}
	}
	switch {
	case m[1] == "before" || m[1] == "until" || m[4] == "년 이전":
		lo, hi = minYear, lo-1
	case m[1] == "up to" || m[1] == "by" || strings.Contains(m[4], "earlier") || strings.Contains(m[4], "before"):
		lo = minYear
	case m[1] == "after" || m[4] == "년 이후":
		lo, hi = hi+1, maxYear
	case m[1] == "since" || m[1] == "from" || strings.Contains(m[4], "later") || m[4] == "and after" || m[4] == "or after" || m[4] == "+" || m[4] == "-":
		hi = maxYear
	}
	return []int{lo, hi}
}

// ageRange is the ages a value covers when it is an age band ("under 30", "30-39", "40 and
// over", "30s", "30대", "20세 이상"), else nil.
func ageRange(k string) []int {
	m := ageValueRE.FindStringSubmatch(k)
	if m == nil {
		return nil
	}
	lo, _ := strconv.Atoi(m[2])
	hi := lo
	if m[3] != "" {
		hi, _ = strconv.Atoi(m[3])
	}
	switch {
	case m[4] == "s" || m[4] == "'s" || m[4] == "대":
		if m[3] != "" || lo%10 != 0 {
			return nil
		}
		hi = lo + 9
	case m[3] == "" && m[4] == "" && m[5] == "" && m[1] == "":
		return nil // a number alone is not an age band
	}
	switch m[1] {
	case "under", "below", "younger than", "less than":
		lo, hi = 0, lo-1
	case "over", "above", "older than", "more than":
		lo, hi = lo+1, maxAge
	}
	switch m[5] {
	case "+", "and over", "or over", "and older", "or older", "and above", "or above", "이상":
		hi = maxAge
	case "초과":
		lo, hi = lo+1, maxAge
	case "and under", "or under", "and younger", "or younger", "이하":
		lo = 0
	case "미만":
		lo, hi = 0, lo-1
	}
	if lo > hi || hi > maxAge {
		return nil
	}
	return []int{lo, hi}
}

// allowed reports whether the attribution, which gives the values given (rank by code name), already
// says everything the mention says.
func (m *quasiModel) allowed(x mention, given map[string]uint64) bool {
	qc := m.codes[x.code]
	r, ok := given[qc.code.Name]
	if !ok || qc.number {
		return false
	}
	var values []int
	switch qc.code.Type {
	case codebook.Category:
		values = []int{int(r)}
	case codebook.Multi:
		for i := range qc.values {
			if r&(1<<uint(i)) != 0 {
				values = append(values, i)
			}
		}
	}
	if len(values) == 0 {
		return false
	}
	switch x.kind {
	case partText:
		return x.whole && len(values) == 1 && values[0] == x.value
	case partPlace:
		set := uint32(0)
		for _, v := range values {
			if qc.values[v].set == 0 {
				return false
			}
			set |= qc.values[v].set
		}
		return set&^x.set == 0
	case partRange:
		if len(values) != 1 {
			return false
		}
		v := qc.values[values[0]]
		return v.ranged && v.years == x.years && x.lo <= v.lo && v.hi <= x.hi
	}
	return false
}

// find lists the parts the text names, with offsets in text.
func (m *quasiModel) find(text string) []mention {
	f := textnorm.Fold(text)
	fs := f.String()
	var out []mention
	if len(m.terms) > 0 {
		for _, h := range findTerms(fs, m.found) {
			start, end := f.Span(h.start, h.end)
			for _, p := range m.parts[h.term] {
				out = append(out, mention{part: p, start: start, end: end})
			}
		}
	}
	d := readable(fs)
	sc := &scanner{s: d.s, toks: tokenize(d.s)}
	add := func(p part, from, to int) {
		start, end := f.Span(d.span(sc.toks[from].start, sc.toks[to].end))
		for ci, qc := range m.codes {
			for _, v := range qc.values {
				if v.ranged && v.years == p.years && p.lo <= v.hi && v.lo <= p.hi {
					q := p
					q.code = ci
					out = append(out, mention{part: q, start: start, end: end})
					break
				}
			}
		}
	}
	for k := range sc.toks {
		if lo, hi, end, ok := sc.yearsAt(k); ok {
			add(part{kind: partRange, lo: lo, hi: hi, years: true}, k, end)
		}
		if sc.is(k, "'") && sc.kind(k-1) != tDigits && sc.kind(k-1) != tAlpha && sc.kind(k+1) == tDigits &&
			len(sc.str(k+1)) == 2 && sc.kind(k+2) != tAlpha {
			// a year of two digits: "in '15"
			for _, century := range []int{1900, 2000} {
				y := century + atoi(sc.str(k+1))
				add(part{kind: partRange, lo: y, hi: y, years: true}, k, k+1)
			}
		}
		if y, end, ok := sc.koreanYearAt(k); ok {
			for _, century := range []int{1900, 2000} {
				add(part{kind: partRange, lo: century + y, hi: century + y, years: true}, k, end)
			}
		}
		if y, end, ok := sc.jucheYearAt(k); ok {
			add(part{kind: partRange, lo: y, hi: y, years: true}, k, end)
		}
		if n, end, ok := sc.ageAt(k); ok {
			add(part{kind: partRange, lo: n, hi: n}, k, end)
		} else if lo, hi, end, ok := sc.agesAt(k); ok {
			add(part{kind: partRange, lo: lo, hi: hi}, k, end)
		} else if n, end, ok := sc.koreanAgeAt(k); ok {
			add(part{kind: partRange, lo: n, hi: n}, k, end)
		}
	}
	return out
}

// copulas are the endings after which a number says what someone was: "서른넷이었다" (I was
// thirty-four), "34였어요".
var copulas = []string{"이었", "였", "이에요", "이예요", "이야", "입니다", "이다", "이라", "이던", "일 때", "일때"}

// koreanAgeAt reads an age in Korean given by a copula at token k ("서른넷이었다", "서른 넷이었어요",
// "34였다"), or a native numeral with "에" ("서른셋에", at thirty-three); ages from 13: the age and
// its last token.
func (sc *scanner) koreanAgeAt(k int) (n, end int, ok bool) {
	if kind := sc.kind(k); kind != tDigits && kind != tCJK || sc.kind(k-1) == tCJK || sc.kind(k-1) == tAlpha || sc.kind(k-1) == tDigits {
		return 0, 0, false
	}
	var rest string
	end = k
	switch sc.kind(k) {
	case tDigits:
		if sc.kind(k+1) != tCJK {
			return 0, 0, false
		}
		if n = sc.number(k, 3); n < 0 || sc.rangeEnd(k) {
			return 0, 0, false
		}
		end, rest = k+1, sc.str(k+1)
	case tCJK:
		n, rest = nativeNumber(sc.str(k))
		if n >= 10 && n%10 == 0 && rest == "" {
			// "서른 넷이었다": the unit apart
			if u := sc.skipSpace(k + 1); sc.kind(u) == tCJK {
				if m, r := nativeNumber(sc.str(u)); m > 0 && m < 10 {
					n, rest, end = n+m, r, u
				}
			}
		}
	default:
		return 0, 0, false
	}
	if n < 13 || n > maxAge {
		return 0, 0, false
	}
	for _, c := range copulas {
		if strings.HasPrefix(rest, c) {
			return n, end, true
		}
	}
	if sc.kind(k) == tCJK && strings.HasPrefix(rest, "에") {
		return n, end, true // "서른셋에 탈북했다": at thirty-three
	}
	return 0, 0, false
}

// koreanYearAt reads a year of two digits written with the Korean unit of years at token k,
// "15년도", "15년에" (in '15; not "15년 동안", for fifteen years): the two digits and the unit's
// token.
func (sc *scanner) koreanYearAt(k int) (y, end int, ok bool) {
	if sc.kind(k) != tDigits || len(sc.str(k)) != 2 || sc.kind(k-1) == tAlpha || sc.kind(k-1) == tDigits || sc.is(k-1, "'") {
		return 0, 0, false
	}
	if sc.isAny(k-1, ".-/~") && sc.kind(k-2) == tDigits {
		return 0, 0, false // a part of a longer number
	}
	j := sc.skipSpace(k + 1)
	if u := sc.str(j); sc.kind(j) == tCJK && (strings.HasPrefix(u, "년도") || strings.HasPrefix(u, "년에")) {
		return atoi(sc.str(k)), j, true
	}
	return 0, 0, false
}

// jucheYearAt reads a year of the Juche calendar, which counts from 1912, at token k: "주체104년",
// "주체 104", "Juche 104". It gives the year of the common era and the last token.
func (sc *scanner) jucheYearAt(k int) (y, end int, ok bool) {
	if !(sc.kind(k) == tCJK && sc.str(k) == "주체" || sc.wordIs(k, "juche")) {
		return 0, 0, false
	}
	j := sc.skipSpace(k + 1)
	if sc.kind(j) != tDigits || len(sc.str(j)) > 3 || sc.kind(j+1) == tAlpha {
		return 0, 0, false
	}
	return 1911 + atoi(sc.str(j)), j, true
}

// yearAt reads a year at token k: 4 digits from 1900 to 2099, not inside a word of an alphabet
// ("1990s" is a decade) nor a longer number.
func (sc *scanner) yearAt(k int) (int, bool) {
	if sc.kind(k) != tDigits || !isYear(sc.str(k)) || sc.kind(k-1) == tAlpha || sc.kind(k+1) == tAlpha {
		return 0, false
	}
	return atoi(sc.str(k)), true
}

// yearsAt reads a year or a period of years at token k: "2015", "2014-2016", "2014–16",
// "2014 to 2016", "2014~2016", "between 2014 and 2016". It gives the years and the last token.
func (sc *scanner) yearsAt(k int) (lo, hi, end int, ok bool) {
	y, ok := sc.yearAt(k)
	if !ok {
		return 0, 0, 0, false
	}
	j := k + 1
	switch {
	case sc.isAny(sc.skipSpace(j), "-~/"):
		j = sc.skipSpace(sc.skipSpace(j) + 1)
	case sc.kind(j) == tSpace && sc.kind(j+2) == tSpace:
		switch sc.word(j + 1) {
		case "to", "until", "till", "through", "thru":
			j += 3
		case "and":
			if sc.prevWord(k) != "between" {
				return y, y, k, true
			}
			j += 3
		default:
			return y, y, k, true
		}
	default:
		return y, y, k, true
	}
	if sc.kind(j) != tDigits || sc.kind(j+1) == tAlpha {
		return y, y, k, true
	}
	z := -1
	switch s := sc.str(j); {
	case isYear(s):
		z = atoi(s)
	case len(s) == 2:
		z = y/100*100 + atoi(s)
	}
	if z <= y {
		return y, y, k, true
	}
	return y, z, j, true
}

// ageVerbs are the words after which a number is an age: "I was 34", "at 34,", "she turned 34".
var ageVerbs = map[string]bool{
	"was": true, "were": true, "am": true, "is": true, "turned": true, "turning": true, "turn": true,
	"at": true, "aged": true, "age": true, "ages": true, "m": true, "been": true, "be": true,
}

// ageAfter are the words that may follow such an age: "I was 34 when", "at 34 I left".
var ageNext = map[string]bool{
	"when": true, "then": true, "and": true, "but": true, "so": true, "years": true, "year": true,
	"yrs": true, "i": true, "she": true, "he": true, "we": true, "they": true, "at": true,
	"in": true, "or": true, "by": true, "because": true, "after": true, "before": true,
	"while": true, "as": true, "that": true, "already": true, "myself": true, "herself": true,
	"too": true, "my": true, "her": true, "his": true, "our": true, "the": true, "only": true,
	"just": true, "now": true, "old": true, "y": true, "yo": true,
}

// ageAt reads an age given after a verb at token k ("I was 34 when", "at thirty-four, I"): the
// age and its last token.
func (sc *scanner) ageAt(k int) (n, end int, ok bool) {
	w := sc.word(k)
	if !ageVerbs[w] || w == "m" && !sc.is(k-1, "'") || sc.kind(k+1) != tSpace {
		return 0, 0, false
	}
	j := k + 2
	switch sc.word(j) {
	case "about", "around", "approximately", "roughly", "nearly", "almost", "just", "only", "barely", "already", "then", "still", "over", "under":
		if sc.kind(j+1) != tSpace {
			return 0, 0, false
		}
		j += 2
	}
	end, ok = sc.age(j)
	if !ok || sc.ranged(end) {
		return 0, 0, false
	}
	n = sc.number(j, 3)
	if n < 0 {
		n = numberWords[sc.word(j)] + tensWords[sc.word(j)]
		if end > j {
			n += numberWords[sc.word(end)]
		}
	}
	if n < 13 || n > maxAge {
		return 0, 0, false // a child's age, or an hour ("at 3")
	}
	// what follows: the end, punctuation, or a word that may follow an age
	if !sc.ageFollows(end + 1) {
		return 0, 0, false
	}
	return n, end, true
}

// agesAt reads two ages given after a verb at token k, "I was 34 or 35", "I was 34-35", "at 34
// to 36,": the ages and the last token. A range says as much as its widest end allows.
func (sc *scanner) agesAt(k int) (lo, hi, end int, ok bool) {
	w := sc.word(k)
	if !ageVerbs[w] || w == "m" && !sc.is(k-1, "'") || sc.kind(k+1) != tSpace {
		return 0, 0, 0, false
	}
	j := k + 2
	if lo = sc.number(j, 3); lo < 13 || !sc.ranged(j) {
		return 0, 0, 0, false
	}
	n := j + 1
	switch {
	case sc.isAny(n, "-~/"):
		n = sc.skipSpace(n + 1)
	case sc.kind(n) == tSpace && sc.isAny(n+1, "-~"):
		n = sc.skipSpace(n + 2)
	case sc.kind(n) == tSpace && (sc.word(n+1) == "or" || sc.word(n+1) == "to") && sc.kind(n+2) == tSpace:
		n += 3
	default:
		return 0, 0, 0, false
	}
	if hi = sc.number(n, 3); hi <= lo || hi > maxAge || !sc.ageFollows(n+1) {
		return 0, 0, 0, false
	}
	return lo, hi, n, true
}

// ageFollows reports whether token next may follow an age: the end, punctuation, or a word that
// may follow an age ("34 when", not "34 of us").
func (sc *scanner) ageFollows(next int) bool {
	switch sc.kind(next) {
	case tNone, tCJK:
	case tOther:
		if sc.isAny(next, "%-~+/:") || sc.isAny(next, ".,") && sc.kind(next+1) == tDigits {
			return false
		}
	case tSpace:
		if ww := sc.word(next + 1); sc.kind(next+1) == tAlpha && !ageNext[ww] {
			return false
		}
		if sc.kind(next+1) == tDigits {
			return false
		}
	default:
		return false
	}
	return true
}

// looseKey is s in the form terms are compared in.
func looseKey(lf *loosener, s string) string {
	return lf.loosen(textnorm.Fold(s).String()).s
}

// String describes a part, for tests.
func (p part) String() string {
	return fmt.Sprintf("{code %d kind %d value %d whole %v set %b range %d-%d years %v}", p.code, p.kind, p.value, p.whole, p.set, p.lo, p.hi, p.years)
}
