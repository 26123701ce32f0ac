package docx

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"

	"github.com/shadowreport/shadowreport/internal/chart"
	"github.com/shadowreport/shadowreport/internal/doc"
)

// Indents in twips: paragraph numbers hang 1 cm; list markers stand where the text of a
// numbered paragraph starts.
const (
	numIndent    = 567
	bulletIndent = 851 // bullet at 567, text at 851
	orderIndent  = 964 // number at 567, text at 964
)

// rp are the properties of a run.
type rp struct {
	style        string // character style
	bold, italic bool
	upright      bool // italic explicitly off (Korean in an italic paragraph style)
	color        string
	size         int    // half-points; 0 inherits
	lang         string // w:lang w:val
	eastAsia     string // w:lang w:eastAsia
}

func (p rp) xml() string {
	var b strings.Builder
	if p.style != "" {
		b.WriteString(`<w:rStyle w:val="` + p.style + `"/>`)
	}
	if p.bold {
		b.WriteString(`<w:b/><w:bCs/>`)
	}
	switch {
	case p.italic:
		b.WriteString(`<w:i/><w:iCs/>`)
	case p.upright:
		b.WriteString(`<w:i w:val="0"/><w:iCs w:val="0"/>`)
	}
	if p.color != "" {
		b.WriteString(`<w:color w:val="` + p.color + `"/>`)
	}
	if p.size > 0 {
		s := strconv.Itoa(p.size)
		b.WriteString(`<w:sz w:val="` + s + `"/><w:szCs w:val="` + s + `"/>`)
	}
	if p.lang != "" || p.eastAsia != "" {
		b.WriteString(`<w:lang`)
		if p.lang != "" {
			b.WriteString(` w:val="` + p.lang + `"`)
		}
		if p.eastAsia != "" {
			b.WriteString(` w:eastAsia="` + p.eastAsia + `"`)
		}
		b.WriteString(`/>`)
	}
	if b.Len() == 0 {
		return ""
	}
	return "<w:rPr>" + b.String() + "</w:rPr>"
}

// run writes clean text as runs; line ends become line breaks, and the dash of a range of
// numbers does not break (noBreakRanges).
func run(text string, p rp) string {
	if text == "" {
		return ""
	}
	text = noBreakRanges(text)
	var b strings.Builder
	b.WriteString("<w:r>")
	b.WriteString(p.xml())
	for i, l := range strings.Split(text, "\n") {
		if i > 0 {
			b.WriteString("<w:br/>")
		}
		if l != "" {
			b.WriteString(`<w:t xml:space="preserve">` + esc(l) + `</w:t>`)
		}
	}
	b.WriteString("</w:r>")
	return b.String()
}

// noBreakRanges turns the en dash of a range of numbers ("48–74%", "2014–2016") into a
// non-breaking hyphen (U+2011): Word and LibreOffice may break a line after an en dash, which
// splits an interval in a narrow table column ("48–" above "74%"), and LibreOffice ignores a
// word joiner put beside the dash. The PDF renderer breaks lines at spaces only and keeps the
// en dash.
func noBreakRanges(s string) string {
	if !strings.ContainsRune(s, '–') {
		return s
	}
	rs := []rune(s)
	for i := 1; i+1 < len(rs); i++ {
		if rs[i] == '–' && (unicode.IsDigit(rs[i-1]) || rs[i-1] == '%') && unicode.IsDigit(rs[i+1]) {
			rs[i] = '\u2011'
		}
	}
	return string(rs)
}

// ppr are the properties of a body paragraph, written in the schema's order.
type ppr struct {
	style               string
	keepNext, keepLines bool
	apart               bool // keepNext off where the style has it on
	numID               int
	tabs                []int // left tab stops
	spacing             string
	ind                 string
	jc                  string
}

func (r *renderer) pPr(p ppr) string {
	var b strings.Builder
	b.WriteString("<w:pPr>")
	if p.style != "" {
		b.WriteString(`<w:pStyle w:val="` + p.style + `"/>`)
	}
	switch {
	case p.keepNext:
		b.WriteString(`<w:keepNext/>`)
	case p.apart:
		b.WriteString(`<w:keepNext w:val="0"/>`)
	}
	if p.keepLines {
		b.WriteString(`<w:keepLines/>`)
	}
	if r.pendingBreak {
		b.WriteString(`<w:pageBreakBefore/>`)
		r.pendingBreak = false
	}
	if p.numID > 0 {
		b.WriteString(`<w:numPr><w:ilvl w:val="0"/><w:numId w:val="` + strconv.Itoa(p.numID) + `"/></w:numPr>`)
	}
	if len(p.tabs) > 0 {
		b.WriteString(`<w:tabs>`)
		for _, t := range p.tabs {
			b.WriteString(`<w:tab w:val="left" w:pos="` + strconv.Itoa(t) + `"/>`)
		}
		b.WriteString(`</w:tabs>`)
	}
	b.WriteString(p.spacing)
	b.WriteString(p.ind)
	if p.jc != "" {
		b.WriteString(`<w:jc w:val="` + p.jc + `"/>`)
	}
	b.WriteString("</w:pPr>")
	return b.String()
}

// blocks writes the body.
func (r *renderer) blocks(blocks []doc.Block) {
	for i, b := range blocks {
		r.stage = fmt.Sprintf("writing block %d (%T)", i+1, b)
		switch b := b.(type) {
		case *doc.Heading:
			if b != nil {
				r.heading(b, r.d.Info[i])
			}
		case *doc.Paragraph:
			if b != nil {
				r.paragraph(b)
			}
		case *doc.List:
			if b != nil {
				r.list(b)
			}
		case *doc.Quote:
			if b != nil {
				r.quote(b)
			}
		case *doc.Table:
			if b != nil {
				r.table(b)
			}
		case *doc.Figure:
			if b != nil {
				r.figure(b)
			}
		case *doc.PageBreak:
			r.pendingBreak = true
		case nil:
		default:
			r.warns.Add("docx: block %d: unknown block type %T left out", i+1, b)
		}
	}
}

func (r *renderer) heading(h *doc.Heading, info doc.BlockInfo) {
	bm := r.bookmarks[info.Anchor]
	r.nHeading++
	id := r.nHeading
	if r.d.Cover && h.StartsAnnex() {
		r.pendingBreak = true
	}
	r.body.WriteString("<w:p>" + r.pPr(ppr{style: "Heading" + strconv.Itoa(info.Level)}))
	r.body.WriteString(`<w:bookmarkStart w:id="` + strconv.Itoa(id) + `" w:name="` + bm + `"/>`)
	r.body.WriteString(run(r.line(h.Text), rp{}))
	r.body.WriteString(`<w:bookmarkEnd w:id="` + strconv.Itoa(id) + `"/></w:p>`)
}

func (r *renderer) paragraph(p *doc.Paragraph) {
	pp := ppr{}
	if p.Small {
		pp.style = "Small"
	}
	if p.Numbered {
		pp.numID = numParagraph
	}
	r.body.WriteString("<w:p>" + r.pPr(pp) + r.inlines(p.Inlines, rp{}) + "</w:p>")
}

// inlines writes a run of text: bold and italic runs, links, footnote references.
func (r *renderer) inlines(ins []doc.Inline, base rp) string {
	var b strings.Builder
	for _, in := range ins {
		p := base
		p.bold = p.bold || in.Bold
		p.italic = p.italic || in.Italic
		if text := r.clean(in.Text, false); text != "" {
			link := r.line(in.Link)
			switch {
			case link == "":
				b.WriteString(run(text, p))
			case strings.HasPrefix(link, "#"):
				a, ok := r.d.Link(link[1:])
				bm := r.bookmarks[a]
				if !ok {
					if !r.badLinks[link] {
						r.badLinks[link] = true
						r.warns.Add("docx: link to %q: no heading has that ID; set as plain text", link)
					}
					b.WriteString(run(text, p))
					break
				}
				p.style = "Hyperlink"
				b.WriteString(`<w:hyperlink w:anchor="` + bm + `" w:history="1">` + run(text, p) + `</w:hyperlink>`)
			case safeURL(link):
				p.style = "Hyperlink"
				b.WriteString(`<w:hyperlink r:id="` + r.urlRel(uriEscape(link)) + `" w:history="1">` + run(text, p) + `</w:hyperlink>`)
			default:
				b.WriteString(run(text, p))
			}
		}
		if strings.TrimSpace(in.Note) != "" {
			r.notes = append(r.notes, r.line(in.Note))
			b.WriteString(`<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="` + strconv.Itoa(len(r.notes)) + `"/></w:r>`)
		}
	}
	return b.String()
}

// list writes a bulleted or ordered list with Word numbering. A list that is one numbered
// paragraph (List.Numbered) carries the paragraph number before its first item: that item
// is a numbered paragraph whose own marker ("•", "1.") is text in the ListLabel style, and
// the items after it continue the list's numbering.
func (r *renderer) list(l *doc.List) {
	numID, indent := numBullet, bulletIndent
	if l.Ordered {
		start := 1
		if l.Numbered && len(l.Items) > 0 {
			start = 2
		}
		r.ordered = append(r.ordered, start)
		numID, indent = firstOrdered+len(r.ordered)-1, orderIndent
	}
	if len(l.Items) == 0 && l.Numbered {
		r.body.WriteString("<w:p>" + r.pPr(ppr{numID: numParagraph}) + "</w:p>")
		return
	}
	for i, item := range l.Items {
		pp := ppr{style: "ListParagraph", numID: numID}
		lead := ""
		if i == 0 && l.Numbered {
			marker := "•"
			if l.Ordered {
				marker = "1."
			}
			pp.numID = numParagraph
			pp.tabs = []int{numIndent, indent}
			pp.ind = `<w:ind w:left="` + strconv.Itoa(indent) + `" w:hanging="` + strconv.Itoa(indent) + `"/>`
			lead = run(marker, rp{style: "ListLabel"}) + "<w:r><w:tab/></w:r>"
		}
		r.body.WriteString("<w:p>" + r.pPr(pp) + lead + r.inlines(item, rp{}) + "</w:p>")
	}
}

// quote writes a quotation as the PDF sets it: the original (in its language), the
// translation after a grey "Translation:", and the attribution, kept together.
func (r *renderer) quote(q *doc.Quote) {
	text := strings.TrimSpace(r.clean(q.Text, true))
	tr := strings.TrimSpace(r.clean(q.Translation, true))
	attr := r.line(q.Attribution)
	if text == "" && tr == "" && attr == "" {
		return
	}
	p := rp{}
	switch lang := strings.ToLower(strings.TrimSpace(q.Language)); {
	case lang == "ko" || strings.HasPrefix(lang, "ko-"):
		p.lang, p.eastAsia, p.upright = "ko-KR", "ko-KR", true // Korean has no italic
	case validLang(lang):
		p.lang = lang
	}
	if text != "" {
		r.body.WriteString("<w:p>" + r.pPr(ppr{style: "Quote", keepNext: tr != "" || attr != ""}) + run(text, p) + "</w:p>")
	}
	if tr != "" {
		r.body.WriteString("<w:p>" + r.pPr(ppr{style: "QuoteTranslation", keepNext: attr != ""}) +
			run(doc.TranslationLabel+" ", rp{upright: true, color: grey}) + run(tr, rp{}) + "</w:p>")
	}
	if attr != "" {
		r.body.WriteString("<w:p>" + r.pPr(ppr{style: "QuoteAttribution"}) + run("— "+attr, rp{}) + "</w:p>")
	}
}

// validLang accepts a BCP 47-like tag: letters, digits and hyphens.
func validLang(s string) bool {
	if s == "" || len(s) > 35 {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// table writes a table: caption above, header row repeated on every page, rows never split,
// notes below.
func (r *renderer) table(t *doc.Table) {
	ncol := t.Columns()
	b := &r.body
	if c := r.line(t.Caption); c != "" {
		b.WriteString("<w:p>" + r.pPr(ppr{style: "Caption", keepNext: ncol > 0}) + run(c, rp{}) + "</w:p>")
	}
	if ncol == 0 {
		r.warns.Add("docx: table %q has no columns; only its caption and notes are written", t.ID)
	} else {
		if r.pendingBreak {
			// a table cannot start a page by itself: an empty paragraph does
			b.WriteString("<w:p>" + r.pPr(ppr{style: "Note"}) + "</w:p>")
		}
		widths := r.columnWidths(t, ncol)
		b.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="ReportTable"/><w:tblW w:w="` + itoa(sum(widths)) + `" w:type="dxa"/>` +
			`<w:tblBorders><w:top w:val="single" w:sz="8" w:space="0" w:color="` + ink + `"/><w:bottom w:val="single" w:sz="8" w:space="0" w:color="` + ink + `"/>` +
			`<w:insideH w:val="single" w:sz="2" w:space="0" w:color="` + ruleGrey + `"/></w:tblBorders>` +
			`<w:tblLayout w:type="fixed"/>` + cellMargins + `<w:tblLook w:val="0420" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>`)
		for _, w := range widths {
			b.WriteString(`<w:gridCol w:w="` + itoa(w) + `"/>`)
		}
		b.WriteString(`</w:tblGrid>`)
		if len(t.Header) > 0 {
			r.row(t, t.Header, widths, true, true)
		}
		for i, row := range t.Rows {
			r.row(t, row, widths, false, i < len(t.Emphasis) && t.Emphasis[i])
		}
		b.WriteString(`</w:tbl>`)
	}
	var notes []string
	for _, n := range t.Notes {
		if n = strings.TrimSpace(r.clean(n, true)); n != "" {
			notes = append(notes, n)
		}
	}
	for i, n := range notes {
		b.WriteString("<w:p>" + r.pPr(ppr{style: "Note", keepNext: i < len(notes)-1}) + run(n, rp{}) + "</w:p>")
	}
	if len(notes) == 0 && ncol > 0 {
		// a paragraph after every table: Word joins neighbouring tables, and a body may not end in one
		b.WriteString("<w:p>" + r.pPr(ppr{style: "Note"}) + "</w:p>")
	}
}

func (r *renderer) row(t *doc.Table, cells []string, widths []int, header, bold bool) {
	b := &r.body
	b.WriteString(`<w:tr><w:trPr><w:cantSplit/>`)
	if header {
		b.WriteString(`<w:tblHeader/>`)
	}
	b.WriteString(`</w:trPr>`)
	for c, w := range widths {
		b.WriteString(`<w:tc><w:tcPr><w:tcW w:w="` + itoa(w) + `" w:type="dxa"/>`)
		if header {
			b.WriteString(`<w:tcBorders><w:bottom w:val="single" w:sz="6" w:space="0" w:color="` + ink + `"/></w:tcBorders><w:shd w:val="clear" w:color="auto" w:fill="` + tint + `"/>`)
		}
		b.WriteString(`</w:tcPr>`)
		jc := ""
		if c < len(t.Align) {
			switch t.Align[c] {
			case doc.Right:
				jc = "right"
			case doc.Center:
				jc = "center"
			}
		}
		text := ""
		if c < len(cells) {
			text = strings.TrimSpace(r.clean(cells[c], true))
		}
		style := "TableText"
		if header {
			style = "TableHeading"
		}
		b.WriteString("<w:p>" + r.pPr(ppr{style: style, jc: jc}) + run(text, rp{bold: bold && !header}) + "</w:p></w:tc>")
	}
	b.WriteString(`</w:tr>`)
}

func sum(xs []int) int {
	s := 0
	for _, x := range xs {
		s += x
	}
	return s
}

// columnWidths returns the widths of the columns in twips: from Table.Widths when given,
// otherwise from the content as the PDF does: each column gets at least its longest word
// and, when there is room, its longest cell.
func (r *renderer) columnWidths(t *doc.Table, ncol int) []int {
	const pad = 2 * 85 // the cell margins
	out := t.ColumnWidths(ncol, float64(r.textWidth), pad+100, func(text string, bold bool) float64 {
		return textTwips(r.clean(text, false), r.sz.table, bold) + pad
	})
	res := make([]int, ncol)
	acc, done := 0.0, 0
	for i, w := range out {
		acc += w
		res[i] = int(math.Round(acc)) - done // rounding never loses the total
		done += res[i]
	}
	return res
}

// textTwips estimates the width of text in a sans font of size half-points: Latin letters
// about half an em, Korean and other wide characters a full em.
func textTwips(s string, size int, bold bool) float64 {
	em := float64(size) * 10 // twips per em
	w := 0.0
	for _, c := range s {
		switch {
		case c >= 0x1100 && (c <= 0x115F || c >= 0x2E80 && c <= 0xA4CF || c >= 0xAC00 && c <= 0xD7A3 || c >= 0xF900 && c <= 0xFAFF || c >= 0xFF00 && c <= 0xFF60):
			w += em
		case strings.ContainsRune("il.,;:'|!() ", c):
			w += em * 0.3
		case c >= 'A' && c <= 'Z', c == 'm', c == 'w':
			w += em * 0.68
		default:
			w += em * 0.55
		}
	}
	if bold {
		w *= 1.06
	}
	return w
}

// cellMargins are the padding of table cells.
const cellMargins = `<w:tblCellMar><w:top w:w="28" w:type="dxa"/><w:left w:w="85" w:type="dxa"/><w:bottom w:w="28" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>`

// Figures are as wide as the theme says (Theme.FigureSpan), at most 18 cm high. The fallback
// picture is drawn at 72 dpi, a screen's picture: Word and LibreOffice draw the chart itself.
const (
	figureMaxHCm   = 18.0
	fallbackDPI    = 72
	emuPerCm       = 360000
	relImage       = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
	relHyperlink   = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
	pictureDataURI = "http://schemas.openxmlformats.org/drawingml/2006/picture"
)

// figure writes a chart as a Word chart (a chart part with its data) with its alternative
// text, a picture of it as the fallback, and the caption below.
func (r *renderer) figure(f *doc.Figure) {
	c := r.cleanChart(f.Chart)
	caption := r.line(f.Caption)
	figureWidthCm := r.d.Theme.FigureSpan() / 10
	h := math.Min(chart.Height(c, figureWidthCm), figureMaxHCm)
	picture, err := chart.Raster(c, figureWidthCm, h, fallbackDPI)
	if err != nil {
		r.warns.Add("docx: figure %q not drawn: %v", f.ID, err)
		r.body.WriteString("<w:p>" + r.pPr(ppr{style: "Figure", keepNext: caption != ""}) +
			run(r.line("[Figure not drawn: "+err.Error()+"]"), rp{italic: true, color: grey}) + "</w:p>")
	} else {
		r.figures++
		r.charts = append(r.charts, chartPart(c, chart.Horizontal(c), r.wordLang()))
		chartRel := r.addRel(relChart, "charts/chart"+strconv.Itoa(len(r.charts))+".xml")
		r.media = append(r.media, nil) // drawn with the others once the body is written
		r.pictures = append(r.pictures, picture)
		imageRel := r.addRel(relImage, "media/image"+strconv.Itoa(len(r.media))+".png")
		alt := r.line(f.AltText)
		if alt == "" {
			alt = caption
		}
		cx := strconv.Itoa(int(figureWidthCm * emuPerCm))
		cy := strconv.Itoa(int(math.Round(h * emuPerCm)))
		// inline wraps a graphic in a drawing; each drawing has its own id, the alternative
		// text on both
		inline := func(id int, graphic string) string {
			n := strconv.Itoa(id)
			return `<w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="` + cx + `" cy="` + cy + `"/>` +
				`<wp:effectExtent l="0" t="0" r="0" b="0"/>` +
				`<wp:docPr id="` + n + `" name="Figure ` + strconv.Itoa(r.figures) + `" descr="` + esc(alt) + `" title="` + esc(caption) + `"/>` +
				`<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>` + graphic + `</wp:inline></w:drawing>`
		}
		chartGraphic := `<a:graphic><a:graphicData uri="` + chartData + `"><c:chart r:id="` + chartRel + `"/></a:graphicData></a:graphic>`
		pic := `<a:graphic><a:graphicData uri="` + pictureDataURI + `"><pic:pic>` +
			`<pic:nvPicPr><pic:cNvPr id="0" name="image` + strconv.Itoa(len(r.media)) + `.png" descr="` + esc(alt) + `"/><pic:cNvPicPr/></pic:nvPicPr>` +
			`<pic:blipFill><a:blip r:embed="` + imageRel + `"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>` +
			`<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="` + cx + `" cy="` + cy + `"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>` +
			`</pic:pic></a:graphicData></a:graphic>`
		// Word 2010 and later and LibreOffice take the chart; a reader without charts the picture
		r.body.WriteString("<w:p>" + r.pPr(ppr{style: "Figure", keepNext: caption != ""}) + `<w:r><mc:AlternateContent>` +
			`<mc:Choice Requires="` + chartRequires + `">` + inline(2*r.figures-1, chartGraphic) + `</mc:Choice>` +
			`<mc:Fallback>` + inline(2*r.figures, pic) + `</mc:Fallback></mc:AlternateContent></w:r></w:p>`)
	}
	if caption != "" {
		r.body.WriteString("<w:p>" + r.pPr(ppr{style: "Caption", apart: true, spacing: `<w:spacing w:before="60" w:after="240"/>`}) + run(caption, rp{}) + "</w:p>")
	}
}

// cleanChart returns a copy of c with clean labels.
func (r *renderer) cleanChart(c doc.Chart) doc.Chart {
	return c.MapText(func(s string) string { return r.clean(s, false) })
}

// contents writes the table of contents: a TOC field over heading levels 1 and 2 that Word
// refreshes on opening (settings.xml asks for it). Until then the field holds the headings
// as linked entries without page numbers, which no one can know before layout; LibreOffice
// keeps them as they are (it does not update indexes on loading or converting).
func (r *renderer) contents() {
	b := &r.body
	b.WriteString("<w:p>" + r.pPr(ppr{style: "TOCHeading"}) + run(doc.ContentsTitle, rp{}) + "</w:p>")
	begin := `<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \o "1-2" \h \z \u </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>`
	end := `<w:r><w:fldChar w:fldCharType="end"/></w:r>`
	if len(r.d.Entries) == 0 {
		b.WriteString("<w:p>" + r.pPr(ppr{style: "TOC1"}) + begin + run("Update the table of contents to list the headings.", rp{}) + end + "</w:p>")
		return
	}
	for i, e := range r.d.Entries {
		b.WriteString("<w:p>" + r.pPr(ppr{style: "TOC" + strconv.Itoa(e.Level)}))
		if i == 0 {
			b.WriteString(begin)
		}
		b.WriteString(`<w:hyperlink w:anchor="` + r.bookmarks[e.Anchor] + `" w:history="1">` + run(r.line(e.Text), rp{}) + `</w:hyperlink>`)
		if i == len(r.d.Entries)-1 {
			b.WriteString(end)
		}
		b.WriteString("</w:p>")
	}
}
