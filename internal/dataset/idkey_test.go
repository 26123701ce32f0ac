package dataset

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// IDKey is idempotent, and an invisible character inserted anywhere never changes an id's key:
// a word joiner cannot make two interviewees of one.
func FuzzIDKey(f *testing.F) {
	for _, s := range []string{"W17-003", "w17\u2060-003", "Ｗ１７－００３", "ﬁ-1", "ǅ", "İ", "ß-1", "\u0345", "ΐ", "a\u00ad\u200db"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		k := IDKey(s)
		if IDKey(k) != k {
			t.Errorf("IDKey(%q) = %q, but IDKey of that is %q", s, k, IDKey(k))
		}
		for _, inv := range []string{"\u2060", "\u00ad", "\u200d", "\u200b", "\ufeff", "\u034f"} {
			if got := IDKey(strings.Join(strings.Split(s, ""), inv)); got != k {
				t.Errorf("IDKey(%q with %U between characters) = %q, want %q", s, []rune(inv)[0], got, k)
			}
		}
	})
}
