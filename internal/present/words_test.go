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

func TestSentence(t *testing.T) {
	r := fixture(t, compare.Options{})
	find := func(code, value string) compare.Finding {
		for _, f := range r.Findings {
			if f.Code == code && f.Value == value {
				return f
			}
		}
		t.Fatalf("no finding %s=%s", code, value)
		return compare.Finding{}
	}
	tests := []struct {
		got, want string
	}{
		{SentenceFor("women", find("edu_fees_paid", "yes"), "2014", "2017", 0.95),
			"28 of 40 women interviewed in 2017 (70%, 95% CI 55–82%) reported: paid informal school fees, compared with 31 of 50 in 2014 (62%, 95% CI 48–74%)."},
		{Sentence(find("edu_highest", "primary"), "2014", "2017", 0.95),
			"9 of 40 people interviewed in 2017 (23%, 95% CI 12–38%) gave “primary” for highest education, compared with 20 of 50 in 2014 (40%, 95% CI 28–54%)."},
		{Sentence(compare.Finding{Label: "HIV test offered", Type: "yesno", From: compare.Side{Count: 0, N: 0}, To: compare.Side{Count: 1, N: 2, Share: ptr(0.5)}}, "a", "b", 0.9),
			"1 of 2 people interviewed in b (50%) reported: HIV test offered; no one interviewed in a answered about it."},
		{Sentence(compare.Finding{Label: "X", Type: "yesno", From: compare.Side{Count: 1, N: 2, Share: ptr(0.5)}}, "a", "b", 0.9),
			"No one interviewed in b answered about x, compared with 1 of 2 in a (50%)."},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("\n got %s\nwant %s", tt.got, tt.want)
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
			texts = append(texts, Sentence(f, r.From, r.To, r.Level), SentenceFor("women", f, r.From, r.To, r.Level), Verdict(f))
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

func TestSentenceNobody(t *testing.T) {
	f := compare.Finding{Label: "Paid fees", Type: "yesno"}
	if got, want := Sentence(f, "2014", "2017", 0.95), "No one interviewed in 2014 or in 2017 answered about paid fees."; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// A wave in which nobody answered is said so, not as if nobody had the experience.
func TestSentenceNobodyAnsweredEarlier(t *testing.T) {
	share := 25.0 / 30
	f := compare.Finding{Code: "x", Value: "yes", Label: "HIV test refused", Type: "yesno",
		To: compare.Side{Count: 25, N: 30, Share: &share}, From: compare.Side{}}
	got := Sentence(f, "2014", "2017", 0.95)
	if !strings.HasSuffix(got, "; no one interviewed in 2014 answered about it.") || !strings.Contains(got, "reported: HIV test refused") {
		t.Errorf("Sentence = %q", got)
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

// A single-wave finding is worded without a comparison.
func TestSentenceSingleWave(t *testing.T) {
	share := 0.3
	f := compare.Finding{Label: "Paid fees", Type: "yesno", To: compare.Side{Count: 12, N: 40, Share: &share}}
	if got, want := SentenceFor("women", f, "", "2017", 0.95), "12 of 40 women interviewed in 2017 (30%) reported: paid fees."; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got, want := SentenceFor("women", compare.Finding{Label: "Paid fees", Type: "yesno"}, "", "2017", 0.95), "No one interviewed in 2017 answered about paid fees."; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
