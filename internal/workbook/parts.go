package workbook

import (
	"archive/zip"
	"encoding/xml"
	"fmt"
	"io"
	"net/url"
	"path"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// Content types of the parts whose role matters, in lower case (they are compared so).
const (
	ctWorkbook      = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
	ctTemplate      = "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml"
	ctSharedStrings = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedstrings+xml"
	ctStyles        = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"
)

// partKey is the name under which a part is found: zip entry names and relationship targets
// are compared after percent-decoding, with either slash, ignoring case (OPC part names are
// case-insensitive) and relative to the package root.
func partKey(name string) string {
	if u, err := url.PathUnescape(name); err == nil {
		name = u
	}
	name = strings.ReplaceAll(name, "\\", "/")
	return strings.ToLower(strings.TrimPrefix(path.Clean("/"+name), "/"))
}

// unsafeName reports a zip entry name that points outside the archive.
func unsafeName(name string) bool {
	n := strings.ReplaceAll(name, "\\", "/")
	if strings.ContainsRune(n, 0) || (len(n) >= 2 && n[1] == ':') {
		return true
	}
	for _, seg := range strings.Split(n, "/") {
		if seg == ".." {
			return true
		}
	}
	return false
}

// init checks the package and reads the workbook's directory parts: the sheet list, the date
// system and the styles. A package that could be read two ways (two copies of a part, two parts
// in one role) is refused: Excel or LibreOffice might show one and this reader use the other.
func (b *Book) init() error {
	if err := b.guard(); err != nil {
		return err
	}
	types, err := b.readContentTypes()
	if err != nil {
		return err
	}
	rels, err := b.readRels("_rels/.rels")
	if err != nil {
		return err
	}
	wbPart := ""
	for _, r := range rels {
		if strings.HasSuffix(r.typ, "/officeDocument") {
			if wbPart != "" {
				return b.twoRoles("main documents", wbPart, resolve("", r.target))
			}
			wbPart = resolve("", r.target)
		}
	}
	if wbPart == "" {
		wbPart = "xl/workbook.xml"
	}
	if b.part(wbPart) == nil {
		return b.notExcel()
	}
	if !declaredAs(types.of(wbPart), []string{ctWorkbook, ctTemplate}) {
		return b.notExcel()
	}
	if strings.HasSuffix(partKey(wbPart), ".bin") {
		return &Error{File: b.name, Reason: "is a binary Excel workbook (.xlsb) named .xlsx",
			Hint: "open it in Excel and save it as an Excel Workbook (.xlsx)"}
	}
	wbRels, err := b.readRels(path.Join(path.Dir(wbPart), "_rels", path.Base(wbPart)+".rels"))
	if err != nil {
		return err
	}
	byID := map[string]rel{}
	stylesPart := ""
	for _, r := range wbRels {
		byID[r.id] = r
		target := resolve(path.Dir(wbPart), r.target)
		switch {
		case strings.HasSuffix(r.typ, "/styles"):
			if stylesPart != "" {
				return b.twoRoles("styles", stylesPart, target)
			}
			stylesPart = target
		case strings.HasSuffix(r.typ, "/sharedStrings"):
			if b.sstPart != "" {
				return b.twoRoles("shared strings", b.sstPart, target)
			}
			b.sstPart = target
		}
	}
	if err := b.checkRoles(types, wbPart, stylesPart); err != nil {
		return err
	}
	if err := b.readWorkbook(wbPart, byID); err != nil {
		return err
	}
	if stylesPart != "" {
		if err := b.readStyles(stylesPart); err != nil {
			return err
		}
	}
	return nil
}

// bombRatio is the compression ratio above which a large part, or the parts together, are
// taken for a zip bomb: spreadsheet XML compresses about 5 to 50 times; gigabytes of repeated
// bytes, thousands.
const (
	bombRatio   = 250
	bombMinSize = 32 << 20
)

// guard refuses, before anything is decompressed, a package that holds macros, a part that
// is too large or compressed like a zip bomb, a part named outside the archive, or two entries
// for one part.
func (b *Book) guard() error {
	var total, compressed uint64
	b.parts = make(map[string]*zip.File, len(b.zr.File))
	for _, f := range b.zr.File {
		name := strings.ToLower(f.Name)
		if unsafeName(f.Name) {
			return &Error{File: b.name, Reason: fmt.Sprintf("holds a part named %q, a path outside the archive: it is damaged or was built to attack the programs that open it", printable(f.Name)),
				Hint: "do not open it elsewhere; ask whoever sent it for the original workbook"}
		}
		if strings.HasSuffix(name, "vbaproject.bin") {
			return &Error{File: b.name, Reason: "is a macro-enabled workbook (.xlsm) named .xlsx",
				Hint: "open it in Excel and save it as an Excel Workbook (.xlsx), which holds no macros"}
		}
		if f.UncompressedSize64 > uint64(b.limits.PartBytes) {
			return &LimitError{File: b.name, Key: "part_mb", What: "bytes in the part " + printable(f.Name) + " once uncompressed", Limit: b.limits.PartBytes}
		}
		if f.UncompressedSize64 > bombMinSize && f.CompressedSize64 > 0 && f.UncompressedSize64/f.CompressedSize64 > bombRatio {
			return &Error{File: b.name, Reason: fmt.Sprintf("holds a part (%s) that expands %d times, to %d MB: it looks like a zip bomb, not a workbook", printable(f.Name), f.UncompressedSize64/f.CompressedSize64, f.UncompressedSize64>>20),
				Hint: "do not open it; ask whoever sent it for the original workbook"}
		}
		total += f.UncompressedSize64
		compressed += f.CompressedSize64
		if strings.HasSuffix(f.Name, "/") {
			continue // a folder entry
		}
		key := partKey(f.Name)
		if _, dup := b.parts[key]; dup {
			return &Error{File: b.name, Reason: fmt.Sprintf("holds the part %s twice: Excel or LibreOffice may show one copy while another is read here", printable(f.Name)),
				Hint: "open it in Excel or LibreOffice, check what it shows, and save it again as a new .xlsx (which holds one copy)"}
		}
		b.parts[key] = f
	}
	if total > 4*uint64(b.limits.PartBytes) {
		return &LimitError{File: b.name, Key: "part_mb", What: "bytes in all its parts once uncompressed", Limit: 4 * b.limits.PartBytes}
	}
	// parts each just below bombMinSize, which together would take as long to read as a bomb
	if total > bombMinSize && total/max(compressed, 1) > bombRatio {
		return &Error{File: b.name, Reason: fmt.Sprintf("holds parts that expand %d times in all, to %d MB: it looks like a zip bomb, not a workbook", total/max(compressed, 1), total>>20),
			Hint: "do not open it; ask whoever sent it for the original workbook"}
	}
	return nil
}

func (b *Book) part(name string) *zip.File { return b.parts[partKey(name)] }

// twoRoles refuses a package in which two parts claim one role.
func (b *Book) twoRoles(role, p1, p2 string) error {
	what := "the parts " + printable(p1) + " and " + printable(p2)
	if partKey(p1) == partKey(p2) {
		what = "the part " + printable(p1) + " twice"
	}
	return &Error{File: b.name, Reason: fmt.Sprintf("is ambiguous: it names %s as its %s, so programs may read different data", what, role),
		Hint: "open it in Excel or LibreOffice, check what it shows, and save it again as a new .xlsx"}
}

// notExcel explains a zip file that holds no Excel workbook, naming what it is when it can.
func (b *Book) notExcel() error {
	has := func(pred func(string) bool) bool {
		for k := range b.parts {
			if pred(k) {
				return true
			}
		}
		return false
	}
	fix := "open it in Excel or LibreOffice and save it as an Excel Workbook (.xlsx)"
	switch {
	case has(func(k string) bool {
		return strings.HasSuffix(k, ".iwa") || k == "index.zip" || k == "index.xml.gz" ||
			(strings.HasPrefix(k, "metadata/") && strings.HasSuffix(k, ".plist")) || k == "buildversionhistory.plist"
	}):
		return &Error{File: b.name, Reason: "is an Apple Numbers file renamed .xlsx, not an Excel workbook",
			Hint: "open it in Numbers, choose File › Export To › Excel…, and use the .xlsx file Numbers writes"}
	case b.part("content.xml") != nil && b.part("meta-inf/manifest.xml") != nil:
		return &Error{File: b.name, Reason: "is an OpenDocument file (.ods or .odt) renamed .xlsx, not an Excel workbook",
			Hint: "open it in LibreOffice and save it as an Excel 2007-365 workbook (.xlsx)"}
	case b.part("word/document.xml") != nil:
		return &Error{File: b.name, Reason: "is a Word document renamed .xlsx, not a workbook", Hint: "put the coding workbook (.xlsx) here instead"}
	case b.part("ppt/presentation.xml") != nil:
		return &Error{File: b.name, Reason: "is a PowerPoint presentation renamed .xlsx, not a workbook", Hint: "put the coding workbook (.xlsx) here instead"}
	}
	return &Error{File: b.name, Reason: "is not an Excel workbook (it is a zip archive without a workbook part)", Hint: fix}
}

// contentTypes is [Content_Types].xml: the type of each part.
type contentTypes struct {
	byExt  map[string]string
	byPart map[string]string // by partKey
}

func (c contentTypes) of(part string) string {
	k := partKey(part)
	if t, ok := c.byPart[k]; ok {
		return t
	}
	return c.byExt[strings.TrimPrefix(path.Ext(k), ".")]
}

func (b *Book) readContentTypes() (contentTypes, error) {
	c := contentTypes{byExt: map[string]string{}, byPart: map[string]string{}}
	n := 0
	_, err := b.walk("[Content_Types].xml", func(t *tokens, se xml.StartElement) error {
		var m map[string]string
		var key string
		switch se.Name.Local {
		case "Default":
			m, key = c.byExt, strings.ToLower(attr(se, "Extension"))
		case "Override":
			m, key = c.byPart, partKey(attr(se, "PartName"))
		default:
			return nil
		}
		if n++; n > maxTypes {
			return b.damagedf("[Content_Types].xml lists more than %d types", maxTypes)
		}
		typ := strings.ToLower(strings.TrimSpace(attr(se, "ContentType")))
		if old, ok := m[key]; ok && old != typ {
			return &Error{File: b.name, Reason: fmt.Sprintf("is ambiguous: [Content_Types].xml gives %s two different types, so programs may read it differently", printable(key)),
				Hint: "open it in Excel or LibreOffice, check what it shows, and save it again as a new .xlsx"}
		}
		m[key] = typ
		return nil
	})
	return c, err
}

// checkRoles refuses two parts of the package that both claim to be the workbook, its shared
// strings or its styles, and a part used in a role its declared type contradicts.
func (b *Book) checkRoles(types contentTypes, wbPart, stylesPart string) error {
	roles := []struct {
		name  string
		types []string
		used  string
	}{
		{"workbook", []string{ctWorkbook, ctTemplate}, wbPart},
		{"shared strings", []string{ctSharedStrings}, b.sstPart},
		{"styles", []string{ctStyles}, stylesPart},
	}
	for _, r := range roles {
		claim := ""
		for _, k := range sortedKeys(types.byPart) {
			if t := types.byPart[k]; !contains(r.types, t) || b.parts[k] == nil {
				continue
			}
			if claim != "" {
				return b.twoRoles(r.name, claim, k)
			}
			claim = k
		}
		if claim != "" && r.used != "" && claim != partKey(r.used) {
			return b.twoRoles(r.name, r.used, claim)
		}
		if r.used != "" && !declaredAs(types.of(r.used), r.types) {
			return &Error{File: b.name, Reason: fmt.Sprintf("is ambiguous: the part %s is used as its %s but declared as %s", printable(r.used), r.name, printable(types.of(r.used))),
				Hint: "open it in Excel or LibreOffice, check what it shows, and save it again as a new .xlsx"}
		}
	}
	return nil
}

// declaredAs reports whether a part of declared type t may serve a role of the given types: the
// type is one of them, or a generic XML type that claims nothing.
func declaredAs(t string, types []string) bool {
	switch t {
	case "", "application/xml", "text/xml":
		return true
	}
	if strings.HasPrefix(t, "application/vnd.ms-excel.") && strings.HasSuffix(t, ".main+xml") && contains(types, ctWorkbook) {
		return true // macro-enabled workbooks are refused by guard with their own message
	}
	return contains(types, t)
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if x == y {
			return true
		}
	}
	return false
}

// readWorkbook reads the sheet list and the date system.
func (b *Book) readWorkbook(wbPart string, byID map[string]rel) error {
	names := map[string]string{}
	parts := map[string]string{}
	_, err := b.walk(wbPart, func(t *tokens, se xml.StartElement) error {
		switch se.Name.Local {
		case "workbookPr":
			v := attr(se, "date1904")
			b.date1904 = v == "1" || v == "true"
		case "sheet":
			if len(b.sheets) >= maxSheets {
				return b.damagedf("the workbook lists more than %d sheets", maxSheets)
			}
			s := SheetInfo{Name: attr(se, "name"), State: Visible}
			switch attr(se, "state") {
			case "hidden":
				s.State = Hidden
			case "veryHidden":
				s.State = VeryHidden
			}
			key := foldKey(strings.TrimSpace(s.Name))
			if other, ok := names[key]; ok {
				return &Error{File: b.name, Reason: fmt.Sprintf("has two sheets named %q and %q, which cannot be told apart", printable(other), printable(s.Name)),
					Hint: "rename or delete one of them"}
			}
			names[key] = s.Name
			if r, ok := byID[attr(se, "id")]; ok {
				s.part = resolve(path.Dir(wbPart), r.target)
				if other, ok := parts[partKey(s.part)]; ok {
					return &Error{File: b.name, Reason: fmt.Sprintf("is ambiguous: sheets %q and %q are the same part %s", printable(other), printable(s.Name), printable(s.part)),
						Hint: "open it in Excel or LibreOffice, check what it shows, and save it again as a new .xlsx"}
				}
				parts[partKey(s.part)] = s.Name
			}
			b.sheets = append(b.sheets, s)
		}
		return nil
	})
	return err
}

// foldKey maps every string to one key per class of strings.EqualFold: each rune becomes the
// smallest rune of its case-folding orbit.
func foldKey(s string) string {
	return strings.Map(func(r rune) rune {
		least := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			least = min(least, f)
		}
		return least
	}, s)
}

type rel struct{ id, typ, target string }

// readRels reads a relationships part; one that does not exist has none.
func (b *Book) readRels(name string) ([]rel, error) {
	var rels []rel
	ids := map[string]bool{}
	_, err := b.walk(name, func(t *tokens, se xml.StartElement) error {
		if se.Name.Local != "Relationship" {
			return nil
		}
		if len(rels) >= maxRels {
			return b.damagedf("the part %s lists more than %d relationships", name, maxRels)
		}
		id := attr(se, "Id")
		if ids[id] {
			return &Error{File: b.name, Reason: fmt.Sprintf("is ambiguous: the part %s gives two relationships the id %q", name, printable(id)),
				Hint: "open it in Excel or LibreOffice, check what it shows, and save it again as a new .xlsx"}
		}
		ids[id] = true
		if attr(se, "TargetMode") != "External" {
			rels = append(rels, rel{id: id, typ: attr(se, "Type"), target: attr(se, "Target")})
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

// openXML opens a part as UTF-8 text for the decoder. It returns nil when the part does not exist.
func (b *Book) openXML(name string) (*xmlReader, error) {
	f := b.part(name)
	if f == nil {
		return nil, nil
	}
	if f.UncompressedSize64 > uint64(b.limits.PartBytes) {
		return nil, &LimitError{File: b.name, Key: "part_mb", What: "bytes in the part " + printable(name) + " once uncompressed", Limit: b.limits.PartBytes}
	}
	rc, err := f.Open()
	if err != nil {
		return nil, b.damaged(err)
	}
	tr, err := textReader(name, rc)
	if err != nil {
		rc.Close()
		return nil, b.damaged(err)
	}
	return &xmlReader{Reader: newGuard(tr, name, b.limits.maxText()), closer: rc}, nil
}

// walk streams a part and calls fn on every start element. found is false when the part does
// not exist.
func (b *Book) walk(name string, fn func(*tokens, xml.StartElement) error) (found bool, err error) {
	xr, err := b.openXML(name)
	if err != nil || xr == nil {
		return false, err
	}
	defer xr.Close()
	t := newTokens(xr, name)
	for {
		tok, err := t.next()
		if err == io.EOF {
			return true, nil
		}
		if err != nil {
			return true, b.damaged(err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			if err := fn(t, se); err != nil {
				return true, err
			}
		}
	}
}

// tokens reads the raw tokens of a part, checking what encoding/xml's RawToken does not: that
// end tags match start tags (so that no reader can nest the elements differently), that
// nesting stays shallow, and that the part holds no document type declaration (the vehicle of
// XML bombs and external entities; no workbook part has one).
type tokens struct {
	d     *xml.Decoder
	part  string
	stack []xml.Name
	roots int
	// fragments allows several top-level elements (rows re-read in order).
	fragments bool
}

func newTokens(r io.Reader, part string) *tokens {
	return &tokens{d: newDecoder(r), part: part}
}

func (t *tokens) next() (xml.Token, error) {
	tok, err := t.d.RawToken()
	if err == io.EOF {
		if len(t.stack) > 0 {
			return nil, &partError{part: t.part, reason: "ends before the element " + printable(t.stack[len(t.stack)-1].Local) + " is closed"}
		}
		if t.roots == 0 && !t.fragments {
			return nil, &partError{part: t.part, reason: "holds no XML element"}
		}
		return nil, io.EOF
	}
	if err != nil {
		return nil, &partError{part: t.part, reason: "is not valid XML: " + cleanXMLError(err)}
	}
	switch tk := tok.(type) {
	case xml.StartElement:
		if len(t.stack) == 0 {
			if t.roots++; t.roots > 1 && !t.fragments {
				return nil, &partError{part: t.part, reason: "holds more than one root element"}
			}
		}
		if len(t.stack) >= maxDepth {
			return nil, &partError{part: t.part, reason: fmt.Sprintf("nests elements more than %d deep", maxDepth)}
		}
		t.stack = append(t.stack, tk.Name)
	case xml.EndElement:
		if len(t.stack) == 0 || t.stack[len(t.stack)-1] != tk.Name {
			return nil, &partError{part: t.part, reason: "closes the element " + printable(tk.Name.Local) + " that is not open"}
		}
		t.stack = t.stack[:len(t.stack)-1]
	case xml.Directive:
		return nil, &partError{part: t.part, reason: "holds a document type declaration (<!DOCTYPE or <!ENTITY), which no workbook part contains: it may have been built to attack XML readers", hostile: true}
	case xml.CharData:
		if len(t.stack) == 0 && len(strings.TrimSpace(string(tk))) > 0 {
			return nil, &partError{part: t.part, reason: "holds text outside its elements"}
		}
	}
	return tok, nil
}

// depth is the number of open elements.
func (t *tokens) depth() int { return len(t.stack) }

func attr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// style is what a cell format does to a cell: its number kind and whether its font strikes
// the text through.
type style struct {
	kind   numKind
	struck bool
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
	custom := map[int]numKind{}
	var struck []bool // by font index
	type xf struct{ numFmt, font int }
	var xfs []xf
	inFonts, inXfs, inFont := false, false, false
	depthFonts, depthXfs := 0, 0
	_, err := b.walk(name, func(t *tokens, se xml.StartElement) error {
		// leave a section when the walk is back at or above its depth
		if inFonts && t.depth() <= depthFonts {
			inFonts, inFont = false, false
		}
		if inXfs && t.depth() <= depthXfs {
			inXfs = false
		}
		switch se.Name.Local {
		case "numFmt":
			if len(custom) >= maxNumFmts {
				return b.damagedf("%s defines more than %d number formats", name, maxNumFmts)
			}
			if id, err := strconv.Atoi(attr(se, "numFmtId")); err == nil {
				custom[id] = classifyCode(attr(se, "formatCode"))
			}
		case "fonts":
			inFonts, depthFonts = true, t.depth()
		case "font":
			inFont = inFonts && t.depth() == depthFonts+1
			if inFont {
				if len(struck) >= maxStyles {
					return b.damagedf("%s defines more than %d fonts", name, maxStyles)
				}
				struck = append(struck, false)
			}
		case "strike":
			if inFont && t.depth() == depthFonts+2 {
				struck[len(struck)-1] = boolAttr(se)
			}
		case "cellXfs":
			inXfs, depthXfs = true, t.depth()
		case "xf":
			if inXfs && t.depth() == depthXfs+1 {
				if len(xfs) >= maxStyles {
					return b.damagedf("%s defines more than %d cell formats", name, maxStyles)
				}
				id, _ := strconv.Atoi(attr(se, "numFmtId"))
				font, err := strconv.Atoi(attr(se, "fontId"))
				if err != nil {
					font = -1
				}
				xfs = append(xfs, xf{numFmt: id, font: font})
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	b.styles = make([]style, len(xfs))
	for i, x := range xfs {
		b.styles[i].kind = classify(x.numFmt, custom)
		b.styles[i].struck = x.font >= 0 && x.font < len(struck) && struck[x.font]
	}
	return nil
}

// boolAttr reads the val of a boolean property element such as <strike/>: absent means true.
func boolAttr(se xml.StartElement) bool {
	switch strings.ToLower(strings.TrimSpace(attr(se, "val"))) {
	case "0", "false", "off":
		return false
	}
	return true
}

// classify decides whether number format id shows numbers as dates, percentages, text or numbers.
func classify(id int, custom map[int]numKind) numKind {
	if k, ok := custom[id]; ok {
		return k
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
