package workbook

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Limits bound what a workbook may make the reader do. Zero fields take the defaults.
type Limits struct {
	FileBytes int64 // size of the .xlsx file itself
	PartBytes int64 // uncompressed size of any one part (a sheet, the shared strings)
	Rows      int   // rows holding data in one sheet
	Columns   int   // columns in one row
	CellChars int   // characters in one cell
}

// DefaultLimits are generous for interview data (Excel's own caps are 1,048,576 rows,
// 16,384 columns and 32,767 characters a cell) and small enough to fail fast on hostile files.
var DefaultLimits = Limits{
	FileBytes: 256 << 20,
	PartBytes: 512 << 20,
	Rows:      200_000,
	Columns:   16_384,
	CellChars: 32_767,
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
		d.Columns = l.Columns
	}
	if l.CellChars > 0 {
		d.CellChars = l.CellChars
	}
	return d
}

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
	What              string // "rows", "columns", "cell characters", "part bytes", "file bytes"
	Limit             int64
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
	return fmt.Sprintf("%s: more than %d %s, the limit that guards against damaged or hostile files; "+
		"if the workbook is genuine, raise [limits] in report.toml", loc, e.Limit, e.What)
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
	file     *os.File
	limits   Limits
	sheets   []SheetInfo
	date1904 bool
	styles   []numKind
	strings  []string
	sstPart  string
	sstRead  bool
}

// Open opens the workbook at path. name is how messages refer to the file
// (a path relative to the project). The caller must Close the book.
func Open(path, name string, opts Options) (*Book, error) {
	limits := opts.Limits.withDefaults()
	f, err := os.Open(path)
	if err != nil {
		return nil, &Error{File: name, Reason: "cannot open the file", Hint: errReason(err), Err: err}
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, &Error{File: name, Reason: "cannot read the file", Err: err}
	}
	if st.IsDir() {
		f.Close()
		return nil, &Error{File: name, Reason: "is a folder, not a workbook"}
	}
	if st.Size() > limits.FileBytes {
		f.Close()
		return nil, &LimitError{File: name, What: "bytes in the file", Limit: limits.FileBytes}
	}
	var head [8]byte
	n, _ := io.ReadFull(f, head[:])
	kind := sniff(head[:n])
	switch kind {
	case "zip":
		zr, err := zip.NewReader(f, st.Size())
		if err != nil {
			f.Close()
			return nil, &Error{File: name, Reason: "is damaged: the xlsx container cannot be read",
				Hint: "open it in Excel or LibreOffice and save it again as .xlsx", Err: err}
		}
		b := &Book{name: name, zr: zr, file: f, limits: limits}
		if err := b.init(); err != nil {
			f.Close()
			return nil, err
		}
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

// openOLE handles the compound-file container, used both by encrypted xlsx files and by
// the old binary .xls format.
func openOLE(raw []byte, name, password string, limits Limits) (*Book, error) {
	if !bytes.Contains(raw, utf16("EncryptionInfo")) {
		return nil, &Error{File: name, Reason: "is an old Excel 97–2003 workbook (.xls)",
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
	zr, err := zip.NewReader(bytes.NewReader(pkg), int64(len(pkg)))
	if err != nil {
		return nil, &Error{File: name, Encrypted: true, Reason: "could not be decrypted: the password is wrong or the file is damaged",
			Hint: "check the password; if it is right, open the file in Excel and save it again", Err: err}
	}
	b := &Book{name: name, zr: zr, limits: limits}
	if err := b.init(); err != nil {
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

func utf16(s string) []byte {
	b := make([]byte, 0, 2*len(s))
	for i := 0; i < len(s); i++ {
		b = append(b, s[i], 0)
	}
	return b
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

func errReason(err error) string {
	switch {
	case errors.Is(err, os.ErrNotExist):
		return "it does not exist"
	case errors.Is(err, os.ErrPermission):
		return "permission denied"
	}
	return err.Error()
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

// Sheet finds a sheet by name, ignoring case and surrounding spaces.
func (b *Book) Sheet(name string) (SheetInfo, bool) {
	for _, s := range b.sheets {
		if strings.EqualFold(strings.TrimSpace(s.Name), name) {
			return s, true
		}
	}
	return SheetInfo{}, false
}

// Date1904 reports whether the workbook counts dates from 1904 (old Mac Excel).
func (b *Book) Date1904() bool { return b.date1904 }

// open returns a reader over a part, refusing parts larger than the limit.
func (b *Book) open(name string) (io.ReadCloser, error) {
	name = strings.TrimPrefix(path.Clean("/"+name), "/")
	for _, f := range b.zr.File {
		if strings.EqualFold(f.Name, name) {
			if f.UncompressedSize64 > uint64(b.limits.PartBytes) {
				return nil, &LimitError{File: b.name, What: "bytes in the part " + name + " once uncompressed", Limit: b.limits.PartBytes}
			}
			rc, err := f.Open()
			if err != nil {
				return nil, b.damaged(err)
			}
			return rc, nil
		}
	}
	return nil, nil
}

func (b *Book) damaged(err error) error {
	var le *LimitError
	if errors.As(err, &le) {
		return err
	}
	return &Error{File: b.name, Reason: "is damaged: " + err.Error(),
		Hint: "open it in Excel or LibreOffice and save it again as .xlsx", Err: err}
}
