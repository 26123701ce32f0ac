package pdf

import (
	"strconv"
	"strings"

	"gonum.org/v1/plot"

	"github.com/shadowreport/shadowreport/internal/doc"
)

// ptmm converts points to millimetres.
const ptmm = 25.4 / 72

type rgb struct{ r, g, b uint8 }

func rgbOf(c doc.Colour) rgb { return rgb{c.R, c.G, c.B} }

// The theme's colours (the same in every theme).
var (
	colours  = doc.ReportTheme().Colours
	ink      = rgbOf(colours.Ink)
	grey     = rgbOf(colours.Grey)
	quoteInk = rgbOf(colours.QuoteInk)
	navy     = rgbOf(colours.Navy)
	ruleGrey = rgbOf(colours.Rule)
	tint     = rgbOf(colours.Tint)
	amber    = rgbOf(colours.Amber)
)

// geometry is the page layout in millimetres, font sizes in points: the theme's page,
// margins and sizes, and the PDF's own line heights and positions.
type geometry struct {
	pageW, pageH             float64
	left, right, top, bottom float64
	body, small, table       float64 // font sizes
	lead, smallLead          float64 // line heights
	numRight                 float64 // right edge of paragraph numbers
	headerY, footerY         float64 // baselines of the running header and footer
	paraGap                  float64 // space between paragraphs
}

func themed(t doc.Theme) geometry {
	m := t.Margins
	return geometry{
		pageW: t.PageW, pageH: t.PageH,
		left: m.Left, right: m.Right, top: m.Top, bottom: m.Bottom,
		body: t.Sizes.Body, small: t.Sizes.Small, table: t.Sizes.Table,
		numRight: m.Left - 3,
		footerY:  t.PageH - 13,
	}
}

func reportGeometry(t doc.Theme) geometry {
	g := themed(t)
	g.lead, g.smallLead = 5.1, 3.9
	g.headerY = 14
	g.paraGap = 2.4
	return g
}

func handoutGeometry(t doc.Theme) geometry {
	g := themed(t)
	g.lead, g.smallLead = 4.5, 3.4
	g.numRight = g.left - 2.5
	g.headerY = 11
	g.paraGap = 1.8
	return g
}

func (g geometry) width() float64 { return g.pageW - g.left - g.right }
func (g geometry) limit() float64 { return g.pageH - g.bottom }
func (g geometry) bodyH() float64 { return g.limit() - g.top }

type opKind uint8

const (
	opText     opKind = iota // text with its baseline at (x, y)
	opLine                   // a line from (x, y) to (x+w, y+h)
	opRect                   // a filled rectangle
	opLink                   // a link area to link (URL or "#anchor")
	opFigure                 // a chart
	opPageRef                // the page number of the anchor text, right-aligned at x
	opBookmark               // an outline entry at y
)

// op is one drawing instruction; y is relative to its item's top until the item is placed.
type op struct {
	kind       opKind
	x, y, w, h float64
	face       face
	size       float64
	color      rgb
	text       string
	link       string
	lw         float64
	dash       bool
	level      int
	plot       *plot.Plot
}

// item is an unbreakable piece of the flow: a line of text, a table row, a figure.
type item struct {
	h       float64
	ops     []op
	keep    bool    // keep on the same page as the next item
	gap     bool    // space between blocks, dropped at the top of a page
	newPage bool    // start on a fresh page
	chapter bool    // start on a fresh page when less than a third of the page is left
	header  []*item // table header to repeat when this row opens a page
	notes   []*note
	anchors []string
}

// note is a footnote, laid out at the text width.
type note struct {
	n      int
	anchor string
	h      float64
	ops    []op
}

// tstyle is the style of a run of text.
type tstyle struct {
	size         float64 // points
	bold, italic bool
	color        rgb
	lead         float64 // line height, mm
	align        doc.Align
}

// seg is text in one face and style, measured.
type seg struct {
	text  string
	face  face
	size  float64
	color rgb
	link  string
	rise  float64
	w     float64
	x     float64 // position within its line
	note  *note
}

func (a seg) joins(b seg) bool {
	return a.face == b.face && a.size == b.size && a.color == b.color && a.link == b.link &&
		a.rise == b.rise && a.note == nil && b.note == nil
}

// word is an unbreakable run of segs.
type word struct {
	segs  []seg
	w     float64
	space bool // preceded by a space
	brk   bool // starts a new line
}

// line is a laid out line of text.
type line struct {
	segs  []seg
	w     float64
	notes []*note
}

func (r *renderer) width(f face, size float64, s string) float64 {
	r.guard(s)
	r.setFont(f, size)
	return r.stringWidth(s)
}

// words turns inlines into words, cleaning the text and registering footnotes.
func (r *renderer) words(ins []doc.Inline, st tstyle, keepNL bool) []word {
	var (
		ws    []word
		cur   word
		space bool
		brk   bool
	)
	flush := func() {
		if len(cur.segs) > 0 {
			ws = append(ws, cur)
		}
		cur = word{}
	}
	add := func(s seg) {
		if len(cur.segs) == 0 {
			cur.space, cur.brk = space, brk
			space, brk = false, false
		}
		s.w = r.width(s.face, s.size, s.text)
		if n := len(cur.segs); n > 0 && cur.segs[n-1].joins(s) {
			cur.segs[n-1].text += s.text
			cur.segs[n-1].w += s.w
		} else {
			cur.segs = append(cur.segs, s)
		}
		cur.w += s.w
	}
	for _, in := range ins {
		if in.Note != "" {
			n := r.addNote(in.Note)
			s := seg{
				text: strconv.Itoa(n.n), face: latinR, size: st.size * 0.68, color: st.color,
				link: "#" + n.anchor, rise: st.size * 0.36 * ptmm, note: n,
			}
			if len(cur.segs) == 0 && !space && len(ws) > 0 {
				// glue the reference to the word before it
				last := &ws[len(ws)-1]
				s.w = r.width(s.face, s.size, s.text)
				last.segs = append(last.segs, s)
				last.w += s.w
				continue
			}
			add(s)
			continue
		}
		bold, italic := st.bold || in.Bold, st.italic || in.Italic
		color, link := st.color, ""
		if l := strings.TrimSpace(r.clean(in.Link, false)); l != "" {
			link, color = l, navy
			if id, ok := strings.CutPrefix(l, "#"); ok {
				link = "#h?:" + id // no heading has that ID: not linked
				if a, ok := r.d.Link(id); ok {
					link = "#h:" + a // a heading of this document
				}
			}
		}
		text := r.clean(in.Text, keepNL)
		for len(text) > 0 {
			i := strings.IndexAny(text, " \n")
			if i < 0 {
				i = len(text)
			}
			if i > 0 {
				r.runs(text[:i], func(t string, korean bool) {
					add(seg{text: t, face: pick(korean, bold, italic), size: st.size, color: color, link: link})
				})
			}
			if i < len(text) {
				flush()
				if text[i] == '\n' {
					brk = true
				} else {
					space = true
				}
				i++
			}
			text = text[i:]
		}
	}
	flush()
	return ws
}

// lines breaks words into lines no wider than width; a word wider than a line is broken
// between characters.
func (r *renderer) lines(ws []word, width float64) []line {
	var (
		out []line
		cur line
	)
	// finish copies the line's segs, merged: the next line reuses its slice
	flush := func() {
		out = append(out, r.finish(cur))
		cur = line{segs: cur.segs[:0]}
	}
	put := func(w word, space bool) {
		if space && len(cur.segs) > 0 {
			last := cur.segs[len(cur.segs)-1]
			sp := seg{text: " ", face: last.face, size: last.size, color: last.color}
			if last.rise != 0 || last.note != nil {
				sp.face, sp.size, sp.color = latinR, w.segs[0].size, w.segs[0].color
			}
			if w.segs[0].link == last.link {
				sp.link = last.link
			}
			sp.w = r.width(sp.face, sp.size, " ")
			cur.segs = append(cur.segs, sp)
			cur.w += sp.w
		}
		cur.segs = append(cur.segs, w.segs...)
		cur.w += w.w
	}
	for _, w := range ws {
		if w.brk && (len(cur.segs) > 0 || len(out) > 0) {
			flush()
		}
		space := w.space && len(cur.segs) > 0
		extra := 0.0
		if space {
			extra = r.width(w.segs[0].face, w.segs[0].size, " ")
		}
		if len(cur.segs) > 0 && cur.w+extra+w.w > width {
			flush()
			space = false
		}
		if w.w > width {
			if len(cur.segs) > 0 {
				flush()
			}
			for i, part := range r.split(w, width) {
				if i > 0 {
					flush()
				}
				put(part, false)
			}
			continue
		}
		put(w, space)
	}
	if len(cur.segs) > 0 || len(out) == 0 {
		flush()
	}
	return out
}

// split breaks a word into parts no wider than width, each of at least one character.
func (r *renderer) split(w word, width float64) []word {
	var (
		parts []word
		cur   word
	)
	for _, s := range w.segs {
		start := 0
		acc := 0.0
		for i, c := range s.text {
			cw := r.width(s.face, s.size, string(c))
			if cur.w+acc+cw > width && (cur.w > 0 || i > start) {
				if i > start {
					part := s
					part.text, part.w = s.text[start:i], acc
					cur.segs = append(cur.segs, part)
					cur.w += acc
				}
				parts = append(parts, cur)
				cur = word{}
				start, acc = i, 0
			}
			acc += cw
		}
		if start < len(s.text) {
			part := s
			part.text, part.w = s.text[start:], acc
			cur.segs = append(cur.segs, part)
			cur.w += acc
		}
	}
	if len(cur.segs) > 0 {
		parts = append(parts, cur)
	}
	return parts
}

// finish merges neighbouring segs of the same style into a new slice, sets their positions
// and collects notes.
func (r *renderer) finish(l line) line {
	var out []seg
	x := 0.0
	for _, s := range l.segs {
		s.x = x
		x += s.w
		if s.note != nil {
			l.notes = append(l.notes, s.note)
		}
		if n := len(out); n > 0 && out[n-1].joins(s) {
			out[n-1].text += s.text
			out[n-1].w += s.w
			continue
		}
		out = append(out, s)
	}
	// a line never ends in a space
	for n := len(out); n > 0; n = len(out) {
		t := strings.TrimRight(out[n-1].text, " ")
		if t == out[n-1].text {
			break
		}
		out[n-1].w -= r.width(out[n-1].face, out[n-1].size, out[n-1].text[len(t):])
		out[n-1].text = t
		if t == "" {
			out = out[:n-1]
		}
	}
	l.segs, l.w = out, 0
	if n := len(out); n > 0 {
		l.w = out[n-1].x + out[n-1].w
	}
	return l
}

// baseline is the baseline's distance from the top of a line of the given height.
func baseline(lead, size float64) float64 { return lead/2 + 0.34*size*ptmm }

// textItems turns lines into items: one per line, starting at x0, keeping the first two
// and the last two lines of a paragraph together.
func (r *renderer) textItems(ls []line, x0, width float64, st tstyle) []*item {
	items := make([]*item, 0, len(ls))
	for _, l := range ls {
		it := &item{h: st.lead, notes: l.notes}
		dx := 0.0
		switch st.align {
		case doc.Right:
			dx = width - l.w
		case doc.Center:
			dx = (width - l.w) / 2
		}
		it.ops = r.lineOps(it.ops, l, x0+dx, baseline(st.lead, st.size))
		items = append(items, it)
	}
	if n := len(items); n >= 2 {
		items[0].keep = true
		items[n-2].keep = true
	}
	return items
}

// lineOps appends the text and link ops of a line with its baseline at y.
func (r *renderer) lineOps(ops []op, l line, x0, y float64) []op {
	for _, s := range l.segs {
		ops = append(ops, op{kind: opText, x: x0 + s.x, y: y - s.rise, face: s.face, size: s.size, color: s.color, text: s.text})
		if s.link != "" {
			h := s.size * ptmm
			ops = append(ops, op{kind: opLink, x: x0 + s.x, y: y - s.rise - h*0.8, w: s.w, h: h, link: s.link})
		}
	}
	return ops
}

// textBlock lays out inlines at x0 within width.
func (r *renderer) textBlock(ins []doc.Inline, x0, width float64, st tstyle, keepNL bool) []*item {
	return r.textItems(r.lines(r.words(ins, st, keepNL), width), x0, width, st)
}

// plain is a single inline of text.
func plain(s string) []doc.Inline { return []doc.Inline{{Text: s}} }

// textOps sets a single line of clean text, switching faces for Korean, starting at x.
func (r *renderer) textOps(ops []op, s string, x, y float64, size float64, bold, italic bool, color rgb) ([]op, float64) {
	r.runs(s, func(t string, korean bool) {
		f := pick(korean, bold, italic)
		ops = append(ops, op{kind: opText, x: x, y: y, face: f, size: size, color: color, text: t})
		x += r.width(f, size, t)
	})
	return ops, x
}

// textWidth measures a single line of clean text as textOps sets it.
func (r *renderer) textWidth(s string, size float64, bold, italic bool) float64 {
	w := 0.0
	r.runs(s, func(t string, korean bool) { w += r.width(pick(korean, bold, italic), size, t) })
	return w
}
