package claims

import "testing"

// Symbols as the UN prints them are accepted as they are; a dash copied from a PDF is the
// hyphen of the symbol.
func TestSymbolsAccepted(t *testing.T) {
	for typed, want := range map[string]string{
		"CEDAW/C/PRK/2-4":         "CEDAW/C/PRK/2-4",
		"CEDAW/C/PRK/CO/2-4":      "CEDAW/C/PRK/CO/2-4",
		"A/HRC/27/10":             "A/HRC/27/10",
		"CCPR/C/PRK/CO/2":         "CCPR/C/PRK/CO/2",
		"A/HRC/WG.6/19/PRK/1":     "A/HRC/WG.6/19/PRK/1",
		"E/C.12/PRK/1":            "E/C.12/PRK/1",
		"CRC/C/15/Add.239":        "CRC/C/15/Add.239",
		"CEDAW/C/PRK/Q/2-4/Add.1": "CEDAW/C/PRK/Q/2-4/Add.1",
		"A/HRC/27/10/Add.1":       "A/HRC/27/10/Add.1",
		"E/CN.4/2005/34":          "E/CN.4/2005/34",
		"HRI/CORE/PRK/2016":       "HRI/CORE/PRK/2016",
		"CRPD/C/PRK/1":            "CRPD/C/PRK/1",
		" CEDAW/C/PRK/2–4 ":       "CEDAW/C/PRK/2-4", // en dash, spaces around
		"CEDAW/C/PRK/2‑4":         "CEDAW/C/PRK/2-4", // non-breaking hyphen
		"ＣＥＤＡＷ/C/PRK/2-4":         "CEDAW/C/PRK/2-4", // fullwidth letters
	} {
		got, problem, _ := CheckSymbol(typed)
		if problem != "" || got != want {
			t.Errorf("CheckSymbol(%q) = %q, %q; want %q", typed, got, problem, want)
		}
	}
}

// Malformed symbols are refused; where the fix is mechanical it is suggested.
func TestSymbolsRefused(t *testing.T) {
	for typed, fix := range map[string]string{
		"cedaw/c/prk/2-4":          "CEDAW/C/PRK/2-4",
		"CEDAW / C / PRK / 2-4":    "CEDAW/C/PRK/2-4",
		`CEDAW\C\PRK\2-4`:          "CEDAW/C/PRK/2-4",
		"UN Doc. A/HRC/27/10":      "A/HRC/27/10",
		"U.N. Doc A/HRC/27/10.":    "A/HRC/27/10",
		"crc/c/15/add.239":         "CRC/C/15/Add.239",
		"A/HRC/27/10/ADD.1 ":       "", // capitals are accepted for Add: no problem at all
		"CEDAW/C/PRK/2-4/":         "",
		"PRK/2-4":                  "",
		"CEDAW":                    "",
		"DPRK report 2016":         "",
		"XYZ/C/PRK/1":              "",
		"CEDAW/C/PRK/2_4":          "",
		"CEDAW/C/PRK/2-4 (2016)":   "",
		"":                         "",
		"CEDAW/C/PRK/2-4, para. 5": "",
	} {
		got, problem, suggestion := CheckSymbol(typed)
		if typed == "A/HRC/27/10/ADD.1 " {
			if problem != "" || got != "A/HRC/27/10/ADD.1" {
				t.Errorf("CheckSymbol(%q) = %q, %q", typed, got, problem)
			}
			continue
		}
		if problem == "" {
			t.Errorf("CheckSymbol(%q) accepted it as %q", typed, got)
		}
		if suggestion != fix {
			t.Errorf("CheckSymbol(%q) suggests %q, want %q", typed, suggestion, fix)
		}
	}
}

// Every suggestion is itself a valid symbol, and a valid symbol is its own fix.
func TestSuggestionsAreValid(t *testing.T) {
	for _, s := range []string{"cedaw/c/prk/2-4", "UN Doc. A/HRC/27/10", "crc / c / 15 / add.239", "ccpr\\c\\prk\\co\\2"} {
		if _, _, fix := CheckSymbol(s); fix != "" {
			if _, problem, _ := CheckSymbol(fix); problem != "" {
				t.Errorf("suggestion %q for %q is not valid: %s", fix, s, problem)
			}
		}
	}
	for _, s := range []string{"CEDAW/C/PRK/2-4", "A/HRC/WG.6/19/PRK/1", "CRC/C/15/Add.239"} {
		if got := fixSymbol(s); got != s {
			t.Errorf("fixSymbol(%q) = %q", s, got)
		}
	}
}

func TestParagraphs(t *testing.T) {
	for _, c := range []struct {
		typed, para, page string
		ok                bool
	}{
		{"45", "45", "", true},
		{"para. 45", "45", "", true},
		{"Paragraph 45(b)", "45(b)", "", true},
		{"¶ 45", "45", "", true},
		{"45 (a)(ii)", "45 (a)(ii)", "", true},
		{"12-14", "12-14", "", true},
		{"12–14", "12-14", "", true},
		{"paras. 12, 14 and 16", "12, 14 and 16", "", true},
		{"4.5", "4.5", "", true},
		{"p. 12", "", "12", true},
		{"pp. 12-13", "", "12-13", true},
		{"page 7", "", "7", true},
		{"para. 45, p. 12", "45", "12", true},
		{"45 (p. 12)", "45", "12", true},
		{"introduction", "introduction", "", false},
		{"45b", "45b", "", false},
		{"section II", "section II", "", false},
	} {
		para, page, ok := parseParagraph(c.typed)
		if para != c.para || page != c.page || ok != c.ok {
			t.Errorf("parseParagraph(%q) = %q, %q, %v; want %q, %q, %v", c.typed, para, page, ok, c.para, c.page, c.ok)
		}
	}
}

// Whatever is typed: no panic; an accepted symbol is accepted again as itself; a suggestion is
// a valid symbol; a paragraph read is read again the same.
func FuzzSymbolAndParagraph(f *testing.F) {
	for _, s := range []string{"CEDAW/C/PRK/2-4", "cedaw/c/prk/2–4", "UN Doc. A/HRC/27/10", "CRC/C/15/Add.239", "//", "A/B", "p. 12", "para. 45(b), pp. 3-4", "12, 14 and 16", "\u2060", "ＣＥＤＡＷ/Ｃ/ＰＲＫ/１"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sym, problem, fix := CheckSymbol(s)
		if problem == "" {
			if again, p2, _ := CheckSymbol(sym); p2 != "" || again != sym {
				t.Fatalf("%q accepted as %q, which gives %q, %q", s, sym, again, p2)
			}
		}
		if fix != "" {
			if _, p2, _ := CheckSymbol(fix); p2 != "" {
				t.Fatalf("%q: suggestion %q is refused: %s", s, fix, p2)
			}
		}
		para, page, ok := parseParagraph(s)
		if ok && para != "" {
			p2, pg2, ok2 := parseParagraph(para)
			if !ok2 || p2 != para || pg2 != "" && page == "" {
				t.Fatalf("%q read as %q, which reads as %q, %q, %v", s, para, p2, pg2, ok2)
			}
		}
	})
}
