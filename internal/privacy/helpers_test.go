package privacy

import (
	"slices"
	"strings"
	"testing"

	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/dataset"
)

// testCodebook is the sample's scheme in small: three quasi-identifiers, sensitive codes of each
// counted type, an ordinary code and a text code.
func testCodebook() *codebook.Codebook {
	return &codebook.Codebook{Codes: []*codebook.Code{
		{Name: "age_band", Label: "Age band", Type: codebook.Category, Values: []string{"under 30", "30-39", "40 and over"}, Identifier: codebook.Quasi},
		{Name: "province_group", Label: "Province group", Type: codebook.Category, Values: []string{"North Hamgyong or Ryanggang", "other provinces"}, Identifier: codebook.Quasi},
		{Name: "left_period", Label: "Period of leaving", Type: codebook.Category, Values: []string{"2011-2013", "2014-2016"}, Identifier: codebook.Quasi},
		{Name: "edu_fees_paid", Label: "Paid informal school fees", Type: codebook.YesNo},
		{Name: "det_detained", Label: "Held in detention", Type: codebook.YesNo, Sensitive: true},
		{Name: "det_facility", Label: "Place of detention", Type: codebook.Multi, Values: []string{"holding centre", "labour training camp", "prison camp"}, Sensitive: true},
		{Name: "abuse_by", Label: "Abused by", Type: codebook.Category, Values: []string{"guard", "police officer"}, Sensitive: true},
		{Name: "other_remarks", Label: "Other remarks", Type: codebook.Text},
	}}
}

func code(cb *codebook.Codebook, name string) *codebook.Code {
	for _, c := range cb.Codes {
		if c.Name == name {
			return c
		}
	}
	panic("no code " + name)
}

// person is one interviewee of a test wave: id, consent and answers by code ("" is missing,
// "n/a" not applicable, multi values separated by ";").
type person struct {
	id, consent string
	answers     map[string]string
}

// buildWave builds an interviews wave the way dataset.Read would, for the codes named.
func buildWave(t *testing.T, cb *codebook.Codebook, codes []string, people []person) *dataset.Wave {
	t.Helper()
	w := &dataset.Wave{Name: "2017", Kind: dataset.Interviews}
	for _, name := range codes {
		w.Columns = append(w.Columns, &dataset.Column{Code: code(cb, name)})
	}
	for i, p := range people {
		consent := map[string]dataset.Consent{"quote": dataset.ConsentQuote, "aggregate": dataset.ConsentAggregate, "withdrawn": dataset.ConsentWithdrawn}[p.consent]
		w.People = append(w.People, dataset.Person{ID: p.id, Consent: consent, Row: i + 2})
		for _, col := range w.Columns {
			a := strings.TrimSpace(p.answers[col.Code.Name])
			state, bits := dataset.Answered, uint64(0)
			switch {
			case a == "":
				state = dataset.Missing
			case a == "n/a":
				state = dataset.NotApplicable
			case col.Code.Type == codebook.YesNo:
				if a == "yes" {
					bits = 1
				}
			case col.Code.Type == codebook.Category, col.Code.Type == codebook.Multi:
				for _, v := range strings.Split(a, ";") {
					k := slices.Index(col.Code.Values, strings.TrimSpace(v))
					if k < 0 {
						t.Fatalf("%s: %q is not a value of %s", p.id, v, col.Code.Name)
					}
					bits |= 1 << uint(k)
				}
			}
			col.State = append(col.State, state)
			col.Bits = append(col.Bits, bits)
			if col.Code.Type == codebook.Text {
				col.Text = append(col.Text, a)
			}
		}
	}
	return w
}

// row is shorthand for a person's answers: age band, province group, period, then code=value pairs.
func row(id, consent, age, province, period string, more ...string) person {
	p := person{id: id, consent: consent, answers: map[string]string{"age_band": age, "province_group": province, "left_period": period}}
	for _, kv := range more {
		k, v, _ := strings.Cut(kv, "=")
		p.answers[k] = v
	}
	return p
}
