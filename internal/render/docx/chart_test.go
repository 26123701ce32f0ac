package docx

import (
	"bytes"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/shadowreport/shadowreport/internal/doc"
)

// withheldShare is the share of a withheld bar: 5 of 80, a number found nowhere else in the
// chart, so that a test can tell it never reaches the file.
const withheldShare = 0.0625

// chartDoc is a report with one figure: two waves over four findings, one bar withheld
// (its share set, as a careless caller might leave it), one absent (no answers).
func chartDoc() *doc.Document {
	return &doc.Document{Meta: sampleMeta(), Blocks: []doc.Block{
		&doc.Heading{Level: 1, Text: "Findings", ID: "findings"},
		&doc.Figure{ID: "fig", Caption: "Figure 1. Education, k of n with 95% intervals", AltText: "Paid fees: 12 of 40 in 2014, 20 of 40 in 2017.", Chart: doc.Chart{
			Title:  "Education",
			Waves:  []string{"2014 (n = 40)", "2017 (n = 40)"},
			YLabel: "share of those who answered (95% CI)",
			Groups: []doc.BarGroup{
				{Label: "Paid informal school fees", Bars: []doc.Bar{{N: 40, Label: "12 of 40", Share: 0.3, Lo: 0.18, Hi: 0.45}, {N: 40, Label: "20 of 40", Share: 0.5, Lo: 0.35, Hi: 0.65}}},
				{Label: "Beaten for not paying", Bars: []doc.Bar{{N: 80, Label: "<5 of 80", Hidden: true, Share: withheldShare, Lo: 0.0123, Hi: 0.1357}, {N: 40, Label: "11 of 40", Share: 0.275, Lo: 0.16, Hi: 0.43}}},
				{Label: "학교에 비공식 비용", Bars: []doc.Bar{{}, {N: 38, Label: "7 of 38", Share: 7.0 / 38, Lo: 0.09, Hi: 0.33}}},
				{Label: "Children did unpaid labour for the school", Bars: []doc.Bar{{N: 40, Label: "33 of 40", Share: 0.825, Lo: 0.68, Hi: 0.91}, {N: 40, Label: "40 of 40", Share: 1, Lo: 0.91, Hi: 1}}},
			},
		}},
	}}
}

// TestChartPart reads word/charts/chart1.xml as a reader of the format would: a clustered bar
// chart with the waves as series, the findings as categories, the shares as values, the
// intervals as error bars and the bar labels as data labels; the withheld share nowhere.
func TestChartPart(t *testing.T) {
	data, _ := render(t, chartDoc())
	p := unzip(t, data)
	part := p.files["word/charts/chart1.xml"]
	c := parse(t, p, "word/charts/chart1.xml")

	bc := c.first("barChart")
	if bc.first("barDir").attr("val") != "bar" || bc.first("grouping").attr("val") != "clustered" {
		t.Errorf("barDir %q grouping %q: want horizontal clustered bars for four findings",
			bc.first("barDir").attr("val"), bc.first("grouping").attr("val"))
	}
	if got := c.first("title").text(); got != "Education" {
		t.Errorf("title %q", got)
	}
	if got := c.first("valAx").first("title").text(); got != "share of those who answered (95% CI)" {
		t.Errorf("value axis title %q", got)
	}
	sc := c.first("valAx").first("scaling")
	if sc.first("min").attr("val") != "0" || sc.first("max").attr("val") != "1" || c.first("valAx").first("numFmt").attr("formatCode") != "0%" {
		t.Errorf("the value axis does not run from 0 to 100%%")
	}
	series := bc.all("ser")
	if len(series) != 2 {
		t.Fatalf("%d series, want one per wave", len(series))
	}

	// points returns the cached points of an element: index → value and index → format
	points := func(n *node) (map[int]string, map[int]string) {
		vals, formats := map[int]string{}, map[int]string{}
		for _, pt := range n.all("pt") {
			i, err := strconv.Atoi(pt.attr("idx"))
			if err != nil {
				t.Fatalf("point index %q", pt.attr("idx"))
			}
			vals[i] = pt.first("v").Text
			formats[i] = pt.attr("formatCode")
		}
		return vals, formats
	}
	num := func(s string) float64 {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatalf("cached value %q is not a number", s)
		}
		return v
	}
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-6 }

	// Expected values derived by hand from chartDoc: value = share, plus = hi − share,
	// minus = share − lo; the withheld and absent bars: no share, no interval.
	type want struct {
		label       string
		value       float64
		plus, minus float64
		noBar       string // the format of a bar not drawn
	}
	wants := [2][4]want{
		{{"12 of 40", 0.3, 0.15, 0.12, ""}, {"<5 of 80", 0, 0, 0, "withheld"}, {"no data", 0, 0, 0, "no data"}, {"33 of 40", 0.825, 0.085, 0.145, ""}},
		{{"20 of 40", 0.5, 0.15, 0.15, ""}, {"11 of 40", 0.275, 0.155, 0.115, ""}, {"7 of 38", 7.0 / 38, 0.33 - 7.0/38, 7.0/38 - 0.09, ""}, {"40 of 40", 1, 0, 0.09, ""}},
	}
	waves := []string{"2014 (n = 40)", "2017 (n = 40)"}
	cats := []string{"Paid informal school fees", "Beaten for not paying", "학교에 비공식 비용", "Children did unpaid labour for the school"}
	for w, s := range series {
		if got := s.first("tx").first("v").Text; got != waves[w] {
			t.Errorf("series %d is named %q, want %q", w, got, waves[w])
		}
		catVals, _ := points(s.first("cat"))
		for g, name := range cats {
			if catVals[g] != name {
				t.Errorf("series %d category %d is %q, want %q", w, g, catVals[g], name)
			}
		}
		vals, formats := points(s.first("val"))
		plus, _ := points(s.first("errBars").first("plus"))
		minus, _ := points(s.first("errBars").first("minus"))
		if s.first("errValType").attr("val") != "cust" || s.first("errBarType").attr("val") != "both" {
			t.Errorf("series %d: the intervals are not custom error bars", w)
		}
		labels := map[int]string{}
		for _, l := range s.first("dLbls").all("dLbl") {
			i, _ := strconv.Atoi(l.first("idx").attr("val"))
			labels[i] = l.first("tx").text()
		}
		for g, wt := range wants[w] {
			if labels[g] != wt.label {
				t.Errorf("series %d point %d is labelled %q, want %q", w, g, labels[g], wt.label)
			}
			if wt.noBar != "" {
				if num(vals[g]) != 0 || !strings.Contains(formats[g], wt.noBar) {
					t.Errorf("series %d point %d: value %q format %q, want 0 formatted as %q", w, g, vals[g], formats[g], wt.noBar)
				}
				if _, ok := plus[g]; ok {
					t.Errorf("series %d point %d: a bar not drawn has an error bar", w, g)
				}
				if _, ok := minus[g]; ok {
					t.Errorf("series %d point %d: a bar not drawn has an error bar", w, g)
				}
				continue
			}
			if !near(num(vals[g]), wt.value) || !near(num(plus[g]), wt.plus) || !near(num(minus[g]), wt.minus) {
				t.Errorf("series %d point %d: value %s +%s −%s, want %g +%g −%g", w, g, vals[g], plus[g], minus[g], wt.value, wt.plus, wt.minus)
			}
		}
	}
	for _, leak := range []string{"0.0625", "6.25", "0.0123", "0.1357"} {
		if bytes.Contains(part, []byte(leak)) {
			t.Errorf("the chart part holds %q: the withheld bar's share or interval", leak)
		}
	}
}

// TestLibreOfficeChart converts a report with a chart: LibreOffice draws the Word chart (its
// text is in the PDF, which a picture's would not be), with the withheld bar's label.
func TestLibreOfficeChart(t *testing.T) {
	needTool(t, "soffice", "pdftotext")
	data, _ := render(t, chartDoc())
	pdfs := convert(t, map[string][]byte{"chart": data})
	text := layout(t, pdfs["chart"])
	for _, s := range []string{"Paid informal school fees", "학교에 비공식 비용", "12 of 40", "20 of 40", "<5 of 80", "7 of 38",
		"no data", "2014 (n = 40)", "2017 (n = 40)", "share of those who answered", "100%", "Figure 1. Education"} {
		if !text.Contains(s) {
			t.Errorf("the converted chart lacks %q:\n%s", s, text)
		}
	}
}
