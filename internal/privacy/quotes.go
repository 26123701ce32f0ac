package privacy

import (
	"regexp"
	"slices"
	"strings"

	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/dataset"
)

// Publishable reports whether a quote may be published: only reviewed quotes of interviewees who
// consented to quotes and did not withdraw. Otherwise it gives the reason: "withdrawn",
// "consent is aggregate", "not reviewed" (checked in that order) or "not an interviewee of the
// wave". The quote's text is not looked at: see Scan.
func Publishable(w *dataset.Wave, q dataset.Quote) (bool, string) {
	if w == nil || q.Person < 0 || q.Person >= len(w.People) {
		return false, "not an interviewee of the wave"
	}
	switch w.People[q.Person].Consent {
	case dataset.ConsentWithdrawn:
		return false, "withdrawn"
	case dataset.ConsentQuote:
	default:
		return false, "consent is aggregate"
	}
	if !q.Reviewed {
		return false, "not reviewed"
	}
	return true, ""
}

// Attribution describes a person by the coarse profile of her quasi-identifier values, for a
// published quote: with noun "woman", "woman aged 30-39 from other provinces, left 2014-2016".
// codes picks and orders the quasi-identifiers (names as in the codebook); nil means every quasi
// identifier in codebook order (AttributionCodes gives the coarser default of spec §8: age and
// time of leaving). Codes that are not yes/no, category or multi quasi-identifiers
// are left out whatever codes says: an attribution never carries a finding, a number or a text.
// Missing answers, and "no" to a yes/no quasi-identifier, are left out. It never gives the id;
// for a withdrawn person or an index out of range it gives the noun alone. An empty noun is
// "interviewee".
//
// Each value is phrased by what its code is about, judged from the code's name and label:
// an age ("aged 30-39", "aged under 30", "in her 30s"), a place of origin ("from other
// provinces"), a birth year ("born in 1985"), an arrival ("arrived in 2016") or a period of
// leaving (name or label with left, leav, escape, period or year: "left in 2015",
// "left 2014-2016", "left before 2010"); a value like "30-39" or "under 30" of any other code
// reads as an age. Other values are given as they are. Age and origin attach to the noun, the
// rest follow after commas. A yes/no quasi-identifier answered "yes" gives its label in lower
// case ("has children").
func Attribution(w *dataset.Wave, cb *codebook.Codebook, person int, codes []string, noun string) string {
	noun = strings.TrimSpace(noun)
	if noun == "" {
		noun = "interviewee"
	}
	if w == nil || cb == nil || person < 0 || person >= len(w.People) || w.People[person].Consent == dataset.ConsentWithdrawn {
		return noun
	}
	chosen := cb.Codes
	if codes != nil {
		chosen = nil
		for _, name := range codes {
			for _, c := range cb.Codes {
				if codebook.Key(c.Name) == codebook.Key(name) {
					chosen = append(chosen, c)
					break
				}
			}
		}
	}
	head, tail := noun, []string(nil)
	for _, c := range chosen {
		if c.Identifier != codebook.Quasi || !c.Counted() {
			continue
		}
		q := quasiColumn{code: c, col: w.Column(c)}
		if q.col == nil {
			continue
		}
		r := rank(q, person)
		var value string
		switch {
		case r == rankMissing:
			continue
		case c.Type == codebook.YesNo:
			if r != 0 {
				continue
			}
			tail = append(tail, lowerFirst(c.Label))
			continue
		case c.Type == codebook.Multi:
			value = strings.Join(multiNames(c, r), " and ")
		default:
			value = c.Values[r]
		}
		value = codebook.Clean(value)
		if value == "" {
			continue
		}
		phrase, attach := phrase(c, value, noun)
		if attach {
			head += " " + phrase
		} else {
			tail = append(tail, phrase)
		}
	}
	return strings.Join(append([]string{head}, tail...), ", ")
}

var (
	ageRangeRE = regexp.MustCompile(`^[1-9]\d\s*(-|to)\s*[1-9]\d{1,2}$|^[1-9]\d\s*\+$|^(under|over|below|above|younger than|older than)\s+[1-9]\d{1,2}$|^[1-9]\d{1,2}\s+(and|or)\s+(over|older|above|under|younger|below)$`)
	decadeRE   = regexp.MustCompile(`^(\d0)'?s$`)
	yearRE     = regexp.MustCompile(`^(1[89]|20)\d\d$`)
	anyYearRE  = regexp.MustCompile(`(^|\D)(1[89]|20)\d\d(\D|$)`)
	prepRE     = regexp.MustCompile(`^(in|before|after|since|until|between|from|during|around|by|near)\s`)

	// What a code is about, from its name and label (after codebook.Key).
	birthRE  = regexp.MustCompile(`(^|[^\pL])(birth|born)|출생|생년`)
	arriveRE = regexp.MustCompile(`(^|[^\pL])arriv|입국|도착`)
	ageRE    = regexp.MustCompile(`(^|[^\pL])age([^\pL]|$)|연령|나이`)
	leftRE   = regexp.MustCompile(`(^|[^\pL])(left|leav|escape|exit|defect|period|year)|탈북|시기|연도`)
	placeRE  = regexp.MustCompile(`(^|[^\pL])(province|region|origin|hometown|home town|county|city|town|village|area)|출신|지역|고향`)
)

// topic is what a quasi-identifier is about, for wording its values.
type topic int

const (
	otherTopic topic = iota
	birthTopic
	arrivalTopic
	ageTopic
	leftTopic
	placeTopic
)

// topicOf judges what a code is about from its name and label. An age comes before leaving:
// "Age when she left" is an age.
func topicOf(c *codebook.Code) topic {
	about := codebook.Key(strings.ReplaceAll(c.Name, "_", " ") + " " + c.Label)
	switch {
	case birthRE.MatchString(about):
		return birthTopic
	case arriveRE.MatchString(about):
		return arrivalTopic
	case ageRE.MatchString(about):
		return ageTopic
	case leftRE.MatchString(about):
		return leftTopic
	case placeRE.MatchString(about):
		return placeTopic
	}
	return otherTopic
}

func ageLike(v string) bool { return ageRangeRE.MatchString(v) || decadeRE.MatchString(v) }

// AttributionCodes lists the quasi-identifiers about age and the time of leaving (a code about
// leaving whose every value holds a year: "2014-2016", "before 2010"), in codebook order: the
// default profile of an attribution ("woman in her 30s, left in 2015"). It leaves out the place
// of origin, the most telling detail in a small sample.
func AttributionCodes(cb *codebook.Codebook) []string {
	var out []string
	for _, c := range cb.Codes {
		if c.Identifier != codebook.Quasi || !c.Counted() {
			continue
		}
		t := topicOf(c)
		if t == otherTopic && len(c.Values) > 0 && !slices.ContainsFunc(c.Values, func(v string) bool { return !ageLike(codebook.Key(v)) }) {
			t = ageTopic
		}
		if t == leftTopic && slices.ContainsFunc(c.Values, func(v string) bool { return !anyYearRE.MatchString(v) }) {
			continue // a route, not a time
		}
		if t == ageTopic || t == leftTopic {
			out = append(out, c.Name)
		}
	}
	return out
}

// phrase words a quasi-identifier value; attach says it reads right after the noun.
func phrase(c *codebook.Code, value, noun string) (string, bool) {
	v := codebook.Key(value)
	when := func(verb string) string {
		switch {
		case strings.HasPrefix(v, verb+" "):
			return value
		case yearRE.MatchString(v):
			return verb + " in " + value
		}
		return verb + " " + value
	}
	switch t := topicOf(c); {
	case t == birthTopic:
		return when("born"), false
	case t == arrivalTopic:
		return when("arrived"), false
	case t == leftTopic:
		return when("left"), false
	case t == placeTopic:
		if prepRE.MatchString(v) {
			return value, true
		}
		return "from " + value, true
	case t == otherTopic && !ageLike(v):
		return value, false
	}
	if m := decadeRE.FindStringSubmatch(v); m != nil {
		return "in " + pronoun(noun) + " " + m[1] + "s", true
	}
	if strings.HasPrefix(v, "aged ") || strings.HasPrefix(v, "in ") {
		return value, true
	}
	return "aged " + value, true
}

// pronoun is the possessive that goes with the noun of an attribution.
func pronoun(noun string) string {
	switch codebook.Key(noun) {
	case "woman", "girl", "mother", "wife", "daughter", "female interviewee":
		return "her"
	case "man", "boy", "father", "husband", "son", "male interviewee":
		return "his"
	}
	return "their"
}

func lowerFirst(s string) string {
	s = codebook.Clean(s)
	if len(s) > 1 && s[0] >= 'A' && s[0] <= 'Z' && !(s[1] >= 'A' && s[1] <= 'Z') {
		return string(s[0]+'a'-'A') + s[1:]
	}
	return s
}
