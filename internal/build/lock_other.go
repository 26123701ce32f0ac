//go:build !unix

package build

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// lock creates out/.lock exclusively, or fails if it exists. Without flock, a build that
// crashed leaves the file behind: the message says to delete it then.
func lock(out string) (func(), error) {
	path := filepath.Join(out, ".lock")
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if errors.Is(err, os.ErrExist) {
			b, _ := os.ReadFile(path)
			pid, _ := strconv.Atoi(strings.TrimSpace(string(b)))
			return nil, &LockedError{PID: pid}
		}
		return nil, err
	}
	f.WriteString(strconv.Itoa(os.Getpid()) + "\n")
	f.Close()
	return func() { os.Remove(path) }, nil
}
