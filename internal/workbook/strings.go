package workbook

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// stringTable holds the shared strings compactly: their text is copied into chunks of about a
// megabyte, each string a slice of one chunk, so that a million tiny strings cost 16 bytes
// each and not an allocation each.
type stringTable struct {
	items   []string
	struck  []uint64 // bit i: string i is rich text whose runs are all struck through
	long    []uint64 // bit i: string i holds more characters than a cell may (Limits.CellChars)
	buf     []byte
	pending []span // strings whose text is in buf, not yet sealed into a chunk
}

type span struct{ item, start, end int }

const chunkBytes = 1 << 20

func (t *stringTable) add(text []byte, struck, long bool) {
	i := len(t.items)
	t.items = append(t.items, "")
	if struck {
		setBit(&t.struck, i)
	}
	if long {
		setBit(&t.long, i)
	}
	if len(text) == 0 {
		return
	}
	if len(t.buf) > 0 && len(t.buf)+len(text) > cap(t.buf) {
		t.seal()
	}
	if t.buf == nil {
		t.buf = make([]byte, 0, max(chunkBytes, len(text)))
	}
	start := len(t.buf)
	t.buf = append(t.buf, text...)
	t.pending = append(t.pending, span{i, start, len(t.buf)})
}

// seal turns the current chunk into a string and points its pending strings into it.
func (t *stringTable) seal() {
	s := string(t.buf)
	for _, p := range t.pending {
		t.items[p.item] = s[p.start:p.end]
	}
	t.pending, t.buf = t.pending[:0], nil
}

func (t *stringTable) len() int { return len(t.items) }

func (t *stringTable) isStruck(i int) bool { return bit(t.struck, i) }

// isLong reports whether string i holds more characters than a cell may: counted once, when
// the table is read, and not each time a cell uses the string.
func (t *stringTable) isLong(i int) bool { return bit(t.long, i) }

func setBit(bits *[]uint64, i int) {
	for len(*bits) <= i/64 {
		*bits = append(*bits, 0)
	}
	(*bits)[i/64] |= 1 << (i % 64)
}

func bit(bits []uint64, i int) bool { return i/64 < len(bits) && bits[i/64]&(1<<(i%64)) != 0 }

var errTooLong = errors.New("text too long")

// readRich reads the text of a string item (<si> of the shared strings or <is> of a cell),
// whose start element was just read, up to its end; phonetic guides are not part of the text.
// struck is set when the text is written in runs that are all struck through. The text is
// appended to buf; errTooLong is returned past max bytes.
func readRich(t *tokens, buf []byte, max int) (text []byte, struck bool, err error) {
	start := t.depth()
	inT, inRun, runStruck := false, false, false
	skip := 0
	any, all := false, true
	for {
		tok, err := t.next()
		if err != nil {
			if err == io.EOF {
				err = &partError{part: t.part, reason: "ends inside a string"}
			}
			return buf, false, err
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			switch tk.Name.Local {
			case "t":
				inT = true
			case "rPh", "phoneticPr":
				skip++
			case "r":
				inRun, runStruck = true, false
			case "strike":
				if inRun && skip == 0 {
					runStruck = boolAttr(tk)
				}
			}
		case xml.EndElement:
			switch tk.Name.Local {
			case "t":
				inT = false
			case "rPh", "phoneticPr":
				skip--
			case "r":
				inRun = false
			}
			if t.depth() < start {
				return unescapeX(buf), any && all, nil
			}
		case xml.CharData:
			if inT && skip == 0 {
				if len(buf)+len(tk) > max {
					return buf, false, errTooLong
				}
				buf = append(buf, tk...)
				if len(bytes.TrimSpace(tk)) > 0 {
					any = true
					all = all && inRun && runStruck
				}
			}
		}
	}
}

// sharedStrings loads the shared string table on first use.
func (b *Book) sharedStrings() (*stringTable, error) {
	if b.sstRead {
		return b.sst, b.sstErr
	}
	b.sstRead = true
	b.sst = &stringTable{}
	if b.sstPart == "" {
		return b.sst, nil
	}
	var scratch []byte
	_, err := b.walk(b.sstPart, func(t *tokens, se xml.StartElement) error {
		if se.Name.Local == "sst" && b.sst.len() == 0 {
			// the count the file announces, within the limit, saves regrowing the table
			if n, err := strconv.Atoi(attr(se, "uniqueCount")); err == nil && n > 0 {
				b.sst.items = make([]string, 0, min(n, b.limits.SharedStrings))
			}
		}
		if se.Name.Local != "si" {
			return nil
		}
		if b.sst.len() >= b.limits.SharedStrings {
			return &LimitError{File: b.name, Key: "shared_strings", What: "strings in the shared string table (" + printable(b.sstPart) + ")", Limit: int64(b.limits.SharedStrings)}
		}
		text, struck, err := readRich(t, scratch[:0], 4*b.limits.CellChars)
		if err == errTooLong {
			return &LimitError{File: b.name, Key: "cell_chars", What: "characters in one cell (shared string " + strconv.Itoa(b.sst.len()) + ")", Limit: int64(b.limits.CellChars)}
		}
		if err != nil {
			return err
		}
		b.sst.add(text, struck, utf8.RuneCount(text) > b.limits.CellChars)
		scratch = text
		return nil
	})
	b.sst.seal()
	if err != nil {
		b.sst, b.sstErr = nil, b.damaged(err)
	}
	return b.sst, b.sstErr
}

// unescapeX decodes, in place, Excel's _xHHHH_ escapes for characters XML cannot hold.
func unescapeX(s []byte) []byte {
	if !bytes.Contains(s, []byte("_x")) {
		return s
	}
	out := s[:0]
	for i := 0; i < len(s); i++ {
		if s[i] == '_' && i+6 < len(s) && s[i+1] == 'x' && s[i+6] == '_' {
			if v, err := strconv.ParseUint(string(s[i+2:i+6]), 16, 16); err == nil {
				var tmp [4]byte
				n := utf8.EncodeRune(tmp[:], rune(v))
				// the encoding (at most 3 bytes) is shorter than the 7 bytes it replaces
				out = append(out, tmp[:n]...)
				i += 6
				continue
			}
		}
		out = append(out, s[i])
	}
	return out
}

func unescapeXString(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	return string(unescapeX([]byte(s)))
}
