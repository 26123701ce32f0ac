package report

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/shadowreport/shadowreport/internal/compare"
	"github.com/shadowreport/shadowreport/internal/doc"
	"github.com/shadowreport/shadowreport/internal/policy"
	"github.com/shadowreport/shadowreport/internal/project"
	"github.com/shadowreport/shadowreport/internal/sample/sampletest"
	"github.com/shadowreport/shadowreport/internal/xlsxfix"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// sampleInput loads the synthetic sample project and compares its waves.
func sampleInput(t *testing.T) Input {
	t.Helper()
	p, res := sampletest.Load(t, sampletest.Dir(t))
	return Input{Project: p, Policy: policy.New(p, res, policy.Options{}), Who: "women", One: "woman", Synthetic: true}
}

// assembleSource assembles the template source src, as templates/report.md, from in.
func assembleSource(t *testing.T, in Input, src string) *Output {
	t.Helper()
	tm := Template{Name: "report", File: "templates/report.md", Source: []byte(src)}
	if err := tm.parseFront(); err != nil {
		t.Fatal(err)
	}
	out, err := Assemble(in, tm)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func builtin(t *testing.T, name string) Template {
	t.Helper()
	ts, err := Load(filepath.Join(t.TempDir(), "none"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tm := range ts {
		if tm.Name == name {
			return tm
		}
	}
	t.Fatalf("no built-in template %s", name)
	return Template{}
}

// outline writes a document as readable text: the golden form of the document model.
func outline(d *doc.Document) string {
	var b strings.Builder
	fmt.Fprintf(&b, "meta: %+v\ncover=%v contents=%v budget=%d\n", d.Meta, d.Cover, d.Contents, d.PageBudget)
	for _, bl := range d.Blocks {
		switch x := bl.(type) {
		case *doc.Heading:
			fmt.Fprintf(&b, "\n%s %s {#%s}\n", strings.Repeat("#", x.Level), x.Text, x.ID)
		case *doc.Paragraph:
			mark := "P"
			if x.Numbered {
				mark = "P#"
			}
			fmt.Fprintf(&b, "%s %s\n", mark, inl(x.Inlines))
		case *doc.List:
			for _, it := range x.Items {
				fmt.Fprintf(&b, "  - %s\n", inl(it))
			}
		case *doc.Table:
			fmt.Fprintf(&b, "TABLE %s %q\n  | %s |\n", x.ID, x.Caption, strings.Join(x.Header, " | "))
			for i, r := range x.Rows {
				em := ""
				if i < len(x.Emphasis) && x.Emphasis[i] {
					em = "**"
				}
				fmt.Fprintf(&b, "  |%s %s |\n", em, strings.Join(r, " | "))
			}
			for _, n := range x.Notes {
				fmt.Fprintf(&b, "  note: %s\n", n)
			}
		case *doc.Figure:
			fmt.Fprintf(&b, "FIGURE %s %q\n", x.ID, x.Caption)
			for _, g := range x.Chart.Groups {
				var bars []string
				for _, br := range g.Bars {
					bars = append(bars, fmt.Sprintf("%s/%d hidden=%v [%.3f %.3f %.3f]", br.Label, br.N, br.Hidden, br.Lo, br.Share, br.Hi))
				}
				fmt.Fprintf(&b, "  %s: %s\n", g.Label, strings.Join(bars, "  "))
			}
		case *doc.Quote:
			fmt.Fprintf(&b, "QUOTE %q — %s (%s)\n", x.Text, x.Attribution, x.Language)
		case *doc.PageBreak:
			b.WriteString("PAGEBREAK\n")
		}
	}
	return b.String()
}

func inl(in []doc.Inline) string {
	var b strings.Builder
	for _, x := range in {
		switch {
		case x.Note != "":
			fmt.Fprintf(&b, "[^%s]", x.Note)
		case x.Bold:
			b.WriteString("**" + x.Text + "**")
		case x.Italic:
			b.WriteString("*" + x.Text + "*")
		default:
			b.WriteString(x.Text)
		}
	}
	return b.String()
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the document assembled; run go test ./internal/report -update and review the diff", path)
	}
}

// The built-in templates over the sample: the document model is reviewed as a golden file.
func TestBuiltinGolden(t *testing.T) {
	in := sampleInput(t)
	for _, name := range []string{"report", "handout-committee", "handout-delegations"} {
		out, err := Assemble(in, builtin(t, name))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		golden(t, name+".golden", outline(out.Doc))
	}
}

func TestReportContent(t *testing.T) {
	in := sampleInput(t)
	out, err := Assemble(in, builtin(t, "report"))
	if err != nil {
		t.Fatal(err)
	}
	text := outline(out.Doc)
	for _, want := range []string{
		// the comparison sentence of docs/statistics.md, numbers from the data
		"P# 28 of 40 women interviewed in 2017 (70%, 95% CI 55–82%) said they had paid informal school fees, compared with 31 of 50 in 2014 (62%, 95% CI 48–74%).",
		"Neither group of interviewees was randomly selected",
		"# Methodology",
		"# Annex: all findings",
		"TABLE composition",
		"FIGURE chart-education",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	for _, bad := range []string{"prevalence", "increased in", "% of women in"} {
		if strings.Contains(strings.ToLower(text), bad) {
			t.Errorf("the report says %q", bad)
		}
	}
	// quotes: only reviewed ones of quote-consent interviewees
	w := in.Project.Wave("2017")
	for _, q := range w.Quotes {
		p := w.People[q.Person]
		published := strings.Contains(text, fmt.Sprintf("QUOTE %q", q.Text))
		allowed := q.Reviewed && p.Consent.String() == "quote"
		if published != allowed {
			t.Errorf("quote of %s (consent %s, reviewed %v): published = %v", p.ID, p.Consent, q.Reviewed, published)
		}
		if strings.Contains(text, p.ID) {
			t.Errorf("the report names interviewee %s", p.ID)
		}
	}
	if out.Words < 1500 {
		t.Errorf("the report has %d words; the sample should give a report of substance", out.Words)
	}
}

// TestPrintValuesAreStable: printing a view as a whole gives words, never memory addresses
// (which would make two builds of the same inputs differ).
func TestPrintValuesAreStable(t *testing.T) {
	in := sampleInput(t)
	out := assembleSource(t, in, "{{ printf \"%v\" (finding \"edu_fees_paid\") }} {{ printf \"%v\" (finding \"edu_fees_paid\").To }} {{ printf \"%v\" themes }}\n")
	text := inl(out.Doc.Blocks[0].(*doc.Paragraph).Inlines)
	if strings.Contains(text, "0x") || !strings.Contains(text, "28 of 40") {
		t.Errorf("printf %%v of a view: %q", text)
	}
}

func TestTemplateErrorsNameTheLine(t *testing.T) {
	in := sampleInput(t)
	for _, c := range []struct {
		src, want string
	}{
		{"# Title\n\nSome text.\n{{ sentence \"edu_fees\" }}\n", `templates/report.md:4: sentence: no code "edu_fees" in the codebook (did you mean "edu_fees_paid"?)`},
		{"---\npages: 1\n---\n# T\n\n{{ kofn \"edu_highest\" }}\n", `templates/report.md:6: kofn: edu_highest is a category code: name the value too`},
		// a block left open is reported where it opens, not at the end of the file
		{"# T\n{{ range themes }}\n{{ with worse }}x{{ end }}\nmore\n", `templates/report.md:2: the {{ range }} that starts here has no {{ end }}`},
		{"---\ntitle: x\n---\n# T\n{{ if true }}\n", `templates/report.md:5: the {{ if }} that starts here has no {{ end }}`},
		// a misspelt action, a misspelt field: what is meant
		{"# T\n\n{{ sentense \"edu_fees_paid\" }}\n", `templates/report.md:3: there is no action "sentense" (did you mean "sentence"?)`},
		{"# T\n{{ with finding \"edu_fees_paid\" }}{{ .To.Kofn }}{{ end }}\n", `templates/report.md:2: SideView has no field "Kofn" (did you mean .KofN?); its fields are .Answered, .CI, .K, .KofN, .N, .Share, .Wave, .Withheld`},
		// curly quotes typed by Word are read as straight ones: this one fails only on the code
		{"# T\n\n{{ sentence \u201cedu_fees\u201d }}\n", `templates/report.md:3: sentence: no code "edu_fees" in the codebook (did you mean "edu_fees_paid"?)`},
		// bounds: a loop over a huge number, an empty one, nested ones, printf of a megabyte
		{"# T\n{{ range 1000000000000 }}x{{ end }}\n", `templates/report.md:2: {{ range }} over 1000000000000 would repeat the block 1000000000000 times, more than the 100000 a template may`},
		{"# T\n\n{{ range 1000000000000 }}{{ end }}\n", `templates/report.md:3: {{ range }} over 1000000000000`},
		{"# T\n{{ with 100000000000 }}{{ range . }}{{ end }}{{ end }}\n", `templates/report.md:2: {{ range }} over 100000000000`},
		{"# T\n{{ range 1000 }}{{ range 1000 }}{{ range 10 }}{{ end }}{{ end }}{{ end }}\n", `templates/report.md:2: the template's {{ range }} blocks repeat more than 100000 times in all`},
		{"# T\n{{ range 200 }}{{ printf \"%99999d\" 1 }}{{ end }}\n", `templates/report.md: the template produced more than 16 MB of text`},
		{"# T\n{{ printf \"%s%999999d%999999d\" \"x\" 1 2 }}\n", `templates/report.md:2: printf made a text of 1999999 characters, more than the 100000`},
		// templates calling one another twice, forty deep: a million million calls, no output
		{"# T\n" + calls(40) + "{{ template \"x0\" }}\n", `templates/report.md:2: the template calls its {{ define }}d templates more than 100000 times in all`},
		{"---\npages: many\n---\n", `templates/report.md:2: pages: "many" is not a number of pages`},
		{"# T\n{{ findings \"nope\" }}\n", `templates/report.md:2: findings: no theme "nope"`},
		// Go syntax is not text for a reader: refused before any value is printed
		{"# T\n\n{{ printf \"%#v\" (sentence \"edu_fees_paid\") }}\n", `templates/report.md:3: printf: %#v prints Go syntax, not text for a reader: use %v or %s`},
		{"# T\n{{ printf \"%d%% %-8T\" 3 \"x\" }}\n", `templates/report.md:2: printf: %-8T prints Go syntax`},
	} {
		tm := Template{Name: "report", File: "templates/report.md", Source: []byte(c.src)}
		err := tm.parseFront()
		if err == nil {
			_, err = Assemble(in, tm)
		}
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("template %q: error %v, want it to start with %q", c.src, err, c.want)
		}
	}
}

// calls defines templates x0 … xn, each calling the next twice; xn prints nothing.
func calls(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, `{{ define "x%d" }}{{ template "x%d" }}{{ template "x%d" . }}{{ end }}`, i, i+1, i+1)
	}
	fmt.Fprintf(&b, `{{ define "x%d" }}{{ end }}`, n)
	return b.String()
}

// A template a {{ template }} calls gets its data, or none, as it would without the count.
func TestTemplateCallsKeepTheirData(t *testing.T) {
	in := sampleInput(t)
	src := "# T\n{{ define \"d\" }}({{ . }}){{ end }}{{ define \"n\" }}({{ if . }}data{{ else }}none{{ end }}){{ end }}" +
		"{{ template \"d\" \"hello\" }} {{ template \"n\" }} {{ range 2 }}{{ template \"d\" . }}{{ end }}\n" + calls(15) + "{{ template \"x0\" }}\n"
	out := assembleSource(t, in, src)
	var text []string
	for _, b := range out.Doc.Blocks {
		if p, ok := b.(*doc.Paragraph); ok {
			for _, in := range p.Inlines {
				text = append(text, in.Text)
			}
		}
	}
	if got := strings.Join(text, ""); !strings.Contains(got, "(hello) (none) (0)(1)") {
		t.Errorf("the paragraph says %q", got)
	}
}

func TestLint(t *testing.T) {
	src := "# Findings\n\nDetention increased in the country.\n{{ sentence \"rate\" }} is fine.\nThe prevalence of fees.\n40% of women in the north.\n" +
		"Fees increased from 2014.\nDetention has risen.\nThe situation worsened.\nThey left because of hunger.\n62% of women who left paid.\nHe was detained for two years.\n" +
		"구금이 증가했다.\n가난 때문에 떠났다.\nThe people interviewed in 2017 reported it more often.\n"
	tm := Template{File: "templates/report.md", Source: []byte(src)}
	var lines []string
	for _, h := range tm.Lint() {
		lines = append(lines, h.String())
	}
	got := strings.Join(lines, "\n")
	for _, want := range []string{`templates/report.md:3: "increased in"`, `templates/report.md:5: "prevalence"`, `templates/report.md:6: "40% of women in"`,
		`templates/report.md:7: "increased from"`, `templates/report.md:8: "has risen"`, `templates/report.md:9: "worsened"`, `templates/report.md:10: "because of"`,
		`templates/report.md:11: "62% of women who"`, `templates/report.md:13: "증가했"`, `templates/report.md:14: "때문에"`} {
		if !strings.Contains(got, want) {
			t.Errorf("lint lacks %s:\n%s", want, got)
		}
	}
	for _, clean := range []string{":4:", ":12:", ":15:"} {
		if strings.Contains(got, clean) {
			t.Errorf("lint flags line %s, which says nothing beyond the interviews:\n%s", clean, got)
		}
	}
}

func TestWordCount(t *testing.T) {
	d := &doc.Document{Blocks: []doc.Block{
		&doc.Heading{Level: 1, Text: "Executive summary"},                                                // 2
		&doc.Paragraph{Inlines: []doc.Inline{{Text: "28 of 40 (70%) don't, aged 30-39; 2.5."}}},          // 28 of 40 70 don't aged 30-39 2.5 = 8
		&doc.Quote{Text: "학교에 돈을 내지 못하면", Attribution: "woman"},                                          // 4 eojeol + 1
		&doc.Table{Caption: "Table 1. X", Header: []string{"a", "b"}, Rows: [][]string{{"1 of 2", "y"}}}, // 3 + 2 + 4
		&doc.Heading{Level: 1, Text: "Annex: all findings"},
		&doc.Paragraph{Inlines: []doc.Inline{{Text: "not counted at all"}}},
	}}
	if got := WordCount(d); got != 2+8+5+9 {
		t.Errorf("WordCount = %d, want %d", got, 2+8+5+9)
	}
}

// FuzzAssemble runs arbitrary template text over the sample: a template may fail with an
// error naming its line, never panic.
func FuzzAssemble(f *testing.F) {
	for _, s := range []string{
		"# T\n{{ sentence \"edu_fees_paid\" }}\n",
		"---\npages: 1\n---\n{{ range concerns 3 }}**{{ .Label }}** {{ .Question }}\n{{ end }}",
		"{{ range themes }}## {{ .Title }}\n{{ findings .Name }}\n{{ chart .Name }}\n{{ end }}",
		"{{ composition }}{{ methodology }}{{ annex }}{{ notcomparable }}{{ wordcount }}",
		"{{ quotes \"edu_fees_paid\" 1 }}\n> quoted\n> — someone\n\n| a | b |\n|---|--:|\n| 1 | 2 |\n\ntext[^1]\n\n[^1]: note",
		"{{ kofn \"edu_highest\" \"primary\" \"2014\" }} {{ share \"det_detained\" }} {{ ci \"det_detained\" \"2014\" }}",
		"<!--shadowreport:block:99-->\n{{ template \"x\" }}",
	} {
		f.Add(s)
	}
	var in Input
	loaded := false
	f.Fuzz(func(t *testing.T, src string) {
		if !loaded {
			in, loaded = sampleInput(t), true
		}
		tm := Template{Name: "report", File: "templates/report.md", Source: []byte(src)}
		if err := tm.parseFront(); err != nil {
			return
		}
		tm.Lint()
		out, err := Assemble(in, tm)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "templates/report.md") {
				t.Errorf("error does not name the template: %v", err)
			}
			return
		}
		WordCount(out.Doc)
	})
}

// A hidden composition count must not come back through the difference in points, the
// share, or the chi-square test (50 − 44 points = 6% of 50 = 3 people).
func TestCompositionHidesSmallCounts(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, rows [][]string, sheet string) {
		if err := xlsxfix.Write(filepath.Join(dir, "interviews", name), xlsxfix.Sheet{Name: sheet, Rows: rows}); err != nil {
			t.Fatal(err)
		}
	}
	write("codebook.xlsx", [][]string{
		{"code", "label", "type", "values", "identifier", "theme"},
		{"age", "Age band", "category", "under 30;30-39;40 and over", "quasi", "profile"},
		{"fees", "Paid fees", "yesno", "", "", "education"},
	}, "codebook")
	write("2014.xlsx", [][]string{
		{"code", "value", "n", "count"},
		{"age", "under 30", "50", "3"}, {"age", "30-39", "50", "27"}, {"age", "40 and over", "50", "20"},
		{"fees", "", "50", "20"},
	}, "aggregate")
	rows := [][]string{{"id", "consent", "age", "fees"}}
	for i := 0; i < 40; i++ {
		age := []string{"under 30", "30-39", "40 and over"}[min(i/20, 1)+boolInt(i >= 30)]
		rows = append(rows, []string{fmt.Sprintf("P%02d", i), "aggregate", age, []string{"yes", "no"}[i%2]})
	}
	write("2017.xlsx", rows, "interviews")
	p, diags, err := project.Load(dir, project.Options{})
	if err != nil || diags.HasErrors() {
		t.Fatalf("load: %v %v", err, diags.Items())
	}
	res, err := compare.Compare(p.Codebook, p.Waves, p.Config.CompareOptions())
	if err != nil {
		t.Fatal(err)
	}
	tm := Template{Name: "report", File: "t.md", Source: []byte("{{ composition }}")}
	if err := tm.parseFront(); err != nil {
		t.Fatal(err)
	}
	out, err := Assemble(Input{Project: p, Policy: policy.New(p, res, policy.Options{}), Who: "people", One: "person"}, tm)
	if err != nil {
		t.Fatal(err)
	}
	text := outline(out.Doc)
	if !strings.Contains(text, "|   under 30 | x of 50 | 20 of 40 (50%) | — |") {
		t.Errorf("the small 2014 count is not hidden with its difference:\n%s", text)
	}
	if strings.Contains(text, "+44") || strings.Contains(text, "chi-square") {
		t.Errorf("a difference or a test gives the hidden count back:\n%s", text)
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestCondenseSources(t *testing.T) {
	got := condenseSources([]string{"2014 report, p. 8", "p.9", "2014 report, p. 12", "2014 report, p. 13", "annex, p. x", "2014 report, p. 14"})
	want := "2014 report, pp. 8, 12–14; p.9; annex, p. x"
	if got != want {
		t.Errorf("condenseSources = %q, want %q", got, want)
	}
}

func TestDefaultQuestionKeepsAcronyms(t *testing.T) {
	in := sampleInput(t)
	e := &env{in: in, pub: in.Policy.Public(), ids: map[string]bool{}}
	f, err := e.finding("edu_fees_paid")
	if err != nil {
		t.Fatal(err)
	}
	v := e.view(f)
	v.f = policy.Finding{Label: "HIV test refused", Type: "yesno"}
	if q := v.Question(); !strings.Contains(q, ": HIV test refused?") {
		t.Errorf("Question() = %q", q)
	}
	v.f = policy.Finding{Label: "Élections", Type: "yesno"}
	// the text is Markdown: the full stop comes escaped
	if r := v.Recommendation(); !strings.Contains(r, ": élections\\.") {
		t.Errorf("Recommendation() = %q", r)
	}
}

// TestAuthorTables: a table the author types gets its number in the report's sequence, its
// caption from a "Table:" line above it; a block action inside a sentence is warned about.
func TestAuthorTables(t *testing.T) {
	in := sampleInput(t)
	src := "# T\n\n{{ composition }}\n\nTable: Interviews by month\n\n| Month | Interviews |\n|---|--:|\n| March | 12 |\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\nThe table {{ findings \"education\" }} shows it.\n"
	out := assembleSource(t, in, src)
	var captions []string
	for _, b := range out.Doc.Blocks {
		if tab, ok := b.(*doc.Table); ok {
			captions = append(captions, tab.Caption)
		}
	}
	want := []string{"Table 1. Who was interviewed: the profile of each wave", "Table 2. Interviews by month", "Table 3.", "Table 4. Education: what the women interviewed said, 2014 and 2017"}
	if strings.Join(captions, "|") != strings.Join(want, "|") {
		t.Errorf("captions:\n got %q\nwant %q", captions, want)
	}
	if len(out.Warnings) != 1 || !strings.Contains(out.Warnings[0], `line 15: {{ findings "education" }} builds a block`) {
		t.Errorf("warnings: %q", out.Warnings)
	}
}

// The oral statement and the Committee's handout state the contradicted claims with their
// evidence, then key concerns: no finding is said twice (the labour mobilisation of students
// is evidence of a claim and the second concern of the sample).
func TestHandoutsSayAFindingOnce(t *testing.T) {
	in := sampleInput(t)
	said := regexp.MustCompile(`\d+ of \d+ women interviewed in 2017 \(\d+%\)`)
	for _, name := range []string{"statement", "handout-committee"} {
		out, err := Assemble(in, builtin(t, name))
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]int{}
		for _, line := range strings.Split(outline(out.Doc), "\n") {
			if strings.Contains(line, "Question to the delegation") {
				continue // a claim's question quotes its evidence
			}
			for _, s := range said.FindAllString(line, -1) {
				if seen[s]++; seen[s] == 2 {
					t.Errorf("%s says %q twice", name, s)
				}
			}
		}
		if len(seen) < 3 {
			t.Errorf("%s states %d findings, want 3 or more: %v", name, len(seen), seen)
		}
	}
}
