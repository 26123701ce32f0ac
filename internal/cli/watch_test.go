package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a buffer two goroutines may write and read.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestWatchBuildsAgain: build --watch builds once, then again after a change to a template or a
// workbook has settled, and goes on after a build that fails; not when nothing changed.
func TestWatchBuildsAgain(t *testing.T) {
	dir := t.TempDir()
	for _, d := range []string{"interviews", "templates"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	tmpl := filepath.Join(dir, "templates", "report.md")
	if err := os.WriteFile(tmpl, []byte("# A"), 0o644); err != nil {
		t.Fatal(err)
	}
	errs := &syncBuffer{}
	opts := &buildOptions{global: &global{dir: dir, io: streams{out: &bytes.Buffer{}, err: errs}}}
	var mu sync.Mutex
	builds := 0
	once := func() error {
		mu.Lock()
		defer mu.Unlock()
		builds++
		if builds == 2 {
			return invalidf("templates/report.md:1: a template error")
		}
		return nil
	}
	count := func() int {
		mu.Lock()
		defer mu.Unlock()
		return builds
	}
	stop := make(chan struct{})
	done := make(chan error)
	go func() { done <- watchBuild(opts, once, stop, 20*time.Millisecond) }()
	wait := func(n int) {
		t.Helper()
		for deadline := time.Now().Add(10 * time.Second); count() < n; {
			if time.Now().After(deadline) {
				t.Fatalf("%d builds, want %d", count(), n)
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
	wait(1)
	time.Sleep(100 * time.Millisecond)
	if count() != 1 {
		t.Fatalf("built %d times with nothing changed", count())
	}
	// a change: a second build, which fails and is reported; the watch goes on
	if err := os.WriteFile(tmpl, []byte("# A changed title"), 0o644); err != nil {
		t.Fatal(err)
	}
	wait(2)
	if err := os.WriteFile(filepath.Join(dir, "interviews", "2020.xlsx"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	wait(3)
	close(stop)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	out := errs.String()
	if !strings.Contains(out, "error: templates/report.md:1: a template error") || strings.Count(out, "changed: building again") != 2 {
		t.Errorf("the watch's output:\n%s", out)
	}
}
