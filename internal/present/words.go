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
// A limit that would read 0% or 100% while it is not exactly 0 or 1 is written with one
// decimal, two if it still would, and "<0.01" or ">99.99" beyond: 1 of 250 gives "0.1–2%",
// 49 of 50 "89–99.6%"; only a limit that is exactly 0 or 1 reads "0" or "100". A nil
// interval gives "—".
func PercentRange(ci *compare.Interval) string {
	if ci == nil || !finite(ci[0]) || !finite(ci[1]) {
		return "—"
	}
	return shareLimit(ci[0]) + EnDash + shareLimit(ci[1]) + "%"
}

// shareLimit writes a limit of an interval of shares in percent, without the sign: whole,
// unless that reads 0 or 100 for a limit that is not exactly 0 or 1 (PercentRange).
func shareLimit(x float64) string {
	whole := roundHalfUp(x * 100)
	if !(whole == 0 && x > 0 || whole == 100 && x < 1) {
		return strconv.FormatFloat(whole, 'f', 0, 64)
	}
	if s, ok := decimals(x * 100); ok {
		return s
	}
	if whole == 0 {
		return "<0.01"
	}
	return ">99.99"
}

// decimals writes x (≥ 0, in points or percent) with one decimal, or two when one would read
// 0 or 100; ok is false when two still would.
func decimals(x float64) (string, bool) {
	for d, p := 1, 10.0; d <= 2; d, p = d+1, p*10 {
		if v := roundHalfUp(x*p) / p; v != 0 && v != 100 {
			return strconv.FormatFloat(v, 'f', d, 64), true
		}
	}
	return "", false
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
// A limit that would read 0 (or 100) while it is not exactly 0 (or ±1) is written with one
// decimal, two if it still would, and "<0.01" (">99.99") beyond, with its sign: an interval that
// excludes no difference never prints a limit of 0 ("+0.1 to +30 points"), and its signs
// always say whether it excludes 0. A nil interval gives "—".
func PointsRange(ci *compare.Interval) string {
	if ci == nil || !finite(ci[0]) || !finite(ci[1]) {
		return "—"
	}
	return limitPoints(ci[0]) + " to " + limitPoints(ci[1]) + " points"
}

// limitPoints writes a limit of an interval of differences, signed (PointsRange).
func limitPoints(d float64) string {
	abs := roundHalfUp(math.Abs(d) * 100)
	if !(abs == 0 && d != 0 || abs == 100 && math.Abs(d) < 1) {
		return signed(d, abs)
	}
	s, ok := decimals(math.Abs(d) * 100)
	switch {
	case !ok && abs == 0:
		s = "<0.01"
	case !ok:
		s = ">99.99"
	}
	if d < 0 {
		return Minus + s
	}
	return "+" + s
}

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
