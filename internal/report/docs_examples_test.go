package report

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/shadowreport/shadowreport/internal/compare"
	"github.com/shadowreport/shadowreport/internal/doc"
	"github.com/shadowreport/shadowreport/internal/policy"
	"github.com/shadowreport/shadowreport/internal/project"
	"github.com/shadowreport/shadowreport/internal/sample/sampletest"
)

// example is a ```markdown block of docs/templates.md: a template to copy, and what the guide
// says it prints (the ```text block after it), or the error it says it gives (a block marked
// ```markdown error).
type example struct {
	line    int // of docs/templates.md
	source  string
	prints  []string // nil: the guide shows no output
	wantErr bool
}

// docExamples reads the examples of a guide.
func docExamples(t *testing.T, text string) []example {
	t.Helper()
	var out []example
	lines := strings.Split(text, "\n")
	fence := func(i int) (string, bool) {
		l := strings.TrimSpace(lines[i])
		if !strings.HasPrefix(l, "```") {
			return "", false
		}
		return strings.TrimSpace(strings.TrimPrefix(l, "```")), true
	}
	block := func(i int) (body []string, end int) {
		for end = i + 1; end < len(lines); end++ {
			if l, ok := fence(end); ok && l == "" {
				return body, end
			}
			body = append(body, lines[end])
		}
		t.Fatalf("docs/templates.md:%d: a code block is not closed", i+1)
		return nil, 0
	}
	for i := 0; i < len(lines); i++ {
		info, ok := fence(i)
		if !ok || info == "" {
			continue
		}
		body, end := block(i)
		if f := strings.Fields(info); f[0] == "markdown" {
			ex := example{line: i + 1, source: strings.Join(body, "\n") + "\n", wantErr: len(f) > 1 && f[1] == "error"}
			// what it prints: the next code block, when it is a text block and only prose is between
			for j := end + 1; j < len(lines) && j <= end+4; j++ {
				if info, ok := fence(j); ok {
					if info == "text" {
						ex.prints, end = block(j)
						ex.prints = append([]string{}, ex.prints...)
					}
					break
				}
			}
			out = append(out, ex)
		}
		i = end
	}
	return out
}

// docsInput is the synthetic sample project, compared 2014 → 2017, as the guide's examples see it.
func docsInput(t *testing.T) Input {
	t.Helper()
	dir := sampletest.Dir(t)
	p, diags, err := project.Load(dir, project.Options{})
	if err != nil || diags.HasErrors() {
		t.Fatalf("load: %v %v", err, diags.Items())
	}
	res, err := compare.Compare(p.Codebook, p.Waves, compare.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return Input{Project: p, Policy: policy.New(p, res, policy.Options{}), Who: "women", One: "woman", Synthetic: true}
}

// printed is a document as the guide shows it: one line per paragraph, heading, list item,
// quotation and attribution, table caption, row (cells joined by " | ") and note, figure caption.
func printed(d *doc.Document) []string {
	var out []string
	space := regexp.MustCompile(`\s+`)
	add := func(s string) { out = append(out, strings.TrimSpace(space.ReplaceAllString(s, " "))) }
	n := 0
	for _, b := range d.Blocks {
		switch b := b.(type) {
		case *doc.Heading:
			add(strings.Repeat("#", b.Level) + " " + b.Text)
		case *doc.Paragraph:
			text := doc.Text(b.Inlines)
			if b.Numbered {
				n++
				text = fmt.Sprintf("%d. %s", n, text)
			}
			add(text)
		case *doc.List:
			for i, it := range b.Items {
				mark := "-"
				if b.Ordered {
					mark = fmt.Sprintf("%d.", i+1)
				}
				add(mark + " " + doc.Text(it))
			}
		case *doc.Quote:
			add(b.Text)
			add("— " + b.Attribution)
		case *doc.Table:
			add(b.Caption)
			add(strings.Join(b.Header, " | "))
			for _, r := range b.Rows {
				add(strings.Join(r, " | "))
			}
			for _, note := range b.Notes {
				add(note)
			}
		case *doc.Figure:
			add(b.Caption)
		}
	}
	return out
}

// TestGuideExamples assembles every example of docs/templates.md against the sample project:
// each must build without an error or a warning, and print what the guide shows (a line "..."
// stands for any lines); an example marked as an error must fail with the message shown.
func TestGuideExamples(t *testing.T) {
	b, err := os.ReadFile("../../docs/templates.md")
	if err != nil {
		t.Fatal(err)
	}
	examples := docExamples(t, string(b))
	if len(examples) < 30 && os.Getenv("GUIDE_PRINT") == "" {
		t.Fatalf("%d examples in docs/templates.md", len(examples))
	}
	in := docsInput(t)
	actions := map[string]bool{}
	for _, ex := range examples {
		// named as an author's template is, so that its messages read as the guide shows them
		tm := Template{Name: "example", File: "templates/report.md", Source: []byte(ex.source)}
		out, err := func() (*Output, error) {
			if err := tm.parseFront(); err != nil {
				return nil, err
			}
			return Assemble(in, tm)
		}()
		for _, w := range actionWords(ex.source) {
			actions[w] = true
		}
		if ex.wantErr {
			if err == nil {
				t.Errorf("docs/templates.md:%d: the example builds, but the guide shows an error", ex.line)
				continue
			}
			for _, want := range ex.prints {
				if want = strings.TrimSpace(want); want != "" && !strings.Contains(err.Error(), want) {
					t.Errorf("docs/templates.md:%d: the error is\n%v\nthe guide shows\n%s", ex.line, err, want)
				}
			}
			continue
		}
		if err != nil {
			t.Errorf("docs/templates.md:%d: %v\n%s", ex.line, err, ex.source)
			continue
		}
		if len(out.Warnings) > 0 {
			t.Errorf("docs/templates.md:%d: warnings: %s", ex.line, strings.Join(out.Warnings, "; "))
		}
		got := printed(out.Doc)
		if os.Getenv("GUIDE_PRINT") != "" {
			t.Logf("docs/templates.md:%d prints:\n%s", ex.line, strings.Join(got, "\n"))
		}
		if ex.prints == nil {
			continue
		}
		var want []string
		for _, l := range ex.prints {
			if l = strings.TrimSpace(l); l != "" {
				want = append(want, l)
			}
		}
		if !guideLinesMatch(want, got) {
			t.Errorf("docs/templates.md:%d: the guide shows\n%s\nthe example prints\n%s", ex.line, strings.Join(want, "\n"), strings.Join(got, "\n"))
		}
	}
	// every action of the templates has an example
	names := []string{}
	for name := range in.funcsForDocs() {
		names = append(names, name)
	}
	for _, name := range names {
		if !actions[name] {
			t.Errorf("docs/templates.md has no example of {{ %s }}", name)
		}
	}
}

var (
	exampleActionRE = regexp.MustCompile(`\{\{(.*?)\}\}`)
	quotedRE        = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)
	wordRE          = regexp.MustCompile(`[.$]?[A-Za-z_][A-Za-z0-9_]*`)
)

// actionWords lists the names an example calls: the words of its actions, but fields (.Label),
// variables ($i) and quoted arguments.
func actionWords(src string) []string {
	var out []string
	for _, m := range exampleActionRE.FindAllStringSubmatch(src, -1) {
		for _, w := range wordRE.FindAllString(quotedRE.ReplaceAllString(m[1], ""), -1) {
			if w[0] != '.' && w[0] != '$' {
				out = append(out, w)
			}
		}
	}
	return out
}

// funcsForDocs lists the template actions an author may use.
func (in Input) funcsForDocs() map[string]bool {
	e := &env{in: in, pub: in.Policy.Public(), ids: map[string]bool{}}
	out := map[string]bool{}
	for name := range e.funcs() {
		if !strings.HasPrefix(name, "_") {
			out[name] = true
		}
	}
	return out
}

// guideLinesMatch compares lines; "..." stands for any lines.
func guideLinesMatch(want, got []string) bool {
	if len(want) == 0 {
		return len(got) == 0
	}
	if want[0] == "..." {
		for i := 0; i <= len(got); i++ {
			if guideLinesMatch(want[1:], got[i:]) {
				return true
			}
		}
		return false
	}
	return len(got) > 0 && want[0] == got[0] && guideLinesMatch(want[1:], got[1:])
}
