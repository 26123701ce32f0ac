package chart

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
	"image"
)

// encodePNG writes an opaque image as an 8-bit RGB PNG, quickly: every row with the Up
// filter (a chart's rows repeat: bars, white space), deflated at zlib's best speed. It is
// the same image image/png would write, in a few times less time and a little more room.
func encodePNG(img *image.RGBA) []byte {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	raw := make([]byte, 0, h*(1+3*w))
	prev := make([]byte, 3*w)
	cur := make([]byte, 3*w)
	for y := range h {
		row := img.Pix[y*img.Stride : y*img.Stride+4*w]
		for x := range w {
			cur[3*x], cur[3*x+1], cur[3*x+2] = row[4*x], row[4*x+1], row[4*x+2]
		}
		raw = append(raw, 2) // Up
		for i, c := range cur {
			raw = append(raw, c-prev[i])
		}
		prev, cur = cur, prev
	}
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestSpeed)
	zw.Write(raw)
	zw.Close()

	var out bytes.Buffer
	out.Grow(z.Len() + 64)
	out.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		var n [4]byte
		binary.BigEndian.PutUint32(n[:], uint32(len(data)))
		out.Write(n[:])
		crc := crc32.NewIEEE()
		crc.Write([]byte(typ))
		crc.Write(data)
		out.WriteString(typ)
		out.Write(data)
		binary.BigEndian.PutUint32(n[:], crc.Sum32())
		out.Write(n[:])
	}
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9] = 8, 2 // 8 bits, RGB
	chunk("IHDR", ihdr[:])
	chunk("IDAT", z.Bytes())
	chunk("IEND", nil)
	return out.Bytes()
}
