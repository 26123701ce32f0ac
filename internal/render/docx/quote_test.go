package docx

import (
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/shadowreport/shadowreport/internal/doc"
)

const translation = "If we did not pay the school, the teacher beat the child."

func quoteDoc() *doc.Document {
	return &doc.Document{Meta: sampleMeta(), Blocks: []doc.Block{
		&doc.Quote{Text: koreanQuote, Translation: translation, Attribution: "woman in her 30s, left 2014–2016", Language: "ko"},
		&doc.Table{ID: "narrow", Caption: "Table 1. Intervals in a narrow column",
			Header: []string{"Finding", "2014", "Rest"}, Widths: []float64{2, 0.9, 5},
			Rows: [][]string{{"Paid fees", "CI 48–74%", "wide"}, {"Left school", "CI 100–100%", "wide"}}},
	}}
}

// A quotation with a translation: the original, then "Translation:" and the translation in
// the quote's style, then the attribution, kept together; the styles are the PDF's.
func TestQuoteTranslation(t *testing.T) {
	data, _ := render(t, quoteDoc())
	p := unzip(t, data)
	ps := bodyParagraphs(parse(t, p, "word/document.xml"))
	var got []string
	for _, para := range ps {
		if strings.HasPrefix(para.style(), "Quote") {
			got = append(got, para.style()+": "+para.text())
			if para.style() != "QuoteAttribution" && !para.first("pPr").has("keepNext") {
				t.Errorf("%s is not kept with the next paragraph", para.style())
			}
		}
	}
	want := []string{"Quote: " + koreanQuote, "QuoteTranslation: Translation: " + translation, "QuoteAttribution: — woman in her 30s, left 2014\u20112016"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("quote paragraphs:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	tr := paragraphWith(ps, "Translation:")
	if runs := tr.all("r"); len(runs) != 2 || runs[0].first("color").attr("val") != grey || runs[0].first("i").attr("val") != "0" || runs[1].has("i") {
		t.Errorf("the label is not upright grey before the translation in the quote's italic")
	}
	styles := map[string]*node{}
	for _, s := range parse(t, p, "word/styles.xml").all("style") {
		styles[s.attr("styleId")] = s
	}
	// as the PDF sets quotations: half a point under the body (handout body 9.5 pt: 18
	// half-points), italic, indented 9 mm (510 twips) on both sides, dark grey
	q := styles["Quote"]
	if q.first("sz").attr("val") != "18" || !q.has("i") || q.first("ind").attr("left") != "510" || q.first("ind").attr("right") != "510" ||
		q.first("color").attr("val") != quoteInk || q.first("pBdr").first("left").attr("space") != "14" {
		t.Errorf("Quote style is not the PDF's")
	}
	if tr := styles["QuoteTranslation"]; tr == nil || tr.first("basedOn").attr("val") != "Quote" {
		t.Errorf("QuoteTranslation is not based on Quote")
	}
	if a := styles["QuoteAttribution"]; a.first("jc").attr("val") != "right" || !a.has("i") || a.first("sz").attr("val") != "15" {
		t.Errorf("the attribution is not small, italic and right-aligned as in the PDF")
	}
	// captions of tables and figures: one style, bold, half a point under the body
	if c := styles["Caption"]; !c.has("b") || c.first("sz").attr("val") != "18" {
		t.Errorf("Caption style is not the PDF's")
	}
}

func TestNoBreakRanges(t *testing.T) {
	for in, want := range map[string]string{
		"48–74%":                  "48\u201174%",
		"CI 48%–74%, 2014–2016":   "CI 48%\u201174%, 2014\u20112016",
		"pp. 14–15, 19–21":        "pp. 14\u201115, 19\u201121",
		"−12 to +26":              "−12 to +26",
		"a – b, 3 – 4, –5, 5–":    "a – b, 3 – 4, –5, 5–",
		"Education – 2014":        "Education – 2014",
		"학교 1–2":                  "학교 1\u20112",
		"":                        "",
		"48-74% (a hyphen stays)": "48-74% (a hyphen stays)",
	} {
		if got := noBreakRanges(in); got != want {
			t.Errorf("noBreakRanges(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestLibreOfficeRanges converts a narrow column of intervals and a translated quotation
// with LibreOffice: no interval breaks after its dash, and the translation is printed.
func TestLibreOfficeRanges(t *testing.T) {
	needTool(t, "soffice", "pdftotext")
	// where a line breaks depends on the fonts: the Word file names Liberation Sans
	if out, err := exec.Command("fc-list", ":family=Liberation Sans").Output(); err != nil || len(out) == 0 {
		if os.Getenv("CI") != "" {
			t.Fatal("CI needs the fonts the Word file names (fonts-liberation2)")
		}
		t.Skip("Liberation Sans is not installed (fonts-liberation2): LibreOffice would lay the text out in another font")
	}
	data, _ := render(t, quoteDoc())
	pdfs := convert(t, map[string][]byte{"quote": data})
	text := pdfText(t, pdfs["quote"], true)
	for _, s := range []string{"CI 48-74%", "100-100%"} {
		if !regexp.MustCompile(`(?m)` + regexp.QuoteMeta(s)).MatchString(text) {
			t.Errorf("the interval %q is not on one line:\n%s", s, text)
		}
	}
	flat := strings.Join(strings.Fields(pdfText(t, pdfs["quote"], false)), " ")
	if want := koreanQuote + " Translation: " + translation + " — woman in her 30s, left 2014-2016"; !strings.Contains(flat, want) {
		t.Errorf("the quote reads\n%s\nwant\n%s", flat, want)
	}
}
