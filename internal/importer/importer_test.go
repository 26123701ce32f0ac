package importer

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/diag"
	"github.com/shadowreport/shadowreport/internal/workbook"
	"github.com/shadowreport/shadowreport/internal/xlsxfix"
)

// testCodebook is the coding scheme of these tests. det_repatriated says that "not coded"
// means missing; full_name is a direct identifier.
var testCodebook = [][]string{
	{"code", "label", "type", "values", "identifier", "absent_means", "question"},
	{"age_band", "Age band", "category", "under 30;30-39;40 and over", "quasi", "", "How old were you?"},
	{"edu_fees_paid", "Paid school fees", "yesno", "", "", "", ""},
	{"health_bribe", "Bribe for medical care", "yesno", "", "", "", ""},
	{"det_detained", "Detained", "yesno", "", "", "", ""},
	{"det_repatriated", "Repatriated from China", "yesno", "", "", "missing", ""},
	{"det_sexual_violence", "Sexual violence in detention", "yesno", "", "", "", ""},
	{"det_facility", "Place of detention", "multi", "holding centre;labour training camp;prison camp", "", "", ""},
	{"children", "Number of children", "number", "", "", "", ""},
	{"full_name", "Full name", "text", "", "direct", "", ""},
	{"other_remarks", "Other remarks", "text", "", "", "", ""},
}

func readCodebook(t *testing.T, rows [][]string) *codebook.Codebook {
	t.Helper()
	path := filepath.Join(t.TempDir(), "codebook.xlsx")
	if err := xlsxfix.Write(path, xlsxfix.Sheet{Name: "codebook", Rows: rows}); err != nil {
		t.Fatal(err)
	}
	b, err := workbook.Open(path, "codebook.xlsx", workbook.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	var diags diag.List
	cb := codebook.Read(b, &diags)
	if diags.HasErrors() {
		t.Fatalf("codebook: %v", diags.Items())
	}
	return cb
}

// files writes the fixtures into a temporary folder: an xlsxfix.Sheet becomes an .xlsx file,
// a string is written as it is (CSV).
func files(t *testing.T, fs map[string]any) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range fs {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		switch c := content.(type) {
		case string:
			if err := os.WriteFile(path, []byte(c), 0o644); err != nil {
				t.Fatal(err)
			}
		case xlsxfix.Sheet:
			if err := xlsxfix.Write(path, c); err != nil {
				t.Fatal(err)
			}
		default:
			t.Fatalf("fixture %s: %T", name, content)
		}
	}
	return dir
}

// importOK runs an import that must succeed.
func importOK(t *testing.T, o Options) *Result {
	t.Helper()
	res, diags := runImport(t, o)
	if diags.HasErrors() {
		t.Fatalf("import failed:\n%s", diagText(diags))
	}
	return res
}

func runImport(t *testing.T, o Options) (*Result, *diag.List) {
	t.Helper()
	if o.Format == "" {
		o.Format = Auto
	}
	var diags diag.List
	res, err := Import(readCodebook(t, testCodebook), o, &diags)
	if err != nil {
		t.Fatal(err)
	}
	return res, &diags
}

func diagText(l *diag.List) string {
	var b strings.Builder
	for _, d := range l.Items() {
		b.WriteString(d.String() + "\n")
	}
	return b.String()
}

// col returns the cells of a code as text ("" for blank), in the order of the ids.
func col(t *testing.T, res *Result, code string) []string {
	t.Helper()
	for i, c := range res.Wave.Codes {
		if c.Name == code {
			out := make([]string, len(res.Wave.IDs))
			for j, v := range res.Wave.Cells[i] {
				out[j] = v.Text
				if v.IsNum {
					out[j] = strconv.FormatFloat(v.Num, 'f', -1, 64)
				}
			}
			return out
		}
	}
	t.Fatalf("no column %s (columns: %v)", code, codeNames(res))
	return nil
}

func mustDate(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func codeNames(res *Result) []string {
	var out []string
	for _, c := range res.Wave.Codes {
		out = append(out, c.Name)
	}
	return out
}

func equal(t *testing.T, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("%s = %q, want %q", what, got, want)
	}
}

// An NVivo matrix with every quirk: "A : " and "1 : " prefixes, an empty A1, a label wrapped over
// two lines, hierarchical names with a parent folder that is never coded, and a typo'd name
// resolved by the map.
func TestNVivoMatrix(t *testing.T) {
	dir := files(t, map[string]any{
		"matrix.xlsx": xlsxfix.Sheet{Name: "Sheet1", Rows: [][]string{
			{"'", "A : Paid school fees", "B : Bribe for medical\ncare", `C : Codes\\Detention\\Detained`, `D : Codes\\Detention`, "E : Repatriated from China"},
			{"1 : W01", "2", "0", "1", "0", "1"},
			{"2 : W02", "0", "1", "0", "0", "0"},
			{"3 : W03", "0", "0", "3", "0", "0"},
			{"4 : W04", "1", "0", "0", "0", ""},
			{"5 : W05", "0", "0", "0", "0", "0"},
		}},
	})
	res := importOK(t, Options{Files: []string{filepath.Join(dir, "matrix.xlsx")}})
	if res.Format != NVivoMatrix {
		t.Errorf("format %s, want nvivo-matrix (%s)", res.Format, res.Detected)
	}
	equal(t, "ids", res.Wave.IDs, []string{"W01", "W02", "W03", "W04", "W05"})
	equal(t, "codes", codeNames(res), []string{"edu_fees_paid", "health_bribe", "det_detained", "det_repatriated"})
	equal(t, "edu_fees_paid", col(t, res, "edu_fees_paid"), []string{"yes", "no", "no", "yes", "no"})
	equal(t, "health_bribe", col(t, res, "health_bribe"), []string{"no", "yes", "no", "no", "no"})
	equal(t, "det_detained", col(t, res, "det_detained"), []string{"yes", "no", "yes", "no", "no"})
	// absent_means missing: not coded is blank
	equal(t, "det_repatriated", col(t, res, "det_repatriated"), []string{"yes", "", "", "", ""})
	if !strings.Contains(res.Orient[0], "cases in rows") {
		t.Errorf("orientation %q", res.Orient)
	}
	var parent MappingRow
	for _, m := range res.Mapping {
		if strings.HasPrefix(m.Source, "D : ") {
			parent = m
		}
	}
	if parent.Code != "-" || !strings.Contains(parent.How, "parent folder") {
		t.Errorf("the parent folder was not ignored: %+v", parent)
	}

	// --min-count 2: W01 was coded twice with school fees, W04 once
	res = importOK(t, Options{Files: []string{filepath.Join(dir, "matrix.xlsx")}, MinCount: 2})
	equal(t, "edu_fees_paid with --min-count 2", col(t, res, "edu_fees_paid"), []string{"yes", "no", "no", "no", "no"})
	equal(t, "det_detained with --min-count 2", col(t, res, "det_detained"), []string{"no", "no", "yes", "no", "no"})
	if !strings.Contains(res.Rule, "at least 2 times") {
		t.Errorf("rule %q does not say --min-count", res.Rule)
	}
}

// A folder of one-case files, the shape of NVivo's matrix exported per case: codes in
// rows, the one case in a column. The files are concatenated.
func TestNVivoFolderOfOneCaseFiles(t *testing.T) {
	one := func(id string, fees, bribe, detained string) xlsxfix.Sheet {
		return xlsxfix.Sheet{Name: "Sheet1", Rows: [][]string{
			{"'", "A : " + id},
			{"1 : Paid school fees", fees},
			{"2 : Bribe for medical care", bribe},
			{"6 : Detained", detained},
		}}
	}
	dir := files(t, map[string]any{
		"cases/Int01_W01.xlsx": one("W01", "2", "1", "0"),
		"cases/Int02_W02.xlsx": one("W02", "0", "0", "1"),
		"cases/Int03_W03.xlsx": one("W03", "1", "0", "0"),
	})
	res := importOK(t, Options{Files: []string{filepath.Join(dir, "cases")}})
	equal(t, "ids", res.Wave.IDs, []string{"W01", "W02", "W03"})
	equal(t, "edu_fees_paid", col(t, res, "edu_fees_paid"), []string{"yes", "no", "yes"})
	equal(t, "health_bribe", col(t, res, "health_bribe"), []string{"yes", "no", "no"})
	equal(t, "det_detained", col(t, res, "det_detained"), []string{"no", "yes", "no"})
	if len(res.Orient) != 3 || !strings.Contains(res.Orient[0], "cases in columns") {
		t.Errorf("orientation %q", res.Orient)
	}
	if len(res.Sources) != 3 || res.Sources[0].Name != "cases/Int01_W01.xlsx" || len(res.Sources[0].SHA256) != 64 {
		t.Errorf("sources %+v", res.Sources)
	}
}

// A transposed matrix whose labels match nothing by themselves: the --cases sheet tells the
// case axis, and its attributes are joined (age group through the map, NVivo's Unassigned as
// missing, the classification name in A1).
func TestNVivoTransposedWithClassification(t *testing.T) {
	dir := files(t, map[string]any{
		"matrix.xlsx": xlsxfix.Sheet{Name: "Sheet1", Rows: [][]string{
			{"'", "A : W01", "B : W02", "C : W03"},
			{"1 : Fees", "Yes", "No", "No"},
			{"2 : Bribe", "No", "Yes", "Yes"},
		}},
		"cases.xlsx": xlsxfix.Sheet{Name: "Classification", Rows: [][]string{
			{"Interviewee", "Age group", "Year of defection", "Number of children"},
			{`Cases\\W01`, "30-39", "2012", "2"},
			{`Cases\\W02`, "20-29", "2015", "Unassigned"},
			{`Cases\\W03`, "Unassigned", "2016", "0"},
			{`Cases\\W09`, "40-49", "2016", "1"},
		}},
		"map.csv": "source,code,value\nFees,edu_fees_paid,\nBribe,health_bribe,\nAge group,age_band,\nAge group = 20-29,age_band,under 30\nYear of defection,-,\n",
	})
	res := importOK(t, Options{
		Files: []string{filepath.Join(dir, "matrix.xlsx")},
		Cases: filepath.Join(dir, "cases.xlsx"),
		Map:   filepath.Join(dir, "map.csv"),
	})
	if !strings.Contains(res.Orient[0], "cases in columns") || !strings.Contains(res.Orient[0], "--cases") {
		t.Errorf("orientation %q", res.Orient)
	}
	equal(t, "ids", res.Wave.IDs, []string{"W01", "W02", "W03"})
	equal(t, "age_band", col(t, res, "age_band"), []string{"30-39", "under 30", ""})
	equal(t, "children", col(t, res, "children"), []string{"2", "", "0"})
	equal(t, "edu_fees_paid", col(t, res, "edu_fees_paid"), []string{"yes", "no", "no"})
	equal(t, "health_bribe", col(t, res, "health_bribe"), []string{"no", "yes", "yes"})
	if !strings.Contains(strings.Join(res.Notes, "\n"), "W09") {
		t.Errorf("notes do not name the case without coded data: %q", res.Notes)
	}
}

// A crosstab: no prefixes, an unlabelled corner, totals rows and columns, a blank row, 0/1 cells.
func TestCrosstabTotals(t *testing.T) {
	dir := files(t, map[string]any{
		"crosstab.csv": ",Paid school fees,Bribe for medical care,Detained,Total\r\n" +
			"W01,1,0,1,2\r\n" +
			",,,,\r\n" +
			"W02,0,1,0,1\r\n" +
			"W03,0,0,0,0\r\n" +
			"Total,1,1,1,3\r\n",
	})
	res := importOK(t, Options{Files: []string{filepath.Join(dir, "crosstab.csv")}})
	if res.Format != NVivoCrosstab {
		t.Errorf("format %s", res.Format)
	}
	equal(t, "ids", res.Wave.IDs, []string{"W01", "W02", "W03"})
	equal(t, "det_detained", col(t, res, "det_detained"), []string{"yes", "no", "no"})
	if n := strings.Join(res.Notes, "\n"); !strings.Contains(n, `column "Total"`) || !strings.Contains(n, `row "Total"`) {
		t.Errorf("notes do not record the dropped totals: %q", res.Notes)
	}
}

// Cells as NVivo writes them in its other display modes: Yes/No, percentages, text numbers.
func TestMatrixCellVocabulary(t *testing.T) {
	dir := files(t, map[string]any{
		"m.xlsx": xlsxfix.Sheet{Name: "Sheet1", Rows: [][]string{
			{"'", "A : Paid school fees", "B : Detained", "C : Bribe for medical care"},
			{"1 : W01", "Yes", "#pct:0.25", "'1"},
			{"2 : W02", "No", "0%", "'0"},
			{"3 : W03", "x", "12.5%", ""},
		}},
	})
	res := importOK(t, Options{Files: []string{filepath.Join(dir, "m.xlsx")}})
	equal(t, "edu_fees_paid", col(t, res, "edu_fees_paid"), []string{"yes", "no", "yes"})
	equal(t, "det_detained", col(t, res, "det_detained"), []string{"yes", "no", "yes"})
	equal(t, "health_bribe", col(t, res, "health_bribe"), []string{"yes", "no", "no"})
}

// Every name that matches nothing is listed, with the closest code; names that look like
// direct identifiers are called so.
func TestUnmatchedNamesAreAllListed(t *testing.T) {
	dir := files(t, map[string]any{
		"m.csv": ",A : Paid shcool fees,B : Detaind,C : Interviewer name,D : Something else\n1 : W01,1,0,0,0\n",
	})
	res, diags := runImport(t, Options{Files: []string{filepath.Join(dir, "m.csv")}})
	if res == nil {
		t.Fatal("no result")
	}
	out := diagText(diags)
	for _, want := range []string{
		`m.csv: m!B1: "A : Paid shcool fees" matches no code of the codebook (did you mean edu_fees_paid ("Paid school fees")?)`,
		`m!C1: "B : Detaind" matches no code of the codebook (did you mean det_detained ("Detained")?)`,
		`m!D1: "C : Interviewer name" looks like a direct identifier`,
		`m!E1: "D : Something else" matches no code of the codebook; add it to the codebook, map it in --map, or ignore it there (code -)`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in:\n%s", want, out)
		}
	}
	if diags.Count(diag.Error) != 4 {
		t.Errorf("%d errors, want 4:\n%s", diags.Count(diag.Error), out)
	}
}

func TestMapFile(t *testing.T) {
	dir := files(t, map[string]any{
		"m.csv": ",A : Paid shcool fees,B : Detaind,C : Interviewer name,D : Codes\\30s\n1 : W01,1,0,0,1\n2 : W02,0,1,0,0\n",
		"map.xlsx": xlsxfix.Sheet{Name: "map", Rows: [][]string{
			{"source", "code", "value"},
			{"Paid shcool fees", "edu_fees_paid", ""},
			{"B : Detaind", "det_detained", ""},
			{"Interviewer*", "-", ""},
			{`Codes\30s`, "age_band", "30-39"},
			{"Never used", "health_bribe", ""},
		}},
	})
	res := importOK(t, Options{Files: []string{filepath.Join(dir, "m.csv")}, Map: filepath.Join(dir, "map.xlsx")})
	equal(t, "edu_fees_paid", col(t, res, "edu_fees_paid"), []string{"yes", "no"})
	equal(t, "det_detained", col(t, res, "det_detained"), []string{"no", "yes"})
	equal(t, "age_band", col(t, res, "age_band"), []string{"30-39", ""})
	if len(res.Unused) != 1 || !strings.Contains(res.Unused[0], "Never used") {
		t.Errorf("unused %q", res.Unused)
	}

	// a map with mistakes: each is named by its cell
	dir = files(t, map[string]any{
		"m.csv":   ",A : Detained\n1 : W01,1\n",
		"map.csv": "source,code,value\nA,det_detaned,\nB,age_band,30 to 39\nC,full_name,\nD,\nD,-,\n",
	})
	_, diags := runImport(t, Options{Files: []string{filepath.Join(dir, "m.csv")}, Map: filepath.Join(dir, "map.csv")})
	out := diagText(diags)
	for _, want := range []string{
		`map.csv: map!B2: "det_detaned" is not a code of the codebook (did you mean "det_detained"?)`,
		`map.csv: map!C3: "30 to 39" is not a value of age_band`,
		`map!B4: full_name is a direct identifier`,
		`map!B5: "D" has no code`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in:\n%s", want, out)
		}
	}
}

// A tool's code that stands for a category code needs its value.
func TestPresenceOfCategoryNeedsValue(t *testing.T) {
	dir := files(t, map[string]any{
		"m.csv": ",A : Age band,B : Age band = 40 and over\n1 : W01,1,0\n2 : W02,0,1\n",
	})
	_, diags := runImport(t, Options{Files: []string{filepath.Join(dir, "m.csv")}})
	if out := diagText(diags); !strings.Contains(out, `"A : Age band" matches age_band, a category code`) || diags.Count(diag.Error) != 1 {
		t.Errorf("want one error about the value:\n%s", out)
	}
}

// KoboToolbox: option columns hold the text "1"/"0", blank when not asked (skip logic); the
// select_multiple summary column is skipped, metadata ignored, select_one answers matched by
// their XML names, "_other" text kept out unless --include-text.
func TestKobo(t *testing.T) {
	dir := files(t, map[string]any{
		"kobo.xlsx": xlsxfix.Sheet{Name: "Interviews 2017 form", Rows: [][]string{
			{"start", "end", "interviewee_id", "age_band", "experience", "experience/det_detained", "experience/det_repatriated", "experience/other", "experience_other",
				"det_sexual_violence", "det_facility", "det_facility/holding_centre", "det_facility/prison_camp", "det_facility/other", "det_facility_other", "children", "deviceid", "_id", "_uuid", "_submission_time", "_index", "__version__"},
			{"2017-01-01", "2017-01-01", "K01", "30_39", "det_detained other", "'1", "'0", "'1", "Held by the police", "yes", "holding_centre other", "'1", "'0", "'1", "Police cell in Hyesan", "'2", "dev1", "11", "u1", "2017-01-02", "1", "v1"},
			{"2017-01-01", "2017-01-01", "K02", "under_30", "", "", "", "", "", "", "", "", "", "", "", "'0", "dev1", "12", "u2", "2017-01-02", "2", "v1"},
			{"2017-01-01", "2017-01-01", "K03", "40_and_over", "det_detained det_repatriated", "'1", "'1", "'0", "", "no", "holding_centre prison_camp", "'1", "'1", "'0", "", "", "dev1", "13", "u3", "2017-01-02", "3", "v1"},
			{"2017-01-01", "2017-01-01", "K04", "30_39", "det_repatriated", "'0", "'1", "'0", "", "", "", "", "", "", "", "'1", "dev1", "14", "u4", "2017-01-02", "4", "v1"},
		}},
		"map.csv": "source,code\nexperience/other,-\ndet_facility/other,-\n",
	})
	o := Options{Files: []string{filepath.Join(dir, "kobo.xlsx")}, Map: filepath.Join(dir, "map.csv")}
	res := importOK(t, o)
	if res.Format != Kobo {
		t.Fatalf("format %s", res.Format)
	}
	equal(t, "ids", res.Wave.IDs, []string{"K01", "K02", "K03", "K04"})
	equal(t, "age_band", col(t, res, "age_band"), []string{"30-39", "under 30", "40 and over", "30-39"})
	equal(t, "det_detained", col(t, res, "det_detained"), []string{"yes", "", "yes", "no"})       // blank: not asked
	equal(t, "det_repatriated", col(t, res, "det_repatriated"), []string{"no", "", "yes", "yes"}) // "0" is an explicit no
	equal(t, "det_sexual_violence", col(t, res, "det_sexual_violence"), []string{"yes", "", "no", ""})
	equal(t, "det_facility", col(t, res, "det_facility"), []string{"holding centre", "", "holding centre; prison camp", ""})
	equal(t, "children", col(t, res, "children"), []string{"2", "0", "", "1"})
	if len(res.Wave.Quotes) != 0 {
		t.Errorf("quotes without --include-text: %v", res.Wave.Quotes)
	}
	notes := strings.Join(res.Notes, "\n")
	for _, want := range []string{"deviceid", "_uuid", "summary columns skipped", "experience, det_facility"} {
		if !strings.Contains(notes, want) {
			t.Errorf("notes miss %q:\n%s", want, notes)
		}
	}

	o.IncludeText = true
	res = importOK(t, o)
	// det_facility_other goes with det_facility; experience_other with experience/other, ignored
	if len(res.Wave.Quotes) != 1 || res.Wave.Quotes[0] != (Quote{ID: "K01", Code: "det_facility", Text: "Police cell in Hyesan"}) {
		t.Errorf("quotes: %+v", res.Wave.Quotes)
	}
}

// Without an id column Kobo asks for --id-column.
func TestKoboNeedsID(t *testing.T) {
	dir := files(t, map[string]any{
		"kobo.csv": "start,q,_uuid\n2017,1,u1\n",
	})
	var diags diag.List
	_, err := Import(readCodebook(t, testCodebook), Options{Format: Auto, Files: []string{filepath.Join(dir, "kobo.csv")}}, &diags)
	var ue *UsageError
	if !asUsage(err, &ue) || !strings.Contains(ue.Msg, "--id-column") {
		t.Errorf("err = %v", err)
	}
}

func asUsage(err error, ue **UsageError) bool {
	u, ok := err.(*UsageError)
	*ue = u
	return ok
}

// Taguette highlights (CSV, \r\n, one row per highlight and tag): a highlight listed twice
// counts once, untagged highlights add no code, document names become ids by --id-pattern, and
// hierarchical tags split on a separator the user names.
func TestTaguette(t *testing.T) {
	dir := files(t, map[string]any{
		"all_tags.csv": "id,document,tag,content\r\n" +
			"17,W01_2017.docx,detained,We were held in the border post\r\n" +
			"17,W01_2017.docx,detained,We were held in the border post\r\n" +
			"17,W01_2017.docx,health.bribe,We were held in the border post\r\n" +
			"18,W01_2017.docx,detained,Again in Onsong\r\n" +
			"19,W02_2017.docx,,untagged\r\n" +
			"20,W03_2017.docx,health.bribe,\"The doctor wanted cigarettes, two packs\"\r\n",
		"map.csv": "source,code\nbribe,health_bribe\n",
	})
	o := Options{Files: []string{filepath.Join(dir, "all_tags.csv")}, Separators: []string{"."}, IDPattern: regexp.MustCompile(`^(W\d+)`), Map: filepath.Join(dir, "map.csv")}
	res := importOK(t, o)
	if res.Format != Segments {
		t.Fatalf("format %s", res.Format)
	}
	equal(t, "ids", res.Wave.IDs, []string{"W01", "W02", "W03"})
	equal(t, "det_detained", col(t, res, "det_detained"), []string{"yes", "no", "no"})
	equal(t, "health_bribe", col(t, res, "health_bribe"), []string{"yes", "no", "yes"})
	// two distinct highlights: with --min-count 2 W01 is still detained; the duplicate row did not count
	o.MinCount = 2
	res = importOK(t, o)
	equal(t, "det_detained (min 2)", col(t, res, "det_detained"), []string{"yes", "no", "no"})
	equal(t, "health_bribe (min 2)", col(t, res, "health_bribe"), []string{"no", "no", "no"})

	o.MinCount = 1
	o.IncludeText = true
	res = importOK(t, o)
	want := []Quote{
		{"W01", "health_bribe", "We were held in the border post"},
		{"W01", "det_detained", "We were held in the border post"},
		{"W01", "det_detained", "Again in Onsong"},
		{"W03", "health_bribe", "The doctor wanted cigarettes, two packs"},
	}
	if len(res.Wave.Quotes) != len(want) {
		t.Fatalf("quotes %+v", res.Wave.Quotes)
	}
	for i := range want {
		if res.Wave.Quotes[i] != want[i] {
			t.Errorf("quote %d = %+v, want %+v", i, res.Wave.Quotes[i], want[i])
		}
	}
}

// QualCoder "codes by text segments": 0/1 per segment, headers wrapped with inserted newlines,
// files not assigned to cases fall back on the file name; a UTF-8 BOM.
func TestQualCoderSegments(t *testing.T) {
	dir := files(t, map[string]any{
		"segments.csv": "\xEF\xBB\xBF\"caseid\",\"case name\",\"fileid\",\"file name\",\"pos0\",\"pos1\",\"text\",\"Detained\",\"Bribe for medical\ncare\"\r\n" +
			"\"3\",\"W01\",\"7\",\"W01.docx\",\"120\",\"388\",\"held\",\"1\",\"0\"\r\n" +
			"\"3\",\"W01\",\"7\",\"W01.docx\",\"900\",\"1010\",\"paid\",\"0\",\"1\"\r\n" +
			"\"\",\"\",\"8\",\"W02.docx\",\"10\",\"20\",\"nothing\",\"0\",\"0\"\r\n",
	})
	res := importOK(t, Options{Files: []string{filepath.Join(dir, "segments.csv")}})
	equal(t, "ids", res.Wave.IDs, []string{"W01", "W02"})
	equal(t, "det_detained", col(t, res, "det_detained"), []string{"yes", "no"})
	equal(t, "health_bribe", col(t, res, "health_bribe"), []string{"yes", "no"})
	if !strings.Contains(strings.Join(res.Notes, " "), "QualCoder codes by text segments") {
		t.Errorf("notes %q", res.Notes)
	}
}

// QualCoder "code retrieval" with its Category columns (nearest parent first): the code's path
// is tried in full and by its leaf; the same segment coded by two coders counts once.
func TestQualCoderCodeRetrieval(t *testing.T) {
	dir := files(t, map[string]any{
		"retrieval.xlsx": xlsxfix.Sheet{Name: "Sheet", Rows: [][]string{
			{"Case", "Filename", "Coder", "Coded", "Id", "Codename", "Coded_Memo", "Category", "Category"},
			{"W01", "W01.docx", "anna", "held", "ctid:1", "Detained", "", "Detention", "Human rights"},
			{"W01", "W01.docx", "ben", "held", "ctid:1", "Detained", "", "Detention", "Human rights"},
			{"W02", "W02.docx", "anna", "paid", "ctid:2", "Bribe for medical care", "", "Health", ""},
		}},
	})
	res := importOK(t, Options{Files: []string{filepath.Join(dir, "retrieval.xlsx")}, MinCount: 2, Format: Segments})
	equal(t, "det_detained (min 2)", col(t, res, "det_detained"), []string{"no", "no"})
	var src string
	for _, m := range res.Mapping {
		if m.Code == "det_detained" {
			src = m.Source
		}
	}
	if src != `Human rights\Detention\Detained` {
		t.Errorf("the path is %q", src)
	}
}

// Dedoose excerpts: "Code: X Applied" columns of True/False, no id column, an excerpt exported
// once per coder counted once.
func TestDedoose(t *testing.T) {
	dir := files(t, map[string]any{
		"excerpts.xlsx": xlsxfix.Sheet{Name: "Excerpts", Rows: [][]string{
			{"Media Title", "Excerpt Creator", "Excerpt Range", "Excerpt Copy", "Codes Applied Combined", "Code: Detained Applied", "Code: Detained Range", "Code: Detained Weight", "Code: Bribe for medical care Applied"},
			{"W01", "coderA", "12-56", "held", "Detained", "True", "12-56", "1", "False"},
			{"W01", "coderB", "12-56", "held", "Detained", "True", "12-56", "1", "False"},
			{"W02", "coderA", "1-9", "paid", "Bribe for medical care", "False", "", "", "True"},
		}},
	})
	res := importOK(t, Options{Files: []string{filepath.Join(dir, "excerpts.xlsx")}})
	equal(t, "det_detained", col(t, res, "det_detained"), []string{"yes", "no"})
	equal(t, "health_bribe", col(t, res, "health_bribe"), []string{"no", "yes"})
	res = importOK(t, Options{Files: []string{filepath.Join(dir, "excerpts.xlsx")}, MinCount: 2})
	equal(t, "det_detained (min 2)", col(t, res, "det_detained"), []string{"no", "no"})
}

// MAXQDA: coded segments with "Parent > Child" paths, and the Code Matrix Browser with codes in
// rows and documents (group\name) in columns, and a SUM row.
func TestMAXQDA(t *testing.T) {
	dir := files(t, map[string]any{
		"segments.xlsx": xlsxfix.Sheet{Name: "Coded segments", Rows: [][]string{
			{"Color", "Document group", "Document name", "Code", "Begin", "End", "Weight score", "Segment", "Comment"},
			{"", "Interviews 2017", "W01", "Detention > Detained", "3", "3", "0", "held", ""},
			{"", "Interviews 2017", "W02", "Health > Bribe for medical care", "5", "6", "0", "paid", ""},
		}},
		"cmb.xlsx": xlsxfix.Sheet{Name: "Code Matrix Browser", Rows: [][]string{
			{"Code System", `Interviews 2014\W01`, `Interviews 2014\W02`, `Interviews 2017\W21`},
			{`Health\Bribe for medical care`, "2", "0", "1"},
			{"Detained", "1", "0", "3"},
			{"SUM", "3", "0", "4"},
		}},
	})
	res := importOK(t, Options{Files: []string{filepath.Join(dir, "segments.xlsx")}})
	equal(t, "det_detained", col(t, res, "det_detained"), []string{"yes", "no"})
	res = importOK(t, Options{Files: []string{filepath.Join(dir, "cmb.xlsx")}})
	if res.Format != MAXQDAMatrix {
		t.Errorf("format %s", res.Format)
	}
	equal(t, "ids", res.Wave.IDs, []string{"W01", "W02", "W21"})
	equal(t, "health_bribe", col(t, res, "health_bribe"), []string{"yes", "no", "yes"})
}

// ATLAS.ti's Code-Document Table: numbered documents, "Group: code" names, totals.
func TestAtlas(t *testing.T) {
	dir := files(t, map[string]any{
		"table.xlsx": xlsxfix.Sheet{Name: "Sheet1", Rows: [][]string{
			{"'", "D1: W01", "D2: W02", "Totals"},
			{"Detention: Detained", "1", "0", "1"},
			{"Health: Bribe for medical care", "2", "1", "3"},
			{"Totals", "3", "1", "4"},
		}},
	})
	res := importOK(t, Options{Files: []string{filepath.Join(dir, "table.xlsx")}})
	if res.Format != AtlasTable {
		t.Errorf("format %s", res.Format)
	}
	equal(t, "ids", res.Wave.IDs, []string{"W01", "W02"})
	equal(t, "det_detained", col(t, res, "det_detained"), []string{"yes", "no"})
	equal(t, "health_bribe", col(t, res, "health_bribe"), []string{"yes", "yes"})
}

// Framework matrix cells are text: coded when not empty; the text only with --include-text.
func TestFrameworkText(t *testing.T) {
	dir := files(t, map[string]any{
		"fw.xlsx": xlsxfix.Sheet{Name: "Sheet1", Rows: [][]string{
			{"Case", "Detained", "Bribe for medical care"},
			{"W01", "Held 3 months in Onsong", ""},
			{"W02", "", "Paid 2 packs of cigarettes"},
		}},
	})
	res := importOK(t, Options{Files: []string{filepath.Join(dir, "fw.xlsx")}, Format: NVivoCrosstab})
	equal(t, "det_detained", col(t, res, "det_detained"), []string{"yes", "no"})
	if len(res.Wave.Quotes) != 0 {
		t.Errorf("quotes without --include-text")
	}
	res = importOK(t, Options{Files: []string{filepath.Join(dir, "fw.xlsx")}, Format: NVivoCrosstab, IncludeText: true})
	if len(res.Wave.Quotes) != 2 || res.Wave.Quotes[0].Text != "Held 3 months in Onsong" {
		t.Errorf("quotes %+v", res.Wave.Quotes)
	}
}

// Two answers for a category code conflict; the same case twice in a matrix is an error.
func TestConflicts(t *testing.T) {
	dir := files(t, map[string]any{
		"m.csv": ",A : Age band = 30-39,B : Age band = 40 and over\n1 : W01,1,1\n2 : W02,1,0\n3 : W02,0,0\n",
	})
	_, diags := runImport(t, Options{Files: []string{filepath.Join(dir, "m.csv")}})
	out := diagText(diags)
	for _, want := range []string{"W01 has several values for age_band (30-39, 40 and over)", "the case W02 appears twice"} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in:\n%s", want, out)
		}
	}
}

func TestCandidates(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"A : Paid school fees", []string{"A : Paid school fees", "Paid school fees"}},
		{`C : Codes\\Detention\\Detained`, []string{`C : Codes\\Detention\\Detained`, `Codes\\Detention\\Detained`, `Codes\Detention\Detained`, "Detained"}},
		{"Bribe for\nmedical care", []string{"Bribe for medical care", "Bribe formedical care"}},
		{"Code: Detained Applied", []string{"Code: Detained Applied", "Detained"}},
		{"Health > Bribes", []string{"Health > Bribes", `Health\Bribes`, "Bribes"}},
		{"AA : x", []string{"AA : x", "x"}},
	} {
		equal(t, tc.in, candidates(tc.in, defaultSeparators), tc.want)
	}
}

func TestCaseID(t *testing.T) {
	o := &Options{}
	for in, want := range map[string]string{
		"1 : W01":                  "W01",
		"A : W01":                  "W01",
		`Cases\\Participants\\W01`: "W01",
		`Interviews 2014\W02`:      "W02",
		"D3: W03":                  "W03",
		"W04.docx":                 "W04",
		"  W05 ":                   "W05",
	} {
		if got, _ := o.caseID(in); got != want {
			t.Errorf("caseID(%q) = %q, want %q", in, got, want)
		}
	}
	o.IDPattern = regexp.MustCompile(`W\d+`)
	if got, ok := o.caseID("Interview W07 2017.docx"); got != "W07" || !ok {
		t.Errorf("with a pattern: %q %v", got, ok)
	}
	if _, ok := o.caseID("notes.docx"); ok {
		t.Error("a name the pattern does not match gave an id")
	}
}

func TestValueCellDates(t *testing.T) {
	// Excel turned "1-5" into the 5th of January: a category value "1-5" is found again
	c := cell{kind: date, num: float64(mustDate(t, "2024-01-05").Unix())}
	o := valueCell(c, diag.Pos{}, true)
	cb := readCodebook(t, [][]string{{"code", "label", "type", "values"}, {"kids", "Children", "category", "0;1-5;6 or more"}})
	i, how, ok := answerValue(cb.Codes[0], &variable{name: "Children"}, o.text, o.alts, newResolver(cb, nil, defaultSeparators))
	if !ok || cb.Codes[0].Values[i] != "1-5" || !strings.Contains(how, "date") {
		t.Errorf("got %d %q %v", i, how, ok)
	}
	if o := valueCell(cell{kind: text, text: "Unassigned"}, diag.Pos{}, true); o.kind != obsMissing {
		t.Error("Unassigned is not missing")
	}
	if o := valueCell(cell{kind: text, text: "Not Applicable"}, diag.Pos{}, true); o.kind != obsMissing {
		t.Error("NVivo's Not Applicable is not missing")
	}
}

// The same inputs give the same bytes.
func TestWriteIsDeterministic(t *testing.T) {
	dir := files(t, map[string]any{
		"m.csv": ",A : Paid school fees,B : Detained\n1 : W01,1,0\n2 : W02,0,1\n",
	})
	var outs [2]bytes.Buffer
	for i := range outs {
		res := importOK(t, Options{Files: []string{filepath.Join(dir, "m.csv")}, IncludeText: true})
		if err := Write(&outs[i], res, Provenance{Wave: "2020", Date: mustDate(t, "2024-01-05"), DateSource: "test"}); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(outs[0].Bytes(), outs[1].Bytes()) {
		t.Error("two writes of the same import differ")
	}
}

// QualCoder's code counts by case: codes in rows wrapped with inserted newlines, columns
// headed "<case>\n<file>".
func TestQualCoderCodeCounts(t *testing.T) {
	dir := files(t, map[string]any{
		"Code_comparisons.xlsx": xlsxfix.Sheet{Name: "Counts", Rows: [][]string{
			{"'", "W01\nW01.docx", "W02\nW02.docx"},
			{"Bribe for medi\ncal care", "2", "0"},
			{"Detained", "0", "1"},
		}},
	})
	res := importOK(t, Options{Files: []string{filepath.Join(dir, "Code_comparisons.xlsx")}})
	equal(t, "ids", res.Wave.IDs, []string{"W01", "W02"})
	equal(t, "health_bribe", col(t, res, "health_bribe"), []string{"yes", "no"})
	equal(t, "det_detained", col(t, res, "det_detained"), []string{"no", "yes"})
}

func TestDetect(t *testing.T) {
	for _, tc := range []struct {
		rows [][]string
		want string
	}{
		{[][]string{{"", "A : W01"}, {"1 : Detained", "1"}}, NVivoMatrix},
		{[][]string{{"", "Detained", "Total"}, {"W01", "1", "1"}}, NVivoCrosstab},
		{[][]string{{"id", "document", "tag", "content"}, {"1", "W01.docx", "x", "y"}}, Segments},
		{[][]string{{"Media Title", "Code: Detained Applied"}, {"W01", "True"}}, Segments},
		{[][]string{{"Document group", "Document name", "Code", "Segment"}, {"g", "W01", "x", "y"}}, Segments},
		{[][]string{{"id", "q/a", "_uuid"}, {"K1", "1", "u"}}, Kobo},
		{[][]string{{"Code System", `g\W01`}, {"Detained", "1"}}, MAXQDAMatrix},
		{[][]string{{"", "D1: W01"}, {"Detained", "1"}}, AtlasTable},
	} {
		g := gridOf(tc.rows)
		got, why, ok := detect(g)
		if !ok || got != tc.want {
			t.Errorf("%q: detected %s (%s), want %s", tc.rows[0], got, why, tc.want)
		}
	}
}

// An id column that looks like names is refused: ids must be anonymised codes.
func TestKoboRefusesNamesAsIDs(t *testing.T) {
	dir := files(t, map[string]any{"kobo.csv": "respondent_name,_uuid\nKim,u1\n"})
	var diags diag.List
	_, err := Import(readCodebook(t, testCodebook), Options{Format: Auto, Files: []string{filepath.Join(dir, "kobo.csv")}, IDColumn: "respondent_name"}, &diags)
	var ue *UsageError
	if !asUsage(err, &ue) || !strings.Contains(ue.Msg, "looks like a direct identifier") {
		t.Errorf("err = %v", err)
	}
}

// A plain case × code table made by hand: answer columns (a category, a number) are read as
// answers, blank as missing; n/a is not applicable.
func TestPlainCaseTable(t *testing.T) {
	dir := files(t, map[string]any{
		"plain.csv": "interviewee,Age band,Number of children,Detained\nW01,30-39,2,1\nW02,,0,n/a\nW03,40 and over,,0\n",
	})
	res := importOK(t, Options{Files: []string{filepath.Join(dir, "plain.csv")}})
	equal(t, "age_band", col(t, res, "age_band"), []string{"30-39", "", "40 and over"})
	equal(t, "children", col(t, res, "children"), []string{"2", "0", ""})
	equal(t, "det_detained", col(t, res, "det_detained"), []string{"yes", "n/a", "no"})
}

// gridOf makes a grid of text cells, row 1 first; "" is a blank cell.
func gridOf(rows [][]string) *grid {
	g := &grid{file: "x"}
	for r, cells := range rows {
		var row []cell
		for c, v := range cells {
			if v != "" {
				row = append(row, cell{kind: text, col: int32(c + 1), text: v})
			}
		}
		if err := g.add(r+1, row); err != nil {
			panic(err)
		}
	}
	return g
}
