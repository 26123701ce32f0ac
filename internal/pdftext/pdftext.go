package pdftext

import (
	"context"
	"fmt"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Text is a document's text as pdftotext -layout prints it: pages of lines, each line the
// glyphs that share a baseline, left to right, at their column. A paragraph's lines follow one
// another; the cells of a table row share lines, each cell's text contiguous within a line and
// its wrapped lines in the same columns.
type Text struct {
	Pages [][]string
	lines []line // every line of every page, in order
}

type line struct {
	raw  string
	flat string // squashed
	col  []int  // col[i]: the column (in runes) of flat's byte i in raw
}

// window is how many lines a wrapped text may skip between two of its lines: the running
// footer, the page break and the running header of the next page, or the lines of a table
// row's other, taller cells.
const window = 12

// Read runs pdftotext -layout on the PDF at path.
func Read(path string) (*Text, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, "pdftotext", "-layout", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		return nil, fmt.Errorf("pdftotext -layout %s: %w", path, err)
	}
	return Parse(string(out)), nil
}

// Parse reads the output of pdftotext -layout: pages end with a form feed.
func Parse(s string) *Text {
	t := &Text{}
	for _, page := range strings.Split(strings.TrimRight(s, "\f\n"), "\f") {
		lines := strings.Split(page, "\n")
		t.Pages = append(t.Pages, lines)
		for _, l := range lines {
			t.lines = append(t.lines, newLine(l))
		}
	}
	return t
}

// dashes reads a range's dash as a hyphen: the Word file's does not break (U+2011), and
// LibreOffice prints it "-"; the replacement keeps every byte offset.
var dashes = strings.NewReplacer("\u2011", "\u2013")

func newLine(raw string) line {
	raw = strings.ReplaceAll(dashes.Replace(raw), "-", "\u2013")
	l := line{raw: raw}
	var b strings.Builder
	col := 0
	for _, r := range raw {
		if !unicode.IsSpace(r) && r != '\u00ad' {
			b.WriteRune(r)
			for range len(string(r)) {
				l.col = append(l.col, col)
			}
		}
		col++
	}
	l.flat = b.String()
	return l
}

// String is the text as pdftotext printed it.
func (t *Text) String() string {
	var pages []string
	for _, p := range t.Pages {
		pages = append(pages, strings.Join(p, "\n"))
	}
	return strings.Join(pages, "\f")
}

// Page is the text of page i (from 0) alone.
func (t *Text) Page(i int) *Text {
	return Parse(strings.Join(t.Pages[i], "\n"))
}

// Squash removes every space, line break and soft hyphen, so that texts laid out by different
// programs compare.
func Squash(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\u00ad' {
			return -1
		}
		return r
	}, s)
}

// Prefix is the start of s: its first n letters, spaces not counted, cut at no particular
// place (Contains and Numbered look for a word cut short as for any other).
func Prefix(s string, n int) string {
	var b strings.Builder
	count := 0
	for _, r := range s {
		if count == n {
			break
		}
		b.WriteRune(r)
		if !unicode.IsSpace(r) && r != '\u00ad' {
			count++
		}
	}
	return strings.TrimSpace(b.String())
}

// pieces splits s where a line may break: at spaces, and after a dash or a slash.
func pieces(s string) []string {
	s = strings.ReplaceAll(dashes.Replace(s), "-", "\u2013")
	var out []string
	for _, w := range strings.Fields(s) {
		start := 0
		for i, r := range w {
			if strings.ContainsRune("-–—/", r) {
				end := i + len(string(r))
				out = append(out, w[start:end])
				start = end
			}
		}
		if start < len(w) {
			out = append(out, w[start:])
		}
	}
	var keep []string
	for _, p := range out {
		if p = Squash(p); p != "" {
			keep = append(keep, p)
		}
	}
	return keep
}

// Contains reports whether s is in the text: on one line, or wrapped over lines that follow one
// another within a few lines (a page break or a neighbouring cell's lines may come between)
// the way a paragraph or a table cell wraps: each line but the last ends its block of text,
// each line but the first starts its block, and the blocks are aligned left or right.
// A block is a run of text without two spaces in a row: a cell, or a paragraph's line.
// Spaces are otherwise ignored: the extractor's spacing is not the document's.
func (t *Text) Contains(s string) bool {
	ps := pieces(s)
	if len(ps) == 0 {
		return true
	}
	return t.from(ps, 0, len(t.lines), -1, nil)
}

// block is the columns [from, to) a block of text takes on its line.
type block [2]int

// aligned reports whether two blocks on successive lines could be the lines of one cell or
// paragraph: their left or right edges within two columns (the extractor's columns are the
// page's positions rounded). Centres are not compared: a short block near the middle of a
// wide one would pass for its next line.
func (a block) aligned(b block) bool {
	near := func(x, y int) bool { return x-y <= 2 && y-x <= 2 }
	return near(a[0], b[0]) || near(a[1], b[1])
}

// from reports whether the pieces ps are on one of lines lo..hi-1 and the lines after it, each
// line holding the next run of them. at ≥ 0 is where on line lo the first run must start (as
// after a paragraph's number; its block then starts there); prev, when set, is the block of
// the line before, which the run must start a block aligned with.
func (t *Text) from(ps []string, lo, hi, at int, prev *block) bool {
	for i := lo; i < hi && i < len(t.lines); i++ {
		l := t.lines[i]
		for k := len(ps); k >= 1; k-- {
			frag := strings.Join(ps[:k], "")
			for _, p := range l.find(frag, at) {
				first, last := l.col[p], l.col[p+len(frag)-1]
				b := l.blockAt(first)
				if at >= 0 {
					b[0] = first
				}
				if prev != nil && (first != b[0] || !b.aligned(*prev)) {
					continue
				}
				if k == len(ps) {
					return true
				}
				// the rest is on a later line: this run ends its block
				if last+1 != b[1] {
					continue
				}
				if t.from(ps[k:], i+1, i+1+window, -1, &b) {
					return true
				}
			}
		}
		if at >= 0 {
			return false
		}
	}
	return false
}

// blockAt is the block of text around column c: the columns up to two spaces in a row on
// either side.
func (l line) blockAt(c int) block {
	r := []rune(l.raw)
	space := func(i int) bool { return i < 0 || i >= len(r) || unicode.IsSpace(r[i]) }
	from := c
	for from > 0 && !(space(from-1) && space(from-2)) {
		from--
	}
	for from < c && space(from) {
		from++
	}
	to := c + 1
	for to < len(r) && !(space(to) && space(to+1)) {
		to++
	}
	return block{from, to}
}

// find returns where frag is in the line's squashed text: every place, or only at.
func (l line) find(frag string, at int) []int {
	if at >= 0 {
		if strings.HasPrefix(l.flat[at:], frag) {
			return []int{at}
		}
		return nil
	}
	var out []int
	for off := 0; off < len(l.flat); {
		i := strings.Index(l.flat[off:], frag)
		if i < 0 {
			break
		}
		out = append(out, off+i)
		off += i + 1
	}
	return out
}

// Numbered reports whether the text has a paragraph numbered n that starts with s: a line
// that starts with "n." and goes on with s, or with the first words of s that the rest of s
// follows on the next lines. It does not care whether the number and the text are one block
// of the page or two, which changes the order an extractor reads them in.
func (t *Text) Numbered(n int, s string) bool {
	ps := pieces(s)
	re := regexp.MustCompile(`^\s*` + strconv.Itoa(n) + `\.(\s|$)`)
	for i, l := range t.lines {
		m := re.FindStringIndex(l.raw)
		if m == nil {
			continue
		}
		if len(ps) == 0 {
			return true
		}
		at := len(Squash(l.raw[:m[1]]))
		if at == len(l.flat) {
			// the number alone on its line: the text starts the next
			if t.from(ps, i+1, i+2, 0, nil) {
				return true
			}
			continue
		}
		if t.from(ps, i, i+1, at, nil) {
			return true
		}
	}
	return false
}
