package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/shadowreport/shadowreport/internal/compare"
	"github.com/shadowreport/shadowreport/internal/doc"
	"github.com/shadowreport/shadowreport/internal/policy"
	"github.com/shadowreport/shadowreport/internal/project"
	"github.com/shadowreport/shadowreport/internal/report"
)

// squash removes every space and line break, so that texts laid out by different programs
// compare; a range's dash reads as a hyphen (the Word file's does not break: U+2011).
func squash(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\u00ad' {
			return -1
		}
		if r == '–' || r == '\u2011' {
			return '-'
		}
		return r
	}, s)
}

// TestDocxMatchesPDF builds the sample, converts out/report.docx with LibreOffice, and checks
// that both the PDF and the Word file carry every heading, numbered paragraph (with its
// number) and table cell of the document model.
func TestDocxMatchesPDF(t *testing.T) {
	soffice := tool(t, "soffice")
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
	fromWord := squash(run(t, "pdftotext", filepath.Join(conv, "report.pdf"), "-"))
	fromPDF := squash(run(t, "pdftotext", filepath.Join(dir, "out", "report.pdf"), "-"))

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
	// A paragraph may run across a page break, and a cell over several lines that another
	// cell's lines interleave: each is looked for by its number and its start.
	prefix := func(s string, n int) string {
		r := []rune(squash(s))
		return string(r[:min(n, len(r))])
	}
	var needles []string
	n := 0
	for _, b := range d.Blocks {
		switch b := b.(type) {
		case *doc.Heading:
			needles = append(needles, b.Text)
		case *doc.Paragraph:
			if b.Numbered {
				n++
				needles = append(needles, strconv.Itoa(n)+"."+prefix(doc.Text(b.Inlines), 40))
			}
		case *doc.Table:
			for _, h := range b.Header {
				needles = append(needles, prefix(h, 10))
			}
			for _, r := range b.Rows {
				for _, c := range r {
					needles = append(needles, prefix(c, 10))
				}
			}
		}
	}
	if n < 30 {
		t.Fatalf("only %d numbered paragraphs in the report", n)
	}
	for _, s := range needles {
		k := squash(s)
		if k == "" {
			continue
		}
		if !strings.Contains(fromPDF, k) {
			t.Errorf("report.pdf lacks %q", s)
		}
		if !strings.Contains(fromWord, k) {
			t.Errorf("report.docx (through LibreOffice) lacks %q", s)
		}
	}
	if _, err := os.Stat(filepath.Join(conv, "report.pdf")); err != nil {
		t.Fatal(err)
	}
}
