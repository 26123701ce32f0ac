package docx

import (
	"strings"

	"github.com/shadowreport/shadowreport/internal/doc"
)

// The words of the cover and the running marks, as in the PDF (internal/render/pdf/cover.go).

// organisations is the submitting organisation and the co-submitters, comma-separated.
func (r *renderer) organisations() string {
	var names []string
	for _, n := range r.d.Meta.Organisations() {
		if n = r.line(n); n != "" {
			names = append(names, n)
		}
	}
	return strings.Join(names, ", ")
}

// sessionLine is "CEDAW · 68th session · for the review of … · date" for handouts.
func (r *renderer) sessionLine() string {
	m := r.d.Meta
	var parts []string
	for _, p := range []string{m.Mechanism, m.Session, m.StagePhrase(), m.Date} {
		if p = r.line(p); p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, " · ")
}

// cover writes the cover page: the same information as the PDF's, in cover styles (which
// Words leaves out), followed by a page break.
func (r *renderer) cover() {
	m := r.d.Meta
	b := &r.body
	band := func() {
		b.WriteString(`<w:p><w:pPr><w:pStyle w:val="CoverNotice"/></w:pPr>` + run(doc.SyntheticBand, rp{}) + `</w:p>`)
	}
	if m.Synthetic {
		band()
	}
	if m.Confidential {
		b.WriteString(`<w:p><w:pPr><w:pStyle w:val="CoverText"/></w:pPr>` + run(strings.ToUpper(doc.ConfidentialShort), rp{bold: true}) + `</w:p>`)
	}
	// the title block starts about a third down the page
	b.WriteString(`<w:p><w:pPr><w:pStyle w:val="CoverText"/><w:spacing w:before="1800" w:after="0"/></w:pPr></w:p>`)
	if t := r.line(m.Title); t != "" {
		b.WriteString(`<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr>` + run(t, rp{}) + `</w:p>`)
	}
	if s := r.line(m.Subtitle); s != "" {
		b.WriteString(`<w:p><w:pPr><w:pStyle w:val="Subtitle"/></w:pPr>` + run(s, rp{}) + `</w:p>`)
	}
	// a short rule, 4.5 cm long
	b.WriteString(`<w:p><w:pPr><w:pStyle w:val="CoverText"/><w:pBdr><w:bottom w:val="single" w:sz="18" w:space="1" w:color="` + navy + `"/></w:pBdr>` +
		`<w:spacing w:before="0" w:after="360"/><w:ind w:right="` + itoa(r.textWidth-2551) + `"/></w:pPr></w:p>`)
	if s := r.line(m.SubmittedTo()); s != "" {
		b.WriteString(`<w:p><w:pPr><w:pStyle w:val="CoverText"/><w:spacing w:after="60"/></w:pPr>` + run(s, rp{}) + `</w:p>`)
	}
	var parts []string
	for _, p := range []string{r.line(m.Session), r.line(m.StagePhrase())} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	if len(parts) > 0 {
		b.WriteString(`<w:p><w:pPr><w:pStyle w:val="CoverText"/></w:pPr>` + run(strings.Join(parts, " — "), rp{}) + `</w:p>`)
	}
	first := true
	field := func(label, value string) {
		if value == "" {
			return
		}
		sp := ""
		if first {
			sp = `<w:spacing w:before="600"/>`
			first = false
		}
		b.WriteString(`<w:p><w:pPr><w:pStyle w:val="CoverField"/>` + sp + `</w:pPr>` +
			run(label, rp{color: grey, size: r.sz.small + 2}) + `<w:r><w:tab/></w:r>` + run(value, rp{}) + `</w:p>`)
	}
	field("State party", r.line(m.State))
	field("Submitted by", r.organisations())
	field("Contact", r.line(m.Contact))
	field("Date", r.line(m.Date))

	statement, bold := doc.PublicStatement, false
	if m.Confidential {
		statement, bold = doc.ConfidentialLong, true
	}
	b.WriteString(`<w:p><w:pPr><w:pStyle w:val="CoverStatement"/></w:pPr>` + run(statement, rp{bold: bold}) + `</w:p>`)
	if m.Synthetic {
		band()
	}
	r.pendingBreak = true
}

// handoutTitle is the title block at the top of a handout's first page, as in the PDF.
func (r *renderer) handoutTitle() {
	m := r.d.Meta
	var ps []string
	if t := r.line(m.Title); t != "" {
		ps = append(ps, `<w:pStyle w:val="Title"/>`, run(t, rp{}))
	}
	if s := r.line(m.Subtitle); s != "" {
		ps = append(ps, `<w:pStyle w:val="Subtitle"/>`, run(s, rp{}))
	}
	if o := r.organisations(); o != "" {
		ps = append(ps, `<w:pStyle w:val="CoverText"/><w:spacing w:after="0"/>`, run(o, rp{bold: true}))
	}
	if s := r.sessionLine(); s != "" {
		ps = append(ps, `<w:pStyle w:val="CoverText"/><w:spacing w:after="0"/>`, run(s, rp{color: grey, size: r.sz.small + 1}))
	}
	if m.Confidential {
		ps = append(ps, `<w:pStyle w:val="CoverText"/><w:spacing w:after="0"/>`, run(doc.ConfidentialLong, rp{bold: true, size: r.sz.small + 1}))
	}
	for i := 0; i < len(ps); i += 2 {
		ppr := ps[i]
		if i == len(ps)-2 {
			// a rule under the block
			style, _, _ := strings.Cut(ppr, "/>")
			ppr = style + `/><w:pBdr><w:bottom w:val="single" w:sz="6" w:space="4" w:color="` + navy + `"/></w:pBdr><w:spacing w:after="240"/>`
		}
		r.body.WriteString(`<w:p><w:pPr>` + ppr + `</w:pPr>` + ps[i+1] + `</w:p>`)
	}
}
