package pdf

import (
	"strings"

	"github.com/shadowreport/shadowreport/internal/doc"
)

func (r *renderer) organisations() string {
	var names []string
	for _, n := range r.d.Meta.Organisations() {
		if n = strings.TrimSpace(r.clean(n, false)); n != "" {
			names = append(names, n)
		}
	}
	return strings.Join(names, ", ")
}

// sessionLine is "CEDAW · 68th session · for the review of …" for handouts.
func (r *renderer) sessionLine() string {
	m := r.d.Meta
	var parts []string
	for _, p := range []string{m.Mechanism, m.Session, m.StagePhrase(), m.Date} {
		if p = strings.TrimSpace(r.clean(p, false)); p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, " · ")
}

// coverOps lays out the cover page.
func (r *renderer) coverOps() []op {
	m := r.d.Meta
	g := r.g
	var ops []op
	y := 30.0
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
	if m.Synthetic {
		ops = append(ops, r.bandOps(10, 8)...)
	}
	if m.Confidential {
		t := strings.ToUpper(doc.ConfidentialShort)
		ops, _ = r.textOps(ops, t, g.left, 26, 9, true, false, ink)
	}
	y = 62
	clean := func(s string) string { return strings.TrimSpace(r.clean(s, false)) }
	if t := clean(m.Title); t != "" {
		stack(r.textBlock(plain(t), g.left, g.width(), tstyle{size: 24, bold: true, color: navy, lead: 10.5}, false), 5)
	}
	if s := clean(m.Subtitle); s != "" {
		y += 2
		stack(r.textBlock(plain(s), g.left, g.width(), tstyle{size: 14, color: navy, lead: 7}, false), 4)
	}
	y += 8
	ops = append(ops, op{kind: opLine, x: g.left, y: y, w: 45, lw: 1.6, color: navy})
	y += 10
	lead := tstyle{size: 11, color: ink, lead: 5.8}
	if s := clean(m.SubmittedTo()); s != "" {
		stack(r.textBlock(plain(s), g.left, g.width(), lead, false), 3)
	}
	var parts []string
	for _, p := range []string{clean(m.Session), clean(m.StagePhrase())} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	if len(parts) > 0 {
		stack(r.textBlock(plain(strings.Join(parts, " — ")), g.left, g.width(), lead, false), 3)
	}
	y += 12

	const labelW = 36.0
	field := func(label, value string) {
		if value == "" {
			return
		}
		st := tstyle{size: 10.5, color: ink, lead: 5.4}
		items := r.textBlock(plain(value), g.left+labelW, g.width()-labelW, st, false)
		ops, _ = r.textOps(ops, label, g.left, y+baseline(st.lead, st.size), 9.5, false, false, grey)
		stack(items, 4)
		y += 2.2
	}
	field("State party", clean(m.State))
	field("Submitted by", r.organisations())
	field("Contact", clean(m.Contact))
	field("Date", clean(m.Date))

	// the public or confidential statement, in a box near the foot of the page
	statement, bold := doc.PublicStatement, false
	if m.Confidential {
		statement, bold = doc.ConfidentialLong, true
	}
	st := tstyle{size: 10.5, bold: bold, color: ink, lead: 5.4}
	items := r.textBlock(plain(statement), g.left+5, g.width()-10, st, false)
	h := float64(len(items))*st.lead + 8
	top := g.pageH - 40 - h
	ops = append(ops, op{kind: opRect, x: g.left, y: top, w: g.width(), h: h, color: tint})
	ops = append(ops, op{kind: opLine, x: g.left, y: top, h: h, lw: 1.6, color: navy})
	y = top + 4
	stack(items, 3)
	if m.Synthetic {
		ops = append(ops, r.bandOps(g.pageH-22, 8)...)
	}
	return ops
}

// bandOps draws the synthetic-data band across the page at y, h high.
func (r *renderer) bandOps(y, h float64) []op {
	ops := []op{{kind: opRect, x: 0, y: y, w: r.g.pageW, h: h, color: amber}}
	size := h * 1.05 / ptmm * 0.42
	w := r.textWidth(doc.SyntheticBand, size, true, false)
	ops, _ = r.textOps(ops, doc.SyntheticBand, (r.g.pageW-w)/2, y+baseline(h, size), size, true, false, ink)
	return ops
}
