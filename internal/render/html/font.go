package html

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"

	"github.com/shadowreport/shadowreport/internal/fonts"
	"github.com/shadowreport/shadowreport/internal/render/deflate"
)

// woffSubset returns a WOFF file of the face f that draws only runes: the glyphs of the runes
// (and the glyphs composite ones are built of), renumbered in their order, with their
// outlines, metrics and hinting as in the font, and a character map of the runes only (fonts'
// ExactSubset). Layout tables (kerning, ligatures) are left out. A rune the font lacks is left
// out, and found in the next font of the page's font-family list. The same face and runes give
// the same bytes.
func woffSubset(f fonts.Face, runes []rune) ([]byte, error) {
	ttf, err := f.ExactSubset(runes)
	if err != nil {
		return nil, err
	}
	tables, err := parseTables(ttf)
	if err != nil {
		return nil, err
	}
	if len(tables["head"]) < 54 {
		return nil, errors.New("font: head table too short")
	}
	binary.BigEndian.PutUint32(tables["head"][8:], 0) // checkSumAdjustment, set by woff
	return woff(tables)
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

// smallTable is the size under which a table is stored uncompressed: zlib would save a few
// bytes at the cost of building its code tables.
const smallTable = 128

// woff wraps tables into a WOFF 1.0 file, each table compressed with zlib when that makes it
// smaller (a table of a few bytes is stored as it is), and sets the head table's checksum
// adjustment as in the equivalent TrueType file.
func woff(tables map[string][]byte) ([]byte, error) {
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
		stored := raw
		if len(raw) >= smallTable {
			if z := deflate.Zlib(raw); len(z) < len(raw) {
				stored = z
			}
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
