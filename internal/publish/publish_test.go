//go:build unix

package publish

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
)

// snapshot describes every entry under dir: path, kind, and contents (hash) or link target.
func snapshot(t *testing.T, dir string) string {
	t.Helper()
	if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
		return "(missing)"
	}
	var lines []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		info, err := d.Info()
		if err != nil {
			return err
		}
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			to, _ := os.Readlink(path)
			lines = append(lines, fmt.Sprintf("link %s -> %s", rel, to))
		case d.IsDir():
			lines = append(lines, fmt.Sprintf("dir  %s", rel))
		case !d.Type().IsRegular():
			lines = append(lines, fmt.Sprintf("special %s %v", rel, info.Mode()))
		default:
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			lines = append(lines, fmt.Sprintf("file %s %x %v", rel, sha256.Sum256(b), info.Mode().Perm()))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

func write(t *testing.T, path, s string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// gen is a generation of outputs: name → contents.
type gen map[string]string

func (g gen) files() (map[string][]byte, []string) {
	files := map[string][]byte{}
	var order []string
	for n, s := range g {
		files[n] = []byte(s)
		order = append(order, n)
	}
	sort.Strings(order)
	return files, order
}

func publishGen(t *testing.T, out string, g gen) (*Result, error) {
	t.Helper()
	files, order := g.files()
	return Publish(out, files, order)
}

func mustPublish(t *testing.T, out string, g gen) *Result {
	t.Helper()
	res, err := publishGen(t, out, g)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// leftovers lists what a publication left in the state folder besides its lock and manifest.
func leftovers(t *testing.T, out string) []string {
	t.Helper()
	entries, err := os.ReadDir(StateDir(out))
	if err != nil {
		t.Fatal(err)
	}
	var left []string
	for _, e := range entries {
		if e.Name() != "lock" && e.Name() != manifestFile {
			left = append(left, e.Name())
		}
	}
	return left
}

// Two builds at once: the second is refused while the first holds the lock, and gets it once
// it is released. The lock is in the state folder, never in out/.
func TestLock(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	state, err := makeStateDir(out)
	if err != nil {
		t.Fatal(err)
	}
	unlock, err := lock(state, out)
	if err != nil {
		t.Fatal(err)
	}
	_, err = publishGen(t, out, gen{"report.pdf": "x"})
	var le *LockedError
	if !errors.As(err, &le) || le.PID != os.Getpid() {
		t.Fatalf("publish while locked: %v, want a LockedError naming this process", err)
	}
	if _, err := os.Lstat(out); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a refused publication created %s", out)
	}
	unlock()
	mustPublish(t, out, gen{"report.pdf": "x"})
	if _, err := os.Lstat(filepath.Join(out, ".lock")); err == nil {
		t.Error("out/.lock exists: the lock must stay out of the publication folder")
	}
	// the lock file of earlier versions, left in out/, goes; a .lock of the user's stays
	write(t, filepath.Join(out, ".lock"), "1234\n")
	if res := mustPublish(t, out, gen{"report.pdf": "x"}); !slices.Equal(res.Removed, []string{".lock"}) {
		t.Errorf("removed %v, want the old out/.lock", res.Removed)
	}
	if _, err := os.Lstat(filepath.Join(out, ".lock")); err == nil {
		t.Error("the old out/.lock is still there")
	}
	write(t, filepath.Join(out, ".lock"), "my notes about locks")
	if res := mustPublish(t, out, gen{"report.pdf": "x"}); len(res.Removed) > 0 {
		t.Errorf("removed %v", res.Removed)
	}
	if got := snapshot(t, out); strings.Count(got, "\n") != 2 { // the folder, .lock and report.pdf
		t.Errorf("out/ holds more than the output:\n%s", got)
	}
}

// A publication replaces and removes only the files it wrote; a user's file named like an
// output, their folders (one named like an output), links and notes stay, untouched.
func TestPublishKeepsUsersFiles(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	mustPublish(t, out, gen{"report.pdf": "old pdf", "report.docx": "old docx", "annex.xlsx": "old annex", "handout-a.pdf": "old a"})
	write(t, filepath.Join(out, "README.md"), "the user's notes")
	write(t, filepath.Join(out, "handout-ngo-briefing.pdf"), "the user's own handout")
	write(t, filepath.Join(out, "drafts", "v1", "report-edited.docx"), "the user's edit")
	if err := os.Symlink("README.md", filepath.Join(out, "notes")); err != nil {
		t.Fatal(err)
	}
	readme, err := os.Stat(filepath.Join(out, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	// the user edits an output in place: it is theirs now
	write(t, filepath.Join(out, "annex.xlsx"), "annex with the user's comments")
	res, err := publishGen(t, out, gen{"report.pdf": "new pdf", "findings.json": "new json", "annex.xlsx": "new annex"})
	var pe *Error
	if !errors.As(err, &pe) || !strings.Contains(pe.Msg, "annex.xlsx was not written by shadowreport (or was changed since)") {
		t.Fatalf("publishing over an edited output: %v", err)
	}
	os.Rename(filepath.Join(out, "annex.xlsx"), filepath.Join(out, "annex-commented.xlsx"))

	res = mustPublish(t, out, gen{"report.pdf": "new pdf", "findings.json": "new json", "annex.xlsx": "new annex"})
	if want := []string{"handout-a.pdf", "report.docx"}; !slices.Equal(res.Removed, want) {
		t.Errorf("removed %v, want %v", res.Removed, want)
	}
	for name, want := range map[string]string{
		"report.pdf": "new pdf", "findings.json": "new json", "annex.xlsx": "new annex",
		"README.md": "the user's notes", "handout-ngo-briefing.pdf": "the user's own handout",
		"annex-commented.xlsx": "annex with the user's comments", "drafts/v1/report-edited.docx": "the user's edit",
	} {
		if got, err := os.ReadFile(filepath.Join(out, name)); err != nil || string(got) != want {
			t.Errorf("%s = %q, %v; want %q", name, got, err, want)
		}
	}
	for _, gone := range []string{"report.docx", "handout-a.pdf"} {
		if _, err := os.Lstat(filepath.Join(out, gone)); err == nil {
			t.Errorf("%s is still there", gone)
		}
	}
	if to, err := os.Readlink(filepath.Join(out, "notes")); err != nil || to != "README.md" {
		t.Errorf("the user's link: %q, %v", to, err)
	}
	if now, err := os.Stat(filepath.Join(out, "README.md")); err != nil || !os.SameFile(readme, now) {
		t.Errorf("README.md is not the user's file any more (a copy?): %v", err)
	}
	if left := leftovers(t, out); len(left) > 0 {
		t.Errorf("left in the state folder: %v", left)
	}

	// a folder named like an output is never removed; one where an output goes stops the build
	if err := os.MkdirAll(filepath.Join(out, "report.docx", "inside"), 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(out, "report.docx", "inside", "f.txt"), "kept")
	before := snapshot(t, out)
	_, err = publishGen(t, out, gen{"report.pdf": "newer pdf", "report.docx": "docx"})
	if !errors.As(err, &pe) || !strings.Contains(pe.Msg, "report.docx is a folder, where the build writes the file report.docx") {
		t.Fatalf("publishing over a folder: %v", err)
	}
	if after := snapshot(t, out); after != before {
		t.Errorf("a refused publication changed out/:\n%s\nwant\n%s", after, before)
	}
	mustPublish(t, out, gen{"report.pdf": "newer pdf"})
	if got, _ := os.ReadFile(filepath.Join(out, "report.docx", "inside", "f.txt")); string(got) != "kept" {
		t.Errorf("the folder report.docx/ lost its contents")
	}
	if left := leftovers(t, out); len(left) > 0 {
		t.Errorf("left in the state folder: %v", left)
	}
}

// The manifest is the only authority: lost or damaged, nothing in out/ is taken for an output
// and the build stops rather than replace anything.
func TestPublishWithoutManifestReplacesNothing(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	mustPublish(t, out, gen{"report.pdf": "v1"})
	for _, damage := range []string{"", "{not json", `{"files": {"report.pdf": ["0000"]}}`} {
		if damage == "" {
			os.Remove(filepath.Join(StateDir(out), manifestFile))
		} else {
			write(t, filepath.Join(StateDir(out), manifestFile), damage)
		}
		before := snapshot(t, out)
		_, err := publishGen(t, out, gen{"report.pdf": "v2"})
		var pe *Error
		if !errors.As(err, &pe) {
			t.Fatalf("manifest %q: %v, want a refusal", damage, err)
		}
		if snapshot(t, out) != before {
			t.Fatalf("manifest %q: out/ changed", damage)
		}
	}
}

// A write that fails halfway (a full disk) leaves out/ exactly as it was and nothing behind.
func TestPublishFailureLeavesOutAsItWas(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	mustPublish(t, out, gen{"report.pdf": "old pdf", "annex.xlsx": "old annex", "findings.json": "old json"})
	write(t, filepath.Join(out, "README.md"), "mine")
	before := snapshot(t, out)
	var calls atomic.Int32
	saved := writeSynced
	writeSynced = func(stateDir, path string, b []byte) error {
		if calls.Add(1) == 2 {
			return &fs.PathError{Op: "write", Path: path, Err: syscall.ENOSPC}
		}
		return os.WriteFile(path, b, 0o644)
	}
	defer func() { writeSynced = saved }()
	_, err := publishGen(t, out, gen{"report.pdf": "new pdf", "annex.xlsx": "new annex", "findings.json": "new json"})
	var pe *Error
	if !errors.As(err, &pe) || !strings.Contains(pe.Msg, "the disk is full") || strings.Contains(pe.Msg, "write ") {
		t.Fatalf("err = %v, want the disk is full in plain words", err)
	}
	if after := snapshot(t, out); after != before {
		t.Errorf("out/ changed:\n%s\nwant\n%s", after, before)
	}
	if left := leftovers(t, out); len(left) > 0 {
		t.Errorf("left in the state folder: %v", left)
	}
	writeSynced = saved
	mustPublish(t, out, gen{"report.pdf": "new pdf", "annex.xlsx": "new annex", "findings.json": "new json"})
}

// out/ that is not a real folder is refused with the fix, and nothing is written anywhere.
func TestPublishRefusesOut(t *testing.T) {
	project := func(t *testing.T) string {
		dir := t.TempDir()
		write(t, filepath.Join(dir, "interviews", "codebook.xlsx"), "codebook")
		write(t, filepath.Join(dir, "templates", "report.md"), "template")
		return dir
	}
	cases := []struct {
		name  string
		setup func(t *testing.T, p string)
		want  string
	}{
		{"link into interviews", func(t *testing.T, p string) { os.Symlink("interviews", filepath.Join(p, "out")) }, "is a symbolic link (to interviews)"},
		{"link into templates", func(t *testing.T, p string) { os.Symlink(filepath.Join(p, "templates"), filepath.Join(p, "out")) }, "remove the link"},
		{"dangling link", func(t *testing.T, p string) { os.Symlink("/nonexistent/out", filepath.Join(p, "out")) }, "which does not exist"},
		{"link elsewhere", func(t *testing.T, p string) { os.Symlink(t.TempDir(), filepath.Join(p, "out")) }, "is a symbolic link"},
		{"file", func(t *testing.T, p string) { write(t, filepath.Join(p, "out"), "a file") }, "is a file, not a folder"},
		{"fifo", func(t *testing.T, p string) { syscall.Mkfifo(filepath.Join(p, "out"), 0o644) }, "a named pipe (FIFO), not a folder"},
		{"interviews is the project", func(t *testing.T, p string) {
			os.Rename(filepath.Join(p, "interviews"), filepath.Join(p, "waves"))
			os.Symlink(".", filepath.Join(p, "interviews"))
		}, "is inside the interviews/ folder of the project"},
		{"project inside another's templates", nil, "is inside the templates/ folder of the project"},
		{"out holds a project", func(t *testing.T, p string) { write(t, filepath.Join(p, "out", "interviews", "codebook.xlsx"), "x") }, "holds a project"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := project(t)
			if c.setup != nil {
				c.setup(t, p)
			} else {
				p = filepath.Join(p, "templates", "nested")
				os.MkdirAll(p, 0o755)
			}
			before := snapshot(t, filepath.Dir(p))
			_, err := publishGen(t, filepath.Join(p, "out"), gen{"report.pdf": "x"})
			var pe *Error
			if !errors.As(err, &pe) || !strings.Contains(pe.Msg, c.want) {
				t.Fatalf("err = %v, want %q", err, c.want)
			}
			if after := snapshot(t, filepath.Dir(p)); after != before {
				t.Errorf("a refused publication changed the files:\n%s\nwant\n%s", after, before)
			}
		})
	}
}

// What an interrupted publication leaves is taken apart by the next one without losing any of
// the user's files, even one saved during the publication.
func TestTidyPutsBackUsersFiles(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	mustPublish(t, out, gen{"report.pdf": "v1"})
	write(t, filepath.Join(out, "README.md"), "mine")
	state := StateDir(out)
	// an old generation left by a switch cut short: the tool's old output, the user's file
	// (hard-linked in out), a file the user saved there during the publication, and a file of
	// theirs where out now holds another version
	old := filepath.Join(state, "stage-123")
	write(t, filepath.Join(old, "report.pdf"), "v1")
	os.Link(filepath.Join(out, "README.md"), filepath.Join(old, "README.md"))
	write(t, filepath.Join(old, "saved-during.txt"), "new notes")
	write(t, filepath.Join(old, "sub", "deep.txt"), "deep")
	write(t, filepath.Join(out, "clash.txt"), "version in out")
	write(t, filepath.Join(old, "clash.txt"), "version left behind")
	res := mustPublish(t, out, gen{"report.pdf": "v2"})
	for name, want := range map[string]string{"README.md": "mine", "saved-during.txt": "new notes", "sub/deep.txt": "deep", "clash.txt": "version in out", "report.pdf": "v2"} {
		if got, err := os.ReadFile(filepath.Join(out, name)); err != nil || string(got) != want {
			t.Errorf("%s = %q, %v; want %q", name, got, err, want)
		}
	}
	if got, err := os.ReadFile(filepath.Join(state, "rescued", "clash.txt")); err != nil || string(got) != "version left behind" {
		t.Errorf("rescued/clash.txt = %q, %v", got, err)
	}
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "clash.txt changed while shadowreport was publishing") {
		t.Errorf("warnings %q", res.Warnings)
	}
	if left := leftovers(t, out); !slices.Equal(left, []string{"rescued"}) {
		t.Errorf("left in the state folder: %v", left)
	}
}

// Where the disk cannot swap folders in one step, the two-rename switch cut between its renames
// (out/ missing) is completed by the next publication: out/ comes back whole.
func TestTidyPutsBackOut(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	mustPublish(t, out, gen{"report.pdf": "v1"})
	write(t, filepath.Join(out, "README.md"), "mine")
	before := snapshot(t, out)
	if err := os.Rename(out, filepath.Join(StateDir(out), "old-1")); err != nil {
		t.Fatal(err)
	}
	res := &Result{}
	if err := tidy(out, StateDir(out), readManifest(StateDir(out)), res); err != nil {
		t.Fatal(err)
	}
	if after := snapshot(t, out); after != before {
		t.Errorf("out/ after tidy:\n%s\nwant\n%s", after, before)
	}
}

// The errors of the operating system, in the user's words, with no system call in them.
func TestExplain(t *testing.T) {
	for _, c := range []struct {
		err  error
		want string
	}{
		{&fs.PathError{Op: "open", Path: "out/x", Err: syscall.ENOTDIR}, "out/x: a part of this path is a file, not a folder"},
		{&fs.PathError{Op: "write", Path: "out/report.pdf", Err: syscall.ENOSPC}, "out/report.pdf: the disk is full: free some space"},
		{&fs.PathError{Op: "write", Path: "out/report.pdf", Err: syscall.EDQUOT}, "out/report.pdf: your disk quota is used up"},
		{&fs.PathError{Op: "open", Path: "out", Err: syscall.EACCES}, "out: permission denied"},
		{&fs.PathError{Op: "open", Path: "out", Err: syscall.EROFS}, "out: the disk is read-only"},
		{&os.LinkError{Op: "rename", Old: "a", New: "out", Err: syscall.EXDEV}, "out: is on another disk"},
		{&fs.PathError{Op: "write", Path: "/dev/stdout", Err: syscall.ENOSPC}, "standard output: the disk is full"},
		{fmt.Errorf("writing: %w", &fs.PathError{Op: "write", Path: "f", Err: syscall.EIO}), "f: the disk reported a read or write error"},
	} {
		got, ok := Explain(c.err)
		if !ok || !strings.HasPrefix(got, c.want) {
			t.Errorf("Explain(%v) = %q, %v; want %q…", c.err, got, ok, c.want)
		}
		for _, raw := range []string{"open out", "write out", "write f", "write /dev", "rename a", "not a directory", "no space left", "input/output"} {
			if strings.Contains(got, raw) {
				t.Errorf("Explain(%v) = %q: holds the raw %q", c.err, got, raw)
			}
		}
	}
	if _, ok := Explain(errors.New("a bug")); ok {
		t.Error("Explain recognised an error that is not the system's")
	}
}
