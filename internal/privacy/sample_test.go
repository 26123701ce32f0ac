package privacy_test

import (
	"testing"

	"github.com/shadowreport/shadowreport/internal/privacy"
	"github.com/shadowreport/shadowreport/internal/project"
	"github.com/shadowreport/shadowreport/internal/sample"
)

// TestSample runs the rules on the synthetic sample project, whose 2017 wave is built to pass
// k-anonymity and to hold both answers of every sensitive yes/no code in every quasi group.
func TestSample(t *testing.T) {
	dir := t.TempDir()
	if err := sample.Write(dir); err != nil {
		t.Fatal(err)
	}
	p, diags, err := project.Load(dir, project.Options{})
	if err != nil || diags.HasErrors() {
		t.Fatalf("load: %v %v", err, diags.Items())
	}
	w := p.Wave("2017")
	cb := p.Codebook
	if gs := privacy.SmallGroups(w, cb, 5); gs != nil {
		t.Errorf("small groups at k=5: %v", gs)
	}
	if gs := privacy.SmallGroups(w, cb, 6); len(gs) != 2 || gs[0].Count != 5 || gs[1].Count != 5 {
		t.Errorf("small groups at k=6: %v, want the two groups of 5 from other provinces", gs)
	}
	for _, h := range privacy.Homogeneous(w, cb, 5) {
		t.Errorf("homogeneous: %s", h)
	}
	if got := privacy.SmallGroups(p.Wave("2014"), cb, 5); got != nil {
		t.Errorf("aggregate wave: %v", got)
	}

	published := map[string]string{}
	for _, q := range w.Quotes {
		ok, reason := privacy.Publishable(w, q)
		published[q.ID] = reason
		if !ok {
			continue
		}
		if hits := privacy.Scan(q.Text, []string{"Hoeryong", "회령"}); hits != nil {
			t.Errorf("%s: %v", q.ID, hits)
		}
	}
	for id, want := range map[string]string{"W17-001": "", "W17-012": "", "W17-013": "not reviewed", "W17-003": "consent is aggregate", "W17-017": "withdrawn"} {
		if got, ok := published[id]; !ok || got != want {
			t.Errorf("quote of %s: %q, want %q", id, got, want)
		}
	}
	if got := privacy.Attribute(w, cb, 0, []string{"age_band", "left_period"}, "woman", 5); got.Text != "woman aged 30-39, left 2014-2016" || got.Group < 5 {
		t.Errorf("attribution: %+v", got)
	}
}
