// Package english holds the few English wording helpers every package that writes a sentence
// for people needs: a noun for a number, a list joined the way English lists things, a label
// lower-cased where a sentence continues it. They live here once so that the report, the
// messages and the exports say things the same way.
package english

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Plural is one for n = 1, else many: Plural(3, "person", "people") is "people".
func Plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Count words a number of things: Count(1, "test", "tests") is "1 test", Count(17, ...) is
// "17 tests".
func Count(n int, one, many string) string {
	return strconv.Itoa(n) + " " + Plural(n, one, many)
}

// List joins words as English lists them: "a", "a and b", "a, b and c".
func List(xs []string) string {
	switch len(xs) {
	case 0:
		return ""
	case 1:
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}

// LowerFirst lower-cases the first letter of a label a sentence continues ("Paid fees" →
// "paid fees") unless it begins an acronym or a name written in capitals: a second letter that
// is a capital or a digit keeps it ("HIV test", "DPRK", "G7").
func LowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || !unicode.IsUpper(r) {
		return s
	}
	if r2, _ := utf8.DecodeRuneInString(s[n:]); unicode.IsUpper(r2) || unicode.IsDigit(r2) {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// UpperFirst capitalises the first letter of a sentence.
func UpperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// PluralOf is Plural for a quantity printed with one decimal: one when it prints as 1.0
// ("over by 1.0 page"), else many ("0.4 pages").
func PluralOf(x float64, one, many string) string {
	if x >= 0.95 && x < 1.05 {
		return one
	}
	return many
}
