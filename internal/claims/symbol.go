package claims

import (
	"regexp"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// series are the first parts of the UN document symbols a shadow report cites: the General
// Assembly and Human Rights Council (A/), the Economic and Social Council and CESCR (E/), the
// Security Council (S/), the Secretariat (ST/), the core documents (HRI/) and the treaty bodies.
var series = []string{"A", "E", "S", "ST", "HRI", "CAT", "CCPR", "CED", "CEDAW", "CERD", "CMW", "CRC", "CRPD"}

// symbolPartRE is one part of a symbol between slashes: capitals and digits joined by dots or
// hyphens (C, PRK, 2-4, WG.6, C.12, CO), or an addendum, revision or corrigendum (Add.1).
var symbolPartRE = regexp.MustCompile(`^(?:[A-Z0-9]+(?:[.-][A-Z0-9]+)*|(?:Add|Rev|Corr|Amend|Suppl)\.[0-9]+)$`)

var suffixRE = regexp.MustCompile(`(?i)^(add|rev|corr|amend|suppl)\.([0-9]+)$`)

var docPrefixRE = regexp.MustCompile(`(?i)^(?:u\.?\s?n\.?\s*)?(?:doc(?:ument)?\.?|symbol)?\s*(?:no\.?\s*)?:?\s*`)

// unifyDashes writes every dash a copy from a PDF or Word can bring (en dash, non-breaking
// hyphen, minus) as the hyphen UN symbols use, in NFKC form (fullwidth letters and slashes
// become plain ones), trimmed.
func unifyDashes(s string) string {
	s = norm.NFKC.String(s)
	s = strings.Map(func(r rune) rune {
		switch r {
		case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '\uFE63', '\uFF0D':
			return '-'
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

// CheckSymbol checks a UN document symbol (CEDAW/C/PRK/2-4, A/HRC/27/10, E/C.12/PRK/1,
// CRC/C/15/Add.239). It returns the symbol as it is cited (dashes unified, spaces trimmed), or
// why it is not a symbol and, when one is near, the symbol probably meant.
func CheckSymbol(typed string) (symbol, problem, suggestion string) {
	s := unifyDashes(typed)
	if s == "" {
		return "", "there is no document symbol", ""
	}
	if p := symbolProblem(s); p != "" {
		if fix := fixSymbol(s); fix != s && symbolProblem(fix) == "" {
			return "", p, fix
		}
		return "", p, ""
	}
	return s, "", ""
}

func symbolProblem(s string) string {
	switch {
	case strings.ContainsAny(s, " \t\n\u00a0"):
		return "a document symbol has no spaces"
	case strings.Contains(s, `\`):
		return `a document symbol is written with / , not \`
	}
	parts := strings.Split(s, "/")
	for _, p := range parts {
		if p == "" {
			return "a document symbol has no empty part between slashes"
		}
	}
	for i, p := range parts {
		if strings.ToUpper(p) != p && (i == 0 || !suffixRE.MatchString(p)) {
			return "a document symbol is written in capitals, except Add., Rev. and Corr."
		}
	}
	if len(parts) < 3 {
		return "a document symbol has at least three parts separated by / (e.g. CEDAW/C/PRK/2-4 or A/HRC/27/10)"
	}
	first := true
	for _, p := range parts {
		if first {
			first = false
			found := false
			for _, s := range series {
				found = found || p == s
			}
			if !found {
				return "a document symbol starts with a UN series: A, E, HRI or a treaty body (CEDAW, CCPR, CAT, CRC, CERD, CMW, CED, CRPD)"
			}
			continue
		}
		if !symbolPartRE.MatchString(p) {
			return "a document symbol is made of capitals, digits, dots and hyphens between slashes"
		}
	}
	return ""
}

// fixSymbol returns the symbol a researcher probably meant: a "UN Doc." prefix and spaces
// removed, backslashes as slashes, capitals except for Add., Rev. and Corr., no final period.
func fixSymbol(s string) string {
	s = docPrefixRE.ReplaceAllString(s, "")
	s = strings.ReplaceAll(s, `\`, "/")
	s = strings.Join(strings.Fields(s), "")
	s = strings.TrimRight(s, ".,;")
	parts := strings.Split(s, "/")
	for i, p := range parts {
		if m := suffixRE.FindStringSubmatch(p); m != nil && i > 0 {
			parts[i] = strings.ToUpper(m[1][:1]) + strings.ToLower(m[1][1:]) + "." + m[2]
			continue
		}
		parts[i] = strings.ToUpper(p)
	}
	return strings.Join(parts, "/")
}

var (
	// pageRE finds a page reference: p. 12, pp. 12-13, page 12, pg 4.
	pageRE = regexp.MustCompile(`(?i)(?:^|[^a-z])(?:pp?|pg|pages?)\.?\s*([0-9]+(?:\s*-\s*[0-9]+)?)`)
	// paraPrefixRE is a word introducing a paragraph number: para., paras., paragraph, ¶, §.
	paraPrefixRE = regexp.MustCompile(`(?i)^(?:paragraphs?|paras?\.?|¶+|§+)\s*`)
	// paragraphRE is one or more paragraph numbers: 45, 45(b), 3(a)(ii), 4.5, 12-14, 12, 14 and 16.
	paragraphRE = regexp.MustCompile(`(?i)^[0-9]+(?:\.[0-9]+)*(?:\s*\([a-z0-9]{1,6}\))*(?:\s*(?:-|,|and|&)\s*(?:(?:paras?\.?|paragraphs?)\s*)?[0-9]+(?:\.[0-9]+)*(?:\s*\([a-z0-9]{1,6}\))*)*$`)
)

// parseParagraph reads a paragraph cell. It returns the paragraph as cited (prefix removed,
// dashes unified), the page when the cell names one, and whether the paragraph is well formed.
// A cell holding only a page gives an empty paragraph.
func parseParagraph(typed string) (para, page string, ok bool) {
	s := unifyDashes(typed)
	if m := pageRE.FindStringSubmatchIndex(s); m != nil {
		page = strings.Join(strings.Fields(s[m[2]:m[3]]), "")
		s = strings.TrimSpace(s[:m[0]] + " " + s[m[1]:])
		s = strings.Trim(s, " ,;()")
	}
	s = strings.Join(strings.Fields(paraPrefixRE.ReplaceAllString(s, "")), " ")
	if s == "" {
		return "", page, page != ""
	}
	return s, page, paragraphRE.MatchString(s)
}

// paragraphs reports whether a paragraph reference names more than one paragraph.
func paragraphs(p string) bool {
	return strings.ContainsAny(p, "-,&") || strings.Contains(strings.ToLower(p), "and")
}

// cite writes "CEDAW/C/PRK/2-4, para. 45", "…, paras. 12–14", or the page when no paragraph is
// known: "…, p. 12".
func cite(symbol, para, page string) string {
	switch {
	case para != "" && paragraphs(para):
		return symbol + ", paras. " + strings.ReplaceAll(para, "-", "\u2013")
	case para != "":
		return symbol + ", para. " + para
	case page != "":
		return symbol + ", p. " + page
	}
	return symbol
}

// uprNumberRE is the number of a UPR recommendation: the paragraph of the Working Group's
// report and the recommendation's place in it (124.57).
var uprNumberRE = regexp.MustCompile(`^[0-9]{1,4}\.[0-9]{1,4}$`)

// idRE is a claim's or recommendation's id: C1, R-2017-3, upr_124.57.
var idRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$`)
