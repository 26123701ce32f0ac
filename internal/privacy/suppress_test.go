package privacy

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// render shows a suppressed table: "<n" for primary cells, "(n)" for secondary ones.
func render(cells [][]Cell) string {
	var rows []string
	for _, r := range cells {
		var parts []string
		for _, c := range r {
			switch {
			case c.Primary:
				parts = append(parts, fmt.Sprintf("<%d", c.Count))
			case c.Suppressed:
				parts = append(parts, fmt.Sprintf("(%d)", c.Count))
			default:
				parts = append(parts, fmt.Sprint(c.Count))
			}
		}
		rows = append(rows, strings.Join(parts, " "))
	}
	return strings.Join(rows, " / ")
}

func TestSuppress(t *testing.T) {
	tests := []struct {
		name    string
		table   [][]int
		want    string
		unsafe  [][2]int // cells the error lists; nil when the table is protected
		minCell int
	}{
		{
			name:  "nothing small",
			table: [][]int{{10, 12}, {7, 9}},
			want:  "10 12 / 7 9",
		},
		{
			name:  "one small cell: a rectangle of four",
			table: [][]int{{10, 2, 8}, {7, 9, 6}, {12, 5, 11}},
			want:  "10 <2 (8) / 7 9 6 / 12 (5) (11)",
		},
		{
			name:  "a yes/no finding by age band: both cells of a row, then the next smallest row",
			table: [][]int{{8, 10}, {3, 12}, {6, 1}},
			want:  "8 10 / <3 (12) / (6) <1",
		},
		{
			name: "zeros are never used: the protection cascades around them",
			table: [][]int{
				{3, 0, 9},
				{0, 8, 7},
				{6, 5, 0},
			},
			want: "<3 0 (9) / 0 (8) (7) / (6) (5) 0",
		},
		{
			name:  "two small cells in a row protect each other; their columns need partners",
			table: [][]int{{2, 3, 20}, {9, 8, 7}, {11, 6, 30}},
			want:  "<2 <3 20 / (9) (8) 7 / 11 6 30",
		},
		{
			name:  "two ones in a line are each 1: a third cell joins them",
			table: [][]int{{1, 1, 10}, {9, 8, 7}, {12, 13, 14}},
			want:  "<1 <1 (10) / (9) (8) (7) / 12 13 14",
		},
		{
			name:  "a small cell of 1 and a partner of 5 hold the least they could",
			table: [][]int{{1, 5, 20}, {9, 8, 7}, {12, 13, 14}},
			want:  "<1 (5) (20) / (9) (8) (7) / 12 13 14",
		},
		{
			name:  "two cells of 4 are each 4 when small cells are shown as <5",
			table: [][]int{{4, 4, 10}, {9, 8, 7}, {12, 13, 14}},
			want:  "<4 <4 (10) / (9) (8) (7) / 12 13 14",
		},
		{
			name:   "unprotectable: the only non-zero cell of its row, and what protecting its column costs",
			table:  [][]int{{3, 0}, {8, 10}},
			want:   "<3 0 / (8) (10)",
			unsafe: [][2]int{{0, 0}, {1, 0}, {1, 1}},
		},
		{
			name:   "unprotectable: two ones and nothing else in the row",
			table:  [][]int{{1, 1, 0}, {9, 8, 7}},
			want:   "<1 <1 0 / (9) (8) 7",
			unsafe: [][2]int{{0, 0}, {0, 1}},
		},
		{
			name:  "a bridge between two rectangles gets a cell that closes a cycle",
			table: [][]int{{2, 3, 4, 20, 30}, {3, 2, 20, 30, 40}, {20, 30, 2, 3, 50}, {30, 20, 3, 2, 60}},
			want:  "<2 <3 <4 (20) 30 / <3 <2 20 30 40 / 20 30 <2 <3 50 / 30 20 <3 <2 60",
		},
		{
			name:    "min_cell 3",
			table:   [][]int{{10, 3, 8}, {7, 2, 6}},
			minCell: 3,
			want:    "10 (3) (8) / 7 <2 (6)",
		},
		{
			name:    "min_cell 1 suppresses nothing",
			table:   [][]int{{1, 0}, {0, 1}},
			minCell: 1,
			want:    "1 0 / 0 1",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			minCell := tt.minCell
			if minCell == 0 {
				minCell = 5
			}
			cells, err := Suppress(tt.table, minCell)
			if got := render(cells); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
			var ue *UnprotectedError
			switch {
			case tt.unsafe == nil && err != nil:
				t.Errorf("unexpected error: %v", err)
			case tt.unsafe != nil && !errors.As(err, &ue):
				t.Errorf("want an *UnprotectedError, got %v", err)
			case tt.unsafe != nil:
				var got [][2]int
				for _, c := range ue.Cells {
					got = append(got, [2]int{c.Row, c.Col})
				}
				if fmt.Sprint(got) != fmt.Sprint(tt.unsafe) {
					t.Errorf("unprotected cells: got %v, want %v (%v)", got, tt.unsafe, err)
				}
				if ue.Rule() != RuleSmallCells || !strings.HasPrefix(err.Error(), RuleSmallCells+": ") {
					t.Errorf("error does not name its rule: %v", err)
				}
			}
			if err == nil {
				checkProtected(t, tt.table, cells, minCell)
			}
		})
	}
}

func TestSuppressVector(t *testing.T) {
	tests := []struct {
		name   string
		counts []int
		total  int
		want   string
		unsafe bool
	}{
		{"nothing small", []int{22, 18}, 40, "22 18", false},
		{"one small value and the next smallest", []int{20, 3, 17}, 40, "20 <3 (17)", false},
		{"two small values protect each other", []int{30, 3, 2, 5}, 40, "30 <3 <2 5", false},
		{"two ones and a third", []int{30, 1, 1, 8}, 40, "30 <1 <1 (8)", false},
		{"zeros stay", []int{37, 0, 3}, 40, "(37) 0 <3", false},
		{"1 and 5 hold the least they could", []int{30, 1, 5, 9}, 45, "30 <1 (5) (9)", false},
		{"a multi code: counts do not add up to the total", []int{30, 3, 25}, 40, "30 <3 25", false},
		{"missing answers not printed", []int{30, 3}, 40, "30 <3", false},
		{"a tiny wave", []int{3, 0}, 3, "<3 0", true},
	}
	for _, tt := range tests {
		cells, err := SuppressVector(tt.counts, tt.total, 5)
		if got := render([][]Cell{cells}); got != tt.want {
			t.Errorf("%s: got %s, want %s", tt.name, got, tt.want)
		}
		if (err != nil) != tt.unsafe {
			t.Errorf("%s: error %v, want unsafe %v", tt.name, err, tt.unsafe)
		}
		if err != nil && !strings.Contains(err.Error(), "cell 1: the only suppressed cell of the table") {
			t.Errorf("%s: %v", tt.name, err)
		}
	}
}

// TestSuppressRandom checks many random small tables against the independent checks: either
// Suppress says the table cannot be protected, or no suppressed cell can be worked out.
func TestSuppressRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	refused := 0
	for n := range 2000 {
		rows, cols := 2+r.IntN(4), 2+r.IntN(4)
		table := make([][]int, rows)
		for i := range table {
			table[i] = make([]int, cols)
			for j := range table[i] {
				switch r.IntN(5) {
				case 0:
					table[i][j] = 0
				case 1, 2:
					table[i][j] = 1 + r.IntN(4)
				default:
					table[i][j] = 5 + r.IntN(20)
				}
			}
		}
		cells, err := Suppress(table, 5)
		if err != nil {
			refused++
			continue
		}
		if t.Failed() {
			break
		}
		t.Run(fmt.Sprint(n), func(t *testing.T) { checkProtected(t, table, cells, 5) })
	}
	t.Logf("%d of 2000 random tables refused", refused)
}

// checkProtected is the independent check: every primary cell is suppressed, zeros are not,
// every row and column with a suppressed cell has at least two, and no suppressed cell is
// determined by the published row and column totals (its unit vector is not in the span of the
// line equations over the suppressed cells).
func checkProtected(t *testing.T, table [][]int, cells [][]Cell, minCell int) {
	t.Helper()
	var vars [][2]int
	rowN, colN := map[int]int{}, map[int]int{}
	for i, r := range table {
		for j, c := range r {
			got := cells[i][j]
			if got.Count != c {
				t.Fatalf("cell %d,%d: count %d, want %d", i, j, got.Count, c)
			}
			if (c >= 1 && c < minCell) != got.Primary || (got.Primary && !got.Suppressed) {
				t.Errorf("cell %d,%d (%d): primary %v suppressed %v", i, j, c, got.Primary, got.Suppressed)
			}
			if c == 0 && got.Suppressed {
				t.Errorf("cell %d,%d: zero suppressed", i, j)
			}
			if got.Suppressed {
				vars = append(vars, [2]int{i, j})
				rowN[i]++
				colN[j]++
			}
		}
	}
	// zero is shown, so each suppressed cell is at least 1, and at least minCell when the reader
	// knows it is secondary: a line whose suppressed cells add up to the least they could hold
	// gives each of them away
	least, sum := map[string]int{}, map[string]int{}
	for _, v := range vars {
		for _, key := range []string{fmt.Sprint("row ", v[0]), fmt.Sprint("column ", v[1])} {
			sum[key] += table[v[0]][v[1]]
			if cells[v[0]][v[1]].Primary {
				least[key]++
			} else {
				least[key] += minCell
			}
		}
	}
	for key := range sum {
		if sum[key] == least[key] {
			t.Errorf("the suppressed cells of %s hold the least they could: %s", key, render(cells))
		}
	}
	for i, n := range rowN {
		if n == 1 {
			t.Errorf("row %d has a single suppressed cell: %s", i, render(cells))
		}
	}
	for j, n := range colN {
		if n == 1 {
			t.Errorf("column %d has a single suppressed cell: %s", j, render(cells))
		}
	}
	var eqs [][]float64
	for i := range table {
		eq := make([]float64, len(vars))
		for v, c := range vars {
			if c[0] == i {
				eq[v] = 1
			}
		}
		eqs = append(eqs, eq)
	}
	for j := range table[0] {
		eq := make([]float64, len(vars))
		for v, c := range vars {
			if c[1] == j {
				eq[v] = 1
			}
		}
		eqs = append(eqs, eq)
	}
	base := matrixRank(eqs)
	for v, c := range vars {
		unit := make([]float64, len(vars))
		unit[v] = 1
		if matrixRank(append(eqs[:len(eqs):len(eqs)], unit)) == base {
			t.Errorf("cell %d,%d can be worked out from the totals: %s", c[0], c[1], render(cells))
		}
	}
}

// matrixRank is the rank of a small matrix, by Gaussian elimination on a copy.
func matrixRank(m [][]float64) int {
	a := make([][]float64, len(m))
	for i := range m {
		a[i] = append([]float64(nil), m[i]...)
	}
	r := 0
	for c := 0; len(a) > 0 && c < len(a[0]) && r < len(a); c++ {
		p := -1
		for i := r; i < len(a); i++ {
			if math.Abs(a[i][c]) > 1e-9 {
				p = i
				break
			}
		}
		if p < 0 {
			continue
		}
		a[r], a[p] = a[p], a[r]
		for i := range a {
			if i != r && math.Abs(a[i][c]) > 1e-9 {
				f := a[i][c] / a[r][c]
				for k := c; k < len(a[i]); k++ {
					a[i][k] -= f * a[r][k]
				}
			}
		}
		r++
	}
	return r
}
