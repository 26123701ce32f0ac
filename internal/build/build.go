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
	"github.com/shadowreport/shadowreport/internal/dataset"
	"github.com/shadowreport/shadowreport/internal/doc"
	"github.com/shadowreport/shadowreport/internal/policy"
	"github.com/shadowreport/shadowreport/internal/project"
	pubfile "github.com/shadowreport/shadowreport/internal/publish"
	"github.com/shadowreport/shadowreport/internal/render"
	"github.com/shadowreport/shadowreport/internal/render/docx"
	"github.com/shadowreport/shadowreport/internal/render/html"
	"github.com/shadowreport/shadowreport/internal/render/pdf"
	"github.com/shadowreport/shadowreport/internal/report"
)

// Options configure a build.
type Options struct {
	// Formats are the renderers to run (see Formats): "pdf" (the report and the handouts),
	// "docx" (the report as a Word file), "html" (the report as one accessible web page).
	// Empty means all.
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
	// Progress is told each stage as it starts; Compared the waves once chosen; Warn every
	// warning. Any may be nil.
	Progress func(stage string)
	Compared func(waves []WaveInfo)
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
	// Waves are the waves compared, with their sizes.
	Waves []WaveInfo
	// Summary says what was published and what was withheld; Changes what changed since the
	// previous build (nil for the first one).
	Summary *Summary
	Changes *Changes
}

// WaveInfo names a wave of a build with its size.
type WaveInfo struct {
	Name   string `json:"name"`
	Kind   string `json:"kind"` // "interviews" or "aggregate"
	People int    `json:"people"`
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
// publishes them into p's out/ folder, all or nothing. It runs five stages, each a function of
// its own: choose the waves and compare them, assemble the documents under the publication
// policy, render them, then publish.
func Build(p *project.Project, opts Options) (*Result, error) {
	b := &builder{p: p, opts: opts, created: opts.Created, result: &Result{Pages: map[string]int{}}, files: map[string][]byte{}}
	if b.created.IsZero() {
		b.created = SourceDate(p)
	}
	for _, stage := range []struct {
		name string
		run  func() error
	}{{"compare", b.compare}, {"assemble", b.assemble}, {"render", b.render}, {"publish", b.publish}} {
		if opts.Progress != nil {
			opts.Progress(stage.name)
		}
		if err := stage.run(); err != nil {
			return nil, err
		}
	}
	return b.result, nil
}

// builder carries a build from one stage to the next.
type builder struct {
	p       *project.Project
	opts    Options
	created time.Time
	res     *compare.Result
	pol     *policy.Policy
	in      report.Input
	outs    []*report.Output
	files   map[string][]byte
	order   []string
	result  *Result
}

func (b *builder) warn(s string) {
	if b.opts.Warn != nil {
		b.opts.Warn(s)
	}
}

// compare chooses the waves (a wave of interviews with nobody in it yet is left out, with a
// warning) and compares them.
func (b *builder) compare() error {
	var waves []*dataset.Wave
	for _, w := range b.p.Waves {
		if w.Kind == dataset.Interviews && w.Counted() == 0 {
			b.warn(fmt.Sprintf("%s: the wave has no interviewees yet and is left out of the report", w.File))
			continue
		}
		waves = append(waves, w)
	}
	res, err := compare.Compare(b.p.Codebook, waves, b.p.Config.CompareOptions())
	if err != nil {
		var oe *compare.OptionError
		if errors.As(err, &oe) {
			return &InputError{Msg: "cannot compare: " + oe.Msg}
		}
		return err
	}
	b.res = res
	b.result.Waves = describeWaves(b.p, res)
	if b.opts.Compared != nil {
		b.opts.Compared(b.result.Waves)
	}
	return nil
}

// describeWaves names the waves a build compares with their sizes, for its first line.
func describeWaves(p *project.Project, res *compare.Result) []WaveInfo {
	var out []WaveInfo
	for _, name := range []string{res.From, res.To} {
		w := p.Wave(name)
		if w == nil {
			continue
		}
		info := WaveInfo{Name: w.Name, Kind: string(w.Kind)}
		if w.Kind == dataset.Aggregate {
			for _, f := range w.Figures {
				info.People = max(info.People, f.N)
			}
		} else {
			info.People = w.Counted()
		}
		out = append(out, info)
	}
	return out
}

// assemble fills every template under the publication policy; anything the policy refuses
// stops the build before a file is written.
func (b *builder) assemble() error {
	tmpls, err := report.Load(filepath.Join(b.p.Dir, project.TemplatesDir))
	if err != nil {
		return templateErr(err)
	}
	b.pol = policy.New(b.p, b.res, policy.Options{Confidential: b.opts.Confidential || !b.p.Config.Report.IsPublic()})
	b.in = report.Input{Project: b.p, Policy: b.pol, Who: "people", One: "person", Confidential: b.opts.Confidential, Synthetic: synthetic(b.p)}
	if w := strings.TrimSpace(b.p.Config.Report.Interviewees); w != "" {
		b.in.Who, b.in.One = w, singular(w)
	}
	for _, t := range tmpls {
		for _, l := range t.Lint() {
			b.pol.Wording(l.Where, l.Phrase, l.Why)
		}
		o, err := report.Assemble(b.in, t)
		if err != nil {
			return templateErr(err)
		}
		for _, w := range o.Warnings {
			b.warn(w)
		}
		b.pol.CheckDocument(t.File, o.Doc)
		b.outs = append(b.outs, o)
	}
	b.pol.Finish()
	if refusals := b.pol.Refusals(); len(refusals) > 0 {
		return &RefusedError{Refusals: refusals}
	}
	for _, n := range b.pol.Notes() {
		b.warn(n)
	}
	for _, l := range b.pol.Lifted() {
		b.warn(fmt.Sprintf("disclosure rule %s lifted by report.toml:%d for %s (%s): %s", l.Override.Rule, l.Override.Line, l.Override.Target(), l.Where, l.Override.Reason))
	}
	return nil
}

func (b *builder) add(name string, data []byte) {
	b.files[name] = data
	b.order = append(b.order, name)
}

// renderers are the formats a build renders, in the order their files are written: the
// report in each, the handouts in PDF only.
var renderers = []render.Renderer{pdf.Renderer{}, docx.Renderer{}, html.Renderer{}}

// Formats names the formats a build can render ("pdf", "docx", "html"): Options.Formats
// takes any of them, and an empty Options.Formats means all.
func Formats() []string {
	var names []string
	for _, r := range renderers {
		names = append(names, r.Format())
	}
	return names
}

// render turns each document, resolved once, into its files: one per format asked for (a
// handout's page budget is checked on its PDF, kept only if asked for), then the annex and
// findings.json. The report's word count is the model's.
func (b *builder) render() error {
	asked := map[string]bool{}
	for _, f := range b.opts.Formats {
		asked[f] = true
	}
	for _, o := range b.outs {
		d := doc.Resolve(o.Doc)
		opts := render.Options{Created: b.created, Warn: func(s string) { b.warn(o.Template.File + ": " + s) }}
		for _, r := range renderers {
			f := r.Format()
			keep := (len(asked) == 0 || asked[f]) && (o.Name == "report" || f == "pdf")
			budget := f == "pdf" && d.PageBudget > 0
			if !keep && !budget {
				continue
			}
			var buf bytes.Buffer
			res, err := r.Render(&buf, d, opts)
			if err != nil {
				return fmt.Errorf("rendering %s.%s: %w", o.Name, f, err)
			}
			if used := float64(res.Pages-1) + res.LastPageFill; budget && res.Pages > d.PageBudget {
				return &InputError{Msg: fmt.Sprintf("%s: the handout fills %d pages (%.1f), over its budget of %d by %.1f %s; shorten it (fewer concerns or shorter text) or raise \"pages\" in its front matter",
					o.Template.File, res.Pages, used, d.PageBudget, used-float64(d.PageBudget), plural(used-float64(d.PageBudget), "page", "pages"))}
			}
			if keep {
				if res.Pages > 0 {
					b.result.Pages[o.Name+"."+f] = res.Pages
				}
				b.add(o.Name+"."+f, buf.Bytes())
			}
		}
		if o.Name != "report" {
			continue
		}
		b.result.Words = d.Words
		if limit := b.p.Config.Report.WordLimit; limit > 0 && b.result.Words > limit {
			msg := fmt.Sprintf("the report has %d words, over the submission's limit of %d (report.toml word_limit) by %d", b.result.Words, limit, b.result.Words-limit)
			if b.opts.Strict {
				return &InputError{Msg: msg}
			}
			b.warn(msg)
		}
		var ab bytes.Buffer
		if err := annex.Write(&ab, o.Doc, b.created); err != nil {
			return fmt.Errorf("writing annex.xlsx: %w", err)
		}
		b.add("annex.xlsx", ab.Bytes())
	}
	jb, err := b.pol.Public().JSON(b.pol.Confidential(), b.in.Synthetic).MarshalIndent()
	if err != nil {
		return err
	}
	b.add("findings.json", jb)
	return nil
}

// publish moves the files into out/ all at once, writes the research team's internal figures
// when asked, and keeps the build's summary (outside out/) to say what changed next time.
func (b *builder) publish() error {
	if b.opts.Internal != "" {
		if err := writeInternal(b.opts.Internal, b.res); err != nil {
			return err
		}
	}
	out := filepath.Join(b.p.Dir, project.OutDir)
	pub, err := pubfile.Publish(out, b.files, b.order)
	if err != nil {
		return err
	}
	for _, w := range pub.Warnings {
		b.warn(w)
	}
	b.result.Files, b.result.Removed = b.order, pub.Removed
	b.result.Summary = summarise(b)
	b.result.Changes = b.result.Summary.since(readSummary(pubfile.StateDir(out)))
	if err := b.result.Summary.write(pubfile.StateDir(out)); err != nil {
		b.warn("the build's summary could not be kept for the next build: " + err.Error())
	}
	return nil
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
