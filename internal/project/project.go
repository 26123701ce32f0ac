package project

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/shadowreport/shadowreport/internal/claims"
	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/dataset"
	"github.com/shadowreport/shadowreport/internal/diag"
	"github.com/shadowreport/shadowreport/internal/english"
	"github.com/shadowreport/shadowreport/internal/privacy"
	"github.com/shadowreport/shadowreport/internal/safefile"
	"github.com/shadowreport/shadowreport/internal/workbook"
)

// The folders and files of a project (docs/contract.md §2).
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
	// Claims are the State party's claims and the earlier recommendations, from the claims and
	// recommendations sheets of the codebook workbook (empty when it has neither).
	Claims *claims.Set
	Waves  []*dataset.Wave // ordered by name
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

// maxConfig is the largest report.toml read: far beyond any settings file, small enough to bound
// the work (every check of it is linear in its size).
const maxConfig = 16 << 20

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
	if st, err := os.Lstat(filepath.Join(dir, ConfigFile)); err == nil && !st.Mode().IsRegular() {
		what, _ := notRegular(st.Mode())
		diags.Errorf(diag.Pos{File: ConfigFile}, "config.read", "is %s, not a file: shadowreport does not follow links nor read special files; put the settings themselves in %s", what, ConfigFile)
	} else if doc, err := safefile.ReadFile(filepath.Join(dir, ConfigFile), maxConfig); err == nil {
		p.Config = parseConfig(doc, diags)
	} else if !errors.Is(err, os.ErrNotExist) {
		diags.Errorf(diag.Pos{File: ConfigFile}, "config.read", "cannot be read: %v", err)
	}
	cbName := InterviewsDir + "/" + CodebookFile
	cbPath := filepath.Join(dir, InterviewsDir, CodebookFile)
	cst, err := os.Lstat(cbPath)
	if err != nil {
		return nil, diags, &NotProjectError{Dir: dir, Reason: "there is no " + cbName}
	}
	names, err := waveFiles(dir, diags)
	if err != nil {
		return nil, diags, err
	}
	order := []string{ConfigFile, cbName}
	for _, name := range names {
		order = append(order, InterviewsDir+"/"+name+".xlsx")
	}
	diags.Order(order...)
	wopts := workbook.Options{Limits: p.Config.Limits.Workbook(), Password: opts.Password}
	p.Codebook = &codebook.Codebook{File: cbName}
	p.Claims = &claims.Set{File: cbName}
	if what, ok := notRegular(cst.Mode()); !ok {
		diags.Errorf(diag.Pos{File: cbName}, "file.type", "is %s, not a file: shadowreport reads only files kept in %s/ itself; put the codebook itself there", what, InterviewsDir)
	} else if b, err := workbook.Open(cbPath, cbName, wopts); err != nil {
		diags.Errorf(diag.Pos{File: cbName}, "file.open", "%s", strings.TrimPrefix(err.Error(), cbName+": "))
	} else {
		p.Codebook = codebook.Read(b, diags)
		p.Claims = claims.Read(b, p.Codebook, diags)
		b.Close()
	}
	// Without codes, every column, quote and figure of every wave would be reported as unknown:
	// those consequences are counted, not listed, until the codebook can be read.
	unusable := len(p.Codebook.Codes) == 0
	if unusable {
		diags.Mute(codeConsequence)
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
	diags.Unmute()
	if n := diags.Muted(); n > 0 {
		diags.Errorf(diag.Pos{File: cbName}, "codebook.unusable", "the codebook could not be read, so the waves' %s about codes (unknown columns, quotes and figures) %s not listed: fix the codebook first", english.Count(n, "problem", "problems"), english.Plural(n, "is", "are"))
	}
	if len(names) == 0 {
		diags.Warnf(diag.Pos{File: InterviewsDir + "/"}, "wave.none", "no wave workbooks yet: add one per wave, named after it (e.g. interviews/2017.xlsx)")
	}
	p.checkCodesUsed(diags)
	p.checkCompareWaves(diags)
	p.checkDisclosure(diags)
	return p, diags, nil
}

func init() {
	diag.MarkDisclosure(privacy.RuleKAnonymity, privacy.RuleHomogeneity, privacy.RuleSmallCells,
		privacy.RuleQuoteText, privacy.RuleQuoteConsent)
}

// codeConsequence reports the rules that, when the codebook has no codes, only repeat that.
func codeConsequence(rule string) bool {
	switch rule {
	case "column.unknown", "column.misspelt", "column.label", "quote.code", "figure.code", "figure.value":
		return true
	}
	return false
}

// notRegular describes a directory entry that is not a regular file (a symbolic link, a named
// pipe, a device), which shadowreport never opens: a link could lead outside the project, a pipe
// would block forever.
func notRegular(m fs.FileMode) (string, bool) {
	switch {
	case m.IsRegular():
		return "", true
	case m&fs.ModeSymlink != 0:
		return "a symbolic link", false
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe", false
	case m&fs.ModeSocket != 0:
		return "a socket", false
	case m&fs.ModeDevice != 0:
		return "a device", false
	case m.IsDir():
		return "a folder", false
	}
	return "a special file", false
}

// waveFiles lists the wave names: every .xlsx in interviews/ but the codebook, in natural order.
// Workbooks in formats that cannot be read are errors, so that no wave is left out unnoticed;
// so are links and special files, never opened, and file names that are not plain wave names,
// never loaded.
func waveFiles(dir string, diags *diag.List) ([]string, error) {
	entries, err := os.ReadDir(filepath.Join(dir, InterviewsDir))
	if err != nil {
		return nil, err
	}
	var names []string
	taken := map[string]bool{}
	for _, e := range entries {
		if base, ok := strings.CutSuffix(e.Name(), ".xlsx"); ok && plainName(base) && !looksLikeCopy(base) {
			taken[strings.ToLower(base)] = true
		}
	}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$") {
			continue
		}
		ext := strings.ToLower(filepath.Ext(name))
		base := strings.TrimSuffix(name, filepath.Ext(name))
		file := InterviewsDir + "/" + name
		if strings.EqualFold(name, CodebookFile) {
			continue // checked by Load
		}
		if what, ok := notRegular(e.Type()); !ok {
			diags.Errorf(diag.Pos{File: file}, "file.type", "is %s, not a file: shadowreport reads only files kept in %s/ itself and does not follow links; put the workbook itself there, or remove this entry", what, InterviewsDir)
			continue
		}
		switch ext {
		case ".xlsx":
			if filepath.Ext(name) != ".xlsx" {
				diags.Errorf(diag.Pos{File: file}, "file.name", "rename it to %s.xlsx (lower-case extension)", suggestWaveName(base, taken))
				continue
			}
			if !plainName(base) || looksLikeCopy(base) {
				diags.Errorf(diag.Pos{File: file}, "file.name", "%s", waveNameMessage(base, taken))
				continue
			}
			names = append(names, base)
		case ".csv":
			diags.Errorf(diag.Pos{File: file}, "file.format", "is not read: waves must be Excel Workbooks (.xlsx); open it in Excel or LibreOffice Calc, save it as %s.xlsx (Excel 2007-365) and move %s out of %s/", suggestWaveName(base, taken), name, InterviewsDir)
		case ".xls", ".xlsm", ".xlsb", ".ods", ".numbers":
			diags.Errorf(diag.Pos{File: file}, "file.format", "is not read: waves must be Excel Workbooks (.xlsx); open it and save it as %s.xlsx, or move it out of %s/", suggestWaveName(base, taken), InterviewsDir)
		}
	}
	sort.Slice(names, func(i, j int) bool { return NaturalLess(names[i], names[j]) })
	return names, nil
}

// MaxWaveName is the longest wave name, in characters: the name is printed in headings.
const MaxWaveName = 40

// plainName reports whether a wave name may be printed as it is: letters, digits 0-9, - and _,
// at most MaxWaveName characters.
func plainName(s string) bool {
	n := 0
	for _, r := range s {
		n++
		if !(unicode.IsLetter(r) || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return n > 0 && n <= MaxWaveName
}

var (
	copyWords     = []string{"copy", "kopie", "copie", "copia", "backup", "bak"}
	copyFragments = []string{"복사본", "사본", "副本", "复制", "コピー"}
	copyNum       = regexp.MustCompile(`\(\d+\)\s*$`)
	yearRE        = regexp.MustCompile(`(?:^|[^0-9])((?:19|20)[0-9]{2})(?:[^0-9]|$)`)
)

// looksLikeCopy reports whether a file name is that of a copy: "2017 - Copy", "2017 (1)",
// "2017_backup", "2017 복사본".
func looksLikeCopy(base string) bool {
	k := codebook.Key(base)
	if copyNum.MatchString(base) {
		return true
	}
	for _, w := range strings.FieldsFunc(k, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if slices.Contains(copyWords, w) {
			return true
		}
	}
	for _, m := range copyFragments {
		if strings.Contains(k, m) {
			return true
		}
	}
	return false
}

const waveNameRule = "a wave's name is its file name and is printed in the report, so it may hold only letters, digits, - and _ (e.g. 2017.xlsx)"

func waveNameMessage(base string, taken map[string]bool) string {
	if looksLikeCopy(base) {
		return "this looks like a copy of a wave and is not read: move it out of " + InterviewsDir + "/ (if it is a wave of its own, rename it to " + suggestWaveName(base, taken) + ".xlsx; " + waveNameRule + ")"
	}
	return "the file name is not a plain wave name and the wave is not read: " + waveNameRule + "; rename it to " + suggestWaveName(base, taken) + ".xlsx"
}

// suggestWaveName derives a plain name from a file name: the year in it when that wave does
// not exist yet ("2017 Hanawon interviews" → 2017), else its words joined by _ without the marks
// of a copy ("2017 - Copy" → 2017_2 when 2017 exists), cut to MaxWaveName.
func suggestWaveName(base string, taken map[string]bool) string {
	if m := yearRE.FindStringSubmatch(base); m != nil && !taken[m[1]] {
		return m[1]
	}
	words := strings.FieldsFunc(norm.NFC.String(copyNum.ReplaceAllString(base, "")), func(r rune) bool {
		return !unicode.IsLetter(r) && !(r >= '0' && r <= '9')
	})
	words = slices.DeleteFunc(words, func(w string) bool { return slices.Contains(copyWords, strings.ToLower(w)) })
	out := []rune(strings.Join(words, "_"))
	if len(out) > MaxWaveName-3 {
		out = out[:MaxWaveName-3]
	}
	name := strings.Trim(string(out), "_")
	if name == "" {
		name = "wave"
	}
	if !taken[strings.ToLower(name)] && name != "wave" && !looksLikeCopy(name) {
		return name
	}
	for i := 2; ; i++ {
		if c := fmt.Sprintf("%s_%d", name, i); !taken[strings.ToLower(c)] {
			return c
		}
	}
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

// checkCodesUsed warns about codebook codes that no wave uses, and about codes that a wave of
// interviews lacks while another wave has them.
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
			continue
		}
		for _, w := range p.Waves {
			if slices.Contains(w.Absent, c) {
				diags.Warnf(diag.Pos{File: w.File, Sheet: w.Sheet}, "code.absent",
					"code %s is in the codebook but not in this sheet of %s: the report will say it was not asked in %s; add a column %s if it was",
					c.Name, w.File, w.Name, c.Name)
			}
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
