package policy

import (
	"encoding/json"

	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/compare"
)

// JSON is what findings.json holds: the comparison as the report publishes it. It is built
// field by field from the public view (an allow-list): a statistic added to the comparison
// reaches findings.json only once it is added here, with its protection.
type JSON struct {
	Notice           string                    `json:"notice"`
	Confidential     bool                      `json:"confidential"`
	Synthetic        bool                      `json:"synthetic,omitempty"`
	From             string                    `json:"from"`
	To               string                    `json:"to"`
	Level            float64                   `json:"level"`
	Adjust           string                    `json:"adjust"`
	MinN             int                       `json:"min_n"`
	MinCell          int                       `json:"min_cell"`
	Tests            int                       `json:"tests"`
	Findings         []jsonFinding             `json:"findings"`
	Trends           []struct{}                `json:"trends"`
	NotComparable    []jsonNotComparable       `json:"not_comparable"`
	Composition      []jsonComposition         `json:"composition"`
	CompositionTests []compare.CompositionTest `json:"composition_tests"`
	Numbers          []jsonNumbers             `json:"numbers"`
}

type jsonSide struct {
	Count      *int              `json:"count"`
	CountRange *[2]int           `json:"count_range,omitempty"`
	N          int               `json:"n"`
	Share      *float64          `json:"share"`
	CI         *compare.Interval `json:"ci"`
	Sources    []string          `json:"sources,omitempty"`
}

type jsonFinding struct {
	Code      string             `json:"code"`
	Value     string             `json:"value"`
	Label     string             `json:"label"`
	Labels    map[string]string  `json:"labels,omitempty"`
	Type      codebook.Type      `json:"type"`
	Theme     string             `json:"theme"`
	Article   string             `json:"article,omitempty"`
	Direction codebook.Direction `json:"direction"`
	Sensitive bool               `json:"sensitive"`
	From      jsonSide           `json:"from"`
	To        jsonSide           `json:"to"`
	Diff      *float64           `json:"diff"`
	DiffCI    *compare.Interval  `json:"diff_ci"`
	P         *float64           `json:"p"`
	PAdjusted *float64           `json:"p_adjusted"`
	Verdict   compare.Verdict    `json:"verdict"`
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
	Code  string               `json:"code"`
	Label string               `json:"label"`
	Theme string               `json:"theme"`
	From  *compare.NumberStats `json:"from"`
	To    *compare.NumberStats `json:"to"`
}

// The first field of findings.json, so that nobody mistakes it for the researcher's figures.
const (
	NoticePublic       = "Published findings: counts of fewer than min_cell people of sensitive findings are given as ranges, and nothing here gives them back. The unsuppressed figures are for the research team only (shadowreport compare)."
	NoticeConfidential = "CONFIDENTIAL — for the Committee only. Not for publication. Counts of fewer than min_cell people of sensitive findings are given as ranges."
)

func jside(s Side) jsonSide {
	out := jsonSide{N: s.N, Share: s.Share, CI: s.CI, Sources: s.Sources}
	if k, ok := s.Count(); ok {
		out.Count = &k
	} else if s.N > 0 {
		lo, hi := s.Range()
		out.CountRange = &[2]int{lo, hi}
	}
	return out
}

// JSON returns the public comparison as findings.json holds it.
func (pub *Public) JSON(confidential, synthetic bool) JSON {
	out := JSON{Notice: NoticePublic, Confidential: confidential, Synthetic: synthetic,
		From: pub.From, To: pub.To, Level: pub.Level, Adjust: pub.Adjust, MinN: pub.MinN, MinCell: pub.MinCell, Tests: pub.Tests,
		Findings: []jsonFinding{}, Trends: []struct{}{}, NotComparable: []jsonNotComparable{}, Composition: []jsonComposition{},
		CompositionTests: []compare.CompositionTest{}, Numbers: []jsonNumbers{}}
	if confidential {
		out.Notice = NoticeConfidential
	}
	for _, f := range pub.Findings {
		out.Findings = append(out.Findings, jsonFinding{Code: f.Code, Value: f.Value, Label: f.Label, Labels: f.Labels, Type: f.Type,
			Theme: f.Theme, Article: f.Article, Direction: f.Direction, Sensitive: f.Sensitive, From: jside(f.From), To: jside(f.To),
			Diff: f.Diff, DiffCI: f.DiffCI, P: f.P, PAdjusted: f.PAdjusted, Verdict: f.Verdict})
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
		out.Numbers = append(out.Numbers, jsonNumbers{Code: n.Code, Label: n.Label, Theme: n.Theme, From: n.From, To: n.To})
	}
	return out
}

// MarshalIndent is findings.json's bytes: indented, ending in a newline.
func (j JSON) MarshalIndent() ([]byte, error) {
	b, err := json.MarshalIndent(j, "", "  ")
	return append(b, '\n'), err
}
