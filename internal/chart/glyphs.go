package chart

import (
	"image"
	"image/color"
	stddraw "image/draw"
	"math"
	"sync"

	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/vgimg"
)

// A chart's picture sets a few dozen short labels in the same faces and sizes, and the
// figures of a report repeat their digits and words; gonum's image canvas rasterises each
// glyph afresh every time and composites it through a general affine transform. glyphCanvas
// sets text the same way (the same glyph masks at the same positions) from masks kept for
// the process, composited directly; rotated or scaled text is left to the image canvas.

// glyphCanvas is an image canvas whose upright text is set from cached glyph masks.
type glyphCanvas struct {
	*vgimg.Canvas
	img     *image.RGBA
	h       vg.Length // the canvas's height
	colors  []color.Color
	affine  []bool // whether the transform is more than the identity, per Push level
	uniform image.Uniform
}

// newGlyphCanvas sets text on c as vgimg does on a canvas of height h (vgimg.UseWH's, which
// its image rounds to whole pixels).
func newGlyphCanvas(c *vgimg.Canvas, h vg.Length) vg.Canvas {
	img, ok := c.Image().(*image.RGBA)
	if !ok {
		return c
	}
	return &glyphCanvas{Canvas: c, img: img, h: h, colors: []color.Color{color.Black}, affine: []bool{false}}
}

func (c *glyphCanvas) SetColor(clr color.Color) {
	if clr == nil {
		clr = color.Black
	}
	c.Canvas.SetColor(clr)
	c.colors[len(c.colors)-1] = clr
}

func (c *glyphCanvas) Push() {
	c.Canvas.Push()
	c.colors = append(c.colors, c.colors[len(c.colors)-1])
	c.affine = append(c.affine, c.affine[len(c.affine)-1])
}

func (c *glyphCanvas) Pop() {
	c.Canvas.Pop()
	if len(c.colors) > 1 {
		c.colors = c.colors[:len(c.colors)-1]
		c.affine = c.affine[:len(c.affine)-1]
	}
}

func (c *glyphCanvas) transformed() { c.affine[len(c.affine)-1] = true }

func (c *glyphCanvas) Rotate(t float64) {
	c.Canvas.Rotate(t)
	if t != 0 {
		c.transformed()
	}
}

func (c *glyphCanvas) Translate(pt vg.Point) {
	c.Canvas.Translate(pt)
	if pt.X != 0 || pt.Y != 0 {
		c.transformed()
	}
}

func (c *glyphCanvas) Scale(x, y float64) {
	c.Canvas.Scale(x, y)
	if x != 1 || y != 1 {
		c.transformed()
	}
}

// FillString sets str as the image canvas does (gg's DrawString under an identity
// transform): from the dot at the point, glyph after glyph, with the face's kerning, each
// glyph's mask composited over the image in the current colour.
func (c *glyphCanvas) FillString(f font.Face, pt vg.Point, str string) {
	if f.Font.Size == 0 {
		return
	}
	if c.affine[len(c.affine)-1] || f.Face == nil {
		// vgimg sets it from its own height, the image's whole pixels: from h, as on a
		// canvas of the size asked for
		_, own := c.Canvas.Size()
		pt.Y += own - c.h
		c.Canvas.FillString(f, pt, str)
		return
	}
	dpi := c.DPI()
	gf := glyphFace(f.Face, f.Font.Size.Points(), dpi)
	if gf == nil {
		_, own := c.Canvas.Size()
		pt.Y += own - c.h
		c.Canvas.FillString(f, pt, str)
		return
	}
	x, y := pt.X.Dots(dpi), c.h.Dots(dpi)-pt.Y.Dots(dpi)
	dot := fixed.Point26_6{X: fixed.Int26_6(math.Round(x * 64)), Y: fixed.Int26_6(math.Round(y * 64))}
	c.uniform.C = c.colors[len(c.colors)-1]
	prev := rune(-1)
	for _, r := range str {
		if prev >= 0 {
			dot.X += gf.kern(prev, r)
		}
		g := gf.glyph(dot, r)
		if !g.ok {
			continue
		}
		at := image.Pt(dot.X.Floor(), dot.Y.Floor())
		stddraw.DrawMask(c.img, g.rect.Add(at), &c.uniform, image.Point{}, g.mask, image.Point{}, stddraw.Over)
		dot.X += g.advance
		prev = r
	}
}

// faceGlyphs are the glyphs of one face at one size and resolution, kept for the process.
type faceGlyphs struct {
	mu     sync.Mutex
	face   *opentype.Face
	glyphs map[glyphKey]glyphMask
	kerns  map[[2]rune]fixed.Int26_6
}

type glyphKey struct {
	r      rune
	fx, fy fixed.Int26_6 // the dot's position within its pixel
}

type glyphMask struct {
	rect    image.Rectangle // relative to the dot's pixel
	mask    *image.Alpha
	advance fixed.Int26_6
	ok      bool
}

type faceKey struct {
	font      *sfnt.Font
	size, dpi float64
}

// maxGlyphBytes bounds the masks kept for the process, maxKerns the kerning pairs kept for
// a face, whatever the text: with at most 64 faces, a few megabytes.
const (
	maxGlyphBytes = 8 << 20
	maxKerns      = 1 << 12
)

var (
	facesMu    sync.Mutex
	faces      = map[faceKey]*faceGlyphs{}
	glyphBytes int // the size of the masks kept
)

func glyphFace(f *sfnt.Font, size, dpi float64) *faceGlyphs {
	key := faceKey{f, size, dpi}
	facesMu.Lock()
	defer facesMu.Unlock()
	if g, ok := faces[key]; ok {
		return g
	}
	if len(faces) >= 64 {
		return nil
	}
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: dpi})
	if err != nil {
		return nil
	}
	g := &faceGlyphs{face: face.(*opentype.Face), glyphs: map[glyphKey]glyphMask{}, kerns: map[[2]rune]fixed.Int26_6{}}
	faces[key] = g
	return g
}

func (g *faceGlyphs) kern(a, b rune) fixed.Int26_6 {
	g.mu.Lock()
	defer g.mu.Unlock()
	k, ok := g.kerns[[2]rune{a, b}]
	if !ok {
		k = g.face.Kern(a, b)
		if len(g.kerns) < maxKerns {
			g.kerns[[2]rune{a, b}] = k
		}
	}
	return k
}

// glyph returns the mask of r drawn at dot, as opentype's face rasterises it: the mask
// depends only on where the dot falls within its pixel.
func (g *faceGlyphs) glyph(dot fixed.Point26_6, r rune) glyphMask {
	key := glyphKey{r, dot.X & 63, dot.Y & 63}
	g.mu.Lock()
	defer g.mu.Unlock()
	if m, ok := g.glyphs[key]; ok {
		return m
	}
	dr, mask, maskp, advance, ok := g.face.Glyph(dot, r)
	m := glyphMask{advance: advance, ok: ok}
	if ok {
		at := image.Pt(dot.X.Floor(), dot.Y.Floor())
		m.rect = dr.Sub(at)
		a := image.NewAlpha(image.Rect(0, 0, dr.Dx(), dr.Dy()))
		stddraw.Draw(a, a.Bounds(), mask, maskp, stddraw.Src)
		m.mask = a
	}
	size := 64 // the entry
	if m.mask != nil {
		size += len(m.mask.Pix)
	}
	facesMu.Lock()
	keep := glyphBytes+size <= maxGlyphBytes
	if keep {
		glyphBytes += size
	}
	facesMu.Unlock()
	if keep {
		g.glyphs[key] = m
	}
	return m
}
