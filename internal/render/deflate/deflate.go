// Package deflate compresses what the outputs hold: PNG pictures and web fonts with zlib at
// its best speed, the parts of a Word file at zlib's default level, through compressors shared
// by every renderer (making one costs more than compressing a picture, and a build needs only
// as many as run at once), github.com/klauspost/compress's (twice the speed of compress/flate
// for the same sizes). The PDF's page streams too: the PDF renderer turns fpdf's compression
// off (it makes a new compressor for every page) and compresses them after.
package deflate

import (
	"bytes"
	"io"
	"sync"

	"github.com/klauspost/compress/flate"
	"github.com/klauspost/compress/zlib"
)

var writers = sync.Pool{New: func() any {
	w, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed)
	return w
}}

// Zlib returns data compressed in the zlib format. The same data gives the same bytes.
func Zlib(data []byte) []byte {
	var buf bytes.Buffer
	buf.Grow(len(data)/3 + 64)
	zw := writers.Get().(*zlib.Writer)
	zw.Reset(&buf)
	_, _ = zw.Write(data) // writes to a bytes.Buffer do not fail
	_ = zw.Close()
	writers.Put(zw)
	return buf.Bytes()
}

var flaters = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(nil, flate.DefaultCompression)
	return w
}}

// Zip is a compressor for archive/zip (zip.Writer.RegisterCompressor) at zlib's default
// level; closing it returns it for reuse.
func Zip(w io.Writer) (io.WriteCloser, error) {
	fw := flaters.Get().(*flate.Writer)
	fw.Reset(w)
	return &zipWriter{fw}, nil
}

type zipWriter struct{ *flate.Writer }

func (z *zipWriter) Close() error {
	if z.Writer == nil {
		return nil
	}
	err := z.Writer.Close()
	flaters.Put(z.Writer)
	z.Writer = nil
	return err
}
