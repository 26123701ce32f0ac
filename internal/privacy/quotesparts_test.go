package privacy

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/shadowreport/shadowreport/internal/codebook"
)

// TestQuasiMentions: a quote may name a quasi-identifier's value only as its attribution gives
// it, whole; a part of a value (a province of a group, a decade or an age of a band, a year of a
// period) says more about who spoke.
func TestQuasiMentions(t *testing.T) {
	cb := testCodebook()
	w := buildWave(t, cb, allCodes, []person{
		row("W17-001", "quote", "30-39", "North Hamgyong or Ryanggang", "2014-2016"),
		row("W17-002", "quote", "under 30", "other provinces", "2011-2013"),
	})
	period := []string{"left_period"}                  // "woman, left 2014-2016"
	noPeriod := []string{"age_band", "province_group"} // "woman aged 30-39 from North Hamgyong or Ryanggang"
	tests := []struct {
		person int
		codes  []string // nil: every quasi-identifier
		text   string
		want   string // the codes refused, space separated
	}{
		// the province left out of the attribution
		{0, period, "Back home in Ryanggang we were sent to the farms.", "province_group"},
		{0, period, "In North Hamgyong the market closed.", "province_group"},
		{0, period, "량강도에서 살았다.", "province_group"},
		{0, period, "양강도 혜산에서", "province_group"},
		{0, period, "량 강 도", "province_group"},
		{0, period, "Ryanggаng", "province_group"}, // Cyrillic а
		{0, period, "RYANG-GANG", "province_group"},
		{0, period, "Ryanggang-do", "province_group"},
		{0, period, "Back home in Hyesan", "province_group"}, // a city of Ryanggang
		{0, period, "We lived in Chongjin.", "province_group"},
		{0, period, "my aunt in Pyongyang", "province_group"}, // a part of "other provinces"
		{0, period, "North Hamgyong or Ryanggang", "province_group"},
		{0, period, "other provinces", "province_group"},
		// the age band left out
		{0, period, "I was in my thirties then.", "age_band"},
		{0, period, "저는 30대였고", "age_band"},
		{0, period, "삼십대 초반이었다", "age_band"},
		{0, period, "in my 30s", "age_band"},
		{0, period, "in my ’30s", "age_band"},
		{0, period, "in my forties", "age_band"},
		{0, period, "in my twenties", "age_band"},
		{0, period, "a teenager", "age_band"},
		{0, period, "She was in her fifties.", "age_band"},
		{0, period, "I was 34 when I crossed.", "age_band"},
		{0, period, "At thirty-four, I left.", "age_band"},
		{0, period, "I was 34 or 35 when I crossed.", "age_band"}, // two ages are a part of a band
		{0, period, "I was 34-35 then.", "age_band"},
		{0, nil, "I was 34 or 35 when I crossed.", "age_band"}, // narrower than 30-39
		{0, nil, "I was 30 to 39 then.", ""},                   // the band itself
		{0, period, "There were 30 to 40 of us.", ""},
		{0, period, "그때 저는 서른넷이었어요.", "age_band"}, // "I was 34", in Korean
		{0, period, "그때 서른 넷이었다.", "age_band"},
		{0, period, "그때 34였어요.", "age_band"},
		{0, period, "서른셋에 탈북했다.", "age_band"}, // at thirty-three
		{0, period, "우리는 셋이었다.", ""},          // a count under 13
		{0, period, "aged 30-39", "age_band"},
		{0, period, "under 30", "age_band"},
		// the period left out
		{0, noPeriod, "I left in 2015.", "left_period"},
		{0, noPeriod, "2015년에 탈북했어요.", "left_period"},
		{0, noPeriod, "between 2014 and 2016", "left_period"},
		{0, noPeriod, "2014-2016", "left_period"},
		{0, noPeriod, "In 2012 my sister left.", "left_period"},
		{0, noPeriod, "15년도에 탈북했어요.", "left_period"}, // a year of two digits, in Korean
		{0, noPeriod, "15년에 탈북했어요.", "left_period"},
		{0, noPeriod, "주체104년에 탈북했다.", "left_period"}, // the Juche calendar: 2015
		{0, noPeriod, "It was Juche 104.", "left_period"},
		{0, noPeriod, "15년 동안 그곳에서 살았다.", ""}, // fifteen years, not a year
		{0, noPeriod, "15년 만에 처음 만났다.", ""},
		// everything given: only the whole value, or what says less, may be named
		{0, nil, "North Hamgyong or Ryanggang", ""},
		{0, nil, "North Hamgyong 또는 Ryanggang", "province_group"}, // not the value as written
		{0, nil, "Back home in Ryanggang", "province_group"},      // narrower than the value
		{0, nil, "Hamgyong", "province_group"},                    // narrows the group to North Hamgyong
		{0, nil, "in my thirties", ""},
		{0, nil, "저는 30대였고", ""},
		{0, nil, "in my mid-thirties", ""},
		{0, nil, "in my forties", "age_band"},
		{0, nil, "I was 34 when I crossed.", "age_band"},
		{0, nil, "We left 2014-2016, like the others.", ""},
		{0, nil, "between 2014 and 2016", ""},
		{0, nil, "between 2010 and 2020", ""}, // says less than the period
		{0, nil, "I left in 2015.", "left_period"},
		{0, nil, "In 2012 my sister left.", "left_period"},
		{1, nil, "in my twenties", "age_band"},        // narrower than "under 30"
		{1, nil, "We came from other provinces.", ""}, // the value as given
		{1, nil, "We came from Pyongyang.", "province_group"},
		{1, nil, "from 2011 to 2013", ""},
		{1, nil, "2012", "left_period"},
		// nothing of a quasi-identifier
		{0, period, "Every spring and autumn the whole class was sent to the farms.", ""},
		{0, noPeriod, "Since 2009 the market was open every day.", ""},
		{0, noPeriod, "Things were worse in the 1990s.", ""},
		{0, noPeriod, "in the fifties and sixties of the last century", ""},
		{0, period, "There were 34 of us in the truck.", ""},
		{0, period, "The fee was 35 won.", ""},
		{0, period, "At 3 in the morning we crossed.", ""},
		{0, period, "the north of the country", ""},
		{0, period, "병원에는 약이 없어서 장마당에서 약을 사야 했습니다.", ""},
		{0, period, "We walked thirty kilometres.", ""},
	}
	for _, tt := range tests {
		a := Attribute(w, cb, tt.person, tt.codes, "woman", 1)
		hits := QuasiMentions(cb, a, tt.text)
		var got []string
		for _, h := range hits {
			if !slices.Contains(got, h.Code) {
				got = append(got, h.Code)
			}
			if h.Start < 0 || h.End > len(tt.text) || h.Start >= h.End {
				t.Errorf("%q: bad span %+v", tt.text, h)
			}
		}
		slices.Sort(got)
		if s := strings.Join(got, " "); s != tt.want {
			t.Errorf("%q under %q: refused %q, want %q", tt.text, a.Text, s, tt.want)
		}
	}
}

// Other codebooks: single years, bands up to 59, a number code of ages, Korean values.
func TestQuasiMentionsOtherCodebooks(t *testing.T) {
	cb := &codebook.Codebook{Codes: []*codebook.Code{
		{Name: "age_band", Label: "Age band", Type: codebook.Category, Values: []string{"under 30", "30-39", "40-49", "50-59"}, Identifier: codebook.Quasi},
		{Name: "province", Label: "Province", Type: codebook.Category, Values: []string{"North Hamgyong", "Ryanggang", "other provinces"}, Identifier: codebook.Quasi},
		{Name: "left_year", Label: "Year of leaving", Type: codebook.Category, Values: []string{"2014", "2015", "2016"}, Identifier: codebook.Quasi},
		{Name: "region_ko", Label: "출신 지역", Type: codebook.Category, Values: []string{"함경북도·량강도", "기타"}, Identifier: codebook.Quasi},
		// the middle dot as a Korean keyboard types it, the Hangul letter ARAEA
		{Name: "region_ko2", Label: "출신 지역 2", Type: codebook.Category, Values: []string{"함경북도ㆍ량강도", "기타"}, Identifier: codebook.Quasi},
		// "and" glued to the word before
		{Name: "region_ko3", Label: "출신 지역 3", Type: codebook.Category, Values: []string{"함경북도와 량강도", "기타"}, Identifier: codebook.Quasi},
	}}
	w := buildWave(t, cb, []string{"age_band", "province", "left_year", "region_ko", "region_ko2", "region_ko3"}, []person{
		{id: "W17-001", consent: "quote", answers: map[string]string{"age_band": "50-59", "province": "North Hamgyong", "left_year": "2015", "region_ko": "함경북도·량강도", "region_ko2": "함경북도ㆍ량강도", "region_ko3": "함경북도와 량강도"}},
	})
	all := Attribute(w, cb, 0, nil, "woman", 1)
	none := Attribute(w, cb, 0, []string{}, "woman", 1)
	tests := []struct {
		a    Attributed
		text string
		want string
	}{
		{all, "I left in 2015.", ""},
		{all, "In 2016 my sister followed.", "left_year"},
		{none, "I left in 2015.", "left_year"},
		{none, "Since 2009 the market was open.", ""},
		{all, "North Hamgyong", "region_ko region_ko2 region_ko3"}, // the province is given, but the Korean group is wider
		{all, "함경북도", "region_ko region_ko2 region_ko3"},
		{all, "Hamgyong", "region_ko region_ko2 region_ko3"}, // says less than "North Hamgyong", but narrows the Korean group
		{all, "in my fifties", ""},
		{all, "50대", ""},
		{all, "in my late fifties", ""},
		{none, "in her fifties", "age_band"},
		{none, "in the fifties", ""}, // a decade of the century
		{none, "I was 52 when I left.", "age_band"},
		{none, "Ryanggang", "province region_ko region_ko2 region_ko3"},
		{none, "량강도", "province region_ko region_ko2 region_ko3"},
		{none, "기타", "region_ko region_ko2 region_ko3"},
	}
	for _, tt := range tests {
		var got []string
		for _, h := range QuasiMentions(cb, tt.a, tt.text) {
			if !slices.Contains(got, h.Code) {
				got = append(got, h.Code)
			}
		}
		slices.Sort(got)
		if s := strings.Join(got, " "); s != tt.want {
			t.Errorf("%q under %q: refused %q, want %q", tt.text, tt.a.Text, s, tt.want)
		}
	}

	// ranges typed with the Hangul letter EU for their dash are ranges
	ko := &codebook.Codebook{Codes: []*codebook.Code{
		{Name: "age_band", Label: "나이대", Type: codebook.Category, Values: []string{"30ㅡ39세", "40세 이상"}, Identifier: codebook.Quasi},
		{Name: "left_period", Label: "탈북 시기", Type: codebook.Category, Values: []string{"2011ㅡ2013", "2014ㅡ2016"}, Identifier: codebook.Quasi},
	}}
	for text, want := range map[string]string{"I was 34 when I left.": "age_band", "in my thirties": "age_band", "I left in 2015.": "left_period", "2015년에": "left_period"} {
		var got []string
		for _, h := range QuasiMentions(ko, Attributed{}, text) {
			got = append(got, h.Code)
		}
		if !slices.Contains(got, want) {
			t.Errorf("%q with ranges typed with ㅡ: refused %q, want %q", text, got, want)
		}
	}

	// a number code of ages is never given: any age or decade names a part of it
	num := &codebook.Codebook{Codes: []*codebook.Code{{Name: "age", Label: "Age at leaving", Type: codebook.Number, Identifier: codebook.Quasi}}}
	for text, want := range map[string]bool{"in my thirties": true, "I was 34 when": true, "30대": true, "in 2015": false, "34 of us": false} {
		if got := len(QuasiMentions(num, Attributed{}, text)) > 0; got != want {
			t.Errorf("number code: %q found %v, want %v", text, got, want)
		}
	}
}

// The value parsers, against ranges worked out by hand.
func TestQuasiValueRanges(t *testing.T) {
	for v, want := range map[string]string{
		"2014-2016": "2014-2016", "2014–16": "2014-2016", "2014": "2014-2014", "before 2010": "1900-2009",
		"2017 or later": "2017-2099", "after 2016": "2017-2099", "2010년 이전": "1900-2009", "30-39": "",
	} {
		got := ""
		if r := yearRange(codebook.Key(v)); r != nil {
			got = fmt.Sprintf("%d-%d", r[0], r[1])
		}
		if got != want {
			t.Errorf("yearRange(%q) = %q, want %q", v, got, want)
		}
	}
	for v, want := range map[string]string{
		"under 30": "0-29", "30-39": "30-39", "30 to 39": "30-39", "40 and over": "40-120", "40+": "40-120",
		"30s": "30-39", "30대": "30-39", "20세 이상": "20-120", "20세 미만": "0-19", "over 60": "61-120",
		"younger than 18": "0-17", "2014-2016": "", "35": "", "1-2": "1-2",
	} {
		got := ""
		if r := ageRange(codebook.Key(v)); r != nil {
			got = fmt.Sprintf("%d-%d", r[0], r[1])
		}
		if got != want {
			t.Errorf("ageRange(%q) = %q, want %q", v, got, want)
		}
	}
}

// splitValue splits grouped values at the words and marks that join them, and no other.
func TestSplitValue(t *testing.T) {
	for v, want := range map[string]string{
		"North Hamgyong or Ryanggang":    "North Hamgyong|Ryanggang",
		"North Hamgyong/Ryanggang":       "North Hamgyong|Ryanggang",
		"Chagang, Ryanggang & Pyongyang": "Chagang|Ryanggang|Pyongyang",
		"함경북도 또는 량강도":                    "함경북도|량강도",
		"함경북도·량강도":                       "함경북도|량강도",
		"from North Hamgyong":            "North Hamgyong",
		"Andong":                         "Andong",
	} {
		if got := strings.Join(splitValue(v), "|"); got != want {
			t.Errorf("splitValue(%q) = %q, want %q", v, got, want)
		}
	}
}

// QuasiMentions never panics and gives passages inside the text, for any text and attribution.
func FuzzQuasiMentions(f *testing.F) {
	f.Add("Back home in Ryanggang, in my thirties, I left in 2015.", uint8(0))
	f.Add("량강도에서 30대였고 2014~2016년에 탈북했다", uint8(1))
	f.Add("I was 34 when, in '15, between 2014 and 2016, at thirty-four, in her fifties", uint8(2))
	f.Add("North Hamgyong or Ryanggang\u00ad, Ryanggаng, RYANG-GANG-DO, Hyesan", uint8(3))
	cb := testCodebook()
	ages := []string{"under 30", "30-39", "40 and over"}
	provs := []string{"North Hamgyong or Ryanggang", "other provinces"}
	periods := []string{"2011-2013", "2014-2016"}
	var people []person
	for i := range 12 {
		people = append(people, row(fmt.Sprintf("P%d", i), "quote", ages[i%3], provs[i/3%2], periods[i/6]))
	}
	f.Fuzz(func(t *testing.T, text string, who uint8) {
		w := buildWave(t, cb, allCodes, people)
		a := Attribute(w, cb, int(who)%len(people), nil, "woman", 1)
		for _, h := range QuasiMentions(cb, a, text) {
			if h.Start < 0 || h.End > len(text) || h.Start >= h.End || lookup(cb, h.Code) == nil {
				t.Fatalf("QuasiMentions(%q): bad hit %+v", text, h)
			}
		}
	})
}

// Two codebooks of the same content (two builds, two tests) share a model; an attribution of
// either is read against it.
func TestQuasiMentionsSameContent(t *testing.T) {
	for range 2 {
		cb := testCodebook()
		w := buildWave(t, cb, allCodes, []person{row("W17-001", "quote", "30-39", "North Hamgyong or Ryanggang", "2014-2016")})
		a := Attribute(w, cb, 0, nil, "woman", 1)
		if hits := QuasiMentions(cb, a, "in my thirties, in North Hamgyong or Ryanggang"); len(hits) > 0 {
			t.Fatalf("under %q: %v", a.Text, hits)
		}
	}
}
