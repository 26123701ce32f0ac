package diag

import (
	"strings"
	"testing"
)

// A million diagnostics of one kind in one file keep PerRuleFile of them and one line counting
// the rest; the counts stay exact.
func TestCapPerRuleAndFile(t *testing.T) {
	var l List
	const n = 1_000_000
	for i := range n {
		l.Errorf(At("interviews/2017.xlsx", "interviews", 1, i+2), "cell.merged", "cells are merged")
	}
	l.Errorf(At("interviews/2020.xlsx", "interviews", 1, 2), "cell.merged", "cells are merged")
	l.Warnf(At("interviews/2017.xlsx", "interviews", 2, 2), "cell.merged", "a warning of the same rule is another kind")
	if len(l.items) != PerRuleFile+2 {
		t.Fatalf("kept %d diagnostics, want %d", len(l.items), PerRuleFile+2)
	}
	if got := l.Count(Error); got != n+1 {
		t.Errorf("Count(Error) = %d, want %d", got, n+1)
	}
	items := l.Items()
	if len(items) != PerRuleFile+3 {
		t.Fatalf("Items has %d lines, want %d", len(items), PerRuleFile+3)
	}
	// the summary line follows the last kept diagnostic of its kind, before the next file
	var summary int
	for i, d := range items {
		if d.Omitted > 0 {
			summary = i
		}
	}
	d := items[summary]
	if d.Omitted != n-PerRuleFile || d.File != "interviews/2017.xlsx" || d.Rule != "cell.merged" || d.Severity != Error {
		t.Errorf("summary = %+v", d)
	}
	want := "error: ... and 999950 more errors of this kind (cell.merged) in interviews/2017.xlsx"
	if d.String() != want {
		t.Errorf("summary prints %q, want %q", d.String(), want)
	}
	if items[summary-1].Cell != "A51" || items[summary+1].File != "interviews/2020.xlsx" {
		t.Errorf("summary at %d between %v and %v", summary, items[summary-1], items[summary+1])
	}
}

// Disclosure diagnostics are not capped like the others: each names a risk. Their own cap,
// far higher, bounds what a hostile workbook repeating one risk a million times prints.
func TestDisclosureCappedHigher(t *testing.T) {
	MarkDisclosure("test-rule.with-dot")
	var l List
	for i := range 3 * PerRuleFile {
		l.Warnf(At("interviews/2017.xlsx", "interviews", 1, i+2), "k-anonymity", "a group of 1")
		l.Warnf(At("interviews/2017.xlsx", "interviews", 1, i+2), "test-rule.with-dot", "declared")
	}
	if got := len(l.Items()); got != 6*PerRuleFile {
		t.Errorf("Items has %d lines, want all %d", got, 6*PerRuleFile)
	}
	var many List
	for i := range 1_000_000 {
		many.Warnf(At("interviews/2017.xlsx", "quotes", 3, i+2), "quote-text", "the quote holds an exact date")
	}
	items := many.Items()
	if len(items) != PerRuleFileDisclosure+1 || many.Count(Warning) != 1_000_000 || many.Seen(Warning, "quote-text", "interviews/2017.xlsx") != 1_000_000 {
		t.Fatalf("a million disclosure warnings: %d lines, %d counted", len(items), many.Count(Warning))
	}
	if last := items[len(items)-1].String(); last != "warning: ... and 999000 more warnings of this kind (quote-text) in interviews/2017.xlsx" {
		t.Errorf("the last line is %q", last)
	}
	for _, r := range []string{"k-anonymity", "l-diversity", "quote-text", "test-rule.with-dot"} {
		if !IsDisclosure(r) {
			t.Errorf("IsDisclosure(%q) = false", r)
		}
	}
	if IsDisclosure("value.yesno") {
		t.Error("IsDisclosure(value.yesno) = true")
	}
}

// A message never repeats more than MaxArg characters of one text, whatever the caller passes.
func TestLongArgumentsClipped(t *testing.T) {
	var l List
	long := strings.Repeat("x", 32_000)
	l.Errorf(At("e.xlsx", "Sheet1", 1, 3), "import.id", "the case %s appears twice (also %s): each interviewee needs one row", long, "A2")
	l.Errorf(At("e.xlsx", "Sheet1", 1, 4), "import.id", "the case %s appears twice", strings.Repeat("é", MaxArg))
	items := l.Items()
	if want := "the case " + strings.Repeat("x", MaxArg) + "… appears twice (also A2): each interviewee needs one row"; items[0].Message != want {
		t.Errorf("a long argument gives %d bytes: %.80q", len(items[0].Message), items[0].Message)
	}
	if want := "the case " + strings.Repeat("é", MaxArg) + " appears twice"; items[1].Message != want {
		t.Errorf("an argument of MaxArg characters is cut: %.80q", items[1].Message)
	}
}

// Files come in the order their first diagnostic was found, so the codebook's failure read before
// the waves comes before the waves' problems, whatever the names.
func TestRootCauseFirst(t *testing.T) {
	var l List
	l.Errorf(Pos{File: "interviews/codebook.xlsx"}, "file.open", "is damaged")
	l.Warnf(At("interviews/2014.xlsx", "aggregate", 1, 2), "figure.code", "unknown")
	l.Warnf(At("interviews/codebook.xlsx", "codebook", 1, 3), "code.unused", "later")
	items := l.Items()
	if items[0].Rule != "file.open" || items[1].Rule != "code.unused" || items[2].File != "interviews/2014.xlsx" {
		t.Errorf("order: %v", items)
	}
}

func TestMute(t *testing.T) {
	var l List
	l.Mute(func(rule string) bool { return rule == "column.unknown" })
	l.Warnf(Pos{File: "a"}, "column.unknown", "x")
	l.Errorf(Pos{File: "a"}, "id.missing", "y")
	l.Unmute()
	l.Warnf(Pos{File: "a"}, "column.unknown", "z")
	if l.Muted() != 1 || l.Count(Warning) != 1 || l.Count(Error) != 1 {
		t.Errorf("muted %d, warnings %d, errors %d", l.Muted(), l.Count(Warning), l.Count(Error))
	}
}

func TestPosString(t *testing.T) {
	for _, tt := range []struct {
		pos  Pos
		want string
	}{
		{At("w.xlsx", "interviews", 6, 14), "w.xlsx: interviews!F14"},
		{At("w.xlsx", "My sheet", 1, 1), "w.xlsx: 'My sheet'!A1"},
		{At("w.xlsx", "Bob's", 1, 1), "w.xlsx: 'Bob''s'!A1"},
		{At("w.xlsx", "2021", 1, 1), "w.xlsx: '2021'!A1"},
		{At("w.xlsx", "면담", 1, 1), "w.xlsx: 면담!A1"},
		{Pos{File: "w.xlsx", Sheet: "My sheet"}, `w.xlsx: sheet "My sheet"`},
		{Pos{File: "interviews/2017\n# Heading.xlsx"}, `interviews/2017\n# Heading.xlsx`},
		{Pos{File: "report.toml", Line: 3}, "report.toml:3"},
	} {
		if got := tt.pos.String(); got != tt.want {
			t.Errorf("%+v: %q, want %q", tt.pos, got, tt.want)
		}
	}
}

func TestQuote(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"yse", `"yse"`},
		{`8 Referências\Experiência`, `"8 Referências\Experiência"`},
		{"W17\u2060-003", `"W17\u2060-003"`},
		{"soft\u00adhyphen", `"soft\u00adhyphen"`},
		{"a\nb", `"a\nb"`},
		{strings.Repeat("9", 32000), `"` + strings.Repeat("9", QuoteLimit) + `…"`},
		{strings.Repeat("é", QuoteLimit), `"` + strings.Repeat("é", QuoteLimit) + `"`},
	} {
		if got := Quote(tt.in); got != tt.want {
			t.Errorf("Quote(%.20q) = %.80q, want %.80q", tt.in, got, tt.want)
		}
	}
}
