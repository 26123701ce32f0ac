package docx

import (
	"strconv"
	"strings"
	"time"

	"github.com/shadowreport/shadowreport/internal/doc"
)

const (
	nsW   = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsR   = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	xmlPI = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
	wRoot = `xmlns:w="` + nsW + `" xmlns:r="` + nsR + `"`
	relNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
)

// contentTypes lists the parts' types: the fixed ones and one chart part per figure.
func contentTypes(charts int) []byte {
	var b strings.Builder
	b.WriteString(contentTypesHead)
	for i := range charts {
		b.WriteString(`<Override PartName="/word/charts/chart` + strconv.Itoa(i+1) + `.xml" ContentType="` + ctChart + `"/>`)
	}
	b.WriteString(`</Types>`)
	return []byte(b.String())
}

const contentTypesHead = xmlPI + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
	`<Default Extension="xml" ContentType="application/xml"/>` +
	`<Default Extension="png" ContentType="image/png"/>` +
	`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
	`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
	`<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>` +
	`<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>` +
	`<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>` +
	`<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>` +
	`<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>` +
	`<Override PartName="/word/header2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>` +
	`<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>` +
	`<Override PartName="/word/footer2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>` +
	`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
	`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>`

const packageRels = xmlPI + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="` + relNS + `officeDocument" Target="word/document.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`<Relationship Id="rId3" Type="` + relNS + `extended-properties" Target="docProps/app.xml"/>` +
	`</Relationships>`

// appXML names the application and nothing about the machine or the user.
const appXML = xmlPI + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">` +
	`<Application>shadowreport</Application><DocSecurity>0</DocSecurity></Properties>`

// core is docProps/core.xml: title, subject, creator (the organisations), keywords, language
// and the fixed dates; no lastModifiedBy, no revision.
func (r *renderer) core(created time.Time) []byte {
	props := r.d.Props
	date := created.Format("2006-01-02T15:04:05Z")
	var b strings.Builder
	b.WriteString(xmlPI + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
		`xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ` +
		`xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	el := func(name, v string) {
		if v != "" {
			b.WriteString("<" + name + ">" + esc(v) + "</" + name + ">")
		}
	}
	el("dc:title", r.line(props.Title))
	el("dc:subject", r.line(props.Subject))
	el("dc:creator", r.line(props.Author))
	el("cp:keywords", r.line(props.Keywords))
	el("dc:language", props.Language)
	b.WriteString(`<dcterms:created xsi:type="dcterms:W3CDTF">` + date + `</dcterms:created>`)
	b.WriteString(`<dcterms:modified xsi:type="dcterms:W3CDTF">` + date + `</dcterms:modified>`)
	b.WriteString(`</cp:coreProperties>`)
	return []byte(b.String())
}

// wordLang is the language of the text for Word's proofing tools: a region is added to a
// bare language, British English for English as at the UN.
func (r *renderer) wordLang() string {
	l := r.d.Props.Language
	regions := map[string]string{"en": "en-GB", "fr": "fr-FR", "es": "es-ES", "ru": "ru-RU", "ar": "ar-SA", "zh": "zh-CN", "ko": "ko-KR", "ja": "ja-JP", "de": "de-DE"}
	if full, ok := regions[strings.ToLower(l)]; ok {
		return full
	}
	return l
}

func (r *renderer) documentRels() []byte {
	var b strings.Builder
	b.WriteString(xmlPI + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	add := func(id, typ, target string, external bool) {
		b.WriteString(`<Relationship Id="` + id + `" Type="` + typ + `" Target="` + esc(target) + `"`)
		if external {
			b.WriteString(` TargetMode="External"`)
		}
		b.WriteString(`/>`)
	}
	add(ridStyles, relNS+"styles", "styles.xml", false)
	add(ridNumbering, relNS+"numbering", "numbering.xml", false)
	add(ridSettings, relNS+"settings", "settings.xml", false)
	add(ridFootnotes, relNS+"footnotes", "footnotes.xml", false)
	add(ridFontTable, relNS+"fontTable", "fontTable.xml", false)
	add(ridHeader, relNS+"header", "header1.xml", false)
	add(ridFooter, relNS+"footer", "footer1.xml", false)
	add(ridHeader1st, relNS+"header", "header2.xml", false)
	add(ridFooter1st, relNS+"footer", "footer2.xml", false)
	for _, rl := range r.rels {
		add(rl.id, rl.typ, rl.target, rl.typ == relHyperlink)
	}
	b.WriteString(`</Relationships>`)
	return []byte(b.String())
}

// document is word/document.xml: the body and its one section (A4, the first page's header
// and footer apart: empty on a cover, the confidentiality mark alone on a handout).
func (r *renderer) document() []byte {
	var b strings.Builder
	b.Grow(r.body.Len() + 2048)
	b.WriteString(xmlPI + `<w:document ` + wRoot +
		` xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"` +
		` xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"` +
		` xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"` +
		` xmlns:c="` + nsC + `" xmlns:mc="` + nsMC + `" xmlns:w14="` + nsW14 + `"><w:body>`)
	b.Write(r.body.Bytes())
	if r.body.Len() == 0 {
		b.WriteString("<w:p/>") // a body holds at least one paragraph
	}
	m := r.margins
	b.WriteString(`<w:sectPr>` +
		`<w:headerReference w:type="default" r:id="` + ridHeader + `"/><w:headerReference w:type="first" r:id="` + ridHeader1st + `"/>` +
		`<w:footerReference w:type="default" r:id="` + ridFooter + `"/><w:footerReference w:type="first" r:id="` + ridFooter1st + `"/>` +
		`<w:pgSz w:w="` + strconv.Itoa(pageW) + `" w:h="` + strconv.Itoa(pageH) + `"/>` +
		`<w:pgMar w:top="` + itoa(twips(m.Top)) + `" w:right="` + itoa(twips(m.Right)) + `" w:bottom="` + itoa(twips(m.Bottom)) + `" w:left="` + itoa(twips(m.Left)) + `" w:header="709" w:footer="567" w:gutter="0"/>` +
		`<w:cols w:space="708"/><w:titlePg/><w:docGrid w:linePitch="360"/></w:sectPr></w:body></w:document>`)
	return []byte(b.String())
}

func (r *renderer) footnotes() []byte {
	var b strings.Builder
	sep := `<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>`
	b.WriteString(xmlPI + `<w:footnotes ` + wRoot + `>` +
		`<w:footnote w:type="separator" w:id="-1"><w:p>` + sep + `<w:r><w:separator/></w:r></w:p></w:footnote>` +
		`<w:footnote w:type="continuationSeparator" w:id="0"><w:p>` + sep + `<w:r><w:continuationSeparator/></w:r></w:p></w:footnote>`)
	for i, n := range r.notes {
		b.WriteString(`<w:footnote w:id="` + strconv.Itoa(i+1) + `"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>` +
			`<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>` + run(" "+n, rp{}) + `</w:p></w:footnote>`)
	}
	b.WriteString(`</w:footnotes>`)
	return []byte(b.String())
}

// header is a running header: its text on the left, its mark on the right, a rule under.
func (r *renderer) header(h doc.Running) []byte {
	text := r.line(h.Text)
	var b strings.Builder
	b.WriteString(xmlPI + `<w:hdr ` + wRoot + `><w:p><w:pPr><w:pStyle w:val="Header"/>`)
	if text != "" || h.Mark != "" {
		b.WriteString(`<w:pBdr><w:bottom w:val="single" w:sz="4" w:space="2" w:color="` + ruleGrey + `"/></w:pBdr>`)
	}
	b.WriteString(`</w:pPr>` + run(text, rp{}))
	if h.Mark != "" {
		b.WriteString(`<w:r><w:tab/></w:r>` + run(h.Mark, rp{bold: true, color: ink}))
	}
	b.WriteString(`</w:p></w:hdr>`)
	return []byte(b.String())
}

// footer is a running footer: its text, "page X of Y" (PAGE and NUMPAGES fields) and the
// synthetic-data band.
func (r *renderer) footer(f doc.Running) []byte {
	var b strings.Builder
	b.WriteString(xmlPI + `<w:ftr ` + wRoot + `>`)
	if f.Empty() {
		b.WriteString(`<w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr></w:p></w:ftr>`)
		return []byte(b.String())
	}
	field := func(instr, placeholder string) string {
		return `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> ` + instr + ` </w:instrText></w:r>` +
			`<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>` + placeholder + `</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>`
	}
	b.WriteString(`<w:p><w:pPr><w:pStyle w:val="Footer"/><w:pBdr><w:top w:val="single" w:sz="4" w:space="4" w:color="` + ruleGrey + `"/></w:pBdr></w:pPr>` +
		run(r.line(f.Text), rp{}))
	if f.Page {
		b.WriteString(`<w:r><w:tab/></w:r>` + run(doc.PageWord, rp{}) + field("PAGE", "1") + run(doc.PageOf, rp{}) + field("NUMPAGES", "1"))
	}
	b.WriteString(`</w:p>`)
	if f.Band != "" {
		b.WriteString(`<w:p><w:pPr><w:pStyle w:val="FooterNotice"/></w:pPr>` + run(f.Band, rp{}) + `</w:p>`)
	}
	b.WriteString(`</w:ftr>`)
	return []byte(b.String())
}

// settings asks Word and LibreOffice to update fields on opening (the contents), keeps
// personal information out of later saves, and declares the footnote separators.
func (r *renderer) settings() []byte {
	return []byte(xmlPI + `<w:settings ` + wRoot + `>` +
		`<w:zoom w:percent="100"/><w:removePersonalInformation/><w:removeDateAndTime/>` +
		`<w:defaultTabStop w:val="567"/><w:characterSpacingControl w:val="doNotCompress"/>` +
		`<w:updateFields w:val="true"/>` +
		`<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>` +
		`<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>` +
		`</w:settings>`)
}

// fontTable describes the fonts so that Word can substitute a missing one sensibly.
const fontTable = xmlPI + `<w:fonts xmlns:w="` + nsW + `">` +
	`<w:font w:name="Arial"><w:panose1 w:val="020B0604020202020204"/><w:charset w:val="00"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>` +
	`<w:font w:name="Malgun Gothic"><w:altName w:val="맑은 고딕"/><w:panose1 w:val="020B0503020000020004"/><w:charset w:val="81"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>` +
	`</w:fonts>`

// numbering: numbered paragraphs (one list for the whole document), bullets, and ordered
// lists, each restarting at its own start.
func (r *renderer) numbering() []byte {
	var b strings.Builder
	lvl := func(format, text string, left, hanging int) string {
		rpr := ""
		if format == "bullet" {
			rpr = `<w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:cs="Arial" w:hint="default"/></w:rPr>`
		}
		return `<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="` + format + `"/><w:suff w:val="tab"/><w:lvlText w:val="` + text + `"/>` +
			`<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="` + strconv.Itoa(left) + `" w:hanging="` + strconv.Itoa(hanging) + `"/></w:pPr>` + rpr + `</w:lvl>`
	}
	abstract := func(id int, name, lv string) {
		b.WriteString(`<w:abstractNum w:abstractNumId="` + strconv.Itoa(id) + `"><w:multiLevelType w:val="singleLevel"/><w:name w:val="` + name + `"/>` + lv + `</w:abstractNum>`)
	}
	b.WriteString(xmlPI + `<w:numbering ` + wRoot + `>`)
	abstract(0, "Numbered paragraphs", lvl("decimal", "%1.", numIndent, numIndent))
	abstract(1, "Bullets", lvl("bullet", "•", bulletIndent, bulletIndent-numIndent))
	abstract(2, "Ordered list", lvl("decimal", "%1.", orderIndent, orderIndent-numIndent))
	b.WriteString(`<w:num w:numId="` + strconv.Itoa(numParagraph) + `"><w:abstractNumId w:val="0"/></w:num>`)
	b.WriteString(`<w:num w:numId="` + strconv.Itoa(numBullet) + `"><w:abstractNumId w:val="1"/></w:num>`)
	for i, start := range r.ordered {
		b.WriteString(`<w:num w:numId="` + strconv.Itoa(firstOrdered+i) + `"><w:abstractNumId w:val="2"/>` +
			`<w:lvlOverride w:ilvl="0"><w:startOverride w:val="` + strconv.Itoa(start) + `"/></w:lvlOverride></w:num>`)
	}
	b.WriteString(`</w:numbering>`)
	return []byte(b.String())
}
