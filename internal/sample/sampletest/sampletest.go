// Package sampletest gives tests the synthetic sample project, loaded and compared the way
// build does, so that every package's tests start from the same fixture. It is imported by
// tests only.
package sampletest

import (
	"testing"

	"github.com/shadowreport/shadowreport/internal/compare"
	"github.com/shadowreport/shadowreport/internal/policy"
	"github.com/shadowreport/shadowreport/internal/project"
	"github.com/shadowreport/shadowreport/internal/sample"
)

// Dir writes the sample project (workbooks and report.toml, no templates) into a new
// temporary folder and returns it.
func Dir(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	if err := sample.WriteProject(dir); err != nil {
		t.Fatal(err)
	}
	return dir
}

// Load loads the project in dir and compares its waves with report.toml's options, failing
// the test on any error.
func Load(t testing.TB, dir string) (*project.Project, *compare.Result) {
	t.Helper()
	p, diags, err := project.Load(dir, project.Options{})
	if err != nil || diags.HasErrors() {
		t.Fatalf("load: %v %v", err, diags.Items())
	}
	res, err := compare.Compare(p.Codebook, p.Waves, p.Config.CompareOptions())
	if err != nil {
		t.Fatal(err)
	}
	return p, res
}

// Public is the sample project in a new folder, compared and put through the publication
// gate of a public build: what the report's templates see.
func Public(t testing.TB) (dir string, p *project.Project, pol *policy.Policy) {
	t.Helper()
	dir = Dir(t)
	p, res := Load(t, dir)
	return dir, p, policy.New(p, res, policy.Options{})
}
