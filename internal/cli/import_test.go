package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/shadowreport/shadowreport/internal/xlsxfix"
)

// run runs a command line in memory, with SOURCE_DATE_EPOCH set so that outputs are dated.
func run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	env := func(k string) string {
		if k == "SOURCE_DATE_EPOCH" {
			return "1700000000"
		}
		return ""
	}
	code = execute(args, streams{out: &out, err: &errb, env: env})
	return code, out.String(), errb.String()
}

// importProject is a project whose codebook has the codes the fixtures below code;
// det_repatriated says that "not coded" is missing.
func importProject(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	err := xlsxfix.Write(filepath.Join(dir, "interviews", "codebook.xlsx"), xlsxfix.Sheet{Name: "codebook", Rows: [][]string{
		{"code", "label", "type", "values", "identifier", "absent_means", "direction"},
		{"age_band", "Age band", "category", "under 30;30-39;40 and over", "quasi", "", ""},
		{"edu_fees_paid", "Paid school fees", "yesno", "", "", "", "worse_if_higher"},
		{"health_bribe", "Bribe for medical care", "yesno", "", "", "", "worse_if_higher"},
		{"det_detained", "Detained", "yesno", "", "", "", "worse_if_higher"},
		{"det_repatriated", "Repatriated from China", "yesno", "", "", "missing", "worse_if_higher"},
		{"interviewer", "Interviewer's name", "text", "", "direct", "", ""},
	}})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func writeFixture(t *testing.T, path string, sheet xlsxfix.Sheet) string {
	t.Helper()
	if err := xlsxfix.Write(path, sheet); err != nil {
		t.Fatal(err)
	}
	return path
}

// nvivo2014 is an NVivo Matrix Coding Query export, coding references per interviewee, with
// NVivo's prefixes, a wrapped label and a hierarchical name; its classification sheet has the
// age bands (one Unassigned).
func nvivo2014(t *testing.T, dir string) (matrix, cases string) {
	matrix = writeFixture(t, filepath.Join(dir, "matrix2014.xlsx"), xlsxfix.Sheet{Name: "Sheet1", Rows: [][]string{
		{"'", "A : Paid school fees", "B : Bribe for medical\ncare", `C : Codes\\Detention\\Detained`, "D : Repatriated from China"},
		{"1 : W01", "2", "0", "1", "1"},
		{"2 : W02", "0", "1", "0", "0"},
		{"3 : W03", "0", "0", "3", "0"},
		{"4 : W04", "1", "0", "0", ""},
		{"5 : W05", "0", "0", "0", "0"},
		{"6 : W06", "3", "1", "1", "2"},
	}})
	cases = writeFixture(t, filepath.Join(dir, "classification.xlsx"), xlsxfix.Sheet{Name: "Sheet1", Rows: [][]string{
		{"Interviewees", "Age band"},
		{`Cases\\W01`, "30-39"}, {`Cases\\W02`, "under 30"}, {`Cases\\W03`, "30-39"},
		{`Cases\\W04`, "40 and over"}, {`Cases\\W05`, "Unassigned"}, {`Cases\\W06`, "30-39"},
	}})
	return matrix, cases
}

// kobo2017 is a KoboToolbox export: yes/no questions as select_one, a select_multiple whose
// option columns hold the text "1"/"0", blank when skip logic did not ask it (K03).
func kobo2017(t *testing.T, dir string) string {
	return writeFixture(t, filepath.Join(dir, "kobo2017.xlsx"), xlsxfix.Sheet{Name: "Shadow report 2017 intervi...", Rows: [][]string{
		{"start", "interviewee_id", "age_band", "edu_fees_paid", "health_bribe", "detention", "detention/det_detained", "detention/det_repatriated", "_id", "_uuid", "_submission_time", "_index"},
		{"2017-03-01", "K01", "30_39", "yes", "no", "det_detained", "'1", "'0", "101", "a1", "2017-03-02", "1"},
		{"2017-03-01", "K02", "under_30", "no", "yes", "det_detained det_repatriated", "'1", "'1", "102", "a2", "2017-03-02", "2"},
		{"2017-03-01", "K03", "40_and_over", "yes", "", "", "", "", "103", "a3", "2017-03-02", "3"},
		{"2017-03-01", "K04", "30_39", "no", "no", "det_repatriated", "'0", "'1", "104", "a4", "2017-03-02", "4"},
		{"2017-03-01", "K05", "under_30", "yes", "yes", "", "'0", "'0", "105", "a5", "2017-03-02", "5"},
	}})
}

type side struct {
	Count int `json:"count"`
	N     int `json:"n"`
}

type finding struct {
	Code  string `json:"code"`
	Value string `json:"value"`
	From  side   `json:"from"`
	To    side   `json:"to"`
}

// Import one wave from NVivo and one from Kobo, check the project, compare: the counts are
// those the fixtures encode.
func TestImportRoundTrip(t *testing.T) {
	proj := importProject(t)
	src := t.TempDir()
	matrix, cases := nvivo2014(t, src)
	code, out, errOut := run(t, "import", "-C", proj, "--wave", "2014", "--cases", cases, matrix)
	if code != 0 {
		t.Fatalf("import 2014: exit %d\n%s%s", code, out, errOut)
	}
	for _, want := range []string{
		"Wrote interviews/2014.xlsx: 6 interviewees, 5 codes, from nvivo-matrix (detected:",
		"cases in rows, codes in columns",
		"count > 0",
		`Consent: everyone is set to "aggregate"`,
		"not coded means missing (absent_means) for: det_repatriated",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("import output misses %q:\n%s", want, out)
		}
	}
	code, out, errOut = run(t, "import", "-C", proj, "--wave", "2017", kobo2017(t, src))
	if code != 0 {
		t.Fatalf("import 2017: exit %d\n%s%s", code, out, errOut)
	}
	if !strings.Contains(out, "from kobo (detected: KoboToolbox metadata column _id)") {
		t.Errorf("output:\n%s", out)
	}
	if code, out, errOut := run(t, "check", "-C", proj); code != 0 {
		t.Fatalf("check: exit %d\n%s%s", code, out, errOut)
	} else if !strings.Contains(out, "2014 (6 interviewees), 2017 (5 interviewees); 0 errors") {
		t.Errorf("check: %s", out)
	}
	code, out, errOut = run(t, "compare", "-C", proj, "--format", "json")
	if code != 0 {
		t.Fatalf("compare: exit %d\n%s", code, errOut)
	}
	var res struct{ Findings []finding }
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	want := map[string][2]side{
		// 2014: W01, W04, W06 coded; everyone else not coded, so no
		"edu_fees_paid": {{3, 6}, {3, 5}},
		// 2017: K03 was not asked (blank), so n is 4
		"health_bribe": {{2, 6}, {2, 4}},
		"det_detained": {{3, 6}, {2, 4}},
		// absent_means missing: only the two coded interviewees of 2014 count; Kobo's "0" is a no
		"det_repatriated": {{2, 2}, {2, 4}},
	}
	for _, f := range res.Findings {
		w, ok := want[f.Code]
		if !ok {
			continue
		}
		delete(want, f.Code)
		if f.From != w[0] || f.To != w[1] {
			t.Errorf("%s: from %+v to %+v, want %+v and %+v", f.Code, f.From, f.To, w[0], w[1])
		}
	}
	if len(want) > 0 {
		t.Errorf("no findings for %v:\n%s", want, out)
	}

	// --min-count 2 (replacing the wave needs --force): W04 was coded once only
	code, _, errOut = run(t, "import", "-C", proj, "--wave", "2014", "--cases", cases, "--min-count", "2", "--force", matrix)
	if code != 0 {
		t.Fatalf("import --min-count 2: exit %d\n%s", code, errOut)
	}
	_, out, _ = run(t, "compare", "-C", proj, "--format", "json")
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Findings {
		if f.Code == "edu_fees_paid" && f.From != (side{2, 6}) {
			t.Errorf("with --min-count 2, edu_fees_paid from %+v, want 2 of 6", f.From)
		}
	}
}

// Names that match no code are all listed with a suggestion, nothing is written (exit 3);
// a --map resolves them. A name that is a direct identifier's code is never imported.
func TestImportUnmatchedWritesNothing(t *testing.T) {
	proj := importProject(t)
	src := t.TempDir()
	matrix := writeFixture(t, filepath.Join(src, "m.xlsx"), xlsxfix.Sheet{Name: "Sheet1", Rows: [][]string{
		{"'", "A : Paid shcool fees", "B : Detaind", "C : Interviewer", "D : Something else"},
		{"1 : W01", "1", "0", "0", "1"},
		{"2 : W02", "0", "1", "0", "0"},
	}})
	code, out, errOut := run(t, "import", "-C", proj, "--wave", "2020", matrix)
	if code != 3 {
		t.Fatalf("exit %d, want 3\n%s%s", code, out, errOut)
	}
	for _, want := range []string{
		`error: m.xlsx: Sheet1!B1: "A : Paid shcool fees" matches no code of the codebook (did you mean edu_fees_paid ("Paid school fees")?)`,
		`error: m.xlsx: Sheet1!C1: "B : Detaind" matches no code of the codebook (did you mean det_detained ("Detained")?)`,
		`error: m.xlsx: Sheet1!E1: "D : Something else" matches no code of the codebook; add it to the codebook, map it in --map, or ignore it there (code -)`,
		"3 errors, 0 warnings; nothing was written.",
		"source,code,value",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr misses %q:\n%s", want, errOut)
		}
	}
	if _, err := os.Stat(filepath.Join(proj, "interviews", "2020.xlsx")); err == nil {
		t.Fatal("a workbook was written")
	}
	if entries, _ := os.ReadDir(filepath.Join(proj, "interviews")); len(entries) != 1 {
		t.Errorf("interviews/ holds %d files", len(entries))
	}

	m := filepath.Join(src, "map.csv")
	os.WriteFile(m, []byte("source,code,value\nPaid shcool fees,edu_fees_paid,\nB : Detaind,det_detained,\nC : Interviewer,interviewer,\n"), 0o644)
	code, _, errOut = run(t, "import", "-C", proj, "--wave", "2020", "--map", m, matrix)
	if code != 3 || !strings.Contains(errOut, "map.csv: map!B4: interviewer is a direct identifier") || !strings.Contains(errOut, `"D : Something else" matches no code`) {
		t.Errorf("exit %d:\n%s", code, errOut)
	}
	os.WriteFile(m, []byte("source,code,value\nPaid shcool fees,edu_fees_paid,\nB : Detaind,det_detained,\nC : Interviewer,-,\nSomething else,ignore,\n"), 0o644)
	code, out, errOut = run(t, "import", "-C", proj, "--wave", "2020", "--map", m, matrix)
	if code != 0 {
		t.Fatalf("with the map: exit %d\n%s", code, errOut)
	}
	if !strings.Contains(out, "ignored: 2 names") {
		t.Errorf("output:\n%s", out)
	}
	if code, _, errOut := run(t, "check", "-C", proj); code != 0 {
		t.Errorf("check: %d\n%s", code, errOut)
	}
}

// An existing wave is replaced only with --force; the same inputs give the same bytes.
func TestImportForceAndDeterminism(t *testing.T) {
	proj := importProject(t)
	matrix, cases := nvivo2014(t, t.TempDir())
	args := []string{"import", "-C", proj, "--wave", "2014", "--cases", cases, matrix}
	if code, _, errOut := run(t, args...); code != 0 {
		t.Fatal(errOut)
	}
	path := filepath.Join(proj, "interviews", "2014.xlsx")
	first, _ := os.ReadFile(path)
	code, _, errOut := run(t, args...)
	if code != 2 || !strings.Contains(errOut, "interviews/2014.xlsx exists: give --force to replace it") {
		t.Errorf("exit %d:\n%s", code, errOut)
	}
	if code, _, errOut := run(t, append(args, "--force")...); code != 0 {
		t.Fatal(errOut)
	}
	second, _ := os.ReadFile(path)
	if !bytes.Equal(first, second) {
		t.Error("the same import gave different bytes")
	}
	st, _ := os.Stat(path)
	if st.Mode().Perm() != 0o644 {
		t.Errorf("mode %v", st.Mode())
	}
	if entries, _ := os.ReadDir(filepath.Join(proj, "interviews")); len(entries) != 2 {
		t.Errorf("a temporary file was left behind: %d files", len(entries))
	}
}

func TestImportUsage(t *testing.T) {
	proj := importProject(t)
	matrix, _ := nvivo2014(t, t.TempDir())
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"import", "-C", proj, matrix}, "--wave NAME"},
		{[]string{"import", "-C", proj, "--wave", "2020"}, "name the export"},
		{[]string{"import", "-C", proj, "--wave", "2020", "--format", "nvivo", matrix}, `--format "nvivo" is not one of auto, nvivo-matrix`},
		{[]string{"import", "-C", proj, "--wave", "codebook", matrix}, "is the codebook"},
		{[]string{"import", "-C", proj, "--wave", "../x", matrix}, "a wave's name is its file name"},
		{[]string{"import", "-C", proj, "--wave", "2020.xlsx", matrix}, "without .xlsx"},
		{[]string{"import", "-C", proj, "--wave", "2020", "--min-count", "0", matrix}, "--min-count 0"},
		{[]string{"import", "-C", proj, "--wave", "2020", "--cases-in", "diagonal", matrix}, "--cases-in"},
		{[]string{"import", "-C", proj, "--wave", "2020", "--id-pattern", "(", matrix}, "--id-pattern"},
		{[]string{"import", "-C", proj, "--wave", "2020", filepath.Join(proj, "nothing.xlsx")}, "cannot read"},
		{[]string{"template", "-C", proj}, "--wave NAME"},
	} {
		code, _, errOut := run(t, tc.args...)
		if code != 2 || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, want 2 with %q:\n%s", tc.args[1:], code, tc.want, errOut)
		}
	}
	// a file that is not an export is invalid input
	bad := filepath.Join(t.TempDir(), "bad.xlsx")
	os.WriteFile(bad, []byte("not a workbook"), 0o644)
	if code, _, errOut := run(t, "import", "-C", proj, "--wave", "2020", bad); code != 3 {
		t.Errorf("a damaged file: exit %d\n%s", code, errOut)
	}
}

func TestImportFlags(t *testing.T) {
	g := &global{io: streams{out: &bytes.Buffer{}, err: &bytes.Buffer{}, env: func(string) string { return "" }}}
	var got *importOptions
	cmd := newImportCmd(g, func(o *importOptions) error { got = o; return nil })
	root := &cobra.Command{Use: "shadowreport"}
	root.PersistentFlags().StringVarP(&g.dir, "project", "C", ".", "")
	root.AddCommand(cmd)
	root.SetArgs([]string{"import", "-C", "proj", "--wave", "2020", "--format", "segments", "--cases", "c.xlsx", "--map", "m.csv",
		"--min-count", "2", "--include-text", "--force", "--id-column", "code", "--id-pattern", `^(W\d+)`, "--separator", ".", "--separator", ">", "a.csv", "b.csv"})
	if err := root.Execute(); err != nil {
		t.Fatal(err)
	}
	if got.dir != "proj" || got.wave != "2020" || got.format != "segments" || got.cases != "c.xlsx" || got.mapFile != "m.csv" ||
		got.minCount != 2 || !got.includeText || !got.force || got.idColumn != "code" || got.idPattern != `^(W\d+)` ||
		strings.Join(got.separators, " ") != ". >" || strings.Join(got.files, " ") != "a.csv b.csv" || got.casesIn != "auto" {
		t.Errorf("options %+v", got)
	}
}

// Free text reaches only the quotes sheet, unreviewed, and only with --include-text.
func TestImportIncludeText(t *testing.T) {
	proj := importProject(t)
	src := t.TempDir()
	csv := filepath.Join(src, "all_tags.csv")
	os.WriteFile(csv, []byte("id,document,tag,content\r\n1,W01.docx,Detained,We were held at the border\r\n1,W01.docx,Detained,We were held at the border\r\n2,W02.docx,Paid school fees,The teacher wanted money\r\n"), 0o644)
	code, out, errOut := run(t, "import", "-C", proj, "--wave", "2020", "--include-text", csv)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	if !strings.Contains(out, "Quotes: 2 passages in the quotes sheet, all with reviewed: no") {
		t.Errorf("output:\n%s", out)
	}
	code, out, _ = run(t, "check", "-C", proj, "--format", "json")
	if code != 0 || !strings.Contains(out, `"quotes": 2`) {
		t.Errorf("check: exit %d\n%s", code, out)
	}
}
