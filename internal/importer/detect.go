package importer

import (
	"regexp"
	"strconv"

	"github.com/shadowreport/shadowreport/internal/codebook"
)

// koboMarks are metadata columns only KoboToolbox and ODK exports have.
var koboMarks = map[string]bool{
	"_id": true, "_uuid": true, "_submission_time": true, "_index": true, "__version__": true,
	"_validation_status": true, "_submitted_by": true, "formhub/uuid": true, "meta/instanceid": true,
	"_parent_index": true, "_submission__id": true,
}

var atlasDoc = regexp.MustCompile(`^(D|P ?)\d+: ?\S`)

// detect tells the format of an export from its first table, and says why:
//
//   - kobo: a metadata column only KoboToolbox and ODK write (_id, _uuid, _submission_time, ...);
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
	for c := 1; c <= len(g.rowAt(hr)); c++ {
		if koboMarks[codebook.Key(g.str(hr, c))] {
			return Kobo, "KoboToolbox metadata column " + g.str(hr, c), true
		}
	}
	if l, ok := findSegmentLayout(g, hr); ok {
		return Segments, "a table of coded segments (" + l.tool + ")", true
	}
	var nvivo, atlas, labels int
	for c := 2; c <= len(g.rowAt(hr)); c++ {
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
	for r := hr + 1; r <= len(g.rows); r++ {
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
