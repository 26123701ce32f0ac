package cli

import (
	"bytes"
	"strings"
	"testing"

	"github.com/shadowreport/shadowreport/internal/diag"
)

// Commands that use the data show five ordinary warnings, but every disclosure warning and every
// error in full: a risk of identifying someone is never folded into "... and N more".
func TestPrintDiagsKeepsDisclosure(t *testing.T) {
	var l diag.List
	for i := range 8 {
		l.Warnf(diag.At("interviews/2017.xlsx", "interviews", 2, i+2), "column.unknown", "ordinary %d", i)
	}
	for i := range 3 * diag.PerRuleFile {
		l.Warnf(diag.At("interviews/2017.xlsx", "interviews", 1, i+2), "k-anonymity", "group %d", i)
	}
	for i := range diag.PerRuleFile + 7 {
		l.Warnf(diag.At("interviews/2017.xlsx", "interviews", 3, i+2), "hidden.rows", "hidden %d", i)
	}
	l.Errorf(diag.At("interviews/2017.xlsx", "interviews", 4, 60), "value.yesno", "an error")
	var b bytes.Buffer
	printDiags(&b, &l, 5)
	out := b.String()
	if n := strings.Count(out, "k-anonymity") + strings.Count(out, ": group "); n != 3*diag.PerRuleFile {
		t.Errorf("%d disclosure warnings printed, want all %d", n, 3*diag.PerRuleFile)
	}
	if !strings.Contains(out, "error: interviews/2017.xlsx: interviews!D60: an error") {
		t.Error("the error is not printed")
	}
	// 8 + 57 ordinary warnings, 5 shown: 60 more, the 7 beyond the cap included
	if !strings.HasSuffix(out, "... and 60 more warnings (shadowreport check lists them all)\n") {
		t.Errorf("last line of:\n%s", out[max(0, len(out)-300):])
	}
}
