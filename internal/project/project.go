package project

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/dataset"
	"github.com/shadowreport/shadowreport/internal/diag"
	"github.com/shadowreport/shadowreport/internal/workbook"
)

// The folders and files of a project (spec §2).
const (
	InterviewsDir = "interviews"
	TemplatesDir  = "templates"
	OutDir        = "out"
	CodebookFile  = "codebook.xlsx"
)

// Project is a loaded report project.
type Project struct {
	Dir      string
	Config   Config
	Codebook *codebook.Codebook
	Waves    []*dataset.Wave // ordered by name
}

// Options configure Load.
type Options struct {
	// Password opens encrypted workbooks.
	Password string
}

// NotProjectError says that a folder is not a report project.
type NotProjectError struct {
	Dir    string
	Reason string
}

func (e *NotProjectError) Error() string {
	return fmt.Sprintf("%s is not a shadowreport project: %s (create one with: shadowreport init DIR)", e.Dir, e.Reason)
}

// Wave returns the wave called name, or nil.
func (p *Project) Wave(name string) *dataset.Wave {
	for _, w := range p.Waves {
		if w.Name == name {
			return w
		}
	}
	return nil
}

// Load reads report.toml, the codebook and every wave of the project in dir. Problems in the
// input are recorded in the returned list, all of them; the error is for a folder that is not a
// project at all.
func Load(dir string, opts Options) (*Project, *diag.List, error) {
	diags := &diag.List{}
	st, err := os.Stat(dir)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, diags, &NotProjectError{Dir: dir, Reason: "the folder does not exist"}
		}
		return nil, diags, err
	}
	if !st.IsDir() {
		return nil, diags, &NotProjectError{Dir: dir, Reason: "it is a file, not a folder"}
	}
	p := &Project{Dir: dir, Config: DefaultConfig()}
	if doc, err := os.ReadFile(filepath.Join(dir, ConfigFile)); err == nil {
		p.Config = parseConfig(doc, diags)
	} else if !errors.Is(err, os.ErrNotExist) {
		diags.Errorf(diag.Pos{File: ConfigFile}, "config.read", "cannot be read: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, InterviewsDir, CodebookFile)); err != nil {
		return nil, diags, &NotProjectError{Dir: dir, Reason: "there is no " + InterviewsDir + "/" + CodebookFile}
	}
	wopts := workbook.Options{Limits: p.Config.Limits.Workbook(), Password: opts.Password}
	cbName := InterviewsDir + "/" + CodebookFile
	if b, err := workbook.Open(filepath.Join(dir, InterviewsDir, CodebookFile), cbName, wopts); err != nil {
		diags.Errorf(diag.Pos{File: cbName}, "file.open", "%s", strings.TrimPrefix(err.Error(), cbName+": "))
		p.Codebook = &codebook.Codebook{File: cbName}
	} else {
		p.Codebook = codebook.Read(b, diags)
		b.Close()
	}
	names, err := waveFiles(dir, diags)
	if err != nil {
		return nil, diags, err
	}
	for _, name := range names {
		file := InterviewsDir + "/" + name + ".xlsx"
		b, err := workbook.Open(filepath.Join(dir, file), file, wopts)
		if err != nil {
			diags.Errorf(diag.Pos{File: file}, "file.open", "%s", strings.TrimPrefix(err.Error(), file+": "))
			continue
		}
		p.Waves = append(p.Waves, dataset.Read(b, p.Codebook, name, diags))
		b.Close()
	}
	if len(names) == 0 {
		diags.Warnf(diag.Pos{File: InterviewsDir + "/"}, "wave.none", "no wave workbooks yet: add one per wave, named after it (e.g. interviews/2017.xlsx)")
	}
	p.checkCodesUsed(diags)
	p.checkCompareWaves(diags)
	p.checkDisclosure(diags)
	return p, diags, nil
}

// waveFiles lists the wave names: every .xlsx in interviews/ but the codebook, in natural order.
// Workbooks in formats that cannot be read are errors, so that no wave is left out unnoticed.
func waveFiles(dir string, diags *diag.List) ([]string, error) {
	entries, err := os.ReadDir(filepath.Join(dir, InterviewsDir))
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$") {
			continue
		}
		ext := strings.ToLower(filepath.Ext(name))
		base := strings.TrimSuffix(name, filepath.Ext(name))
		file := InterviewsDir + "/" + name
		switch ext {
		case ".xlsx":
			if strings.EqualFold(name, CodebookFile) {
				continue
			}
			if filepath.Ext(name) != ".xlsx" {
				diags.Errorf(diag.Pos{File: file}, "file.name", "rename it to %s.xlsx (lower-case extension)", base)
				continue
			}
			names = append(names, base)
		case ".csv":
			// LibreOffice names the sheet of a CSV after the file: say to rename it
			diags.Errorf(diag.Pos{File: file}, "file.format", "is not read: waves must be Excel Workbooks (.xlsx); open it in Excel or LibreOffice Calc, rename its sheet to interviews (LibreOffice names it %s), save it as %s.xlsx (Excel 2007-365) and move %s out of interviews/", base, base, name)
		case ".xls", ".xlsm", ".xlsb", ".ods", ".numbers":
			diags.Errorf(diag.Pos{File: file}, "file.format", "is not read: waves must be Excel Workbooks (.xlsx); open it and save it as %s.xlsx, or move it out of interviews/", base)
		}
	}
	sort.Slice(names, func(i, j int) bool { return NaturalLess(names[i], names[j]) })
	return names, nil
}

// NaturalLess orders names with their numbers compared as numbers: wave2 before wave10.
func NaturalLess(a, b string) bool {
	for a != "" && b != "" {
		da, db := digitsPrefix(a), digitsPrefix(b)
		if da != "" && db != "" {
			na, nb := strings.TrimLeft(da, "0"), strings.TrimLeft(db, "0")
			if len(na) != len(nb) {
				return len(na) < len(nb)
			}
			if na != nb {
				return na < nb
			}
			a, b = a[len(da):], b[len(db):]
			continue
		}
		if a[0] != b[0] {
			return a[0] < b[0]
		}
		a, b = a[1:], b[1:]
	}
	return len(a) < len(b)
}

func digitsPrefix(s string) string {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return s[:i]
}

// checkCodesUsed warns about codebook codes that no wave uses.
func (p *Project) checkCodesUsed(diags *diag.List) {
	if len(p.Waves) == 0 {
		return
	}
	for _, c := range p.Codebook.Codes {
		if c.Identifier == codebook.Direct {
			continue
		}
		used := false
		for _, w := range p.Waves {
			used = used || w.Has(c)
		}
		if !used {
			diags.Warnf(diag.Pos{File: p.Codebook.File, Sheet: "codebook", Cell: diag.CellName(1, c.Row)}, "code.unused",
				"code %s is used by no wave", c.Name)
		}
	}
}

// checkCompareWaves reports [compare] from and to that name no wave.
func (p *Project) checkCompareWaves(diags *diag.List) {
	var names []string
	for _, w := range p.Waves {
		names = append(names, w.Name)
	}
	for _, f := range []struct{ key, name string }{{"from", p.Config.Compare.From}, {"to", p.Config.Compare.To}} {
		if f.name == "" || p.Wave(f.name) != nil {
			continue
		}
		msg := fmt.Sprintf("compare.%s: no wave is named %q (the waves are %s)", f.key, f.name, strings.Join(names, ", "))
		if s, ok := codebook.Suggest(f.name, names); ok {
			msg += fmt.Sprintf("; did you mean %q?", s)
		}
		diags.Errorf(diag.Pos{File: ConfigFile, Line: p.Config.lines[f.key]}, "config.value", "%s", msg)
	}
}
