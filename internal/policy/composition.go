package policy

import (
	"fmt"

	"github.com/shadowreport/shadowreport/internal/compare"
	"github.com/shadowreport/shadowreport/internal/privacy"
	"github.com/shadowreport/shadowreport/internal/project"
)

// cellThreshold is the smallest count a published table cell may show: a cell describes a
// group, so neither fewer than min_cell nor fewer than k people.
func (pol *Policy) cellThreshold() int { return max(pol.minCell, pol.k) }

// composition builds the public composition tables: per quasi-identifier and wave, counts of
// fewer than the threshold hidden with the marks of privacy.SuppressVector. A table that
// cannot be protected is refused.
func (pol *Policy) composition() []CompositionTable {
	r := pol.r
	var tables []CompositionTable
	var rows [][]compare.Composition
	for _, c := range r.Composition {
		if c.CodeDef() != nil && c.CodeDef().Sensitive {
			continue // a sensitive quasi-identifier is a finding of its own: it never describes the sample
		}
		if n := len(rows); n > 0 && rows[n-1][0].Code == c.Code {
			rows[n-1] = append(rows[n-1], c)
		} else {
			rows = append(rows, []compare.Composition{c})
		}
	}
	threshold := pol.cellThreshold()
	for _, group := range rows {
		t := CompositionTable{Code: group[0].Code, Label: group[0].Label}
		t.Rows = make([]CompositionRow, len(group))
		hidden := make([]bool, len(group))
		for i, c := range group {
			t.Rows[i] = CompositionRow{Value: c.Value, Cells: map[string]CompositionCell{}}
		}
		for _, wave := range []string{r.From, r.To} {
			if wave == "" {
				continue
			}
			counts := make([]int, len(group))
			total, published := 0, false
			for i, c := range group {
				if n, ok := c.N[wave]; ok {
					published = true
					counts[i] = c.Counts[wave]
					total = max(total, n)
				}
			}
			if !published {
				continue
			}
			cells, err := privacy.SuppressVector(counts, total, threshold)
			if err != nil {
				where := wave
				if w := pol.wave(wave); w != nil {
					where = w.File
				}
				pol.refuse(privacy.RuleSmallCells, project.Override{}, Refusal{
					Where: where,
					What:  fmt.Sprintf("the table of who was interviewed by %s cannot be shown without revealing a group of fewer than %d people (%v)", group[0].Label, threshold, err),
					Fix:   fmt.Sprintf("merge values of %s in the codebook (wider age bands, province groups, longer periods) so that each holds %d or more people, or drop identifier = quasi from a code that does not describe who was interviewed", group[0].Code, threshold),
				})
				t.Hidden = true
			}
			for i, c := range group {
				n, ok := c.N[wave]
				cell := CompositionCell{Published: ok, N: n, count: c.Counts[wave], Share: c.Shares[wave]}
				if ok && i < len(cells) {
					if m := cells[i].Mark(); m != "" || err != nil {
						if m == "" {
							m = "x"
						}
						cell.Mark, cell.Share = m, nil
						t.Hidden, hidden[i] = true, true
					}
				}
				t.Rows[i].Cells[wave] = cell
			}
		}
		for i, c := range group {
			if !hidden[i] {
				// both shares are shown: their difference gives nothing more away
				t.Rows[i].Diff, t.Rows[i].Flag = c.Diff, c.Flag
			}
		}
		if !t.Hidden {
			for j := range r.CompositionTests {
				if r.CompositionTests[j].Code == t.Code {
					test := r.CompositionTests[j]
					t.Test = &test
				}
			}
		}
		tables = append(tables, t)
	}
	return tables
}
