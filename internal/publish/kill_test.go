//go:build unix

package publish

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The generations the kill test publishes: the old one has outputs the new one drops.
var (
	oldGen = gen{"report.pdf": "old pdf", "report.docx": "old docx", "annex.xlsx": "old annex", "findings.json": "old json", "handout-a.pdf": "old a"}
	newGen = gen{"report.pdf": "new pdf", "annex.xlsx": "new annex", "findings.json": "new json", "handout-b.pdf": "new b"}
)

// TestMain lets the test binary act as a publishing process that the kill test crashes,
// interrupts or terminates at a named step.
func TestMain(m *testing.M) {
	if out := os.Getenv("PUBLISH_HELPER_OUT"); out != "" {
		os.Exit(helper(out))
	}
	os.Exit(m.Run())
}

// helper publishes newGen into out, as a build does, with the signal handling of the command
// line. PUBLISH_HELPER_HOOK is "step=kill" (SIGKILL itself there), "step=pause" (say so on
// stderr and wait for a signal there) or "record" (print every step).
func helper(out string) int {
	stop := HandleSignals(nil)
	defer stop()
	if os.Getenv("PUBLISH_HELPER_NO_EXCHANGE") != "" {
		exchangeFn = func(a, b string) error { return errNoExchange }
	}
	at, action, _ := strings.Cut(os.Getenv("PUBLISH_HELPER_HOOK"), "=")
	SetTestHook(func(point string) {
		switch {
		case at == "record":
			fmt.Fprintf(os.Stderr, "step %s\n", point)
		case point != at:
		case action == "kill":
			KillSelf()
		case action == "pause":
			fmt.Fprintf(os.Stderr, "paused at %s\n", point)
			for !Interrupted() {
				time.Sleep(time.Millisecond)
			}
		}
	})
	files, order := newGen.files()
	if _, err := Publish(out, files, order); errors.Is(err, ErrInterrupted) {
		return InterruptStatus()
	} else if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		return 1
	}
	return 0
}

// setup makes a project folder whose out/ holds oldGen and files of the user's own (one named
// like an output, a folder, a link), and returns out.
func setup(t *testing.T, dir string) string {
	t.Helper()
	out := filepath.Join(dir, "proj", "out")
	if err := os.Mkdir(filepath.Dir(out), 0o755); err != nil {
		t.Fatal(err)
	}
	mustPublish(t, out, oldGen)
	write(t, filepath.Join(out, "README.md"), "the user's notes")
	write(t, filepath.Join(out, "handout-ngo-briefing.pdf"), "the user's own handout")
	write(t, filepath.Join(out, "drafts", "v1.docx"), "the user's draft")
	if err := os.Symlink("README.md", filepath.Join(out, "readme-link")); err != nil {
		t.Fatal(err)
	}
	return out
}

func helperCmd(out, hook string, noExchange bool) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "PUBLISH_HELPER_OUT="+out, "PUBLISH_HELPER_HOOK="+hook)
	if noExchange {
		cmd.Env = append(cmd.Env, "PUBLISH_HELPER_NO_EXCHANGE=1")
	}
	return cmd
}

// steps lists the named steps of a publication, as the helper passes them.
func steps(t *testing.T, noExchange bool) []string {
	out := setup(t, t.TempDir())
	cmd := helperCmd(out, "record", noExchange)
	b, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("helper: %v\n%s", err, b)
	}
	var points []string
	for _, l := range strings.Split(string(b), "\n") {
		if p, ok := strings.CutPrefix(l, "step "); ok {
			points = append(points, p)
		}
	}
	for _, want := range []string{"locked", "recorded", "wrote report.pdf", "carried", "synced", "switched", "done"} {
		if !slices.Contains(points, want) {
			t.Fatalf("the publication never passed %q: %v", want, points)
		}
	}
	return points
}

// A build killed (SIGKILL), interrupted (INT) or terminated (TERM) at any step of its
// publication leaves out/ entirely old or entirely new — every output, and every file of the
// user's, as it was in one or the other. INT and TERM leave nothing behind; what KILL leaves is
// tidied by the next publication, which then makes out/ new.
func TestKilledAtEveryStep(t *testing.T) {
	ref := t.TempDir()
	refOut := setup(t, ref)
	oldSnap := snapshot(t, refOut)
	mustPublish(t, refOut, newGen)
	newSnap := snapshot(t, refOut)
	if oldSnap == newSnap {
		t.Fatal("the generations do not differ")
	}

	for _, noExchange := range []bool{false, true} {
		way := "exchange"
		if noExchange {
			way = "two renames"
		}
		for _, point := range steps(t, noExchange) {
			for _, sig := range []syscall.Signal{syscall.SIGKILL, syscall.SIGINT, syscall.SIGTERM} {
				t.Run(fmt.Sprintf("%s/%s/%s", way, point, sig), func(t *testing.T) {
					out := setup(t, t.TempDir())
					var code int
					if sig == syscall.SIGKILL {
						cmd := helperCmd(out, point+"=kill", noExchange)
						err := cmd.Run()
						var ee *exec.ExitError
						if !errors.As(err, &ee) || ee.ProcessState.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
							t.Fatalf("the helper was not killed: %v", err)
						}
					} else {
						code = pauseAndSignal(t, helperCmd(out, point+"=pause", noExchange), point, sig)
					}
					got := snapshot(t, out)
					switch {
					case got == oldSnap, got == newSnap:
					case got == "(missing)" && noExchange && point == "moved aside" && sig == syscall.SIGKILL:
						// the instant between the two renames; the next publication puts out/ back
					default:
						t.Fatalf("out/ is neither old nor new:\n%s\n--- old:\n%s\n--- new:\n%s", got, oldSnap, newSnap)
					}
					if sig != syscall.SIGKILL {
						if want := 128 + int(sig); code != want && !(code == 0 && got == newSnap) {
							t.Errorf("exit status %d, want %d", code, want)
						}
						if left := leftovers(t, out); len(left) > 0 {
							t.Errorf("%v left in the state folder after %v", left, sig)
						}
					}
					mustPublish(t, out, newGen)
					if got := snapshot(t, out); got != newSnap {
						t.Errorf("after the next publication out/ is\n%s\nwant\n%s", got, newSnap)
					}
					if left := leftovers(t, out); len(left) > 0 {
						t.Errorf("the next publication left %v in the state folder", left)
					}
				})
			}
		}
	}
}

// pauseAndSignal runs cmd until it says it paused at point, sends sig, and returns its exit
// status.
func pauseAndSignal(t *testing.T, cmd *exec.Cmd, point string, sig syscall.Signal) int {
	t.Helper()
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	r := bufio.NewReader(stderr)
	line, err := r.ReadString('\n')
	if err != nil || line != "paused at "+point+"\n" {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("the helper said %q, %v; want it paused at %s", line, err, point)
	}
	if err := cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
	rest, _ := bufio.NewReader(r).ReadString(0)
	err = cmd.Wait()
	var ee *exec.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ee) && ee.ExitCode() >= 0:
		return ee.ExitCode()
	}
	t.Fatalf("the helper: %v %s", err, rest)
	return -1
}
