package pdf

import (
	"bytes"
	"strings"
	"testing"
)

// TestLinearSize guards against layouts that grow with the square of the input, such as a
// table header taller than a page repeated on every page.
func TestLinearSize(t *testing.T) {
	size := func(n int) int {
		var buf bytes.Buffer
		if _, err := Render(&buf, hostile(strings.Repeat("a\n", n)), Options{}); err != nil {
			t.Fatal(err)
		}
		return buf.Len()
	}
	small, big := size(1000), size(4000)
	if big > 6*small {
		t.Errorf("4× the text gave %.1f× the bytes (%d, %d)", float64(big)/float64(small), small, big)
	}
}
