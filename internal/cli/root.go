package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/shadowreport/shadowreport/docs"
	"github.com/shadowreport/shadowreport/internal/publish"
	"github.com/shadowreport/shadowreport/internal/safefile"
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
// An interrupt (Ctrl-C) or a TERM during the run stops it cleanly: a publication under way is
// abandoned before its switch or completed after it, temporary files are removed, and the
// process exits 130 (INT) or 143 (TERM).
func Execute(args []string, stdout, stderr io.Writer) int {
	stop := publish.HandleSignals(func(sig os.Signal) {
		fmt.Fprintf(stderr, "interrupted (%v): stopping; nothing half-written is left, and out/ keeps a complete build\n", sig)
	})
	defer stop()
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
	// Every command's help ends with the exit statuses, cobra's own (help, completion) too: they
	// close the usage template, after the flags, rather than each command's description.
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	var trim func(c *cobra.Command)
	trim = func(c *cobra.Command) {
		c.Long = strings.TrimSuffix(c.Long, exitStatus)
		for _, sub := range c.Commands() {
			trim(sub)
		}
	}
	trim(root)
	root.SetUsageTemplate(strings.TrimRight(root.UsageTemplate(), "\n") + exitStatus + "\n")
	return root
}

const exitStatus = `

EXIT STATUS
  0    success (warnings allowed)
  1    internal error: a bug in shadowreport (please report it)
  2    usage error: the command line; a folder that is not a project (-C); an -o file
       shadowreport will not write; init onto a file or a folder that is not empty
  3    invalid input, or files shadowreport cannot use: workbook, codebook, template,
       settings; out/ not a folder, a file of yours in the way, disk full, permission denied
  4    refused by disclosure control
  5    another build of this project is running: wait for it to finish, then build again
  130  interrupted (Ctrl-C), 143 terminated: nothing half-written is left`

// runE adapts a command's run function: its error gets its exit status from classify.
func runE(run func() error) func(*cobra.Command, []string) error {
	return func(*cobra.Command, []string) error {
		if err := run(); err != nil {
			return classify(err)
		}
		return nil
	}
}

// maxPasswordFile bounds the password file: Excel's passwords have at most 255 characters.
const maxPasswordFile = 4096

// password returns the password for encrypted workbooks, from --password-file or the
// environment. It is never taken from a plain flag, which would leave it in shell history.
// The file must be a regular file (a link to one is followed) of at most maxPasswordFile
// bytes: a device such as /dev/zero or a named pipe is refused at once, without reading.
func (g *global) password() (string, error) {
	if g.passwordFile != "" {
		b, err := safefile.ReadFileFollow(g.passwordFile, maxPasswordFile)
		var se *safefile.Error
		if errors.As(err, &se) {
			return "", usageErrorf("--password-file %s: %s: give a file that holds the password on one line, or set SHADOWREPORT_PASSWORD", se.Path, se.Reason())
		}
		if err != nil {
			return "", usageErrorf("--password-file %s: cannot be read: %v", g.passwordFile, err)
		}
		return strings.TrimRight(string(b), "\r\n"), nil
	}
	return g.io.env("SHADOWREPORT_PASSWORD"), nil
}

// isTerminal reports whether w is a terminal: a real one, not any character device (/dev/null is
// one, and "> /dev/null" must work like any redirection).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
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
