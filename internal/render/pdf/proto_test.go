package pdf

import (
	"bytes"
	"testing"

	"codeberg.org/go-pdf/fpdf"
	"github.com/shadowreport/shadowreport/internal/fonts"
)

func benchFont(b *testing.B, idx int, out bool) {
	f := fonts.Faces()[idx]
	for b.Loop() {
		p := fpdf.New("P", "mm", "A4", "")
		p.AddPage()
		p.AddUTF8FontFromBytes("x", "", f.TTF)
		p.SetFont("x", "", 10)
		p.Text(10, 10, "Hello world 학교에 비공식 비용")
		if out {
			var buf bytes.Buffer
			p.Output(&buf)
		}
	}
}
func BenchmarkFontLatinAdd(b *testing.B)  { benchFont(b, 0, false) }
func BenchmarkFontLatinOut(b *testing.B)  { benchFont(b, 0, true) }
func BenchmarkFontKoreanAdd(b *testing.B) { benchFont(b, 4, false) }
func BenchmarkFontKoreanOut(b *testing.B) { benchFont(b, 4, true) }
