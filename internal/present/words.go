package present

import (
	"math"
	"strconv"
	"strings"

	"github.com/shadowreport/shadowreport/internal/compare"
)

// The typography of the documents (docs/contract.md §7): a range takes an en dash, a negative number a true minus sign.
const (
	EnDash = "\u2013"
	Minus  = "\u2212"
)

// ComparisonCaveat is the sentence docs/contract.md §7 requires beside every comparison between waves.
const ComparisonCaveat = "Neither group of interviewees was randomly selected: a difference between waves " +
	"describes the people who could be interviewed each time and may reflect who they were, " +
	"not a change in the country."

// SingleWaveCaveat replaces ComparisonCaveat where one wave is described alone.
const SingleWaveCaveat = "The interviewees were not randomly selected: the figures describe the people who could be " +
	"interviewed, not the country."

// KofN writes k of n people: "21 of 38".
func KofN(k, n int) string {
	return strconv.Itoa(k) + " of " + strconv.Itoa(n)
}

// Percent writes a share of n people as a whole percentage: "55%". Never decimals of a percent
// for n < 100; for n ≥ 100 one decimal is shown only where the whole number would read as
// none or all ("0.3%" for 1 of 300, "99.7%", and "<0.1%", ">99.9%" beyond). Halves round up.
// A share outside [0, 1], NaN or infinite gives "—".
func Percent(share float64, n int) string {
	if math.IsNaN(share) || share < 0 || share > 1 {
		return "—"
	}
	whole := roundHalfUp(share * 100)
	if n >= 100 && share > 0 && share < 1 && (whole == 0 || whole == 100) {
		tenth := roundHalfUp(share*1000) / 10
		switch {
		case tenth == 0:
			return "<0.1%"
		case tenth == 100:
			return ">99.9%"
		}
		return strconv.FormatFloat(tenth, 'f', 1, 64) + "%"
	}
	return strconv.FormatFloat(whole, 'f', 0, 64) + "%"
}

// PercentRange writes an interval of shares in whole percentages with an en dash: "40–70%".
// A nil interval gives "—".
func PercentRange(ci *compare.Interval) string {
	if ci == nil || !finite(ci[0]) || !finite(ci[1]) {
		return "—"
	}
	return pct(ci[0]) + EnDash + pct(ci[1]) + "%"
}

// pct is a share in whole percent, without the sign.
func pct(share float64) string {
	return strconv.FormatFloat(roundHalfUp(share*100), 'f', 0, 64)
}

// Points writes a difference of shares in whole percentage points, signed with "+" or a true
// minus sign: "+8 points", "−3 points", "+1 point", "0 points". NaN or infinite gives "—".
func Points(diff float64) string {
	if !finite(diff) {
		return "—"
	}
	p := roundHalfUp(math.Abs(diff) * 100)
	unit := " points"
	if p == 1 {
		unit = " point"
	}
	return signed(diff, p) + unit
}

// PointsRange writes an interval of differences in whole points: "−12 to +26 points".
// A nil interval gives "—".
func PointsRange(ci *compare.Interval) string {
	if ci == nil || !finite(ci[0]) || !finite(ci[1]) {
		return "—"
	}
	return signedPoints(ci[0]) + " to " + signedPoints(ci[1]) + " points"
}

func signedPoints(d float64) string { return signed(d, roundHalfUp(math.Abs(d)*100)) }

// signed writes the whole number abs with the sign of d; a number that rounds to 0 has none.
func signed(d, abs float64) string {
	s := strconv.FormatFloat(abs, 'f', 0, 64)
	switch {
	case abs == 0:
		return s
	case d < 0:
		return Minus + s
	}
	return "+" + s
}

// LevelPercent writes a confidence level as a percentage: 0.95 → "95%", 0.999 → "99.9%",
// with up to six decimals — and as many as it takes never to print a level strictly between 0
// and 1 as "100%" or "0%" (0.9999999999999999 → "99.99999999999999%"). A level that is not a
// finite number gives "—".
func LevelPercent(level float64) string {
	if !finite(level) {
		return "—"
	}
	x := math.Round(level*1e8) / 1e6
	if level > 0 && level < 1 && (x >= 100 || x <= 0) {
		x = level * 100
	}
	return strconv.FormatFloat(x, 'f', -1, 64) + "%"
}

// PValue writes a p-value for people: "p = 0.506", "p < 0.001"; nil gives "".
func PValue(p *float64) string {
	if p == nil || !finite(*p) {
		return ""
	}
	if *p < 0.001 {
		return "p < 0.001"
	}
	return "p = " + strconv.FormatFloat(*p, 'f', 3, 64)
}

// Verdict words a finding's verdict for people: "worse", "better", "no clear change",
// "too few answers to test", "described, not tested", "withheld: small group" or "coding not
// reliable enough" ("higher" and "lower" of older results as they are).
func Verdict(f compare.Finding) string {
	switch f.Verdict {
	case compare.TooFew:
		return "too few answers to test"
	case compare.NoClearChange:
		return "no clear change"
	case compare.Described:
		return "described, not tested"
	case compare.Withheld:
		return "withheld: small group"
	case compare.Unreliable:
		return "coding not reliable enough"
	}
	return string(f.Verdict)
}

// NotForPublication is the first line, row or field of every output of compare and summary:
// they hold counts that no publication rule has been applied to.
const NotForPublication = "NOT FOR PUBLICATION: counts not suppressed; publish only what shadowreport build writes to out/"

// CSVText neutralises a text cell for spreadsheet programs: a cell starting with =, +, -, @,
// a tab or a carriage return would be read as a formula, so it gets a leading apostrophe
// (the OWASP recommendation); any other text is unchanged. Numbers are never passed to it.
func CSVText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// roundHalfUp rounds x (≥ 0) to a whole number, halves up, forgiving the binary error of
// shares such as 29/200 × 100 = 14.499999999999998.
func roundHalfUp(x float64) float64 {
	return math.Floor(x + 0.5 + 1e-9)
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

func deref(p *float64) float64 {
	if p == nil {
		return math.NaN()
	}
	return *p
}
