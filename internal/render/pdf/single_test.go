package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/shadowreport/shadowreport/internal/doc"
)

var titles = regexp.MustCompile(`/Title \((?:\\.|[^\\)])*\)`)

var textOps = regexp.MustCompile(`/F[0-9a-f]+ [\d.]+ Tf|\(((?:\\.|[^\\)])*)\)\s*Tj`)

// rawStreams returns the PDF's streams in file order, inflated.
func rawStreams(t *testing.T, pdf []byte) [][]byte {
	t.Helper()
	var out [][]byte
	for rest := pdf; ; {
		i := bytes.Index(rest, []byte("stream\n"))
		if i < 0 {
			return out
		}
		rest = rest[i+len("stream\n"):]
		j := bytes.Index(rest, []byte("\nendstream"))
		if j < 0 {
			t.Fatal("a stream without its end")
		}
		data := rest[:j]
		rest = rest[j+len("\nendstream"):]
		if zr, err := zlib.NewReader(bytes.NewReader(data)); err == nil {
			if inflated, err := io.ReadAll(zr); err == nil {
				data = inflated
			}
		}
		out = append(out, data)
	}
}

// pageTexts returns the content streams that show text, in file order, each string shown
// decoded to UTF-8 by decode and fpdf's font resource names left out.
func pageTexts(t *testing.T, pdf []byte, decode func(simple bool, b []byte) string) []string {
	t.Helper()
	var out []string
	for _, s := range rawStreams(t, pdf) {
		if !bytes.Contains(s, []byte(" Tj")) {
			continue
		}
		var b strings.Builder
		last, simple := 0, false
		for _, m := range textOps.FindAllSubmatchIndex(s, -1) {
			b.Write(s[last:m[0]])
			last = m[1]
			op := s[m[0]:m[1]]
			if m[2] < 0 {
				simple = singleFont(pdf, string(op[:bytes.IndexByte(op, ' ')]))
				b.WriteString("/F" + string(op[bytes.IndexByte(op, ' '):]))
				continue
			}
			b.WriteString(strconv.Quote(decode(simple, unescape(s[m[2]:m[3]]))) + " Tj")
		}
		b.Write(s[last:])
		out = append(out, b.String())
	}
	return out
}

// TestSingleByteFaces renders documents with the Latin faces single-byte and with every
// face UTF-8 (CID): the same pages, and the same texts at the same places.
func TestSingleByteFaces(t *testing.T) {
	for name, d := range testDocs(t) {
		t.Run(name, func(t *testing.T) {
			r := newRenderer(doc.Resolve(d), false)
			single, singleRes, err := r.render(Options{Created: created})
			if err != nil {
				t.Fatal(err)
			}
			if r.missed || r.unencoded {
				t.Errorf("rendered twice: missed %v, unencoded %v", r.missed, r.unencoded)
			}
			if r.enc == nil {
				t.Fatalf("no single-byte encoding")
			}
			u := newRenderer(doc.Resolve(d), false)
			u.utf8Only = true
			utf8, utf8Res, err := u.render(Options{Created: created})
			if err != nil {
				t.Fatal(err)
			}
			if singleRes.Pages != utf8Res.Pages || !slices.Equal(singleRes.Fills, utf8Res.Fills) {
				t.Errorf("pages %d %v single-byte, %d %v UTF-8", singleRes.Pages, singleRes.Fills, utf8Res.Pages, utf8Res.Fills)
			}
			a := pageTexts(t, single, func(simple bool, b []byte) string {
				if !simple {
					return utf16String(b)
				}
				rs := make([]rune, 0, len(b))
				for _, c := range b {
					switch {
					case c < firstCode:
						rs = append(rs, rune(c))
					case int(c-firstCode) < len(r.enc.runes):
						rs = append(rs, r.enc.runes[c-firstCode])
					default:
						rs = append(rs, 0xFFFD)
					}
				}
				return string(rs)
			})
			b := pageTexts(t, utf8, func(simple bool, b []byte) string {
				if simple {
					t.Errorf("a single-byte font in a UTF-8 render")
				}
				return utf16String(b)
			})
			if len(a) != len(b) {
				t.Fatalf("%d streams with text single-byte, %d UTF-8", len(a), len(b))
			}
			for i := range a {
				if a[i] != b[i] {
					t.Errorf("stream %d differs:\n%s", i, firstDiff(a[i], b[i]))
				}
			}
			// the outline's titles (fpdf writes them UTF-16 only when a UTF-8 font is current)
			ta, tb := titles.FindAll(single, -1), titles.FindAll(utf8, -1)
			if len(ta) != len(tb) {
				t.Errorf("%d titles single-byte, %d UTF-8", len(ta), len(tb))
			}
			for i := range min(len(ta), len(tb)) {
				if !bytes.Equal(ta[i], tb[i]) {
					t.Errorf("title %d: %q single-byte, %q UTF-8", i, ta[i], tb[i])
				}
			}
			if len(single) > len(utf8)+200 {
				t.Errorf("%d bytes single-byte, %d UTF-8", len(single), len(utf8))
			}
		})
	}
}

func firstDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	lo := max(0, i-120)
	return fmt.Sprintf("%q\n%q", a[lo:min(len(a), i+120)], b[lo:min(len(b), i+120)])
}

func utf16String(b []byte) string {
	var units []uint16
	for j := 0; j+1 < len(b); j += 2 {
		units = append(units, uint16(b[j])<<8|uint16(b[j+1]))
	}
	return string(utf16.Decode(units))
}

// singleFont reports whether the font resource res (/F…) of the PDF is a single-byte
// TrueType font.
func singleFont(pdf []byte, res string) bool {
	m := regexp.MustCompile(regexp.QuoteMeta(res) + ` (\d+) 0 R`).FindSubmatch(pdf)
	if m == nil {
		return false
	}
	i := bytes.Index(pdf, []byte("\n"+string(m[1])+" 0 obj\n"))
	if i < 0 {
		return false
	}
	obj := pdf[i+1:]
	obj = obj[:bytes.Index(obj, []byte("endobj"))]
	return bytes.Contains(obj, []byte("/Subtype /TrueType"))
}

var (
	toUnicodeRef = regexp.MustCompile(`/ToUnicode (\d+) 0 R\n`)
	bfchar       = regexp.MustCompile(`(?s)(\d+) beginbfchar\n(.*?)endbfchar\n`)
	bfcharEntry  = regexp.MustCompile(`^<([0-9A-F]{2})> <([0-9A-F]{4,8})>$`)
)

// TestToUnicode: the font dictionary of each single-byte face names a /ToUnicode CMap that
// maps exactly the codes of the document's encoding, 32–126 to ASCII and those from 127 to
// the encoding's runes; the other fonts keep the one fpdf writes.
func TestToUnicode(t *testing.T) {
	for name, d := range testDocs(t) {
		t.Run(name, func(t *testing.T) {
			r := newRenderer(doc.Resolve(d), false)
			pdf, _, err := r.render(Options{Created: created})
			if err != nil {
				t.Fatal(err)
			}
			if r.enc == nil {
				t.Fatal("no single-byte encoding")
			}
			want := map[byte]rune{}
			for c := byte(0x20); c < 0x7F; c++ {
				want[c] = rune(c)
			}
			for i, c := range r.enc.runes {
				want[byte(firstCode+i)] = c
			}
			objs := objects(t, pdf)
			singles := 0
			for f, ok := range r.single {
				if !ok {
					continue
				}
				singles++
				fi := faceInfo[f]
				base := []byte("<</Type /Font\n/BaseFont /" + fi.tag + "+" + fi.ps + "\n/Subtype /TrueType\n")
				var dict []byte
				for _, obj := range objs {
					if bytes.Contains(obj, base) {
						if dict != nil {
							t.Fatalf("%s: two font dictionaries", fi.ps)
						}
						dict = obj
					}
				}
				m := toUnicodeRef.FindSubmatch(dict)
				if m == nil {
					t.Fatalf("%s: no /ToUnicode in %q", fi.ps, dict)
				}
				n, _ := strconv.Atoi(string(m[1]))
				cmap := objs[n]
				s := streamRE.FindSubmatch(cmap)
				if s == nil || !strings.HasPrefix(string(s[1]), "/Filter /FlateDecode /Length ") {
					t.Fatalf("%s: /ToUnicode %d is not a compressed stream: %.80q", fi.ps, n, cmap)
				}
				zr, err := zlib.NewReader(bytes.NewReader(s[2]))
				if err != nil {
					t.Fatal(err)
				}
				text, err := io.ReadAll(zr)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Contains(text, []byte("1 begincodespacerange\n<00> <FF>\nendcodespacerange\n")) {
					t.Errorf("%s: no one-byte code space", fi.ps)
				}
				got := map[byte]rune{}
				for _, block := range bfchar.FindAllSubmatch(text, -1) {
					lines := strings.Split(strings.TrimSuffix(string(block[2]), "\n"), "\n")
					if count, _ := strconv.Atoi(string(block[1])); count != len(lines) || count > 100 {
						t.Errorf("%s: a block of %s bfchar with %d entries", fi.ps, block[1], len(lines))
					}
					for _, l := range lines {
						e := bfcharEntry.FindStringSubmatch(l)
						if e == nil {
							t.Fatalf("%s: bfchar entry %q", fi.ps, l)
						}
						code, _ := strconv.ParseUint(e[1], 16, 8)
						var units []uint16
						for j := 0; j+4 <= len(e[2]); j += 4 {
							u, _ := strconv.ParseUint(e[2][j:j+4], 16, 16)
							units = append(units, uint16(u))
						}
						rs := utf16.Decode(units)
						if _, dup := got[byte(code)]; dup || len(rs) != 1 {
							t.Errorf("%s: entry %q repeated or not one rune", fi.ps, l)
						}
						got[byte(code)] = rs[0]
					}
				}
				for c, r := range want {
					if got[c] != r {
						t.Errorf("%s: code %#02x maps to %U, want %U", fi.ps, c, got[c], r)
					}
				}
				for c, r := range got {
					if _, ok := want[c]; !ok {
						t.Errorf("%s: code %#02x (%U) is not in the encoding", fi.ps, c, r)
					}
				}
			}
			if singles == 0 {
				t.Error("no single-byte faces")
			}
			// a /ToUnicode for each font (a CID font's is in its Type0 dictionary)
			fontDicts := bytes.Count(pdf, []byte("\n/Subtype /TrueType\n")) + bytes.Count(pdf, []byte("\n/Subtype /Type0\n"))
			if n := bytes.Count(pdf, []byte("/ToUnicode ")); n != fontDicts {
				t.Errorf("%d /ToUnicode for %d fonts", n, fontDicts)
			}
		})
	}
}

// rewriteObjects numbers added objects after fpdf's last and makes the table and /Size count
// them.
func TestRewriteObjectsAdds(t *testing.T) {
	plain := plainPDF(t)
	first := 0
	got, err := rewriteObjects(plain, func(n int, obj []byte, add addFunc) ([]byte, error) {
		if n == 1 {
			first = add([]byte("<</Added 1>>\n"))
			if second := add([]byte("<</Added 2>>\n")); second != first+1 {
				t.Errorf("added %d, then %d", first, second)
			}
		}
		return nil, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	before, after := objects(t, plain), objects(t, got)
	if first != len(before)+1 || len(after) != len(before)+2 {
		t.Fatalf("%d objects, the first added %d; then %d", len(before), first, len(after))
	}
	if want := strconv.Itoa(first) + " 0 obj\n<</Added 1>>\nendobj\n"; string(after[first]) != want {
		t.Errorf("object %d: %q", first, after[first])
	}
	if !bytes.Contains(got, []byte("trailer\n<<\n/Size "+strconv.Itoa(first+2)+"\n")) {
		t.Errorf("the trailer's /Size is not %d", first+2)
	}
	needTools(t, "qpdf")
	if out := run(t, "qpdf", "--check", write(t, got)); !strings.Contains(out, "No syntax or stream encoding errors") {
		t.Errorf("qpdf --check:\n%s", out)
	}
}

// pdftotext reads the same text from the single-byte render as from the UTF-8 (CID) one.
func TestSingleByteText(t *testing.T) {
	needTools(t, "pdftotext")
	for name, d := range testDocs(t) {
		t.Run(name, func(t *testing.T) {
			r := newRenderer(doc.Resolve(d), false)
			single, _, err := r.render(Options{Created: created})
			if err != nil {
				t.Fatal(err)
			}
			u := newRenderer(doc.Resolve(d), false)
			u.utf8Only = true
			utf8, _, err := u.render(Options{Created: created})
			if err != nil {
				t.Fatal(err)
			}
			a := run(t, "pdftotext", "-layout", write(t, single), "-")
			b := run(t, "pdftotext", "-layout", write(t, utf8), "-")
			if a != b {
				t.Errorf("pdftotext differs:\n%s", firstDiff(a, b))
			}
		})
	}
}
