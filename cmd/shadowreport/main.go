// Command shadowreport turns coded interview workbooks into a UN shadow report.
package main

import (
	"os"
	"runtime/debug"
	"slices"

	"github.com/shadowreport/shadowreport/internal/cli"
	"github.com/shadowreport/shadowreport/internal/render"
)

func main() {
	tuneGC()
	if slices.Contains(os.Args[1:], "build") {
		render.Warm() // the fonts are read while the workbooks are
	}
	os.Exit(cli.Execute(os.Args[1:], os.Stdout, os.Stderr))
}

// tuneGC makes the garbage collector run less often than Go's default: a build is short and
// allocates much that it drops at once (fonts, compressors, pictures), and collecting less
// often saves a third of its time. A soft limit keeps a large project's memory bounded:
// past it the collector runs as often as it must. GOGC and GOMEMLIMIT, when set, decide.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(768 << 20)
	}
}
