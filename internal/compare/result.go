package compare

import "github.com/shadowreport/shadowreport/internal/codebook"

// Result is a comparison of two waves; it marshals to the JSON of docs/statistics.md.
//
// Every number is unrounded. No NaN or infinity is ever stored: what cannot be computed
// (a share of nobody, a test withheld) is a nil pointer, which marshals to null. Slices are
// never nil, so they marshal to [] rather than null. Everything is in codebook order, then in
// the order of the code's values ("yes" before "no" for yes/no codes).
type Result struct {
	From   string  `json:"from"`
	To     string  `json:"to"`
	Level  float64 `json:"level"`
	Adjust string  `json:"adjust"` // "holm", "bh" or "none"
	MinN   int     `json:"min_n"`
	// FlagPoints is the difference in points above which the composition flags a group.
	FlagPoints float64 `json:"flag_points"`
	// Waves names every wave of the project, oldest first (the waves trends may span).
	Waves []string `json:"waves"`
	// Tests is the number of findings that have a p: the m of the adjustment.
	Tests         int             `json:"tests"`
	Findings      []Finding       `json:"findings"`
	Trends        []Trend         `json:"trends"`
	NotComparable []NotComparable `json:"not_comparable"`
	Composition   []Composition   `json:"composition"`
	// CompositionTests test whether each quasi-identifier's profile differs between the waves.
	CompositionTests []CompositionTest `json:"composition_tests"`
	Numbers          []Numbers         `json:"numbers"`
}

// Interval is a confidence interval [lower, upper]. Where one is not computable it is absent:
// a nil *Interval, null in JSON.
type Interval [2]float64

// Side is what one wave says about a finding.
type Side struct {
	Count int `json:"count"`
	N     int `json:"n"` // those who answered: missing and not applicable excluded
	// Share is Count/N and CI its Wilson interval; both nil (null) when N is 0.
	Share *float64  `json:"share"`
	CI    *Interval `json:"ci"`
	// Sources are the publications an aggregate wave's figures come from.
	Sources []string `json:"sources,omitempty"`
}

// Verdict is the conclusion of docs/statistics.md about a finding.
type Verdict string

// The verdicts of docs/statistics.md.
const (
	TooFew        Verdict = "too_few"
	NoClearChange Verdict = "no_clear_change"
	Worse         Verdict = "worse"
	Better        Verdict = "better"
	Higher        Verdict = "higher"
	Lower         Verdict = "lower"
)

// Finding is one value of one code compared between the two waves.
type Finding struct {
	Code      string             `json:"code"`
	Value     string             `json:"value"` // "yes" for yes/no codes
	Label     string             `json:"label"`
	Labels    map[string]string  `json:"labels,omitempty"` // the label in other languages: "ko" → …
	Type      codebook.Type      `json:"type"`
	Theme     string             `json:"theme"`
	Article   string             `json:"article,omitempty"`
	Direction codebook.Direction `json:"direction"`
	Question  string             `json:"question,omitempty"`
	Sensitive bool               `json:"sensitive"`
	From      Side               `json:"from"`
	To        Side               `json:"to"`
	// Diff is To.Share − From.Share, DiffCI its Newcombe hybrid score interval; both nil
	// when either side has N = 0.
	Diff   *float64  `json:"diff"`
	DiffCI *Interval `json:"diff_ci"`
	// P is Fisher's exact two-sided p and PAdjusted the adjusted one; both nil when the
	// verdict is TooFew.
	P         *float64 `json:"p"`
	PAdjusted *float64 `json:"p_adjusted"`
	Verdict   Verdict  `json:"verdict"`

	code *codebook.Code
}

// CodeDef returns the codebook entry of the finding's code.
func (f Finding) CodeDef() *codebook.Code { return f.code }

// Trend is the Cochran–Armitage test for trend over every wave that has the finding.
type Trend struct {
	Code      string             `json:"code"`
	Value     string             `json:"value"`
	Label     string             `json:"label"`
	Theme     string             `json:"theme"`
	Direction codebook.Direction `json:"direction"`
	Waves     []string           `json:"waves"`
	// Scores are the wave years when every wave of the trend is named by a year (four
	// digits), else 1, 2, 3, ….
	Scores []float64 `json:"scores"`
	Count  []int     `json:"count"`
	N      []int     `json:"n"`
	Share  []float64 `json:"share"`
	// Chi2 and P are nil (null) when the test is not computable: every answer the same.
	Chi2 *float64 `json:"chi2"`
	P    *float64 `json:"p"`

	code *codebook.Code
}

// CodeDef returns the codebook entry of the trend's code.
func (t Trend) CodeDef() *codebook.Code { return t.code }

// NotComparable is a finding only one of the two waves has: the code is absent from the
// other wave, or the value was not published in it.
type NotComparable struct {
	Code        string `json:"code"`
	Value       string `json:"value"` // "" for a number code
	Label       string `json:"label"`
	Theme       string `json:"theme"`
	MissingFrom string `json:"missing_from"`
	// PresentIn names the wave that has the finding, and Present what it says
	// (nil for a number code).
	PresentIn string `json:"present_in"`
	Present   *Side  `json:"present,omitempty"`

	code *codebook.Code
}

// CodeDef returns the codebook entry of the code.
func (n NotComparable) CodeDef() *codebook.Code { return n.code }

// Composition is the share of one value of a quasi-identifier in each of the two waves.
// The maps are keyed by wave name; a wave without the code, or that did not publish the
// value, has a null share and no count or base.
type Composition struct {
	Code   string              `json:"code"`
	Value  string              `json:"value"`
	Label  string              `json:"label"`
	Shares map[string]*float64 `json:"shares"`
	Counts map[string]int      `json:"counts"`
	N      map[string]int      `json:"n"`
	// Diff is the share in To minus the share in From; nil when either is missing.
	Diff *float64 `json:"diff"`
	// Flag is true when the two shares differ by more than FlagShare.
	Flag bool `json:"flag"`

	code *codebook.Code
}

// CodeDef returns the codebook entry of the quasi-identifier.
func (c Composition) CodeDef() *codebook.Code { return c.code }

// CompositionTest is Pearson's chi-square test (R's chisq.test(correct = FALSE)) of a
// quasi-identifier's distribution in the two waves. Chi2 and P are nil when not computable
// (one value only); SmallExpected warns that an expected count is below 5, so p is approximate.
type CompositionTest struct {
	Code          string   `json:"code"`
	Label         string   `json:"label"`
	Chi2          *float64 `json:"chi2"`
	DF            int      `json:"df"`
	P             *float64 `json:"p"`
	SmallExpected bool     `json:"small_expected"`

	code *codebook.Code
}

// CodeDef returns the codebook entry of the quasi-identifier.
func (c CompositionTest) CodeDef() *codebook.Code { return c.code }

// FlagShare is the difference between the waves' shares of a group above which the
// composition flags it (docs/contract.md §7: more than 15 points).
const FlagShare = 0.15

// Numbers summarises a number code in the two waves; a side is nil (null) when the wave
// does not have the code (an aggregate wave never has one).
type Numbers struct {
	Code  string       `json:"code"`
	Label string       `json:"label"`
	Theme string       `json:"theme"`
	From  *NumberStats `json:"from"`
	To    *NumberStats `json:"to"`

	code *codebook.Code
}

// CodeDef returns the codebook entry of the number code.
func (n Numbers) CodeDef() *codebook.Code { return n.code }

// NumberStats are the quartiles (R's type 7) of a number code's answers in one wave; they are
// nil (null) when N is 0.
type NumberStats struct {
	N      int      `json:"n"`
	Q1     *float64 `json:"q1"`
	Median *float64 `json:"median"`
	Q3     *float64 `json:"q3"`
}
