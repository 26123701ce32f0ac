package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shadowreport/shadowreport/internal/compare"
	"github.com/shadowreport/shadowreport/internal/doc"
	"github.com/shadowreport/shadowreport/internal/policy"
	"github.com/shadowreport/shadowreport/internal/project"
	"github.com/shadowreport/shadowreport/internal/render/pdf"
	"github.com/shadowreport/shadowreport/internal/report"
)

// sampleReport assembles the sample project's report as the build does, with its word count.
func sampleReport(t *testing.T) (*doc.Document, int) {
	t.Helper()
	dir := sampleProject(t)
	p, _, err := project.Load(dir, project.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := compare.Compare(p.Codebook, p.Waves, compare.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ts, err := report.Load(filepath.Join(dir, "templates"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tm := range ts {
		if tm.Name == "report" {
			out, err := report.Assemble(report.Input{Project: p, Policy: policy.New(p, res, policy.Options{}), Who: "women", One: "woman", Synthetic: true}, tm)
			if err != nil {
				t.Fatal(err)
			}
			return out.Doc, out.Words
		}
	}
	t.Fatal("no report template")
	return nil, 0
}

// TestSampleLayout renders the sample report and checks its pages: no page of the body is
// more than half empty except the one before the annex (which starts a page) and the last,
// and the report takes fewer than 5.3 pages per 1,000 words (the layout that started every
// chapter on a new page took 5.5; this one 4.9).
func TestSampleLayout(t *testing.T) {
	pdftotext := tool(t, "pdftotext")
	d, words := sampleReport(t)
	var buf bytes.Buffer
	res, err := pdf.Render(&buf, d, pdf.Options{Created: time.Unix(0, 0)})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	pages := strings.Split(run(t, pdftotext, path, "-"), "\f")
	annex := 0
	for i, p := range pages {
		if i > 1 && strings.HasPrefix(afterHeader(p), "Annex") {
			annex = i + 1
			break
		}
	}
	if annex == 0 {
		t.Fatal("no page starts with the annex")
	}
	for i, fill := range res.Fills {
		n := i + 1
		if n > 2 && n != annex-1 && n != res.Pages && fill < 0.5 {
			t.Errorf("page %d of %d is %.0f%% full:\n%s", n, res.Pages, 100*fill, pages[i])
		}
	}
	if per := float64(res.Pages) * 1000 / float64(words); per >= 5.3 {
		t.Errorf("%d pages for %d words: %.2f pages per 1,000 words", res.Pages, words, per)
	}
	t.Logf("%d pages for %d words: %.2f pages per 1,000 words", res.Pages, words, float64(res.Pages)*1000/float64(words))
}

// afterHeader is a page's text after its running header line.
func afterHeader(page string) string {
	page = strings.TrimLeft(page, "\n")
	if _, rest, ok := strings.Cut(page, "\n"); ok {
		return strings.TrimLeft(rest, "\n")
	}
	return page
}
