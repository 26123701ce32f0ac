package importer

import (
	"fmt"
	"strings"

	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/dataset"
	"github.com/shadowreport/shadowreport/internal/diag"
)

// koboMeta are the columns KoboToolbox and ODK add to every submission; they are never data.
// Any column whose last part starts with "_" is metadata too.
var koboMeta = map[string]bool{
	"start": true, "end": true, "today": true, "deviceid": true, "subscriberid": true, "simserial": true,
	"phonenumber": true, "username": true, "email": true, "audit": true, "instanceid": true,
	"instancename": true, "deprecatedid": true, "uuid": true, "formhub/uuid": true, "meta/instanceid": true,
	"meta/instancename": true, "meta/deprecatedid": true, "meta/audit": true, "starttime": true, "endtime": true,
}

// skipped marks a column that is read by other means (a select_multiple's summary column).
const skipped varKind = 255

// isKoboMeta reports whether a column of a Kobo export is metadata.
func isKoboMeta(name string) bool {
	k := codebook.Key(name)
	leaf := k
	if i := strings.LastIndex(k, "/"); i >= 0 {
		leaf = k[i+1:]
	}
	return koboMeta[k] || koboMeta[leaf] || strings.HasPrefix(leaf, "_")
}

// koboIDNames are the columns taken as the interviewee id when --id-column is not given.
var koboIDNames = []string{"id", "interviewee_id", "interviewee", "respondent_id", "respondent", "participant_id", "participant", "case_id", "case", "interview_id", "code"}

// readKobo reads the main sheet of a KoboToolbox or ODK export: one submission per row. Option
// columns of select_multiple questions ("question/option") hold the text "1" or "0", blank when
// the question was not asked; the summary column beside them is skipped. Other questions are
// answers to map on codes (select_one, numbers); "question_other" columns are free text.
func readKobo(g *grid, o *Options, t *table, diags *diag.List) error {
	hr := firstRow(g)
	if hr == 0 {
		diags.Errorf(g.pos(1, 1), "import.empty", "the table is empty")
		return nil
	}
	type column struct {
		c    int
		name string
	}
	var cols []column
	byKey := map[string]int{}
	for c := 1; c <= len(g.rowAt(hr)); c++ {
		if s := g.str(hr, c); s != "" {
			cols = append(cols, column{c, s})
			if _, dup := byKey[codebook.Key(s)]; !dup {
				byKey[codebook.Key(s)] = c
			}
		}
	}
	idCol := 0
	if o.IDColumn != "" {
		idCol = byKey[codebook.Key(o.IDColumn)]
		if idCol == 0 {
			for _, c := range cols {
				if leaf(c.name) == codebook.Key(o.IDColumn) {
					idCol = c.c
					break
				}
			}
		}
		if idCol == 0 {
			return &UsageError{Msg: fmt.Sprintf("--id-column %q: %s has no such column", o.IDColumn, where(g))}
		}
	} else {
		for _, n := range koboIDNames {
			for _, c := range cols {
				if leaf(c.name) == n {
					idCol = c.c
					break
				}
			}
			if idCol > 0 {
				break
			}
		}
		if idCol == 0 {
			return &UsageError{Msg: fmt.Sprintf("%s has no column of interviewee ids (id, interviewee_id, respondent_id, ...): name it with --id-column (for example --id-column _index)", where(g))}
		}
	}
	if dataset.LooksLikeIdentifier(g.str(hr, idCol)) {
		return &UsageError{Msg: fmt.Sprintf("--id-column %q looks like a direct identifier: a wave's ids must be anonymised codes, never names or phone numbers", g.str(hr, idCol))}
	}
	t.notes = append(t.notes, fmt.Sprintf("%s: read as a KoboToolbox/ODK export; the interviewee ids are column %s (%s)", where(g), diag.ColumnName(idCol), g.str(hr, idCol)))
	if len(g.others) > 0 {
		t.notes = append(t.notes, fmt.Sprintf("%s: only the first sheet (the main form) is read; the sheets %s (repeat groups) are not imported", g.file, strings.Join(g.others, ", ")))
	}
	// classify the columns
	kinds := map[int]varKind{}
	question := map[int]string{}
	var metas, summaries []string
	isOption := func(c column) (string, bool) {
		i := strings.LastIndex(c.name, "/")
		if i <= 0 || i == len(c.name)-1 {
			return "", false
		}
		q := c.name[:i]
		if byKey[codebook.Key(q)] > 0 {
			return q, true
		}
		// "details only" exports have no summary column: options are siblings holding 1/0
		siblings := 0
		for _, d := range cols {
			if d.c != c.c && strings.HasPrefix(codebook.Key(d.name), codebook.Key(q)+"/") {
				siblings++
			}
		}
		return q, siblings > 0 && allOptionCells(g, hr, c.c)
	}
	summary := map[string]bool{}
	for _, c := range cols {
		if q, ok := isOption(c); ok && c.c != idCol && !isKoboMeta(c.name) {
			kinds[c.c] = presence
			question[c.c] = q
			summary[codebook.Key(q)] = true
		}
	}
	for _, c := range cols {
		switch {
		case c.c == idCol || kinds[c.c] != 0:
		case isKoboMeta(c.name):
			metas = append(metas, c.name)
		case summary[codebook.Key(c.name)]:
			summaries = append(summaries, c.name)
			kinds[c.c] = skipped
		case strings.HasSuffix(codebook.Key(c.name), "_other") && byKey[strings.TrimSuffix(codebook.Key(c.name), "_other")] > 0:
			kinds[c.c] = freeText
		default:
			kinds[c.c] = attribute
		}
	}
	if len(metas) > 0 {
		t.notes = append(t.notes, fmt.Sprintf("%s: metadata columns ignored: %s", g.file, strings.Join(metas, ", ")))
	}
	if len(summaries) > 0 {
		t.notes = append(t.notes, fmt.Sprintf("%s: select_multiple summary columns skipped (their option columns are read): %s", g.file, strings.Join(summaries, ", ")))
	}
	vars := map[int]*variable{}
	for _, c := range cols {
		switch kinds[c.c] {
		case presence:
			v := t.variable(c.name, presence, g.pos(hr, c.c))
			v.question = question[c.c]
			v.option = c.name[len(question[c.c])+1:]
			vars[c.c] = v
		case attribute:
			vars[c.c] = t.variable(c.name, attribute, g.pos(hr, c.c))
		case freeText:
			v := t.variable(c.name, freeText, g.pos(hr, c.c))
			v.textOf = c.name[:len(c.name)-len("_other")]
			vars[c.c] = v
		}
	}
	seen := map[string]int{}
	for r := hr + 1; r <= len(g.rows); r++ {
		if len(g.rowAt(r)) == 0 {
			continue
		}
		raw := g.str(r, idCol)
		if raw == "" {
			diags.Errorf(g.pos(r, idCol), "import.id", "row %d has answers but no interviewee id in column %s", r, g.str(hr, idCol))
			continue
		}
		id, ok := o.rowCaseID(g, r, idCol, seen, "the id %s is used twice (also in row %d): a wave has one row per interviewee", diags)
		if !ok {
			continue
		}
		cas := t.addCase(id, g.pos(r, idCol))
		for _, c := range cols {
			v := vars[c.c]
			if v == nil {
				continue
			}
			at := g.pos(r, c.c)
			switch v.kind {
			case presence:
				ob, ok := optionCell(g.at(r, c.c), at)
				if !ok {
					diags.Errorf(at, "import.option", "%q is not 1, 0 or blank: an option column of a select_multiple question holds 1 (selected), 0 (not selected) or nothing (not asked)", g.at(r, c.c).text)
					continue
				}
				t.set(v, cas, ob, diags)
			case attribute:
				t.set(v, cas, valueCell(g.at(r, c.c), at, false), diags)
			case freeText:
				if s := strings.TrimSpace(g.at(r, c.c).text); s != "" && o.IncludeText {
					v.texts = append(v.texts, excerpt{cas: cas, text: s})
				}
			}
		}
	}
	return nil
}

// leaf is the key of the last part of a Kobo column name ("group/question" → "question").
func leaf(name string) string {
	k := codebook.Key(name)
	if i := strings.LastIndex(k, "/"); i >= 0 {
		return k[i+1:]
	}
	return k
}

// allOptionCells reports whether every cell of a column below the header is 1, 0 or blank.
func allOptionCells(g *grid, hr, c int) bool {
	for r := hr + 1; r <= len(g.rows); r++ {
		if _, ok := optionCell(g.at(r, c), diag.Pos{}); !ok {
			return false
		}
	}
	return true
}
