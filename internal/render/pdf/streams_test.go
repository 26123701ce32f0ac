package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
)

// plainPDF is a PDF of a few pages as fpdf writes it with its compression off.
func plainPDF(t testing.TB) []byte {
	t.Helper()
	p := fpdf.New("P", "mm", "A4", "")
	p.SetCompression(false)
	p.SetFont("Helvetica", "", 11)
	for i := range 4 {
		p.AddPage()
		for j := range 30 {
			p.Text(20, 20+float64(j)*8, fmt.Sprintf("Page %d, line %d: the same words again and again and again", i+1, j+1))
		}
		p.Line(20, 280, 190, 280)
	}
	var buf bytes.Buffer
	if err := p.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

var objHead = regexp.MustCompile(`^(\d+) 0 obj\n`)

// objects reads every object of a PDF through its own cross-reference table and checks that
// each offset the table gives is where its object starts.
func objects(t *testing.T, pdf []byte) map[int][]byte {
	t.Helper()
	at, err := startXref(pdf)
	if err != nil {
		t.Fatal(err)
	}
	offsets, _, err := readXref(pdf, at)
	if err != nil {
		t.Fatal(err)
	}
	objs := map[int][]byte{}
	for n := 1; n < len(offsets); n++ {
		rest := pdf[offsets[n]:at]
		m := objHead.FindSubmatch(rest)
		if m == nil || string(m[1]) != strconv.Itoa(n) {
			t.Fatalf("the table puts object %d at %d, where the file reads %q", n, offsets[n], rest[:min(20, len(rest))])
		}
		end := bytes.Index(rest, []byte("endobj\n"))
		if end < 0 {
			t.Fatalf("object %d has no end", n)
		}
		objs[n] = rest[:end+len("endobj\n")]
	}
	return objs
}

var streamRE = regexp.MustCompile(`(?s)^\d+ 0 obj\n<<(.*?)>>\nstream\n(.*)\nendstream\nendobj\n$`)

func TestCompressStreams(t *testing.T) {
	plain := plainPDF(t)
	got, err := compressStreams(plain)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) >= len(plain) {
		t.Errorf("compressed %d bytes into %d", len(plain), len(got))
	}
	before, after := objects(t, plain), objects(t, got)
	if len(before) != len(after) {
		t.Fatalf("%d objects became %d", len(before), len(after))
	}
	pages := 0
	for n, obj := range before {
		m := streamRE.FindSubmatch(obj)
		if m == nil || !strings.HasPrefix(string(m[1]), "/Length ") {
			if !bytes.Equal(obj, after[n]) {
				t.Errorf("object %d changed:\n%s\n---\n%s", n, obj, after[n])
			}
			continue
		}
		pages++
		a := streamRE.FindSubmatch(after[n])
		if a == nil || !strings.HasPrefix(string(a[1]), "/Filter /FlateDecode /Length ") {
			t.Fatalf("object %d was not compressed: %.80q", n, after[n])
		}
		if length, _ := strconv.Atoi(strings.TrimPrefix(string(a[1]), "/Filter /FlateDecode /Length ")); length != len(a[2]) {
			t.Errorf("object %d: /Length %d for %d bytes", n, length, len(a[2]))
		}
		zr, err := zlib.NewReader(bytes.NewReader(a[2]))
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(zr)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(data, m[2]) {
			t.Errorf("object %d does not inflate to what fpdf wrote", n)
		}
	}
	if pages != 4 {
		t.Errorf("compressed %d streams, want the 4 pages'", pages)
	}

	needTools(t, "qpdf")
	path := filepath.Join(t.TempDir(), "c.pdf")
	if err := os.WriteFile(path, got, 0o644); err != nil {
		t.Fatal(err)
	}
	if out := run(t, "qpdf", "--check", path); !strings.Contains(out, "No syntax or stream encoding errors") {
		t.Errorf("qpdf --check:\n%s", out)
	}
}

// A file not laid out as fpdf lays it out is an error, never a panic or a PDF with a broken
// table: a table shorter than it says, every truncation and a changed byte at every 7th place.
func TestCompressStreamsDamaged(t *testing.T) {
	// a table that claims more entries than the file holds after its count
	short := "%PDF-1.3\n1 0 obj\n<<>>\nendobj\nxref\n0 3\n0000000000 65535 f \n0000000009 00000 n \nstartxref\n29\n%%EOF"
	if _, err := compressStreams([]byte(short)); err == nil {
		t.Error("a table shorter than its count was taken")
	}
	plain := plainPDF(t)
	for i := 0; i < len(plain); i += 7 {
		if _, err := compressStreams(plain[:i]); err == nil && i < len(plain)-len("%%EOF\n") {
			t.Fatalf("a file cut at %d of %d bytes was taken", i, len(plain))
		}
		bad := bytes.Clone(plain)
		bad[i] ^= 0x55
		got, err := compressStreams(bad)
		if err == nil && got != nil {
			// what was taken must still have a table that points at its objects
			at, err := startXref(got)
			if err != nil {
				t.Fatalf("byte %d changed: the result has no startxref: %v", i, err)
			}
			if _, _, err := readXref(got, at); err != nil {
				t.Fatalf("byte %d changed: the result's table: %v", i, err)
			}
		}
	}
}

// The report's pages reach the file compressed.
func TestRenderedPagesCompressed(t *testing.T) {
	data, _, _ := render(t, sampleDoc())
	if n := len(regexp.MustCompile(`obj\n<</Length \d+>>\nstream`).FindAll(data, -1)); n > 0 {
		t.Errorf("%d streams left plain", n)
	}
	if n := bytes.Count(data, []byte("<</Filter /FlateDecode /Length ")); n < 3 {
		t.Errorf("%d compressed page streams", n)
	}
}

// FuzzCompressStreams: whatever the bytes, an error or a file whose table points at its
// objects; never a panic.
func FuzzCompressStreams(f *testing.F) {
	f.Add(plainPDF(f))
	f.Add([]byte("%PDF-1.3\n1 0 obj\n<</Length 3>>\nstream\nabc\nendstream\nendobj\nxref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer\n<<>>\nstartxref\n60\n%%EOF\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := compressStreams(data)
		if err != nil {
			return
		}
		at, err := startXref(got)
		if err != nil {
			t.Fatalf("the result has no startxref: %v", err)
		}
		offsets, _, err := readXref(got, at)
		if err != nil {
			t.Fatalf("the result's table: %v", err)
		}
		for n := 1; n < len(offsets); n++ {
			if !bytes.HasPrefix(got[offsets[n]:], []byte(strconv.Itoa(n)+" 0 obj\n")) {
				t.Fatalf("the table puts object %d where it is not", n)
			}
		}
	})
}
