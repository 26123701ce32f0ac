package build

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/shadowreport/shadowreport/internal/dataset"
	"github.com/shadowreport/shadowreport/internal/policy"
	"github.com/shadowreport/shadowreport/internal/privacy"
	pubfile "github.com/shadowreport/shadowreport/internal/publish"
)

// Summary is what a build published and what it held back, printed at its end and kept in the
// project's state folder (outside out/) so that the next build can say what changed. It holds
// only what the outputs publish, never a withheld count or a quote's text.
type Summary struct {
	Waves        []WaveInfo `json:"waves"`
	Confidential bool       `json:"confidential"`
	Outputs      []string   `json:"outputs"`
	// Findings counts the findings; Sensitive those of sensitive codes, of which Ranged are
	// published as a range ("fewer than 5 of 40") and NotShown not at all (too few answers).
	Findings  int `json:"findings"`
	Sensitive int `json:"sensitive"`
	Ranged    int `json:"ranged"`
	NotShown  int `json:"not_shown"`
	// HiddenCells counts the counts hidden in the tables of who was interviewed.
	HiddenCells int `json:"hidden_cells"`
	// Quotes counts the quotes published; Held the others of the later wave, by reason.
	Quotes    int            `json:"quotes"`
	Held      map[string]int `json:"held"`
	Coarsened int            `json:"coarsened"`
	Overrides []string       `json:"overrides"`
	// Figures are the published figures of each finding, by code and value, and QuoteCells
	// where each published quote is: what the next build compares with.
	Figures    map[string]string `json:"figures"`
	QuoteCells []string          `json:"quote_cells"`
}

// summarise describes a build that was published.
func summarise(b *builder) *Summary {
	s := &Summary{Waves: b.result.Waves, Confidential: b.pol.Confidential(), Outputs: b.order, Held: map[string]int{}, Figures: map[string]string{}}
	pub := b.pol.Public()
	for _, f := range pub.Findings {
		s.Findings++
		if f.Sensitive {
			s.Sensitive++
		}
		for _, side := range []policy.Side{f.From, f.To} {
			switch side.Show {
			case policy.Fewer, policy.AllBut:
				s.Ranged++
			case policy.TooFewAnswers:
				s.NotShown++
			}
		}
		key := f.Code
		if f.Value != "yes" {
			key += "=" + f.Value
		}
		s.Figures[key] = fmt.Sprintf("%s in %s, %s in %s, %s", f.From.KofN(), pub.From, f.To.KofN(), pub.To, verdictWords(f))
	}
	for _, t := range pub.Composition {
		for _, r := range t.Rows {
			for _, c := range r.Cells {
				if c.Mark != "" {
					s.HiddenCells++
				}
			}
		}
	}
	s.QuoteCells = b.pol.Published()
	s.Quotes = len(s.QuoteCells)
	if w := b.p.Wave(pub.To); w != nil && w.Kind == dataset.Interviews {
		for _, q := range w.Quotes {
			if ok, why := privacy.Publishable(w, q); !ok {
				s.Held[why]++
			}
		}
	}
	s.Coarsened = len(b.pol.Notes())
	for _, l := range b.pol.Lifted() {
		s.Overrides = append(s.Overrides, l.Override.Rule+" for "+l.Override.Target())
	}
	return s
}

func verdictWords(f policy.Finding) string {
	if f.Verdict == "" {
		return "described"
	}
	return strings.ReplaceAll(string(f.Verdict), "_", " ")
}

// Lines words the summary for the end of a build's output.
func (s *Summary) Lines() []string {
	var out []string
	kind := "public"
	if s.Confidential {
		kind = "CONFIDENTIAL, for the Committee only"
	}
	out = append(out, fmt.Sprintf("published (%s): %s", kind, strings.Join(s.Outputs, ", ")))
	f := fmt.Sprintf("findings: %d, %d of them of sensitive codes", s.Findings, s.Sensitive)
	if s.Ranged+s.NotShown > 0 {
		f += fmt.Sprintf("; %d counts given as a range and %d not shown, to protect the people interviewed", s.Ranged, s.NotShown)
	}
	out = append(out, f)
	q := fmt.Sprintf("quotes: %d published", s.Quotes)
	reasons := make([]string, 0, len(s.Held))
	for why := range s.Held {
		reasons = append(reasons, why)
	}
	sort.Strings(reasons)
	for _, why := range reasons {
		q += fmt.Sprintf(", %d not (%s)", s.Held[why], why)
	}
	if s.Coarsened > 0 {
		q += fmt.Sprintf("; %d attributions coarsened", s.Coarsened)
	}
	out = append(out, q)
	if s.HiddenCells > 0 {
		out = append(out, fmt.Sprintf("tables of who was interviewed: %d counts hidden (x)", s.HiddenCells))
	}
	if len(s.Overrides) > 0 {
		out = append(out, "overrides in force: "+strings.Join(s.Overrides, "; "))
	} else {
		out = append(out, "overrides in force: none")
	}
	return out
}

// Changes is what changed since the previous build.
type Changes struct {
	Findings      []string // "edu_fees_paid: 31 of 50 in 2014, 28 of 40 in 2017, no clear change → …"
	QuotesAdded   []string
	QuotesRemoved []string
}

// Lines words the changes; an empty list when nothing changed.
func (c *Changes) Lines() []string {
	if c == nil {
		return nil
	}
	var out []string
	for _, f := range c.Findings {
		out = append(out, "changed: "+f)
	}
	if len(c.QuotesAdded) > 0 {
		out = append(out, "quotes added: "+strings.Join(c.QuotesAdded, ", "))
	}
	if len(c.QuotesRemoved) > 0 {
		out = append(out, "quotes removed: "+strings.Join(c.QuotesRemoved, ", "))
	}
	return out
}

// since compares the summary with the previous build's; nil when there was none.
func (s *Summary) since(prev *Summary) *Changes {
	if prev == nil {
		return nil
	}
	c := &Changes{}
	keys := map[string]bool{}
	for k := range s.Figures {
		keys[k] = true
	}
	for k := range prev.Figures {
		keys[k] = true
	}
	sorted := make([]string, 0, len(keys))
	for k := range keys {
		sorted = append(sorted, k)
	}
	sort.Strings(sorted)
	for _, k := range sorted {
		now, was := s.Figures[k], prev.Figures[k]
		switch {
		case now == was:
		case was == "":
			c.Findings = append(c.Findings, k+": new: "+now)
		case now == "":
			c.Findings = append(c.Findings, k+": no longer in the report (was "+was+")")
		default:
			c.Findings = append(c.Findings, k+": "+was+" → "+now)
		}
	}
	old := map[string]bool{}
	for _, q := range prev.QuoteCells {
		old[q] = true
	}
	cur := map[string]bool{}
	for _, q := range s.QuoteCells {
		cur[q] = true
		if !old[q] {
			c.QuotesAdded = append(c.QuotesAdded, q)
		}
	}
	for _, q := range prev.QuoteCells {
		if !cur[q] {
			c.QuotesRemoved = append(c.QuotesRemoved, q)
		}
	}
	return c
}

const summaryFile = "last-build.json"

// readSummary reads the previous build's summary from the state folder; nil when there is none
// or it cannot be read (the next build then says nothing about changes).
func readSummary(stateDir string) *Summary {
	f, err := os.Open(filepath.Join(stateDir, summaryFile))
	if err != nil {
		return nil
	}
	defer f.Close()
	var s Summary
	if err := json.NewDecoder(io.LimitReader(f, 16<<20)).Decode(&s); err != nil {
		return nil
	}
	return &s
}

// write keeps the summary in the state folder.
func (s *Summary) write(stateDir string) error {
	if err := os.MkdirAll(stateDir, 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	return pubfile.WriteFile(filepath.Join(stateDir, summaryFile), func(w io.Writer) error {
		_, err := w.Write(append(b, '\n'))
		return err
	})
}
