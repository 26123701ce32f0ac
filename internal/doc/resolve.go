package doc

import (
	"strconv"
	"strings"

	"github.com/shadowreport/shadowreport/internal/render/clean"
)

// Resolved is a document with every decision that is the same in every format made once:
// what the front matter says and in which order (the cover of a report, the title block of a
// handout), the contents, the running header and footer, the theme, each heading's anchor and
// outline level, the paragraph numbers and the word count. Renderers map roles to their
// styles and draw; two formats of one document cannot tell a reader different things.
//
// Texts are as the document gives them: renderers clean them for their format (and warn about
// what they replaced). Whether a line is there at all is decided on its text as it will print
// (Plain), so no format prints an empty line another leaves out.
type Resolved struct {
	*Document
	Theme Theme
	// Front is the cover page (Document.Cover) or the title block at the top of a handout's
	// first page, in reading order.
	Front []Line
	// Entries are the lines of the contents, the headings of level 1 and 2, when
	// Document.Contents asks for contents.
	Entries []Entry
	// Header and Footer run on every page but the first; FirstHeader and FirstFooter are the
	// first page's (nothing on a cover; a handout's first page has the mark but not the
	// header's text, which its title block says).
	Header, Footer           Running
	FirstHeader, FirstFooter Running
	// Info holds, for each of Document.Blocks, what was decided about it.
	Info []BlockInfo
	// Words is the word count of the body (see WordCount).
	Words int
	// Props are the file's properties.
	Props Props

	links map[string]string
}

// Props are the properties a file carries about itself (the PDF's document information, the
// Word file's core properties, the HTML page's title, meta elements and lang).
type Props struct {
	Title    string
	Author   string // the submitting organisations, comma-separated
	Subject  string // Meta.Subject, else what the submission is for ("to the Committee on …")
	Keywords string // Meta.Keywords
	// Language is a BCP 47 tag: Meta.Language when it is one (letters, digits and hyphens),
	// else "en".
	Language string
}

// Role is what a line of the front matter is; a renderer maps it to a style (Theme.Style).
type Role int

// The roles of the front matter.
const (
	RoleBand          Role = iota // the synthetic-data band (at the top and the foot of a cover)
	RoleMark                      // the confidential mark
	RoleTitle                     // the title
	RoleSubtitle                  // the subtitle
	RoleRule                      // a short rule (a cover) or a rule under the title block (a handout)
	RoleSubmittedTo               // "Submitted to the Committee on … (CEDAW)"
	RoleSession                   // "68th session — for the review of …" (a cover); "CEDAW · 68th session · … · date" (a handout)
	RoleField                     // a labelled field: State party, Submitted by, Contact, Date
	RoleLabel                     // the label of a field (only a style: no Line has it)
	RoleOrganisations             // the submitting organisations (a handout)
	RoleStatement                 // whether the submission may be published, in a box near the foot of the cover
)

// Line is a line of the front matter. Strong sets it in bold beyond its role's style (the
// confidential statement).
type Line struct {
	Role   Role
	Label  string // a field's label
	Text   string
	Strong bool
}

// Entry is a line of the contents.
type Entry struct {
	Level  int // 1 or 2
	Text   string
	Anchor string
}

// Running is a running header or footer: Text on the left; on the right the confidential
// Mark (a header) or the page number (Page: a footer, "page X of Y", see PageNumber); Band
// across the foot of the page (the synthetic-data band).
type Running struct {
	Text string
	Mark string
	Page bool
	Band string
}

// Empty reports whether r prints nothing.
func (r Running) Empty() bool { return Plain(r.Text) == "" && r.Mark == "" && !r.Page && r.Band == "" }

// The words around the page numbers of a footer: "page 3 of 16".
const (
	PageWord = "page "
	PageOf   = " of "
)

// PageNumber is the footer's page number: "page 3 of 16".
func PageNumber(page, pages int) string {
	return PageWord + strconv.Itoa(page) + PageOf + strconv.Itoa(pages)
}

// BlockInfo is what the model decided about a block.
type BlockInfo struct {
	// Number is the paragraph number of a numbered Paragraph or List, counted across the
	// document from 1; 0 for any other block.
	Number int
	// Level is a heading's level, 1 to 3; Outline its level in an outline without gaps: the
	// first heading is at 1, and no heading is more than one level under the one before it
	// (a level-3 heading right after a level-1 one is at 2).
	Level, Outline int
	// Anchor is a heading's identifier, unique in the document, made of ASCII letters,
	// digits, '-' and '_' only: its ID when it has one that no earlier heading has.
	Anchor string
}

// Plain is text as every renderer prints it on one line: cleaned (clean.Text) and trimmed.
func Plain(s string) string { return strings.TrimSpace(clean.Text(s, false, nil)) }

// Resolve makes the decisions of d that are the same in every format. It does not change
// d. A nil document resolves to nil.
func Resolve(d *Document) *Resolved {
	if d == nil {
		return nil
	}
	r := &Resolved{Document: d, Theme: ThemeOf(d), Info: make([]BlockInfo, len(d.Blocks)), links: map[string]string{}}
	r.front()
	r.running()
	r.props()
	r.blocks()
	r.Words = WordCount(d)
	return r
}

// Link returns the anchor of the heading a link "#id" points to: the first heading whose ID
// is id.
func (r *Resolved) Link(id string) (string, bool) {
	a, ok := r.links[Plain(id)]
	return a, ok
}

func (r *Resolved) front() {
	m := r.Meta
	add := func(role Role, text string) {
		if Plain(text) != "" {
			r.Front = append(r.Front, Line{Role: role, Text: strings.TrimSpace(text)})
		}
	}
	orgs := organisations(m)
	if !r.Cover {
		add(RoleTitle, m.Title)
		add(RoleSubtitle, m.Subtitle)
		add(RoleOrganisations, orgs)
		add(RoleSession, joinPlain(" · ", m.Mechanism, m.Session, m.StagePhrase(), m.Date))
		if m.Confidential {
			add(RoleMark, ConfidentialLong)
		}
		if len(r.Front) > 0 {
			r.Front = append(r.Front, Line{Role: RoleRule})
		}
		return
	}
	if m.Synthetic {
		add(RoleBand, SyntheticBand)
	}
	if m.Confidential {
		add(RoleMark, strings.ToUpper(ConfidentialShort))
	}
	add(RoleTitle, m.Title)
	add(RoleSubtitle, m.Subtitle)
	r.Front = append(r.Front, Line{Role: RoleRule})
	add(RoleSubmittedTo, m.SubmittedTo())
	add(RoleSession, joinPlain(" — ", m.Session, m.StagePhrase()))
	for _, f := range []struct{ label, value string }{
		{"State party", m.State}, {"Submitted by", orgs}, {"Contact", m.Contact}, {"Date", m.Date},
	} {
		if Plain(f.value) != "" {
			r.Front = append(r.Front, Line{Role: RoleField, Label: f.label, Text: strings.TrimSpace(f.value)})
		}
	}
	if m.Confidential {
		r.Front = append(r.Front, Line{Role: RoleStatement, Text: ConfidentialLong, Strong: true})
	} else {
		r.Front = append(r.Front, Line{Role: RoleStatement, Text: PublicStatement})
	}
	if m.Synthetic {
		add(RoleBand, SyntheticBand)
	}
}

// organisations is the submitting organisation and the co-submitters, comma-separated.
func organisations(m Meta) string {
	var names []string
	for _, n := range m.Organisations() {
		if Plain(n) != "" {
			names = append(names, n)
		}
	}
	return strings.Join(names, ", ")
}

// joinPlain joins the parts that print as something, each trimmed.
func joinPlain(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if Plain(p) != "" {
			out = append(out, strings.TrimSpace(p))
		}
	}
	return strings.Join(out, sep)
}

func (r *Resolved) props() {
	m := r.Meta
	r.Props = Props{Title: m.Title, Author: organisations(m), Subject: m.Subject, Keywords: m.Keywords(), Language: "en"}
	if Plain(m.Subject) == "" {
		r.Props.Subject = strings.TrimPrefix(m.SubmittedTo(), "Submitted ")
	}
	if l := strings.TrimSpace(m.Language); ValidLanguage(l) {
		r.Props.Language = l
	}
}

// ValidLanguage reports whether s looks like a BCP 47 language tag: 1 to 35 ASCII letters,
// digits and hyphens, starting with a letter.
func ValidLanguage(s string) bool {
	if s == "" || len(s) > 35 || !(s[0] >= 'a' && s[0] <= 'z' || s[0] >= 'A' && s[0] <= 'Z') {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

func (r *Resolved) running() {
	m := r.Meta
	mark := ""
	if m.Confidential {
		mark = ConfidentialShort
	}
	band := ""
	if m.Synthetic {
		band = SyntheticBand
	}
	r.Header = Running{Text: m.Header, Mark: mark}
	r.Footer = Running{Text: m.Footer, Page: true, Band: band}
	if !r.Cover {
		r.FirstHeader = Running{Mark: mark}
		r.FirstFooter = r.Footer
	}
}

func (r *Resolved) blocks() {
	used := map[string]bool{}
	n, outline, headings := 0, 0, 0
	for i, b := range r.Document.Blocks {
		info := &r.Info[i]
		switch b := b.(type) {
		case *Paragraph:
			if b != nil && b.Numbered {
				n++
				info.Number = n
			}
		case *List:
			if b != nil && b.Numbered {
				n++
				info.Number = n
			}
		case *Heading:
			if b == nil {
				continue
			}
			headings++
			info.Level = clampLevel(b.Level)
			outline = min(info.Level, outline+1)
			info.Outline = outline
			info.Anchor = anchor(b.ID, headings, used)
			if id := Plain(b.ID); id != "" {
				if _, seen := r.links[id]; !seen {
					r.links[id] = info.Anchor
				}
			}
			if r.Document.Contents && info.Level <= 2 {
				r.Entries = append(r.Entries, Entry{Level: info.Level, Text: b.Text, Anchor: info.Anchor})
			}
		}
	}
}

// anchor makes a unique anchor of a heading's ID: ASCII letters, digits, '-' and '_', at
// most 60 characters; "section-N" (the heading's number) when the ID gives nothing or is taken.
func anchor(id string, n int, used map[string]bool) string {
	var b strings.Builder
	for _, c := range Plain(id) {
		if b.Len() >= 60 {
			break
		}
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '-', c == '_':
			b.WriteRune(c)
		default:
			b.WriteByte('-')
		}
	}
	a := b.String()
	if a == "" || used[strings.ToLower(a)] {
		a = "section-" + strconv.Itoa(n)
		for i := 2; used[strings.ToLower(a)]; i++ {
			a = "section-" + strconv.Itoa(n) + "-" + strconv.Itoa(i)
		}
	}
	used[strings.ToLower(a)] = true
	return a
}

// WordCount counts the words of a document's body as a reader of the Word file (the
// submission) counts them: every heading, paragraph, list item, quotation (with its
// translation, "Translation:" included, and its attribution), table caption, header, cell and
// note, figure caption, and footnote, from the start of the body up to the first level-1
// heading that starts with "Annex"; the cover, a handout's title block and the contents are
// not counted. The text of a paragraph is joined before counting (a word in two styles is
// one word), and counted as it prints (Plain). A word is as CountWords says.
func WordCount(d *Document) int {
	if d == nil {
		return 0
	}
	n := 0
	text := func(s string) { n += CountWords(clean.Text(s, true, nil)) }
	inlines := func(ins []Inline) {
		var b strings.Builder
		for _, in := range ins {
			b.WriteString(clean.Text(in.Text, false, nil))
			n += CountWords(Plain(in.Note))
		}
		n += CountWords(b.String())
	}
	for _, b := range d.Blocks {
		switch b := b.(type) {
		case *Heading:
			if b == nil {
				continue
			}
			if b.StartsAnnex() {
				return n
			}
			text(b.Text)
		case *Paragraph:
			if b != nil {
				inlines(b.Inlines)
			}
		case *List:
			if b != nil {
				for _, it := range b.Items {
					inlines(it)
				}
			}
		case *Quote:
			if b != nil {
				text(b.Text)
				if strings.TrimSpace(clean.Text(b.Translation, true, nil)) != "" {
					text(TranslationLabel + " " + b.Translation)
				}
				text(b.Attribution)
			}
		case *Table:
			if b == nil {
				continue
			}
			text(b.Caption)
			if ncol := b.Columns(); ncol > 0 {
				for _, row := range append([][]string{b.Header}, b.Rows...) {
					for _, c := range row[:min(len(row), ncol)] {
						text(c)
					}
				}
			}
			for _, note := range b.Notes {
				text(note)
			}
		case *Figure:
			if b != nil {
				text(b.Caption)
			}
		}
	}
	return n
}

// TranslationLabel introduces the translation of a quotation.
const TranslationLabel = "Translation:"

// Columns is the number of columns of t: its header's or its longest row's.
func (t *Table) Columns() int {
	n := len(t.Header)
	for _, row := range t.Rows {
		n = max(n, len(row))
	}
	return n
}
