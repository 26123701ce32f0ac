package claims_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/shadowreport/shadowreport/internal/claims"
	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/compare"
	"github.com/shadowreport/shadowreport/internal/diag"
	"github.com/shadowreport/shadowreport/internal/project"
	"github.com/shadowreport/shadowreport/internal/sample"
	"github.com/shadowreport/shadowreport/internal/workbook"
)

// The sample project's claims and recommendations read without a diagnostic, say they are
// synthetic, and — set beside the sample comparison, whose figures wave2014.go derives with R —
// give the statuses the sample documents, with no disagreement.
func TestSample(t *testing.T) {
	dir := t.TempDir()
	if err := sample.Write(dir); err != nil {
		t.Fatal(err)
	}
	name := "interviews/codebook.xlsx"
	b, err := workbook.Open(filepath.Join(dir, name), name, workbook.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	diags := &diag.List{}
	set := claims.Read(b, codebook.Read(b, diags), diags)
	if items := diags.Items(); len(items) != 0 {
		t.Fatalf("the sample has diagnostics: %v", items)
	}
	if len(set.Claims) != 5 || len(set.Recommendations) != 5 {
		t.Fatalf("%d claims and %d recommendations, want 5 and 5", len(set.Claims), len(set.Recommendations))
	}
	for _, c := range set.Claims {
		if !strings.Contains(c.Text, "synthetic example") || c.Form != claims.Summarised {
			t.Errorf("claim %s is not labelled synthetic, or is presented as a quotation: %+v", c.ID, c)
		}
	}
	for _, r := range set.Recommendations {
		if !strings.Contains(r.Text, "synthetic example") || r.UPR() && !strings.Contains(r.RecommendingState, "fictional") {
			t.Errorf("recommendation %s is not labelled synthetic: %+v", r.ID, r)
		}
	}
	if got := set.Recommendations[3].Source(); got != "A/HRC/27/10, recommendation 124.102 (Example State B (fictional); noted)" {
		t.Errorf("R4 source %q", got)
	}

	p, ldiags, err := project.Load(dir, project.Options{})
	if err != nil || ldiags.HasErrors() {
		t.Fatalf("load: %v %v", err, ldiags.Items())
	}
	res, err := compare.Compare(p.Codebook, p.Waves, compare.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var ev []claims.Evidence
	for _, f := range res.Findings {
		ev = append(ev, claims.Evidence{Code: f.Code, Value: f.Value, Label: f.Label, Type: f.Type, Direction: f.Direction,
			Verdict: f.Verdict, Count: f.To.Count, N: f.To.N})
	}
	e := claims.Evaluate(set, ev, claims.Options{From: res.From, To: res.To})
	want := map[string]claims.Status{"C1": claims.Contradicted, "C2": claims.Contradicted, "C3": claims.Contradicted,
		"C4": claims.NotContradicted, "C5": claims.Contradicted}
	for _, r := range e.Claims {
		if r.Status != want[r.Claim.ID] {
			t.Errorf("%s: %s, want %s: %+v", r.Claim.ID, r.Status, want[r.Claim.ID], r.Findings)
		}
	}
	wdiags := &diag.List{}
	e.Warn(wdiags)
	if items := wdiags.Items(); len(items) != 0 {
		t.Errorf("the sample's assessments disagree with its findings: %v", items)
	}
}
