package pdf

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/shadowreport/shadowreport/internal/doc"
)

// pagesOf renders d and returns the text of each page (pdftotext, reading order).
func pagesOf(t *testing.T, d *doc.Document) []string {
	t.Helper()
	data, res, _ := render(t, d)
	text := run(t, "pdftotext", write(t, data), "-")
	pages := strings.Split(text, "\f")
	if len(pages) < res.Pages {
		t.Fatalf("%d pages of text for %d pages", len(pages), res.Pages)
	}
	return pages[:res.Pages]
}

// filler is n one-line paragraphs.
func filler(n int) []doc.Block {
	var out []doc.Block
	for i := range n {
		out = append(out, para(false, "Filler line "+strconv.Itoa(i)+"."))
	}
	return out
}

// rowsTable is a table of n rows "Row 1", "Row 2", ... with two notes.
func rowsTable(n int) *doc.Table {
	t := &doc.Table{ID: "t", Caption: "Moved caption", Header: []string{"Kept header", "Value"},
		Notes: []string{"First note under the table.", "Second note under the table."}}
	for i := 1; i <= n; i++ {
		t.Rows = append(t.Rows, []string{"Row " + strconv.Itoa(i) + ".", strconv.Itoa(i * 7)})
	}
	return t
}

// TestTableAtPageFoot moves a table down the page line by line: it never opens with fewer
// than three rows at a page's foot, its notes stay with its last two rows, and no page holds
// only a note.
func TestTableAtPageFoot(t *testing.T) {
	needTools(t, "pdftotext")
	for _, nrows := range []int{2, 3, 4, 8} {
		for n := 34; n <= 66; n++ {
			d := &doc.Document{Meta: doc.Meta{Title: "Foot"}, Blocks: append(filler(n), rowsTable(nrows), para(false, "After the table."))}
			name := fmt.Sprintf("%d rows after %d lines", nrows, n)
			for i, p := range pagesOf(t, d) {
				has := func(row int) bool { return strings.Contains(p, "Row "+strconv.Itoa(row)+".") }
				if strings.Contains(p, "Moved caption") {
					for r := 1; r <= min(3, nrows); r++ {
						if !has(r) {
							t.Errorf("%s: page %d opens the table without row %d", name, i+1, r)
						}
					}
				}
				if strings.Contains(p, "First note") || strings.Contains(p, "Second note") {
					if !strings.Contains(p, "First note") || !strings.Contains(p, "Second note") {
						t.Errorf("%s: page %d holds part of the notes", name, i+1)
					}
					for r := max(1, nrows-1); r <= nrows; r++ {
						if !has(r) {
							t.Errorf("%s: page %d holds the notes without row %d", name, i+1, r)
						}
					}
				}
			}
		}
	}
}

// TestNotesAfterLongTable ends a table of 70 rows at every height of a page: its notes
// always share a page with its last two rows, whose header is repeated there.
func TestNotesAfterLongTable(t *testing.T) {
	needTools(t, "pdftotext")
	for n := 0; n <= 48; n += 2 {
		d := &doc.Document{Meta: doc.Meta{Title: "Long"}, Blocks: append(filler(n), rowsTable(70))}
		pages := pagesOf(t, d)
		last := pages[len(pages)-1]
		for _, s := range []string{"Row 69.", "Row 70.", "First note", "Second note", "Kept header"} {
			if !strings.Contains(last, s) {
				t.Errorf("after %d lines: the last page lacks %q:\n%s", n, s, last)
			}
		}
		for i, p := range pages[:len(pages)-1] {
			if strings.Contains(p, "note under the table") {
				t.Errorf("after %d lines: page %d holds a note before the table's end", n, i+1)
			}
		}
	}
}

// TestChapterBreaks checks when a report's chapters start pages: the body after the
// contents and the annex always do; another chapter follows on the page unless it would
// start in the lower third of a page and does not fit in what is left.
func TestChapterBreaks(t *testing.T) {
	needTools(t, "pdftotext")
	long := make([]doc.Block, 0, 12)
	for range 12 {
		long = append(long, para(true, lorem))
	}
	d := &doc.Document{Meta: doc.Meta{Title: "Chapters"}, Cover: true, Contents: true, Blocks: []doc.Block{
		&doc.Heading{Level: 1, Text: "Alpha chapter", ID: "a"},
		para(true, lorem),
		&doc.Heading{Level: 1, Text: "Beta chapter", ID: "b"}, // follows Alpha on its page
		para(true, lorem),
	}}
	d.Blocks = append(d.Blocks, append(filler(24), // Beta's page is now more than two thirds full
		&doc.Heading{Level: 1, Text: "Gamma chapter", ID: "g"}, // too long to fit: a new page
	)...)
	d.Blocks = append(d.Blocks, long...)
	d.Blocks = append(d.Blocks,
		&doc.Heading{Level: 1, Text: "Delta chapter", ID: "d"}, // short: fits after Gamma
		para(true, "A short chapter."),
		&doc.Heading{Level: 1, Text: "Annex: tables", ID: "x"}, // always a new page
		para(false, "Annex text."),
	)
	pages := pagesOf(t, d)
	find := func(s string) int {
		for i, p := range pages {
			if i > 1 && strings.Contains(p, s) { // after the cover and the contents
				return i + 1
			}
		}
		t.Fatalf("no page holds %q", s)
		return 0
	}
	alpha, beta, gamma, delta, annex := find("Alpha chapter\n"), find("Beta chapter\n"), find("Gamma chapter\n"), find("Delta chapter\n"), find("Annex: tables\n")
	if alpha != 3 || beta != alpha {
		t.Errorf("Alpha on page %d, Beta on page %d: want both on page 3, after the cover and contents", alpha, beta)
	}
	if gamma != beta+1 || !strings.Contains(pages[gamma-1][:40], "Gamma") {
		t.Errorf("Gamma on page %d (Beta on %d): a chapter that starts low on a full page moves to the next", gamma, beta)
	}
	if delta != find("A short chapter.") || delta < gamma {
		t.Errorf("Delta on page %d: a short chapter fits where it is", delta)
	}
	if annex != len(pages) || annex == delta || !strings.HasPrefix(strings.TrimSpace(pages[annex-1]), "Annex: tables") {
		t.Errorf("the annex is on page %d of %d (Delta on %d): it starts a page", annex, len(pages), delta)
	}
}

// TestQuoteTranslation prints the original, then the translation after "Translation:", then
// the attribution.
func TestQuoteTranslation(t *testing.T) {
	needTools(t, "pdftotext")
	const tr = "If we did not pay the school, the teacher beat the child."
	d := &doc.Document{Meta: doc.Meta{Title: "Quotes"}, Blocks: []doc.Block{
		&doc.Quote{Text: koreanQuote, Translation: tr, Attribution: "woman in her 30s", Language: "ko"},
		&doc.Quote{Translation: "Only a translation.", Attribution: "woman in her 40s"},
	}}
	data, _, _ := render(t, d)
	flat := strings.Join(strings.Fields(run(t, "pdftotext", write(t, data), "-")), " ")
	want := koreanQuote + " Translation: " + tr + " — woman in her 30s"
	if !strings.Contains(flat, want) {
		t.Errorf("the quote reads\n%s\nwant\n%s", flat, want)
	}
	if !strings.Contains(flat, "Translation: Only a translation. — woman in her 40s") {
		t.Errorf("a quote with only a translation:\n%s", flat)
	}
}
