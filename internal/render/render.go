// Package render is what every renderer (PDF, Word, HTML) shares: the options, the result,
// the Renderer interface and the guard around a render.
package render

import (
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/shadowreport/shadowreport/internal/chart"
	"github.com/shadowreport/shadowreport/internal/doc"
	"github.com/shadowreport/shadowreport/internal/fonts"
	"github.com/shadowreport/shadowreport/internal/render/clean"
)

// Options control a render.
type Options struct {
	// Created is the date written into the file (its metadata, a zip's entries); a fixed date
	// gives byte-identical output. The zero time stands for 1970-01-01 UTC.
	Created time.Time
	// Warn is called for every warning (characters replaced, glyphs missing, links or
	// figures left out); may be nil.
	Warn func(msg string)
	// LayoutOnly asks for the Result alone: a renderer that lays out pages may stop there and
	// write nothing (a handout's page budget is checked on its PDF when the PDF is not
	// published). Others ignore it.
	LayoutOnly bool
}

// Date is the date a render writes: Created in UTC, 1970-01-01 when zero.
func (o Options) Date() time.Time {
	if o.Created.IsZero() {
		return time.Unix(0, 0).UTC()
	}
	return o.Created.UTC()
}

// Result describes a rendered document. Formats without pages (Word lays its pages out when
// it opens the file, HTML has none) leave it zero.
type Result struct {
	Pages int
	// LastPageFill is how much of the last page's text area is used, 0..1; with Pages it
	// gives the overflow of a handout: Pages - 1 + LastPageFill - PageBudget when positive.
	LastPageFill float64
	// Fills is how much of each page's text area is used, 0..1, the cover's 0.
	Fills []float64
}

// Renderer turns a resolved document into one format. It draws what the model decided and
// decides nothing a reader of another format could tell apart.
type Renderer interface {
	// Format names the format; it is also the file's extension: "pdf", "docx", "html".
	Format() string
	Render(w io.Writer, d *doc.Resolved, o Options) (Result, error)
}

// Guard runs body, the work of the renderer of format on d, and writes the bytes it returns
// to w, only when it succeeded: a failure writes nothing. A panic in body becomes an error
// naming the format and the stage the renderer says it is in (*stage: "pdf: failed while
// drawing page 3 of 16: …"). Whatever happens, the warnings the renderer collected in warns go
// to o.Warn, each once, after the work; fonts names the fonts a missing glyph was looked for in.
func Guard(format, fonts string, w io.Writer, d *doc.Resolved, o Options, stage *string, warns *clean.Warnings, body func() ([]byte, Result, error)) (res Result, err error) {
	if d == nil || d.Document == nil {
		return Result{}, errors.New(format + ": no document")
	}
	*stage = "starting"
	defer func() {
		if o.Warn != nil {
			for _, m := range warns.Messages(format, fonts) {
				o.Warn(m)
			}
		}
	}()
	defer func() {
		if p := recover(); p != nil {
			res, err = Result{}, fmt.Errorf("%s: failed while %s: %v", format, *stage, p)
		}
	}()
	out, res, err := body()
	if err != nil {
		return Result{}, err
	}
	*stage = "writing the file"
	if _, err := w.Write(out); err != nil {
		return Result{}, fmt.Errorf("%s: writing: %w", format, err)
	}
	return res, nil
}

// Warm reads, on another goroutine, what every render needs and is the same for every
// document: the fonts' tables and character maps, their glyph coverage, the charts' faces.
// The command calls it as a build starts, so that this is done on a free processor while the
// workbooks are read and the documents assembled; a render that comes first does it itself,
// once.
func Warm() {
	go func() {
		fonts.Warm()
		chart.Warm()
	}()
}
