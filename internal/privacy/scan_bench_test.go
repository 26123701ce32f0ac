package privacy

import (
	"fmt"
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
		{"look-alikes", strings.Repeat("1l", n/2)},
		{"look-alike-words", strings.Repeat("0l0 ", n/4)},
		{"small-groups", strings.Repeat("12 ", n/3)},
		{"small-groups-dots", strings.Repeat("12.", n/3)},
		{"ideographic-dots", strings.Repeat("1。", n/2)},
		{"ordinals", strings.Repeat("the 4th ", n/8)},
		{"ordinals-months", strings.Repeat("March the 4th, ", n/15)},
		{"tildes", strings.Repeat("~ab ", n/4)},
		{"ids", strings.Repeat("W17-00", n/6)},
		{"id-parts", strings.Repeat("W 17 ", n/5)},
		{"years", strings.Repeat("2014 to ", n/8)},
		{"ages", strings.Repeat("was 34 ", n/7)},
		{"provinces", strings.Repeat("Ryanggang ", n/10)},
		{"hangul-dashes", strings.Repeat("1ㅡㆍ", n/7)},
		{"email-spaces", strings.Repeat("a @b. com ", n/10)},
		{"number-signs", strings.Repeat("a No. 1 #", n/9)},
		{"passport-groups", strings.Repeat("M12 34-", n/7)},
		{"births", strings.Repeat("born in 1982년생 ", n/16)},
		{"glued-months", strings.Repeat("4Mar.4", n/6)},
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

func BenchmarkIDsAdversarial(b *testing.B) {
	var ids []string
	for i := 1; i <= 100; i++ {
		ids = append(ids, fmt.Sprintf("W17-%03d", i))
	}
	m := NewIDs(ids)
	for _, c := range adversarial() {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.text)))
			for b.Loop() {
				m.Find(c.text)
			}
		})
	}
}

func BenchmarkQuasiMentionsAdversarial(b *testing.B) {
	cb := testCodebook()
	for _, c := range adversarial() {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.text)))
			for b.Loop() {
				QuasiMentions(cb, Attributed{}, c.text)
			}
		})
	}
}
