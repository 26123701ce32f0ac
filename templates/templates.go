// Package templates holds the built-in report and handout templates. The Markdown files of
// this folder are both the sample project's templates and the defaults embedded in the
// binary, used by projects without templates of their own and written out by init.
package templates

import "embed"

// FS holds report.md and handout-*.md.
//
//go:embed *.md
var FS embed.FS
