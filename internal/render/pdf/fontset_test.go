package pdf

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/shadowreport/shadowreport/internal/doc"
)

// renderMode renders d with the font subsets (whole false) or the whole fonts, and says
// whether the subset render had to start again whole.
func renderMode(t *testing.T, d *doc.Document, whole bool) ([]byte, Result, bool) {
	t.Helper()
	r := newRenderer(doc.Resolve(d), whole)
	out, res, err := r.render(Options{Created: created})
	if err != nil {
		t.Fatal(err)
	}
	return out, res, r.missed
}

var fontName = regexp.MustCompile(`/F[0-9a-f]{40}\b`)

// streams returns the PDF's streams, inflated, with fpdf's font resource names (a hash of the
// font's width table, which a subset changes) renamed F1, F2… in the order they are first
// used, sorted: two PDFs whose streams are equal draw the same glyphs of the same font
// programs at the same places.
func streams(t *testing.T, pdf []byte) [][]byte {
	t.Helper()
	out := rawStreams(t, pdf)
	names := map[string]string{}
	for i, data := range out {
		out[i] = fontName.ReplaceAllFunc(data, func(n []byte) []byte {
			if _, ok := names[string(n)]; !ok {
				names[string(n)] = "/F" + strconv.Itoa(len(names)+1)
			}
			return []byte(names[string(n)])
		})
	}
	slices.SortFunc(out, bytes.Compare)
	return out
}

// TestSubsetsDrawTheSame renders documents with the font subsets and with the whole fonts:
// the same pages, the same content streams, the same embedded font programs.
func TestSubsetsDrawTheSame(t *testing.T) {
	noSingle = true // the streams of single-byte faces differ: see TestSingleByteFaces
	defer func() { noSingle = false }()
	subsetsDrawTheSame(t, testDocs(t))
}

// testDocs are the documents of the tests that compare two ways of rendering: the sample, a
// long document, a handout and the fuzz seeds.
func testDocs(t *testing.T) map[string]*doc.Document {
	docs := map[string]*doc.Document{"sample": sampleDoc(), "long": longDoc(2), "handout": handout(3)}
	seeds, _ := filepath.Glob(filepath.Join("testdata", "fuzz", "FuzzRender", "*"))
	for _, f := range seeds {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		line := strings.SplitN(string(data), "\n", 3)[1]
		s, err := strconv.Unquote(strings.TrimSuffix(strings.TrimPrefix(line, "string("), ")"))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		docs["hostile-"+filepath.Base(f)] = hostile(s)
	}
	return docs
}

func subsetsDrawTheSame(t *testing.T, docs map[string]*doc.Document) {
	for name, d := range docs {
		t.Run(name, func(t *testing.T) {
			sub, subRes, missed := renderMode(t, d, false)
			whole, wholeRes, _ := renderMode(t, d, true)
			if missed {
				t.Errorf("a text needed a rune outside the document's runes: rendered twice")
			}
			if subRes.Pages != wholeRes.Pages || !slices.Equal(subRes.Fills, wholeRes.Fills) {
				t.Errorf("pages %d %v with subsets, %d %v whole", subRes.Pages, subRes.Fills, wholeRes.Pages, wholeRes.Fills)
			}
			a, b := streams(t, sub), streams(t, whole)
			if len(a) != len(b) {
				t.Fatalf("%d streams with subsets, %d whole", len(a), len(b))
			}
			for i := range a {
				if !bytes.Equal(a[i], b[i]) {
					t.Errorf("stream %d differs:\n%.300q\n%.300q", i, a[i], b[i])
				}
			}
			if len(sub) > len(whole)+200 {
				t.Errorf("%d bytes with subsets, %d whole", len(sub), len(whole))
			}
		})
	}
}

// TestRuneOutsideSubsets renders a document whose runes are taken to lack one it shows:
// the render notices and starts again with the whole fonts, and the file is the whole
// fonts' to the byte.
func TestRuneOutsideSubsets(t *testing.T) {
	d := hostile("학교에 비공식 비용 ± ✓")
	whole, _, _ := renderMode(t, d, true)
	defer func(f func(*doc.Resolved) *runeSet) { subsetRunes = f }(subsetRunes)
	subsetRunes = func(d *doc.Resolved) *runeSet {
		s := documentRunes(d)
		for _, c := range "교✓" {
			s.bits[c>>6] &^= 1 << (c & 63)
		}
		return s
	}
	var buf bytes.Buffer
	if _, err := Render(&buf, d, Options{Created: created}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), whole) {
		t.Errorf("a render that needed a rune outside the subsets is not the whole fonts' render")
	}
	if _, _, missed := renderMode(t, d, false); !missed {
		t.Errorf("the missing rune went unnoticed")
	}
}
