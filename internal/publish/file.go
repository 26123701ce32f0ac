package publish

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// WriteFile writes a file through write: to a temporary file in the same folder, synced to the
// disk, then renamed over path, mode 0644. If write fails or the process is interrupted
// (Interrupt), path is left as it was and the temporary file removed. Callers writing where the
// user chose (-o) check the path with CheckFile first.
func WriteFile(path string, write func(io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return atPath(err, path)
	}
	tempsMu.Lock()
	temps[tmp.Name()] = true
	tempsMu.Unlock()
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
			err = atPath(err, path)
		}
		tempsMu.Lock()
		delete(temps, tmp.Name())
		tempsMu.Unlock()
	}()
	if err = write(tmp); err != nil {
		return err
	}
	if err = tmp.Chmod(0o644); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	syncDir(dir)
	return nil
}

// atPath tells an error of the system about path, the file the user named, rather than the
// temporary file it happened on.
func atPath(err error, path string) error {
	var pe *fs.PathError
	var le *os.LinkError
	switch {
	case errors.As(err, &pe):
		return &fs.PathError{Op: pe.Op, Path: path, Err: pe.Err}
	case errors.As(err, &le):
		return &fs.PathError{Op: le.Op, Path: path, Err: le.Err}
	}
	return err
}
