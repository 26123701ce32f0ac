package report

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/shadowreport/shadowreport/internal/compare"
	"github.com/shadowreport/shadowreport/internal/doc"
	"github.com/shadowreport/shadowreport/internal/policy"
	"github.com/shadowreport/shadowreport/internal/project"
	"github.com/shadowreport/shadowreport/internal/xlsxfix"
)

// TestPublicationProperty builds random small projects whose findings are all sensitive and
// assembles every built-in document: no document, and no findings.json, may show a count of
// 1 to min_cell−1 people, nor a count whose complement is that small, nor a share or interval
// of a withheld count. The projects are the cases a fuzzer would try: tiny waves, waves where
// almost everyone said yes, many missing answers, an earlier wave known from published
// figures.
func TestPublicationProperty(t *testing.T) {
	trials := 60
	if testing.Short() {
		trials = 10
	}
	rng := rand.New(rand.NewPCG(2017, 11))
	templates, err := Load(filepath.Join(t.TempDir(), "none"))
	if err != nil {
		t.Fatal(err)
	}
	withheld := map[policy.Show]int{}
	small := regexp.MustCompile(`(?i)(fewer\s+than\s+|<|page\s+)?\b(\d+) of (\d+)\b`)
	for trial := 0; trial < trials; trial++ {
		dir, minCell := randomProject(t, rng)
		p, diags, err := project.Load(dir, project.Options{})
		if err != nil || diags.HasErrors() {
			t.Fatalf("trial %d: load: %v %v", trial, err, diags.Items())
		}
		res, err := compare.Compare(p.Codebook, p.Waves, p.Config.CompareOptions())
		if err != nil {
			t.Fatal(err)
		}
		pol := policy.New(p, res, policy.Options{})
		// the public view itself
		harm0 := map[string]policy.Side{}
		for _, f := range pol.Public().Findings {
			if f.Code == "harm0" {
				harm0[f.From.Wave], harm0[f.To.Wave] = f.From, f.To
			}
		}
		for _, f := range pol.Public().Findings {
			for _, s := range []policy.Side{f.From, f.To} {
				if n, shown := s.N(); shown && n > 0 && n < minCell && p.Wave(s.Wave).Kind == "interviews" {
					t.Fatalf("trial %d: %s shows that %d answered in %s", trial, f.Code, n, s.Wave)
				}
				if h, ok := harm0[s.Wave]; ok && len(pol.Refusals()) == 0 && f.Code == "after0" && h.Show != policy.Exact && s.Show != policy.NoFigures && !s.NoAnswers() && p.Wave(s.Wave).Kind == "interviews" {
					// the follow-up's answers are those who said yes to harm0, whose count is hidden
					t.Fatalf("trial %d: after0 shows %s in %s while harm0 is %s", trial, s.KofN(), s.Wave, h.KofN())
				}
				k, ok := s.Count()
				withheld[s.Show]++
				if !ok {
					if s.Share != nil || s.CI != nil || f.Diff != nil || f.P != nil {
						t.Fatalf("trial %d: %s withholds a count but shows a figure computed from it", trial, f.Code)
					}
					continue
				}
				n, _ := s.N()
				if k > 0 && (k < minCell || n-k < minCell) {
					t.Fatalf("trial %d: %s shows %d of %d", trial, f.Code, k, n)
				}
			}
		}
		j, err := pol.Public().JSON(false, false).MarshalIndent()
		if err != nil {
			t.Fatal(err)
		}
		var pub policy.JSON
		if err := json.Unmarshal(j, &pub); err != nil {
			t.Fatal(err)
		}
		for _, f := range pub.Findings {
			for _, c := range []*int{f.From.Count, f.To.Count} {
				if c != nil && *c > 0 && *c < minCell {
					t.Fatalf("trial %d: findings.json shows a count of %d for %s", trial, *c, f.Code)
				}
			}
		}
		// every document
		in := Input{Project: p, Policy: pol, Who: "women", One: "woman"}
		for _, tm := range templates {
			out, err := Assemble(in, tm)
			if err != nil {
				t.Fatalf("trial %d: %s: %v", trial, tm.Name, err)
			}
			if out.Doc == nil {
				continue
			}
			text := docText(out.Doc)
			for _, at := range small.FindAllStringSubmatchIndex(text, -1) {
				k, _ := strconv.Atoi(text[at[4]:at[5]])
				if at[2] < 0 && k > 0 && k < minCell {
					t.Fatalf("trial %d: %s shows %q: …%s…", trial, tm.Name, text[at[0]:at[1]], text[max(0, at[0]-300):min(len(text), at[1]+100)])
				}
			}
		}
	}
	// the trials must have tried what they are for
	for _, show := range []policy.Show{policy.Exact, policy.Fewer, policy.TooFewAnswers, policy.NoFigures} {
		if withheld[show] == 0 {
			t.Errorf("no trial produced a count shown as %d: the generator misses a case", show)
		}
	}
}

// randomProject writes a project with 1 to 3 quasi-identifiers, sensitive yes/no codes with
// random shares (often near 0 or near everyone) and random missing answers, and an earlier wave
// of interviews or of published figures. It returns the folder and min_cell.
func randomProject(t *testing.T, rng *rand.Rand) (string, int) {
	t.Helper()
	dir := t.TempDir()
	minCell := 3 + rng.IntN(5)
	codebook := "code,label,type,values,theme,direction,sensitive,identifier\n" +
		"age_band,Age band,category,under 30;30-39;40 and over,profile,,,quasi\n" +
		"province,Province,category,north;south,profile,,,quasi\n"
	ncodes := 1 + rng.IntN(4)
	for c := 0; c < ncodes; c++ {
		codebook += fmt.Sprintf("harm%d,Harm %d,yesno,,t%d,worse_if_higher,yes,\n", c, c, c%2)
	}
	// a follow-up asked only of those who said yes to harm0: how many answered it is how many
	// said yes to harm0
	codebook += "after0,After harm 0,yesno,,t0,,yes,\n"
	wave := func(n int) string {
		var b strings.Builder
		b.WriteString("id,consent,age_band,province")
		for c := 0; c < ncodes; c++ {
			fmt.Fprintf(&b, ",harm%d", c)
		}
		b.WriteString(",after0\n")
		shares := make([]float64, ncodes)
		missing := make([]float64, ncodes)
		for c := range shares {
			shares[c] = []float64{0, 0.03, 0.08, 0.5, 0.92, 0.97, 1}[rng.IntN(7)]
			missing[c] = []float64{0, 0, 0.1, 0.6}[rng.IntN(4)]
		}
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, "P%03d,quote,%s,%s", i, []string{"under 30", "30-39", "40 and over"}[rng.IntN(3)], []string{"north", "south"}[rng.IntN(2)])
			first := ""
			for c := 0; c < ncodes; c++ {
				v := "no"
				switch {
				case rng.Float64() < missing[c]:
					v = ""
				case rng.Float64() < shares[c]:
					v = "yes"
				}
				b.WriteString("," + v)
				if c == 0 {
					first = v
				}
			}
			after := "n/a"
			switch first {
			case "yes":
				after = []string{"yes", "no"}[rng.IntN(2)]
			case "":
				after = ""
			}
			b.WriteString("," + after + "\n")
		}
		return b.String()
	}
	write := func(name, sheet, csv string) {
		s, err := xlsxfix.ParseCSV(sheet, csv)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Join(dir, "interviews"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := xlsxfix.Write(filepath.Join(dir, "interviews", name), s); err != nil {
			t.Fatal(err)
		}
	}
	write("codebook.xlsx", "codebook", codebook)
	if rng.IntN(2) == 0 {
		write("2014.xlsx", "interviews", wave(1+rng.IntN(60)))
	} else {
		agg := "code,value,n,count\n"
		for c := 0; c < ncodes; c++ {
			n := 1 + rng.IntN(60)
			k := []int{0, 1, 2, n / 2, n - 2, n - 1, n}[rng.IntN(7)]
			agg += fmt.Sprintf("harm%d,,%d,%d\n", c, n, max(0, min(k, n)))
		}
		write("2014.xlsx", "aggregate", agg)
	}
	write("2017.xlsx", "interviews", wave(1+rng.IntN(60)))
	toml := fmt.Sprintf("[disclosure]\nmin_cell = %d\n", minCell)
	if minCell < 5 {
		toml += "[[disclosure.override]]\nrule = \"small-cells\"\nsetting = \"min_cell\"\nreason = \"a test of smaller thresholds\"\n"
	}
	if err := os.WriteFile(filepath.Join(dir, "report.toml"), []byte(toml), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, minCell
}

// docText is every text of a document, cover included.
func docText(d *doc.Document) string {
	var b strings.Builder
	m := d.Meta
	b.WriteString(strings.Join([]string{m.Title, m.Subtitle, m.Subject, m.Header, m.Footer}, "\n"))
	for _, bl := range d.Blocks {
		switch x := bl.(type) {
		case *doc.Heading:
			b.WriteString(x.Text)
		case *doc.Paragraph:
			b.WriteString(inl(x.Inlines))
		case *doc.List:
			for _, it := range x.Items {
				b.WriteString(inl(it) + "\n")
			}
		case *doc.Table:
			b.WriteString(x.Caption + "\n" + strings.Join(x.Header, "\n") + "\n")
			for _, r := range x.Rows {
				b.WriteString(strings.Join(r, "\n") + "\n")
			}
			b.WriteString(strings.Join(x.Notes, "\n"))
		case *doc.Figure:
			b.WriteString(x.Caption + "\n" + x.AltText + "\n")
			for _, g := range x.Chart.Groups {
				for _, br := range g.Bars {
					b.WriteString(br.Label + "\n")
				}
			}
		case *doc.Quote:
			b.WriteString(x.Text + "\n" + x.Attribution)
		}
		b.WriteString("\n")
	}
	return b.String()
}
