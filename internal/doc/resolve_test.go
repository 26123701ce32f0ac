package doc

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func meta() Meta {
	return Meta{
		Title: "Education of women", Subtitle: "Evidence from interviews", Organisation: "Network A",
		CoSubmitters: []string{" ", "Network B"}, Contact: "a@example.org", State: "Kenya",
		Mechanism: "CEDAW", Session: "68th session", Stage: "review", Date: "9 October 2017", Language: "en",
		Header: "Network A · CEDAW", Footer: "Submission",
	}
}

// lines renders front matter as "role: label text" for comparison.
func lines(ls []Line) []string {
	names := map[Role]string{RoleBand: "band", RoleMark: "mark", RoleTitle: "title", RoleSubtitle: "subtitle", RoleRule: "rule",
		RoleSubmittedTo: "submitted", RoleSession: "session", RoleField: "field", RoleOrganisations: "organisations", RoleStatement: "statement"}
	var out []string
	for _, l := range ls {
		s := names[l.Role] + ":"
		if l.Label != "" {
			s += " " + l.Label + " ="
		}
		if l.Text != "" {
			s += " " + l.Text
		}
		if l.Strong {
			s += " (strong)"
		}
		out = append(out, s)
	}
	return out
}

// TestFront checks the cover and the title block line by line: what the PDF, Word and HTML
// files all print, in this order.
func TestFront(t *testing.T) {
	public := meta()
	secret := meta()
	secret.Confidential, secret.Synthetic = true, true
	secret.Subtitle = "\u200b " // prints as nothing
	tests := []struct {
		name string
		d    *Document
		want []string
	}{
		{"a public report's cover", &Document{Meta: public, Cover: true}, []string{
			"title: Education of women", "subtitle: Evidence from interviews", "rule:",
			"submitted: Submitted to the Committee on the Elimination of Discrimination against Women\u00a0(CEDAW)",
			"session: 68th session — for the review of Kenya",
			"field: State party = Kenya", "field: Submitted by = Network A, Network B", "field: Contact = a@example.org", "field: Date = 9 October 2017",
			"statement: " + PublicStatement,
		}},
		{"a confidential synthetic report's cover", &Document{Meta: secret, Cover: true}, []string{
			"band: " + SyntheticBand, "mark: " + strings.ToUpper(ConfidentialShort),
			"title: Education of women", "rule:",
			"submitted: Submitted to the Committee on the Elimination of Discrimination against Women\u00a0(CEDAW)",
			"session: 68th session — for the review of Kenya",
			"field: State party = Kenya", "field: Submitted by = Network A, Network B", "field: Contact = a@example.org", "field: Date = 9 October 2017",
			"statement: " + ConfidentialLong + " (strong)", "band: " + SyntheticBand,
		}},
		{"a handout's title block", &Document{Meta: public}, []string{
			"title: Education of women", "subtitle: Evidence from interviews", "organisations: Network A, Network B",
			"session: CEDAW · 68th session · for the review of Kenya · 9 October 2017", "rule:",
		}},
		{"a confidential handout's", &Document{Meta: secret}, []string{
			"title: Education of women", "organisations: Network A, Network B",
			"session: CEDAW · 68th session · for the review of Kenya · 9 October 2017", "mark: " + ConfidentialLong, "rule:",
		}},
		{"a handout with nothing to say has no rule", &Document{}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := lines(Resolve(tt.d).Front); !slices.Equal(got, tt.want) {
				t.Errorf("front:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestRunning(t *testing.T) {
	m := meta()
	m.Confidential, m.Synthetic = true, true
	r := Resolve(&Document{Meta: m, Cover: true})
	if r.Header != (Running{Text: m.Header, Mark: ConfidentialShort}) || r.Footer != (Running{Text: m.Footer, Page: true, Band: SyntheticBand}) {
		t.Errorf("report: header %+v, footer %+v", r.Header, r.Footer)
	}
	if !r.FirstHeader.Empty() || !r.FirstFooter.Empty() {
		t.Errorf("a cover has a header or footer: %+v %+v", r.FirstHeader, r.FirstFooter)
	}
	h := Resolve(&Document{Meta: m})
	if h.FirstHeader != (Running{Mark: ConfidentialShort}) || h.FirstFooter != h.Footer {
		t.Errorf("a handout's first page: %+v %+v", h.FirstHeader, h.FirstFooter)
	}
	if got := PageNumber(3, 16); got != "page 3 of 16" {
		t.Errorf("PageNumber = %q", got)
	}
}

// TestOutline checks every sequence of up to five heading levels (0 to 4, out-of-range levels
// included): the outline starts at 1, never goes more than one level deeper than the heading
// before it, and follows the levels otherwise.
func TestOutline(t *testing.T) {
	var seqs [][]int
	var gen func(prefix []int)
	gen = func(prefix []int) {
		seqs = append(seqs, slices.Clone(prefix))
		if len(prefix) == 5 {
			return
		}
		for l := 0; l <= 4; l++ {
			gen(append(prefix, l))
		}
	}
	gen(nil)
	for _, seq := range seqs {
		d := &Document{Contents: true}
		for i, l := range seq {
			d.Blocks = append(d.Blocks, &Paragraph{Numbered: true}, &Heading{Level: l, Text: fmt.Sprint("H", i)})
		}
		r := Resolve(d)
		prev := 0
		var entries []Entry
		for i, info := range r.Info {
			h, ok := d.Blocks[i].(*Heading)
			if !ok {
				if info.Number != i/2+1 {
					t.Fatalf("%v: paragraph %d numbered %d", seq, i/2+1, info.Number)
				}
				continue
			}
			level := min(max(h.Level, 1), 3)
			want := min(level, prev+1)
			if info.Level != level || info.Outline != want {
				t.Fatalf("%v: heading %q: level %d outline %d, want %d and %d", seq, h.Text, info.Level, info.Outline, level, want)
			}
			prev = want
			if level <= 2 {
				entries = append(entries, Entry{Level: level, Text: h.Text, Anchor: info.Anchor})
			}
		}
		if !slices.Equal(r.Entries, entries) {
			t.Fatalf("%v: contents %v, want %v", seq, r.Entries, entries)
		}
	}
}

func TestAnchors(t *testing.T) {
	d := &Document{Blocks: []Block{
		&Heading{Level: 1, Text: "A", ID: "findings"},
		&Heading{Level: 1, Text: "B", ID: "findings"},             // taken
		&Heading{Level: 1, Text: "C"},                             // none
		&Heading{Level: 1, Text: "D", ID: `"><script>x</script>`}, // hostile
		&Heading{Level: 1, Text: "E", ID: "Section-3"},            // taken, whatever the case
		&Heading{Level: 1, Text: "F", ID: "\u200b"},               // prints as nothing
	}}
	r := Resolve(d)
	var got []string
	for _, info := range r.Info {
		got = append(got, info.Anchor)
	}
	want := []string{"findings", "section-2", "section-3", "---script-x--script-", "section-5", "section-6"}
	if !slices.Equal(got, want) {
		t.Errorf("anchors %q, want %q", got, want)
	}
	for id, a := range map[string]string{"findings": "findings", " findings ": "findings", `"><script>x</script>`: "---script-x--script-"} {
		if got, ok := r.Link(id); !ok || got != a {
			t.Errorf("Link(%q) = %q, %v; want %q", id, got, ok, a)
		}
	}
	if _, ok := r.Link("nowhere"); ok {
		t.Errorf("a link to no heading resolves")
	}
}

// TestWordCount counts by hand what a reader of the Word file counts.
func TestWordCount(t *testing.T) {
	d := &Document{Blocks: []Block{
		&Heading{Level: 1, Text: "Executive summary"},                                                                       // 2
		&Paragraph{Inlines: []Inline{{Text: "28 of 40 (70%) don't, aged 30-39; 2.5."}}},                                     // 8
		&Paragraph{Inlines: []Inline{{Text: "over"}, {Text: "all", Bold: true}, {Note: "Two words."}}},                      // "overall" 1 + 2
		&Paragraph{Inlines: []Inline{{Text: "zero\u200bwidth and\tsoft\u00adhyphen"}}},                                      // zerowidth and softhyphen: 3
		&Quote{Text: "학교에 돈을 내지 못하면", Translation: "If we could not pay", Attribution: "woman, 30s"},                        // 4 + Translation 1 + 5 + 2
		&Table{Caption: "Table 1. X", Header: []string{"a", "b"}, Rows: [][]string{{"1 of 2", "y"}}, Notes: []string{"n."}}, // 3 + 2 + 4 + 1
		&Figure{Caption: "Figure 1. Fees", AltText: "not counted"},                                                          // 3
		&Heading{Level: 0, Text: " Annex: all findings"},                                                                    // level 0 is a chapter: the annex
		&Paragraph{Inlines: []Inline{{Text: "not counted at all"}}},
	}}
	want := 2 + 8 + 3 + 3 + 12 + 10 + 3
	if got := WordCount(d); got != want {
		t.Errorf("WordCount = %d, want %d", got, want)
	}
	if got := Resolve(d).Words; got != want {
		t.Errorf("Resolved.Words = %d, want %d", got, want)
	}
}

func TestProps(t *testing.T) {
	m := meta()
	m.Subject = ""
	m.Language = "en GB" // not a tag
	p := Resolve(&Document{Meta: m}).Props
	want := Props{Title: m.Title, Author: "Network A, Network B", Subject: "to the Committee on the Elimination of Discrimination against Women\u00a0(CEDAW)",
		Keywords: "CEDAW; 68th session; Kenya; shadow report", Language: "en"}
	if p != want {
		t.Errorf("props %+v\nwant %+v", p, want)
	}
}

func TestTheme(t *testing.T) {
	r, h := ReportTheme(), HandoutTheme()
	// the report's text area is 210 − 30 − 25 mm wide; a chart spans at most 160 mm of it
	if r.TextWidth() != 155 || r.FigureSpan() != 155 || h.TextWidth() != 170 || h.FigureSpan() != 160 {
		t.Errorf("text widths %g, %g; figure spans %g, %g", r.TextWidth(), h.TextWidth(), r.FigureSpan(), h.FigureSpan())
	}
	if ThemeOf(&Document{Cover: true}).Margins != r.Margins || ThemeOf(&Document{}).Margins != h.Margins {
		t.Errorf("ThemeOf chose the wrong theme")
	}
	if got := r.Colours.Navy.Hex(); got != "1F3A5F" {
		t.Errorf("navy %s", got)
	}
}
