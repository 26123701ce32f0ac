//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/shadowreport/shadowreport/internal/sample"
)

// The hostile-input corpus: every input an attacker or an unlucky user may give, each run
// through the real binary as a subprocess, with the exit status it must end in, a time budget
// and a memory budget (peak RSS). Budgets are generous: they catch runaways (a grid of a
// billion rows, a read that never ends), not slowness. The project's input folders must be
// exactly as before every run.
//
// To add a case, append to hostileCases. setup writes the case's inputs into the project (a
// copy of the synthetic sample) or next to it (env.Outside); args are the command line, run
// inside the project, with $OUT standing for env.Outside.
//
// SHADOWREPORT_BIN=path runs another binary instead of building this one (to measure an old
// build); SHADOWREPORT_HOSTILE_KEEP=dir keeps every case's files under dir/NAME.

// hostileCase is one input of the corpus.
type hostileCase struct {
	name  string
	setup func(t *testing.T, env hostileEnv)
	args  []string
	want  int // exit status
	// stderr must match this regular expression, when set; notStderr must not.
	stderr, notStderr string
	// stdout must match this regular expression, when set.
	stdout string
	// seconds and mb are the budgets; 0 takes the defaults (30 s, 400 MB).
	seconds float64
	mb      int
	// heavy cases are skipped with -short.
	heavy bool
}

// hostileEnv is where a case writes its inputs.
type hostileEnv struct {
	Proj    string // the project: interviews/, report.toml, templates/
	Outside string // a folder outside the project
}

const (
	defaultSeconds = 30
	defaultMB      = 400
	maxOutput      = 1 << 20 // bytes of stdout and stderr together
)

func TestHostileInputs(t *testing.T) {
	bin, launcher := hostileBinary(t)
	base := t.TempDir()
	if err := sample.WriteProject(base); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(base, "templates"), 0o755); err != nil {
		t.Fatal(err)
	}
	keep := os.Getenv("SHADOWREPORT_HOSTILE_KEEP")
	largest := 0
	for _, c := range hostileCases {
		t.Run(c.name, func(t *testing.T) {
			if c.heavy && testing.Short() {
				t.Skip("heavy: skipped with -short")
			}
			root := t.TempDir()
			if keep != "" {
				root = filepath.Join(keep, c.name)
				os.RemoveAll(root)
			}
			env := hostileEnv{Proj: filepath.Join(root, "proj"), Outside: filepath.Join(root, "outside")}
			copyTree(t, base, env.Proj)
			if err := os.MkdirAll(env.Outside, 0o755); err != nil {
				t.Fatal(err)
			}
			if c.setup != nil {
				c.setup(t, env)
			}
			args := make([]string, len(c.args))
			for i, a := range c.args {
				args[i] = strings.ReplaceAll(a, "$OUT", env.Outside)
			}
			if keep != "" {
				os.WriteFile(filepath.Join(root, "args"), []byte(strings.Join(args, "\n")+"\n"), 0o644)
			}
			before := snapshot(t, env.Proj)
			r := runBudgeted(t, launcher, bin, env.Proj, args, budget(c.seconds, defaultSeconds))
			mb := (r.rssKB + 1023) / 1024
			largest = max(largest, mb)
			t.Logf("exit %d, %.2f s (CPU %.2f s), peak RSS %d MB", r.code, r.seconds, r.cpu, mb)
			if r.code != c.want {
				t.Errorf("exit status %d, want %d\nstderr: %s", r.code, c.want, clip(r.stderr))
			}
			// the time a run takes is the lesser of its wall time, which other work on the machine
			// stretches, and its CPU time, which the garbage collector's threads add to; a run that
			// waits without end is killed a little after the budget
			if s, took := budget(c.seconds, defaultSeconds), min(r.seconds, r.cpu); took > s {
				t.Errorf("took %.1f s (%.1f s wall, %.1f s CPU), over the budget of %.0f s", took, r.seconds, r.cpu, s)
			}
			if m := int(budget(float64(c.mb), defaultMB)); mb > m {
				t.Errorf("peak RSS %d MB, over the budget of %d MB", mb, m)
			}
			if n := len(r.stdout) + len(r.stderr); n > maxOutput {
				t.Errorf("printed %d bytes, over the budget of %d", n, maxOutput)
			}
			for _, out := range []string{r.stdout, r.stderr} {
				if bad := unprintable(out); bad != "" {
					t.Errorf("the output holds %s: %s", bad, clip(out))
				}
			}
			if c.stderr != "" && !regexp.MustCompile(c.stderr).MatchString(r.stderr) {
				t.Errorf("stderr does not match %q:\n%s", c.stderr, clip(r.stderr))
			}
			if c.notStderr != "" && regexp.MustCompile(c.notStderr).MatchString(r.stderr) {
				t.Errorf("stderr matches %q:\n%s", c.notStderr, clip(r.stderr))
			}
			if c.stdout != "" && !regexp.MustCompile(c.stdout).MatchString(r.stdout) {
				t.Errorf("stdout does not match %q:\n%s", c.stdout, clip(r.stdout))
			}
			if after := snapshot(t, env.Proj); after != before {
				t.Errorf("the project's inputs changed:\nbefore:\n%s\nafter:\n%s", before, after)
			}
		})
	}
	t.Logf("largest peak RSS over the corpus: %d MB", largest)
}

func budget(v, def float64) float64 {
	if v > 0 {
		return v
	}
	return def
}

// hostileBinary builds the shadowreport binary once (or takes SHADOWREPORT_BIN), and the
// launcher; it returns both.
func hostileBinary(t *testing.T) (bin, launcher string) {
	dir := t.TempDir()
	goTool, err := exec.LookPath("go")
	if err != nil {
		goTool = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	launcher = filepath.Join(dir, "launcher")
	if err := os.WriteFile(filepath.Join(dir, "launcher.go"), []byte(launcherSource), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(goTool, "build", "-o", launcher, "launcher.go")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build launcher: %v\n%s", err, out)
	}
	if bin = os.Getenv("SHADOWREPORT_BIN"); bin != "" {
		return bin, launcher
	}
	bin = filepath.Join(dir, "shadowreport")
	if out, err := exec.Command(goTool, "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin, launcher
}

type runResult struct {
	code           int
	seconds        float64 // wall time
	cpu            float64 // user and system time
	rssKB          int
	stdout, stderr string
}

// The peak RSS the system reports for a child includes, on Linux, the peak of the process that
// started it (a child started with vfork and exec inherits its parent's high-water mark), so the
// binary is started by a launcher: a program of a few lines, built with the binary, which reports
// the binary's exit status, time and peak RSS in a file.
const launcherSource = `package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"syscall"
	"time"
)

func main() {
	cmd := exec.Command(os.Args[2], os.Args[3:]...)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	start := time.Now()
	err := cmd.Run()
	seconds := time.Since(start).Seconds()
	code := 0
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		code = ee.ExitCode()
	case err != nil:
		fmt.Fprintln(os.Stderr, "launcher:", err)
		os.Exit(125)
	}
	rss := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss
	if runtime.GOOS == "darwin" {
		rss /= 1024 // bytes there, kilobytes elsewhere
	}
	cpu := (cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()).Seconds()
	if err := os.WriteFile(os.Args[1], []byte(fmt.Sprintf("%d %f %d %f", code, seconds, rss, cpu)), 0o644); err != nil {
		os.Exit(125)
	}
}
`

// runBudgeted runs bin in dir through the launcher, killing both a little after the time
// budget so that a hang ends the test instead of blocking it.
func runBudgeted(t *testing.T, launcher, bin, dir string, args []string, seconds float64) runResult {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Duration((seconds+10)*float64(time.Second)))
	defer cancel()
	report := filepath.Join(t.TempDir(), "launch")
	cmd := exec.CommandContext(ctx, launcher, append([]string{report, bin}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "SHADOWREPORT_PASSWORD=")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	r := runResult{code: -1, seconds: time.Since(start).Seconds(), stdout: stdout.String(), stderr: stderr.String()}
	if ctx.Err() != nil {
		r.stderr += "\n(killed: no end in sight)"
		return r
	}
	if err != nil {
		t.Fatalf("launching %s: %v\n%s", bin, err, clip(r.stderr))
	}
	b, err := os.ReadFile(report)
	if err != nil {
		t.Fatalf("the launcher reported nothing: %v", err)
	}
	if _, err := fmt.Sscanf(string(b), "%d %f %d %f", &r.code, &r.seconds, &r.rssKB, &r.cpu); err != nil {
		t.Fatalf("the launcher's report %q: %v", b, err)
	}
	return r
}

// snapshot describes the project's inputs (interviews/, templates/, report.toml): every
// name with its type, and for regular files their SHA-256, for links their target. Special
// files are never opened.
func snapshot(t *testing.T, proj string) string {
	t.Helper()
	var lines []string
	for _, top := range []string{"interviews", "templates", "report.toml"} {
		root := filepath.Join(proj, top)
		if _, err := os.Lstat(root); errors.Is(err, fs.ErrNotExist) {
			continue
		}
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(proj, path)
			info, err := d.Info()
			if err != nil {
				return err
			}
			line := fmt.Sprintf("%s %s", info.Mode(), rel)
			switch {
			case info.Mode().IsRegular():
				b, err := os.ReadFile(path)
				if err != nil {
					return err
				}
				line += fmt.Sprintf(" %x %s", sha256.Sum256(b), info.ModTime().UTC())
			case info.Mode()&fs.ModeSymlink != 0:
				target, _ := os.Readlink(path)
				line += " -> " + target
			}
			lines = append(lines, line)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// copyTree copies the regular files and folders of src into dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		to := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(to, 0o755)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(to, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// unprintable names what output meant for a terminal must not hold: invalid UTF-8 or control
// characters (the bytes of a binary file echoed).
func unprintable(s string) string {
	if !utf8.ValidString(s) {
		return "invalid UTF-8"
	}
	for _, r := range s {
		if (r < 0x20 && r != '\n' && r != '\t') || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return fmt.Sprintf("the control character %U", r)
		}
	}
	return ""
}

func clip(s string) string {
	if len(s) > 2000 {
		return s[:2000] + "…"
	}
	return s
}
