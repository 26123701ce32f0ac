package html

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/shadowreport/shadowreport/internal/doc"
)

// FuzzRender puts arbitrary text everywhere text can reach (the title, the running header, a
// heading and its ID, a paragraph with a note and a link, a list, a quotation, a table, a
// chart) and checks that the page parses into one document with one h1, runs nothing, and
// prints the text as written.
func FuzzRender(f *testing.F) {
	for _, s := range []string{"plain", hostile, "</style>", `"'><svg onload=x>`, "]]><!--", "\x00\u202e\u2028😀", "javascript:alert(1)", "양강도 — 30%"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d := &doc.Document{Meta: doc.Meta{Title: "T " + s, Header: s, Footer: s, Language: s, Confidential: true, Synthetic: true}, Cover: true, Contents: true,
			Blocks: []doc.Block{
				&doc.Heading{Level: 1, Text: "H " + s, ID: s},
				&doc.Paragraph{Numbered: true, Inlines: []doc.Inline{{Text: "P " + s, Link: s}, {Note: s}}},
				&doc.List{Items: [][]doc.Inline{{{Text: s}}}},
				&doc.Quote{Text: s, Translation: s, Attribution: s, Language: s},
				&doc.Table{Caption: s, Header: []string{s}, Rows: [][]string{{s}}, Notes: []string{s}},
				&doc.Figure{Caption: s, AltText: s, Chart: doc.Chart{Title: s, Waves: []string{s}, Groups: []doc.BarGroup{{Label: s, Bars: []doc.Bar{{N: 2, Label: s, Share: .5, Lo: .1, Hi: .9}}}}}},
			}}
		var buf bytes.Buffer
		if _, err := Render(&buf, d, Options{}); err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		root, err := html.Parse(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		h1s := 0
		var walk func(*html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.ElementNode {
				switch n.Data {
				case "h1":
					h1s++
				case "script", "iframe", "img", "object", "embed", "link", "base":
					t.Errorf("%q: a <%s> element", s, n.Data)
				}
				for _, a := range n.Attr {
					if strings.HasPrefix(a.Key, "on") || a.Key == "src" {
						t.Errorf("%q: <%s %s>", s, n.Data, a.Key)
					}
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(root)
		if h1s != 1 {
			t.Errorf("%q: %d h1 elements", s, h1s)
		}
		if want := doc.Plain("H " + s); !strings.Contains(textOf(find(root, "main")), want) {
			t.Errorf("%q: the heading does not print as %q", s, want)
		}
	})
}
