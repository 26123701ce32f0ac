package pdf

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/shadowreport/shadowreport/internal/doc"
)

// hostile puts text everywhere interview text can reach: a heading, a numbered paragraph
// with a note, a list, a quote, a table cell, a chart label and the running header.
func hostile(text string) *doc.Document {
	d := &doc.Document{Meta: sampleMeta(), Cover: true, Contents: true}
	d.Meta.Header = text
	d.Blocks = []doc.Block{
		&doc.Heading{Level: 1, Text: text, ID: text},
		&doc.Paragraph{Numbered: true, Inlines: []doc.Inline{
			{Text: "Before "}, {Text: text, Bold: true, Italic: true}, {Note: text}, {Text: text, Link: text},
		}},
		&doc.List{Items: [][]doc.Inline{{{Text: text}}}},
		&doc.Quote{Text: text, Translation: text, Attribution: text},
		&doc.Table{Caption: text, Header: []string{"Cell", text}, Rows: [][]string{{text, "1"}, {"2", text}}},
		&doc.Figure{Caption: text, Chart: doc.Chart{Waves: []string{text}, Groups: []doc.BarGroup{
			{Label: text, Bars: []doc.Bar{{N: 2, Label: "1 of 2", Share: 0.5, Lo: 0.1, Hi: 0.9}}},
		}}},
	}
	return d
}

func FuzzRender(f *testing.F) {
	f.Add("plain text")
	f.Fuzz(func(t *testing.T, text string) {
		var buf bytes.Buffer
		res, err := Render(&buf, hostile(text), Options{})
		if err != nil {
			t.Fatalf("%q: %v", text, err)
		}
		if res.Pages < 3 || !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
			t.Fatalf("%q: %+v", text, res)
		}
	})
}

// TestHostileSeeds renders every seed of FuzzRender and checks the files with the real tools.
func TestHostileSeeds(t *testing.T) {
	needTools(t, "qpdf", "pdftotext")
	files, err := filepath.Glob(filepath.Join("testdata", "fuzz", "FuzzRender", "*"))
	if err != nil || len(files) < 6 {
		t.Fatalf("seeds: %v, %d files", err, len(files))
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.SplitN(string(data), "\n", 3)
			arg := strings.TrimSuffix(strings.TrimPrefix(lines[1], "string("), ")")
			text, err := strconv.Unquote(arg)
			if err != nil {
				t.Fatal(err)
			}
			pdf, _, _ := render(t, hostile(text))
			path := write(t, pdf)
			if out := run(t, "qpdf", "--check", path); !strings.Contains(out, "No syntax or stream encoding errors") {
				t.Errorf("qpdf --check:\n%s", out)
			}
			run(t, "pdftotext", path, "-")
		})
	}
}
