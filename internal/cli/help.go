package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/shadowreport/shadowreport/docs"
	"github.com/shadowreport/shadowreport/internal/codebook"
)

type helpOptions struct {
	*global
	root *cobra.Command
	args []string
}

// newHelpCmd replaces cobra's help command: help COMMAND prints the command's help, help
// TOPIC one of the guides of docs/, embedded in the binary.
func newHelpCmd(g *global, root *cobra.Command, runF func(*helpOptions) error) *cobra.Command {
	opts := &helpOptions{global: g, root: root}
	return &cobra.Command{
		Use:   "help [COMMAND | TOPIC]",
		Short: "Help about a command, or a guide: workbooks, templates, disclosure, ...",
		Long: `Help prints the help of a command (shadowreport help check), or one of the guides, the
same pages as docs/ in the source repository (shadowreport help templates):
` + guideList() + `
Help alone lists the commands and the guides. A guide is Markdown: read it in the terminal,
or save it (shadowreport help templates > templates.md) and open it in an editor.` + exitStatus,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.args = args
			return runE(func() error {
				if runF != nil {
					return runF(opts)
				}
				return helpRun(opts)
			})(cmd, args)
		},
	}
}

// guideList lists the guides, one a line, for help texts.
func guideList() string {
	var b strings.Builder
	width := 0
	for _, gd := range docs.Guides() {
		width = max(width, len(gd.Topic))
	}
	for _, gd := range docs.Guides() {
		fmt.Fprintf(&b, "  %-*s  %s\n", width, gd.Topic, gd.Title())
	}
	return b.String()
}

func helpRun(opts *helpOptions) error {
	args := opts.args
	if len(args) == 0 {
		opts.root.SetOut(opts.io.out)
		return opts.root.Help()
	}
	// a guide first: "import" is both a command and the guide to it
	if gd, ok := docs.Find(strings.Join(args, "/")); ok && len(args) <= 2 {
		text := gd.Text()
		if c, _, err := opts.root.Find(args); err == nil && c != opts.root {
			text = strings.TrimRight(text, "\n") + "\n\n(The options of the command: shadowreport " + c.Name() + " --help)\n"
		}
		_, err := fmt.Fprint(opts.io.out, text)
		return err
	}
	c, _, err := opts.root.Find(args)
	if err != nil || c == opts.root {
		known := docs.Main()
		for _, sub := range opts.root.Commands() {
			known = append(known, sub.Name())
		}
		msg := fmt.Sprintf("no command or guide %q", strings.Join(args, " "))
		if s, ok := codebook.Suggest(strings.Join(args, " "), known); ok {
			msg += fmt.Sprintf(" (did you mean %q?)", s)
		}
		return usageErrorf("%s; the guides are %s", msg, strings.Join(docs.Main(), ", "))
	}
	c.InitDefaultHelpFlag()
	c.SetOut(opts.io.out)
	return c.Help()
}
