// Package doc is the document model of a report or handout: what every renderer (PDF, Word) consumes.
package doc

import (
	"strings"
	"unicode"
)

// Document is a report or a handout, ready to render. It holds no layout decisions of any one
// output format: renderers choose fonts, page breaks and numbering styles.
type Document struct {
	Meta Meta
	// Cover is set for documents that start with a cover page (the report, not handouts).
	Cover bool
	// Contents asks for a table of contents after the cover, listing headings of level 1 and 2.
	Contents bool
	// PageBudget is the most pages a handout may fill; 0 means no limit.
	PageBudget int
	Blocks     []Block
}

// Meta describes the submission: the cover page, the running header and footer, and the
// file's metadata (title, author, subject, language).
type Meta struct {
	Title        string
	Subtitle     string
	Organisation string
	CoSubmitters []string
	Contact      string
	State        string
	Mechanism    string // "CEDAW"
	Session      string // "68th session"
	Stage        string // "review"
	Date         string // as printed, e.g. "9 October 2017"
	Language     string // BCP 47: "en"
	Confidential bool   // marks the cover and every page "Confidential — for the Committee only"
	// Synthetic marks every page as built from synthetic data (the sample project).
	Synthetic bool
	// Subject is the PDF subject line, e.g. "Shadow report to CEDAW, 68th session".
	Subject string
	// Header is the running header text; Footer notes are printed left of "page X of Y".
	Header string
	Footer string
}

// Block is one element of the document's body: *Heading, *Paragraph, *List, *Table,
// *Figure, *Quote, *PageBreak.
type Block interface{ block() }

// Heading starts a section. Level 1 is a chapter, 2 a section, 3 a subsection. In a report
// (Document.Cover), the first block after the contents and a chapter that StartsAnnex start
// a new page; other chapters follow on the page (the PDF renderer moves one that would start
// in the lower third of a page to the next). ID is unique within the document: renderers use it for links,
// bookmarks and the table of contents.
type Heading struct {
	Level int
	Text  string
	ID    string
}

// Paragraph is a run of text. Numbered paragraphs carry the UN-style paragraph number,
// counted across the whole document by the renderer (1, 2, 3, ...).
type Paragraph struct {
	Inlines  []Inline
	Numbered bool
	// Small sets the paragraph in a smaller size (notes under a table, the methodology line of a handout).
	Small bool
}

// List is a bulleted or numbered list; each item is a run of text.
type List struct {
	Ordered bool
	Items   [][]Inline
	// Numbered makes the whole list one numbered paragraph (its number before the first item).
	Numbered bool
}

// Align is the horizontal alignment of a table column.
type Align int

// Column alignments: numbers are right-aligned.
const (
	Left Align = iota
	Right
	Center
)

// Table is a table with a header row that renderers repeat on every page it spans. A row
// is never split across pages.
type Table struct {
	ID      string // unique; the annex sheet name is derived from it
	Caption string // "Table 3. Education: findings, 2014 and 2017"
	Header  []string
	Align   []Align   // one per column; missing entries are Left
	Widths  []float64 // relative column widths; nil lets the renderer decide
	Rows    [][]string
	// Emphasis marks rows to set in bold (a theme's name inside an annex table, a flagged composition row).
	Emphasis []bool
	Notes    []string // printed under the table in a smaller size
	// Numbers, optional, are the table's figures as numbers: columns that the annex (the
	// Excel workbook) writes after the worded ones, with a number format, so that a
	// researcher can sort and chart them. The PDF and Word renderers ignore them. A figure
	// the worded cells withhold must be nil here too: the annex publishes what it holds.
	Numbers []NumberColumn
}

// NumberColumn is a column of figures for the annex: Values[i] belongs to Rows[i]; a nil,
// missing, infinite or NaN value is an empty cell (a theme's row, a withheld count, a test
// not made). Shares and differences of shares are fractions (0.62; 0.08 for +8 points);
// counts are whole numbers; p-values are as computed.
type NumberColumn struct {
	Header string // "2017 share", "difference, lower bound"
	Format NumberFormat
	Values []*float64
}

// NumberFormat is how a spreadsheet shows the values of a NumberColumn; the cell holds the
// value at full precision.
type NumberFormat int

// Number formats of the annex.
const (
	NumGeneral            NumberFormat = iota // as the spreadsheet chooses
	NumInteger                                // 31
	NumPercent                                // a fraction as a percentage: 0.62 → 62.0%
	NumSignedPercent                          // a difference of fractions: 0.08 → +8.0%, −0.12 → -12.0%
	NumDecimal3                               // three decimals, for p-values: 0.506; two significant digits below 0.001: 0.00067
	NumWholePercent                           // a fraction rounded to whole percent, as printed: 0.74 → 74%
	NumSignedWholePercent                     // a difference rounded to whole points, as printed: 0.08 → +8%
)

// Num returns a pointer to v, for NumberColumn.Values.
func Num(v float64) *float64 { return &v }

// Figure is a chart with its caption. AltText describes it for screen readers and Word.
type Figure struct {
	ID      string
	Caption string
	AltText string
	Chart   Chart
}

// Chart is the data of a grouped bar chart: for each finding, one bar per wave with its
// confidence interval as a whisker. Renderers draw it; it holds no drawing instructions.
type Chart struct {
	Title  string
	Waves  []string // legend, in bar order within a group
	Groups []BarGroup
	// YLabel names the axis, e.g. "share of those who answered (95% CI)".
	YLabel string
}

// MapText returns a copy of c whose title, axis label, wave names and group labels went
// through f (a renderer's text cleaning); the bars are shared.
func (c Chart) MapText(f func(string) string) Chart {
	out := c
	out.Title = f(c.Title)
	out.YLabel = f(c.YLabel)
	out.Waves = make([]string, len(c.Waves))
	for i, w := range c.Waves {
		out.Waves[i] = f(w)
	}
	out.Groups = make([]BarGroup, len(c.Groups))
	for i, g := range c.Groups {
		out.Groups[i] = BarGroup{Label: f(g.Label), Bars: g.Bars}
	}
	return out
}

// BarGroup is one finding in a chart.
type BarGroup struct {
	Label string // "Paid informal school fees"
	Bars  []Bar  // one per wave, in Chart.Waves order; a Bar with N == 0 is absent
}

// Bar is one wave's share with its interval, labelled by Label ("28 of 40"). A Hidden bar is
// not drawn: its count is withheld and only Label ("<5 of 40") is printed.
type Bar struct {
	N      int
	Label  string
	Hidden bool
	Share  float64
	Lo, Hi float64 // the interval; equal to Share when it is not computable
}

// Quote is a block quotation with its coarse attribution ("woman in her 30s, left 2014–2016").
type Quote struct {
	Text        string
	Attribution string
	Language    string // of Text: "ko" for Korean text, "" for the document's language
	// Translation, when set, is Text in the document's language: renderers print it under
	// the original, introduced by "Translation:", before the attribution. It must have
	// passed the same checks as Text before it gets here.
	Translation string
}

// PageBreak starts a new page.
type PageBreak struct{}

func (*Heading) block()   {}
func (*Paragraph) block() {}
func (*List) block()      {}
func (*Table) block()     {}
func (*Figure) block()    {}
func (*Quote) block()     {}
func (*PageBreak) block() {}

// Inline is a piece of running text.
type Inline struct {
	Text   string
	Bold   bool
	Italic bool
	// Note, when set, makes this inline a note reference: Text is empty and Note holds the
	// note's text, printed as a footnote (PDF) or endnote by the renderer, numbered in order.
	Note string
	// Link is a URL the text points to.
	Link string
}

// Text returns the plain text of inlines, notes left out.
func Text(inlines []Inline) string {
	n := 0
	for _, in := range inlines {
		n += len(in.Text)
	}
	b := make([]byte, 0, n)
	for _, in := range inlines {
		b = append(b, in.Text...)
	}
	return string(b)
}

// CountWords counts the words of s by the rule every word count of the tool uses: a word is
// a run of letters or digits, with inner apostrophes, hyphens, dots and commas ("don't",
// "30-39", "2.5", "1,000"), so "28 of 40 (70%)" is four words and a Korean word (어절) is one.
func CountWords(s string) int {
	n := 0
	in := false
	rs := []rune(s)
	for i, r := range rs {
		word := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
		if !word && in && i+1 < len(rs) && strings.ContainsRune("'’-.,", r) && (unicode.IsLetter(rs[i+1]) || unicode.IsDigit(rs[i+1])) {
			word = true // inside a word
		}
		if word && !in {
			n++
		}
		in = word
	}
	return n
}
