package privacy

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

// waveIDs are the ids of two waves, as a coding workbook writes them.
var waveIDs = []string{"W17-006", "W17-012", "W14-001", "P08", "A01", "017", "ab"}

func TestIDsFind(t *testing.T) {
	m := NewIDs(waveIDs)
	tests := []struct {
		text string
		want string // the ids found, by index in waveIDs; "" for none
	}{
		{"(W17-006) They beat us.", "0"},
		{"Like W17-012 said, the guards came.", "1"},
		{"w17-006", "0"},
		// separators left out, changed or added
		{"w17006", "0"},
		{"W17 - 006", "0"},
		{"W 17-006", "0"},
		{"W17/006", "0"},
		{"W17_006", "0"},
		{"W17.006", "0"},
		{"W 1 7 0 0 6", "0"},
		{"W17\u00a0006", "0"},
		{"W17\u2013006", "0"},
		{"W17\u00ad-006", "0"},
		{"Ｗ１７－００６", "0"},
		{"W17ㅡ006", "0"}, // what a Korean keyboard types for a dash and a dot
		{"W17 ㅡ 006", "0"},
		{"W17ㆍ006", "0"},
		{"W17一006", "0"}, // the Han "one", the Japanese long vowel mark
		{"W17ー006", "0"},
		{"W17─006", "0"},
		{"W17⁄006", "0"},
		{"17ㅡ006", "0"},
		{"Pㅡ08", "3"},
		// leading zeros left out or added
		{"W17-6", "0"},
		{"W 17 - 6", "0"},
		{"W017-0006", "0"},
		{"w14-1", "2"},
		// letters that look like digits, letters that look like Latin ones
		{"W17-0О6", "0"}, // Cyrillic О
		{"W17-0ο6", "0"}, // Greek ο
		{"W17-OO6", "0"}, // Latin O
		{"WI7-006", "0"}, // I for 1
		{"Wl7-O6", "0"},  // l for 1, O for 0, a zero left out
		{"Ԝ17-006", "0"}, // Cyrillic Ԝ
		{"W１７-0０6", "0"}, // fullwidth digits
		// glued to letters or digits
		{"xW17-006", "0"},
		{"W17-006a", "0"},
		{"W17-006에게", "0"},
		// without the wave's letter, every digit kept
		{"Like 17-006 said", "0"},
		{"Like 17 006 said", "0"},
		{"14-001", "2"},
		{"17-6", ""},
		{"17,006 people", ""},
		// numeric ids are found only as written (without separators)
		{"case 017 said", "5"},
		{"p < 0.017", "5"},
		// not an id
		{"W17-0061", ""},
		{"W17-060", ""},
		{"W17-16", ""},
		{"W17", ""},
		{"The 2017 wave: 6 women", ""},
		{"we saw 17 6-year-olds", ""},
		{"see p. 8 of the report", ""}, // not P08: a word and a number apart
		{"a 1 year old child", ""},     // not A01
		{"abc", ""},                    // "ab" is too short to be told from a word
		{"case 17 said", ""},           // a numeric id keeps its zeros
		{"W17-006 and W14-001", "0 2"}, // both
		{"W17-006, W17-012, W17-6", "0 1 0"},
	}
	for _, tt := range tests {
		hits := m.Find(tt.text)
		var got []string
		for _, h := range hits {
			got = append(got, fmt.Sprint(h.Term))
			if h.Kind != KindID || h.Match != tt.text[h.Start:h.End] {
				t.Errorf("Find(%q): bad hit %+v", tt.text, h)
			}
		}
		if s := strings.Join(got, " "); s != tt.want {
			t.Errorf("Find(%q) = %s, want %q", tt.text, hitList(hits), tt.want)
		}
	}
}

// In prose (templates, labels), only ids of letters and digits are found, with every digit.
func TestIDsInProse(t *testing.T) {
	m := NewIDsInProse(waveIDs)
	for text, want := range map[string]bool{
		"W17-006 said so":            true,
		"w17 006":                    true,
		"W17-0О6":                    true,
		"W17-6":                      false, // "W17-6" may be a reference in prose
		"p. 8":                       false,
		"017 of the respondents":     false, // a numeric id is a number in prose
		"p < 0.017":                  false,
		"CEDAW/C/PRK/CO/2-4":         false,
		"28 of 40 women (70%), 2017": false,
	} {
		if got := len(m.Find(text)) > 0; got != want {
			t.Errorf("prose %q: found %v, want %v", text, got, want)
		}
	}
}

// Every id, written any of the ways a reader still reads it, inside any text, is found: each
// separator between its parts left out or changed, its number with or without leading zeros
// (when a separator shows where the number starts), in any frame.
func TestIDsVariantsProperty(t *testing.T) {
	var ids []string
	for _, wave := range []int{14, 17} {
		for _, i := range []int{1, 6, 10, 12, 40, 100} {
			ids = append(ids, fmt.Sprintf("W%d-%03d", wave, i))
		}
	}
	m := NewIDs(ids)
	seps := []string{"", "-", " ", " - ", "/", ".", "_", ":", "#", "\u2013", "\u00a0", "\u00ad", "\u200b", " \u2011 "}
	frames := []string{"%s", "(%s)", "Like %s said,", "%s에게", "“%s”", "%s.", "one, %s, two"}
	tried := 0
	for i, id := range ids {
		wave, num, _ := strings.Cut(strings.TrimPrefix(id, "W"), "-")
		for _, n := range []string{num, strings.TrimLeft(num, "0"), "0" + num} {
			for _, s1 := range seps {
				for _, s2 := range seps {
					if n != num && (s2 == "" || s2 == "\u00ad" || s2 == "\u200b") {
						continue // "W176" reads as W17-6 and as W1-76: not promised
					}
					for _, f := range frames {
						text := fmt.Sprintf(f, "W"+s1+wave+s2+n)
						found := false
						for _, h := range m.Find(text) {
							found = found || h.Term == i
						}
						if !found {
							t.Fatalf("%s written %q: not found", id, text)
						}
						tried++
					}
				}
			}
		}
	}
	t.Logf("%d ways of writing %d ids tried", tried, len(ids))
}

func FuzzIDs(f *testing.F) {
	f.Add("Like W17-012 said, W17 - 006 and w17006 came.", "W17-006")
	f.Add("W17-0О6, WI7-OO6, W17-6", "W17-006")
	f.Add("xW17-006a W１７‐００６ \u00ad", "w17-006")
	f.Add("p < 0.017 and case 017", "017")
	f.Add(strings.Repeat("W 17 ", 50), "W17-017")
	f.Fuzz(func(t *testing.T, text, id string) {
		m := NewIDs([]string{id, "W17-006"})
		hits := m.Find(text)
		for _, h := range hits {
			if h.Start < 0 || h.End > len(text) || h.Start >= h.End || h.Match != text[h.Start:h.End] {
				t.Fatalf("Find(%q): bad hit %+v", text, h)
			}
			if utf8.ValidString(text) && !utf8.ValidString(h.Match) {
				t.Fatalf("Find(%q): hit splits a character: %q", text, h.Match)
			}
		}
		// an id found in itself is found wherever it stands between spaces
		if len(m.Find(id)) == 0 || strings.ContainsAny(id, " \t\n\r") {
			return
		}
		if len(m.Find(text+" "+id+" "+text)) == 0 {
			t.Errorf("%q is found alone but not in %q", id, text+" "+id+" "+text)
		}
	})
}
