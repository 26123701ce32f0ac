package privacy

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// show prints a table the way outputs do: the count, or the cell's mark.
func show(cells []Cell) string {
	parts := make([]string, len(cells))
	for i, c := range cells {
		parts[i] = c.Mark()
		if parts[i] == "" {
			parts[i] = fmt.Sprint(c.Count)
		}
	}
	return strings.Join(parts, " ")
}

func TestSuppressVector(t *testing.T) {
	tests := []struct {
		name    string
		counts  []int
		total   int
		minCell int // 5 when 0
		want    string
		refused string // a piece of the reason; "" when the table is published
	}{
		{name: "nothing small", counts: []int{22, 18}, total: 40, want: "22 18"},
		{name: "one small count and the first count of 5 or more", counts: []int{20, 3, 17}, total: 40, want: "x x 17"},
		{name: "two small counts still get a partner", counts: []int{30, 3, 2, 5}, total: 40, want: "x x x 5"},
		// the examples a reader undid under the earlier rule: "<5 30 <5 x" and "x 18 <5"
		{name: "ages 1/30/1/8 of 40", counts: []int{1, 30, 1, 8}, total: 40, want: "x x x 8"},
		{name: "18/18/4", counts: []int{18, 18, 4}, total: 40, want: "x 18 x"},
		{name: "zeros are shown and never partners", counts: []int{0, 37, 0, 3}, total: 40, want: "0 x 0 x"},
		// "x 30 x of 36" would give 5 and 1: the hidden cells hold 6, the least they could,
		// and the second cannot be the partner since 30 comes before it
		{name: "least they could hold, partner in one place: one more", counts: []int{5, 30, 1}, total: 36, want: "x x x"},
		// "x x x 30 of 37" is 5+1+1 or 1+5+1, the last always 1: one more
		{name: "least they could hold, a small count after a shown one", counts: []int{1, 5, 30, 1}, total: 37, want: "x x x x"},
		// "x x 34 of 40": 1 and 5, or 5 and 1
		{name: "least they could hold, either could be the partner", counts: []int{1, 5, 34}, total: 40, want: "x x 34"},
		{name: "least they could hold, zeros between", counts: []int{5, 0, 1}, total: 6, want: "x 0 x"},
		{name: "min_cell 3", counts: []int{10, 2, 8}, total: 20, minCell: 3, want: "x x 8"},
		// with min_cell 2 a small count is 1: "x 3 x of 11" would give 7 and 1
		{name: "min_cell 2 hides up to a run", counts: []int{7, 3, 1}, total: 11, minCell: 2, want: "x x x"},
		{name: "min_cell 1 hides nothing", counts: []int{1, 0}, total: 1, minCell: 1, want: "1 0"},
		{name: "negative counts are zero", counts: []int{-2, 3, 10}, total: 13, want: "0 x x"},
		{name: "a multi code: counts exceed the total", counts: []int{30, 3, 25}, total: 40, want: "30 x 25"},
		{name: "answers missing from the table", counts: []int{30, 3}, total: 40, want: "30 x"},
		{name: "a tiny wave", counts: []int{3, 0}, total: 3, want: "x 0", refused: "every value counted has fewer than 5 people"},
		{name: "every value small", counts: []int{2, 2, 0}, total: 4, want: "x x 0", refused: "no larger count"},
		// 30 shown of 32, someone missing: the hidden count is at most 1
		{name: "short of the total by too little", counts: []int{30, 1}, total: 32, want: "30 x", refused: "each hidden count is 1"},
		// 37 shown of 40 and the counts exceed it: the hidden count is at least 4
		{name: "over the total by too little", counts: []int{30, 4, 7}, total: 40, want: "30 x 7", refused: "each hidden count is 4"},
		{name: "min_cell 2 with no sum to hide in", counts: []int{1, 9}, total: 20, minCell: 2, want: "x 9", refused: "can only be 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k := tt.minCell
			if k == 0 {
				k = 5
			}
			cells, err := SuppressVector(tt.counts, tt.total, k)
			if got := show(cells); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			if tt.refused == "" {
				if err != nil {
					t.Errorf("refused: %v", err)
				}
				return
			}
			var ue *UnprotectedError
			if !errors.As(err, &ue) {
				t.Fatalf("want an *UnprotectedError, got %v", err)
			}
			if !strings.Contains(err.Error(), tt.refused) || ue.Rule() != RuleSmallCells {
				t.Errorf("error %q (rule %s), want it to say %q", err, ue.Rule(), tt.refused)
			}
			for _, i := range ue.Cells {
				if c := cells[i]; !c.Primary {
					t.Errorf("error lists cell %d, which is not a small count: %v", i, ue.Cells)
				}
			}
			if len(ue.Cells) == 0 {
				t.Errorf("error lists no cell")
			}
		})
	}
}

func TestMark(t *testing.T) {
	cells, err := SuppressVector([]int{20, 3, 17, 0}, 40, 5)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"x", "x", "", ""} // the small 3 and its partner 20 look the same
	for i, c := range cells {
		if c.Mark() != want[i] {
			t.Errorf("cell %d: mark %q, want %q", i, c.Mark(), want[i])
		}
	}
	if note := SuppressionNote(5); !strings.Contains(note, "x:") || !strings.Contains(note, "1 to 4 people") {
		t.Errorf("note %q", note)
	}
}

// TestSuppressVectorDocExamples checks the examples of docs/disclosure.md: tables that print
// the same way.
func TestSuppressVectorDocExamples(t *testing.T) {
	for want, tables := range map[string][][]int{
		"x x x 8": {{1, 30, 1, 8}, {4, 24, 4, 8}, {30, 1, 1, 8}, {2, 28, 2, 8}},
		"x x 34":  {{1, 5, 34}, {5, 1, 34}},
	} {
		for _, counts := range tables {
			cells, err := SuppressVector(counts, 40, 5)
			if got := show(cells); err != nil || got != want {
				t.Errorf("%v of 40 prints %q (%v), want %q", counts, got, err, want)
			}
		}
	}
}

// oldSuppressVector is the rule shadowreport used before, kept to show what the exhaustive
// audit catches: small counts hidden and printed "<5"; when the hidden counts would be revealed
// (a single one, or two or more that hold the least they could — 1 per small count, minCell
// per partner — or all minCell-1), the smallest shown non-zero count (the first of equals) is
// hidden too and printed "x"; refused when nothing is left to hide.
func oldSuppressVector(counts []int, total, minCell int) ([]Cell, error) {
	cells := make([]Cell, len(counts))
	sum := 0
	for i, c := range counts {
		c = max(c, 0)
		sum += c
		small := c >= 1 && c < minCell
		cells[i] = Cell{Count: c, Suppressed: small, Primary: small}
	}
	if sum != total {
		return cells, nil
	}
	exposed := func() bool {
		m, s, least, allPrimary := 0, 0, 0, true
		for _, c := range cells {
			if !c.Suppressed {
				continue
			}
			m++
			s += c.Count
			if c.Primary {
				least++
			} else {
				least += minCell
				allPrimary = false
			}
		}
		return m == 1 || (m > 0 && s == least) || (m > 0 && allPrimary && s == m*(minCell-1))
	}
	for exposed() {
		best := -1
		for i, c := range cells {
			if !c.Suppressed && c.Count > 0 && (best < 0 || c.Count < cells[best].Count) {
				best = i
			}
		}
		if best < 0 {
			return cells, errors.New("unprotected")
		}
		cells[best].Suppressed = true
	}
	return cells, nil
}

// oldMark is how the old rule's tables were printed: small counts and partners apart.
func oldMark(c Cell) string {
	switch {
	case !c.Suppressed:
		return ""
	case c.Primary:
		return "<5"
	}
	return "x"
}

// readerGroup is what a reader learns from one published pattern: the hidden cells and, for each,
// the first value seen among the tables published that way and whether another was seen.
type readerGroup struct {
	first  [maxValues]int32
	hidden uint8 // bit i: cell i is hidden
	multi  uint8 // bit i: hidden cell i takes two values or more
	tables int32
	total  int32
}

const maxValues = 8

// audit is the reader who knows the rule: it publishes every table of at most maxN people
// with m values (counts adding up to the total, zero cells allowed), groups the tables by what
// is printed (the shown counts, the marks, the total) and finds, for each published pattern,
// the hidden cells that take a single value over all the tables printed that way.
type audit struct {
	m, maxN, minCell int
	suppress         func([]int, int, int) ([]Cell, error)
	mark             func(Cell) string
	marks            []string
	groups           map[uint64]readerGroup
	tables, refused  int // every table; refused by the rule
}

func newAudit(m, maxN, minCell int, suppress func([]int, int, int) ([]Cell, error), mark func(Cell) string) *audit {
	a := &audit{m: m, maxN: maxN, minCell: minCell, suppress: suppress, mark: mark, groups: map[uint64]readerGroup{}}
	counts := make([]int, m)
	var gen func(i, left int)
	gen = func(i, left int) {
		if i == m-1 {
			for v := range left + 1 {
				counts[i] = v
				a.add(counts)
			}
			return
		}
		for v := range left + 1 {
			counts[i] = v
			gen(i+1, left-v)
		}
	}
	gen(0, maxN)
	return a
}

// key is the published pattern of cells (the total, the shown counts, the marks) and which
// cells are hidden.
func (a *audit) key(cells []Cell, total int) (uint64, uint8) {
	base := uint64(a.maxN + 1 + 4)
	k, hidden := uint64(total), uint8(0)
	for i, c := range cells {
		code := uint64(c.Count)
		if mk := a.mark(c); mk != "" {
			hidden |= 1 << i
			j := 0
			for j < len(a.marks) && a.marks[j] != mk {
				j++
			}
			if j == len(a.marks) {
				if j == 4 {
					panic("more than 4 marks")
				}
				a.marks = append(a.marks, mk)
			}
			code = uint64(a.maxN + 1 + j)
		}
		k = k*base + code
	}
	return k, hidden
}

func (a *audit) add(counts []int) {
	n := 0
	for _, c := range counts {
		n += c
	}
	a.tables++
	cells, err := a.suppress(counts, n, a.minCell)
	if err != nil {
		a.refused++
		return
	}
	key, hidden := a.key(cells, n)
	if hidden == 0 {
		return
	}
	g, ok := a.groups[key]
	if !ok {
		g = readerGroup{hidden: hidden, total: int32(n)}
		for i, c := range counts {
			g.first[i] = int32(c)
		}
	}
	for i, c := range counts {
		if hidden&(1<<i) != 0 && g.first[i] != int32(c) {
			g.multi |= 1 << i
		}
	}
	g.tables++
	a.groups[key] = g
}

// undone reports whether a reader works out a hidden cell of the published table.
func (a *audit) undone(counts []int) bool {
	n := 0
	for _, c := range counts {
		n += c
	}
	cells, err := a.suppress(counts, n, a.minCell)
	if err != nil {
		return false
	}
	key, hidden := a.key(cells, n)
	return hidden != 0 && a.groups[key].multi != hidden
}

// tally counts the published tables with a hidden cell and those a reader undoes, in all and
// among the tables of exactly maxN people.
type tally struct{ hidden, undone, hiddenMax, undoneMax int }

func (a *audit) tally() tally {
	var s tally
	for _, g := range a.groups {
		s.hidden += int(g.tables)
		if int(g.total) == a.maxN {
			s.hiddenMax += int(g.tables)
		}
		if g.multi != g.hidden {
			s.undone += int(g.tables)
			if int(g.total) == a.maxN {
				s.undoneMax += int(g.tables)
			}
		}
	}
	return s
}

func pct(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}

// TestOldRuleUndone shows why the rule changed: a reader who knows the old rule works out
// hidden counts, the ones of the examples below among them.
func TestOldRuleUndone(t *testing.T) {
	maxN := 40
	if testing.Short() {
		maxN = 25
	}
	for m := 2; m <= 5; m++ {
		a := newAudit(m, maxN, 5, oldSuppressVector, oldMark)
		s := a.tally()
		t.Logf("old rule, %d values: %d tables of at most %d people, %d refused, %d published with a hidden count, %d undone (%.1f%%); of %d people: %d of %d undone (%.1f%%)",
			m, a.tables, maxN, a.refused, s.hidden, s.undone, pct(s.undone, s.hidden), maxN, s.undoneMax, s.hiddenMax, pct(s.undoneMax, s.hiddenMax))
		if m >= 3 && s.undone == 0 {
			t.Errorf("%d values: the audit finds no table the old rule lets a reader undo", m)
		}
		if m == 4 && maxN == 40 && (pct(s.undoneMax, s.hiddenMax) < 5 || pct(s.undoneMax, s.hiddenMax) > 10) {
			t.Errorf("4 values of 40 people: %.1f%% undone, want about 7%%", pct(s.undoneMax, s.hiddenMax))
		}
		if m == 5 && maxN == 40 && (pct(s.undoneMax, s.hiddenMax) < 10 || pct(s.undoneMax, s.hiddenMax) > 16) {
			t.Errorf("5 values of 40 people: %.1f%% undone, want about 13%%", pct(s.undoneMax, s.hiddenMax))
		}
		for _, ex := range [][]int{{1, 30, 1, 8}, {18, 18, 4}} {
			if len(ex) != m || maxN < 40 {
				continue
			}
			// the reader's search finds every hidden count: 1, 1 and 8; 18 and 4
			if p := pinnedUnder(t, oldSuppressVector, oldMark, m, cellsOf(ex, oldSuppressVector), 40, 5); len(p) != map[int]int{4: 3, 3: 2}[m] {
				t.Errorf("the reader's search works out cells %v of %v under the old rule", p, ex)
			}
			cells, _ := oldSuppressVector(ex, 40, 5)
			want := map[int]string{4: "<5 30 <5 x", 3: "x 18 <5"}[m]
			if got := showWith(cells, oldMark); got != want {
				t.Errorf("old rule prints %v as %q, want %q", ex, got, want)
			}
			if !a.undone(ex) {
				t.Errorf("the audit does not undo %v under the old rule", ex)
			}
		}
	}
}

func cellsOf(counts []int, suppress func([]int, int, int) ([]Cell, error)) []Cell {
	cells, _ := suppress(counts, sum(counts), 5)
	return cells
}

// withoutStepThree is the rule without its step 3 (hide one more count while the hidden ones
// hold the least they could), to show that the audit needs it.
func withoutStepThree(counts []int, total, minCell int) ([]Cell, error) {
	cells := make([]Cell, len(counts))
	s, small := 0, false
	for i, c := range counts {
		c = max(c, 0)
		s += c
		cells[i].Count = c
		if c >= 1 && c < minCell {
			cells[i].Suppressed, cells[i].Primary, small = true, true, true
		}
	}
	if !small || s != total {
		return cells, nil
	}
	p := firstShown(cells, func(c Cell) bool { return c.Count >= minCell })
	if p < 0 {
		return cells, errors.New("refused")
	}
	cells[p].Suppressed = true
	return cells, nil
}

// TestWeakerRulesUndone shows that each part of the rule is needed: without step 3, or with
// small counts printed apart from their partners ("<5" and "x"), the audit undoes tables.
func TestWeakerRulesUndone(t *testing.T) {
	for _, v := range []struct {
		name     string
		suppress func([]int, int, int) ([]Cell, error)
		mark     func(Cell) string
	}{
		{"without step 3", withoutStepThree, Cell.Mark},
		{"small counts printed apart", SuppressVector, oldMark},
	} {
		for m := 3; m <= 4; m++ {
			a := newAudit(m, 40, 5, v.suppress, v.mark)
			s := a.tally()
			t.Logf("%s, %d values: %d of %d tables with a hidden count undone", v.name, m, s.undone, s.hidden)
			if s.undone == 0 {
				t.Errorf("%s, %d values: nothing undone", v.name, m)
			}
		}
	}
	// the reader's search finds what the weaker rules give away, at any size: "x 30 x of 36"
	// and "x 1000 x of 1006" are 5 and 1; "<5 1000 <5 x of 1010" is 1, 1 and 8; "<5 x 1000 of
	// 1006" is 1 and 5
	for _, ex := range []struct {
		counts   []int
		suppress func([]int, int, int) ([]Cell, error)
		mark     func(Cell) string
		pinned   string
	}{
		{[]int{5, 30, 1}, withoutStepThree, Cell.Mark, "[0 2]"},
		{[]int{5, 1000, 1}, withoutStepThree, Cell.Mark, "[0 2]"},
		{[]int{1, 1000, 1, 8}, oldSuppressVector, oldMark, "[0 2 3]"},
		{[]int{1, 5, 1000}, SuppressVector, oldMark, "[0 1]"}, // "<5 x 1000 of 1006": 1 and 5
	} {
		cells := cellsOf(ex.counts, ex.suppress)
		if p := pinnedUnder(t, ex.suppress, ex.mark, len(ex.counts), cells, sum(ex.counts), 5); fmt.Sprint(p) != ex.pinned {
			t.Errorf("%v printed %q: the reader's search pins %v, want %s", ex.counts, showWith(cells, ex.mark), p, ex.pinned)
		}
	}
}

func showWith(cells []Cell, mark func(Cell) string) string {
	parts := make([]string, len(cells))
	for i, c := range cells {
		if parts[i] = mark(c); parts[i] == "" {
			parts[i] = fmt.Sprint(c.Count)
		}
	}
	return strings.Join(parts, " ")
}

// TestSuppressVectorExhaustive is the guarantee: over every table of at most 40 people with 2
// to 5 values, no published pattern leaves a hidden cell a single value, for a reader who knows
// the rule, the total and every shown count.
func TestSuppressVectorExhaustive(t *testing.T) {
	maxN := 40
	if testing.Short() {
		maxN = 25
	}
	for _, k := range []int{5, 3, 10, 2} {
		for m := 2; m <= 5; m++ {
			if k != 5 && m == 5 && testing.Short() {
				continue
			}
			a := newAudit(m, maxN, k, SuppressVector, Cell.Mark)
			s := a.tally()
			if len(a.marks) > 1 {
				t.Errorf("min_cell %d, %d values: hidden cells printed %d ways %q", k, m, len(a.marks), a.marks)
			}
			if k == 5 {
				t.Logf("new rule, %d values: %d tables of at most %d people, %d refused, %d published with a hidden count, %d undone; of %d people: %d of %d undone",
					m, a.tables, maxN, a.refused, s.hidden, s.undone, maxN, s.undoneMax, s.hiddenMax)
			}
			if s.undone > 0 {
				shown := 0
				for _, g := range a.groups {
					if g.multi != g.hidden && shown < 5 {
						shown++
						t.Errorf("min_cell %d: a reader works out a hidden cell of %v (hidden %b, pinned %b)", k, g.first[:m], g.hidden, g.hidden&^g.multi)
					}
				}
				t.Errorf("min_cell %d, %d values: %d tables undone", k, m, s.undone)
			}
		}
	}
}

// TestSuppressVectorExamplesSafe checks the examples under the new rule with the
// audit: the reader finds two values for every hidden cell.
func TestSuppressVectorExamplesSafe(t *testing.T) {
	for _, ex := range [][]int{{1, 30, 1, 8}, {18, 18, 4}, {5, 30, 1}} {
		a := newAudit(len(ex), 40, 5, SuppressVector, Cell.Mark)
		cells, _ := SuppressVector(ex, sum(ex), 5)
		if a.undone(ex) {
			t.Errorf("%v printed %q is undone", ex, show(cells))
		}
		if p := pinnedCells(t, cells, sum(ex), 5); len(p) > 0 {
			t.Errorf("%v: pinned %v", ex, p)
		}
	}
}

func sum(xs []int) int {
	s := 0
	for _, x := range xs {
		s += x
	}
	return s
}

// pinnedCells is the reader's search for one published table: among the splits of the hidden
// sum over the hidden cells, the ones the rule publishes the same way; it returns the hidden
// cells that take a single value over them. The published table gives each hidden cell its
// first value; a second is looked for among extreme splits (one cell holds what the others,
// all 1 or all minCell-1, leave) and by moving people between two hidden cells, then, for a
// cell still without one, among every split (failing the test if that takes too long). With minCell 3 or more the rule never hides more
// than two counts of minCell or more (checked here on every table it sees), so that last search
// skips splits with three such counts; with minCell 2 it tries every split.
func pinnedCells(t testing.TB, cells []Cell, total, minCell int) []int {
	maxLarge := 2
	if minCell <= 2 {
		maxLarge = len(cells)
	}
	return pinnedUnder(t, SuppressVector, Cell.Mark, maxLarge, cells, total, minCell)
}

// pinnedUnder is pinnedCells for another rule and way of printing; maxLarge bounds the counts of
// minCell or more that the rule hides.
func pinnedUnder(t testing.TB, suppress func([]int, int, int) ([]Cell, error), mark func(Cell) string, maxLarge int, cells []Cell, total, minCell int) []int {
	t.Helper()
	var hidden []int
	rest := total
	for i, c := range cells {
		if c.Suppressed {
			hidden = append(hidden, i)
		} else {
			rest -= c.Count
		}
	}
	if len(hidden) == 0 {
		return nil
	}
	if hiddenLarge(cells, minCell) > maxLarge {
		t.Fatalf("%s hides %d counts of %d or more", show(cells), hiddenLarge(cells, minCell), minCell)
	}
	cand := make([]int, len(cells))
	for i, c := range cells {
		cand[i] = c.Count
	}
	// same reports whether the rule publishes cand as it published cells.
	same := func() bool {
		got, err := suppress(cand, total, minCell)
		if err != nil {
			return false
		}
		for i := range got {
			if mark(got[i]) != mark(cells[i]) {
				return false
			}
		}
		return true
	}
	if !same() {
		t.Fatalf("%s: the table is not published the same way twice", show(cells))
	}
	multi := map[int]bool{}
	// note records the values of a table published the same way
	note := func() {
		for _, i := range hidden {
			if cand[i] != cells[i].Count {
				multi[i] = true
			}
		}
	}
	reset := func() {
		for _, i := range hidden {
			cand[i] = cells[i].Count
		}
	}
	// the extremes: one hidden cell holds what the others, all 1 or all minCell-1, leave
	for _, s := range hidden {
		for _, fill := range []int{1, max(minCell-1, 1)} {
			for _, i := range hidden {
				cand[i] = fill
			}
			if cand[s] = rest - (len(hidden)-1)*fill; cand[s] >= 1 && same() {
				note()
			}
		}
	}
	reset()
	// people moved from one hidden cell to another
	for _, i := range hidden {
		for _, j := range hidden {
			for d := 1; !multi[i] && j != i && d < cand[j]; d++ {
				cand[i], cand[j] = cand[i]+d, cand[j]-d
				if same() {
					note()
				}
				cand[i], cand[j] = cand[i]-d, cand[j]+d
			}
		}
	}
	tries := 0
	var out []int
	for x, i := range hidden {
		if multi[i] {
			continue
		}
		// every split, cell i first, looking for a value other than the published one
		order := append([]int{i}, append(append([]int(nil), hidden[:x]...), hidden[x+1:]...)...)
		var rec func(j, rem, large int) bool
		rec = func(j, rem, large int) bool {
			if j == len(order) {
				if tries++; tries > 5e6 {
					t.Fatalf("%s of %d: the reader's search is too long to settle cell %d", show(cells), total, i)
				}
				return rem == 0 && same()
			}
			restN := len(order) - 1 - j
			for v := 1; v <= rem-restN; v++ {
				if j == 0 && v == cells[i].Count {
					continue
				}
				nl := large
				if v >= minCell {
					nl++
				}
				if nl > maxLarge {
					break
				}
				if nl == maxLarge && rem-v > restN*(minCell-1) {
					v = rem - restN*(minCell-1) - 1 // the rest can only be small: skip to where they fit
					continue
				}
				cand[order[j]] = v
				if rec(j+1, rem-v, nl) {
					return true
				}
			}
			return false
		}
		if !rec(0, rest, 0) {
			out = append(out, i)
		}
		for _, h := range hidden {
			cand[h] = cells[h].Count
		}
	}
	return out
}

// TestSuppressVectorLarge spot-checks tables of 41 to 2000 people with 2 to 8 values, many of
// them small, against the reader's search.
func TestSuppressVectorLarge(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	runs := 3000
	if testing.Short() {
		runs = 300
	}
	published, stepThree := 0, 0
	for run := range runs {
		k := []int{3, 5, 10}[run%3]
		m := 2 + r.IntN(7)
		n := 41 + r.IntN(1960)
		counts := randomTable(r, m, n, k)
		cells, err := SuppressVector(counts, n, k)
		if err != nil {
			if hasLarge(counts, k) {
				t.Errorf("%v of %d refused: %v", counts, n, err)
			}
			continue
		}
		published++
		if p := pinnedCells(t, cells, n, k); len(p) > 0 {
			t.Errorf("min_cell %d: %v of %d printed %q: cells %v can be worked out", k, counts, n, show(cells), p)
		}
		if hiddenLarge(cells, k) == 2 {
			stepThree++
		}
	}
	t.Logf("%d of %d published, %d with a second partner", published, runs, stepThree)
}

// randomTable splits n people over m values: some zero, some small, one partner sometimes
// exactly minCell, the rest at random.
func randomTable(r *rand.Rand, m, n, k int) []int {
	counts := make([]int, m)
	left := n
	for i := range counts {
		switch r.IntN(6) {
		case 0:
			counts[i] = 0
		case 1, 2:
			counts[i] = 1 + r.IntN(k-1)
		case 3:
			counts[i] = 1
		case 4:
			counts[i] = k
		default:
			counts[i] = r.IntN(left + 1)
		}
		counts[i] = min(counts[i], left)
		left -= counts[i]
	}
	counts[r.IntN(m)] += left
	return counts
}

func hasLarge(counts []int, k int) bool {
	for _, c := range counts {
		if c >= k {
			return true
		}
	}
	return false
}

func hiddenLarge(cells []Cell, k int) int {
	n := 0
	for _, c := range cells {
		if c.Suppressed && c.Count >= k {
			n++
		}
	}
	return n
}

// TestSuppressVectorNotAdding is the audit of tables whose counts do not add up to the total:
// a reader who knows the rule, the total, the shown counts and whether the counts fall short
// of the total or exceed it. Every table of up to 4 values over a range of counts that holds
// every small count, with every total up to past the largest sum, is published or refused; each
// published pattern must leave every hidden cell two values, and each refused one must not
// (a refusal is needed). The groups are complete: the hidden counts of a pattern are small, and
// every small count is tried.
func TestSuppressVectorNotAdding(t *testing.T) {
	for _, k := range []int{2, 3, 5, 10} {
		values := []int{0}
		for v := 1; v <= k+1; v++ {
			values = append(values, v)
		}
		values = append(values, 2*k+3)
		maxM := 4
		if k == 10 {
			maxM = 3
		}
		for m := 1; m <= maxM; m++ {
			type key struct {
				pattern string
				total   int
				over    bool
			}
			type seen struct {
				first   []int
				multi   []bool
				refused bool
			}
			groups := map[key]*seen{}
			maxTotal := m*values[len(values)-1] + k + 2 // the same totals for every table: complete groups
			published, refused := 0, 0
			counts := make([]int, m)
			var gen func(i int)
			gen = func(i int) {
				if i < m {
					for _, v := range values {
						counts[i] = v
						gen(i + 1)
					}
					return
				}
				s := sum(counts)
				for total := 0; total <= maxTotal; total++ {
					if total == s {
						continue
					}
					cells, err := SuppressVector(counts, total, k)
					if countHidden(cells) == 0 {
						continue
					}
					if err != nil {
						refused++
					} else {
						published++
					}
					kk := key{show(cells), total, s > total}
					g := groups[kk]
					if g == nil {
						g = &seen{first: append([]int(nil), counts...), multi: make([]bool, m), refused: err != nil}
						groups[kk] = g
					}
					if g.refused != (err != nil) {
						t.Fatalf("min_cell %d: %v of %d refused %v, another table printed the same way refused %v", k, counts, total, err != nil, g.refused)
					}
					for j, c := range cells {
						if c.Suppressed && c.Count != g.first[j] {
							g.multi[j] = true
						}
						if c.Suppressed && !c.Primary {
							t.Fatalf("a table not adding up hides a count that is not small: %v of %d", counts, total)
						}
					}
				}
			}
			gen(0)
			undone, needless := 0, 0
			for kk, g := range groups {
				pinned := -1
				for j, c := range strings.Split(kk.pattern, " ") {
					if c == "x" && !g.multi[j] {
						pinned = j
					}
				}
				switch {
				case pinned >= 0 && !g.refused:
					if undone++; undone <= 3 {
						t.Errorf("min_cell %d: %v of %d (over: %v) printed %q: cell %d can be worked out", k, g.first, kk.total, kk.over, kk.pattern, pinned)
					}
				case pinned < 0 && g.refused:
					if needless++; needless <= 3 {
						t.Errorf("min_cell %d: %v of %d (over: %v) refused, though %q would leave every hidden cell two values", k, g.first, kk.total, kk.over, kk.pattern)
					}
				}
			}
			if undone+needless > 0 {
				t.Errorf("min_cell %d, %d values: %d patterns undone, %d refused needlessly", k, m, undone, needless)
			}
			if k == 5 {
				t.Logf("not adding up, min_cell %d, %d values: %d published with a hidden count, %d refused", k, m, published, refused)
			}
		}
	}
}

func countHidden(cells []Cell) int {
	n := 0
	for _, c := range cells {
		if c.Suppressed {
			n++
		}
	}
	return n
}

// FuzzSuppressVector checks SuppressVector on any table: no panic; every small count hidden
// and every zero shown; one mark for every hidden count; a refusal exactly when the table
// cannot be protected; and, for a published table, no hidden count a reader can work out.
func FuzzSuppressVector(f *testing.F) {
	f.Add([]byte{1, 30, 1, 8}, int16(0), uint8(5), true)
	f.Add([]byte{18, 18, 4}, int16(0), uint8(5), true)
	f.Add([]byte{5, 30, 1}, int16(0), uint8(5), true)
	f.Add([]byte{30, 4, 7}, int16(40), uint8(5), false)
	f.Add([]byte{30, 1}, int16(32), uint8(5), false)
	f.Add([]byte{3, 0}, int16(0), uint8(5), true)
	f.Add([]byte{7, 3, 1, 250}, int16(0), uint8(2), true)
	f.Fuzz(func(t *testing.T, data []byte, total16 int16, minCell8 uint8, adding bool) {
		counts := make([]int, 0, maxValues)
		for _, b := range data[:min(len(data), maxValues)] {
			if b >= 240 {
				counts = append(counts, 239-int(b)) // a negative count, read as zero
			} else {
				counts = append(counts, int(b)%60)
			}
		}
		minCell := int(minCell8 % 12)
		total := int(total16) % 1000
		s := 0
		for _, c := range counts {
			s += max(c, 0)
		}
		if adding {
			total = s
		}
		cells, err := SuppressVector(counts, total, minCell)
		if len(cells) != len(counts) {
			t.Fatalf("%d cells for %d counts", len(cells), len(counts))
		}
		var small, large []int
		for i, c := range cells {
			n := max(counts[i], 0)
			isSmall := n >= 1 && n < minCell
			switch {
			case c.Count != n:
				t.Errorf("cell %d: count %d, want %d", i, c.Count, n)
			case isSmall && !(c.Suppressed && c.Primary), c.Primary && !isSmall:
				t.Errorf("cell %d (%d): suppressed %v, primary %v", i, n, c.Suppressed, c.Primary)
			case n == 0 && c.Suppressed:
				t.Errorf("cell %d: a zero is hidden", i)
			case c.Suppressed != (c.Mark() != ""), c.Suppressed && c.Mark() != "x":
				t.Errorf("cell %d: hidden %v, mark %q", i, c.Suppressed, c.Mark())
			}
			if isSmall {
				small = append(small, i)
			} else if n >= minCell && n > 0 {
				large = append(large, i)
			}
		}
		var want string // why the table cannot be protected, "" when it can
		switch {
		case len(small) == 0:
		case s == total && len(large) == 0:
			want = "nothing to hide the small counts with"
		case s != total:
			p, known := boundPins(cells, total, minCell, s > total)
			if !known {
				return
			}
			want = p
		}
		if (err != nil) != (want != "") {
			t.Fatalf("%v of %d, min_cell %d: error %v, want refusal %v (%s)", counts, total, minCell, err, want != "", want)
		}
		if err != nil {
			var ue *UnprotectedError
			if !errors.As(err, &ue) || ue.Rule() != RuleSmallCells || ue.Reason == "" || fmt.Sprint(ue.Cells) != fmt.Sprint(small) {
				t.Fatalf("error %#v, want an *UnprotectedError listing %v", err, small)
			}
			return
		}
		if s == total && len(small) > 0 {
			if p := pinnedCells(t, cells, total, minCell); len(p) > 0 {
				t.Fatalf("%v of %d, min_cell %d, printed %q: cells %v can be worked out", counts, total, minCell, show(cells), p)
			}
		}
	})
}

// boundPins is the reader of a table whose counts do not add up to its total, by brute force:
// each hidden count is 1 to minCell-1, and their sum exceeds (over) or falls short of the total
// minus the shown counts. It says which hidden count takes a single value, "" when none does;
// known is false when the search would be too long.
func boundPins(cells []Cell, total, minCell int, over bool) (pins string, known bool) {
	var hidden []int
	room := total
	for i, c := range cells {
		if c.Suppressed {
			hidden = append(hidden, i)
		} else {
			room -= c.Count
		}
	}
	size := 1
	for range hidden {
		if size *= minCell - 1; size > 1e5 {
			return "", false
		}
	}
	vals := make([]map[int]bool, len(hidden))
	for i := range vals {
		vals[i] = map[int]bool{}
	}
	x := make([]int, len(hidden))
	for n := range size {
		s := 0
		for i := range x {
			x[i] = 1 + n%(minCell-1)
			n /= minCell - 1
			s += x[i]
		}
		if (over && s > room) || (!over && s < room) {
			for i, v := range x {
				vals[i][v] = true
			}
		}
	}
	for i, v := range vals {
		if len(v) == 1 {
			return fmt.Sprintf("cell %d can only be %v", hidden[i], v), true
		}
	}
	return "", true
}
