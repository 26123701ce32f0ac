package dataset

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/diag"
	"github.com/shadowreport/shadowreport/internal/workbook"
)

// Read reads the wave called name from the open workbook b, recording every problem in diags.
func Read(b *workbook.Book, cb *codebook.Codebook, name string, diags *diag.List) *Wave {
	w := &Wave{Name: name, File: b.Name()}
	workbook.WarnHiddenSheets(b, diags, "interviews", "quotes", "aggregate", Coder2Sheet)
	_, hasInterviews := b.Sheet("interviews")
	_, hasAggregate := b.Sheet("aggregate")
	switch {
	case hasInterviews && hasAggregate:
		diags.Errorf(diag.Pos{File: b.Name()}, "wave.shape", "has both an \"interviews\" and an \"aggregate\" sheet: a wave is one or the other; move the published figures to a workbook of their own")
		return w
	case hasAggregate:
		w.Kind = Aggregate
		t, _ := workbook.FindTable(b, "aggregate", diags, true)
		readAggregate(t, cb, w, diags)
		return w
	}
	w.Kind = Interviews
	t, ok := workbook.FindTable(b, "interviews", diags, false)
	if !ok {
		var names []string
		for _, s := range b.Sheets() {
			names = append(names, strconv.Quote(s.Name))
		}
		diags.Errorf(diag.Pos{File: b.Name()}, "sheet.missing", "no sheet named \"interviews\" (one row per interviewee) or \"aggregate\" (published figures); the workbook has %s", strings.Join(names, ", "))
		return w
	}
	r := &interviewReader{t: t, cb: cb, w: w, diags: diags, ids: map[string]int{}, unnamed: map[int]bool{}, direct: map[int]string{}, directData: map[int]bool{}}
	if err := t.Read(r.header, r.row); err != nil {
		fileError(diags, b, err)
		return w
	}
	for col, why := range r.direct {
		if !r.directData[col] {
			diags.Warnf(t.Pos(col, 1), "column.identifier", "column %q %s; it is empty, but delete it before the workbook travels", r.names[col], why)
		}
	}
	if r.idCol == 0 && r.headerRead {
		diags.Errorf(t.Pos(0, 1), "header.id", "row 1 has no column named \"id\": add a column of anonymised interviewee codes")
	}
	if len(w.People) == 0 && !diags.HasErrors() {
		diags.Warnf(diag.Pos{File: b.Name(), Sheet: t.Sheet.Name}, "wave.empty", "the wave has no interviewees yet")
	}
	if qt, ok := workbook.FindTable(b, "quotes", diags, false); ok {
		readQuotes(qt, cb, w, diags)
	}
	if ct, ok := workbook.FindTable(b, Coder2Sheet, diags, false); ok {
		readCoder2(ct, cb, w, diags)
	}
	return w
}

func fileError(diags *diag.List, b *workbook.Book, err error) {
	diags.Errorf(diag.Pos{File: b.Name()}, "file.read", "%s", strings.TrimPrefix(err.Error(), b.Name()+": "))
}

type interviewReader struct {
	t          *workbook.Table
	cb         *codebook.Codebook
	w          *Wave
	diags      *diag.List
	headerRead bool
	idCol      int
	consentCol int
	cols       map[int]*Column
	ids        map[string]int // id → row
	unnamed    map[int]bool
	// direct holds the columns that may never hold data, with why: the codebook marks the
	// code a direct identifier, or the header looks like one. Data in them is an error.
	direct     map[int]string
	directData map[int]bool
	ignored    map[int]bool
	names      map[int]string // header text by column
}

// identifierRE matches column names that look like direct identifiers (spec §4).
var identifierRE = regexp.MustCompile(`(?i)(^|[^a-z])(names?|full_?name|first_?name|last_?name|surname|phone|mobile|tel|telephone|address|addr|birth_?date|date_?of_?birth|dob|birthday|passport|id_?number|id_?no|national_?id|registration|e-?mail|email|kakao|wechat|contact)([^a-z]|$)|이름|성명|전화|휴대폰|연락처|주소|생년월일|생일|여권|주민등록|이메일|카톡`)

// LooksLikeIdentifier reports whether a column name suggests it holds direct identifiers.
func LooksLikeIdentifier(name string) bool {
	return identifierRE.MatchString(strings.ReplaceAll(codebook.Key(name), " ", "_"))
}

func (r *interviewReader) header(cells []workbook.Cell) {
	r.headerRead = true
	r.cols = map[int]*Column{}
	r.ignored = map[int]bool{}
	r.names = map[int]string{}
	seen := map[string]int{}
	for _, c := range cells {
		raw := strings.TrimSpace(c.Text)
		k := codebook.Key(raw)
		if k == "" {
			continue
		}
		r.names[c.Col] = raw
		if prev, dup := seen[k]; dup {
			r.diags.Errorf(r.t.Pos(c.Col, 1), "header.duplicate", "column %q appears twice (also in %s); only the first is read", raw, diag.CellName(prev, 1))
			r.ignored[c.Col] = true
			continue
		}
		seen[k] = c.Col
		switch k {
		case "id":
			r.idCol = c.Col
			continue
		case "consent":
			r.consentCol = c.Col
			continue
		}
		code := r.cb.Lookup(k)
		switch {
		case code != nil && code.Identifier == codebook.Direct:
			r.direct[c.Col] = "is a direct identifier in the codebook"
		case code != nil:
			col := &Column{Code: code, Col: c.Col}
			r.cols[c.Col] = col
			r.w.Columns = append(r.w.Columns, col)
		case LooksLikeIdentifier(raw):
			r.direct[c.Col] = "looks like a direct identifier (a name, phone number, address, ...)"
		default:
			msg := "column " + strconv.Quote(raw) + " is not a code of the codebook and is ignored"
			if s, ok := codebook.Suggest(raw, r.cb.Names()); ok {
				msg += " (did you mean " + strconv.Quote(s) + "?)"
			} else {
				msg += "; add it to the codebook to count it"
			}
			r.diags.Warnf(r.t.Pos(c.Col, 1), "column.unknown", "%s", msg)
			r.ignored[c.Col] = true
		}
	}
}

func (r *interviewReader) row(row *workbook.Row) error {
	var idCell, consentCell *workbook.Cell
	content := false
	for i := range row.Cells {
		c := &row.Cells[i]
		if isBlank(c) {
			continue
		}
		content = true
		switch c.Col {
		case r.idCol:
			idCell = c
		case r.consentCol:
			consentCell = c
		}
	}
	if !content {
		return nil
	}
	for i := range row.Cells {
		if c := &row.Cells[i]; controlError(r.diags, r.t.Pos(c.Col, row.Num), c) {
			return nil
		}
	}
	if r.idCol == 0 {
		return nil // reported once after the header
	}
	if idCell == nil {
		r.diags.Errorf(r.t.Pos(r.idCol, row.Num), "id.missing", "row %d has answers but no id: give every interviewee an anonymised code", row.Num)
		return nil
	}
	id := codebook.Clean(cellText(idCell))
	if prev, dup := r.ids[codebook.Key(id)]; dup {
		r.diags.Errorf(r.t.Pos(r.idCol, row.Num), "id.duplicate", "id %q is used twice (also in row %d): each interviewee needs a code of their own", id, prev)
		return nil
	}
	r.ids[codebook.Key(id)] = row.Num
	p := Person{ID: id, Row: row.Num}
	switch {
	case r.consentCol == 0:
	case consentCell == nil:
		r.diags.Warnf(r.t.Pos(r.consentCol, row.Num), "consent.blank", "consent of %s is blank: counted as \"aggregate\" (counted, never quoted)", id)
	default:
		switch codebook.Key(cellText(consentCell)) {
		case "quote":
			p.Consent = ConsentQuote
		case "aggregate":
			p.Consent = ConsentAggregate
		case "withdrawn":
			p.Consent = ConsentWithdrawn
		default:
			v := cellText(consentCell)
			msg := fmt.Sprintf("%q is not a consent value: use quote, aggregate or withdrawn", v)
			if s, ok := codebook.Suggest(v, []string{"quote", "aggregate", "withdrawn"}); ok {
				msg += " (did you mean " + strconv.Quote(s) + "?)"
			}
			r.diags.Errorf(r.t.Pos(r.consentCol, row.Num), "consent.value", "%s", msg)
			p.Consent = ConsentWithdrawn // until it is fixed, the safest reading
		}
	}
	idx := len(r.w.People)
	r.w.People = append(r.w.People, p)
	for _, col := range r.w.Columns {
		col.State = append(col.State, Missing)
		col.Bits = append(col.Bits, 0)
		switch col.Code.Type {
		case codebook.Number:
			col.Num = append(col.Num, 0)
		case codebook.Text:
			col.Text = append(col.Text, "")
		}
	}
	for i := range row.Cells {
		c := &row.Cells[i]
		if c.Col == r.idCol || c.Col == r.consentCol || isBlank(c) {
			continue
		}
		if col := r.cols[c.Col]; col != nil {
			r.answer(col, idx, c, row.Num)
			continue
		}
		if why, ok := r.direct[c.Col]; ok {
			if !r.directData[c.Col] { // report once per column
				r.directData[c.Col] = true
				r.diags.Errorf(r.t.Pos(c.Col, row.Num), "column.identifier", "column %q %s and holds data: names, phone numbers and addresses must never be in a wave workbook; delete the column (keep such details apart, under lock)", r.names[c.Col], why)
			}
			continue
		}
		if !r.ignored[c.Col] && !r.unnamed[c.Col] {
			r.unnamed[c.Col] = true
			r.diags.Warnf(r.t.Pos(c.Col, row.Num), "column.unnamed", "column %s holds data but has no name in row 1; it is ignored", diag.ColumnName(c.Col))
		}
	}
	return nil
}

// controlError reports a cell holding control characters — invisible, usually pasted from
// another program, and a way to smuggle text past a reader. It returns true when it did.
func controlError(diags *diag.List, pos diag.Pos, c *workbook.Cell) bool {
	for _, r := range c.Text {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0x7f || r >= 0x80 && r < 0xa0 {
			diags.Errorf(pos, "cell.control", "the cell holds an invisible control character (U+%04X), probably pasted from another program: retype the cell", r)
			return true
		}
	}
	return false
}

func isBlank(c *workbook.Cell) bool {
	return c.Kind == workbook.String && strings.TrimSpace(c.Text) == ""
}

// cellText is what a cell shows, for messages and text values.
func cellText(c *workbook.Cell) string {
	if c.Kind == workbook.Number {
		return strconv.FormatFloat(c.Num, 'f', -1, 64)
	}
	return c.Text
}

func (r *interviewReader) answer(col *Column, i int, c *workbook.Cell, rowNum int) {
	code := col.Code
	pos := r.t.Pos(c.Col, rowNum)
	switch c.Kind {
	case workbook.NoValue:
		r.diags.Errorf(pos, "cell.formula", "the formula has no saved result, so its value is unknown: open the file in Excel or LibreOffice and save it, or replace the formula by its value")
		return
	case workbook.ErrorValue:
		r.diags.Errorf(pos, "cell.error", "the cell holds the error %s: fix the formula or type the value", c.Text)
		return
	}
	if c.Kind == workbook.String && codebook.NotApplicable(c.Text) {
		col.State[i] = NotApplicable
		return
	}
	if c.Kind == workbook.Date && code.Type != codebook.Text {
		r.dateError(pos, code, c)
		return
	}
	switch code.Type {
	case codebook.YesNo:
		yes, ok := codebook.ParseYesNo(cellText(c))
		if !ok {
			msg := fmt.Sprintf("%q is not a yes/no value for %s", cellText(c), code.Name)
			if s, ok := codebook.Suggest(cellText(c), []string{"yes", "no"}); ok {
				msg += " (did you mean " + strconv.Quote(s) + "?)"
			} else {
				msg += " (use yes or no, or n/a when not applicable)"
			}
			r.diags.Errorf(pos, "value.yesno", "%s", msg)
			return
		}
		col.State[i] = Answered
		if yes {
			col.Bits[i] = 1
		}
	case codebook.Category:
		v, ok := code.Value(cellText(c))
		if !ok {
			if parts := SplitMulti(cellText(c)); len(parts) > 1 {
				r.diags.Errorf(pos, "value.category", "%q gives several values, but %s is a category code (one value per person); use a multi code if several apply", cellText(c), code.Name)
				return
			}
			r.valueError(pos, code, cellText(c))
			return
		}
		col.State[i] = Answered
		col.Bits[i] = 1 << uint(v)
	case codebook.Multi:
		var set uint64
		bad := false
		for _, part := range SplitMulti(cellText(c)) {
			v, ok := code.Value(part)
			if !ok {
				r.valueError(pos, code, part)
				bad = true
				continue
			}
			set |= 1 << uint(v)
		}
		if bad {
			return
		}
		col.State[i] = Answered
		col.Bits[i] = set
	case codebook.Number:
		x, ok := number(c)
		if !ok {
			r.diags.Errorf(pos, "value.number", "%q is not a number for %s", cellText(c), code.Name)
			return
		}
		col.State[i] = Answered
		col.Num[i] = x
	case codebook.Text:
		col.State[i] = Answered
		if c.Kind == workbook.Date {
			if t, ok := r.t.Book.Time(*c); ok {
				col.Text[i] = t.Format("2006-01-02")
				return
			}
		}
		col.Text[i] = cellText(c)
	}
}

// SplitMulti splits the answer to a multi code into its values: on ";", or on "," when no
// ";" is used; blank parts are dropped.
func SplitMulti(s string) []string {
	sep := ";"
	if !strings.Contains(s, ";") && strings.Contains(s, ",") {
		sep = ","
	}
	var out []string
	for _, p := range strings.Split(s, sep) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func (r *interviewReader) valueError(pos diag.Pos, code *codebook.Code, typed string) {
	msg := fmt.Sprintf("%q is not a value of %s", typed, code.Name)
	if s, ok := codebook.Suggest(typed, code.Values); ok {
		msg += " (did you mean " + strconv.Quote(s) + "?)"
	} else if len(code.Values) <= 8 {
		msg += " (allowed: " + strings.Join(code.Values, "; ") + ")"
	} else {
		msg += "; add it to the codebook's values if it is new"
	}
	r.diags.Errorf(pos, "value.category", "%s", msg)
}

// dateError explains a date where a value was expected, suggesting what was probably typed.
func (r *interviewReader) dateError(pos diag.Pos, code *codebook.Code, c *workbook.Cell) {
	msg := "the cell holds a date"
	t, ok := r.t.Book.Time(*c)
	if ok {
		msg += " (" + t.Format("2 January 2006") + ")"
	}
	msg += fmt.Sprintf(", not a value of %s: Excel turns entries like \"1-5\" into dates", code.Name)
	if ok {
		d, m := t.Day(), int(t.Month())
		for _, cand := range []string{
			fmt.Sprintf("%d-%d", m, d), fmt.Sprintf("%d-%d", d, m), fmt.Sprintf("%d/%d", m, d), fmt.Sprintf("%d/%d", d, m),
			fmt.Sprintf("%d-%d", t.Year(), m), fmt.Sprintf("%d-%d", m, t.Year()%100),
		} {
			if _, found := code.Value(cand); found {
				msg += fmt.Sprintf(" (did you mean %q?)", cand)
				break
			}
		}
	}
	msg += "; format the column as Text and type the value again"
	r.diags.Errorf(pos, "cell.date", "%s", msg)
}

// number reads a number cell, or text holding a number ("3", " 2.5 ").
func number(c *workbook.Cell) (float64, bool) {
	switch c.Kind {
	case workbook.Number:
		return c.Num, true
	case workbook.String:
		x, err := strconv.ParseFloat(strings.TrimSpace(c.Text), 64)
		if err != nil || math.IsInf(x, 0) || math.IsNaN(x) {
			return 0, false
		}
		return x, true
	}
	return 0, false
}
