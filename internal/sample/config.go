package sample

import _ "embed"

// ReportTOML is the sample project's report.toml, commented key by key; init writes it
// as the starting point of a new project.
//
//go:embed report.toml
var ReportTOML []byte
