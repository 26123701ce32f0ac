package html

import (
	"bytes"
	"testing"

	"github.com/shadowreport/shadowreport/internal/doc"
)

// BenchmarkRender renders the sample report as a web page: charts, fonts and all.
func BenchmarkRender(b *testing.B) {
	d := doc.Resolve(sampleReport(b))
	b.ResetTimer()
	for b.Loop() {
		if _, err := (Renderer{}).Render(&bytes.Buffer{}, d, Options{Created: created}); err != nil {
			b.Fatal(err)
		}
	}
}
