package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOutputsDocumented builds the sample and checks that every file build writes into out/ is
// described in docs/outputs.md and listed in the repository's out/README.md (hidden files, such
// as the lock that keeps two builds apart, only in the guide).
func TestOutputsDocumented(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the sample")
	}
	dir := sampleProject(t)
	if code, _, stderr := shadowreport(t, "build", "-C", dir); code != 0 {
		t.Fatalf("build: %s", stderr)
	}
	entries, err := os.ReadDir(filepath.Join(dir, "out"))
	if err != nil {
		t.Fatal(err)
	}
	guide, err := os.ReadFile("../../docs/outputs.md")
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile("../../out/README.md")
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) < 6 {
		t.Fatalf("the sample build wrote %d files", len(entries))
	}
	for _, e := range entries {
		name := e.Name()
		generic := name
		if strings.HasPrefix(name, "handout-") {
			generic = "handout-NAME.pdf"
		}
		if strings.HasPrefix(name, ".") {
			generic = "out/" + name
		}
		if !strings.Contains(string(guide), "`"+generic+"`") {
			t.Errorf("docs/outputs.md does not describe %s", generic)
		}
		if strings.HasPrefix(name, ".") {
			continue // housekeeping, not an output
		}
		if !strings.Contains(string(readme), "`"+name+"`") {
			t.Errorf("out/README.md does not list %s", name)
		}
	}
}
