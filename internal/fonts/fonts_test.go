package fonts

import (
	"testing"
)

func TestFacesParse(t *testing.T) {
	if err := parsed().err; err != nil {
		t.Fatal(err)
	}
	faces := Faces()
	if len(faces) != 6 {
		t.Fatalf("got %d faces, want 6", len(faces))
	}
	for _, f := range faces {
		if len(f.TTF) < 1000 {
			t.Errorf("%s %q: %d bytes", f.Name, f.Style, len(f.TTF))
		}
	}
}

func TestHas(t *testing.T) {
	if !Has(Latin, 'a') || Has(Latin, '학') {
		t.Error("Latin coverage wrong")
	}
	if !Has(Korean, '학') || !Has(Korean, 'a') {
		t.Error("Korean coverage wrong")
	}
	if Has("Comic Sans", 'a') {
		t.Error("unknown family reports a glyph")
	}
}
