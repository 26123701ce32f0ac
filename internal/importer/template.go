package importer

import (
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/sheet"
)

// TemplateRows is how many rows of a template carry drop-downs and formats.
const TemplateRows = 200

// listsSheet holds the drop-down lists too long for a cell's validation formula. It is visible
// and last: check ignores the sheets it does not read, but warns about hidden ones.
const listsSheet = "lists"

// inlineLimit is the longest list Excel accepts typed into a validation (255 characters).
const inlineLimit = 255

// Template writes a coding workbook for a new wave: the sheet interviews with id, consent and
// one column per code of the codebook (direct identifiers left out), each with a drop-down or
// number check, the code's question as the message shown when a cell is selected and its label
// as a comment on the header; the sheet quotes (id, code, text, reviewed); and, when a list is
// too long to type into a validation, the sheet lists that holds it.
func Template(w io.Writer, cb *codebook.Codebook, wave string, date time.Time) error {
	b := sheet.New()
	defer b.Close()
	t := &tmpl{b: b}
	cols := []column{
		{name: "id", width: 14, text: true, title: "Interviewee id", prompt: "The anonymised interviewee code (e.g. W-001), unique in the wave. Never a name."},
		{name: "consent", width: 12, text: true, list: []string{"quote", "aggregate", "withdrawn"}, title: "Consent",
			prompt: "quote: may be counted and quoted anonymously; aggregate: counted, never quoted; withdrawn: left out of everything."},
	}
	var codes []string
	for _, c := range cb.Codes {
		if c.Identifier == codebook.Direct {
			continue
		}
		codes = append(codes, c.Name)
		cols = append(cols, codeColumn(c))
	}
	interviews := b.Add("interviews")
	quotes := b.Add("quotes")
	if err := t.columns(interviews, cols); err != nil {
		return err
	}
	interviews.FreezeColumns(1)
	quoteCols := []column{
		{name: "id", width: 14, text: true, ref: fmt.Sprintf("interviews!$A$2:$A$%d", TemplateRows+1), title: "Interviewee id",
			prompt: "An id of the interviews sheet. Only quotes of interviewees with consent quote are ever published."},
		{name: "code", width: 24, text: true, list: codes, title: "Code", prompt: "The code the quote illustrates."},
		{name: "text", width: 80, text: true, wrap: true, title: "Quote", prompt: "The passage, as it may be published: no names, places or dates that identify anyone."},
		{name: "reviewed", width: 10, text: true, list: []string{"yes", "no"}, title: "Reviewed",
			prompt: "yes once a second person checked the quote for identifying detail; only reviewed quotes are published."},
	}
	if err := t.columns(quotes, quoteCols); err != nil {
		return err
	}
	t.finishLists()
	b.Props(sheet.Props{
		Title:       "Wave " + wave + ": coding workbook",
		Subject:     "shadowreport template",
		Description: "One row per interviewee, one column per code of the codebook. Row 1 holds the codes: do not rename them.",
		Creator:     "shadowreport template",
		Language:    "en",
		Created:     date,
	})
	return b.Write(w)
}

// column is one column of a template sheet.
type column struct {
	name          string
	label         string // the header's comment
	width         float64
	text          bool     // formatted as Text, so that Excel keeps "1-5" and "007" as typed
	wrap          bool     // long text
	list          []string // a drop-down
	multi         bool     // the list is a suggestion: several values may be typed, separated by ;
	ref           string   // a drop-down of the cells of this range
	number        bool     // a number check
	title, prompt string   // the message shown when a cell is selected
}

func codeColumn(c *codebook.Code) column {
	col := column{name: c.Name, label: c.Label, width: float64(max(12, min(40, utf8.RuneCountInString(c.Name)+2))), title: c.Label}
	col.prompt = c.Question
	hint := ""
	switch c.Type {
	case codebook.YesNo:
		col.text = true
		col.list = []string{"yes", "no", "n/a"}
		hint = "yes or no; n/a when the question does not apply; blank when not asked."
		col.label += "\nyes / no / n/a"
	case codebook.Category:
		col.text = true
		col.list = append(append([]string{}, c.Values...), "n/a")
		col.label += "\none of: " + strings.Join(c.Values, "; ")
		hint = "One of the values; n/a when the question does not apply; blank when not asked."
	case codebook.Multi:
		col.text, col.multi = true, true
		col.list = append(append([]string{}, c.Values...), "n/a")
		col.label += "\none or more of: " + strings.Join(c.Values, "; ") + " (separate them with ;)"
		col.prompt = strings.TrimSpace(col.prompt + " One or more values, separated by ;")
		if _, taken := c.Value(NoneOf); !taken {
			col.list = append(col.list, NoneOf)
			col.label += "\n" + NoneOf + ": answered, but none of them"
			col.prompt += "; " + NoneOf + " when the person answered and none applies."
		}
		hint = col.prompt
	case codebook.Number:
		col.number = true
		col.label += "\na number, or n/a"
		hint = "A number; n/a when the question does not apply; blank when not asked."
	case codebook.Text:
		col.text, col.wrap = true, true
		col.width = 40
		col.label += "\nfree text: never counted or published"
		hint = "Free text, kept in the workbook: never counted or published."
	}
	if col.prompt == "" {
		col.prompt = hint
	}
	if c.Sensitive {
		col.label += "\nsensitive"
	}
	if c.Identifier == codebook.Quasi {
		col.label += "\nquasi-identifier: use the coarse categories"
	}
	return col
}

// tmpl writes template sheets.
type tmpl struct {
	b     *sheet.Book
	lists [][]string // the columns of the lists sheet: name, then values
}

// columns writes the header of a sheet (frozen) and formats its columns: widths, Text format,
// the label as a comment on the header, a drop-down or number check with the prompt.
func (t *tmpl) columns(s *sheet.Sheet, cols []column) error {
	specs := make([]sheet.Column, len(cols))
	names := make([]string, len(cols))
	for i, c := range cols {
		specs[i] = sheet.Column{Width: c.width, Whole: true}
		switch {
		case c.wrap:
			specs[i].Style = sheet.Wrapped
		case c.text:
			specs[i].Style = sheet.TextFormat
		}
		names[i] = c.name
	}
	s.Columns(specs...)
	s.Header(sheet.Header, names...)
	for i, c := range cols {
		if err := t.check(s.Name(), i+1, c); err != nil {
			return fmt.Errorf("%s, column %s: %w", s.Name(), c.name, err)
		}
	}
	return nil
}

// check adds the header's comment and the column's validation.
func (t *tmpl) check(sheetName string, i int, c column) error {
	f := t.b.File()
	letter, _ := excelize.ColumnNumberToName(i)
	head := letter + "1"
	if c.label != "" {
		if err := f.AddComment(sheetName, excelize.Comment{Cell: head, Author: "shadowreport", Text: c.label, Width: 260, Height: 90}); err != nil {
			return err
		}
	}
	dv := excelize.NewDataValidation(true)
	dv.Sqref = fmt.Sprintf("%s2:%s%d", letter, letter, TemplateRows+1)
	switch {
	case c.ref != "":
		dv.SetSqrefDropList(c.ref)
		dv.SetError(excelize.DataValidationErrorStyleStop, "Not in the list", clipRunes("Choose a value of the list.", 225))
	case len(c.list) > 0:
		if err := t.dropList(dv, c); err != nil {
			return err
		}
		if c.multi {
			dv.SetError(excelize.DataValidationErrorStyleInformation, "Several values?", "Several values are allowed: separate them with ; (each must be a value of the list).")
		} else {
			dv.SetError(excelize.DataValidationErrorStyleStop, "Not in the list", clipRunes("Choose one of: "+strings.Join(c.list, ", "), 225))
		}
	case c.number:
		if err := dv.SetRange(-1e9, 1e9, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween); err != nil {
			return err
		}
		dv.SetError(excelize.DataValidationErrorStyleWarning, "Not a number", "Type a number, or n/a when the question does not apply.")
	}
	if c.prompt != "" {
		dv.SetInput(clipRunes(c.title, 32), clipRunes(c.prompt, 255))
	}
	if dv.Type == "" && !dv.ShowInputMessage {
		return nil
	}
	return f.AddDataValidation(sheetName, dv)
}

// dropList sets a list typed into the validation when it fits (255 characters, no comma or
// quote in a value), and otherwise a range of the lists sheet.
func (t *tmpl) dropList(dv *excelize.DataValidation, c column) error {
	inline := len(strings.Join(c.list, ",")) <= inlineLimit
	for _, v := range c.list {
		inline = inline && !strings.ContainsAny(v, `,"`)
	}
	if inline {
		return dv.SetDropList(c.list)
	}
	t.lists = append(t.lists, append([]string{c.name}, c.list...))
	letter, _ := excelize.ColumnNumberToName(len(t.lists))
	dv.SetSqrefDropList(fmt.Sprintf("%s!$%s$2:$%s$%d", listsSheet, letter, letter, len(c.list)+1))
	return nil
}

// finishLists writes the lists sheet, when a list was too long to type into a validation.
func (t *tmpl) finishLists() {
	if len(t.lists) == 0 {
		return
	}
	s := t.b.Add(listsSheet)
	specs := make([]sheet.Column, len(t.lists))
	names := make([]string, len(t.lists))
	longest := 0
	for i, l := range t.lists {
		specs[i] = sheet.Column{Width: 28}
		names[i] = l[0]
		longest = max(longest, len(l)-1)
	}
	s.Columns(specs...)
	s.Header(sheet.Header, names...)
	for r := range longest {
		cells := make([]sheet.Cell, len(t.lists))
		for i, l := range t.lists {
			if r+1 < len(l) {
				cells[i] = sheet.Text(l[r+1])
			}
		}
		s.Row(cells...)
	}
}

func clipRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
