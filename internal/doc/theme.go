package doc

import "fmt"

// Theme is the look every format shares: the page, its margins, the font sizes and the
// colours. A report and a handout each have one (ThemeOf); a renderer converts the units
// (millimetres, points) to its own and rounds where its format must (Word sets sizes in
// half-points), and keeps only what is its own: line heights, spacing, the drawing of a band.
type Theme struct {
	PageW, PageH float64 // millimetres: A4
	Margins      Margins // millimetres
	// FigureWidth is the most a chart spans, in millimetres; never more than the text width.
	FigureWidth float64
	Sizes       Sizes
	Colours     Colours
	front       map[Role]TextStyle
}

// Margins of the page, in millimetres.
type Margins struct{ Top, Right, Bottom, Left float64 }

// Sizes are font sizes in points.
type Sizes struct {
	Body, Small, Table float64
	Caption            float64 // table and figure captions, bold
	Quote              float64 // quotations, italic
	H1, H2, H3         float64 // headings; the contents' heading is set as H1
	Running            float64 // the running header and footer
}

// Colour is an RGB colour.
type Colour struct{ R, G, B uint8 }

// Hex is the colour as six hexadecimal digits, "1F3A5F".
func (c Colour) Hex() string { return fmt.Sprintf("%02X%02X%02X", c.R, c.G, c.B) }

// Colours are the theme's colours, by use.
type Colours struct {
	Ink      Colour // text
	Grey     Colour // secondary text: labels, notes, the running header and footer
	QuoteInk Colour // quotations
	Navy     Colour // headings, titles, links, rules of the title block
	Rule     Colour // thin rules: table rows, the running header's and footer's
	Tint     Colour // table headers, the cover's statement box
	Amber    Colour // the synthetic-data band
}

// TextStyle is how a role's text is set.
type TextStyle struct {
	Size         float64 // points
	Bold, Italic bool
	Colour       Colour
}

var palette = Colours{
	Ink:      Colour{0x1A, 0x1A, 0x1A},
	Grey:     Colour{0x59, 0x59, 0x59},
	QuoteInk: Colour{0x33, 0x33, 0x33},
	Navy:     Colour{0x1F, 0x3A, 0x5F},
	Rule:     Colour{0xBF, 0xBF, 0xBF},
	Tint:     Colour{0xF2, 0xF4, 0xF7},
	Amber:    Colour{0xFF, 0xE8, 0xB0},
}

// ReportTheme is the theme of a report: A4 with margins of 26 mm at the top, 25 mm on the
// right and at the foot and 30 mm on the left, where the paragraph numbers stand; 10.5 pt text.
func ReportTheme() Theme {
	const body = 10.5
	c := palette
	return Theme{
		PageW: 210, PageH: 297,
		Margins:     Margins{Top: 26, Right: 25, Bottom: 25, Left: 30},
		FigureWidth: 160,
		Sizes:       sizes(body, 8.5, 9),
		Colours:     c,
		front: map[Role]TextStyle{
			RoleBand:        {Size: 10, Bold: true, Colour: c.Ink},
			RoleMark:        {Size: 9, Bold: true, Colour: c.Ink},
			RoleTitle:       {Size: 24, Bold: true, Colour: c.Navy},
			RoleSubtitle:    {Size: 14, Colour: c.Navy},
			RoleRule:        {Colour: c.Navy},
			RoleSubmittedTo: {Size: 11, Colour: c.Ink},
			RoleSession:     {Size: 11, Colour: c.Ink},
			RoleLabel:       {Size: 9.5, Colour: c.Grey},
			RoleField:       {Size: body, Colour: c.Ink},
			RoleStatement:   {Size: body, Colour: c.Ink},
		},
	}
}

// HandoutTheme is the theme of a handout, which has a page budget: narrower margins (18 mm at
// the top and on the right, 22 mm at the foot and on the left) and 9.5 pt text.
func HandoutTheme() Theme {
	body, small := 9.5, 7.5 // variables: sizes are computed as the renderers once computed them
	c := palette
	return Theme{
		PageW: 210, PageH: 297,
		Margins:     Margins{Top: 18, Right: 18, Bottom: 22, Left: 22},
		FigureWidth: 160,
		Sizes:       sizes(body, small, 8.5),
		Colours:     c,
		front: map[Role]TextStyle{
			RoleTitle:         {Size: body * 1.55, Bold: true, Colour: c.Navy},
			RoleSubtitle:      {Size: body * 1.1, Colour: c.Navy},
			RoleOrganisations: {Size: body, Bold: true, Colour: c.Ink},
			RoleSession:       {Size: small + 0.5, Colour: c.Grey},
			RoleMark:          {Size: small + 0.5, Bold: true, Colour: c.Ink},
			RoleRule:          {Colour: c.Navy},
		},
	}
}

func sizes(body, small, table float64) Sizes {
	return Sizes{
		Body: body, Small: small, Table: table,
		Caption: body - 0.5, Quote: body - 0.5,
		H1: body * 1.45, H2: body * 1.15, H3: body,
		Running: 8,
	}
}

// ThemeOf is the theme of d: a report's when it has a cover, else a handout's.
func ThemeOf(d *Document) Theme {
	if d != nil && d.Cover {
		return ReportTheme()
	}
	return HandoutTheme()
}

// Style is how the front matter sets a line of the role (a Field's label has RoleLabel).
func (t Theme) Style(r Role) TextStyle {
	if s, ok := t.front[r]; ok {
		return s
	}
	return TextStyle{Size: t.Sizes.Body, Colour: t.Colours.Ink}
}

// TextWidth is the width of the text area in millimetres.
func (t Theme) TextWidth() float64 { return t.PageW - t.Margins.Left - t.Margins.Right }

// FigureSpan is the width of a chart in millimetres: FigureWidth, or the text width when
// that is narrower.
func (t Theme) FigureSpan() float64 { return min(t.FigureWidth, t.TextWidth()) }
