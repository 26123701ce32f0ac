package html

import (
	"bytes"
	"encoding/base64"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/shadowreport/shadowreport/internal/doc"
	"github.com/shadowreport/shadowreport/internal/policy"
	"github.com/shadowreport/shadowreport/internal/report"
	"github.com/shadowreport/shadowreport/internal/sample/sampletest"
)

var created = time.Date(2017, 10, 9, 0, 0, 0, 0, time.UTC)

// hostile is text an author or a workbook could hold that must print as written.
const hostile = `</style><script>alert("x")</script><b onclick='y'>&amp;`

// hostileDoc exercises every block with hostile text everywhere: a confidential, synthetic
// report with contents, headings whose levels skip, numbered paragraphs and a numbered list,
// notes, links in and out, a table, a chart, a Korean quote with its translation, a page break
// and an annex.
func hostileDoc() *doc.Document {
	return &doc.Document{
		Meta: doc.Meta{
			Title: "Education " + hostile, Subtitle: "Sub " + hostile, Organisation: "Org " + hostile, Contact: "a@example.org",
			State: "Kenya", Mechanism: "CEDAW", Session: "68th session", Stage: "review", Date: "9 October 2017",
			Language: `en" onload="x`, Confidential: true, Synthetic: true,
			Header: "Header " + hostile + ` \" \ `, Footer: "Footer " + hostile,
		},
		Cover: true, Contents: true,
		Blocks: []doc.Block{
			&doc.Heading{Level: 1, Text: "Summary " + hostile, ID: "summary"},
			&doc.Paragraph{Numbered: true, Inlines: []doc.Inline{
				{Text: "See "}, {Text: "the findings", Link: "#findings"}, {Text: ", "}, {Text: "OHCHR", Link: "https://www.ohchr.org/" + hostile},
				{Text: " and "}, {Text: "this", Link: `javascript:alert(1)`}, {Text: "."}, {Note: "A note " + hostile},
			}},
			&doc.Heading{Level: 3, Text: "Deep", ID: "deep"}, // an h3 right after an h1: an h3 in the page, not an h4
			&doc.List{Numbered: true, Items: [][]doc.Inline{{{Text: "one " + hostile}}, {{Text: "two", Bold: true}}}},
			&doc.Heading{Level: 1, Text: "Findings", ID: "findings"},
			&doc.Heading{Level: 2, Text: "Education", ID: "education"},
			&doc.Paragraph{Numbered: true, Inlines: []doc.Inline{{Text: "28 of 40 (70%).", Italic: true}}},
			&doc.Table{ID: "t", Caption: "Table 1. " + hostile, Header: []string{"Finding", "2017 " + hostile},
				Align: []doc.Align{doc.Left, doc.Right}, Rows: [][]string{{"Fees " + hostile, "28 of 40"}, {"Labour", "31 of 40\nline two"}},
				Emphasis: []bool{false, true}, Notes: []string{"Note " + hostile}},
			&doc.Figure{ID: "f", Caption: "Figure 1. " + hostile, AltText: "Fees: 28 of 40 in 2017. " + hostile, Chart: doc.Chart{
				Title: "Education " + hostile, Waves: []string{"2014", "2017"}, YLabel: "share",
				Groups: []doc.BarGroup{{Label: "Fees " + hostile, Bars: []doc.Bar{{N: 50, Label: "31 of 50", Share: .62, Lo: .48, Hi: .74}, {N: 40, Label: "28 of 40", Share: .7, Lo: .55, Hi: .82}}},
					{Label: "학교 비용", Bars: []doc.Bar{{N: 50, Label: "<5 of 50", Hidden: true}, {N: 40, Label: "9 of 40", Share: .225, Lo: .12, Hi: .38}}}},
			}},
			&doc.Quote{Text: "학교에 돈을 내지 않으면 " + hostile, Language: "ko", Translation: "If we did not pay " + hostile, Attribution: "woman in her 30s " + hostile},
			&doc.PageBreak{},
			&doc.Heading{Level: 1, Text: "Annex: tables", ID: "annex"},
			&doc.Paragraph{Numbered: true, Small: true, Inlines: []doc.Inline{{Text: "Last."}}},
		},
	}
}

func render(t testing.TB, d *doc.Document) ([]byte, []string) {
	t.Helper()
	var buf bytes.Buffer
	var warns []string
	if _, err := Render(&buf, d, Options{Created: created, Warn: func(s string) { warns = append(warns, s) }}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), warns
}

// sampleReport is the sample project's report, assembled as build does.
func sampleReport(t testing.TB) *doc.Document {
	t.Helper()
	dir := sampletest.Dir(t)
	p, res := sampletest.Load(t, dir)
	templates, err := report.Load(filepath.Join(dir, "templates"))
	if err != nil {
		t.Fatal(err)
	}
	in := report.Input{Project: p, Policy: policy.New(p, res, policy.Options{}), Who: "women", One: "woman", Synthetic: true}
	for _, tm := range templates {
		if tm.Name == "report" {
			out, err := report.Assemble(in, tm)
			if err != nil {
				t.Fatal(err)
			}
			return out.Doc
		}
	}
	t.Fatal("no report template")
	return nil
}

// TestStructure checks the rules of an accessible page on the hostile document and on the
// sample's report.
func TestStructure(t *testing.T) {
	handout := &doc.Document{Meta: doc.Meta{Title: "Key concerns", Organisation: "Network A", Mechanism: "CEDAW"}, PageBudget: 1, Blocks: []doc.Block{
		&doc.Heading{Level: 2, Text: "Fees", ID: "fees"}, // a section first: an h2 under the title
		&doc.Paragraph{Inlines: []doc.Inline{{Text: "28 of 40."}}},
		&doc.Heading{Level: 3, Text: "Detail", ID: "detail"},
	}}
	for name, d := range map[string]*doc.Document{"hostile": hostileDoc(), "sample report": sampleReport(t), "a public handout": handout} {
		t.Run(name, func(t *testing.T) {
			page, _ := render(t, d)
			checkStructure(t, page, doc.Resolve(d))
		})
	}
}

// checkStructure parses page with an HTML5 parser and checks it against the model.
func checkStructure(t *testing.T, page []byte, d *doc.Resolved) {
	t.Helper()
	root, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var all []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			all = append(all, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	byTag := func(tag string) []*html.Node {
		var out []*html.Node
		for _, n := range all {
			if n.Data == tag {
				out = append(out, n)
			}
		}
		return out
	}
	ids := map[string]*html.Node{}
	for _, n := range all {
		if id, ok := attr(n, "id"); ok {
			if ids[id] != nil {
				t.Errorf("id %q used twice", id)
			}
			ids[id] = n
		}
	}

	// the language, the viewport, one document: nothing runs, nothing is fetched
	if lang, _ := attr(byTag("html")[0], "lang"); lang != d.Props.Language || !doc.ValidLanguage(lang) {
		t.Errorf("lang %q, want %q", lang, d.Props.Language)
	}
	viewport := false
	for _, m := range byTag("meta") {
		if v, _ := attr(m, "name"); v == "viewport" {
			viewport = true
		}
	}
	if !viewport {
		t.Errorf("no viewport meta element: the page would be shrunk on a phone")
	}
	for _, tag := range []string{"script", "iframe", "object", "embed", "img", "link", "base", "form", "input", "audio", "video", "b"} {
		if n := len(byTag(tag)); n > 0 {
			t.Errorf("%d <%s> elements", n, tag)
		}
	}
	for _, n := range all {
		for _, a := range n.Attr {
			v := strings.ToLower(strings.TrimSpace(a.Val))
			switch {
			case strings.HasPrefix(a.Key, "on"):
				t.Errorf("<%s %s=%q>: an event handler", n.Data, a.Key, a.Val)
			case a.Key == "href" && !strings.HasPrefix(v, "#"):
				t.Errorf("<%s href=%q>: a link out of the page", n.Data, a.Val)
			case a.Key == "href" && ids[a.Val[1:]] == nil:
				t.Errorf("<%s href=%q>: no element has that id", n.Data, a.Val)
			case a.Key == "src" || a.Key == "srcset" || a.Key == "xmlns" || strings.Contains(v, "://") || strings.HasPrefix(v, "//") || strings.Contains(v, "javascript:"):
				t.Errorf("<%s %s=%q>: an address", n.Data, a.Key, a.Val)
			}
		}
	}
	styles := byTag("style")
	if len(styles) != 1 {
		t.Fatalf("%d style elements, want 1", len(styles))
	}
	css := textOf(styles[0])
	for _, u := range regexp.MustCompile(`url\(([^)]*)\)`).FindAllStringSubmatch(css, -1) {
		if !strings.HasPrefix(u[1], "data:font/woff;base64,") {
			t.Errorf("the style sheet refers to %.60q", u[1])
		}
	}
	for _, want := range []string{"@media print{", "@page{", "@page:first{", "counter(pages)", "@media (max-width:"} {
		if !strings.Contains(css, want) {
			t.Errorf("the style sheet has no %q", want)
		}
	}

	// landmarks: a banner, the contents, the main part, the footer
	for tag, want := range map[string]int{"header": 1, "main": 1, "nav": 0, "footer": 1} {
		if tag == "nav" && d.Contents {
			want = 1
		}
		if n := len(byTag(tag)); n != want {
			t.Errorf("%d <%s> landmarks, want %d", n, tag, want)
		}
	}

	// one h1, the title; no heading level skipped
	var levels []int
	var headings []string
	for _, n := range all {
		if len(n.Data) == 2 && n.Data[0] == 'h' && n.Data[1] >= '1' && n.Data[1] <= '6' {
			levels = append(levels, int(n.Data[1]-'0'))
			headings = append(headings, textOf(n))
		}
	}
	if len(levels) == 0 || levels[0] != 1 || slices.Index(levels[1:], 1) >= 0 {
		t.Errorf("heading levels %v: want one h1, first", levels)
	}
	for i := 1; i < len(levels); i++ {
		if levels[i] > levels[i-1]+1 {
			t.Errorf("heading %q is an h%d after an h%d", headings[i], levels[i], levels[i-1])
		}
	}
	if title := doc.Plain(d.Props.Title); title != "" && headings[0] != title {
		t.Errorf("h1 %q, want the title %q", headings[0], title)
	}
	// every heading of the model, with its anchor
	for i, b := range d.Document.Blocks {
		if h, ok := b.(*doc.Heading); ok {
			n := ids[d.Info[i].Anchor]
			if n == nil || n.Data != "h"+strconv.Itoa(d.Info[i].Outline+1) || textOf(n) != doc.Plain(h.Text) {
				t.Errorf("heading %q: no h%d with id %q", h.Text, d.Info[i].Outline+1, d.Info[i].Anchor)
			}
		}
	}

	// tables: a caption first, column headers and row headers with their scope
	for i, tbl := range byTag("table") {
		first := firstElement(tbl)
		if first == nil || first.Data != "caption" || textOf(first) == "" {
			t.Errorf("table %d has no caption first", i+1)
		}
		for _, th := range descendants(tbl, "th") {
			scope, _ := attr(th, "scope")
			inHead := ancestor(th, "thead") != nil
			if inHead && scope != "col" || !inHead && scope != "row" {
				t.Errorf("table %d: <th scope=%q> in %s", i+1, scope, th.Parent.Parent.Data)
			}
		}
		for _, tr := range descendants(tbl, "tr") {
			if c := firstElement(tr); c == nil || c.Data != "th" {
				t.Errorf("table %d: a row without a header cell", i+1)
			}
		}
	}

	// charts: inline SVG, named by the caption and described by the alternative text
	var figures []*doc.Figure
	for _, b := range d.Document.Blocks {
		if f, ok := b.(*doc.Figure); ok {
			figures = append(figures, f)
		}
	}
	svgs := byTag("svg")
	if len(svgs) != len(figures) {
		t.Fatalf("%d svg elements for %d figures", len(svgs), len(figures))
	}
	for i, svg := range svgs {
		role, _ := attr(svg, "role")
		label, _ := attr(svg, "aria-labelledby")
		desc, _ := attr(svg, "aria-describedby")
		if role != "img" || ids[label] == nil || ids[desc] == nil {
			t.Errorf("figure %d: svg role %q labelled by %q described by %q", i+1, role, label, desc)
			continue
		}
		if got := textOf(ids[label]); got != doc.Plain(figures[i].Caption) {
			t.Errorf("figure %d is named %q, want its caption", i+1, got)
		}
		if got := textOf(ids[desc]); got != doc.Plain(figures[i].AltText) {
			t.Errorf("figure %d is described as %q, want its alternative text %q", i+1, got, figures[i].AltText)
		}
	}

	// numbered paragraphs: each an anchor, numbered as the model says
	want := 0
	for _, info := range d.Info {
		want = max(want, info.Number)
	}
	for n := 1; n <= want; n++ {
		id := "p." + strconv.Itoa(n)
		p := ids[id]
		if p == nil {
			t.Errorf("no paragraph %d", n)
			continue
		}
		a := firstElement(p)
		if href, _ := attr(a, "href"); a == nil || href != "#"+id || textOf(a) != strconv.Itoa(n)+"." {
			t.Errorf("paragraph %d does not start with its number as a link to itself", n)
		}
	}
	if ids["p."+strconv.Itoa(want+1)] != nil {
		t.Errorf("more numbered paragraphs than the model's %d", want)
	}

	// the marks, as on every page of the PDF: on screen, and in the margins of every printed page
	body := textOf(byTag("body")[0])
	if d.Meta.Confidential && (!strings.Contains(body, doc.ConfidentialShort) || !strings.Contains(css, cssString(doc.ConfidentialShort))) {
		t.Errorf("the page is not marked confidential on screen and in print")
	}
	if d.Meta.Synthetic && (strings.Count(body, doc.SyntheticBand) < 2 || !strings.Contains(css, cssString(doc.SyntheticBand))) {
		t.Errorf("the page is not marked synthetic on screen and in print")
	}
	// and the front matter's lines, in order
	at := 0
	for _, l := range d.Front {
		if s := doc.Plain(l.Text); s != "" {
			i := strings.Index(body[at:], s)
			if i < 0 {
				t.Errorf("the front matter's %q is missing or out of order", s)
				continue
			}
			at += i
		}
	}
}

// TestEscaping checks that hostile text prints as written, everywhere.
func TestEscaping(t *testing.T) {
	d := hostileDoc()
	page, _ := render(t, d)
	root, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	body := textOf(find(root, "body"))
	// every hostile text is there, as text
	for _, want := range []string{"Education " + hostile, "Summary " + hostile, "Fees " + hostile, "Note " + hostile, "woman in her 30s " + hostile, "A note " + hostile} {
		if !strings.Contains(body, want) {
			t.Errorf("%q does not print as written", want)
		}
	}
	// the link out prints its address, the javascript: link only its text
	if !strings.Contains(body, "OHCHR (https://www.ohchr.org/"+hostile+")") || strings.Contains(body, "javascript") {
		t.Errorf("links out: %q", body)
	}
	// the running header's text reaches the style sheet as a CSS string that ends nowhere else
	css := textOf(find(root, "style"))
	if !strings.Contains(css, cssString("Header "+hostile+` \" \`)) || strings.Count(css, "</") > 0 {
		t.Errorf("the header text is not escaped in the style sheet")
	}
	if lang, _ := attr(find(root, "html"), "lang"); lang != "en" {
		t.Errorf("lang %q", lang)
	}
}

// TestCSSString checks that no text ends a CSS string early: the only quotes are the two
// around it, and no character of it can end the rule or the style element.
func TestCSSString(t *testing.T) {
	for _, s := range []string{``, `a "b" \c`, "</style>", "line\nend", "}{;", "양강도 — 30%", "\u2028"} {
		q := cssString(s)
		inner := q[1 : len(q)-1]
		if q[0] != '"' || q[len(q)-1] != '"' || strings.ContainsAny(inner, "\"'<>{};\n\r\u2028") {
			t.Errorf("cssString(%q) = %s", s, q)
		}
		// decode the escapes back
		var b strings.Builder
		for i := 0; i < len(inner); {
			if inner[i] == '\\' {
				v, err := strconv.ParseUint(inner[i+1:i+7], 16, 32)
				if err != nil {
					t.Fatalf("cssString(%q): %v", s, err)
				}
				b.WriteRune(rune(v))
				i += 7
				continue
			}
			b.WriteByte(inner[i])
			i++
		}
		if b.String() != s {
			t.Errorf("cssString(%q) decodes to %q", s, b.String())
		}
	}
}

// TestFonts checks the embedded fonts: WOFF files whose glyphs draw every character of the
// page as the full fonts do (fontdraw_test.go), Korean only where there is Korean text.
func TestFonts(t *testing.T) {
	page, _ := render(t, hostileDoc())
	faces := regexp.MustCompile(`@font-face\{font-family:"([^"]+)";font-weight:(\w+);font-style:(\w+);src:url\(data:font/woff;base64,([^)]*)\)`).FindAllStringSubmatch(string(page), -1)
	if len(faces) != 6 {
		t.Fatalf("%d font faces, want 6", len(faces))
	}
	body := pageText(t, page)
	for _, f := range faces {
		data, err := base64.StdEncoding.DecodeString(f[4])
		if err != nil {
			t.Fatal(err)
		}
		checkSubset(t, f[1]+" "+f[2]+" "+f[3], data, body)
	}
	english := &doc.Document{Meta: doc.Meta{Title: "Only English"}}
	page, _ = render(t, english)
	if strings.Contains(string(page), `"Nanum Gothic"`) && strings.Count(string(page), "@font-face") != 4 {
		t.Errorf("a page without Korean embeds Nanum Gothic")
	}
}

func pageText(t *testing.T, page []byte) string {
	root, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	return textOf(find(root, "body"))
}

// TestDeterministic renders twice.
func TestDeterministic(t *testing.T) {
	a, _ := render(t, hostileDoc())
	b, _ := render(t, hostileDoc())
	if !bytes.Equal(a, b) {
		t.Errorf("two renders differ")
	}
}

// TestWarnings checks that what could not print is said once, naming the format.
func TestWarnings(t *testing.T) {
	d := &doc.Document{Meta: doc.Meta{Title: "Emoji 😀"}, Blocks: []doc.Block{&doc.Table{ID: "empty", Caption: "Nothing"}}}
	page, warns := render(t, d)
	if !strings.Contains(string(page), "Emoji □") {
		t.Errorf("the emoji was not replaced")
	}
	if len(warns) != 2 || !strings.HasPrefix(warns[0], "html: replaced 1 kind(s)") || !strings.Contains(warns[1], `table "empty" has no columns`) {
		t.Errorf("warnings %q", warns)
	}
	if _, err := Render(&bytes.Buffer{}, nil, Options{}); err == nil {
		t.Errorf("no error for no document")
	}
}

// --- helpers

func attr(n *html.Node, key string) (string, bool) {
	if n == nil {
		return "", false
	}
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	if n != nil {
		walk(n)
	}
	return strings.TrimSpace(b.String())
}

func find(n *html.Node, tag string) *html.Node {
	if n.Type == html.ElementNode && n.Data == tag {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := find(c, tag); f != nil {
			return f
		}
	}
	return nil
}

func descendants(n *html.Node, tag string) []*html.Node {
	var out []*html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.Data == tag {
			out = append(out, c)
		}
		out = append(out, descendants(c, tag)...)
	}
	return out
}

func firstElement(n *html.Node) *html.Node {
	if n == nil {
		return nil
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			return c
		}
	}
	return nil
}

func ancestor(n *html.Node, tag string) *html.Node {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && p.Data == tag {
			return p
		}
	}
	return nil
}
