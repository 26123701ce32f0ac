package pdf

import (
	"image"
	"image/color"
	"math"
	"strings"

	stdfont "golang.org/x/image/font"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"

	"github.com/shadowreport/shadowreport/internal/render/clean"
)

// affine maps a point (x, y) to (a·x + c·y + e, b·x + d·y + f), in points with y up.
type affine struct{ a, b, c, d, e, f float64 }

func (m affine) then(n affine) affine {
	// apply n first, then m
	return affine{
		a: m.a*n.a + m.c*n.b, b: m.b*n.a + m.d*n.b,
		c: m.a*n.c + m.c*n.d, d: m.b*n.c + m.d*n.d,
		e: m.a*n.e + m.c*n.f + m.e, f: m.b*n.e + m.d*n.f + m.f,
	}
}

func (m affine) apply(p vg.Point) (float64, float64) {
	x, y := float64(p.X), float64(p.Y)
	return m.a*x + m.c*y + m.e, m.b*x + m.d*y + m.f
}

func (m affine) scale() float64 { return math.Sqrt(math.Abs(m.a*m.d - m.b*m.c)) }

type canvasState struct {
	m     affine
	width vg.Length
	dash  []vg.Length
	off   vg.Length
	color color.Color
}

// canvas is a vg.Canvas drawing onto the current fpdf page, so that charts are vectors and
// their text is set in the document's embedded fonts (and can be extracted). Its origin is
// the bottom left corner of the figure at (x0, y0) on the page, in millimetres from the top left.
type canvas struct {
	r      *renderer
	x0, y0 float64
	st     canvasState
	stack  []canvasState
}

var _ vg.Canvas = (*canvas)(nil)

func newCanvas(r *renderer, x0, y0 float64) *canvas {
	return &canvas{r: r, x0: x0, y0: y0, st: canvasState{m: affine{a: 1, d: 1}, width: 1, color: color.Black}}
}

// page converts a point on the canvas to page millimetres.
func (c *canvas) page(p vg.Point) (float64, float64) {
	x, y := c.st.m.apply(p)
	return c.x0 + x*ptmm, c.y0 - y*ptmm
}

func (c *canvas) SetLineWidth(w vg.Length) { c.st.width = w }

func (c *canvas) SetLineDash(pattern []vg.Length, offset vg.Length) {
	c.st.dash = append([]vg.Length(nil), pattern...)
	c.st.off = offset
}

func (c *canvas) SetColor(col color.Color) {
	if col == nil {
		col = color.Black
	}
	c.st.color = col
}

func (c *canvas) Rotate(rad float64) {
	s, co := math.Sincos(rad)
	c.st.m = c.st.m.then(affine{a: co, b: s, c: -s, d: co})
}

func (c *canvas) Translate(p vg.Point) {
	c.st.m = c.st.m.then(affine{a: 1, d: 1, e: float64(p.X), f: float64(p.Y)})
}

func (c *canvas) Scale(x, y float64) { c.st.m = c.st.m.then(affine{a: x, d: y}) }

func (c *canvas) Push() {
	s := c.st
	s.dash = append([]vg.Length(nil), c.st.dash...)
	c.stack = append(c.stack, s)
}

func (c *canvas) Pop() {
	if n := len(c.stack); n > 0 {
		c.st = c.stack[n-1]
		c.stack = c.stack[:n-1]
	}
}

// rgba returns the 8-bit colour and whether it is visible at all.
func rgba(col color.Color) (r, g, b int, visible bool) {
	cr, cg, cb, ca := col.RGBA()
	if ca == 0 {
		return 0, 0, 0, false
	}
	// un-premultiply
	return int(cr * 0xFF / ca), int(cg * 0xFF / ca), int(cb * 0xFF / ca), true
}

func (c *canvas) path(p vg.Path) {
	pdf := c.r.pdf
	started := false
	var sx, sy float64 // start of the current subpath, canvas units
	var cx, cy float64 // current point, canvas units
	moveOrLine := func(x, y float64) {
		px, py := c.page(vg.Point{X: vg.Length(x), Y: vg.Length(y)})
		if started {
			pdf.LineTo(px, py)
		} else {
			pdf.MoveTo(px, py)
			sx, sy = x, y
			started = true
		}
		cx, cy = x, y
	}
	cubic := func(x1, y1, x2, y2, x3, y3 float64) {
		ax, ay := c.page(vg.Point{X: vg.Length(x1), Y: vg.Length(y1)})
		bx, by := c.page(vg.Point{X: vg.Length(x2), Y: vg.Length(y2)})
		ex, ey := c.page(vg.Point{X: vg.Length(x3), Y: vg.Length(y3)})
		pdf.CurveBezierCubicTo(ax, ay, bx, by, ex, ey)
		cx, cy = x3, y3
	}
	for _, comp := range p {
		switch comp.Type {
		case vg.MoveComp:
			started = false
			moveOrLine(float64(comp.Pos.X), float64(comp.Pos.Y))
		case vg.LineComp:
			moveOrLine(float64(comp.Pos.X), float64(comp.Pos.Y))
		case vg.ArcComp:
			r := float64(comp.Radius)
			ox, oy := float64(comp.Pos.X), float64(comp.Pos.Y)
			a0, sweep := comp.Start, comp.Angle
			moveOrLine(ox+r*math.Cos(a0), oy+r*math.Sin(a0))
			n := int(math.Ceil(math.Abs(sweep) / (math.Pi / 2)))
			if n > 64 {
				n = 64
			}
			step := sweep / float64(max(n, 1))
			k := 4.0 / 3 * math.Tan(step/4)
			for i := 0; i < n; i++ {
				t0, t1 := a0+step*float64(i), a0+step*float64(i+1)
				s0, c0 := math.Sincos(t0)
				s1, c1 := math.Sincos(t1)
				cubic(ox+r*(c0-k*s0), oy+r*(s0+k*c0), ox+r*(c1+k*s1), oy+r*(s1-k*c1), ox+r*c1, oy+r*s1)
			}
		case vg.CurveComp:
			if !started {
				moveOrLine(cx, cy)
			}
			end := comp.Pos
			switch len(comp.Control) {
			case 1:
				q := comp.Control[0]
				qx, qy := float64(q.X), float64(q.Y)
				ex, ey := float64(end.X), float64(end.Y)
				cubic(cx+2.0/3*(qx-cx), cy+2.0/3*(qy-cy), ex+2.0/3*(qx-ex), ey+2.0/3*(qy-ey), ex, ey)
			case 2:
				p1, p2 := comp.Control[0], comp.Control[1]
				cubic(float64(p1.X), float64(p1.Y), float64(p2.X), float64(p2.Y), float64(end.X), float64(end.Y))
			default:
				moveOrLine(float64(end.X), float64(end.Y))
			}
		case vg.CloseComp:
			if started {
				pdf.ClosePath()
				cx, cy = sx, sy
				started = false
			}
		}
	}
}

func (c *canvas) Stroke(p vg.Path) {
	if c.st.width <= 0 || len(p) == 0 {
		return
	}
	r, g, b, ok := rgba(c.st.color)
	if !ok {
		return
	}
	pdf := c.r.pdf
	sc := c.st.m.scale() * ptmm
	pdf.SetDrawColor(r, g, b)
	pdf.SetLineWidth(float64(c.st.width) * sc)
	if len(c.st.dash) > 0 {
		d := make([]float64, len(c.st.dash))
		for i, l := range c.st.dash {
			d[i] = float64(l) * sc
		}
		pdf.SetDashPattern(d, float64(c.st.off)*sc)
	}
	c.path(p)
	pdf.DrawPath("D")
	if len(c.st.dash) > 0 {
		pdf.SetDashPattern(nil, 0)
	}
}

func (c *canvas) Fill(p vg.Path) {
	if len(p) == 0 {
		return
	}
	r, g, b, ok := rgba(c.st.color)
	if !ok {
		return
	}
	c.r.pdf.SetFillColor(r, g, b)
	c.path(p)
	c.r.pdf.DrawPath("F")
}

// FillString sets text in the document's embedded faces, Korean runs in Nanum Gothic.
func (c *canvas) FillString(f font.Face, pt vg.Point, text string) {
	size := float64(f.Font.Size) * c.st.m.scale()
	if size <= 0 || text == "" {
		return
	}
	r, g, b, ok := rgba(c.st.color)
	if !ok {
		return
	}
	// chart text was cleaned by the renderer; this only guards fpdf against what slipped by
	text = strings.Map(func(r rune) rune {
		if r > 0xFFFF {
			return clean.Replacement
		}
		if r < 0x20 {
			return -1
		}
		return r
	}, text)
	bold := f.Font.Weight >= stdfont.WeightBold
	italic := f.Font.Style == stdfont.StyleItalic
	x, y := c.page(pt)
	pdf := c.r.pdf
	pdf.SetTextColor(r, g, b)
	angle := math.Atan2(c.st.m.b, c.st.m.a) * 180 / math.Pi
	rotated := math.Abs(angle) > 1e-6
	if rotated {
		// TransformEnd restores the PDF graphics state, the font included, behind fpdf's back:
		// select the font before the transform and select it again after, so that fpdf's idea
		// of the current font stays true.
		first, got := latinR, false
		c.r.runs(text, func(_ string, korean bool) {
			if !got {
				first, got = pick(korean, bold, italic), true
			}
		})
		c.r.setFont(first, size)
		defer c.r.setFont(first, size)
		pdf.TransformBegin()
		pdf.TransformRotate(angle, x, y)
	}
	// the same choice of face per run as body text: Korean runs in Nanum Gothic
	c.r.runs(text, func(t string, korean bool) {
		fc := pick(korean, bold, italic)
		c.r.guard(t)
		c.r.setFont(fc, size)
		c.r.fpdfText(x, y, t)
		x += c.r.stringWidth(t)
	})
	if rotated {
		pdf.TransformEnd()
	}
}

// DrawImage is not used by the bar charts; images are left out.
func (c *canvas) DrawImage(vg.Rectangle, image.Image) {}
