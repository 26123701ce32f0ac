package build

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/shadowreport/shadowreport/internal/annex"
	"github.com/shadowreport/shadowreport/internal/compare"
	"github.com/shadowreport/shadowreport/internal/project"
	"github.com/shadowreport/shadowreport/internal/publish"
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

// RefusedError is a build that disclosure control refuses (spec §8): the command line exits 4.
type RefusedError struct{ Refusals []report.Refusal }

func (e *RefusedError) Error() string {
	var lines []string
	for _, r := range e.Refusals {
		lines = append(lines, r.String())
	}
	return "refused by disclosure control:\n  " + strings.Join(lines, "\n  ") +
		"\nFix the data, or, if publishing is safe, add to report.toml:\n  [[disclosure.override]]\n  rule = \"" + e.Refusals[0].Rule + "\"\n  reason = \"why it is safe\""
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
	in := report.Input{Project: p, Result: res, Who: "people", One: "person", Confidential: opts.Confidential, Synthetic: synthetic(p)}
	if w := strings.TrimSpace(p.Config.Report.Interviewees); w != "" {
		in.Who, in.One = w, singular(w)
	}
	var outs []*report.Output
	var refusals []report.Refusal
	logged := map[string]bool{}
	for _, t := range tmpls {
		for _, l := range t.Lint() {
			warn(l)
		}
		o, err := report.Assemble(in, t)
		if err != nil {
			return nil, templateErr(err)
		}
		for _, w := range o.Warnings {
			warn(w)
		}
		for _, ov := range o.Overrides {
			if !logged[ov] {
				logged[ov] = true
				warn("disclosure rule lifted by report.toml: " + ov)
			}
		}
		refusals = append(refusals, o.Refusals...)
		outs = append(outs, o)
	}
	if len(refusals) > 0 {
		return nil, &RefusedError{Refusals: dedupe(refusals)}
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
	var jb bytes.Buffer
	enc := json.NewEncoder(&jb)
	enc.SetIndent("", "  ")
	if err := enc.Encode(res); err != nil {
		return nil, err
	}
	add("findings.json", jb.Bytes())

	progress("publish")
	pub, err := publish.Publish(filepath.Join(p.Dir, project.OutDir), files, order)
	if err != nil {
		return nil, err
	}
	for _, w := range pub.Warnings {
		warn(w)
	}
	result.Files, result.Removed = order, pub.Removed
	return result, nil
}

func dedupe(rs []report.Refusal) []report.Refusal {
	var out []report.Refusal
	seen := map[string]bool{}
	for _, r := range rs {
		if !seen[r.String()] {
			seen[r.String()] = true
			out = append(out, r)
		}
	}
	return out
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

// SourceDate is the date written into outputs: SOURCE_DATE_EPOCH when set; else the
// submission's date in report.toml, so that every copy of a project builds the same bytes;
// else the modification time of the newest input (report.toml, interviews/, templates/).
func SourceDate(p *project.Project) time.Time {
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return time.Unix(n, 0).UTC()
		}
	}
	if d := p.Config.Report.Date; d != nil {
		return time.Date(d.Year, time.Month(d.Month), d.Day, 12, 0, 0, 0, time.UTC)
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
	return newest.UTC().Truncate(time.Second)
}
