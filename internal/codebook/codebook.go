package codebook

import (
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/shadowreport/shadowreport/internal/diag"
	"github.com/shadowreport/shadowreport/internal/workbook"
)

// Type is the kind of answer a code records.
type Type string

// The types of a code (docs/workbooks.md, the codebook).
const (
	YesNo    Type = "yesno"
	Category Type = "category"
	Multi    Type = "multi"
	Number   Type = "number"
	Text     Type = "text"
)

// Direction says which way a change is worse.
type Direction string

// The directions of a code (docs/workbooks.md, the codebook).
const (
	Neutral        Direction = "neutral"
	WorseIfHigher  Direction = "worse_if_higher"
	BetterIfHigher Direction = "better_if_higher"
)

// Identifier marks codes that could identify a person.
type Identifier string

// The identifier kinds of a code (docs/workbooks.md, the codebook); the empty value is an ordinary code.
const (
	Direct Identifier = "direct"
	Quasi  Identifier = "quasi"
)

// Code is one row of the codebook.
type Code struct {
	Name       string
	Label      string
	Labels     map[string]string // other languages: "ko" → label
	Type       Type
	Values     []string // category and multi codes
	Theme      string
	Article    string
	Direction  Direction
	Question   string
	Sensitive  bool
	Identifier Identifier
	// Statement words a yes in a sentence ("said they paid informal school fees"); Ask is a
	// question to the State party's delegation and Recommend a recommendation to the State.
	// All three are optional columns of the codebook (docs/workbooks.md) used by the report templates.
	Statement string
	Ask       string
	Recommend string
	// AbsentMeans says what it means when an imported tool export did not code a yesno code
	// for a person: AbsentNo (the default) or AbsentMissing. Only shadowreport import uses it.
	AbsentMeans string
	Row         int // row in the codebook sheet

	keys map[string]int
}

// Value finds a category value by what a researcher typed; it returns its index.
func (c *Code) Value(typed string) (int, bool) {
	i, ok := c.keys[Key(typed)]
	return i, ok
}

// The values of the codebook column absent_means.
const (
	AbsentNo      = "no"
	AbsentMissing = "missing"
)

// Counted reports whether answers to the code are counted: yes/no, category and multi codes.
func (c *Code) Counted() bool {
	return c.Type == YesNo || c.Type == Category || c.Type == Multi
}

// Codebook is the coding scheme of a project.
type Codebook struct {
	File   string
	Codes  []*Code
	byName map[string]*Code
}

// Lookup finds a code by name, ignoring case and surrounding spaces.
func (cb *Codebook) Lookup(name string) *Code {
	return cb.byName[Key(name)]
}

// Names lists the code names, for suggestions.
func (cb *Codebook) Names() []string {
	out := make([]string, len(cb.Codes))
	for i, c := range cb.Codes {
		out[i] = c.Name
	}
	return out
}

var (
	codeRE  = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
	labelRE = regexp.MustCompile(`^label_([a-z]{2,3}(?:-[a-z0-9]+)?)$`)
)

var columns = []string{"code", "label", "type", "values", "theme", "article", "direction", "question", "sensitive", "identifier", "statement", "ask", "recommend", "absent_means"}

// Read reads the sheet "codebook" of b. Every problem is recorded in diags; the codebook
// returned holds the codes that could be read.
func Read(b *workbook.Book, diags *diag.List) *Codebook {
	cb := &Codebook{File: b.Name(), byName: map[string]*Code{}}
	workbook.WarnHiddenSheets(b, diags, "codebook", "claims", "recommendations")
	t, ok := findTable(b, diags)
	if !ok {
		return cb
	}
	col := map[string]int{}
	langs := map[int]string{}
	header := func(cells []workbook.Cell) {
		for _, c := range cells {
			name := Key(c.Text)
			if name == "" {
				continue
			}
			if prev, dup := col[name]; dup {
				diags.Errorf(t.Pos(c.Col, 1), "header.duplicate", "column %s appears twice (also in %s)", diag.Quote(strings.TrimSpace(c.Text)), diag.CellName(prev, 1))
				continue
			}
			if m := labelRE.FindStringSubmatch(name); m != nil {
				langs[c.Col] = m[1]
				col[name] = c.Col
				continue
			}
			if !slices.Contains(columns, name) {
				msg := "column " + diag.Quote(strings.TrimSpace(c.Text)) + " is not a codebook column and is ignored"
				if s, ok := Suggest(name, columns); ok {
					msg += " (did you mean " + strconv.Quote(s) + "?)"
				}
				diags.Warnf(t.Pos(c.Col, 1), "codebook.column", "%s", msg)
				continue
			}
			col[name] = c.Col
		}
		for _, req := range []string{"code", "label", "type"} {
			if _, ok := col[req]; !ok {
				diags.Errorf(diag.Pos{File: b.Name(), Sheet: t.Sheet.Name, Cell: "1"}, "codebook.header",
					"row 1 has no column named %q; the codebook needs the columns code, label and type", req)
			}
		}
	}
	var langCols []int
	err := t.Read(header, func(r *workbook.Row) error {
		if len(langCols) == 0 && len(langs) > 0 {
			for c := range langs {
				langCols = append(langCols, c)
			}
			sort.Ints(langCols)
		}
		cells := map[int]workbook.Cell{}
		blank := true
		for _, c := range r.Cells {
			cells[c.Col] = c
			if strings.TrimSpace(c.Text) != "" || c.Kind != workbook.String {
				blank = false
			}
		}
		if blank {
			return nil
		}
		get := func(name string) (workbook.Cell, int) {
			ci := col[name]
			if ci == 0 {
				return workbook.Cell{}, 0
			}
			return cells[ci], ci
		}
		text := func(name string) string {
			c, _ := get(name)
			return strings.TrimSpace(c.Text)
		}
		code := &Code{Row: r.Num, Labels: map[string]string{}}
		cc, ccol := get("code")
		code.Name = strings.TrimSpace(cc.Text)
		switch {
		case ccol == 0:
			return nil
		case code.Name == "":
			diags.Errorf(t.Pos(ccol, r.Num), "codebook.code", "row %d has no code; give it an identifier such as edu_fees_paid, or delete the row", r.Num)
			return nil
		case !codeRE.MatchString(code.Name):
			diags.Errorf(t.Pos(ccol, r.Num), "codebook.code", "code %s is not valid: use lower-case letters, digits and _, starting with a letter (e.g. %q)", diag.Quote(code.Name), suggestCode(code.Name))
			return nil
		}
		if prev := cb.byName[code.Name]; prev != nil {
			diags.Errorf(t.Pos(ccol, r.Num), "codebook.duplicate", "code %q is defined twice (first in row %d)", code.Name, prev.Row)
			return nil
		}
		code.Label = Clean(text("label"))
		if code.Label == "" {
			diags.Errorf(t.Pos(col["label"], r.Num), "codebook.label", "code %s has no label; give a short English label for tables", code.Name)
			code.Label = code.Name
		}
		for _, c := range langCols {
			if v := Clean(cells[c].Text); v != "" {
				code.Labels[langs[c]] = v
			}
		}
		typ := Key(text("type"))
		switch Type(typ) {
		case YesNo, Category, Multi, Number, Text:
			code.Type = Type(typ)
		default:
			msg := "code " + code.Name + ": type " + diag.Quote(typ) + " is not one of yesno, category, multi, number, text"
			if typ == "" {
				msg = "code " + code.Name + " has no type; use one of yesno, category, multi, number, text"
			} else if s, ok := SuggestWord(typ, []string{"yesno", "category", "multi", "number", "text"}); ok {
				msg += " (did you mean " + strconv.Quote(s) + "?)"
			}
			diags.Errorf(t.Pos(col["type"], r.Num), "codebook.type", "%s", msg)
		}
		readValues(code, cells, col["values"], t, diags, b)
		code.Theme = Clean(text("theme"))
		code.Article = Clean(text("article"))
		code.Question = Clean(text("question"))
		code.Statement = Clean(text("statement"))
		code.Ask = Clean(text("ask"))
		code.Recommend = Clean(text("recommend"))
		code.Direction = Neutral
		if v := Key(text("direction")); v != "" {
			switch Direction(v) {
			case Neutral, WorseIfHigher, BetterIfHigher:
				code.Direction = Direction(v)
			default:
				msg := "code " + code.Name + ": direction " + diag.Quote(v) + " is not worse_if_higher, better_if_higher or neutral"
				if s, ok := SuggestWord(v, []string{string(WorseIfHigher), string(BetterIfHigher), string(Neutral)}); ok {
					msg += " (did you mean " + strconv.Quote(s) + "?)"
				}
				diags.Errorf(t.Pos(col["direction"], r.Num), "codebook.direction", "%s", msg)
			}
		}
		if v := text("sensitive"); v != "" {
			yes, ok := ParseYesNo(v)
			if !ok {
				diags.Errorf(t.Pos(col["sensitive"], r.Num), "codebook.sensitive", "code %s: sensitive %s is not yes or no", code.Name, diag.Quote(v))
			}
			code.Sensitive = yes
		}
		if v := Key(text("identifier")); v != "" {
			switch Identifier(v) {
			case Direct, Quasi:
				code.Identifier = Identifier(v)
			default:
				msg := "code " + code.Name + ": identifier " + diag.Quote(v) + " is not direct or quasi (leave it blank for ordinary codes)"
				if s, ok := SuggestWord(v, []string{string(Direct), string(Quasi)}); ok {
					msg += " (did you mean " + strconv.Quote(s) + "?)"
				}
				diags.Errorf(t.Pos(col["identifier"], r.Num), "codebook.identifier", "%s", msg)
			}
		}
		code.AbsentMeans = AbsentNo
		if v := Key(text("absent_means")); v != "" {
			switch v {
			case AbsentNo, AbsentMissing:
				code.AbsentMeans = v
				if code.Type != YesNo && code.Type != "" {
					diags.Warnf(t.Pos(col["absent_means"], r.Num), "codebook.absent_means", "code %s is a %s code: absent_means only applies to yesno codes and is ignored", code.Name, code.Type)
				}
			default:
				msg := "code " + code.Name + ": absent_means " + diag.Quote(v) + " is not no or missing (what it means when an imported export did not code " + code.Name + " for a person)"
				if s, ok := Suggest(v, []string{AbsentNo, AbsentMissing}); ok {
					msg += " (did you mean " + strconv.Quote(s) + "?)"
				}
				diags.Errorf(t.Pos(col["absent_means"], r.Num), "codebook.absent_means", "%s", msg)
			}
		}
		if code.Identifier == Quasi && (code.Type == Number || code.Type == Text) {
			diags.Warnf(t.Pos(col["identifier"], r.Num), "codebook.quasi", "code %s is a quasi-identifier of type %s: use a coarse category instead (an age band, not an age); it is left out of the composition tables", code.Name, code.Type)
		}
		cb.Codes = append(cb.Codes, code)
		cb.byName[code.Name] = code
		return nil
	})
	if err != nil {
		diags.Errorf(diag.Pos{File: b.Name()}, "file.read", "%s", strings.TrimPrefix(err.Error(), b.Name()+": "))
	}
	if len(cb.Codes) == 0 && !diags.HasErrors() {
		diags.Errorf(diag.Pos{File: b.Name(), Sheet: t.Sheet.Name}, "codebook.empty", "the codebook defines no codes: add one row per code below the header")
	}
	return cb
}

func readValues(code *Code, cells map[int]workbook.Cell, ci int, t *workbook.Table, diags *diag.List, b *workbook.Book) {
	c := cells[ci]
	if ci == 0 || (strings.TrimSpace(c.Text) == "" && c.Kind != workbook.Date) {
		if code.Type == Category || code.Type == Multi {
			diags.Errorf(t.Pos(max(ci, 1), code.Row), "codebook.values", "code %s is a %s code but lists no values; separate them with ;", code.Name, code.Type)
		}
		return
	}
	if c.Kind == workbook.Date {
		diags.Errorf(t.Pos(ci, code.Row), "cell.date", "code %s: the values cell holds a date; Excel turns entries like \"1-5\" into dates: format the cell as Text and type the values again", code.Name)
		return
	}
	if code.Type != Category && code.Type != Multi {
		if code.Type != "" {
			diags.Warnf(t.Pos(ci, code.Row), "codebook.values", "code %s is a %s code: its values are ignored", code.Name, code.Type)
		}
		return
	}
	code.keys = map[string]int{}
	for _, v := range strings.Split(c.Text, ";") {
		v = Clean(v)
		if v == "" {
			continue
		}
		k := Key(v)
		if _, dup := code.keys[k]; dup {
			diags.Errorf(t.Pos(ci, code.Row), "codebook.values", "code %s lists the value %s twice", code.Name, diag.Quote(v))
			continue
		}
		if NotApplicable(v) {
			diags.Errorf(t.Pos(ci, code.Row), "codebook.values", "code %s: %s means not applicable and cannot be a value; leave it out, answers of %s are counted as not applicable", code.Name, diag.Quote(v), diag.Quote(v))
			continue
		}
		code.keys[k] = len(code.Values)
		code.Values = append(code.Values, v)
	}
	if len(code.Values) > 64 {
		diags.Errorf(t.Pos(ci, code.Row), "codebook.values", "code %s lists %d values; a %s code may have at most 64 (group rare values, which also protects the people who gave them)", code.Name, len(code.Values), code.Type)
		code.Values = code.Values[:64]
	}
}

func suggestCode(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(s)) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == ' ' || r == '-' || r == '_' || r == '.':
			b.WriteByte('_')
		}
	}
	out := strings.Trim(b.String(), "_")
	if out == "" || out[0] < 'a' || out[0] > 'z' {
		out = "c_" + out
	}
	return out
}
