package safefile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// Kind says why a file was refused.
type Kind int

// The reasons a file is refused.
const (
	NotExist   Kind = iota + 1 // there is no such file
	Permission                 // the file cannot be read with the user's rights
	Symlink                    // the name is a symbolic link
	Folder                     // the name is a folder
	Special                    // a named pipe, device, socket or other non-regular file
	TooLarge                   // the file is larger than the limit given to ReadFile
	Other                      // any other failure of the system
)

// Error is a file that was refused or could not be read. Its message names the file and says
// what to do; Kind lets callers choose an exit status.
type Error struct {
	Path  string
	Kind  Kind
	What  string // for Special: "a named pipe (FIFO)", "a device", "a socket"
	Limit int64  // for TooLarge: the limit in bytes
	Err   error  // the system's error, if any
}

func (e *Error) Error() string {
	if fix := e.Fix(); fix != "" {
		return e.Path + ": " + e.Reason() + "; " + fix
	}
	return e.Path + ": " + e.Reason()
}

// Reason says what is wrong with the file, without its name or a fix, for callers that word
// the message themselves.
func (e *Error) Reason() string {
	switch e.Kind {
	case NotExist:
		return "does not exist"
	case Permission:
		return "cannot be read: permission denied"
	case Symlink:
		return "is a symbolic link, not a regular file"
	case Folder:
		return "is a folder, not a file"
	case Special:
		return "is " + e.What + ", not a regular file"
	case TooLarge:
		return "is larger than " + size(e.Limit)
	}
	if e.Err != nil {
		return "cannot be read: " + plainErr(e.Err)
	}
	return "cannot be read"
}

// Fix is the generic remedy for the refusal, or "".
func (e *Error) Fix() string {
	switch e.Kind {
	case Symlink, Special:
		return "only regular files are read: put the file itself here"
	case TooLarge:
		return "check that it is the right file"
	}
	return ""
}

func (e *Error) Unwrap() error { return e.Err }

// Open opens path for reading if, and only if, it is a regular file. A symbolic link is refused
// even when it points to a regular file (containment: a link in a project folder may reach any
// file of the machine). Named pipes, devices and sockets are refused without blocking: the file
// is opened non-blocking, then checked with fstat on the open descriptor, so the check and the
// read concern the same file. Links in the folders above the file are followed.
func Open(path string) (*os.File, error) { return open(path, false) }

// OpenFollow is Open for a file named explicitly by the user (a command-line argument): a
// symbolic link is followed, and what it points to must be a regular file.
func OpenFollow(path string) (*os.File, error) { return open(path, true) }

// ReadFile reads the regular file at path (see Open), refusing it with Kind TooLarge when it
// holds more than limit bytes. Memory used is at most about limit bytes, whatever the file.
func ReadFile(path string, limit int64) ([]byte, error) { return readFile(path, limit, false) }

// ReadFileFollow is ReadFile through OpenFollow.
func ReadFileFollow(path string, limit int64) ([]byte, error) { return readFile(path, limit, true) }

func readFile(path string, limit int64, follow bool) ([]byte, error) {
	f, err := open(path, follow)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, &Error{Path: path, Kind: Other, Err: err}
	}
	if st.Size() > limit {
		return nil, &Error{Path: path, Kind: TooLarge, Limit: limit}
	}
	// the file may grow while it is read: read at most one byte past the limit
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, &Error{Path: path, Kind: Other, Err: err}
	}
	if int64(len(b)) > limit {
		return nil, &Error{Path: path, Kind: TooLarge, Limit: limit}
	}
	return b, nil
}

// check returns the refusal for a file whose mode is m, or nil for a regular file.
func check(path string, m fs.FileMode) error {
	switch {
	case m.IsRegular():
		return nil
	case m&fs.ModeSymlink != 0:
		return &Error{Path: path, Kind: Symlink}
	case m.IsDir():
		return &Error{Path: path, Kind: Folder}
	case m&fs.ModeNamedPipe != 0:
		return &Error{Path: path, Kind: Special, What: "a named pipe (FIFO)"}
	case m&fs.ModeSocket != 0:
		return &Error{Path: path, Kind: Special, What: "a socket"}
	case m&fs.ModeDevice != 0 || m&fs.ModeCharDevice != 0:
		return &Error{Path: path, Kind: Special, What: "a device"}
	}
	return &Error{Path: path, Kind: Special, What: "a special file"}
}

// openError turns the error of opening path into an *Error, looking at what the name is
// when the system's answer is ambiguous (a symbolic link refused by O_NOFOLLOW shows as
// ELOOP on Linux, EMLINK on FreeBSD, EFTYPE on NetBSD).
func openError(path string, err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return &Error{Path: path, Kind: NotExist, Err: err}
	case errors.Is(err, fs.ErrPermission):
		if st, lerr := os.Lstat(path); lerr == nil && st.Mode()&fs.ModeSymlink != 0 {
			return &Error{Path: path, Kind: Symlink, Err: err}
		}
		return &Error{Path: path, Kind: Permission, Err: err}
	}
	if st, lerr := os.Lstat(path); lerr == nil {
		if ce := check(path, st.Mode()); ce != nil {
			ce.(*Error).Err = err
			return ce
		}
	}
	return &Error{Path: path, Kind: Other, Err: err}
}

// plainErr drops the operation and path Go puts in front of system errors.
func plainErr(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

func size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
