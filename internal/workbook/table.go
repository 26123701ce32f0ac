package workbook

import (
	"sort"
	"strconv"
	"strings"

	"github.com/shadowreport/shadowreport/internal/diag"
	"github.com/shadowreport/shadowreport/internal/english"
)

// Table reads a sheet laid out as a table: row 1 a header, one record per row below it.
// Problems of layout (a missing header, merged or hidden cells, a hidden sheet) are recorded
// in Diags; the callbacks see the header once and then every data row.
type Table struct {
	Book  *Book
	Sheet SheetInfo
	Diags *diag.List
}

// FindTable locates the sheet called name. It records an error naming the sheets the
// workbook has when there is none, and a warning when the sheet is hidden.
func FindTable(b *Book, name string, diags *diag.List, required bool) (*Table, bool) {
	s, ok := b.Sheet(name)
	if !ok {
		if required {
			var names []string
			for _, s := range b.Sheets() {
				names = append(names, strconv.Quote(s.Name))
			}
			diags.Errorf(diag.Pos{File: b.Name()}, "sheet.missing", "no sheet named %q (the workbook has %s)", name, strings.Join(names, ", "))
		}
		return nil, false
	}
	if s.State != Visible {
		diags.Warnf(diag.Pos{File: b.Name(), Sheet: s.Name}, "hidden.sheet", "the sheet is hidden; it was read all the same (unhide it to see what is counted)")
	}
	return &Table{Book: b, Sheet: s, Diags: diags}, true
}

// WarnHiddenSheets warns about hidden sheets other than the ones read, which are ignored.
func WarnHiddenSheets(b *Book, diags *diag.List, read ...string) {
	n := 0
	for _, s := range b.Sheets() {
		if s.State == Visible {
			continue
		}
		used := false
		for _, r := range read {
			used = used || strings.EqualFold(strings.TrimSpace(s.Name), r)
		}
		if used {
			continue
		}
		if n++; n <= maxListed {
			diags.Warnf(diag.Pos{File: b.Name(), Sheet: s.Name}, "hidden.sheet", "the sheet is hidden and was not read (only %s %s read)", strings.Join(read, ", "), english.Plural(len(read), "is", "are"))
		}
	}
	if n > maxListed {
		diags.Warnf(diag.Pos{File: b.Name()}, "hidden.sheet", "and %d more hidden sheets of this kind, not read", n-maxListed)
	}
}

// Pos is the position of a cell of the table.
func (t *Table) Pos(col, row int) diag.Pos {
	return diag.At(t.Book.Name(), t.Sheet.Name, col, row)
}

// Read streams the table. header receives the cells of row 1; row receives every later row.
// header names are used in messages about hidden columns. An error returned by a callback
// stops the read; errors of the file itself are returned too.
func (t *Table) Read(header func(cells []Cell), row func(r *Row) error) error {
	var hidden []int
	headerSeen := false
	names := map[int]string{}
	meta, err := t.Book.ReadSheet(t.Sheet, func(r *Row) error {
		if !headerSeen {
			headerSeen = true
			if r.Num != 1 {
				t.Diags.Errorf(t.Pos(0, 1), "header.missing", "row 1 is empty: row 1 must hold the column names (the table starts at row %d)", r.Num)
			}
			for _, c := range r.Cells {
				names[c.Col] = strings.TrimSpace(c.Text)
			}
			if r.Hidden {
				hidden = append(hidden, r.Num)
			}
			header(r.Cells)
			return nil
		}
		if r.Hidden {
			hidden = append(hidden, r.Num)
		}
		return row(r)
	})
	if err != nil {
		return err
	}
	if !headerSeen {
		header(nil)
	}
	if len(hidden) > 0 {
		t.Diags.Warnf(diag.Pos{File: t.Book.Name(), Sheet: t.Sheet.Name}, "hidden.rows",
			"%s hidden; %s read all the same (unhide them, or delete them if they should not count)",
			english.Plural(len(hidden), "row "+joinInts(hidden, 10)+" is", "rows "+joinInts(hidden, 10)+" are"),
			english.Plural(len(hidden), "it was", "they were"))
	}
	if len(meta.HiddenCols) > 0 {
		var cols []int
		for c := range names {
			if names[c] != "" && meta.ColHidden(c) {
				cols = append(cols, c)
			}
		}
		sort.Ints(cols)
		if len(cols) > 0 {
			var list []string
			for i, c := range cols {
				if i == maxListed {
					list = append(list, "and "+strconv.Itoa(len(cols)-maxListed)+" more")
					break
				}
				list = append(list, diag.ColumnName(c)+" ("+names[c]+")")
			}
			t.Diags.Warnf(diag.Pos{File: t.Book.Name(), Sheet: t.Sheet.Name}, "hidden.columns",
				"%s hidden; read all the same (unhide to see what is counted)",
				english.Plural(len(cols), "column "+strings.Join(list, ", ")+" is", "columns "+strings.Join(list, ", ")+" are"))
		}
	}
	// every merged range is an error; past maxListed of a kind, one more error counts the rest
	nHeader, nCells := 0, 0
	for _, m := range meta.Merges {
		ref := diag.CellName(m.Col1, m.Row1) + ":" + diag.CellName(m.Col2, m.Row2)
		if m.Row1 == 1 {
			if nHeader++; nHeader <= maxListed {
				t.Diags.Errorf(t.Pos(m.Col1, 1), "header.merged",
					"header cells %s are merged: each column needs its own name in row 1; unmerge them", ref)
			}
		} else if nCells++; nCells <= maxListed {
			t.Diags.Errorf(t.Pos(m.Col1, m.Row1), "cell.merged",
				"cells %s are merged, so only %s holds a value: unmerge them and fill every cell", ref, diag.CellName(m.Col1, m.Row1))
		}
	}
	if more := meta.MergeCount - min(nHeader, maxListed) - min(nCells, maxListed); more > 0 {
		t.Diags.Errorf(diag.Pos{File: t.Book.Name(), Sheet: t.Sheet.Name}, "cell.merged",
			"and %d more merged %s of this kind: unmerge every cell of the sheet (select all, then Unmerge Cells)", more, english.Plural(more, "range", "ranges"))
	}
	return nil
}

// maxListed is how many diagnostics of one kind a sheet gets before one that counts the rest.
const maxListed = 10

// joinInts lists up to limit numbers, then how many more.
func joinInts(xs []int, limit int) string {
	var parts []string
	for i, x := range xs {
		if i == limit {
			parts = append(parts, "and "+strconv.Itoa(len(xs)-limit)+" more")
			break
		}
		parts = append(parts, strconv.Itoa(x))
	}
	return strings.Join(parts, ", ")
}
