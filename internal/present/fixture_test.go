package present

import (
	"flag"
	"testing"

	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/compare"
	"github.com/shadowreport/shadowreport/internal/dataset"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// The fixture is a small project compared in memory: two waves known from published figures
// (2011, 2014) and one of interviews (2017).

func answered(c *codebook.Code, bits ...uint64) *dataset.Column {
	col := &dataset.Column{Code: c}
	for _, b := range bits {
		col.State = append(col.State, dataset.Answered)
		col.Bits = append(col.Bits, b)
	}
	return col
}

// yn: k yes of n.
func yn(c *codebook.Code, k, n int) *dataset.Column {
	bits := make([]uint64, n)
	for i := range k {
		bits[i] = 1
	}
	return answered(c, bits...)
}

// cat: counts[v] people give value v.
func cat(c *codebook.Code, counts ...int) *dataset.Column {
	var bits []uint64
	for v, k := range counts {
		for range k {
			bits = append(bits, 1<<v)
		}
	}
	return answered(c, bits...)
}

func interviews(name string, people int, cols ...*dataset.Column) *dataset.Wave {
	for _, c := range cols {
		people = max(people, len(c.State))
	}
	w := &dataset.Wave{Name: name, Kind: dataset.Interviews, Columns: cols, People: make([]dataset.Person, people)}
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

func fixture(t testing.TB, o compare.Options) *compare.Result {
	t.Helper()
	prov := &codebook.Code{Name: "province_group", Label: "Province group", Type: codebook.Category,
		Values: []string{"North Hamgyong or Ryanggang", "other provinces"}, Theme: "profile", Identifier: codebook.Quasi}
	age := &codebook.Code{Name: "age_band", Label: "Age band", Type: codebook.Category,
		Values: []string{"under 30", "30-39", "40 and over"}, Theme: "profile", Identifier: codebook.Quasi}
	kids := &codebook.Code{Name: "children", Label: "Number of children", Type: codebook.Number, Theme: "profile"}
	fees := &codebook.Code{Name: "edu_fees_paid", Label: "Paid informal school fees", Type: codebook.YesNo,
		Theme: "education", Article: "CEDAW art. 10", Direction: codebook.WorseIfHigher}
	labour := &codebook.Code{Name: "edu_labour_mobilised", Label: "Students mobilised for unpaid labour during the school term", Type: codebook.YesNo,
		Theme: "education", Article: "CEDAW art. 10", Direction: codebook.WorseIfHigher}
	highest := &codebook.Code{Name: "edu_highest", Label: "Highest education", Type: codebook.Category,
		Values: []string{"primary", "secondary", "college or university"}, Theme: "education", Direction: codebook.Neutral}
	contra := &codebook.Code{Name: "health_contraception_access", Label: "Had access to contraception", Type: codebook.YesNo,
		Theme: "health", Article: "CEDAW art. 12", Direction: codebook.BetterIfHigher}
	formula := &codebook.Code{Name: "health_formula", Label: "=HYPERLINK(\"http://x\") looks like a formula", Type: codebook.YesNo,
		Theme: "health", Direction: codebook.WorseIfHigher}
	abortion := &codebook.Code{Name: "det_forced_abortion", Label: "Forced abortion in detention", Type: codebook.YesNo,
		Theme: "detention", Direction: codebook.WorseIfHigher, Sensitive: true}
	cb := &codebook.Codebook{Codes: []*codebook.Code{prov, age, kids, fees, labour, highest, contra, formula, abortion}}

	w2011 := &dataset.Wave{Name: "2011", Kind: dataset.Aggregate, Figures: []dataset.Figure{
		{Code: fees, N: 30, Count: 15, Source: "2011 report, table 2"},
		{Code: contra, N: 30, Count: 6, Source: "2011 report, table 4"},
	}}
	w2014 := &dataset.Wave{Name: "2014", Kind: dataset.Aggregate, Figures: []dataset.Figure{
		{Code: prov, Value: 0, N: 50, Count: 29}, {Code: prov, Value: 1, N: 50, Count: 21},
		{Code: age, Value: 0, N: 50, Count: 10}, {Code: age, Value: 1, N: 50, Count: 20}, {Code: age, Value: 2, N: 50, Count: 20},
		{Code: fees, N: 50, Count: 31, Source: "2014 report, p. 23"},
		{Code: labour, N: 50, Count: 10, Source: "2014 report, p. 24"},
		{Code: highest, Value: 0, N: 50, Count: 20}, {Code: highest, Value: 1, N: 50, Count: 25},
		{Code: contra, N: 8, Count: 3},
		{Code: formula, N: 50, Count: 0},
	}}
	kidsCol := answered(kids, 0, 0, 0, 0, 0, 0, 0, 0)
	kidsCol.Num = []float64{0, 1, 1, 2, 2, 2, 3, 4}
	w2017 := interviews("2017", 42,
		cat(prov, 30, 10), cat(age, 12, 14, 14),
		yn(fees, 28, 40), yn(labour, 30, 41), cat(highest, 9, 21, 10),
		yn(contra, 12, 38), yn(formula, 40, 40), yn(abortion, 3, 12), kidsCol,
	)
	r, err := compare.Compare(cb, []*dataset.Wave{w2011, w2014, w2017}, o)
	if err != nil {
		t.Fatal(err)
	}
	return r
}
