package dataset

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/diag"
	"github.com/shadowreport/shadowreport/internal/workbook"
)

// maxQuoteText bounds the text of a wave's quotes (and their translations): every quote is
// scanned for what could identify someone, which costs up to a microsecond a character for
// text built to slow the scanner, and a sheet of a few kilobytes can repeat a long quote,
// changed a little each time, thousands of times. 2 MB is some 1,000 pages: 5,000 interviewees
// quoted once each at the length of a paragraph.
const maxQuoteText = 2 << 20

var errQuotesFull = errors.New("the quotes hold too much text")

// readQuotes reads the optional quotes sheet: id, code, text, reviewed and, optionally,
// translation (the text in the report's language).
func readQuotes(t *workbook.Table, cb *codebook.Codebook, w *Wave, diags *diag.List) {
	col := map[string]int{}
	header := func(cells []workbook.Cell) {
		for _, c := range cells {
			k := codebook.Key(c.Text)
			switch k {
			case "id", "code", "text", "reviewed", "translation":
				col[k] = c.Col
			case "":
			default:
				diags.Warnf(t.Pos(c.Col, 1), "column.unknown", "column %s is not one of id, code, text, reviewed, translation and is ignored", diag.Quote(strings.TrimSpace(c.Text)))
			}
		}
		for _, req := range []string{"id", "code", "text"} {
			if col[req] == 0 {
				diags.Errorf(t.Pos(0, 1), "header.quotes", "row 1 has no column named %q; quotes need id, code, text and reviewed", req)
			}
		}
	}
	person := map[string]int{}
	for i, p := range w.People {
		person[IDKey(p.ID)] = i
	}
	text := 0 // bytes of the quotes read, against maxQuoteText
	err := t.Read(header, func(r *workbook.Row) error {
		if col["id"] == 0 || col["code"] == 0 || col["text"] == 0 {
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
		for _, c := range cells {
			if v, bad := ErrorValue(c); bad {
				diags.Errorf(t.Pos(c.Col, r.Num), "cell.error", "the cell holds the spreadsheet error %s: a quote's id, code, text and reviewed must be typed, not computed", diag.Quote(v))
				return nil
			}
			if c.Kind == workbook.NoValue {
				diags.Errorf(t.Pos(c.Col, r.Num), "cell.formula", "the formula has no saved result, so its value is unknown: type the value")
				return nil
			}
		}
		q := Quote{Row: r.Num, Person: -1, TextCol: col["text"], TranslationCol: col["translation"]}
		ok := true
		if c := cells[col["id"]]; c == nil {
			diags.Errorf(t.Pos(col["id"], r.Num), "quote.id", "the quote in row %d has no id", r.Num)
			ok = false
		} else {
			q.ID = codebook.Clean(cellText(c))
			if i, found := person[IDKey(q.ID)]; found {
				q.Person = i
			} else {
				diags.Errorf(t.Pos(col["id"], r.Num), "quote.id", "id %s is not an interviewee of the interviews sheet", diag.Quote(q.ID))
				ok = false
			}
		}
		if c := cells[col["code"]]; c == nil {
			diags.Errorf(t.Pos(col["code"], r.Num), "quote.code", "the quote in row %d has no code: say which finding it illustrates", r.Num)
			ok = false
		} else if q.Code = cb.Lookup(cellText(c)); q.Code == nil {
			msg := fmt.Sprintf("%s is not a code of the codebook", diag.Quote(cellText(c)))
			if s, found := codebook.Suggest(cellText(c), cb.Names()); found {
				msg += " (did you mean " + strconv.Quote(s) + "?)"
			}
			diags.Errorf(t.Pos(col["code"], r.Num), "quote.code", "%s", msg)
			ok = false
		}
		if c := cells[col["text"]]; c == nil {
			diags.Errorf(t.Pos(col["text"], r.Num), "quote.text", "the quote in row %d has no text", r.Num)
			ok = false
		} else {
			q.Text = strings.TrimSpace(cellText(c))
		}
		if c := cells[col["translation"]]; c != nil && col["translation"] != 0 {
			q.Translation = strings.TrimSpace(cellText(c))
		}
		if c := cells[col["reviewed"]]; c != nil {
			yes, valid := codebook.ParseYesNo(cellText(c))
			if !valid {
				diags.Errorf(t.Pos(col["reviewed"], r.Num), "quote.reviewed", "reviewed %s is not yes or no", diag.Quote(cellText(c)))
				ok = false
			}
			q.Reviewed = yes
		}
		if !ok {
			return nil
		}
		if w.People[q.Person].Consent == ConsentWithdrawn {
			diags.Warnf(t.Pos(col["id"], r.Num), "quote.withdrawn", "%s withdrew: this quote will never be used; delete it", q.ID)
		}
		if text += len(q.Text) + len(q.Translation); text > maxQuoteText {
			diags.Errorf(t.Pos(col["text"], r.Num), "quote.size", "the quotes up to row %d hold more than %d MB of text, more than any report could quote (a report quotes a few dozen); keep in the sheet only the quotes you might publish", r.Num, maxQuoteText>>20)
			return errQuotesFull
		}
		w.Quotes = append(w.Quotes, q)
		return nil
	})
	if err != nil && err != errQuotesFull {
		fileError(diags, t.Book, err)
	}
}
