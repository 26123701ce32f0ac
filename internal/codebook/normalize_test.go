package codebook

import (
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestKey(t *testing.T) {
	for in, want := range map[string]string{
		"yes":                   "yes",
		"  Yes ":                "yes",
		"UNDER   30":            "under 30",
		"30–39":                 "30-39", // en dash
		"30 - 39":               "30-39",
		"\u00a0no\u3000":        "no", // no-break and ideographic spaces
		"Women’s":               "women's",
		"STRASSE":               "strasse",
		"Straße":                "strasse", // full case folding
		norm.NFD.String("함경북도"): "함경북도",
		"zero\u200bwidth":       "zerowidth",
	} {
		if got := Key(in); got != want {
			t.Errorf("Key(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseYesNo(t *testing.T) {
	yes := []string{"yes", "YES", " y ", "true", "TRUE", "1", "예", "네"}
	no := []string{"no", "N", "false", "0", "아니오", "아니요"}
	for _, s := range yes {
		if v, ok := ParseYesNo(s); !ok || !v {
			t.Errorf("ParseYesNo(%q) = %v, %v; want yes", s, v, ok)
		}
	}
	for _, s := range no {
		if v, ok := ParseYesNo(s); !ok || v {
			t.Errorf("ParseYesNo(%q) = %v, %v; want no", s, v, ok)
		}
	}
	for _, s := range []string{"", "yse", "maybe", "2", "n/a"} {
		if _, ok := ParseYesNo(s); ok {
			t.Errorf("ParseYesNo(%q) accepted", s)
		}
	}
}

func TestNotApplicable(t *testing.T) {
	for _, s := range []string{"n/a", "N/A", "na", "Not applicable", "해당없음", "해당 없음"} {
		if !NotApplicable(s) {
			t.Errorf("NotApplicable(%q) = false", s)
		}
	}
	if NotApplicable("no") {
		t.Error(`NotApplicable("no") = true`)
	}
}

func TestSuggest(t *testing.T) {
	vocab := []string{"primary", "lower secondary", "upper secondary", "college or university"}
	for _, c := range []struct {
		typed, want string
		ok          bool
	}{
		{"primery", "primary", true},
		{"uper secondary", "upper secondary", true},
		{"colle", "college or university", true}, // a prefix
		{"tertiary", "", false},
		{"d", "", false}, // one letter is no basis for a guess
	} {
		got, ok := Suggest(c.typed, vocab)
		if got != c.want || ok != c.ok {
			t.Errorf("Suggest(%q) = %q, %v; want %q, %v", c.typed, got, ok, c.want, c.ok)
		}
	}
	if got, _ := Suggest("yse", []string{"yes", "no"}); got != "yes" {
		t.Errorf(`Suggest("yse") = %q, want "yes" (a transposition)`, got)
	}
}

func FuzzKey(f *testing.F) {
	for _, s := range []string{"yes", " Under 30 ", "30–39", "함경북도", "\u00a0", "a - b", "Straße"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := Key(s)
		if Key(k) != k {
			t.Errorf("Key is not idempotent: Key(%q) = %q, Key of that = %q", s, k, Key(k))
		}
		if k != "" && (k[0] == ' ' || k[len(k)-1] == ' ') {
			t.Errorf("Key(%q) = %q keeps outer spaces", s, k)
		}
		ParseYesNo(s)
		NotApplicable(s)
	})
}
