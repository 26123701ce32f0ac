package cli

import (
	"errors"
	"fmt"
	"io"

	"github.com/shadowreport/shadowreport/internal/diag"
	"github.com/shadowreport/shadowreport/internal/project"
)

// load reads the project named by -C. Problems of the input come back in the list; the error
// is for a folder that is not a project, or a password file that cannot be read.
func (g *global) load() (*project.Project, *diag.List, error) {
	pw, err := g.password()
	if err != nil {
		return nil, nil, err
	}
	p, diags, err := project.Load(g.dir, project.Options{Password: pw})
	var npe *project.NotProjectError
	if errors.As(err, &npe) {
		// -C (or the current folder) names no project, whatever the reason: a usage error
		return nil, diags, usageErrorf("%v", err)
	}
	return p, diags, err
}

// loadValid loads the project for commands that use its data: diagnostics are printed
// (warnings abbreviated) and errors in the input stop the command with exit 3.
func (g *global) loadValid() (*project.Project, error) {
	p, diags, err := g.load()
	if diags != nil {
		printDiags(g.io.err, diags, 5)
	}
	if err != nil {
		return nil, err
	}
	if diags.HasErrors() {
		fmt.Fprintf(g.io.err, "%s; fix them first (shadowreport check lists them all)\n", countDiags(diags))
		return nil, invalidReported
	}
	return p, nil
}

// printDiags writes errors and disclosure diagnostics (a risk of identifying someone) in full,
// and at most maxWarnings other warnings (all when maxWarnings < 0); the rest are counted in one
// line. Diagnostics capped per rule and file arrive as one "... and N more" line each.
func printDiags(w io.Writer, diags *diag.List, maxWarnings int) {
	shown, folded := 0, 0
	for _, d := range diags.Items() {
		if d.Severity == diag.Warning && !diag.IsDisclosure(d.Rule) && maxWarnings >= 0 {
			if shown >= maxWarnings {
				folded += max(d.Omitted, 1)
				continue
			}
			shown++
		}
		fmt.Fprintln(w, d)
	}
	if folded > 0 {
		fmt.Fprintf(w, "... and %s (shadowreport check lists them all)\n", count(folded, "more warning"))
	}
}

func countDiags(diags *diag.List) string {
	return count(diags.Count(diag.Error), "error") + ", " + count(diags.Count(diag.Warning), "warning")
}

func count(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}
