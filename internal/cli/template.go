package cli

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/datestamp"
	"github.com/shadowreport/shadowreport/internal/english"
	"github.com/shadowreport/shadowreport/internal/importer"
	"github.com/shadowreport/shadowreport/internal/project"
	"github.com/shadowreport/shadowreport/internal/publish"
)

type templateOptions struct {
	*global
	wave  string
	force bool
}

func newTemplateCmd(g *global, runF func(*templateOptions) error) *cobra.Command {
	opts := &templateOptions{global: g}
	cmd := &cobra.Command{
		Use:   "template --wave NAME",
		Short: "Write a coding workbook for a new wave, with drop-downs from the codebook",
		Long: fmt.Sprintf(`Template writes interviews/NAME.xlsx, a workbook to code a new wave in: the sheet
interviews with the columns id, consent and one per code of the codebook (direct
identifiers left out), and the sheet quotes (id, code, text, reviewed).

Row 1 holds the codes exactly; each header cell carries the code's label as a comment, and
selecting a cell shows the question as asked. The first %d rows have drop-downs: yes, no,
n/a for yes/no codes; the values and n/a for category codes (multi codes accept several,
separated by ;); quote, aggregate, withdrawn for consent; a number check for number codes.
Lists too long to type into a drop-down are kept on a visible sheet named lists, placed
last (check reads only interviews and quotes).

Template refuses to replace an existing workbook unless --force.`, importer.TemplateRows) + exitStatus,
		Args: noArgs,
		RunE: runE(func() error {
			if runF != nil {
				return runF(opts)
			}
			return templateRun(opts)
		}),
	}
	cmd.Flags().StringVar(&opts.wave, "wave", "", "the wave's name: writes interviews/NAME.xlsx (required)")
	cmd.Flags().BoolVar(&opts.force, "force", false, "replace an existing interviews/NAME.xlsx")
	return cmd
}

func templateRun(opts *templateOptions) error {
	rel, path, err := waveTarget(opts.dir, opts.wave, opts.force)
	if err != nil {
		return err
	}
	p, err := opts.loadCodebook()
	if err != nil {
		return err
	}
	date, _ := datestamp.Rule{Getenv: opts.io.env, Inputs: []string{filepath.Join(p.Dir, project.InterviewsDir, project.CodebookFile)}}.Day()
	if err := publish.WriteFile(path, func(w io.Writer) error { return importer.Template(w, p.Codebook, opts.wave, date) }); err != nil {
		return err
	}
	n, skipped := 0, 0
	for _, c := range p.Codebook.Codes {
		if c.Identifier == codebook.Direct {
			skipped++
			continue
		}
		n++
	}
	fmt.Fprintf(opts.io.out, "Wrote %s: a coding workbook with %s", rel, english.Count(n, "code", "codes"))
	if skipped > 0 {
		fmt.Fprintf(opts.io.out, " (%s left out: direct identifiers never go into a wave)", english.Count(skipped, "code", "codes"))
	}
	fmt.Fprintf(opts.io.out, " and %d rows ready to fill.\n", importer.TemplateRows)
	fmt.Fprintln(opts.io.out, "Fill one row per interviewee; set consent from your consent records. Then: shadowreport check")
	return nil
}
