package cli

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// Set at link time: go build -ldflags "-X github.com/shadowreport/shadowreport/internal/cli.version=v0.1.0 ...".
var (
	version = ""
	commit  = ""
)

func newVersionCmd(g *global, runF func(*global) error) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version, commit and Go version",
		Args:  noArgs,
		RunE: runE(func() error {
			if runF != nil {
				return runF(g)
			}
			v, c := version, commit
			if info, ok := debug.ReadBuildInfo(); ok {
				if v == "" && info.Main.Version != "" && info.Main.Version != "(devel)" {
					v = info.Main.Version
				}
				for _, s := range info.Settings {
					if s.Key == "vcs.revision" && c == "" {
						c = s.Value
					}
				}
			}
			if v == "" {
				v = "dev"
			}
			if c == "" {
				c = "unknown"
			}
			_, err := fmt.Fprintf(g.io.out, "shadowreport %s (commit %s, %s)\n", v, c, runtime.Version())
			return err
		}),
	}
}
