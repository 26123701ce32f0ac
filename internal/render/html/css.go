package html

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/shadowreport/shadowreport/internal/doc"
)

// themeCSS sets the theme's colours as custom properties, and for print its page, margins
// and sizes, with the running header and footer in the page's margins: its text, the mark,
// "page X of Y" and the band, as on every page of the PDF (on the first page, the first
// page's).
func (r *renderer) themeCSS() string {
	t := r.d.Theme
	c := t.Colours
	mm := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) + "mm" }
	pt := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) + "pt" }
	m := t.Margins
	var b strings.Builder
	b.WriteString(":root{--ink:#" + c.Ink.Hex() + ";--grey:#" + c.Grey.Hex() + ";--quote:#" + c.QuoteInk.Hex() +
		";--navy:#" + c.Navy.Hex() + ";--rule:#" + c.Rule.Hex() + ";--tint:#" + c.Tint.Hex() + ";--amber:#" + c.Amber.Hex() + "}\n")
	// the paragraph numbers stand in the left margin: the page's left margin is narrower by
	// the room they take, which the text keeps as padding
	b.WriteString("@page{size:" + mm(t.PageW) + " " + mm(t.PageH) + ";margin:" + mm(m.Top) + " " + mm(m.Right) + " " + mm(m.Bottom) + " " + mm(m.Left-numberRoom) + ";" +
		r.marginBoxes(r.d.Header, r.d.Footer) + "}\n")
	b.WriteString("@page:first{" + r.marginBoxes(r.d.FirstHeader, r.d.FirstFooter) + "}\n")
	b.WriteString("@media print{body{font-size:" + pt(t.Sizes.Body) + "}h1{font-size:" + pt(t.Style(doc.RoleTitle).Size) + "}" +
		"h2{font-size:" + pt(t.Sizes.H1) + "}h3{font-size:" + pt(t.Sizes.H2) + "}h4{font-size:" + pt(t.Sizes.H3) + "}" +
		"table{font-size:" + pt(t.Sizes.Table) + "}.small,.table-notes,.notes{font-size:" + pt(t.Sizes.Small) + "}" +
		"caption,figcaption{font-size:" + pt(t.Sizes.Caption) + "}" +
		"header.front,nav.contents,main{padding-left:" + mm(numberRoom) + "}.pn{left:-" + mm(numberRoom) + ";width:" + mm(numberRoom-3) + "}}\n")
	return b.String()
}

// fontFamily names the embedded fonts, then fonts a reader's system may have.
const fontFamily = `"Liberation Sans","Nanum Gothic",Arial,Helvetica,sans-serif`

// numberRoom is the room of the paragraph numbers in print, in millimetres.
const numberRoom = 10.0

// marginBoxes are the page-margin boxes of a running header and footer.
func (r *renderer) marginBoxes(h, f doc.Running) string {
	size := strconv.FormatFloat(r.d.Theme.Sizes.Running, 'f', -1, 64) + "pt"
	box := func(name, content, style string) string {
		if content == "" {
			content = "none"
		}
		return "@" + name + "{content:" + content + ";font-family:" + fontFamily + ";font-size:" + size + ";" + style + "}"
	}
	var b strings.Builder
	text := ""
	if t := r.line(h.Text); t != "" {
		text = cssString(t)
	}
	b.WriteString(box("top-left", text, "color:var(--grey);vertical-align:bottom;border-bottom:.3pt solid var(--rule)"))
	mark := ""
	if h.Mark != "" {
		mark = cssString(r.line(h.Mark))
	}
	b.WriteString(box("top-right", mark, "font-weight:bold;vertical-align:bottom;border-bottom:.3pt solid var(--rule)"))
	foot, page := "", ""
	if t := r.line(f.Text); t != "" {
		foot = cssString(t)
	}
	if f.Page {
		page = cssString(doc.PageWord) + " counter(page) " + cssString(doc.PageOf) + " counter(pages)"
	}
	b.WriteString(box("bottom-left", foot, "color:var(--grey);vertical-align:top;border-top:.3pt solid var(--rule)"))
	b.WriteString(box("bottom-right", page, "color:var(--grey);vertical-align:top;border-top:.3pt solid var(--rule)"))
	band := ""
	if f.Band != "" {
		band = cssString(r.line(f.Band))
	}
	b.WriteString(box("bottom-center", band, "font-weight:bold;vertical-align:bottom;height:5.5mm;margin-bottom:4mm;background:var(--amber);-webkit-print-color-adjust:exact;print-color-adjust:exact"))
	return b.String()
}

// cssString is s as a CSS string: every character but ASCII letters, digits and spaces
// written as an escape, so that no text can end the string, the rule or the style element.
func cssString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, c := range s {
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == ' ' {
			b.WriteRune(c)
			continue
		}
		fmt.Fprintf(&b, "\\%06X", c)
	}
	b.WriteByte('"')
	return b.String()
}

// stylesheet is the page's own style: one column that fits a phone's screen, paragraph
// numbers in the margin where there is room, and a print style close to the PDF's.
const stylesheet = `*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;font-family:` + fontFamily + `;font-size:1rem;line-height:1.5;color:var(--ink);background:#fff;overflow-wrap:break-word}
a{color:var(--navy)}
:focus-visible{outline:3px solid var(--navy);outline-offset:2px}
.skip{position:absolute;left:-100vw;top:0;padding:.5em 1em;background:#fff;z-index:3}
.skip:focus{left:0}
.print-block{display:none}
header .band{background:var(--amber);font-weight:bold;text-align:center;padding:.4em;-webkit-print-color-adjust:exact;print-color-adjust:exact}
.marks{position:sticky;top:0;z-index:2;display:flex;flex-wrap:wrap;justify-content:center;gap:.15em 1.5em;padding:.35em 1rem;background:var(--amber);font-size:.875rem;line-height:1.3;text-align:center}
.marks .band{font-weight:bold}
header.front,nav.contents,main,.running-foot{max-width:46rem;margin:0 auto;padding:0 1rem}
header.front{padding-top:1.5rem;padding-bottom:1rem}
h1,h2,h3,h4{color:var(--navy);line-height:1.25;margin:1.6em 0 .5em}
h1{font-size:1.75rem;margin-top:.5em}
h2{font-size:1.45rem}
h3{font-size:1.15rem}
h4{font-size:1rem;font-style:italic;color:var(--ink)}
header .mark{margin:0}
header .subtitle{color:var(--navy);font-size:1.15rem}
header .rule{width:4.5rem;border-top:4px solid var(--navy);margin:1.5rem 0}
header .submitted,header .session{font-size:1.05rem;margin:.25em 0}
header .organisations{font-weight:bold;margin:.25em 0}
.fields{margin:1.5rem 0}
.fields div{display:flex;flex-wrap:wrap;gap:0 1em;margin:.2em 0}
.fields dt{color:var(--grey);min-width:8em}
.fields dd{margin:0;flex:1 1 12em}
.statement{background:var(--tint);border-left:4px solid var(--navy);padding:.75em 1em;margin:1.5rem 0}
nav.contents ol{list-style:none;padding-left:0}
nav.contents ol ol{padding-left:1.25em}
nav.contents>ol>li{font-weight:bold;margin:.4em 0}
nav.contents ol ol li{font-weight:normal}
.numbered{position:relative}
.pn{color:var(--ink);text-decoration:none}
.pn:hover,.pn:focus{text-decoration:underline}
@media (min-width:52rem){.pn{position:absolute;left:-3.5em;width:3em;text-align:right}}
div.numbered>ul,div.numbered>ol{margin-top:0}
.small{font-size:.875em}
.table{overflow-x:auto;margin:1.5em 0 .5em}
table{border-collapse:collapse;width:100%;font-size:.875rem;line-height:1.35;border-top:2px solid var(--ink);border-bottom:2px solid var(--ink)}
caption{caption-side:top;text-align:left;font-weight:bold;font-size:1rem;padding:0 0 .4em}
th,td{padding:.3em .4em;vertical-align:top;text-align:left;border-bottom:1px solid var(--rule);hyphens:auto}
@media (max-width:30rem){table{font-size:.8rem}th,td{padding:.25em .25em}}
thead th{background:var(--tint);border-bottom:1px solid var(--ink)}
tbody th{font-weight:normal}
tr.emphasis th,tr.emphasis td{font-weight:bold}
th.right,td.right{text-align:right}
th.center,td.center{text-align:center}
.table-notes{color:var(--grey);font-size:.8rem}
.table-notes p{margin:.3em 0}
figure{margin:1.75em 0}
figure.chart svg{display:block;width:100%;height:auto;max-width:40rem;margin:0 auto}
figcaption{font-weight:bold;margin-top:.5em}
details.words{margin-top:.5em;font-size:.9em}
details.words summary{cursor:pointer;color:var(--navy)}
figure.quote{margin:1.5em 0 1.5em 1em;padding-left:1em;border-left:3px solid var(--rule)}
figure.quote blockquote{margin:0;font-style:italic;color:var(--quote)}
figure.quote blockquote:lang(ko){font-style:normal}
figure.quote p{margin:.3em 0}
.translation .label{color:var(--grey)}
figure.quote figcaption{font-weight:normal;font-style:italic;color:var(--grey);font-size:.875em;text-align:right}
.notes{font-size:.875em;border-top:1px solid var(--rule);margin-top:2.5em}
.notes h2{font-size:1.15rem}
.notes .back{text-decoration:none}
.address{overflow-wrap:anywhere}
.running-foot{margin-top:3rem;padding-top:.5em;padding-bottom:1em;border-top:1px solid var(--rule);color:var(--grey);font-size:.875rem}
.running-foot p{margin:.25em 0}
.running-foot .band{background:var(--amber);color:var(--ink);font-weight:bold;text-align:center;padding:.25em}
.page-break{height:0}
@media print{
.skip,details.words,.marks,.running-foot{display:none}
.print-block{display:block}
header.front,nav.contents,main{max-width:none;padding-right:0}
header.front{padding-top:2em;break-after:page}
nav.contents{break-after:page}
h2.annex,.page-break{break-before:page}
h1,h2,h3,h4,caption{break-after:avoid}
tr,figure,blockquote,li{break-inside:avoid}
p{orphans:2;widows:2}
thead{display:table-header-group}
.table{overflow:visible}
a{color:inherit;text-decoration:none}
.pn{position:absolute;text-align:right}
.statement,thead th{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
`
