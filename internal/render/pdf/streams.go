package pdf

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"

	"github.com/shadowreport/shadowreport/internal/render/deflate"
)

// compressStreams compresses the streams fpdf left plain (the renderer turns fpdf's own
// compression off: it makes a new zlib compressor, most of a megabyte, for every page) with the
// compressors the renderers share, and writes the cross-reference table again for the objects'
// new places. It reads the file as fpdf writes it: each object at the offset its table gives,
// in the order of the offsets, the table and trailer after the last. A plain stream is one
// whose dictionary is only its length ("<</Length n>>": the pages' contents); every other
// object is copied as it is. A file that is not laid out so is an error: the caller has a bug
// to fix, not a PDF to publish.
func compressStreams(pdf []byte) ([]byte, error) {
	return rewriteObjects(pdf, nil)
}

// addFunc adds an object after fpdf's last and returns its number; body is what follows
// "n 0 obj\n" up to "endobj".
type addFunc func(body []byte) int

// rewriteObjects is compressStreams, writing what replace returns for an object (its number
// and its bytes, from "n 0 obj") in place of it, when that is not nil. replace may add
// objects with add: they are numbered and written after fpdf's last, in the order added, and
// the table and the trailer's /Size grow to count them.
func rewriteObjects(pdf []byte, replace func(n int, obj []byte, add addFunc) ([]byte, error)) ([]byte, error) {
	xrefAt, err := startXref(pdf)
	if err != nil {
		return nil, err
	}
	offsets, trailer, err := readXref(pdf, xrefAt)
	if err != nil {
		return nil, err
	}
	// objects in the order they are written; object 0 is the free list's head
	order := make([]int, 0, len(offsets))
	for n := 1; n < len(offsets); n++ {
		order = append(order, n)
	}
	slices.SortFunc(order, func(a, b int) int { return offsets[a] - offsets[b] })
	if len(order) == 0 || offsets[order[0]] <= 0 {
		return nil, fmt.Errorf("pdf: no objects before the cross-reference table")
	}

	out := bytes.NewBuffer(make([]byte, 0, len(pdf)/2))
	out.Write(pdf[:offsets[order[0]]])
	moved := make([]int, len(offsets))
	var added [][]byte
	add := func(body []byte) int {
		added = append(added, body)
		return len(offsets) + len(added) - 1
	}
	for i, n := range order {
		start, end := offsets[n], xrefAt
		if i+1 < len(order) {
			end = offsets[order[i+1]]
		}
		if start >= end || end > len(pdf) {
			return nil, fmt.Errorf("pdf: object %d lies outside the file", n)
		}
		moved[n] = out.Len()
		obj := pdf[start:end]
		if replace != nil {
			b, err := replace(n, obj, add)
			if err != nil {
				return nil, err
			}
			if b != nil {
				out.Write(b)
				continue
			}
		}
		if err := writeObject(out, n, obj); err != nil {
			return nil, err
		}
	}
	for i, body := range added {
		moved = append(moved, out.Len())
		fmt.Fprintf(out, "%d 0 obj\n", len(offsets)+i)
		out.Write(body)
		out.WriteString("endobj\n")
	}
	if len(added) > 0 {
		// fpdf writes the trailer's entries a line each, /Size first
		size := []byte("trailer\n<<\n/Size " + strconv.Itoa(len(offsets)) + "\n")
		if !bytes.HasPrefix(trailer, size) {
			return nil, fmt.Errorf("pdf: the trailer does not start with /Size %d", len(offsets))
		}
		trailer = append([]byte("trailer\n<<\n/Size "+strconv.Itoa(len(moved))+"\n"), trailer[len(size):]...)
	}
	table := out.Len()
	fmt.Fprintf(out, "xref\n0 %d\n0000000000 65535 f \n", len(moved))
	for n := 1; n < len(moved); n++ {
		fmt.Fprintf(out, "%010d 00000 n \n", moved[n])
	}
	out.Write(trailer)
	fmt.Fprintf(out, "startxref\n%d\n%%%%EOF\n", table)
	return out.Bytes(), nil
}

// writeObject writes object n, compressing its stream when it is a plain one.
func writeObject(out *bytes.Buffer, n int, obj []byte) error {
	head := []byte(strconv.Itoa(n) + " 0 obj\n")
	if !bytes.HasPrefix(obj, head) {
		return fmt.Errorf("pdf: object %d does not start where the cross-reference table says", n)
	}
	rest := obj[len(head):]
	const open, tail = "<</Length ", ">>\nstream\n"
	if !bytes.HasPrefix(rest, []byte(open)) {
		out.Write(obj)
		return nil
	}
	digits := rest[len(open):]
	i := bytes.IndexByte(digits, '>')
	length, err := strconv.Atoi(string(digits[:max(i, 0)]))
	if i <= 0 || err != nil || !bytes.HasPrefix(digits[i:], []byte(tail)) {
		out.Write(obj)
		return nil
	}
	data := digits[i+len(tail):]
	const end = "\nendstream\nendobj\n"
	if length < 0 || length > len(data) || string(data[length:]) != end {
		return fmt.Errorf("pdf: object %d: the stream's length does not match its end", n)
	}
	z := deflate.Zlib(data[:length])
	if len(z) >= length {
		out.Write(obj)
		return nil
	}
	out.Write(head)
	fmt.Fprintf(out, "<</Filter /FlateDecode /Length %d>>\nstream\n", len(z))
	out.Write(z)
	out.WriteString(end)
	return nil
}

// startXref is the offset of the cross-reference table the file's last lines name.
func startXref(pdf []byte) (int, error) {
	i := bytes.LastIndex(pdf, []byte("startxref\n"))
	if i < 0 {
		return 0, fmt.Errorf("pdf: no startxref")
	}
	line := pdf[i+len("startxref\n"):]
	if j := bytes.IndexByte(line, '\n'); j >= 0 {
		line = line[:j]
	}
	at, err := strconv.Atoi(string(line))
	if err != nil || at <= 0 || at >= i {
		return 0, fmt.Errorf("pdf: startxref %q is not an offset in the file", line)
	}
	return at, nil
}

// readXref reads a cross-reference table of one section starting at object 0, as fpdf writes
// it, and returns the offset of each object and the trailer (from "trailer" to "startxref").
func readXref(pdf []byte, at int) ([]int, []byte, error) {
	rest := pdf[at:]
	if !bytes.HasPrefix(rest, []byte("xref\n0 ")) {
		return nil, nil, fmt.Errorf("pdf: no cross-reference table at %d", at)
	}
	rest = rest[len("xref\n0 "):]
	nl := bytes.IndexByte(rest, '\n')
	count, err := strconv.Atoi(string(rest[:max(nl, 0)]))
	const entry = 20 // "0000000123 00000 n \n"
	if nl <= 0 || err != nil || count < 1 || count > len(rest[nl+1:])/entry {
		return nil, nil, fmt.Errorf("pdf: the cross-reference table's size is not readable")
	}
	rest = rest[nl+1:]
	offsets := make([]int, count)
	for n := range count {
		e := rest[n*entry : (n+1)*entry]
		if n == 0 {
			continue
		}
		if string(e[10:]) != " 00000 n \n" {
			return nil, nil, fmt.Errorf("pdf: cross-reference entry %d is not an object in use", n)
		}
		off, err := strconv.Atoi(string(e[:10]))
		if err != nil || off >= at {
			return nil, nil, fmt.Errorf("pdf: cross-reference entry %d is not an offset in the file", n)
		}
		offsets[n] = off
	}
	rest = rest[count*entry:]
	end := bytes.LastIndex(rest, []byte("startxref\n"))
	if !bytes.HasPrefix(rest, []byte("trailer\n")) || end < 0 {
		return nil, nil, fmt.Errorf("pdf: no trailer after the cross-reference table")
	}
	return offsets, rest[:end], nil
}
