package publish

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
)

// manifest records what the tool wrote into a publication folder: for each file name, the
// SHA-256 of the contents it wrote. A file in out/ is the tool's only when its name is listed and
// its contents still hash to a listed value; anything else is the user's and is never removed.
// While a publication is under way the manifest lists the old and the new contents together, so
// that an interruption at any point leaves every file the tool wrote recognisable.
type manifest struct {
	Note  string              `json:"note"`
	Files map[string][]string `json:"files"`
}

const manifestFile = "manifest.json"

// maxManifest bounds the manifest read: a few hundred bytes per output.
const maxManifest = 1 << 20

// readManifest reads the manifest of the state folder; a missing or unreadable one lists
// nothing, so that nothing in out/ is taken for the tool's (fail closed: nothing is removed).
func readManifest(stateDir string) manifest {
	m := manifest{Files: map[string][]string{}}
	f, err := os.Open(filepath.Join(stateDir, manifestFile))
	if err != nil {
		return m
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxManifest+1))
	if err != nil || len(b) > maxManifest {
		return m
	}
	var got manifest
	if json.Unmarshal(b, &got) != nil || got.Files == nil {
		return m
	}
	return got
}

// owns reports whether the file at path, named name in the publication folder, is one the tool
// wrote: a regular file whose contents hash to a value listed for name.
func (m manifest) owns(name, path string) bool {
	sums := m.Files[name]
	if len(sums) == 0 {
		return false
	}
	fi, err := os.Lstat(path)
	if err != nil || !fi.Mode().IsRegular() {
		return false
	}
	sum, err := hashFile(path)
	return err == nil && slices.Contains(sums, sum)
}

// with returns the manifest listing also the files given.
func (m manifest) with(sums map[string]string) manifest {
	n := manifest{Files: map[string][]string{}}
	for name, s := range m.Files {
		n.Files[name] = slices.Clone(s)
	}
	for name, s := range sums {
		if !slices.Contains(n.Files[name], s) {
			n.Files[name] = append(n.Files[name], s)
		}
	}
	return n
}

// only returns a manifest listing exactly the files given.
func only(sums map[string]string) manifest {
	n := manifest{Files: map[string][]string{}}
	for name, s := range sums {
		n.Files[name] = []string{s}
	}
	return n
}

// write replaces the manifest in one rename, synced to the disk before and after.
func (m manifest) write(stateDir string) error {
	m.Note = "written by shadowreport: the files it published in the folder beside this state folder, with the SHA-256 of their contents; it removes or replaces only files listed here whose contents are unchanged"
	for _, s := range m.Files {
		slices.Sort(s)
	}
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(stateDir, "tmp-manifest-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(append(b, '\n')); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), filepath.Join(stateDir, manifestFile)); err != nil {
		return err
	}
	return syncDir(stateDir)
}

func hashBytes(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func hashFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() {
		return "", errors.Join(err, fs.ErrInvalid)
	}
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
