package policy

import (
	"encoding/json"

	"github.com/shadowreport/shadowreport/internal/claims"

	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/compare"
)

// JSON is what findings.json holds: the comparison as the report publishes it. It is built
// field by field from the public view (an allow-list): a statistic added to the comparison
// reaches findings.json only once it is added here, with its protection.
type JSON struct {
	Notice                  string                    `json:"notice"`
	Confidential            bool                      `json:"confidential"`
	Synthetic               bool                      `json:"synthetic,omitempty"`
	From                    string                    `json:"from"`
	To                      string                    `json:"to"`
	Level                   float64                   `json:"level"`
	Adjust                  string                    `json:"adjust"`
	MinN                    int                       `json:"min_n"`
	MinCell                 int                       `json:"min_cell"`
	Tests                   int                       `json:"tests"`
	Single                  bool                      `json:"single"`
	Family                  compare.Family            `json:"family"`
	IntervalsAdjusted       bool                      `json:"intervals_adjusted"`
	Power                   *compare.Power            `json:"power"`
	Agreement               []compare.Agreement       `json:"agreement"`
	Standardisation         *compare.Standardisation  `json:"standardisation"`
	StandardisationWithheld string                    `json:"standardisation_withheld,omitempty"`
	Findings                []jsonFinding             `json:"findings"`
	Trends                  []struct{}                `json:"trends"`
	NotComparable           []jsonNotComparable       `json:"not_comparable"`
	Composition             []jsonComposition         `json:"composition"`
	CompositionTests        []compare.CompositionTest `json:"composition_tests"`
	Numbers                 []jsonNumbers             `json:"numbers"`
	// Claims are the State party's claims set beside the findings; Recommendations the
	// earlier recommendations with the organisation's assessment.
	Claims          []jsonClaim          `json:"claims"`
	Recommendations []jsonRecommendation `json:"recommendations"`
}

type jsonLinked struct {
	Code    string `json:"code"`
	Value   string `json:"value"`
	Bearing string `json:"bearing,omitempty"`
}

type jsonClaim struct {
	ID       string       `json:"id"`
	Citation string       `json:"citation"`
	Text     string       `json:"text"`
	Form     string       `json:"form"`
	Asserts  string       `json:"asserts"`
	Status   string       `json:"status"`
	Findings []jsonLinked `json:"findings"`
}

type jsonRecommendation struct {
	ID            string       `json:"id"`
	Source        string       `json:"source"`
	Text          string       `json:"text"`
	Assessment    string       `json:"assessment"`
	Reason        string       `json:"reason"`
	Findings      []jsonLinked `json:"findings"`
	Disagreements []string     `json:"disagreements"`
}

type jsonSide struct {
	Count      *int    `json:"count"`
	CountRange *[2]int `json:"count_range,omitempty"`
	Rebuilt    bool    `json:"rebuilt,omitempty"`
	N          *int    `json:"n"`
	// Shown is "not_shown" when nothing of the side is published, not even N (NotShown says
	// why); omitted otherwise.
	Shown         string            `json:"shown,omitempty"`
	NotShown      string            `json:"not_shown,omitempty"`
	Share         *float64          `json:"share"`
	CI            *compare.Interval `json:"ci"`
	Missing       *int              `json:"missing"`
	NotApplicable *int              `json:"not_applicable"`
	Sources       []string          `json:"sources,omitempty"`
}

type jsonFinding struct {
	Code         string                `json:"code"`
	Value        string                `json:"value"`
	Label        string                `json:"label"`
	Labels       map[string]string     `json:"labels,omitempty"`
	Type         codebook.Type         `json:"type"`
	Theme        string                `json:"theme"`
	Article      string                `json:"article,omitempty"`
	Direction    codebook.Direction    `json:"direction"`
	Sensitive    bool                  `json:"sensitive"`
	From         jsonSide              `json:"from"`
	To           jsonSide              `json:"to"`
	Diff         *float64              `json:"diff"`
	DiffCI       *compare.Interval     `json:"diff_ci"`
	Family       string                `json:"family"`
	P            *float64              `json:"p"`
	PAdjusted    *float64              `json:"p_adjusted"`
	Verdict      compare.Verdict       `json:"verdict"`
	CINote       string                `json:"ci_note"`
	MissingFlag  bool                  `json:"missing_flag"`
	Standardised *compare.Standardised `json:"standardised"`
	NotRobust    bool                  `json:"not_robust"`
}

type jsonNotComparable struct {
	Code        string    `json:"code"`
	Value       string    `json:"value"`
	Label       string    `json:"label"`
	Theme       string    `json:"theme"`
	MissingFrom string    `json:"missing_from"`
	PresentIn   string    `json:"present_in"`
	Present     *jsonSide `json:"present,omitempty"`
}

type jsonComposition struct {
	Code   string              `json:"code"`
	Value  string              `json:"value"`
	Label  string              `json:"label"`
	Counts map[string]*int     `json:"counts"`
	Marks  map[string]string   `json:"marks,omitempty"`
	N      map[string]int      `json:"n"`
	Shares map[string]*float64 `json:"shares"`
	Diff   *float64            `json:"diff"`
	Flag   bool                `json:"flag"`
}

type jsonNumbers struct {
	Code     string               `json:"code"`
	Label    string               `json:"label"`
	Theme    string               `json:"theme"`
	From     *compare.NumberStats `json:"from"`
	To       *compare.NumberStats `json:"to"`
	NotShown map[string]string    `json:"not_shown,omitempty"`
}

// The first field of findings.json, so that nobody mistakes it for the researcher's figures.
const (
	NoticePublic       = "Published findings: counts of fewer than min_cell people of sensitive findings are given as ranges, and nothing here gives them back. The unsuppressed figures are for the research team only (shadowreport compare)."
	NoticeConfidential = "CONFIDENTIAL — for the Committee only. Not for publication. Counts of fewer than min_cell people of sensitive findings are given as ranges."
)

func jside(s Side) jsonSide {
	n, nShown := s.N()
	if !nShown {
		return jsonSide{Shown: "not_shown", NotShown: s.Why(), Sources: s.Sources}
	}
	out := jsonSide{N: &n, Share: s.Share, CI: s.CI, Sources: s.Sources, Missing: s.Missing, NotApplicable: s.NotApplicable}
	k, ok := s.Count()
	lo, hi := s.Range()
	switch {
	case ok && lo == hi:
		out.Count = &k
	case n > 0:
		out.CountRange = &[2]int{lo, hi}
	}
	out.Rebuilt = s.Rebuilt && s.Show == Exact
	return out
}

// JSON returns the public comparison as findings.json holds it.
func (pub *Public) JSON(confidential, synthetic bool) JSON {
	out := JSON{Notice: NoticePublic, Confidential: confidential, Synthetic: synthetic,
		From: pub.From, To: pub.To, Level: pub.Level, Adjust: pub.Adjust, MinN: pub.MinN, MinCell: pub.MinCell, Tests: pub.Tests,
		Single: pub.Single, Family: pub.Family, Power: pub.Power, Agreement: pub.Agreement,
		Standardisation: pub.Standardisation, StandardisationWithheld: pub.StandardisationWithheld,
		Findings: []jsonFinding{}, Trends: []struct{}{}, NotComparable: []jsonNotComparable{}, Composition: []jsonComposition{},
		CompositionTests: []compare.CompositionTest{}, Numbers: []jsonNumbers{}}
	if confidential {
		out.Notice = NoticeConfidential
	}
	for _, f := range pub.Findings {
		out.Findings = append(out.Findings, jsonFinding{Code: f.Code, Value: f.Value, Label: f.Label, Labels: f.Labels, Type: f.Type,
			Theme: f.Theme, Article: f.Article, Direction: f.Direction, Sensitive: f.Sensitive, From: jside(f.From), To: jside(f.To),
			Diff: f.Diff, DiffCI: f.DiffCI, Family: f.Family, P: f.P, PAdjusted: f.PAdjusted, Verdict: f.Verdict,
			CINote: f.CINote, MissingFlag: f.MissingFlag, Standardised: f.Standardised, NotRobust: f.NotRobust})
	}
	for _, n := range pub.NotComparable {
		j := jsonNotComparable{Code: n.Code, Value: n.Value, Label: n.Label, Theme: n.Theme, MissingFrom: n.MissingFrom, PresentIn: n.PresentIn}
		if n.Present != nil {
			s := jside(*n.Present)
			j.Present = &s
		}
		out.NotComparable = append(out.NotComparable, j)
	}
	for _, t := range pub.Composition {
		for _, r := range t.Rows {
			j := jsonComposition{Code: t.Code, Value: r.Value, Label: t.Label, Counts: map[string]*int{}, N: map[string]int{}, Shares: map[string]*float64{}, Diff: r.Diff, Flag: r.Flag}
			for wave, c := range r.Cells {
				j.Shares[wave] = c.Share
				if !c.Published {
					continue
				}
				j.N[wave] = c.N
				if k, ok := c.Count(); ok {
					j.Counts[wave] = &k
				} else {
					j.Counts[wave] = nil
					if j.Marks == nil {
						j.Marks = map[string]string{}
					}
					j.Marks[wave] = c.Mark
				}
			}
			out.Composition = append(out.Composition, j)
		}
		if t.Test != nil {
			out.CompositionTests = append(out.CompositionTests, *t.Test)
		}
	}
	for _, n := range pub.Numbers {
		j := jsonNumbers{Code: n.Code, Label: n.Label, Theme: n.Theme, From: n.From, To: n.To}
		for _, ns := range []struct{ wave, why string }{{pub.From, n.FromNotShown}, {pub.To, n.ToNotShown}} {
			if ns.why != "" {
				if j.NotShown == nil {
					j.NotShown = map[string]string{}
				}
				j.NotShown[ns.wave] = ns.why
			}
		}
		out.Numbers = append(out.Numbers, j)
	}
	return out
}

// WithClaims adds the claims and recommendations, as the policy evaluated them.
func (j JSON) WithClaims(ev claims.Evaluation) JSON {
	j.Claims, j.Recommendations = []jsonClaim{}, []jsonRecommendation{}
	for _, r := range ev.Claims {
		c := r.Claim
		jc := jsonClaim{ID: c.ID, Citation: c.Citation(), Text: c.Text, Form: string(c.Form), Asserts: string(c.Asserts), Status: string(r.Status), Findings: []jsonLinked{}}
		for _, l := range r.Findings {
			jc.Findings = append(jc.Findings, jsonLinked{Code: l.Code, Value: l.Value, Bearing: string(l.Bearing)})
		}
		j.Claims = append(j.Claims, jc)
	}
	for _, r := range ev.Recommendations {
		rec := r.Recommendation
		jr := jsonRecommendation{ID: rec.ID, Source: rec.Source(), Text: rec.Text, Assessment: string(rec.Assessment), Reason: rec.Reason,
			Findings: []jsonLinked{}, Disagreements: append([]string{}, r.Disagreements...)}
		for _, f := range r.Findings {
			jr.Findings = append(jr.Findings, jsonLinked{Code: f.Code, Value: f.Value})
		}
		j.Recommendations = append(j.Recommendations, jr)
	}
	return j
}

// MarshalIndent is findings.json's bytes: indented, ending in a newline.
func (j JSON) MarshalIndent() ([]byte, error) {
	b, err := json.MarshalIndent(j, "", "  ")
	return append(b, '\n'), err
}
