package fonts

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"sort"
	"sync"
)

// Subset returns a TrueType font with the glyphs of f that the runes need, and no others:
// the glyphs of runes (each rune the font maps through its Unicode BMP cmap, as fpdf reads
// it), of every rune up to U+00FF the font maps (fpdf writes the widths of those into every
// PDF, used or not), the .notdef glyph and the parts of composite glyphs. The glyphs keep
// their order, their outlines and their metrics byte for byte, and the tables fpdf copies
// into a PDF (name, OS/2, head, hhea, maxp, post's header, cvt, fpgm, prep, gasp) are kept
// as they are: a PDF that embeds the subset draws exactly what it would with the whole
// font, and reading the subset costs fpdf a fraction of reading the whole.
func (f Face) Subset(runes []rune) ([]byte, error) {
	key := f.Name + "/" + f.Style + "/" + string(runes)
	subsetMu.Lock()
	b, ok := subsets[key]
	subsetMu.Unlock()
	if ok {
		return b, nil
	}
	t, err := parseFace(f)
	if err != nil {
		return nil, err
	}
	b, err = t.subset(runes, true)
	if err != nil {
		return nil, err
	}
	subsetMu.Lock()
	if len(subsets) >= maxSubsets {
		clear(subsets)
	}
	subsets[key] = b
	subsetMu.Unlock()
	return b, nil
}

// The subsets made, by face and runes: the documents of a build without Korean text need the
// same runes (those the renderer may write itself), hence the same subsets. A long-running
// process (build --watch) keeps at most maxSubsets of them. A subset is never changed once
// made: fpdf only reads it.
var (
	subsetMu sync.Mutex
	subsets  = map[string][]byte{}
)

const maxSubsets = 32

// ExactSubset returns a TrueType font with the glyphs of runes alone, the .notdef glyph and
// the parts of composite glyphs, kept as Subset keeps them; a rune the font lacks is left
// out. It is the subset a web page embeds: a browser, unlike fpdf, needs nothing else. The
// same runes give the same bytes.
func (f Face) ExactSubset(runes []rune) ([]byte, error) {
	t, err := parseFace(f)
	if err != nil {
		return nil, err
	}
	return t.subset(runes, false)
}

// Warm reads what subsets and Has look up, for every face, ahead of their first use: each
// face's tables and character map, and the coverage of the regular faces.
func Warm() {
	for _, f := range Faces() {
		_, _ = parseFace(f)
	}
	Has(Latin, 'a')
}

// ttFile is a TrueType file read once: its tables and the offsets subsetting needs.
type ttFile struct {
	tables      map[string][]byte
	numGlyphs   int
	numHMetrics int
	loca        []byte
	longLoca    bool
	cmap4       []byte   // the format 4 subtable fpdf reads
	gids        []uint16 // the glyph of each rune of the BMP, by cmap4
}

var (
	parseMu  sync.Mutex
	parsedTT = map[string]*ttFile{}
)

func parseFace(f Face) (*ttFile, error) {
	key := f.Name + "/" + f.Style
	parseMu.Lock()
	defer parseMu.Unlock()
	if t, ok := parsedTT[key]; ok {
		return t, nil
	}
	t, err := parseTT(f.TTF)
	if err != nil {
		return nil, fmt.Errorf("fonts: %s %q: %w", f.Name, f.Style, err)
	}
	parsedTT[key] = t
	return t, nil
}

var errShort = errors.New("truncated font")

func u16(b []byte, off int) int {
	if off < 0 || off+2 > len(b) {
		return 0
	}
	return int(binary.BigEndian.Uint16(b[off:]))
}

func u32(b []byte, off int) int {
	if off < 0 || off+4 > len(b) {
		return 0
	}
	return int(binary.BigEndian.Uint32(b[off:]))
}

func parseTT(data []byte) (*ttFile, error) {
	if len(data) < 12 {
		return nil, errShort
	}
	if v := u32(data, 0); v != 0x00010000 && v != 0x74727565 {
		return nil, fmt.Errorf("not a TrueType font (version %#x)", v)
	}
	t := &ttFile{tables: map[string][]byte{}}
	n := u16(data, 4)
	for i := range n {
		rec := 12 + 16*i
		if rec+16 > len(data) {
			return nil, errShort
		}
		tag := string(data[rec : rec+4])
		off, size := u32(data, rec+8), u32(data, rec+12)
		if off+size > len(data) {
			return nil, fmt.Errorf("table %q out of the file", tag)
		}
		t.tables[tag] = data[off : off+size]
	}
	for _, tag := range []string{"head", "hhea", "maxp", "hmtx", "loca", "glyf", "cmap", "post"} {
		if t.tables[tag] == nil {
			return nil, fmt.Errorf("no %q table", tag)
		}
	}
	t.numGlyphs = u16(t.tables["maxp"], 4)
	t.numHMetrics = u16(t.tables["hhea"], 34)
	t.longLoca = u16(t.tables["head"], 50) == 1
	t.loca = t.tables["loca"]
	if t.numHMetrics < 1 || t.numHMetrics > t.numGlyphs || len(t.tables["hmtx"]) < 4*t.numHMetrics+2*(t.numGlyphs-t.numHMetrics) {
		return nil, errors.New("bad hmtx table")
	}
	if (t.longLoca && len(t.loca) < 4*(t.numGlyphs+1)) || (!t.longLoca && len(t.loca) < 2*(t.numGlyphs+1)) {
		return nil, errors.New("bad loca table")
	}
	// the first format 4 subtable of a Microsoft Unicode BMP or a Unicode record, as fpdf
	cmap := t.tables["cmap"]
	for i := range u16(cmap, 2) {
		rec := 4 + 8*i
		platform, encoding, off := u16(cmap, rec), u16(cmap, rec+2), u32(cmap, rec+4)
		if (platform == 3 && encoding == 1 || platform == 0) && u16(cmap, off) == 4 {
			end := min(len(cmap), off+u16(cmap, off+2))
			if end > off {
				t.cmap4 = cmap[off:end]
			}
			break
		}
	}
	if t.cmap4 == nil {
		return nil, errors.New("no Unicode cmap of format 4")
	}
	t.mapRunes()
	return t, nil
}

// glyph returns the glyph of c in the format 4 cmap, 0 when there is none.
func (t *ttFile) glyph(c rune) int {
	if c < 0 || c > 0xFFFF {
		return 0
	}
	return int(t.gids[c])
}

// mapRunes reads the format 4 cmap into a table of the glyph of every rune, as fpdf reads
// it: the last segment that holds a rune wins; an offset past the table gives glyph 0.
func (t *ttFile) mapRunes() {
	m := t.cmap4
	t.gids = make([]uint16, 0x10000)
	segs := u16(m, 6) / 2
	ends, starts, deltas, offsets := 14, 16+2*segs, 16+4*segs, 16+6*segs
	for i := range segs {
		end, start := u16(m, ends+2*i), u16(m, starts+2*i)
		delta, ro := u16(m, deltas+2*i), u16(m, offsets+2*i)
		for c := start; c <= end; c++ {
			g := 0
			if ro == 0 {
				g = (c + delta) & 0xFFFF
			} else if pos := offsets + 2*i + ro + 2*(c-start); pos+2 <= len(m) {
				if g = u16(m, pos); g != 0 {
					g = (g + delta) & 0xFFFF
				}
			}
			if g >= t.numGlyphs {
				g = 0
			}
			t.gids[c] = uint16(g)
		}
	}
}

// glyf returns the outline of glyph g as stored, padding included.
func (t *ttFile) glyf(g int) []byte {
	var a, b int
	if t.longLoca {
		a, b = u32(t.loca, 4*g), u32(t.loca, 4*g+4)
	} else {
		a, b = 2*u16(t.loca, 2*g), 2*u16(t.loca, 2*g+2)
	}
	glyf := t.tables["glyf"]
	if a > b || b > len(glyf) {
		return nil
	}
	return glyf[a:b]
}

// Composite glyph flags.
const (
	argWords    = 0x0001
	haveScale   = 0x0008
	moreComps   = 0x0020
	haveXYScale = 0x0040
	have2x2     = 0x0080
)

// components calls fn with the offset of each component's glyph index in a composite glyph.
func components(data []byte, fn func(off int)) {
	if len(data) < 10 || int16(u16(data, 0)) >= 0 {
		return
	}
	for pos := 10; pos+4 <= len(data); {
		flags := u16(data, pos)
		fn(pos + 2)
		pos += 4
		if flags&argWords != 0 {
			pos += 4
		} else {
			pos += 2
		}
		switch {
		case flags&haveScale != 0:
			pos += 2
		case flags&haveXYScale != 0:
			pos += 4
		case flags&have2x2 != 0:
			pos += 8
		}
		if flags&moreComps == 0 {
			return
		}
	}
}

// subset makes the subset of the glyphs of runes, and of the runes up to U+00FF when latin1
// is set.
func (t *ttFile) subset(runes []rune, latin1 bool) ([]byte, error) {
	// the runes kept, with their old glyphs
	type pair struct {
		r rune
		g int
	}
	var pairs []pair
	seen := map[rune]bool{}
	keep := map[int]bool{0: true}
	add := func(c rune) {
		if c < 0 || c > 0xFFFF || seen[c] {
			return
		}
		seen[c] = true
		if g := t.glyph(c); g != 0 {
			pairs = append(pairs, pair{c, g})
			keep[g] = true
		}
	}
	if latin1 {
		for c := rune(0); c <= 0xFF; c++ {
			add(c)
		}
	}
	for _, c := range runes {
		add(c)
	}
	// the parts of composite glyphs, and theirs
	queue := make([]int, 0, len(keep))
	for g := range keep {
		queue = append(queue, g)
	}
	for len(queue) > 0 {
		g := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		data := t.glyf(g)
		components(data, func(off int) {
			if c := u16(data, off); c < t.numGlyphs && !keep[c] {
				keep[c] = true
				queue = append(queue, c)
			}
		})
	}
	old := make([]int, 0, len(keep))
	for g := range keep {
		old = append(old, g)
	}
	slices.Sort(old)
	newID := make(map[int]int, len(old))
	for i, g := range old {
		newID[g] = i
	}

	// glyf and loca (long offsets), hmtx with a metric for every glyph
	var glyf, loca, hmtx []byte
	hm := t.tables["hmtx"]
	for _, g := range old {
		loca = binary.BigEndian.AppendUint32(loca, uint32(len(glyf)))
		start := len(glyf)
		glyf = append(glyf, t.glyf(g)...)
		data := glyf[start:]
		components(data, func(off int) {
			binary.BigEndian.PutUint16(data[off:], uint16(newID[u16(data, off)]))
		})
		if g < t.numHMetrics {
			hmtx = append(hmtx, hm[4*g:4*g+4]...)
		} else {
			last := 4 * (t.numHMetrics - 1)
			lsb := 4*t.numHMetrics + 2*(g-t.numHMetrics)
			hmtx = append(append(hmtx, hm[last:last+2]...), hm[lsb:lsb+2]...)
		}
	}
	loca = binary.BigEndian.AppendUint32(loca, uint32(len(glyf)))

	// cmap: one Microsoft Unicode BMP subtable of format 4, a segment per run of runes
	// whose new glyphs follow each other
	sort.Slice(pairs, func(i, j int) bool { return pairs[i].r < pairs[j].r })
	type seg struct{ start, end, delta int }
	var segs []seg
	for _, p := range pairs {
		g := newID[p.g]
		if n := len(segs); n > 0 && int(p.r) == segs[n-1].end+1 && (int(p.r)+segs[n-1].delta)&0xFFFF == g {
			segs[n-1].end++
			continue
		}
		segs = append(segs, seg{int(p.r), int(p.r), (g - int(p.r)) & 0xFFFF})
	}
	segs = append(segs, seg{0xFFFF, 0xFFFF, 1})
	n := len(segs)
	searchRange, selector := 2, 0
	for searchRange*2 <= 2*n {
		searchRange *= 2
		selector++
	}
	sub := make([]byte, 0, 16+8*n)
	w16 := func(b []byte, v int) []byte { return binary.BigEndian.AppendUint16(b, uint16(v)) }
	sub = w16(w16(w16(sub, 4), 16+8*n), 0)
	sub = w16(w16(w16(w16(sub, 2*n), searchRange), selector), 2*n-searchRange)
	for _, s := range segs {
		sub = w16(sub, s.end)
	}
	sub = w16(sub, 0)
	for _, s := range segs {
		sub = w16(sub, s.start)
	}
	for _, s := range segs {
		sub = w16(sub, s.delta)
	}
	for range segs {
		sub = w16(sub, 0)
	}
	cmap := append([]byte{0, 0, 0, 1, 0, 3, 0, 1, 0, 0, 0, 12}, sub...)

	set16 := func(tab string, off, v int) []byte {
		b := slices.Clone(t.tables[tab])
		binary.BigEndian.PutUint16(b[off:], uint16(v))
		return b
	}
	head := set16("head", 50, 1)
	binary.BigEndian.PutUint32(head[8:], 0)
	post := t.tables["post"]
	if len(post) < 32 {
		return nil, errors.New("bad post table")
	}
	post = append([]byte{0, 3, 0, 0}, post[4:32]...) // version 3: no glyph names

	out := map[string][]byte{
		"cmap": cmap, "glyf": glyf, "loca": loca, "hmtx": hmtx, "head": head, "post": post,
		"hhea": set16("hhea", 34, len(old)), "maxp": set16("maxp", 4, len(old)),
	}
	for _, tag := range []string{"name", "OS/2", "cvt ", "fpgm", "prep", "gasp"} {
		if b := t.tables[tag]; b != nil {
			out[tag] = b
		}
	}
	return assemble(out), nil
}

// assemble writes an sfnt file of the tables, in tag order, and sets head's checksum
// adjustment.
func assemble(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	size := 12 + 16*len(tables)
	for tag, b := range tables {
		tags = append(tags, tag)
		size += (len(b) + 3) &^ 3
	}
	slices.Sort(tags)
	n := len(tags)
	searchRange, selector := 1, 0
	for searchRange*2 <= n {
		searchRange *= 2
		selector++
	}
	out := make([]byte, 12+16*n, size)
	binary.BigEndian.PutUint32(out, 0x00010000)
	binary.BigEndian.PutUint16(out[4:], uint16(n))
	binary.BigEndian.PutUint16(out[6:], uint16(16*searchRange))
	binary.BigEndian.PutUint16(out[8:], uint16(selector))
	binary.BigEndian.PutUint16(out[10:], uint16(16*n-16*searchRange))
	headAt := 0
	for i, tag := range tags {
		b := tables[tag]
		rec := out[12+16*i:]
		copy(rec, tag)
		binary.BigEndian.PutUint32(rec[4:], checksum(b))
		binary.BigEndian.PutUint32(rec[8:], uint32(len(out)))
		binary.BigEndian.PutUint32(rec[12:], uint32(len(b)))
		if tag == "head" {
			headAt = len(out)
		}
		out = append(out, b...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	binary.BigEndian.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	return out
}

func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}
