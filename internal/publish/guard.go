package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// The folders of a project no output may be written into. interviews/ and templates/ are the
// inputs; out/ holds only what build publishes; the state folder holds the tool's own records.
const (
	interviewsDir = "interviews"
	templatesDir  = "templates"
	outDir        = "out"
	codebookFile  = "codebook.xlsx"
	configFile    = "report.toml"
)

// CheckFile decides whether a command may write the file path (compare -o and the like) for the
// project in projectDir, and returns the path to write: path with every symbolic link resolved,
// so that what is checked is what is written. It refuses, with the reason and the fix, a path
// that resolves — through symbolic links, -C aliases, "..", or another case on a case-insensitive
// disk — into the interviews/, templates/ or out/ folder or the state folder of that project or
// of any project holding the path; a path that names a symbolic link, a folder, a pipe, a device
// or anything but a regular file or a new name; the project's report.toml; and a path whose
// folder does not exist. Write the file with WriteFile, which replaces it in one rename.
func CheckFile(projectDir, path string) (string, error) {
	target, err := resolveLast(path)
	if err != nil {
		return "", err
	}
	if base := filepath.Base(target); base == "." || base == ".." || target == filepath.Dir(target) || strings.HasSuffix(path, "/") || strings.HasSuffix(path, string(filepath.Separator)) {
		return "", &Error{Msg: fmt.Sprintf("%s is not a file name: give the name of a new file", path)}
	}
	if f := inside(target, projectDir, true); f != nil {
		return "", &Error{Msg: fmt.Sprintf("%s is inside %s: %s; choose another place", path, f.where, f.why)}
	}
	if _, err := resolveDir(filepath.Dir(target), filepath.Dir(path)); err != nil {
		var pe *Error
		if errors.As(err, &pe) {
			pe.Msg = path + ": " + pe.Msg
		}
		return "", err
	}
	fi, err := os.Lstat(target)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return "", failed(err, path)
	default:
		if what := notRegular(fi); what != "" {
			return "", &Error{Msg: fmt.Sprintf("%s is %s: shadowreport writes only regular files and never replaces anything else; give the name of a new file", path, what)}
		}
		if cfg, err := os.Stat(filepath.Join(projectDir, configFile)); err == nil && os.SameFile(fi, cfg) {
			return "", &Error{Msg: fmt.Sprintf("%s is the project's %s: shadowreport never overwrites its settings; choose another name", path, configFile)}
		}
	}
	return target, nil
}

// CheckFolder decides whether a command may publish a folder of outputs at dir (for example the
// unpublished outputs of build --internal DIR) for the project in projectDir, and returns the
// path to publish into (links of its parents resolved). It refuses a path that is a symbolic
// link or not a folder, that resolves into the project's interviews/, templates/, out/ or state
// folder (or those of any project holding it), and the project folder or any folder holding it.
func CheckFolder(projectDir, dir string) (string, error) {
	target, err := resolveLast(dir)
	if err != nil {
		return "", err
	}
	if _, err := resolveDir(filepath.Dir(target), filepath.Dir(dir)); err != nil {
		return "", err
	}
	if err := checkFolderItself(target, dir); err != nil {
		return "", err
	}
	if f := inside(target, projectDir, true); f != nil {
		return "", &Error{Msg: fmt.Sprintf("%s is inside %s: %s; choose a folder outside the project's folders", dir, f.where, f.why)}
	}
	if fi, err := os.Stat(target); err == nil {
		for d := absOrSelf(projectDir); ; d = filepath.Dir(d) {
			if st, err := os.Stat(d); err == nil && os.SameFile(fi, st) {
				return "", &Error{Msg: fmt.Sprintf("%s holds the project itself: its outputs go into a folder of their own; choose a new folder, for example %s", dir, filepath.Join(dir, "internal"))}
			}
			if filepath.Dir(d) == d {
				break
			}
		}
	}
	return target, nil
}

// CheckNewProject decides whether init may create a project at dir, and returns the path to
// create (links resolved). It refuses a folder inside the interviews/, templates/, out/ or state
// folder of any project (a project there would be read as a wave, published, or lost).
func CheckNewProject(dir string) (string, error) {
	target, err := resolvePath(dir)
	if err != nil {
		return "", err
	}
	if f := inside(target, "", true); f != nil {
		return "", &Error{Msg: fmt.Sprintf("%s is inside %s: a project there would be mixed with another project's files; choose a folder outside that project", dir, f.where)}
	}
	return target, nil
}

// resolveLast resolves the links of the folders of path, not of its last name: a link there is
// what the caller must refuse, not follow. "." and ".." as the last name are resolved.
func resolveLast(path string) (string, error) {
	trimmed := strings.TrimRightFunc(path, func(r rune) bool { return r < 0x80 && os.IsPathSeparator(byte(r)) })
	if trimmed == "" || trimmed == filepath.VolumeName(path) {
		return resolvePath(path)
	}
	i := strings.LastIndexFunc(trimmed, func(r rune) bool { return r < 0x80 && os.IsPathSeparator(byte(r)) })
	dir, base := ".", trimmed[i+1:]
	if i >= 0 {
		dir = trimmed[:i+1]
	}
	if base == "." || base == ".." {
		return resolvePath(path)
	}
	d, err := resolvePath(dir)
	if err != nil {
		return "", err
	}
	return filepath.Join(d, base), nil
}

// resolvePath resolves the symbolic links of path as the system would when opening it: the
// longest part that exists is resolved (".." after a link goes up from where the link points),
// the rest, which does not exist yet, is appended. The result is absolute.
func resolvePath(path string) (string, error) {
	if path == "" {
		return "", &Error{Msg: "the path is empty: give a file or folder name"}
	}
	vol := filepath.VolumeName(path)
	rest := path[len(vol):]
	lead := ""
	if rest != "" && os.IsPathSeparator(rest[0]) {
		lead = rest[:1]
	}
	var parts []string
	for _, p := range strings.FieldsFunc(rest, func(r rune) bool { return r < 0x80 && os.IsPathSeparator(byte(r)) }) {
		parts = append(parts, p)
	}
	for k := len(parts); k >= 0; k-- {
		prefix := vol + lead + strings.Join(parts[:k], string(filepath.Separator))
		if prefix == vol+lead && lead == "" {
			prefix = vol + "."
		}
		r, err := filepath.EvalSymlinks(prefix)
		if err == nil {
			abs, err := filepath.Abs(r)
			if err != nil {
				return "", failed(err, path)
			}
			return filepath.Join(append([]string{abs}, parts[k:]...)...), nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", failed(err, path)
		}
	}
	return "", &Error{Msg: fmt.Sprintf("%s cannot be resolved", path)}
}

// checkFolderItself refuses a publication folder that is a link, a file or anything but a folder
// or a new name.
func checkFolderItself(path, shown string) error {
	fi, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return failed(err, shown)
	case fi.Mode()&fs.ModeSymlink != 0:
		to, _ := os.Readlink(path)
		if _, err := os.Stat(path); err != nil {
			to += ", which does not exist"
		}
		return &Error{Msg: fmt.Sprintf("%s is a symbolic link (to %s): shadowreport publishes only into a real folder, so that nothing lands where a link points; remove the link (what it points to stays), then build again: %s/ is then created", shown, to, filepath.Base(shown))}
	case !fi.IsDir():
		return &Error{Msg: fmt.Sprintf("%s is %s, not a folder: shadowreport publishes into a folder of that name; rename or move the file, then build again", shown, describe(fi))}
	}
	if _, err := os.Stat(filepath.Join(path, interviewsDir, codebookFile)); err == nil {
		return &Error{Msg: fmt.Sprintf("%s holds a project (%s/%s): shadowreport never publishes over a project; choose another folder", shown, interviewsDir, codebookFile)}
	}
	return nil
}

// resolveDir resolves the symbolic links of an existing folder.
func resolveDir(abs, shown string) (string, error) {
	dir, err := filepath.EvalSymlinks(abs)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return "", &Error{Msg: fmt.Sprintf("the folder %s does not exist: create it first, or choose another place", shown), Err: err}
		}
		return "", failed(err, shown)
	}
	if fi, err := os.Stat(dir); err != nil {
		return "", failed(err, shown)
	} else if !fi.IsDir() {
		return "", &Error{Msg: fmt.Sprintf("%s is a file, not a folder", shown)}
	}
	return dir, nil
}

// forbidden is a folder an output was found to be in.
type forbidden struct{ where, why string }

// inside reports whether path (resolved: its folder has no links) is, or is inside, a folder no
// output may go: interviews/ or templates/ of projectDir or of any project holding path (a
// folder with interviews/codebook.xlsx) — and, when all is set, their out/ and state folders.
// Folders are compared by identity (device and inode), so no spelling of a path slips through:
// links, "..", -C aliases, or another case on a case-insensitive disk.
func inside(path, projectDir string, all bool) *forbidden {
	names := []string{interviewsDir, templatesDir}
	if all {
		names = append(names, outDir, StateDirName)
	}
	type folder struct {
		fi    os.FileInfo
		where string
		name  string
	}
	var explicit []folder
	for _, n := range names {
		if projectDir == "" {
			break
		}
		if fi, err := os.Stat(filepath.Join(projectDir, n)); err == nil && fi.IsDir() {
			explicit = append(explicit, folder{fi, projectDir, n})
		}
	}
	var project os.FileInfo
	if projectDir != "" {
		project, _ = os.Stat(projectDir)
	}
	for d := path; ; d = filepath.Dir(d) {
		fi, err := os.Stat(d)
		if err == nil {
			for _, f := range explicit {
				if os.SameFile(fi, f.fi) {
					return describeForbidden(f.name, f.where)
				}
			}
		}
		q := filepath.Dir(d)
		if q == d {
			return nil
		}
		// a project's folder, by identity where it exists, by name where it does not yet
		isProject := false
		if _, err := os.Stat(filepath.Join(q, interviewsDir, codebookFile)); err == nil {
			isProject = true
		} else if st, err := os.Stat(q); err == nil && project != nil && os.SameFile(st, project) {
			isProject = true
		}
		if isProject {
			for _, n := range names {
				if err != nil && strings.EqualFold(filepath.Base(d), n) {
					return describeForbidden(n, q)
				}
				if st, err2 := os.Stat(filepath.Join(q, n)); err == nil && err2 == nil && os.SameFile(fi, st) {
					return describeForbidden(n, q)
				}
			}
		}
	}
}

func describeForbidden(name, project string) *forbidden {
	where := fmt.Sprintf("the %s/ folder of the project %s", name, project)
	switch name {
	case interviewsDir, templatesDir:
		return &forbidden{where, "shadowreport never writes into interviews/ or templates/, the project's inputs"}
	case outDir:
		return &forbidden{where, "out/ holds only what build publishes, and every file there may be made public"}
	}
	return &forbidden{where, "that folder holds shadowreport's own records"}
}

// notRegular says what fi is when it is not a regular file ("" when it is).
func notRegular(fi os.FileInfo) string {
	if fi.Mode().IsRegular() {
		return ""
	}
	return describe(fi)
}

func describe(fi os.FileInfo) string {
	m := fi.Mode()
	switch {
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m.IsRegular():
		return "a file"
	}
	return "a special file"
}

func absOrSelf(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}
