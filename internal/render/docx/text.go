package docx

import (
	"strings"

	"github.com/shadowreport/shadowreport/internal/render/clean"
)

// clean makes text safe for XML 1.0 (clean.Text) and records what it replaced.
func (r *renderer) clean(s string, keepNL bool) string {
	return clean.Text(s, keepNL, func(c rune, i int, replaced bool) {
		if replaced {
			r.warns.Replaced(c, s, i)
		}
	})
}

// line is clean text on one line, trimmed.
func (r *renderer) line(s string) string { return strings.TrimSpace(r.clean(s, false)) }

// escaper escapes clean text for element content and attribute values alike.
var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&apos;", "\n", "&#xA;")

func esc(s string) string { return escaper.Replace(s) }
