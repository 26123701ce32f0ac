package sheet

import "github.com/xuri/excelize/v2"

// Style is how a cell looks; the zero Style is Excel's default. A Style is a value: change a
// field of a named one to derive another (st := Percent; st.Bold = true). A book makes each
// distinct Style once, in the order they are first used.
type Style struct {
	Bold, Italic bool
	Size         float64 // of the font, in points; 0: Excel's default
	Color        string  // of the font, RRGGBB
	Fill         string  // of the background, RRGGBB
	Line         string  // a thin line under the cell, of this colour
	Wrap         bool
	Align        string // horizontal: "", "left", "center", "right"
	VAlign       string // vertical: "", "top", "center", "bottom"
	NumFmt       int    // one of Excel's built-in number formats (1: 0, 9: 0%, 14: a date, 49: text)
	Format       string // a number format of its own, used instead of NumFmt
}

// The named styles.
var (
	Bold          = Style{Bold: true}
	Header        = Style{Bold: true, Fill: "D9E1F2", Line: "8EA9DB", VAlign: "center"}
	TextFormat    = Style{NumFmt: 49}                            // what a person types stays as typed ("1-5", "007")
	Wrapped       = Style{NumFmt: 49, Wrap: true, VAlign: "top"} // long text
	Integer       = Style{NumFmt: 1}                             // 0
	Percent       = Style{NumFmt: 9}                             // 0%
	SignedPercent = Style{Format: "+0.0%;-0.0%;0.0%"}            // a difference of shares
	PValue        = Style{Format: "0.000"}                       // a p-value
	DateFormat    = Style{NumFmt: 14}                            // a day
	Warning       = Style{Bold: true, Color: "C00000"}           // a mark that must be seen
)

// excel is the excelize form of st.
func (st Style) excel() *excelize.Style {
	x := &excelize.Style{NumFmt: st.NumFmt}
	if st.Format != "" {
		code := st.Format
		x.CustomNumFmt = &code
	}
	if st.Bold || st.Italic || st.Size != 0 || st.Color != "" {
		x.Font = &excelize.Font{Bold: st.Bold, Italic: st.Italic, Size: st.Size, Color: st.Color}
	}
	if st.Fill != "" {
		x.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{st.Fill}}
	}
	if st.Line != "" {
		x.Border = []excelize.Border{{Type: "bottom", Color: st.Line, Style: 1}}
	}
	if st.Wrap || st.Align != "" || st.VAlign != "" {
		x.Alignment = &excelize.Alignment{WrapText: st.Wrap, Horizontal: st.Align, Vertical: st.VAlign}
	}
	return x
}
