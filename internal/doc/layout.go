package doc

import (
	"math"
	"strings"
)

// ColumnWidths spreads ncol columns of t over total, in the renderer's unit: in proportion to
// the table's Widths when it gives them (a missing or invalid entry takes their average);
// otherwise between each column's narrowest (its longest word, at most 30% of total) and its
// widest (its whole text), as measured by width, which includes the cell's padding. A column
// is never narrower than floor. The first 400 rows are enough to judge.
func (t *Table) ColumnWidths(ncol int, total, floor float64, width func(text string, bold bool) float64) []float64 {
	out := make([]float64, ncol)
	valid := func(i int) bool {
		return i < len(t.Widths) && t.Widths[i] > 0 && !math.IsInf(t.Widths[i], 0) && !math.IsNaN(t.Widths[i])
	}
	sum, n := 0.0, 0
	for i := range ncol {
		if valid(i) {
			sum += t.Widths[i]
			n++
		}
	}
	if n > 0 {
		avg := sum / float64(n)
		sum = 0
		for i := range ncol {
			out[i] = avg
			if valid(i) {
				out[i] = t.Widths[i]
			}
			sum += out[i]
		}
		for i := range out {
			out[i] *= total / sum
		}
		return out
	}
	minW := make([]float64, ncol)
	maxW := make([]float64, ncol)
	measure := func(cells []string, bold bool) {
		for c := range min(len(cells), ncol) {
			maxW[c] = max(maxW[c], min(width(cells[c], bold), total))
			for _, f := range strings.Fields(cells[c]) {
				minW[c] = max(minW[c], min(width(f, bold), total*0.3))
			}
		}
	}
	measure(t.Header, true)
	for i, row := range t.Rows {
		if i > 400 {
			break
		}
		measure(row, i < len(t.Emphasis) && t.Emphasis[i])
	}
	sumMin, sumMax := 0.0, 0.0
	for c := range ncol {
		minW[c] = max(minW[c], floor)
		maxW[c] = max(maxW[c], minW[c])
		sumMin += minW[c]
		sumMax += maxW[c]
	}
	switch {
	case sumMax <= total:
		for c := range out {
			out[c] = maxW[c] * total / sumMax
		}
	case sumMin >= total:
		for c := range out {
			out[c] = minW[c] * total / sumMin
		}
	default:
		for c := range out {
			out[c] = minW[c] + (total-sumMin)*(maxW[c]-minW[c])/(sumMax-sumMin)
		}
	}
	return out
}

// StartsAnnex reports whether h opens the annex: a level-1 heading whose text, as it prints
// (Plain), starts with "Annex" (any case). The annex starts a new page, and the word count
// stops there.
func (h *Heading) StartsAnnex() bool {
	return h != nil && clampLevel(h.Level) == 1 && strings.HasPrefix(strings.ToLower(Plain(h.Text)), "annex")
}

func clampLevel(l int) int { return min(max(l, 1), 3) }

// ClampLevel is a heading level within 1 to 3.
func ClampLevel(l int) int { return clampLevel(l) }

// ContentsTitle is the heading of the contents.
const ContentsTitle = "Contents"
