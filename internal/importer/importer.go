package importer

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/diag"
	"github.com/shadowreport/shadowreport/internal/fault"
	"github.com/shadowreport/shadowreport/internal/workbook"
)

// The formats import reads.
const (
	Auto          = "auto"
	NVivoMatrix   = "nvivo-matrix"
	NVivoCrosstab = "nvivo-crosstab"
	Kobo          = "kobo"
	ODKCentral    = "odk-central"
	Ona           = "ona"
	GoogleForms   = "google-forms"
	Segments      = "segments"
	MAXQDAMatrix  = "maxqda-matrix"
	AtlasTable    = "atlasti-table"
)

// Formats lists the formats for --format, auto first.
var Formats = []string{Auto, NVivoMatrix, NVivoCrosstab, Kobo, ODKCentral, Ona, GoogleForms, Segments, MAXQDAMatrix, AtlasTable}

// IsSurvey reports whether a format is the export of a tool that collects answers (one row per
// submission): KoboToolbox, ODK Central, Ona, Google Forms.
func IsSurvey(format string) bool {
	switch format {
	case Kobo, ODKCentral, Ona, GoogleForms:
		return true
	}
	return false
}

// Options configure Import.
type Options struct {
	Format      string   // one of Formats
	Files       []string // the exports; a folder stands for the .xlsx and .csv files in it
	Cases       string   // a sheet of case attributes (NVivo classification sheet), or ""
	Map         string   // a --map file, or ""
	MinCount    float64  // a code is present for a case when coded at least this often (> 0)
	IncludeText bool     // import passages and free text into the quotes sheet
	CasesIn     string   // "", "auto", "rows" or "columns": where the cases of a matrix are
	IDColumn    string   // the column of interviewee ids (survey exports)
	IDPattern   *regexp.Regexp
	Separators  []string // more separators of hierarchical names, beside \\, \, " > ", / and ::
	Workbook    workbook.Options
}

// UsageError is a command line that cannot work; the command exits 2.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string    { return e.Msg }
func (e *UsageError) Kind() fault.Kind { return fault.Usage }

// InputError is an input that cannot be read at all; the command exits 3.
type InputError struct{ Msg string }

func (e *InputError) Error() string    { return e.Msg }
func (e *InputError) Kind() fault.Kind { return fault.Input }
func (e *InputError) Topic() string    { return "import" }

// Result is an import: the wave to write and how it was made, for the provenance sheet.
type Result struct {
	Format   string // the format read
	Detected string // why, when --format auto chose it
	File     string // the first export, as named in messages
	Wave     *Wave
	Sources  []source
	Mapping  []MappingRow
	Rule     string   // how counts became presence
	Orient   []string // which axis held the cases, per matrix
	Notes    []string
	Unused   []string // rows of the map no name used
	Text     bool
}

// ReadAs says which format the export was read as, and why: for the output of every import,
// failed or not. "" when no file could be read.
func (r *Result) ReadAs() string {
	if r == nil || r.Format == "" {
		return ""
	}
	s := "read " + r.File + " as " + r.Format
	if r.Detected != "" {
		s += " (detected: " + r.Detected + ")"
	} else {
		s += " (--format)"
	}
	return s
}

// Import reads the exports and matches them to the codebook. Problems of the data (names that
// match no code, values that are not values of their code, conflicts) are recorded in diags, all
// of them; the result is fit to write only when diags has no errors. The error is for a command
// line that cannot work (UsageError) or a file that cannot be read (InputError); the result
// then still says which format the export was read as, once that was known.
func Import(cb *codebook.Codebook, opts Options, diags *diag.List) (*Result, error) {
	o := opts
	if o.MinCount <= 0 {
		o.MinCount = 1
	}
	if err := checkOptions(&o); err != nil {
		return nil, err
	}
	files, err := inputFiles(o.Files)
	if err != nil {
		return nil, err
	}
	res := &Result{Text: o.IncludeText}
	var grids []*grid
	for _, f := range files {
		g, hash, err := readGrid(f.path, displayName(f.path, f.folder), o.Workbook)
		if err != nil {
			return res, err
		}
		if what := wrongKind(g); what != "" {
			return res, &InputError{Msg: g.file + ": " + what}
		}
		grids = append(grids, g)
		res.Sources = append(res.Sources, source{Name: g.file, Role: "coded data", SHA256: hash, Sheet: g.sheet})
	}
	res.File = grids[0].file
	res.Format = o.Format
	if o.Format == Auto {
		f, why, ok := detect(grids[0])
		if !ok {
			res.Format = ""
			return res, &UsageError{Msg: fmt.Sprintf("%s: cannot tell which tool wrote it (%s); give --format, one of %s", grids[0].file, why, strings.Join(Formats[1:], ", "))}
		}
		res.Format, res.Detected = f, why
		o.Format = f
	}
	if IsSurvey(o.Format) && o.MinCount > 1 {
		return res, &UsageError{Msg: fmt.Sprintf("--min-count is for counts; a %s export holds answers, and its option columns 1 or 0", o.Format)}
	}
	var m *mapping
	if o.Map != "" {
		g, hash, err := readGrid(o.Map, filepath.Base(o.Map), o.Workbook)
		if err != nil {
			return res, err
		}
		res.Sources = append(res.Sources, source{Name: g.file, Role: "mapping (--map)", SHA256: hash, Sheet: g.sheet})
		m = readMapping(g, cb, diags)
	}
	seps := append(append([]string{}, defaultSeparators...), o.Separators...)
	if o.Format == AtlasTable {
		seps = append(seps, ": ")
	}
	if o.Format == ODKCentral {
		seps = append(seps, "-")
	}
	r := newResolver(cb, m, seps)

	var ct *table
	known := map[string]bool{}
	if o.Cases != "" {
		g, hash, err := readGrid(o.Cases, filepath.Base(o.Cases), o.Workbook)
		if err != nil {
			return res, err
		}
		res.Sources = append(res.Sources, source{Name: g.file, Role: "case attributes (--cases)", SHA256: hash, Sheet: g.sheet})
		ct = readCases(g, &o, diags)
		for k := range ct.byCase {
			known[k] = true
		}
	}

	t := newTable()
	for _, g := range grids {
		switch {
		case IsSurvey(o.Format):
			l, found := surveyLayoutOf(g, firstRow(g))
			if !found {
				l = layoutFor(o.Format, "--format "+o.Format)
			}
			if err := readSurvey(g, l, &o, t, diags); err != nil {
				return res, err
			}
		case o.Format == Segments:
			readSegments(g, &o, t, diags)
		default:
			readMatrix(g, &o, r, known, t, diags)
		}
	}
	t.fillAbsent()
	if ct != nil {
		join(t, ct)
	}
	if len(t.cases) == 0 && !diags.HasErrors() {
		diags.Errorf(diag.Pos{File: grids[0].file}, "import.empty", "no interviewee found in the export")
	}
	if m != nil {
		for _, e := range m.entries {
			e.used = false // orientation tried names against the map; count only what was used
		}
	}
	res.Wave, res.Mapping = assemble(t, r, &o, diags)
	if m != nil {
		skipped := map[string]bool{}
		for _, n := range t.skippedNames {
			skipped[mapKey(n)] = true
			skipped[nameKey(leafOf(n, seps))] = true
		}
		for _, e := range m.entries {
			if !e.used && !skipped[e.key] {
				res.Unused = append(res.Unused, fmt.Sprintf("%s: row %d (%s) matched no name of the export", m.file, e.row, quote(e.source)))
			}
		}
	}
	res.Orient = t.orients
	res.Notes = t.notes
	res.Rule = presenceRule(o.Format, o.MinCount)
	return res, nil
}

// presenceRule words the rule that turns what an export says into yes, no and missing.
func presenceRule(format string, min float64) string {
	if IsSurvey(format) {
		return "option columns: 1 (or TRUE) is yes, 0 (or FALSE) is no, blank is missing (not asked); a select_multiple whose options are all 0 is answered with none of them; answers are matched to the codebook's values"
	}
	times := "at least once (count > 0)"
	if min > 1 {
		times = "at least " + strconv.FormatFloat(min, 'f', -1, 64) + " times (--min-count)"
	}
	s := "a code is present for an interviewee when it was coded " + times
	if format == Segments {
		s = "a code is present for an interviewee when it was coded in distinct segments " + times + "; a segment exported twice counts once"
	} else {
		s += "; percentages when above 0; Yes/No cells as written"
	}
	return s + "; a code not coded (or absent from a file) is no, or missing for codes with absent_means missing"
}

func checkOptions(o *Options) error {
	if len(o.Files) == 0 {
		return &UsageError{Msg: "name the export(s) to import: FILE... (a folder stands for the files in it)"}
	}
	valid := false
	for _, f := range Formats {
		valid = valid || o.Format == f
	}
	if !valid {
		return &UsageError{Msg: fmt.Sprintf("--format %q is not one of %s", o.Format, strings.Join(Formats, ", "))}
	}
	switch o.CasesIn {
	case "", "auto", "rows", "columns":
	default:
		return &UsageError{Msg: fmt.Sprintf("--cases-in %q is not auto, rows or columns", o.CasesIn)}
	}
	if o.CasesIn != "" && o.CasesIn != "auto" && (IsSurvey(o.Format) || o.Format == Segments) {
		return &UsageError{Msg: "--cases-in is for matrices; " + o.Format + " exports have one row per interviewee or per segment"}
	}
	return nil
}
