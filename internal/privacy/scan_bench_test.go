package privacy

import (
	"strings"
	"testing"
)

// adversarial are cells built to make a scanner retry from every position: long runs of what
// starts a pattern but never completes one, and long runs of what does.
func adversarial() []struct{ name, text string } {
	const n = 32000
	return []struct{ name, text string }{
		{"digits", strings.Repeat("7", n)},
		{"dollar-digits", "$" + strings.Repeat("7", n)},
		{"dollar-one", strings.Repeat("$1", n/2)},
		{"spaces", strings.Repeat(" ", n)},
		{"nbsp", strings.Repeat("\u00a0", n/2)},
		{"digit-space", strings.Repeat("1 ", n/2)},
		{"digit-dash", strings.Repeat("12-", n/3)},
		{"digit-dot", strings.Repeat("4.", n/2)},
		{"plus", strings.Repeat("+1 ", n/3)},
		{"at", strings.Repeat("a@", n/2)},
		{"dots-email", "a@" + strings.Repeat("b.", n/2)},
		{"months", strings.Repeat("March ", n/6)},
		{"day-month", strings.Repeat("4 of ", n/5)},
		{"korean-month", strings.Repeat("3월 ", n/5)},
		{"soft-hyphen", strings.Repeat("1\u00ad", n/3)},
		{"paths", strings.Repeat("/a", n/2)},
		{"backslash", strings.Repeat("\\a", n/2)},
		{"phones", strings.Repeat("010-2345-6789 ", n/14)},
		{"letters", strings.Repeat("M1234567", n/8)},
	}
}

func BenchmarkScanAdversarial(b *testing.B) {
	terms := []string{"Hoeryong", "회령", "Camp 16", "a"}
	for _, c := range adversarial() {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.text)))
			for b.Loop() {
				Scan(c.text, terms)
			}
		})
	}
}
