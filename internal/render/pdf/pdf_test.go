package pdf

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shadowreport/shadowreport/internal/doc"
)

var sampleOut = flag.String("sample", "", "also write the sample PDF to this file")

var created = time.Date(2017, 10, 9, 12, 0, 0, 0, time.UTC)

// needTools skips the test when a PDF tool is missing, unless running in CI.
func needTools(t testing.TB, names ...string) {
	t.Helper()
	for _, n := range names {
		if _, err := exec.LookPath(n); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s is not installed (CI needs poppler-utils and qpdf)", n)
			}
			t.Skipf("%s is not installed", n)
		}
	}
}

func run(t testing.TB, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

func render(t testing.TB, d *doc.Document) ([]byte, Result, []string) {
	t.Helper()
	var buf bytes.Buffer
	var warns []string
	res, err := Render(&buf, d, Options{Created: created, Warn: func(m string) { warns = append(warns, m) }})
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), res, warns
}

func write(t testing.TB, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestSample(t *testing.T) {
	needTools(t, "qpdf", "pdfinfo", "pdffonts", "pdftotext")
	data, res, warns := render(t, sampleDoc())
	path := write(t, data)
	if *sampleOut != "" {
		if err := os.WriteFile(*sampleOut, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	if out := run(t, "qpdf", "--check", path); !strings.Contains(out, "No syntax or stream encoding errors") {
		t.Errorf("qpdf --check:\n%s", out)
	}
	checkGlyphs(t, path)

	info := run(t, "pdfinfo", path)
	if m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)$`).FindStringSubmatch(info); m == nil || m[1] != strconv.Itoa(res.Pages) {
		t.Errorf("pdfinfo pages %v, Result.Pages %d", m, res.Pages)
	}
	for _, want := range []string{"(A4)", "Title:           Education and Health", "Author:          Citizens' Alliance for Testimony, Women's Rights Network Seoul",
		"Creator:         shadowreport", "Producer:        shadowreport", "CreationDate:    Mon Oct  9 12:00:00 2017 UTC"} {
		if !strings.Contains(info, want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, info)
		}
	}
	if res.Pages < 6 {
		t.Errorf("%d pages; the 80-row table alone should span two", res.Pages)
	}

	fonts := run(t, "pdffonts", path)
	lines := strings.Split(strings.TrimSpace(fonts), "\n")
	if len(lines) < 4 {
		t.Fatalf("pdffonts:\n%s", fonts)
	}
	var names []string
	for _, l := range lines[2:] {
		f := strings.Fields(l)
		// name type... encoding emb sub uni object ID
		if n := len(f); n < 6 || f[n-5] != "yes" || f[n-4] != "yes" {
			t.Errorf("font not embedded as a subset: %s", l)
		} else if f[n-3] != "yes" {
			t.Errorf("font without a /ToUnicode CMap: %s", l)
		}
		names = append(names, f[0])
	}
	joined := strings.Join(names, " ")
	for _, want := range []string{"+LiberationSans", "+LiberationSans-Bold", "+NanumGothic"} {
		if !strings.Contains(joined, want) {
			t.Errorf("pdffonts lacks %s: %s", want, joined)
		}
	}

	text := run(t, "pdftotext", "-layout", path, "-")
	pages := strings.Split(text, "\f")
	flat := strings.Join(strings.Fields(text), " ") // phrases may wrap
	for _, want := range []string{
		koreanQuote, koreanHeading, koreanCell, koreanLabel,
		"12 of 40", "20 of 40", "7 of 38", "no data", "40 of 40", "학교 노동", "share (95% CI)",
		"Submitted to the Committee on the Elimination of Discrimination against Women (CEDAW)",
		"68th session — for the review of the Democratic People's Republic of Korea",
		doc.ConfidentialLong, doc.SyntheticBand, "Contents",
		"She laughed □ when asked", "— woman in her 30s, left 2014–2016",
		"Fieldwork in 2014 and 2017",
		"page 2 of " + strconv.Itoa(res.Pages), "page " + strconv.Itoa(res.Pages) + " of " + strconv.Itoa(res.Pages),
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("pdftotext output lacks %q", want)
		}
	}
	if strings.Contains(text, "😀") {
		t.Error("the emoji reached the PDF")
	}
	// every page but the cover carries the confidential header and the synthetic band
	for i, p := range pages[:res.Pages] {
		if i > 0 && !strings.Contains(p, doc.ConfidentialShort) {
			t.Errorf("page %d lacks the confidential header", i+1)
		}
		if !strings.Contains(p, doc.SyntheticBand) {
			t.Errorf("page %d lacks the synthetic band", i+1)
		}
	}
	// the table header is repeated on every page the table spans
	spans := 0
	for i, p := range pages {
		if regexp.MustCompile(`\bR\d\d\b`).MatchString(p) {
			spans++
			if strings.Count(p, tableHeader) < 1 {
				t.Errorf("page %d has table rows but not the header", i+1)
			}
		}
	}
	if spans < 2 || strings.Count(text, tableHeader) < 3 {
		t.Errorf("table spans %d pages, header found %d times", spans, strings.Count(text, tableHeader))
	}
	// the contents list the chapters with page numbers
	if !regexp.MustCompile(`Findings\s+\d+`).MatchString(pages[1]) {
		t.Errorf("contents page lacks numbered entries:\n%s", pages[1])
	}
	// paragraph numbers run across the document
	for _, n := range []string{"1.", "2.", "3.", "4.", "5."} {
		if !regexp.MustCompile(`(?m)^\s*` + regexp.QuoteMeta(n) + `\s+\S`).MatchString(text) {
			t.Errorf("paragraph number %s missing", n)
		}
	}
	if len(warns) == 0 || !strings.Contains(strings.Join(warns, "\n"), "U+1F600") {
		t.Errorf("no warning about the emoji: %q", warns)
	}
	if out := run(t, "qpdf", "--json", "--json-key=outlines", path); !strings.Contains(out, "Findings") || !strings.Contains(out, "Education (article 10)") {
		t.Errorf("outline lacks headings:\n%.2000s", out)
	}
}

func TestDeterministic(t *testing.T) {
	a, _, _ := render(t, sampleDoc())
	b, _, _ := render(t, sampleDoc())
	if !bytes.Equal(a, b) {
		t.Fatal("two renders of the same document differ")
	}
	for _, leak := range []string{"/tmp", os.Getenv("HOME"), os.Getenv("USER")} {
		if leak != "" && len(leak) > 3 && bytes.Contains(a, []byte(leak)) {
			t.Errorf("the PDF contains %q", leak)
		}
	}
}

func handout(n int) *doc.Document {
	m := sampleMeta()
	m.Title = "Briefing: education of women who left North Korea"
	d := &doc.Document{Meta: m, PageBudget: 1}
	for i := range n {
		d.Blocks = append(d.Blocks,
			&doc.Heading{Level: 2, Text: "Concern " + strconv.Itoa(i+1) + ": informal school fees (article 10)", ID: "c" + strconv.Itoa(i)},
			&doc.Paragraph{Inlines: []doc.Inline{{Text: "20 of 40", Bold: true}, {Text: " women interviewed in 2017 paid informal fees, against 12 of 40 in 2014."}}},
			&doc.List{Items: [][]doc.Inline{{{Text: "What share of the school budget is met by the State?"}}}},
		)
	}
	d.Blocks = append(d.Blocks, &doc.Paragraph{Small: true, Inlines: []doc.Inline{{Text: "Methodology: 80 interviews, a convenience sample."}}})
	return d
}

func TestHandout(t *testing.T) {
	_, res, _ := render(t, handout(3))
	if res.Pages != 1 || res.LastPageFill <= 0.2 || res.LastPageFill >= 1 {
		t.Errorf("short handout: %+v", res)
	}
	data, res, _ := render(t, handout(14))
	if res.Pages < 2 || res.LastPageFill <= 0 || res.LastPageFill > 1 {
		t.Errorf("long handout: %+v, want more than one page and a fill in (0, 1]", res)
	}
	needTools(t, "pdftotext", "qpdf")
	path := write(t, data)
	checkGlyphs(t, path)
	text := run(t, "pdftotext", "-layout", path, "-")
	first := strings.Split(text, "\f")[0]
	if !strings.Contains(first, "Briefing: education") || strings.Contains(first, "Shadow report to CEDAW — DPRK") {
		t.Errorf("handout first page: title block expected, running header not:\n%s", first)
	}
	if !strings.Contains(first, "CEDAW · 68th session · for the review of the Democratic People's Republic of Korea") {
		t.Errorf("handout session line missing:\n%s", first)
	}
}

func TestRecoversAndReportsErrors(t *testing.T) {
	if _, err := Render(&bytes.Buffer{}, nil, Options{}); err == nil {
		t.Error("nil document gave no error")
	}
	_, err := Render(failWriter{}, handout(1), Options{})
	if err == nil || !strings.Contains(err.Error(), "writing") {
		t.Errorf("failing writer: %v", err)
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, os.ErrClosed }

func TestEdgeDocuments(t *testing.T) {
	docs := map[string]*doc.Document{
		"empty":        {},
		"empty cover":  {Cover: true, Contents: true},
		"only a break": {Blocks: []doc.Block{&doc.PageBreak{}, &doc.PageBreak{}}},
		"odd blocks": {Blocks: []doc.Block{
			nil,
			&doc.Heading{Level: 9, Text: ""},
			&doc.Heading{Level: -1, Text: "x", ID: "x"},
			&doc.Heading{Level: 3, Text: "dup", ID: "x"},
			&doc.Paragraph{},
			&doc.List{Numbered: true},
			&doc.Table{},
			&doc.Table{Header: []string{"a"}},
			&doc.Table{Rows: [][]string{{"a", "b", "c"}, {}}, Widths: []float64{-1, 0}, Align: []doc.Align{7}},
			&doc.Figure{},
			&doc.Quote{},
			&doc.Paragraph{Inlines: []doc.Inline{{Note: "only a note"}, {Link: "#x", Text: "internal"}, {Link: "javascript:alert(1)", Text: "bad"}}},
		}},
	}
	for name, d := range docs {
		t.Run(name, func(t *testing.T) {
			data, res, _ := render(t, d)
			if res.Pages < 1 || len(data) < 500 {
				t.Errorf("%+v, %d bytes", res, len(data))
			}
		})
	}
}

// TestHeadingKeepsWithNext moves a heading down the page line by line: it must never be
// the last thing on a page, and a table's caption and header never leave its first row.
func TestHeadingKeepsWithNext(t *testing.T) {
	needTools(t, "pdftotext")
	for n := 30; n <= 60; n++ {
		d := &doc.Document{Meta: doc.Meta{Title: "Keep"}}
		for i := range n {
			d.Blocks = append(d.Blocks, para(false, "Filler line "+strconv.Itoa(i)+"."))
		}
		d.Blocks = append(d.Blocks,
			&doc.Heading{Level: 2, Text: "Kept heading", ID: "k"},
			para(false, lorem),
			&doc.Table{Caption: "Kept caption", Header: []string{"Kept header"}, Rows: [][]string{{"First row"}, {"Second row"}}},
		)
		data, _, _ := render(t, d)
		text := run(t, "pdftotext", write(t, data), "-")
		for _, p := range strings.Split(text, "\f") {
			if strings.Contains(p, "Kept heading") && !strings.Contains(p, "Interviews with women") {
				t.Errorf("%d filler lines: the heading was left without its paragraph", n)
			}
			if strings.Contains(p, "Kept caption") && !(strings.Contains(p, "Kept header") && strings.Contains(p, "First row")) {
				t.Errorf("%d filler lines: the caption was left without the header and first row", n)
			}
		}
	}
}

// TestConcurrentRenders renders in parallel: fonts and gonum's globals are set up once.
func TestConcurrentRenders(t *testing.T) {
	want, _, _ := render(t, hostile("concurrent 학교"))
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			var buf bytes.Buffer
			_, err := Render(&buf, hostile("concurrent 학교"), Options{Created: created})
			if err == nil && !bytes.Equal(buf.Bytes(), want) {
				err = os.ErrInvalid
			}
			errs <- err
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

// TestLayoutOnly: a render asked for its layout alone gives the pages and fills of the full
// render, and writes nothing; also when the text measured needs runes the font subsets lack,
// as the full render does (it lays out again with the whole fonts).
func TestLayoutOnly(t *testing.T) {
	// Korean, and Latin letters beyond U+00FF and dashes, which the fonts draw narrower
	// than the glyph they draw for a rune they lack
	text := hostile(strings.Repeat("학교에 비공식 비용을 냈다 — Łódź, Ostrava, Sørvágur ő ", 40))
	layout := func(d *doc.Document) Result {
		t.Helper()
		var buf bytes.Buffer
		res, err := Render(&buf, d, Options{Created: created, LayoutOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		if buf.Len() != 0 {
			t.Errorf("layout only wrote %d bytes", buf.Len())
		}
		return res
	}
	same := func(a, b Result) bool {
		return a.Pages == b.Pages && a.LastPageFill == b.LastPageFill && slices.Equal(a.Fills, b.Fills)
	}
	for _, d := range []*doc.Document{handout(3), handout(14), sampleDoc(), text} {
		_, full, _ := render(t, d)
		if res := layout(d); !same(res, full) {
			t.Errorf("layout only %+v, full render %+v", res, full)
		}
	}
	_, full, _ := render(t, text)
	defer func(f func(*doc.Resolved) *runeSet) { subsetRunes = f }(subsetRunes)
	subsetRunes = func(d *doc.Resolved) *runeSet {
		s := &runeSet{}
		for _, c := range documentRunes(d).list {
			if !strings.ContainsRune("학교비용—Łźő", c) {
				s.add(c)
			}
		}
		return s
	}
	if res := layout(text); !same(res, full) {
		t.Errorf("layout only with runes outside the subsets %+v, full render %+v", res, full)
	}
}
