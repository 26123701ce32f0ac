package fonts

// Table returns the bytes of a table of the face (nil when it has none), as stored.
func (f Face) Table(tag string) ([]byte, error) {
	t, err := parseFace(f)
	if err != nil {
		return nil, err
	}
	return t.tables[tag], nil
}

// Advance returns the glyph the face's Unicode BMP cmap gives c (as fpdf reads the cmap: see
// mapRunes) and that glyph's advance width in font units. Glyph 0 (.notdef) means the face
// has no glyph for c; its advance is then that of .notdef.
func (f Face) Advance(c rune) (glyph, advance int, err error) {
	t, err := parseFace(f)
	if err != nil {
		return 0, 0, err
	}
	g := t.glyph(c)
	hm := t.tables["hmtx"]
	m := min(g, t.numHMetrics-1)
	return g, u16(hm, 4*m), nil
}
