package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/shadowreport/shadowreport/internal/fault"
)

// Error is a publication that cannot go ahead for a reason the user can fix: out/ is a file or a
// link, a file the tool did not write is in the way, the disk is full, permission is denied. Msg
// says what happened in the user's terms and what to do.
type Error struct {
	Msg string
	Err error
}

func (e *Error) Error() string { return e.Msg }
func (e *Error) Unwrap() error { return e.Err }

// Kind is fault.Input: the user fixes out/ or the disk.
func (e *Error) Kind() fault.Kind { return fault.Input }

// Kind is fault.Locked.
func (e *LockedError) Kind() fault.Kind { return fault.Locked }

// LockedError says that another build holds the lock of the publication folder.
type LockedError struct {
	Dir string // the publication folder, as given
	PID int    // the process holding it, when known
	// Stale is the lock file to delete if no build runs, where the system does not release
	// locks of ended processes ("" where it does).
	Stale string
}

func (e *LockedError) Error() string {
	who := "another build"
	if e.PID > 0 {
		who = fmt.Sprintf("another build (process %d)", e.PID)
	}
	msg := who + " is publishing into " + e.Dir + "/ right now; wait for it to finish, then build again"
	if e.Stale != "" {
		msg += " (if no build is running, delete " + e.Stale + ")"
	}
	return msg
}

// ErrInterrupted is returned by a publication stopped by an interrupt (Interrupt): nothing was
// changed.
var ErrInterrupted = errors.New("interrupted: the publication folder is as it was")

// Explain words an error from the operating system for a researcher: the path, what went wrong
// and the fix, without the system call's name. ok is false for errors it does not recognise.
func Explain(err error) (msg string, ok bool) {
	path := ""
	var pe *fs.PathError
	var le *os.LinkError
	var se *os.SyscallError
	switch {
	case errors.As(err, &pe):
		path = pe.Path
	case errors.As(err, &le):
		path = le.New
	case errors.As(err, &se):
	default:
		if errnoMessage(err) == "" && !errors.Is(err, fs.ErrPermission) {
			return "", false
		}
	}
	what := errnoMessage(err)
	if what == "" {
		switch {
		case errors.Is(err, fs.ErrPermission):
			what = "permission denied: you may not write (or read) there; check the folder's permissions, or choose another place"
		case errors.Is(err, fs.ErrNotExist):
			what = "does not exist"
		case errors.Is(err, fs.ErrExist):
			what = "already exists"
		default:
			return "", false
		}
	}
	if path == "" {
		return what, true
	}
	if path == "/dev/stdout" {
		path = "standard output"
	}
	return path + ": " + what, true
}

// failed makes an Error of an operating-system error met while doing something to path.
func failed(err error, doing string) *Error {
	if msg, ok := Explain(err); ok {
		return &Error{Msg: msg, Err: err}
	}
	return &Error{Msg: doing + ": " + err.Error(), Err: err}
}

// failedAt is failed with the error told about path, as the user knows it (the system's own
// path may be a temporary file of the state folder).
func failedAt(err error, path, doing string) *Error {
	cause := err
	var pe *fs.PathError
	var le *os.LinkError
	switch {
	case errors.As(err, &pe):
		cause = pe.Err
	case errors.As(err, &le):
		cause = le.Err
	}
	e := failed(&fs.PathError{Op: doing, Path: path, Err: cause}, doing+" "+path)
	e.Err = err
	return e
}
