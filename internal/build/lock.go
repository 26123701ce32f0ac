package build

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// LockedError says that another build holds out/.
type LockedError struct{ PID int }

func (e *LockedError) Error() string {
	return fmt.Sprintf("another build is writing out/ (process %d); wait for it to finish, or delete out/.lock if no build is running", e.PID)
}

// lock takes out/.lock, or fails if a living process holds it. A lock left by a process that
// no longer runs is taken over.
func lock(out string) (func(), error) {
	path := filepath.Join(out, ".lock")
	for attempt := 0; attempt < 2; attempt++ {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err == nil {
			fmt.Fprintf(f, "%d\n", os.Getpid())
			f.Close()
			return func() { os.Remove(path) }, nil
		}
		if !errors.Is(err, os.ErrExist) {
			return nil, err
		}
		b, _ := os.ReadFile(path)
		pid, _ := strconv.Atoi(strings.TrimSpace(string(b)))
		if pid > 0 && alive(pid) {
			return nil, &LockedError{PID: pid}
		}
		os.Remove(path) // stale
	}
	return nil, fmt.Errorf("cannot take %s", path)
}

func alive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	return p.Signal(syscall.Signal(0)) == nil
}
