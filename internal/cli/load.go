package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/shadowreport/shadowreport/docs"

	"github.com/shadowreport/shadowreport/internal/diag"
	"github.com/shadowreport/shadowreport/internal/english"
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
		seeTopics(g.io.err, diags, "workbooks")
		return nil, invalidReported
	}
	return p, nil
}

// topicOf is the guide that explains a diagnostic: the disclosure rules, report.toml, the
// templates, an import; other is the topic of the rest (the workbooks, or the export imported).
func topicOf(d diag.Diagnostic, other string) string {
	switch {
	case diag.IsDisclosure(d.Rule):
		return "disclosure"
	case d.File == project.ConfigFile:
		return "report.toml"
	case strings.HasPrefix(d.File, project.TemplatesDir+"/"):
		return "templates"
	case strings.HasPrefix(d.File, project.InterviewsDir+"/"):
		return "workbooks"
	case strings.HasPrefix(d.Rule, "import."):
		return "import"
	}
	return other
}

// seeTopics ends a list of diagnostics with the guides that explain its errors and its
// disclosure warnings, one line each: "see: shadowreport help workbooks".
func seeTopics(w io.Writer, diags *diag.List, other string) {
	seen := map[string]bool{}
	for _, d := range diags.Items() {
		if d.Severity != diag.Error && !diag.IsDisclosure(d.Rule) {
			continue
		}
		if t := topicOf(d, other); !seen[t] {
			seen[t] = true
			fmt.Fprintln(w, docs.Topic(t))
		}
	}
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
		fmt.Fprintf(w, "... and %s (shadowreport check lists them all)\n", english.Count(folded, "more warning", "more warnings"))
	}
}

func countDiags(diags *diag.List) string {
	return english.Count(diags.Count(diag.Error), "error", "errors") + ", " + english.Count(diags.Count(diag.Warning), "warning", "warnings")
}
