package privacy

import (
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
		got := Attribution(w, cb, tt.person, tt.codes, tt.noun)
		if got != tt.want {
			t.Errorf("person %d, codes %v:\n got %q\nwant %q", tt.person, tt.codes, got, tt.want)
		}
		if strings.Contains(got, "W17") {
			t.Errorf("%q names the interviewee", got)
		}
	}
}

func TestAttributionCodes(t *testing.T) {
	cb := testCodebook()
	cb.Codes = append(cb.Codes,
		&codebook.Code{Name: "band", Label: "Band", Type: codebook.Category, Values: []string{"18-29", "30-39", "40 and over"}, Identifier: codebook.Quasi},
		&codebook.Code{Name: "arrival", Label: "Arrival in South Korea", Type: codebook.Category, Values: []string{"2016"}, Identifier: codebook.Quasi},
		&codebook.Code{Name: "age_exact", Label: "Age", Type: codebook.Number, Identifier: codebook.Quasi},
		&codebook.Code{Name: "escape_route", Label: "Escape route", Type: codebook.Category, Values: []string{"via China", "via Russia"}, Identifier: codebook.Quasi},
	)
	got := strings.Join(AttributionCodes(cb), " ")
	if want := "age_band left_period band"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}
