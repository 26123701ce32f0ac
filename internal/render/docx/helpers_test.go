package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"flag"
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/shadowreport/shadowreport/internal/doc"
)

var sampleOut = flag.String("sample", "", "write the sample document to this .docx file")

var created = time.Date(2017, 10, 9, 12, 0, 0, 0, time.UTC)

// render renders d with a fixed date and returns the file and the warnings.
func render(t testing.TB, d *doc.Document) ([]byte, []string) {
	t.Helper()
	var buf bytes.Buffer
	var warns []string
	if _, err := Render(&buf, d, Options{Created: created, Warn: func(s string) { warns = append(warns, s) }}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), warns
}

// pkg is an unzipped .docx: its entries in order and their contents.
type pkg struct {
	names []string
	files map[string][]byte
	zip   *zip.Reader
}

func unzip(t testing.TB, data []byte) pkg {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	p := pkg{files: map[string][]byte{}, zip: zr}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		p.names = append(p.names, f.Name)
		p.files[f.Name] = b
	}
	return p
}

// node is an XML element read generically: the tests walk it like a small XPath.
type node struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Nodes   []*node    `xml:",any"`
	Text    string     `xml:",chardata"`
}

func parse(t testing.TB, p pkg, name string) *node {
	t.Helper()
	data, ok := p.files[name]
	if !ok {
		t.Fatalf("no part %s in the package", name)
	}
	var n node
	if err := xml.Unmarshal(data, &n); err != nil {
		t.Fatalf("%s does not parse: %v", name, err)
	}
	return &n
}

// all returns the descendants named local (any namespace), in document order.
func (n *node) all(local string) []*node {
	var out []*node
	var walk func(*node)
	walk = func(x *node) {
		for _, c := range x.Nodes {
			if c.XMLName.Local == local {
				out = append(out, c)
			}
			walk(c)
		}
	}
	walk(n)
	return out
}

// first returns the first descendant named local, or an empty node.
func (n *node) first(local string) *node {
	if n == nil {
		return &node{}
	}
	if a := n.all(local); len(a) > 0 {
		return a[0]
	}
	return &node{}
}

func (n *node) attr(local string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

func (n *node) has(local string) bool { return len(n.all(local)) > 0 }

// text is the concatenated w:t text under n.
func (n *node) text() string {
	var b strings.Builder
	for _, t := range n.all("t") {
		b.WriteString(t.Text)
	}
	return b.String()
}

// style is a paragraph's style id ("" for Normal).
func (n *node) style() string {
	for _, c := range n.Nodes {
		if c.XMLName.Local == "pPr" {
			for _, s := range c.Nodes {
				if s.XMLName.Local == "pStyle" {
					return s.attr("val")
				}
			}
		}
	}
	return ""
}

// numID is a paragraph's w:numId, "" when it is not numbered.
func (n *node) numID() string {
	for _, c := range n.Nodes {
		if c.XMLName.Local == "pPr" {
			return c.first("numId").attr("val")
		}
	}
	return ""
}

// bodyParagraphs are the top-level paragraphs of the body (not in tables).
func bodyParagraphs(document *node) []*node {
	var out []*node
	for _, p := range document.first("body").Nodes {
		if p.XMLName.Local == "p" {
			out = append(out, p)
		}
	}
	return out
}

// paragraphWith returns the first paragraph starting with prefix, contents entries left out.
func paragraphWith(ps []*node, prefix string) *node {
	for _, p := range ps {
		if s := p.style(); s == "TOC1" || s == "TOC2" {
			continue
		}
		if strings.HasPrefix(p.text(), prefix) {
			return p
		}
	}
	return nil
}

// needTool skips a test when a tool is missing, unless running in CI.
func needTool(t testing.TB, names ...string) {
	t.Helper()
	for _, n := range names {
		if _, err := exec.LookPath(n); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s is not installed (CI needs libreoffice-writer-nogui and poppler-utils)", n)
			}
			t.Skipf("%s is not installed", n)
		}
	}
}

func zipOf(t testing.TB, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, s := range files {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(s))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
