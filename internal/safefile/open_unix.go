//go:build unix

package safefile

import (
	"os"
	"syscall"
)

func open(path string, follow bool) (*os.File, error) {
	flags := os.O_RDONLY | syscall.O_NONBLOCK | syscall.O_CLOEXEC
	if !follow {
		flags |= syscall.O_NOFOLLOW
	}
	f, err := os.OpenFile(path, flags, 0)
	if err != nil {
		return nil, openError(path, err)
	}
	st, err := f.Stat() // fstat: the file just opened, not whatever the name points to now
	if err != nil {
		f.Close()
		return nil, &Error{Path: path, Kind: Other, Err: err}
	}
	if err := check(path, st.Mode()); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}
