package pdf

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"

	"github.com/shadowreport/shadowreport/internal/fonts"
	"github.com/shadowreport/shadowreport/internal/render/deflate"
)

// The Latin faces are embedded as single-byte TrueType fonts when the document's runes fit:
// codes 32–126 are ASCII (WinAnsiEncoding), and the other runes of the document the Latin
// font has get codes from 127 up, named "uniXXXX" in the encoding's /Differences. fpdf's
// UTF-8 (CID) fonts cost far more to add and to write (a 65,536-entry width table, a
// CIDToGIDMap, fpdf subsetting the font again); a single-byte font is a width table of 256
// and our subset, compressed once. The widths are those fpdf's UTF-8 path gives the same
// runes, so that the layout is the same whichever path draws a face. Text for a single-byte
// face is converted to its codes only where it is given to fpdf (fpdfText, stringWidth).

// encoding is a document's single-byte encoding of the Latin faces.
type encoding struct {
	code  map[rune]byte // the runes beyond ASCII, by code
	runes []rune        // the rune of each code from 127
	diff  string        // fpdf's Diff: "127 /uni00A0 /uni00E9 ..."
}

const firstCode = 127

// planEncoding returns the encoding of the document's Latin runes, nil when they do not fit.
func planEncoding(runes []rune) *encoding {
	var list []rune
	for _, c := range runes {
		// what the Latin faces may be given: all but ASCII, what clean.Text drops, and
		// Korean runes (runs gives Nanum Gothic those Liberation Sans lacks); a rune neither
		// font has is drawn as .notdef in a Latin face, as on the UTF-8 path
		if c >= 0x20 && c < 0x7F || unicode.IsControl(c) || unicode.Is(unicode.Cf, c) ||
			!fonts.Has(fonts.Latin, c) && fonts.Has(fonts.Korean, c) {
			continue
		}
		list = append(list, c)
	}
	slices.Sort(list)
	if len(list) > 256-firstCode {
		return nil
	}
	e := &encoding{code: make(map[rune]byte, len(list)), runes: list}
	var b strings.Builder
	fmt.Fprintf(&b, "%d", firstCode)
	for i, c := range list {
		e.code[c] = byte(firstCode + i)
		fmt.Fprintf(&b, " /uni%04X", c)
	}
	e.diff = b.String()
	return e
}

// bytes converts text to its codes; ok is false when a rune has none.
func (e *encoding) bytes(s string) (string, bool) {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf || s[i] == 0x7F {
			ascii = false
			break
		}
	}
	if ascii {
		return s, true
	}
	b := make([]byte, 0, len(s))
	for _, c := range s {
		if c < 0x7F {
			b = append(b, byte(c))
		} else if code, ok := e.code[c]; ok {
			b = append(b, code)
		} else {
			return "", false
		}
	}
	return string(b), true
}

// fpdfString is text as fpdf must be given it for the current face.
func (r *renderer) fpdfString(s string) string {
	if !r.single[r.fpdfFace] {
		return s
	}
	b, ok := r.enc.bytes(s)
	if !ok {
		r.unencoded = true
		return "?"
	}
	return b
}

// fpdfText draws text with fpdf at (x, y) in the current face.
func (r *renderer) fpdfText(x, y float64, s string) {
	if f := r.fpdfFace; r.single[f] {
		if r.drawn[f] == nil {
			r.drawn[f] = map[rune]bool{}
		}
		for _, c := range s {
			r.drawn[f][c] = true
		}
	}
	r.pdf.Text(x, y, r.fpdfString(s))
}

// stringWidth is fpdf's width of text in the current face.
func (r *renderer) stringWidth(s string) float64 {
	return r.pdf.GetStringWidth(r.fpdfString(s))
}

// bookmark adds an outline entry; fpdf writes its title as UTF-16 only when a UTF-8 font is
// current, so for a single-byte face it is converted here.
func (r *renderer) bookmark(title string, level int, y float64) {
	if r.single[r.fpdfFace] {
		u := utf16.Encode([]rune(title))
		b := make([]byte, 2, 2+2*len(u))
		b[0], b[1] = 0xFE, 0xFF
		for _, v := range u {
			b = append(b, byte(v>>8), byte(v))
		}
		title = string(b)
	}
	r.pdf.Bookmark(title, level, y)
}

// addSingle adds face f to the PDF as a single-byte TrueType font of the encoding. Its font
// file is made when the PDF is written (singleFile): the subset of the runes drawn with it.
// Until then fpdf holds the face's tag in its place.
func (r *renderer) addSingle(f face, ff fonts.Face) error {
	def, err := singleDef(f, ff, r.enc)
	if err != nil {
		return err
	}
	r.pdf.AddFontFromBytes(f.family(), "", def, []byte(faceInfo[f].tag))
	return nil
}

// singleFile returns object n, obj, written again with the font file of a single-byte face
// when obj is what fpdf wrote in its place (addSingle); nil otherwise.
func (r *renderer) singleFile(n int, obj []byte) ([]byte, error) {
	head := strconv.Itoa(n) + " 0 obj\n<</Length 6\n/Filter /FlateDecode\n/Length1 0\n>>\nstream\n"
	const end = "\nendstream\nendobj\n"
	if len(obj) != len(head)+6+len(end) || string(obj[:len(head)]) != head || string(obj[len(head)+6:]) != end {
		return nil, nil
	}
	tag := string(obj[len(head) : len(head)+6])
	f := slices.IndexFunc(faceInfo[:], func(fi faceInfoType) bool { return fi.tag == tag })
	if f < 0 || !r.single[f] {
		return nil, nil
	}
	runes := make([]rune, 0, len(r.drawn[f]))
	for c := range r.drawn[f] {
		runes = append(runes, c)
	}
	slices.Sort(runes)
	ttf, err := r.fontFace(face(f)).ExactSubset(runes)
	if err != nil {
		return nil, err
	}
	z := deflate.Zlib(ttf)
	var b bytes.Buffer
	b.Grow(len(z) + 100)
	fmt.Fprintf(&b, "%d 0 obj\n<</Length %d\n/Filter /FlateDecode\n/Length1 %d\n>>\nstream\n", n, len(z), len(ttf))
	b.Write(z)
	b.WriteString(end)
	return b.Bytes(), nil
}

// toUnicode is the encoding's /ToUnicode CMap (PDF 32000-1 9.10.3): codes 32–126 are
// ASCII, the codes from 127 the encoding's runes (UTF-16BE, as the CMap's destinations are).
func (e *encoding) toUnicode() []byte {
	var b bytes.Buffer
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<00> <FF>\nendcodespacerange\n")
	type pair struct {
		code byte
		r    rune
	}
	pairs := make([]pair, 0, 0x7F-0x20+len(e.runes))
	for c := rune(0x20); c < 0x7F; c++ {
		pairs = append(pairs, pair{byte(c), c})
	}
	for i, c := range e.runes {
		pairs = append(pairs, pair{byte(firstCode + i), c})
	}
	for len(pairs) > 0 {
		n := min(len(pairs), 100) // at most 100 entries a block
		fmt.Fprintf(&b, "%d beginbfchar\n", n)
		for _, p := range pairs[:n] {
			fmt.Fprintf(&b, "<%02X> <", p.code)
			for _, u := range utf16.Encode([]rune{p.r}) {
				fmt.Fprintf(&b, "%04X", u)
			}
			b.WriteString(">\n")
		}
		b.WriteString("endbfchar\n")
		pairs = pairs[n:]
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
	return b.Bytes()
}

// toUnicodeObject is the body of the object of the encoding's CMap, compressed.
func (e *encoding) toUnicodeObject() []byte {
	z := deflate.Zlib(e.toUnicode())
	var b bytes.Buffer
	b.Grow(len(z) + 60)
	fmt.Fprintf(&b, "<</Filter /FlateDecode /Length %d>>\nstream\n", len(z))
	b.Write(z)
	b.WriteString("\nendstream\n")
	return b.Bytes()
}

// singleFont returns object n, obj, written again with "/ToUnicode m 0 R" when obj is the
// font dictionary fpdf wrote for a single-byte face (addSingle: its /BaseFont is the face's
// tagged name); nil otherwise. cmap gives m, the number of the encoding's CMap object.
func (r *renderer) singleFont(n int, obj []byte, cmap func() int) []byte {
	const end = ">>\nendobj\n"
	if !bytes.HasSuffix(obj, []byte(end)) {
		return nil
	}
	for f, ok := range r.single {
		if !ok {
			continue
		}
		fi := faceInfo[f]
		head := strconv.Itoa(n) + " 0 obj\n<</Type /Font\n/BaseFont /" + fi.tag + "+" + fi.ps + "\n/Subtype /TrueType\n"
		if !bytes.HasPrefix(obj, []byte(head)) {
			continue
		}
		b := make([]byte, 0, len(obj)+24)
		b = append(b, obj[:len(obj)-len(end)]...)
		b = append(b, "/ToUnicode "+strconv.Itoa(cmap())+" 0 R\n"+end...)
		return b
	}
	return nil
}

// fontDef is the part of fpdf's font definition (its JSON) a TrueType font needs.
type fontDef struct {
	Tp           string
	Name         string
	Desc         fpdf.FontDescType
	Up, Ut       int
	Cw           []int
	Enc          string
	Diff         string
	File         string
	OriginalSize int
}

func singleDef(f face, ff fonts.Face, e *encoding) ([]byte, error) {
	m, err := metricsOf(ff)
	if err != nil {
		return nil, err
	}
	cw := make([]int, 256)
	width := func(c rune) (int, error) {
		g, adv, err := ff.Advance(c)
		if err != nil {
			return 0, err
		}
		return m.width(g, adv), nil
	}
	for c := rune(1); c < firstCode; c++ {
		if cw[c], err = width(c); err != nil {
			return nil, err
		}
	}
	for i, c := range e.runes {
		if cw[firstCode+i], err = width(c); err != nil {
			return nil, err
		}
	}
	fi := faceInfo[f]
	def := fontDef{
		Tp:   "TrueType",
		Name: fi.tag + "+" + fi.ps,
		Desc: m.desc,
		Up:   m.up,
		Ut:   m.ut,
		Cw:   cw,
		Enc:  "custom",
		Diff: e.diff,
		File: fi.tag + ".z",
	}
	return json.Marshal(def)
}

// metrics are what fpdf's UTF-8 path reads of a face (utf8fontfile.go: parseHEADTable and
// the others), read the same way.
type metrics struct {
	scale  float64
	desc   fpdf.FontDescType
	up, ut int
}

// width is the width fpdf's UTF-8 path measures for a rune whose glyph is g with advance
// adv: round(advance × 1000/unitsPerEm); a rune the font lacks is measured MissingWidth,
// or 500 when that is 0.
func (m metrics) width(g, adv int) int {
	if g == 0 {
		if m.desc.MissingWidth != 0 {
			return m.desc.MissingWidth
		}
		return 500
	}
	if adv >= 1<<15 {
		adv = 0
	}
	return int(math.Round(m.scale * float64(adv))) // 0 stays 0 (fpdf: 65535, counted 0)
}

var metricsCache sync.Map // "name/style" → metrics

func metricsOf(ff fonts.Face) (metrics, error) {
	key := ff.Name + "/" + ff.Style
	if m, ok := metricsCache.Load(key); ok {
		return m.(metrics), nil
	}
	tab := func(tag string) ([]byte, error) {
		b, err := ff.Table(tag)
		if err == nil && b == nil {
			err = fmt.Errorf("pdf: font %s %q has no %q table", ff.Name, ff.Style, tag)
		}
		return b, err
	}
	head, err := tab("head")
	if err != nil {
		return metrics{}, err
	}
	hhea, err := tab("hhea")
	if err != nil {
		return metrics{}, err
	}
	post, err := tab("post")
	if err != nil {
		return metrics{}, err
	}
	os2, _ := ff.Table("OS/2")
	i16 := func(b []byte, off int) int {
		if off+2 > len(b) {
			return 0
		}
		return int(int16(uint16(b[off])<<8 | uint16(b[off+1])))
	}
	u16 := func(b []byte, off int) int { return i16(b, off) & 0xFFFF }
	upem := u16(head, 18)
	if upem == 0 {
		return metrics{}, fmt.Errorf("pdf: font %s %q: no units per em", ff.Name, ff.Style)
	}
	scale := 1000.0 / float64(upem)
	var d fpdf.FontDescType
	d.FontBBox.Xmin = int(float64(i16(head, 36)) * scale)
	d.FontBBox.Ymin = int(float64(i16(head, 38)) * scale)
	d.FontBBox.Xmax = int(float64(i16(head, 40)) * scale)
	d.FontBBox.Ymax = int(float64(i16(head, 42)) * scale)
	d.Ascent = int(float64(i16(hhea, 4)) * scale)
	d.Descent = int(float64(i16(hhea, 6)) * scale)
	weight := 500
	if os2 != nil {
		weight = u16(os2, 4)
		if d.Ascent == 0 {
			d.Ascent = int(float64(i16(os2, 68)) * scale)
		}
		if d.Descent == 0 {
			d.Descent = int(float64(i16(os2, 70)) * scale)
		}
		if u16(os2, 0) > 1 {
			d.CapHeight = int(float64(i16(os2, 88)) * scale)
		} else {
			d.CapHeight = d.Ascent
		}
	} else {
		d.CapHeight = d.Ascent
	}
	d.StemV = 50 + int(math.Pow(float64(weight)/65.0, 2))
	d.ItalicAngle = i16(post, 4)
	// nonsymbolic (32): a viewer finds a code's glyph through the encoding's glyph name,
	// its Unicode value and the font's Unicode cmap
	d.Flags = 32
	if d.ItalicAngle != 0 {
		d.Flags |= 64
	}
	if weight >= 600 {
		d.Flags |= 262144
	}
	if len(post) >= 16 && (post[12]|post[13]|post[14]|post[15]) != 0 {
		d.Flags |= 1
	}
	_, notdef, err := ff.Advance(0)
	if err != nil {
		return metrics{}, err
	}
	d.MissingWidth = fpdfRound(scale * float64(notdef))
	m := metrics{
		scale: scale,
		desc:  d,
		up:    fpdfRound(float64(i16(post, 8)) * scale),
		ut:    fpdfRound(float64(i16(post, 10)) * scale),
	}
	metricsCache.Store(key, m)
	return m, nil
}

// fpdfRound is fpdf's round (util.go).
func fpdfRound(f float64) int {
	if f < 0 {
		return -int(math.Floor(-f + 0.5))
	}
	return int(math.Floor(f + 0.5))
}

// noSingle turns single-byte faces off (a variable for tests and comparisons).
var noSingle = false
