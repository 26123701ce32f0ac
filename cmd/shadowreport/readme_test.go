package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// session is one ```console block of the README: commands typed after "$ ", each followed by
// what it prints; edits are the mistakes an HTML comment before the block asks the test to
// type into a workbook first, as a researcher would in Excel.
type session struct {
	line  int // of the README, for messages
	steps []step
	edits []edit
}

type step struct {
	cmd  string
	want []string
}

type edit struct {
	file, sheet, cell, value string
}

// editRE is a line of the test's comment: "edit demo/interviews/2017.xlsx interviews!H14 yse"
// (a value date:2024-01-05 types a date).
var editRE = regexp.MustCompile(`^edit (\S+) ([^!\s]+)!([A-Z]+[0-9]+) (.+)$`)

// readmeSessions reads the console blocks of a README.
func readmeSessions(t *testing.T, text string) []session {
	t.Helper()
	var out []session
	var pending []edit
	lines := strings.Split(text, "\n")
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if strings.HasPrefix(l, "<!-- README test:") {
			for ; i < len(lines) && !strings.Contains(lines[i], "-->"); i++ {
				if m := editRE.FindStringSubmatch(strings.TrimSpace(lines[i])); m != nil {
					pending = append(pending, edit{m[1], m[2], m[3], m[4]})
				}
			}
			continue
		}
		if strings.TrimSpace(l) != "```console" {
			continue
		}
		s := session{line: i + 1, edits: pending}
		pending = nil
		for i++; i < len(lines) && strings.TrimSpace(lines[i]) != "```"; i++ {
			if cmd, ok := strings.CutPrefix(lines[i], "$ "); ok {
				s.steps = append(s.steps, step{cmd: cmd})
			} else if len(s.steps) > 0 {
				st := &s.steps[len(s.steps)-1]
				st.want = append(st.want, lines[i])
			} else if strings.TrimSpace(lines[i]) != "" {
				t.Fatalf("README.md:%d: a console block starts with output, not a command", i+1)
			}
		}
		out = append(out, s)
	}
	return out
}

// TestREADME installs shadowreport with make install, the way the README says, and runs the
// README's terminal sessions as typed, in order, in an empty folder: every command must print
// what the README shows (a line "..." stands for any lines). The README cannot drift from
// the tool.
func TestREADME(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command and the sample report")
	}
	tool(t, "pdftotext") // the session reads the PDF with it
	sh := tool(t, "sh")
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	sessions := readmeSessions(t, string(readme))
	if len(sessions) < 2 {
		t.Fatalf("%d console blocks in README.md", len(sessions))
	}

	// make install PREFIX=... puts the command where the README says
	prefix := t.TempDir()
	bin := filepath.Join(prefix, "bin")
	if _, err := exec.LookPath("make"); err == nil || os.Getenv("CI") != "" {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, "make", "-s", "install", "PREFIX="+prefix)
		cmd.Dir = "../.."
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("make install: %v\n%s", err, out)
		} else if !strings.Contains(string(out), "installed "+filepath.Join(bin, "shadowreport")) || !strings.Contains(string(out), "is not on your PATH") {
			t.Errorf("make install does not say where it put the command and how to reach it:\n%s", out)
		}
	} else {
		t.Log("no make: the sessions run the test binary as shadowreport")
		bin = ""
	}

	dir := t.TempDir()
	env := append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"), "LC_ALL=C.UTF-8", "SOURCE_DATE_EPOCH=")
	if bin != "" {
		// the sessions run the command make install put on the PATH
		cmd := exec.Command(sh, "-c", "command -v shadowreport")
		cmd.Env = env
		if out, err := cmd.Output(); err != nil || strings.TrimSpace(string(out)) != filepath.Join(bin, "shadowreport") {
			t.Fatalf("shadowreport on the PATH is %q (%v), not the one make install wrote", out, err)
		}
	}
	const mark = "@@README step@@"
	for _, s := range sessions {
		for _, e := range s.edits {
			typeInto(t, filepath.Join(dir, e.file), e)
		}
		var script strings.Builder
		for _, st := range s.steps {
			fmt.Fprintf(&script, "%s\n__status=$?; printf '\\n%s\\n'; (exit $__status)\n", st.cmd, mark)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		cmd := exec.CommandContext(ctx, sh, "-c", script.String())
		cmd.Dir, cmd.Env = dir, env
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out // one pipe: the lines in the order a terminal shows them
		err := cmd.Run()
		cancel()
		if err != nil {
			t.Fatalf("README.md:%d: %v\n%s", s.line, err, out.String())
		}
		got := strings.Split(out.String(), "\n"+mark+"\n")
		for i, st := range s.steps {
			if i >= len(got) {
				t.Fatalf("README.md:%d: $ %s printed nothing", s.line, st.cmd)
			}
			if !linesMatch(trimLines(st.want), trimLines(strings.Split(got[i], "\n"))) {
				t.Errorf("README.md:%d: $ %s\nthe README shows:\n%s\nit prints:\n%s", s.line, st.cmd,
					strings.Join(trimLines(st.want), "\n"), strings.Join(trimLines(strings.Split(got[i], "\n")), "\n"))
			}
		}
	}
}

// trimLines drops trailing spaces and the blank lines at the end.
func trimLines(lines []string) []string {
	var out []string
	for _, l := range lines {
		out = append(out, strings.TrimRight(l, " \t\r"))
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return out
}

// linesMatch compares lines; a wanted line "..." stands for any lines, none included.
func linesMatch(want, got []string) bool {
	if len(want) == 0 {
		return len(got) == 0
	}
	if want[0] == "..." {
		for i := 0; i <= len(got); i++ {
			if linesMatch(want[1:], got[i:]) {
				return true
			}
		}
		return false
	}
	return len(got) > 0 && want[0] == got[0] && linesMatch(want[1:], got[1:])
}

// typeInto types a value into a workbook's cell the way Excel stores it: text, or a date
// (date:YYYY-MM-DD) formatted as one.
func typeInto(t *testing.T, path string, e edit) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatalf("README test edit %s: %v", path, err)
	}
	defer f.Close()
	if d, ok := strings.CutPrefix(e.value, "date:"); ok {
		day, err := time.Parse("2006-01-02", d)
		if err != nil {
			t.Fatal(err)
		}
		style, err := f.NewStyle(&excelize.Style{NumFmt: 14})
		if err != nil {
			t.Fatal(err)
		}
		if err := f.SetCellValue(e.sheet, e.cell, day); err != nil {
			t.Fatal(err)
		}
		if err := f.SetCellStyle(e.sheet, e.cell, e.cell, style); err != nil {
			t.Fatal(err)
		}
	} else if err := f.SetCellStr(e.sheet, e.cell, strings.Trim(e.value, `"`)); err != nil {
		t.Fatal(err)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
}

func TestLinesMatch(t *testing.T) {
	for _, c := range []struct {
		want, got string
		ok        bool
	}{
		{"a|b", "a|b", true},
		{"a|b", "a|c", false},
		{"a|...", "a|b|c", true},
		{"a|...", "a", true},
		{"a|...|c", "a|b|b|c", true},
		{"a|...|c", "a|b|b", false},
		{"a", "a|b", false},
		{"", "", true},
	} {
		split := func(s string) []string {
			if s == "" {
				return nil
			}
			return strings.Split(s, "|")
		}
		if got := linesMatch(split(c.want), split(c.got)); got != c.ok {
			t.Errorf("linesMatch(%q, %q) = %v", c.want, c.got, got)
		}
	}
}
