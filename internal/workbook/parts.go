package workbook

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
)

// init reads the workbook's directory parts: the sheet list, the date system and the styles.
func (b *Book) init() error {
	if err := b.guard(); err != nil {
		return err
	}
	wbPart := "xl/workbook.xml"
	rels, err := b.readRels("_rels/.rels")
	if err != nil {
		return err
	}
	for _, r := range rels {
		if strings.HasSuffix(r.typ, "/officeDocument") {
			wbPart = resolve("", r.target)
		}
	}
	wbRels, err := b.readRels(path.Join(path.Dir(wbPart), "_rels", path.Base(wbPart)+".rels"))
	if err != nil {
		return err
	}
	byID := map[string]rel{}
	stylesPart := ""
	for _, r := range wbRels {
		byID[r.id] = r
		switch {
		case strings.HasSuffix(r.typ, "/styles"):
			stylesPart = resolve(path.Dir(wbPart), r.target)
		case strings.HasSuffix(r.typ, "/sharedStrings"):
			b.sstPart = resolve(path.Dir(wbPart), r.target)
		}
	}
	found, err := b.eachElement(wbPart, func(d *xml.Decoder, se xml.StartElement) error {
		switch se.Name.Local {
		case "workbookPr":
			v := attr(se, "date1904")
			b.date1904 = v == "1" || v == "true"
		case "sheet":
			s := SheetInfo{Name: attr(se, "name"), State: Visible}
			switch attr(se, "state") {
			case "hidden":
				s.State = Hidden
			case "veryHidden":
				s.State = VeryHidden
			}
			if r, ok := byID[attr(se, "id")]; ok {
				s.part = resolve(path.Dir(wbPart), r.target)
			}
			b.sheets = append(b.sheets, s)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if !found {
		return &Error{File: b.name, Reason: "is not an Excel workbook (it is a zip file without xl/workbook.xml; perhaps a Word or LibreOffice file)",
			Hint: "open it in Excel or LibreOffice and save it as an Excel Workbook (.xlsx)"}
	}
	if stylesPart != "" {
		if err := b.readStyles(stylesPart); err != nil {
			return err
		}
	}
	return nil
}

// bombRatio is the compression ratio above which a large part is taken for a zip bomb:
// spreadsheet XML compresses about 5 to 50 times; gigabytes of repeated bytes, thousands.
const (
	bombRatio   = 250
	bombMinSize = 32 << 20
)

// guard refuses, before anything is decompressed, a package that holds macros or a part that
// is too large or compressed like a zip bomb.
func (b *Book) guard() error {
	var total uint64
	for _, f := range b.zr.File {
		name := strings.ToLower(f.Name)
		if strings.HasSuffix(name, "vbaproject.bin") {
			return &Error{File: b.name, Reason: "is a macro-enabled workbook (.xlsm) named .xlsx",
				Hint: "open it in Excel and save it as an Excel Workbook (.xlsx), which holds no macros"}
		}
		if f.UncompressedSize64 > uint64(b.limits.PartBytes) {
			return &LimitError{File: b.name, What: "bytes in the part " + f.Name + " once uncompressed", Limit: b.limits.PartBytes}
		}
		if f.UncompressedSize64 > bombMinSize && f.CompressedSize64 > 0 && f.UncompressedSize64/f.CompressedSize64 > bombRatio {
			return &Error{File: b.name, Reason: fmt.Sprintf("holds a part (%s) that expands %d times, to %d MB: it looks like a zip bomb, not a workbook", f.Name, f.UncompressedSize64/f.CompressedSize64, f.UncompressedSize64>>20),
				Hint: "do not open it; ask whoever sent it for the original workbook"}
		}
		total += f.UncompressedSize64
	}
	if total > 4*uint64(b.limits.PartBytes) {
		return &LimitError{File: b.name, What: "bytes in all its parts once uncompressed", Limit: 4 * b.limits.PartBytes}
	}
	return nil
}

type rel struct{ id, typ, target string }

func (b *Book) readRels(name string) ([]rel, error) {
	var rels []rel
	_, err := b.eachElement(name, func(d *xml.Decoder, se xml.StartElement) error {
		if se.Name.Local == "Relationship" && attr(se, "TargetMode") != "External" {
			rels = append(rels, rel{id: attr(se, "Id"), typ: attr(se, "Type"), target: attr(se, "Target")})
		}
		return nil
	})
	return rels, err
}

// resolve turns a relationship target into a part name.
func resolve(dir, target string) string {
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(path.Clean(target), "/")
	}
	return strings.TrimPrefix(path.Clean("/"+path.Join(dir, target)), "/")
}

// eachElement streams a part and calls fn on every start element. found is false when the
// part does not exist.
func (b *Book) eachElement(name string, fn func(*xml.Decoder, xml.StartElement) error) (found bool, err error) {
	rc, err := b.open(name)
	if err != nil || rc == nil {
		return false, err
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return true, nil
		}
		if err != nil {
			return true, b.damaged(errors.New(name + ": " + err.Error()))
		}
		if se, ok := tok.(xml.StartElement); ok {
			if err := fn(d, se); err != nil {
				return true, err
			}
		}
	}
}

func attr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// numKind is what a cell style's number format makes of a number.
type numKind uint8

const (
	numPlain numKind = iota
	numDate
	numPercent
	numText
)

func (b *Book) readStyles(name string) error {
	custom := map[int]string{}
	inXfs := false
	_, err := b.eachElement(name, func(d *xml.Decoder, se xml.StartElement) error {
		switch se.Name.Local {
		case "numFmt":
			id, err := strconv.Atoi(attr(se, "numFmtId"))
			if err == nil {
				custom[id] = attr(se, "formatCode")
			}
		case "cellXfs":
			inXfs = true
		case "cellStyleXfs", "dxfs":
			inXfs = false
		case "xf":
			if inXfs {
				id, _ := strconv.Atoi(attr(se, "numFmtId"))
				b.styles = append(b.styles, classify(id, custom))
			}
		}
		return nil
	})
	return err
}

// classify decides whether number format id shows numbers as dates, percentages, text or numbers.
func classify(id int, custom map[int]string) numKind {
	if code, ok := custom[id]; ok {
		return classifyCode(code)
	}
	switch {
	case id == 9 || id == 10:
		return numPercent
	case id >= 14 && id <= 22, id >= 27 && id <= 36, id >= 45 && id <= 47, id >= 50 && id <= 58:
		return numDate
	case id == 49:
		return numText
	}
	return numPlain
}

// classifyCode inspects a custom format code outside its quoted literals, escapes and
// [colour]/[locale] brackets.
func classifyCode(code string) numKind {
	if i := strings.IndexByte(code, ';'); i >= 0 { // the positive-number section decides
		code = code[:i]
	}
	if strings.TrimSpace(code) == "@" {
		return numText
	}
	inQuote := false
	for i := 0; i < len(code); i++ {
		c := code[i]
		switch {
		case c == '"':
			inQuote = !inQuote
		case inQuote:
		case c == '\\' || c == '_' || c == '*':
			i++
		case c == '[':
			j := strings.IndexByte(code[i:], ']')
			if j < 0 {
				return numPlain
			}
			inner := strings.ToLower(code[i+1 : i+j])
			if inner == "h" || inner == "hh" || inner == "m" || inner == "mm" || inner == "s" || inner == "ss" {
				return numDate // elapsed time
			}
			i += j
		case c == '%':
			return numPercent
		case strings.IndexByte("dDmMyYhHsS", c) >= 0:
			return numDate
		}
	}
	return numPlain
}

// sharedStrings loads the shared string table on first use.
func (b *Book) sharedStrings() ([]string, error) {
	if b.sstRead || b.sstPart == "" {
		return b.strings, nil
	}
	b.sstRead = true
	rc, err := b.open(b.sstPart)
	if err != nil || rc == nil {
		return nil, err
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	var cur strings.Builder
	inSI, inT, skip := false, false, 0
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return b.strings, nil
		}
		if err != nil {
			return nil, b.damaged(errors.New(b.sstPart + ": " + err.Error()))
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "si":
				inSI = true
				cur.Reset()
			case "t":
				inT = true
			case "rPh", "phoneticPr": // phonetic guides are not part of the text
				skip++
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "si":
				inSI = false
				b.strings = append(b.strings, unescapeX(cur.String()))
			case "t":
				inT = false
			case "rPh", "phoneticPr":
				skip--
			}
		case xml.CharData:
			if inSI && inT && skip == 0 {
				if cur.Len()+len(t) > 4*b.limits.CellChars {
					return nil, &LimitError{File: b.name, Sheet: "", What: "characters in one cell (shared string " +
						strconv.Itoa(len(b.strings)) + ")", Limit: int64(b.limits.CellChars)}
				}
				cur.Write(t)
			}
		}
	}
}

// unescapeX decodes Excel's _xHHHH_ escapes for characters XML cannot hold.
func unescapeX(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '_' && i+6 < len(s) && s[i+1] == 'x' && s[i+6] == '_' {
			if v, err := strconv.ParseUint(s[i+2:i+6], 16, 16); err == nil {
				b.WriteRune(rune(v))
				i += 6
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
