package build

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Two builds at once: the second is refused while the first holds out/, and gets the lock
// once it is released.
func TestLock(t *testing.T) {
	out := t.TempDir()
	unlock, err := lock(out)
	if err != nil {
		t.Fatal(err)
	}
	_, err = lock(out)
	var le *LockedError
	if !errors.As(err, &le) || le.PID == 0 {
		t.Fatalf("second lock: %v, want a LockedError naming the process", err)
	}
	unlock()
	unlock2, err := lock(out)
	if err != nil {
		t.Fatalf("lock after release: %v", err)
	}
	unlock2()
}

// A move into out/ that fails halfway leaves out/ exactly as it was.
func TestPublishAllOrNothing(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	old := map[string][]byte{"report.pdf": []byte("old pdf"), "annex.xlsx": []byte("old annex"), "findings.json": []byte("old json")}
	if _, err := publish(out, old, []string{"report.pdf", "annex.xlsx", "findings.json"}); err != nil {
		t.Fatal(err)
	}
	calls := 0
	rename = func(a, b string) error {
		calls++
		if calls == 4 { // after report.pdf is replaced and annex.xlsx set aside
			return errors.New("disk full")
		}
		return os.Rename(a, b)
	}
	defer func() { rename = os.Rename }()
	newer := map[string][]byte{"report.pdf": []byte("new pdf"), "annex.xlsx": []byte("new annex"), "findings.json": []byte("new json")}
	_, err := publish(out, newer, []string{"report.pdf", "annex.xlsx", "findings.json"})
	if err == nil || !strings.Contains(err.Error(), "out/ is as it was") {
		t.Fatalf("err = %v", err)
	}
	for name, want := range old {
		got, err := os.ReadFile(filepath.Join(out, name))
		if err != nil || string(got) != string(want) {
			t.Errorf("%s = %q, %v; want the old %q", name, got, err, want)
		}
	}
}
