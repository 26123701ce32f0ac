package importer

import (
	"path"
	"regexp"
	"strings"
	"unicode"

	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/dataset"
	"github.com/shadowreport/shadowreport/internal/diag"
)

var (
	// nvivoPrefix is the "A : " NVivo puts before column labels and the "1 : " before row labels.
	nvivoPrefix = regexp.MustCompile(`^([A-Z]+|\d+) : `)
	// atlasPrefix is ATLAS.ti's document number: "D1: " (version 8 and later), "P 1: " (5 to 7).
	atlasPrefix = regexp.MustCompile(`^(D|P ?)\d+: ?`)
	// dedooseCode is the column Dedoose writes per code: "Code: Detention Applied".
	dedooseCode = regexp.MustCompile(`(?i)^code: (.+) applied$`)
)

// defaultSeparators split hierarchical code names: NVivo's "Codes\\Parent\\Child", MAXQDA's
// "Parent\Child" and "Parent > Child", Kobo's "group/question", and "Parent::Child".
var defaultSeparators = []string{`\\`, `\`, " > ", "/", "::"}

// unwrap removes the line breaks tools insert into long labels (QualCoder wraps headers every
// 30 to 80 characters): joined with a space, and joined with nothing when the break cut a word.
func unwrap(s string) []string {
	if !strings.ContainsAny(s, "\r\n") {
		return []string{s}
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	spaced := strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", " ")), " ")
	joined := strings.ReplaceAll(s, "\n", "")
	return []string{spaced, joined}
}

// stripPrefix removes NVivo's "A : "/"1 : " prefix and unwraps Dedoose's "Code: X Applied".
func stripPrefix(s string) string {
	s = strings.TrimSpace(s)
	if m := dedooseCode.FindStringSubmatch(s); m != nil {
		return strings.TrimSpace(m[1])
	}
	return strings.TrimSpace(nvivoPrefix.ReplaceAllString(s, ""))
}

// splitPath splits a hierarchical name on the first separator it contains.
func splitPath(s string, seps []string) []string {
	for _, sep := range seps {
		if sep == "" || !strings.Contains(s, sep) {
			continue
		}
		var parts []string
		for _, p := range strings.Split(s, sep) {
			if p = strings.TrimSpace(p); p != "" {
				parts = append(parts, p)
			}
		}
		if len(parts) > 1 {
			return parts
		}
	}
	return []string{s}
}

// candidates lists the forms under which a tool's name is looked up, most specific first:
// as written, unwrapped, without its prefix, as a full path and as its leaf.
func candidates(name string, seps []string) []string {
	var out []string
	seen := map[string]bool{}
	add := func(s string) {
		s = strings.TrimSpace(s)
		if k := codebook.Key(s); k != "" && !seen[k] {
			seen[k] = true
			out = append(out, s)
		}
	}
	for _, u := range unwrap(strings.TrimSpace(name)) {
		add(u)
		s := stripPrefix(u)
		add(s)
		parts := splitPath(s, seps)
		if len(parts) > 1 {
			add(strings.Join(parts, `\`))
			add(parts[len(parts)-1])
		}
	}
	return out
}

// nameKey identifies a tool's name across files: unwrapped, without prefix, as a key.
// Two files of one NVivo export may number the same node differently ("1 : X", "3 : X").
func nameKey(name string) string {
	return codebook.Key(stripPrefix(unwrap(name)[0]))
}

// isTotal reports whether a label names a totals row or column.
func isTotal(label string) bool {
	switch codebook.Key(stripPrefix(label)) {
	case "total", "totals", "sum", "σ", "grand total", "gesamt", "summe":
		return true
	}
	return false
}

// documentExts are the extensions of documents coded in the tools, dropped from case ids.
var documentExts = map[string]bool{
	".docx": true, ".doc": true, ".txt": true, ".pdf": true, ".odt": true, ".rtf": true, ".md": true,
	".html": true, ".htm": true, ".mp3": true, ".mp4": true, ".m4a": true, ".wav": true, ".jpg": true,
	".jpeg": true, ".png": true,
}

// caseID turns a tool's case or document label into an interviewee id: no NVivo or ATLAS.ti
// prefix, the leaf of a path ("Cases\\Participants\\W01", "Interviews 2014\W01"), no document
// extension, and then the part pattern selects, if one is given.
func (o *Options) caseID(label string) (string, bool) {
	s := strings.TrimSpace(label)
	if strings.ContainsAny(s, "\r\n") { // QualCoder: "<case>\n<file>", or "attr: value\nCase: <case>\n<file>"
		lines := strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' })
		s = strings.TrimSpace(lines[0])
		for _, l := range lines {
			if rest, ok := strings.CutPrefix(strings.TrimSpace(l), "Case: "); ok {
				s = strings.TrimSpace(rest)
			}
		}
	}
	s = nvivoPrefix.ReplaceAllString(s, "")
	s = atlasPrefix.ReplaceAllString(s, "")
	parts := splitPath(s, []string{`\\`, `\`, " > "})
	s = parts[len(parts)-1]
	if ext := strings.ToLower(path.Ext(s)); documentExts[ext] {
		s = s[:len(s)-len(ext)]
	}
	s = codebook.Clean(s)
	if o.IDPattern != nil {
		m := o.IDPattern.FindStringSubmatch(s)
		if m == nil {
			return s, false
		}
		s = m[0]
		if len(m) > 1 {
			s = m[1]
		}
		s = codebook.Clean(s)
	}
	return s, s != ""
}

// alnum keeps the letters and digits of a value, lower-cased: Kobo's choice name "30_39"
// and the codebook's "30-39" are both "3039".
func alnum(s string) string {
	var b strings.Builder
	for _, r := range codebook.Key(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// rowCaseID reads the case id in row r, column col of g: it must match --id-pattern and not
// appear in an earlier row (seen maps ids to their rows). dup words a repeated id, given the
// id and the earlier row. Problems are recorded in diags.
func (o *Options) rowCaseID(g *grid, r, col int, seen map[string]int, dup string, diags *diag.List) (string, bool) {
	raw := g.str(r, col)
	id, ok := o.caseID(raw)
	if !ok {
		diags.Errorf(g.pos(r, col), "import.id", "%s does not match --id-pattern %s", quote(raw), o.IDPattern)
		return "", false
	}
	if prev, seenBefore := seen[dataset.IDKey(id)]; seenBefore {
		diags.Errorf(g.pos(r, col), "import.id", dup, id, prev)
		return "", false
	}
	seen[dataset.IDKey(id)] = r
	return id, true
}

// quote puts a name or a value between quotation marks as it is written, on one line: never
// escaped, so that "8 Referências\Experiência" can be copied from a message into a map. Past
// maxQuoted characters it is cut, with "…": no name to map is that long, and a cell of 32,000
// characters would make a message of as many.
func quote(s string) string {
	s = oneLine(s)
	n := 0
	for i := range s {
		if n == maxQuoted {
			s = s[:i] + "…"
			break
		}
		n++
	}
	return "\"" + s + "\""
}

const maxQuoted = 200
