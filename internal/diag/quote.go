package diag

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// QuoteLimit is how many characters of a typed value a message repeats; longer values are cut
// with "…" so that a 32,000-character cell cannot flood the output.
const QuoteLimit = 60

// Quote puts what a researcher typed between double quotes for a message: cut after QuoteLimit
// characters, and with every invisible character shown as its code (\u2060, \n), so that two
// values that look alike are told apart. Unlike %q it leaves backslashes and letters of every
// script as they are ("8 Referências\Experiência").
func Quote(s string) string {
	return `"` + visible(s, QuoteLimit) + `"`
}

// Visible returns a name (a file or a sheet) with its invisible characters shown as codes, so a
// file name holding a line break cannot break a message in two.
func Visible(s string) string { return visible(s, -1) }

func visible(s string, limit int) string {
	if limit < 0 && plain(s) {
		return s
	}
	var b strings.Builder
	n := 0
	for i, r := range s {
		if limit >= 0 && n == limit {
			if i < len(s) {
				b.WriteString("…")
			}
			break
		}
		n++
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD"):
			b.WriteString(`\ufffd`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case invisible(r):
			if r > 0xFFFF {
				fmt.Fprintf(&b, `\U%08x`, r)
			} else {
				fmt.Fprintf(&b, `\u%04x`, r)
			}
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// invisible reports whether r prints as nothing or moves the cursor: controls, format
// characters (zero-width spaces, joiners, soft hyphens, direction marks) and unassigned ones.
func invisible(r rune) bool {
	return r != ' ' && !unicode.IsGraphic(r) || unicode.Is(unicode.Cf, r)
}

func plain(s string) bool {
	for _, r := range s {
		if r == utf8.RuneError || invisible(r) {
			return false
		}
	}
	return true
}

// SheetRef is a sheet name as Excel writes it in a reference: quoted with apostrophes when it
// holds anything but letters, digits, _ and . or starts with a digit ('My sheet'!A1), an
// apostrophe inside doubled.
func SheetRef(name string) string {
	name = Visible(name)
	needs := name == ""
	for i, r := range name {
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '.') || i == 0 && unicode.IsDigit(r) {
			needs = true
			break
		}
	}
	if !needs {
		return name
	}
	return "'" + strings.ReplaceAll(name, "'", "''") + "'"
}
