package pdf

import (
	"strings"
	"unicode"

	"github.com/shadowreport/shadowreport/internal/fonts"
	"github.com/shadowreport/shadowreport/internal/render/clean"
)

// face is one embedded font face.
type face uint8

const (
	latinR face = iota
	latinB
	latinI
	latinBI
	koreanR
	koreanB
	nFaces
)

type faceInfoType struct{ name, style, ps, tag string }

// faceInfo maps each face to the embedded font (name and style in package fonts), its
// PostScript name, and the subset tag written into the PDF.
var faceInfo = [nFaces]faceInfoType{
	latinR:  {fonts.Latin, "", "LiberationSans", "SRLSRG"},
	latinB:  {fonts.Latin, "B", "LiberationSans-Bold", "SRLSBD"},
	latinI:  {fonts.Latin, "I", "LiberationSans-Italic", "SRLSIT"},
	latinBI: {fonts.Latin, "BI", "LiberationSans-BoldItalic", "SRLSBI"},
	koreanR: {fonts.Korean, "", "NanumGothic", "SRNGRG"},
	koreanB: {fonts.Korean, "B", "NanumGothicBold", "SRNGBD"},
}

// family is the fpdf family name of the face, registered with the style "". Its length is
// chosen so that fpdf's font name ("utf8" + family) can be rewritten in place to the
// tagged subset name (tag + "+" + PostScript name): see tagSubsets.
func (f face) family() string { return "srf" + strings.ToLower(faceInfo[f].ps) }

// pick returns the face for a style; Nanum Gothic has no italic, so Korean italic is upright.
func pick(korean, bold, italic bool) face {
	switch {
	case korean && bold:
		return koreanB
	case korean:
		return koreanR
	case bold && italic:
		return latinBI
	case bold:
		return latinB
	case italic:
		return latinI
	}
	return latinR
}

// glyph coverage bits, cached per render.
const (
	inLatin uint8 = 1 << iota
	inKorean
	known
)

func (r *renderer) coverage(c rune) uint8 {
	if c >= 0x20 && c < 0x7F {
		return inLatin | inKorean | known
	}
	if v := r.glyphs[c]; v&known != 0 {
		return v
	}
	v := known
	if fonts.Has(fonts.Latin, c) {
		v |= inLatin
	}
	if fonts.Has(fonts.Korean, c) {
		v |= inKorean
	}
	r.glyphs[c] = v
	return v
}

// clean makes text safe for fpdf (clean.Text) and records warnings: what was replaced, and
// runes no embedded font can draw, once each.
func (r *renderer) clean(s string, keepNL bool) string {
	return clean.Text(s, keepNL, func(c rune, i int, replaced bool) {
		switch {
		case replaced:
			r.warns.Replaced(c, s, i)
		case r.coverage(c)&(inLatin|inKorean) == 0 && !unicode.IsSpace(c):
			r.warns.Missing(c, s, i)
		}
	})
}

// runs splits clean text into pieces of one script: Korean where only Nanum Gothic has the
// glyph, Latin otherwise. Spaces, digits, punctuation and marks both faces have stay with
// the piece before them, so "학교 비용" is one Korean piece.
func (r *renderer) runs(s string, fn func(text string, korean bool)) {
	start, cur := 0, false
	for i, c := range s {
		cov := r.coverage(c)
		k := cur
		switch {
		case cov&inKorean != 0 && cov&inLatin == 0:
			k = true
		case cov&inKorean != 0 && !unicode.IsLetter(c):
			// neutral: keep the current face
		default:
			k = false
		}
		if k != cur && i > start {
			fn(s[start:i], cur)
			start = i
		}
		cur = k
	}
	if start < len(s) {
		fn(s[start:], cur)
	}
}
