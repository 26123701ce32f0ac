package importer

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/diag"
)

// countCell reads a cell of a count matrix: a number, a percentage ("12.5%" or a cell shown as
// one), Yes/No, True/False, 1/0 as text, x or ✓. A blank cell is not coded (a count of 0).
// n/a is not applicable. Any other text is a framework-matrix summary: coded, and its text kept for --include-text.
func countCell(c cell, at diag.Pos) (o obs, summary string) {
	o.at = at
	o.kind = obsCount
	switch c.kind {
	case blank:
		return o, ""
	case number:
		o.num = c.num
		return o, ""
	case percent:
		o.num, o.pct = c.num*100, true
		return o, ""
	case boolean:
		o.num = c.num
		return o, ""
	case date:
		o.num = 1 // a count cannot be a date; it is not blank, so it is coded
		return o, ""
	}
	s := strings.TrimSpace(c.text)
	if x, ok := parseNumber(s); ok {
		o.num = x
		return o, ""
	}
	if codebook.NotApplicable(s) {
		o.kind = obsNA
		return o, ""
	}
	if p, ok := strings.CutSuffix(s, "%"); ok {
		if x, ok := parseNumber(strings.TrimSpace(p)); ok {
			o.num, o.pct = x, true
			return o, ""
		}
	}
	switch codebook.Key(s) {
	case "yes", "y", "true", "x", "✓", "✔", "☑", "coded", "예":
		o.num = 1
		return o, ""
	case "no", "n", "false", "-", "not coded", "아니오":
		return o, ""
	}
	o.num = 1
	return o, s
}

// parseNumber reads a number written as text, with a decimal point or a decimal comma.
func parseNumber(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	x, err := strconv.ParseFloat(s, 64)
	if err != nil && strings.Count(s, ",") == 1 && !strings.Contains(s, ".") {
		x, err = strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	}
	if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
		return 0, false
	}
	return x, true
}

// optionCell reads a Kobo option cell: "1" selected, "0" not selected, blank not asked.
func optionCell(c cell, at diag.Pos) (obs, bool) {
	o := obs{at: at}
	switch c.kind {
	case blank:
		o.kind = obsMissing
		return o, true
	case number, boolean:
		switch c.num {
		case 1:
			o.kind = obsYes
		case 0:
			o.kind = obsNo
		default:
			return o, false
		}
		return o, true
	}
	s := strings.TrimSpace(c.text)
	if codebook.NotApplicable(s) {
		o.kind = obsNA
		return o, true
	}
	yes, ok := codebook.ParseYesNo(s)
	if !ok {
		return o, false
	}
	o.kind = obsNo
	if yes {
		o.kind = obsYes
	}
	return o, true
}

// valueCell reads an attribute or answer cell. NVivo's placeholders Unassigned and Not
// Applicable are missing, never a category; a date may be what Excel made of "1-5".
func valueCell(c cell, at diag.Pos, placeholders bool) obs {
	o := obs{at: at, kind: obsValue}
	switch c.kind {
	case blank:
		o.kind = obsMissing
		return o
	case date:
		if false {
			o.text = c.text
			return o
		}
		d, m, y := c.time().Day(), int(c.time().Month()), c.time().Year()
		o.text = c.time().Format("2006-01-02")
		o.alts = []string{
			fmt.Sprintf("%d-%d", m, d), fmt.Sprintf("%d-%d", d, m), fmt.Sprintf("%d/%d", m, d), fmt.Sprintf("%d/%d", d, m),
			fmt.Sprintf("%d-%d", y, m), fmt.Sprintf("%d-%d", m, y%100),
		}
		return o
	}
	s := codebook.Clean(c.text)
	switch k := codebook.Key(s); {
	case placeholders && (k == "unassigned" || k == "not applicable"):
		o.kind = obsMissing
	case codebook.NotApplicable(s):
		o.kind = obsNA
	}
	o.text = s
	if c.kind == number {
		o.num = c.num
	}
	return o
}
