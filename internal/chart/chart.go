package chart

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"git.sr.ht/~sbinet/gg"
	stdfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/shadowreport/shadowreport/internal/doc"
)

// Font sizes in points.
const (
	tickSize   = 8.5
	labelSize  = 7.5
	legendSize = 8.5
	titleSize  = 9.5
)

// Label widths, in points, beyond which group labels wrap.
const (
	wrapHorizontal = 120
	wrapVertical   = 72
	maxLabelLines  = 4
)

var (
	ink      = color.Gray{Y: 0x20}
	softInk  = color.Gray{Y: 0x55}
	gridGrey = color.Gray{Y: 0xDD}
	light    = color.RGBA{R: 0xBC, G: 0xC6, B: 0xD0, A: 0xFF} // earliest wave
	navy     = color.RGBA{R: 0x1F, G: 0x4E, B: 0x79, A: 0xFF} // latest wave
)

// shape is what Plot and Height decide from the data before drawing.
type shape struct {
	horizontal bool
	waves      []string
	labels     []string // wrapped group labels, one per group
	lines      []int    // lines of each wrapped label
}

func measure(c doc.Chart) (shape, error) {
	if err := setup(); err != nil {
		return shape{}, err
	}
	var s shape
	if len(c.Groups) == 0 {
		return s, errors.New("chart: no groups to draw")
	}
	n := len(c.Waves)
	for _, g := range c.Groups {
		n = max(n, len(g.Bars))
	}
	if n == 0 {
		return s, errors.New("chart: no bars to draw")
	}
	s.waves = make([]string, n)
	for i := range s.waves {
		if i < len(c.Waves) {
			s.waves[i] = clean(c.Waves[i])
		}
	}
	s.horizontal = len(c.Groups) > 3 || len(c.Groups)*n > 6
	s.wrapLabels(c, wrapVertical)
	if !s.horizontal {
		for _, l := range s.lines {
			if l > 2 {
				s.horizontal = true
			}
		}
	}
	if s.horizontal {
		s.wrapLabels(c, wrapHorizontal)
	}
	return s, nil
}

func (s *shape) wrapLabels(c doc.Chart, width vg.Length) {
	s.labels, s.lines = s.labels[:0], s.lines[:0]
	for _, g := range c.Groups {
		lines := wrap(clean(g.Label), width)
		s.labels = append(s.labels, strings.Join(lines, "\n"))
		s.lines = append(s.lines, len(lines))
	}
}

// Horizontal reports whether the chart of c is drawn with horizontal bars (many groups or
// long labels), as Plot draws it; other renderers follow the same choice.
func Horizontal(c doc.Chart) bool {
	s, err := measure(c)
	return err == nil && s.horizontal
}

// Height returns a height in centimetres that suits the chart at the given width.
func Height(c doc.Chart, widthCm float64) float64 {
	s, err := measure(c)
	if err != nil {
		return 4
	}
	h := 1.8 // value axis, its label and the legend
	if strings.TrimSpace(c.Title) != "" {
		h += 0.6
	}
	if !s.horizontal {
		return math.Min(math.Max(widthCm*0.5, 6)+h-1.8, 20)
	}
	for _, l := range s.lines {
		h += math.Max(float64(l)*0.36, float64(len(s.waves))*0.42+0.3)
	}
	return math.Min(math.Max(h, 4), 24)
}

// Plot builds the grouped bar chart of c: one bar per wave in each group, the interval as
// whiskers, each bar labelled "k of n", the value axis from 0 to 100%. A bar with N == 0 is
// absent and labelled "no data".
func Plot(c doc.Chart) (*plot.Plot, error) {
	s, err := measure(c)
	if err != nil {
		return nil, err
	}
	p := plot.New()
	p.BackgroundColor = color.White
	if t := clean(c.Title); strings.TrimSpace(t) != "" {
		p.Title.Text = t
		p.Title.TextStyle.Font = font.From(plot.DefaultFont, titleSize)
		p.Title.TextStyle.Font.Weight = stdfont.WeightBold
		p.Title.TextStyle.Color = ink
		p.Title.Padding = vg.Points(4)
	}

	nG, nW := len(c.Groups), len(s.waves)
	const groupWidth = 0.8 // of one category unit
	step := groupWidth / float64(nW)
	// pos is the category coordinate of bar w in group g: groups left to right (vertical)
	// or top to bottom (horizontal), waves in legend order within a group.
	pos := func(g, w int) float64 {
		off := -groupWidth/2 + step*(float64(w)+0.5)
		if s.horizontal {
			return float64(nG-1-g) - off
		}
		return float64(g) + off
	}
	point := func(cat, val float64) plotter.XY {
		if s.horizontal {
			return plotter.XY{X: val, Y: cat}
		}
		return plotter.XY{X: cat, Y: val}
	}

	grid := plotter.NewGrid()
	grid.Vertical = draw.LineStyle{Color: gridGrey, Width: vg.Points(0.4)}
	grid.Horizontal = grid.Vertical
	if s.horizontal {
		grid.Horizontal.Color = nil
	} else {
		grid.Vertical.Color = nil
	}
	p.Add(grid)

	var (
		labels plotter.XYLabels
		styles []text.Style
		swatch []color.Color
	)
	labelStyle := func(absent bool) text.Style {
		sty := text.Style{
			Color:   ink,
			Font:    font.From(plot.DefaultFont, labelSize),
			Handler: plot.DefaultTextHandler,
		}
		if absent {
			sty.Color = softInk
			sty.Font.Style = stdfont.StyleItalic
		}
		if s.horizontal {
			sty.XAlign, sty.YAlign = draw.XLeft, draw.YCenter
		} else {
			sty.XAlign, sty.YAlign = draw.XCenter, draw.YBottom
		}
		return sty
	}
	for w := range nW {
		values := make(plotter.Values, nG)
		var wh whiskers
		for g, grp := range c.Groups {
			j := g
			if s.horizontal {
				j = nG - 1 - g // BarChart places value j at XMin + j
			}
			if w >= len(grp.Bars) || grp.Bars[w].N <= 0 || grp.Bars[w].Hidden {
				labels.XYs = append(labels.XYs, point(pos(g, w), 0))
				label := "no data"
				if w < len(grp.Bars) && grp.Bars[w].Hidden {
					label = grp.Bars[w].Label
				}
				labels.Labels = append(labels.Labels, label)
				styles = append(styles, labelStyle(true))
				continue
			}
			b := grp.Bars[w]
			share, lo, hi := unit(b.Share), unit(b.Lo), unit(b.Hi)
			lo, hi = math.Min(lo, share), math.Max(hi, share)
			values[j] = share * 100
			if hi > lo {
				wh.xys = append(wh.xys, point(pos(g, w), share*100))
				wh.lo = append(wh.lo, (share-lo)*100)
				wh.hi = append(wh.hi, (hi-share)*100)
			}
			labels.XYs = append(labels.XYs, point(pos(g, w), hi*100))
			label := b.Label
			if label == "" {
				label = strconv.Itoa(b.N)
			}
			labels.Labels = append(labels.Labels, label)
			styles = append(styles, labelStyle(false))
		}
		bc, err := plotter.NewBarChart(values, 1)
		if err != nil {
			return nil, fmt.Errorf("chart: bars of wave %d: %w", w+1, err)
		}
		bc.Horizontal = s.horizontal
		bc.XMin = pos(0, w)
		if s.horizontal {
			bc.XMin = pos(nG-1, w)
		}
		bc.Color = waveColor(w, nW)
		bc.LineStyle.Width = 0
		p.Add(bars{bc, step * 0.86, s.horizontal})
		swatch = append(swatch, bc.Color)

		if len(wh.xys) > 0 {
			var eb plot.Plotter
			if s.horizontal {
				e, err := plotter.NewXErrorBars(wh)
				if err != nil {
					return nil, fmt.Errorf("chart: intervals of wave %d: %w", w+1, err)
				}
				e.LineStyle = draw.LineStyle{Color: ink, Width: vg.Points(0.7)}
				e.CapWidth = vg.Points(3.5)
				eb = e
			} else {
				e, err := plotter.NewYErrorBars(wh)
				if err != nil {
					return nil, fmt.Errorf("chart: intervals of wave %d: %w", w+1, err)
				}
				e.LineStyle = draw.LineStyle{Color: ink, Width: vg.Points(0.7)}
				e.CapWidth = vg.Points(3.5)
				eb = e
			}
			p.Add(eb)
		}
	}
	if len(labels.XYs) > 0 {
		l, err := plotter.NewLabels(labels)
		if err != nil {
			return nil, fmt.Errorf("chart: bar labels: %w", err)
		}
		l.TextStyle = styles
		if s.horizontal {
			l.Offset = vg.Point{X: vg.Points(3)}
		} else {
			l.Offset = vg.Point{Y: vg.Points(2)}
		}
		p.Add(l)
	}
	p.Add(&legend{names: s.waves, colors: swatch})

	cat, val := &p.X, &p.Y
	if s.horizontal {
		cat, val = &p.Y, &p.X
	}
	names := make([]string, nG)
	for g := range nG {
		if s.horizontal {
			names[nG-1-g] = s.labels[g]
		} else {
			names[g] = s.labels[g]
		}
	}
	if s.horizontal {
		p.NominalY(names...)
		p.X.Padding = 0
	} else {
		p.NominalX(names...)
		p.Y.Padding = 0
	}
	cat.Min, cat.Max = -0.5, float64(nG)-0.5
	// invisible ticks keep the group labels off the axis line
	cat.Tick.Length = vg.Points(4)
	cat.Tick.LineStyle = draw.LineStyle{Color: color.Transparent, Width: vg.Points(0.5)}
	cat.Tick.Label.Font.Size = vg.Points(tickSize)
	cat.Tick.Label.Color = ink
	cat.Padding = vg.Points(2)

	val.Min, val.Max = 0, 100
	ticks := make(plot.ConstantTicks, 0, 6)
	for v := 0; v <= 100; v += 20 {
		ticks = append(ticks, plot.Tick{Value: float64(v), Label: strconv.Itoa(v) + "%"})
	}
	val.Tick.Marker = ticks
	val.Tick.Label.Font.Size = vg.Points(tickSize)
	val.Tick.Label.Color = ink
	val.Tick.Length = vg.Points(3)
	val.Tick.LineStyle = draw.LineStyle{Color: softInk, Width: vg.Points(0.5)}
	val.LineStyle = draw.LineStyle{Color: softInk, Width: vg.Points(0.5)}
	val.Padding = 0
	if l := clean(c.YLabel); strings.TrimSpace(l) != "" {
		val.Label.Text = l
		val.Label.TextStyle.Font.Size = vg.Points(tickSize)
		val.Label.TextStyle.Color = ink
		val.Label.Padding = vg.Points(4)
	}
	cat.LineStyle = draw.LineStyle{Color: softInk, Width: vg.Points(0.5)}
	return p, nil
}

// PNG renders the chart as a PNG image of the given size; the same chart gives the same bytes.
func PNG(c doc.Chart, widthCm, heightCm float64, dpi int) ([]byte, error) {
	draw, err := Raster(c, widthCm, heightCm, dpi)
	if err != nil {
		return nil, err
	}
	return draw(), nil
}

// Raster prepares the PNG image of the chart: it checks the size and builds the plot, and
// returns the function that draws and encodes the image (most of the work), which may run
// on another goroutine. The image is compressed for speed rather than size: it is the
// picture a reader without charts shows.
func Raster(c doc.Chart, widthCm, heightCm float64, dpi int) (func() []byte, error) {
	if !(widthCm > 0 && widthCm <= 100 && heightCm > 0 && heightCm <= 100) {
		return nil, fmt.Errorf("chart: image size %gx%g cm out of range (0, 100]", widthCm, heightCm)
	}
	if dpi < 36 || dpi > 1200 {
		return nil, fmt.Errorf("chart: resolution %d dpi out of range [36, 1200]", dpi)
	}
	p, err := Plot(c)
	if err != nil {
		return nil, err
	}
	p.BackgroundColor = nil // the canvas is white already
	return func() []byte {
		// an image of whole pixels drawn on directly (vgimg.NewWith would copy its own once
		// more), the context set as vgimg sets its own: butt caps, y up; white. The plot is
		// laid out at the size asked for, as on vgimg.UseWH's canvas.
		w, h := vg.Length(widthCm)*vg.Centimeter, vg.Length(heightCm)*vg.Centimeter
		px := func(l vg.Length) int { return max(int(l/vg.Inch*vg.Length(dpi)+0.5), 1) }
		img := image.NewRGBA(image.Rect(0, 0, px(w), px(h)))
		ctx := gg.NewContextForRGBA(img)
		ctx.SetLineCapButt()
		ctx.InvertY()
		cv := vgimg.NewWith(vgimg.UseImageWithContext(img, ctx), vgimg.UseDPI(dpi))
		p.Draw(draw.NewCanvas(newGlyphCanvas(cv, h), w, h))
		return encodePNG(img)
	}, nil
}

// waveColor steps from light grey-blue (earliest wave) to navy (latest): distinct in greyscale.
func waveColor(w, n int) color.Color {
	if n <= 1 {
		return navy
	}
	t := float64(w) / float64(n-1)
	mix := func(a, b uint8) uint8 { return uint8(math.Round(float64(a) + t*(float64(b)-float64(a)))) }
	return color.RGBA{R: mix(light.R, navy.R), G: mix(light.G, navy.G), B: mix(light.B, navy.B), A: 0xFF}
}

// unit clamps a share to [0, 1]; NaN is 0.
func unit(v float64) float64 {
	if !(v > 0) {
		return 0
	}
	return math.Min(v, 1)
}

// clean drops control and format characters and replaces runes outside the Basic
// Multilingual Plane (emoji), which the PDF fonts cannot carry, with a white square.
func clean(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n' || r == '\t':
			b.WriteByte(' ')
		case r == utf8.RuneError, r > 0xFFFF:
			b.WriteRune('□')
		case unicode.IsControl(r), unicode.Is(unicode.Cf, r):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// wrap breaks a label into lines no wider than width at the tick font, breaking long words
// anywhere, and keeps at most maxLabelLines lines (the last one ending in "…").
func wrap(s string, width vg.Length) []string {
	fnt := font.From(plot.DefaultFont, tickSize)
	h := plot.DefaultTextHandler
	wide := func(t string) bool { w, _, _ := h.Box(t, fnt); return w > width }
	// fit returns the length of the longest prefix of word (at least one rune) that fits.
	fit := func(word string) int {
		_, cut := utf8.DecodeRuneInString(word)
		for i := range word {
			if i > cut {
				if wide(word[:i]) {
					break
				}
				cut = i
			}
		}
		return cut
	}
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		if len(lines) > maxLabelLines {
			break
		}
		if line != "" && !wide(line+" "+word) {
			line += " " + word
			continue
		}
		if line != "" {
			lines = append(lines, line)
		}
		for len(lines) <= maxLabelLines && wide(word) {
			cut := fit(word)
			lines = append(lines, word[:cut])
			word = word[cut:]
		}
		line = word
	}
	if line != "" {
		lines = append(lines, line)
	}
	if len(lines) > maxLabelLines {
		lines = lines[:maxLabelLines]
		last := []rune(lines[maxLabelLines-1])
		for len(last) > 1 && wide(string(last)+"…") {
			last = last[:len(last)-1]
		}
		lines[maxLabelLines-1] = string(last) + "…"
	}
	if len(lines) == 0 {
		lines = []string{""}
	}
	return lines
}

// bars draws a BarChart whose bar thickness is a fraction of a category unit, so that the
// waves placed with XMin fill their group at any plot size.
type bars struct {
	*plotter.BarChart
	frac       float64
	horizontal bool
}

// Plot implements plot.Plotter.
func (b bars) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	tr := trX
	if b.horizontal {
		tr = trY
	}
	b.Width = vg.Length(math.Abs(float64(tr(1)-tr(0))) * b.frac)
	if b.Width <= 0 {
		b.Width = vg.Points(1)
	}
	b.BarChart.Plot(c, p)
}

// GlyphBoxes implements plot.GlyphBoxer: the category axis range already leaves room.
func (bars) GlyphBoxes(*plot.Plot) []plot.GlyphBox { return nil }

// whiskers are the intervals of one wave: XYer with both YErrorer and XErrorer.
type whiskers struct {
	xys    plotter.XYs
	lo, hi []float64
}

func (w whiskers) Len() int                        { return len(w.xys) }
func (w whiskers) XY(i int) (float64, float64)     { return w.xys[i].X, w.xys[i].Y }
func (w whiskers) YError(i int) (float64, float64) { return w.lo[i], w.hi[i] }
func (w whiskers) XError(i int) (float64, float64) { return w.lo[i], w.hi[i] }

// legend is a one-row legend above the data area (one row per wave when names are long),
// so that it never covers a bar.
type legend struct {
	names  []string
	colors []color.Color
}

const (
	legendSwatch = 8  // points
	legendGap    = 12 // points between entries
	legendRowGap = 3  // points
)

func (l *legend) style() text.Style {
	return text.Style{Color: ink, Font: font.From(plot.DefaultFont, legendSize), Handler: plot.DefaultTextHandler}
}

// rows returns the entries, each row a list of indexes.
func (l *legend) rows() [][]int {
	sty := l.style()
	var total vg.Length
	var one []int
	for i, n := range l.names {
		if n == "" {
			continue
		}
		total += legendSwatch + 4 + sty.Width(n) + legendGap
		one = append(one, i)
	}
	if len(one) == 0 {
		return nil
	}
	if total <= 320 {
		return [][]int{one}
	}
	rows := make([][]int, len(one))
	for i, e := range one {
		rows[i] = []int{e}
	}
	return rows
}

func (l *legend) height() vg.Length {
	rows := l.rows()
	if len(rows) == 0 {
		return 0
	}
	return vg.Length(len(rows))*(legendSize+legendRowGap) + 4
}

// Plot implements plot.Plotter: it draws above the data area, in the room GlyphBoxes asked for.
func (l *legend) Plot(c draw.Canvas, _ *plot.Plot) {
	sty := l.style()
	y := c.Max.Y + l.height() - legendSize
	for _, row := range l.rows() {
		x := c.Min.X
		for _, i := range row {
			r := vg.Rectangle{Min: vg.Point{X: x, Y: y}, Max: vg.Point{X: x + legendSwatch, Y: y + legendSwatch}}
			if i < len(l.colors) {
				c.FillPolygon(l.colors[i], []vg.Point{r.Min, {X: r.Max.X, Y: r.Min.Y}, r.Max, {X: r.Min.X, Y: r.Max.Y}})
			}
			c.FillText(sty, vg.Point{X: x + legendSwatch + 4, Y: y}, l.names[i])
			x += legendSwatch + 4 + sty.Width(l.names[i]) + legendGap
		}
		y -= legendSize + legendRowGap
	}
}

// GlyphBoxes implements plot.GlyphBoxer: a box at the top of the data area, as tall as the
// legend, makes the plot leave room for it.
func (l *legend) GlyphBoxes(*plot.Plot) []plot.GlyphBox {
	h := l.height()
	if h == 0 {
		return nil
	}
	return []plot.GlyphBox{{X: 0, Y: 1, Rectangle: vg.Rectangle{Max: vg.Point{Y: h}}}}
}
