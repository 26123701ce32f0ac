package project

import (
	"fmt"
	"strconv"

	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/dataset"
	"github.com/shadowreport/shadowreport/internal/diag"
	"github.com/shadowreport/shadowreport/internal/english"
	"github.com/shadowreport/shadowreport/internal/privacy"
)

// checkDisclosure reports what could identify an interviewee (docs/disclosure.md): small groups of
// quasi-identifier values, groups that all share a sensitive answer, and identifying details
// in quotes and text answers. None of it names an interviewee's id.
func (p *Project) checkDisclosure(diags *diag.List) {
	d := p.Config.Disclosure
	for _, w := range p.Waves {
		if w.Kind != dataset.Interviews {
			continue
		}
		if w.Incomplete {
			p.scanText(w, diags)
			continue // groups counted on part of a wave would say nothing true; check reports the cause
		}
		sheet := diag.Pos{File: w.File, Sheet: w.Sheet}
		if sheet.Sheet == "" {
			sheet.Sheet = "interviews"
		}
		for _, g := range privacy.SmallGroups(w, p.Codebook, d.K) {
			diags.Warnf(sheet, privacy.RuleKAnonymity,
				"%s the quasi-identifiers %s, fewer than k = %d: anything published about them could identify them; coarsen a quasi-identifier (wider age bands, province groups) or do not publish this group",
				people(g.Count), g, d.K)
		}
		for _, h := range privacy.Homogeneous(w, p.Codebook, d.K) {
			if !h.Serious {
				continue
			}
			diags.Warnf(sheet, privacy.RuleHomogeneity,
				"%s: a table or sentence about this group reveals the answer of each of them (the sensitive code %s); publish no breakdown by these quasi-identifiers", h, h.Code)
		}
		p.scanText(w, diags)
	}
}

func people(n int) string {
	if n == 1 {
		return "only 1 interviewee has"
	}
	return fmt.Sprintf("only %d interviewees share", n)
}

// scanText looks for phone numbers, e-mail addresses, exact dates, ID-like numbers and
// never_publish terms in quotes and text answers. The match itself is not printed.
func (p *Project) scanText(w *dataset.Wave, diags *diag.List) {
	terms := p.Config.Disclosure.Terms()
	// a text repeated in many cells (one shared string used by every row) is scanned once
	scanned := map[string][]privacy.Hit{}
	scan := func(text string) []privacy.Hit {
		h, ok := scanned[text]
		if !ok {
			h = privacy.Scan(text, terms)
			scanned[text] = h
		}
		return h
	}
	for _, q := range w.Quotes {
		if q.Person < 0 || w.People[q.Person].Consent == dataset.ConsentWithdrawn {
			continue
		}
		if hits := scan(q.Text); len(hits) > 0 {
			diags.Warnf(diag.At(w.File, "quotes", q.TextCol, q.Row), privacy.RuleQuoteText,
				"the quote holds %s; build refuses to publish it: remove %s, or mark the quote reviewed only once it is safe", whatAll(hits), english.Plural(len(hits), "the detail", "the details"))
		}
	}
	budget := maxAnswerScan
	for _, col := range w.Columns {
		if col.Code.Type != codebook.Text {
			continue
		}
		for i, s := range col.Text {
			if s == "" || w.People[i].Consent == dataset.ConsentWithdrawn {
				continue
			}
			if _, done := scanned[s]; !done {
				if budget -= len(s); budget < 0 {
					diags.Warnf(diag.At(w.File, "interviews", col.Col, w.People[i].Row), privacy.RuleQuoteText,
						"the text answers up to here hold more than %d MB of text: the rest of them were not scanned for identifying details; text answers are never published, but check them yourself", maxAnswerScan>>20)
					return
				}
			}
			if hits := scan(s); len(hits) > 0 {
				diags.Warnf(diag.At(w.File, "interviews", col.Col, w.People[i].Row), privacy.RuleQuoteText,
					"the answer to %s holds %s: text answers are never published, but the workbook itself must not carry identifying details", col.Code.Name, whatAll(hits))
			}
		}
	}
}

// maxAnswerScan bounds the text answers of a wave scanned for identifying details: the scanner
// costs up to a microsecond a character for text built to slow it, and text answers are never
// published (quotes are bounded by the dataset, and all scanned). 4 MB is 5,000 interviewees
// answering two open questions at the length of a paragraph.
const maxAnswerScan = 4 << 20

// whatAll names what the hits of one text are, and where, without repeating them: the message
// may travel where the quote must not. One message says it all, whatever the number of hits, so
// that a cell of 32,000 characters repeating a date is one line, not thousands:
// "an exact date (characters 4–13)", "2 phone numbers and an exact date (the first at
// characters 4–13)".
func whatAll(hits []privacy.Hit) string {
	first := fmt.Sprintf("characters %d–%d", hits[0].Start+1, hits[0].End)
	if len(hits) == 1 {
		return hits[0].Describe() + " (" + first + ")"
	}
	var kinds []string
	count := map[string]int{}
	one := map[string]string{}
	for _, h := range hits {
		if count[h.Kind] == 0 {
			kinds = append(kinds, h.Kind)
			one[h.Kind] = h.Describe()
		}
		count[h.Kind]++
	}
	var parts []string
	for _, k := range kinds {
		if count[k] == 1 {
			parts = append(parts, one[k])
		} else {
			parts = append(parts, strconv.Itoa(count[k])+" "+plural(k))
		}
	}
	return english.List(parts) + " (the first at " + first + ")"
}

// plural names several hits of a kind.
func plural(kind string) string {
	switch kind {
	case privacy.KindPhone:
		return "phone numbers"
	case privacy.KindEmail:
		return "e-mail addresses"
	case privacy.KindDate:
		return "exact dates"
	case privacy.KindAge:
		return "exact ages"
	case privacy.KindIDNumber:
		return "ID-like numbers"
	case privacy.KindPath:
		return "file paths or user names"
	case privacy.KindNeverPublish:
		return "never_publish terms"
	}
	return kind + "s"
}
