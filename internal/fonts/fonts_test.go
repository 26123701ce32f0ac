package fonts

import (
	"slices"
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

func TestMissing(t *testing.T) {
	tests := []struct {
		text string
		want []rune
	}{
		{"Paid informal school fees", nil},
		{"학교 비용을 냈다 — “quoted” café", nil},
		{"tab\tand\nnewline", nil},
		{"emoji 😀 twice 😀 and \U0010FFFF", []rune{0x1F600, 0x10FFFF}},
	}
	for _, tt := range tests {
		if got := Missing(tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("Missing(%q) = %U, want %U", tt.text, got, tt.want)
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
