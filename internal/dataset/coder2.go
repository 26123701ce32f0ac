package dataset

import (
	"fmt"
	"math"
	"strings"

	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/diag"
	"github.com/shadowreport/shadowreport/internal/stats"
	"github.com/shadowreport/shadowreport/internal/workbook"
)

// Coder2Sheet is the sheet of a wave of interviews that holds a second, independent coding of
// some interviewees, laid out as the interviews sheet (an id column, one column per code).
const Coder2Sheet = "coder2"

// Coding is a second coding of some of a wave's interviewees.
type Coding struct {
	// Person[i] is the index in Wave.People of the interviewee of the coding's i-th row.
	Person  []int
	Columns []*Column
}

// Column returns the second coding of code, or nil.
func (c *Coding) Column(code *codebook.Code) *Column {
	for _, col := range c.Columns {
		if col.Code == code {
			return col
		}
	}
	return nil
}

// readCoder2 reads the coder2 sheet of wave w, whose interviews are read: every row must be an
// interviewee of the interviews sheet, and its cells are read as the interviews sheet's are.
// Row 1 names the columns: id, and the codes coded again (a consent column is not needed and,
// when there, not read: consent is the interviews sheet's).
func readCoder2(t *workbook.Table, cb *codebook.Codebook, w *Wave, diags *diag.List) {
	second := &Wave{Name: w.Name, File: w.File, Kind: Interviews}
	r := &interviewReader{t: t, cb: cb, w: second, diags: diags, ids: map[string]seenID{}, unnamed: map[int]bool{},
		direct: map[int]string{}, directData: map[int]bool{}, cols: map[int]*Column{}, ignored: map[int]bool{}, names: map[int]string{}}
	headerRead := false
	header := func(cells []workbook.Cell) {
		headerRead = true
		for _, c := range cells {
			raw := strings.TrimSpace(c.Text)
			k := codebook.Key(raw)
			if k == "" {
				continue
			}
			r.names[c.Col] = raw
			code := cb.Lookup(k)
			switch {
			case k == "id" && r.idCol == 0:
				r.idCol = c.Col
			case code != nil && code.Identifier == codebook.Direct:
				r.direct[c.Col] = "is a direct identifier in the codebook"
			case code != nil && r.cols[c.Col] == nil && second.Column(code) == nil:
				col := &Column{Code: code, Col: c.Col}
				r.cols[c.Col] = col
				second.Columns = append(second.Columns, col)
			default:
				if _, ok := IdentifierWord(raw); ok {
					r.direct[c.Col] = "looks like a direct identifier (a name, phone number, address, ...)"
					continue
				}
				r.ignored[c.Col] = true
				if k != "consent" {
					diags.Warnf(t.Pos(c.Col, 1), "coder2.column", "column %s of the %s sheet is not a code of the codebook (or is there twice) and is ignored", diag.Quote(raw), Coder2Sheet)
				}
			}
		}
	}
	if err := t.Read(header, r.row); err != nil {
		fileError(diags, t.Book, err)
		return
	}
	if r.idCol == 0 {
		if headerRead {
			diags.Errorf(t.Pos(0, 1), "header.id", "row 1 of the %s sheet has no column named \"id\": the second coding names each interviewee by the id of the interviews sheet", Coder2Sheet)
		}
		return
	}
	byID := map[string]int{}
	for i, p := range w.People {
		byID[IDKey(p.ID)] = i
	}
	coding := &Coding{}
	keep := make([]bool, len(second.People))
	for i, p := range second.People {
		j, ok := byID[IDKey(p.ID)]
		if !ok {
			diags.Errorf(t.Pos(r.idCol, p.Row), "coder2.id", "%s is not an interviewee of the interviews sheet: the %s sheet may only code again people of this wave; correct the id or delete the row", diag.Quote(p.ID), Coder2Sheet)
			continue
		}
		if w.People[j].Consent == ConsentWithdrawn {
			continue // withdrawn: counted nowhere
		}
		keep[i] = true
		coding.Person = append(coding.Person, j)
	}
	for _, col := range second.Columns {
		if w.Column(col.Code) == nil {
			diags.Warnf(t.Pos(col.Col, 1), "coder2.column", "%s is coded in the %s sheet but not in the interviews sheet: its agreement cannot be measured", col.Code.Name, Coder2Sheet)
			continue
		}
		kept := &Column{Code: col.Code, Col: col.Col}
		for i := range second.People {
			if !keep[i] {
				continue
			}
			kept.State = append(kept.State, col.State[i])
			kept.Bits = append(kept.Bits, col.Bits[i])
			if col.Num != nil {
				kept.Num = append(kept.Num, col.Num[i])
			}
		}
		coding.Columns = append(coding.Columns, kept)
	}
	w.Coder2 = coding
}

// Agreement measures how far the second coding (sheet coder2) agrees with the first on code:
// Krippendorff's alpha for nominal data over the interviewees coded twice, withdrawn
// interviewees left out. A blank answer is a missing value; "not applicable" is a value of
// its own; an answer to a multi code is one value (the set of values given); a number is one
// value per number. ok is false when the wave has no second coding of the code, or the code
// is a text code.
func (w *Wave) Agreement(code *codebook.Code) (stats.AgreementResult, bool) {
	if w.Coder2 == nil || code.Type == codebook.Text {
		return stats.AgreementResult{}, false
	}
	first, second := w.Column(code), w.Coder2.Column(code)
	if first == nil || second == nil {
		return stats.AgreementResult{}, false
	}
	values := map[[2]uint64]int{} // (state, answer) → category
	value := func(c *Column, i int) int {
		if c.State[i] == Missing {
			return stats.Missing
		}
		k := [2]uint64{uint64(c.State[i]), c.Bits[i]}
		if code.Type == codebook.Number && c.State[i] == Answered {
			k[1] = math.Float64bits(c.Num[i])
		}
		v, ok := values[k]
		if !ok {
			v = len(values)
			values[k] = v
		}
		return v
	}
	units := make([][]int, 0, len(w.Coder2.Person))
	for i, p := range w.Coder2.Person {
		units = append(units, []int{value(first, p), value(second, i)})
	}
	return stats.KrippendorffNominal(units), true
}

// MinAlpha is the smallest Krippendorff's alpha at which a code's coding counts as reliable
// enough to draw conclusions from (Krippendorff 2004, Content Analysis, §11.4.4: "data with
// reliabilities between α = .667 and α = .800 only for drawing tentative conclusions").
const MinAlpha = 0.667

// AgreementNote words an agreement for messages: "alpha 0.74 over 12 interviewees coded
// twice, 92% raw agreement".
func AgreementNote(a stats.AgreementResult) string {
	alpha := "alpha not defined (every answer the same)"
	if a.AlphaOK {
		alpha = fmt.Sprintf("alpha %.2f", a.Alpha)
	}
	return fmt.Sprintf("%s over %d interviewees coded twice, %.0f%% raw agreement", alpha, a.Units, a.Agreement*100)
}
