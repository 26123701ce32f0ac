package privacy

import (
	"math"
	"math/bits"
	"slices"
	"strings"

	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/dataset"
)

// missingValue stands for a blank or not-applicable answer to a quasi-identifier.
const missingValue = "(missing)"

// QuasiValue is one quasi-identifier's value in a group.
type QuasiValue struct {
	Code  string
	Value string
}

// Group is a combination of quasi-identifier values and how many counted interviewees hold it.
type Group struct {
	Values []QuasiValue // one per quasi-identifier code, in codebook order
	Count  int
}

// String describes the group by its values, e.g. "age_band=under 30, province_group=other
// provinces". It never names a person.
func (g Group) String() string {
	parts := make([]string, len(g.Values))
	for i, v := range g.Values {
		parts[i] = v.Code + "=" + v.Value
	}
	return strings.Join(parts, ", ")
}

// quasiColumn is a quasi-identifier code the wave holds answers to.
type quasiColumn struct {
	code *codebook.Code
	col  *dataset.Column
}

// quasiColumns lists the counted quasi-identifier codes of cb the wave holds, in codebook order.
// Number and text quasi-identifiers are left out, as in the composition tables: the codebook
// already warns that they should be coarse categories.
func quasiColumns(w *dataset.Wave, cb *codebook.Codebook) []quasiColumn {
	if w == nil || cb == nil || w.Kind == dataset.Aggregate {
		return nil
	}
	var out []quasiColumn
	for _, c := range cb.Codes {
		if c.Identifier != codebook.Quasi || !c.Counted() {
			continue
		}
		if col := w.Column(c); col != nil {
			out = append(out, quasiColumn{c, col})
		}
	}
	return out
}

// rankMissing sorts the missing value after every real one.
const rankMissing = math.MaxUint64

// rank orders a person's answer to a quasi-identifier: the value index of a category code, 0 for
// yes and 1 for no, the value set of a multi code; rankMissing for no usable answer.
func rank(q quasiColumn, i int) uint64 {
	if i >= len(q.col.State) || q.col.State[i] != dataset.Answered || i >= len(q.col.Bits) {
		return rankMissing
	}
	b := q.col.Bits[i]
	switch q.code.Type {
	case codebook.YesNo:
		if b == 1 {
			return 0
		}
		return 1
	case codebook.Category:
		v := bits.TrailingZeros64(b)
		if b == 0 || v >= len(q.code.Values) {
			return rankMissing
		}
		return uint64(v)
	}
	return b // multi
}

// valueName is the text of a rank.
func valueName(code *codebook.Code, r uint64) string {
	if r == rankMissing {
		return missingValue
	}
	switch code.Type {
	case codebook.YesNo:
		if r == 0 {
			return "yes"
		}
		return "no"
	case codebook.Category:
		return code.Values[r]
	}
	names := multiNames(code, r)
	if len(names) == 0 {
		return "(none)"
	}
	return strings.Join(names, "; ")
}

// multiNames lists the values of a multi answer in codebook order.
func multiNames(code *codebook.Code, set uint64) []string {
	var names []string
	for b := set; b != 0; b &= b - 1 {
		if v := bits.TrailingZeros64(b); v < len(code.Values) {
			names = append(names, code.Values[v])
		}
	}
	return names
}

// group is a quasi group with its members (indices in Wave.People).
type group struct {
	ranks   []uint64
	members []int
}

func (g group) public(qs []quasiColumn) Group {
	out := Group{Values: make([]QuasiValue, len(qs)), Count: len(g.members)}
	for i, q := range qs {
		out.Values[i] = QuasiValue{Code: q.code.Name, Value: valueName(q.code, g.ranks[i])}
	}
	return out
}

// groups partitions the counted (not withdrawn) interviewees by their quasi-identifier values,
// in the order of the values (codebook order per code, missing last).
func groups(w *dataset.Wave, qs []quasiColumn) []group {
	if len(qs) == 0 {
		return nil
	}
	var out []group
	for i, p := range w.People {
		if p.Consent == dataset.ConsentWithdrawn {
			continue
		}
		ranks := make([]uint64, len(qs))
		for j, q := range qs {
			ranks[j] = rank(q, i)
		}
		k, found := slices.BinarySearchFunc(out, ranks, func(g group, r []uint64) int { return slices.Compare(g.ranks, r) })
		if !found {
			out = slices.Insert(out, k, group{ranks: ranks})
		}
		out[k].members = append(out[k].members, i)
	}
	return out
}

// SmallGroups lists, for an interviews wave, every combination of quasi-identifier values held
// by fewer than k counted interviewees (withdrawn interviewees are not counted). A blank or n/a
// answer counts as the value "(missing)". Groups come in the order of their values: codebook
// order of the codes, the codebook order of each code's values, "(missing)" last. Aggregate
// waves, waves without quasi-identifiers and k ≤ 1 give nil.
func SmallGroups(w *dataset.Wave, cb *codebook.Codebook, k int) []Group {
	qs := quasiColumns(w, cb)
	var out []Group
	for _, g := range groups(w, qs) {
		if len(g.members) < k {
			out = append(out, g.public(qs))
		}
	}
	return out
}
