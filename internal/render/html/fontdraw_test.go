package html

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"io"
	"slices"
	"strings"
	"testing"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/shadowreport/shadowreport/internal/fonts"
)

// unwoff turns a WOFF file back into the TrueType file it wraps, checking the WOFF header,
// each table's checksum and the whole font's.
func unwoff(t *testing.T, w []byte) []byte {
	t.Helper()
	if len(w) < 44 || string(w[:4]) != "wOFF" || int(binary.BigEndian.Uint32(w[8:])) != len(w) {
		t.Fatalf("not a WOFF file of %d bytes", len(w))
	}
	num := int(binary.BigEndian.Uint16(w[12:]))
	type table struct {
		tag  string
		data []byte
		sum  uint32
	}
	var tables []table
	for i := range num {
		e := w[44+20*i:]
		off, comp, orig := binary.BigEndian.Uint32(e[4:]), binary.BigEndian.Uint32(e[8:]), binary.BigEndian.Uint32(e[12:])
		data := w[off : off+comp]
		if comp < orig {
			zr, err := zlib.NewReader(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			if data, err = io.ReadAll(zr); err != nil {
				t.Fatal(err)
			}
		}
		if uint32(len(data)) != orig {
			t.Fatalf("table %s: %d bytes, want %d", e[:4], len(data), orig)
		}
		tables = append(tables, table{string(e[:4]), data, binary.BigEndian.Uint32(e[16:])})
	}
	var out bytes.Buffer
	hdr := make([]byte, 12+16*num)
	binary.BigEndian.PutUint32(hdr, 0x00010000)
	binary.BigEndian.PutUint16(hdr[4:], uint16(num))
	off := len(hdr)
	for i, tb := range tables {
		sum := checksum(tb.data)
		if tb.tag == "head" {
			sum -= binary.BigEndian.Uint32(tb.data[8:]) // counted with the adjustment 0
		}
		if sum != tb.sum {
			t.Errorf("table %s: checksum %08x, the directory says %08x", tb.tag, sum, tb.sum)
		}
		rec := hdr[12+16*i:]
		copy(rec, tb.tag)
		binary.BigEndian.PutUint32(rec[4:], tb.sum)
		binary.BigEndian.PutUint32(rec[8:], uint32(off))
		binary.BigEndian.PutUint32(rec[12:], uint32(len(tb.data)))
		off += (len(tb.data) + 3) &^ 3
	}
	out.Write(hdr)
	for _, tb := range tables {
		out.Write(tb.data)
		for out.Len()%4 != 0 {
			out.WriteByte(0)
		}
	}
	if got := checksum(out.Bytes()); got != 0xB1B0AFBA {
		t.Errorf("the font's checksum is %08x, want B1B0AFBA", got)
	}
	return out.Bytes()
}

// checkSubset checks an embedded face: every character of text that the full face draws (for
// Nanum Gothic, those that Liberation Sans lacks) has the same outline in the subset.
func checkSubset(t *testing.T, name string, woffData []byte, text string) {
	t.Helper()
	var full fonts.Face
	for _, f := range fonts.Faces() {
		style := ""
		if strings.Contains(name, "bold") {
			style += "B"
		}
		if strings.Contains(name, "italic") {
			style += "I"
		}
		if strings.HasPrefix(name, familyNames[f.Name][0]) && f.Style == style {
			full = f
		}
	}
	if full.TTF == nil {
		t.Fatalf("%s: not an embedded face", name)
	}
	sub, err := sfnt.Parse(unwoff(t, woffData))
	if err != nil {
		t.Fatalf("%s: the subset does not parse: %v", name, err)
	}
	orig, err := sfnt.Parse(full.TTF)
	if err != nil {
		t.Fatal(err)
	}
	var b1, b2 sfnt.Buffer
	runes := []rune(text)
	slices.Sort(runes)
	runes = slices.Compact(runes)
	drawn := 0
	for _, c := range runes {
		if c < 0x20 || full.Name == fonts.Korean && fonts.Has(fonts.Latin, c) {
			continue
		}
		g, err := orig.GlyphIndex(&b1, c)
		if err != nil || g == 0 {
			continue
		}
		h, err := sub.GlyphIndex(&b2, c)
		if err != nil || h == 0 {
			t.Errorf("%s: %q is not in the subset (%v)", name, c, err)
			continue
		}
		want, err1 := orig.LoadGlyph(&b1, g, fixed.I(1000), nil)
		got, err2 := sub.LoadGlyph(&b2, h, fixed.I(1000), nil)
		if err1 != nil || err2 != nil || !slices.Equal(got, want) {
			t.Errorf("%s: %q is not drawn as in the font (%v, %v)", name, c, err1, err2)
		}
		drawn++
	}
	if drawn == 0 {
		t.Errorf("%s: draws nothing of the page", name)
	}
	// a character the page does not have is left out
	for _, c := range "¿Ж" {
		if !strings.ContainsRune(text, c) {
			if g, _ := sub.GlyphIndex(&b2, c); g != 0 {
				t.Errorf("%s: the subset maps %q, which the page does not have", name, c)
			}
		}
	}
}
