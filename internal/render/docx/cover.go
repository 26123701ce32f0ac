package docx

import (
	"strings"

	"github.com/shadowreport/shadowreport/internal/doc"
)

// style is the run properties of a role of the front matter, beyond those of the paragraph
// style that sets it (coverStyles).
func (r *renderer) style(role doc.Role, strong bool) rp {
	s := r.d.Theme.Style(role)
	p := rp{bold: s.Bold || strong, italic: s.Italic, size: halfPoints(s.Size)}
	if s.Colour != colours.Ink {
		p.color = s.Colour.Hex()
	}
	return p
}

// coverStyles are the paragraph styles of the roles of the front matter; the styles set the
// sizes and colours of the title, subtitle, band and cover text, so their runs carry none.
var coverStyles = map[doc.Role]string{
	doc.RoleBand: "CoverNotice", doc.RoleMark: "CoverText", doc.RoleTitle: "Title", doc.RoleSubtitle: "Subtitle",
	doc.RoleSubmittedTo: "CoverText", doc.RoleSession: "CoverText", doc.RoleField: "CoverField",
	doc.RoleOrganisations: "CoverText", doc.RoleStatement: "CoverStatement",
}

// cover writes the cover page, in cover styles (which the word count leaves out), followed by
// a page break.
func (r *renderer) cover() {
	b := &r.body
	spaced, fields := false, 0
	for _, l := range r.d.Front {
		text := r.line(l.Text)
		if !spaced && l.Role != doc.RoleBand && l.Role != doc.RoleMark {
			// the title block starts about a third down the page
			b.WriteString(`<w:p><w:pPr><w:pStyle w:val="CoverText"/><w:spacing w:before="1800" w:after="0"/></w:pPr></w:p>`)
			spaced = true
		}
		switch l.Role {
		case doc.RoleMark:
			b.WriteString(`<w:p><w:pPr><w:pStyle w:val="CoverText"/></w:pPr>` + run(text, r.style(l.Role, l.Strong)) + `</w:p>`)
		case doc.RoleRule:
			// a short rule, 4.5 cm long
			b.WriteString(`<w:p><w:pPr><w:pStyle w:val="CoverText"/><w:pBdr><w:bottom w:val="single" w:sz="18" w:space="1" w:color="` + r.d.Theme.Style(l.Role).Colour.Hex() + `"/></w:pBdr>` +
				`<w:spacing w:before="0" w:after="360"/><w:ind w:right="` + itoa(r.textWidth-2551) + `"/></w:pPr></w:p>`)
		case doc.RoleSubmittedTo:
			b.WriteString(`<w:p><w:pPr><w:pStyle w:val="CoverText"/><w:spacing w:after="60"/></w:pPr>` + run(text, rp{}) + `</w:p>`)
		case doc.RoleField:
			sp := ""
			if fields == 0 {
				sp = `<w:spacing w:before="600"/>`
			}
			fields++
			b.WriteString(`<w:p><w:pPr><w:pStyle w:val="CoverField"/>` + sp + `</w:pPr>` +
				run(l.Label, r.style(doc.RoleLabel, false)) + `<w:r><w:tab/></w:r>` + run(text, rp{}) + `</w:p>`)
		case doc.RoleStatement:
			b.WriteString(`<w:p><w:pPr><w:pStyle w:val="CoverStatement"/></w:pPr>` + run(text, rp{bold: l.Strong}) + `</w:p>`)
		default:
			b.WriteString(`<w:p><w:pPr><w:pStyle w:val="` + coverStyles[l.Role] + `"/></w:pPr>` + run(text, rp{}) + `</w:p>`)
		}
	}
	r.pendingBreak = true
}

// handoutTitle is the title block at the top of a handout's first page, with a rule under
// its last line.
func (r *renderer) handoutTitle() {
	var ps []string
	for _, l := range r.d.Front {
		text := r.line(l.Text)
		switch l.Role {
		case doc.RoleRule:
			if n := len(ps); n > 0 {
				style, _, _ := strings.Cut(ps[n-2], "/>")
				ps[n-2] = style + `/><w:pBdr><w:bottom w:val="single" w:sz="6" w:space="4" w:color="` + r.d.Theme.Style(l.Role).Colour.Hex() + `"/></w:pBdr><w:spacing w:after="240"/>`
			}
		case doc.RoleTitle, doc.RoleSubtitle:
			ps = append(ps, `<w:pStyle w:val="`+coverStyles[l.Role]+`"/>`, run(text, rp{}))
		default:
			ps = append(ps, `<w:pStyle w:val="CoverText"/><w:spacing w:after="0"/>`, run(text, r.style(l.Role, l.Strong)))
		}
	}
	for i := 0; i < len(ps); i += 2 {
		r.body.WriteString(`<w:p><w:pPr>` + ps[i] + `</w:pPr>` + ps[i+1] + `</w:p>`)
	}
}
