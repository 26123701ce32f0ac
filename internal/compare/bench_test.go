package compare

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/dataset"
)

// BenchmarkCompare compares the last two of 5 waves of 20,000 interviewees each, answering
// 200 codes (150 yes/no, 50 categories of 4 values), trends over all 5: the statistics alone,
// no workbook read.
func BenchmarkCompare(b *testing.B) {
	const waves, codes, people = 5, 200, 20000
	rng := rand.New(rand.NewPCG(1, 2))
	cb := &codebook.Codebook{}
	for i := range codes {
		c := &codebook.Code{Name: fmt.Sprintf("c%03d", i), Label: fmt.Sprintf("Code %d", i), Type: codebook.YesNo,
			Direction: codebook.WorseIfHigher, Theme: fmt.Sprintf("theme %d", i/20)}
		if i%4 == 3 {
			c.Type, c.Values, c.Direction = codebook.Category, []string{"a", "b", "c", "d"}, codebook.Neutral
		}
		cb.Codes = append(cb.Codes, c)
	}
	var ws []*dataset.Wave
	for wi := range waves {
		w := &dataset.Wave{Name: fmt.Sprint(2001 + 3*wi), Kind: dataset.Interviews, People: make([]dataset.Person, people)}
		for i := range w.People {
			w.People[i] = dataset.Person{ID: fmt.Sprint(i), Row: i + 2}
		}
		w.People[0].Consent = dataset.ConsentWithdrawn
		for _, c := range cb.Codes {
			col := &dataset.Column{Code: c, State: make([]dataset.State, people), Bits: make([]uint64, people)}
			p := 0.2 + 0.6*rng.Float64()
			for i := range people {
				switch r := rng.Float64(); {
				case r < 0.05:
					col.State[i] = dataset.Missing
				case r < 0.08:
					col.State[i] = dataset.NotApplicable
				default:
					col.State[i] = dataset.Answered
					if c.Type == codebook.YesNo {
						col.Bits[i] = b2u(rng.Float64() < p)
					} else {
						col.Bits[i] = 1 << rng.IntN(4)
					}
				}
			}
			w.Columns = append(w.Columns, col)
		}
		ws = append(ws, w)
	}
	b.ReportAllocs()
	for b.Loop() {
		r, err := Compare(cb, ws, Options{})
		if err != nil || len(r.Findings) != 150+50*4 || len(r.Trends) != 350 {
			b.Fatalf("%v: %d findings, %d trends", err, len(r.Findings), len(r.Trends))
		}
	}
}
