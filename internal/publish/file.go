package publish

import (
	"io"
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
		return err
	}
	tempsMu.Lock()
	temps[tmp.Name()] = true
	tempsMu.Unlock()
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
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
