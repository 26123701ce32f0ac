package codebook

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/shadowreport/shadowreport/internal/textnorm"
)

// Key is the form under which typed values are compared: Unicode NFC, case folded, spaces
// trimmed and collapsed (including no-break and ideographic spaces), dashes and quotes unified.
func Key(s string) string {
	if isPlainKey(s) {
		return s
	}
	// fold first: folding can itself produce a character unified below ("ŉ" folds to "ʼn")
	s = textnorm.CaseFold(norm.NFC.String(s))
	s = strings.Map(func(r rune) rune {
		switch r {
		case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '\uFE63', '\uFF0D':
			return '-'
		case '\u2018', '\u2019', '\u02BC':
			return '\''
		case '\u201C', '\u201D':
			return '"'
		case '\u200B', '\uFEFF':
			return -1
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	s = strings.ReplaceAll(s, " - ", "-") // "30 - 39" is "30-39"
	return norm.NFC.String(s)
}

// isPlainKey reports whether s is already a key: lower-case ASCII without leading, trailing or
// doubled spaces. It keeps the common case fast.
func isPlainKey(s string) bool {
	prevSpace := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf, c >= 'A' && c <= 'Z', c < ' ':
			return false
		case c == ' ':
			if prevSpace {
				return false
			}
			prevSpace = true
		default:
			prevSpace = false
		}
	}
	return (!prevSpace || s == "") && !strings.Contains(s, " - ")
}

// Clean trims a display value and unifies its Unicode form without changing its case.
func Clean(s string) string {
	return norm.NFC.String(strings.Join(strings.Fields(s), " "))
}

var yesNo = map[string]bool{
	"yes": true, "y": true, "true": true, "1": true, "예": true, "네": true,
	"no": false, "n": false, "false": false, "0": false, "아니오": false, "아니요": false,
}

// ParseYesNo parses the spellings of yes and no the spec accepts (case and spaces ignored).
func ParseYesNo(s string) (value, ok bool) {
	value, ok = yesNo[Key(s)]
	return value, ok
}

var notApplicable = map[string]bool{
	"n/a": true, "na": true, "not applicable": true, "해당없음": true, "해당 없음": true, "n.a.": true,
}

// NotApplicable reports whether s says "not applicable".
func NotApplicable(s string) bool { return notApplicable[Key(s)] }

// Suggest returns the candidate closest to s, if one is close enough to be a likely typo, or a
// candidate that starts with what was typed ("sec" for "secondary").
func Suggest(s string, candidates []string) (string, bool) {
	if c, ok := Near(s, candidates); ok {
		return c, true
	}
	k := Key(s)
	for _, c := range candidates {
		if len(k) >= 3 && strings.HasPrefix(Key(c), k) {
			return c, true
		}
	}
	return "", false
}

// Near returns the candidate within a typo of s: a few edits or swapped letters, at most a third
// of the shorter word ("yse" for "yes", "edu_fee_paid" for "edu_fees_paid"). Unlike Suggest it
// never matches a mere beginning.
func Near(s string, candidates []string) (string, bool) {
	k := []rune(Key(s))
	best, bestD := "", 1<<30
	for _, c := range candidates {
		ck := []rune(Key(c))
		d := distance(k, ck)
		limit := min(len(ck), len(k)) / 3
		if limit == 0 && min(len(ck), len(k)) >= 2 {
			limit = 1 // "yse" for "yes", "mo" for "no"
		}
		if d <= limit && d < bestD {
			best, bestD = c, d
		}
	}
	return best, bestD != 1<<30
}

// SuggestWord is Suggest for keywords with underscores: "worse if higher", "worse-if-higher" and
// "Worse If Higher" all suggest worse_if_higher, "yes/no" suggests yesno.
func SuggestWord(s string, candidates []string) (string, bool) {
	squash := func(s string) string {
		return strings.Map(func(r rune) rune {
			if r == ' ' || r == '_' || r == '-' || r == '/' || r == '.' {
				return -1
			}
			return r
		}, Key(s))
	}
	for _, c := range candidates {
		if squash(s) == squash(c) {
			return c, true
		}
	}
	return Suggest(s, candidates)
}

// distance is the optimal string alignment distance: edits and adjacent transpositions.
func distance(a, b []rune) int {
	if len(a) > 64 || len(b) > 64 {
		return 1 << 20
	}
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
