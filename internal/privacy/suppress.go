package privacy

import "fmt"

// Cell is one count of a published one-way table after suppression.
type Cell struct {
	Count      int
	Suppressed bool // hidden: print Mark(), never Count or anything computed from it
	// Primary says the cell is hidden because it counts 1 to minCell-1 people; the other hidden
	// cells are partners hidden with them. For tests and diagnostics only: an output that prints
	// the two kinds differently tells the reader which hidden counts are small, and the proof
	// that no hidden count can be worked out (see SuppressVector) no longer holds.
	Primary bool
}

// hiddenMark is printed for every hidden count, small or partner alike.
const hiddenMark = "x"

// Mark is the text to print in place of the count: "" when the count is shown, "x" when it is
// hidden. Every hidden cell gets the same mark, small counts and their partners alike: a reader
// must not learn which hidden counts are the small ones. Print SuppressionNote under the table.
func (c Cell) Mark() string {
	if c.Suppressed {
		return hiddenMark
	}
	return ""
}

// SuppressionNote explains the mark, for a note under a table with hidden counts.
func SuppressionNote(minCell int) string {
	small := fmt.Sprintf("1 to %d people", minCell-1)
	if minCell == 2 {
		small = "1 person"
	}
	return fmt.Sprintf("x: not shown. Counts of %s are not shown, and where the total would give them away, other counts of the table are hidden with them.", small)
}

// UnprotectedError says that a table cannot be published: no choice of hidden counts keeps the
// small ones from being worked out. The caller names the table (code and wave) and the fix:
// merge values of the code in the codebook, or leave the table out.
type UnprotectedError struct {
	Cells  []int  // 0-based positions of the small counts that cannot be protected
	Reason string // why, in plain words, without naming the table
}

// Rule returns the rule the error breaks, RuleSmallCells.
func (e *UnprotectedError) Rule() string { return RuleSmallCells }

func (e *UnprotectedError) Error() string { return e.Reason }

// SuppressVector protects a one-way table: the count of people for each value of a code (the
// composition of a wave), printed with the total. Zero is shown as zero, so a reader knows a
// hidden count is at least 1.
//
// When the counts add up to the total (each person holds exactly one value), a reader could
// subtract the shown counts from the total, so small counts are hidden with partners:
//
//  1. every count of 1 to minCell-1 people is hidden;
//  2. if any is, the first count of minCell or more people in the order of the table is hidden
//     too (its partner); when there is none, every counted value is small and the table is
//     refused with an *UnprotectedError;
//  3. while the hidden counts hold the least they could (every small count 1 and the partner
//     exactly minCell; with a minCell of 2 that is always so) and a shown non-zero count comes
//     before a hidden one, the first shown non-zero count is hidden too.
//
// Which counts are hidden depends on the table only through which counts are small and, in
// step 3, through the sum of the hidden counts, which the total and the shown counts publish
// anyway. Every hidden count is printed with the same Mark, so a reader who knows this rule
// cannot tell the small counts from their partners.
//
// Guarantee: for every published pattern (the shown counts, where the marks are, the total),
// each hidden count takes at least two values over the tables this rule publishes that way.
// Proof: let R be the hidden cells that come before the first shown non-zero count; R holds
// the first non-zero cell (it is small, or it is the partner), so R is not empty. Take s in R
// and any table with the published shown counts and hidden sum, minCell or more at s and 1 to
// minCell-1 at the other hidden cells. The rule publishes it the same way: the small counts
// are the hidden cells but s; every non-zero cell before s is one of them, so s is the
// partner; step 3 then sees the published pattern, for which it stopped. Because step 3
// stopped, either the hidden counts exceed the least they could hold (minCell ≥ 3 then, and
// those tables give every hidden count two values: the other hidden cells all 1 and s the
// rest, or one of them 2 and s one fewer), or every hidden cell is in R (then putting the
// partner at each cell of R in turn gives every hidden count the value 1 and the partner's). The tests check this
// on every table of up to 40 people with 2 to 5 values.
//
// When the counts do not add up to the total (a multi code, where a person may hold several
// values, or answers missing from the table), no sum ties them together: only the small counts
// are hidden, each known to the reader to lie between 1 and minCell-1. A reader who also knows
// whether the counts fall short of the total or exceed it bounds their sum; the table is
// refused when that bound leaves a hidden count a single value (every hidden count 1, or every
// one minCell-1), and always with a minCell of 2, where a hidden count can only be 1.
//
// Counts are people: negative counts are treated as zero. A minCell of 1 or less hides
// nothing. On error the cells are returned as far as they were hidden; the caller must not
// publish them.
func SuppressVector(counts []int, total int, minCell int) ([]Cell, error) {
	cells := make([]Cell, len(counts))
	sum := 0
	var small []int
	for i, c := range counts {
		c = max(c, 0)
		sum += c
		cells[i].Count = c
		if c >= 1 && c < minCell {
			cells[i].Suppressed, cells[i].Primary = true, true
			small = append(small, i)
		}
	}
	if len(small) == 0 {
		return cells, nil
	}
	if sum != total {
		return cells, standAlone(cells, small, total, minCell)
	}
	partner := firstShown(cells, func(c Cell) bool { return c.Count >= minCell })
	if partner < 0 {
		return cells, &UnprotectedError{Cells: small, Reason: fmt.Sprintf(
			"every value counted has fewer than %d people, so there is no larger count to hide together with them", minCell)}
	}
	cells[partner].Suppressed = true
	for pinned(cells, minCell) {
		cells[firstShown(cells, func(c Cell) bool { return c.Count > 0 })].Suppressed = true
	}
	return cells, nil
}

// firstShown returns the first shown cell for which ok holds, -1 when there is none.
func firstShown(cells []Cell, ok func(Cell) bool) int {
	for i, c := range cells {
		if !c.Suppressed && ok(c) {
			return i
		}
	}
	return -1
}

// pinned reports whether a reader who knew which hidden cell is the partner could work out the
// hidden counts (they hold the least they could), and whether that partner could sit at one
// position only because a shown non-zero count comes before some hidden one.
func pinned(cells []Cell, minCell int) bool {
	hidden, sum, shownBefore, gap := 0, 0, false, false
	for _, c := range cells {
		switch {
		case c.Suppressed:
			hidden++
			sum += c.Count
			gap = gap || shownBefore
		case c.Count > 0:
			shownBefore = true
		}
	}
	least := minCell == 2 || sum == hidden-1+minCell
	return least && gap
}

// standAlone checks the small counts of a table whose counts do not add up to its total. A
// reader who knows whether the counts fall short of the total or exceed it bounds the sum of
// the hidden counts by the total minus the shown ones; it must leave each of them two values.
func standAlone(cells []Cell, small []int, total, minCell int) error {
	room := total // the total minus the shown counts
	hidden := 0
	for _, c := range cells {
		if c.Suppressed {
			hidden++
		} else {
			room -= c.Count
		}
	}
	var reason string
	switch {
	case minCell == 2:
		reason = "with min_cell 2 a hidden count can only be 1"
	case sumOf(cells, true) < room && room-1 == hidden:
		// the hidden counts add up to at most room-1, which is one each
		reason = "the counts add up to less than the total, which they can only do if each hidden count is 1"
	case sumOf(cells, true) > room && room+1 == hidden*(minCell-1):
		// the hidden counts add up to at least room+1, which is minCell-1 each
		reason = fmt.Sprintf("the counts add up to more than the total, which they can only do if each hidden count is %d", minCell-1)
	default:
		return nil
	}
	return &UnprotectedError{Cells: small, Reason: reason}
}

// sumOf adds the hidden (or the shown) counts.
func sumOf(cells []Cell, hidden bool) int {
	s := 0
	for _, c := range cells {
		if c.Suppressed == hidden {
			s += c.Count
		}
	}
	return s
}
