package publish

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
)

// StateDirName is the hidden folder, beside a publication folder, that holds its state.
const StateDirName = ".shadowreport"

// maxKept bounds the files and folders of the user's own that a publication carries over.
const maxKept = 10000

// errNoExchange says that the file system cannot swap two folders in one step.
var errNoExchange = errors.New("no atomic exchange")

// exchangeFn swaps two folders in one step; a variable so that tests can take the two-rename way.
var exchangeFn = exchange

// StateDir returns the folder holding the state of the publication folder out: the lock, the
// manifest of what was published, and, while a publication is under way, its staging folder.
// It is <parent>/.shadowreport/<name>: for a project's out/, .shadowreport/out in the project.
func StateDir(out string) string {
	return filepath.Join(filepath.Dir(out), StateDirName, filepath.Base(out))
}

// Result says what a publication did besides writing its files.
type Result struct {
	// Removed are files an earlier publication wrote that this one did not (a format not asked
	// for, a handout whose template is gone): left in out/ they would show old numbers.
	Removed []string
	// Warnings are things the user should know: a file of theirs that changed during the
	// publication and was set aside rather than overwritten, a leftover that could not be tidied.
	Warnings []string
}

// Publish makes the folder out hold exactly files (name → contents, written in order) plus the
// user's own files already there, all or nothing, even if the process is killed or the machine
// loses power: at every instant out holds the whole old publication or the whole new one.
//
// The new generation is written into a staging folder in the state folder (StateDir), the user's
// own files and folders in out are hard-linked into it (copied where the disk has no hard links),
// everything is synced to the disk, and the staging folder is swapped with out in one step
// (renameat2 RENAME_EXCHANGE on Linux, renamex_np RENAME_SWAP on macOS; elsewhere two renames,
// with out missing for an instant that the next publication completes). The old generation is
// then taken apart: the tool's files are removed, the user's are already in the new one.
//
// Only files the manifest says the tool wrote, with unchanged contents, are replaced or removed;
// a file or folder of the user's where an output goes stops the publication with an Error. A
// publication interrupted anywhere leaves its staging or old generation in the state folder; the
// next one tidies it before starting, putting back anything of the user's.
//
// Publish refuses an out that is a symbolic link, a file, inside a project's interviews/ or
// templates/, or a project itself; a lock held by another process gives a LockedError.
func Publish(out string, files map[string][]byte, order []string) (*Result, error) {
	running.Lock()
	defer running.Unlock()
	if interrupted.Load() {
		return nil, ErrInterrupted
	}
	names := slices.Clone(order)
	sort.Strings(names)
	for i, name := range names {
		if name == "" || name != filepath.Base(name) || name == "." || name == ".." || strings.ContainsAny(name, `/\`) || (i > 0 && names[i-1] == name) {
			return nil, fmt.Errorf("publish: bad output name %q", name)
		}
		if _, ok := files[name]; !ok {
			return nil, fmt.Errorf("publish: no contents for %q", name)
		}
	}
	if len(names) != len(files) {
		return nil, fmt.Errorf("publish: %d files, %d names in order", len(files), len(names))
	}
	shown := out
	if err := checkOut(out); err != nil {
		return nil, err
	}
	stateDir, err := makeStateDir(out)
	if err != nil {
		return nil, err
	}
	unlock, err := lock(stateDir, shown)
	if err != nil {
		return nil, err
	}
	defer unlock()
	step("locked")
	res := &Result{}
	m := readManifest(stateDir)
	if err := tidy(out, stateDir, m, res); err != nil {
		return nil, err
	}
	step("tidied")
	if interrupted.Load() {
		return nil, ErrInterrupted
	}

	// What is in out: the tool's outputs (replaced, or removed when stale), the user's (kept).
	sums := map[string]string{}
	for name, b := range files {
		sums[name] = hashBytes(b)
	}
	outInfo, err := os.Lstat(out)
	exists := err == nil
	var keep []string
	if exists {
		entries, err := os.ReadDir(out)
		if err != nil {
			return nil, failed(err, "reading "+shown)
		}
		var conflicts []string
		for _, e := range entries {
			path := filepath.Join(out, e.Name())
			_, written := files[e.Name()]
			switch {
			case written && m.owns(e.Name(), path):
			case written:
				conflicts = append(conflicts, conflict(shown, e))
			case m.owns(e.Name(), path), e.Name() == ".lock" && legacyLock(path):
				res.Removed = append(res.Removed, e.Name())
			default:
				keep = append(keep, e.Name())
			}
		}
		if len(conflicts) > 0 {
			return nil, &Error{Msg: strings.Join(conflicts, "\n")}
		}
		if err := writable(out); err != nil {
			return nil, failed(err, "writing into "+shown)
		}
	}

	// The manifest lists the new contents before any of them exists, the old ones until the old
	// generation is gone: whatever is interrupted, every file the tool wrote stays its own.
	if err := m.with(sums).write(stateDir); err != nil {
		return nil, failedAt(err, stateDir, "recording the outputs in")
	}
	step("recorded")

	stage, err := os.MkdirTemp(stateDir, "stage-")
	if err != nil {
		return nil, failedAt(err, shown, "preparing the new")
	}
	switched := false
	abandon := func(cause error) (*Result, error) {
		if !switched {
			var r Result
			tidyFolder(stage, out, stateDir, m.with(sums), &r)
		}
		var pe *Error
		if errors.As(cause, &pe) {
			pe.Msg += "; " + shown + " is as it was"
		}
		return nil, cause
	}
	mode := fs.FileMode(0o755)
	if exists {
		mode = outInfo.Mode().Perm()
	}
	step("staging")
	if err := stageFiles(stateDir, stage, shown, names, files); err != nil {
		return abandon(err)
	}
	kept := 0
	for _, name := range keep {
		if err := carry(stateDir, filepath.Join(out, name), filepath.Join(stage, name), filepath.Join(shown, name), &kept); err != nil {
			return abandon(err)
		}
	}
	step("carried")
	if err := os.Chmod(stage, mode); err != nil {
		return abandon(failedAt(err, shown, "preparing the new"))
	}
	if err := syncDir(stage); err != nil {
		return abandon(failedAt(err, shown, "writing"))
	}
	step("synced")
	if interrupted.Load() {
		return abandon(ErrInterrupted)
	}

	old, err := switchIn(stage, out, exists, stateDir)
	if err != nil {
		return abandon(err)
	}
	switched = true
	step("switched")
	if err := syncDir(filepath.Dir(out)); err != nil {
		res.Warnings = append(res.Warnings, fmt.Sprintf("%s was published but could not be synced to the disk: %v", shown, err))
	}
	if old != "" {
		tidyFolder(old, out, stateDir, m.with(sums), res)
	}
	step("tidied old")
	if _, err := os.Lstat(old); old != "" && err == nil {
		// what is left of the old generation is tidied by the next publication, which must
		// still know the old outputs for the tool's: the manifest keeps listing them
		sort.Strings(res.Removed)
		return res, nil
	}
	if err := only(sums).write(stateDir); err != nil {
		res.Warnings = append(res.Warnings, fmt.Sprintf("the record of what was published (%s) could not be updated: %v; the next build will", filepath.Join(stateDir, manifestFile), err))
	}
	step("done")
	sort.Strings(res.Removed)
	return res, nil
}

// legacyLock reports whether path is the lock file earlier versions kept in out/ (empty, or the
// number of the process that held it): it is not an output, and must not stay in the publication.
func legacyLock(path string) bool {
	fi, err := os.Lstat(path)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() > 32 {
		return false
	}
	b, err := os.ReadFile(path)
	return err == nil && strings.Trim(string(b), "0123456789\n") == ""
}

// conflict words a file or folder of the user's where an output goes.
func conflict(shown string, e fs.DirEntry) string {
	path := filepath.Join(shown, e.Name())
	if e.IsDir() {
		return fmt.Sprintf("%s is a folder, where the build writes the file %s: shadowreport never removes a folder it did not make; rename or move the folder, then build again", path, e.Name())
	}
	return fmt.Sprintf("%s was not written by shadowreport (or was changed since): shadowreport never replaces a file it did not write; rename it or move it out of %s, then build again", path, shown)
}

// checkOut refuses a publication folder that is a link, a file, a project, or inside a
// project's interviews/ or templates/ (its parent taken as the project).
func checkOut(out string) error {
	if err := checkFolderItself(out, out); err != nil {
		return err
	}
	target, err := resolveLast(out)
	if err != nil {
		return err
	}
	parent, err := resolveDir(filepath.Dir(target), filepath.Dir(out))
	if err != nil {
		return err
	}
	if f := inside(target, parent, false); f != nil {
		return &Error{Msg: fmt.Sprintf("%s is inside %s: %s; move the project out of it", out, f.where, f.why)}
	}
	return nil
}

// makeStateDir creates the state folder of out, refusing links in its place.
func makeStateDir(out string) (string, error) {
	top := filepath.Join(filepath.Dir(out), StateDirName)
	dir := StateDir(out)
	for _, d := range []string{top, dir} {
		if err := os.Mkdir(d, 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
			return "", failedAt(err, filepath.Dir(d), "making a folder in")
		}
		fi, err := os.Lstat(d)
		if err != nil {
			return "", failed(err, "making the state folder "+d)
		}
		if !fi.IsDir() {
			return "", &Error{Msg: fmt.Sprintf("%s is %s, where shadowreport keeps its records of %s: remove it, then build again", d, describe(fi), out)}
		}
	}
	return dir, nil
}

// switchIn puts the complete staging folder in place of out and returns where the old
// generation now is ("" when out did not exist).
func switchIn(stage, out string, exists bool, stateDir string) (string, error) {
	if !exists {
		if err := os.Rename(stage, out); err != nil {
			return "", failedAt(err, out, "publishing")
		}
		return "", nil
	}
	err := exchangeFn(stage, out)
	if err == nil {
		return stage, nil
	}
	if !errors.Is(err, errNoExchange) {
		return "", failedAt(err, out, "publishing")
	}
	// Two renames: out is missing between them; an interruption there is completed by the next
	// publication, which puts the old generation back (see tidy).
	old := filepath.Join(stateDir, "old-"+strings.TrimPrefix(filepath.Base(stage), "stage-"))
	if err := os.Rename(out, old); err != nil {
		return "", failedAt(err, out, "publishing")
	}
	step("moved aside")
	if err := os.Rename(stage, out); err != nil {
		if err2 := os.Rename(old, out); err2 != nil {
			return "", &Error{Msg: fmt.Sprintf("publishing %s failed (%v) and the earlier %s could not be put back: it is in %s; the next build puts it back", out, err, out, old), Err: err}
		}
		return "", failedAt(err, out, "publishing")
	}
	return old, nil
}

// carry puts the user's entry src (in out) into the staging folder at dst: a hard link to each
// file (a copy where the disk has none), folders made anew, links recreated.
func carry(stateDir, src, dst, shown string, kept *int) error {
	*kept++
	if *kept > maxKept {
		return &Error{Msg: fmt.Sprintf("the publication folder holds more than %d files and folders that shadowreport did not write (%s among them): move them elsewhere, then build again", maxKept, shown)}
	}
	fi, err := os.Lstat(src)
	if err != nil {
		return failedAt(err, shown, "keeping")
	}
	if fi.IsDir() {
		if err := os.Mkdir(dst, fi.Mode().Perm()|0o700); err != nil {
			return failedAt(err, shown, "keeping")
		}
		entries, err := os.ReadDir(src)
		if err != nil {
			return failedAt(err, shown, "keeping")
		}
		for _, e := range entries {
			if err := carry(stateDir, filepath.Join(src, e.Name()), filepath.Join(dst, e.Name()), filepath.Join(shown, e.Name()), kept); err != nil {
				return err
			}
		}
		os.Chmod(dst, fi.Mode().Perm())
		os.Chtimes(dst, fi.ModTime(), fi.ModTime())
		return nil
	}
	if fi.Mode()&fs.ModeSymlink != 0 {
		to, err := os.Readlink(src)
		if err == nil {
			err = os.Symlink(to, dst)
		}
		if err != nil {
			return failedAt(err, shown, "keeping")
		}
		return nil
	}
	if err := os.Link(src, dst); err == nil {
		return nil
	} else if !fi.Mode().IsRegular() {
		return &Error{Msg: fmt.Sprintf("%s is %s that shadowreport cannot carry into the new publication (%v): move it out of the folder, then build again", shown, describe(fi), err), Err: err}
	}
	if err := copyFile(stateDir, src, dst, fi); err != nil {
		return failedAt(err, shown, "keeping")
	}
	return nil
}

func copyFile(stateDir, src, dst string, fi os.FileInfo) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	err = viaTemp(stateDir, dst, fi.Mode().Perm(), func(f *os.File) error {
		_, err := io.Copy(f, in)
		return err
	})
	if err != nil {
		return err
	}
	return os.Chtimes(dst, fi.ModTime(), fi.ModTime())
}

// stagers bounds the files written into the staging folder at once: each waits mostly for its
// sync to reach the disk, and the disk takes several syncs in one go.
const stagers = 4

// stageFiles writes the files into the staging folder, a few at once; after an error or an
// interruption it starts no other file and returns, once those under way are done, the first
// error in the order of names.
func stageFiles(stateDir, stage, shown string, names []string, files map[string][]byte) error {
	errs := make([]error, len(names))
	var stop atomic.Bool
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(stagers, len(names)) {
		wg.Go(func() {
			for i := range next {
				if stop.Load() {
					continue
				}
				name := names[i]
				if err := writeSynced(stateDir, filepath.Join(stage, name), files[name]); err != nil {
					errs[i] = failedAt(err, filepath.Join(shown, name), "writing")
					stop.Store(true)
					continue
				}
				step("wrote " + name)
				if interrupted.Load() {
					errs[i] = ErrInterrupted
					stop.Store(true)
				}
			}
		})
	}
	for i := range names {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// writeSynced writes a new file at path through a temporary file in the state folder, synced to
// the disk before it is renamed into place: a write cut short leaves only a tmp- file, which the
// next publication removes, never a partial output. A variable so that tests can make it fail.
var writeSynced = func(stateDir, path string, b []byte) error {
	return viaTemp(stateDir, path, 0o644, func(f *os.File) error {
		_, err := f.Write(b)
		return err
	})
}

// viaTemp makes the file path from a temporary file of the state folder filled by fill.
func viaTemp(stateDir, path string, mode fs.FileMode, fill func(*os.File) error) error {
	f, err := os.CreateTemp(stateDir, "tmp-file-*")
	if err != nil {
		return err
	}
	ok := false
	defer func() {
		if !ok {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err := fill(f); err != nil {
		return err
	}
	if err := f.Chmod(mode); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Link(f.Name(), path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return err
		}
		// a disk without hard links: the staging folder is new, nothing is there to replace
		if err := os.Rename(f.Name(), path); err != nil {
			return err
		}
		ok = true
		return nil
	}
	ok = true
	return os.Remove(f.Name())
}
