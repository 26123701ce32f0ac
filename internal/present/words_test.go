package present

import (
	"math"
	"regexp"
	"strings"
	"testing"

	"github.com/shadowreport/shadowreport/internal/compare"
)

func TestKofN(t *testing.T) {
	if got := KofN(21, 38); got != "21 of 38" {
		t.Errorf("KofN = %q", got)
	}
}

func TestPercent(t *testing.T) {
	tests := []struct {
		share float64
		n     int
		want  string
	}{
		{0.62, 50, "62%"},
		{0.7, 40, "70%"},
		{21.0 / 38, 38, "55%"},
		{0.125, 40, "13%"}, // halves up
		{29.0 / 200, 200, "15%"},
		{0, 40, "0%"},
		{1, 40, "100%"},
		{1.0 / 300, 300, "0.3%"},
		{299.0 / 300, 300, "99.7%"},
		{1.0 / 5000, 5000, "<0.1%"},
		{4999.0 / 5000, 5000, ">99.9%"},
		{0.555, 1000, "56%"},
		{math.NaN(), 0, "—"},
		{1.5, 10, "—"},
	}
	for _, tt := range tests {
		if got := Percent(tt.share, tt.n); got != tt.want {
			t.Errorf("Percent(%v, %d) = %q, want %q", tt.share, tt.n, got, tt.want)
		}
	}
}

// TestNoDecimalsBelow100 checks every k of n for n < 100 (docs/contract.md §7).
func TestNoDecimalsBelow100(t *testing.T) {
	for n := 1; n < 100; n++ {
		for k := 0; k <= n; k++ {
			if got := Percent(float64(k)/float64(n), n); strings.ContainsAny(got, ".<>") {
				t.Fatalf("Percent(%d/%d) = %q", k, n, got)
			}
		}
	}
}

func TestRangesAndPoints(t *testing.T) {
	iv := func(lo, hi float64) *compare.Interval { return &compare.Interval{lo, hi} }
	tests := []struct{ got, want string }{
		{PercentRange(iv(0.4815, 0.7414)), "48–74%"},
		{PercentRange(iv(0.4, 0.7)), "40–70%"},
		{PercentRange(nil), "—"},
		{Points(0.08), "+8 points"},
		{Points(-0.03), "−3 points"},
		{Points(0.01), "+1 point"},
		{Points(-0.004), "0 points"},
		{Points(0), "0 points"},
		{Points(math.Inf(1)), "—"},
		{PointsRange(iv(-0.1163, 0.2628)), "−12 to +26 points"},
		{PointsRange(nil), "—"},
		{LevelPercent(0.95), "95%"},
		{LevelPercent(0.9), "90%"},
		{LevelPercent(0.999), "99.9%"},
		{PValue(ptr(0.50583)), "p = 0.506"},
		{PValue(ptr(0.0004)), "p < 0.001"},
		{PValue(nil), ""},
	}
	for i, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%d: %q, want %q", i, tt.got, tt.want)
		}
	}
	if !strings.Contains(PercentRange(iv(0.1, 0.2)), "\u2013") || !strings.Contains(Points(-0.1), "\u2212") {
		t.Error("no en dash or minus sign")
	}
}

func ptr(x float64) *float64 { return &x }

func TestVerdictWords(t *testing.T) {
	want := map[compare.Verdict]string{
		compare.Worse: "worse", compare.Better: "better", compare.Higher: "higher", compare.Lower: "lower",
		compare.NoClearChange: "no clear change", compare.TooFew: "too few answers to test",
	}
	for v, w := range want {
		if got := Verdict(compare.Finding{Verdict: v}); got != w {
			t.Errorf("Verdict(%s) = %q, want %q", v, got, w)
		}
	}
}

// forbidden are the words docs/contract.md §7 bans from documents, as whole words.
var forbidden = regexp.MustCompile(`(?i)\b(prevalence|rates?|increased?|increases|increasing)\b|% of women in|in the country|in North Korea`)

func TestNoForbiddenWords(t *testing.T) {
	var texts []string
	for _, adjust := range []string{"holm", "bh", "none"} {
		r := fixture(t, compare.Options{Adjust: adjust})
		var b strings.Builder
		if err := Table(&b, r); err != nil {
			t.Fatal(err)
		}
		texts = append(texts, b.String())
		for _, f := range r.Findings {
			texts = append(texts, Verdict(f))
		}
	}
	for _, s := range texts {
		// the caveat names the country only to say a difference may not be a change in it
		s = strings.ReplaceAll(strings.ReplaceAll(s, "\n", " "), "  ", " ")
		s = strings.ReplaceAll(s, "not a change in the country", "")
		if m := forbidden.FindString(s); m != "" {
			t.Errorf("%q in: %s", m, s)
		}
		if strings.Contains(s, "NaN") || strings.Contains(s, "Inf") {
			t.Errorf("NaN or Inf in: %s", s)
		}
	}
	if !strings.Contains(ComparisonCaveat, "randomly selected") {
		t.Error(ComparisonCaveat)
	}
}

// TestNoDecimalsInTable checks that the table never prints a decimal percentage below 100 people.
func TestNoDecimalsInTable(t *testing.T) {
	var b strings.Builder
	if err := Table(&b, fixture(t, compare.Options{})); err != nil {
		t.Fatal(err)
	}
	if m := regexp.MustCompile(`\d\.\d+%`).FindString(b.String()); m != "" {
		t.Errorf("decimal percentage %q", m)
	}
	for i, l := range strings.Split(b.String(), "\n") {
		if n := len([]rune(l)); n > 100 {
			t.Errorf("line %d is %d columns: %s", i+1, n, l)
		}
		if strings.HasSuffix(l, " ") {
			t.Errorf("line %d ends with a space", i+1)
		}
	}
}

// A level strictly between 0 and 1 never prints as 100% or 0%.
func TestLevelPercent(t *testing.T) {
	for level, want := range map[float64]string{
		0.95: "95%", 0.999: "99.9%", 0.9: "90%", 0.8: "80%", 0.99999: "99.999%",
		0.9999999999999999: "99.99999999999999%", 1e-12: "0.0000000001%", 0.0000004: "0.00004%",
		math.NaN(): "—", math.Inf(1): "—",
	} {
		if got := LevelPercent(level); got != want {
			t.Errorf("LevelPercent(%v) = %q, want %q", level, got, want)
		}
	}
}

// The verdicts that are not a change read as such, never as "higher" or "lower".
func TestNewVerdictWords(t *testing.T) {
	for v, w := range map[compare.Verdict]string{
		compare.Described: "described, not tested", compare.Withheld: "withheld: small group", compare.Unreliable: "coding not reliable enough",
	} {
		if got := Verdict(compare.Finding{Verdict: v}); got != w {
			t.Errorf("Verdict(%s) = %q, want %q", v, got, w)
		}
	}
}
