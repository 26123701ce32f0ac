package deflate

import (
	"archive/zip"
	"bytes"
	"compress/zlib"
	"io"
	"math/rand/v2"
	"sync"
	"testing"
)

// TestZlib inflates what Zlib writes with the standard library: the same data back, the same
// bytes for the same data whatever the compressor used before, also when used at once by
// several goroutines.
func TestZlib(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	var inputs [][]byte
	for _, n := range []int{0, 1, 100, 70_000, 300_000} {
		b := make([]byte, n)
		for i := range b {
			if rng.IntN(4) == 0 {
				b[i] = byte(rng.IntN(256))
			}
		}
		inputs = append(inputs, b)
	}
	first := make([][]byte, len(inputs))
	for i, in := range inputs {
		first[i] = Zlib(in)
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for k := range 3 {
				for i := range inputs {
					i := (i + k) % len(inputs)
					z := Zlib(inputs[i])
					if !bytes.Equal(z, first[i]) {
						t.Errorf("input %d: compressed differently", i)
					}
					zr, err := zlib.NewReader(bytes.NewReader(z))
					if err != nil {
						t.Error(err)
						return
					}
					got, err := io.ReadAll(zr)
					if err != nil || !bytes.Equal(got, inputs[i]) {
						t.Errorf("input %d: inflates to %d bytes of %d (%v)", i, len(got), len(inputs[i]), err)
					}
				}
			}
		})
	}
	wg.Wait()
}

// TestZip writes a zip archive of parts through Zip and reads it back with archive/zip.
func TestZip(t *testing.T) {
	parts := map[string][]byte{"a.xml": bytes.Repeat([]byte("<w:t>text</w:t>"), 5000), "b.xml": []byte("x"), "c.xml": nil}
	var archives [2][]byte
	for k := range archives {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		zw.RegisterCompressor(zip.Deflate, Zip)
		for _, name := range []string{"a.xml", "b.xml", "c.xml"} {
			f, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := f.Write(parts[name]); err != nil {
				t.Fatal(err)
			}
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		archives[k] = buf.Bytes()
	}
	if !bytes.Equal(archives[0], archives[1]) {
		t.Error("the same parts gave different archives")
	}
	zr, err := zip.NewReader(bytes.NewReader(archives[0]), int64(len(archives[0])))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(r)
		if err != nil || !bytes.Equal(got, parts[f.Name]) {
			t.Errorf("%s: %d bytes of %d (%v)", f.Name, len(got), len(parts[f.Name]), err)
		}
	}
	if len(archives[0]) > 2000 {
		t.Errorf("%d bytes: a.xml was not compressed", len(archives[0]))
	}
}
