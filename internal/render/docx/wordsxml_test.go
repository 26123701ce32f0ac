package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/shadowreport/shadowreport/internal/doc"
)

// Words counts the words of a .docx's body, read back from the file, for the tests: the word
// count the build reports is the model's (doc.WordCount), and the tests check that it is the
// count of what this package writes: the text of word/document.xml paragraphs (headings, paragraphs, list items, table
// captions, cells and notes, figure captions, quotes and attributions) and of the footnotes
// they refer to, up to the first Heading1 whose text starts with "Annex". Left out are the
// front matter this package writes in its own styles (the cover and a handout's title block:
// Title, Subtitle, CoverText, CoverField, CoverNotice, CoverStatement), the table of contents
// (TOCHeading, TOC1, TOC2), the figure paragraphs, list markers set as text (ListLabel), and
// the headers and footers. A word is a run of letters, digits and marks, with apostrophes,
// hyphens, dots and commas inside it ("don't", "30-39", "2.5", "1,000"); a Korean eojeol
// is one word. Text is joined per paragraph, as a reader sees it.
func Words(r io.ReaderAt, size int64) (int, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return 0, fmt.Errorf("docx: %w", err)
	}
	read := func(name string) ([]byte, error) {
		for _, f := range zr.File {
			if f.Name != name {
				continue
			}
			rc, err := f.Open()
			if err != nil {
				return nil, fmt.Errorf("docx: %s: %w", name, err)
			}
			defer rc.Close()
			const limit = 512 << 20
			data, err := io.ReadAll(io.LimitReader(rc, limit+1))
			if err != nil {
				return nil, fmt.Errorf("docx: %s: %w", name, err)
			}
			if len(data) > limit {
				return nil, fmt.Errorf("docx: %s is larger than %d MiB", name, limit>>20)
			}
			return data, nil
		}
		return nil, nil
	}
	document, err := read("word/document.xml")
	if err != nil {
		return 0, err
	}
	if document == nil {
		return 0, errors.New("docx: no word/document.xml: not a Word document")
	}
	footnotes, err := read("word/footnotes.xml")
	if err != nil {
		return 0, err
	}
	return countXML(document, footnotes)
}

// uncounted are the paragraph styles Words leaves out.
var uncounted = map[string]bool{
	"Title": true, "Subtitle": true, "CoverText": true, "CoverField": true, "CoverNotice": true, "CoverStatement": true,
	"TOCHeading": true, "TOC1": true, "TOC2": true, "Figure": true,
}

// countXML counts the words of document.xml and of the footnotes (footnotes.xml, may be
// nil) that the counted paragraphs refer to.
func countXML(document, footnotes []byte) (int, error) {
	n, refs := 0, map[string]bool{}
	annex := false
	err := paragraphs(document, "body", func(p textPara) {
		if annex {
			return
		}
		if p.style == "Heading1" && strings.HasPrefix(strings.ToLower(p.text), "annex") {
			annex = true
			return
		}
		if uncounted[p.style] {
			return
		}
		n += doc.CountWords(p.text)
		for _, id := range p.notes {
			refs[id] = true
		}
	})
	if err != nil {
		return 0, fmt.Errorf("word/document.xml: %w", err)
	}
	if len(refs) == 0 || footnotes == nil {
		return n, nil
	}
	err = paragraphs(footnotes, "footnote", func(p textPara) {
		if refs[p.container] {
			n += doc.CountWords(p.text)
		}
	})
	if err != nil {
		return 0, fmt.Errorf("word/footnotes.xml: %w", err)
	}
	return n, nil
}

// textPara is one paragraph as Words sees it.
type textPara struct {
	style     string
	text      string
	notes     []string // ids of the footnotes referred to
	container string   // the w:id of the enclosing footnote
}

// paragraphs calls fn for every WordprocessingML paragraph inside an element named
// container (body or footnote), innermost first when paragraphs nest (text boxes).
func paragraphs(data []byte, container string, fn func(textPara)) error {
	dec := xml.NewDecoder(bytes.NewReader(data))
	type state struct {
		style   string
		text    strings.Builder
		notes   []string
		skipRun bool
		inRun   int
		inPPr   int
	}
	var stack []*state
	inside, cid := 0, ""
	inText := false
	attr := func(e xml.StartElement, name string) string {
		for _, a := range e.Attr {
			if a.Name.Local == name && (a.Name.Space == nsW || a.Name.Space == "") {
				return a.Value
			}
		}
		return ""
	}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Space != nsW {
				continue
			}
			if t.Name.Local == container {
				inside++
				cid = attr(t, "id")
				continue
			}
			if inside == 0 {
				continue
			}
			var top *state
			if len(stack) > 0 {
				top = stack[len(stack)-1]
			}
			switch t.Name.Local {
			case "p":
				stack = append(stack, &state{})
			case "pPr":
				if top != nil {
					top.inPPr++
				}
			case "pStyle":
				if top != nil && top.inPPr > 0 {
					top.style = attr(t, "val")
				}
			case "r":
				if top != nil {
					top.inRun++
					top.skipRun = false
				}
			case "rStyle":
				if top != nil && top.inRun > 0 && attr(t, "val") == "ListLabel" {
					top.skipRun = true
				}
			case "t":
				inText = top != nil && !top.skipRun
			case "tab", "br", "cr":
				if top != nil && top.inRun > 0 && top.inPPr == 0 {
					top.text.WriteByte(' ')
				}
			case "noBreakHyphen":
				if top != nil && top.inRun > 0 {
					top.text.WriteByte('-')
				}
			case "footnoteReference":
				if top != nil {
					top.notes = append(top.notes, attr(t, "id"))
				}
			}
		case xml.EndElement:
			if t.Name.Space != nsW || inside == 0 {
				continue
			}
			if t.Name.Local == container {
				inside--
				continue
			}
			if len(stack) == 0 {
				continue
			}
			top := stack[len(stack)-1]
			switch t.Name.Local {
			case "p":
				stack = stack[:len(stack)-1]
				fn(textPara{style: top.style, text: top.text.String(), notes: top.notes, container: cid})
			case "pPr":
				top.inPPr--
			case "r":
				top.inRun--
				top.skipRun = false
			case "t":
				inText = false
			}
		case xml.CharData:
			if inText && len(stack) > 0 {
				stack[len(stack)-1].text.Write(t)
			}
		}
	}
}
