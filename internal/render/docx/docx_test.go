package docx

import (
	"bytes"
	"os"
	"os/user"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shadowreport/shadowreport/internal/doc"
)

// TestStructure reads the rendered sample with encoding/xml alone and checks that every
// block became the WordprocessingML a Word user expects.
func TestStructure(t *testing.T) {
	data, warns := render(t, sampleDoc())
	if *sampleOut != "" {
		if err := os.WriteFile(*sampleOut, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p := unzip(t, data)
	document := parse(t, p, "word/document.xml")
	ps := bodyParagraphs(document)

	t.Run("parts", func(t *testing.T) {
		want := []string{"[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml",
			"word/document.xml", "word/_rels/document.xml.rels", "word/styles.xml", "word/numbering.xml",
			"word/settings.xml", "word/fontTable.xml", "word/footnotes.xml", "word/header1.xml", "word/footer1.xml",
			"word/header2.xml", "word/footer2.xml", "word/charts/chart1.xml", "word/media/image1.png"}
		if !slices.Equal(p.names, want) {
			t.Errorf("parts:\n got %q\nwant %q", p.names, want)
		}
		for _, f := range p.zip.File {
			if !f.Modified.Equal(created) {
				t.Errorf("%s: modified %v, want %v", f.Name, f.Modified, created)
			}
		}
		for name, b := range p.files {
			if strings.HasSuffix(name, ".xml") || strings.HasSuffix(name, ".rels") {
				parse(t, p, name)
			}
			if strings.HasSuffix(name, ".png") && !bytes.HasPrefix(b, []byte("\x89PNG")) {
				t.Errorf("%s is not a PNG", name)
			}
		}
		ct := string(p.files["[Content_Types].xml"])
		for _, s := range []string{`Extension="png" ContentType="image/png"`, `PartName="/word/document.xml"`, `PartName="/word/footnotes.xml"`, `PartName="/word/numbering.xml"`,
			`PartName="/word/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"`} {
			if !strings.Contains(ct, s) {
				t.Errorf("[Content_Types].xml lacks %s", s)
			}
		}
		if len(warns) != 1 || !strings.Contains(warns[0], "U+1F600") {
			t.Errorf("warnings: %q, want one about the emoji", warns)
		}
	})

	t.Run("cover", func(t *testing.T) {
		var cover []string
		for _, x := range ps {
			if strings.HasPrefix(x.style(), "TOC") {
				break
			}
			cover = append(cover, x.text())
		}
		text := strings.Join(cover, "\n")
		for _, s := range []string{
			"Education and Health of Women Who Left North Korea",
			"Submitted to the Committee on the Elimination of Discrimination against Women\u00a0(CEDAW)",
			"68th session — for the review of the Democratic People's Republic of Korea",
			"State party", "Submitted by", "Citizens' Alliance for Testimony, Women's Rights Network Seoul",
			"Jane Researcher, report@example.org", "9 October 2017",
			"CONFIDENTIAL — for the Committee only. Not for publication.",
			"Built from SYNTHETIC sample data — not real testimony",
		} {
			if !strings.Contains(text, s) {
				t.Errorf("cover lacks %q:\n%s", s, text)
			}
		}
		title := paragraphWith(ps, "Education and Health")
		if title.style() != "Title" {
			t.Errorf("title style %q", title.style())
		}
	})

	t.Run("contents", func(t *testing.T) {
		var instr []string
		for _, x := range document.all("instrText") {
			instr = append(instr, x.Text)
		}
		if !slices.Contains(instr, ` TOC \o "1-2" \h \z \u `) {
			t.Errorf("no TOC field: %q", instr)
		}
		var entries []string
		for _, x := range ps {
			if s := x.style(); s == "TOC1" || s == "TOC2" {
				entries = append(entries, s+" "+x.text())
				if a := x.first("hyperlink").attr("anchor"); a == "" {
					t.Errorf("entry %q links nowhere", x.text())
				}
			}
		}
		want := []string{"TOC1 Executive summary", "TOC1 Findings", "TOC2 Education (article 10)", "TOC2 Composition of the samples",
			"TOC1 Questions and " + koreanHeading, "TOC1 Annex: all findings"}
		if !slices.Equal(entries, want) {
			t.Errorf("contents:\n got %q\nwant %q", entries, want)
		}
		settings := parse(t, p, "word/settings.xml")
		if v := settings.first("updateFields").attr("val"); v != "true" {
			t.Errorf("settings: updateFields = %q", v)
		}
	})

	t.Run("headings", func(t *testing.T) {
		bookmarks := map[string]string{}
		for _, tt := range []struct{ text, style string }{
			{"Executive summary", "Heading1"}, {"Findings", "Heading1"}, {"Education (article 10)", "Heading2"},
			{"Contributions in kind", "Heading3"}, {"Composition of the samples", "Heading2"}, {"Questions and " + koreanHeading, "Heading1"},
		} {
			h := paragraphWith(ps, tt.text)
			if h == nil || h.style() != tt.style || h.text() != tt.text {
				t.Errorf("%q: not a %s paragraph", tt.text, tt.style)
				continue
			}
			bm := h.first("bookmarkStart").attr("name")
			if !regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]{0,39}$`).MatchString(bm) {
				t.Errorf("%q: bookmark %q is not a Word bookmark name", tt.text, bm)
			}
			bookmarks[tt.text] = bm
		}
		styles := parse(t, p, "word/styles.xml")
		for _, s := range styles.all("style") {
			id := s.attr("styleId")
			if lv, ok := map[string]string{"Heading1": "0", "Heading2": "1", "Heading3": "2"}[id]; ok {
				if got := s.first("outlineLvl").attr("val"); got != lv {
					t.Errorf("%s: outline level %q, want %s", id, got, lv)
				}
				if s.has("pageBreakBefore") {
					t.Errorf("%s starts a page: a chapter follows on the page it begins", id)
				}
			}
		}
		// the body after the contents and the annex start new pages; other chapters do not
		for text, breaks := range map[string]bool{"Executive summary": true, "Findings": false, "Questions and " + koreanHeading: false, "Annex: all findings": true} {
			if h := paragraphWith(ps, text); h == nil || h.first("pPr").has("pageBreakBefore") != breaks {
				t.Errorf("%q: page break before %v, want %v", text, h != nil && !breaks, breaks)
			}
		}
		// the internal link points at the heading's bookmark
		intro := paragraphWith(ps, "This report draws on")
		var anchors []string
		for _, h := range intro.all("hyperlink") {
			if a := h.attr("anchor"); a != "" {
				anchors = append(anchors, a)
			}
		}
		if !slices.Equal(anchors, []string{bookmarks["Findings"]}) {
			t.Errorf("internal links %q, want the bookmark of Findings %q", anchors, bookmarks["Findings"])
		}
	})

	t.Run("numbering", func(t *testing.T) {
		ids := map[string]bool{}
		for _, s := range numberedTexts {
			x := paragraphWith(ps, s)
			if x == nil {
				t.Fatalf("no paragraph %q", s)
			}
			ids[x.numID()] = true
		}
		if len(ids) != 1 || ids[""] {
			t.Fatalf("numbered paragraphs use numIds %v, want one", ids)
		}
		var numID string
		for id := range ids {
			numID = id
		}
		// the paragraphs that are not numbered are not
		for _, s := range []string{"Contributions in kind", "A small note", "Executive summary"} {
			if x := paragraphWith(ps, s); x.numID() != "" {
				t.Errorf("%q is numbered", s)
			}
		}
		numbering := parse(t, p, "word/numbering.xml")
		abstract := map[string]*node{}
		for _, a := range numbering.all("abstractNum") {
			abstract[a.attr("abstractNumId")] = a
		}
		nums := map[string]*node{}
		for _, n := range numbering.all("num") {
			nums[n.attr("numId")] = n
		}
		lvl := abstract[nums[numID].first("abstractNumId").attr("val")].first("lvl")
		if lvl.first("numFmt").attr("val") != "decimal" || lvl.first("lvlText").attr("val") != "%1." || lvl.first("ind").attr("hanging") == "" {
			t.Errorf("paragraph numbering level: %+v", lvl)
		}
		// bullets, and ordered lists that restart
		bullet := paragraphWith(ps, "12 of 40")
		if f := abstract[nums[bullet.numID()].first("abstractNumId").attr("val")].first("numFmt").attr("val"); f != "bullet" {
			t.Errorf("bullet list format %q", f)
		}
		first, second := paragraphWith(ps, "Ask how fees"), paragraphWith(ps, "First recommendation")
		if first.numID() == second.numID() || first.numID() == numID {
			t.Errorf("ordered lists share numbering: %s, %s", first.numID(), second.numID())
		}
		for _, tt := range []struct {
			x     *node
			start string
		}{{first, "2"}, {second, "1"}} {
			n := nums[tt.x.numID()]
			if got := n.first("startOverride").attr("val"); got != tt.start {
				t.Errorf("%q: start %q, want %s", tt.x.text(), got, tt.start)
			}
		}
		// the numbered list: its first item carries the paragraph number and its own marker as text
		ask := paragraphWith(ps, "1.Ask the delegation")
		if ask == nil || ask.numID() != numID {
			t.Errorf("first item of the numbered list: %v", ask)
		}
	})

	t.Run("inlines", func(t *testing.T) {
		intro := paragraphWith(ps, "This report draws on")
		var bold, italic []string
		for _, r := range intro.all("r") {
			if r.first("rPr").has("b") {
				bold = append(bold, r.text())
			}
			if r.first("rPr").has("i") {
				italic = append(italic, r.text())
			}
		}
		if !slices.Equal(bold, []string{"80 interviews"}) || !slices.Equal(italic, []string{"in advance of"}) {
			t.Errorf("bold %q, italic %q", bold, italic)
		}
		var rid string
		for _, h := range intro.all("hyperlink") {
			if id := h.attr("id"); id != "" {
				rid = id
			}
		}
		rels := parse(t, p, "word/_rels/document.xml.rels")
		found := false
		for _, r := range rels.all("Relationship") {
			if r.attr("Id") == rid {
				found = r.attr("Target") == "https://www.ohchr.org/" && r.attr("TargetMode") == "External" && strings.HasSuffix(r.attr("Type"), "/hyperlink")
			}
		}
		if !found {
			t.Errorf("external link %q: no hyperlink relationship to https://www.ohchr.org/", rid)
		}
		// the footnote
		ref := intro.first("footnoteReference").attr("id")
		footnotes := parse(t, p, "word/footnotes.xml")
		var types []string
		text := ""
		for _, f := range footnotes.all("footnote") {
			if tp := f.attr("type"); tp != "" {
				types = append(types, tp)
			}
			if f.attr("id") == ref {
				text = f.text()
			}
		}
		if ref == "" || strings.TrimSpace(text) != noteText {
			t.Errorf("footnote %q: %q", ref, text)
		}
		if !slices.Equal(types, []string{"separator", "continuationSeparator"}) {
			t.Errorf("footnote separators: %q", types)
		}
		if s := paragraphWith(ps, "She laughed"); !strings.Contains(s.text(), "She laughed □ when asked") {
			t.Errorf("emoji: %q", s.text())
		}
	})

	t.Run("quotes", func(t *testing.T) {
		q := paragraphWith(ps, koreanQuote)
		if q.style() != "Quote" || q.text() != koreanQuote {
			t.Fatalf("Korean quote: style %q, text %q", q.style(), q.text())
		}
		for _, r := range q.all("r") {
			if r.first("lang").attr("eastAsia") != "ko-KR" {
				t.Errorf("Korean quote run without w:lang eastAsia ko-KR")
			}
		}
		a := paragraphWith(ps, "— woman in her 30s")
		if a == nil || a.style() != "QuoteAttribution" {
			t.Errorf("attribution: %v", a)
		}
		styles := parse(t, p, "word/styles.xml")
		for _, s := range styles.all("style") {
			if s.attr("styleId") == "QuoteAttribution" && s.first("jc").attr("val") != "right" {
				t.Errorf("attribution is not right-aligned")
			}
		}
	})

	t.Run("table", func(t *testing.T) {
		var tbl *node
		for _, x := range document.all("tbl") {
			if strings.Contains(x.text(), tableHeader) {
				tbl = x
			}
		}
		if tbl == nil {
			t.Fatal("no table")
		}
		rows := tbl.all("tr")
		if len(rows) != 61 {
			t.Errorf("%d rows, want 61", len(rows))
		}
		if !rows[0].first("trPr").has("tblHeader") || rows[1].first("trPr").has("tblHeader") {
			t.Errorf("only the first row should repeat as a header")
		}
		for i, r := range rows {
			if !r.first("trPr").has("cantSplit") {
				t.Errorf("row %d may split", i)
			}
			if cells := r.all("tc"); len(cells) != 5 {
				t.Errorf("row %d has %d cells", i, len(cells))
			}
		}
		if jc := rows[5].all("tc")[3].first("jc").attr("val"); jc != "right" {
			t.Errorf("numbers column aligned %q", jc)
		}
		if !rows[10].all("tc")[0].first("rPr").has("b") || rows[9].all("tc")[0].first("rPr").has("b") {
			t.Errorf("emphasis: row 10 should be bold, row 9 not")
		}
		grid := tbl.first("tblGrid").all("gridCol")
		if len(grid) != 5 {
			t.Errorf("%d grid columns", len(grid))
		}
		// caption above, notes below
		var before, after *node
		body := document.first("body").Nodes
		for i, x := range body {
			if x == tbl {
				before, after = body[i-1], body[i+1]
			}
		}
		if before.style() != "Caption" || !strings.HasPrefix(before.text(), "Table 1.") || !before.first("pPr").has("keepNext") {
			t.Errorf("caption: %q %q", before.style(), before.text())
		}
		if after.style() != "Note" || !strings.HasPrefix(after.text(), "Age bands") {
			t.Errorf("notes: %q %q", after.style(), after.text())
		}
		// relative widths: 1:4 over the text width, A4 (11906 twips) less the margins of 30 mm
		// (1701 twips) and 25 mm (1417): 8788 twips, so 1757.6 and 7030.4
		for _, x := range document.all("tbl") {
			if strings.Contains(x.text(), "Suggested") || strings.Contains(x.text(), "What share") {
				g := x.first("tblGrid").all("gridCol")
				if g[0].attr("w") != "1758" || g[1].attr("w") != "7030" {
					t.Errorf("widths %s, %s; want 1758, 7030", g[0].attr("w"), g[1].attr("w"))
				}
			}
		}
	})

	t.Run("figure", func(t *testing.T) {
		// a Word chart, with a picture of it as the fallback; the alternative text on both
		ac := document.first("AlternateContent")
		choice, fallback := ac.first("Choice"), ac.first("Fallback")
		if choice.attr("Requires") != "w14" || !choice.has("chart") || choice.has("pic") || !fallback.has("pic") || fallback.has("chart") {
			t.Fatalf("the figure is not a chart with a picture as fallback")
		}
		for _, d := range document.all("docPr") {
			if d.attr("descr") != altText || !strings.HasPrefix(d.attr("title"), "Figure 1.") {
				t.Errorf("docPr: descr %q title %q", d.attr("descr"), d.attr("title"))
			}
		}
		if ids := document.all("docPr"); len(ids) != 2 || ids[0].attr("id") == ids[1].attr("id") {
			t.Errorf("the chart and its picture need distinct drawing ids")
		}
		// 16 cm at most, and no wider than the text: 210 − 30 − 25 = 155 mm
		for _, e := range document.all("extent") {
			if cx := e.attr("cx"); cx != "5580000" {
				t.Errorf("figure %s EMU wide, want 15.5 cm", cx)
			}
		}
		targets := map[string]string{}
		rels := parse(t, p, "word/_rels/document.xml.rels")
		for _, r := range rels.all("Relationship") {
			targets[r.attr("Id")] = r.attr("Target")
		}
		if rid := fallback.first("blip").attr("embed"); targets[rid] != "media/image1.png" {
			t.Errorf("image relationship %s → %s", rid, targets[rid])
		}
		if rid := choice.first("chart").attr("id"); targets[rid] != "charts/chart1.xml" {
			t.Errorf("chart relationship %s → %s", rid, targets[rid])
		}
		c := paragraphWith(ps, "Figure 1.")
		if c == nil || c.style() != "Caption" || c.first("keepNext").attr("val") != "0" {
			t.Errorf("figure caption: %v", c)
		}
	})

	t.Run("header and footer", func(t *testing.T) {
		h := parse(t, p, "word/header1.xml").text()
		if !strings.Contains(h, "Confidential — for the Committee only") || !strings.Contains(h, "Shadow report to CEDAW — DPRK") {
			t.Errorf("header: %q", h)
		}
		f := parse(t, p, "word/footer1.xml")
		var instr []string
		for _, x := range f.all("instrText") {
			instr = append(instr, strings.TrimSpace(x.Text))
		}
		if !slices.Equal(instr, []string{"PAGE", "NUMPAGES"}) || !strings.Contains(f.text(), "Built from SYNTHETIC sample data") ||
			!strings.Contains(f.text(), "page ") || !strings.Contains(f.text(), "Citizens' Alliance") {
			t.Errorf("footer: %q %q", f.text(), instr)
		}
		if s := parse(t, p, "word/header2.xml").text() + parse(t, p, "word/footer2.xml").text(); s != "" {
			t.Errorf("the cover has a header or footer: %q", s)
		}
		if !document.first("sectPr").has("titlePg") {
			t.Errorf("no titlePg")
		}
		pg := document.first("pgSz")
		if pg.attr("w") != "11906" || pg.attr("h") != "16838" {
			t.Errorf("page %sx%s, want A4", pg.attr("w"), pg.attr("h"))
		}
	})

	t.Run("properties", func(t *testing.T) {
		core := parse(t, p, "docProps/core.xml")
		get := func(name string) string { return core.first(name).Text }
		if get("title") != sampleMeta().Title || get("creator") != strings.Join(sampleMeta().Organisations(), ", ") || get("language") != "en" ||
			get("created") != "2017-10-09T12:00:00Z" || get("modified") != "2017-10-09T12:00:00Z" || !strings.Contains(get("keywords"), "CEDAW") ||
			get("subject") != sampleMeta().Subject {
			t.Errorf("core.xml: %s", p.files["docProps/core.xml"])
		}
		if core.has("lastModifiedBy") {
			t.Errorf("core.xml names who modified the file")
		}
		if a := parse(t, p, "docProps/app.xml").first("Application").Text; a != "shadowreport" {
			t.Errorf("Application %q", a)
		}
	})

	t.Run("no local names", func(t *testing.T) {
		words := []string{}
		if u, err := user.Current(); err == nil && u.Username != "" {
			words = append(words, u.Username)
		}
		if h, err := os.Hostname(); err == nil && h != "" {
			words = append(words, h)
		}
		for _, name := range p.names {
			b := p.files[name]
			if strings.HasSuffix(name, ".png") {
				continue // pixels
			}
			s := string(b)
			for _, bad := range []string{"/root", "/home", "/tmp", "/Users/", `C:\`} {
				if strings.Contains(s, bad) || strings.Contains(name, bad) {
					t.Errorf("%s contains %q", name, bad)
				}
			}
			for _, w := range words {
				if regexp.MustCompile(`(?i)(^|[^\pL\pN])` + regexp.QuoteMeta(w) + `($|[^\pL\pN])`).MatchString(s) {
					t.Errorf("%s contains the user or host name %q", name, w)
				}
			}
		}
	})
}

func TestDeterministic(t *testing.T) {
	a, _ := render(t, sampleDoc())
	b, _ := render(t, sampleDoc())
	if !bytes.Equal(a, b) {
		t.Fatal("two renders differ")
	}
	// the date is the only input that changes the file
	var c bytes.Buffer
	if _, err := Render(&c, sampleDoc(), Options{Created: created.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(a, c.Bytes()) {
		t.Error("the date is not written")
	}
}

// TestHandout checks a handout: a title block instead of a cover, no contents, the running
// header's text kept off its first page.
func TestHandout(t *testing.T) {
	d := &doc.Document{Meta: sampleMeta(), PageBudget: 1, Blocks: []doc.Block{
		&doc.Heading{Level: 2, Text: "Key concerns", ID: "concerns"},
		para(false, "28 of 40 women interviewed in 2017 paid informal school fees."),
	}}
	p := unzip(t, mustRender(t, d))
	document := parse(t, p, "word/document.xml")
	ps := bodyParagraphs(document)
	var styles []string
	for _, x := range ps {
		styles = append(styles, x.style())
	}
	want := []string{"Title", "Subtitle", "CoverText", "CoverText", "CoverText", "Heading2", ""}
	if !slices.Equal(styles, want) {
		t.Errorf("styles %q, want %q", styles, want)
	}
	if s := ps[3].text(); s != "CEDAW · 68th session · for the review of the Democratic People's Republic of Korea · 9 October 2017" {
		t.Errorf("session line %q", s)
	}
	if document.has("instrText") || document.has("pageBreakBefore") {
		t.Errorf("a handout has no contents and no page breaks")
	}
	if h := parse(t, p, "word/header2.xml").text(); h != "Confidential — for the Committee only" {
		t.Errorf("first-page header %q", h)
	}
	if f := parse(t, p, "word/footer2.xml").text(); !strings.Contains(f, "Built from SYNTHETIC") {
		t.Errorf("first-page footer %q", f)
	}
	for _, s := range parse(t, p, "word/styles.xml").all("style") {
		if s.attr("styleId") == "Heading1" && s.has("pageBreakBefore") {
			t.Errorf("a handout's chapters do not start pages")
		}
	}
}

func mustRender(t *testing.T, d *doc.Document) []byte {
	t.Helper()
	data, _ := render(t, d)
	return data
}

func TestRenderErrors(t *testing.T) {
	if _, err := Render(&bytes.Buffer{}, nil, Options{}); err == nil {
		t.Error("nil document: no error")
	}
	// a zero date still gives a valid zip (entries cannot go before 1980)
	var buf bytes.Buffer
	if _, err := Render(&buf, &doc.Document{}, Options{}); err != nil {
		t.Fatal(err)
	}
	p := unzip(t, buf.Bytes())
	if got := parse(t, p, "docProps/core.xml").first("created").Text; got != "1970-01-01T00:00:00Z" {
		t.Errorf("created %q", got)
	}
	if y := p.zip.File[0].Modified.Year(); y != 1980 {
		t.Errorf("zip entry year %d", y)
	}
}
