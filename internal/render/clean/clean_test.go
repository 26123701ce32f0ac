package clean

import "testing"

func TestText(t *testing.T) {
	var replaced, kept []rune
	seen := func(c rune, i int, r bool) {
		if r {
			replaced = append(replaced, c)
		} else {
			kept = append(kept, c)
		}
	}
	for _, c := range []struct {
		in     string
		keepNL bool
		want   string
	}{
		{"plain ascii", false, "plain ascii"},
		{"a\tb\nc", false, "a b c"},
		{"a\r\nb", true, "a\nb"},
		{"smile 😀 ok", false, "smile □ ok"},
		{"zero\u200bwidth\u00adsoft", false, "zerowidthsoft"},
		{"bell\x07 nul\x00", false, "bell nul"},
		{"bad \xff byte", false, "bad □ byte"},
		{"학교", false, "학교"},
	} {
		if got := Text(c.in, c.keepNL, seen); got != c.want {
			t.Errorf("Text(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if len(replaced) != 2 || replaced[0] != 0x1F600 {
		t.Errorf("replaced = %U", replaced)
	}
	if len(kept) != 2 { // 학, 교
		t.Errorf("kept = %U", kept)
	}
	var w Warnings
	w.Replaced(0x1F600, "smile 😀 ok", 6)
	w.Replaced(0x1F600, "again 😀", 6)
	if m := w.Messages("pdf", ""); len(m) != 1 || m[0] != `pdf: replaced 1 kind(s) of character with □ (emoji and other characters beyond U+FFFF, invalid UTF-8, noncharacters): U+1F600 😀; first in "smile 😀 ok"` {
		t.Errorf("messages = %q", m)
	}
}
