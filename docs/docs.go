// Package docs holds the guides of docs/ in the binary: shadowreport help TOPIC prints them,
// and messages end with the topic to read.
package docs

import (
	"embed"
	"fmt"
	"path"
	"regexp"
	"strings"
)

//go:embed *.md import/*.md
var files embed.FS

// Guide is one page of docs/ as a help topic.
type Guide struct {
	Topic string // what follows shadowreport help: "templates", "report.toml", "import/nvivo"
	File  string // its path under docs/: "templates.md", "import/nvivo.md"
}

// main are the guides shadowreport help lists first, in the order a researcher needs them.
var main = []Guide{
	{"workbooks", "workbooks.md"},
	{"templates", "templates.md"},
	{"disclosure", "disclosure.md"},
	{"statistics", "statistics.md"},
	{"import", "import/README.md"},
	{"report.toml", "report-toml.md"},
	{"mechanisms", "mechanisms.md"},
	{"outputs", "outputs.md"},
	{"contract", "contract.md"},
}

// Guides returns every guide: the main ones, then the pages of docs/import/ (topics
// import/nvivo, import/kobo, ...).
func Guides() []Guide {
	out := append([]Guide(nil), main...)
	entries, _ := files.ReadDir("import")
	for _, e := range entries {
		if name := e.Name(); name != "README.md" && strings.HasSuffix(name, ".md") {
			out = append(out, Guide{Topic: "import/" + strings.TrimSuffix(name, ".md"), File: "import/" + name})
		}
	}
	return out
}

// Main returns the topics of the main guides, for messages that list them.
func Main() []string {
	var out []string
	for _, g := range main {
		out = append(out, g.Topic)
	}
	return out
}

// Find returns the guide of a topic. It also takes a guide's file name ("report-toml.md",
// "docs/templates.md") and is not fussy about case.
func Find(topic string) (Guide, bool) {
	t := strings.ToLower(strings.TrimSpace(topic))
	t = strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(t, "./"), "docs/"), "/")
	for _, g := range Guides() {
		if t == g.Topic || t == g.File || t == strings.TrimSuffix(g.File, ".md") || t+"/readme.md" == strings.ToLower(g.File) {
			return g, true
		}
	}
	return Guide{}, false
}

// Title is the guide's first heading.
func (g Guide) Title() string {
	b, err := files.ReadFile(g.File)
	if err != nil {
		return ""
	}
	first, _, _ := strings.Cut(string(b), "\n")
	return strings.TrimSpace(strings.TrimPrefix(first, "#"))
}

// link is a Markdown link: [text](target).
var link = regexp.MustCompile(`\[([^\]]*)\]\(([^)\s]+)\)`)

// Text is the guide as the terminal shows it: Markdown, with each link to another guide
// turned into the command that prints it.
func (g Guide) Text() string {
	b, err := files.ReadFile(g.File)
	if err != nil {
		return ""
	}
	return link.ReplaceAllStringFunc(string(b), func(m string) string {
		sub := link.FindStringSubmatch(m)
		text, target := sub[1], sub[2]
		if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
			return m
		}
		file, _, _ := strings.Cut(target, "#")
		if file == "" { // a section of this guide
			return text
		}
		if other, ok := g.Resolve(file); ok {
			if strings.HasSuffix(text, ".md") || strings.Contains(text, "/") {
				return "shadowreport help " + other.Topic
			}
			return text + " (shadowreport help " + other.Topic + ")"
		}
		return m
	})
}

// Resolve finds the guide a relative link of g points to.
func (g Guide) Resolve(target string) (Guide, bool) {
	file := path.Clean(path.Join(path.Dir(g.File), target))
	for _, other := range Guides() {
		if other.File == file {
			return other, true
		}
	}
	return Guide{}, false
}

// Source is the guide's Markdown as written in docs/.
func (g Guide) Source() string {
	b, _ := files.ReadFile(g.File)
	return string(b)
}

// Topic is the line that ends a message about something a guide explains:
// Topic("templates") is "see: shadowreport help templates".
func Topic(topic string) string {
	if g, ok := Find(topic); ok {
		return "see: shadowreport help " + g.Topic
	}
	return fmt.Sprintf("see: shadowreport help (the guides: %s)", strings.Join(Main(), ", "))
}
