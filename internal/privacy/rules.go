package privacy

import (
	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/textnorm"
)

// Stable identifiers of the rules, for diagnostics and for overrides in report.toml. They are
// part of the project's format: never rename one.
const (
	RuleKAnonymity   = "k-anonymity"    // a combination of quasi-identifier values held by fewer than k people
	RuleHomogeneity  = "l-diversity"    // everyone of a quasi group gave the same answer to a sensitive code
	RuleSmallCells   = "small-cells"    // a published cell of 1 to min_cell-1 people, or one the totals reveal
	RuleQuoteText    = "quote-text"     // a quote holding a phone number, date, ID, e-mail or never_publish term
	RuleQuoteConsent = "quote-consent"  // a quote not reviewed, or of an interviewee who did not consent to quotes
	RuleText         = "published-text" // report.toml, codebook labels, sources: a phone number, date, path, never_publish term…
	RuleTemplateText = "template-text"  // a quotation typed into a template that is not a reviewed quote of the data
	RuleWording      = "wording"        // template text that says more than the interviews support ("increased in")
)

// Overridable reports whether a logged override in report.toml may set the rule aside. Consent
// is the interviewee's decision, not the author's: RuleQuoteConsent never is.
func Overridable(rule string) bool {
	switch rule {
	case RuleKAnonymity, RuleHomogeneity, RuleSmallCells, RuleQuoteText, RuleText, RuleTemplateText, RuleWording:
		return true
	}
	return false
}

// TermKey is the form under which passages of text are compared for overrides and for what a
// build let through: the scanner's normalisation (textnorm.Fold), then case and spaces.
func TermKey(s string) string { return codebook.Key(textnorm.Fold(s).String()) }

// SameTerm reports whether two passages of text are the same for an override's term.
func SameTerm(a, b string) bool {
	a, b = TermKey(a), TermKey(b)
	return a != "" && a == b
}
