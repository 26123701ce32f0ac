package docx

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"github.com/shadowreport/shadowreport/internal/render/clean"
	"io"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/shadowreport/shadowreport/internal/doc"
)

// Options control a render.
type Options struct {
	// Created is the creation and modification date written into docProps/core.xml and the
	// time of every zip entry; a fixed date gives byte-identical output. The zero time stands
	// for 1970-01-01 UTC (zip entries cannot go before 1980 and carry 1980-01-01 then).
	Created time.Time
	// Warn is called for every warning (characters replaced, links and figures left out); may be nil.
	Warn func(msg string)
}

// Result describes the rendered document.
type Result struct {
	// Words is the word count of the body as written, by the rule of Words.
	Words int
}

// Page geometry in twips (1/20 pt): A4, margins of 2.5 cm (2 cm for handouts).
const (
	pageW, pageH = 11906, 16838
	reportMargin = 1417
	// handouts have a page budget: narrower margins, as in the PDF
	handoutMargin = 1134
)

// Colours, as in the PDF.
const (
	ink      = "1A1A1A"
	grey     = "595959"
	quoteInk = "333333"
	navy     = "1F3A5F"
	ruleGrey = "BFBFBF"
	tint     = "F2F4F7"
	amber    = "FFE8B0"
)

// sizes are font sizes in half-points.
type sizes struct{ body, small, table, h1, h2, h3, title, subtitle int }

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

type tocEntry struct {
	level    int
	text, bm string
}

// renderer holds the state of one render.
type renderer struct {
	d         *doc.Document
	warns     clean.Warnings
	stage     string
	sz        sizes
	margin    int
	textWidth int

	body      bytes.Buffer
	notes     []string // footnotes, as the clean text of each
	rels      []rel    // images and hyperlinks
	urls      map[string]string
	media     [][]byte
	pictures  []func() []byte   // draw media[i] of each figure, in order
	charts    [][]byte          // word/charts/chartN.xml
	anchors   map[string]string // heading ID → bookmark name
	headingBM []string          // bookmark of each heading, in order
	toc       []tocEntry
	ordered   []int // start of each ordered list's numbering
	nHeading  int   // headings written so far
	figures   int
	badLinks  map[string]bool

	// pendingBreak makes the next paragraph start a new page (after the cover, a PageBreak).
	pendingBreak bool
}

// Render writes d as a Word document (.docx) to w.
func Render(w io.Writer, d *doc.Document, opts Options) (res Result, err error) {
	if d == nil {
		return Result{}, errors.New("docx: no document")
	}
	r := &renderer{d: d, urls: map[string]string{}, anchors: map[string]string{}, badLinks: map[string]bool{}, stage: "starting"}
	defer func() {
		if opts.Warn != nil {
			for _, m := range r.warns.Messages("docx", "") {
				opts.Warn(m)
			}
		}
	}()
	defer func() {
		if p := recover(); p != nil {
			res, err = Result{}, fmt.Errorf("docx: failed while %s: %v", r.stage, p)
		}
	}()
	out, words, err := r.render(opts)
	if err != nil {
		return Result{}, err
	}
	r.stage = "writing the file"
	if _, err := w.Write(out); err != nil {
		return Result{}, fmt.Errorf("docx: writing: %w", err)
	}
	return Result{Words: words}, nil
}

type part struct {
	name string
	data []byte
}

func (r *renderer) render(opts Options) ([]byte, int, error) {
	d := r.d
	r.margin = reportMargin
	r.sz = sizes{body: 21, small: 17, table: 18, h1: 30, h2: 24, h3: 21, title: 48, subtitle: 28}
	if !d.Cover {
		r.margin = handoutMargin
		r.sz = sizes{body: 19, small: 15, table: 17, h1: 26, h2: 21, h3: 19, title: 30, subtitle: 22}
	}
	r.textWidth = pageW - 2*r.margin

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
		return nil, 0, err
	}

	r.stage = "assembling the parts"
	created := opts.Created
	if created.IsZero() {
		created = time.Unix(0, 0)
	}
	created = created.UTC()

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
		{"word/header1.xml", r.header(false)},
		{"word/footer1.xml", r.footer(false)},
		{"word/header2.xml", r.header(true)},
		{"word/footer2.xml", r.footer(true)},
	}
	for i, c := range r.charts {
		parts = append(parts, part{"word/charts/chart" + strconv.Itoa(i+1) + ".xml", c})
	}
	for i, m := range r.media {
		parts = append(parts, part{"word/media/image" + strconv.Itoa(i+1) + ".png", m})
	}

	r.stage = "counting words"
	words, err := countXML(document, footnotes)
	if err != nil {
		return nil, 0, fmt.Errorf("docx: the document written does not parse: %w", err)
	}

	r.stage = "zipping"
	zipTime := created
	if zipTime.Year() < 1980 {
		zipTime = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		method := zip.Deflate
		if strings.HasSuffix(p.name, ".png") {
			method = zip.Store // already compressed
		}
		f, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: method, Modified: zipTime})
		if err != nil {
			return nil, 0, fmt.Errorf("docx: zip: %w", err)
		}
		if _, err := f.Write(p.data); err != nil {
			return nil, 0, fmt.Errorf("docx: zip: %w", err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, 0, fmt.Errorf("docx: zip: %w", err)
	}
	return buf.Bytes(), words, nil
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

// collectHeadings gives every heading a bookmark (so links may point forward) and lists
// the contents entries.
func (r *renderer) collectHeadings() {
	used := map[string]bool{}
	for _, b := range r.d.Blocks {
		h, ok := b.(*doc.Heading)
		if !ok || h == nil {
			continue
		}
		name := bookmarkName(h.ID, len(r.headingBM)+1, used)
		used[strings.ToLower(name)] = true
		r.headingBM = append(r.headingBM, name)
		// links are cleaned as they are written: key the anchor the same way
		if id := r.line(h.ID); id != "" {
			if _, seen := r.anchors[id]; !seen {
				r.anchors[id] = name
			}
		}
		if level := clampLevel(h.Level); level <= 2 {
			r.toc = append(r.toc, tocEntry{level: level, text: r.line(h.Text), bm: name})
		}
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

func clampLevel(l int) int { return min(max(l, 1), 3) }

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
