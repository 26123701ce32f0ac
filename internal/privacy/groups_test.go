package privacy

import (
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/dataset"
)

var allCodes = []string{"age_band", "province_group", "left_period", "edu_fees_paid", "det_detained", "det_facility", "abuse_by", "other_remarks"}

// groupWave has four quasi groups among its counted interviewees (A: 5, B: 3, C: 2, D: 1) and
// three withdrawn interviewees whose answers would change every result if they were counted.
func groupWave(t *testing.T) (*dataset.Wave, *codebook.Codebook) {
	cb := testCodebook()
	const nhr, other = "North Hamgyong or Ryanggang", "other provinces"
	w := buildWave(t, cb, allCodes, []person{
		row("A1", "quote", "under 30", nhr, "2014-2016", "det_detained=yes", "det_facility=labour training camp", "abuse_by=guard", "edu_fees_paid=yes"),
		row("B1", "aggregate", "30-39", other, "2014-2016", "det_detained=yes", "det_facility=holding centre;prison camp", "edu_fees_paid=yes"),
		row("A2", "aggregate", "under 30", nhr, "2014-2016", "det_detained=no", "det_facility=n/a", "abuse_by=guard", "edu_fees_paid=yes"),
		row("C1", "quote", "30-39", other, "", "det_detained=no", "det_facility=n/a", "edu_fees_paid=yes"),
		row("AW", "withdrawn", "under 30", nhr, "2014-2016", "det_detained=no", "det_facility=prison camp", "abuse_by=police officer"),
		row("A3", "aggregate", "under 30", nhr, "2014-2016", "det_detained=yes", "det_facility=labour training camp;holding centre", "edu_fees_paid=yes"),
		row("B2", "quote", "30-39", other, "2014-2016", "det_detained=yes", "det_facility=holding centre", "edu_fees_paid=yes"),
		row("D1", "quote", "40 and over", nhr, "2011-2013", "det_detained=yes", "det_facility=prison camp", "edu_fees_paid=yes"),
		row("BW", "withdrawn", "30-39", other, "2014-2016", "det_detained=no", "det_facility=prison camp"),
		row("A4", "quote", "under 30", nhr, "2014-2016", "det_detained=yes", "det_facility=n/a", "edu_fees_paid=yes"),
		row("C2", "aggregate", "30-39", other, "n/a", "det_detained=no", "det_facility=n/a", "edu_fees_paid=yes"),
		row("B3", "aggregate", "30-39", other, "2014-2016", "det_detained=yes", "det_facility=holding centre;labour training camp", "edu_fees_paid=yes"),
		row("A5", "aggregate", "under 30", nhr, "2014-2016", "det_facility=n/a", "edu_fees_paid=yes"),
		row("W2", "withdrawn", "40 and over", other, "2011-2013", "det_detained=yes"),
	})
	return w, cb
}

const (
	groupA = "age_band=under 30, province_group=North Hamgyong or Ryanggang, left_period=2014-2016"
	groupB = "age_band=30-39, province_group=other provinces, left_period=2014-2016"
	groupC = "age_band=30-39, province_group=other provinces, left_period=(missing)"
	groupD = "age_band=40 and over, province_group=North Hamgyong or Ryanggang, left_period=2011-2013"
)

func groupList(gs []Group) string {
	var b strings.Builder
	for _, g := range gs {
		b.WriteString(g.String())
		b.WriteString(" (")
		b.WriteString(strconv.Itoa(g.Count))
		b.WriteString(")\n")
	}
	return b.String()
}

func TestSmallGroups(t *testing.T) {
	w, cb := groupWave(t)
	tests := []struct {
		k    int
		want string
	}{
		{5, groupB + " (3)\n" + groupC + " (2)\n" + groupD + " (1)\n"},
		{6, groupA + " (5)\n" + groupB + " (3)\n" + groupC + " (2)\n" + groupD + " (1)\n"},
		{2, groupD + " (1)\n"},
		{1, ""},
		{0, ""},
	}
	for _, tt := range tests {
		got := SmallGroups(w, cb, tt.k)
		if s := groupList(got); s != tt.want {
			t.Errorf("k=%d:\n got %s\nwant %s", tt.k, s, tt.want)
		}
		for _, g := range got {
			for _, p := range w.People {
				if strings.Contains(g.String(), p.ID) {
					t.Errorf("group %q names %s", g, p.ID)
				}
			}
		}
	}
	if got := SmallGroups(w, cb, 1); got != nil {
		t.Errorf("k=1: got %v, want nil", got)
	}
}

func TestSmallGroupsValues(t *testing.T) {
	w, cb := groupWave(t)
	got := SmallGroups(w, cb, 2)
	want := []QuasiValue{{"age_band", "40 and over"}, {"province_group", "North Hamgyong or Ryanggang"}, {"left_period", "2011-2013"}}
	if len(got) != 1 || len(got[0].Values) != 3 || got[0].Count != 1 {
		t.Fatalf("got %+v", got)
	}
	for i := range want {
		if got[0].Values[i] != want[i] {
			t.Errorf("value %d: got %+v, want %+v", i, got[0].Values[i], want[i])
		}
	}
}

func TestSmallGroupsNone(t *testing.T) {
	cb := testCodebook()
	agg := &dataset.Wave{Kind: dataset.Aggregate, Figures: []dataset.Figure{{Code: code(cb, "age_band"), N: 40, Count: 2}}}
	if got := SmallGroups(agg, cb, 5); got != nil {
		t.Errorf("aggregate wave: got %v", got)
	}
	if got := Homogeneous(agg, cb, 5); got != nil {
		t.Errorf("aggregate wave: got %v", got)
	}
	noQuasi := buildWave(t, cb, []string{"det_detained"}, []person{
		{id: "X1", consent: "quote", answers: map[string]string{"det_detained": "yes"}},
		{id: "X2", consent: "quote", answers: map[string]string{"det_detained": "yes"}},
	})
	if got := SmallGroups(noQuasi, cb, 5); got != nil {
		t.Errorf("no quasi-identifiers: got %v", got)
	}
	if got := Homogeneous(noQuasi, cb, 5); got != nil {
		t.Errorf("no quasi-identifiers: got %v", got)
	}
	// a quasi-identifier of type number is left out, as in the composition tables
	cb.Codes = append(cb.Codes, &codebook.Code{Name: "age", Type: codebook.Number, Identifier: codebook.Quasi})
	if got := SmallGroups(noQuasi, cb, 5); got != nil {
		t.Errorf("number quasi-identifier: got %v", got)
	}
}

func TestSmallGroupsYesNoAndMultiQuasi(t *testing.T) {
	cb := &codebook.Codebook{Codes: []*codebook.Code{
		{Name: "mother", Label: "Has children", Type: codebook.YesNo, Identifier: codebook.Quasi},
		{Name: "languages", Label: "Languages", Type: codebook.Multi, Values: []string{"Korean", "Chinese", "Russian"}, Identifier: codebook.Quasi},
	}}
	w := buildWave(t, cb, []string{"mother", "languages"}, []person{
		{id: "1", consent: "aggregate", answers: map[string]string{"mother": "yes", "languages": "Korean;Chinese"}},
		{id: "2", consent: "aggregate", answers: map[string]string{"mother": "yes", "languages": "Korean;Chinese"}},
		{id: "3", consent: "aggregate", answers: map[string]string{"mother": "no", "languages": "Korean"}},
		{id: "4", consent: "aggregate", answers: map[string]string{"mother": "", "languages": "Korean"}},
	})
	got := groupList(SmallGroups(w, cb, 3))
	want := "mother=yes, languages=Korean; Chinese (2)\nmother=no, languages=Korean (1)\nmother=(missing), languages=Korean (1)\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestHomogeneous(t *testing.T) {
	w, cb := groupWave(t)
	got := Homogeneous(w, cb, 5)
	want := []Homogeneity{
		{Code: "det_detained", Value: "yes", Count: 3, Serious: true, Small: true},
		{Code: "det_facility", Value: "labour training camp", Count: 2, Serious: true},
		{Code: "det_facility", Value: "holding centre", Count: 3, Serious: true, Small: true},
		{Code: "abuse_by", Value: "guard", Count: 2, Serious: true},
		{Code: "det_detained", Value: "no", Count: 2, Small: true},
		{Code: "det_facility", Value: "prison camp", Absent: true, Count: 2},
	}
	groups := []string{groupB, groupA, groupB, groupA, groupC, groupA}
	sizes := []int{3, 5, 3, 5, 2, 5}
	if len(got) != len(want) {
		for _, h := range got {
			t.Log(h)
		}
		t.Fatalf("got %d findings, want %d", len(got), len(want))
	}
	for i, h := range got {
		g := h.Group
		h.Group = Group{}
		if !reflect.DeepEqual(h, want[i]) || g.String() != groups[i] || g.Count != sizes[i] {
			t.Errorf("%d: got %+v in %s (%d)\nwant %+v in %s (%d)", i, h, g, g.Count, want[i], groups[i], sizes[i])
		}
	}
	if s := got[0].String(); s != `all 3 who answered det_detained in `+groupB+` gave "yes"` {
		t.Errorf("String: %s", s)
	}
	if s := got[4].String(); s != `both who answered det_detained in `+groupC+` gave "no"` {
		t.Errorf("String: %s", s)
	}
	if s := got[5].String(); s != `none of the 2 who answered det_facility in `+groupA+` gave "prison camp"` {
		t.Errorf("String: %s", s)
	}
}
