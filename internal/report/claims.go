package report

import (
	"strings"

	"github.com/shadowreport/shadowreport/internal/claims"
	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/doc"
	"github.com/shadowreport/shadowreport/internal/english"
)

// ClaimView is a claim of the State party as templates see it, set beside the findings.
type ClaimView struct {
	ID       string
	Citation string // "CEDAW/C/PRK/2-4, para. 45"
	Text     string // the claim, quoted or summarised, escaped for Markdown
	Quoted   bool
	// Status is "contradicted", "not_contradicted", "no_evidence" or "not_tested".
	// Contradicted is set for a contradicted claim: a claim of absence the accounts
	// contradict, or a claim of improvement they do not bear out (Words says which).
	Status       string
	Contradicted bool
	// Words says what the findings do to the claim, in a sentence: "The accounts of the women
	// interviewed contradict this claim.", "The accounts do not bear this claim out: …".
	Words string
	// Evidence words each linked finding under the publication rules; Question is the question
	// suggested to the delegation.
	Evidence []string
	Question string
}

// String is what printing the claim gives: its text with its citation.
func (c ClaimView) String() string { return c.Text + " (" + c.Citation + ")" }

// evaluation sets the project's claims and recommendations beside the published findings
// (the policy evaluates them once per build).
func (e *env) evaluation() claims.Evaluation { return e.in.Policy.Claims() }

// findingWords words one finding for a claim or a recommendation, under the publication rules
// and shorter than a finding's own sentence: "28 of 40 women interviewed in 2017 (70%) said they
// had paid informal school fees, against 31 of 50 in 2014 (62%)."; the later wave's figure of a
// finding it alone has.
func (e *env) findingWords(code, value string) string {
	for _, f := range e.pub.Findings {
		if f.Code == code && codebook.Key(f.Value) == codebook.Key(value) {
			return shortSentence(e.in.Who, f, e.pub)
		}
	}
	for _, n := range e.pub.NotComparable {
		if n.Code == code && codebook.Key(n.Value) == codebook.Key(value) && n.Present != nil {
			label := n.Label
			if n.Value != "" && n.Value != "yes" {
				label += ": " + n.Value
			}
			return capitalise(n.Present.KofN()) + " " + e.in.Who + " interviewed in " + n.PresentIn + " reported: " + english.LowerFirst(label) + " (not asked in " + n.MissingFrom + ")."
		}
	}
	return ""
}

// claimViews are the claims, those the evidence contradicts first.
func (e *env) claimViews() []ClaimView {
	if e.claimsMade == nil {
		e.claimsMade = e.makeClaimViews()
	}
	return e.claimsMade
}

func (e *env) makeClaimViews() []ClaimView {
	out := []ClaimView{}
	for _, r := range e.evaluation().Lead() {
		c := r.Claim
		v := ClaimView{ID: c.ID, Citation: c.Citation(), Text: escape(strings.TrimRight(strings.TrimSpace(c.Text), ".")), Quoted: c.Form == claims.Quoted,
			Status: string(r.Status), Contradicted: r.Status == claims.Contradicted, Words: escape(e.statusWords(r))}
		var plain []string
		ask := ""
		for _, l := range r.Findings {
			if w := e.findingWords(l.Code, l.Value); w != "" && !contains(plain, w) {
				plain = append(plain, w)
			}
			if code := e.in.Project.Codebook.Lookup(l.Code); code != nil && ask == "" {
				ask = code.Ask
			}
		}
		for _, p := range plain {
			v.Evidence = append(v.Evidence, escape(p))
		}
		v.Question = escape(claims.Question(claims.QuestionParts{Citation: c.Citation(), Text: c.Text, Form: c.Form, Evidence: plain, Contradicted: v.Contradicted, Ask: ask}))
		out = append(out, v)
	}
	return out
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// statusWords says what the evidence does to a claim. Accounts of harm contradict a claim that
// it never happens; two convenience samples cannot contradict a claim of improvement, only fail
// to bear it out: the sentence then says which finding went the other way.
func (e *env) statusWords(r claims.ClaimResult) string {
	switch r.Status {
	case claims.Contradicted:
		if r.Claim.Asserts == claims.Improvement {
			if against := e.againstImprovement(r); against != "" {
				return "The accounts do not bear this claim out: " + against + "."
			}
			return "The accounts do not bear this claim out."
		}
		return "The accounts of the people interviewed contradict this claim."
	case claims.NotContradicted:
		return "The accounts of the people interviewed do not contradict this claim."
	case claims.NoEvidence:
		return "The interviews hold no figure that can be set beside this claim."
	}
	return "The interviews cannot test this claim."
}

// againstImprovement words the findings that do not bear a claim of improvement out: "paid
// informal school fees was reported more often by the women interviewed in 2017 than by those
// in 2014", joined by "; ".
func (e *env) againstImprovement(r claims.ClaimResult) string {
	var parts []string
	for _, l := range r.Findings {
		if l.Bearing != claims.Contradicts {
			continue
		}
		label := l.Label
		if label == "" {
			label = l.Code
		}
		if l.Type != codebook.YesNo && l.Value != "" {
			label += ": " + l.Value
		}
		how := "more often"
		if l.Direction == codebook.BetterIfHigher {
			how = "less often" // a worse verdict of a code where more is better
		}
		p := english.LowerFirst(label) + " was reported " + how + " by the " + e.in.Who + " interviewed in " + e.pub.To + " than by those in " + e.pub.From
		if !contains(parts, p) {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, "; ")
}

// claimsSection sets each claim of the State party beside what the people interviewed said:
// the claim with its citation, the findings in k of n words and what they do to the claim (the
// question to the delegation is among the suggested questions: ClaimView.Question).
func (e *env) claimsSection() []doc.Block {
	var out []doc.Block
	for _, r := range e.evaluation().Lead() {
		c := r.Claim
		intro := "The State party states:"
		text := strings.TrimRight(strings.TrimSpace(c.Text), ".")
		if c.Form == claims.Quoted {
			text = "“" + strings.Trim(text, "“”\"") + "”"
		} else {
			intro = "In substance, the State party states that"
			text = english.LowerFirst(text)
		}
		out = append(out, &doc.Paragraph{Numbered: true, Inlines: []doc.Inline{
			{Text: intro + " "}, {Text: text, Italic: c.Form == claims.Quoted}, {Text: " (" + c.Citation() + ")."},
		}})
		var ev []string
		for _, l := range r.Findings {
			if w := e.findingWords(l.Code, l.Value); w != "" && !contains(ev, w) {
				ev = append(ev, w)
			}
		}
		if len(ev) > 0 {
			var items [][]doc.Inline
			for _, w := range ev {
				items = append(items, []doc.Inline{{Text: w}})
			}
			out = append(out, &doc.List{Items: items})
		}
		out = append(out, numbered(e.statusWords(r)))
	}
	return out
}

// followup is the table of the earlier recommendations, in the layout follow-up reports use:
// the source, the recommendation, the organisation's assessment with its reason, the evidence.
func (e *env) followup() []doc.Block {
	ev := e.evaluation()
	if len(ev.Recommendations) == 0 {
		return nil
	}
	tab := &doc.Table{
		ID:      e.uniqueID("follow-up"),
		Caption: e.tableCaption("Follow-up to earlier recommendations"),
		Header:  []string{"Source", "Recommendation", "Our assessment", "What the " + e.in.Who + " interviewed in " + e.pub.To + " said"},
		Align:   []doc.Align{doc.Left, doc.Left, doc.Left, doc.Left},
		Widths:  []float64{1.8, 3.0, 2.0, 3.0},
	}
	disagree := false
	for _, r := range ev.Recommendations {
		rec := r.Recommendation
		var evidence []string
		for _, f := range r.Findings {
			if w := e.findingWords(f.Code, f.Value); w != "" && !contains(evidence, w) {
				evidence = append(evidence, w)
			}
		}
		assessment := capitalise(string(rec.Assessment))
		if rec.Reason != "" {
			assessment += ": " + rec.Reason
		}
		if len(r.Disagreements) > 0 {
			assessment += " *"
			disagree = true
		}
		tab.Rows = append(tab.Rows, []string{rec.Source(), rec.Text, assessment, orDash(strings.Join(evidence, " "))})
	}
	tab.Notes = []string{"The assessment is the submitting organisation's own; the tool sets the interviews' figures beside it and never assesses a recommendation itself."}
	if disagree {
		tab.Notes = append(tab.Notes, "* The organisation's assessment and the figures beside it seem to disagree: see the text.")
	}
	return []doc.Block{tab}
}

// contradicted lists the claims the evidence contradicts, for the executive summary and the
// Committee handout.
func (e *env) contradicted() []ClaimView {
	var out []ClaimView
	for _, c := range e.claimViews() {
		if c.Contradicted {
			out = append(out, c)
		}
	}
	return out
}

// claimsTable is the table of the State party's claims and what the findings do to them, for
// the annex (and annex.xlsx).
func (e *env) claimsTable() []doc.Block {
	ev := e.evaluation()
	if len(ev.Claims) == 0 {
		return nil
	}
	tab := &doc.Table{
		ID:      e.uniqueID("claims"),
		Caption: e.tableCaption("The State party's claims and the findings"),
		Header:  []string{"Claim", "Source", "The findings", "What the " + e.in.Who + " interviewed in " + e.pub.To + " said"},
		Align:   []doc.Align{doc.Left, doc.Left, doc.Left, doc.Left},
		Widths:  []float64{3.0, 1.8, 1.6, 3.4},
	}
	status := map[claims.Status]string{claims.Contradicted: "contradict the claim", claims.NotContradicted: "do not contradict it",
		claims.NoEvidence: "cannot bear on it", claims.NotTested: "cannot test it"}
	improvement := "do not bear it out"
	for _, r := range ev.Lead() {
		var ev []string
		for _, l := range r.Findings {
			if w := e.findingWords(l.Code, l.Value); w != "" && !contains(ev, w) {
				ev = append(ev, w)
			}
		}
		st := status[r.Status]
		if r.Status == claims.Contradicted && r.Claim.Asserts == claims.Improvement {
			st = improvement
		}
		tab.Rows = append(tab.Rows, []string{r.Claim.Text, r.Claim.Citation(), st, orDash(strings.Join(ev, " "))})
	}
	tab.Notes = []string{"The findings do not bear out a claim of improvement when a linked finding is worse in the later wave, after adjustment for the number of tests and once who was interviewed is taken into account; " +
		"they contradict a claim that a harm does not happen when at least " +
		itoa(e.pub.MinCell) + " of the " + e.in.Who + " interviewed, and at least one in four of those who answered, reported it."}
	return []doc.Block{tab}
}
