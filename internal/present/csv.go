package present

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/shadowreport/shadowreport/internal/compare"
)

// csvHeader names the columns of CSV: one row per finding, numbers unrounded, an empty cell
// where the JSON has null. The columns after "to_sources" were added later, at the end, so
// that the earlier ones keep their places.
var csvHeader = []string{
	"code", "value", "label", "theme", "article", "direction", "sensitive",
	"from_wave", "from_count", "from_n", "from_share", "from_ci_low", "from_ci_high",
	"to_wave", "to_count", "to_n", "to_share", "to_ci_low", "to_ci_high",
	"diff", "diff_ci_low", "diff_ci_high", "p", "p_adjusted", "verdict",
	"level", "adjust", "from_sources", "to_sources",
	"family", "ci_note", "rebuilt",
	"from_count_min", "from_count_max", "from_rebuilt", "from_missing", "from_not_applicable",
	"to_count_min", "to_count_max", "to_rebuilt", "to_missing", "to_not_applicable",
	"missing_flag",
	"std_wave", "std_share", "std_diff", "std_effective_n", "std_p", "std_p_adjusted", "std_survives", "not_robust",
}

// CSV writes the findings for machines: a first line saying the file is not for publication
// (a single field: skip one line to read the table), a header row, then one row per finding
// with the unrounded numbers of the JSON (shares as fractions, not percentages) and an empty
// cell where the JSON has null. Sources of an aggregate wave are joined by "; ". Text cells are
// neutralised for spreadsheet programs (CSVText); numbers are written as numbers.
func CSV(w io.Writer, r *compare.Result) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{NotForPublication}); err != nil {
		return err
	}
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	level := fnum(&r.Level)
	for _, f := range r.Findings {
		rec := []string{CSVText(f.Code), CSVText(f.Value), CSVText(f.Label), CSVText(f.Theme), CSVText(f.Article), string(f.Direction), strconv.FormatBool(f.Sensitive)}
		rec = append(rec, csvSide(r.From, f.From)...)
		rec = append(rec, csvSide(r.To, f.To)...)
		lo, hi := bounds(f.DiffCI)
		rec = append(rec, fnum(f.Diff), lo, hi, fnum(f.P), fnum(f.PAdjusted), string(f.Verdict),
			level, r.Adjust, CSVText(strings.Join(f.From.Sources, "; ")), CSVText(strings.Join(f.To.Sources, "; ")),
			f.Family, f.CINote, strconv.FormatBool(f.Rebuilt))
		rec = append(rec, csvRange(f.From)...)
		rec = append(rec, csvRange(f.To)...)
		rec = append(rec, strconv.FormatBool(f.MissingFlag))
		if s := f.Standardised; s != nil {
			survives := ""
			if s.Survives != nil {
				survives = strconv.FormatBool(*s.Survives)
			}
			rec = append(rec, CSVText(s.Wave), fnum(&s.Share), fnum(&s.Diff), fnum(&s.EffectiveN), fnum(s.P), fnum(s.PAdjusted), survives)
		} else {
			rec = append(rec, "", "", "", "", "", "", "")
		}
		rec = append(rec, strconv.FormatBool(f.NotRobust))
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func csvSide(wave string, s compare.Side) []string {
	lo, hi := bounds(s.CI)
	return []string{CSVText(wave), strconv.Itoa(s.Count), strconv.Itoa(s.N), fnum(s.Share), lo, hi}
}

func csvRange(s compare.Side) []string {
	return []string{strconv.Itoa(s.CountMin), strconv.Itoa(s.CountMax), strconv.FormatBool(s.Rebuilt), inum(s.Missing), inum(s.NotApplicable)}
}

func bounds(ci *compare.Interval) (lo, hi string) {
	if ci == nil {
		return "", ""
	}
	return fnum(&ci[0]), fnum(&ci[1])
}

// fnum writes a number in the shortest form that reads back exactly; nil is empty.
func fnum(x *float64) string {
	if x == nil || !finite(*x) {
		return ""
	}
	return strconv.FormatFloat(*x, 'g', -1, 64)
}

// inum writes a count; nil is empty.
func inum(x *int) string {
	if x == nil {
		return ""
	}
	return strconv.Itoa(*x)
}
