package pdf

import (
	"strings"

	"github.com/shadowreport/shadowreport/internal/doc"
)

// tstyleOf is the PDF style of a role of the front matter, with its line height.
func (r *renderer) tstyleOf(role doc.Role, lead float64) tstyle {
	s := r.d.Theme.Style(role)
	return tstyle{size: s.Size, bold: s.Bold, italic: s.Italic, color: rgbOf(s.Colour), lead: lead}
}

// line is a line of the front matter, clean and trimmed.
func (r *renderer) line(s string) string { return strings.TrimSpace(r.clean(s, false)) }

// coverLead is the line height of each role on the cover, and the most lines it may take.
var coverLead = map[doc.Role]struct {
	lead     float64
	maxLines int
}{
	doc.RoleTitle:       {10.5, 5},
	doc.RoleSubtitle:    {7, 4},
	doc.RoleSubmittedTo: {5.8, 3},
	doc.RoleSession:     {5.8, 3},
	doc.RoleField:       {5.4, 4},
	doc.RoleStatement:   {5.4, 3},
}

// coverOps lays out the cover page: the bands at the top and the foot of the page, the mark,
// the title block from a third down the page, the fields, and the statement in a box near the
// foot.
func (r *renderer) coverOps() []op {
	g := r.g
	var ops []op
	y := 62.0
	stack := func(items []*item, maxLines int) {
		for i, it := range items {
			if i == maxLines {
				break
			}
			for _, o := range it.ops {
				o.y += y
				ops = append(ops, o)
			}
			y += it.h
		}
	}
	block := func(l doc.Line, x, width float64) ([]*item, tstyle, int) {
		cl := coverLead[l.Role]
		st := r.tstyleOf(l.Role, cl.lead)
		st.bold = st.bold || l.Strong
		return r.textBlock(plain(r.line(l.Text)), x, width, st, false), st, cl.maxLines
	}
	const labelW = 36.0
	prev, stated := doc.Role(-1), false
	for _, l := range r.d.Front {
		switch l.Role {
		case doc.RoleBand:
			if stated {
				ops = append(ops, r.bandOps(l.Text, g.pageH-22, 8)...)
			} else {
				ops = append(ops, r.bandOps(l.Text, 10, 8)...)
			}
		case doc.RoleMark:
			st := r.d.Theme.Style(l.Role)
			ops, _ = r.textOps(ops, r.line(l.Text), g.left, 26, st.Size, st.Bold, false, rgbOf(st.Colour))
		case doc.RoleTitle, doc.RoleSubtitle, doc.RoleSubmittedTo, doc.RoleSession:
			if l.Role == doc.RoleSubtitle {
				y += 2
			}
			items, _, n := block(l, g.left, g.width())
			stack(items, n)
		case doc.RoleRule:
			y += 8
			ops = append(ops, op{kind: opLine, x: g.left, y: y, w: 45, lw: 1.6, color: rgbOf(r.d.Theme.Style(l.Role).Colour)})
			y += 10
		case doc.RoleField:
			if prev != doc.RoleField {
				y += 12
			}
			items, st, n := block(l, g.left+labelW, g.width()-labelW)
			ls := r.d.Theme.Style(doc.RoleLabel)
			ops, _ = r.textOps(ops, l.Label, g.left, y+baseline(st.lead, st.size), ls.Size, ls.Bold, false, rgbOf(ls.Colour))
			stack(items, n)
			y += 2.2
		case doc.RoleStatement:
			// in a box near the foot of the page
			items, st, n := block(l, g.left+5, g.width()-10)
			h := float64(len(items))*st.lead + 8
			top := g.pageH - 40 - h
			ops = append(ops, op{kind: opRect, x: g.left, y: top, w: g.width(), h: h, color: tint})
			ops = append(ops, op{kind: opLine, x: g.left, y: top, h: h, lw: 1.6, color: navy})
			y = top + 4
			stack(items, n)
			stated = true
		}
		prev = l.Role
	}
	return ops
}

// handoutTitle is the title block at the top of a handout's first page, with a rule under it.
func (r *renderer) handoutTitle() []*item {
	g := r.g
	lead := map[doc.Role]float64{
		doc.RoleTitle:         g.lead * 1.5,
		doc.RoleSubtitle:      g.lead * 1.15,
		doc.RoleOrganisations: g.lead,
		doc.RoleSession:       g.smallLead + 0.3,
		doc.RoleMark:          g.smallLead + 0.4,
	}
	var items []*item
	for _, l := range r.d.Front {
		if l.Role == doc.RoleRule {
			if len(items) > 0 {
				last := items[len(items)-1]
				last.ops = append(last.ops, op{kind: opLine, x: g.left, y: last.h + 1.5, w: g.width(), lw: 0.5, color: rgbOf(r.d.Theme.Style(l.Role).Colour)})
				last.h += 4
			}
			continue
		}
		st := r.tstyleOf(l.Role, lead[l.Role])
		st.bold = st.bold || l.Strong
		items = append(items, r.textBlock(plain(r.line(l.Text)), g.left, g.width(), st, false)...)
	}
	for _, it := range items {
		it.keep = true
	}
	return items
}

// bandOps draws the synthetic-data band across the page at y, h high.
func (r *renderer) bandOps(text string, y, h float64) []op {
	ops := []op{{kind: opRect, x: 0, y: y, w: r.g.pageW, h: h, color: amber}}
	size := h * 1.05 / ptmm * 0.42
	w := r.textWidth(text, size, true, false)
	ops, _ = r.textOps(ops, text, (r.g.pageW-w)/2, y+baseline(h, size), size, true, false, ink)
	return ops
}
