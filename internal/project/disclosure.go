package project

import (
	"fmt"

	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/dataset"
	"github.com/shadowreport/shadowreport/internal/diag"
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
	for _, q := range w.Quotes {
		if q.Person < 0 || w.People[q.Person].Consent == dataset.ConsentWithdrawn {
			continue
		}
		for _, h := range privacy.Scan(q.Text, terms) {
			diags.Warnf(diag.At(w.File, "quotes", q.TextCol, q.Row), privacy.RuleQuoteText,
				"the quote holds %s (characters %d–%d); build refuses to publish it: remove the detail, or mark the quote reviewed only once it is safe", what(h), h.Start+1, h.End)
		}
	}
	for _, col := range w.Columns {
		if col.Code.Type != codebook.Text {
			continue
		}
		for i, s := range col.Text {
			if s == "" || w.People[i].Consent == dataset.ConsentWithdrawn {
				continue
			}
			for _, h := range privacy.Scan(s, terms) {
				diags.Warnf(diag.At(w.File, "interviews", col.Col, w.People[i].Row), privacy.RuleQuoteText,
					"the answer to %s holds %s: text answers are never published, but the workbook itself must not carry identifying details", col.Code.Name, what(h))
			}
		}
	}
}

// what names what a hit is without repeating it: the message may travel where the quote must not.
func what(h privacy.Hit) string { return h.Describe() }
