package claims

import (
	"strings"

	"github.com/shadowreport/shadowreport/internal/english"
)

// QuestionParts are what a suggested question to the delegation is built from: the claim as the
// sheet gives it, and its evidence already worded by the caller under the publication rules
// ("28 of 40 women interviewed in 2017 said they had paid informal school fees").
type QuestionParts struct {
	// Citation is Claim.Citation(): "CEDAW/C/PRK/2-4, para. 45".
	Citation string
	Text     string
	Form     Form
	// Evidence are clauses or sentences, each about one finding; empty when there is none.
	Evidence []string
	// Contradicted is set when the evidence contradicts the claim (Status Contradicted).
	Contradicted bool
	// Ask is the question the codebook gives for the finding (its ask column), if any.
	Ask string
}

// Question builds a suggested question to the delegation: the claim with its citation, the
// evidence, then the question. A quoted claim is quoted; a summarised one is reported in
// substance. Without a claim it returns "".
//
//	In CEDAW/C/PRK/2-4 (para. 45), the State party states: “Education is free.” Yet 28 of 40
//	women interviewed in 2017 said they had paid informal school fees. How does the State party
//	reconcile its statement with these accounts?
func Question(p QuestionParts) string {
	text := strings.TrimSpace(p.Text)
	if text == "" {
		return ""
	}
	cite := strings.TrimSpace(p.Citation)
	var b strings.Builder
	b.WriteString("In ")
	if sym, para, ok := strings.Cut(cite, ", "); ok {
		b.WriteString(sym + " (" + para + ")")
	} else {
		b.WriteString(cite)
	}
	if p.Form == Quoted {
		b.WriteString(", the State party states: “" + strings.Trim(text, "\"“”") + "”")
		if !endsSentence(text) {
			b.WriteString(".")
		}
	} else {
		b.WriteString(", the State party states in substance that " + sentence(english.LowerFirst(text)))
	}
	var ev []string
	for _, e := range p.Evidence {
		if e = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(e), ".;")); e != "" {
			ev = append(ev, e)
		}
	}
	if len(ev) > 0 {
		joined := strings.Join(ev, "; ")
		if p.Contradicted {
			b.WriteString(" Yet " + sentence(english.LowerFirst(joined)))
		} else {
			b.WriteString(" " + sentence(english.UpperFirst(joined)))
		}
	}
	ask := strings.TrimSpace(p.Ask)
	switch {
	case p.Contradicted:
		b.WriteString(" How does the State party reconcile its statement with these accounts?")
		if ask != "" {
			b.WriteString(" " + asked(english.UpperFirst(ask)))
		}
	case ask != "":
		b.WriteString(" " + asked(english.UpperFirst(ask)))
	default:
		b.WriteString(" What data does the State party hold in support of this statement, disaggregated by sex, age and province?")
	}
	return b.String()
}

// asked ends a question with a question mark unless it ends a sentence already.
func asked(s string) string {
	if endsSentence(s) {
		return s
	}
	return s + "?"
}

func endsSentence(s string) bool {
	s = strings.TrimRight(s, "\"“”’'")
	return strings.HasSuffix(s, ".") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!")
}

// sentence ends s with a period unless it ends a sentence already.
func sentence(s string) string {
	if endsSentence(s) {
		return s
	}
	return s + "."
}
