//go:build linux

package main

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/shadowreport/shadowreport/internal/cli"
)

// binary returns the path of a command testscript.Main put on the PATH.
func binary(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// outState lists out/ (names and sizes) and what the state folder holds besides its records.
func outState(t *testing.T, dir string) (out string, left []string) {
	t.Helper()
	entries, _ := os.ReadDir(filepath.Join(dir, "out"))
	var names []string
	for _, e := range entries {
		fi, _ := e.Info()
		b, _ := os.ReadFile(filepath.Join(dir, "out", e.Name()))
		names = append(names, fmt.Sprintf("%s:%d:%x", e.Name(), fi.Size(), b[:min(len(b), 4096)]))
	}
	state, _ := os.ReadDir(filepath.Join(dir, ".shadowreport", "out"))
	for _, e := range state {
		if e.Name() != "lock" && e.Name() != "manifest.json" && e.Name() != "last-build.json" {
			left = append(left, e.Name())
		}
	}
	return strings.Join(names, "\n"), left
}

// A real build stopped while publishing: INT and TERM leave out/ as it was and nothing behind
// (exit 130 and 143); KILL leaves out/ old or new, and the next build tidies and publishes.
func TestBuildInterrupted(t *testing.T) {
	dir := sampleProject(t)
	t.Setenv("SOURCE_DATE_EPOCH", "1507507200")
	if code, _, stderr := shadowreport(t, "build", "-C", dir, "--format", "pdf"); code != 0 {
		t.Fatalf("build: %d %s", code, stderr)
	}
	before, _ := outState(t, dir)
	for _, c := range []struct {
		point string
		sig   syscall.Signal
	}{{"wrote report.pdf", syscall.SIGINT}, {"synced", syscall.SIGTERM}} {
		cmd := exec.Command(binary(t, "shadowreport-hooked"), "build", "-C", dir)
		cmd.Env = append(os.Environ(), "SHADOWREPORT_TEST_HOOK="+c.point+"=pause")
		stderr, _ := cmd.StderrPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		r := bufio.NewReader(stderr)
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				t.Fatalf("the build never paused at %s", c.point)
			}
			if line == "paused at "+c.point+"\n" {
				break
			}
		}
		cmd.Process.Signal(c.sig)
		rest, _ := bufio.NewReader(r).ReadString(0)
		err := cmd.Wait()
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != 128+int(c.sig) {
			t.Errorf("%v at %s: %v, want exit %d", c.sig, c.point, err, 128+int(c.sig))
		}
		if !strings.Contains(rest, "interrupted") || strings.Contains(rest, "internal error") {
			t.Errorf("%v at %s: stderr %q", c.sig, c.point, rest)
		}
		after, left := outState(t, dir)
		if after != before {
			t.Errorf("%v at %s changed out/", c.sig, c.point)
		}
		if len(left) > 0 {
			t.Errorf("%v at %s left %v in .shadowreport/out", c.sig, c.point, left)
		}
	}

	cmd := exec.Command(binary(t, "shadowreport-hooked"), "build", "-C", dir)
	cmd.Env = append(os.Environ(), "SHADOWREPORT_TEST_HOOK=switched=kill")
	if err := cmd.Run(); err == nil {
		t.Fatal("the build was not killed")
	}
	if _, left := outState(t, dir); len(left) == 0 {
		t.Error("a build killed after its switch left nothing to tidy: was it killed there?")
	}
	if code, _, stderr := shadowreport(t, "build", "-C", dir); code != 0 {
		t.Fatalf("the build after a kill: %d %s", code, stderr)
	}
	after, left := outState(t, dir)
	if len(left) > 0 {
		t.Errorf("the next build left %v", left)
	}
	if !strings.Contains(after, "report.docx") || !strings.Contains(after, "report.pdf") {
		t.Errorf("out/ after the next build: %s", after)
	}
}

// Another build holding the lock: exit 5 and a message saying what to do.
func TestBuildLocked(t *testing.T) {
	dir := sampleProject(t)
	state := filepath.Join(dir, ".shadowreport", "out")
	if err := os.MkdirAll(state, 0o700); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(filepath.Join(state, "lock"), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		t.Fatal(err)
	}
	f.WriteString("4242\n")
	code, _, stderr := shadowreport(t, "build", "-C", dir, "--format", "pdf")
	if code != 5 {
		t.Fatalf("exit %d, want 5: %s", code, stderr)
	}
	if !strings.Contains(stderr, "another build (process 4242) is publishing into "+filepath.Join(dir, "out")+"/ right now; wait for it to finish, then build again") {
		t.Errorf("stderr: %s", stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "out")); err == nil {
		t.Error("a refused build created out/")
	}
}

// Only a real terminal is a terminal: a workbook goes to /dev/null or a pipe, never onto a
// terminal; a full standard output is exit 3 in plain words.
func TestStandardOutput(t *testing.T) {
	dir := sampleProject(t)
	run := func(stdout *os.File, args ...string) (int, string) {
		cmd := exec.Command(binary(t, "shadowreport"), args...)
		cmd.Stdout = stdout
		var errb strings.Builder
		cmd.Stderr = &errb
		err := cmd.Run()
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return ee.ExitCode(), errb.String()
		}
		if err != nil {
			t.Fatal(err)
		}
		return 0, errb.String()
	}
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer null.Close()
	if code, stderr := run(null, "compare", "-C", dir, "--format", "xlsx"); code != 0 {
		t.Errorf("compare --format xlsx > /dev/null: exit %d: %s", code, stderr)
	}
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err == nil {
		defer full.Close()
		for _, format := range []string{"csv", "json", "xlsx", "table"} {
			code, stderr := run(full, "compare", "-C", dir, "--format", format)
			if code != 3 || !strings.Contains(stderr, "standard output: the disk is full") || strings.Contains(stderr, "internal error") {
				t.Errorf("compare --format %s > /dev/full: exit %d: %s", format, code, stderr)
			}
		}
	}

	// a pseudo-terminal: the workbook is refused, the table is fine
	ptm, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	defer ptm.Close()
	if err := unix.IoctlSetPointerInt(int(ptm.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	n, err := unix.IoctlGetInt(int(ptm.Fd()), unix.TIOCGPTN)
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	pts, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	defer pts.Close()
	go func() { // drain what the command prints on the terminal
		b := make([]byte, 4096)
		for {
			if _, err := ptm.Read(b); err != nil {
				return
			}
		}
	}()
	var errb strings.Builder
	if code := cli.Execute([]string{"compare", "-C", dir, "--format", "xlsx"}, pts, &errb); code != 2 || !strings.Contains(errb.String(), "give -o FILE.xlsx") {
		t.Errorf("compare --format xlsx on a terminal: exit %d: %s", code, errb.String())
	}
	if code := cli.Execute([]string{"compare", "-C", dir}, pts, &errb); code != 0 {
		t.Errorf("compare on a terminal: exit %d: %s", code, errb.String())
	}
}

// A disk that fills up or is read-only while building: exit 3 in plain words, out/ as it was.
// It needs a small file system of its own (tmpfs, mounted as root); skipped elsewhere.
func TestBuildDiskFull(t *testing.T) {
	mnt := t.TempDir()
	if err := unix.Mount("tmpfs", mnt, "tmpfs", 0, "size=400k"); err != nil {
		t.Skipf("cannot mount a small file system: %v", err)
	}
	defer unix.Unmount(mnt, 0)
	src := sampleProject(t)
	dir := filepath.Join(mnt, "proj")
	if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
		t.Skipf("the sample does not fit: %v", err)
	}
	code, _, stderr := shadowreport(t, "build", "-C", dir)
	t.Logf("%s", stderr)
	if code != 3 || !strings.Contains(stderr, "the disk is full: free some space") || strings.Contains(stderr, "no space left") {
		t.Errorf("build on a full disk: exit %d: %s", code, stderr)
	}
	if _, left := outState(t, dir); len(left) > 0 {
		t.Errorf("left %v", left)
	}
	if _, err := os.Stat(filepath.Join(dir, "out")); err == nil {
		t.Error("out/ was created")
	}
	if err := unix.Mount("", mnt, "", unix.MS_REMOUNT|unix.MS_RDONLY, ""); err != nil {
		t.Skipf("cannot remount read-only: %v", err)
	}
	code, _, stderr = shadowreport(t, "build", "-C", dir)
	if code != 3 || !strings.Contains(stderr, "the disk is read-only") {
		t.Errorf("build on a read-only disk: exit %d: %s", code, stderr)
	}
}

// A project the user may read but not write: exit 3, "permission denied" in plain words. Run as
// an unprivileged user (root is never denied), so only where the test runs as root.
func TestBuildPermissionDenied(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to run the build as another user")
	}
	dir := sampleProject(t)
	bin := filepath.Join(t.TempDir(), "shadowreport")
	b, err := os.ReadFile(binary(t, "shadowreport"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bin, b, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{dir, filepath.Dir(dir), filepath.Dir(bin), filepath.Dir(filepath.Dir(bin))} {
		os.Chmod(d, 0o755)
	}
	cmd := exec.Command(bin, "build", "-C", dir, "--format", "pdf")
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	cmd.Env = append(os.Environ(), "HOME=/nonexistent")
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 3 {
		t.Fatalf("build as another user: %v\n%s", err, out)
	}
	t.Logf("%s", out)
	if !strings.Contains(string(out), "permission denied: you may not write (or read) there") || strings.Contains(string(out), "internal error") {
		t.Errorf("output:\n%s", out)
	}
}
