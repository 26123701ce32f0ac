package pdf

// page is a laid out page.
type page struct {
	ops    []op
	notes  []*note
	y      float64 // bottom of the content placed so far
	notesH float64 // height of the footnote area, separator included
	cover  bool
	empty  bool // nothing but a repeated table header placed yet
}

const noteSep = 4.0 // space taken by the footnote separator

// position is where an anchor landed.
type position struct {
	page int // 1-based
	y    float64
}

func (r *renderer) newPage() *page {
	p := &page{y: r.g.top, empty: true}
	r.pages = append(r.pages, p)
	return p
}

func (r *renderer) current() *page {
	if len(r.pages) == 0 || r.pages[len(r.pages)-1].cover {
		return r.newPage()
	}
	return r.pages[len(r.pages)-1]
}

// room is the space left on p above the footnotes, if extra more footnote height were added.
func (r *renderer) room(p *page, extra float64) float64 {
	notes := p.notesH
	if extra > 0 && notes == 0 {
		notes = noteSep
	}
	return r.g.limit() - notes - extra - p.y
}

func notesH(it *item) float64 {
	h := 0.0
	for _, n := range it.notes {
		h += n.h
	}
	return h
}

// need is the height items[i] needs on a page with the items it keeps with (footnotes
// included); when a chain is taller than a page, items[i] needs room for itself and the
// item after it only.
func (r *renderer) need(items []*item, i int) (h, notes float64) {
	h, notes = items[i].h, notesH(items[i])
	var least, leastNotes float64
	for j := i; items[j].keep && j+1 < len(items); j++ {
		next := items[j+1]
		if next.newPage {
			break
		}
		h += next.h
		notes += notesH(next)
		if j == i {
			least, leastNotes = h, notes
		}
		if h+notes > r.g.bodyH()*0.9 {
			return least, leastNotes
		}
	}
	return h, notes
}

// paginate places items on pages: a chain of items kept together moves to the next page
// when it does not fit, table rows opening a page bring the table header with them, a
// chapter starts a new page when less than a third of the page is left (unless it fits
// there whole), and footnotes take room at the foot of the page of their reference.
func (r *renderer) paginate(items []*item) {
	for i, it := range items {
		p := r.current()
		if it.newPage && !p.empty || it.chapter && !p.empty && r.startsPage(items, i, p) {
			p = r.newPage()
		}
		if it.gap {
			if p.empty {
				continue
			}
			if r.room(p, 0) < it.h {
				r.newPage()
				continue
			}
			p.y += it.h
			continue
		}
		h, notes := r.need(items, i)
		if r.room(p, notes) < h && !p.empty {
			p = r.newPage()
			for _, hd := range it.header {
				if hd == it {
					break
				}
				r.place(p, hd)
			}
			p.empty = true // a repeated header alone does not make a page worth breaking
		}
		r.place(p, it)
	}
	if len(r.pages) == 0 || r.pages[len(r.pages)-1].cover {
		r.newPage()
	}
}

// startsPage reports whether the chapter opening at items[i] starts a new page rather than
// continue p: it does when less than a third of the page is left, unless the whole chapter
// fits in what is left.
func (r *renderer) startsPage(items []*item, i int, p *page) bool {
	room := r.room(p, 0)
	if room >= r.g.bodyH()/3 {
		return false
	}
	h, notes := 0.0, 0.0
	for j := i; j < len(items) && (j == i || !items[j].chapter && !items[j].newPage); j++ {
		h += items[j].h
		notes += notesH(items[j])
		if h+notes > room {
			return true
		}
	}
	return r.room(p, notes) < h
}

func (r *renderer) place(p *page, it *item) {
	for _, o := range it.ops {
		o.y += p.y
		p.ops = append(p.ops, o)
	}
	for _, a := range it.anchors {
		r.anchors[a] = position{page: len(r.pages), y: p.y}
	}
	for _, n := range it.notes {
		if p.notesH == 0 {
			p.notesH = noteSep
		}
		p.notes = append(p.notes, n)
		p.notesH += n.h
	}
	p.y += it.h
	if it.h > 0 || len(it.ops) > 0 {
		p.empty = false
	}
}

// fill is how much of the page's text area is used, 0..1 (more when it overflows).
func (r *renderer) fill(p *page) float64 {
	return (p.y - r.g.top + p.notesH) / r.g.bodyH()
}
