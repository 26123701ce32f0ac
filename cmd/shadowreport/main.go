// Command shadowreport turns coded interview workbooks into a UN shadow report.
package main

import (
	"os"

	"github.com/shadowreport/shadowreport/internal/cli"
)

func main() {
	os.Exit(cli.Execute(os.Args[1:], os.Stdout, os.Stderr))
}
