package docx

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/shadowreport/shadowreport/internal/doc"
	rendering "github.com/shadowreport/shadowreport/internal/render"
	"github.com/shadowreport/shadowreport/internal/render/clean"
	"github.com/shadowreport/shadowreport/internal/render/deflate"
)

// Options control a render (render.Options). Created is also the time of every zip entry,
// which cannot go before 1980 and carries 1980-01-01 then.
type Options = rendering.Options

// Result describes the rendered document (render.Result): Word lays out its pages when it
// opens the file, so it says nothing.
type Result = rendering.Result

// Renderer renders the report as a Word document (.docx).
type Renderer struct{}

// Format is "docx".
func (Renderer) Format() string { return "docx" }

// The page in twips (1/20 pt): A4.
const pageW, pageH = 11906, 16838

// twips converts millimetres to twips.
func twips(mm float64) int { return int(math.Round(mm / 25.4 * 1440)) }

// halfPoints converts a size in points to Word's half-points.
func halfPoints(pt float64) int { return int(math.Round(pt * 2)) }

// The theme's colours (the same in every theme), as Word writes them.
var (
	colours  = doc.ReportTheme().Colours
	ink      = colours.Ink.Hex()
	grey     = colours.Grey.Hex()
	quoteInk = colours.QuoteInk.Hex()
	navy     = colours.Navy.Hex()
	ruleGrey = colours.Rule.Hex()
	tint     = colours.Tint.Hex()
	amber    = colours.Amber.Hex()
)

// sizes are font sizes in half-points.
type sizes struct{ body, small, table, caption, quote, h1, h2, h3, running int }

// Numbering: one w:num for every numbered paragraph (so the numbers run on across the whole
// document), one for bullets, and one per ordered list from firstOrdered on.
const (
	numParagraph = 1
	numBullet    = 2
	firstOrdered = 3
)

// Fixed relationship ids of word/document.xml; images and hyperlinks follow from rId10.
const (
	ridStyles    = "rId1"
	ridNumbering = "rId2"
	ridSettings  = "rId3"
	ridFootnotes = "rId4"
	ridFontTable = "rId5"
	ridHeader    = "rId6"
	ridFooter    = "rId7"
	ridHeader1st = "rId8"
	ridFooter1st = "rId9"
	firstRel     = 10
)

type rel struct{ id, typ, target string }

// renderer holds the state of one render.
type renderer struct {
	stage     string
	warns     clean.Warnings
	d         *doc.Resolved
	sz        sizes
	margins   doc.Margins
	textWidth int

	body      bytes.Buffer
	notes     []string // footnotes, as the clean text of each
	rels      []rel    // images and hyperlinks
	urls      map[string]string
	media     [][]byte
	pictures  []func() []byte   // draw media[i] of each figure, in order
	charts    [][]byte          // word/charts/chartN.xml
	bookmarks map[string]string // anchor of a heading → its bookmark name
	nHeading  int               // headings written so far
	ordered   []int             // start of each ordered list's numbering
	figures   int
	badLinks  map[string]bool

	// pendingBreak makes the next paragraph start a new page (after the cover, a PageBreak).
	pendingBreak bool
}

// Render writes d as a Word document (.docx) to w.
func Render(w io.Writer, d *doc.Document, opts Options) (Result, error) {
	return Renderer{}.Render(w, doc.Resolve(d), opts)
}

// Render writes the resolved document d as a Word document (.docx) to w.
func (Renderer) Render(w io.Writer, d *doc.Resolved, opts Options) (Result, error) {
	r := &renderer{d: d, urls: map[string]string{}, bookmarks: map[string]string{}, badLinks: map[string]bool{}}
	return rendering.Guard("docx", "", w, d, opts, &r.stage, &r.warns, func() ([]byte, Result, error) {
		out, err := r.render(opts)
		return out, Result{}, err
	})
}

type part struct {
	name string
	data []byte
}

func (r *renderer) render(opts Options) ([]byte, error) {
	d := r.d
	t := d.Theme
	r.margins = t.Margins
	r.sz = sizes{
		body: halfPoints(t.Sizes.Body), small: halfPoints(t.Sizes.Small), table: halfPoints(t.Sizes.Table),
		caption: halfPoints(t.Sizes.Caption), quote: halfPoints(t.Sizes.Quote),
		h1: halfPoints(t.Sizes.H1), h2: halfPoints(t.Sizes.H2), h3: halfPoints(t.Sizes.H3), running: halfPoints(t.Sizes.Running),
	}
	r.textWidth = pageW - twips(t.Margins.Left) - twips(t.Margins.Right)

	r.stage = "collecting headings"
	r.collectHeadings()

	r.stage = "writing the front matter"
	if d.Cover {
		r.cover()
	} else {
		r.handoutTitle()
	}
	if d.Contents {
		r.stage = "writing the contents"
		r.contents()
		r.pendingBreak = true // the body starts on a new page
	}
	r.blocks(d.Blocks)

	r.stage = "drawing the figures' pictures"
	if err := r.drawPictures(); err != nil {
		return nil, err
	}

	r.stage = "assembling the parts"
	created := opts.Date()

	document := r.document()
	footnotes := r.footnotes()
	parts := []part{
		{"[Content_Types].xml", contentTypes(len(r.charts))},
		{"_rels/.rels", []byte(packageRels)},
		{"docProps/core.xml", r.core(created)},
		{"docProps/app.xml", []byte(appXML)},
		{"word/document.xml", document},
		{"word/_rels/document.xml.rels", r.documentRels()},
		{"word/styles.xml", r.styles()},
		{"word/numbering.xml", r.numbering()},
		{"word/settings.xml", r.settings()},
		{"word/fontTable.xml", []byte(fontTable)},
		{"word/footnotes.xml", footnotes},
		{"word/header1.xml", r.header(d.Header)},
		{"word/footer1.xml", r.footer(d.Footer)},
		{"word/header2.xml", r.header(d.FirstHeader)},
		{"word/footer2.xml", r.footer(d.FirstFooter)},
	}
	for i, c := range r.charts {
		parts = append(parts, part{"word/charts/chart" + strconv.Itoa(i+1) + ".xml", c})
	}
	for i, m := range r.media {
		parts = append(parts, part{"word/media/image" + strconv.Itoa(i+1) + ".png", m})
	}

	r.stage = "zipping"
	zipTime := created
	if zipTime.Year() < 1980 {
		zipTime = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.RegisterCompressor(zip.Deflate, deflate.Zip)
	for _, p := range parts {
		method := zip.Deflate
		if strings.HasSuffix(p.name, ".png") {
			method = zip.Store // already compressed
		}
		f, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: method, Modified: zipTime})
		if err != nil {
			return nil, fmt.Errorf("docx: zip: %w", err)
		}
		if _, err := f.Write(p.data); err != nil {
			return nil, fmt.Errorf("docx: zip: %w", err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("docx: zip: %w", err)
	}
	return buf.Bytes(), nil
}

// drawPictures draws the figures' fallback pictures, as many at once as there are
// processors: each is independent of the others and of the order they are drawn in.
func (r *renderer) drawPictures() error {
	idx := make([]int, 0, len(r.pictures))
	for i, m := range r.media {
		if m == nil {
			idx = append(idx, i)
		}
	}
	errs := make([]error, len(r.pictures))
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.GOMAXPROCS(0), len(r.pictures)) {
		wg.Go(func() {
			for j := range next {
				func() {
					defer func() {
						if p := recover(); p != nil {
							errs[j] = fmt.Errorf("docx: drawing the picture of figure %d: %v", j+1, p)
						}
					}()
					r.media[idx[j]] = r.pictures[j]()
				}()
			}
		})
	}
	for j := range r.pictures {
		next <- j
	}
	close(next)
	wg.Wait()
	return errors.Join(errs...)
}

// collectHeadings gives every heading a bookmark named after its anchor, so that links may
// point forward.
func (r *renderer) collectHeadings() {
	used := map[string]bool{}
	n := 0
	for _, info := range r.d.Info {
		if info.Level == 0 {
			continue
		}
		n++
		name := bookmarkName(info.Anchor, n, used)
		used[strings.ToLower(name)] = true
		r.bookmarks[info.Anchor] = name
	}
}

// bookmarkName makes a Word bookmark name of a heading ID: a letter first, then letters,
// digits and underscores, at most 40 characters, unique (Word compares case-insensitively).
func bookmarkName(id string, n int, used map[string]bool) string {
	var b strings.Builder
	b.WriteString("h_")
	for _, c := range id {
		if b.Len() >= 40 {
			break
		}
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
			b.WriteRune(c)
		default:
			b.WriteByte('_')
		}
	}
	name := b.String()
	if id != "" && !used[strings.ToLower(name)] {
		return name
	}
	for i := n; ; i++ {
		suffix := "_" + strconv.Itoa(i)
		cand := name[:min(len(name), 40-len(suffix))] + suffix
		if !used[strings.ToLower(cand)] {
			return cand
		}
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

// addRel adds a relationship of word/document.xml and returns its id.
func (r *renderer) addRel(typ, target string) string {
	id := "rId" + strconv.Itoa(firstRel+len(r.rels))
	r.rels = append(r.rels, rel{id, typ, target})
	return id
}

// urlRel returns the relationship of an external link, one per distinct URL.
func (r *renderer) urlRel(u string) string {
	if id, ok := r.urls[u]; ok {
		return id
	}
	id := r.addRel(relHyperlink, u)
	r.urls[u] = id
	return id
}

// safeURL allows the link schemes a submission needs.
func safeURL(u string) bool {
	l := strings.ToLower(u)
	return strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "mailto:")
}

// uriEscape percent-encodes what may not stand in a relationship's target URI (spaces,
// quotes, non-ASCII), leaving the URL's own reserved characters and escapes alone.
func uriEscape(u string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(u); i++ {
		c := u[i]
		if c > 0x20 && c < 0x7F && !strings.ContainsRune(`"<>\^`+"`{|}", rune(c)) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}
