package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"github.com/shadowreport/shadowreport/internal/render/clean"
	"io"
	"strconv"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/shadowreport/shadowreport/internal/doc"
	"github.com/shadowreport/shadowreport/internal/fonts"
)

// Options control a render.
type Options struct {
	// Created is the creation and modification date written into the PDF; a fixed date gives
	// byte-identical output. The zero time stands for 1970-01-01 UTC.
	Created time.Time
	// Warn is called for every warning (characters replaced, glyphs missing); may be nil.
	Warn func(msg string)
}

// Result describes the rendered document.
type Result struct {
	Pages int
	// LastPageFill is how much of the last page's text area is used, 0..1; with Pages it
	// gives the overflow of a handout: Pages - 1 + LastPageFill - PageBudget when positive.
	LastPageFill float64
	// Fills is how much of each page's text area is used, 0..1, the cover's 0.
	Fills []float64
}

// renderer holds the state of one render.
type renderer struct {
	d     *doc.Document
	g     geometry
	pdf   *fpdf.Fpdf
	added [nFaces]bool
	cur   struct {
		face face
		size float64
		set  bool
	}
	glyphs map[rune]uint8
	warns  clean.Warnings
	stage  string

	// runes are those the font subsets hold; whole, when set, embeds the whole fonts
	// instead (a render starts again whole when a text needs a rune not in runes).
	runes  *runeSet
	whole  bool
	missed bool

	// layout state
	paraNo     int
	outline    int
	notes      []*note
	toc        []tocEntry
	anchorSeen map[string]bool

	// pagination
	pages   []*page
	anchors map[string]position
	links   map[string]int
}

// Render writes d as a PDF to w.
func Render(w io.Writer, d *doc.Document, opts Options) (res Result, err error) {
	if d == nil {
		return Result{}, errors.New("pdf: no document")
	}
	r := newRenderer(d, false)
	defer func() {
		if opts.Warn != nil {
			for _, m := range r.warns.Messages("pdf", fonts.Latin+", "+fonts.Korean) {
				opts.Warn(m)
			}
		}
	}()
	defer func() {
		if p := recover(); p != nil {
			res, err = Result{}, fmt.Errorf("pdf: failed while %s: %v", r.stage, p)
		}
	}()
	out, res, err := r.render(opts)
	if err == nil && r.missed {
		// a text needed a rune the font subsets lack: lay out and draw again, whole
		r = newRenderer(d, true)
		out, res, err = r.render(opts)
	}
	if err != nil {
		return Result{}, err
	}
	r.stage = "writing the PDF"
	if _, err := w.Write(out); err != nil {
		return Result{}, fmt.Errorf("pdf: writing: %w", err)
	}
	return res, nil
}

func newRenderer(d *doc.Document, whole bool) *renderer {
	return &renderer{
		d:          d,
		glyphs:     map[rune]uint8{},
		anchorSeen: map[string]bool{},
		anchors:    map[string]position{},
		links:      map[string]int{},
		stage:      "starting",
		whole:      whole,
	}
}

func (r *renderer) render(opts Options) ([]byte, Result, error) {
	d := r.d
	r.g = reportGeometry()
	if !d.Cover {
		r.g = handoutGeometry()
	}
	r.stage = "choosing the fonts"
	if !r.whole {
		r.runes = subsetRunes(d)
	}
	r.pdf = fpdf.New("P", "mm", "A4", "")
	r.pdf.SetAutoPageBreak(false, 0)
	r.pdf.SetMargins(0, 0, 0)

	// layout: the body first (it numbers paragraphs and notes and collects the contents)
	body := r.layoutBlocks(d.Blocks)
	var items []*item
	if !d.Cover {
		items = append(items, r.handoutTitle()...)
	}
	if d.Contents {
		r.stage = "laying out the contents"
		items = append(items, r.contents()...)
		if len(body) > 0 {
			body[0].newPage = true
		}
	}
	items = append(items, body...)
	if err := r.pdf.Error(); err != nil {
		return nil, Result{}, fmt.Errorf("pdf: layout: %w", err)
	}

	r.stage = "breaking pages"
	if d.Cover {
		r.pages = append(r.pages, &page{cover: true, ops: r.coverOps()})
	}
	r.paginate(items)

	r.stage = "drawing pages"
	if err := r.emit(opts); err != nil {
		return nil, Result{}, err
	}
	if err := r.pdf.Error(); err != nil {
		return nil, Result{}, fmt.Errorf("pdf: %s: %w", r.stage, err)
	}
	r.stage = "writing the PDF"
	var buf bytes.Buffer
	if err := r.pdf.Output(&buf); err != nil {
		return nil, Result{}, fmt.Errorf("pdf: writing: %w", err)
	}
	out := tagSubsets(buf.Bytes(), r.added)
	res := Result{Pages: len(r.pages), Fills: make([]float64, len(r.pages))}
	for i, p := range r.pages {
		if !p.cover {
			res.Fills[i] = max(0, r.fill(p))
		}
	}
	res.LastPageFill = res.Fills[len(r.pages)-1]
	return out, res, nil
}

// setFont selects a face, adding it to the PDF the first time it is used.
func (r *renderer) setFont(f face, size float64) {
	if !r.added[f] {
		ttf, err := r.fontFile(f)
		if err != nil {
			r.pdf.SetError(err)
			return
		}
		r.pdf.AddUTF8FontFromBytes(f.family(), "", ttf)
		r.added[f] = true
	}
	if r.cur.set && r.cur.face == f && r.cur.size == size {
		return
	}
	r.pdf.SetFont(f.family(), "", size)
	r.cur.face, r.cur.size, r.cur.set = f, size, true
}

func (r *renderer) emit(opts Options) error {
	pdf := r.pdf
	m := r.d.Meta
	created := opts.Created
	if created.IsZero() {
		created = time.Unix(0, 0)
	}
	created = created.UTC()
	clean := func(s string) string { return strings.TrimSpace(r.clean(s, false)) }
	pdf.SetTitle(clean(m.Title), true)
	pdf.SetAuthor(r.organisations(), true)
	subject := clean(m.Subject)
	if subject == "" {
		subject = clean(strings.TrimPrefix(m.SubmittedTo(), "Submitted "))
	}
	pdf.SetSubject(subject, true)
	pdf.SetKeywords(clean(m.Keywords()), true)
	pdf.SetCreator("shadowreport", true)
	pdf.SetProducer("shadowreport", true)
	lang := strings.TrimSpace(m.Language)
	if lang == "" || strings.ContainsAny(lang, "()\\ \t\n") || len(lang) > 35 {
		lang = "en"
	}
	pdf.SetLang(lang)
	pdf.SetCreationDate(created)
	pdf.SetModificationDate(created)
	pdf.SetCatalogSort(true)
	pdf.SetDisplayMode("fullwidth", "single")

	// internal links: headings and footnotes
	for _, p := range r.pages {
		for _, o := range p.ops {
			if o.kind == opLink && strings.HasPrefix(o.link, "#") {
				a := o.link[1:]
				if _, ok := r.links[a]; !ok {
					r.links[a] = pdf.AddLink()
				}
			}
		}
	}
	for a, pos := range r.anchors {
		if id, ok := r.links[a]; ok {
			pdf.SetLink(id, pos.y, pos.page)
		}
	}

	n := len(r.pages)
	for i, p := range r.pages {
		r.stage = fmt.Sprintf("drawing page %d of %d", i+1, n)
		pdf.AddPage()
		r.cur.set = false
		if !p.cover {
			r.header(i)
		}
		r.draw(p.ops, i+1)
		r.footnotes(p, i+1)
		if !p.cover {
			r.footer(i, n)
		}
		if err := pdf.Error(); err != nil {
			return fmt.Errorf("pdf: %s: %w", r.stage, err)
		}
	}
	return nil
}

func (r *renderer) draw(ops []op, pageNo int) {
	pdf := r.pdf
	for _, o := range ops {
		switch o.kind {
		case opText:
			r.guard(o.text)
			r.setFont(o.face, o.size)
			pdf.SetTextColor(int(o.color.r), int(o.color.g), int(o.color.b))
			pdf.Text(o.x, o.y, o.text)
		case opLine:
			pdf.SetDrawColor(int(o.color.r), int(o.color.g), int(o.color.b))
			pdf.SetLineWidth(o.lw * ptmm)
			if o.dash {
				pdf.SetDashPattern([]float64{0.3, 1.2}, 0)
			}
			pdf.Line(o.x, o.y, o.x+o.w, o.y+o.h)
			if o.dash {
				pdf.SetDashPattern(nil, 0)
			}
		case opRect:
			pdf.SetFillColor(int(o.color.r), int(o.color.g), int(o.color.b))
			pdf.Rect(o.x, o.y, o.w, o.h, "F")
		case opLink:
			if a, ok := strings.CutPrefix(o.link, "#"); ok {
				if _, placed := r.anchors[a]; placed || strings.HasPrefix(a, "fn:") {
					pdf.Link(o.x, o.y, o.w, o.h, r.links[a])
				}
			} else if safeURL(o.link) {
				pdf.LinkString(o.x, o.y, o.w, o.h, o.link)
			}
		case opPageRef:
			s := "?"
			if pos, ok := r.anchors[o.text]; ok {
				s = strconv.Itoa(pos.page)
			}
			r.guard(s)
			r.setFont(o.face, o.size)
			pdf.SetTextColor(int(o.color.r), int(o.color.g), int(o.color.b))
			pdf.Text(o.x-pdf.GetStringWidth(s), o.y, s)
		case opBookmark:
			r.setFont(latinR, r.g.body) // a UTF-8 font must be current for non-ASCII titles
			pdf.Bookmark(o.text, o.level, o.y)
		case opFigure:
			stage := r.stage
			r.stage = "drawing a figure on " + stage[len("drawing "):]
			c := newCanvas(r, o.x, o.y+o.h)
			o.plot.Draw(draw.NewCanvas(c, vg.Length(o.w/ptmm), vg.Length(o.h/ptmm)))
			r.cur.set = false // the canvas may have changed fonts through fpdf directly
			pdf.SetDashPattern(nil, 0)
			r.stage = stage
		}
	}
}

// safeURL allows the link schemes a submission needs.
func safeURL(u string) bool {
	l := strings.ToLower(u)
	return strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "mailto:")
}

// footnotes draws a page's notes at the foot of its text area, under a short rule.
func (r *renderer) footnotes(p *page, pageNo int) {
	if len(p.notes) == 0 {
		return
	}
	y := r.g.limit() - p.notesH
	r.draw([]op{{kind: opLine, x: r.g.left, y: y + noteSep/2, w: 40, lw: 0.4, color: grey}}, pageNo)
	y += noteSep
	for _, n := range p.notes {
		if id, ok := r.links[n.anchor]; ok {
			r.pdf.SetLink(id, y, pageNo)
		}
		ops := make([]op, len(n.ops))
		for i, o := range n.ops {
			o.y += y
			ops[i] = o
		}
		r.draw(ops, pageNo)
		y += n.h
	}
}

// header draws the running header: Meta.Header on the left, the confidentiality mark on the
// right. A handout's first page carries only the mark.
func (r *renderer) header(i int) {
	m := r.d.Meta
	g := r.g
	size := 8.0
	var ops []op
	right := g.left + g.width()
	if m.Confidential {
		w := r.textWidth(doc.ConfidentialShort, size, true, false)
		ops, _ = r.textOps(ops, doc.ConfidentialShort, right-w, g.headerY, size, true, false, ink)
		right -= w + 6
	}
	if h := strings.TrimSpace(r.clean(m.Header, false)); h != "" && !(i == 0 && !r.d.Cover) {
		ops, _ = r.textOps(ops, r.fitText(h, size, right-g.left), g.left, g.headerY, size, false, false, grey)
	}
	if len(ops) > 0 {
		ops = append(ops, op{kind: opLine, x: g.left, y: g.headerY + 2.2, w: g.width(), lw: 0.3, color: ruleGrey})
	}
	r.draw(ops, i+1)
}

// footer draws Meta.Footer and "page X of Y", and the synthetic-data band.
func (r *renderer) footer(i, n int) {
	m := r.d.Meta
	g := r.g
	size := 8.0
	var ops []op
	num := "page " + strconv.Itoa(i+1) + " of " + strconv.Itoa(n)
	w := r.textWidth(num, size, false, false)
	right := g.left + g.width()
	ops, _ = r.textOps(ops, num, right-w, g.footerY, size, false, false, grey)
	if f := strings.TrimSpace(r.clean(m.Footer, false)); f != "" {
		ops, _ = r.textOps(ops, r.fitText(f, size, g.width()-w-8), g.left, g.footerY, size, false, false, grey)
	}
	ops = append(ops, op{kind: opLine, x: g.left, y: g.footerY - 4, w: g.width(), lw: 0.3, color: ruleGrey})
	if m.Synthetic {
		ops = append(ops, r.bandOps(g.pageH-9.5, 5.5)...)
	}
	r.draw(ops, i+1)
}

// fitText shortens a single line of clean text to width.
func (r *renderer) fitText(s string, size, width float64) string {
	if r.textWidth(s, size, false, false) <= width {
		return s
	}
	rs := []rune(s)
	lo, hi := 0, len(rs)
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if r.textWidth(string(rs[:mid])+"…", size, false, false) <= width {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return strings.TrimRight(string(rs[:lo]), " ") + "…"
}

// tagSubsets renames the embedded fonts from fpdf's "utf8<family>" to the tagged subset
// names the PDF format asks for ("SRLSRG+LiberationSans"), in place: both names have the
// same length, so every byte offset stays valid. Should fpdf's output ever differ from what
// is expected, the file is left as it is.
func tagSubsets(pdf []byte, used [nFaces]bool) []byte {
	out := pdf
	for f, ok := range used {
		if !ok {
			continue
		}
		fi := faceInfo[f]
		from := "utf8" + face(f).family()
		to := fi.tag + "+" + fi.ps
		if len(from) != len(to) {
			return pdf
		}
		for _, key := range []string{"/BaseFont /", "/FontName /"} {
			old := []byte(key + from + "\n")
			want := 1
			if key == "/BaseFont /" {
				want = 2
			}
			if bytes.Count(out, old) != want {
				return pdf
			}
			out = bytes.ReplaceAll(out, old, []byte(key+to+"\n"))
		}
	}
	return out
}
