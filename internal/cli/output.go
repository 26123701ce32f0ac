package cli

import (
	"errors"

	"github.com/shadowreport/shadowreport/internal/project"
	"github.com/shadowreport/shadowreport/internal/publish"
)

// checkOutputPath decides whether -o path may be written for project p and returns the path to
// write (links resolved, so that what was checked is what is written; pass it to
// publish.WriteFile). A refusal — into interviews/, templates/, out/ or the state folder however
// the path is spelled, onto a link, a folder, a pipe or a device, over report.toml, in a folder
// that does not exist — is a usage error (exit 2) with the reason and the fix.
func checkOutputPath(p *project.Project, path string) (string, error) {
	target, err := publish.CheckFile(p.Dir, path)
	var pe *publish.Error
	if errors.As(err, &pe) {
		return "", usageErrorf("-o %s", pe.Msg)
	}
	return target, err
}
