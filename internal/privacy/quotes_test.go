package privacy

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/dataset"
)

func TestPublishable(t *testing.T) {
	cb := testCodebook()
	w := buildWave(t, cb, allCodes, []person{
		row("W17-001", "quote", "30-39", "other provinces", "2014-2016"),
		row("W17-002", "aggregate", "30-39", "other provinces", "2014-2016"),
		row("W17-003", "withdrawn", "30-39", "other provinces", "2014-2016"),
	})
	det := code(cb, "det_detained")
	tests := []struct {
		person   int
		reviewed bool
		ok       bool
		reason   string
	}{
		{0, true, true, ""},
		{0, false, false, "not reviewed"},
		{1, true, false, "consent is aggregate"},
		{1, false, false, "consent is aggregate"},
		{2, true, false, "withdrawn"},
		{2, false, false, "withdrawn"},
		{-1, true, false, "not an interviewee of the wave"},
		{3, true, false, "not an interviewee of the wave"},
	}
	for _, tt := range tests {
		q := dataset.Quote{ID: "x", Code: det, Text: "They took us to the holding centre.", Reviewed: tt.reviewed, Person: tt.person}
		ok, reason := Publishable(w, q)
		if ok != tt.ok || reason != tt.reason {
			t.Errorf("person %d reviewed %v: got %v %q, want %v %q", tt.person, tt.reviewed, ok, reason, tt.ok, tt.reason)
		}
	}
}

func TestAttribution(t *testing.T) {
	cb := testCodebook()
	cb.Codes = append(cb.Codes,
		&codebook.Code{Name: "age_decade", Label: "Age", Type: codebook.Category, Values: []string{"20s", "30s", "40s"}, Identifier: codebook.Quasi},
		&codebook.Code{Name: "year_left", Label: "Year she left", Type: codebook.Category, Values: []string{"2014", "2015", "before 2010"}, Identifier: codebook.Quasi},
		&codebook.Code{Name: "arrival", Label: "Arrival in South Korea", Type: codebook.Category, Values: []string{"2016", "2017"}, Identifier: codebook.Quasi},
		&codebook.Code{Name: "mother", Label: "Has children", Type: codebook.YesNo, Identifier: codebook.Quasi},
		&codebook.Code{Name: "marital", Label: "Marital status", Type: codebook.Category, Values: []string{"married", "single"}, Identifier: codebook.Quasi},
		&codebook.Code{Name: "age_exact", Label: "Age", Type: codebook.Number, Identifier: codebook.Quasi},
		&codebook.Code{Name: "group", Label: "Interview group", Type: codebook.Category, Values: []string{"20-29", "1-2"}, Identifier: codebook.Quasi},
	)
	codes := append(allCodes, "age_decade", "year_left", "arrival", "mother", "marital", "age_exact", "group")
	w := buildWave(t, cb, codes, []person{
		row("W17-001", "quote", "30-39", "other provinces", "2014-2016", "age_decade=30s", "year_left=2015", "arrival=2016", "mother=yes", "marital=married", "det_detained=yes", "group=20-29"),
		row("W17-002", "quote", "under 30", "North Hamgyong or Ryanggang", "", "year_left=before 2010", "mother=no", "group=1-2"),
		row("W17-003", "withdrawn", "40 and over", "other provinces", "2011-2013"),
		row("W17-004", "quote", "", "", "n/a"),
	})
	w.Columns[len(w.Columns)-2].Num = []float64{34, 27, 45, 50}
	tests := []struct {
		person int
		codes  []string
		noun   string
		want   string
	}{
		{0, []string{"age_band", "left_period"}, "woman", "woman aged 30-39, left 2014-2016"},
		{0, []string{"age_band", "province_group", "left_period"}, "woman", "woman aged 30-39 from other provinces, left 2014-2016"},
		{0, []string{"left_period", "province_group"}, "woman", "woman from other provinces, left 2014-2016"},
		{0, []string{"age_decade", "year_left"}, "woman", "woman in her 30s, left in 2015"},
		{0, []string{"age_decade"}, "man", "man in his 30s"},
		{0, []string{"age_decade"}, "interviewee", "interviewee in their 30s"},
		{0, []string{"arrival", "mother", "marital"}, "woman", "woman, arrived in 2016, has children, married"},
		{0, []string{"group"}, "woman", "woman aged 20-29"},
		// never a finding, a number, a text or an unknown code, whatever is asked
		{0, []string{"det_detained", "age_exact", "other_remarks", "nonsense", "AGE_BAND"}, "woman", "woman aged 30-39"},
		{1, []string{"year_left", "mother", "group"}, "woman", "woman, left before 2010, 1-2"},
		{1, nil, "woman", "woman aged under 30 from North Hamgyong or Ryanggang, left before 2010, 1-2"},
		{0, nil, "", "interviewee aged 30-39 from other provinces in their 30s aged 20-29, left 2014-2016, left in 2015, arrived in 2016, has children, married"},
		{2, nil, "woman", "woman"},
		{3, nil, "woman", "woman"},
		{7, nil, "woman", "woman"},
	}
	for _, tt := range tests {
		got := Attribute(w, cb, tt.person, tt.codes, tt.noun, 1).Text
		if got != tt.want {
			t.Errorf("person %d, codes %v:\n got %q\nwant %q", tt.person, tt.codes, got, tt.want)
		}
		if strings.Contains(got, "W17") {
			t.Errorf("%q names the interviewee", got)
		}
	}
}

// TestAttributeCoarsens is the case of a woman who is the only one of her wave aged 50-59,
// the only one from Ryanggang and the only one who left in 2016: no attribution may describe
// her alone. Values are left out, the most identifying first, until k people fit.
func TestAttributeCoarsens(t *testing.T) {
	cb := &codebook.Codebook{}
	cb.Codes = []*codebook.Code{
		{Name: "age_band", Label: "Age band", Type: codebook.Category, Values: []string{"under 30", "30-39", "40-49", "50-59"}, Identifier: codebook.Quasi},
		{Name: "province_group", Label: "Province group", Type: codebook.Category, Values: []string{"North Hamgyong", "Ryanggang", "other provinces"}, Identifier: codebook.Quasi},
		{Name: "left_period", Label: "Period of leaving", Type: codebook.Category, Values: []string{"2014", "2015", "2016"}, Identifier: codebook.Quasi},
		{Name: "detention_period", Label: "Period of detention", Type: codebook.Category, Values: []string{"2008-2010", "2014-2016"}, Identifier: codebook.Quasi, Sensitive: true},
	}
	codes := []string{"age_band", "province_group", "left_period", "detention_period"}
	people := []person{row("W17-001", "quote", "50-59", "Ryanggang", "2016", "detention_period=2008-2010")}
	// 39 others: 30-39 from North Hamgyong, 20 of them left in 2014, 19 in 2015; 6 of
	// them are 40-49 (so age 40-49 + North Hamgyong + 2015 holds 6 people)
	for i := 2; i <= 40; i++ {
		age, left := "30-39", "2014"
		if i > 21 {
			left = "2015"
		}
		if i > 34 {
			age = "40-49"
		}
		people = append(people, row(fmt.Sprintf("W17-%03d", i), "quote", age, "North Hamgyong", left, "detention_period=2014-2016"))
	}
	w := buildWave(t, cb, codes, people)
	for _, tt := range []struct {
		person  int
		codes   []string
		k       int
		want    string
		dropped []string
		group   int
	}{
		// she is alone in every value: every field goes, and "a woman" describes all 40
		{0, nil, 5, "woman", []string{"left_period", "province_group", "age_band"}, 40},
		{0, []string{"age_band", "province_group", "left_period"}, 5, "woman", []string{"left_period", "province_group", "age_band"}, 40},
		// never the sensitive quasi-identifier, even when asked for
		{0, []string{"detention_period"}, 1, "woman", nil, 40},
		{0, []string{"detention_period", "age_band"}, 1, "woman aged 50-59", nil, 1},
		// the group of 6 (40-49, North Hamgyong, 2015) is big enough at k = 5
		{39, []string{"age_band", "province_group", "left_period"}, 5, "woman aged 40-49 from North Hamgyong, left in 2015", nil, 6},
		// at k = 10 the period (dropping it leaves 6) or the province (leaves 6)... the age
		// (dropping it leaves 19 who left in 2015 from North Hamgyong) goes first
		{39, []string{"age_band", "province_group", "left_period"}, 10, "woman from North Hamgyong, left in 2015", []string{"age_band"}, 19},
	} {
		got := Attribute(w, cb, tt.person, tt.codes, "woman", tt.k)
		if got.Text != tt.want || strings.Join(got.Dropped, " ") != strings.Join(tt.dropped, " ") || got.Group != tt.group {
			t.Errorf("person %d, codes %v, k %d:\n got %q dropped %v group %d\nwant %q dropped %v group %d", tt.person, tt.codes, tt.k, got.Text, got.Dropped, got.Group, tt.want, tt.dropped, tt.group)
		}
	}
}

// TestAttributeNeverDescribesFewerThanK checks the promise on every interviewee of random
// waves: an attribution with a value describes at least k people.
func TestAttributeNeverDescribesFewerThanK(t *testing.T) {
	cb := testCodebook()
	rng := rand.New(rand.NewPCG(7, 11))
	ages := []string{"under 30", "30-39", "40 and over"}
	provs := []string{"North Hamgyong or Ryanggang", "other provinces"}
	periods := []string{"2011-2013", "2014-2016"}
	for trial := 0; trial < 200; trial++ {
		n := 1 + rng.IntN(30)
		var people []person
		for i := 0; i < n; i++ {
			people = append(people, row(fmt.Sprintf("P%d", i), "quote", ages[rng.IntN(3)], provs[rng.IntN(2)], periods[rng.IntN(2)]))
		}
		w := buildWave(t, cb, allCodes, people)
		k := 2 + rng.IntN(6)
		for i := range people {
			a := Attribute(w, cb, i, nil, "woman", k)
			if len(a.Codes) > 0 && a.Group < k {
				t.Fatalf("trial %d: %q describes %d < k = %d", trial, a.Text, a.Group, k)
			}
			// the group size is the number who share the printed values
			if want := countSharing(w, cb, i, a.Codes); len(a.Codes) > 0 && want != a.Group {
				t.Fatalf("trial %d: group %d, recount %d", trial, a.Group, want)
			}
		}
	}
}

// countSharing recounts, independently of Attribute, who shares person i's values of codes.
func countSharing(w *dataset.Wave, cb *codebook.Codebook, i int, codes []string) int {
	n := 0
	for j, p := range w.People {
		if p.Consent == dataset.ConsentWithdrawn {
			continue
		}
		same := true
		for _, name := range codes {
			col := w.Column(code(cb, name))
			if col.State[j] != col.State[i] || col.Bits[j] != col.Bits[i] {
				same = false
			}
		}
		if same {
			n++
		}
	}
	return n
}
