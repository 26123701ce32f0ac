package privacy

import (
	"regexp"
	"slices"
	"strings"

	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/dataset"
	"github.com/shadowreport/shadowreport/internal/english"
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

// Attributed is a quote's attribution: the coarse profile of the person quoted.
type Attributed struct {
	// Text is the attribution itself, e.g. "woman aged 30-39, left 2014-2016".
	Text string
	// Codes are the quasi-identifiers it names; Dropped those it left out so as to describe
	// at least k people, most identifying first.
	Codes, Dropped []string
	// Group is how many counted interviewees of the wave the attribution describes.
	Group int
	// given are the values the attribution gives, for QuasiMentions
	given []attrField
}

// Attribute describes a person for a published quote by the coarse profile of her
// quasi-identifier values, e.g. with noun "woman": "woman aged 30-39 from other provinces, left
// 2014-2016". codes picks and orders the quasi-identifiers (names as in the codebook); nil
// means every one of the codebook. Only codes the codebook declares quasi-identifiers may
// appear, never a sensitive one, a finding, a number or a text, whatever codes says. Missing
// answers, and "no" to a yes/no quasi-identifier, are left out.
//
// The attribution must describe at least k counted interviewees of the wave (everyone who
// shares the values it names): while it describes fewer, the most identifying value is left
// out — the one whose removal leaves the largest group, the last named of equals — until the
// group has k or more or nothing is left ("woman"). It never gives the id; for a withdrawn
// person or an index out of range it gives the noun alone. An empty noun is "interviewee".
func Attribute(w *dataset.Wave, cb *codebook.Codebook, person int, codes []string, noun string, k int) Attributed {
	noun = strings.TrimSpace(noun)
	if noun == "" {
		noun = "interviewee"
	}
	out := Attributed{Text: noun}
	if w == nil || cb == nil || person < 0 || person >= len(w.People) || w.People[person].Consent == dataset.ConsentWithdrawn {
		return out
	}
	fields := attributionFields(w, cb, person, codes)
	for {
		out.Group = groupSize(w, fields, person, -1)
		if out.Group >= k || len(fields) == 0 {
			break
		}
		drop, best := -1, -1
		for i := range fields {
			if n := groupSize(w, fields, person, i); n >= best {
				drop, best = i, n
			}
		}
		out.Dropped = append(out.Dropped, fields[drop].q.code.Name)
		fields = slices.Delete(fields, drop, drop+1)
	}
	if len(fields) == 0 {
		out.Group = w.Counted()
	}
	out.given = fields
	head, tail := noun, []string(nil)
	for _, f := range fields {
		c := f.q.code
		out.Codes = append(out.Codes, c.Name)
		var value string
		switch c.Type {
		case codebook.YesNo:
			tail = append(tail, english.LowerFirst(codebook.Clean(c.Label)))
			continue
		case codebook.Multi:
			value = strings.Join(multiNames(c, f.rank), " and ")
		default:
			value = c.Values[f.rank]
		}
		value = codebook.Clean(value)
		phrase, attach := phrase(c, value, noun)
		if attach {
			head += " " + phrase
		} else {
			tail = append(tail, phrase)
		}
	}
	out.Text = strings.Join(append([]string{head}, tail...), ", ")
	return out
}

// attrField is a quasi-identifier value an attribution can name.
type attrField struct {
	q    quasiColumn
	rank uint64
}

// attributionFields lists the values of person an attribution may name, in the order of codes.
func attributionFields(w *dataset.Wave, cb *codebook.Codebook, person int, codes []string) []attrField {
	chosen := cb.Codes
	if codes != nil {
		chosen = nil
		for _, name := range codes {
			if c := lookup(cb, name); c != nil && !slices.Contains(chosen, c) {
				chosen = append(chosen, c)
			}
		}
	}
	var out []attrField
	for _, c := range chosen {
		if c.Identifier != codebook.Quasi || c.Sensitive || !c.Counted() {
			continue
		}
		q := quasiColumn{code: c, col: w.Column(c)}
		if q.col == nil {
			continue
		}
		r := rank(q, person)
		switch {
		case r == rankMissing, c.Type == codebook.YesNo && r != 0:
			continue
		case c.Type == codebook.Category && codebook.Clean(c.Values[r]) == "":
			continue
		case c.Type == codebook.Multi && len(multiNames(c, r)) == 0:
			continue
		}
		out = append(out, attrField{q, r})
	}
	return out
}

// lookup finds a code by name as the codebook does, also in a codebook built without Read.
func lookup(cb *codebook.Codebook, name string) *codebook.Code {
	for _, c := range cb.Codes {
		if codebook.Key(c.Name) == codebook.Key(name) {
			return c
		}
	}
	return nil
}

// groupSize counts the counted interviewees who share person's value of every field but skip.
func groupSize(w *dataset.Wave, fields []attrField, person, skip int) int {
	n := 0
	for j, p := range w.People {
		if p.Consent == dataset.ConsentWithdrawn {
			continue
		}
		same := true
		for i, f := range fields {
			if i != skip && rank(f.q, j) != f.rank {
				same = false
				break
			}
		}
		if same {
			n++
		}
	}
	return n
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
