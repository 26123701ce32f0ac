package importer

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/shadowreport/shadowreport/internal/codebook"
)

// koboMarks are metadata columns only KoboToolbox, Ona and ODK exports have.
var koboMarks = map[string]bool{
	"_id": true, "_uuid": true, "_submission_time": true, "_index": true, "__version__": true,
	"_validation_status": true, "_submitted_by": true, "formhub/uuid": true, "meta/instanceid": true,
	"_parent_index": true, "_submission__id": true,
}

// onaMarks are metadata columns Ona adds and KoboToolbox does not.
var onaMarks = map[string]bool{
	"_xform_id_string": true, "_xform_id": true, "_media_count": true, "_total_media": true,
	"_media_all_received": true, "_date_modified": true, "_duration": true,
}

// odkCentralMarks are the columns ODK Central adds to a CSV export (SubmissionDate first,
// KEY ... FormVersion last).
var odkCentralMarks = map[string]bool{
	"submissiondate": true, "key": true, "submitterid": true, "submittername": true,
	"attachmentspresent": true, "attachmentsexpected": true, "reviewstate": true, "formversion": true,
	"meta-instanceid": true, "parent_key": true,
}

// rMarks are Kobo's metadata columns after R's make.names (read.csv, readxl with
// .name_repair = "universal"): "_uuid" becomes "X_uuid".
var rMarks = map[string]bool{
	"x_id": true, "x_uuid": true, "x_submission_time": true, "x_index": true, "x__version__": true,
	"x_validation_status": true, "x_submitted_by": true, "x_notes": true, "x_status": true, "x_tags": true,
	"x_parent_index": true, "x_parent_table_name": true, "x_submission__id": true, "x_submission__uuid": true,
}

var atlasDoc = regexp.MustCompile(`^(D|P ?)\d+: ?\S`)

// detect tells the format of an export from its first table, and says why:
//
//   - kobo, odk-central, ona, google-forms: one row per submission, told by the metadata
//     columns each tool adds (see surveyLayoutOf);
//   - segments: a column naming the document or case and one naming the code (Taguette's
//     document and tag, QualCoder's codename, MAXQDA's Code), or Dedoose's "Code: X Applied";
//   - nvivo-matrix: NVivo's "A : " prefixes on the column labels or "1 : " on the row labels;
//   - atlasti-table: ATLAS.ti's numbered documents ("D1: W01");
//   - maxqda-matrix: "Code System" in the corner cell;
//   - nvivo-crosstab: any other table with labels across the top and down the side.
func detect(g *grid) (format, why string, ok bool) {
	hr := firstRow(g)
	if hr == 0 {
		return "", "the table is empty", false
	}
	if l, found := surveyLayoutOf(g, hr); found {
		return l.format, l.why, true
	}
	if l, ok := findSegmentLayout(g, hr); ok {
		return Segments, "a table of coded segments (" + l.tool + ")", true
	}
	var nvivo, atlas, labels int
	for c := 2; c <= g.width(hr); c++ {
		s := g.str(hr, c)
		if s == "" {
			continue
		}
		labels++
		if nvivoPrefix.MatchString(s) {
			nvivo++
		}
		if atlasDoc.MatchString(s) {
			atlas++
		}
	}
	rows := 0
	for _, r := range g.after(hr) {
		s := g.str(r, 1)
		if s == "" {
			continue
		}
		rows++
		if nvivoPrefix.MatchString(s) {
			nvivo++
		}
		if atlasDoc.MatchString(s) {
			atlas++
		}
	}
	switch {
	case labels == 0 || rows == 0:
		return "", "row " + strconv.Itoa(hr) + " and column A do not label a table", false
	case nvivo > 0:
		return NVivoMatrix, `NVivo's "A : " and "1 : " label prefixes`, true
	case atlas > 0:
		return AtlasTable, `ATLAS.ti's numbered documents ("D1: ...")`, true
	case codebook.Key(g.str(hr, 1)) == "code system":
		return MAXQDAMatrix, `MAXQDA's "Code System" in cell A1`, true
	}
	return NVivoCrosstab, "a table with labels across the top and down the side, read as a crosstab", true
}

// surveyLayout is how a tool that collects answers (one row per submission) writes its export.
type surveyLayout struct {
	format string // the format name
	tool   string // for notes
	why    string // the columns that told it
	// optionSeps join a select_multiple question and its option ("q/option", R's "q.option").
	optionSeps []string
	// groupSeps join groups and questions ("group/q", ODK Central's "group-q", R's "group.q").
	groupSeps []string
	// naMissing: the text NA is R's missing value, not "not applicable".
	naMissing bool
	// lists: how several answers share one cell ("a b c" for choice names, ", " for labels).
	lists listKind
}

// listKind is how a cell holds several answers of a select-many question.
type listKind uint8

const (
	listSemicolon listKind = iota // "a; b", or "a, b" (the wave workbooks' own rule)
	listNames                     // Kobo, ODK and Ona: choice names separated by spaces
)

// surveyLayoutOf recognises the export of a tool that collects answers by its metadata columns.
func surveyLayoutOf(g *grid, hr int) (surveyLayout, bool) {
	var kobo, ona, odk, r []string
	for c := 1; c <= g.width(hr); c++ {
		name := g.str(hr, c)
		k := codebook.Key(name)
		switch {
		case onaMarks[k]:
			ona = append(ona, name)
		case koboMarks[k]:
			kobo = append(kobo, name)
		case odkCentralMarks[k]:
			odk = append(odk, name)
		case rMarks[k]:
			r = append(r, name)
		}
	}
	first := codebook.Key(g.str(hr, 1))
	switch {
	case len(odk) >= 2 || (first == "submissiondate" && len(odk) >= 1):
		return layoutFor(ODKCentral, "ODK Central's columns "+list(odk, 4)), true
	case len(ona) > 0:
		return layoutFor(Ona, "Ona's metadata columns "+list(append(ona, kobo...), 4)), true
	case len(kobo) > 0:
		return layoutFor(Kobo, "KoboToolbox metadata column "+kobo[0]), true
	case len(r) > 0:
		l := layoutFor(Kobo, "KoboToolbox metadata columns renamed by R ("+list(r, 3)+")")
		return rLayout(l), true
	case first == "timestamp" || first == "marca temporal" || first == "horodateur" || first == "zeitstempel":
		return layoutFor(GoogleForms, "Google Forms' first column "+g.str(hr, 1)), true
	}
	return surveyLayout{}, false
}

// layoutFor is the layout of a survey format.
func layoutFor(format, why string) surveyLayout {
	l := surveyLayout{format: format, why: why, optionSeps: []string{"/"}, groupSeps: []string{"/"}, lists: listNames}
	switch format {
	case Kobo:
		l.tool = "a KoboToolbox export"
	case Ona:
		l.tool = "an Ona export"
	case ODKCentral:
		l.tool = "an ODK Central export"
		l.groupSeps = []string{"-"}
	case GoogleForms:
		l.tool = "a Google Forms export"
		l.lists = listSemicolon
		l.optionSeps, l.groupSeps = nil, nil
	}
	return l
}

// rLayout is a Kobo export that went through R: "q.option" columns of TRUE and FALSE, groups
// joined by ".", NA for missing.
func rLayout(l surveyLayout) surveyLayout {
	l.tool = "a KoboToolbox export processed in R"
	l.optionSeps = append(l.optionSeps, ".")
	l.groupSeps = append(l.groupSeps, ".")
	l.naMissing = true
	return l
}

// wrongKind recognises files that are not coded data about people — a summary table, a code ×
// code table, an XLSForm, an ATLAS.ti quotation list — and says what the file is and which export
// to make instead; "" for any other table.
func wrongKind(g *grid) string {
	sheets := map[string]bool{codebook.Key(g.sheet): true}
	for _, s := range g.others {
		sheets[codebook.Key(s)] = true
	}
	hr := firstRow(g)
	header := map[string]int{}
	var labels []string
	for c := 1; c <= g.width(hr); c++ {
		if s := g.str(hr, c); s != "" {
			header[codebook.Key(s)] = c
			if c > 1 {
				labels = append(labels, s)
			}
		}
	}
	hasLabel := false
	for k := range header {
		hasLabel = hasLabel || k == "label" || strings.HasPrefix(k, "label::") || strings.HasPrefix(k, "label:")
	}
	switch {
	case sheets["survey"] && sheets["choices"], header["type"] > 0 && header["name"] > 0 && hasLabel:
		return "is an XLSForm: the questionnaire (sheets survey and choices), not the answers. Download the submissions instead — KoboToolbox: DATA → Downloads → XLS; ODK Central: the form's Submissions → Download → CSV; Ona: Export → CSV or XLS — and import that file"
	case header["codes"] > 0 && (header["document"] > 0 || header["documents"] > 0 || header["primary document"] > 0) &&
		(header["quotation name"] > 0 || header["quotation content"] > 0 || header["quotation"] > 0 || header["id"] > 0 || header["density"] > 0 || header["reference"] > 0):
		return "is an ATLAS.ti quotation export: one row per quotation, its codes listed in one cell (column " + strconv.Quote(g.str(hr, header["codes"])) + "). Export the Code-Document Table instead (Analyze → Code-Document Table: codes in rows, documents in columns, absolute frequencies → Export → Excel) and import that"
	}
	if summaryTable(labels) {
		return "is a summary table (columns " + strings.Join(labels, ", ") + "): one row per code with how often it was used, not one row or column per interviewee — MAXQDA's Code Frequencies or a tool's code statistics. It cannot say who said what. Export codes by document instead: MAXQDA's Code Matrix Browser (documents in columns, number of coded segments) or the Overview of Coded Segments; NVivo's Matrix Coding Query with the cases on one axis"
	}
	if codeByCode(g, hr, labels) {
		return "is a code × code table (the same labels across the top and down the side): a code co-occurrence or code relations table counts passages coded with two codes and says nothing about who said what. Export codes by case or document instead: NVivo's Matrix Coding Query (cases on one axis), MAXQDA's Code Matrix Browser, ATLAS.ti's Code-Document Table, QualCoder's code counts by case"
	}
	return ""
}

// summaryWords are the column headers of code statistics: MAXQDA's Code Frequencies, QualCoder's
// code frequencies, a pivot table's totals.
var summaryWords = map[string]bool{
	"frequency": true, "frequencies": true, "percentage": true, "percentage (valid)": true, "percent": true,
	"percentage valid": true, "valid percentage": true, "%": true, "% (valid)": true, "count": true, "counts": true,
	"n": true, "total": true, "totals": true, "sum": true, "documents": true, "number of documents": true,
	"number of highlights": true, "segments": true, "coded segments": true, "cases": true, "mean": true,
	"häufigkeit": true, "prozent": true, "prozent (gültig)": true, "fréquence": true, "pourcentage": true,
	"frecuencia": true, "porcentaje": true, "description": true,
}

// summaryTable reports whether the column labels of a table are all statistics words, one of
// them at least a frequency or percentage.
func summaryTable(labels []string) bool {
	if len(labels) == 0 {
		return false
	}
	freq := false
	for _, l := range labels {
		k := codebook.Key(l)
		if !summaryWords[k] {
			return false
		}
		freq = freq || strings.HasPrefix(k, "freq") || strings.HasPrefix(k, "percent") || strings.HasPrefix(k, "%") || k == "count" || k == "counts" ||
			strings.HasPrefix(k, "häufigkeit") || strings.HasPrefix(k, "prozent") || k == "number of highlights"
	}
	return freq
}

// codeByCode reports whether most column labels are also row labels: a square code × code table.
func codeByCode(g *grid, hr int, labels []string) bool {
	if len(labels) < 2 {
		return false
	}
	rows := map[string]bool{}
	for _, r := range g.after(hr) {
		if s := g.str(r, 1); s != "" {
			rows[nameKey(s)] = true
		}
	}
	same := 0
	for _, l := range labels {
		if isTotal(l) {
			continue
		}
		if rows[nameKey(l)] {
			same++
		}
	}
	return same*5 >= len(labels)*4 && len(rows)*5 <= len(labels)*6+5
}
