package cli

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	toml "github.com/pelletier/go-toml/v2"
	"github.com/spf13/cobra"

	"github.com/shadowreport/shadowreport/internal/dataset"
	"github.com/shadowreport/shadowreport/internal/diag"
	"github.com/shadowreport/shadowreport/internal/english"
	"github.com/shadowreport/shadowreport/internal/mechanism"
	"github.com/shadowreport/shadowreport/internal/project"
)

type checkOptions struct {
	*global
	format string
}

func newCheckCmd(g *global, runF func(*checkOptions) error) *cobra.Command {
	opts := &checkOptions{global: g}
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Validate the codebook and every wave, naming each wrong cell",
		Long: `Check reads report.toml, the codebook and every wave workbook and reports every
problem it finds — not only the first — each with its file, sheet and cell and what
would be right. It never changes a file.

With --format json the diagnostics are printed on standard output for scripts and editors:
{"ok": false, "errors": 1, "warnings": 0, "diagnostics": [{"severity": "error",
"file": "interviews/2017.xlsx", "sheet": "interviews", "cell": "F14", "rule": "value.yesno",
"message": "..."}], ...}` + exitStatus,
		Args: noArgs,
		RunE: runE(func() error {
			if runF != nil {
				return runF(opts)
			}
			return checkRun(opts)
		}),
	}
	cmd.Flags().StringVar(&opts.format, "format", "text", "output format: text or json")
	return cmd
}

type checkReport struct {
	OK          bool              `json:"ok"`
	Errors      int               `json:"errors"`
	Warnings    int               `json:"warnings"`
	Diagnostics []diag.Diagnostic `json:"diagnostics"`
	Codes       int               `json:"codes"`
	Waves       []waveInfo        `json:"waves"`
}

type waveInfo struct {
	Name         string       `json:"name"`
	File         string       `json:"file"`
	Kind         dataset.Kind `json:"kind"`
	Interviewees int          `json:"interviewees,omitempty"`
	Withdrawn    int          `json:"withdrawn,omitempty"`
	Figures      int          `json:"figures,omitempty"`
	Quotes       int          `json:"quotes,omitempty"`
	// Sheet is the sheet read when it is not named after the kind (the only sheet of the workbook).
	Sheet string `json:"sheet,omitempty"`
	// Incomplete: reading stopped at an error, the figures are of the rows read before it.
	Incomplete bool `json:"incomplete,omitempty"`
}

func checkRun(opts *checkOptions) error {
	if err := checkFormat(opts.format, "text", "json"); err != nil {
		return err
	}
	p, diags, err := opts.load()
	if err != nil {
		if diags != nil && diags.Count(diag.Error)+diags.Count(diag.Warning) > 0 {
			printDiags(opts.io.err, diags, -1)
			seeTopics(opts.io.err, diags, "workbooks")
		}
		return err
	}
	// the rules of the mechanism that need no report: the deadline, report.toml's own limits
	r := p.Config.Report
	date := func(d *toml.LocalDate) *time.Time {
		if d == nil {
			return nil
		}
		t := time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)
		return &t
	}
	outcome := mechanism.Check(mechanism.Submission{Mechanism: r.Mechanism, Stage: r.Stage, Joint: r.Joint(), Words: -1,
		Language: r.Language, WordLimit: r.WordLimit, PageLimit: r.PageLimit, Date: date(r.Date), Deadline: date(r.Deadline),
		Today: time.Now().UTC(), StatementMinutes: p.Config.Statement.Minutes, Report: "templates/report.md", Line: p.Config.Line}, diags)
	rep := checkReport{
		OK:          !diags.HasErrors(),
		Errors:      diags.Count(diag.Error),
		Warnings:    diags.Count(diag.Warning),
		Diagnostics: diags.Items(),
		Codes:       len(p.Codebook.Codes),
	}
	if rep.Diagnostics == nil {
		rep.Diagnostics = []diag.Diagnostic{}
	}
	for _, w := range p.Waves {
		rep.Waves = append(rep.Waves, describeWave(w))
	}
	if opts.format == "json" {
		enc := json.NewEncoder(opts.io.out)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return err
		}
	} else {
		printDiags(opts.io.err, diags, -1)
		fmt.Fprintln(opts.io.out, checkLine(p, rep))
		if outcome.DaysLeft != nil {
			fmt.Fprintln(opts.io.out, outcome.DeadlineText())
		}
		seeTopics(opts.io.err, diags, "workbooks")
	}
	if !rep.OK {
		return invalidReported
	}
	return nil
}

func describeWave(w *dataset.Wave) waveInfo {
	info := waveInfo{Name: w.Name, File: w.File, Kind: w.Kind, Interviewees: w.Counted(), Withdrawn: w.Withdrawn(), Figures: len(w.Figures), Quotes: len(w.Quotes), Incomplete: w.Incomplete}
	if w.Sheet != "" && !strings.EqualFold(strings.TrimSpace(w.Sheet), string(w.Kind)) {
		info.Sheet = w.Sheet
	}
	return info
}

// checkLine is the one-line verdict: what was read and how many problems it has.
func checkLine(p *project.Project, rep checkReport) string {
	var waves []string
	for _, w := range rep.Waves {
		if w.Kind == dataset.Aggregate {
			part := ""
			if w.Incomplete {
				part = ", read only in part"
			}
			waves = append(waves, fmt.Sprintf("%s (%s%s)", w.Name, english.Count(w.Figures, "published figure", "published figures"), part))
			continue
		}
		s := fmt.Sprintf("%s (%s", w.Name, english.Count(w.Interviewees, "interviewee", "interviewees"))
		if w.Withdrawn > 0 {
			s += fmt.Sprintf(", %d withdrawn", w.Withdrawn)
		}
		if w.Incomplete {
			s += ", read only in part"
		}
		waves = append(waves, s+")")
	}
	verdict := "ok"
	if !rep.OK {
		verdict = "not ok"
	}
	line := fmt.Sprintf("%s: %s in the codebook", verdict, english.Count(rep.Codes, "code", "codes"))
	if len(waves) > 0 {
		line += "; waves " + strings.Join(waves, ", ")
	}
	return line + "; " + english.Count(rep.Errors, "error", "errors") + ", " + english.Count(rep.Warnings, "warning", "warnings")
}

// noArgs rejects positional arguments as a usage error.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usageErrorf("%s takes no arguments (got %q); use -C DIR to name the project", cmd.Name(), args[0])
	}
	return nil
}
