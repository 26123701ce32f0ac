package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/spf13/cobra"

	"github.com/shadowreport/shadowreport/docs"

	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/datestamp"
	"github.com/shadowreport/shadowreport/internal/diag"
	"github.com/shadowreport/shadowreport/internal/english"
	"github.com/shadowreport/shadowreport/internal/importer"
	"github.com/shadowreport/shadowreport/internal/project"
	"github.com/shadowreport/shadowreport/internal/publish"
	"github.com/shadowreport/shadowreport/internal/workbook"
)

type importOptions struct {
	*global
	format      string
	wave        string
	cases       string
	mapFile     string
	minCount    int
	includeText bool
	force       bool
	casesIn     string
	idColumn    string
	idPattern   string
	separators  []string
	files       []string
}

func newImportCmd(g *global, runF func(*importOptions) error) *cobra.Command {
	opts := &importOptions{global: g}
	cmd := &cobra.Command{
		Use:   "import --wave NAME [--format FORMAT] FILE...",
		Short: "Make a wave workbook from the export of NVivo, MAXQDA, ATLAS.ti, Taguette, QualCoder, Dedoose, KoboToolbox, ODK Central, Ona or Google Forms",
		Long: `Import reads coded data exported from a qualitative-analysis tool or a survey tool and
writes interviews/NAME.xlsx: the sheet interviews (id, consent, one column per code of the
codebook), and a provenance sheet recording the source files with their SHA-256, the format,
the rules applied and how every name of the export was matched.

Formats (--format, default auto: told from the file, and always printed):
  nvivo-matrix    NVivo Matrix Coding Query export ("A : label" columns, "1 : name" rows);
                  one file, several, or a folder of one-case files; either orientation
  nvivo-crosstab  NVivo Crosstab Query export (totals dropped), or any case x code table
  kobo            KoboToolbox export, XLS or CSV (question/option columns of 1, 0 or blank;
                  or one column of choice names); also after R (question.option, TRUE/FALSE)
  odk-central     ODK Central CSV export (SubmissionDate ... KEY, groups joined by -)
  ona             Ona export (question/option columns of True, False or blank)
  google-forms    Google Forms responses (Timestamp, one column per question)
  segments        coded segments: Taguette highlights, QualCoder code retrieval and codes
                  by text segments, Dedoose excerpts, MAXQDA coded segments (.xlsx or .csv)
  maxqda-matrix   MAXQDA Code Matrix Browser export (best effort)
  atlasti-table   ATLAS.ti Code-Document Table export (best effort)

Files that are not coded data about people are recognised and refused with what to export
instead: summary tables (MAXQDA Code Frequencies), code x code tables, XLSForms, ATLAS.ti
quotation lists, Apple Numbers files renamed .xlsx.

Names of the export are matched to codes by code name, then by label (without NVivo's
prefixes, unwrapped, trying the full hierarchical path and its last part). Every name that
matches nothing is listed with the closest code, and nothing is written until each is
matched or ignored in a --map file: columns source, code and value (the value of a category
code a tool's code stands for; code - ignores the name).

Counts become presence by a rule recorded in the provenance sheet: coded at least
--min-count times (default 1, that is > 0). Whether "not coded" means no or missing is the
codebook's choice, code by code (column absent_means); a code missing from one of several
files (NVivo's one file per case lists only what was coded) is "not coded" there, and the
output counts them. A select_multiple whose options are all 0 was answered with none of them:
its multi code says none (blank means not answered). Free text (passages, excerpts,
framework summaries, Kobo "_other" answers) is never imported unless --include-text, and
then only into the quotes sheet with reviewed: no.

Consent cannot come from a tool's export: every interviewee is set to aggregate (counted,
never quoted). Set quote or withdrawn from your consent records before publishing.
Import refuses to replace an existing wave workbook unless --force. The guide to each tool's
export: shadowreport help import.` + exitStatus,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.files = args
			return runE(func() error {
				if runF != nil {
					return runF(opts)
				}
				return importRun(opts)
			})(cmd, args)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.format, "format", importer.Auto, "the export's format: "+strings.Join(importer.Formats, ", "))
	f.StringVar(&opts.wave, "wave", "", "the wave's name: writes interviews/NAME.xlsx (required)")
	f.StringVar(&opts.cases, "cases", "", "a sheet of case attributes (NVivo classification sheet, QualCoder case attributes, MAXQDA document variables)")
	f.StringVar(&opts.mapFile, "map", "", "an .xlsx or .csv file mapping the export's names to codes: columns source, code, value")
	f.IntVar(&opts.minCount, "min-count", 1, "a code is present when coded at least N times")
	f.BoolVar(&opts.includeText, "include-text", false, "import coded passages and free text into the quotes sheet (reviewed: no)")
	f.BoolVar(&opts.force, "force", false, "replace an existing interviews/NAME.xlsx")
	f.StringVar(&opts.casesIn, "cases-in", "auto", "where a matrix holds the cases: auto, rows or columns")
	f.StringVar(&opts.idColumn, "id-column", "", "the column of interviewee ids (survey exports; default: a column named id, interviewee_id, respondent_id, ...)")
	f.StringVar(&opts.idPattern, "id-pattern", "", "a regular expression picking the id out of document or case names (its first group, or the match)")
	f.StringArrayVar(&opts.separators, "separator", nil, "another separator of hierarchical code names, e.g. . for Taguette tags or R's question.option columns (repeatable)")
	return cmd
}

// waveNameRE is a wave name that is also a safe file name.
var waveNameRE = regexp.MustCompile(`^[\p{L}\p{N}][\p{L}\p{N}._ -]*$`)

// waveTarget checks --wave and returns the workbook it names, relative to the project and on disk.
func waveTarget(dir, wave string, force bool) (rel, path string, err error) {
	switch {
	case wave == "":
		return "", "", usageErrorf("give the wave's name with --wave NAME (it writes interviews/NAME.xlsx)")
	case strings.HasSuffix(strings.ToLower(wave), ".xlsx"):
		return "", "", usageErrorf("--wave %q: give the name without .xlsx", wave)
	case !waveNameRE.MatchString(wave) || strings.HasSuffix(wave, "."):
		return "", "", usageErrorf("--wave %q: a wave's name is its file name: letters, digits, space, ., - and _ (e.g. 2017)", wave)
	case strings.EqualFold(wave, strings.TrimSuffix(project.CodebookFile, ".xlsx")):
		return "", "", usageErrorf("--wave codebook: interviews/codebook.xlsx is the codebook; choose another name")
	}
	rel = project.InterviewsDir + "/" + wave + ".xlsx"
	path = filepath.Join(dir, project.InterviewsDir, wave+".xlsx")
	if _, err := os.Stat(path); err == nil && !force {
		return "", "", usageErrorf("%s exists: give --force to replace it, or choose another --wave", rel)
	} else if err != nil && !errors.Is(err, os.ErrNotExist) {
		return "", "", err
	}
	return rel, path, nil
}

// loadCodebook reads the project's codebook; its errors stop the command, those of the waves
// do not concern it.
func (g *global) loadCodebook() (*project.Project, error) {
	p, diags, err := g.load()
	if err != nil {
		if diags != nil {
			printDiags(g.io.err, diags, 5)
		}
		return nil, err
	}
	var cbDiags diag.List
	for _, d := range diags.Items() {
		if d.File == p.Codebook.File && d.Severity == diag.Error {
			fmt.Fprintln(g.io.err, d)
			cbDiags.Errorf(d.Pos, d.Rule, "%s", d.Message)
		}
	}
	if cbDiags.HasErrors() {
		fmt.Fprintf(g.io.err, "the codebook has %s; fix them first (shadowreport check lists them all)\n", english.Count(cbDiags.Count(diag.Error), "error", "errors"))
		fmt.Fprintln(g.io.err, docs.Topic("workbooks"))
		return nil, invalidReported
	}
	return p, nil
}

func importRun(opts *importOptions) error {
	if err := checkFormat(opts.format, importer.Formats...); err != nil {
		return err
	}
	if len(opts.files) == 0 {
		return usageErrorf("name the export to import: shadowreport import --wave NAME FILE... (a folder stands for the files in it)")
	}
	if opts.minCount < 1 {
		return usageErrorf("--min-count %d: a code is coded at least once to be present; give 1 or more", opts.minCount)
	}
	if opts.minCount != 1 && importer.IsSurvey(opts.format) {
		return usageErrorf("--min-count is for counts; a %s export holds answers, and its option columns 1 or 0", opts.format)
	}
	rel, path, err := waveTarget(opts.dir, opts.wave, opts.force)
	if err != nil {
		return err
	}
	var idPattern *regexp.Regexp
	if opts.idPattern != "" {
		if idPattern, err = regexp.Compile(opts.idPattern); err != nil {
			return usageErrorf("--id-pattern: %v", err)
		}
	}
	p, err := opts.loadCodebook()
	if err != nil {
		return err
	}
	pw, err := opts.password()
	if err != nil {
		return err
	}
	var diags diag.List
	res, err := importer.Import(p.Codebook, importer.Options{
		Format:      opts.format,
		Files:       opts.files,
		Cases:       opts.cases,
		Map:         opts.mapFile,
		MinCount:    float64(opts.minCount),
		IncludeText: opts.includeText,
		CasesIn:     opts.casesIn,
		IDColumn:    opts.idColumn,
		IDPattern:   idPattern,
		Separators:  opts.separators,
		Workbook:    workbook.Options{Limits: p.Config.Limits.Workbook(), Password: pw},
	}, &diags)
	if err != nil {
		printDiags(opts.io.err, &diags, -1)
		if s := res.ReadAs(); s != "" {
			fmt.Fprintln(opts.io.err, s)
		}
		seeTopics(opts.io.err, &diags, "import")
		return err
	}
	printDiags(opts.io.err, &diags, -1)
	if diags.HasErrors() {
		if s := res.ReadAs(); s != "" {
			fmt.Fprintln(opts.io.err, s)
		}
		for _, u := range res.Unused {
			fmt.Fprintf(opts.io.err, "unused: %s\n", u)
		}
		fmt.Fprintf(opts.io.err, "%s; nothing was written.\n", countDiags(&diags))
		if diags.HasErrors() && hasRule(&diags, "import.unmatched", "import.value", "import.option") {
			fmt.Fprintln(opts.io.err, `Match each name in a file given with --map: columns source, code and value (the value of
a category code a name stands for); code - ignores a name. For example:
  source,code,value
  "Held in detension",det_detained,
  "Age group = 30 to 39",age_band,30-39
  "Interviewer notes",-,`)
		}
		seeTopics(opts.io.err, &diags, "import")
		return invalidReported
	}
	date, from := datestamp.Rule{Getenv: opts.io.env, Inputs: append(append([]string{}, opts.files...), nonEmpty(opts.cases, opts.mapFile)...)}.Day()
	prov := importer.Provenance{Wave: opts.wave, Date: date, DateSource: from, Version: version}
	if err := publish.WriteFile(path, func(w io.Writer) error { return importer.Write(w, res, prov) }); err != nil {
		return err
	}
	printImport(opts.io.out, rel, res)
	return nil
}

func hasRule(diags *diag.List, rules ...string) bool {
	for _, d := range diags.Items() {
		for _, r := range rules {
			if d.Rule == r {
				return true
			}
		}
	}
	return false
}

func nonEmpty(xs ...string) []string {
	var out []string
	for _, x := range xs {
		if x != "" {
			out = append(out, x)
		}
	}
	return out
}

// printImport tells what was written and what the researcher must still do.
func printImport(w io.Writer, rel string, res *importer.Result) {
	format := res.Format
	if res.Detected != "" {
		format += " (detected: " + res.Detected + ")"
	}
	fmt.Fprintf(w, "Wrote %s: %s, %s, from %s.\n", rel, english.Count(len(res.Wave.IDs), "interviewee", "interviewees"), english.Count(len(res.Wave.Codes), "code", "codes"), format)
	for _, o := range res.Orient {
		fmt.Fprintf(w, "  orientation: %s\n", o)
	}
	fmt.Fprintf(w, "  presence: %s\n", res.Rule)
	ignored := 0
	for _, m := range res.Mapping {
		if m.Code == "-" {
			ignored++
		}
	}
	if ignored > 0 {
		fmt.Fprintf(w, "  ignored: %s (listed on the provenance sheet)\n", english.Count(ignored, "name", "names"))
	}
	for _, n := range res.Notes {
		fmt.Fprintf(w, "  note: %s\n", n)
	}
	for _, u := range res.Unused {
		fmt.Fprintf(w, "  unused: %s\n", u)
	}
	var absentMissing []string
	for _, c := range res.Wave.Codes {
		if c.Type == codebook.YesNo && c.AbsentMeans == codebook.AbsentMissing {
			absentMissing = append(absentMissing, c.Name)
		}
	}
	if len(absentMissing) > 0 && !importer.IsSurvey(res.Format) {
		fmt.Fprintf(w, "  not coded means missing (absent_means) for: %s\n", strings.Join(absentMissing, ", "))
	}
	if res.Text {
		fmt.Fprintf(w, "Quotes: %s in the quotes sheet, all with reviewed: no; have each checked for identifying detail before setting yes.\n", english.Count(len(res.Wave.Quotes), "passage", "passages"))
	}
	fmt.Fprintln(w, `Consent: everyone is set to "aggregate" (counted, never quoted); a tool's export does not say who`)
	fmt.Fprintln(w, `agreed to what. Set quote or withdrawn for each interviewee from your consent records.`)
	fmt.Fprintln(w, "Next: shadowreport check")
}
