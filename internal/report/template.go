package report

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"text/template"

	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/doc"
	"github.com/shadowreport/shadowreport/internal/safefile"

	"github.com/shadowreport/shadowreport/templates"
)

// Template is one Markdown template: the report (report.md) or a handout (handout-*.md).
type Template struct {
	Name   string // "report", "handout-committee"
	File   string // as messages name it: "templates/report.md" or "(built-in) report.md"
	Source []byte
	// Front matter settings.
	Title    string
	Pages    int  // page budget of a handout (1 or 2); 0: no limit
	Cover    bool // start with a cover page
	Contents bool // a table of contents
	Numbered bool // number the paragraphs
	body     []byte
	bodyLine int // the line of File on which body starts
	funcs    template.FuncMap
}

// Error is a problem in a template; it names the file and line.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return e.File + ": " + e.Msg
}

// Defaults returns the built-in templates, which init writes out for editing.
func Defaults() (map[string][]byte, error) {
	out := map[string][]byte{}
	err := fs.WalkDir(templates.FS, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
			return err
		}
		b, err := templates.FS.ReadFile(path)
		out[path] = b
		return err
	})
	return out, err
}

// MaxTemplate is the largest template read, in bytes: the 60-page report's is 3 KB.
const MaxTemplate = 1 << 20

// Load returns the templates of a project: report.md, statement.md and every handout-*.md from
// its templates/ folder, and the built-in ones for those it does not have. Only regular files
// are read: a link (to /etc/passwd, or to a file of another project) or a special file is an
// error naming it, as is a template over MaxTemplate.
func Load(dir string) ([]Template, error) {
	files := map[string]Template{}
	builtin, err := Defaults()
	if err != nil {
		return nil, err
	}
	for name, src := range builtin {
		files[name] = Template{File: "(built-in) " + name, Source: src}
	}
	entries, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".md") || !(name == "report.md" || name == "statement.md" || strings.HasPrefix(name, "handout-")) {
			continue
		}
		file := "templates/" + name
		src, err := safefile.ReadFile(filepath.Join(dir, name), MaxTemplate)
		var se *safefile.Error
		if errors.As(err, &se) {
			msg := se.Reason()
			if fix := se.Fix(); fix != "" {
				msg += ": " + fix
			}
			return nil, &Error{File: file, Msg: msg}
		} else if err != nil {
			return nil, &Error{File: file, Msg: err.Error()}
		}
		files[name] = Template{File: file, Source: src}
	}
	var names []string
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	var out []Template
	for _, name := range names {
		t := files[name]
		t.Name = strings.TrimSuffix(name, ".md")
		if err := t.parseFront(); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}

// parseFront reads the front matter: "key: value" lines between two "---" lines at the top.
func (t *Template) parseFront() error {
	t.Numbered = t.Name == "report"
	t.Cover = t.Name == "report"
	t.Contents = t.Name == "report"
	t.Source = bytes.TrimPrefix(t.Source, []byte("\xef\xbb\xbf")) // a byte-order mark, as Windows Notepad saves
	src := t.Source
	t.body, t.bodyLine = src, 1
	if !bytes.HasPrefix(src, []byte("---\n")) && !bytes.HasPrefix(src, []byte("---\r\n")) {
		return nil
	}
	lines := strings.Split(string(src), "\n")
	end := -1
	for i := 1; i < len(lines); i++ {
		if strings.TrimSpace(lines[i]) == "---" {
			end = i
			break
		}
	}
	if end < 0 {
		return &Error{File: t.File, Line: 1, Msg: "the front matter that starts with --- has no closing ---"}
	}
	for i := 1; i < end; i++ {
		line := strings.TrimSpace(lines[i])
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, val, ok := strings.Cut(line, ":")
		if !ok {
			return &Error{File: t.File, Line: i + 1, Msg: fmt.Sprintf("front matter line %q is not key: value", line)}
		}
		key, val = strings.TrimSpace(key), strings.Trim(strings.TrimSpace(val), `"`)
		bad := func(want string) error {
			return &Error{File: t.File, Line: i + 1, Msg: fmt.Sprintf("%s: %q is not %s", key, val, want)}
		}
		switch key {
		case "title":
			t.Title = val
		case "pages":
			n, err := strconv.Atoi(val)
			if err != nil || n < 0 || n > 50 {
				return bad("a number of pages such as 1 or 2")
			}
			t.Pages = n
		case "cover", "contents", "numbered":
			b, err := strconv.ParseBool(val)
			if err != nil {
				return bad("true or false")
			}
			switch key {
			case "cover":
				t.Cover = b
			case "contents":
				t.Contents = b
			default:
				t.Numbered = b
			}
		default:
			return &Error{File: t.File, Line: i + 1, Msg: fmt.Sprintf("unknown front matter key %q (known: title, pages, cover, contents, numbered)", key)}
		}
	}
	t.body = []byte(strings.Join(lines[end+1:], "\n"))
	t.bodyLine = end + 2
	return nil
}

var (
	lineRE      = regexp.MustCompile(`^template: [^:]+:(\d+)(?::\d+)?: (.*)$`)
	undefinedRE = regexp.MustCompile(`function "([^"]+)" not defined`)
	fieldRE     = regexp.MustCompile(`can't evaluate field (\w+) in type (\S+)`)
)

// builtins are text/template's own functions, for suggestions.
var builtins = []string{"and", "call", "html", "index", "slice", "js", "len", "not", "or", "print", "printf", "println", "urlquery", "eq", "ne", "lt", "le", "gt", "ge"}

// templateError turns an error of text/template into one naming the template file and line,
// in words an author who has never programmed can act on: a misspelt action or field gets a
// suggestion, a block left open names the line that opened it.
func (t *Template) templateError(err error) error {
	if le, ok := isLimit(err); ok {
		msg := le.Msg
		if m := lineRE.FindStringSubmatch(err.Error()); m != nil {
			line, _ := strconv.Atoi(m[1])
			return &Error{File: t.File, Line: line + t.bodyLine - 1, Msg: msg}
		}
		return &Error{File: t.File, Msg: msg}
	}
	msg := err.Error()
	if open, kind, ok := t.unclosed(); ok && (strings.Contains(msg, "unexpected EOF") || strings.Contains(msg, "unexpected <EOF>")) {
		return &Error{File: t.File, Line: open + t.bodyLine - 1, Msg: fmt.Sprintf("the {{ %s }} that starts here has no {{ end }}: add {{ end }} where its block ends", kind)}
	}
	// "template: report:12:3: executing "report" at <finding "x">: error calling finding: ..."
	if m := lineRE.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		text := m[2]
		if i := strings.Index(text, "error calling "); i >= 0 {
			text = text[i+len("error calling "):]
			if j := strings.Index(text, ": "); j >= 0 {
				text = text[:j] + ": " + text[j+2:]
			}
		}
		text = strings.TrimPrefix(text, "executing \""+t.Name+"\" ")
		text = t.explain(text)
		return &Error{File: t.File, Line: line + t.bodyLine - 1, Msg: text}
	}
	return &Error{File: t.File, Msg: t.explain(msg)}
}

// explain adds what an author needs to a message of text/template.
func (t *Template) explain(msg string) string {
	if m := undefinedRE.FindStringSubmatch(msg); m != nil {
		names := append([]string(nil), builtins...)
		for name := range t.funcs {
			if !strings.HasPrefix(name, "_") {
				names = append(names, name)
			}
		}
		sort.Strings(names)
		out := fmt.Sprintf("there is no action %q", m[1])
		if s, ok := codebook.Suggest(m[1], names); ok {
			out += fmt.Sprintf(" (did you mean %q?)", s)
		}
		return out
	}
	if m := fieldRE.FindStringSubmatch(msg); m != nil {
		names := fieldsOf(m[2])
		what := strings.TrimPrefix(m[2], "report.")
		out := fmt.Sprintf("%s has no field %q", what, m[1])
		if s, ok := codebook.Suggest(m[1], names); ok {
			out += fmt.Sprintf(" (did you mean .%s?)", s)
		}
		if len(names) > 0 {
			out += "; its fields are ." + strings.Join(names, ", .")
		}
		return out
	}
	if strings.Contains(msg, "unrecognized character in action") {
		return msg + ": inside {{ }} only straight quotes \" and letters, digits and punctuation of the action are allowed"
	}
	return msg
}

// fieldsOf lists the fields and methods templates may use on a type of the report package,
// named as text/template names them ("report.SideView").
func fieldsOf(typeName string) []string {
	types := map[string]reflect.Type{
		"report.FindingView": reflect.TypeOf(FindingView{}),
		"report.SideView":    reflect.TypeOf(SideView{}),
		"report.Theme":       reflect.TypeOf(Theme{}),
		"doc.Meta":           reflect.TypeOf(doc.Meta{}),
	}
	tp, ok := types[typeName]
	if !ok {
		return nil
	}
	var out []string
	for i := 0; i < tp.NumField(); i++ {
		if f := tp.Field(i); f.IsExported() {
			out = append(out, f.Name)
		}
	}
	for i := 0; i < tp.NumMethod(); i++ {
		if name := tp.Method(i).Name; name != "String" {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// blockActions are the actions that build a block (a table, a chart, quotes, a section): they
// belong on a line of their own.
var blockActionRE = regexp.MustCompile(`\{\{-?\s*(findings|chart|composition|quotes|methodology|annex|notcomparable|changes|comparison|claims|followup|claimstable)\b[^}]*\}\}`)

// blocksInText warns about a block action written inside a sentence: the block splits the
// paragraph around it, which is rarely what the author meant.
func (t *Template) blocksInText() []string {
	var out []string
	for i, line := range strings.Split(string(t.body), "\n") {
		m := blockActionRE.FindString(line)
		if m == "" {
			continue
		}
		rest := strings.TrimSpace(actionRE.ReplaceAllString(line, ""))
		if rest != "" {
			out = append(out, fmt.Sprintf("line %d: %s builds a block (a table, a chart, quotes): inside a sentence it splits the paragraph in two; put it on a line of its own", i+t.bodyLine, strings.TrimSpace(m)))
		}
	}
	return out
}

var blockRE = regexp.MustCompile(`\{\{-?\s*(if|range|with|define|block|else|end)\b`)

// unclosed finds the line (of the body) of the first block opened but never closed, and the
// kind of block: a missing {{ end }} is reported where its block starts, not at the last line.
func (t *Template) unclosed() (int, string, bool) {
	type open struct {
		line int
		kind string
	}
	var stack []open
	for i, line := range strings.Split(string(t.body), "\n") {
		for _, m := range blockRE.FindAllStringSubmatch(line, -1) {
			switch m[1] {
			case "else":
			case "end":
				if len(stack) > 0 {
					stack = stack[:len(stack)-1]
				}
			default:
				stack = append(stack, open{i + 1, m[1]})
			}
		}
	}
	if len(stack) == 0 {
		return 0, "", false
	}
	return stack[len(stack)-1].line, stack[len(stack)-1].kind, true
}

// parse compiles the template body with the actions of env. Curly quotes inside actions (as
// Word and some editors type them) are read as straight quotes.
func (t *Template) parse(funcs template.FuncMap) (*template.Template, error) {
	t.funcs = funcs
	body := actionRE.ReplaceAllStringFunc(string(t.body), straightQuotes)
	tm, err := template.New(t.Name).Option("missingkey=error").Funcs(funcs).Parse(body)
	if err != nil {
		return nil, t.templateError(err)
	}
	return tm, nil
}

var curlyQuotes = strings.NewReplacer("\u201c", `"`, "\u201d", `"`, "\u201e", `"`, "\u201f", `"`, "\u2033", `"`, "\u2018", "'", "\u2019", "'")

func straightQuotes(action string) string { return curlyQuotes.Replace(action) }

// forbidden is the wording ruled out for testimony from a convenience sample: a change in the
// country, a cause, a rate or prevalence, a share of everyone in the country (English and
// Korean).
var forbidden = []struct {
	re  *regexp.Regexp
	why string
}{
	{regexp.MustCompile(`(?i)\b(increased|decreased|rose|risen|fell|fallen|grew|grown|declined|dropped|doubled|halved|surged|soared|plummeted|climbed)\s+(in|from|to|by|since|sharply|steadily|dramatically|significantly)\b`), "says something changed in the country: compare what the people interviewed in each wave said instead"},
	{regexp.MustCompile(`(?i)\b(has|have|had)\s+(risen|fallen|grown|increased|decreased|declined|dropped|doubled|worsened|improved|deteriorated)\b`), "says something changed in the country: compare what the people interviewed in each wave said instead"},
	{regexp.MustCompile(`(?i)\b(worsened|deteriorated|improved|got worse|got better|is getting worse|is getting better)\b`), "says the situation changed: the interviews show what the people interviewed in each wave said, not a trend in the country"},
	{regexp.MustCompile(`(?i)\b(because of|due to|caused by|as a result of|led to|leads to|results? in)\b`), "claims a cause: interviews of a convenience sample show what people said, not why it happened"},
	{regexp.MustCompile(`(?i)\bprevalence\b`), "speaks of a prevalence: the interviews are not a random sample; give k of n of the people interviewed"},
	{regexp.MustCompile(`(?i)\b(rates?|incidence)\b`), "speaks of a rate: give k of n of the people interviewed"},
	{regexp.MustCompile(`(?i)\d+(\.\d+)?\s*(%|per ?cent)\s+of\s+(all\s+)?(north korean\s+|korean\s+)?(women|men|girls|boys|people|children|the population|mothers|workers|defectors|returnees)\s+(in|who|are|were|have|had)\b`), "generalises to everyone: say k of n of those interviewed"},
	{regexp.MustCompile(`(?i)\b(most|majority of|half of|nearly all|almost all)\s+(north korean\s+)?(women|girls|people|children)\s+in\b`), "generalises to everyone in the country: say k of n of those interviewed"},
	{regexp.MustCompile(`(증가했|증가하였|증가한|감소했|감소하였|감소한|늘어났|줄어들었|줄었|악화되었|악화됐|개선되었|개선됐|때문에|으로 인해|로 인해|유병률|발생률|비율이)`), "말하는 내용이 국가 전체의 변화나 원인, 비율을 주장합니다: 면담한 사람 중 k명 of n명으로 쓰십시오 (claims a change, cause or rate in the country)"},
}

var actionRE = regexp.MustCompile(`(?s)\{\{.*?\}\}`)

// LintHit is wording of the template's own text that says more than interviews support.
type LintHit struct {
	Where  string // "templates/report.md:12"
	Phrase string // the words found
	Why    string
}

func (h LintHit) String() string { return fmt.Sprintf("%s: %q %s", h.Where, h.Phrase, h.Why) }

// Lint finds wording that says more than the interviews support in the template's own text
// (not in the text its actions produce, which the tool words itself). Each hit names the file
// and line.
func (t *Template) Lint() []LintHit {
	// blank out actions but keep the line structure
	src := actionRE.ReplaceAllStringFunc(string(t.Source), func(a string) string {
		return strings.Repeat("\n", strings.Count(a, "\n")) + " "
	})
	var out []LintHit
	for i, line := range strings.Split(src, "\n") {
		for _, f := range forbidden {
			for _, m := range f.re.FindAllString(line, -1) {
				out = append(out, LintHit{Where: t.File + ":" + strconv.Itoa(i+1), Phrase: m, Why: f.why})
			}
		}
	}
	return out
}
