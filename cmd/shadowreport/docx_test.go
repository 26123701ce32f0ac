package main

import (
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shadowreport/shadowreport/internal/compare"
	"github.com/shadowreport/shadowreport/internal/doc"
	"github.com/shadowreport/shadowreport/internal/pdftext"
	"github.com/shadowreport/shadowreport/internal/policy"
	"github.com/shadowreport/shadowreport/internal/project"
	"github.com/shadowreport/shadowreport/internal/report"
)

// TestDocxMatchesPDF builds the sample, converts out/report.docx with LibreOffice, and checks
// that both the PDF and the Word file carry every heading, numbered paragraph (with its
// number) and table cell of the document model. The texts are read with pdftotext -layout and
// compared line by line (pdftext), never in the order an extractor reads a page's blocks in:
// that order changes with the fonts installed.
func TestDocxMatchesPDF(t *testing.T) {
	soffice := tool(t, "soffice")
	tool(t, "pdftotext")
	dir := sampleProject(t)
	t.Setenv("SOURCE_DATE_EPOCH", "1507507200")
	if code, _, stderr := shadowreport(t, "build", "-C", dir); code != 0 {
		t.Fatalf("build: %s", stderr)
	}
	conv := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation=file://"+filepath.Join(conv, "profile"),
		"--headless", "--convert-to", "pdf", "--outdir", conv, filepath.Join(dir, "out", "report.docx"))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("LibreOffice could not convert report.docx: %v\n%s", err, out)
	}
	fromWord, err := pdftext.Read(filepath.Join(conv, "report.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	fromPDF, err := pdftext.Read(filepath.Join(dir, "out", "report.pdf"))
	if err != nil {
		t.Fatal(err)
	}

	// the document model the build rendered
	p, _, err := project.Load(dir, project.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := compare.Compare(p.Codebook, p.Waves, p.Config.CompareOptions())
	if err != nil {
		t.Fatal(err)
	}
	ts, err := report.Load(filepath.Join(dir, "templates"))
	if err != nil {
		t.Fatal(err)
	}
	var d *doc.Document
	for _, tm := range ts {
		if tm.Name == "report" {
			out, err := report.Assemble(report.Input{Project: p, Policy: policy.New(p, res, policy.Options{}), Who: "women", One: "woman", Synthetic: true}, tm)
			if err != nil {
				t.Fatal(err)
			}
			d = out.Doc
		}
	}
	// Each paragraph is looked for by its number and its first 40 letters, each cell by its
	// first 10, wherever the lines of the page put them.
	var texts, paragraphs []string
	for _, b := range d.Blocks {
		switch b := b.(type) {
		case *doc.Heading:
			texts = append(texts, b.Text)
		case *doc.Paragraph:
			if b.Numbered {
				paragraphs = append(paragraphs, pdftext.Prefix(doc.Text(b.Inlines), 40))
			}
		case *doc.Table:
			for _, h := range b.Header {
				texts = append(texts, pdftext.Prefix(h, 10))
			}
			for _, r := range b.Rows {
				for _, c := range r {
					texts = append(texts, pdftext.Prefix(c, 10))
				}
			}
		}
	}
	if len(paragraphs) < 30 {
		t.Fatalf("only %d numbered paragraphs in the report", len(paragraphs))
	}
	for name, text := range map[string]*pdftext.Text{"report.pdf": fromPDF, "report.docx (through LibreOffice)": fromWord} {
		for _, s := range texts {
			if !text.Contains(s) {
				t.Errorf("%s lacks %q", name, s)
			}
		}
		for i, s := range paragraphs {
			if !text.Numbered(i+1, s) {
				t.Errorf("%s lacks paragraph %d. %s", name, i+1, s)
			}
			// the comparison can fail: a paragraph is not found under its neighbour's number
			if i+1 < len(paragraphs) && !strings.HasPrefix(pdftext.Squash(paragraphs[i+1]), pdftext.Squash(s)) && text.Numbered(i+2, s) {
				t.Errorf("%s: paragraph %d. %q is also found as paragraph %d", name, i+1, s, i+2)
			}
		}
	}
}
