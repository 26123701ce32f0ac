package dataset

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/diag"
	"github.com/shadowreport/shadowreport/internal/workbook"
)

// Read reads the wave called name from the open workbook b, recording every problem in diags.
// A wave whose reading stopped short is marked Incomplete.
func Read(b *workbook.Book, cb *codebook.Codebook, name string, diags *diag.List) *Wave {
	w := &Wave{Name: name, File: b.Name(), Kind: Interviews}
	fatal := diags.Seen(diag.Error, "file.read", b.Name())
	defer func() {
		if diags.Seen(diag.Error, "file.read", b.Name()) > fatal {
			w.Incomplete = true
		}
	}()
	workbook.WarnHiddenSheets(b, diags, "interviews", "quotes", "aggregate", Coder2Sheet)
	s, kind, ok := waveSheet(b, diags)
	if !ok {
		w.Incomplete = true
		return w
	}
	w.Kind, w.Sheet = kind, s.Name
	t, ok := workbook.FindTable(b, strings.TrimSpace(s.Name), diags, true)
	if !ok {
		w.Incomplete = true
		return w
	}
	if kind == Aggregate {
		readAggregate(t, cb, w, diags)
		return w
	}
	r := &interviewReader{t: t, cb: cb, w: w, diags: diags, ids: map[string]seenID{}, unnamed: map[int]bool{},
		direct: map[int]string{}, directData: map[int]bool{}, cols: map[int]*Column{}, ignored: map[int]bool{}, names: map[int]string{}}
	if err := t.Read(r.header, r.row); err != nil {
		fileError(diags, b, err)
		return w
	}
	for col, why := range r.direct {
		if !r.directData[col] {
			diags.Warnf(t.Pos(col, 1), "column.identifier", "column %s %s; it is empty, but delete it before the workbook travels", diag.Quote(r.names[col]), why)
		}
	}
	if r.idCol == 0 {
		w.Incomplete = true
	}
	if len(w.People) == 0 && !diags.HasErrors() {
		diags.Warnf(diag.Pos{File: b.Name(), Sheet: t.Sheet.Name}, "wave.empty", "the wave has no interviewees yet")
	}
	if qt, ok := workbook.FindTable(b, "quotes", diags, false); ok {
		readQuotes(qt, cb, w, diags)
	} else if qs, ok := codebook.SheetNear(b, "quotes"); ok && qs.Name != t.Sheet.Name {
		diags.Warnf(diag.Pos{File: b.Name(), Sheet: qs.Name}, "sheet.name",
			"the sheet is not read: quotes are read from a sheet named quotes; if it holds the quotes, rename it quotes")
	}
	if ct, ok := workbook.FindTable(b, Coder2Sheet, diags, false); ok {
		readCoder2(ct, cb, w, diags)
	}
	return w
}

// waveSheet chooses the sheet of a wave: "interviews" or "aggregate"; or, when the workbook has
// a single sheet of another name (a CSV saved as .xlsx gets a sheet named after the file), that
// sheet, as interviews when row 1 has an id column and as published figures when it has code, n
// and count or percent, with a warning. Otherwise an error naming the sheets, with a did-you-mean.
func waveSheet(b *workbook.Book, diags *diag.List) (workbook.SheetInfo, Kind, bool) {
	iv, hasI := b.Sheet("interviews")
	ag, hasA := b.Sheet("aggregate")
	pos := diag.Pos{File: b.Name()}
	switch {
	case hasI && hasA:
		diags.Errorf(pos, "wave.shape", "has both an \"interviews\" and an \"aggregate\" sheet: a wave is one or the other; move the published figures to a workbook of their own")
		return iv, Interviews, false
	case hasA:
		return ag, Aggregate, true
	case hasI:
		return iv, Interviews, true
	}
	if sheets := b.Sheets(); len(sheets) == 1 && !slices.Contains([]string{"quotes", "codebook"}, codebook.Key(sheets[0].Name)) {
		keys, err := codebook.PeekHeader(b, sheets[0])
		if err != nil {
			fileError(diags, b, err)
			return sheets[0], Interviews, false
		}
		spos := diag.Pos{File: b.Name(), Sheet: sheets[0].Name}
		switch {
		case slices.Contains(keys, "id") && !codebook.HasAll(keys, "code", "text") && !codebook.HasAll(keys, "label", "type"):
			diags.Warnf(spos, "sheet.renamed", "the workbook's only sheet is read as the interviews sheet (row 1 has an id column); rename the sheet interviews")
			return sheets[0], Interviews, true
		case codebook.HasAll(keys, "code", "n") && (slices.Contains(keys, "count") || slices.Contains(keys, "percent") || slices.Contains(keys, "%")):
			diags.Warnf(spos, "sheet.renamed", "the workbook's only sheet is read as published figures (row 1 has code, n and count or percent); rename the sheet aggregate")
			return sheets[0], Aggregate, true
		}
	}
	msg := "no sheet named \"interviews\" (one row per interviewee) or \"aggregate\" (published figures); the workbook has " + codebook.SheetList(b)
	if s, ok := codebook.SheetNear(b, "interviews"); ok {
		msg += "; if " + diag.Quote(s.Name) + " holds the interviews, rename the sheet interviews"
	} else if s, ok := codebook.SheetNear(b, "aggregate"); ok {
		msg += "; if " + diag.Quote(s.Name) + " holds published figures, rename the sheet aggregate"
	}
	diags.Errorf(pos, "sheet.missing", "%s", msg)
	return workbook.SheetInfo{}, Interviews, false
}

func fileError(diags *diag.List, b *workbook.Book, err error) {
	diags.Errorf(diag.Pos{File: b.Name()}, "file.read", "%s", strings.TrimPrefix(err.Error(), b.Name()+": "))
}

type seenID struct {
	row int
	raw string
}

type interviewReader struct {
	t          *workbook.Table
	cb         *codebook.Codebook
	w          *Wave
	diags      *diag.List
	idCol      int
	consentCol int
	cols       map[int]*Column
	ids        map[string]seenID // IDKey → where first seen
	unnamed    map[int]bool
	// direct holds the columns that may never hold data, with why: the codebook marks the
	// code a direct identifier, or the header looks like one. Data in them is an error.
	direct     map[int]string
	directData map[int]bool
	ignored    map[int]bool
	names      map[int]string // header text by column
}

func (r *interviewReader) header(cells []workbook.Cell) {
	seen := map[string]int{}
	var consentLike, unknown []int
	for _, c := range cells {
		raw := strings.TrimSpace(c.Text)
		k := codebook.Key(raw)
		if k == "" {
			continue
		}
		r.names[c.Col] = raw
		if prev, dup := seen[k]; dup {
			r.diags.Errorf(r.t.Pos(c.Col, 1), "header.duplicate", "column %s appears twice (also in %s); only the first is read", diag.Quote(raw), diag.CellName(prev, 1))
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
		default:
			if word, ok := IdentifierWord(raw); ok {
				why := "looks like a direct identifier (a name, phone number, address, ...)"
				if word != k {
					why = "looks like a direct identifier (the word " + diag.Quote(word) + ": a name, phone number, address, ...)"
				}
				r.direct[c.Col] = why
			} else if looksLikeConsent(raw) {
				consentLike = append(consentLike, c.Col)
			} else {
				unknown = append(unknown, c.Col)
			}
		}
	}
	if len(seen) == 0 {
		r.diags.Errorf(r.t.Pos(0, 1), "header.id", "the sheet is empty: row 1 must name the columns id, consent and one column per code")
		return
	}
	if r.idCol == 0 {
		msg := "row 1 has no column named \"id\": add a column of anonymised interviewee codes"
		for _, col := range unknown {
			if looksLikeID(r.names[col]) {
				msg = "row 1 has no column named \"id\": if " + diag.Quote(r.names[col]) + " holds the anonymised interviewee codes, rename the header to id"
				break
			}
		}
		r.diags.Errorf(r.t.Pos(0, 1), "header.id", "%s", msg)
	}
	if r.consentCol == 0 && len(consentLike) == 0 {
		for i, col := range unknown { // a typo: "consnet", "concent"
			if _, ok := codebook.Near(r.names[col], []string{"consent"}); ok {
				consentLike = append(consentLike, col)
				unknown = slices.Delete(unknown, i, i+1)
				break
			}
		}
	}
	for _, col := range consentLike {
		name := diag.Quote(r.names[col])
		if r.consentCol == 0 {
			// read it all the same, so that withdrawn interviewees are never counted
			r.consentCol = col
			r.diags.Errorf(r.t.Pos(col, 1), "consent.header", "column %s is read as the consent column, but its header must be exactly consent: rename the header to consent (values quote, aggregate or withdrawn)", name)
			continue
		}
		r.ignored[col] = true
		r.diags.Errorf(r.t.Pos(col, 1), "consent.header", "column %s looks like a second consent column (the consent column is %s): keep one, named consent, and delete or rename this one", name, diag.ColumnName(r.consentCol))
	}
	if r.consentCol == 0 {
		r.diags.Errorf(r.t.Pos(0, 1), "consent.missing", "row 1 has no column named \"consent\": add it, with quote, aggregate or withdrawn for each interviewee (shadowreport template and import write it); until then nobody's consent is known")
	}
	r.unknownColumns(unknown)
}

// unknownColumns reports the headers that name no code, and the codes that have no column. A
// header that is a code's label, or a misspelling of a code that has no column, is an error:
// the code's answers would otherwise be missing without a word.
func (r *interviewReader) unknownColumns(unknown []int) {
	present := map[*codebook.Code]int{}
	for col, c := range r.cols {
		present[c.Code] = col
	}
	explained := map[*codebook.Code]bool{}
	for _, col := range unknown {
		raw := r.names[col]
		name := diag.Quote(raw)
		r.ignored[col] = true
		if code := r.labelOf(raw); code != nil {
			if pc, has := present[code]; has {
				r.diags.Errorf(r.t.Pos(col, 1), "column.label", "column %s is the label of %s, which has its own column %s: delete one of the two", name, code.Name, diag.ColumnName(pc))
			} else {
				r.diags.Errorf(r.t.Pos(col, 1), "column.label", "column %s is the label of %s: rename the header to %s", name, code.Name, code.Name)
				explained[code] = true
			}
			continue
		}
		if s, ok := codebook.Near(raw, r.cb.Names()); ok {
			code := r.cb.Lookup(s)
			if _, has := present[code]; !has && code.Identifier != codebook.Direct && !explained[code] {
				r.diags.Errorf(r.t.Pos(col, 1), "column.misspelt", "column %s is not a code of the codebook, and %s has no column: rename the header to %s", name, code.Name, code.Name)
				explained[code] = true
				continue
			}
		}
		msg := "column " + name + " is not a code of the codebook and is ignored"
		if s, ok := codebook.Suggest(raw, r.cb.Names()); ok {
			msg += " (did you mean " + strconv.Quote(s) + "?)"
		} else {
			msg += "; add it to the codebook to count it"
		}
		r.diags.Warnf(r.t.Pos(col, 1), "column.unknown", "%s", msg)
	}
	for _, code := range r.cb.Codes {
		if _, has := present[code]; !has && !explained[code] && code.Identifier != codebook.Direct {
			r.w.Absent = append(r.w.Absent, code)
		}
	}
}

// labelOf returns the code whose label (in any language) the header is.
func (r *interviewReader) labelOf(header string) *codebook.Code {
	k := codebook.Key(header)
	for _, c := range r.cb.Codes {
		if codebook.Key(c.Label) == k {
			return c
		}
		for _, l := range c.Labels {
			if codebook.Key(l) == k {
				return c
			}
		}
	}
	return nil
}

// consentWords are the beginnings of the word consent in the languages of the identifier list,
// and fragments for scripts written without spaces.
var (
	consentWords     = []string{"consent", "einwillig", "zustimm", "согласи"}
	consentFragments = []string{"동의", "同意", "موافق"}
)

// looksLikeConsent reports whether a header is a variant of consent: "consent status",
// "Consent (quote/aggregate/withdrawn)", "consents", "consentement", "동의".
func looksLikeConsent(header string) bool {
	header = norm.NFKC.String(stripInvisible(header))
	squashed := strings.ToLower(strings.Join(strings.Fields(header), ""))
	for _, f := range consentFragments {
		if strings.Contains(squashed, f) {
			return true
		}
	}
	for _, w := range headerWords(header) {
		for _, c := range consentWords {
			if strings.HasPrefix(w, c) {
				return true
			}
		}
	}
	return false
}

// looksLikeID reports whether a header probably holds the interviewee codes: "ID", "Case ID",
// "interviewee_id", "respondent".
func looksLikeID(header string) bool {
	for _, w := range headerWords(header) {
		switch w {
		case "id", "ids", "case", "respondent", "interviewee", "participant", "code", "no", "번호", "코드":
			return true
		}
	}
	return false
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
	// a row struck through is often how a researcher marks someone who withdrew: formatting is
	// not read, so say it
	if idCell != nil && idCell.Struck || consentCell != nil && consentCell.Struck {
		consent := ""
		if consentCell != nil {
			consent = cellText(consentCell)
		}
		if codebook.Key(consent) != "withdrawn" {
			r.diags.Warnf(r.t.Pos(r.idCol, row.Num), "row.struck", "row %d is struck through, but shadowreport does not read formatting: if this person withdrew, set consent to withdrawn; otherwise remove the strike-through", row.Num)
		}
	}
	if r.idCol == 0 {
		return nil // reported once after the header
	}
	if idCell == nil {
		r.diags.Errorf(r.t.Pos(r.idCol, row.Num), "id.missing", "row %d has answers but no id: give every interviewee an anonymised code", row.Num)
		return nil
	}
	id, ok := r.readID(idCell, row.Num)
	if !ok {
		return nil
	}
	key := IDKey(id)
	if prev, dup := r.ids[key]; dup {
		msg := fmt.Sprintf("id %s is used twice (also in row %d): each interviewee needs a code of their own", diag.Quote(id), prev.row)
		if prev.raw != id {
			msg += fmt.Sprintf(" (%s and %s differ only in invisible characters, case or width, so they are the same id)", diag.Quote(prev.raw), diag.Quote(id))
		}
		r.diags.Errorf(r.t.Pos(r.idCol, row.Num), "id.duplicate", "%s", msg)
		return nil
	}
	r.ids[key] = seenID{row.Num, id}
	p := Person{ID: id, Row: row.Num}
	if r.consentCol != 0 {
		p.Consent = r.readConsent(consentCell, id, row.Num)
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
				r.diags.Errorf(r.t.Pos(c.Col, row.Num), "column.identifier", "column %s %s and holds data: names, phone numbers and addresses must never be in a wave workbook; delete the column (keep such details apart, under lock)", diag.Quote(r.names[c.Col]), why)
			}
			continue
		}
		if !r.ignored[c.Col] && !r.unnamed[c.Col] && r.names[c.Col] == "" {
			r.unnamed[c.Col] = true
			r.diags.Warnf(r.t.Pos(c.Col, row.Num), "column.unnamed", "column %s holds data but has no name in row 1; it is ignored", diag.ColumnName(c.Col))
		}
	}
	return nil
}

// readID reads an id cell: text or a number, never an error value, a formula without a result
// or a date.
func (r *interviewReader) readID(c *workbook.Cell, rowNum int) (string, bool) {
	pos := r.t.Pos(c.Col, rowNum)
	if v, ok := ErrorValue(c); ok {
		r.diags.Errorf(pos, "cell.error", "the id cell holds the spreadsheet error %s, which is not an id: type the interviewee's anonymised code", diag.Quote(v))
		return "", false
	}
	switch c.Kind {
	case workbook.NoValue:
		r.diags.Errorf(pos, "cell.formula", "the id is a formula with no saved result, so it is unknown: type the interviewee's anonymised code")
		return "", false
	case workbook.Date:
		r.diags.Errorf(pos, "cell.date", "the id cell holds a date: ids are anonymised codes such as W17-001; format the column as Text and type the code")
		return "", false
	}
	id := codebook.Clean(cellText(c))
	if IDKey(id) == "" {
		r.diags.Errorf(pos, "id.missing", "the id cell holds only invisible characters: type the interviewee's anonymised code")
		return "", false
	}
	return id, true
}

// readConsent reads a consent cell. Anything that is not a consent value is an error and reads
// as withdrawn until it is fixed, the safest reading.
func (r *interviewReader) readConsent(c *workbook.Cell, id string, rowNum int) Consent {
	pos := r.t.Pos(r.consentCol, rowNum)
	if c == nil {
		r.diags.Warnf(pos, "consent.blank", "consent of %s is blank: counted as \"aggregate\" (counted, never quoted)", id)
		return ConsentAggregate
	}
	if v, ok := ErrorValue(c); ok {
		r.diags.Errorf(pos, "cell.error", "the consent cell holds the spreadsheet error %s: type quote, aggregate or withdrawn (read as withdrawn until then)", diag.Quote(v))
		return ConsentWithdrawn
	}
	if c.Kind == workbook.NoValue {
		r.diags.Errorf(pos, "cell.formula", "the consent is a formula with no saved result: type quote, aggregate or withdrawn (read as withdrawn until then)")
		return ConsentWithdrawn
	}
	switch codebook.Key(cellText(c)) {
	case "quote":
		return ConsentQuote
	case "aggregate":
		return ConsentAggregate
	case "withdrawn":
		return ConsentWithdrawn
	}
	v := cellText(c)
	msg := diag.Quote(v) + " is not a consent value: use quote, aggregate or withdrawn"
	if s, ok := codebook.Suggest(v, []string{"quote", "aggregate", "withdrawn"}); ok {
		msg += " (did you mean " + strconv.Quote(s) + "?)"
	}
	r.diags.Errorf(pos, "consent.value", "%s", msg)
	return ConsentWithdrawn
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
	if v, ok := ErrorValue(c); ok {
		if c.Kind == workbook.ErrorValue {
			r.diags.Errorf(pos, "cell.error", "the cell holds the error %s, which is not an answer: fix the formula or type the value", diag.Quote(v))
		} else {
			r.diags.Errorf(pos, "cell.error", "the cell holds the text %s, a spreadsheet error copied as a value, which is not an answer: type the answer itself", diag.Quote(v))
		}
		return
	}
	if c.Kind == workbook.NoValue {
		r.diags.Errorf(pos, "cell.formula", "the formula has no saved result, so its value is unknown: open the file in Excel or LibreOffice and save it, or replace the formula by its value")
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
			msg := fmt.Sprintf("%s is not a yes/no value for %s", diag.Quote(cellText(c)), code.Name)
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
				r.diags.Errorf(pos, "value.category", "%s gives several values, but %s is a category code (one value per person); use a multi code if several apply", diag.Quote(cellText(c)), code.Name)
				return
			}
			r.valueError(pos, code, cellText(c))
			return
		}
		col.State[i] = Answered
		col.Bits[i] = 1 << uint(v)
	case codebook.Multi:
		if AnsweredNone(code, cellText(c)) {
			col.State[i] = Answered // answered, and none of the values applies
			return
		}
		var set uint64
		bad := false
		parts := SplitMulti(cellText(c))
		for _, part := range parts {
			v, ok := code.Value(part)
			if !ok && AnsweredNone(code, part) {
				r.diags.Errorf(pos, "value.none", "%s says that none of the values of %s applies: it cannot be given together with other values", diag.Quote(part), code.Name)
				bad = true
				continue
			}
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
			r.diags.Errorf(pos, "value.number", "%s is not a number for %s", diag.Quote(cellText(c)), code.Name)
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
	msg := fmt.Sprintf("%s is not a value of %s", diag.Quote(typed), code.Name)
	if s, ok := code.SuggestValue(typed); ok {
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
