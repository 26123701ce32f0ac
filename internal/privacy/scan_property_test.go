package privacy

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/shadowreport/shadowreport/internal/render/clean"
)

// printedRefused checks the promise the renderers rely on: when the text a renderer draws
// (clean.Text, with or without line ends) holds something Scan refuses, Scan refuses the
// original text too.
func printedRefused(t *testing.T, s string, terms []string) {
	t.Helper()
	if len(Scan(s, terms)) > 0 {
		return
	}
	for _, keepNL := range []bool{false, true} {
		if hits := Scan(clean.Text(s, keepNL, nil), terms); len(hits) > 0 {
			t.Errorf("Scan(%q) finds nothing, but the renderers print %q, in which Scan finds %s",
				s, clean.Text(s, keepNL, nil), hitList(hits))
		}
	}
}

// fragments make texts that come near every pattern: digits of several scripts, separators,
// invisible characters, the characters renderers replace, words of dates and ages, pieces of
// terms.
var fragments = []string{
	"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "01", "010", "2015", "03", "04", "16", "34", "138",
	"٣", "۴", "३", "３", "𝟎", "𝟏", "𝟐", "-", "–", "—", "‑", "−", "/", ".", ",", "_", ":", "(", ")", "+",
	" ", "  ", "\u00a0", "\u202f", "\u3000", "\t", "\n", "\r\n", "\r", "\v", "\x00", "\x1f",
	"\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u202e", "\ufe0f", "\u034f",
	"\U000E0041", "\U0001D173", "😀", "\xff", "\ufffd", "\ufdd0", "\uffff",
	"@", "a", "b", "x", "M", ".org", " at ", " dot ", "(at)", "March", "Mar", "may", "of", "the",
	"third", "twenty", "first", "th", "aged", "age", "years", "old", "year", "y", "o", "s",
	"세", "살", "년", "월", "일", "삼월", "사일", "나이", "이상", "원", "$", "₩", "won",
	"Chong", "ori", "Ch'", "ŏ", "\u0306", "회", "령", "Hoe", "ryong", "Camp", "C:", "\\", "/home/", "~",
	"kim", "Users",
	"。", "｡", "·", "l", "I", "O", "о", "82", "12 34", "the 4th", "4th", "on the", ",", "~kimmj", "W17",
}

func randomText(rng *rand.Rand) string {
	var b strings.Builder
	for range 1 + rng.IntN(24) {
		b.WriteString(fragments[rng.IntN(len(fragments))])
	}
	return b.String()
}

func TestScanPrintedProperty(t *testing.T) {
	n := 10000
	if testing.Short() {
		n = 1000
	}
	rng := rand.New(rand.NewPCG(11, 12))
	terms := []string{"Chongori", "Hoeryong", "회령", "Camp 16", "ori"}
	for range n {
		s := randomText(rng)
		printedRefused(t, s, terms)
		checkHits(t, s, Scan(s, terms))
	}
}

// The cases that first showed why the text with characters replaced or dropped is scanned too.
func TestScanPrintedReplacements(t *testing.T) {
	for _, c := range []struct {
		text string
		want bool // whether the original holds a hit by itself
	}{
		{"2015-03-04𝟓", false},           // prints "2015-03-04□": a date
		{"010-2345-678😀9", true},         // a renderer that dropped the emoji would print a phone number
		{"Chongori\U0001D173s", false},   // prints "Chongori□s"
		{"Chong\U000E0041ori", true},     // a tag character, invisible
		{"call 010 2345 67\xff89", true}, // invalid UTF-8
	} {
		hits := Scan(c.text, []string{"Chongori"})
		if len(hits) == 0 {
			t.Errorf("Scan(%q): no hit", c.text)
		}
		checkHits(t, c.text, hits)
		printedRefused(t, c.text, []string{"Chongori"})
	}
}
