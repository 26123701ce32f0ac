package workbook

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"unicode"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/ianaindex"
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Every XML part goes through one pipeline before the decoder sees it:
//
//	zip entry → text decoding to UTF-8 → token guard → encoding/xml (RawToken)
//
// The text decoding reads the byte-order mark and the XML declaration (UTF-16 and any
// encoding the IANA registry names, such as ISO-8859-1 or windows-1252), so the decoder and
// everything after it only ever see UTF-8. The token guard bounds the size of one tag and of
// one run of text, so that no single token (an element with millions of attributes, a
// gigabyte of text without a tag) can make the decoder hold more than a few megabytes.

// maxTagBytes bounds one tag, comment or processing instruction.
const maxTagBytes = 1 << 20

// partError is a part that is not the XML it should be. It never quotes the part's bytes.
type partError struct {
	part   string
	reason string
	// hostile is set for what no program writes by accident (a DTD, the vehicle of XML bombs).
	hostile bool
}

func (e *partError) Error() string { return "the part " + e.part + " " + e.reason }

// xmlReader is an open XML part: the decoded text, ready for a decoder.
type xmlReader struct {
	io.Reader
	closer io.Closer
}

func (x *xmlReader) Close() error { return x.closer.Close() }

// textReader turns the bytes of the part named part into UTF-8 text, refusing what is not
// XML text at all (binary data, a zip archive) without echoing it.
func textReader(part string, r io.Reader) (io.Reader, error) {
	br := bufio.NewReaderSize(r, 4096)
	head, _ := br.Peek(4)
	utf16 := false
	var in io.Reader = br
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		br.Discard(3)
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}), bytes.HasPrefix(head, []byte{'<', 0}):
		in, utf16 = transform.NewReader(br, xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM).NewDecoder()), true
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}), bytes.HasPrefix(head, []byte{0, '<'}):
		in, utf16 = transform.NewReader(br, xunicode.UTF16(xunicode.BigEndian, xunicode.UseBOM).NewDecoder()), true
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return nil, &partError{part: part, reason: "holds a zip archive where XML should be"}
	}
	tr := bufio.NewReaderSize(in, 4096)
	start, _ := tr.Peek(512)
	// the first thing must be markup, after optional white space (an empty part is left to the
	// decoder, which reports that it holds no element)
	trimmed := bytes.TrimLeft(start, " \t\r\n")
	if len(trimmed) > 0 && trimmed[0] != '<' {
		return nil, &partError{part: part, reason: "holds binary data or text where XML should be"}
	}
	enc, ok := declaredEncoding(trimmed)
	if !ok || enc == "" || strings.EqualFold(enc, "utf-8") || strings.EqualFold(enc, "utf8") {
		if ok && utf16 && enc != "" {
			return nil, &partError{part: part, reason: fmt.Sprintf("is written in UTF-16 but declares the encoding %s", printable(enc))}
		}
		return tr, nil
	}
	isUTF16 := strings.HasPrefix(strings.ToLower(enc), "utf-16") || strings.EqualFold(enc, "ucs-2")
	switch {
	case isUTF16 && utf16:
		return tr, nil
	case isUTF16:
		return nil, &partError{part: part, reason: "declares the encoding UTF-16 but is not written in it"}
	case utf16:
		return nil, &partError{part: part, reason: fmt.Sprintf("is written in UTF-16 but declares the encoding %s", printable(enc))}
	}
	e, err := ianaindex.IANA.Encoding(enc)
	if err != nil || e == nil || e == encoding.Nop {
		return nil, &partError{part: part, reason: fmt.Sprintf("declares the text encoding %s, which cannot be read", printable(enc))}
	}
	if u, _ := ianaindex.IANA.Name(e); strings.HasPrefix(strings.ToUpper(u), "UTF-16") || strings.HasPrefix(strings.ToUpper(u), "UTF-32") {
		return nil, &partError{part: part, reason: fmt.Sprintf("declares the encoding %s but is not written in it", printable(enc))}
	}
	return transform.NewReader(tr, e.NewDecoder()), nil
}

// declaredEncoding finds encoding="…" in an XML declaration at the start of head. ok is false
// when head holds no declaration.
func declaredEncoding(head []byte) (enc string, ok bool) {
	if !bytes.HasPrefix(head, []byte("<?xml")) || len(head) < 6 || !isSpace(head[5]) {
		return "", false
	}
	end := bytes.Index(head, []byte("?>"))
	if end < 0 {
		return "", true // a declaration longer than the peek: the decoder judges it
	}
	decl := string(head[5:end])
	i := strings.Index(decl, "encoding")
	if i < 0 {
		return "", true
	}
	rest := strings.TrimLeft(decl[i+len("encoding"):], " \t\r\n")
	if !strings.HasPrefix(rest, "=") {
		return "", true
	}
	rest = strings.TrimLeft(rest[1:], " \t\r\n")
	if rest == "" || (rest[0] != '"' && rest[0] != '\'') {
		return "", true
	}
	q := rest[0]
	j := strings.IndexByte(rest[1:], q)
	if j < 0 {
		return "", true
	}
	return rest[1 : 1+j], true
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// newDecoder returns a decoder over text already decoded to UTF-8: the encoding declared in
// the XML declaration was applied by textReader, so the decoder is told to take the bytes as
// they are.
func newDecoder(r io.Reader) *xml.Decoder {
	d := xml.NewDecoder(r)
	d.CharsetReader = func(_ string, in io.Reader) (io.Reader, error) { return in, nil }
	return d
}

// guard bounds the tokens of a text stream of XML: a tag (or comment, processing instruction,
// declaration) longer than maxTagBytes, or a run of text or CDATA longer than maxText, stops
// the read with an error. It works on bytes and keeps a few bytes of state.
type guard struct {
	r       io.Reader
	part    string
	maxText int
	state   uint8  // gText, gTag, gComment, gCDATA
	quote   byte   // inside a tag: the quote of the attribute value being read, or 0
	n       int    // bytes in the current tag or text run
	last    uint64 // the last 8 bytes read, the latest in the low byte
	err     error
}

const (
	gText uint8 = iota
	gTag
	gComment
	gCDATA
)

// Byte patterns of the shift register guard.last.
const (
	patComment    = uint64('<')<<24 | uint64('!')<<16 | uint64('-')<<8 | uint64('-') // "<!--"
	patCDATA      = 0x215B43444154415B                                               // "![CDATA["
	patCommentEnd = uint64('-')<<16 | uint64('-')<<8 | uint64('>')                   // "-->"
	patCDATAEnd   = uint64(']')<<16 | uint64(']')<<8 | uint64('>')                   // "]]>"
)

func newGuard(r io.Reader, part string, maxText int) *guard {
	return &guard{r: r, part: part, maxText: maxText}
}

func (g *guard) Read(p []byte) (int, error) {
	if g.err != nil {
		return 0, g.err
	}
	n, err := g.r.Read(p)
	if g.err = g.scan(p[:n]); g.err != nil {
		return 0, g.err
	}
	return n, err
}

func (g *guard) scan(b []byte) error {
	for i := 0; i < len(b); {
		if g.state == gText {
			j := bytes.IndexByte(b[i:], '<')
			if j < 0 {
				j = len(b) - i
			}
			if g.n += j; g.n > g.maxText {
				return &partError{part: g.part, reason: fmt.Sprintf("holds a run of more than %d bytes of text", g.maxText)}
			}
			if i += j; i == len(b) {
				return nil
			}
			g.state, g.n, g.quote = gTag, 0, 0
		}
		c := b[i]
		i++
		g.n++
		g.last = g.last<<8 | uint64(c)
		switch g.state {
		case gTag:
			switch {
			case g.quote != 0:
				if c == g.quote {
					g.quote = 0
				}
			case c == '"' || c == '\'':
				g.quote = c
			case c == '>':
				g.state, g.n = gText, 0
			case g.n == 4 && g.last&0xFFFFFFFF == patComment:
				g.state = gComment
			case g.n == 9 && g.last == patCDATA:
				g.state, g.n = gCDATA, 0
			}
			if g.state == gTag && g.n > maxTagBytes {
				return &partError{part: g.part, reason: fmt.Sprintf("holds a tag of more than %d bytes", maxTagBytes)}
			}
		case gComment:
			if c == '>' && g.last&0xFFFFFF == patCommentEnd {
				g.state, g.n = gText, 0
			} else if g.n > maxTagBytes {
				return &partError{part: g.part, reason: fmt.Sprintf("holds a comment of more than %d bytes", maxTagBytes)}
			}
		case gCDATA:
			if c == '>' && g.last&0xFFFFFF == patCDATAEnd {
				g.state, g.n = gText, 0
			} else if g.n > g.maxText {
				return &partError{part: g.part, reason: fmt.Sprintf("holds a run of more than %d bytes of text", g.maxText)}
			}
		}
	}
	return nil
}

// cleanXMLError words an error of the XML decoder without the input's bytes it may quote:
// control and non-printing characters become "?", and the message is cut short.
func cleanXMLError(err error) string { return printable(err.Error()) }

// printable keeps at most 300 printable characters of s.
func printable(s string) string {
	var b strings.Builder
	n := 0
	for _, r := range s {
		if n == 300 {
			b.WriteString("…")
			break
		}
		if r == unicode.ReplacementChar || !unicode.IsPrint(r) {
			r = '?'
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}
