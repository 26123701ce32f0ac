package docx

import (
	"strconv"
	"strings"

	"github.com/shadowreport/shadowreport/internal/doc"
)

// styles is word/styles.xml: Word's built-in styles under their built-in names (headings
// with outline levels for the navigation pane, Title, Quote, caption, footnotes, toc 1–2)
// and the report's own (cover, table text and notes). Sizes follow the document kind.
func (r *renderer) styles() []byte {
	s := r.sz
	front := func(role doc.Role) int { return halfPoints(r.d.Theme.Style(role).Size) }
	hs := func(n int) string { return strconv.Itoa(n) }
	tw := hs(r.textWidth)
	var b strings.Builder
	b.WriteString(xmlPI + `<w:styles ` + wRoot + `>`)
	b.WriteString(`<w:docDefaults><w:rPrDefault><w:rPr>` +
		`<w:rFonts w:ascii="Arial" w:eastAsia="Malgun Gothic" w:hAnsi="Arial" w:cs="Arial"/>` +
		`<w:color w:val="` + ink + `"/><w:sz w:val="` + hs(s.body) + `"/><w:szCs w:val="` + hs(s.body) + `"/>` +
		`<w:lang w:val="` + r.wordLang() + `" w:eastAsia="ko-KR" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>` +
		`<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>`)

	// style writes one style; kind is paragraph, character or table.
	style := func(kind, id, name, basedOn, extra, ppr, rpr string) {
		b.WriteString(`<w:style w:type="` + kind + `" w:styleId="` + id + `"`)
		if id == "Normal" || id == "DefaultParagraphFont" || id == "TableNormal" || id == "NoList" {
			b.WriteString(` w:default="1"`)
		}
		b.WriteString(`><w:name w:val="` + name + `"/>`)
		if basedOn != "" {
			b.WriteString(`<w:basedOn w:val="` + basedOn + `"/>`)
		}
		if kind == "paragraph" && id != "Normal" {
			b.WriteString(`<w:next w:val="Normal"/>`)
		}
		b.WriteString(extra)
		if ppr != "" {
			b.WriteString(`<w:pPr>` + ppr + `</w:pPr>`)
		}
		if rpr != "" {
			b.WriteString(`<w:rPr>` + rpr + `</w:rPr>`)
		}
		b.WriteString(`</w:style>`)
	}
	sz := func(n int) string { return `<w:sz w:val="` + hs(n) + `"/><w:szCs w:val="` + hs(n) + `"/>` }
	color := func(c string) string { return `<w:color w:val="` + c + `"/>` }
	const bold, italic, qf = `<w:b/><w:bCs/>`, `<w:i/><w:iCs/>`, `<w:uiPriority w:val="9"/><w:qFormat/>`
	rightTab := `<w:tabs><w:tab w:val="right" w:pos="` + tw + `"/></w:tabs>`
	dotTab := `<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="` + tw + `"/></w:tabs>`

	style("paragraph", "Normal", "Normal", "", `<w:qFormat/>`, `<w:widowControl/>`, "")
	style("character", "DefaultParagraphFont", "Default Paragraph Font", "", `<w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/>`, "", "")
	b.WriteString(`<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>` +
		`<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>`)
	b.WriteString(`<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>`)

	// title block and cover
	style("paragraph", "Title", "Title", "Normal", `<w:uiPriority w:val="10"/><w:qFormat/>`,
		`<w:keepNext/><w:keepLines/><w:spacing w:before="0" w:after="160" w:line="240" w:lineRule="auto"/>`, bold+color(navy)+sz(front(doc.RoleTitle)))
	style("paragraph", "Subtitle", "Subtitle", "Normal", `<w:uiPriority w:val="11"/><w:qFormat/>`,
		`<w:keepNext/><w:spacing w:before="0" w:after="240"/>`, color(navy)+sz(front(doc.RoleSubtitle)))
	style("paragraph", "CoverText", "Cover Text", "Normal", "", `<w:spacing w:after="120"/>`, sz(front(doc.RoleSubmittedTo)))
	style("paragraph", "CoverField", "Cover Field", "Normal", "",
		`<w:tabs><w:tab w:val="left" w:pos="2041"/></w:tabs><w:spacing w:after="80"/><w:ind w:left="2041" w:hanging="2041"/>`, "")
	style("paragraph", "CoverNotice", "Cover Notice", "Normal", "",
		`<w:shd w:val="clear" w:color="auto" w:fill="`+amber+`"/><w:spacing w:before="120" w:after="120"/><w:jc w:val="center"/>`, bold+sz(front(doc.RoleBand)))
	style("paragraph", "CoverStatement", "Cover Statement", "Normal", "",
		`<w:pBdr><w:left w:val="single" w:sz="24" w:space="8" w:color="`+navy+`"/></w:pBdr><w:shd w:val="clear" w:color="auto" w:fill="`+tint+`"/>`+
			`<w:spacing w:before="1400" w:after="480"/><w:ind w:left="227" w:right="113"/>`, "")

	// headings: the body and the annex of a report start new pages (the paragraphs say so),
	// other chapters follow on the page, kept with their first lines
	style("paragraph", "Heading1", "heading 1", "Normal", qf, `<w:keepNext/><w:keepLines/><w:spacing w:before="360" w:after="200"/><w:outlineLvl w:val="0"/>`, bold+color(navy)+sz(s.h1))
	style("paragraph", "Heading2", "heading 2", "Normal", qf, `<w:keepNext/><w:keepLines/><w:spacing w:before="300" w:after="120"/><w:outlineLvl w:val="1"/>`, bold+color(navy)+sz(s.h2))
	style("paragraph", "Heading3", "heading 3", "Normal", qf, `<w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="80"/><w:outlineLvl w:val="2"/>`, bold+italic+sz(s.h3))

	// body
	style("paragraph", "Small", "Small Text", "Normal", "", "", sz(s.small))
	style("paragraph", "ListParagraph", "List Paragraph", "Normal", `<w:uiPriority w:val="34"/><w:qFormat/>`, `<w:spacing w:after="60"/>`, "")
	style("character", "ListLabel", "List Label", "DefaultParagraphFont", "", "", "")
	// quotations as the PDF sets them: half a point under the body, italic, dark grey,
	// indented 9 mm on both sides with a grey rule 4 mm from the margin; the translation in
	// the same style after a grey "Translation:"; the attribution small, grey, right-aligned
	quoteInd := `<w:ind w:left="510" w:right="510"/>`
	quoteBar := `<w:pBdr><w:left w:val="single" w:sz="7" w:space="14" w:color="` + ruleGrey + `"/></w:pBdr>`
	style("paragraph", "Quote", "Quote", "Normal", `<w:uiPriority w:val="29"/><w:qFormat/>`,
		quoteBar+`<w:spacing w:before="160" w:after="60"/>`+quoteInd, italic+color(quoteInk)+sz(s.quote))
	style("paragraph", "QuoteTranslation", "Quote Translation", "Quote", "", `<w:spacing w:before="60" w:after="60"/>`, "")
	style("paragraph", "QuoteAttribution", "Quote Attribution", "Normal", "",
		quoteBar+`<w:spacing w:after="200"/>`+quoteInd+`<w:jc w:val="right"/>`, italic+color(grey)+sz(s.small))
	style("character", "Hyperlink", "Hyperlink", "DefaultParagraphFont", `<w:uiPriority w:val="99"/><w:unhideWhenUsed/>`, "", color(navy)+`<w:u w:val="single"/>`)

	// tables and figures
	style("paragraph", "Caption", "caption", "Normal", `<w:uiPriority w:val="35"/><w:unhideWhenUsed/><w:qFormat/>`,
		`<w:keepNext/><w:spacing w:before="240" w:after="100"/>`, bold+sz(s.caption))
	style("paragraph", "TableText", "Table Text", "Normal", "", `<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>`, sz(s.table))
	style("paragraph", "TableHeading", "Table Heading", "TableText", "", `<w:keepNext/>`, bold)
	style("paragraph", "Note", "Table Note", "Normal", "", `<w:spacing w:before="60" w:after="60" w:line="240" w:lineRule="auto"/>`, color(grey)+sz(s.small))
	style("paragraph", "Figure", "Figure", "Normal", "", `<w:keepNext/><w:spacing w:before="200" w:after="60" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/>`, "")
	b.WriteString(`<w:style w:type="table" w:styleId="ReportTable"><w:name w:val="Report Table"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/>` +
		`<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>` +
		`<w:tblPr><w:tblBorders><w:top w:val="single" w:sz="8" w:space="0" w:color="` + ink + `"/><w:bottom w:val="single" w:sz="8" w:space="0" w:color="` + ink + `"/>` +
		`<w:insideH w:val="single" w:sz="2" w:space="0" w:color="` + ruleGrey + `"/></w:tblBorders>` + cellMargins + `</w:tblPr>` +
		`<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/></w:rPr><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="` + tint + `"/></w:tcPr></w:tblStylePr></w:style>`)

	// notes, contents, header and footer
	style("paragraph", "FootnoteText", "footnote text", "Normal", `<w:uiPriority w:val="99"/><w:unhideWhenUsed/>`,
		`<w:spacing w:after="40" w:line="240" w:lineRule="auto"/><w:ind w:left="227" w:hanging="227"/>`, sz(s.small))
	style("character", "FootnoteReference", "footnote reference", "DefaultParagraphFont", `<w:uiPriority w:val="99"/><w:unhideWhenUsed/>`, "", `<w:vertAlign w:val="superscript"/>`)
	style("paragraph", "TOCHeading", "TOC Heading", "Normal", `<w:uiPriority w:val="39"/><w:unhideWhenUsed/><w:qFormat/>`,
		`<w:keepNext/><w:keepLines/><w:spacing w:before="360" w:after="240"/><w:outlineLvl w:val="9"/>`, bold+color(navy)+sz(s.h1))
	style("paragraph", "TOC1", "toc 1", "Normal", `<w:uiPriority w:val="39"/><w:unhideWhenUsed/>`,
		dotTab+`<w:spacing w:before="120" w:after="40"/>`, bold)
	style("paragraph", "TOC2", "toc 2", "Normal", `<w:uiPriority w:val="39"/><w:unhideWhenUsed/>`,
		dotTab+`<w:spacing w:after="40"/><w:ind w:left="340"/>`, "")
	style("paragraph", "Header", "header", "Normal", `<w:uiPriority w:val="99"/><w:unhideWhenUsed/>`,
		rightTab+`<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>`, color(grey)+sz(s.running))
	style("paragraph", "Footer", "footer", "Normal", `<w:uiPriority w:val="99"/><w:unhideWhenUsed/>`,
		rightTab+`<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>`, color(grey)+sz(s.running))
	style("paragraph", "FooterNotice", "Footer Notice", "Footer", "",
		`<w:shd w:val="clear" w:color="auto" w:fill="`+amber+`"/><w:spacing w:before="60"/><w:jc w:val="center"/>`, bold+color(ink))
	b.WriteString(`</w:styles>`)
	return []byte(b.String())
}
