package safefile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func kindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return 0
}

func TestReadFileLimit(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "pw.txt")
	if err := os.WriteFile(p, []byte("0123456789"), 0o600); err != nil {
		t.Fatal(err)
	}
	// the limit is inclusive: a file of exactly limit bytes is read whole
	b, err := ReadFile(p, 10)
	if err != nil || string(b) != "0123456789" {
		t.Fatalf("ReadFile(limit 10) = %q, %v", b, err)
	}
	_, err = ReadFile(p, 9)
	if kindOf(err) != TooLarge || !strings.Contains(err.Error(), p) || !strings.Contains(err.Error(), "9 bytes") {
		t.Errorf("ReadFile(limit 9) = %v, want TooLarge naming the file and the limit", err)
	}
}

func TestRefused(t *testing.T) {
	dir := t.TempDir()
	regular := filepath.Join(dir, "a.xlsx")
	if err := os.WriteFile(regular, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.xlsx")
	if err := os.Symlink(regular, link); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	dangling := filepath.Join(dir, "dangling.xlsx")
	if err := os.Symlink(filepath.Join(dir, "nothing"), dangling); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		path   string
		follow bool
		want   Kind
	}{
		{regular, false, 0},
		{link, false, Symlink},
		{link, true, 0}, // a link named on the command line may be followed to a regular file
		{dangling, false, Symlink},
		{dangling, true, NotExist},
		{dir, false, Folder},
		{filepath.Join(dir, "missing"), false, NotExist},
	} {
		var f *os.File
		var err error
		if c.follow {
			f, err = OpenFollow(c.path)
		} else {
			f, err = Open(c.path)
		}
		if f != nil {
			f.Close()
		}
		if got := kindOf(err); got != c.want || (c.want == 0) != (err == nil) {
			t.Errorf("open %s (follow %v): kind %d, err %v; want kind %d", filepath.Base(c.path), c.follow, got, err, c.want)
		}
		if err != nil && !strings.HasPrefix(err.Error(), c.path+": ") {
			t.Errorf("message %q does not start with the file's name", err)
		}
	}
}
