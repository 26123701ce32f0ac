package html

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"sync"

	"golang.org/x/image/font/sfnt"
)

// woffSubset returns a WOFF file of the TrueType font ttf that draws only runes: the glyphs
// of the runes (and the glyphs composite ones are built of) keep their outlines, every other
// glyph is emptied, and the character map lists the runes only. Glyph numbers do not change,
// so the metrics and hinting tables are kept as they are; layout tables (kerning, ligatures)
// are left out. A rune the font lacks is left out, and found in the next font of the page's
// font-family list. The same font and runes give the same bytes.
func woffSubset(ttf []byte, runes []rune) ([]byte, error) {
	f, err := parseTables(ttf)
	if err != nil {
		return nil, err
	}
	for _, tag := range []string{"head", "hhea", "hmtx", "maxp", "loca", "glyf"} {
		if f[tag] == nil {
			return nil, fmt.Errorf("font: no %s table", tag)
		}
	}
	head, maxp, loca, glyf := f["head"], f["maxp"], f["loca"], f["glyf"]
	if len(head) < 54 || len(maxp) < 6 {
		return nil, errors.New("font: head or maxp table too short")
	}
	n := int(binary.BigEndian.Uint16(maxp[4:]))
	long := binary.BigEndian.Uint16(head[50:]) == 1
	offsets := make([]int, n+1)
	for i := range offsets {
		switch {
		case long && 4*i+4 <= len(loca):
			offsets[i] = int(binary.BigEndian.Uint32(loca[4*i:]))
		case !long && 2*i+2 <= len(loca):
			offsets[i] = 2 * int(binary.BigEndian.Uint16(loca[2*i:]))
		default:
			return nil, errors.New("font: loca table too short")
		}
		if offsets[i] > len(glyf) || i > 0 && offsets[i] < offsets[i-1] {
			return nil, errors.New("font: loca table out of order")
		}
	}

	// the glyphs to keep: .notdef, each rune's, and the components of composite glyphs
	font, err := sfnt.Parse(ttf)
	if err != nil {
		return nil, fmt.Errorf("font: %w", err)
	}
	var buf sfnt.Buffer
	keep := map[int]bool{0: true}
	cmap := map[rune]int{}
	for _, r := range runes {
		if r > 0xFFFF {
			continue
		}
		if g, err := font.GlyphIndex(&buf, r); err == nil && g != 0 && int(g) < n {
			cmap[r] = int(g)
			keep[int(g)] = true
		}
	}
	todo := make([]int, 0, len(keep))
	for g := range keep {
		todo = append(todo, g)
	}
	for len(todo) > 0 {
		g := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		for _, c := range components(glyf[offsets[g]:offsets[g+1]]) {
			if c < n && !keep[c] {
				keep[c] = true
				todo = append(todo, c)
			}
		}
	}

	// glyf, and loca: short (offsets halved) when the glyphs kept are under 128 KiB
	var newGlyf bytes.Buffer
	ends := make([]int, n+1)
	for g := range n {
		ends[g] = newGlyf.Len()
		if keep[g] {
			newGlyf.Write(glyf[offsets[g]:offsets[g+1]])
			for newGlyf.Len()%4 != 0 {
				newGlyf.WriteByte(0)
			}
		}
	}
	ends[n] = newGlyf.Len()
	short := newGlyf.Len() < 0x20000
	var newLoca []byte
	if short {
		newLoca = make([]byte, 2*(n+1))
		for g, e := range ends {
			binary.BigEndian.PutUint16(newLoca[2*g:], uint16(e/2))
		}
	} else {
		newLoca = make([]byte, 4*(n+1))
		for g, e := range ends {
			binary.BigEndian.PutUint32(newLoca[4*g:], uint32(e))
		}
	}
	newHead := slices.Clone(head)
	locaFormat := uint16(1)
	if short {
		locaFormat = 0
	}
	binary.BigEndian.PutUint16(newHead[50:], locaFormat)
	binary.BigEndian.PutUint32(newHead[8:], 0) // checkSumAdjustment, set below

	out := map[string][]byte{
		"head": newHead, "hhea": f["hhea"], "hmtx": f["hmtx"], "maxp": maxp,
		"loca": newLoca, "glyf": newGlyf.Bytes(), "cmap": cmapTable(cmap),
	}
	for _, tag := range []string{"OS/2", "name", "cvt ", "fpgm", "prep", "gasp"} {
		if t := f[tag]; t != nil {
			out[tag] = t
		}
	}
	if post := f["post"]; len(post) >= 32 {
		p := slices.Clone(post[:32]) // version 3: no glyph names
		binary.BigEndian.PutUint32(p, 0x00030000)
		out["post"] = p
	}
	return woff(out, &ttf[0])
}

// parseTables reads the table directory of a TrueType font.
func parseTables(ttf []byte) (map[string][]byte, error) {
	if len(ttf) < 12 {
		return nil, errors.New("font: too short")
	}
	if v := binary.BigEndian.Uint32(ttf); v != 0x00010000 && v != 0x74727565 {
		return nil, errors.New("font: not a TrueType font")
	}
	num := int(binary.BigEndian.Uint16(ttf[4:]))
	if 12+16*num > len(ttf) {
		return nil, errors.New("font: table directory too short")
	}
	tables := map[string][]byte{}
	for i := range num {
		rec := ttf[12+16*i:]
		off, length := int(binary.BigEndian.Uint32(rec[8:])), int(binary.BigEndian.Uint32(rec[12:]))
		if off < 0 || length < 0 || off+length > len(ttf) || off+length < off {
			return nil, fmt.Errorf("font: table %q out of the file", rec[:4])
		}
		tables[string(rec[:4])] = ttf[off : off+length]
	}
	return tables, nil
}

// components returns the glyphs a composite glyph is built of (none for a simple glyph).
func components(g []byte) []int {
	if len(g) < 10 || int16(binary.BigEndian.Uint16(g)) >= 0 {
		return nil
	}
	const (
		argsAreWords  = 0x0001
		haveScale     = 0x0008
		moreComponent = 0x0020
		haveXYScale   = 0x0040
		have2x2       = 0x0080
	)
	var out []int
	for p := 10; p+4 <= len(g); {
		flags := binary.BigEndian.Uint16(g[p:])
		out = append(out, int(binary.BigEndian.Uint16(g[p+2:])))
		p += 4
		if flags&argsAreWords != 0 {
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&haveScale != 0:
			p += 2
		case flags&haveXYScale != 0:
			p += 4
		case flags&have2x2 != 0:
			p += 8
		}
		if flags&moreComponent == 0 {
			break
		}
	}
	return out
}

// cmapTable is a character map (format 4, Windows Unicode BMP) of the runes to their glyphs:
// one segment for each run of consecutive runes with consecutive glyphs.
func cmapTable(m map[rune]int) []byte {
	runes := make([]rune, 0, len(m))
	for r := range m {
		if r < 0xFFFF {
			runes = append(runes, r)
		}
	}
	slices.Sort(runes)
	type seg struct{ start, end rune }
	var segs []seg
	for _, r := range runes {
		if n := len(segs); n > 0 && segs[n-1].end == r-1 && m[r]-m[segs[n-1].start] == int(r-segs[n-1].start) {
			segs[n-1].end = r
			continue
		}
		segs = append(segs, seg{r, r})
	}
	segs = append(segs, seg{0xFFFF, 0xFFFF})
	nseg := len(segs)
	pow := 1
	for pow*2 <= nseg {
		pow *= 2
	}
	var sub bytes.Buffer
	u16 := func(v int) { sub.WriteByte(byte(v >> 8)); sub.WriteByte(byte(v)) }
	u16(4)
	u16(16 + 8*nseg) // length
	u16(0)           // language
	u16(2 * nseg)
	u16(2 * pow)
	u16(bitsLen(pow) - 1)
	u16(2*nseg - 2*pow)
	for _, s := range segs {
		u16(int(s.end))
	}
	u16(0) // reserved pad
	for _, s := range segs {
		u16(int(s.start))
	}
	for _, s := range segs {
		delta := 1 // 0xFFFF maps to glyph 0
		if s.start != 0xFFFF {
			delta = m[s.start] - int(s.start)
		}
		u16(delta & 0xFFFF)
	}
	for range segs {
		u16(0) // idRangeOffset
	}
	var t bytes.Buffer
	t.Write([]byte{0, 0, 0, 1, 0, 3, 0, 1, 0, 0, 0, 12}) // version 0, one table: platform 3, encoding 1, at 12
	t.Write(sub.Bytes())
	return t.Bytes()
}

func bitsLen(v int) int {
	n := 0
	for ; v > 0; v >>= 1 {
		n++
	}
	return n
}

// static are the tables a subset keeps as they are in the font: compressed once per font.
var static = map[string]bool{"hhea": true, "hmtx": true, "maxp": true, "OS/2": true, "name": true, "cvt ": true, "fpgm": true, "prep": true, "gasp": true}

var (
	compressedMu sync.Mutex
	compressed   = map[*byte]map[string][]byte{} // by font, by table
)

// writers are zlib writers to reuse: making one costs more than compressing a table.
var writers = sync.Pool{New: func() any {
	zw, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed)
	return zw
}}

// deflate compresses a table with zlib; font, when not nil, keys the cache of its static tables.
func deflate(font *byte, tag string, raw []byte) ([]byte, error) {
	if font != nil && static[tag] {
		compressedMu.Lock()
		z, ok := compressed[font][tag]
		compressedMu.Unlock()
		if ok {
			return z, nil
		}
	}
	var z bytes.Buffer
	zw := writers.Get().(*zlib.Writer)
	defer writers.Put(zw)
	zw.Reset(&z)
	if _, err := zw.Write(raw); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	if font != nil && static[tag] {
		compressedMu.Lock()
		if compressed[font] == nil {
			compressed[font] = map[string][]byte{}
		}
		compressed[font][tag] = z.Bytes()
		compressedMu.Unlock()
	}
	return z.Bytes(), nil
}

// woff wraps tables into a WOFF 1.0 file, each table compressed with zlib when that makes it
// smaller, and sets the head table's checksum adjustment as in the equivalent TrueType file.
// font, when not nil, identifies the font the tables come from (see deflate).
func woff(tables map[string][]byte, font *byte) ([]byte, error) {
	tags := make([]string, 0, len(tables))
	for t := range tables {
		tags = append(tags, t)
	}
	slices.Sort(tags)
	num := len(tags)
	pad := func(n int) int { return (n + 3) &^ 3 }
	sfntSize := 12 + 16*num
	for _, t := range tags {
		sfntSize += pad(len(tables[t]))
	}
	// checkSumAdjustment: the checksum of the whole TrueType file, which is the sum of the
	// tables' checksums and of its header's
	sum := uint32(0)
	hdr := make([]byte, 12+16*num)
	binary.BigEndian.PutUint32(hdr, 0x00010000)
	binary.BigEndian.PutUint16(hdr[4:], uint16(num))
	off := 12 + 16*num
	sums := make([]uint32, num) // the head table's with its adjustment 0, as the format asks
	for i, t := range tags {
		rec := hdr[12+16*i:]
		copy(rec, t)
		cs := checksum(tables[t])
		sums[i] = cs
		binary.BigEndian.PutUint32(rec[4:], cs)
		binary.BigEndian.PutUint32(rec[8:], uint32(off))
		binary.BigEndian.PutUint32(rec[12:], uint32(len(tables[t])))
		off += pad(len(tables[t]))
		sum += cs
	}
	sum += checksum(hdr)
	head := tables["head"]
	binary.BigEndian.PutUint32(head[8:], 0xB1B0AFBA-sum)

	var data bytes.Buffer
	dir := make([]byte, 20*num)
	start := 44 + 20*num
	for i, t := range tags {
		raw := tables[t]
		z, err := deflate(font, t, raw)
		if err != nil {
			return nil, err
		}
		stored := raw
		if len(z) < len(raw) {
			stored = z
		}
		rec := dir[20*i:]
		copy(rec, t)
		binary.BigEndian.PutUint32(rec[4:], uint32(start+data.Len()))
		binary.BigEndian.PutUint32(rec[8:], uint32(len(stored)))
		binary.BigEndian.PutUint32(rec[12:], uint32(len(raw)))
		binary.BigEndian.PutUint32(rec[16:], sums[i])
		data.Write(stored)
		for data.Len()%4 != 0 {
			data.WriteByte(0)
		}
	}
	out := make([]byte, 44, start+data.Len())
	copy(out, "wOFF")
	binary.BigEndian.PutUint32(out[4:], 0x00010000)
	binary.BigEndian.PutUint32(out[8:], uint32(start+data.Len()))
	binary.BigEndian.PutUint16(out[12:], uint16(num))
	binary.BigEndian.PutUint32(out[16:], uint32(sfntSize))
	binary.BigEndian.PutUint16(out[20:], 1) // version 1.0 of the font
	out = append(out, dir...)
	out = append(out, data.Bytes()...)
	return out, nil
}

// checksum is a TrueType table checksum: the sum of its big-endian 32-bit words, zero-padded.
func checksum(b []byte) uint32 {
	var s uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		s += binary.BigEndian.Uint32(w[:])
	}
	return s
}
