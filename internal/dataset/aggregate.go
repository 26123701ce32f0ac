package dataset

import (
	"fmt"
	"math"
	"math/big"
	"regexp"
	"strconv"
	"strings"

	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/diag"
	"github.com/shadowreport/shadowreport/internal/workbook"
)

var aggregateColumns = []string{"code", "value", "n", "count", "percent", "source"}

// readAggregate reads published figures: code, value, n, count or percent, source.
func readAggregate(t *workbook.Table, cb *codebook.Codebook, w *Wave, diags *diag.List) {
	col := map[string]int{}
	header := func(cells []workbook.Cell) {
		for _, c := range cells {
			k := codebook.Key(c.Text)
			if k == "" {
				continue
			}
			if k == "%" {
				k = "percent"
			}
			if prev, dup := col[k]; dup {
				diags.Errorf(t.Pos(c.Col, 1), "header.duplicate", "column %q appears twice (also in %s)", k, diag.CellName(prev, 1))
				continue
			}
			known := false
			for _, a := range aggregateColumns {
				known = known || a == k
			}
			if !known {
				diags.Warnf(t.Pos(c.Col, 1), "column.unknown", "column %q is not one of code, value, n, count, percent, source and is ignored", strings.TrimSpace(c.Text))
				continue
			}
			col[k] = c.Col
		}
		for _, req := range []string{"code", "n"} {
			if col[req] == 0 {
				diags.Errorf(t.Pos(0, 1), "header.aggregate", "row 1 has no column named %q; published figures need code, value, n, and count or percent", req)
			}
		}
		if col["count"] == 0 && col["percent"] == 0 {
			diags.Errorf(t.Pos(0, 1), "header.aggregate", "row 1 has neither a \"count\" nor a \"percent\" column")
		}
	}
	first := map[[2]int]int{} // (code row, value) → row
	err := t.Read(header, func(r *workbook.Row) error {
		if col["code"] == 0 || col["n"] == 0 {
			return nil
		}
		cells := map[int]*workbook.Cell{}
		for i := range r.Cells {
			if !isBlank(&r.Cells[i]) {
				cells[r.Cells[i].Col] = &r.Cells[i]
			}
		}
		if len(cells) == 0 {
			return nil
		}
		for _, c := range cells {
			if controlError(diags, t.Pos(c.Col, r.Num), c) {
				return nil
			}
		}
		f, ok := readFigure(t, cb, col, cells, r.Num, diags)
		if !ok {
			return nil
		}
		key := [2]int{f.Code.Row, f.Value}
		if prev, dup := first[key]; dup {
			diags.Errorf(t.Pos(col["code"], r.Num), "figure.duplicate", "the figure for %s is given twice (also in row %d)", describe(f), prev)
			return nil
		}
		first[key] = r.Num
		w.Figures = append(w.Figures, f)
		return nil
	})
	if err != nil {
		fileError(diags, t.Book, err)
		return
	}
	solveCategories(t, w, col, diags)
}

func describe(f Figure) string {
	if f.Code.Type == codebook.YesNo {
		return f.Code.Name
	}
	return f.Code.Name + " = " + strconv.Quote(f.Code.Values[f.Value])
}

func readFigure(t *workbook.Table, cb *codebook.Codebook, col map[string]int, cells map[int]*workbook.Cell, row int, diags *diag.List) (Figure, bool) {
	pos := func(name string) diag.Pos { return t.Pos(col[name], row) }
	f := Figure{Row: row}
	cc := cells[col["code"]]
	if cc == nil {
		diags.Errorf(pos("code"), "figure.code", "row %d has figures but no code", row)
		return f, false
	}
	name := strings.TrimSpace(cellText(cc))
	f.Code = cb.Lookup(name)
	if f.Code == nil {
		msg := fmt.Sprintf("%q is not a code of the codebook", name)
		if s, ok := codebook.Suggest(name, cb.Names()); ok {
			msg += " (did you mean " + strconv.Quote(s) + "?)"
		}
		diags.Errorf(pos("code"), "figure.code", "%s", msg)
		return f, false
	}
	if !f.Code.Counted() {
		diags.Errorf(pos("code"), "figure.code", "%s is a %s code: only yes/no, category and multi codes can be given as published figures", f.Code.Name, f.Code.Type)
		return f, false
	}
	if f.Code.Identifier == codebook.Direct {
		diags.Errorf(pos("code"), "figure.code", "%s is a direct identifier and can have no figures", f.Code.Name)
		return f, false
	}
	no := false
	vc := cells[col["value"]]
	switch {
	case f.Code.Type == codebook.YesNo:
		if vc != nil {
			yes, ok := codebook.ParseYesNo(cellText(vc))
			if !ok {
				diags.Errorf(pos("value"), "figure.value", "%q is not yes or no; for a yes/no code leave value blank (the figure counts yes)", cellText(vc))
				return f, false
			}
			no = !yes
		}
	case vc == nil:
		diags.Errorf(pos("value"), "figure.value", "%s is a %s code: the row needs the value it counts (one of: %s)", f.Code.Name, f.Code.Type, strings.Join(f.Code.Values, "; "))
		return f, false
	case vc.Kind == workbook.Date:
		diags.Errorf(pos("value"), "cell.date", "the value cell holds a date: Excel turns entries like \"1-5\" into dates; format the column as Text and type the value again")
		return f, false
	default:
		v, ok := f.Code.Value(cellText(vc))
		if !ok {
			msg := fmt.Sprintf("%q is not a value of %s", cellText(vc), f.Code.Name)
			if s, ok := codebook.Suggest(cellText(vc), f.Code.Values); ok {
				msg += " (did you mean " + strconv.Quote(s) + "?)"
			} else {
				msg += " (allowed: " + strings.Join(f.Code.Values, "; ") + ")"
			}
			diags.Errorf(pos("value"), "figure.value", "%s", msg)
			return f, false
		}
		f.Value = v
	}
	n, ok := wholeNumber(cells[col["n"]])
	if !ok || n < 1 {
		what := "missing"
		if c := cells[col["n"]]; c != nil {
			what = strconv.Quote(cellText(c)) + " is not a whole number of people"
		}
		diags.Errorf(pos("n"), "figure.n", "the base n of %s is %s", describe(f), what)
		return f, false
	}
	f.N = n
	countCell, pctCell := cells[col["count"]], cells[col["percent"]]
	if countCell == nil && pctCell == nil {
		diags.Errorf(t.Pos(max(col["count"], col["percent"]), row), "figure.count", "the figure for %s has neither a count nor a percent", describe(f))
		return f, false
	}
	if countCell != nil {
		k, ok := wholeNumber(countCell)
		switch {
		case !ok || k < 0:
			diags.Errorf(pos("count"), "figure.count", "count %q is not a whole number of people", cellText(countCell))
			return f, false
		case k > n:
			diags.Errorf(pos("count"), "figure.count", "count %d is above its base n = %d", k, n)
			return f, false
		}
		f.Count, f.CountMin, f.CountMax = k, k, k
	}
	if pctCell != nil && !readPercentFigure(&f, pctCell, countCell != nil, pos("percent"), diags) {
		return f, false
	}
	if no {
		f.Count, f.CountMin, f.CountMax = n-f.Count, n-f.CountMax, n-f.CountMin
	}
	if src := cells[col["source"]]; src != nil {
		f.Source = codebook.Clean(cellText(src))
	}
	return f, true
}

// wholeNumber reads a count: a number cell or text holding a whole number.
func wholeNumber(c *workbook.Cell) (int, bool) {
	if c == nil {
		return 0, false
	}
	x, ok := number(c)
	if !ok || x != math.Trunc(x) || math.Abs(x) > 1e9 {
		return 0, false
	}
	return int(x), true
}

// A percentage is read exactly, as the decimal number it was typed as: a figure of 57 printed
// to whole percent stands for any share from 56.5% to 57.5% (both ends included, whatever
// rounding the publication used), so the counts of n people it allows are the whole numbers k
// with |100·k/n − 57| ≤ 0.5. The precision is that of what was typed:
//
//   - text ("57", "57.0", "57 %"): its decimals, so "57.0" means 56.95 to 57.05;
//   - a number cell formatted as a percentage (Excel stores 57% as 0.57): the decimals of
//     the stored value in points, at least whole percent (0.57 → 57 and 0.5 → 50, whole
//     percent; 0.575 → 57.5, one decimal);
//   - a plain number cell: the decimals of the number (Excel keeps 57.0 as 57: whole percent).
//
// A number between 0 and 1 in a plain cell or in text without "%" is ambiguous: 0.62 may be
// 0.62% or a fraction that lost its percentage format (62%). It is read as whichever of the
// two gives a whole count of n; when both do, or neither, it is an error asking which was meant.
// No floating-point arithmetic decides: values are parsed as decimals and compared as
// rationals.

// pctReading is one reading of a percentage: value ± half, in points.
type pctReading struct {
	value, half *big.Rat
	fraction    bool // a number between 0 and 1 read as a fraction (0.62 as 62%)
}

// percentReadings reads a percent cell: the reading in points, and a second one when the cell
// may be a fraction. ok is false when the cell is not a number.
func percentReadings(c *workbook.Cell) (readings []pctReading, ok bool) {
	var digits string
	explicit := false // the cell says it is a percentage
	shift := 0        // decimal places the value moves to be in points
	switch c.Kind {
	case workbook.Number:
		if math.IsNaN(c.Num) || math.IsInf(c.Num, 0) {
			return nil, false
		}
		// Excel stores 36.2 as 36.200000000000003: the typed number is the one rounded to
		// 10 significant digits
		x, err := strconv.ParseFloat(strconv.FormatFloat(c.Num, 'g', 10, 64), 64)
		if err != nil {
			return nil, false
		}
		digits = strconv.FormatFloat(x, 'f', -1, 64)
		if c.Percent {
			explicit, shift = true, 2
		}
	case workbook.String:
		digits = strings.TrimSpace(c.Text)
		if d, cut := strings.CutSuffix(digits, "%"); cut {
			digits, explicit = strings.TrimSpace(d), true
		}
		if !decimalRE.MatchString(digits) {
			return nil, false
		}
	default:
		return nil, false
	}
	v, ok := new(big.Rat).SetString(digits)
	if !ok {
		return nil, false
	}
	decimals := 0
	if i := strings.IndexByte(digits, '.'); i >= 0 {
		decimals = len(digits) - i - 1
	}
	// A fraction moved to points keeps at least whole percent: Excel stores 50% as 0.5 and 100%
	// as 1, their printed zeros lost.
	reading := func(shift int, fraction bool) pctReading {
		val := new(big.Rat).Mul(v, pow10(shift))
		return pctReading{value: val, half: new(big.Rat).Quo(big.NewRat(1, 2), pow10(max(0, decimals-shift))), fraction: fraction}
	}
	readings = append(readings, reading(shift, false))
	if !explicit && v.Sign() > 0 && v.Cmp(big.NewRat(1, 1)) < 0 {
		readings = append(readings, reading(2, true))
	}
	return readings, true
}

// decimalRE is a plain decimal number as typed in text: digits with an optional point.
var decimalRE = regexp.MustCompile(`^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)$`)

// pow10 is 10^e as a rational, e of either sign.
func pow10(e int) *big.Rat {
	p := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(abs(e))), nil)
	if e < 0 {
		return new(big.Rat).SetFrac(big.NewInt(1), p)
	}
	return new(big.Rat).SetInt(p)
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// counts returns the whole counts k of n with |100·k/n − value| ≤ half, and the one nearest
// value·n/100 (halves up); ok is false when there is none.
func (r pctReading) counts(n int) (lo, hi, nearest int, ok bool) {
	nr := new(big.Rat).SetInt64(int64(n))
	at := func(points *big.Rat) *big.Rat { // points% of n people
		return new(big.Rat).Quo(new(big.Rat).Mul(points, nr), big.NewRat(100, 1))
	}
	low := at(new(big.Rat).Sub(r.value, r.half))
	high := at(new(big.Rat).Add(r.value, r.half))
	lo = max(0, ceilRat(low))
	hi = min(n, floorRat(high))
	if lo > hi {
		return 0, 0, 0, false
	}
	nearest = min(hi, max(lo, floorRat(new(big.Rat).Add(at(r.value), big.NewRat(1, 2)))))
	return lo, hi, nearest, true
}

func floorRat(x *big.Rat) int {
	q := new(big.Int).Div(x.Num(), x.Denom()) // Euclidean: floor for a positive denominator
	if !q.IsInt64() || q.Int64() > math.MaxInt32 || q.Int64() < math.MinInt32 {
		if q.Sign() < 0 {
			return math.MinInt32
		}
		return math.MaxInt32
	}
	return int(q.Int64())
}

func ceilRat(x *big.Rat) int {
	return -floorRat(new(big.Rat).Neg(x))
}

// ratText writes a rational for people: at most two decimals.
func ratText(x *big.Rat) string {
	s := x.FloatString(2)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return s
}

// readPercentFigure reads the percent cell of figure f (whose N is set). With a count beside
// it, the count must be one the percentage allows; without, the percentage gives the range of
// counts. It reports problems at pos and returns false on an error.
func readPercentFigure(f *Figure, c *workbook.Cell, hasCount bool, pos diag.Pos, diags *diag.List) bool {
	readings, ok := percentReadings(c)
	if !ok || readings[0].value.Sign() < 0 || readings[0].value.Cmp(big.NewRat(100, 1)) > 0 {
		diags.Errorf(pos, "figure.percent", "percent %q is not a number between 0 and 100", cellText(c))
		return false
	}
	typed := ratText(readings[0].value) + "%"
	if hasCount {
		for _, r := range readings {
			if lo, hi, _, ok := r.counts(f.N); ok && lo <= f.Count && f.Count <= hi {
				return true
			}
		}
		diags.Errorf(pos, "figure.percent", "count %d of %d is %s%%, not the %s given beside it: correct the count or the percent",
			f.Count, f.N, ratText(big.NewRat(int64(f.Count)*100, int64(f.N))), typed)
		return false
	}
	type fit struct {
		r               pctReading
		lo, hi, nearest int
	}
	var fits []fit
	for _, r := range readings {
		if lo, hi, nearest, ok := r.counts(f.N); ok {
			fits = append(fits, fit{r, lo, hi, nearest})
		}
	}
	switch {
	case len(fits) == 0 && len(readings) == 2:
		diags.Errorf(pos, "figure.percent", "%s gives no whole count of %d people, whether read as %s or as a fraction (%s%%): check the percent and its base, or give the count",
			cellText(c), f.N, typed, ratText(readings[1].value))
		return false
	case len(fits) == 0:
		exact := new(big.Rat).Quo(new(big.Rat).Mul(readings[0].value, big.NewRat(int64(f.N), 1)), big.NewRat(100, 1))
		below, above := max(0, floorRat(exact)), min(f.N, ceilRat(exact))
		if below == above {
			below, above = max(0, below-1), min(f.N, above+1)
		}
		diags.Errorf(pos, "figure.percent", "%s of %d is %s people: no whole count prints as %s (%d is %s%%, %d is %s%%); check the percent and its base, or give the count in the count column",
			typed, f.N, ratText(exact), typed, below, ratText(big.NewRat(int64(below)*100, int64(f.N))), above, ratText(big.NewRat(int64(above)*100, int64(f.N))))
		return false
	case len(fits) == 2:
		diags.Errorf(pos, "figure.percent", "%s could be %s or a fraction (%s%%) of %d: type it with its percent sign (%s%% or %s), format the cell as a percentage, or give the count",
			cellText(c), typed, ratText(readings[1].value), f.N, ratText(readings[1].value), typed)
		return false
	}
	got := fits[0]
	if got.r.fraction {
		diags.Warnf(pos, "figure.percent", "%s in a cell not formatted as a percentage is read as %s%% of %d (%s%% would give no whole count): type it as %s%% or format the cell as a percentage to confirm",
			cellText(c), ratText(got.r.value), f.N, ratText(readings[0].value), ratText(got.r.value))
	}
	f.Rebuilt = true
	f.Count, f.CountMin, f.CountMax = got.nearest, got.lo, got.hi
	return true
}

// solveCategories checks the figures of each category code given over the same base together:
// one person has one value, so their counts add up to at most the base. Counts given must
// fit; ranges rebuilt from percentages are narrowed to the counts that can fit together
// (1%, 1% and 99% of 150 allow 1–2, 1–2 and 148–149 each, but together only 1, 1 and 148).
// When no choice fits, the error names the rows.
func solveCategories(t *workbook.Table, w *Wave, col map[string]int, diags *diag.List) {
	type key struct {
		code *codebook.Code
		n    int
	}
	groups := map[key][]int{} // figure indices
	var order []key
	for i, f := range w.Figures {
		if f.Code.Type != codebook.Category {
			continue
		}
		k := key{f.Code, f.N}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], i)
	}
	for _, k := range order {
		idx := groups[k]
		sumLo, rebuilt := 0, false
		var rows []string
		for _, i := range idx {
			sumLo += w.Figures[i].CountMin
			rebuilt = rebuilt || w.Figures[i].Rebuilt
			rows = append(rows, strconv.Itoa(w.Figures[i].Row))
		}
		last := w.Figures[idx[len(idx)-1]].Row
		if sumLo > k.n {
			if !rebuilt {
				diags.Errorf(t.Pos(max(col["count"], 1), last), "figure.sum", "the counts of %s with base %d add up to %d, more than the base: one person has one value of a category code", k.code.Name, k.n, sumLo)
				continue
			}
			diags.Errorf(t.Pos(max(col["percent"], col["count"], 1), last), "figure.sum", "the figures of %s with base %d (rows %s) cannot all be right: the smallest counts their percentages allow add up to %d, more than the base (one person has one value of a category code); check them, or give the counts", k.code.Name, k.n, strings.Join(rows, ", "), sumLo)
			continue
		}
		for _, i := range idx {
			f := &w.Figures[i]
			f.CountMax = min(f.CountMax, k.n-(sumLo-f.CountMin))
			f.Count = min(f.Count, f.CountMax)
		}
	}
}

// Range returns the counts consistent with an aggregate wave's figure for value v of code
// (v = 1 is "no" of a yes/no code): lo..hi, and whether the count was rebuilt from a
// percentage. For a count given, lo = hi = the count. ok is false when the wave has no such
// figure.
func (w *Wave) Range(code *codebook.Code, v int) (lo, hi int, rebuilt, ok bool) {
	for _, f := range w.Figures {
		if f.Code != code || (code.Type != codebook.YesNo && f.Value != v) {
			continue
		}
		lo, hi = f.Count, f.Count
		if f.Rebuilt {
			lo, hi = f.CountMin, f.CountMax
		}
		if code.Type == codebook.YesNo && v == 1 {
			lo, hi = f.N-hi, f.N-lo
		}
		return lo, hi, f.Rebuilt, true
	}
	return 0, 0, false, false
}
