package chart

import (
	"fmt"
	"math"
	"strings"
	"sync"

	stdfont "golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"

	"github.com/shadowreport/shadowreport/internal/fonts"
)

// Typefaces registered in gonum's font cache. The Liberation faces are registered by gonum
// itself; Nanum Gothic is added here for Korean text.
const (
	latinTypeface  = font.Typeface("Liberation")
	latinVariant   = font.Variant("Sans")
	koreanTypeface = font.Typeface("Nanum")
	koreanVariant  = font.Variant("Gothic")
)

// setup sets gonum's font globals once: it registers Nanum Gothic in font.DefaultCache, makes
// Liberation Sans the default face of plots and plotters, and installs a text handler that
// sets a line in Nanum Gothic when Liberation Sans cannot draw it. It runs before any plot.New.
var setup = sync.OnceValue(func() error {
	var coll font.Collection
	for _, f := range fonts.Faces() {
		if f.Name != fonts.Korean {
			continue
		}
		face, err := opentype.Parse(f.TTF)
		if err != nil {
			return fmt.Errorf("chart: parsing %s %q: %w", f.Name, f.Style, err)
		}
		fnt := font.Font{Typeface: koreanTypeface, Variant: koreanVariant}
		if strings.Contains(f.Style, "B") {
			fnt.Weight = stdfont.WeightBold
		}
		coll = append(coll, font.Face{Font: fnt, Face: face})
	}
	if len(coll) == 0 {
		return fmt.Errorf("chart: no %s face embedded", fonts.Korean)
	}
	font.DefaultCache.Add(coll)
	plot.DefaultFont = font.Font{Typeface: latinTypeface, Variant: latinVariant}
	plotter.DefaultFont = plot.DefaultFont
	plot.DefaultTextHandler = fallback{text.Plain{Fonts: font.DefaultCache}}
	return nil
})

// Warm sets gonum's font globals (see setup) ahead of the first chart.
func Warm() { _ = setup() }

// needsKorean reports whether a line has a rune Liberation Sans lacks and Nanum Gothic has.
func needsKorean(s string) bool {
	for _, r := range s {
		if r < 0x0300 {
			continue // Latin letters: always in Liberation Sans
		}
		if !fonts.Has(fonts.Latin, r) && fonts.Has(fonts.Korean, r) {
			return true
		}
	}
	return false
}

// fallback is a plain-text handler that picks the face per line: Liberation Sans, or Nanum
// Gothic for lines with Korean (Nanum has Latin letters too, so a mixed line stays whole).
type fallback struct{ text.Plain }

func faceFor(line string, f font.Font) font.Font {
	if f.Typeface == latinTypeface && needsKorean(line) {
		f.Typeface, f.Variant = koreanTypeface, koreanVariant
	}
	return f
}

// Box implements text.Handler. Text is measured again and again as a chart is laid out
// (labels wrapped, axes padded, the same chart for each format): the measures of short texts
// are kept for the process, as many as maxBoxes.
func (h fallback) Box(txt string, fnt font.Font) (width, height, depth vg.Length) {
	if len(txt) > maxBoxText {
		return h.Plain.Box(txt, faceFor(txt, fnt))
	}
	key := boxKey{txt, fnt}
	boxMu.Lock()
	b, ok := boxes[key]
	boxMu.Unlock()
	if ok {
		return b[0], b[1], b[2]
	}
	width, height, depth = h.Plain.Box(txt, faceFor(txt, fnt))
	boxMu.Lock()
	if len(boxes) < maxBoxes {
		boxes[key] = [3]vg.Length{width, height, depth}
	}
	boxMu.Unlock()
	return width, height, depth
}

type boxKey struct {
	txt string
	fnt font.Font
}

// maxBoxes and maxBoxText bound the measures kept: at most 16384 texts of 256 bytes.
const (
	maxBoxes   = 1 << 14
	maxBoxText = 256
)

var (
	boxMu sync.Mutex
	boxes = map[boxKey][3]vg.Length{}
)

// Draw implements text.Handler; it is text.Plain's Draw with the face chosen per line.
func (h fallback) Draw(c vg.Canvas, txt string, sty text.Style, pt vg.Point) {
	txt = strings.TrimRight(txt, "\n")
	if len(txt) == 0 {
		return
	}
	c.SetColor(sty.Color)
	if sty.Rotation != 0 {
		c.Push()
		c.Rotate(sty.Rotation)
	}
	sin64, cos64 := math.Sincos(sty.Rotation)
	cos, sin := vg.Length(cos64), vg.Length(sin64)
	pt.X, pt.Y = pt.Y*sin+pt.X*cos, pt.Y*cos-pt.X*sin

	base := h.Fonts.Lookup(sty.Font, sty.Font.Size)
	lines := h.Lines(txt)
	pt.Y += sty.Height(txt)*vg.Length(sty.YAlign) - base.Extents().Ascent
	for i, line := range lines {
		f := faceFor(line, sty.Font)
		face := h.Fonts.Lookup(f, f.Size)
		var xoffs vg.Length
		if sty.XAlign != 0 {
			w, _, _ := h.Box(line, sty.Font) // the face chosen for the line, as here
			xoffs = vg.Length(sty.XAlign) * w
		}
		n := vg.Length(len(lines) - i)
		c.FillString(face, pt.Add(vg.Point{X: xoffs, Y: n * sty.Font.Size}), line)
	}
	if sty.Rotation != 0 {
		c.Pop()
	}
}
