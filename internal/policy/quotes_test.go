package policy_test

import (
	"strings"
	"testing"

	"github.com/shadowreport/shadowreport/internal/dataset"
	"github.com/shadowreport/shadowreport/internal/policy"
	"github.com/shadowreport/shadowreport/internal/project"
	"github.com/shadowreport/shadowreport/internal/sample/sampletest"
)

// quoteOf finds the sample quote of an interviewee in the 2017 wave.
func quoteOf(t *testing.T, p *project.Project, id string) *dataset.Quote {
	t.Helper()
	w := p.Wave("2017")
	for i := range w.Quotes {
		if w.Quotes[i].ID == id {
			return &w.Quotes[i]
		}
	}
	t.Fatalf("no quote of %s", id)
	return nil
}

// publish puts text as the reviewed quote of W17-006 (aged 30-39, from North Hamgyong or
// Ryanggang, left 2014-2016) and asks the policy to publish it, with the attribution naming
// the codes given (nil: every quasi-identifier) and the overrides given.
func publish(t *testing.T, text string, attribution []string, overrides ...project.Override) ([]policy.Quote, []policy.Refusal) {
	t.Helper()
	dir := sampletest.Dir(t)
	p, res := sampletest.Load(t, dir)
	q := quoteOf(t, p, "W17-006")
	q.Text = text
	p.Config.Disclosure.Attribution = attribution
	p.Config.Disclosure.Overrides = overrides
	pol := policy.New(p, res, policy.Options{})
	pol.SetNoun("woman")
	return pol.Quotes(q.Code.Name, 0), pol.Refusals()
}

// A quote naming a part of a quasi-identifier's value that its attribution leaves out, or
// gives only whole, is refused, naming the quote and the code, never the passage.
func TestQuotesQuasiParts(t *testing.T) {
	period := []string{"left_period"}
	for _, tt := range []struct {
		text        string
		attribution []string
		code        string // the code refused; "" when the quote is published
	}{
		{"Back home in Ryanggang we were sent to the farms.", period, "province_group"},
		{"In North Hamgyong nobody could refuse.", period, "province_group"},
		{"량강도에서는 아무도 거부할 수 없었습니다.", period, "province_group"},
		{"I was in my thirties and nobody could refuse.", period, "age_band"},
		{"저는 30대였고 아무도 거부할 수 없었습니다.", period, "age_band"},
		{"I left in 2015; nobody could refuse.", []string{"age_band", "province_group"}, "left_period"},
		{"Back home in Ryanggang we were sent to the farms.", nil, "province_group"}, // narrower than the group
		{"In North Hamgyong or Ryanggang nobody could refuse.", nil, ""},
		{"I was in my thirties and nobody could refuse.", nil, ""},
		{"Since 2009 the guards searched everyone.", period, ""},
	} {
		pub, refusals := publish(t, tt.text, tt.attribution)
		if tt.code == "" {
			if len(pub) != 1 || len(refusals) > 0 {
				t.Errorf("%q under %v: published %d, refused %v; want it published", tt.text, tt.attribution, len(pub), refusals)
			}
			continue
		}
		if len(pub) != 0 || len(refusals) != 1 {
			t.Fatalf("%q under %v: published %v, refused %v; want one refusal", tt.text, tt.attribution, pub, refusals)
		}
		r := refusals[0]
		msg := r.String()
		if r.Where != "interviews/2017.xlsx: quotes!C4" || !strings.Contains(r.What, tt.code) || !strings.Contains(r.Fix, `quote = "2017:C4"`) {
			t.Errorf("%q: the refusal does not name the quote, the code and the fix: %s", tt.text, msg)
		}
		for _, word := range []string{"Ryanggang", "량강도", "thirties", "30대", "2015", "North Hamgyong or"} {
			if strings.Contains(tt.text, word) && strings.Contains(msg, word) {
				t.Errorf("%q: the refusal repeats %q: %s", tt.text, word, msg)
			}
		}
	}
	// an override naming the quote publishes it
	pub, refusals := publish(t, "Back home in Ryanggang we were sent to the farms.", period,
		project.Override{Rule: "quote-text", Quote: "2017:C4", Reason: "the province is public in this case"})
	if len(pub) != 1 || len(refusals) != 0 {
		t.Errorf("with an override naming the quote: published %d, refused %v", len(pub), refusals)
	}
}

// An interviewee's id, of any wave and in any spelling, refuses the quote, whatever an override
// says.
func TestQuotesIDs(t *testing.T) {
	override := project.Override{Rule: "quote-text", Quote: "2017:C4", Reason: "a test"}
	for _, text := range []string{
		"Like W17-012 said, nobody could refuse.",
		"Like W17-6 said, nobody could refuse.",
		"Like W17-0О6 said, nobody could refuse.", // Cyrillic О
		"Like W17 - 006 said, nobody could refuse.",
		"Like W 17-006 said, nobody could refuse.",
		"Like w17006 said, nobody could refuse.",
		"Like W17-OO6 said, nobody could refuse.",
		"Like W17\u2060-006 said, nobody could refuse.",
	} {
		pub, refusals := publish(t, text, nil, override)
		if len(pub) != 0 || len(refusals) != 1 || !strings.Contains(refusals[0].What, "interviewee's id") {
			t.Errorf("%q: published %d, refused %v; want the id refused", text, len(pub), refusals)
			continue
		}
		if msg := refusals[0].String(); strings.Contains(msg, "W17") || strings.Contains(msg, "w17") {
			t.Errorf("%q: the refusal repeats the id: %s", text, msg)
		}
	}
	// not an id of the waves
	if pub, refusals := publish(t, "In 2017 six of us were searched.", nil); len(pub) != 1 || len(refusals) != 0 {
		t.Errorf("a year and a number: published %d, refused %v", len(pub), refusals)
	}
}

// An id typed into a template is refused too; a figure is not.
func TestTemplateIDs(t *testing.T) {
	dir := sampletest.Dir(t)
	p, res := sampletest.Load(t, dir)
	pol := policy.New(p, res, policy.Options{})
	pol.CheckTemplate("templates/report.md", []byte("# Findings\n\nAs W17-0О6 told us, 28 of 40 (70%) paid; see CEDAW/C/PRK/CO/2-4, paragraph 12.3.\n"))
	rs := pol.Refusals()
	if len(rs) != 1 || rs[0].Where != "templates/report.md:3" || !strings.Contains(rs[0].What, "interviewee's id") {
		t.Fatalf("refusals %v, want the id on line 3", rs)
	}
}
