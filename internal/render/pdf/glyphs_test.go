package pdf

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"golang.org/x/image/font/sfnt"
)

type qpdfObject struct {
	Value  json.RawMessage `json:"value"`
	Stream *struct {
		Dict json.RawMessage `json:"dict"`
		Data []byte          `json:"data"`
	} `json:"stream"`
}

var contentOps = regexp.MustCompile(`\(((?:\\.|[^\\)])*)\)\s*Tj|/(\S+)\s+[\d.]+\s+Tf|(?:^|\s)([qQ])\b`)

// checkGlyphs reads the PDF through qpdf's JSON and checks that every character shown is in
// the subset of the font that is current at that point of the content stream, q and Q
// saving and restoring it: text set in one font while the PDF has another shows as boxes,
// yet pdftotext still extracts it.
func checkGlyphs(t *testing.T, path string) {
	t.Helper()
	out := run(t, "qpdf", "--json=2", "--json-key=qpdf", "--json-stream-data=inline", "--decode-level=generalized", path)
	var doc struct {
		Qpdf []json.RawMessage `json:"qpdf"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil || len(doc.Qpdf) < 2 {
		t.Fatalf("qpdf json: %v", err)
	}
	objs := map[string]qpdfObject{}
	if err := json.Unmarshal(doc.Qpdf[1], &objs); err != nil {
		t.Fatal(err)
	}
	dict := func(raw json.RawMessage) map[string]json.RawMessage {
		var s string
		if json.Unmarshal(raw, &s) == nil && strings.HasSuffix(s, " R") {
			raw = objs["obj:"+s].Value
		}
		var m map[string]json.RawMessage
		_ = json.Unmarshal(raw, &m)
		return m
	}
	ref := func(raw json.RawMessage) string {
		var s string
		_ = json.Unmarshal(raw, &s)
		return s
	}
	gids := map[string][]byte{} // font resource name → CIDToGIDMap
	simple := map[string]*simpleFont{}
	names := map[string]string{}
	checked := 0
	page := 0
	for i := 1; ; i++ {
		o, ok := objs[fmt.Sprintf("obj:%d 0 R", i)]
		if !ok {
			break
		}
		d := dict(o.Value)
		if ref(d["/Type"]) != "/Page" {
			continue
		}
		page++
		for name, f := range dict(dict(d["/Resources"])["/Font"]) {
			fd := dict(f)
			var desc []json.RawMessage
			_ = json.Unmarshal(fd["/DescendantFonts"], &desc)
			if ref(fd["/Subtype"]) == "/TrueType" {
				simple[name[1:]] = readSimple(t, fd, dict, ref, objs)
				names[name[1:]] = ref(fd["/BaseFont"])
			}
			if len(desc) == 1 {
				m := objs["obj:"+ref(dict(desc[0])["/CIDToGIDMap"])]
				if m.Stream != nil {
					gids[name[1:]] = m.Stream.Data
					names[name[1:]] = ref(fd["/BaseFont"])
				}
			}
		}
		content := objs["obj:"+ref(d["/Contents"])].Stream
		if content == nil {
			t.Fatalf("page %d: no content stream", page)
		}
		var stack []string
		font := ""
		for _, m := range contentOps.FindAllSubmatch(content.Data, -1) {
			switch {
			case m[2] != nil:
				font = string(m[2])
			case string(m[3]) == "q":
				stack = append(stack, font)
			case string(m[3]) == "Q":
				font = stack[len(stack)-1]
				stack = stack[:len(stack)-1]
			default:
				raw := unescape(m[1])
				if sf := simple[font]; sf != nil {
					for _, b := range raw {
						c, ok := sf.codes[b]
						if !ok {
							t.Errorf("page %d: code %d shown in %s, which has no rune for it", page, b, names[font])
							break
						}
						if g, err := sf.font.GlyphIndex(&sf.buf, c); err != nil || g == 0 {
							t.Errorf("page %d: %q shown in %s, whose subset lacks %q", page, raw, names[font], c)
							break
						}
					}
					checked++
					continue
				}
				gid := gids[font]
				if gid == nil {
					t.Fatalf("page %d: text shown with no font", page)
				}
				var units []uint16
				for j := 0; j+1 < len(raw); j += 2 {
					units = append(units, uint16(raw[j])<<8|uint16(raw[j+1]))
				}
				for _, c := range units {
					if int(c)*2+1 >= len(gid) || gid[int(c)*2]|gid[int(c)*2+1] == 0 {
						t.Errorf("page %d: %q shown in %s, whose subset lacks %q", page, string(utf16.Decode(units)), names[font], rune(c))
						break
					}
				}
				checked++
			}
		}
	}
	if checked == 0 {
		t.Error("no text found")
	}
}

func unescape(s []byte) []byte {
	var out []byte
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			out = append(out, s[i])
			continue
		}
		i++
		switch s[i] {
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		default:
			if s[i] >= '0' && s[i] <= '7' {
				v, n := 0, 0
				for ; n < 3 && i < len(s) && s[i] >= '0' && s[i] <= '7'; n++ {
					v = v*8 + int(s[i]-'0')
					i++
				}
				i--
				out = append(out, byte(v))
				continue
			}
			out = append(out, s[i])
		}
	}
	return out
}

// simpleFont is a single-byte TrueType font of a PDF: the rune of each code (ASCII, then its
// encoding's /Differences of "uniXXXX" names) and its font program.
type simpleFont struct {
	codes map[byte]rune
	font  *sfnt.Font
	buf   sfnt.Buffer
}

func readSimple(t *testing.T, fd map[string]json.RawMessage, dict func(json.RawMessage) map[string]json.RawMessage, ref func(json.RawMessage) string, objs map[string]qpdfObject) *simpleFont {
	t.Helper()
	sf := &simpleFont{codes: map[byte]rune{}}
	for c := 0x20; c < 0x7F; c++ {
		sf.codes[byte(c)] = rune(c)
	}
	var diffs []json.RawMessage
	_ = json.Unmarshal(dict(fd["/Encoding"])["/Differences"], &diffs)
	code := 0
	for _, d := range diffs {
		var n int
		if json.Unmarshal(d, &n) == nil {
			code = n
			continue
		}
		name := ref(d)
		v, err := strconv.ParseUint(strings.TrimPrefix(name, "/uni"), 16, 16)
		if !strings.HasPrefix(name, "/uni") || err != nil || code > 255 {
			t.Fatalf("%s: encoding: %s at %d", ref(fd["/BaseFont"]), name, code)
		}
		sf.codes[byte(code)] = rune(v)
		code++
	}
	file := objs["obj:"+ref(dict(fd["/FontDescriptor"])["/FontFile2"])].Stream
	if file == nil {
		t.Fatalf("%s: no font file", ref(fd["/BaseFont"]))
	}
	f, err := sfnt.Parse(file.Data)
	if err != nil {
		t.Fatalf("%s: %v", ref(fd["/BaseFont"]), err)
	}
	sf.font = f
	return sf
}
