package chart

import (
	"bytes"
	"image/color"
	"image/png"
	"strings"
	"testing"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/shadowreport/shadowreport/internal/doc"
)

func sample() doc.Chart {
	return doc.Chart{
		Title:  "Education: 2014 and 2017",
		Waves:  []string{"2014 (n = 40)", "2017 (n = 40)"},
		YLabel: "share of those who answered (95% CI)",
		Groups: []doc.BarGroup{
			{Label: "Paid informal school fees", Bars: []doc.Bar{{N: 40, Label: "12 of 40", Share: 0.3, Lo: 0.18, Hi: 0.45}, {N: 40, Label: "20 of 40", Share: 0.5, Lo: 0.35, Hi: 0.65}}},
			{Label: "Children did unpaid labour for the school instead of attending classes", Bars: []doc.Bar{{N: 40, Label: "33 of 40", Share: 0.825, Lo: 0.68, Hi: 0.91}, {N: 40, Label: "40 of 40", Share: 1, Lo: 0.91, Hi: 1}}},
			{Label: "학교에 비공식 비용을 냈다", Bars: []doc.Bar{{}, {N: 38, Label: "7 of 38", Share: 7.0 / 38, Lo: 0.09, Hi: 0.33}}},
			{Label: "Not asked in either wave", Bars: []doc.Bar{{}, {}}},
		},
	}
}

func TestPNGDeterministic(t *testing.T) {
	a, err := PNG(sample(), 16, Height(sample(), 16), 150)
	if err != nil {
		t.Fatal(err)
	}
	b, err := PNG(sample(), 16, Height(sample(), 16), 150)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Fatal("two renders of the same chart differ")
	}
	img, err := png.Decode(bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	if w := img.Bounds().Dx(); w < 900 || w > 960 {
		t.Errorf("width %d px, want about 945 (16 cm at 150 dpi)", w)
	}
}

func TestHostileCharts(t *testing.T) {
	long := strings.Repeat("가", 3000)
	charts := map[string]doc.Chart{
		"korean and absent": sample(),
		"vertical": {Waves: []string{"2014", "2017"}, Groups: []doc.BarGroup{
			{Label: "Fees", Bars: []doc.Bar{{N: 2, Label: "1 of 2", Share: 0.5, Lo: 0.1, Hi: 0.9}, {}}},
		}},
		"all absent":           {Waves: []string{"a"}, Groups: []doc.BarGroup{{Label: "x", Bars: []doc.Bar{{}}}}},
		"more bars than waves": {Groups: []doc.BarGroup{{Label: "x", Bars: []doc.Bar{{N: 1, Label: "1 of 1", Share: 1, Lo: 1, Hi: 1}, {N: 3, Label: "0 of 3"}}}}},
		"hostile labels": {Waves: []string{"😀\x00wave", ""}, Title: "\u202etitle", Groups: []doc.BarGroup{
			{Label: long, Bars: []doc.Bar{{N: 3, Label: "5 of 3", Share: 7, Lo: -1, Hi: 99}}},
			{Label: strings.Repeat("word ", 400), Bars: []doc.Bar{{N: 4, Label: "1 of 4", Share: -0.5, Lo: 0.9, Hi: 0.1}}},
			{Label: "", Bars: nil},
		}},
	}
	for name, c := range charts {
		t.Run(name, func(t *testing.T) {
			if _, err := PNG(c, 12, Height(c, 12), 72); err != nil {
				t.Fatal(err)
			}
		})
	}
	if _, err := Plot(doc.Chart{}); err == nil {
		t.Error("a chart without groups gave no error")
	}
	if _, err := PNG(sample(), 0, 5, 100); err == nil {
		t.Error("a zero width gave no error")
	}
}

func TestWrap(t *testing.T) {
	if err := setup(); err != nil {
		t.Fatal(err)
	}
	lines := wrap("Children did unpaid labour for the school instead of attending classes", wrapHorizontal)
	if len(lines) < 2 || len(lines) > 3 {
		t.Errorf("got %q", lines)
	}
	lines = wrap(strings.Repeat("x", 5000), wrapHorizontal)
	if len(lines) != maxLabelLines || !strings.HasSuffix(lines[maxLabelLines-1], "…") {
		t.Errorf("long word: %d lines, last %q", len(lines), lines[len(lines)-1])
	}
	if got := clean("a\x00b😀\u200bc\nd"); got != "ab□c d" {
		t.Errorf("clean = %q", got)
	}
}

// TestRasterAsVgimg draws charts (horizontal and vertical, Korean labels, a rotated axis
// label) with Raster, which draws on an image of its own and sets text from cached glyph
// masks, and with gonum's image canvas as it comes: the same picture, but for rounding in the
// compositing of a few anti-aliased pixels. Each is drawn twice: the second time from the
// masks the first one kept.
func TestRasterAsVgimg(t *testing.T) {
	vertical := doc.Chart{Waves: []string{"2014", "2017"}, YLabel: "share (95% CI)", Groups: []doc.BarGroup{
		{Label: "학교 비용", Bars: []doc.Bar{{N: 40, Label: "12 of 40", Share: 0.3, Lo: 0.18, Hi: 0.45}, {N: 40, Label: "20 of 40", Share: 0.5, Lo: 0.35, Hi: 0.65}}},
	}}
	for _, c := range []doc.Chart{sample(), vertical} {
		for _, dpi := range []int{72, 150} {
			const wCm, hCm = 16, 8.3
			p, err := Plot(c)
			if err != nil {
				t.Fatal(err)
			}
			cv := vgimg.NewWith(vgimg.UseWH(wCm*vg.Centimeter, hCm*vg.Centimeter), vgimg.UseDPI(dpi), vgimg.UseBackgroundColor(color.White))
			p.Draw(draw.New(cv))
			want := cv.Image()
			for pass := range 2 {
				data, err := PNG(c, wCm, hCm, dpi)
				if err != nil {
					t.Fatal(err)
				}
				got, err := png.Decode(bytes.NewReader(data))
				if err != nil {
					t.Fatal(err)
				}
				if got.Bounds() != want.Bounds() {
					t.Fatalf("%q at %d dpi: %v, vgimg %v", c.Title, dpi, got.Bounds(), want.Bounds())
				}
				differ, most := 0, 0
				b := want.Bounds()
				for y := b.Min.Y; y < b.Max.Y; y++ {
					for x := b.Min.X; x < b.Max.X; x++ {
						r1, g1, b1, _ := got.At(x, y).RGBA()
						r2, g2, b2, _ := want.At(x, y).RGBA()
						d := max(absDiff(r1, r2), absDiff(g1, g2), absDiff(b1, b2)) >> 8
						if d > 0 {
							differ++
							most = max(most, int(d))
						}
					}
				}
				if differ > 20 || most > 2 {
					t.Errorf("%q at %d dpi, pass %d: %d pixels differ, by up to %d", c.Title, dpi, pass+1, differ, most)
				}
			}
		}
	}
}

func absDiff(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}
