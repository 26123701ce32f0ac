package importer

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/dataset"
	"github.com/shadowreport/shadowreport/internal/diag"
)

// koboMeta are the columns KoboToolbox, Ona and ODK add to every submission; they are never data.
// Any column whose last part starts with "_" is metadata too.
var koboMeta = map[string]bool{
	"start": true, "end": true, "today": true, "deviceid": true, "subscriberid": true, "simserial": true,
	"phonenumber": true, "username": true, "email": true, "audit": true, "instanceid": true,
	"instancename": true, "deprecatedid": true, "uuid": true, "formhub/uuid": true, "meta/instanceid": true,
	"meta/instancename": true, "meta/deprecatedid": true, "meta/audit": true, "starttime": true, "endtime": true,
}

// skipped marks a column that is read by other means (a select_multiple's summary column).
const skipped varKind = 255

// rankChoice is the column KoboToolbox writes per place of a rank question: "q/_1st_choice".
var rankChoice = regexp.MustCompile(`^_(\d+)(st|nd|rd|th)_choice$`)

// isMeta reports whether a column of a survey export is metadata.
func (l *surveyLayout) isMeta(name string) bool {
	k := codebook.Key(name)
	k = strings.TrimPrefix(k, "x.u.feff.") // R's name for a column whose header began with a BOM
	if koboMeta[k] || odkCentralMarks[k] || onaMarks[k] || (l.naMissing && rMarks[k]) {
		return true
	}
	switch l.format {
	case ODKCentral:
		if k == "status" || k == "deviceid" || k == "edits" || strings.HasPrefix(k, "meta-") {
			return true
		}
	case GoogleForms:
		if k == "timestamp" || k == "marca temporal" || k == "horodateur" || k == "zeitstempel" {
			return true
		}
	}
	leaf := l.leafKey(name)
	if rankChoice.MatchString(leaf) {
		return false
	}
	return koboMeta[leaf] || strings.HasPrefix(leaf, "_")
}

// leafKey is the key of the last part of a column name ("group/question" → "question").
func (l *surveyLayout) leafKey(name string) string {
	k := codebook.Key(name)
	best := -1
	for _, sep := range append([]string{"/"}, l.groupSeps...) {
		if i := strings.LastIndex(k, sep); i > best && i < len(k)-len(sep) {
			best = i + len(sep)
		}
	}
	if best < 0 {
		return k
	}
	return k[best:]
}

// koboIDNames are the columns taken as the interviewee id when --id-column is not given.
var koboIDNames = []string{"id", "interviewee_id", "interviewee", "respondent_id", "respondent", "participant_id", "participant", "case_id", "case", "interview_id", "code"}

// surveyColumn is one column of a survey export.
type surveyColumn struct {
	c    int
	name string
}

// readSurvey reads the main sheet of a KoboToolbox, Ona, ODK Central or Google Forms export:
// one submission per row. Option columns of select_multiple questions ("question/option") hold
// 1 or 0 (TRUE or FALSE after R, True or False from Ona), blank when the question was not asked;
// the summary column beside them is skipped. Other questions are answers to map on codes
// (select_one, numbers, and select_multiple exported as one column of choice names); rank
// questions give one answer per place; "question_other" columns are free text.
func readSurvey(g *grid, l surveyLayout, o *Options, t *table, diags *diag.List) error {
	hr := firstRow(g)
	if hr == 0 {
		diags.Errorf(g.pos(1, 1), "import.empty", "the table is empty")
		return nil
	}
	for _, sep := range o.Separators {
		if sep == "." && !l.naMissing {
			l = rLayout(l) // --separator . : R's "question.option" columns
		}
	}
	var cols []surveyColumn
	byKey := map[string]int{}
	for c := 1; c <= g.width(hr); c++ {
		if s := g.str(hr, c); s != "" {
			cols = append(cols, surveyColumn{c, s})
			if _, dup := byKey[codebook.Key(s)]; !dup {
				byKey[codebook.Key(s)] = c
			}
		}
	}
	idCol, err := l.idColumn(g, hr, cols, byKey, o)
	if err != nil {
		return err
	}
	if dataset.LooksLikeIdentifier(g.str(hr, idCol)) {
		return &UsageError{Msg: fmt.Sprintf("--id-column %s looks like a direct identifier: a wave's ids must be anonymised codes, never names, e-mail addresses or phone numbers", quote(g.str(hr, idCol)))}
	}
	t.notes = append(t.notes, fmt.Sprintf("%s: read as %s; the interviewee ids are column %s (%s)", where(g), l.tool, diag.ColumnName(idCol), g.str(hr, idCol)))
	if l.naMissing {
		t.notes = append(t.notes, fmt.Sprintf("%s: NA is read as missing (R's missing value), and question.option columns of TRUE and FALSE as select_multiple options", g.file))
	}
	if len(g.others) > 0 {
		t.notes = append(t.notes, fmt.Sprintf("%s: only the first sheet (the main form) is read; the sheets %s (repeat groups) are not imported", g.file, strings.Join(g.others, ", ")))
	}
	cl := l.classify(g, hr, cols, byKey, idCol, t)
	vars := map[int]*variable{}
	for _, c := range cols {
		switch cl.kinds[c.c] {
		case presence:
			v := t.variable(c.name, presence, g.pos(hr, c.c))
			v.question = cl.question[c.c]
			v.option = cl.option[c.c]
			vars[c.c] = v
		case attribute:
			v := t.variable(c.name, attribute, g.pos(hr, c.c))
			v.lists = l.lists
			v.rank = cl.rank[c.c]
			vars[c.c] = v
		case freeText:
			v := t.variable(c.name, freeText, g.pos(hr, c.c))
			v.textOf = c.name[:len(c.name)-len("_other")]
			vars[c.c] = v
		}
	}
	seen := map[string]int{}
	for _, r := range g.after(hr) {
		if g.str(r, idCol) == "" {
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
			x := g.at(r, c.c)
			if l.naMissing && strings.TrimSpace(x.text) == "NA" {
				x = cell{}
			}
			if x.kind == broken {
				diags.Errorf(at, "import.cell", "the cell holds %s", brokenText(x))
				continue
			}
			switch v.kind {
			case presence:
				ob, ok := optionCell(x, at)
				if !ok {
					diags.Errorf(at, "import.option", "%s is not 1, 0 or blank: an option column of a select_multiple question holds 1 (selected), 0 (not selected) or nothing (not asked)", quote(x.text))
					continue
				}
				t.set(v, cas, ob, diags)
			case attribute:
				t.set(v, cas, valueCell(x, at, false), diags)
			case freeText:
				if s := strings.TrimSpace(x.text); s != "" && o.IncludeText {
					v.texts = append(v.texts, excerpt{cas: cas, text: s})
				}
			}
		}
	}
	return nil
}

// idColumn finds the column of interviewee ids: --id-column (by its full name, then by its last
// part), else the first column named like an id.
func (l *surveyLayout) idColumn(g *grid, hr int, cols []surveyColumn, byKey map[string]int, o *Options) (int, error) {
	if o.IDColumn != "" {
		if c := byKey[codebook.Key(o.IDColumn)]; c > 0 {
			return c, nil
		}
		for _, c := range cols {
			if l.leafKey(c.name) == codebook.Key(o.IDColumn) {
				return c.c, nil
			}
		}
		return 0, &UsageError{Msg: fmt.Sprintf("--id-column %s: %s has no such column", quote(o.IDColumn), where(g))}
	}
	for _, n := range koboIDNames {
		for _, c := range cols {
			if l.leafKey(c.name) == n {
				return c.c, nil
			}
		}
	}
	hint := "for example --id-column _index, which numbers the submissions 1, 2, 3"
	switch l.format {
	case GoogleForms:
		hint = "for example the question where the interviewer typed the interviewee's code; --id-column " + g.str(hr, 1) + " would use the time of each response"
	case ODKCentral:
		hint = "for example the question where the interviewer typed the interviewee's code"
	}
	return 0, &UsageError{Msg: fmt.Sprintf("%s has no column of interviewee ids (id, interviewee_id, respondent_id, ...): name it with --id-column (%s)", where(g), hint)}
}

// surveyColumns is what each column of a survey export is.
type surveyColumns struct {
	kinds            map[int]varKind
	question, option map[int]string
	rank             map[int]string // the rank question a "q/_1st_choice" column belongs to
}

// classify decides what each column is: the id, metadata, an option of a select_multiple, a
// select_multiple's summary (skipped when its options are there), a place of a rank question, the
// free text of an "or other", or an answer.
func (l *surveyLayout) classify(g *grid, hr int, cols []surveyColumn, byKey map[string]int, idCol int, t *table) surveyColumns {
	cl := surveyColumns{kinds: map[int]varKind{}, question: map[int]string{}, option: map[int]string{}, rank: map[int]string{}}
	var metas, summaries, ranks, rankSums []string
	splitOption := func(c surveyColumn) (q, opt string, ok bool) {
		for _, sep := range l.optionSeps {
			i := strings.LastIndex(c.name, sep)
			if i <= 0 || i >= len(c.name)-len(sep) {
				continue
			}
			q, opt = c.name[:i], c.name[i+len(sep):]
			if byKey[codebook.Key(q)] > 0 {
				return q, opt, true
			}
			// "details only" exports have no summary column: options are siblings holding 1/0
			siblings := 0
			for _, d := range cols {
				if d.c != c.c && strings.HasPrefix(codebook.Key(d.name), codebook.Key(q+sep)) {
					siblings++
				}
			}
			if siblings > 0 && allOptionCells(g, hr, c.c, l.naMissing) {
				return q, opt, true
			}
		}
		return "", "", false
	}
	summary := map[string]bool{}
	rankQ, rankSummary := map[string]bool{}, map[string]bool{}
	for _, c := range cols {
		// a place of a rank question: "q/_1st_choice" holds the choice ranked first
		for _, sep := range l.optionSeps {
			i := strings.LastIndex(c.name, sep)
			if c.c == idCol || i <= 0 || !rankChoice.MatchString(codebook.Key(c.name[i+len(sep):])) {
				continue
			}
			q := c.name[:i]
			cl.kinds[c.c] = attribute
			cl.rank[c.c] = q
			rankQ[codebook.Key(q)] = true
			ranks = append(ranks, c.name)
			break
		}
	}
	for _, c := range cols {
		if c.c == idCol || cl.kinds[c.c] != 0 {
			continue
		}
		for _, sep := range l.optionSeps {
			// Kobo's rank summary "q/q": the places are read from their own columns
			if i := strings.LastIndex(c.name, sep); i > 0 && rankQ[codebook.Key(c.name[:i])] && leafOf(c.name[:i], l.groupSeps) == codebook.Key(c.name[i+len(sep):]) {
				rankSummary[codebook.Key(c.name)] = true
			}
		}
		if rankSummary[codebook.Key(c.name)] || rankQ[codebook.Key(c.name)] {
			continue
		}
		q, opt, ok := splitOption(c)
		if !ok || l.isMeta(c.name) {
			continue
		}
		cl.kinds[c.c] = presence
		cl.question[c.c], cl.option[c.c] = q, opt
		summary[codebook.Key(q)] = true
	}
	for _, c := range cols {
		k := codebook.Key(c.name)
		switch {
		case c.c == idCol || cl.kinds[c.c] != 0:
		case summary[k]:
			summaries = append(summaries, c.name)
			cl.kinds[c.c] = skipped
		case rankSummary[k] || rankQ[k]:
			rankSums = append(rankSums, c.name)
			cl.kinds[c.c] = skipped
		case l.isMeta(c.name):
			metas = append(metas, c.name)
			t.skippedNames = append(t.skippedNames, c.name)
		case strings.HasSuffix(k, "_other") && byKey[strings.TrimSuffix(k, "_other")] > 0:
			cl.kinds[c.c] = freeText
		default:
			cl.kinds[c.c] = attribute
		}
	}
	if len(metas) > 0 {
		t.notes = append(t.notes, fmt.Sprintf("%s: metadata columns ignored: %s", g.file, strings.Join(metas, ", ")))
	}
	if len(summaries) > 0 {
		t.notes = append(t.notes, fmt.Sprintf("%s: select_multiple summary columns skipped (their option columns are read): %s", g.file, strings.Join(summaries, ", ")))
		t.skippedNames = append(t.skippedNames, summaries...)
	}
	if len(ranks) > 0 {
		t.notes = append(t.notes, fmt.Sprintf("%s: rank questions, read one answer per place: %s", g.file, strings.Join(ranks, ", ")))
	}
	if len(rankSums) > 0 {
		t.notes = append(t.notes, fmt.Sprintf("%s: rank summary columns skipped (their place columns are read): %s", g.file, strings.Join(rankSums, ", ")))
		t.skippedNames = append(t.skippedNames, rankSums...)
	}
	return cl
}

// leafOf is the key of the last part of a group path.
func leafOf(name string, seps []string) string {
	k := codebook.Key(name)
	for _, sep := range seps {
		if i := strings.LastIndex(k, sep); i >= 0 && i < len(k)-len(sep) {
			k = k[i+len(sep):]
		}
	}
	return k
}

// allOptionCells reports whether every cell of a column below the header is 1, 0, TRUE, FALSE
// or blank (or NA, R's missing value).
func allOptionCells(g *grid, hr, c int, naMissing bool) bool {
	for _, r := range g.after(hr) {
		x := g.at(r, c)
		if naMissing && strings.TrimSpace(x.text) == "NA" {
			continue
		}
		if _, ok := optionCell(x, diag.Pos{}); !ok {
			return false
		}
	}
	return true
}
