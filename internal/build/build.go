package build

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/shadowreport/shadowreport/internal/annex"
	"github.com/shadowreport/shadowreport/internal/compare"
	"github.com/shadowreport/shadowreport/internal/policy"
	"github.com/shadowreport/shadowreport/internal/project"
	pubfile "github.com/shadowreport/shadowreport/internal/publish"
	"github.com/shadowreport/shadowreport/internal/render/docx"
	"github.com/shadowreport/shadowreport/internal/render/pdf"
	"github.com/shadowreport/shadowreport/internal/report"
)

// Options configure a build.
type Options struct {
	// Formats are the renderers to run: "pdf" (the report and the handouts) and "docx" (the
	// report as a Word file). Empty means both.
	Formats      []string
	Confidential bool
	// Internal, when set, is a folder outside out/ where the build also writes the
	// unsuppressed figures for the research team (findings-internal.json), marked not for
	// publication.
	Internal string
	// Strict turns the word-limit warning into an error.
	Strict bool
	// Created is the date written into every output; zero means SourceDate.
	Created time.Time
	// Progress is told each stage as it starts; Warn every warning. Either may be nil.
	Progress func(stage string)
	Warn     func(msg string)
}

// Result says what a build wrote.
type Result struct {
	Files []string // relative to out/, in the order written
	// Removed are outputs of an earlier build this one did not write (a format not asked for,
	// a handout whose template is gone): left in out/ they would show old numbers.
	Removed []string
	Pages   map[string]int
	Words   int
}

// RefusedError is a build that disclosure control refuses: the command line exits 4 and
// nothing is written.
type RefusedError struct{ Refusals []policy.Refusal }

func (e *RefusedError) Error() string {
	lines := make([]string, len(e.Refusals))
	for i, r := range e.Refusals {
		lines[i] = "- " + r.String()
	}
	return fmt.Sprintf("refused by disclosure control: %d %s would point at a person; nothing was written to out/\n%s\n(docs/disclosure.md explains each rule and its overrides)",
		len(e.Refusals), plural(float64(len(e.Refusals)), "thing", "things"), strings.Join(lines, "\n"))
}

// InputError is a build that cannot proceed because of its input: a template, a handout
// over its page budget, a word limit under --strict. The command line exits 3.
type InputError struct{ Msg string }

func (e *InputError) Error() string { return e.Msg }

// Build builds the report, the handouts, the annex and findings.json of project p and
// publishes them into p's out/ folder, all or nothing.
func Build(p *project.Project, opts Options) (*Result, error) {
	progress := func(s string) {
		if opts.Progress != nil {
			opts.Progress(s)
		}
	}
	warn := func(s string) {
		if opts.Warn != nil {
			opts.Warn(s)
		}
	}
	created := opts.Created
	if created.IsZero() {
		created = SourceDate(p)
	}

	progress("compare")
	c := p.Config.Compare
	res, err := compare.Compare(p.Codebook, p.Waves, compare.Options{From: c.From, To: c.To, Level: c.Level, Adjust: c.Adjust, MinN: c.MinN, FlagPoints: p.Config.Disclosure.CompositionFlag})
	if err != nil {
		var oe *compare.OptionError
		if errors.As(err, &oe) {
			return nil, &InputError{Msg: "cannot compare: " + oe.Msg + " (set [compare] in report.toml)"}
		}
		return nil, err
	}

	progress("assemble")
	tmpls, err := report.Load(filepath.Join(p.Dir, project.TemplatesDir))
	if err != nil {
		return nil, templateErr(err)
	}
	pol := policy.New(p, res, policy.Options{Confidential: opts.Confidential || !p.Config.Report.IsPublic()})
	in := report.Input{Project: p, Policy: pol, Who: "people", One: "person", Confidential: opts.Confidential, Synthetic: synthetic(p)}
	if w := strings.TrimSpace(p.Config.Report.Interviewees); w != "" {
		in.Who, in.One = w, singular(w)
	}
	var outs []*report.Output
	for _, t := range tmpls {
		for _, l := range t.Lint() {
			pol.Wording(l.Where, l.Phrase, l.Why)
		}
		o, err := report.Assemble(in, t)
		if err != nil {
			return nil, templateErr(err)
		}
		for _, w := range o.Warnings {
			warn(w)
		}
		pol.CheckDocument(t.File, o.Doc)
		outs = append(outs, o)
	}
	pol.Finish()
	if refusals := pol.Refusals(); len(refusals) > 0 {
		return nil, &RefusedError{Refusals: refusals}
	}
	for _, n := range pol.Notes() {
		warn(n)
	}
	for _, l := range pol.Lifted() {
		warn(fmt.Sprintf("disclosure rule %s lifted by report.toml:%d for %s (%s): %s", l.Override.Rule, l.Override.Line, l.Override.Target(), l.Where, l.Override.Reason))
	}

	formats := map[string]bool{}
	for _, f := range opts.Formats {
		formats[f] = true
	}
	if len(formats) == 0 {
		formats["pdf"], formats["docx"] = true, true
	}

	progress("render")
	files := map[string][]byte{}
	var order []string
	add := func(name string, b []byte) {
		files[name] = b
		order = append(order, name)
	}
	result := &Result{Pages: map[string]int{}}
	for _, o := range outs {
		rwarn := func(s string) { warn(o.Template.File + ": " + s) }
		if formats["pdf"] || o.Doc.PageBudget > 0 {
			// a handout's page budget is checked on its PDF, which is kept only if asked for
			var buf bytes.Buffer
			r, err := pdf.Render(&buf, o.Doc, pdf.Options{Created: created, Warn: rwarn})
			if err != nil {
				return nil, fmt.Errorf("rendering %s: %w", o.Name+".pdf", err)
			}
			if budget := o.Doc.PageBudget; budget > 0 {
				used := float64(r.Pages-1) + r.LastPageFill
				if r.Pages > budget {
					return nil, &InputError{Msg: fmt.Sprintf("%s: the handout fills %d pages (%.1f), over its budget of %d by %.1f %s; shorten it (fewer concerns or shorter text) or raise \"pages\" in its front matter",
						o.Template.File, r.Pages, used, budget, used-float64(budget), plural(used-float64(budget), "page", "pages"))}
				}
			}
			if formats["pdf"] {
				result.Pages[o.Name+".pdf"] = r.Pages
				add(o.Name+".pdf", buf.Bytes())
			}
		}
		if o.Name == "report" {
			result.Words = o.Words
			if formats["docx"] {
				var buf bytes.Buffer
				if _, err := docx.Render(&buf, o.Doc, docx.Options{Created: created, Warn: rwarn}); err != nil {
					return nil, fmt.Errorf("rendering report.docx: %w", err)
				}
				// the submission is the Word file: its body is what the word limit counts
				words, err := docx.Words(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
				if err != nil {
					return nil, fmt.Errorf("counting the words of report.docx: %w", err)
				}
				result.Words = words
				add("report.docx", buf.Bytes())
			}
			if limit := p.Config.Report.WordLimit; limit > 0 && result.Words > limit {
				msg := fmt.Sprintf("the report has %d words, over the submission's limit of %d (report.toml word_limit) by %d", result.Words, limit, result.Words-limit)
				if opts.Strict {
					return nil, &InputError{Msg: msg}
				}
				warn(msg)
			}
			var ab bytes.Buffer
			if err := annex.Write(&ab, o.Doc, created); err != nil {
				return nil, fmt.Errorf("writing annex.xlsx: %w", err)
			}
			add("annex.xlsx", ab.Bytes())
		}
	}
	jb, err := pol.Public().JSON(pol.Confidential(), in.Synthetic).MarshalIndent()
	if err != nil {
		return nil, err
	}
	add("findings.json", jb)
	if opts.Internal != "" {
		if err := writeInternal(opts.Internal, res); err != nil {
			return nil, err
		}
	}

	progress("publish")
	pub, err := pubfile.Publish(filepath.Join(p.Dir, project.OutDir), files, order)
	if err != nil {
		return nil, err
	}
	for _, w := range pub.Warnings {
		warn(w)
	}
	result.Files, result.Removed = order, pub.Removed
	return result, nil
}

func plural(x float64, one, many string) string {
	if math.Abs(x-1) < 0.05 {
		return one
	}
	return many
}

func templateErr(err error) error {
	var te *report.Error
	if errors.As(err, &te) {
		return &InputError{Msg: te.Error()}
	}
	return err
}

// synthetic reports whether the project's workbooks say they hold synthetic data (the sample).
func synthetic(p *project.Project) bool {
	return strings.Contains(strings.ToUpper(p.Config.Report.Title), "SYNTHETIC") || p.Config.Report.Synthetic
}

func singular(plural string) string {
	switch strings.ToLower(plural) {
	case "women":
		return "woman"
	case "men":
		return "man"
	case "people":
		return "person"
	case "children":
		return "child"
	}
	return strings.TrimSuffix(plural, "s")
}

// SourceDate is the date written into outputs, a day at midnight UTC, never a time of day
// taken from a file: SOURCE_DATE_EPOCH when set (its day); else the submission's date in
// report.toml, so that every copy of a project builds the same bytes; else the day of the
// newest input (report.toml, interviews/, templates/).
func SourceDate(p *project.Project) time.Time {
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil && n >= 315532800 && n < 4102444800 { // 1980 to 2100
			y, m, d := time.Unix(n, 0).UTC().Date()
			return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		}
	}
	if d := p.Config.Report.Date; d != nil {
		return time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)
	}
	dir := p.Dir
	var newest time.Time
	consider := func(path string) {
		if st, err := os.Stat(path); err == nil && st.ModTime().After(newest) {
			newest = st.ModTime()
		}
	}
	consider(filepath.Join(dir, project.ConfigFile))
	for _, sub := range []string{project.InterviewsDir, project.TemplatesDir} {
		filepath.WalkDir(filepath.Join(dir, sub), func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				consider(path)
			}
			return nil
		})
	}
	if newest.IsZero() {
		newest = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	// the day only: a time of day would tell when someone last edited a workbook
	y, m, d := newest.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// InternalNotice is the first field of the research team's unsuppressed figures.
const InternalNotice = "NOT FOR PUBLICATION — unsuppressed figures for the research team only. Counts of very few people here can identify them: never send this file, never put it in out/."

// writeInternal writes the unsuppressed comparison into dir, outside out/: the figures the
// published outputs protect, for the research team.
func writeInternal(dir string, res *compare.Result) error {
	b, err := json.MarshalIndent(struct {
		Notice string `json:"notice"`
		*compare.Result
	}{InternalNotice, res}, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return &InputError{Msg: fmt.Sprintf("--internal %s: %v", dir, err)}
	}
	return pubfile.WriteFile(filepath.Join(dir, "findings-internal.json"), func(w io.Writer) error {
		_, err := w.Write(append(b, '\n'))
		return err
	})
}
