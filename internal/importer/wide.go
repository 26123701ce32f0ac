package importer

import (
	"fmt"
	"strings"

	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/dataset"
	"github.com/shadowreport/shadowreport/internal/diag"
)

// label is a row or column label of a matrix: its row or column number and its text.
type label struct {
	n    int
	text string
}

// readMatrix reads a case × code matrix (NVivo matrix coding and crosstab queries, MAXQDA's Code
// Matrix Browser, ATLAS.ti's Code-Document Table, QualCoder's code counts) in either
// orientation. The first row holding anything is the header, the first column the row labels;
// totals rows and columns and blank rows are dropped.
func readMatrix(g *grid, o *Options, r *resolver, known map[string]bool, t *table, diags *diag.List) {
	hr := firstRow(g)
	if hr == 0 {
		diags.Errorf(g.pos(1, 1), "import.empty", "the table is empty")
		return
	}
	var cols, rows []label
	var dropped []string
	for c := 2; c <= g.width(hr); c++ {
		s := g.str(hr, c)
		switch {
		case s == "":
		case isTotal(s):
			dropped = append(dropped, "column "+quote(s))
		default:
			cols = append(cols, label{c, s})
		}
	}
	for _, rr := range g.after(hr) {
		s := g.str(rr, 1)
		switch {
		case s == "":
		case isTotal(s):
			dropped = append(dropped, "row "+quote(s))
		default:
			rows = append(rows, label{rr, s})
		}
	}
	if len(cols) == 0 || len(rows) == 0 {
		diags.Errorf(g.pos(hr, 1), "import.layout", "this is not a matrix: row %d should label the columns and column A the rows, with counts (or Yes/No) where they cross", hr)
		return
	}
	inRows, why := orient(g, rows, cols, o, r, known)
	dir := "cases in rows, codes in columns"
	if !inRows {
		dir = "cases in columns, codes in rows"
	}
	t.orients = append(t.orients, fmt.Sprintf("%s: %s (%s)", where(g), dir, why))
	if len(dropped) > 0 {
		t.notes = append(t.notes, fmt.Sprintf("%s: dropped the totals %s", where(g), strings.Join(dropped, ", ")))
	}
	caseLabels, codeLabels := rows, cols
	if !inRows {
		caseLabels, codeLabels = cols, rows
	}
	cell := func(cs, cd label) (int, int) { // row and column of the cell where a case and a code cross
		if inRows {
			return cs.n, cd.n
		}
		return cd.n, cs.n
	}
	labelPos := func(l label, isRow bool) diag.Pos {
		if isRow {
			return g.pos(l.n, 1)
		}
		return g.pos(hr, l.n)
	}
	// a label that names a category, multi, number or text code holds answers, not counts (a
	// plain case × code table made by hand, an attribute column of a crosstab)
	vars := make([]*variable, len(codeLabels))
	for i, cd := range codeLabels {
		kind := presence
		if tg, ok := r.code(cd.text); ok && tg.code != nil && tg.value < 0 {
			switch tg.code.Type {
			case codebook.Number, codebook.Text:
				kind = attribute
			case codebook.Category, codebook.Multi:
				// answers when some cell holds a word; counts would need the value in --map
				for _, cs := range caseLabels {
					rr, cc := cell(cs, cd)
					if c := g.at(rr, cc); c.kind == text {
						if _, isNum := parseNumber(c.text); !isNum && !codebook.NotApplicable(c.text) {
							kind = attribute
							break
						}
					}
				}
			}
		}
		vars[i] = t.variable(cd.text, kind, labelPos(cd, !inRows))
	}
	seen := map[string]label{}
	summaries := 0
	file := fileCases{name: g.file}
	defer func() { t.files = append(t.files, file) }()
	for _, cs := range caseLabels {
		at := labelPos(cs, inRows)
		id, ok := o.caseID(cs.text)
		if !ok {
			diags.Errorf(at, "import.id", "%s does not match --id-pattern %s", quote(cs.text), o.IDPattern)
			continue
		}
		if prev, dup := seen[dataset.IDKey(id)]; dup {
			diags.Errorf(at, "import.id", "the case %s appears twice (also %s): each interviewee needs one row or column", id, labelPos(prev, inRows).Cell)
			continue
		}
		seen[dataset.IDKey(id)] = cs
		ci := t.addCase(id, at)
		file.cases = append(file.cases, ci)
		for i, cd := range codeLabels {
			rr, cc := cell(cs, cd)
			if x := g.at(rr, cc); x.kind == broken {
				diags.Errorf(g.pos(rr, cc), "import.cell", "the cell holds %s", brokenText(x))
				continue
			}
			if vars[i].kind == attribute {
				t.set(vars[i], ci, valueCell(g.at(rr, cc), g.pos(rr, cc), true), diags)
				continue
			}
			ob, summary := countCell(g.at(rr, cc), g.pos(rr, cc))
			if ob.num < 0 {
				diags.Errorf(ob.at, "import.count", "%s is not a count: a matrix cell holds how often %s was coded for %s", g.at(rr, cc).text, quote(cd.text), id)
				continue
			}
			if summary != "" {
				summaries++
				if o.IncludeText {
					vars[i].texts = append(vars[i].texts, excerpt{cas: ci, text: summary})
				}
			}
			t.set(vars[i], ci, ob, diags)
		}
	}
	if summaries > 0 {
		t.notes = append(t.notes, fmt.Sprintf("%s: %d cells hold text (framework matrix summaries): read as coded; the text is imported only with --include-text, as unreviewed quotes", where(g), summaries))
	}
}

// orient decides which axis of a matrix holds the cases: --cases-in if given; else the axis
// whose labels are the cases of the --cases sheet; else the other axis than the one whose labels
// match codes of the codebook; else the format's habit.
func orient(g *grid, rows, cols []label, o *Options, r *resolver, known map[string]bool) (bool, string) {
	switch o.CasesIn {
	case "rows":
		return true, "--cases-in rows"
	case "columns":
		return false, "--cases-in columns"
	}
	if len(known) > 0 {
		rk, ck := countCases(rows, o, known), countCases(cols, o, known)
		if rk != ck {
			return rk > ck, fmt.Sprintf("%d row labels and %d column labels are cases of the --cases sheet", rk, ck)
		}
	}
	rm, cm := countCodes(rows, r), countCodes(cols, r)
	if rm != cm {
		return cm > rm, fmt.Sprintf("%d column labels and %d row labels match codes of the codebook", cm, rm)
	}
	switch {
	case o.Format == MAXQDAMatrix || o.Format == AtlasTable:
		return false, "no labels matched codes or cases; " + o.Format + " puts the documents in columns"
	case len(cols) == 1 && len(rows) > 1:
		return false, "no labels matched codes or cases; one data column: one case per file"
	}
	return true, "no labels matched codes or cases; assumed one row per case (use --cases-in to say otherwise)"
}

func countCases(ls []label, o *Options, known map[string]bool) int {
	n := 0
	for _, l := range ls {
		if id, ok := o.caseID(l.text); ok && known[dataset.IDKey(id)] {
			n++
		}
	}
	return n
}

func countCodes(ls []label, r *resolver) int {
	n := 0
	for _, l := range ls {
		if r.matches(l.text) {
			n++
		}
	}
	return n
}

// where names a grid in notes: the file, and the sheet of a workbook.
func where(g *grid) string {
	if g.sheet == "" {
		return g.file
	}
	return g.file + " (sheet " + quote(g.sheet) + ")"
}
