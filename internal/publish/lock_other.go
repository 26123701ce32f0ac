//go:build !unix

package publish

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// lock creates the file lock in the state folder exclusively, or fails if it exists. Without
// flock, a build that crashed leaves the file behind: the message says to delete it then.
func lock(stateDir, outName string) (func(), error) {
	path := filepath.Join(stateDir, "lock")
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		if errors.Is(err, os.ErrExist) {
			b, _ := os.ReadFile(path)
			pid, _ := strconv.Atoi(strings.TrimSpace(string(b)))
			return nil, &LockedError{Dir: outName, PID: pid, Stale: path}
		}
		return nil, failed(err, "locking "+outName)
	}
	f.WriteString(strconv.Itoa(os.Getpid()) + "\n")
	f.Close()
	return func() { os.Remove(path) }, nil
}
