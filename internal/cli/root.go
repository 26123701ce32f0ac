package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/shadowreport/shadowreport/docs"
)

// streams are where a command writes: results to out, diagnostics and progress to err.
type streams struct {
	out, err io.Writer
	// errTTY is set when err is a terminal, the only place progress is shown.
	errTTY bool
	// env reads environment variables (os.Getenv outside tests).
	env func(string) string
}

// global holds the flags every command shares.
type global struct {
	io           streams
	dir          string
	passwordFile string
}

// Execute runs the command line args and returns the process exit status.
func Execute(args []string, stdout, stderr io.Writer) int {
	return execute(args, streams{out: stdout, err: stderr, errTTY: isTerminal(stderr), env: os.Getenv})
}

func execute(args []string, s streams) int {
	g := &global{io: s}
	root := newRootCmd(g)
	root.SetArgs(args)
	cmd, err := root.ExecuteC()
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if !errors.As(err, &ee) {
		// cobra's own errors: unknown command or flag, wrong number of arguments
		ee = &exitError{code: exitUsage, err: err}
	}
	if !ee.silent {
		fmt.Fprintln(s.err, "error: "+ee.Error())
		if ee.topic != "" {
			fmt.Fprintln(s.err, docs.Topic(ee.topic))
		}
	}
	if ee.code == exitUsage {
		fmt.Fprintf(s.err, "Run '%s --help' for usage.\n", cmd.CommandPath())
	}
	return ee.code
}

func newRootCmd(g *global) *cobra.Command {
	root := &cobra.Command{
		Use:   "shadowreport",
		Short: "Turn coded interview workbooks into a UN shadow report",
		Long: `shadowreport reads a report project — a codebook and one coding workbook per wave of
interviews — validates it to the cell, compares waves with honest statistics and builds
the shadow report and briefing handouts for a UN treaty body.

A project is a folder with interviews/codebook.xlsx, one workbook per wave
(interviews/2014.xlsx, interviews/2017.xlsx, ...), an optional report.toml and templates/.
Start one with: shadowreport init DIR

GUIDES (shadowreport help TOPIC prints one)
` + guideList() + exitStatus,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(g.io.out)
	root.SetErr(g.io.err)
	root.PersistentFlags().StringVarP(&g.dir, "project", "C", ".", "the report project's folder")
	root.PersistentFlags().StringVar(&g.passwordFile, "password-file", "", "read the password of encrypted workbooks from this file (or set SHADOWREPORT_PASSWORD)")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageErrorf("%v", err)
	})
	root.SetHelpCommand(newHelpCmd(g, root, nil))
	root.AddCommand(
		newInitCmd(g, nil),
		newCheckCmd(g, nil),
		newSummaryCmd(g, nil),
		newCompareCmd(g, nil),
		newBuildCmd(g, nil),
		newVersionCmd(g, nil),
		newImportCmd(g, nil),
		newTemplateCmd(g, nil),
	)
	return root
}

const exitStatus = `

EXIT STATUS
  0  success (warnings allowed)
  1  unexpected internal error
  2  usage error
  3  invalid input: workbook, codebook, template or settings
  4  refused by disclosure control`

// runE adapts a command's run function: anything it returns without an exit code is an
// unexpected internal error.
func runE(run func() error) func(*cobra.Command, []string) error {
	return func(*cobra.Command, []string) error {
		err := run()
		if err == nil {
			return nil
		}
		var ee *exitError
		if errors.As(err, &ee) {
			return err
		}
		return &exitError{code: exitInternal, err: err}
	}
}

// password returns the password for encrypted workbooks, from --password-file or the
// environment. It is never taken from a plain flag, which would leave it in shell history.
func (g *global) password() (string, error) {
	if g.passwordFile != "" {
		b, err := os.ReadFile(g.passwordFile)
		if err != nil {
			return "", usageErrorf("cannot read the password file: %v", err)
		}
		return strings.TrimRight(string(b), "\r\n"), nil
	}
	return g.io.env("SHADOWREPORT_PASSWORD"), nil
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// formatFlag validates a --format value against the allowed ones.
func checkFormat(format string, allowed ...string) error {
	for _, a := range allowed {
		if format == a {
			return nil
		}
	}
	return usageErrorf("--format %q is not one of %s", format, strings.Join(allowed, ", "))
}
