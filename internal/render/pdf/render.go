package pdf

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"

	"codeberg.org/go-pdf/fpdf"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/shadowreport/shadowreport/internal/doc"
	"github.com/shadowreport/shadowreport/internal/fonts"
	rendering "github.com/shadowreport/shadowreport/internal/render"
	"github.com/shadowreport/shadowreport/internal/render/clean"
)

// Options control a render (render.Options).
type Options = rendering.Options

// Result describes the rendered document (render.Result): its pages and how full they are.
type Result = rendering.Result

// Renderer renders PDF: the report, and the handouts, whose page budget is checked on it.
type Renderer struct{}

// Format is "pdf".
func (Renderer) Format() string { return "pdf" }

// renderer holds the state of one render.
type renderer struct {
	stage string
	warns clean.Warnings
	d     *doc.Resolved
	g     geometry
	pdf   *fpdf.Fpdf
	added [nFaces]bool
	cur   struct {
		face face
		size float64
		set  bool
	}
	glyphs map[rune]uint8

	// runes are those the font subsets hold; whole, when set, embeds the whole fonts
	// instead (a render starts again whole when a text needs a rune not in runes).
	runes  *runeSet
	whole  bool
	missed bool

	// the single-byte encoding of the Latin faces (nil: all faces UTF-8), the faces added
	// with it, the face fpdf has current; unencoded is set when a text for a single-byte face
	// has a rune without a code (the render starts again with UTF-8 faces); utf8Only turns
	// single-byte faces off.
	enc       *encoding
	single    [nFaces]bool
	fpdfFace  face
	unencoded bool
	utf8Only  bool
	drawn     [nFaces]map[rune]bool // the runes drawn with each single-byte face

	// layout state
	notes []*note

	// pagination
	pages   []*page
	anchors map[string]position
	links   map[string]int
}

// Render writes d as a PDF to w.
func Render(w io.Writer, d *doc.Document, opts Options) (Result, error) {
	return Renderer{}.Render(w, doc.Resolve(d), opts)
}

// Render writes the resolved document d as a PDF to w. The fonts embedded are subsets holding
// the document's runes; a text that needs a rune the subsets lack makes the render start again
// with the whole fonts, so that the subsets change only the speed, never what is drawn.
func (Renderer) Render(w io.Writer, d *doc.Resolved, opts Options) (Result, error) {
	r := newRenderer(d, false)
	return rendering.Guard("pdf", fonts.Latin+", "+fonts.Korean, w, d, opts, &r.stage, &r.warns, func() ([]byte, Result, error) {
		out, res, err := r.render(opts)
		if err == nil && !r.missed && r.unencoded {
			r.stage = "drawing again with UTF-8 fonts"
			again := newRenderer(d, false)
			again.utf8Only = true
			out, res, err = again.render(opts)
			r.warns, r.missed = again.warns, again.missed
		}
		if err == nil && r.missed {
			r.stage = "drawing again with the whole fonts"
			whole := newRenderer(d, true)
			out, res, err = whole.render(opts)
			r.warns = whole.warns
		}
		return out, res, err
	})
}

func newRenderer(d *doc.Resolved, whole bool) *renderer {
	return &renderer{
		d:       d,
		glyphs:  map[rune]uint8{},
		anchors: map[string]position{},
		links:   map[string]int{},
		stage:   "starting",
		whole:   whole,
	}
}

func (r *renderer) render(opts Options) ([]byte, Result, error) {
	d := r.d
	r.g = reportGeometry(d.Theme)
	if !d.Cover {
		r.g = handoutGeometry(d.Theme)
	}
	r.stage = "choosing the fonts"
	if !r.whole {
		r.runes = subsetRunes(d)
		if !r.utf8Only && !noSingle {
			r.enc = planEncoding(r.runes.text)
		}
	}
	r.pdf = fpdf.New("P", "mm", "A4", "")
	r.pdf.SetCompression(false) // compressStreams does it, with shared compressors
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
	if opts.LayoutOnly {
		if err := r.pdf.Error(); err != nil {
			return nil, Result{}, fmt.Errorf("pdf: %s: %w", r.stage, err)
		}
		return nil, r.result(), nil
	}

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
	written, dicts, cmap := 0, 0, 0
	out, err := rewriteObjects(buf.Bytes(), func(n int, obj []byte, add addFunc) ([]byte, error) {
		b, err := r.singleFile(n, obj)
		if b != nil {
			written++
		}
		if b != nil || err != nil {
			return b, err
		}
		// the single-byte faces share one encoding, so one CMap, added with the first
		b = r.singleFont(n, obj, func() int {
			if cmap == 0 {
				cmap = add(r.enc.toUnicodeObject())
			}
			return cmap
		})
		if b != nil {
			dicts++
		}
		return b, nil
	})
	if err != nil {
		return nil, Result{}, err
	}
	for _, ok := range r.single {
		if ok {
			written--
			dicts--
		}
	}
	if written != 0 || dicts != 0 {
		return nil, Result{}, fmt.Errorf("pdf: the font files or dictionaries of the single-byte faces are not where fpdf is expected to write them")
	}
	tag := r.added
	for f, ok := range r.single {
		tag[f] = tag[f] && !ok
	}
	return tagSubsets(out, tag), r.result(), nil
}

// result says how many pages the document takes and how full each is.
func (r *renderer) result() Result {
	res := Result{Pages: len(r.pages), Fills: make([]float64, len(r.pages))}
	for i, p := range r.pages {
		if !p.cover {
			res.Fills[i] = max(0, r.fill(p))
		}
	}
	res.LastPageFill = res.Fills[len(r.pages)-1]
	return res
}

// setFont selects a face, adding it to the PDF the first time it is used.
func (r *renderer) setFont(f face, size float64) {
	if !r.added[f] {
		if r.enc != nil && f <= latinBI {
			if err := r.addSingle(f, r.fontFace(f)); err != nil {
				r.pdf.SetError(err)
				return
			}
			r.single[f] = true
		} else {
			ttf, err := r.fontFile(f)
			if err != nil {
				r.pdf.SetError(err)
				return
			}
			r.pdf.AddUTF8FontFromBytes(f.family(), "", ttf)
		}
		r.added[f] = true
	}
	if r.cur.set && r.cur.face == f && r.cur.size == size {
		return
	}
	r.pdf.SetFont(f.family(), "", size)
	r.fpdfFace = f
	r.cur.face, r.cur.size, r.cur.set = f, size, true
}

func (r *renderer) emit(opts Options) error {
	pdf := r.pdf
	props := r.d.Props
	created := opts.Date()
	clean := func(s string) string { return strings.TrimSpace(r.clean(s, false)) }
	pdf.SetTitle(clean(props.Title), true)
	pdf.SetAuthor(clean(props.Author), true)
	pdf.SetSubject(clean(props.Subject), true)
	pdf.SetKeywords(clean(props.Keywords), true)
	pdf.SetCreator("shadowreport", true)
	pdf.SetProducer("shadowreport", true)
	pdf.SetLang(props.Language)
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
		header, footer := r.running(i)
		r.header(header, i+1)
		r.draw(p.ops, i+1)
		r.footnotes(p, i+1)
		r.footer(footer, i, n)
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
			r.fpdfText(o.x, o.y, o.text)
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
			r.fpdfText(o.x-r.stringWidth(s), o.y, s)
		case opBookmark:
			r.setFont(latinR, r.g.body) // fpdf writes titles UTF-16 when a UTF-8 font is current; bookmark converts them for a single-byte one
			r.bookmark(o.text, o.level, o.y)
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

// running returns the running header and footer of page i (0-based).
func (r *renderer) running(i int) (header, footer doc.Running) {
	if i == 0 {
		return r.d.FirstHeader, r.d.FirstFooter
	}
	return r.d.Header, r.d.Footer
}

// header draws a running header: its text on the left, its mark on the right, a rule under.
func (r *renderer) header(h doc.Running, pageNo int) {
	g := r.g
	size := r.d.Theme.Sizes.Running
	var ops []op
	right := g.left + g.width()
	if h.Mark != "" {
		w := r.textWidth(h.Mark, size, true, false)
		ops, _ = r.textOps(ops, h.Mark, right-w, g.headerY, size, true, false, ink)
		right -= w + 6
	}
	if t := strings.TrimSpace(r.clean(h.Text, false)); t != "" {
		ops, _ = r.textOps(ops, r.fitText(t, size, right-g.left), g.left, g.headerY, size, false, false, grey)
	}
	if len(ops) > 0 {
		ops = append(ops, op{kind: opLine, x: g.left, y: g.headerY + 2.2, w: g.width(), lw: 0.3, color: ruleGrey})
	}
	r.draw(ops, pageNo)
}

// footer draws a running footer: its text on the left, "page X of Y" on the right, a rule
// above, and the synthetic-data band across the foot of the page.
func (r *renderer) footer(f doc.Running, i, n int) {
	if f.Empty() {
		return
	}
	g := r.g
	size := r.d.Theme.Sizes.Running
	var ops []op
	w := 0.0
	if f.Page {
		num := doc.PageNumber(i+1, n)
		w = r.textWidth(num, size, false, false)
		ops, _ = r.textOps(ops, num, g.left+g.width()-w, g.footerY, size, false, false, grey)
	}
	if t := strings.TrimSpace(r.clean(f.Text, false)); t != "" {
		ops, _ = r.textOps(ops, r.fitText(t, size, g.width()-w-8), g.left, g.footerY, size, false, false, grey)
	}
	ops = append(ops, op{kind: opLine, x: g.left, y: g.footerY - 4, w: g.width(), lw: 0.3, color: ruleGrey})
	if f.Band != "" {
		ops = append(ops, r.bandOps(f.Band, g.pageH-9.5, 5.5)...)
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
