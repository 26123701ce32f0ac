package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/shadowreport/shadowreport/internal/build"
	"github.com/shadowreport/shadowreport/internal/english"
	"github.com/shadowreport/shadowreport/internal/publish"
)

type buildOptions struct {
	*global
	formats      []string
	confidential bool
	strict       bool
	quiet        bool
	internal     string
	watch        bool
}

func newBuildCmd(g *global, runF func(*buildOptions) error) *cobra.Command {
	opts := &buildOptions{global: g}
	cmd := &cobra.Command{
		Use:   "build",
		Short: "Build the shadow report, the handouts, the Excel annex and findings.json in out/",
		Long: `Build checks the project, compares the waves of [compare] in report.toml (by default
the last two), fills the templates (templates/report.md and templates/handout-*.md, or the
built-in ones) with numbers computed from the data and writes into out/:

  report.pdf            the shadow report, for print and reading
  report.docx           the same report as a Word file: what the UN accepts as a submission
  report.html           the same report as one web page, for screen readers and phones
  handout-*.pdf         briefing handouts, each within its page budget
  annex.xlsx            every table of the report
  findings.json         the comparison, as compare --format json

The new out/ is made complete beside it (in .shadowreport/out/) and switched in at once: at
every instant out/ holds the whole previous build or the whole new one, even when the build
fails, is interrupted or is killed. Files of your own in out/ stay; the build replaces or
removes only files it wrote that are unchanged (shadowreport help outputs).

The same inputs give byte-identical files (dated report.toml's date, else
SOURCE_DATE_EPOCH's day if set, else the newest input's day).` + exitStatus,
		Args: noArgs,
		RunE: runE(func() error {
			if runF != nil {
				return runF(opts)
			}
			return buildRun(opts)
		}),
	}
	f := cmd.Flags()
	f.StringSliceVar(&opts.formats, "format", build.Formats(), "what to render, one or more of: pdf (report and handouts), docx (the report in Word), html (the report as a web page)")
	f.BoolVar(&opts.confidential, "confidential", false, "mark the cover and every page \"Confidential — for the Committee only\"")
	f.BoolVar(&opts.strict, "strict", false, "fail when the report is over its word limit")
	f.BoolVarP(&opts.quiet, "quiet", "q", false, "print nothing but warnings and errors")
	f.BoolVar(&opts.watch, "watch", false, "build again whenever report.toml, interviews/ or templates/ change, printing each build's summary (Ctrl-C stops)")
	f.StringVar(&opts.internal, "internal", "", "also write the unsuppressed figures for the research team into `DIR` (outside out/; never to be published)")
	return cmd
}

func buildRun(opts *buildOptions) error {
	for _, f := range opts.formats {
		if !slices.Contains(build.Formats(), f) {
			return usageErrorf("--format %q is not one of %s (give one or more, e.g. pdf,docx)", f, strings.Join(build.Formats(), ", "))
		}
	}
	if opts.watch {
		return watchBuild(opts, func() error { return buildOnce(opts) }, nil, time.Second)
	}
	return buildOnce(opts)
}

// watchBuild builds, then builds again each time report.toml, a file of interviews/ or one of
// templates/ changes (once the change has settled), printing each build's summary: an author's
// preview loop. An error is printed and the watch goes on; it ends on stop (nil: never; Ctrl-C
// ends the process).
func watchBuild(opts *buildOptions, once func() error, stop <-chan struct{}, every time.Duration) error {
	dir := opts.dir
	run := func() {
		if err := once(); err != nil {
			var ee *exitError
			if !errors.As(err, &ee) || !ee.silent {
				fmt.Fprintln(opts.io.err, "error: "+err.Error())
			}
		}
		fmt.Fprintf(opts.io.err, "watching %s for changes (Ctrl-C stops)\n", watched(dir))
	}
	run()
	last := snapshot(dir)
	for {
		select {
		case <-stop:
			return nil
		case <-time.After(every):
		}
		cur := snapshot(dir)
		if cur == last {
			continue
		}
		// wait for the change to settle: a spreadsheet program writes a file in several steps
		for {
			select {
			case <-stop:
				return nil
			case <-time.After(every / 2):
			}
			next := snapshot(dir)
			if next == cur {
				break
			}
			cur = next
		}
		last = cur
		fmt.Fprintln(opts.io.err, "changed: building again")
		run()
	}
}

// watched names what a watch looks at.
func watched(dir string) string {
	return filepath.Join(dir, "report.toml") + ", " + filepath.Join(dir, "interviews") + "/ and " + filepath.Join(dir, "templates") + "/"
}

// snapshot describes report.toml and the files of interviews/ and templates/ by name, size and
// time of change; Excel's lock files (~$...) are left out.
func snapshot(dir string) string {
	var b strings.Builder
	add := func(path string) {
		if fi, err := os.Lstat(path); err == nil {
			fmt.Fprintf(&b, "%s %d %d\n", path, fi.Size(), fi.ModTime().UnixNano())
		}
	}
	add(filepath.Join(dir, "report.toml"))
	for _, sub := range []string{"interviews", "templates"} {
		entries, _ := os.ReadDir(filepath.Join(dir, sub))
		for _, e := range entries {
			if !e.IsDir() && !strings.HasPrefix(e.Name(), "~$") {
				add(filepath.Join(dir, sub, e.Name()))
			}
		}
	}
	return b.String()
}

// buildOnce loads the project and builds it.
func buildOnce(opts *buildOptions) error {
	p, err := opts.loadValid()
	if err != nil {
		return err
	}
	internal := ""
	if opts.internal != "" {
		dir, err := publish.CheckFolder(p.Dir, opts.internal)
		var pe *publish.Error
		if errors.As(err, &pe) {
			return usageErrorf("--internal %s", pe.Msg)
		} else if err != nil {
			return err
		}
		internal = dir
	}
	res, err := build.Build(p, build.Options{
		Formats:      opts.formats,
		Confidential: opts.confidential,
		Strict:       opts.strict,
		Internal:     internal,
		Progress: func(stage string) {
			if opts.io.errTTY && !opts.quiet {
				fmt.Fprintf(opts.io.err, "build: %s\n", stage)
			}
		},
		Compared: func(waves []build.WaveInfo) {
			if !opts.quiet {
				fmt.Fprintln(opts.io.out, "building: "+describeWaves(waves))
			}
		},
		Warn: func(msg string) { fmt.Fprintln(opts.io.err, "warning: "+msg) },
	})
	if err != nil {
		// classify: refused (exit 4), input (3), the lock (5), out/ or the disk (3), else a bug
		return err
	}
	if !opts.quiet {
		var parts []string
		for _, f := range res.Files {
			if n, ok := res.Pages[f]; ok {
				parts = append(parts, fmt.Sprintf("%s (%s)", f, english.Count(n, "page", "pages")))
			} else {
				parts = append(parts, f)
			}
		}
		fmt.Fprintf(opts.io.out, "built out/: %s; the report has %s\n", strings.Join(parts, ", "), english.Count(res.Words, "word", "words"))
		if s := res.StatementSeconds; s > 0 {
			fmt.Fprintf(opts.io.out, "the oral statement takes about %d min %02d s to read\n", int(s+0.5)/60, int(s+0.5)%60)
		}
		if len(res.Removed) > 0 {
			fmt.Fprintf(opts.io.out, "removed from out/, as left by an earlier build: %s\n", strings.Join(res.Removed, ", "))
		}
		for _, l := range res.Summary.Lines() {
			fmt.Fprintln(opts.io.out, "  "+l)
		}
		switch lines := res.Changes.Lines(); {
		case res.Changes == nil:
		case len(lines) == 0:
			fmt.Fprintln(opts.io.out, "  no change since the last build")
		default:
			fmt.Fprintln(opts.io.out, "since the last build:")
			for _, l := range lines {
				fmt.Fprintln(opts.io.out, "  "+l)
			}
		}
	}
	return nil
}

// describeWaves names the waves of a build with their sizes: "2017 (40 interviewees) compared
// with 2014 (published figures, up to 50 answers)".
func describeWaves(waves []build.WaveInfo) string {
	words := func(w build.WaveInfo) string {
		if w.Kind == "aggregate" {
			return fmt.Sprintf("%s (published figures, up to %d answers)", w.Name, w.People)
		}
		return fmt.Sprintf("%s (%s)", w.Name, english.Count(w.People, "interviewee", "interviewees"))
	}
	switch len(waves) {
	case 0:
		return "no wave"
	case 1:
		return words(waves[0]) + ", without a comparison"
	}
	return words(waves[len(waves)-1]) + " compared with " + words(waves[0])
}
