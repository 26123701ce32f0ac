//go:build !unix

package safefile

import "os"

// open, where O_NOFOLLOW and O_NONBLOCK do not exist: the name is examined without following
// links, opened, and the open file must be the one examined.
func open(path string, follow bool) (*os.File, error) {
	var before os.FileInfo
	var err error
	if follow {
		before, err = os.Stat(path)
	} else {
		before, err = os.Lstat(path)
	}
	if err != nil {
		return nil, openError(path, err)
	}
	if err := check(path, before.Mode()); err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, openError(path, err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, &Error{Path: path, Kind: Other, Err: err}
	}
	if err := check(path, st.Mode()); err != nil {
		f.Close()
		return nil, err
	}
	if !os.SameFile(before, st) {
		f.Close()
		return nil, &Error{Path: path, Kind: Other, Err: os.ErrInvalid}
	}
	return f, nil
}
