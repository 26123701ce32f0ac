package claims

import (
	"errors"
	"strconv"
	"strings"
	"unicode"

	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/dataset"
	"github.com/shadowreport/shadowreport/internal/diag"
	"github.com/shadowreport/shadowreport/internal/workbook"
)

// The sheets of the codebook workbook this package reads; both are optional.
const (
	ClaimsSheet          = "claims"
	RecommendationsSheet = "recommendations"
)

// MaxRows is how many claims, and how many recommendations, a project may hold: more than any
// report can set beside its evidence, few enough to bound the work.
const MaxRows = 1000

// MaxClaimChars is the length beyond which a claim is warned about: it should be one sentence.
const MaxClaimChars = 500

// Form says whether a claim is quoted word for word or summarised.
type Form string

// The forms of a claim.
const (
	Quoted     Form = "quoted"
	Summarised Form = "summarised"
)

// Assertion is what a claim asserts, which decides how the findings can bear on it (Evaluate).
type Assertion string

// The assertions of a claim.
const (
	// Improvement: the situation has improved (since the previous report or review).
	Improvement Assertion = "improvement"
	// Absence: a harm does not happen (education is free: nobody pays fees).
	Absence Assertion = "absence"
	// Other: a claim the findings cannot contradict (a law was adopted); never tested.
	Other Assertion = "other"
)

// Assessment is the NGO's own assessment of how far a recommendation was implemented.
type Assessment string

// The assessments, in the words of treaty-body and UPR follow-up.
const (
	Implemented          Assessment = "implemented"
	PartiallyImplemented Assessment = "partially implemented"
	NotImplemented       Assessment = "not implemented"
	NoInformation        Assessment = "no information"
)

// Response is the State's response to a UPR recommendation.
type Response string

// The responses the Working Group's report records.
const (
	Accepted Response = "accepted"
	Noted    Response = "noted"
)

// Claim is one row of the claims sheet: something the State party said, with where it said it.
type Claim struct {
	ID string
	// Symbol is the UN document symbol (CEDAW/C/PRK/2-4), Paragraph the paragraph as cited
	// (45, 45(b), 12-14). Page is set only when the researcher gave a page (warned about).
	Symbol, Paragraph, Page string
	// Text is the claim in a sentence, Form whether it is quoted word for word or summarised.
	Text    string
	Form    Form
	Asserts Assertion
	// Codes are the codes of the codebook the claim concerns, as the codebook names them.
	Codes []string
	Row   int // row of the claims sheet
}

// Citation is "CEDAW/C/PRK/2-4, para. 45" ("paras. 12–14"; the page only when no paragraph).
func (c Claim) Citation() string { return cite(c.Symbol, c.Paragraph, c.Page) }

// Recommendation is one row of the recommendations sheet: a recommendation made at an earlier
// review, either in concluding observations (Symbol and Paragraph) or at the UPR (Symbol of the
// Working Group's report, Number, RecommendingState and Response).
type Recommendation struct {
	ID                      string
	Symbol, Paragraph, Page string
	// Number is the UPR recommendation's number (124.57); empty for concluding observations.
	Number            string
	RecommendingState string
	Response          Response // UPR only
	Text              string
	Codes             []string
	Assessment        Assessment
	Reason            string
	Row               int
	// AssessmentPos is the cell of the assessment, where disagreements are reported.
	AssessmentPos diag.Pos
}

// UPR reports whether the recommendation was made at the Universal Periodic Review.
func (r Recommendation) UPR() bool { return r.Number != "" }

// Source cites the recommendation: "CEDAW/C/PRK/CO/1, para. 38", or for the UPR
// "A/HRC/27/10, recommendation 124.57 (Example State; noted)".
func (r Recommendation) Source() string {
	if !r.UPR() {
		return cite(r.Symbol, r.Paragraph, r.Page)
	}
	out := r.Symbol + ", recommendation " + r.Number
	var in []string
	if r.RecommendingState != "" {
		in = append(in, r.RecommendingState)
	}
	if r.Response != "" {
		in = append(in, string(r.Response))
	}
	if len(in) > 0 {
		out += " (" + strings.Join(in, "; ") + ")"
	}
	return out
}

// Set is what the claims and recommendations sheets hold: the rows that could be read.
type Set struct {
	File            string
	Claims          []Claim
	Recommendations []Recommendation
}

// Claim finds a claim by id.
func (s *Set) Claim(id string) *Claim {
	for i := range s.Claims {
		if s.Claims[i].ID == id {
			return &s.Claims[i]
		}
	}
	return nil
}

var claimColumns = []string{"id", "symbol", "paragraph", "claim", "form", "asserts", "codes", "page"}
var recColumns = []string{"id", "symbol", "paragraph", "number", "recommending_state", "response", "text", "codes", "assessment", "reason", "page"}

var (
	forms       = map[string]Form{"quoted": Quoted, "quote": Quoted, "summarised": Summarised, "summarized": Summarised, "summary": Summarised}
	asserts     = map[string]Assertion{"improvement": Improvement, "absence": Absence, "other": Other}
	assessments = map[string]Assessment{"implemented": Implemented, "partially implemented": PartiallyImplemented,
		"not implemented": NotImplemented, "no information": NoInformation}
	responses = map[string]Response{"accepted": Accepted, "supported": Accepted, "noted": Noted}
)

// Read reads the optional sheets "claims" and "recommendations" of the codebook workbook b,
// checking every code against cb. Every problem is recorded in diags with its cell; the set
// returned holds the rows that could be read. A workbook without either sheet gives an empty set.
func Read(b *workbook.Book, cb *codebook.Codebook, diags *diag.List) *Set {
	set := &Set{File: b.Name()}
	if t, ok := findSheet(b, ClaimsSheet, diags); ok {
		r := &reader{t: t, cb: cb, diags: diags, rule: "claim", columns: claimColumns,
			required: []string{"id", "symbol", "paragraph", "claim", "form", "codes"}}
		r.read(func(row *row) { readClaim(r, row, set) })
		if r.col["asserts"] == 0 && r.headerOK {
			diags.Warnf(t.Pos(0, 1), "claim.asserts", "row 1 has no column asserts: no claim will be set against the findings; add it with improvement, absence or other for each claim")
		}
	}
	if t, ok := findSheet(b, RecommendationsSheet, diags); ok {
		r := &reader{t: t, cb: cb, diags: diags, rule: "recommendation", columns: recColumns,
			required: []string{"id", "symbol", "text", "assessment", "reason"}}
		r.read(func(row *row) { readRecommendation(r, row, set) })
	}
	return set
}

// findSheet finds a sheet by name; a sheet whose name is near ("Claim", "State claims") is
// warned about, since it is not read.
func findSheet(b *workbook.Book, name string, diags *diag.List) (*workbook.Table, bool) {
	if t, ok := workbook.FindTable(b, name, diags, false); ok {
		return t, true
	}
	if s, ok := codebook.SheetNear(b, name); ok && codebook.Key(s.Name) != "codebook" {
		diags.Warnf(diag.Pos{File: b.Name(), Sheet: s.Name}, "sheet.name",
			"the sheet is not read: %s are read from a sheet named %s; if it holds them, rename it %s", name, name, name)
	}
	return nil, false
}

// reader reads one of the two sheets: the header, then each row's cells by column name.
type reader struct {
	t        *workbook.Table
	cb       *codebook.Codebook
	diags    *diag.List
	rule     string // "claim" or "recommendation": the prefix of the diagnostics' rules
	columns  []string
	required []string
	col      map[string]int
	headerOK bool
	ids      map[string]int // id → row
	byCol    map[int]string // column → name
	count    int
}

// row is one data row: its non-blank cells by column name, and the columns whose cell was
// unreadable (already reported: a date, a spreadsheet error).
type row struct {
	num   int
	cells map[string]*workbook.Cell
	bad   map[string]bool
}

var errTooMany = errors.New("too many rows")

func (r *reader) pos(name string, row int) diag.Pos { return r.t.Pos(r.col[name], row) }

func (r *reader) errorf(name string, row int, kind, format string, args ...any) {
	r.diags.Errorf(r.pos(name, row), r.rule+"."+kind, format, args...)
}

func (r *reader) warnf(name string, row int, kind, format string, args ...any) {
	r.diags.Warnf(r.pos(name, row), r.rule+"."+kind, format, args...)
}

// headerKey is a header as a column name: "Recommending State" is recommending_state.
func headerKey(s string) string {
	return strings.NewReplacer(" ", "_", "-", "_").Replace(codebook.Key(s))
}

func (r *reader) header(cells []workbook.Cell) {
	r.col = map[string]int{}
	names := map[int]string{}
	for _, c := range cells {
		k := headerKey(c.Text)
		if k == "" {
			continue
		}
		names[c.Col] = strings.TrimSpace(c.Text)
		if prev, dup := r.col[k]; dup {
			r.diags.Errorf(r.t.Pos(c.Col, 1), "header.duplicate", "column %s appears twice (also in %s); only the first is read", diag.Quote(names[c.Col]), diag.CellName(prev, 1))
			continue
		}
		known := false
		for _, name := range r.columns {
			known = known || name == k
		}
		if !known {
			msg := "column " + diag.Quote(names[c.Col]) + " is not a column of the " + r.t.Sheet.Name + " sheet and is ignored"
			if s, ok := codebook.SuggestWord(k, r.columns); ok {
				msg += " (did you mean " + strconv.Quote(s) + "?)"
			}
			r.diags.Warnf(r.t.Pos(c.Col, 1), r.rule+".column", "%s", msg)
			continue
		}
		r.col[k] = c.Col
	}
	if ci := r.col["page"]; ci != 0 {
		r.diags.Warnf(r.t.Pos(ci, 1), r.rule+".page", "column page is ignored: cite the document symbol and the paragraph, since the UN renumbers the pages of a document when it publishes it")
	}
	var missing []string
	for _, req := range r.required {
		if r.col[req] == 0 {
			missing = append(missing, req)
		}
	}
	if len(missing) > 0 {
		r.diags.Errorf(r.t.Pos(0, 1), r.rule+".header", "row 1 has no column named %s; the %s sheet needs the columns %s", strings.Join(missing, ", "), r.t.Sheet.Name, strings.Join(r.required, ", "))
		return
	}
	r.byCol = map[int]string{}
	for name, c := range r.col {
		r.byCol[c] = name
	}
	r.headerOK = true
}

// read streams the sheet, giving each non-blank row whose cells are all readable to fn.
func (r *reader) read(fn func(*row)) {
	r.ids = map[string]int{}
	err := r.t.Read(r.header, func(wr *workbook.Row) error {
		if !r.headerOK {
			return nil
		}
		rw := &row{num: wr.Num, cells: map[string]*workbook.Cell{}, bad: map[string]bool{}}
		for i := range wr.Cells {
			c := &wr.Cells[i]
			name := r.byCol[c.Col]
			if name == "" || c.Kind == workbook.String && strings.TrimSpace(c.Text) == "" {
				continue
			}
			rw.cells[name] = c
		}
		if len(rw.cells) == 0 {
			return nil
		}
		r.count++
		if r.count > MaxRows {
			r.diags.Errorf(r.t.Pos(0, wr.Num), r.rule+".rows", "the %s sheet holds more than %d rows; only the first %d are read", r.t.Sheet.Name, MaxRows, MaxRows)
			return errTooMany
		}
		for name, c := range rw.cells {
			if !r.cellOK(name, wr.Num, c) {
				delete(rw.cells, name)
				rw.bad[name] = true
			}
		}
		fn(rw)
		return nil
	})
	if err != nil && !errors.Is(err, errTooMany) {
		r.diags.Errorf(diag.Pos{File: r.t.Book.Name()}, "file.read", "%s", strings.TrimPrefix(err.Error(), r.t.Book.Name()+": "))
	}
}

// cellOK reports problems of the cell itself: a date, a spreadsheet error, a formula without a
// result, a control character.
func (r *reader) cellOK(name string, row int, c *workbook.Cell) bool {
	pos := r.t.Pos(c.Col, row)
	if v, bad := dataset.ErrorValue(c); bad {
		r.diags.Errorf(pos, "cell.error", "the cell holds the spreadsheet error %s: type the %s", diag.Quote(v), strings.ReplaceAll(name, "_", " "))
		return false
	}
	switch c.Kind {
	case workbook.NoValue:
		r.diags.Errorf(pos, "cell.formula", "the formula has no saved result, so its value is unknown: type the %s", strings.ReplaceAll(name, "_", " "))
		return false
	case workbook.Date:
		r.diags.Errorf(pos, "cell.date", "the cell holds a date, not a %s: Excel turns entries like 12-14 into dates; format the column as Text and type it again", strings.ReplaceAll(name, "_", " "))
		return false
	}
	for _, ch := range c.Text {
		if unicode.IsControl(ch) && ch != '\n' && ch != '\t' && ch != '\r' {
			r.diags.Errorf(pos, "cell.control", "the cell holds the control character %s, which no document can print: retype the cell", diag.Quote(string(ch)))
			return false
		}
	}
	return true
}

// text returns the cleaned text of a column's cell, "" when blank.
func (rw *row) text(name string) string {
	c := rw.cells[name]
	if c == nil {
		return ""
	}
	return codebook.Clean(c.Text)
}

// id reads and checks the id column.
func (r *reader) id(rw *row, what string) (string, bool) {
	if rw.bad["id"] {
		return "", false
	}
	id := rw.text("id")
	switch {
	case id == "":
		r.errorf("id", rw.num, "id", "the %s in row %d has no id: give it a short one such as %s", what, rw.num, strings.ToUpper(what[:1])+strconv.Itoa(r.count))
		return "", false
	case !idRE.MatchString(id):
		r.errorf("id", rw.num, "id", "id %s is not valid: use letters, digits, ., - and _ (at most 40), e.g. %s", diag.Quote(id), strings.ToUpper(what[:1])+strconv.Itoa(r.count))
		return "", false
	}
	k := strings.ToLower(id)
	if prev, dup := r.ids[k]; dup {
		r.errorf("id", rw.num, "id", "id %s is used twice (first in row %d): give each %s its own id", diag.Quote(id), prev, what)
		return "", false
	}
	r.ids[k] = rw.num
	return id, true
}

// symbol reads and checks the symbol column.
func (r *reader) symbol(rw *row) (string, bool) {
	if rw.bad["symbol"] {
		return "", false
	}
	typed := rw.text("symbol")
	if typed == "" {
		r.errorf("symbol", rw.num, "symbol", "row %d has no document symbol: give the UN symbol of the document, e.g. CEDAW/C/PRK/2-4", rw.num)
		return "", false
	}
	s, problem, fix := CheckSymbol(typed)
	if problem == "" {
		return s, true
	}
	msg := diag.Quote(typed) + " is not a UN document symbol: " + problem
	if fix != "" {
		msg += " (did you mean " + strconv.Quote(fix) + "?)"
	}
	r.errorf("symbol", rw.num, "symbol", "%s", msg)
	return "", false
}

// paragraph reads the paragraph column; required says whether a missing one is an error.
func (r *reader) paragraph(rw *row, required bool, missing string) (para, page string, ok bool) {
	if rw.bad["paragraph"] {
		return "", "", false
	}
	typed := rw.text("paragraph")
	if typed == "" {
		if required {
			r.errorf("paragraph", rw.num, "paragraph", "%s", missing)
			return "", "", false
		}
		return "", "", true
	}
	para, page, ok = parseParagraph(typed)
	if page != "" {
		r.warnf("paragraph", rw.num, "page", "%s names a page: cite the paragraph instead, since the UN renumbers the pages of a document when it publishes it", diag.Quote(typed))
	}
	if !ok {
		r.errorf("paragraph", rw.num, "paragraph", "%s is not a paragraph number: write it as 45, 45(b) or 12-14", diag.Quote(typed))
		return "", "", false
	}
	return para, page, true
}

// codes reads the codes column: names of the codebook separated by ; or , — each a finding
// (counted, not an identifier). required says whether none is an error.
func (r *reader) codes(rw *row, what string, required bool) ([]string, bool) {
	if rw.bad["codes"] {
		return nil, false
	}
	typed := rw.text("codes")
	if typed == "" {
		if required {
			r.errorf("codes", rw.num, "code", "the %s in row %d names no code: give the codes of the codebook it concerns, separated by ;", what, rw.num)
			return nil, false
		}
		return nil, true
	}
	if r.cb == nil || len(r.cb.Codes) == 0 {
		return nil, false // the codebook could not be read: reported there
	}
	var out []string
	ok := true
	seen := map[string]bool{}
	for _, name := range strings.FieldsFunc(typed, func(r rune) bool { return r == ';' || r == ',' || r == '\n' }) {
		name = strings.TrimSpace(name)
		if name == "" {
			continue
		}
		c := r.cb.Lookup(name)
		switch {
		case c == nil:
			msg := diag.Quote(name) + " is not a code of the codebook"
			if s, found := codebook.Suggest(name, r.cb.Names()); found {
				msg += " (did you mean " + strconv.Quote(s) + "?)"
			}
			r.errorf("codes", rw.num, "code", "%s", msg)
			ok = false
			continue
		case c.Identifier != "":
			kind := "a direct identifier"
			if c.Identifier == codebook.Quasi {
				kind = "a quasi-identifier"
			}
			r.errorf("codes", rw.num, "code", "%s is %s, which describes who was interviewed, not what they told you: name the codes of findings", c.Name, kind)
			ok = false
			continue
		case !c.Counted():
			r.errorf("codes", rw.num, "code", "%s is a %s code, which the comparison has no finding for: name yes/no, category or multi codes", c.Name, c.Type)
			ok = false
			continue
		}
		if !seen[c.Name] {
			seen[c.Name] = true
			out = append(out, c.Name)
		}
	}
	if len(out) == 0 && ok && required {
		r.errorf("codes", rw.num, "code", "the %s in row %d names no code: give the codes of the codebook it concerns, separated by ;", what, rw.num)
		return nil, false
	}
	return out, ok
}

// keyword reads a column of fixed words: a value of words (matched by Key, or written with
// other spaces, hyphens or underscores), or an error with a did-you-mean.
func keyword[T any](r *reader, rw *row, name string, words map[string]T, list string) (T, bool) {
	var zero T
	typed := rw.text(name)
	k := codebook.Key(typed)
	if v, ok := words[k]; ok {
		return v, true
	}
	var cands []string
	for w := range words {
		cands = append(cands, w)
	}
	sortStrings(cands)
	if s, ok := codebook.SuggestWord(typed, cands); ok && squash(s) == squash(typed) {
		return words[s], true
	}
	msg := strings.ReplaceAll(name, "_", " ") + " " + diag.Quote(typed) + " is not " + list
	if s, ok := codebook.SuggestWord(typed, cands); ok {
		msg += " (did you mean " + strconv.Quote(s) + "?)"
	}
	r.errorf(name, rw.num, name, "%s", msg)
	return zero, false
}

func squash(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '_' || r == '-' || r == '/' || r == '.' {
			return -1
		}
		return r
	}, codebook.Key(s))
}

func sortStrings(xs []string) {
	for i := 1; i < len(xs); i++ {
		for j := i; j > 0 && xs[j] < xs[j-1]; j-- {
			xs[j], xs[j-1] = xs[j-1], xs[j]
		}
	}
}

func readClaim(r *reader, rw *row, set *Set) {
	c := Claim{Row: rw.num}
	ok := len(rw.bad) == 0 // an unreadable cell is reported already
	var good bool
	if c.ID, good = r.id(rw, "claim"); !good {
		ok = false
	}
	if c.Symbol, good = r.symbol(rw); !good {
		ok = false
	}
	if c.Paragraph, c.Page, good = r.paragraph(rw, true, "claim "+c.ID+" has no paragraph: give the paragraph of the document where the State party says it (e.g. 45)"); !good {
		ok = false
	}
	if c.Text = rw.text("claim"); c.Text == "" && !rw.bad["claim"] {
		r.errorf("claim", rw.num, "text", "claim %s has no text: give the claim in a sentence, quoted or summarised", c.ID)
		ok = false
	} else if n := len([]rune(c.Text)); n > MaxClaimChars {
		r.warnf("claim", rw.num, "text", "claim %s is %d characters long: give the claim in one sentence (at most %d characters); the symbol and paragraph point to the rest", c.ID, n, MaxClaimChars)
	}
	switch {
	case rw.bad["form"]:
	case rw.text("form") == "":
		r.errorf("form", rw.num, "form", "claim %s does not say whether it is quoted or summarised: write quoted (the State party's own words) or summarised", c.ID)
		ok = false
	default:
		if c.Form, good = keyword(r, rw, "form", forms, "quoted or summarised"); !good {
			ok = false
		}
	}
	c.Asserts = Other
	if rw.text("asserts") != "" {
		if c.Asserts, good = keyword(r, rw, "asserts", asserts, "improvement, absence or other"); !good {
			ok = false
		}
	}
	if c.Codes, good = r.codes(rw, "claim", true); !good {
		ok = false
	}
	if !ok {
		return
	}
	if c.Asserts != Other {
		for _, name := range c.Codes {
			if code := r.cb.Lookup(name); code != nil && code.Direction == codebook.Neutral {
				r.warnf("codes", rw.num, "code", "%s has no direction (neutral), so no finding of it can contradict claim %s: give it a direction in the codebook, or name another code", code.Name, c.ID)
			}
		}
	}
	set.Claims = append(set.Claims, c)
}

func readRecommendation(r *reader, rw *row, set *Set) {
	rec := Recommendation{Row: rw.num, AssessmentPos: r.pos("assessment", rw.num)}
	ok := len(rw.bad) == 0 // an unreadable cell is reported already
	var good bool
	if rec.ID, good = r.id(rw, "recommendation"); !good {
		ok = false
	}
	if rec.Symbol, good = r.symbol(rw); !good {
		ok = false
	}
	if nc := rw.cells["number"]; nc != nil {
		rec.Number = codebook.Clean(nc.Text)
		switch {
		case !uprNumberRE.MatchString(rec.Number):
			r.errorf("number", rw.num, "number", "%s is not the number of a UPR recommendation: write it as in the Working Group's report, e.g. 124.57", diag.Quote(rec.Number))
			ok = false
		case nc.Kind == workbook.Number && len(rec.Number)-strings.Index(rec.Number, ".") == 2:
			r.warnf("number", rw.num, "number", "the cell holds the number %s: Excel drops final zeros, so 124.10 is kept as 124.1; if this is not recommendation %s, format the column as Text and type the number again", rec.Number, rec.Number)
		}
	}
	missingPara := "recommendation " + rec.ID + " has no paragraph: give the paragraph of the concluding observations (e.g. 38), or the number of the UPR recommendation in column number (e.g. 124.57)"
	if r.col["number"] == 0 {
		missingPara = "recommendation " + rec.ID + " has no paragraph: give the paragraph of the concluding observations (e.g. 38); for a UPR recommendation add a column number (e.g. 124.57)"
	}
	if rec.Paragraph, rec.Page, good = r.paragraph(rw, rec.Number == "" && rw.cells["number"] == nil, missingPara); !good {
		ok = false
	}
	rec.RecommendingState = rw.text("recommending_state")
	if rw.text("response") != "" {
		if rec.Response, good = keyword(r, rw, "response", responses, "accepted (supported) or noted"); !good {
			ok = false
		}
	}
	switch {
	case rec.Number != "":
		if rec.RecommendingState == "" && !rw.bad["recommending_state"] {
			r.errorf("recommending_state", rw.num, "upr", "UPR recommendation %s has no recommending State: give the State that made it, as the Working Group's report names it", rec.Number)
			ok = false
		}
		if rw.text("response") == "" && !rw.bad["response"] {
			r.errorf("response", rw.num, "upr", "UPR recommendation %s has no response: write accepted (supported) or noted, as the State party responded", rec.Number)
			ok = false
		}
		if rec.Symbol != "" && !strings.HasPrefix(rec.Symbol, "A/HRC/") {
			r.warnf("symbol", rw.num, "symbol", "UPR recommendations are numbered in the report of the Working Group, whose symbol starts A/HRC/ (e.g. A/HRC/27/10); check %s", rec.Symbol)
		}
	case rw.cells["number"] == nil && (rec.RecommendingState != "" || rw.text("response") != ""):
		col := "recommending_state"
		if rec.RecommendingState == "" {
			col = "response"
		}
		r.errorf(col, rw.num, "upr", "recommendation %s has a recommending State or a response, which only a UPR recommendation has: give its number (e.g. 124.57), or clear the cell", rec.ID)
		ok = false
	}
	if rec.Text = rw.text("text"); rec.Text == "" && !rw.bad["text"] {
		r.errorf("text", rw.num, "text", "recommendation %s has no text: give the recommendation, quoted or shortened", rec.ID)
		ok = false
	}
	switch {
	case rw.bad["assessment"]:
	case rw.text("assessment") == "":
		r.errorf("assessment", rw.num, "assessment", "recommendation %s has no assessment: write implemented, partially implemented, not implemented or no information", rec.ID)
		ok = false
	default:
		if rec.Assessment, good = keyword(r, rw, "assessment", assessments, "implemented, partially implemented, not implemented or no information"); !good {
			ok = false
		}
	}
	if rec.Reason = rw.text("reason"); rec.Reason == "" && !rw.bad["reason"] {
		r.errorf("reason", rw.num, "reason", "recommendation %s has no reason: say in a sentence why you assess it %s", rec.ID, orWord(string(rec.Assessment), "as you do"))
		ok = false
	}
	if rec.Codes, good = r.codes(rw, "recommendation", false); !good {
		ok = false
	}
	if ok {
		set.Recommendations = append(set.Recommendations, rec)
	}
}

func orWord(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}
