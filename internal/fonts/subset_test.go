package fonts

import (
	"fmt"
	"slices"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// TestSubset reads each face's subsets with golang.org/x/image's sfnt, which knows nothing of
// how they were made: the runes asked for (and, in Subset's, those up to U+00FF) draw the same
// outlines with the same advances as in the whole font (composite glyphs such as "Ǻ"
// included), the others are gone, and the subset is a small part of the whole.
func TestSubset(t *testing.T) {
	asked := []rune("학교 비공식 — “fees” Ǻǻ…□")
	absent := []rune("뷁ŴЖ")
	for _, f := range Faces() {
		for _, exact := range []bool{false, true} {
			name := fmt.Sprintf("%s %q (exact %v)", f.Name, f.Style, exact)
			sub, err := f.Subset(asked)
			if exact {
				sub, err = f.ExactSubset(asked)
			}
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			whole, err := sfnt.Parse(f.TTF)
			if err != nil {
				t.Fatal(err)
			}
			part, err := sfnt.Parse(sub)
			if err != nil {
				t.Fatalf("%s: the subset does not parse: %v", name, err)
			}
			var bw, bp sfnt.Buffer
			ppem := fixed.I(int(whole.UnitsPerEm()))
			check := func(c rune) {
				gw, _ := whole.GlyphIndex(&bw, c)
				gp, _ := part.GlyphIndex(&bp, c)
				if (gw == 0) != (gp == 0) {
					t.Errorf("%s %U: glyph %d whole, %d in the subset", name, c, gw, gp)
					return
				}
				if gw == 0 {
					return
				}
				aw, _ := whole.GlyphAdvance(&bw, gw, ppem, font.HintingNone)
				ap, _ := part.GlyphAdvance(&bp, gp, ppem, font.HintingNone)
				sw, err1 := whole.LoadGlyph(&bw, gw, ppem, nil)
				sp, err2 := part.LoadGlyph(&bp, gp, ppem, nil)
				if aw != ap || err1 != nil || err2 != nil || !slices.Equal(sw, sp) {
					t.Errorf("%s %U: advance %v / %v, outline equal %v (%v, %v)", name, c, aw, ap, slices.Equal(sw, sp), err1, err2)
				}
			}
			for _, c := range asked {
				check(c)
			}
			gone := slices.Clone(absent)
			for c := rune(0x20); c <= 0xFF; c++ {
				switch {
				case !exact:
					check(c)
				case !slices.Contains(asked, c):
					gone = append(gone, c)
				}
			}
			for _, c := range gone {
				if g, _ := part.GlyphIndex(&bp, c); g != 0 {
					t.Errorf("%s: %U is in the subset, not asked for", name, c)
				}
			}
			if len(sub) > len(f.TTF)/4 {
				t.Errorf("%s: the subset is %d bytes of %d", name, len(sub), len(f.TTF))
			}
		}
	}
}

// TestSubsetBadFont: a file that is no TrueType font is an error, never a panic.
func TestSubsetBadFont(t *testing.T) {
	for _, data := range [][]byte{nil, []byte("not a font"), make([]byte, 64), append([]byte{0, 1, 0, 0, 0, 9}, make([]byte, 40)...)} {
		if _, err := parseTT(data); err == nil {
			t.Errorf("%q parsed", data)
		}
	}
}

// TestWarmWhileSubsetting: Warm, run while subsets are made (as the command runs it beside a
// build), reads every face and changes no subset (with -race: shares nothing unguarded).
func TestWarmWhileSubsetting(t *testing.T) {
	runes := []rune("학교 fees")
	done := make(chan struct{})
	go func() {
		Warm()
		close(done)
	}()
	var first [][]byte
	for _, f := range Faces() {
		sub, err := f.Subset(runes)
		if err != nil {
			t.Fatal(err)
		}
		first = append(first, sub)
	}
	<-done
	parseMu.Lock()
	n := len(parsedTT)
	parseMu.Unlock()
	if n != len(Faces()) {
		t.Errorf("%d faces read, want %d", n, len(Faces()))
	}
	for i, f := range Faces() {
		if sub, err := f.Subset(runes); err != nil || !slices.Equal(sub, first[i]) {
			t.Errorf("%s %q: the subset changed after Warm (%v)", f.Name, f.Style, err)
		}
	}
}

// TestSubsetKept: a subset asked for again is the one made before, for the same face and runes
// only, and the subsets kept stay bounded however many rune sets a long-running process asks
// for.
func TestSubsetKept(t *testing.T) {
	regular, bold := Faces()[0], Faces()[1]
	a, err := regular.Subset([]rune("a≥"))
	if err != nil {
		t.Fatal(err)
	}
	again, _ := regular.Subset([]rune("a≥"))
	if &again[0] != &a[0] {
		t.Error("the same subset was made twice")
	}
	other, _ := regular.Subset([]rune("a≤"))
	boldSame, _ := bold.Subset([]rune("a≥"))
	if slices.Equal(other, a) || slices.Equal(boldSame, a) {
		t.Error("another face or other runes gave the same subset")
	}
	for i := range 3 * maxSubsets {
		if _, err := regular.Subset([]rune{'a', rune(0x3131 + i)}); err != nil {
			t.Fatal(err)
		}
	}
	subsetMu.Lock()
	n := len(subsets)
	subsetMu.Unlock()
	if n > maxSubsets {
		t.Errorf("%d subsets kept, want at most %d", n, maxSubsets)
	}
}

// TestSubsetMetricPerGlyph: a subset gives every glyph its own horizontal metric
// (numberOfHMetrics = numGlyphs). fpdf appends to the font's bytes when it reads the metric of
// a glyph beyond the long metrics; the subsets, shared by the PDFs rendered at the same time,
// must never take that path.
func TestSubsetMetricPerGlyph(t *testing.T) {
	for _, f := range Faces() {
		sub, err := f.Subset([]rune("학교 fees ≥ 갂갃갘"))
		if err != nil {
			t.Fatal(err)
		}
		tt, err := parseTT(sub)
		if err != nil {
			t.Fatal(err)
		}
		if tt.numHMetrics != tt.numGlyphs {
			t.Errorf("%s %q: %d metrics for %d glyphs", f.Name, f.Style, tt.numHMetrics, tt.numGlyphs)
		}
	}
}
