package docx

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shadowreport/shadowreport/internal/doc"
	"github.com/shadowreport/shadowreport/internal/pdftext"
)

// convert turns .docx files into PDFs with LibreOffice, in a fresh profile so that runs
// never clash over a lock, and returns the PDFs' paths.
func convert(t *testing.T, files map[string][]byte) map[string]string {
	t.Helper()
	needTool(t, "soffice", "pdftotext")
	dir := t.TempDir()
	args := []string{"-env:UserInstallation=file://" + filepath.ToSlash(filepath.Join(dir, "lo")), "--headless", "--norestore",
		"--convert-to", "pdf", "--outdir", filepath.Join(dir, "out")}
	out := map[string]string{}
	for name, data := range files {
		path := filepath.Join(dir, name+".docx")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, path)
		out[name] = filepath.Join(dir, "out", name+".pdf")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "soffice", args...)
	cmd.Env = append(os.Environ(), "HOME="+dir) // LibreOffice writes under $HOME
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, msg)
	}
	for name, pdf := range out {
		if _, err := os.Stat(pdf); err != nil {
			t.Fatalf("%s: LibreOffice wrote no PDF: %v", name, err)
		}
	}
	return out
}

func pdfText(t *testing.T, path string, layout bool) string {
	t.Helper()
	args := []string{path, "-"}
	if layout {
		args = []string{"-layout", path, "-"}
	}
	out, err := exec.Command("pdftotext", args...).CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v\n%s", err, out)
	}
	return string(out)
}

// TestLibreOffice opens the sample, a handout and a document of hostile text in LibreOffice
// and reads the PDFs it makes: the numbering, fields, header rows and Korean survive.
func TestLibreOffice(t *testing.T) {
	needTool(t, "soffice", "pdftotext")
	sample, _ := render(t, sampleDoc())
	handout, _ := render(t, &doc.Document{Meta: sampleMeta(), PageBudget: 1, Blocks: []doc.Block{
		&doc.Heading{Level: 2, Text: "Key concerns", ID: "concerns"},
		para(true, "28 of 40 women interviewed in 2017 paid informal school fees."),
	}})
	var hostileText []string
	seeds, _ := filepath.Glob(filepath.Join("testdata", "fuzz", "FuzzRender", "*"))
	for _, f := range seeds {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		line := strings.SplitN(string(data), "\n", 3)[1]
		s, err := strconv.Unquote(strings.TrimSuffix(strings.TrimPrefix(line, "string("), ")"))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		hostileText = append(hostileText, s[:min(len(s), 400)]) // LibreOffice takes a minute over a 10,000-letter word in every part
	}
	hostileDoc, _ := render(t, hostile(strings.Join(hostileText, " ¶ ")))
	pdfs := convert(t, map[string][]byte{"sample": sample, "handout": handout, "hostile": hostileDoc})

	// The PDFs are read with pdftotext -layout and compared line by line (pdftext), never in
	// the order an extractor reads a page's blocks in: that order changes with the fonts.
	text := layout(t, pdfs["sample"])
	pages := text.Pages
	if len(pages) < 7 {
		t.Fatalf("%d pages:\n%s", len(pages), text)
	}
	// numbered paragraphs: Word numbering, continued across chapters
	for i, s := range numberedTexts {
		if !text.Numbered(i+1, s) {
			t.Errorf("no paragraph %d. %s", i+1, s)
		}
		if text.Numbered(i+2, s) && (i+1 == len(numberedTexts) || numberedTexts[i+1] != s) {
			t.Errorf("paragraph %d. %s is also found as paragraph %d", i+1, s, i+2)
		}
	}
	// the items of an ordered list, numbered by Word from 1 in each list
	for _, item := range []struct {
		n int
		s string
	}{{2, "Ask how fees"}, {3, "Ask who pays for heating"}, {1, "First recommendation"}, {2, "Second recommendation"}} {
		if !text.Numbered(item.n, item.s) {
			t.Errorf("no list item %d. %s", item.n, item.s)
		}
	}
	for _, s := range []string{
		koreanQuote, "— woman in her 30s, left 2014–2016", tableHeader, koreanCell, noteText,
		"Submitted to the Committee on the Elimination of Discrimination against",
		"68th session — for the review of the Democratic People's Republic of Korea",
		doc.ConfidentialLong, "She laughed □ when asked",
	} {
		if !text.Contains(s) {
			t.Errorf("the PDF lacks %q", s)
		}
	}
	// the cover has no header or footer; every other page has both
	if cover := text.Page(0); cover.Contains("page 1 of") || cover.Contains("Shadow report to CEDAW — DPRK") {
		t.Errorf("the cover has a running header or footer:\n%s", cover)
	}
	for i := 1; i < len(pages); i++ {
		pg := text.Page(i)
		for _, s := range []string{"page " + strconv.Itoa(i+1) + " of " + strconv.Itoa(len(pages)), "Confidential — for the Committee only", doc.SyntheticBand} {
			if !pg.Contains(s) {
				t.Errorf("page %d lacks %q", i+1, s)
			}
		}
	}
	// the contents: LibreOffice does not update a TOC field when converting, so the PDF shows
	// the entries the field holds (the headings, without page numbers)
	if contents := text.Page(1); !contents.Contains("Contents") {
		t.Errorf("page 2 is not the contents:\n%s", contents)
	} else {
		for _, s := range []string{"Executive summary", "Findings", "Education (article 10)", "Composition of the samples", "Annex: all findings"} {
			if !contents.Contains(s) {
				t.Errorf("contents lack %q", s)
			}
		}
	}
	// chapters start pages; the 60-row table's header row repeats on the page it runs onto
	if p3 := strings.Join(pages[2], "\n"); !strings.HasPrefix(strings.TrimSpace(afterHeader(p3)), "Executive summary") {
		t.Errorf("page 3 does not start with the first chapter:\n%s", p3)
	}
	repeats := 0
	for _, pg := range pages {
		if regexp.MustCompile(`(?m)^\s*` + tableHeader + `\s+Age band`).MatchString(strings.Join(pg, "\n")) {
			repeats++
		}
	}
	if repeats < 2 {
		t.Errorf("the table's header row is on %d page(s)", repeats)
	}

	ht := layout(t, pdfs["handout"])
	if len(ht.Pages) != 1 || !ht.Contains("Education and Health") || !ht.Numbered(1, "28 of 40 women interviewed in 2017") ||
		!ht.Contains("page 1 of 1") || ht.Contains("Shadow report to CEDAW — DPRK") {
		t.Errorf("handout:\n%s", ht)
	}
	if hs := pdfText(t, pdfs["hostile"], false); !strings.Contains(hs, "plain text") || !strings.Contains(hs, "학교에") {
		t.Errorf("hostile text:\n%.2000s", hs)
	}
}

func layout(t *testing.T, path string) *pdftext.Text {
	t.Helper()
	text, err := pdftext.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	return text
}

// afterHeader drops the running header's line from a page of text.
func afterHeader(page string) string {
	_, rest, _ := strings.Cut(strings.TrimLeft(page, "\n"), "\n")
	return rest
}
