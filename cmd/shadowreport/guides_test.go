package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOutputsDocumented builds the sample and checks that every file build writes into out/ is
// described in docs/outputs.md and listed in the repository's out/README.md.
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
			generic = "handout-*.pdf"
		}
		if !strings.Contains(string(guide), generic) {
			t.Errorf("docs/outputs.md does not describe %s", generic)
		}
		if !strings.Contains(string(readme), "`"+name+"`") {
			t.Errorf("out/README.md does not list %s", name)
		}
	}
}

// TestGitignore: each entry once.
func TestGitignore(t *testing.T) {
	b, err := os.ReadFile("../../.gitignore")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, l := range strings.Split(string(b), "\n") {
		if l = strings.TrimSpace(l); l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		if seen[l] {
			t.Errorf(".gitignore lists %s twice", l)
		}
		seen[l] = true
	}
}
