// Package html renders a resolved document as one accessible, self-contained web page: fonts and
// charts inline, nothing fetched, readable on a phone and printable.
package html

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"html"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/shadowreport/shadowreport/internal/chart"
	"github.com/shadowreport/shadowreport/internal/doc"
	"github.com/shadowreport/shadowreport/internal/fonts"
	rendering "github.com/shadowreport/shadowreport/internal/render"
	"github.com/shadowreport/shadowreport/internal/render/clean"
)

// Options control a render (render.Options): Created is the date the page's metadata gives.
type Options = rendering.Options

// Result describes the rendered document (render.Result): a web page has no pages.
type Result = rendering.Result

// Renderer renders the report as one HTML file.
type Renderer struct{}

// Format is "html".
func (Renderer) Format() string { return "html" }

// Render writes d as an HTML page to w.
func Render(w io.Writer, d *doc.Document, opts Options) (Result, error) {
	return Renderer{}.Render(w, doc.Resolve(d), opts)
}

// Render writes the resolved document d as an HTML page to w.
func (Renderer) Render(w io.Writer, d *doc.Resolved, opts Options) (Result, error) {
	r := &renderer{d: d}
	return rendering.Guard("html", "", w, d, opts, &r.stage, &r.warns, func() ([]byte, Result, error) {
		out, err := r.render(opts)
		return out, Result{}, err
	})
}

// renderer holds the state of one render.
type renderer struct {
	stage   string
	warns   clean.Warnings
	d       *doc.Resolved
	b       strings.Builder
	notes   []string // footnotes, clean
	tables  int
	figures int
}

// ids of the page's own elements: a dot, which no heading's anchor has, keeps them apart.
const (
	idMain     = "main.report"
	idContents = "contents.h"
	idNotes    = "notes.h"
)

func (r *renderer) render(opts Options) ([]byte, error) {
	d := r.d
	r.stage = "writing the front matter"
	r.marks()
	r.header()
	if d.Contents {
		r.stage = "writing the contents"
		r.contents()
	}
	r.b.WriteString(`<main id="` + idMain + `">` + "\n")
	r.blocks()
	r.footnotes()
	r.b.WriteString("</main>\n")
	r.footer()
	body := r.b.String()

	r.stage = "embedding the fonts"
	faces, err := r.fontFaces(body)
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	out.Grow(len(body) + len(faces) + len(stylesheet) + 2048)
	props := d.Props
	title := r.line(props.Title)
	if title == "" {
		title = untitled
	}
	out.WriteString("<!DOCTYPE html>\n<html lang=\"" + esc(props.Language) + "\">\n<head>\n<meta charset=\"utf-8\">\n")
	out.WriteString(`<meta name="viewport" content="width=device-width, initial-scale=1">` + "\n")
	out.WriteString("<title>" + esc(title) + "</title>\n")
	meta := func(name, content string) {
		if content = r.line(content); content != "" {
			out.WriteString(`<meta name="` + name + `" content="` + esc(content) + `">` + "\n")
		}
	}
	meta("author", props.Author)
	meta("description", props.Subject)
	meta("keywords", props.Keywords)
	meta("generator", "shadowreport")
	meta("dcterms.created", opts.Date().Format("2006-01-02"))
	if d.Meta.Confidential {
		meta("robots", "noindex, nofollow")
	}
	out.WriteString("<style>\n")
	out.WriteString(faces)
	out.WriteString(stylesheet)
	out.WriteString(r.themeCSS())
	out.WriteString("</style>\n</head>\n<body>\n")
	out.WriteString(body)
	out.WriteString("</body>\n</html>\n")
	return out.Bytes(), nil
}

// untitled is the page's title and heading when the document has no title.
const untitled = "Submission"

// clean makes text safe for HTML (clean.Text) and records what it replaced.
func (r *renderer) clean(s string, keepNL bool) string {
	return clean.Text(s, keepNL, func(c rune, i int, replaced bool) {
		if replaced {
			r.warns.Replaced(c, s, i)
		}
	})
}

// line is clean text on one line, trimmed.
func (r *renderer) line(s string) string { return strings.TrimSpace(r.clean(s, false)) }

// esc escapes clean text for element content and attribute values alike.
func esc(s string) string { return html.EscapeString(s) }

// text escapes clean text, line ends as line breaks.
func text(s string) string { return strings.ReplaceAll(esc(s), "\n", "<br>") }

// marks are the confidential mark and the synthetic-data band, kept in view at the top of
// the screen, as on every page of the PDF (in print, the page margins carry them).
func (r *renderer) marks() {
	h, f := r.d.Header, r.d.Footer
	if h.Mark == "" && f.Band == "" {
		return
	}
	r.b.WriteString(`<div class="marks" role="region" aria-label="Marks of this document">`)
	if h.Mark != "" {
		r.b.WriteString(`<strong class="mark">` + esc(r.line(h.Mark)) + `</strong>`)
	}
	if f.Band != "" {
		r.b.WriteString(`<span class="band">` + esc(r.line(f.Band)) + `</span>`)
	}
	r.b.WriteString("</div>\n")
}

// header is the cover or the title block: the front matter's lines in order, the title as the
// page's one h1. The cover's bands are printed only: on screen the marks show the band.
func (r *renderer) header() {
	b := &r.b
	b.WriteString(`<header class="front">` + "\n")
	titled := false
	for _, l := range r.d.Front {
		if l.Role == doc.RoleTitle {
			titled = true
		}
	}
	if !titled {
		b.WriteString("<h1>" + esc(untitled) + "</h1>\n")
	}
	inFields := false
	for _, l := range r.d.Front {
		t := esc(r.line(l.Text))
		if l.Role != doc.RoleField && inFields {
			b.WriteString("</dl>\n")
			inFields = false
		}
		if l.Strong {
			t = "<strong>" + t + "</strong>"
		}
		switch l.Role {
		case doc.RoleBand:
			// the marks show the band on screen; on paper the cover carries it as the PDF's
			b.WriteString(`<p class="band print-block">` + t + "</p>\n")
		case doc.RoleTitle:
			b.WriteString("<h1>" + t + "</h1>\n")
		case doc.RoleRule:
			b.WriteString(`<div class="rule"></div>` + "\n")
		case doc.RoleMark:
			b.WriteString(`<p class="mark"><strong>` + t + "</strong></p>\n")
		case doc.RoleField:
			if !inFields {
				b.WriteString(`<dl class="fields">` + "\n")
				inFields = true
			}
			b.WriteString("<div><dt>" + esc(l.Label) + "</dt><dd>" + t + "</dd></div>\n")
		default:
			b.WriteString(`<p class="` + roleClass[l.Role] + `">` + t + "</p>\n")
		}
	}
	if inFields {
		b.WriteString("</dl>\n")
	}
	b.WriteString("</header>\n")
}

var roleClass = map[doc.Role]string{
	doc.RoleSubtitle: "subtitle", doc.RoleSubmittedTo: "submitted", doc.RoleSession: "session",
	doc.RoleOrganisations: "organisations", doc.RoleStatement: "statement",
}

// contents lists the headings of levels 1 and 2 as links, each chapter's sections nested
// under it.
func (r *renderer) contents() {
	b := &r.b
	b.WriteString(`<nav class="contents" aria-labelledby="` + idContents + `">` + "\n")
	b.WriteString(`<h2 id="` + idContents + `">` + esc(doc.ContentsTitle) + "</h2>\n<ol>\n")
	entries := r.d.Entries
	link := func(e doc.Entry) string {
		return `<a href="#` + e.Anchor + `">` + esc(r.line(e.Text)) + "</a>"
	}
	for i := 0; i < len(entries); {
		e := entries[i]
		i++
		b.WriteString("<li>" + link(e))
		if e.Level == 1 && i < len(entries) && entries[i].Level == 2 {
			b.WriteString("\n<ol>\n")
			for ; i < len(entries) && entries[i].Level == 2; i++ {
				b.WriteString("<li>" + link(entries[i]) + "</li>\n")
			}
			b.WriteString("</ol>\n")
		}
		b.WriteString("</li>\n")
	}
	b.WriteString("</ol>\n</nav>\n")
}

// footer is the page's footer: the running footer's text, whether the submission may be
// published (the cover's statement), and the synthetic-data band; the title when there is
// nothing else to say. In print the page margins carry the running footer instead.
func (r *renderer) footer() {
	var ps []string
	if t := r.line(r.d.Footer.Text); t != "" {
		ps = append(ps, `<p>`+esc(t)+`</p>`)
	}
	for _, l := range r.d.Front {
		if t := r.line(l.Text); l.Role == doc.RoleStatement && t != "" {
			ps = append(ps, `<p>`+esc(t)+`</p>`)
		}
	}
	if f := r.d.Footer; f.Band != "" {
		ps = append(ps, `<p class="band">`+esc(r.line(f.Band))+`</p>`)
	}
	if len(ps) == 0 {
		title := r.line(r.d.Props.Title)
		if title == "" {
			title = untitled
		}
		ps = append(ps, `<p>`+esc(title)+`</p>`)
	}
	r.b.WriteString(`<footer class="running-foot">` + strings.Join(ps, "") + "</footer>\n")
}

// blocks writes the body.
func (r *renderer) blocks() {
	for i, b := range r.d.Document.Blocks {
		r.stage = fmt.Sprintf("writing block %d (%T)", i+1, b)
		info := r.d.Info[i]
		switch b := b.(type) {
		case *doc.Heading:
			if b != nil {
				r.heading(b, info)
			}
		case *doc.Paragraph:
			if b != nil {
				r.paragraph(b, info.Number)
			}
		case *doc.List:
			if b != nil {
				r.list(b, info.Number)
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
			r.b.WriteString(`<div class="page-break"></div>` + "\n")
		case nil:
		default:
			r.warns.Add("html: block %d: unknown block type %T left out", i+1, b)
		}
	}
}

// heading writes a heading one level under its outline level: the page's h1 is the title, so
// a chapter is an h2, and no level is skipped.
func (r *renderer) heading(h *doc.Heading, info doc.BlockInfo) {
	n := strconv.Itoa(min(info.Outline+1, 6))
	class := ""
	if r.d.Cover && h.StartsAnnex() {
		class = ` class="annex"`
	}
	r.b.WriteString("<h" + n + ` id="` + info.Anchor + `"` + class + ">" + esc(r.line(h.Text)) + "</h" + n + ">\n")
}

// number is the mark of paragraph n: a link to itself, so that a paragraph can be cited.
func number(n int) string {
	id := "p." + strconv.Itoa(n)
	return `<a class="pn" href="#` + id + `">` + strconv.Itoa(n) + ".</a> "
}

func (r *renderer) paragraph(p *doc.Paragraph, n int) {
	var class []string
	if p.Small {
		class = append(class, "small")
	}
	attrs, lead := "", ""
	if n > 0 {
		class = append(class, "numbered")
		attrs = ` id="p.` + strconv.Itoa(n) + `"`
		lead = number(n)
	}
	if len(class) > 0 {
		attrs += ` class="` + strings.Join(class, " ") + `"`
	}
	r.b.WriteString("<p" + attrs + ">" + lead + r.inlines(p.Inlines) + "</p>\n")
}

// inlines writes a run of text: bold and italic, links within the document, note references.
// A link to an address outside the document is printed as its text and the address: the page
// refers to nothing outside itself.
func (r *renderer) inlines(ins []doc.Inline) string {
	var b strings.Builder
	for _, in := range ins {
		t := text(r.clean(in.Text, false))
		if t != "" {
			if in.Italic {
				t = "<em>" + t + "</em>"
			}
			if in.Bold {
				t = "<strong>" + t + "</strong>"
			}
			link := r.line(in.Link)
			switch id, internal := strings.CutPrefix(link, "#"); {
			case link == "":
			case internal:
				if a, ok := r.d.Link(id); ok {
					t = `<a href="#` + a + `">` + t + "</a>"
				}
			case safeURL(link) && link != r.line(in.Text):
				t += ` (<span class="address">` + esc(link) + `</span>)`
			}
			b.WriteString(t)
		}
		if note := r.line(in.Note); note != "" {
			r.notes = append(r.notes, note)
			n := strconv.Itoa(len(r.notes))
			b.WriteString(`<sup class="note-ref"><a href="#fn.` + n + `" id="fnref.` + n + `" aria-label="Note ` + n + `">` + n + "</a></sup>")
		}
	}
	return b.String()
}

// safeURL allows the link schemes a submission needs (as the PDF and Word files do).
func safeURL(u string) bool {
	l := strings.ToLower(u)
	return strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "mailto:")
}

// list writes a bulleted or ordered list; a list that is one numbered paragraph carries the
// paragraph's number before it.
func (r *renderer) list(l *doc.List, n int) {
	tag := "ul"
	if l.Ordered {
		tag = "ol"
	}
	if n > 0 {
		r.b.WriteString(`<div class="numbered" id="p.` + strconv.Itoa(n) + `">` + number(n) + "\n")
	}
	if len(l.Items) > 0 {
		r.b.WriteString("<" + tag + ">\n")
		for _, it := range l.Items {
			r.b.WriteString("<li>" + r.inlines(it) + "</li>\n")
		}
		r.b.WriteString("</" + tag + ">\n")
	}
	if n > 0 {
		r.b.WriteString("</div>\n")
	}
}

// quote writes a quotation as a figure: the original in its language, the translation, and
// the attribution as the caption.
func (r *renderer) quote(q *doc.Quote) {
	t := strings.TrimSpace(r.clean(q.Text, true))
	tr := strings.TrimSpace(r.clean(q.Translation, true))
	attr := r.line(q.Attribution)
	if t == "" && tr == "" && attr == "" {
		return
	}
	b := &r.b
	b.WriteString(`<figure class="quote">`)
	if t != "" {
		lang := ""
		if l := strings.TrimSpace(q.Language); doc.ValidLanguage(l) {
			lang = ` lang="` + l + `"`
		}
		b.WriteString("<blockquote" + lang + "><p>" + text(t) + "</p></blockquote>")
	}
	if tr != "" {
		b.WriteString(`<p class="translation"><span class="label">` + esc(doc.TranslationLabel) + "</span> " + text(tr) + "</p>")
	}
	if attr != "" {
		b.WriteString("<figcaption>— " + esc(attr) + "</figcaption>")
	}
	b.WriteString("</figure>\n")
}

// table writes a table: its caption, a header row of column headers, the first cell of each
// row as its row header, and the notes under it. A table wider than the screen scrolls
// inside its frame, never the page.
func (r *renderer) table(t *doc.Table) {
	ncol := t.Columns()
	caption := r.line(t.Caption)
	var notes []string
	for _, n := range t.Notes {
		if n = strings.TrimSpace(r.clean(n, true)); n != "" {
			notes = append(notes, n)
		}
	}
	b := &r.b
	if ncol == 0 {
		r.warns.Add("html: table %q has no columns; only its caption and notes are written", t.ID)
		if caption != "" {
			b.WriteString(`<p class="caption">` + esc(caption) + "</p>\n")
		}
	} else {
		r.tables++
		id := "table." + strconv.Itoa(r.tables)
		if caption == "" {
			caption = "Table"
		}
		b.WriteString(`<div class="table" role="region" aria-labelledby="` + id + `" tabindex="0">` + "\n<table")
		if len(notes) > 0 {
			b.WriteString(` aria-describedby="` + id + `.notes"`)
		}
		b.WriteString(">\n<caption id=\"" + id + "\">" + esc(caption) + "</caption>\n")
		align := func(c int) string {
			if c < len(t.Align) {
				switch t.Align[c] {
				case doc.Right:
					return ` class="right"`
				case doc.Center:
					return ` class="center"`
				}
			}
			return ""
		}
		cell := func(row []string, c int) string {
			if c < len(row) {
				return text(strings.TrimSpace(r.clean(row[c], true)))
			}
			return ""
		}
		if len(t.Header) > 0 {
			b.WriteString("<thead><tr>")
			for c := range ncol {
				b.WriteString(`<th scope="col"` + align(c) + ">" + cell(t.Header, c) + "</th>")
			}
			b.WriteString("</tr></thead>\n")
		}
		b.WriteString("<tbody>\n")
		for i, row := range t.Rows {
			if i < len(t.Emphasis) && t.Emphasis[i] {
				b.WriteString(`<tr class="emphasis">`)
			} else {
				b.WriteString("<tr>")
			}
			for c := range ncol {
				if c == 0 {
					b.WriteString(`<th scope="row"` + align(c) + ">" + cell(row, c) + "</th>")
				} else {
					b.WriteString("<td" + align(c) + ">" + cell(row, c) + "</td>")
				}
			}
			b.WriteString("</tr>\n")
		}
		b.WriteString("</tbody>\n</table>\n</div>\n")
		if len(notes) > 0 {
			b.WriteString(`<div class="table-notes" id="` + id + `.notes">`)
			for _, n := range notes {
				b.WriteString("<p>" + text(n) + "</p>")
			}
			b.WriteString("</div>\n")
			return
		}
	}
	for _, n := range notes {
		b.WriteString(`<p class="table-notes">` + text(n) + "</p>\n")
	}
}

// figure writes a chart as inline SVG, named by its caption and described by its alternative
// text, which states the figures in words; the words are also on the page, under the chart.
func (r *renderer) figure(f *doc.Figure) {
	r.figures++
	id := "figure." + strconv.Itoa(r.figures)
	caption := r.line(f.Caption)
	alt := r.line(f.AltText)
	if alt == "" {
		alt = caption
	}
	b := &r.b
	b.WriteString(`<figure class="chart" id="` + id + `">` + "\n")
	svg, err := r.svg(f.Chart)
	if err != nil {
		r.warns.Add("html: figure %q not drawn: %v", f.ID, err)
		b.WriteString(`<p class="not-drawn">` + esc(r.line("[Figure not drawn: "+err.Error()+"]")) + "</p>\n")
	} else {
		b.WriteString(`<svg viewBox="` + svg.viewBox + `" role="img" aria-labelledby="` + id + `.title" aria-describedby="` + id + `.desc">` +
			`<title id="` + id + `.title">` + esc(caption) + `</title><desc id="` + id + `.desc">` + esc(alt) + "</desc>\n")
		b.WriteString(svg.body)
		b.WriteString("</svg>\n")
	}
	if caption != "" {
		b.WriteString("<figcaption>" + esc(caption) + "</figcaption>\n")
	}
	if alt != "" && alt != caption {
		b.WriteString(`<details class="words"><summary>The figures in words</summary><p>` + esc(alt) + "</p></details>\n")
	}
	b.WriteString("</figure>\n")
}

type svgChart struct{ viewBox, body string }

// svg draws a chart as the PDF does, at the theme's figure width, as SVG elements.
func (r *renderer) svg(c doc.Chart) (svgChart, error) {
	c = c.MapText(func(s string) string { return r.clean(s, false) })
	p, err := chart.Plot(c)
	if err != nil {
		return svgChart{}, err
	}
	const ptmm = 72 / 25.4
	wmm := r.d.Theme.FigureSpan()
	hmm := chart.Height(c, wmm/10) * 10
	w, h := vg.Length(wmm*ptmm), vg.Length(hmm*ptmm)
	cv := vgsvg.NewWith(vgsvg.UseWH(w, h))
	p.Draw(draw.New(cv))
	var out bytes.Buffer
	if _, err := cv.WriteTo(&out); err != nil {
		return svgChart{}, err
	}
	// keep what is inside the <svg> element: its own opening tag names the SVG namespace by
	// its address, which an HTML page does not need
	s := out.String()
	i := strings.Index(s, "<svg")
	if i < 0 {
		return svgChart{}, fmt.Errorf("chart: no <svg> element drawn")
	}
	j := strings.IndexByte(s[i:], '>')
	k := strings.LastIndex(s, "</svg>")
	if j < 0 || k < i+j {
		return svgChart{}, fmt.Errorf("chart: the drawing is not an <svg> element")
	}
	inner := strings.TrimSpace(s[i+j+1 : k])
	return svgChart{viewBox: "0 0 " + num(w.Points()) + " " + num(h.Points()), body: inner + "\n"}, nil
}

func num(f float64) string { return strconv.FormatFloat(math.Round(f*100)/100, 'f', -1, 64) }

// footnotes writes the notes at the end of the body, each with a link back to its reference.
func (r *renderer) footnotes() {
	if len(r.notes) == 0 {
		return
	}
	b := &r.b
	b.WriteString(`<section class="notes" aria-labelledby="` + idNotes + `"><h2 id="` + idNotes + `">Notes</h2>` + "\n<ol>\n")
	for i, n := range r.notes {
		k := strconv.Itoa(i + 1)
		b.WriteString(`<li id="fn.` + k + `"><p>` + esc(n) + ` <a class="back" href="#fnref.` + k + `" aria-label="Back to the text of note ` + k + `">↑</a></p></li>` + "\n")
	}
	b.WriteString("</ol>\n</section>\n")
}

// fontFaces are the @font-face rules of the embedded fonts, each reduced to the characters
// of the page (WOFF, inline): Liberation Sans in four styles, and Nanum Gothic for Korean
// when the page has Korean text.
func (r *renderer) fontFaces(page string) (string, error) {
	seen := map[rune]bool{}
	var runes []rune
	for c := rune(0x20); c < 0x7F; c++ { // all of ASCII: the page escapes some of it
		seen[c] = true
		runes = append(runes, c)
	}
	for _, c := range page {
		if c >= 0x20 && c != utf8.RuneError && !seen[c] {
			seen[c] = true
			runes = append(runes, c)
		}
	}
	slices.Sort(runes)
	var korean []rune
	for _, c := range runes {
		if c > 0x7F && !fonts.Has(fonts.Latin, c) && fonts.Has(fonts.Korean, c) {
			korean = append(korean, c)
		}
	}
	var b strings.Builder
	for _, f := range fonts.Faces() {
		use := runes
		if f.Name == fonts.Korean {
			if len(korean) == 0 {
				continue
			}
			use = korean
		}
		data, err := woffSubset(f, use)
		if err != nil {
			return "", fmt.Errorf("html: embedding %s %q: %w", f.Name, f.Style, err)
		}
		weight, style := "normal", "normal"
		if strings.Contains(f.Style, "B") {
			weight = "bold"
		}
		if strings.Contains(f.Style, "I") {
			style = "italic"
		}
		for _, family := range familyNames[f.Name] {
			b.WriteString(`@font-face{font-family:"` + family + `";font-weight:` + weight + `;font-style:` + style +
				`;src:url(data:font/woff;base64,` + base64.StdEncoding.EncodeToString(data) + `) format("woff")}` + "\n")
		}
	}
	return b.String(), nil
}

// familyNames are the names the page and its charts call the embedded fonts by.
var familyNames = map[string][]string{
	fonts.Latin:  {"Liberation Sans"},
	fonts.Korean: {"Nanum Gothic"},
}
