//go:build unix

package publish

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// testProject makes a project with its folders, and the current folder inside it.
func testProject(t *testing.T) string {
	t.Helper()
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "proj")
	write(t, filepath.Join(p, "interviews", "codebook.xlsx"), "codebook")
	write(t, filepath.Join(p, "interviews", "2017.xlsx"), "wave")
	write(t, filepath.Join(p, "templates", "report.md"), "template")
	write(t, filepath.Join(p, "report.toml"), "[report]")
	write(t, filepath.Join(p, "out", "report.pdf"), "pdf")
	write(t, filepath.Join(p, StateDirName, "out", "manifest.json"), "{}")
	os.MkdirAll(filepath.Join(dir, "elsewhere", "sub"), 0o755)
	t.Chdir(dir)
	return p
}

// Every spelling of a path into a project's inputs is refused for -o: direct, "..", a link to
// the folder, a link on the way, the project reached through a -C alias, another project.
func TestCheckFileRefuses(t *testing.T) {
	p := testProject(t)
	dir := filepath.Dir(p)
	os.Symlink(filepath.Join(p, "interviews"), filepath.Join(dir, "waves"))         // a link to interviews/
	os.Symlink(p, filepath.Join(dir, "alias"))                                      // -C alias
	os.Symlink(filepath.Join(p, "templates"), filepath.Join(dir, "elsewhere", "t")) // a link on the way
	os.Symlink(filepath.Join(p, "interviews", "2017.xlsx"), filepath.Join(dir, "wave-link.xlsx"))
	os.Symlink("/nonexistent", filepath.Join(dir, "dangling.xlsx"))
	syscall.Mkfifo(filepath.Join(dir, "fifo.xlsx"), 0o644)
	other := filepath.Join(dir, "other")
	write(t, filepath.Join(other, "interviews", "codebook.xlsx"), "codebook")
	for _, c := range []struct{ project, path, want string }{
		{p, "proj/interviews/2017.xlsx", "is inside the interviews/ folder of the project"},
		{p, "proj/interviews/new.xlsx", "is inside the interviews/ folder"},
		{p, "proj/templates/report.md", "is inside the templates/ folder"},
		{p, "proj/out/compare.xlsx", "is inside the out/ folder"},
		{p, "proj/.shadowreport/out/manifest.json", "is inside the .shadowreport/ folder"},
		{p, "proj/../proj/interviews/2017.xlsx", "is inside the interviews/ folder"},
		{p, "waves/2017.xlsx", "is inside the interviews/ folder"},
		{p, "alias/templates/x.md", "is inside the templates/ folder"},
		{"alias", "proj/interviews/x.xlsx", "is inside the interviews/ folder"},
		{p, "elsewhere/t/report.md", "is inside the templates/ folder"},
		{p, "elsewhere/t/../interviews/2017.xlsx", "is inside the interviews/ folder"}, // ".." from where the link points
		{p, "other/interviews/2017.xlsx", "is inside the interviews/ folder of the project " + other},
		{p, "wave-link.xlsx", "is a symbolic link"},
		{p, "dangling.xlsx", "is a symbolic link"},
		{p, "fifo.xlsx", "is a named pipe (FIFO)"},
		{p, "/dev/full", "is a device"},
		{p, "/dev/null", "is a device"},
		{p, "elsewhere", "is a folder"},
		{p, "proj/report.toml", "is the project's report.toml"},
		{p, "nowhere/x.xlsx", "nowhere/x.xlsx: the folder nowhere does not exist"},
		{p, "proj/report.toml/x.xlsx", "proj/report.toml is a file, not a folder"},
		{p, "elsewhere/", "is not a file name"},
		{p, "..", ".. is a folder"},
	} {
		got, err := CheckFile(c.project, c.path)
		var pe *Error
		if !errors.As(err, &pe) || !strings.Contains(pe.Msg, c.want) {
			t.Errorf("CheckFile(%s, %s) = %q, %v; want a refusal %q", c.project, c.path, got, err, c.want)
		}
	}
	if _, err := os.Stat("/dev/full"); err == nil {
		if fi, _ := os.Lstat("/dev/full"); fi.Mode()&os.ModeDevice == 0 {
			t.Error("/dev/full was replaced")
		}
	}
}

func TestCheckFileAccepts(t *testing.T) {
	p := testProject(t)
	dir := filepath.Dir(p)
	write(t, filepath.Join(dir, "elsewhere", "old.xlsx"), "an earlier export")
	os.Symlink(filepath.Join(dir, "elsewhere"), filepath.Join(dir, "e"))
	for path, want := range map[string]string{
		"compare.xlsx":                      filepath.Join(dir, "compare.xlsx"),
		"proj/compare.xlsx":                 filepath.Join(p, "compare.xlsx"),
		"elsewhere/old.xlsx":                filepath.Join(dir, "elsewhere", "old.xlsx"),
		"e/sub/x.csv":                       filepath.Join(dir, "elsewhere", "sub", "x.csv"),
		"proj/interviews/../summary.json":   filepath.Join(p, "summary.json"),
		filepath.Join(dir, "elsewhere/a.j"): filepath.Join(dir, "elsewhere", "a.j"),
	} {
		got, err := CheckFile(p, path)
		if err != nil || got != want {
			t.Errorf("CheckFile(%s) = %q, %v; want %q", path, got, err, want)
		}
	}
}

// The folder of build --internal: never the project, a folder holding it, or its folders.
func TestCheckFolder(t *testing.T) {
	p := testProject(t)
	dir := filepath.Dir(p)
	os.Symlink(filepath.Join(dir, "elsewhere"), filepath.Join(dir, "link"))
	for path, want := range map[string]string{
		"proj":                "holds a project (interviews/codebook.xlsx)",
		".":                   "holds the project itself",
		"proj/out":            "is inside the out/ folder",
		"proj/out/internal":   "is inside the out/ folder",
		"proj/interviews/x":   "is inside the interviews/ folder",
		"proj/.shadowreport":  "is inside the .shadowreport/ folder",
		"link":                "is a symbolic link",
		"proj/report.toml":    "is a file, not a folder",
		"proj/templates/../x": "", // proj/x: allowed
		"elsewhere/internal":  "",
		"proj/internal":       "",
	} {
		_, err := CheckFolder(p, path)
		if want == "" {
			if err != nil {
				t.Errorf("CheckFolder(%s): %v", path, err)
			}
			continue
		}
		var pe *Error
		if !errors.As(err, &pe) || !strings.Contains(pe.Msg, want) {
			t.Errorf("CheckFolder(%s) = %v; want %q", path, err, want)
		}
	}
}

// init never nests a project in another's folders.
func TestCheckNewProject(t *testing.T) {
	p := testProject(t)
	for path, want := range map[string]string{
		"proj/interviews/new":   "is inside the interviews/ folder",
		"proj/interviews":       "is inside the interviews/ folder",
		"proj/templates/a/b":    "is inside the templates/ folder",
		"proj/out/demo":         "is inside the out/ folder",
		"proj/demo":             "",
		"elsewhere/demo":        "",
		"proj/interviews/../x2": "",
	} {
		_, err := CheckNewProject(path)
		if want == "" {
			if err != nil {
				t.Errorf("CheckNewProject(%s): %v", path, err)
			}
			continue
		}
		var pe *Error
		if !errors.As(err, &pe) || !strings.Contains(pe.Msg, want) {
			t.Errorf("CheckNewProject(%s) = %v; want %q", path, err, want)
		}
	}
	_ = p
}
