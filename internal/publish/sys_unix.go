//go:build unix

package publish

import (
	"os"
	"syscall"
)

// syncDir makes a folder's entries durable: after a power loss, what was renamed in it stays.
func syncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// writable reports whether this process may create and remove entries in dir. A publication
// replaces out/ as a whole, which its parent folder allows even when out/ itself is read-only:
// a read-only out/ is the user's wish, and is respected.
func writable(dir string) error {
	if err := syscall.Access(dir, 0x2); err != nil { // W_OK
		return &os.PathError{Op: "access", Path: dir, Err: err}
	}
	return nil
}

// killSelf ends the process as SIGKILL would (for the tests' crash points).
func killSelf() { syscall.Kill(os.Getpid(), syscall.SIGKILL) }
