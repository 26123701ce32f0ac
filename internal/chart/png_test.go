package chart

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"testing"
)

// TestEncodePNG decodes what encodePNG writes with image/png: every pixel as drawn.
func TestEncodePNG(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, size := range []image.Point{{1, 1}, {3, 2}, {64, 17}, {605, 263}} {
		img := image.NewRGBA(image.Rectangle{Max: size})
		for y := range size.Y {
			for x := range size.X {
				// runs of one colour, as a chart has, and noise
				c := color.RGBA{uint8(x / 7 * 40), uint8(y * 3), 0xFF, 0xFF}
				if rng.IntN(5) == 0 {
					c = color.RGBA{uint8(rng.IntN(256)), uint8(rng.IntN(256)), uint8(rng.IntN(256)), 0xFF}
				}
				img.SetRGBA(x, y, c)
			}
		}
		data := encodePNG(img)
		got, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%v: %v", size, err)
		}
		if got.Bounds() != img.Bounds() {
			t.Fatalf("%v: decoded %v", size, got.Bounds())
		}
		for y := range size.Y {
			for x := range size.X {
				r1, g1, b1, a1 := got.At(x, y).RGBA()
				r2, g2, b2, _ := img.At(x, y).RGBA()
				if r1 != r2 || g1 != g2 || b1 != b2 || a1 != 0xFFFF {
					t.Fatalf("%v: pixel %d,%d is %v, drawn %v", size, x, y, got.At(x, y), img.At(x, y))
				}
			}
		}
	}
}
