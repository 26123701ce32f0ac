package workbook

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/shadowreport/shadowreport/internal/safefile"
)

// Limits bound what a workbook may make the reader do. Zero fields take the defaults.
//
// Whatever the input, the reader holds at most: the shared strings (their text, at most
// PartBytes, plus 16 bytes for each of at most SharedStrings strings), the styles (a few bytes
// per style), one row (its text is part of one part, so at most PartBytes), the hidden-column
// ranges (at most 16,384), the first merged ranges of a sheet (at most 1,000; the others are
// only counted), and, for a sheet whose rows are not stored in order, that sheet's text (at most
// PartBytes, twice that for text in a one-byte encoding such as ISO-8859-1). No single XML token
// exceeds about a megabyte. Its time is linear in the bytes of the parts it reads, and so is the
// text it hands out: the cells of a sheet take at most PartBytes/4 bytes from the shared strings
// (a string counted each time a cell uses it).
type Limits struct {
	FileBytes     int64 // size of the .xlsx file itself
	PartBytes     int64 // uncompressed size of any one part (a sheet, the shared strings)
	Rows          int   // rows holding data in one sheet
	Columns       int   // columns in one row (never more than Excel's 16,384)
	CellChars     int   // characters in one cell
	SharedStrings int   // strings in the shared string table
}

// Excel's own bounds: no row number above MaxRow and no column above MaxColumn exists in a
// workbook Excel can open, whatever the limits.
const (
	MaxRow    = 1_048_576
	MaxColumn = 16_384
)

// Bounds on the structure of the package, fixed because no genuine workbook comes near them.
const (
	maxZipEntries = 65_535  // parts in the package (the most a zip without extensions holds)
	maxSheets     = 10_000  // sheets in the workbook
	maxRels       = 100_000 // relationships in one relationships part
	maxTypes      = 100_000 // entries of [Content_Types].xml
	maxNumFmts    = 65_536  // custom number formats
	maxStyles     = 1 << 20 // cell formats and fonts (Excel allows about 64,000)
	maxDepth      = 256     // nesting of XML elements
	// KeptMerges is how many merged ranges of a sheet SheetMeta.Merges holds; the others are
	// counted in SheetMeta.MergeCount.
	KeptMerges = 1000
)

// DefaultLimits are generous for interview data (Excel's own caps are 1,048,576 rows,
// 16,384 columns and 32,767 characters a cell) and small enough to fail fast on hostile files.
var DefaultLimits = Limits{
	FileBytes:     256 << 20,
	PartBytes:     512 << 20,
	Rows:          200_000,
	Columns:       MaxColumn,
	CellChars:     32_767,
	SharedStrings: 2_000_000,
}

func (l Limits) withDefaults() Limits {
	d := DefaultLimits
	if l.FileBytes > 0 {
		d.FileBytes = l.FileBytes
	}
	if l.PartBytes > 0 {
		d.PartBytes = l.PartBytes
	}
	if l.Rows > 0 {
		d.Rows = l.Rows
	}
	if l.Columns > 0 {
		d.Columns = min(l.Columns, MaxColumn)
	}
	if l.CellChars > 0 {
		d.CellChars = l.CellChars
	}
	if l.SharedStrings > 0 {
		d.SharedStrings = l.SharedStrings
	}
	return d
}

// maxText bounds one run of text between two tags: a cell of CellChars characters, each
// written as a character reference of up to 10 bytes, with room to spare.
func (l Limits) maxText() int { return max(1<<20, 12*l.CellChars) }

// Options configure Open.
type Options struct {
	Limits   Limits
	Password string // for workbooks encrypted by Excel ("Encrypt with Password")
}

// Error is a workbook that cannot be read at all. It names the file, what is wrong and what to do.
type Error struct {
	File   string
	Reason string
	Hint   string
	Err    error // the underlying cause, if any
	// Encrypted is set when the file is password-protected and no or a wrong password was given.
	Encrypted bool
}

func (e *Error) Error() string {
	msg := e.File + ": " + e.Reason
	if e.Hint != "" {
		msg += "; " + e.Hint
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

// LimitError reports a workbook that exceeds one of the Limits.
type LimitError struct {
	File, Sheet, Cell string
	What              string // "rows", "columns", "characters in one cell", "bytes in the file"…
	Limit             int64
	Key               string // the key of [limits] in report.toml that raises the limit
}

func (e *LimitError) Error() string {
	loc := e.File
	if e.Sheet != "" {
		loc += ": " + e.Sheet
		if e.Cell != "" {
			loc += "!" + e.Cell
		} else {
			loc = e.File + ": sheet " + fmt.Sprintf("%q", e.Sheet)
		}
	}
	key := "[limits]"
	if e.Key != "" {
		key = e.Key + " under [limits]"
	}
	return fmt.Sprintf("%s: more than %d %s, the limit that guards against damaged or hostile files; "+
		"if the workbook is genuine, raise %s in report.toml", loc, e.Limit, e.What, key)
}

// SheetState is a sheet's visibility as Excel stores it.
type SheetState string

// The states a sheet can have.
const (
	Visible    SheetState = "visible"
	Hidden     SheetState = "hidden"
	VeryHidden SheetState = "veryHidden"
)

// SheetInfo describes one sheet of a workbook.
type SheetInfo struct {
	Name  string
	State SheetState
	part  string
}

// Book is an open workbook. It holds the zip directory, the shared strings and styles;
// sheets are read one at a time by ReadSheet.
type Book struct {
	name     string
	zr       *zip.Reader
	parts    map[string]*zip.File // by normalised part name (see partKey)
	file     *os.File
	limits   Limits
	sheets   []SheetInfo
	date1904 bool
	styles   []style
	sst      *stringTable
	sstPart  string
	sstRead  bool
	sstErr   error
}

// Open opens the workbook at path. name is how messages refer to the file
// (a path relative to the project). Only a regular file is opened: a symbolic link, a named
// pipe or a device is refused at once (see package safefile). The caller must Close the book.
func Open(path, name string, opts Options) (*Book, error) {
	limits := opts.Limits.withDefaults()
	f, err := safefile.Open(path)
	if err != nil {
		return nil, openError(name, err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, &Error{File: name, Reason: "cannot read the file", Err: err}
	}
	if st.Size() > limits.FileBytes {
		f.Close()
		return nil, &LimitError{File: name, Key: "file_mb", What: "bytes in the file", Limit: limits.FileBytes}
	}
	var head [8]byte
	n, _ := io.ReadFull(f, head[:])
	kind := sniff(head[:n])
	switch kind {
	case "zip":
		b, err := openZip(f, st.Size(), name, limits)
		if err != nil {
			f.Close()
			return nil, err
		}
		b.file = f
		return b, nil
	case "ole":
		raw, err := io.ReadAll(io.LimitReader(io.NewSectionReader(f, 0, st.Size()), limits.FileBytes))
		f.Close()
		if err != nil {
			return nil, &Error{File: name, Reason: "cannot read the file", Err: err}
		}
		return openOLE(raw, name, opts.Password, limits)
	}
	f.Close()
	return nil, &Error{File: name, Reason: "is not an xlsx workbook (" + kind + ")",
		Hint: "open it in Excel or LibreOffice and save it as an Excel Workbook (.xlsx)"}
}

func openError(name string, err error) error {
	var se *safefile.Error
	if !errors.As(err, &se) {
		return &Error{File: name, Reason: "cannot open the file", Hint: err.Error(), Err: err}
	}
	switch se.Kind {
	case safefile.NotExist:
		return &Error{File: name, Reason: "cannot open the file", Hint: "it does not exist", Err: err}
	case safefile.Permission:
		return &Error{File: name, Reason: "cannot open the file", Hint: "permission denied", Err: err}
	case safefile.Folder:
		return &Error{File: name, Reason: "is a folder, not a workbook", Err: err}
	case safefile.Symlink:
		return &Error{File: name, Reason: se.Reason(), Err: err,
			Hint: "only regular files are read, so that nothing outside the project is counted: put the workbook itself here"}
	case safefile.Special:
		return &Error{File: name, Reason: se.Reason(), Err: err,
			Hint: "only regular files are read: replace it with the workbook itself"}
	}
	return &Error{File: name, Reason: se.Reason(), Err: err}
}

// openZip opens the package of an xlsx file (or of a decrypted one).
func openZip(r io.ReaderAt, size int64, name string, limits Limits) (*Book, error) {
	// archive/zip keeps a record of a few hundred bytes for every entry of the central
	// directory: count the entries (an upper bound: every one starts with this signature)
	// before it reads them.
	n, err := countSignature(r, size, []byte("PK\x01\x02"))
	if err != nil {
		return nil, &Error{File: name, Reason: "cannot read the file", Err: err}
	}
	if n > maxZipEntries {
		return nil, &Error{File: name, Reason: fmt.Sprintf("is not a workbook: its archive lists more than %d parts", maxZipEntries),
			Hint: "do not open it; ask whoever sent it for the original workbook"}
	}
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, &Error{File: name, Reason: "is damaged: the xlsx container cannot be read",
			Hint: "open it in Excel or LibreOffice and save it again as .xlsx", Err: err}
	}
	b := &Book{name: name, zr: zr, limits: limits}
	if err := b.init(); err != nil {
		return nil, err
	}
	return b, nil
}

// countSignature counts the occurrences of sig (at most 4 bytes) in r.
func countSignature(r io.ReaderAt, size int64, sig []byte) (int, error) {
	const chunk = 1 << 20
	buf := make([]byte, chunk+len(sig)-1)
	count := 0
	for off := int64(0); off < size; off += chunk {
		n, err := r.ReadAt(buf[:min(int64(len(buf)), size-off)], off)
		if err != nil && err != io.EOF {
			return 0, err
		}
		// count the occurrences that start in this chunk; the overlap serves the last ones
		w, pos := buf[:n], 0
		for {
			i := bytes.Index(w[pos:], sig)
			if i < 0 || pos+i >= chunk {
				break
			}
			count++
			pos += i + 1
		}
	}
	return count, nil
}

// openOLE handles the compound-file container, used both by encrypted xlsx files and by
// the old binary .xls format. What it is comes from the container's directory of streams,
// never from a search of its bytes (an .xls whose cells say "EncryptionInfo" is an .xls).
func openOLE(raw []byte, name, password string, limits Limits) (*Book, error) {
	streams, err := cfbRootStreams(raw)
	if err != nil {
		return nil, &Error{File: name, Reason: "is damaged: it looks like an old Office file, but its directory cannot be read",
			Hint: "open it in Excel or LibreOffice and save it as an Excel Workbook (.xlsx)"}
	}
	switch {
	case streams["encryptioninfo"] && streams["encryptedpackage"]:
	case streams["workbook"] || streams["book"]:
		return nil, &Error{File: name, Reason: "is an old Excel 97–2003 workbook (.xls)",
			Hint: "open it in Excel or LibreOffice and save it as an Excel Workbook (.xlsx)"}
	case streams["worddocument"]:
		return nil, &Error{File: name, Reason: "is a Word document (.doc), not a workbook",
			Hint: "put the coding workbook (.xlsx) here instead"}
	default:
		return nil, &Error{File: name, Reason: "is an old Office file that is not an Excel workbook",
			Hint: "open it in Excel or LibreOffice and save it as an Excel Workbook (.xlsx)"}
	}
	if password == "" {
		return nil, &Error{File: name, Encrypted: true, Reason: "is encrypted with a password",
			Hint: "set the environment variable SHADOWREPORT_PASSWORD or pass --password-file FILE"}
	}
	pkg, err := decrypt(raw, password)
	if err != nil {
		return nil, &Error{File: name, Encrypted: true, Reason: "could not be decrypted: the password is wrong",
			Hint: "check SHADOWREPORT_PASSWORD or the file given to --password-file", Err: err}
	}
	if !bytes.HasPrefix(pkg, []byte("PK")) {
		return nil, &Error{File: name, Encrypted: true, Reason: "could not be decrypted: the password is wrong or the file is damaged",
			Hint: "check the password; if it is right, open the file in Excel and save it again"}
	}
	b, err := openZip(bytes.NewReader(pkg), int64(len(pkg)), name, limits)
	if err != nil {
		var we *Error
		if errors.As(err, &we) && strings.HasPrefix(we.Reason, "is damaged: the xlsx container") {
			we.Encrypted = true
			we.Reason = "could not be decrypted: the password is wrong or the file is damaged"
			we.Hint = "check the password; if it is right, open the file in Excel and save it again"
		}
		return nil, err
	}
	return b, nil
}

// decrypt wraps excelize's ECMA-376 decryption, which may panic on damaged input.
func decrypt(raw []byte, password string) (pkg []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("decryption failed: %v", r)
		}
	}()
	return excelize.Decrypt(raw, &excelize.Options{Password: password})
}

// sniff names what the first bytes of a file look like.
func sniff(head []byte) string {
	switch {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")), bytes.HasPrefix(head, []byte("PK\x05\x06")):
		return "zip"
	case bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return "ole"
	case len(head) == 0:
		return "the file is empty"
	}
	s := strings.ToLower(strings.TrimLeft(string(head), "\xef\xbb\xbf \t\r\n"))
	switch {
	case strings.HasPrefix(s, "<"):
		return "it is an HTML or XML file renamed .xlsx"
	case strings.HasPrefix(s, "%pdf"):
		return "it is a PDF"
	}
	return "it looks like a text or CSV file renamed .xlsx"
}

// Close releases the file.
func (b *Book) Close() error {
	if b.file != nil {
		err := b.file.Close()
		b.file = nil
		return err
	}
	return nil
}

// Name is the file name used in messages.
func (b *Book) Name() string { return b.name }

// Sheets lists the sheets in workbook order.
func (b *Book) Sheets() []SheetInfo { return b.sheets }

// Sheet finds a sheet by name, ignoring case and surrounding spaces. Two sheets that would
// both match a name are refused when the workbook is opened.
func (b *Book) Sheet(name string) (SheetInfo, bool) {
	for _, s := range b.sheets {
		if strings.EqualFold(strings.TrimSpace(s.Name), strings.TrimSpace(name)) {
			return s, true
		}
	}
	return SheetInfo{}, false
}

// Date1904 reports whether the workbook counts dates from 1904 (old Mac Excel).
func (b *Book) Date1904() bool { return b.date1904 }

func (b *Book) damaged(err error) error {
	var le *LimitError
	var we *Error
	if errors.As(err, &le) || errors.As(err, &we) {
		return err
	}
	hint := "open it in Excel or LibreOffice and save it again as .xlsx"
	var pe *partError
	if errors.As(err, &pe) && pe.hostile {
		hint = "do not open it elsewhere; ask whoever sent it for the original workbook"
	}
	return &Error{File: b.name, Reason: "is damaged: " + cleanXMLError(err), Hint: hint, Err: err}
}

// damagedf is a damaged workbook, described in plain words.
func (b *Book) damagedf(format string, args ...any) error {
	return &Error{File: b.name, Reason: "is damaged: " + fmt.Sprintf(format, args...),
		Hint: "open it in Excel or LibreOffice and save it again as .xlsx"}
}
