// Command mksample writes the synthetic sample project's workbooks into DIR/interviews/
// (default: the current folder), replacing any there.
//
// Usage:
//
//	go run ./cmd/mksample [DIR]
package main

import (
	"fmt"
	"os"
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
}
