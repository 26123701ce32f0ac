package docx

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"

	"github.com/shadowreport/shadowreport/internal/doc"
)

// hostile puts text everywhere interview and settings text can reach: the metadata, a
// heading, a numbered paragraph with a note and a link, lists, a quote, a table cell and
// caption and note, a chart label and a figure's alternative text.
func hostile(text string) *doc.Document {
	d := &doc.Document{Meta: sampleMeta(), Cover: true, Contents: true}
	d.Meta.Title, d.Meta.Header, d.Meta.Footer, d.Meta.Contact, d.Meta.Language = text, text, text, text, text
	d.Meta.CoSubmitters = []string{text}
	d.Blocks = []doc.Block{
		&doc.Heading{Level: 1, Text: text, ID: text},
		&doc.Paragraph{Numbered: true, Inlines: []doc.Inline{
			{Text: "Before "}, {Text: text, Bold: true, Italic: true}, {Note: text}, {Text: text, Link: text}, {Text: "in", Link: "#" + text},
		}},
		&doc.List{Items: [][]doc.Inline{{{Text: text}}}},
		&doc.List{Ordered: true, Numbered: true, Items: [][]doc.Inline{{{Text: text}}, {{Text: text, Link: text}}}},
		&doc.Quote{Text: text, Attribution: text, Language: text},
		&doc.Quote{Text: text, Translation: text, Attribution: text, Language: "ko"},
		&doc.Table{ID: text, Caption: text, Header: []string{"Cell", text}, Rows: [][]string{{text, "1"}, {"2", text}}, Notes: []string{text}},
		&doc.Figure{ID: text, Caption: text, AltText: text, Chart: doc.Chart{Title: text, YLabel: text, Waves: []string{text}, Groups: []doc.BarGroup{
			{Label: text, Bars: []doc.Bar{{N: 2, Label: "1 of 2", Share: 0.5, Lo: 0.1, Hi: 0.9}}},
		}}},
		&doc.Heading{Level: 2, Text: text},
		&doc.PageBreak{},
	}
	return d
}

// checkPackage fails unless data is a zip whose XML parts all parse and whose words count.
func checkPackage(t *testing.T, data []byte) {
	t.Helper()
	p := unzip(t, data)
	for _, name := range p.names {
		if !strings.HasSuffix(name, ".xml") && !strings.HasSuffix(name, ".rels") {
			continue
		}
		dec := xml.NewDecoder(bytes.NewReader(p.files[name]))
		dec.Strict = true
		for {
			_, err := dec.Token()
			if err != nil {
				if err.Error() != "EOF" {
					t.Fatalf("%s does not parse: %v", name, err)
				}
				break
			}
		}
		parse(t, p, name)
	}
	if _, err := Words(bytes.NewReader(data), int64(len(data))); err != nil {
		t.Fatal(err)
	}
}

func FuzzRender(f *testing.F) {
	f.Add("plain text")
	f.Fuzz(func(t *testing.T, text string) {
		var buf bytes.Buffer
		if _, err := Render(&buf, hostile(text), Options{Created: created}); err != nil {
			t.Fatalf("%q: %v", text, err)
		}
		checkPackage(t, buf.Bytes())
	})
}

func TestHostileWarns(t *testing.T) {
	d := hostile("a 😀 b \xff c #x")
	d.Blocks = append(d.Blocks, &doc.Paragraph{Inlines: []doc.Inline{{Text: "see", Link: "#nowhere"}}})
	_, warns := render(t, d)
	joined := strings.Join(warns, "\n")
	for _, s := range []string{"U+1F600", "invalid UTF-8", `link to "#nowhere"`} {
		if !strings.Contains(joined, s) {
			t.Errorf("warnings lack %q:\n%s", s, joined)
		}
	}
	if n := strings.Count(joined, "link to"); n != 1 {
		t.Errorf("%d link warnings, want 1 (a link to the hostile heading's own ID resolves):\n%s", n, joined)
	}
}
