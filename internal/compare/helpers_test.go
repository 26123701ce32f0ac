package compare

import (
	"math"
	"testing"

	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/dataset"
)

// Builders of in-memory codebooks and waves: each column lists its answers, and a wave pads
// every column with missing answers up to its number of people.

func yesno(name string, dir codebook.Direction) *codebook.Code {
	return &codebook.Code{Name: name, Label: "Label of " + name, Type: codebook.YesNo, Direction: dir, Theme: "theme"}
}

func category(name string, values ...string) *codebook.Code {
	return &codebook.Code{Name: name, Label: "Label of " + name, Type: codebook.Category, Values: values, Direction: codebook.Neutral, Theme: "theme"}
}

func book(codes ...*codebook.Code) *codebook.Codebook { return &codebook.Codebook{Codes: codes} }

// yn answers code c: k people yes, n−k no.
func yn(c *codebook.Code, k, n int) *dataset.Column {
	col := &dataset.Column{Code: c}
	for i := range n {
		col.State = append(col.State, dataset.Answered)
		col.Bits = append(col.Bits, b2u(i < k))
	}
	return col
}

// cat answers category code c: counts[v] people give value v.
func cat(c *codebook.Code, counts ...int) *dataset.Column {
	col := &dataset.Column{Code: c}
	for v, k := range counts {
		for range k {
			col.State = append(col.State, dataset.Answered)
			col.Bits = append(col.Bits, 1<<v)
		}
	}
	return col
}

// num answers number code c.
func num(c *codebook.Code, xs ...float64) *dataset.Column {
	col := &dataset.Column{Code: c}
	for _, x := range xs {
		col.State = append(col.State, dataset.Answered)
		col.Bits = append(col.Bits, 0)
		col.Num = append(col.Num, x)
	}
	return col
}

func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// interviews is an interview wave; people is at least the longest column.
func interviews(name string, people int, cols ...*dataset.Column) *dataset.Wave {
	for _, c := range cols {
		people = max(people, len(c.State))
	}
	w := &dataset.Wave{Name: name, Kind: dataset.Interviews, Columns: cols}
	for i := range people {
		w.People = append(w.People, dataset.Person{ID: "p" + string(rune('a'+i%26)), Row: i + 2})
	}
	for _, c := range cols {
		for len(c.State) < people {
			c.State = append(c.State, dataset.Missing)
			c.Bits = append(c.Bits, 0)
			if c.Num != nil {
				c.Num = append(c.Num, 0)
			}
		}
	}
	return w
}

func aggregate(name string, figs ...dataset.Figure) *dataset.Wave {
	return &dataset.Wave{Name: name, Kind: dataset.Aggregate, Figures: figs}
}

func mustCompare(t testing.TB, cb *codebook.Codebook, waves []*dataset.Wave, o Options) *Result {
	t.Helper()
	r, err := Compare(cb, waves, o)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

func approx(t *testing.T, what string, got *float64, want, tol float64) {
	t.Helper()
	if got == nil {
		t.Errorf("%s = null, want %v", what, want)
		return
	}
	if !near(*got, want, tol) {
		t.Errorf("%s = %.10g, want %.10g", what, *got, want)
	}
}

func approxIv(t *testing.T, what string, got *Interval, lo, hi, tol float64) {
	t.Helper()
	if got == nil {
		t.Errorf("%s = null, want [%v, %v]", what, lo, hi)
		return
	}
	if !near(got[0], lo, tol) || !near(got[1], hi, tol) {
		t.Errorf("%s = [%.10g, %.10g], want [%.10g, %.10g]", what, got[0], got[1], lo, hi)
	}
}

func findingOf(t *testing.T, r *Result, code, value string) Finding {
	t.Helper()
	for _, f := range r.Findings {
		if f.Code == code && f.Value == value {
			return f
		}
	}
	t.Fatalf("no finding %s = %s", code, value)
	return Finding{}
}
