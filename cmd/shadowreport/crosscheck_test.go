package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math/bits"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/shadowreport/shadowreport/internal/cli"
	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/compare"
	"github.com/shadowreport/shadowreport/internal/dataset"
	"github.com/shadowreport/shadowreport/internal/project"
	"github.com/shadowreport/shadowreport/internal/sample"
	"github.com/shadowreport/shadowreport/internal/xlsxfix"
)

// TestCompareAgreesWithR runs compare on the sample project and on generated ones (interviews
// with quasi-identifiers and a second coding, published figures given as counts and as
// percentages) and recomputes every statistic with R (testdata/r/crosscheck.R), to 1e-9:
// intervals, Fisher's p at the least favourable rebuilt count, the family and its adjustment,
// verdicts and interval notes, raking and post-stratification (survey::rake,
// survey::postStratify), standardised shares and tests, the composition's effect sizes and
// exact p (fisher.test), the power by enumeration and Krippendorff's alpha (from its
// definition). R is installed by .ci/run; elsewhere the test is skipped when Rscript is missing.
func TestCompareAgreesWithR(t *testing.T) {
	rscript, err := exec.LookPath("Rscript")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("CI needs Rscript (r-base-core, r-cran-survey) for this test")
		}
		t.Skip("Rscript not installed")
	}
	script, _ := filepath.Abs("testdata/r/crosscheck.R")
	samp := t.TempDir()
	if err := sample.Write(samp); err != nil {
		t.Fatal(err)
	}
	gen := t.TempDir()
	writeRandomProject(t, gen, rand.New(rand.NewPCG(7, 11)))
	runs := []struct {
		dir  string
		args []string
	}{
		{samp, nil},
		{samp, []string{"--adjust", "bh", "--level", "0.9"}},
		{samp, []string{"--adjust", "none", "--level", "0.99", "--min-n", "20"}},
		{gen, nil},
		{gen, []string{"--from", "2011", "--to", "2017", "--adjust", "bh"}},
		{gen, []string{"--from", "2011", "--to", "2014", "--min-n", "1"}},
	}
	for i, r := range runs {
		out := t.TempDir()
		for _, format := range []string{"csv", "json"} {
			args := append([]string{"compare", "-C", r.dir, "--format", format, "-o", filepath.Join(out, "findings."+format)}, r.args...)
			var stderr bytes.Buffer
			if code := cli.Execute(args, &bytes.Buffer{}, &stderr); code != 0 {
				t.Fatalf("run %d: exit %d: %s", i, code, stderr.String())
			}
		}
		exportForR(t, r.dir, out)
		cmd := exec.Command(rscript, script, out)
		msg, err := cmd.CombinedOutput()
		if err != nil {
			t.Errorf("run %d (%v): R disagrees:\n%s", i, r.args, msg)
			continue
		}
		t.Logf("run %d (%v): %s", i, r.args, bytes.TrimSpace(msg))
	}
}

// exportForR writes what R needs beside findings.csv and findings.json: the codebook, every
// wave's answers or published figures as the tool read them (withdrawn interviewees left
// out), the second codings, and the parts of the result that are not in the CSV.
func exportForR(t *testing.T, dir, out string) {
	t.Helper()
	p, diags, err := project.Load(dir, project.Options{})
	if err != nil || diags.HasErrors() {
		t.Fatalf("loading %s: %v %v", dir, err, diags.Items())
	}
	var counted []*codebook.Code
	cbRows := [][]string{{"code", "type", "values", "direction", "sensitive", "identifier"}}
	for _, c := range p.Codebook.Codes {
		if !c.Counted() || c.Identifier == codebook.Direct {
			continue
		}
		counted = append(counted, c)
		dir := string(c.Direction)
		if dir == "" {
			dir = string(codebook.Neutral)
		}
		cbRows = append(cbRows, []string{c.Name, string(c.Type), strings.Join(c.Values, ";"), dir, strconv.FormatBool(c.Sensitive), string(c.Identifier)})
	}
	writeCSV(t, filepath.Join(out, "codebook.csv"), cbRows)
	for _, w := range p.Waves {
		if w.Kind == dataset.Aggregate {
			rows := [][]string{{"code", "value", "n", "count", "count_min", "count_max", "rebuilt"}}
			for _, f := range w.Figures {
				value := "yes"
				if f.Code.Type != codebook.YesNo {
					value = f.Code.Values[f.Value]
				}
				lo, hi, rebuilt, _ := w.Range(f.Code, f.Value) // a yes/no figure counts yes
				rows = append(rows, []string{f.Code.Name, value, strconv.Itoa(f.N), strconv.Itoa(f.Count), strconv.Itoa(lo), strconv.Itoa(hi), strconv.FormatBool(rebuilt)})
			}
			writeCSV(t, filepath.Join(out, "figures_"+w.Name+".csv"), rows)
			continue
		}
		writeCSV(t, filepath.Join(out, "people_"+w.Name+".csv"), answers(w, counted, w.Columns, nil))
		if w.Coder2 != nil {
			writeCSV(t, filepath.Join(out, "coder2_"+w.Name+".csv"), answers(w, counted, w.Coder2.Columns, w.Coder2.Person))
		}
	}
	raw, err := os.ReadFile(filepath.Join(out, "findings.json"))
	if err != nil {
		t.Fatal(err)
	}
	var r compare.Result
	if err := json.Unmarshal(raw, &r); err != nil {
		t.Fatal(err)
	}
	meta := [][]string{{"key", "value"},
		{"from", r.From}, {"to", r.To}, {"level", fmt.Sprint(r.Level)}, {"adjust", r.Adjust}, {"min_n", fmt.Sprint(r.MinN)},
		{"min_cell", fmt.Sprint(r.MinCell)}, {"family_size", fmt.Sprint(r.Family.Size)}, {"alpha", fmt.Sprint(r.Family.Alpha)}}
	writeCSV(t, filepath.Join(out, "meta.csv"), meta)
	comp := [][]string{{"code", "values", "left_out", "tvd", "cramers_v", "chi2", "df", "p", "p_method", "rebuilt"}}
	for _, c := range r.CompositionTests {
		comp = append(comp, []string{c.Code, strings.Join(c.Values, ";"), strings.Join(c.LeftOut, ";"), fp(c.TVD), fp(c.CramersV), fp(c.Chi2), fmt.Sprint(c.DF), fp(c.P), c.PMethod, fmt.Sprint(c.Rebuilt)})
	}
	writeCSV(t, filepath.Join(out, "comp.csv"), comp)
	if st := r.Standardisation; st != nil {
		writeCSV(t, filepath.Join(out, "std.csv"), [][]string{
			{"method", "wave", "target", "margins", "people", "left_out", "weight_min", "weight_max", "effective_n"},
			{st.Method, st.Wave, st.Target, strings.Join(st.Margins, ";"), fmt.Sprint(st.People), fmt.Sprint(st.LeftOut), fp(&st.WeightMin), fp(&st.WeightMax), fp(&st.EffectiveN)},
		})
	}
	if pw := r.Power; pw != nil {
		rows := [][]string{{"n_from", "n_to", "baseline", "which", "alpha", "rise", "rise_power", "fall", "fall_power"}}
		type at struct {
			which  string
			n1, n2 int
			d      compare.Detectable
		}
		ds := []at{{"single", pw.NFrom, pw.NTo, pw.SingleTest}, {"family", pw.NFrom, pw.NTo, pw.Family}}
		if f := pw.Fewest; f != nil {
			ds = append(ds, at{"fewest_single", f.NFrom, f.NTo, f.SingleTest}, at{"fewest_family", f.NFrom, f.NTo, f.Family})
		}
		for _, d := range ds {
			rows = append(rows, []string{fmt.Sprint(d.n1), fmt.Sprint(d.n2), fp(&pw.Baseline), d.which, fp(&d.d.Alpha), ip(d.d.Rise), fp(d.d.RisePower), ip(d.d.Fall), fp(d.d.FallPower)})
		}
		writeCSV(t, filepath.Join(out, "power.csv"), rows)
	}
	agree := [][]string{{"wave", "code", "alpha", "units", "raw", "reliable"}}
	for _, a := range r.Agreement {
		agree = append(agree, []string{a.Wave, a.Code, fp(a.Alpha), fmt.Sprint(a.Units), fp(a.RawAgreement), fmt.Sprint(a.Reliable)})
	}
	writeCSV(t, filepath.Join(out, "agree.csv"), agree)
}

// answers writes the answers of a wave's counted interviewees (people: the rows of columns, nil
// for one per person of the wave): "yes"/"no", a value, values joined by ";" for a multi code,
// "" for missing and "<n/a>" for not applicable.
func answers(w *dataset.Wave, codes []*codebook.Code, columns []*dataset.Column, people []int) [][]string {
	head := []string{"id"}
	var cols []*dataset.Column
	for _, c := range codes {
		for _, col := range columns {
			if col.Code == c {
				head = append(head, c.Name)
				cols = append(cols, col)
			}
		}
	}
	rows := [][]string{head}
	n := len(w.People)
	if people != nil {
		n = len(people)
	}
	for i := range n {
		person := i
		if people != nil {
			person = people[i]
		}
		if w.People[person].Consent == dataset.ConsentWithdrawn {
			continue
		}
		row := []string{w.People[person].ID}
		for _, col := range cols {
			row = append(row, answerText(col, i))
		}
		rows = append(rows, row)
	}
	return rows
}

func answerText(col *dataset.Column, i int) string {
	switch col.State[i] {
	case dataset.Missing:
		return ""
	case dataset.NotApplicable:
		return "<n/a>"
	}
	if col.Code.Type == codebook.YesNo {
		if col.Bits[i] == 1 {
			return "yes"
		}
		return "no"
	}
	var vals []string
	for b := col.Bits[i]; b != 0; b &= b - 1 {
		vals = append(vals, col.Code.Values[bits.TrailingZeros64(b)])
	}
	return strings.Join(vals, ";")
}

func fp(x *float64) string {
	if x == nil {
		return ""
	}
	return strconv.FormatFloat(*x, 'g', -1, 64)
}

func ip(x *int) string {
	if x == nil {
		return ""
	}
	return strconv.Itoa(*x)
}

func writeCSV(t *testing.T, path string, rows [][]string) {
	t.Helper()
	var b bytes.Buffer
	cw := csv.NewWriter(&b)
	if err := cw.WriteAll(rows); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// writeRandomProject writes three waves over 12 yes/no codes (two sensitive), 3 category
// codes of three values, a directional category of two values and two quasi-identifiers: 2011
// and 2017 as interviews of random size (some findings below min-n), 2017 with a second coding
// of 15 interviewees (one code coded carelessly); 2014 as published figures, counts and
// percentages of bases up to 150 (so that several counts fit some percentages).
func writeRandomProject(t *testing.T, dir string, rng *rand.Rand) {
	t.Helper()
	cb := [][]string{{"code", "label", "type", "values", "theme", "direction", "sensitive", "identifier"}}
	cb = append(cb, []string{"age", "Age", "category", "young;middle;old", "profile", "", "", "quasi"},
		[]string{"prov", "Province", "category", "north;south", "profile", "", "", "quasi"})
	dirs := []string{"worse_if_higher", "better_if_higher", "neutral"}
	var codes []string
	for i := range 12 {
		c := fmt.Sprintf("q%02d", i)
		codes = append(codes, c)
		sensitive := ""
		if i == 3 || i == 7 {
			sensitive = "yes"
		}
		cb = append(cb, []string{c, "Question " + c, "yesno", "", "theme" + strconv.Itoa(i%3), dirs[i%3], sensitive, ""})
	}
	cats := []string{"red", "green", "blue"}
	for i := range 3 {
		c := fmt.Sprintf("c%02d", i)
		codes = append(codes, c)
		cb = append(cb, []string{c, "Choice " + c, "category", "red;green;blue", "theme" + strconv.Itoa(i), dirs[i%3], "", ""})
	}
	codes = append(codes, "fee")
	cb = append(cb, []string{"fee", "Fee", "category", "paid;free", "theme0", "worse_if_higher", "", ""})
	if err := xlsxfix.Write(filepath.Join(dir, "interviews", "codebook.xlsx"), xlsxfix.Sheet{Name: "codebook", Rows: cb}); err != nil {
		t.Fatal(err)
	}
	answer := func(c string, i int, bias, young float64) string {
		switch {
		case rng.Float64() < 0.08: // missing
			return ""
		case rng.Float64() < 0.05:
			return "n/a"
		case c[0] == 'q':
			if rng.Float64() < bias*float64(i+1)/12+0.2*young {
				return "yes"
			}
			return "no"
		case c == "fee":
			if rng.Float64() < bias/2 {
				return "paid"
			}
			return "free"
		}
		return cats[rng.IntN(3)]
	}
	interviews := func(name string, people int, bias float64, ages []float64) [][]string {
		rows := [][]string{append([]string{"id", "consent", "age", "prov"}, codes...)}
		for p := range people {
			ageIdx := 0
			for x := rng.Float64(); ageIdx < 2 && x > ages[ageIdx]; ageIdx++ {
				x -= ages[ageIdx]
			}
			age, prov := []string{"young", "middle", "old"}[ageIdx], []string{"north", "south"}[rng.IntN(2)]
			if rng.Float64() < 0.04 {
				age = "" // unknown: left out of the standardisation
			}
			consent := "aggregate"
			if p == 3 {
				consent = "withdrawn"
			}
			row := []string{fmt.Sprintf("%s-%03d", name, p), consent, age, prov}
			young := 0.0
			if ageIdx == 0 {
				young = 1
			}
			for i, c := range codes {
				row = append(row, answer(c, i, bias, young))
			}
			rows = append(rows, row)
		}
		return rows
	}
	w2011 := interviews("2011", 60, 0.4, []float64{0.5, 0.3, 0.2})
	if err := xlsxfix.Write(filepath.Join(dir, "interviews", "2011.xlsx"), xlsxfix.Sheet{Name: "interviews", Rows: w2011}); err != nil {
		t.Fatal(err)
	}
	w2017 := interviews("2017", 45, 0.9, []float64{0.2, 0.3, 0.5})
	second := [][]string{append([]string{"id"}, codes...)}
	for _, row := range w2017[1:16] {
		again := []string{row[0]}
		for i, v := range row[4:] {
			careless := 0.05
			if codes[i] == "q05" {
				careless = 0.6
			}
			if rng.Float64() < careless {
				v = answer(codes[i], i, 0.5, 0)
			}
			again = append(again, v)
		}
		second = append(second, again)
	}
	if err := xlsxfix.Write(filepath.Join(dir, "interviews", "2017.xlsx"), xlsxfix.Sheet{Name: "interviews", Rows: w2017}, xlsxfix.Sheet{Name: "coder2", Rows: second}); err != nil {
		t.Fatal(err)
	}
	agg := [][]string{{"code", "value", "n", "count", "percent"}}
	agg = append(agg, []string{"age", "young", "80", "30", ""}, []string{"age", "middle", "80", "30", ""}, []string{"age", "old", "80", "20", ""},
		[]string{"prov", "north", "80", "", "55"}, []string{"prov", "south", "80", "", "45"})
	for _, c := range codes {
		n := 5 + rng.IntN(146) // some bases below min-n, some above 100
		if c[0] == 'q' {
			k := rng.IntN(n + 1)
			if rng.IntN(2) == 0 { // a whole percentage: the counts that print as it
				agg = append(agg, []string{c, "", strconv.Itoa(n), "", strconv.Itoa((200*k + n) / (2 * n))})
			} else {
				agg = append(agg, []string{c, "", strconv.Itoa(n), strconv.Itoa(k), ""})
			}
			continue
		}
		values := cats
		if c == "fee" {
			values = []string{"paid", "free"}
		}
		left := n
		for _, v := range values {
			k := rng.IntN(left + 1)
			left -= k
			agg = append(agg, []string{c, v, strconv.Itoa(n), strconv.Itoa(k), ""})
		}
	}
	if err := xlsxfix.Write(filepath.Join(dir, "interviews", "2014.xlsx"), xlsxfix.Sheet{Name: "aggregate", Rows: agg}); err != nil {
		t.Fatal(err)
	}
}

// TestSampleStatistics checks the sample project against reference figures worked out
// independently: 2017 raked to the 2014 report's age bands (28/40/32%) and province groups
// (58/42%) — R's survey::rake, see also stats.TestRakeSample for the weights by hand — gives
// these standardised shares, weights from 0.40 to 1.92 and Kish's effective n 29.5 of 40. The
// family is the 17 directional findings; over them Benjamini–Hochberg puts held in detention
// at 0.045 (worse), over all 26 it did not pass; Holm leaves it at 0.148.
func TestSampleStatistics(t *testing.T) {
	dir := t.TempDir()
	if err := sample.Write(dir); err != nil {
		t.Fatal(err)
	}
	result := func(args ...string) compare.Result {
		var out, stderr bytes.Buffer
		if code := cli.Execute(append([]string{"compare", "-C", dir, "--format", "json"}, args...), &out, &stderr); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr.String())
		}
		var r compare.Result
		if err := json.Unmarshal(out.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		return r
	}
	find := func(r compare.Result, code string) compare.Finding {
		for _, f := range r.Findings {
			if f.Code == code {
				return f
			}
		}
		t.Fatalf("no finding %s", code)
		return compare.Finding{}
	}
	r := result()
	st := r.Standardisation
	if st == nil || st.Method != compare.MethodRaking || strings.Join(st.Margins, ",") != "age_band,province_group" ||
		fmt.Sprintf("%.2f–%.2f, %.1f of %d", st.WeightMin, st.WeightMax, st.EffectiveN, st.People) != "0.40–1.92, 29.5 of 40" {
		t.Fatalf("standardisation %+v", st)
	}
	for code, want := range map[string]string{
		"edu_labour_mobilised": "74.1", "det_repatriated": "81.6", "health_contraception_access": "58.9",
		"det_detained": "60.5", "emp_market_main_income": "75.8", "health_paid_care": "71.8",
	} {
		f := find(r, code)
		if f.Standardised == nil || fmt.Sprintf("%.1f", f.Standardised.Share*100) != want {
			t.Errorf("%s: standardised %+v, want %s%%", code, f.Standardised, want)
		}
	}
	if r.Family.Size != 17 || r.Family.Described != 9 {
		t.Errorf("family %+v, want 17 tested and 9 described", r.Family)
	}
	if f := find(r, "det_detained"); f.Verdict != compare.NoClearChange || fmt.Sprintf("%.3f", *f.PAdjusted) != "0.148" || f.CINote != compare.CIExcludesZeroNotSignificant {
		t.Errorf("det_detained (Holm): %s %v %q", f.Verdict, *f.PAdjusted, f.CINote)
	}
	bh := result("--adjust", "bh")
	if f := find(bh, "det_detained"); f.Verdict != compare.Worse || fmt.Sprintf("%.3f", *f.PAdjusted) != "0.045" {
		t.Errorf("det_detained (BH): %s %v", f.Verdict, *f.PAdjusted)
	}
	for _, f := range r.Findings {
		if f.Direction == codebook.Neutral && (f.Verdict == compare.Higher || f.Verdict == compare.Lower || f.P != nil) {
			t.Errorf("%s: a neutral code tested", f.Code)
		}
	}
	// power at the bases of the tested findings: typically 50 and 40 who answered, from 36%; the
	// body search was answered by 16 and 24 only. R, exact power of fisher.test by enumeration
	// (ptab/detect as in internal/compare's tests): detect(ptab(50, 40), 50, 40, .36, a, up) is
	// 32 up, 26 down at .05 and 40 up, 32 down at .05/17; detect(ptab(16, 24), 16, 24, .36, …) is
	// 46 up, 34 down at .05 and 57 up, no fall (NA) at .05/17.
	pts := func(d compare.Detectable) string {
		s := func(x *int) string {
			if x == nil {
				return "none"
			}
			return fmt.Sprint(*x)
		}
		return s(d.Rise) + "/" + s(d.Fall)
	}
	p := r.Power
	if p == nil || p.NFrom != 50 || p.NTo != 40 || p.Baseline != 0.36 || pts(p.SingleTest) != "32/26" || pts(p.Family) != "40/32" {
		t.Fatalf("power %+v; want 50 and 40 at 36%%: 32/26 for one test, 40/32 for the family (R)", p)
	}
	if f := p.Fewest; f == nil || f.NFrom != 16 || f.NTo != 24 || pts(f.SingleTest) != "46/34" || pts(f.Family) != "57/none" {
		t.Errorf("power at the fewest bases %+v; want 16 and 24: 46/34 for one test, 57/none for the family (R)", p.Fewest)
	}
}
