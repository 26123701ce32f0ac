package privacy

import (
	"fmt"
	"slices"
	"strings"
)

// Cell is one cell of a published table after suppression.
type Cell struct {
	Count      int
	Suppressed bool // not to be printed
	Primary    bool // it counts 1 to minCell-1 people; a suppressed cell that is not primary protects one that is
}

// Unprotected is a suppressed cell the published totals would still reveal. Row and Col are
// 0-based; a one-way table has Row 0.
type Unprotected struct {
	Row, Col int
	Reason   string
}

// UnprotectedError lists the cells suppression could not protect: the table must not be
// published as it is (merge categories, or leave it out).
type UnprotectedError struct {
	Cells  []Unprotected
	oneWay bool
}

// Rule returns the rule the error breaks, RuleSmallCells.
func (e *UnprotectedError) Rule() string { return RuleSmallCells }

func (e *UnprotectedError) Error() string {
	parts := make([]string, len(e.Cells))
	for i, c := range e.Cells {
		if e.oneWay {
			parts[i] = fmt.Sprintf("cell %d: %s", c.Col+1, c.Reason)
		} else {
			parts[i] = fmt.Sprintf("row %d, column %d: %s", c.Row+1, c.Col+1, c.Reason)
		}
	}
	return fmt.Sprintf("%s: the totals would reveal %d suppressed %s (%s); merge categories or leave the table out",
		RuleSmallCells, len(e.Cells), plural(len(e.Cells), "cell", "cells"), strings.Join(parts, "; "))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Suppress protects a two-way table whose row and column totals are published. Cells of 1 to
// minCell-1 are suppressed (primary); zero stays zero and is never suppressed, so a reader knows
// every suppressed cell holds at least 1. Then, until nothing changes, every row and column whose
// suppressed cells could be worked out from its total gets one more suppressed cell (secondary):
// a non-zero unsuppressed cell of that line: one whose own column (or row) needs a cell too if
// there is one, else one that will not leave its column (or row) with a single suppressed cell it
// cannot pair; among those the smallest, the first of equals. A line needs one more when it has:
//
//   - exactly one suppressed cell (its total minus the visible cells gives it);
//   - suppressed cells that hold the least they could: 1 for each primary cell (zero is shown,
//     so a suppressed cell holds at least 1) and minCell for each secondary one (a reader who
//     can tell them apart knows it is not small), as 1 and 1, or 1 and 5;
//   - only primary cells, each holding minCell-1, the most a cell shown as "<5" could.
//
// Print every suppressed cell the same way: a reader who can tell secondary cells from primary
// ones learns more than one who cannot (the rules above hold either way).
//
// A suppressed cell that links two otherwise separate groups of suppressed cells (a bridge in
// the graph of rows and columns) is revealed by adding and subtracting totals; such a link gets a
// further cell that closes a cycle through it. The check is per line and per link, not a full
// linear-programming audit: enough for the small tables of a report.
//
// When a line cannot be protected (it has no other non-zero cell), the cells are returned as
// suppressed as far as possible together with an *UnprotectedError listing the cells still
// revealed: the caller must not publish the table. A total of 1 to minCell-1 is itself a count of
// few people; whether it may be printed is the caller's decision (it is a one-way count).
// Counts are people: negative counts are treated as zero.
func Suppress(t [][]int, minCell int) ([][]Cell, error) {
	g := newGrid(t, minCell, true, true)
	g.run()
	return g.cells, g.err()
}

// SuppressVector protects a one-way table: counts per value with the total printed (the
// composition of a wave). Cells of 1 to minCell-1 are suppressed; when the counts add up to the
// total, the total ties them together and the rules of Suppress apply to that one line. When
// they do not (a multi code, where a person may count in several values, or a remainder that is
// not printed), each count stands alone and only the small ones are suppressed.
func SuppressVector(counts []int, total int, minCell int) ([]Cell, error) {
	sum := 0
	for _, c := range counts {
		sum += max(c, 0)
	}
	g := newGrid([][]int{counts}, minCell, sum == total, false)
	g.run()
	return g.cells[0], g.err()
}

// grid is a table under suppression; rowLines and colLines say which totals are published.
type grid struct {
	cells              [][]Cell
	minCell            int
	rows, cols         int
	rowLines, colLines bool
}

// line is a row (byRow) or a column of the grid.
type line struct {
	byRow bool
	i     int
}

func (g *grid) name(l line) string {
	switch {
	case !g.colLines:
		return "the table"
	case l.byRow:
		return fmt.Sprintf("row %d", l.i+1)
	}
	return fmt.Sprintf("column %d", l.i+1)
}

func newGrid(t [][]int, minCell int, rowLines, colLines bool) *grid {
	g := &grid{minCell: minCell, rows: len(t), rowLines: rowLines, colLines: colLines}
	for _, r := range t {
		g.cols = max(g.cols, len(r))
	}
	g.cells = make([][]Cell, len(t))
	for i, r := range t {
		g.cells[i] = make([]Cell, len(r))
		for j, c := range r {
			c = max(c, 0)
			small := c >= 1 && c < minCell
			g.cells[i][j] = Cell{Count: c, Suppressed: small, Primary: small}
		}
	}
	return g
}

// at returns the cell at (i, j) of line l; nil beyond a short row.
func (g *grid) at(l line, k int) *Cell {
	i, j := l.i, k
	if !l.byRow {
		i, j = k, l.i
	}
	if j >= len(g.cells[i]) {
		return nil
	}
	return &g.cells[i][j]
}

func (g *grid) size(l line) int {
	if l.byRow {
		return g.cols
	}
	return g.rows
}

func (g *grid) lines() []line {
	var out []line
	if g.rowLines {
		for i := range g.rows {
			out = append(out, line{true, i})
		}
	}
	if g.colLines {
		for j := range g.cols {
			out = append(out, line{false, j})
		}
	}
	return out
}

// exposed reports whether the total of l reveals its suppressed cells, and why.
func (g *grid) exposed(l line) (bool, string) {
	m, sum, least, allPrimary := 0, 0, 0, true
	for k := range g.size(l) {
		c := g.at(l, k)
		if c == nil || !c.Suppressed {
			continue
		}
		m++
		sum += c.Count
		if c.Primary {
			least++
		} else {
			least += g.minCell
			allPrimary = false
		}
	}
	switch {
	case m == 0:
		return false, ""
	case m == 1:
		return true, "the only suppressed cell of " + g.name(l) + ", which has no other non-zero cell to suppress with it"
	case sum == least:
		return true, fmt.Sprintf("the suppressed cells of %s hold the least they could (1 for a small cell, %d for one that protects it)", g.name(l), g.minCell)
	case allPrimary && sum == m*(g.minCell-1):
		return true, fmt.Sprintf("the suppressed cells of %s each hold %d, the most a small cell could", g.name(l), g.minCell-1)
	}
	return false, ""
}

// cross is the other line through cell k of l.
func cross(l line, k int) line { return line{!l.byRow, k} }

// deadEnd reports whether suppressing cell k of l would leave its cross line with a single
// suppressed cell and nothing to pair it with.
func (g *grid) deadEnd(l line, k int) bool {
	x := cross(l, k)
	if !g.published(x) {
		return false
	}
	for kk := range g.size(x) {
		if kk == l.i {
			continue
		}
		if c := g.at(x, kk); c != nil && c.Count > 0 {
			return false
		}
	}
	return true
}

// pick chooses the cell of l to suppress next, -1 when there is none: a non-zero unsuppressed
// cell, preferring one whose cross line needs a cell too (one cell then protects two lines),
// then one that is not a dead end; the smallest of those, the first of equals.
func (g *grid) pick(l line) int {
	best, bestTier := -1, 0
	for k := range g.size(l) {
		c := g.at(l, k)
		if c == nil || c.Suppressed || c.Count == 0 {
			continue
		}
		tier := 2
		if x := cross(l, k); g.published(x) {
			if bad, _ := g.exposed(x); bad {
				tier = 0
			} else if !g.deadEnd(l, k) {
				tier = 1
			}
		} else {
			tier = 1
		}
		if best < 0 || tier < bestTier || (tier == bestTier && c.Count < g.at(l, best).Count) {
			best, bestTier = k, tier
		}
	}
	return best
}

// published reports whether the total of l is printed.
func (g *grid) published(l line) bool {
	if l.byRow {
		return g.rowLines
	}
	return g.colLines
}

func (g *grid) run() {
	for {
		changed := false
		for _, l := range g.lines() {
			if bad, _ := g.exposed(l); !bad {
				continue
			}
			if k := g.pick(l); k >= 0 {
				g.at(l, k).Suppressed = true
				changed = true
			}
		}
		if !changed && g.rowLines && g.colLines {
			changed = g.closeBridge()
		}
		if !changed {
			return
		}
	}
}

// bridges finds the suppressed cells that are bridges of the graph whose nodes are the rows and
// columns and whose edges are the suppressed cells. For each it gives the two sides the graph
// falls into without it: the nodes reached from its row, and from its column (rows are nodes
// 0..rows-1, columns rows..rows+cols-1).
func (g *grid) bridges() (out [][2]int, rowSide, colSide []map[int]bool) {
	adj := make([][]int, g.rows+g.cols)
	for i := range g.rows {
		for j := range g.cells[i] {
			if g.cells[i][j].Suppressed {
				adj[i] = append(adj[i], g.rows+j)
				adj[g.rows+j] = append(adj[g.rows+j], i)
			}
		}
	}
	// reach lists the nodes reached from start without crossing the edge a–b (once: a second
	// suppressed cell cannot join the same row and column)
	reach := func(start, a, b int) map[int]bool {
		seen := map[int]bool{start: true}
		queue := []int{start}
		for len(queue) > 0 {
			n := queue[0]
			queue = queue[1:]
			for _, m := range adj[n] {
				if (n == a && m == b) || (n == b && m == a) || seen[m] {
					continue
				}
				seen[m] = true
				queue = append(queue, m)
			}
		}
		return seen
	}
	for i := range g.rows {
		for j := range g.cells[i] {
			if !g.cells[i][j].Suppressed {
				continue
			}
			r := reach(i, i, g.rows+j)
			if !r[g.rows+j] {
				out = append(out, [2]int{i, j})
				rowSide = append(rowSide, r)
				colSide = append(colSide, reach(g.rows+j, i, g.rows+j))
			}
		}
	}
	return out, rowSide, colSide
}

// closeBridge suppresses one more cell to put the first bridge it can on a cycle: the smallest
// non-zero cell joining the two sides of the bridge (a row on one side, a column on the other).
func (g *grid) closeBridge() bool {
	bs, rowSide, colSide := g.bridges()
	for b := range bs {
		best := [2]int{-1, -1}
		for i := range g.rows {
			for j := range g.cells[i] {
				c := g.cells[i][j]
				if c.Suppressed || c.Count == 0 {
					continue
				}
				col := g.rows + j
				if !(rowSide[b][i] && colSide[b][col]) && !(colSide[b][i] && rowSide[b][col]) {
					continue
				}
				if best[0] < 0 || c.Count < g.cells[best[0]][best[1]].Count {
					best = [2]int{i, j}
				}
			}
		}
		if best[0] >= 0 {
			g.cells[best[0]][best[1]].Suppressed = true
			return true
		}
	}
	return false
}

// err lists the suppressed cells still revealed, or returns nil.
func (g *grid) err() error {
	var cells []Unprotected
	seen := map[[2]int]bool{}
	add := func(i, j int, why string) {
		if !seen[[2]int{i, j}] {
			seen[[2]int{i, j}] = true
			cells = append(cells, Unprotected{Row: i, Col: j, Reason: why})
		}
	}
	for _, l := range g.lines() {
		bad, why := g.exposed(l)
		if !bad {
			continue
		}
		for k := range g.size(l) {
			if c := g.at(l, k); c != nil && c.Suppressed {
				i, j := l.i, k
				if !l.byRow {
					i, j = k, l.i
				}
				add(i, j, why)
			}
		}
	}
	if g.rowLines && g.colLines {
		bs, _, _ := g.bridges()
		for _, b := range bs {
			add(b[0], b[1], "the totals of several rows and columns together give it")
		}
	}
	if len(cells) == 0 {
		return nil
	}
	slices.SortFunc(cells, func(a, b Unprotected) int {
		if a.Row != b.Row {
			return a.Row - b.Row
		}
		return a.Col - b.Col
	})
	return &UnprotectedError{Cells: cells, oneWay: !g.colLines}
}
