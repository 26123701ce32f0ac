package sheet

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"

	"github.com/shadowreport/shadowreport/internal/render/deflate"
)

// Book is a workbook being written. Its methods keep the first error, and Write returns it.
type Book struct {
	f      *excelize.File
	styles map[Style]int
	sheets []*Sheet
	names  map[string]bool // lower-cased: Excel tells names apart ignoring case
	err    error
	done   bool
}

// New starts an empty workbook. Close it when done.
func New() *Book {
	f := excelize.NewFile()
	f.SetZipWriter(zipWriter)
	return &Book{f: f, styles: map[Style]int{}, names: map[string]bool{}}
}

// zipWriter writes the workbook's parts through the compressors the outputs share.
func zipWriter(w io.Writer) excelize.ZipWriter {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, deflate.Zip)
	return zw
}

// Close releases what the workbook holds (excelize keeps large sheets in temporary files).
func (b *Book) Close() error { return b.f.Close() }

// Err is the first error of the book's methods, if any.
func (b *Book) Err() error { return b.err }

func (b *Book) fail(err error) {
	if b.err == nil && err != nil {
		b.err = err
	}
}

// File is the workbook beneath, for what this package does not do (data validations,
// comments, hidden rows, merged cells). What is written through it is the caller's to keep
// safe.
func (b *Book) File() *excelize.File { return b.f }

// MaxName is the longest sheet name Excel accepts, in UTF-16 code units.
const MaxName = 31

// Add adds a sheet after the others. The name must be one Excel accepts (see Name, which
// makes one of anything) and not taken.
func (b *Book) Add(name string) *Sheet {
	s := &Sheet{b: b, name: name}
	if b.err != nil {
		return s
	}
	if err := checkName(name); err != nil {
		b.fail(err)
		return s
	}
	if b.names[strings.ToLower(name)] {
		b.fail(fmt.Errorf("sheet name %q is taken (Excel ignores case)", name))
		return s
	}
	var err error
	if len(b.sheets) == 0 {
		err = b.f.SetSheetName("Sheet1", name)
	} else {
		_, err = b.f.NewSheet(name)
	}
	if err != nil {
		b.fail(fmt.Errorf("sheet %s: %w", name, err))
		return s
	}
	b.names[strings.ToLower(name)] = true
	b.sheets = append(b.sheets, s)
	return s
}

// forbidden are the characters Excel refuses in a sheet name; Name also replaces the
// apostrophe, which would have to be doubled in every reference to the sheet.
const forbidden = `[]:*?/\`

// reserved is the name Excel keeps for itself (any case).
const reserved = "history"

func checkName(name string) error {
	switch {
	case strings.TrimSpace(name) == "":
		return errors.New("a sheet needs a name")
	case utf16Len(name, MaxName) > MaxName:
		return fmt.Errorf("sheet name %q is longer than the %d characters Excel accepts", name, MaxName)
	case strings.ContainsAny(name, forbidden):
		return fmt.Errorf("sheet name %q holds one of %s, which Excel refuses", name, forbidden)
	case strings.IndexFunc(name, unicode.IsControl) >= 0:
		return fmt.Errorf("sheet name %q holds a control character", name)
	case strings.HasPrefix(name, "'") || strings.HasSuffix(name, "'"):
		return fmt.Errorf("sheet name %q starts or ends with an apostrophe, which Excel refuses", name)
	case strings.EqualFold(name, reserved):
		return fmt.Errorf("sheet name %q is reserved by Excel", name)
	}
	return nil
}

// Name makes a sheet name Excel accepts and the book has not used from want: the characters
// []:*?/\ and ', and control characters, become "-"; the name is cut to 31 characters, and
// when it is taken (ignoring case, as Excel does) or is Excel's reserved "History", it ends in
// "-2", "-3"… within the 31. An empty want gives fallback. Add the sheet before asking for
// the next name.
func (b *Book) Name(want, fallback string) string {
	base := sanitise(want)
	if base == "" {
		base = sanitise(fallback)
	}
	if base == "" {
		base = "sheet"
	}
	name := strings.TrimSpace(clip(base, MaxName))
	for i := 2; b.names[strings.ToLower(name)] || strings.EqualFold(name, reserved); i++ {
		suffix := "-" + strconv.Itoa(i)
		name = strings.TrimSpace(clip(base, MaxName-len(suffix))) + suffix
	}
	return name
}

// sanitise replaces the characters Name leaves out of a sheet name by "-".
func sanitise(s string) string {
	return strings.TrimSpace(strings.Map(func(r rune) rune {
		if strings.ContainsRune(forbidden+"'", r) || unicode.IsControl(r) {
			return '-'
		}
		return r
	}, s))
}

// clip cuts s to at most n UTF-16 code units, never inside a letter.
func clip(s string, n int) string {
	units := 0
	for i, r := range s {
		units += utf16.RuneLen(r)
		if units > n {
			return s[:i]
		}
	}
	return s
}

// Props are the document properties of a workbook. They say nothing of the user or machine
// that wrote it, and the time is the one given, so the same content gives the same bytes.
type Props struct {
	Title, Subject, Description, Keywords, Category string
	Creator                                         string // also named as the last to modify it
	Language                                        string
	Created                                         time.Time // also the time of modification
}

// Props sets the document properties; the application is shadowreport.
func (b *Book) Props(p Props) {
	if b.err != nil {
		return
	}
	date := p.Created.UTC().Format(time.RFC3339)
	b.fail(b.f.SetDocProps(&excelize.DocProperties{
		Title: p.Title, Subject: p.Subject, Description: p.Description, Keywords: p.Keywords, Category: p.Category,
		Creator: p.Creator, LastModifiedBy: p.Creator, Language: p.Language, Created: date, Modified: date,
	}))
	if b.err == nil {
		b.fail(b.f.SetAppProps(&excelize.AppProperties{Application: "shadowreport"}))
	}
}

// style is the id of st in the book, made on first use.
func (b *Book) style(st Style) int {
	if st == (Style{}) {
		return 0
	}
	if id, ok := b.styles[st]; ok {
		return id
	}
	id, err := b.f.NewStyle(st.excel())
	if err != nil {
		b.fail(fmt.Errorf("style %+v: %w", st, err))
		return 0
	}
	b.styles[st] = id
	return id
}

// Write finishes every sheet (widths, frozen panes, filter, print setup), makes the first
// sheet the one shown on opening, and writes the workbook to w. It returns the first error of
// the book's methods, if any, and then writes nothing.
func (b *Book) Write(w io.Writer) error {
	if !b.done {
		b.done = true
		for _, s := range b.sheets {
			s.finish()
		}
		if len(b.sheets) > 0 {
			b.f.SetActiveSheet(0)
		}
	}
	if b.err != nil {
		return b.err
	}
	_, err := b.f.WriteTo(w)
	return err
}
