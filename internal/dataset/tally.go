package dataset

import (
	"math/bits"

	"github.com/shadowreport/shadowreport/internal/codebook"
)

// Tally is what a wave says about one code, withdrawn interviewees excluded.
type Tally struct {
	Code *codebook.Code
	// Answered, Missing and NotApplicable count interviewees. For an aggregate wave only
	// Answered is known (the largest published base); Known is false.
	Answered, Missing, NotApplicable int
	Known                            bool
	// Values names what Counts and Bases count: "yes" and "no" for a yes/no code,
	// the code's values otherwise.
	Values []string
	Counts []int
	// Bases is the denominator of each count: Answered for interviews; the published n of
	// each figure for an aggregate wave (0 where the value was not published).
	Bases []int
	// Numbers holds the answers of a number code.
	Numbers []float64
	// Sources lists the published sources of an aggregate wave's figures.
	Sources []string
}

// Tally summarises the wave's answers to code; ok is false when the wave lacks the code.
func (w *Wave) Tally(code *codebook.Code) (t Tally, ok bool) {
	t = Tally{Code: code, Values: code.Values}
	if code.Type == codebook.YesNo {
		t.Values = []string{"yes", "no"}
	}
	t.Counts = make([]int, len(t.Values))
	t.Bases = make([]int, len(t.Values))
	if w.Kind == Aggregate {
		return w.tallyFigures(t)
	}
	col := w.Column(code)
	if col == nil {
		return t, false
	}
	t.Known = true
	for i, p := range w.People {
		if p.Consent == ConsentWithdrawn {
			continue
		}
		switch col.State[i] {
		case Missing:
			t.Missing++
			continue
		case NotApplicable:
			t.NotApplicable++
			continue
		}
		t.Answered++
		switch code.Type {
		case codebook.YesNo:
			if col.Bits[i] == 1 {
				t.Counts[0]++
			} else {
				t.Counts[1]++
			}
		case codebook.Category, codebook.Multi:
			for b := col.Bits[i]; b != 0; b &= b - 1 {
				if v := bits.TrailingZeros64(b); v < len(t.Counts) {
					t.Counts[v]++
				}
			}
		case codebook.Number:
			t.Numbers = append(t.Numbers, col.Num[i])
		}
	}
	for i := range t.Bases {
		t.Bases[i] = t.Answered
	}
	return t, true
}

func (w *Wave) tallyFigures(t Tally) (Tally, bool) {
	found := false
	seen := map[string]bool{}
	for _, f := range w.Figures {
		if f.Code != t.Code {
			continue
		}
		found = true
		if f.Value < len(t.Counts) {
			t.Counts[f.Value] = f.Count
			t.Bases[f.Value] = f.N
		}
		if t.Code.Type == codebook.YesNo {
			t.Counts[1], t.Bases[1] = f.N-f.Count, f.N
		}
		t.Answered = max(t.Answered, f.N)
		if f.Source != "" && !seen[f.Source] {
			seen[f.Source] = true
			t.Sources = append(t.Sources, f.Source)
		}
	}
	return t, found
}
