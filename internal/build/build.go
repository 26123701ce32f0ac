package build

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	toml "github.com/pelletier/go-toml/v2"

	"github.com/shadowreport/shadowreport/internal/annex"
	"github.com/shadowreport/shadowreport/internal/compare"
	"github.com/shadowreport/shadowreport/internal/dataset"
	"github.com/shadowreport/shadowreport/internal/datestamp"
	"github.com/shadowreport/shadowreport/internal/diag"
	"github.com/shadowreport/shadowreport/internal/doc"
	"github.com/shadowreport/shadowreport/internal/english"
	"github.com/shadowreport/shadowreport/internal/fault"
	"github.com/shadowreport/shadowreport/internal/mechanism"
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
	// StatementSeconds is how long the oral statement takes to read, when there is one.
	StatementSeconds float64
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
	n := 0
	for i, r := range e.Refusals {
		lines[i] = "- " + r.String()
		n += max(1, r.More)
	}
	return fmt.Sprintf("refused by disclosure control: %d %s would point at a person; nothing was written to out/\n%s",
		n, english.Plural(n, "thing", "things"), strings.Join(lines, "\n"))
}

// Kind is fault.Refused: the command line exits 4.
func (e *RefusedError) Kind() fault.Kind { return fault.Refused }

// Topic is the guide that explains the refusals.
func (e *RefusedError) Topic() string { return "disclosure" }

// InputError is a build that cannot proceed because of its input: a template, a handout
// over its page budget, a word limit under --strict. The command line exits 3.
type InputError struct{ Msg string }

func (e *InputError) Error() string { return e.Msg }

// Kind is fault.Input: the command line exits 3.
func (e *InputError) Kind() fault.Kind { return fault.Input }

// Topic is the guide that explains the error: templates for a template, a handout's page
// budget or the word limit; report.toml for its settings.
func (e *InputError) Topic() string {
	switch msg := e.Msg; {
	case strings.HasPrefix(msg, project.TemplatesDir+"/"), strings.HasPrefix(msg, "(built-in) "), strings.Contains(msg, "word_limit"):
		return "templates"
	case strings.Contains(msg, project.ConfigFile):
		return "report.toml"
	}
	return ""
}

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
	// internal is the comparison as first made, every test included, for --internal; res is
	// the one published, without the tests of findings the policy withholds
	internal *compare.Result
	waves    []*dataset.Wave // the waves compared
	pol      *policy.Policy
	in       report.Input
	outs     []*report.Output
	sched    *scheduler
	jobs     []*renderJob // in the order their files are taken
	files    map[string][]byte
	order    []string
	result   *Result
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
	b.res, b.internal, b.waves = res, res, waves
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
	popts := policy.Options{Confidential: b.opts.Confidential || !b.p.Config.Report.IsPublic()}
	b.pol = policy.New(b.p, b.res, popts)
	// a finding the policy shows nothing of (a follow-up whose people are those of a hidden
	// count) must not stay in the family of tests: the number of tests, the adjusted p of the
	// others and the power at the smallest bases would carry its base. Compare again without
	// its test, until no tested finding is withheld (each round only adds findings).
	var withhold []compare.FindingKey
	for round := 0; round < 4; round++ {
		keys := b.pol.WithheldTested()
		if len(keys) == 0 {
			break
		}
		if round == 3 {
			return fmt.Errorf("build: the findings withheld by the publication policy are still tested after %d comparisons", round)
		}
		withhold = append(withhold, keys...)
		opts := b.p.Config.CompareOptions()
		opts.Withhold = withhold
		res, err := compare.Compare(b.p.Codebook, b.waves, opts)
		if err != nil {
			return err
		}
		b.res = res
		b.pol = policy.New(b.p, b.res, popts)
	}
	b.in = report.Input{Project: b.p, Policy: b.pol, Who: "people", One: "person", Confidential: b.opts.Confidential, Synthetic: synthetic(b.p)}
	if w := strings.TrimSpace(b.p.Config.Report.Interviewees); w != "" {
		b.in.Who, b.in.One = w, singular(w)
	}
	// each document starts rendering, in memory, as soon as the gate has checked it, while the
	// next one is assembled; nothing is published before the whole build passed the gate
	b.sched = newScheduler()
	for _, t := range tmpls {
		for _, l := range t.Lint() {
			b.pol.Wording(l.Where, l.Phrase, l.Why)
		}
		o, err := report.Assemble(b.in, t)
		if err != nil {
			b.sched.stop()
			return templateErr(err)
		}
		for _, w := range o.Warnings {
			b.warn(w)
		}
		b.pol.CheckDocument(t.File, o.Doc)
		b.outs = append(b.outs, o)
		if len(b.pol.Refusals()) == 0 {
			b.startRender(o)
		}
	}
	b.pol.Finish()
	if refusals := b.pol.Refusals(); len(refusals) > 0 {
		b.sched.stop()
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
// report in each, the statement in PDF and Word, the handouts in PDF only.
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

// formats says, for each format of Formats, whether the build writes it.
func (b *builder) formats() map[string]bool {
	asked := map[string]bool{}
	for _, f := range b.opts.Formats {
		asked[f] = true
	}
	formats := map[string]bool{}
	for _, f := range Formats() {
		formats[f] = len(asked) == 0 || asked[f]
	}
	return formats
}

// startRender resolves an assembled document once and hands its files to the scheduler: one
// per format asked for (a handout's page budget is checked on its PDF's layout, the PDF written
// only if asked for), and for the report the annex.
func (b *builder) startRender(o *report.Output) {
	formats := b.formats()
	d := doc.Resolve(o.Doc)
	var jobs []*renderJob
	for _, r := range renderers {
		f := r.Format()
		wanted := o.Name == "report" || f == "pdf" || (o.Name == "statement" && f == "docx")
		keep := formats[f] && wanted
		budget := f == "pdf" && d.PageBudget > 0
		if !keep && !budget {
			continue
		}
		jobs = append(jobs, &renderJob{out: o, doc: d, kind: f, keep: keep, run: func(j *renderJob) error {
			res, err := r.Render(&j.buf, d, render.Options{Created: b.created, Warn: j.warn, LayoutOnly: !j.keep})
			j.res = res
			return err
		}})
	}
	if o.Name == "report" {
		jobs = append(jobs, &renderJob{out: o, doc: d, kind: "annex", keep: true, run: func(j *renderJob) error {
			return annex.Write(&j.buf, o.Doc, b.created)
		}})
	}
	b.jobs = append(b.jobs, jobs...)
	b.sched.add(jobs...)
}

// render takes the files of the documents the scheduler renders (see startRender) and writes
// findings.json meanwhile; their files, warnings and errors are then taken in the order of a
// build that ran them one after the other. The report's word count is the model's.
func (b *builder) render() error {
	formats := b.formats()
	for _, o := range b.outs {
		if o.Name == "statement" {
			// the speaker's time is the model's word count: no need to render first
			if err := b.statementFits(o); err != nil {
				b.sched.stop()
				return err
			}
		}
	}
	// findings.json depends on the policy alone: written while the documents render (the
	// claims evaluated before, once, as the policy keeps them)
	var findings []byte
	ev := b.pol.Claims()
	findingsJob := &renderJob{kind: "findings", run: func(*renderJob) error {
		var err error
		findings, err = b.pol.Public().JSON(b.pol.Confidential(), b.in.Synthetic).WithClaims(ev).MarshalIndent()
		return err
	}}
	b.sched.add(findingsJob)
	b.sched.wait()

	jobs := b.jobs
	for _, j := range jobs {
		o, d := j.out, j.doc
		for _, w := range j.warns {
			b.warn(o.Template.File + ": " + w)
		}
		if j.kind == "annex" {
			if j.err != nil {
				return fmt.Errorf("writing annex.xlsx: %w", j.err)
			}
			b.result.Words = d.Words
			b.add("annex.xlsx", j.buf.Bytes())
			continue
		}
		if j.err != nil {
			return fmt.Errorf("rendering %s.%s: %w", o.Name, j.kind, j.err)
		}
		res := j.res
		if used := float64(res.Pages-1) + res.LastPageFill; j.kind == "pdf" && d.PageBudget > 0 && res.Pages > d.PageBudget {
			return &InputError{Msg: fmt.Sprintf("%s: the handout fills %d pages (%.1f), over its budget of %d by %.1f %s; shorten it (fewer concerns or shorter text) or raise \"pages\" in its front matter",
				o.Template.File, res.Pages, used, d.PageBudget, used-float64(d.PageBudget), english.PluralOf(used-float64(d.PageBudget), "page", "pages"))}
		}
		if j.keep {
			if res.Pages > 0 {
				b.result.Pages[o.Name+"."+j.kind] = res.Pages
			}
			b.add(o.Name+"."+j.kind, j.buf.Bytes())
		}
	}
	if err := b.mechanism(formats); err != nil {
		return err
	}
	if findingsJob.err != nil {
		return findingsJob.err
	}
	b.add("findings.json", findings)
	return nil
}

// mechanism checks the report against the rules of its mechanism (word and page limits,
// formats, required parts, the deadline): warnings, or with --strict errors that stop the build.
func (b *builder) mechanism(formats map[string]bool) error {
	var report *report.Output
	for _, o := range b.outs {
		if o.Name == "report" {
			report = o
		}
	}
	if report == nil {
		return nil
	}
	r := b.p.Config.Report
	var headings []string
	for _, bl := range report.Doc.Blocks {
		if h, ok := bl.(*doc.Heading); ok {
			headings = append(headings, h.Text)
		}
	}
	date := func(d *toml.LocalDate) *time.Time {
		if d == nil {
			return nil
		}
		t := time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)
		return &t
	}
	var written []string
	for _, f := range []string{"docx", "pdf"} {
		if formats[f] {
			written = append(written, f)
		}
	}
	var diags diag.List
	mechanism.Check(mechanism.Submission{
		Mechanism: r.Mechanism, Stage: r.Stage, Joint: r.Joint(),
		Words: b.result.Words, Pages: b.result.Pages["report.pdf"], Formats: written,
		Parts:    mechanism.PartsIn(headings, report.Doc.Contents, r.State, r.Organisation, r.Contact),
		Language: r.Language, WordLimit: r.WordLimit, PageLimit: r.PageLimit,
		Date: date(r.Date), Deadline: date(r.Deadline), Today: time.Now().UTC(),
		StatementMinutes: b.p.Config.Statement.Minutes,
		Report:           report.Template.File, Line: b.p.Config.Line,
	}, &diags)
	for _, d := range diags.Items() {
		over := d.Rule == "mechanism.words" || d.Rule == "mechanism.pages"
		if b.opts.Strict && (d.Severity == diag.Error || over) {
			return &InputError{Msg: strings.TrimPrefix(strings.TrimPrefix(d.String(), "error: "), "warning: ")}
		}
		b.warn(strings.TrimPrefix(strings.TrimPrefix(d.String(), "error: "), "warning: "))
	}
	return nil
}

// statementFits checks the oral statement against the speaker's time: [statement] minutes at
// the reading pace of words_per_minute. Over it, the build fails like a handout over its pages.
func (b *builder) statementFits(o *report.Output) error {
	st := b.p.Config.Statement
	budget := mechanism.Budget{Minutes: st.Minutes, WordsPerMinute: st.WordsPerMinute}
	b.result.StatementSeconds = budget.Seconds(o.Words)
	if fits, over := budget.Fits(o.Words); !fits {
		return &InputError{Msg: fmt.Sprintf("%s: the statement has %d words, about %.0f seconds at %d words a minute: over the %g minutes of [statement] in report.toml by %d %s; shorten it, or raise minutes if the speaker has longer",
			o.Template.File, o.Words, budget.Seconds(o.Words), budget.WordsPerMinute, budget.Minutes, over, map[bool]string{true: "second", false: "seconds"}[over == 1])}
	}
	return nil
}

// renderJob is one file to render, its outcome and its warnings, kept to be told in order.
type renderJob struct {
	out   *report.Output
	doc   *doc.Resolved
	kind  string // a format of Formats, "annex" or "findings"
	keep  bool   // the file is published (a handout's PDF may be laid out only for its budget)
	run   func(*renderJob) error
	buf   bytes.Buffer
	warns []string
	err   error
	res   render.Result
}

func (j *renderJob) warn(s string) { j.warns = append(j.warns, s) }

// rank orders the jobs to start: the report's files first, the longest first (the PDF lays
// out, embeds its fonts and compresses every page, the Word file draws the figures' pictures,
// the annex writes a workbook, the web page embeds its fonts), then the short documents, which
// fill in while the last of the report's finish.
func (j *renderJob) rank() int {
	if j.out == nil || j.out.Name != "report" {
		return 4
	}
	switch j.kind {
	case "pdf":
		return 0
	case "docx":
		return 1
	case "annex":
		return 2
	}
	return 3
}

// scheduler runs render jobs as they are added, as many at once as there are processors,
// the lowest rank first among those waiting (the report's longest files start as soon as the
// report passed the gate). A renderer that panics past its own guard fails its job, not the
// build.
type scheduler struct {
	mu      sync.Mutex
	ready   *sync.Cond
	queue   []*renderJob
	closed  bool
	stopped bool
	workers sync.WaitGroup
}

func newScheduler() *scheduler {
	s := &scheduler{}
	s.ready = sync.NewCond(&s.mu)
	for range runtime.GOMAXPROCS(0) {
		s.workers.Go(s.work)
	}
	return s
}

func (s *scheduler) work() {
	for {
		s.mu.Lock()
		for len(s.queue) == 0 && !s.closed {
			s.ready.Wait()
		}
		if len(s.queue) == 0 || s.stopped {
			s.mu.Unlock()
			return
		}
		next := 0
		for i, j := range s.queue {
			if j.rank() < s.queue[next].rank() {
				next = i
			}
		}
		j := s.queue[next]
		s.queue = slices.Delete(s.queue, next, next+1)
		s.mu.Unlock()
		func() {
			defer func() {
				if p := recover(); p != nil {
					j.err = fmt.Errorf("%v", p)
				}
			}()
			j.err = j.run(j)
		}()
	}
}

// add queues jobs.
func (s *scheduler) add(jobs ...*renderJob) {
	s.mu.Lock()
	s.queue = append(s.queue, jobs...)
	s.mu.Unlock()
	s.ready.Broadcast()
}

// wait runs every job queued and returns when all are done.
func (s *scheduler) wait() {
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	s.ready.Broadcast()
	s.workers.Wait()
}

// stop drops the jobs not started and waits for those running: the build failed.
func (s *scheduler) stop() {
	s.mu.Lock()
	s.closed, s.stopped = true, true
	s.queue = nil
	s.mu.Unlock()
	s.ready.Broadcast()
	s.workers.Wait()
}

// publish moves the files into out/ all at once, writes the research team's internal figures
// when asked, and keeps the build's summary (outside out/) to say what changed next time.
func (b *builder) publish() error {
	if b.opts.Internal != "" {
		if err := writeInternal(b.opts.Internal, b.internal); err != nil {
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
// taken from a file (datestamp.Rule): the submission's date in report.toml, so that every copy
// of a project builds the same bytes; else SOURCE_DATE_EPOCH's day when set; else the day of
// the newest input (report.toml, interviews/, templates/).
func SourceDate(p *project.Project) time.Time {
	var fixed time.Time
	if d := p.Config.Report.Date; d != nil {
		fixed = time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)
	}
	day, _ := datestamp.Rule{Fixed: fixed, Inputs: []string{
		filepath.Join(p.Dir, project.ConfigFile), filepath.Join(p.Dir, project.InterviewsDir), filepath.Join(p.Dir, project.TemplatesDir),
	}}.Day()
	return day
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
