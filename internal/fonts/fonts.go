package fonts

import (
	_ "embed"
	"fmt"
	"sync"

	"codeberg.org/go-fonts/liberation/liberationsansbold"
	"codeberg.org/go-fonts/liberation/liberationsansbolditalic"
	"codeberg.org/go-fonts/liberation/liberationsansitalic"
	"codeberg.org/go-fonts/liberation/liberationsansregular"
	"golang.org/x/image/font/sfnt"
)

//go:embed NanumGothic.ttf
var nanumRegular []byte

//go:embed NanumGothicBold.ttf
var nanumBold []byte

// Family names of the embedded faces.
const (
	Latin  = "Liberation Sans"
	Korean = "Nanum Gothic"
)

// Face is one embedded TrueType face. Style is "", "B", "I" or "BI" (bold, italic).
type Face struct {
	Name  string
	Style string
	TTF   []byte
}

// Faces returns the embedded faces: Liberation Sans in four styles, then Nanum Gothic regular
// and bold. Nanum Gothic has no italic: callers set Korean italic text upright.
func Faces() []Face {
	return []Face{
		{Latin, "", liberationsansregular.TTF},
		{Latin, "B", liberationsansbold.TTF},
		{Latin, "I", liberationsansitalic.TTF},
		{Latin, "BI", liberationsansbolditalic.TTF},
		{Korean, "", nanumRegular},
		{Korean, "B", nanumBold},
	}
}

// coverage holds the parsed regular faces, used only to look glyphs up.
type coverage struct {
	latin, korean *sfnt.Font
	err           error
}

var parsed = sync.OnceValue(func() coverage {
	var c coverage
	var err error
	if c.latin, err = sfnt.Parse(liberationsansregular.TTF); err != nil {
		c.err = fmt.Errorf("fonts: parsing %s: %w", Latin, err)
		return c
	}
	if c.korean, err = sfnt.Parse(nanumRegular); err != nil {
		c.err = fmt.Errorf("fonts: parsing %s: %w", Korean, err)
	}
	return c
})

func has(f *sfnt.Font, buf *sfnt.Buffer, r rune) bool {
	if f == nil {
		return false
	}
	i, err := f.GlyphIndex(buf, r)
	return err == nil && i != 0
}

// Has reports whether the named family (Latin or Korean) has a glyph for r.
func Has(family string, r rune) bool {
	c := parsed()
	var buf sfnt.Buffer
	switch family {
	case Latin:
		return has(c.latin, &buf, r)
	case Korean:
		return has(c.korean, &buf, r)
	}
	return false
}
