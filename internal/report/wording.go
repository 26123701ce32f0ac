package report

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/english"
	"github.com/shadowreport/shadowreport/internal/policy"
	"github.com/shadowreport/shadowreport/internal/present"
)

// sentence words a finding as a comparison of the people interviewed, "k of n" first and the
// later wave first:
//
//	28 of 40 women interviewed in 2017 (70%, 95% CI 55–82%) said they had paid informal school
//	fees, compared with 31 of 50 in 2014 (62%, 95% CI 48–74%).
//
// A count withheld to protect the people interviewed reads "fewer than 5 of 40 women
// interviewed in 2017 said …", with no share or interval. It never says what the country is
// like: only what the people interviewed said.
func sentence(who string, f policy.Finding, pub *policy.Public) string {
	lv := present.LevelPercent(pub.Level)
	what := ""
	if f.CodeDef() != nil && f.Type == codebook.YesNo {
		what = f.CodeDef().Statement
	}
	if what == "" {
		what = "reported: " + english.LowerFirst(f.Label)
	}
	if f.Type != codebook.YesNo && f.Type != "" {
		what = "gave “" + f.Value + "” for " + english.LowerFirst(f.Label)
	}
	label := english.LowerFirst(f.Label)
	var b strings.Builder
	switch {
	case f.To.NoAnswers() && f.From.NoAnswers():
		return "No one interviewed in " + pub.From + " or in " + pub.To + " answered about " + label + "."
	case f.To.NoAnswers():
		b.WriteString("No one interviewed in " + pub.To + " answered about " + label)
	case f.To.Show == policy.NoFigures:
		b.WriteString("The answers of the " + who + " interviewed in " + pub.To + " about " + label + " are not shown (" + f.To.Why() + ")")
	case f.To.Show == policy.TooFewAnswers:
		n, _ := f.To.N()
		b.WriteString("Of the " + who + " interviewed in " + pub.To + ", " + itoa(n) + " answered about " + label + ", too few for their answers to be published")
	case f.To.Show == policy.Hidden:
		n, _ := f.To.N()
		b.WriteString("Of the " + itoa(n) + " " + who + " interviewed in " + pub.To + " who answered, the number who " + strings.TrimPrefix(what, "reported: ") + " is not shown, to protect a smaller count")
	default:
		b.WriteString(capitalise(f.To.KofN()) + " " + who + " interviewed in " + pub.To + shareCI(f.To, lv) + " " + what)
	}
	switch {
	case pub.From == "":
		b.WriteString(".")
	case f.From.NoAnswers():
		b.WriteString("; no one interviewed in " + pub.From + " answered about it.")
	case f.From.Show == policy.NoFigures:
		b.WriteString("; in " + pub.From + ", not shown (" + f.From.Why() + ").")
	case f.From.Show == policy.TooFewAnswers:
		n, _ := f.From.N()
		b.WriteString("; in " + pub.From + ", " + itoa(n) + " answered, too few to publish.")
	case f.From.Show == policy.Hidden:
		b.WriteString("; in " + pub.From + ", not shown either.")
	default:
		b.WriteString(", compared with " + f.From.KofN() + " in " + pub.From + shareCI(f.From, lv) + ".")
	}
	return b.String()
}

// shareCI writes " (70%, 95% CI 55–82%)" for one side of a finding, "" when withheld.
func shareCI(s policy.Side, level string) string {
	out := percent(s)
	if out == "" {
		return ""
	}
	if s.CI != nil {
		out += ", " + level + " CI " + present.PercentRange(s.CI)
	}
	return " (" + out + ")"
}

func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

func itoa(n int) string { return strconv.Itoa(n) }

// shortSentence words a finding in one short sentence, without intervals, for the claims and
// the follow-up of recommendations: "28 of 40 women interviewed in 2017 (70%) said they had paid
// informal school fees, against 31 of 50 in 2014 (62%)."
func shortSentence(who string, f policy.Finding, pub *policy.Public) string {
	what := ""
	if f.CodeDef() != nil && f.Type == codebook.YesNo {
		what = f.CodeDef().Statement
	}
	if what == "" {
		what = "reported: " + english.LowerFirst(f.Label)
	}
	if f.Type != codebook.YesNo && f.Type != "" {
		what = "gave “" + f.Value + "” for " + english.LowerFirst(f.Label)
	}
	share := func(s policy.Side) string {
		if p := percent(s); p != "" {
			return " (" + p + ")"
		}
		return ""
	}
	switch f.To.Show {
	case policy.TooFewAnswers, policy.NoFigures, policy.Hidden:
		return "The answers of the " + who + " interviewed in " + pub.To + " about " + english.LowerFirst(f.Label) + " are not published, to protect the people interviewed."
	}
	if f.To.NoAnswers() {
		return "No one interviewed in " + pub.To + " answered about " + english.LowerFirst(f.Label) + "."
	}
	s := capitalise(f.To.KofN()) + " " + who + " interviewed in " + pub.To + share(f.To) + " " + what
	if fs := f.From.Show; pub.From != "" && !f.From.NoAnswers() && fs != policy.TooFewAnswers && fs != policy.NoFigures && fs != policy.Hidden {
		s += ", against " + f.From.KofN() + " in " + pub.From + share(f.From)
	}
	return s + "."
}

// percent is the side's share as a whole percentage ("70%"), "" when the share is withheld.
func percent(s policy.Side) string {
	n, ok := s.N()
	if s.Share == nil || !ok {
		return ""
	}
	return present.Percent(*s.Share, n)
}
