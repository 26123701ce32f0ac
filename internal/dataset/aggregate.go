package dataset

import (
	"fmt"
	"math"
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
	checkCategorySums(t, w, col["count"], diags)
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
		f.Count = k
	}
	if pctCell != nil {
		p, decimals, ok := percent(pctCell)
		if !ok || p < 0 || p > 100 {
			diags.Errorf(pos("percent"), "figure.percent", "percent %q is not a number between 0 and 100", cellText(pctCell))
			return f, false
		}
		k := int(math.Round(p / 100 * float64(n)))
		tol := 0.5*math.Pow(10, -float64(decimals)) + 1e-9
		if countCell != nil {
			if math.Abs(float64(f.Count)/float64(n)*100-p) > tol {
				diags.Errorf(pos("percent"), "figure.percent", "count %d of %d is %.1f%%, not the %s%% given beside it", f.Count, n, float64(f.Count)/float64(n)*100, fmtPoints(p))
				return f, false
			}
		} else {
			if math.Abs(float64(k)/float64(n)*100-p) > tol {
				diags.Warnf(pos("percent"), "figure.percent", "%s%% of %d is %.2f people, not a whole count at the rounding printed; %d (%.1f%%) is used: check the percent and its base, or give the count", fmtPoints(p), n, p/100*float64(n), k, float64(k)/float64(n)*100)
			}
			f.Count = k
		}
	}
	if no {
		f.Count = n - f.Count
	}
	if src := cells[col["source"]]; src != nil {
		f.Source = codebook.Clean(cellText(src))
	}
	return f, true
}

func fmtPoints(p float64) string { return strconv.FormatFloat(p, 'f', -1, 64) }

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

// percent reads a percentage in points: 54, "54%", or 0.54 in a cell formatted as a percentage.
// decimals is how many decimals it was printed with.
func percent(c *workbook.Cell) (p float64, decimals int, ok bool) {
	s := ""
	switch c.Kind {
	case workbook.Number:
		if c.Percent {
			p = c.Num * 100
			s = strconv.FormatFloat(p, 'f', -1, 64)
			// 0.362 stored is 36.2 points: the printed decimals are those of the points
			if x, err := strconv.ParseFloat(strconv.FormatFloat(p, 'f', 6, 64), 64); err == nil {
				p = x
				s = strconv.FormatFloat(x, 'f', -1, 64)
			}
		} else {
			// Excel stores 36.2 as 36.200000000000003: the printed decimals are those of the
			// number rounded to 10 significant digits
			p = c.Num
			s = strconv.FormatFloat(c.Num, 'g', 10, 64)
			if x, err := strconv.ParseFloat(s, 64); err == nil {
				s = strconv.FormatFloat(x, 'f', -1, 64)
			}
		}
	case workbook.String:
		s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(c.Text), "%"))
		var err error
		p, err = strconv.ParseFloat(s, 64)
		if err != nil {
			return 0, 0, false
		}
	default:
		return 0, 0, false
	}
	if i := strings.IndexByte(s, '.'); i >= 0 {
		decimals = len(s) - i - 1
	}
	return p, decimals, !math.IsNaN(p)
}

// checkCategorySums reports category codes whose published counts add up to more than their base.
func checkCategorySums(t *workbook.Table, w *Wave, countCol int, diags *diag.List) {
	type key struct {
		code *codebook.Code
		n    int
	}
	sums := map[key]int{}
	last := map[key]int{}
	var order []key
	for _, f := range w.Figures {
		if f.Code.Type != codebook.Category {
			continue
		}
		k := key{f.Code, f.N}
		if _, ok := sums[k]; !ok {
			order = append(order, k)
		}
		sums[k] += f.Count
		last[k] = f.Row
	}
	for _, k := range order {
		if sums[k] > k.n {
			diags.Errorf(t.Pos(max(countCol, 1), last[k]), "figure.sum", "the counts of %s with base %d add up to %d, more than the base: one person has one value of a category code", k.code.Name, k.n, sums[k])
		}
	}
}
