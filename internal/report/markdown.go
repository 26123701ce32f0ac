package report

import (
	"bytes"
	"html"
	"regexp"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"

	"github.com/shadowreport/shadowreport/internal/doc"
)

var md = goldmark.New(goldmark.WithExtensions(east.Table, east.Footnote, east.Strikethrough))

// markerRE finds the placeholders template actions leave for blocks they built.
var markerRE = regexp.MustCompile(`^<!--shadowreport:block:(\d+)-->$`)

// converter turns the Markdown a template produced into document blocks.
type converter struct {
	src      []byte
	blocks   [][]doc.Block // built by template actions, by marker number
	numbered bool          // number the body's paragraphs
	notes    map[int]string
	out      []doc.Block
	warn     func(string)
	// quote checks a quotation typed into the template: it returns the attribution to print
	// (the data's), or false to leave the quotation out.
	quote func(text string) (string, bool)
	// caption numbers a table the author typed: its identifier and "Table N. caption".
	caption func(text string) (id, caption string)
}

func (c *converter) convert(src []byte) []doc.Block {
	c.src = src
	root := md.Parser().Parse(text.NewReader(src))
	c.notes = map[int]string{}
	// footnote texts first, so references can carry them
	ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if fn, ok := n.(*extast.Footnote); ok && entering {
			var b strings.Builder
			for p := fn.FirstChild(); p != nil; p = p.NextSibling() {
				if b.Len() > 0 {
					b.WriteString(" ")
				}
				b.WriteString(doc.Text(c.inlines(p, inlineStyle{})))
			}
			c.notes[fn.Index] = strings.TrimSpace(b.String())
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		c.block(n)
	}
	return c.out
}

func (c *converter) block(n ast.Node) {
	switch n := n.(type) {
	case *ast.Heading:
		c.out = append(c.out, &doc.Heading{Level: n.Level, Text: strings.TrimSpace(doc.Text(c.inlines(n, inlineStyle{})))})
	case *ast.Paragraph, *ast.TextBlock:
		inl := c.inlines(n, inlineStyle{})
		if strings.TrimSpace(doc.Text(inl)) == "" && !hasNote(inl) {
			return
		}
		c.out = append(c.out, &doc.Paragraph{Inlines: trimInlines(inl), Numbered: c.numbered})
	case *ast.List:
		l := &doc.List{Ordered: n.IsOrdered()}
		for item := n.FirstChild(); item != nil; item = item.NextSibling() {
			var inl []doc.Inline
			for p := item.FirstChild(); p != nil; p = p.NextSibling() {
				if len(inl) > 0 {
					inl = append(inl, doc.Inline{Text: " "})
				}
				inl = append(inl, c.inlines(p, inlineStyle{})...)
			}
			l.Items = append(l.Items, trimInlines(inl))
		}
		c.out = append(c.out, l)
	case *ast.Blockquote:
		var lines []string
		for p := n.FirstChild(); p != nil; p = p.NextSibling() {
			lines = append(lines, strings.TrimSpace(doc.Text(c.inlines(p, inlineStyle{}))))
		}
		q := &doc.Quote{}
		if len(lines) > 1 {
			if last := lines[len(lines)-1]; strings.HasPrefix(last, "—") || strings.HasPrefix(last, "--") {
				q.Attribution = strings.TrimSpace(strings.TrimLeft(last, "—- "))
				lines = lines[:len(lines)-1]
			}
		}
		q.Text = strings.Join(lines, "\n")
		if c.quote != nil {
			attribution, ok := c.quote(q.Text)
			if !ok {
				return
			}
			if attribution != "" {
				q.Attribution = attribution
			}
		}
		c.out = append(c.out, q)
	case *ast.ThematicBreak:
		c.out = append(c.out, &doc.PageBreak{})
	case *ast.HTMLBlock:
		var raw bytes.Buffer
		for i := 0; i < n.Lines().Len(); i++ {
			seg := n.Lines().At(i)
			raw.Write(seg.Value(c.src))
		}
		for _, line := range strings.Split(strings.TrimSpace(raw.String()), "\n") {
			m := markerRE.FindStringSubmatch(strings.TrimSpace(line))
			if m == nil {
				if strings.TrimSpace(line) != "" && !strings.HasPrefix(strings.TrimSpace(line), "<!--") && c.warn != nil {
					c.warn("raw HTML is not rendered: " + strings.TrimSpace(line))
				}
				continue
			}
			i, _ := strconv.Atoi(m[1])
			if i < len(c.blocks) {
				c.out = append(c.out, c.blocks[i]...)
			}
		}
	case *extast.Table:
		t := c.table(n)
		// a paragraph "Table: what it shows" just before a table is its caption
		caption := ""
		if k := len(c.out); k > 0 {
			if p, ok := c.out[k-1].(*doc.Paragraph); ok {
				if text := strings.TrimSpace(doc.Text(p.Inlines)); strings.HasPrefix(text, "Table:") {
					caption = strings.TrimSpace(strings.TrimPrefix(text, "Table:"))
					c.out = c.out[:k-1]
				}
			}
		}
		if c.caption != nil {
			t.ID, t.Caption = c.caption(caption)
		}
		c.out = append(c.out, t)
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		var b strings.Builder
		for i := 0; i < n.Lines().Len(); i++ {
			seg := n.Lines().At(i)
			b.Write(seg.Value(c.src))
		}
		c.out = append(c.out, &doc.Paragraph{Inlines: []doc.Inline{{Text: strings.TrimRight(b.String(), "\n")}}})
	case *extast.FootnoteList:
		// notes travel with their references
	default:
		for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
			c.block(ch)
		}
	}
}

func (c *converter) table(t *extast.Table) *doc.Table {
	out := &doc.Table{}
	for i, a := range t.Alignments {
		_ = i
		switch a {
		case extast.AlignRight:
			out.Align = append(out.Align, doc.Right)
		case extast.AlignCenter:
			out.Align = append(out.Align, doc.Center)
		default:
			out.Align = append(out.Align, doc.Left)
		}
	}
	for row := t.FirstChild(); row != nil; row = row.NextSibling() {
		var cells []string
		for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
			cells = append(cells, strings.TrimSpace(doc.Text(c.inlines(cell, inlineStyle{}))))
		}
		if _, ok := row.(*extast.TableHeader); ok {
			out.Header = cells
			continue
		}
		out.Rows = append(out.Rows, cells)
	}
	return out
}

type inlineStyle struct {
	bold, italic bool
	link         string
	code         bool // inside a code span: text as written
}

// referenceRE finds what Markdown resolves in text: a backslash escape of ASCII punctuation, or
// a character reference (&amp; &#48; &#x30;).
var referenceRE = regexp.MustCompile(`\\[!-/:-@\[-` + "`" + `{-~]|&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});`)

// resolve prints text as Markdown does: escapes and character references resolved, in one pass.
func resolve(s string) string {
	if !strings.ContainsAny(s, "\\&") {
		return s
	}
	return referenceRE.ReplaceAllStringFunc(s, func(m string) string {
		if m[0] == '\\' {
			return m[1:]
		}
		return html.UnescapeString(m)
	})
}

// inlines flattens the inline children of n.
func (c *converter) inlines(n ast.Node, st inlineStyle) []doc.Inline {
	var out []doc.Inline
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		switch ch := ch.(type) {
		case *ast.Text:
			s := string(ch.Value(c.src))
			if !st.code {
				s = resolve(s)
			}
			if ch.SoftLineBreak() || ch.HardLineBreak() {
				s += " "
			}
			out = append(out, doc.Inline{Text: s, Bold: st.bold, Italic: st.italic, Link: st.link})
		case *ast.String:
			out = append(out, doc.Inline{Text: string(ch.Value), Bold: st.bold, Italic: st.italic, Link: st.link})
		case *ast.CodeSpan:
			code := st
			code.code = true
			out = append(out, doc.Inline{Text: doc.Text(c.inlines(ch, code)), Bold: st.bold, Italic: st.italic})
		case *ast.Emphasis:
			s := st
			if ch.Level >= 2 {
				s.bold = true
			} else {
				s.italic = true
			}
			out = append(out, c.inlines(ch, s)...)
		case *ast.Link:
			s := st
			s.link = string(ch.Destination)
			out = append(out, c.inlines(ch, s)...)
		case *ast.AutoLink:
			u := string(ch.URL(c.src))
			out = append(out, doc.Inline{Text: u, Link: u, Bold: st.bold, Italic: st.italic})
		case *extast.FootnoteLink:
			out = append(out, doc.Inline{Note: c.notes[ch.Index]})
		case *ast.RawHTML:
			// inline HTML (comments) is dropped
		default:
			out = append(out, c.inlines(ch, st)...)
		}
	}
	return mergeInlines(out)
}

// mergeInlines joins neighbouring inlines of the same style.
func mergeInlines(in []doc.Inline) []doc.Inline {
	var out []doc.Inline
	for _, x := range in {
		if n := len(out); n > 0 && x.Note == "" && out[n-1].Note == "" && out[n-1].Bold == x.Bold && out[n-1].Italic == x.Italic && out[n-1].Link == x.Link {
			out[n-1].Text += x.Text
			continue
		}
		out = append(out, x)
	}
	return out
}

func trimInlines(in []doc.Inline) []doc.Inline {
	if len(in) == 0 {
		return in
	}
	in[0].Text = strings.TrimLeft(in[0].Text, " ")
	in[len(in)-1].Text = strings.TrimRight(in[len(in)-1].Text, " ")
	return in
}

func hasNote(in []doc.Inline) bool {
	for _, x := range in {
		if x.Note != "" {
			return true
		}
	}
	return false
}
