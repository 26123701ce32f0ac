//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package safefile

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A named pipe nobody writes to, a device that never ends and a socket are refused at once:
// nothing blocks and nothing is read.
func TestSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "2020.xlsx")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	sock := filepath.Join(dir, "s.xlsx")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Skipf("unix socket: %v", err)
	}
	defer l.Close()
	linkToFifo := filepath.Join(dir, "l.xlsx")
	if err := os.Symlink(fifo, linkToFifo); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		path   string
		follow bool
		what   string
	}{
		{fifo, false, "named pipe"},
		{fifo, true, "named pipe"},
		{linkToFifo, true, "named pipe"},
		{linkToFifo, false, "symbolic link"},
		{sock, false, "socket"},
	}
	if _, err := os.Stat("/dev/zero"); err == nil {
		cases = append(cases, struct {
			path   string
			follow bool
			what   string
		}{"/dev/zero", true, "device"})
	}
	for _, c := range cases {
		done := make(chan error, 1)
		go func() {
			if c.follow {
				_, err := ReadFileFollow(c.path, 4096)
				done <- err
			} else {
				_, err := ReadFile(c.path, 4096)
				done <- err
			}
		}()
		select {
		case err := <-done:
			if err == nil || !strings.Contains(err.Error(), c.what) || !strings.HasPrefix(err.Error(), c.path+": ") {
				t.Errorf("%s (follow %v): got %v, want a refusal naming it %s", c.path, c.follow, err, c.what)
			}
		case <-time.After(10 * time.Second): // not a budget: a hang would otherwise block the test run forever
			t.Fatalf("%s: reading blocked", c.path)
		}
	}
}
