package docx

import (
	"math"
	"strconv"
	"strings"

	"github.com/shadowreport/shadowreport/internal/doc"
)

// A figure is a Word chart: a DrawingML chart part (word/charts/chartN.xml) that holds its
// data in its own caches, so that Word and LibreOffice draw it, and a user restyles it,
// retitles it or edits its labels, without any workbook. A picture of the same chart is the
// fallback for readers that know no charts.

const (
	nsC       = "http://schemas.openxmlformats.org/drawingml/2006/chart"
	nsA       = "http://schemas.openxmlformats.org/drawingml/2006/main"
	relChart  = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"
	ctChart   = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
	chartData = nsC
	nsMC      = "http://schemas.openxmlformats.org/markup-compatibility/2006"
	nsW14     = "http://schemas.microsoft.com/office/word/2010/wordml"
	// chartRequires is what a reader must know to take the chart rather than the picture:
	// Word 2010's extensions, which Word 2010 and later and LibreOffice know.
	chartRequires = "w14"
)

// Chart colours and sizes, as in the PDF's charts (hundredths of a point for text).
const (
	chartInk  = "202020"
	chartSoft = "555555"
	chartGrid = "DDDDDD"
	tickSz    = 850
	labelSz   = 750
	titleSz   = 950
)

// waveColour steps from light grey-blue (earliest wave) to navy (latest), as the PDF's charts:
// distinct in greyscale.
func waveColour(w, n int) string {
	if n <= 1 {
		return "1F4E79"
	}
	t := float64(w) / float64(n-1)
	mix := func(a, b float64) int { return int(math.Round(a + t*(b-a))) }
	hex := func(v int) string {
		s := strconv.FormatInt(int64(v), 16)
		return strings.ToUpper(strings.Repeat("0", 2-len(s)) + s)
	}
	return hex(mix(0xBC, 0x1F)) + hex(mix(0xC6, 0x4E)) + hex(mix(0xD0, 0x79))
}

// chartPart writes the chart of c (its text already clean) as a clustered bar chart: the
// waves as series, the findings as categories, each bar's interval as custom error bars and
// its label ("28 of 40") as its data label. A bar that is absent (no answers) or withheld
// (Bar.Hidden) has no bar: its cached value is 0 with a number format that reads as its
// label, it has no error bar, and its data label is its label ("<5 of 40", "no data"). A
// withheld share is never written.
func chartPart(c doc.Chart, horizontal bool, lang string) []byte {
	var b strings.Builder
	b.Grow(4096 + 1024*len(c.Groups)*max(1, len(c.Waves)))
	nW := len(c.Waves)
	for _, g := range c.Groups {
		nW = max(nW, len(g.Bars))
	}
	nG := len(c.Groups)
	rich := func(text string, sz int, bold bool) string {
		var r strings.Builder
		r.WriteString(`<c:tx><c:rich><a:bodyPr/><a:lstStyle/>`)
		for _, line := range strings.Split(text, "\n") {
			r.WriteString(`<a:p><a:pPr><a:defRPr sz="` + itoa(sz) + `"` + boolAttr("b", bold) + `/></a:pPr>` +
				`<a:r><a:rPr lang="` + lang + `" sz="` + itoa(sz) + `"` + boolAttr("b", bold) + `/><a:t>` + esc(line) + `</a:t></a:r></a:p>`)
		}
		r.WriteString(`</c:rich></c:tx>`)
		return r.String()
	}
	txPr := func(sz int, colour string) string {
		return `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="` + itoa(sz) + `"><a:solidFill><a:srgbClr val="` + colour + `"/></a:solidFill>` +
			`<a:latin typeface="Arial"/><a:ea typeface="Malgun Gothic"/><a:cs typeface="Arial"/></a:defRPr></a:pPr><a:endParaRPr lang="` + lang + `"/></a:p></c:txPr>`
	}
	line := func(w int, colour string) string {
		return `<c:spPr><a:ln w="` + itoa(w) + `"><a:solidFill><a:srgbClr val="` + colour + `"/></a:solidFill></a:ln></c:spPr>`
	}
	const noLine = `<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>`

	b.WriteString(xmlPI + `<c:chartSpace xmlns:c="` + nsC + `" xmlns:a="` + nsA + `" xmlns:r="` + nsR + `">` +
		`<c:date1904 val="0"/><c:lang val="` + lang + `"/><c:roundedCorners val="0"/><c:chart>`)
	if t := strings.TrimSpace(c.Title); t != "" {
		b.WriteString(`<c:title>` + rich(t, titleSz, true) + `<c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>`)
	} else {
		b.WriteString(`<c:autoTitleDeleted val="1"/>`)
	}
	dir := "col"
	if horizontal {
		dir = "bar"
	}
	b.WriteString(`<c:plotArea><c:layout/><c:barChart><c:barDir val="` + dir + `"/><c:grouping val="clustered"/><c:varyColors val="0"/>`)
	for w := range nW {
		name := ""
		if w < len(c.Waves) {
			name = c.Waves[w]
		}
		b.WriteString(`<c:ser><c:idx val="` + itoa(w) + `"/><c:order val="` + itoa(w) + `"/>` +
			`<c:tx><c:strRef><c:f>Sheet1!$` + column(w+1) + `$1</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>` + esc(name) + `</c:v></c:pt></c:strCache></c:strRef></c:tx>` +
			`<c:spPr><a:solidFill><a:srgbClr val="` + waveColour(w, nW) + `"/></a:solidFill><a:ln><a:noFill/></a:ln></c:spPr><c:invertIfNegative val="0"/>`)

		// data labels: each bar's own, written as text
		b.WriteString(`<c:dLbls>`)
		for g, grp := range c.Groups {
			bar, shown := barAt(grp, w)
			label := bar.Label
			switch {
			case !shown && w < len(grp.Bars) && bar.Hidden:
			case !shown:
				label = "no data"
			case label == "":
				label = strconv.Itoa(bar.N)
			}
			b.WriteString(`<c:dLbl><c:idx val="` + itoa(g) + `"/>` + rich(label, labelSz, false))
			if !shown {
				b.WriteString(txPr(labelSz, chartSoft))
			}
			b.WriteString(`<c:dLblPos val="outEnd"/><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/>` +
				`<c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbl>`)
		}
		b.WriteString(noLine + txPr(labelSz, chartInk) + `<c:dLblPos val="outEnd"/><c:showLegendKey val="0"/><c:showVal val="0"/><c:showCatName val="0"/>` +
			`<c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>`)

		// the intervals, as custom error bars; none for a bar not shown
		var plus, minus strings.Builder
		for g, grp := range c.Groups {
			bar, shown := barAt(grp, w)
			if !shown {
				continue
			}
			share, lo, hi := unit(bar.Share), unit(bar.Lo), unit(bar.Hi)
			lo, hi = math.Min(lo, share), math.Max(hi, share)
			plus.WriteString(numPt(g, hi-share, ""))
			minus.WriteString(numPt(g, share-lo, ""))
		}
		b.WriteString(`<c:errBars><c:errBarType val="both"/><c:errValType val="cust"/><c:noEndCap val="0"/>` +
			`<c:plus><c:numLit><c:formatCode>0%</c:formatCode><c:ptCount val="` + itoa(nG) + `"/>` + plus.String() + `</c:numLit></c:plus>` +
			`<c:minus><c:numLit><c:formatCode>0%</c:formatCode><c:ptCount val="` + itoa(nG) + `"/>` + minus.String() + `</c:numLit></c:minus>` +
			line(9525, chartInk) + `</c:errBars>`)

		// categories and values, cached in the part
		b.WriteString(`<c:cat><c:strRef><c:f>Sheet1!$A$2:$A$` + itoa(nG+1) + `</c:f><c:strCache><c:ptCount val="` + itoa(nG) + `"/>`)
		for g, grp := range c.Groups {
			b.WriteString(`<c:pt idx="` + itoa(g) + `"><c:v>` + esc(grp.Label) + `</c:v></c:pt>`)
		}
		b.WriteString(`</c:strCache></c:strRef></c:cat>`)
		col := column(w + 1)
		b.WriteString(`<c:val><c:numRef><c:f>Sheet1!$` + col + `$2:$` + col + `$` + itoa(nG+1) + `</c:f><c:numCache><c:formatCode>0%</c:formatCode><c:ptCount val="` + itoa(nG) + `"/>`)
		for g, grp := range c.Groups {
			bar, shown := barAt(grp, w)
			if shown {
				b.WriteString(numPt(g, unit(bar.Share), ""))
				continue
			}
			// no bar: 0, formatted as the label says, never the withheld share
			text := "no data"
			if w < len(grp.Bars) && grp.Bars[w].Hidden {
				text = "withheld"
			}
			b.WriteString(numPt(g, 0, `"`+text+`"`))
		}
		b.WriteString(`</c:numCache></c:numRef></c:val></c:ser>`)
	}
	b.WriteString(`<c:gapWidth val="60"/><c:axId val="1001"/><c:axId val="1002"/></c:barChart>`)

	catPos, valPos, orient := "b", "l", "minMax"
	if horizontal {
		// the first finding at the top, as in the PDF; the value axis stays at the bottom
		catPos, valPos, orient = "l", "b", "maxMin"
	}
	b.WriteString(`<c:catAx><c:axId val="1001"/><c:scaling><c:orientation val="` + orient + `"/></c:scaling><c:delete val="0"/>` +
		`<c:axPos val="` + catPos + `"/><c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/>` +
		`<c:tickLblPos val="low"/>` + line(6350, chartSoft) + txPr(tickSz, chartInk) +
		`<c:crossAx val="1002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="1"/></c:catAx>`)
	b.WriteString(`<c:valAx><c:axId val="1002"/><c:scaling><c:orientation val="minMax"/><c:max val="1"/><c:min val="0"/></c:scaling><c:delete val="0"/>` +
		`<c:axPos val="` + valPos + `"/><c:majorGridlines>` + line(5080, chartGrid) + `</c:majorGridlines>`)
	if l := strings.TrimSpace(c.YLabel); l != "" {
		b.WriteString(`<c:title>` + rich(l, tickSz, false) + `<c:overlay val="0"/></c:title>`)
	}
	crosses := "autoZero"
	if horizontal {
		crosses = "max" // with the categories reversed, their last one is at the bottom
	}
	b.WriteString(`<c:numFmt formatCode="0%" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
		line(6350, chartSoft) + txPr(tickSz, chartInk) +
		`<c:crossAx val="1001"/><c:crosses val="` + crosses + `"/><c:crossBetween val="between"/><c:majorUnit val="0.2"/></c:valAx>`)
	b.WriteString(noLine + `</c:plotArea>`)
	b.WriteString(`<c:legend><c:legendPos val="t"/><c:overlay val="0"/>` + txPr(tickSz, chartInk) + `</c:legend>` +
		`<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>`)
	b.WriteString(noLine + txPr(tickSz, chartInk) + `</c:chartSpace>`)
	return []byte(b.String())
}

// barAt returns bar w of a group and whether it is drawn: a bar with answers, not withheld.
func barAt(g doc.BarGroup, w int) (doc.Bar, bool) {
	if w >= len(g.Bars) {
		return doc.Bar{}, false
	}
	b := g.Bars[w]
	return b, b.N > 0 && !b.Hidden
}

// numPt is a cached number; format, when set, is the point's own number format.
func numPt(idx int, v float64, format string) string {
	f := ""
	if format != "" {
		f = ` formatCode="` + esc(format) + `"`
	}
	return `<c:pt idx="` + itoa(idx) + `"` + f + `><c:v>` + strconv.FormatFloat(v, 'g', 6, 64) + `</c:v></c:pt>`
}

// unit clamps a share to [0, 1]; NaN is 0.
func unit(v float64) float64 {
	if !(v > 0) {
		return 0
	}
	return math.Min(v, 1)
}

// column is the spreadsheet name of column n (1 is A).
func column(n int) string {
	s := ""
	for n > 0 {
		n--
		s = string(rune('A'+n%26)) + s
		n /= 26
	}
	return s
}

func boolAttr(name string, on bool) string {
	if on {
		return ` ` + name + `="1"`
	}
	return ""
}
