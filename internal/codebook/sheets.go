package codebook

import (
	"errors"
	"strings"

	"github.com/shadowreport/shadowreport/internal/diag"
	"github.com/shadowreport/shadowreport/internal/workbook"
)

var errPeeked = errors.New("peeked")

// PeekHeader returns the keys (Key) of the first row of a sheet that holds cells, reading no
// further: enough to tell what kind of table the sheet holds.
func PeekHeader(b *workbook.Book, s workbook.SheetInfo) ([]string, error) {
	var keys []string
	_, err := b.ReadSheet(s, func(r *workbook.Row) error {
		for _, c := range r.Cells {
			if k := Key(c.Text); k != "" {
				keys = append(keys, k)
			}
		}
		return errPeeked
	})
	if err != nil && !errors.Is(err, errPeeked) {
		return nil, err
	}
	return keys, nil
}

// HasAll reports whether keys holds every one of want.
func HasAll(keys []string, want ...string) bool {
	for _, w := range want {
		found := false
		for _, k := range keys {
			found = found || k == w
		}
		if !found {
			return false
		}
	}
	return true
}

// SheetNear returns the sheet whose name is probably a misspelling or a variant of want
// ("Interveiws", "Interview", "Quotes 2017"), when want itself is absent.
func SheetNear(b *workbook.Book, want string) (workbook.SheetInfo, bool) {
	var names []string
	for _, s := range b.Sheets() {
		names = append(names, s.Name)
	}
	stem := strings.TrimSuffix(want, "s")
	for _, s := range b.Sheets() {
		if strings.Contains(Key(s.Name), stem) {
			return s, true
		}
	}
	if n, ok := Near(want, names); ok {
		for _, s := range b.Sheets() {
			if s.Name == n {
				return s, true
			}
		}
	}
	return workbook.SheetInfo{}, false
}

// SheetList names the sheets of a workbook for a message: "Sheet1", "notes".
func SheetList(b *workbook.Book) string {
	var names []string
	for _, s := range b.Sheets() {
		names = append(names, diag.Quote(s.Name))
	}
	if len(names) == 0 {
		return "no sheet"
	}
	return strings.Join(names, ", ")
}

// findTable finds the codebook's sheet: "codebook", or the only sheet of the workbook when its
// row 1 holds the columns code, label and type (a CSV saved as .xlsx gets a sheet named after
// the file), with a warning. Otherwise an error naming the sheets, with a did-you-mean.
func findTable(b *workbook.Book, diags *diag.List) (*workbook.Table, bool) {
	if _, ok := b.Sheet("codebook"); ok {
		return workbook.FindTable(b, "codebook", diags, true)
	}
	pos := diag.Pos{File: b.Name()}
	if sheets := b.Sheets(); len(sheets) == 1 {
		keys, err := PeekHeader(b, sheets[0])
		if err != nil {
			diags.Errorf(pos, "file.read", "%s", strings.TrimPrefix(err.Error(), b.Name()+": "))
			return nil, false
		}
		if HasAll(keys, "code", "label", "type") {
			diags.Warnf(diag.Pos{File: b.Name(), Sheet: sheets[0].Name}, "sheet.renamed",
				"the workbook's only sheet is read as the codebook; rename the sheet codebook")
			return workbook.FindTable(b, strings.TrimSpace(sheets[0].Name), diags, true)
		}
	}
	msg := "no sheet named \"codebook\" (the workbook has " + SheetList(b) + ")"
	if s, ok := SheetNear(b, "codebook"); ok {
		msg += "; if " + diag.Quote(s.Name) + " is the codebook, rename the sheet codebook"
	}
	diags.Errorf(pos, "sheet.missing", "%s", msg)
	return nil, false
}
