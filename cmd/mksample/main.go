// Command mksample writes the synthetic sample project's workbooks into DIR/interviews/
// and its report.toml into DIR (default: the current folder), replacing any there.
//
// Usage:
//
//	go run ./cmd/mksample [DIR]
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/shadowreport/shadowreport/internal/sample"
)

func main() {
	args := os.Args[1:]
	if len(args) > 1 || len(args) == 1 && strings.HasPrefix(args[0], "-") {
		fmt.Fprintln(os.Stderr, "usage: mksample [DIR]")
		os.Exit(2)
	}
	dir := "."
	if len(args) == 1 {
		dir = args[0]
	}
	if err := sample.Write(dir); err != nil {
		fmt.Fprintln(os.Stderr, "mksample:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(filepath.Join(dir, "report.toml"), sample.ReportTOML, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "mksample:", err)
		os.Exit(1)
	}
}
