package pdf

import (
	"github.com/shadowreport/shadowreport/internal/present"
	"strings"

	"github.com/shadowreport/shadowreport/internal/doc"
)

const (
	confidentialShort = "Confidential — for the Committee only"
	confidentialLong  = "CONFIDENTIAL — for the Committee only. Not for publication."
	publicStatement   = "This submission may be published on the OHCHR website."
	syntheticBand     = "Built from SYNTHETIC sample data — not real testimony"
)

// committees maps UN mechanisms to the names used on a cover.
var committees = map[string]string{
	"CEDAW": "Committee on the Elimination of Discrimination against Women",
	"CRC":   "Committee on the Rights of the Child",
	"CAT":   "Committee against Torture",
	"CCPR":  "Human Rights Committee",
	"CESCR": "Committee on Economic, Social and Cultural Rights",
	"CERD":  "Committee on the Elimination of Racial Discrimination",
	"CMW":   "Committee on the Protection of the Rights of All Migrant Workers and Members of Their Families",
	"CRPD":  "Committee on the Rights of Persons with Disabilities",
	"CED":   "Committee on Enforced Disappearances",
}

// submittedTo is the "Submitted to the Committee … (CEDAW)" line; an unknown mechanism is
// printed as given.
func submittedTo(mech string) string {
	m := strings.TrimSpace(mech)
	switch key := strings.ToUpper(m); {
	case m == "":
		return ""
	case key == "UPR":
		return "Submitted for the Universal Periodic Review (UPR) of the Human Rights Council"
	case committees[key] != "":
		return "Submitted to the " + committees[key] + "\u00a0(" + key + ")" // the acronym never ends up alone on a line
	}
	return "Submitted to " + m
}

// stagePhrase says what the submission is for: "for the review of …", "for the list of issues".
func stagePhrase(stage, state string) string {
	s := strings.ToLower(strings.Join(strings.FieldsFunc(stage, func(r rune) bool {
		return r == ' ' || r == '_' || r == '-'
	}), " "))
	if state == "" {
		state = "the State party"
	} else {
		state = present.StateName(state)
	}
	switch {
	case s == "":
		return ""
	case s == "loipr" || strings.Contains(s, "prior to reporting"):
		return "for the list of issues prior to reporting on " + state
	case s == "loi" || s == "lois" || strings.Contains(s, "list of issues"):
		return "for the list of issues on " + state
	case strings.Contains(s, "follow up"):
		return "for the follow-up to the concluding observations on " + state
	case strings.Contains(s, "review"), strings.Contains(s, "dialogue"), strings.Contains(s, "periodic report"):
		return "for the review of " + state
	}
	return strings.TrimSpace(stage)
}

func (r *renderer) organisations() string {
	var names []string
	for _, n := range append([]string{r.d.Meta.Organisation}, r.d.Meta.CoSubmitters...) {
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
	for _, p := range []string{m.Mechanism, m.Session, stagePhrase(m.Stage, strings.TrimSpace(m.State)), m.Date} {
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
		t := strings.ToUpper(confidentialShort)
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
	if s := clean(submittedTo(m.Mechanism)); s != "" {
		stack(r.textBlock(plain(s), g.left, g.width(), lead, false), 3)
	}
	var parts []string
	for _, p := range []string{clean(m.Session), clean(stagePhrase(m.Stage, strings.TrimSpace(m.State)))} {
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
	statement, bold := publicStatement, false
	if m.Confidential {
		statement, bold = confidentialLong, true
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
	w := r.textWidth(syntheticBand, size, true, false)
	ops, _ = r.textOps(ops, syntheticBand, (r.g.pageW-w)/2, y+baseline(h, size), size, true, false, ink)
	return ops
}

// metaKeywords are the PDF keywords: mechanism, session, state.
func metaKeywords(m doc.Meta) string {
	var k []string
	for _, s := range []string{m.Mechanism, m.Session, m.State, "shadow report"} {
		if s = strings.TrimSpace(s); s != "" {
			k = append(k, s)
		}
	}
	return strings.Join(k, "; ")
}
