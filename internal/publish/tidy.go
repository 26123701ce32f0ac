package publish

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// rescuedDir is the folder of the state folder where a file of the user's is set aside when it
// cannot be put back without overwriting another (it changed during a publication).
const rescuedDir = "rescued"

// tidy finishes what an interrupted publication left in the state folder: if out is missing
// while an old generation waits (the two-rename switch was cut between its renames), the old
// generation is put back; then every staging folder and old generation is taken apart
// (tidyFolder) and temporary files removed.
func tidy(out, stateDir string, m manifest, res *Result) error {
	entries, err := os.ReadDir(stateDir)
	if err != nil {
		return failed(err, "reading "+stateDir)
	}
	var olds, stages []string
	for _, e := range entries {
		switch name := e.Name(); {
		case strings.HasPrefix(name, "old-"):
			olds = append(olds, name)
		case strings.HasPrefix(name, "stage-"):
			stages = append(stages, name)
		case strings.HasPrefix(name, "tmp-"):
			os.Remove(filepath.Join(stateDir, name))
		}
	}
	sort.Strings(olds)
	if _, err := os.Lstat(out); errors.Is(err, fs.ErrNotExist) && len(olds) > 0 {
		last := filepath.Join(stateDir, olds[len(olds)-1])
		if err := os.Rename(last, out); err != nil {
			return failed(err, "putting back "+out+" from "+last)
		}
		olds = olds[:len(olds)-1]
	}
	for _, name := range append(olds, stages...) {
		tidyFolder(filepath.Join(stateDir, name), out, stateDir, m, res)
	}
	return nil
}

// tidyFolder takes apart dir, a staging folder or an old generation of out, without losing
// anything of the user's. Each entry is removed when out holds the same file (a hard link, or a
// copy with the same contents) or when it is a file the tool wrote (listed in m with its
// contents); otherwise it is moved back into out where the name is free, or set aside in the
// state folder's rescued/ folder, with a warning, where it is not.
func tidyFolder(dir, out, stateDir string, m manifest, res *Result) {
	rescue := func(src, rel string) {
		dst, err := rescueTarget(stateDir, rel)
		if err == nil {
			err = os.Rename(src, dst)
		}
		if err != nil {
			res.Warnings = append(res.Warnings, fmt.Sprintf("%s could not be tidied (%v); the next build tries again", src, err))
			return
		}
		res.Warnings = append(res.Warnings, fmt.Sprintf("%s changed while shadowreport was publishing; the version it had then is kept in %s", filepath.Join(out, rel), dst))
	}
	tidyEntries(dir, out, "", m, rescue)
	if err := os.Remove(dir); err != nil && !errors.Is(err, fs.ErrNotExist) {
		res.Warnings = append(res.Warnings, fmt.Sprintf("%s could not be removed (%v); the next build tries again", dir, err))
	}
}

func tidyEntries(src, dst, rel string, m manifest, rescue func(src, rel string)) {
	entries, _ := os.ReadDir(src)
	for _, e := range entries {
		s, d, r := filepath.Join(src, e.Name()), filepath.Join(dst, e.Name()), filepath.Join(rel, e.Name())
		sfi, err := os.Lstat(s)
		if err != nil {
			continue
		}
		dfi, derr := os.Lstat(d)
		if sfi.IsDir() {
			switch {
			case derr == nil && dfi.IsDir():
				tidyEntries(s, d, r, m, rescue)
				if os.Remove(s) != nil {
					rescue(s, r)
				}
			case errors.Is(derr, fs.ErrNotExist) && os.Rename(s, d) == nil:
			default:
				rescue(s, r)
			}
			continue
		}
		switch {
		case rel == "" && (m.owns(e.Name(), s) || e.Name() == ".lock" && legacyLock(s)):
			os.Remove(s)
		case derr == nil && (os.SameFile(sfi, dfi) || sameContent(s, d, sfi, dfi)):
			os.Remove(s)
		case errors.Is(derr, fs.ErrNotExist) && os.Rename(s, d) == nil:
		default:
			rescue(s, r)
		}
	}
}

// rescueTarget returns a free path for rel in the rescued/ folder, making its folders.
func rescueTarget(stateDir, rel string) (string, error) {
	base := filepath.Join(stateDir, rescuedDir, rel)
	if err := os.MkdirAll(filepath.Dir(base), 0o700); err != nil {
		return "", err
	}
	for i := 0; i < 1000; i++ {
		p := base
		if i > 0 {
			ext := filepath.Ext(base)
			p = strings.TrimSuffix(base, ext) + "-" + strconv.Itoa(i) + ext
		}
		if _, err := os.Lstat(p); errors.Is(err, fs.ErrNotExist) {
			return p, nil
		}
	}
	return "", errors.New("too many rescued versions")
}

// sameContent reports whether two entries are the same regular file contents or the same link.
func sameContent(a, b string, afi, bfi os.FileInfo) bool {
	switch {
	case afi.Mode()&fs.ModeSymlink != 0 && bfi.Mode()&fs.ModeSymlink != 0:
		x, err1 := os.Readlink(a)
		y, err2 := os.Readlink(b)
		return err1 == nil && err2 == nil && x == y
	case afi.Mode().IsRegular() && bfi.Mode().IsRegular() && afi.Size() == bfi.Size():
		fa, err := os.Open(a)
		if err != nil {
			return false
		}
		defer fa.Close()
		fb, err := os.Open(b)
		if err != nil {
			return false
		}
		defer fb.Close()
		x, y := make([]byte, 64<<10), make([]byte, 64<<10)
		for {
			n, err1 := io.ReadFull(fa, x)
			k, err2 := io.ReadFull(fb, y)
			if n != k || !bytes.Equal(x[:n], y[:k]) {
				return false
			}
			if err1 != nil || err2 != nil {
				return errors.Is(err1, io.EOF) || errors.Is(err1, io.ErrUnexpectedEOF)
			}
		}
	}
	return false
}
