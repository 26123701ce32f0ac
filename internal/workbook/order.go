package workbook

import (
	"bufio"
	"bytes"
	"io"
)

// rowsInOrder reports whether the rows of a sheet part are stored in increasing order of their
// numbers, as every spreadsheet program writes them, so that the sheet can be read in one
// streaming pass. It looks at the bytes only, which is much faster than parsing the XML, and
// answers false whenever it cannot be sure: comments, CDATA sections, processing instructions,
// entities or anything unusual in a row number. A false answer only costs memory (the sheet is
// then held and its rows sorted); the streaming pass still checks the order it sees.
func (b *Book) rowsInOrder(part string) (bool, error) {
	xr, err := b.openXML(part)
	if err != nil || xr == nil {
		return false, err
	}
	defer xr.Close()
	return scanRowOrder(xr)
}

func scanRowOrder(r io.Reader) (bool, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	last, tags := 0, 0
	for {
		// skip to the next tag
		for {
			_, err := br.ReadSlice('<')
			if err == nil {
				break
			}
			if err == bufio.ErrBufferFull {
				continue
			}
			if err == io.EOF {
				return true, nil
			}
			return false, err
		}
		tags++
		c, err := br.ReadByte()
		if err != nil {
			return true, nil // a final "<": the decoder reports it
		}
		switch {
		case c == '!', c == '?' && tags > 1:
			return false, nil
		case c == '?', c == '/':
			continue
		}
		name, end, err := scanName(br, c)
		if err != nil {
			return true, nil
		}
		if i := bytes.LastIndexByte(name, ':'); i >= 0 {
			name = name[i+1:]
		}
		if string(name) != "row" {
			continue
		}
		num := 0
		if end != '>' && end != '/' {
			var ok bool
			if num, ok = scanRowAttr(br); !ok {
				return false, nil
			}
		}
		if num == 0 {
			num = last + 1
		}
		if num <= last {
			return false, nil
		}
		last = num
	}
}

// scanName reads an element or attribute name that begins with first, and the byte after it.
// Names longer than 64 bytes are cut short (they are not the names looked for).
func scanName(br *bufio.Reader, first byte) (name []byte, end byte, err error) {
	var buf [64]byte
	n := 0
	c := first
	for {
		if c == '>' || c == '/' || c == '=' || isSpace(c) {
			return buf[:n], c, nil
		}
		if n < len(buf) {
			buf[n] = c
			n++
		}
		if c, err = br.ReadByte(); err != nil {
			return nil, 0, err
		}
	}
}

// scanRowAttr reads the attributes of a row tag up to its end and returns the value of its
// first attribute named r (with any prefix); 0 when it has none. ok is false when the value is
// not plain digits.
func scanRowAttr(br *bufio.Reader) (num int, ok bool) {
	found := false
	for {
		c, err := skipSpace(br)
		if err != nil {
			return 0, false
		}
		if c == '>' || c == '/' {
			return num, true
		}
		name, end, err := scanName(br, c)
		if err != nil {
			return 0, false
		}
		if isSpace(end) {
			if end, err = skipSpace(br); err != nil {
				return 0, false
			}
		}
		if end != '=' {
			return 0, false
		}
		q, err := skipSpace(br)
		if err != nil || (q != '"' && q != '\'') {
			return 0, false
		}
		if i := bytes.LastIndexByte(name, ':'); i >= 0 {
			name = name[i+1:]
		}
		if string(name) != "r" || found {
			for { // skip the value
				_, err := br.ReadSlice(q)
				if err == nil {
					break
				}
				if err != bufio.ErrBufferFull {
					return 0, false
				}
			}
			continue
		}
		found = true
		for digits := 0; ; digits++ {
			c, err := br.ReadByte()
			if err != nil {
				return 0, false
			}
			if c == q {
				if digits == 0 {
					return 0, false
				}
				break
			}
			if c < '0' || c > '9' || digits > 9 {
				return 0, false
			}
			num = num*10 + int(c-'0')
		}
	}
}

func skipSpace(br *bufio.Reader) (byte, error) {
	for {
		c, err := br.ReadByte()
		if err != nil || !isSpace(c) {
			return c, err
		}
	}
}
