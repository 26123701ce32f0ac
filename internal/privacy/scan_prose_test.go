package privacy_test

import (
	"path/filepath"
	"testing"

	"github.com/shadowreport/shadowreport/internal/doc"
	"github.com/shadowreport/shadowreport/internal/policy"
	"github.com/shadowreport/shadowreport/internal/privacy"
	"github.com/shadowreport/shadowreport/internal/report"
	"github.com/shadowreport/shadowreport/internal/sample/sampletest"
)

// The report and handouts of the sample project are ordinary report prose: figures, "k of n",
// percentages, intervals, years and periods, p-values, document symbols, reviewed quotes. Scan
// must find nothing in any of it but the contact address and the date that report.toml sets.
func TestScanReportProse(t *testing.T) {
	if testing.Short() {
		t.Skip("assembles the sample report")
	}
	dir := sampletest.Dir(t)
	p, res := sampletest.Load(t, dir)
	in := report.Input{Project: p, Policy: policy.New(p, res, policy.Options{}), Who: "women", One: "woman", Synthetic: true}
	templates, err := report.Load(filepath.Join(dir, "templates"))
	if err != nil {
		t.Fatal(err)
	}
	texts, words := 0, 0
	for _, tm := range templates {
		out, err := report.Assemble(in, tm)
		if err != nil {
			t.Fatalf("%s: %v", tm.Name, err)
		}
		m := out.Doc.Meta
		// what report.toml says, scanned like any text: the contact is an address, the date a date
		if hits := privacy.Scan(m.Contact, nil); len(hits) != 1 || hits[0].Kind != privacy.KindEmail {
			t.Errorf("%s: contact %q: got %v, want one e-mail address", tm.Name, m.Contact, hits)
		}
		if hits := privacy.Scan(m.Date, nil); len(hits) != 1 || hits[0].Kind != privacy.KindDate {
			t.Errorf("%s: date %q: got %v, want one date", tm.Name, m.Date, hits)
		}
		for _, s := range proseOf(out.Doc) {
			texts++
			words += doc.CountWords(s)
			for _, h := range privacy.Scan(s, nil) {
				if h.Match != m.Contact && h.Match != m.Date { // a handout prints the contact in a sentence
					t.Errorf("%s: %s in %q", tm.Name, h.Describe(), s)
				}
			}
		}
	}
	if words < 2000 {
		t.Fatalf("only %d words of prose scanned", words)
	}
	t.Logf("%d texts, %d words of report prose scanned", texts, words)
}

// proseOf lists every text of a document but the contact and date of its metadata.
func proseOf(d *doc.Document) []string {
	m := d.Meta
	out := []string{m.Title, m.Subtitle, m.Organisation, m.State, m.Mechanism, m.Session, m.Stage,
		m.Subject, m.Header, m.Footer, m.SubmittedTo(), m.StagePhrase()}
	out = append(out, m.CoSubmitters...)
	inlines := func(in []doc.Inline) {
		out = append(out, doc.Text(in))
		for _, x := range in {
			if x.Note != "" {
				out = append(out, x.Note)
			}
		}
	}
	for _, b := range d.Blocks {
		switch x := b.(type) {
		case *doc.Heading:
			out = append(out, x.Text)
		case *doc.Paragraph:
			inlines(x.Inlines)
		case *doc.List:
			for _, it := range x.Items {
				inlines(it)
			}
		case *doc.Table:
			out = append(out, x.Caption)
			out = append(out, x.Header...)
			for _, r := range x.Rows {
				out = append(out, r...)
			}
			out = append(out, x.Notes...)
		case *doc.Figure:
			out = append(out, x.Caption, x.AltText)
			x.Chart.MapText(func(s string) string {
				out = append(out, s)
				return s
			})
		case *doc.Quote:
			out = append(out, x.Text, x.Attribution)
		}
	}
	return out
}
