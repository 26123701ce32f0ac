package privacy

import (
	"fmt"
	"slices"

	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/dataset"
)

// Homogeneity is a quasi group in which everyone who answered a sensitive code gave the same
// answer: whoever knows that a person of the group was interviewed learns her answer.
type Homogeneity struct {
	Group Group  // the quasi group; Group.Count is its size
	Code  string // the sensitive code
	// Value is the shared answer: "yes" or "no" for a yes/no code, the value of a category code,
	// one value of a multi code (which everyone has, or nobody has when Absent).
	Value  string
	Absent bool
	Count  int // how many in the group answered the code: every one of them gave Value
	// Serious marks a shared answer that discloses harm: "yes", any category value (the tool
	// cannot tell which value harms) or a multi value everyone has. "no" and absent multi values
	// disclose too, but what they reveal is that the harm did not happen.
	Serious bool
	// Small marks a group of fewer than k people, which SmallGroups reports as well.
	Small bool
}

// String describes the finding without naming anyone, e.g. `all 4 who answered det_detained
// in age_band=40 and over, province_group=other provinces said "yes"`.
func (h Homogeneity) String() string {
	all := fmt.Sprintf("all %d", h.Count)
	if h.Count == 2 {
		all = "both"
	}
	if h.Absent {
		return fmt.Sprintf("none of the %d who answered %s in %s gave %q", h.Count, h.Code, h.Group, h.Value)
	}
	return fmt.Sprintf("%s who answered %s in %s gave %q", all, h.Code, h.Group, h.Value)
}

// Homogeneous checks ℓ-diversity (homogeneity) of an interviews wave: for every sensitive yes/no,
// category or multi code (not itself a quasi-identifier), and every quasi group as SmallGroups
// forms them, whatever their size, where at least 2 people answered the code and all of them
// gave the same answer, it reports the group, the code and the shared answer. A multi code is
// checked value by value: everyone has it, or nobody has it.
//
// Homogeneity discloses the answer whichever it is, so an all-"no" group is reported too, with
// Serious false. The result lists serious findings first, then by code (codebook order), group
// (the order of SmallGroups) and value. k marks the groups that also fail k-anonymity (Small).
func Homogeneous(w *dataset.Wave, cb *codebook.Codebook, k int) []Homogeneity {
	qs := quasiColumns(w, cb)
	gs := groups(w, qs)
	if len(gs) == 0 {
		return nil
	}
	var out []Homogeneity
	for _, code := range cb.Codes {
		if !code.Sensitive || !code.Counted() || code.Identifier != "" {
			continue
		}
		col := w.Column(code)
		if col == nil {
			continue
		}
		for _, g := range gs {
			var answered []int
			var answers []uint64
			for _, i := range g.members {
				if i < len(col.State) && i < len(col.Bits) && col.State[i] == dataset.Answered {
					answered = append(answered, i)
					answers = append(answers, col.Bits[i])
				}
			}
			if len(answers) < 2 {
				continue
			}
			h := Homogeneity{Group: g.public(qs), Code: code.Name, Count: len(answers), Small: len(g.members) < k}
			switch code.Type {
			case codebook.YesNo, codebook.Category:
				if slices.ContainsFunc(answers, func(a uint64) bool { return a != answers[0] }) {
					continue
				}
				r := rank(quasiColumn{code, col}, answered[0])
				if r == rankMissing {
					continue // an answer outside the code's values
				}
				h.Value = valueName(code, r)
				h.Serious = code.Type == codebook.Category || h.Value == "yes"
				out = append(out, h)
			case codebook.Multi:
				for v, name := range code.Values {
					bit := uint64(1) << uint(v)
					has := 0
					for _, a := range answers {
						if a&bit != 0 {
							has++
						}
					}
					if has != 0 && has != len(answers) {
						continue
					}
					h.Value, h.Absent, h.Serious = name, has == 0, has != 0
					out = append(out, h)
				}
			}
		}
	}
	slices.SortStableFunc(out, func(a, b Homogeneity) int {
		switch {
		case a.Serious == b.Serious:
			return 0
		case a.Serious:
			return -1
		}
		return 1
	})
	return out
}
