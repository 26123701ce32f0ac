package compare

import "github.com/shadowreport/shadowreport/internal/codebook"

// Result is a comparison of two waves, or the description of one (Single); it marshals to the
// JSON documented in docs/statistics.md.
//
// Every number is unrounded. No NaN or infinity is ever stored: what cannot be computed
// (a share of nobody, a test withheld) is a nil pointer, which marshals to null. Slices are
// never nil, so they marshal to [] rather than null. Everything is in codebook order, then in
// the order of the code's values ("yes" before "no" for yes/no codes).
type Result struct {
	// From is "" when Single.
	From   string  `json:"from"`
	To     string  `json:"to"`
	Level  float64 `json:"level"`
	Adjust string  `json:"adjust"` // "holm", "bh" or "none"
	MinN   int     `json:"min_n"`
	// MinCell is the smallest count of a sensitive finding that is tested (0: no limit).
	MinCell int `json:"min_cell"`
	// FlagPoints is the difference in points above which the composition flags a group, and
	// the share of missing answers a finding.
	FlagPoints float64 `json:"flag_points"`
	// Single is true when the result describes one wave (To) and compares nothing: the
	// project has one wave, or To is its first wave and From was not given. Every finding is
	// then described (From is an empty side), and there are no tests, composition tests,
	// standardisation or power.
	Single bool `json:"single"`
	// Waves names every wave of the project, oldest first (the waves trends may span).
	Waves []string `json:"waves"`
	// Tests is the number of findings that have a p: the m of the adjustment (Family.Size).
	Tests int `json:"tests"`
	// Family says which findings were tested together.
	Family Family `json:"family"`
	// IntervalsAdjusted is false: every interval is at Level, not adjusted for the number of
	// tests; Finding.CINote marks where an interval and the adjusted test seem to disagree.
	IntervalsAdjusted bool      `json:"intervals_adjusted"`
	Findings          []Finding `json:"findings"`
	Trends            []Trend   `json:"trends"`
	// TrendsNote is TrendsNote: the trends are tested one by one, not adjusted for their
	// number, over codes the comparison tests and codes it only describes alike.
	TrendsNote    string          `json:"trends_note"`
	NotComparable []NotComparable `json:"not_comparable"`
	Composition   []Composition   `json:"composition"`
	// CompositionTests compare each single-answer quasi-identifier's profile between the
	// waves, over the values both publish.
	CompositionTests []CompositionTest `json:"composition_tests"`
	Numbers          []Numbers         `json:"numbers"`
	// Standardisation re-weights one wave to the other's profile; nil when Single.
	Standardisation *Standardisation `json:"standardisation"`
	// Power is the smallest difference the comparison could detect; nil when nothing is tested
	// or the waves are too large to enumerate.
	Power *Power `json:"power"`
	// Agreement is the agreement between two coders, per wave and code, for the waves compared
	// that carry a second coding (sheet coder2).
	Agreement []Agreement `json:"agreement"`
}

// Family describes the findings tested and adjusted together. Directional codes are tested:
// a yes/no code whose direction is worse_if_higher or better_if_higher, and a category code of
// two values with such a direction (one test, on its first value). Neutral codes, the second
// value of a two-valued category, the values of larger category codes and of multi codes are
// described with no test.
type Family struct {
	// Size is the number of tests adjusted together (the m of Holm or Benjamini–Hochberg).
	Size int `json:"size"`
	// Alpha is the threshold of the adjusted p: 1 − Level. A p within one part in 10⁹ of it
	// counts as at the threshold (not below); Tolerance is that part.
	Alpha     float64 `json:"alpha"`
	Tolerance float64 `json:"tolerance"`
	// Described counts the findings given no test by design.
	Described int `json:"described"`
	// TooFew, Withheld and Unreliable count the directional findings left out of the family:
	// too few answers, a sensitive count below MinCell, a coding not reliable enough.
	TooFew     int `json:"too_few"`
	Withheld   int `json:"withheld"`
	Unreliable int `json:"unreliable"`
}

// Interval is a confidence interval [lower, upper]. Where one is not computable it is absent:
// a nil *Interval, null in JSON.
type Interval [2]float64

// Side is what one wave says about a finding.
type Side struct {
	Count int `json:"count"`
	N     int `json:"n"` // those who answered: missing and not applicable excluded
	// CountMin and CountMax are the counts the wave's figure allows: equal to Count except
	// for a count rebuilt from a published percentage (Rebuilt), where several may fit.
	// Count is then the one least favourable to a difference (the highest p against the other
	// wave), which the test uses; CI spans the Wilson intervals of every count.
	CountMin int  `json:"count_min"`
	CountMax int  `json:"count_max"`
	Rebuilt  bool `json:"rebuilt"`
	// Share is Count/N and CI its Wilson interval; both nil (null) when N is 0. For a
	// rebuilt count Share is the share the source published: that of the count nearest its
	// percentage (33% of 200: 66/200, whichever of 65–67 the test takes), so that it prints
	// as the source printed it.
	Share *float64  `json:"share"`
	CI    *Interval `json:"ci"`
	// Missing and NotApplicable count the interviewees with a blank or "not applicable"
	// answer; nil for a wave of published figures (unknown).
	Missing       *int `json:"missing"`
	NotApplicable *int `json:"not_applicable"`
	// Sources are the publications an aggregate wave's figures come from.
	Sources []string `json:"sources,omitempty"`

	nearest int // the count nearest the published percentage (Count when not rebuilt)
}

// Verdict is the conclusion about a finding.
type Verdict string

// The verdicts. Only tested findings get Worse, Better or NoClearChange.
const (
	TooFew        Verdict = "too_few"         // directional, fewer than MinN answers in a wave: not tested
	NoClearChange Verdict = "no_clear_change" // tested; the adjusted p is not below Family.Alpha
	Worse         Verdict = "worse"           // tested; the adjusted p is below Alpha and the change is for the worse
	Better        Verdict = "better"          // tested; … for the better
	Described     Verdict = "described"       // not in the test family: shares and intervals only
	Withheld      Verdict = "withheld"        // sensitive, a count or its complement below MinCell: not tested
	Unreliable    Verdict = "unreliable"      // the code's coding agreement (alpha) is below 0.667: not tested
	// Higher and Lower were the verdicts of neutral codes; neutral codes are now described
	// and never get them.
	Higher Verdict = "higher"
	Lower  Verdict = "lower"
)

// The roles of a finding in the test family (Finding.Family).
const (
	RoleTested    = "tested"    // in the family: P, PAdjusted and a verdict
	RoleDescribed = "described" // not a directional finding: no test by design
	RoleExcluded  = "excluded"  // directional but left out: too few, withheld or unreliable
)

// The notes on an interval that seems to disagree with the verdict (Finding.CINote).
const (
	// The difference's interval excludes zero but the adjusted test does not pass: the
	// interval is not adjusted for the number of tests.
	CIExcludesZeroNotSignificant = "excludes_zero_not_significant"
	// The interval excludes zero but the finding was not tested (described, too few,
	// withheld or unreliable).
	CIExcludesZeroNotTested = "excludes_zero_not_tested"
	// The adjusted test passes but the interval includes zero (Fisher's test and Newcombe's
	// interval are different methods).
	CIIncludesZeroSignificant = "includes_zero_significant"
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
	// Diff is To.Share − From.Share (for a rebuilt count, from the share published), DiffCI
	// its Newcombe hybrid score interval (spanning every count a rebuilt figure allows); both
	// nil when either side has N = 0.
	Diff   *float64  `json:"diff"`
	DiffCI *Interval `json:"diff_ci"`
	// Family is the finding's role: RoleTested, RoleDescribed or RoleExcluded.
	Family string `json:"family"`
	// P is Fisher's exact two-sided p and PAdjusted the adjusted one; both nil unless the
	// finding is tested. With a rebuilt count, P is the highest over the counts allowed.
	P         *float64 `json:"p"`
	PAdjusted *float64 `json:"p_adjusted"`
	Verdict   Verdict  `json:"verdict"`
	// CINote is "" or one of the CI… notes: where the interval and the verdict seem to
	// disagree, the words the report must add.
	CINote string `json:"ci_note"`
	// Rebuilt is true when either side's count was rebuilt from a published percentage.
	Rebuilt bool `json:"rebuilt"`
	// MissingFlag is true when the shares of missing answers of the two waves differ by more
	// than FlagPoints (both waves of interviews).
	MissingFlag bool `json:"missing_flag"`
	// Standardised is the finding with the weighted wave standardised to the other's profile;
	// nil without a standardisation or when the weighted wave lacks the code.
	Standardised *Standardised `json:"standardised"`
	// NotRobust is true when a worse or better verdict is not shown to survive the
	// standardisation: it does not survive it, or — where the comparison has a
	// standardisation — none of those who answered could be weighted (Standardised nil or
	// without a p), so that it could not be standardised at all.
	NotRobust bool `json:"not_robust"`

	code *codebook.Code
	// testedDiff is the difference of the counts the test took (the least favourable pair
	// of a rebuilt range): the verdict's direction.
	testedDiff float64
}

// CodeDef returns the codebook entry of the finding's code.
func (f Finding) CodeDef() *codebook.Code { return f.code }

// Standardised is a finding after standardisation.
type Standardised struct {
	// Wave is the re-weighted wave; Share its weighted share; Diff the difference To − From
	// with that share in place of the wave's own.
	Wave  string  `json:"wave"`
	Share float64 `json:"share"`
	Diff  float64 `json:"diff"`
	// EffectiveN is Kish's effective sample size of the weighted wave's answers.
	EffectiveN float64 `json:"effective_n"`
	// P is the score test of the standardised difference (the weighted share at its effective
	// n against the other wave's share; the least favourable count of a rebuilt range) and
	// PAdjusted its adjustment over the whole family (Family.Size tests, as R's
	// p.adjust(p, method, n = size)), by the same method; both nil unless the finding is tested.
	P         *float64 `json:"p"`
	PAdjusted *float64 `json:"p_adjusted"`
	// Survives is set for worse and better verdicts: whether the standardised difference has
	// the same sign and its adjusted p is below Family.Alpha.
	Survives *bool `json:"survives"`
}

// Standardisation says how one wave was re-weighted to the other's profile on the
// quasi-identifiers both publish.
type Standardisation struct {
	// Method is "raking" (iterative proportional fitting to the target's margins),
	// "post_stratification" (to the joint profile, when both waves are interviews and every
	// cell has people in both) or "none" (Reason says why).
	Method string `json:"method"`
	Reason string `json:"reason,omitempty"`
	// Wave is the re-weighted wave (the later one when it is a wave of interviews, else the
	// earlier); Target the wave whose profile it is weighted to.
	Wave   string `json:"wave"`
	Target string `json:"target"`
	// Margins are the quasi-identifiers used; Skipped those that could not be, with why.
	Margins []string        `json:"margins"`
	Skipped []SkippedMargin `json:"skipped"`
	// People are the weighted interviewees (answered every margin); LeftOut those counted
	// who did not, and are left out of every standardised share.
	People  int `json:"people"`
	LeftOut int `json:"left_out"`
	// WeightMin and WeightMax are the range of the weights (mean 1); EffectiveN is Kish's
	// effective sample size of all the weights.
	WeightMin  float64 `json:"weight_min"`
	WeightMax  float64 `json:"weight_max"`
	EffectiveN float64 `json:"effective_n"`
	// Iterations is the number of raking cycles.
	Iterations int `json:"iterations"`
}

// SkippedMargin is a quasi-identifier the standardisation could not use.
type SkippedMargin struct {
	Code   string `json:"code"`
	Reason string `json:"reason"`
}

// Power is the smallest rise and fall from a baseline that Fisher's exact test would have
// detected with 80% power, computed exactly by enumeration (stats.Detectable), for the numbers
// who answered the findings tested.
type Power struct {
	// NFrom and NTo are the numbers who answered a typical tested finding in each wave: the
	// median pair of the tested findings' bases (From.N, To.N), ranked by n₁n₂/(n₁ + n₂), the
	// lower of the two middle pairs when their number is even.
	NFrom int `json:"n_from"`
	NTo   int `json:"n_to"`
	// Baseline is the earlier wave's median share over the tested findings, to a whole percent.
	Baseline float64 `json:"baseline"`
	Power    float64 `json:"power"`
	// SingleTest is at Alpha (one test alone); Family at Alpha / Family.Size: the level
	// Holm's first step demands, and the strictest Benjamini–Hochberg can demand (when one
	// finding alone differs); Alpha for none.
	SingleTest Detectable `json:"single_test"`
	Family     Detectable `json:"family"`
	// Fewest is the same at the smallest pair of bases among the tested findings, when some
	// were answered by far fewer: when it detects 5 points or more less than the typical pair
	// (a rise or a fall, one test alone); nil otherwise.
	Fewest *PowerBases `json:"fewest"`
}

// PowerBases is what could be detected at one pair of bases, from Power's baseline.
type PowerBases struct {
	NFrom      int        `json:"n_from"`
	NTo        int        `json:"n_to"`
	SingleTest Detectable `json:"single_test"`
	Family     Detectable `json:"family"`
}

// Detectable is the smallest change detectable at one level: Rise and Fall in whole points
// (nil when no change within the possible range is), with the exact power at each.
type Detectable struct {
	Alpha     float64  `json:"alpha"`
	Rise      *int     `json:"rise"`
	RisePower *float64 `json:"rise_power"`
	Fall      *int     `json:"fall"`
	FallPower *float64 `json:"fall_power"`
}

// Agreement is the agreement between the first coding of a wave and its second (coder2 sheet)
// on one code.
type Agreement struct {
	Wave  string `json:"wave"`
	Code  string `json:"code"`
	Label string `json:"label"`
	// Alpha is Krippendorff's alpha (nominal); nil when not defined (every answer the same).
	Alpha *float64 `json:"alpha"`
	// Units is the number of interviewees coded twice (both codings not blank); RawAgreement
	// the share of them coded the same (nil when Units is 0).
	Units        int      `json:"units"`
	RawAgreement *float64 `json:"raw_agreement"`
	// Reliable is false when Alpha is below 0.667: the code's findings are then unreliable.
	Reliable bool `json:"reliable"`

	code *codebook.Code
}

// CodeDef returns the codebook entry of the code.
func (a Agreement) CodeDef() *codebook.Code { return a.code }

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
	// Count is the count the test took in each wave: for a count rebuilt from a percentage,
	// the one least favourable to a trend (RebuiltCounts); CountMin and CountMax are the
	// counts the figure allows (equal to Count unless rebuilt); Share is the share as
	// published (Side.Share).
	Count    []int     `json:"count"`
	CountMin []int     `json:"count_min"`
	CountMax []int     `json:"count_max"`
	N        []int     `json:"n"`
	Share    []float64 `json:"share"`
	// RebuiltIn names the waves whose count was rebuilt from a published percentage.
	RebuiltIn []string `json:"rebuilt_in"`
	// RebuiltCounts says which counts of the rebuilt ranges the test took: RebuiltLeast (every
	// combination tried, the highest p kept), RebuiltNearest (too many combinations: the
	// counts nearest the published percentages) or "" (nothing rebuilt).
	RebuiltCounts string `json:"rebuilt_counts"`
	// Chi2 and P are nil (null) when the test is not computable: every answer the same.
	Chi2 *float64 `json:"chi2"`
	P    *float64 `json:"p"`

	code *codebook.Code
}

// How the counts of rebuilt ranges were chosen for a test over several counts
// (Trend.RebuiltCounts, CompositionTest.RebuiltCounts).
const (
	// RebuiltLeast: every combination of the counts allowed was tried and the result least
	// favourable to a difference kept.
	RebuiltLeast = "least_favourable"
	// RebuiltNearest: too many combinations to try; the counts nearest the published
	// percentages were used, and the result is not the least favourable.
	RebuiltNearest = "nearest"
)

// TrendsNote is what every output of the trends says beside them (Result.TrendsNote): they
// are not adjusted for their number and include codes the comparison only describes.
const TrendsNote = "not adjusted for the number of trends; descriptive"

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
	// CountMin and CountMax are the counts a wave's figure allows, and Rebuilt is true for a
	// wave whose count was rebuilt from a percentage (same keys as Counts).
	CountMin map[string]int  `json:"count_min"`
	CountMax map[string]int  `json:"count_max"`
	Rebuilt  map[string]bool `json:"rebuilt"`
	// Diff is the share in To minus the share in From; nil when either is missing.
	Diff *float64 `json:"diff"`
	// Flag is true when the two shares differ by more than FlagPoints.
	Flag bool `json:"flag"`

	code *codebook.Code
}

// CodeDef returns the codebook entry of the quasi-identifier.
func (c Composition) CodeDef() *codebook.Code { return c.code }

// CompositionTest compares a single-answer quasi-identifier's profile in the two waves over
// the values both publish (Values; LeftOut are those one wave did not publish): an effect
// size first — the total variation distance (TVD: the share of people who would have to be in
// another group for the profiles to match) and Cramér's V — and a p of the hypothesis that
// both waves come from one profile: exact (Fisher–Freeman–Halton) when the tables can be
// enumerated, else simulated (small expected counts) or chi-square (PMethod). Everything
// is nil when fewer than two values can be compared.
type CompositionTest struct {
	Code     string   `json:"code"`
	Label    string   `json:"label"`
	Values   []string `json:"values"`
	LeftOut  []string `json:"left_out"`
	TVD      *float64 `json:"tvd"`
	CramersV *float64 `json:"cramers_v"`
	// Chi2 is Pearson's X² over Values, DF its degrees of freedom.
	Chi2 *float64 `json:"chi2"`
	DF   int      `json:"df"`
	// P is no longer the chi-square p unless PMethod says "chi_square".
	P             *float64 `json:"p"`
	PMethod       string   `json:"p_method"`
	SmallExpected bool     `json:"small_expected"`
	// Rebuilt is true when a count of the table was rebuilt from a percentage: the effect
	// sizes are then the smallest and p the largest over the counts allowed, when they are
	// few enough to try (RebuiltCounts RebuiltLeast), else those of the counts nearest the
	// published percentages (RebuiltNearest).
	Rebuilt       bool   `json:"rebuilt"`
	RebuiltCounts string `json:"rebuilt_counts"`

	code *codebook.Code
}

// CodeDef returns the codebook entry of the quasi-identifier.
func (c CompositionTest) CodeDef() *codebook.Code { return c.code }

// FlagShare is the difference between the waves' shares of a group above which the
// composition flags it (15 points).
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
