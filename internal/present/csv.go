package present

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/shadowreport/shadowreport/internal/compare"
)

// csvHeader names the columns of CSV: one row per finding, numbers unrounded, an empty cell
// where the JSON has null.
var csvHeader = []string{
	"code", "value", "label", "theme", "article", "direction", "sensitive",
	"from_wave", "from_count", "from_n", "from_share", "from_ci_low", "from_ci_high",
	"to_wave", "to_count", "to_n", "to_share", "to_ci_low", "to_ci_high",
	"diff", "diff_ci_low", "diff_ci_high", "p", "p_adjusted", "verdict",
	"level", "adjust", "from_sources", "to_sources",
}

// CSV writes the findings for machines: a header row, then one row per finding with the
// unrounded numbers of the JSON (shares as fractions, not percentages) and an empty cell where
// the JSON has null. Sources of an aggregate wave are joined by "; ".
func CSV(w io.Writer, r *compare.Result) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	level := fnum(&r.Level)
	for _, f := range r.Findings {
		rec := []string{f.Code, f.Value, f.Label, f.Theme, f.Article, string(f.Direction), strconv.FormatBool(f.Sensitive)}
		rec = append(rec, csvSide(r.From, f.From)...)
		rec = append(rec, csvSide(r.To, f.To)...)
		lo, hi := bounds(f.DiffCI)
		rec = append(rec, fnum(f.Diff), lo, hi, fnum(f.P), fnum(f.PAdjusted), string(f.Verdict),
			level, r.Adjust, strings.Join(f.From.Sources, "; "), strings.Join(f.To.Sources, "; "))
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func csvSide(wave string, s compare.Side) []string {
	lo, hi := bounds(s.CI)
	return []string{wave, strconv.Itoa(s.Count), strconv.Itoa(s.N), fnum(s.Share), lo, hi}
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
