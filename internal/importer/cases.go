package importer

import (
	"fmt"
	"strings"

	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/dataset"
	"github.com/shadowreport/shadowreport/internal/diag"
)

// systemColumns are the columns of attribute sheets that describe the file, not the person:
// QualCoder's Memo, Id and Files; MAXQDA's system variables.
var systemColumns = map[string]bool{
	"memo": true, "memos": true, "files": true, "id": true, "document group": true, "created by": true,
	"creation date": true, "created": true, "modified by": true, "modified": true, "last modified": true,
	"last modified by": true, "coded segments": true, "number of coded segments": true, "memo text": true,
}

// readCases reads a sheet of case attributes, one case per row: an NVivo classification sheet
// (A1 the classification's name, row 1 the attribute names, column A the case names), QualCoder
// case attributes (Name, Memo, Id, Files, then the attributes) or MAXQDA document variables
// (Document group, Document name, system variables, then the user's). Unassigned and Not
// Applicable, NVivo's placeholders, are missing.
func readCases(g *grid, o *Options, diags *diag.List) *table {
	ct := newTable()
	hr := firstRow(g)
	if hr == 0 {
		diags.Errorf(g.pos(1, 1), "import.empty", "the --cases sheet is empty")
		return ct
	}
	caseCol := 1
	for c := 1; c <= g.width(hr); c++ {
		if codebook.Key(g.str(hr, c)) == "document name" {
			caseCol = c
		}
	}
	var skipped []string
	vars := map[int]*variable{}
	for c := 1; c <= g.width(hr); c++ {
		name := g.str(hr, c)
		switch {
		case c == caseCol || name == "":
		case systemColumns[codebook.Key(name)]:
			skipped = append(skipped, name)
			ct.skippedNames = append(ct.skippedNames, name)
		default:
			vars[c] = ct.variable(name, attribute, g.pos(hr, c))
		}
	}
	ct.notes = append(ct.notes, fmt.Sprintf("%s: case attributes, the cases in column %s", where(g), diag.ColumnName(caseCol)))
	if len(skipped) > 0 {
		ct.notes = append(ct.notes, fmt.Sprintf("%s: system columns ignored: %s", g.file, strings.Join(skipped, ", ")))
	}
	seen := map[string]int{}
	for _, r := range g.after(hr) {
		raw := g.str(r, caseCol)
		if raw == "" {
			continue
		}
		id, ok := o.rowCaseID(g, r, caseCol, seen, "the case %s appears twice (also in row %d)", diags)
		if !ok {
			continue
		}
		cas := ct.addCase(id, g.pos(r, caseCol))
		for c, v := range vars {
			if x := g.at(r, c); x.kind == broken {
				diags.Errorf(g.pos(r, c), "import.cell", "the cell holds %s", brokenText(x))
				continue
			}
			ct.set(v, cas, valueCell(g.at(r, c), g.pos(r, c), true), diags)
		}
	}
	return ct
}

// join adds the attributes of the --cases sheet to the coded cases. Cases with attributes but no
// coded data are left out (the coded data says who was interviewed); the notes name both kinds
// of mismatch.
func join(t, ct *table) {
	var extra, bare []string
	for i, id := range ct.cases {
		if _, ok := t.byCase[dataset.IDKey(id)]; !ok {
			extra = append(extra, ct.cases[i])
		}
	}
	for _, id := range t.cases {
		if _, ok := ct.byCase[dataset.IDKey(id)]; !ok {
			bare = append(bare, id)
		}
	}
	for _, cv := range ct.vars {
		v := t.variable(cv.name, attribute, cv.at)
		for ci, o := range cv.obs {
			if i, ok := t.byCase[dataset.IDKey(ct.cases[ci])]; ok {
				v.obs[i] = o
			}
		}
	}
	t.notes = append(t.notes, ct.notes...)
	t.skippedNames = append(t.skippedNames, ct.skippedNames...)
	if len(extra) > 0 {
		t.notes = append(t.notes, fmt.Sprintf("%d cases of the --cases sheet have no coded data and are not imported: %s", len(extra), list(extra, 10)))
	}
	if len(bare) > 0 {
		t.notes = append(t.notes, fmt.Sprintf("%d coded cases are not in the --cases sheet; their attributes are missing: %s", len(bare), list(bare, 10)))
	}
}

func list(xs []string, limit int) string {
	if len(xs) > limit {
		return strings.Join(xs[:limit], ", ") + fmt.Sprintf(" and %d more", len(xs)-limit)
	}
	return strings.Join(xs, ", ")
}
