package pdf

import (
	"fmt"
	"reflect"

	"github.com/shadowreport/shadowreport/internal/doc"
	"github.com/shadowreport/shadowreport/internal/fonts"
)

// The PDF embeds subsets of the fonts made before layout from the runes the document can
// show: every rune of every string in the document model, and the runes the renderer
// writes itself (digits, punctuation, "…", "□"). Reading a subset costs fpdf a fraction of
// reading a whole font, and the PDF it makes draws the same glyphs with the same metrics.
// Every text measured or drawn is checked against the set; a rune outside it makes the
// render start again with the whole fonts, so the set decides only the speed, never what
// is drawn.

// runeSet is a set of runes of the Basic Multilingual Plane.
type runeSet struct {
	bits [0x10000 / 64]uint64
	list []rune

	// text are the runes of the document's text and those the renderer writes itself, in
	// documentRunes's set (which adds whole blocks of runes that may be written): the
	// candidates for the single-byte encoding of the Latin faces.
	text []rune
}

func (s *runeSet) add(c rune) {
	if c < 0 || c > 0xFFFF || s.bits[c>>6]&(1<<(c&63)) != 0 {
		return
	}
	s.bits[c>>6] |= 1 << (c & 63)
	s.list = append(s.list, c)
}

func (s *runeSet) has(c rune) bool {
	return c >= 0 && c <= 0xFFFF && s.bits[c>>6]&(1<<(c&63)) != 0
}

// covers reports whether every rune of text is in the set.
func (s *runeSet) covers(text string) bool {
	for _, c := range text {
		if !s.has(c) {
			return false
		}
	}
	return true
}

// documentRunes returns the runes d can show: those of all its strings, reached through
// its fields whatever their types (the document and what resolving it decided: the front
// matter, the running header and footer), and those the renderer writes itself.
func documentRunes(d *doc.Resolved) *runeSet {
	t := textRunes(d)
	s := &runeSet{text: t.list}
	for c := rune(0x20); c <= 0xFF; c++ {
		s.add(c)
	}
	for c := rune(0x2000); c <= 0x206F; c++ { // spaces, dashes, quotes, bullets, "…"
		s.add(c)
	}
	for _, c := range t.list {
		s.add(c)
	}
	return s
}

// textRunes returns the runes of the document's strings and those the renderer writes
// itself.
func textRunes(d *doc.Resolved) *runeSet {
	s := &runeSet{}
	for c := rune(0x20); c < 0x7F; c++ {
		s.add(c)
	}
	for _, c := range "□−→←↑↓×÷±≤≥≠≈°•—…" {
		s.add(c)
	}
	var walk func(v reflect.Value, depth int)
	walk = func(v reflect.Value, depth int) {
		if depth > 64 {
			return
		}
		switch v.Kind() {
		case reflect.String:
			for _, c := range v.String() {
				s.add(c)
			}
		case reflect.Pointer, reflect.Interface:
			if !v.IsNil() {
				walk(v.Elem(), depth+1)
			}
		case reflect.Struct:
			for i := range v.NumField() {
				walk(v.Field(i), depth+1)
			}
		case reflect.Slice, reflect.Array:
			if v.Type().Elem().Kind() == reflect.Uint8 {
				return // bytes, not text
			}
			for i := range v.Len() {
				walk(v.Index(i), depth+1)
			}
		case reflect.Map:
			it := v.MapRange()
			for it.Next() {
				walk(it.Key(), depth+1)
				walk(it.Value(), depth+1)
			}
		}
	}
	walk(reflect.ValueOf(d), 0)
	// text the document model derives from its fields
	for _, t := range []string{d.Meta.SubmittedTo(), d.Meta.Keywords(), doc.ConfidentialShort, doc.ConfidentialLong, doc.SyntheticBand} {
		for _, c := range t {
			s.add(c)
		}
	}
	return s
}

// fontFile returns the TrueType file of a face to embed: the subset of the document's runes,
// or the whole font.
func (r *renderer) fontFile(f face) ([]byte, error) {
	ff := r.fontFace(f)
	if ff.TTF == nil {
		return nil, fmt.Errorf("pdf: font %s %q is not embedded", faceInfo[f].name, faceInfo[f].style)
	}
	if r.whole {
		return ff.TTF, nil
	}
	return ff.Subset(r.runes.list)
}

// fontFace is the embedded face of f (no TTF when there is none).
func (r *renderer) fontFace(f face) fonts.Face {
	for _, ff := range fonts.Faces() {
		if ff.Name == faceInfo[f].name && ff.Style == faceInfo[f].style {
			return ff
		}
	}
	return fonts.Face{}
}

// guard notes a text to be measured or drawn with a rune the font subsets lack.
func (r *renderer) guard(text string) {
	if !r.whole && !r.missed && !r.runes.covers(text) {
		r.missed = true
	}
}

// subsetRunes are the runes of a document the font subsets hold (a variable for tests).
var subsetRunes = documentRunes
