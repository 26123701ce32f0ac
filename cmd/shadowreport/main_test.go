package main

import (
	"crypto/sha256"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/xuri/excelize/v2"

	"github.com/shadowreport/shadowreport/internal/cli"
	"github.com/shadowreport/shadowreport/internal/sample"
	"github.com/shadowreport/shadowreport/internal/xlsxfix"
)

var update = flag.Bool("update", false, "rewrite the expected output of cmp in the scripts")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"shadowreport":        func() { os.Exit(cli.Execute(os.Args[1:], os.Stdout, os.Stderr)) },
		"shadowreport-hooked": hookedMain, // outputs_test.go: stops a build at a named step
	})
}

// TestScripts runs the end-to-end scenarios in testdata/script: each is a terminal session
// with its input files inline.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: *update,
		Cmds: map[string]func(*testscript.TestScript, bool, []string){
			"xlsx":    cmdXLSX,
			"sample":  cmdSample,
			"status":  cmdStatus,
			"hashdir": cmdHashdir,
			"encrypt": cmdEncrypt,
		},
	})
}

// xlsx OUT.xlsx SHEET=FILE.csv... builds a workbook from CSV files (see xlsxfix.ParseCSV
// for the cell syntax and the #! directives).
func cmdXLSX(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 2 {
		ts.Fatalf("usage: xlsx OUT.xlsx SHEET=FILE.csv...")
	}
	var sheets []xlsxfix.Sheet
	for _, a := range args[1:] {
		name, file, ok := strings.Cut(a, "=")
		if !ok {
			ts.Fatalf("want SHEET=FILE, got %q", a)
		}
		s, err := xlsxfix.ParseCSV(name, ts.ReadFile(file))
		ts.Check(err)
		sheets = append(sheets, s)
	}
	ts.Check(xlsxfix.Write(ts.MkAbs(args[0]), sheets...))
}

// sample DIR writes the synthetic sample project into DIR.
func cmdSample(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: sample DIR")
	}
	dir := ts.MkAbs(args[0])
	ts.Check(sample.WriteProject(dir))
}

// status N COMMAND ARGS... runs a command and asserts its exit status.
func cmdStatus(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: status N COMMAND [ARGS...]")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	err = ts.Exec(args[1], args[2:]...)
	got := 0
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		got = ee.ExitCode()
	case err != nil:
		ts.Fatalf("%v", err)
	}
	if got != want {
		ts.Fatalf("exit status %d, want %d", got, want)
	}
}

// hashdir DIR OUT writes the SHA-256 of every file under DIR to OUT, to prove a command left it alone.
func cmdHashdir(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: hashdir DIR OUT")
	}
	root := ts.MkAbs(args[0])
	var lines []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		info, _ := d.Info()
		rel, _ := filepath.Rel(root, path)
		lines = append(lines, fmt.Sprintf("%x %s %s %s", sha256.Sum256(b), info.Mode(), info.ModTime().UTC(), filepath.ToSlash(rel)))
		return nil
	})
	ts.Check(err)
	sort.Strings(lines)
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), []byte(strings.Join(lines, "\n")+"\n"), 0o644))
}

// encrypt FILE PASSWORD encrypts a workbook the way Excel's "Encrypt with Password" does.
func cmdEncrypt(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: encrypt FILE PASSWORD")
	}
	path := ts.MkAbs(args[0])
	f, err := excelize.OpenFile(path)
	ts.Check(err)
	defer f.Close()
	ts.Check(f.SaveAs(path, excelize.Options{Password: args[1]}))
}
