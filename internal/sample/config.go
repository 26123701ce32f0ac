package sample

import (
	_ "embed"
	"os"
	"path/filepath"
)

// ReportTOML is the sample project's report.toml, commented key by key; init writes it
// as the starting point of a new project.
//
//go:embed report.toml
var ReportTOML []byte

// WriteProject writes the whole sample project into dir: the workbooks of Write and
// report.toml. The templates are left out, so the built-in ones apply.
func WriteProject(dir string) error {
	if err := Write(dir); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "report.toml"), ReportTOML, 0o644)
}
