package pdf

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/shadowreport/shadowreport/internal/chart"
	"github.com/shadowreport/shadowreport/internal/doc"
)

func (r *renderer) bodyStyle() tstyle {
	return tstyle{size: r.g.body, color: ink, lead: r.g.lead}
}

func (r *renderer) smallStyle() tstyle {
	return tstyle{size: r.g.small, color: ink, lead: r.g.smallLead}
}

// captionStyle is the style of table and figure captions (the Word renderer's Caption
// style matches it): bold, half a point under the body's size.
func (r *renderer) captionStyle() tstyle {
	return tstyle{size: r.d.Theme.Sizes.Caption, bold: true, color: ink, lead: r.g.lead}
}

// gapBefore is the space between the previous block and b.
func (r *renderer) gapBefore(b doc.Block) float64 {
	switch b := b.(type) {
	case *doc.Heading:
		switch doc.ClampLevel(b.Level) {
		case 1:
			return r.g.lead * 1.8
		case 2:
			return r.g.lead * 1.2
		}
		return r.g.lead * 0.8
	case *doc.Figure, *doc.Table, *doc.Quote:
		return r.g.lead * 0.8
	}
	return r.g.paraGap
}

// layoutBlocks turns the document body into items.
func (r *renderer) layoutBlocks(blocks []doc.Block) []*item {
	var items []*item
	var prev doc.Block
	for i, b := range blocks {
		r.stage = fmt.Sprintf("laying out block %d (%T)", i+1, b)
		info := r.d.Info[i]
		if b == nil {
			continue
		}
		if _, ok := prev.(*doc.Heading); prev != nil && !ok {
			items = append(items, &item{h: r.gapBefore(b), gap: true})
		}
		var out []*item
		switch b := b.(type) {
		case *doc.Heading:
			out = r.heading(b, info)
		case *doc.Paragraph:
			out = r.paragraph(b, info.Number)
		case *doc.List:
			out = r.list(b, info.Number)
		case *doc.Quote:
			out = r.quote(b)
		case *doc.Table:
			out = r.table(b)
		case *doc.Figure:
			out = r.figure(b)
		case *doc.PageBreak:
			out = []*item{{newPage: true}}
		default:
			r.warns.Add("pdf: block %d: unknown block type %T left out", i+1, b)
		}
		items = append(items, out...)
		prev = b
	}
	return items
}

func (r *renderer) heading(h *doc.Heading, info doc.BlockInfo) []*item {
	sz := r.d.Theme.Sizes
	st := tstyle{bold: true, color: navy, lead: r.g.lead}
	after := r.g.lead * 0.5
	switch info.Level {
	case 1:
		st.size, st.lead, after = sz.H1, r.g.lead*1.45, r.g.lead*0.8
	case 2:
		st.size, st.lead = sz.H2, r.g.lead*1.15
	case 3:
		st.size, st.italic, st.color = sz.H3, true, ink
		after = r.g.lead * 0.3
	}
	text := strings.TrimSpace(r.clean(h.Text, false))
	items := r.textBlock(plain(text), r.g.left, r.g.width(), st, false)
	for _, it := range items {
		it.keep = true
	}
	items[len(items)-1].h += after
	first := items[0]
	// in a report, the annex starts a new page and every other chapter starts one when it
	// would begin in the lower third of a page (see paginate)
	if info.Level == 1 && r.d.Cover {
		first.newPage = h.StartsAnnex()
		first.chapter = true
	}
	first.anchors = append(first.anchors, "h:"+info.Anchor)
	first.ops = append(first.ops, op{kind: opBookmark, text: text, level: info.Outline - 1})
	return items
}

// number returns the op of paragraph number n, right-aligned in the left margin.
func (r *renderer) number(st tstyle, n int) op {
	s := strconv.Itoa(n) + "."
	w := r.width(latinR, st.size, s)
	return op{kind: opText, x: r.g.numRight - w, y: baseline(st.lead, st.size), face: latinR, size: st.size, color: ink, text: s}
}

func (r *renderer) paragraph(p *doc.Paragraph, n int) []*item {
	st := r.bodyStyle()
	if p.Small {
		st = r.smallStyle()
	}
	items := r.textBlock(p.Inlines, r.g.left, r.g.width(), st, false)
	if p.Numbered {
		items[0].ops = append(items[0].ops, r.number(st, n))
	}
	return items
}

func (r *renderer) list(l *doc.List, n int) []*item {
	st := r.bodyStyle()
	const markerW = 6.5
	var items []*item
	for i, in := range l.Items {
		if i > 0 {
			items = append(items, &item{h: r.g.paraGap * 0.5, gap: true})
		}
		lines := r.textBlock(in, r.g.left+markerW, r.g.width()-markerW, st, false)
		marker := "•"
		if l.Ordered {
			marker = strconv.Itoa(i+1) + "."
		}
		mw := r.width(latinR, st.size, marker)
		x := r.g.left + 1.2
		if l.Ordered {
			x = r.g.left + markerW - 2 - mw
		}
		lines[0].ops = append(lines[0].ops, op{kind: opText, x: x, y: baseline(st.lead, st.size), face: latinR, size: st.size, color: ink, text: marker})
		if i == 0 && l.Numbered {
			lines[0].ops = append(lines[0].ops, r.number(st, n))
		}
		items = append(items, lines...)
	}
	if len(items) == 0 && l.Numbered {
		items = append(items, &item{h: st.lead, ops: []op{r.number(st, n)}})
	}
	return items
}

// quoteStyle is the style of a quotation (the Word renderer's Quote style matches it): a
// size under the body's, italic (Korean stays upright: it has no italic), dark grey,
// indented on both sides with a grey rule on the left.
func (r *renderer) quoteStyle() tstyle {
	return tstyle{size: r.d.Theme.Sizes.Quote, italic: true, color: quoteInk, lead: r.g.lead * 0.97}
}

// quote lays out a quotation: the original, its translation introduced by "Translation:",
// and the attribution, right-aligned in a smaller size. A quotation of up to a dozen lines
// is kept on one page.
func (r *renderer) quote(q *doc.Quote) []*item {
	st := r.quoteStyle()
	const indent, ruleX = 9.0, 4.0
	x0, width := r.g.left+indent, r.g.width()-2*indent
	var items []*item
	if text := strings.TrimSpace(q.Text); text != "" {
		items = r.textBlock(plain(text), x0, width, st, true)
	}
	if tr := strings.TrimSpace(q.Translation); tr != "" {
		ws := r.words(plain(doc.TranslationLabel), tstyle{size: st.size, color: grey}, false)
		text := r.words(plain(tr), st, true)
		if len(text) > 0 {
			text[0].space, text[0].brk = true, false
		}
		tl := r.textItems(r.lines(append(ws, text...), width), x0, width, st)
		if len(items) > 0 {
			tl[0].h += 0.8 // a little space between the original and the translation
			for j := range tl[0].ops {
				tl[0].ops[j].y += 0.8
			}
		}
		items = append(items, tl...)
	}
	if a := strings.TrimSpace(r.clean(q.Attribution, false)); a != "" {
		sm := r.smallStyle()
		sm.italic, sm.color, sm.align = true, grey, doc.Right
		attr := r.textBlock(plain("— "+a), x0, width, sm, false)
		attr[0].h += 0.6
		if len(items) > 0 {
			items[len(items)-1].keep = true
		}
		items = append(items, attr...)
	}
	if len(items) <= 12 {
		for _, it := range items[:max(0, len(items)-1)] {
			it.keep = true
		}
	}
	for _, it := range items {
		it.ops = append(it.ops, op{kind: opLine, x: r.g.left + ruleX, y: 0, h: it.h, lw: 0.9, color: ruleGrey})
	}
	return items
}

// table lays out a table: caption, header row, rows (bold when emphasised), notes.
func (r *renderer) table(t *doc.Table) []*item {
	ncol := len(t.Header)
	for _, row := range t.Rows {
		ncol = max(ncol, len(row))
	}
	if ncol == 0 {
		r.warns.Add("pdf: table %q has no columns; left out", t.ID)
		return nil
	}
	const padX, padY = 1.6, 1.1
	size := r.g.table
	lead := size * ptmm * 1.3
	cellStyle := func(col int, bold bool) tstyle {
		st := tstyle{size: size, bold: bold, color: ink, lead: lead}
		if col < len(t.Align) {
			st.align = t.Align[col]
		}
		return st
	}
	cell := func(row []string, col int) string {
		if col < len(row) {
			return row[col]
		}
		return ""
	}
	// widths
	widths := r.columnWidths(t, ncol, size, padX)
	xs := make([]float64, ncol)
	x := r.g.left
	for i, w := range widths {
		xs[i] = x
		x += w
	}
	total := x - r.g.left

	// row builds the items of one row; a row taller than a page is split.
	maxRow := r.g.bodyH() * 0.8
	row := func(cells []string, bold bool, fill bool) []*item {
		cols := make([][]line, ncol)
		n := 0
		for c := range ncol {
			st := cellStyle(c, bold)
			cols[c] = r.lines(r.words(plain(strings.TrimSpace(cell(cells, c))), st, true), widths[c]-2*padX)
			n = max(n, len(cols[c]))
		}
		per := max(1, int((maxRow-2*padY)/lead))
		if n > per {
			r.warns.Add("pdf: a row of table %q is taller than a page; it was split across pages", t.ID)
		}
		var out []*item
		for start := 0; start < n || start == 0; start += per {
			end := min(n, start+per)
			it := &item{h: float64(end-start)*lead + 2*padY}
			if fill {
				it.ops = append(it.ops, op{kind: opRect, x: r.g.left, y: 0, w: total, h: it.h, color: tint})
			}
			for c := range ncol {
				st := cellStyle(c, bold)
				for i := start; i < end && i < len(cols[c]); i++ {
					l := cols[c][i]
					dx := 0.0
					inner := widths[c] - 2*padX
					switch st.align {
					case doc.Right:
						dx = inner - l.w
					case doc.Center:
						dx = (inner - l.w) / 2
					}
					it.ops = r.lineOps(it.ops, l, xs[c]+padX+dx, padY+float64(i-start)*lead+baseline(lead, size))
					it.notes = append(it.notes, l.notes...)
				}
			}
			out = append(out, it)
			if end >= n {
				break
			}
		}
		return out
	}

	var items []*item
	if c := strings.TrimSpace(r.clean(t.Caption, false)); c != "" {
		cap := r.textBlock(plain(c), r.g.left, r.g.width(), r.captionStyle(), false)
		cap[len(cap)-1].h += 0.8
		for _, it := range cap {
			it.keep = true
		}
		items = append(items, cap...)
	}
	var header []*item
	if len(t.Header) > 0 {
		header = row(t.Header, true, true)
		for _, it := range header {
			it.keep = true
		}
		header[0].ops = append(header[0].ops, op{kind: opLine, x: r.g.left, y: 0, w: total, lw: 0.6, color: ink})
		last := header[len(header)-1]
		last.ops = append(last.ops, op{kind: opLine, x: r.g.left, y: last.h, w: total, lw: 0.4, color: ink})
		items = append(items, header...)
		hh := 0.0
		for _, it := range header {
			hh += it.h
		}
		if hh > r.g.bodyH()/4 {
			r.warns.Add("pdf: the header row of table %q is too tall to repeat on every page", t.ID)
			header = nil
		}
	}
	var notes []doc.Inline
	for _, n := range t.Notes {
		if strings.TrimSpace(n) != "" {
			notes = append(notes, doc.Inline{Text: n + "\n"})
		}
	}
	// A table never starts at a page foot with fewer than its first three rows (the
	// caption and header are kept with them), and its last two rows stay with its notes.
	const openRows, closeRows = 3, 2
	nrows := len(t.Rows)
	for i, cells := range t.Rows {
		bold := i < len(t.Emphasis) && t.Emphasis[i]
		rows := row(cells, bold, false)
		for j, it := range rows {
			it.header = header
			if j < len(rows)-1 || i < openRows-1 || i >= nrows-closeRows && (i < nrows-1 || len(notes) > 0) {
				it.keep = true
			}
			if i < len(t.Rows)-1 || j < len(rows)-1 {
				it.ops = append(it.ops, op{kind: opLine, x: r.g.left, y: it.h, w: total, lw: 0.15, color: ruleGrey})
			}
		}
		if len(header) == 0 && i == 0 {
			rows[0].ops = append(rows[0].ops, op{kind: opLine, x: r.g.left, y: 0, w: total, lw: 0.6, color: ink})
		}
		if i == len(t.Rows)-1 {
			last := rows[len(rows)-1]
			last.ops = append(last.ops, op{kind: opLine, x: r.g.left, y: last.h, w: total, lw: 0.6, color: ink})
		}
		items = append(items, rows...)
	}
	if len(t.Rows) == 0 && len(header) > 0 {
		header[len(header)-1].keep = false
	}
	if len(notes) > 0 {
		items[len(items)-1].keep = true
		st := r.smallStyle()
		st.color = grey
		ns := r.textBlock(notes, r.g.left, r.g.width(), st, true)
		// the notes are never split from the table nor from each other
		for _, it := range ns[:len(ns)-1] {
			it.keep = true
		}
		// one millimetre above the notes
		ns[0].h += 1
		for j := range ns[0].ops {
			ns[0].ops[j].y += 1
		}
		items = append(items, ns...)
	}
	return items
}

// columnWidths returns the widths of the columns in mm: from Table.Widths when given,
// otherwise from the content: each column gets at least its longest word and, when there
// is room, its longest cell.
func (r *renderer) columnWidths(t *doc.Table, ncol int, size, padX float64) []float64 {
	return t.ColumnWidths(ncol, r.g.width(), 2*padX+2, func(text string, bold bool) float64 {
		return r.textWidth(r.clean(text, false), size, bold, false) + 2*padX
	})
}

// figure lays out a chart drawn as vectors, with its caption below.
func (r *renderer) figure(f *doc.Figure) []*item {
	c := r.cleanChart(f.Chart)
	width := r.d.Theme.FigureSpan()
	height := chart.Height(c, width/10) * 10
	height = math.Min(height, r.g.bodyH()*0.75)
	var items []*item
	p, err := chart.Plot(c)
	if err != nil {
		r.warns.Add("pdf: figure %q not drawn: %v", f.ID, err)
		st := r.bodyStyle()
		st.italic, st.color = true, grey
		items = r.textBlock(plain("[Figure not drawn: "+err.Error()+"]"), r.g.left, r.g.width(), st, false)
	} else {
		items = []*item{{h: height + 2, ops: []op{{kind: opFigure, x: r.g.left + (r.g.width()-width)/2, y: 0, w: width, h: height, plot: p}}}}
	}
	if cap := strings.TrimSpace(r.clean(f.Caption, false)); cap != "" {
		items[len(items)-1].keep = true
		items = append(items, r.textBlock(plain(cap), r.g.left, r.g.width(), r.captionStyle(), false)...)
	}
	return items
}

// cleanChart returns a copy of c with clean labels (warning about what was replaced).
func (r *renderer) cleanChart(c doc.Chart) doc.Chart {
	return c.MapText(func(s string) string { return r.clean(s, false) })
}

// addNote registers a footnote and lays it out.
func (r *renderer) addNote(text string) *note {
	n := &note{n: len(r.notes) + 1}
	n.anchor = "fn:" + strconv.Itoa(n.n)
	r.notes = append(r.notes, n)
	st := r.smallStyle()
	const indent = 5.0
	ls := r.lines(r.words(plain(strings.TrimSpace(text)), st, false), r.g.width()-indent)
	maxLines := int(r.g.bodyH() * 0.4 / st.lead)
	if len(ls) > maxLines {
		r.warns.Add("pdf: footnote %d is longer than %d lines and was cut", n.n, maxLines)
		ls = ls[:maxLines]
	}
	y := 0.8 // space above each note
	num := strconv.Itoa(n.n)
	n.ops = append(n.ops, op{kind: opText, x: r.g.left, y: y + baseline(st.lead, st.size) - st.size*0.3*ptmm, face: latinR, size: st.size * 0.8, color: ink, text: num})
	for _, l := range ls {
		n.ops = r.lineOps(n.ops, l, r.g.left+indent, y+baseline(st.lead, st.size))
		y += st.lead
	}
	n.h = y
	return n
}

// contents lays out the table of contents; page numbers are filled in when drawing.
func (r *renderer) contents() []*item {
	st := tstyle{size: r.d.Theme.Sizes.H1, bold: true, color: navy, lead: r.g.lead * 1.45}
	items := r.textBlock(plain(doc.ContentsTitle), r.g.left, r.g.width(), st, false)
	items[0].ops = append(items[0].ops, op{kind: opBookmark, text: doc.ContentsTitle, level: 0})
	items[len(items)-1].h += r.g.lead * 0.8
	const numW = 12.0
	for i, e := range r.d.Entries {
		es := r.bodyStyle()
		indent := 0.0
		if e.Level == 1 {
			es.bold = true
			if i > 0 {
				items = append(items, &item{h: r.g.lead * 0.4, gap: true})
			}
		} else {
			indent = 6
			es.size -= 0.5
		}
		x0 := r.g.left + indent
		width := r.g.width() - indent - numW
		ls := r.lines(r.words(plain(strings.TrimSpace(r.clean(e.Text, false))), es, false), width)
		entry := r.textItems(ls, x0, width, es)
		for j, it := range entry {
			it.ops = append(it.ops, op{kind: opLink, x: x0, y: 0, w: width + numW, h: it.h, link: "#h:" + e.Anchor})
			if j < len(entry)-1 {
				it.keep = true
			}
		}
		last := entry[len(entry)-1]
		lw := ls[len(ls)-1].w
		by := baseline(es.lead, es.size)
		if end := r.g.left + r.g.width() - numW + 2; x0+lw+2 < end {
			last.ops = append(last.ops, op{kind: opLine, x: x0 + lw + 2, y: by, w: end - (x0 + lw + 2), lw: 0.3, dash: true, color: grey})
		}
		last.ops = append(last.ops, op{kind: opPageRef, x: r.g.left + r.g.width(), y: by, face: pick(false, es.bold, false), size: es.size, color: ink, text: "h:" + e.Anchor})
		items = append(items, entry...)
	}
	return items
}
