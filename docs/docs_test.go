package docs

import (
	"io/fs"
	"os"
	"path"
	"regexp"
	"strings"
	"testing"
)

// TestEveryPageIsATopic: a page added to docs/ is reachable from the binary.
func TestEveryPageIsATopic(t *testing.T) {
	topics := map[string]bool{}
	for _, g := range Guides() {
		topics[g.File] = true
		if g.Title() == "" || !strings.HasPrefix(g.Source(), "# ") {
			t.Errorf("%s: the guide does not start with its title (# ...)", g.File)
		}
	}
	err := fs.WalkDir(files, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && !topics[p] {
			t.Errorf("docs/%s is no help topic: add it to the guides of docs.go", p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	// and every page of docs/ on disk is embedded
	err = fs.WalkDir(os.DirFS("."), ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") && !topics[p] {
			t.Errorf("docs/%s is not embedded", p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

var mdLink = regexp.MustCompile(`\]\(([^)\s]+)\)`)

// TestLinks: no guide, nor the README, points to a page that does not exist, and in the
// terminal every link between guides becomes the command that prints the other.
func TestLinks(t *testing.T) {
	for _, g := range Guides() {
		for _, m := range mdLink.FindAllStringSubmatch(g.Source(), -1) {
			target := m[1]
			if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") || strings.HasPrefix(target, "#") {
				continue
			}
			file, _, _ := strings.Cut(target, "#")
			if _, ok := g.Resolve(file); !ok {
				t.Errorf("docs/%s links to %s, which is no guide", g.File, target)
			}
		}
		for _, m := range mdLink.FindAllStringSubmatch(g.Text(), -1) {
			if !strings.Contains(m[1], "://") && !strings.HasPrefix(m[1], "mailto:") {
				t.Errorf("docs/%s as printed by help still links to %s", g.File, m[1])
			}
		}
	}
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range mdLink.FindAllStringSubmatch(string(readme), -1) {
		target, _, _ := strings.Cut(m[1], "#")
		if strings.Contains(target, "://") || target == "" {
			continue
		}
		if _, err := os.Stat(path.Join("..", target)); err != nil {
			t.Errorf("README.md links to %s: %v", m[1], err)
		}
	}
}

func TestText(t *testing.T) {
	g, ok := Find("import")
	if !ok {
		t.Fatal("no topic import")
	}
	text := g.Text()
	if !strings.Contains(text, "shadowreport help import/nvivo") || strings.Contains(text, "(nvivo.md)") {
		t.Errorf("the import guide's links are not commands:\n%s", text)
	}
}

func TestFind(t *testing.T) {
	for in, want := range map[string]string{
		"templates": "templates", "Templates": "templates", "report.toml": "report.toml", "report-toml.md": "report.toml",
		"docs/report-toml.md": "report.toml", "import": "import", "docs/import/": "import", "import/nvivo": "import/nvivo",
		"import/kobo.md": "import/kobo", "outputs": "outputs", "workbooks.md": "workbooks",
	} {
		if g, ok := Find(in); !ok || g.Topic != want {
			t.Errorf("Find(%q) = %q, %v; want %q", in, g.Topic, ok, want)
		}
	}
	for _, in := range []string{"", "template", "nvivo", "../README.md"} {
		if g, ok := Find(in); ok {
			t.Errorf("Find(%q) = %q, want none", in, g.Topic)
		}
	}
}

func TestTopic(t *testing.T) {
	if got := Topic("templates"); got != "see: shadowreport help templates" {
		t.Errorf("Topic(templates) = %q", got)
	}
	if got := Topic("report-toml.md"); got != "see: shadowreport help report.toml" {
		t.Errorf("Topic(report-toml.md) = %q", got)
	}
	for _, name := range Main() {
		if got := Topic(name); got != "see: shadowreport help "+name {
			t.Errorf("Topic(%q) = %q", name, got)
		}
	}
	if got := Topic("nothing"); !strings.Contains(got, "workbooks, templates") {
		t.Errorf("Topic(nothing) = %q, want the list of guides", got)
	}
}

// TestNoMergeLeftovers: a guide printed by shadowreport help is never half of a merge.
func TestNoMergeLeftovers(t *testing.T) {
	marker := regexp.MustCompile(`(?m)^(<<<<<<< |=======$|>>>>>>> )`)
	for _, g := range Guides() {
		if m := marker.FindString(g.Source()); m != "" {
			t.Errorf("docs/%s holds a merge conflict marker %q", g.File, m)
		}
	}
}
