package pdf

import (
	"fmt"
	"io"
	"strconv"
	"testing"

	"github.com/shadowreport/shadowreport/internal/doc"
)

// longDoc is a report of about 60 pages: chapters of numbered paragraphs with notes, a
// chart, quotes and a 30-row table each.
func longDoc(chapters int) *doc.Document {
	d := &doc.Document{Meta: sampleMeta(), Cover: true, Contents: true}
	for c := range chapters {
		id := strconv.Itoa(c)
		d.Blocks = append(d.Blocks, &doc.Heading{Level: 1, Text: "Chapter " + id + ": findings by article", ID: "c" + id})
		for s := range 3 {
			d.Blocks = append(d.Blocks, &doc.Heading{Level: 2, Text: fmt.Sprintf("Section %d.%d", c, s), ID: fmt.Sprintf("s%d.%d", c, s)})
			for range 3 {
				d.Blocks = append(d.Blocks, &doc.Paragraph{Numbered: true, Inlines: []doc.Inline{
					{Text: lorem}, {Note: "A note on the wording of the question."}, {Text: " " + lorem},
				}})
			}
		}
		d.Blocks = append(d.Blocks,
			&doc.Figure{ID: "f" + id, Caption: "Figure " + id + ". Findings, k of n", Chart: sampleChart()},
			&doc.Quote{Text: koreanQuote, Attribution: "woman in her 30s, left 2014–2016"},
		)
		t := &doc.Table{ID: "t" + id, Caption: "Table " + id, Header: []string{tableHeader, "Age band", "Province group", "Year left"}}
		for i := range 30 {
			t.Rows = append(t.Rows, []string{"R" + strconv.Itoa(i), "30–39", koreanCell, "2015"})
		}
		d.Blocks = append(d.Blocks, t)
	}
	return d
}

func BenchmarkRender(b *testing.B) {
	d := longDoc(15)
	res, err := Render(io.Discard, d, Options{Created: created})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := Render(io.Discard, d, Options{Created: created}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(res.Pages), "pages")
}
