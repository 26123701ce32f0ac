package claims

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/diag"
	"github.com/shadowreport/shadowreport/internal/workbook"
	"github.com/shadowreport/shadowreport/internal/xlsxfix"
)

var codebookSheet = xlsxfix.Sheet{Name: "codebook", Rows: [][]string{
	{"code", "label", "type", "values", "direction", "identifier"},
	{"age_band", "Age band", "category", "under 30;30 and over", "", "quasi"},
	{"phone", "Phone", "text", "", "", "direct"},
	{"notes", "Notes", "text", "", "", ""},
	{"children", "Children", "number", "", "", ""},
	{"fees", "Paid school fees", "yesno", "", "worse_if_higher", ""},
	{"labour", "Students mobilised for labour", "yesno", "", "worse_if_higher", ""},
	{"paid_care", "Paid for care", "yesno", "", "worse_if_higher", ""},
	{"contraception", "Had access to contraception", "yesno", "", "better_if_higher", ""},
	{"market", "Market trade was the main income", "yesno", "", "neutral", ""},
	{"detained", "Held in detention", "yesno", "", "worse_if_higher", ""},
}}

// read writes a codebook workbook with the given extra sheets and reads it.
func read(t *testing.T, sheets ...xlsxfix.Sheet) (*Set, *diag.List) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "codebook.xlsx")
	if err := xlsxfix.Write(path, append([]xlsxfix.Sheet{codebookSheet}, sheets...)...); err != nil {
		t.Fatal(err)
	}
	b, err := workbook.Open(path, "interviews/codebook.xlsx", workbook.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	diags := &diag.List{}
	cb := codebook.Read(b, diags)
	if diags.HasErrors() {
		t.Fatalf("the test codebook has errors: %v", diags.Items())
	}
	return Read(b, cb, diags), diags
}

func claimsSheet(rows ...[]string) xlsxfix.Sheet {
	return xlsxfix.Sheet{Name: "claims", Rows: append([][]string{{"id", "symbol", "paragraph", "claim", "form", "asserts", "codes"}}, rows...)}
}

func recSheet(rows ...[]string) xlsxfix.Sheet {
	return xlsxfix.Sheet{Name: "recommendations", Rows: append([][]string{{"id", "symbol", "paragraph", "number", "recommending_state", "response", "text", "codes", "assessment", "reason"}}, rows...)}
}

// byCell maps each diagnostic's cell to "severity rule: message" lines.
func byCell(diags *diag.List) map[string]string {
	got := map[string]string{}
	for _, d := range diags.Items() {
		got[d.Sheet+"!"+d.Cell] += d.Severity.String() + " " + d.Rule + ": " + d.Message + "\n"
	}
	return got
}

func wantDiag(t *testing.T, diags *diag.List, cell, want string) {
	t.Helper()
	if got := byCell(diags)[cell]; !strings.Contains(got, want) {
		t.Errorf("at %s: got %q, want it to contain %q\nall: %v", cell, got, want, diags.Items())
	}
}

// A well-formed sheet of each kind reads without a diagnostic, every field as typed.
func TestReadGood(t *testing.T) {
	set, diags := read(t,
		claimsSheet(
			[]string{"C1", "CEDAW/C/PRK/2-4", "45", "Education is free of charge.", "summarised", "absence", "fees; labour"},
			[]string{"C2", "A/HRC/WG.6/33/PRK/1", "para. 12(b)", "\"Health care has improved.\"", "Quoted", "Improvement", "paid_care,contraception"},
			[]string{"", "", "", "", "", "", ""}, // a blank row is skipped
			[]string{"C3", "E/C.12/PRK/1", "12-14", "A law on education was adopted.", "summarized", "", "fees"},
		),
		recSheet(
			[]string{"R1", "CEDAW/C/PRK/CO/1", "38", "", "", "", "Ensure free education.", "fees", "not implemented", "Families still pay."},
			[]string{"R2", "A/HRC/27/10", "", "'124.57", "Example State", "supported", "Stop punishing returnees.", "detained", "Partially_Implemented", "Fewer reports."},
			[]string{"R3", "CRC/C/15/Add.239", "40", "", "", "", "Collect data.", "", "no information", "Nothing published."},
		))
	if len(diags.Items()) != 0 {
		t.Fatalf("diagnostics: %v", diags.Items())
	}
	if len(set.Claims) != 3 || len(set.Recommendations) != 3 {
		t.Fatalf("%d claims, %d recommendations; want 3 and 3", len(set.Claims), len(set.Recommendations))
	}
	c := set.Claims[1]
	if c.ID != "C2" || c.Symbol != "A/HRC/WG.6/33/PRK/1" || c.Paragraph != "12(b)" || c.Form != Quoted || c.Asserts != Improvement ||
		!slices.Equal(c.Codes, []string{"paid_care", "contraception"}) || c.Row != 3 {
		t.Errorf("claim C2 = %+v", c)
	}
	if got := set.Claims[0].Citation(); got != "CEDAW/C/PRK/2-4, para. 45" {
		t.Errorf("citation %q", got)
	}
	if got := set.Claims[2].Citation(); got != "E/C.12/PRK/1, paras. 12–14" {
		t.Errorf("citation %q", got)
	}
	if set.Claims[2].Asserts != Other || set.Claims[2].Form != Summarised {
		t.Errorf("C3: asserts %q form %q; want other (blank) and summarised (summarized)", set.Claims[2].Asserts, set.Claims[2].Form)
	}
	r := set.Recommendations[1]
	if !r.UPR() || r.Number != "124.57" || r.Response != Accepted || r.Assessment != PartiallyImplemented || r.RecommendingState != "Example State" {
		t.Errorf("R2 = %+v", r)
	}
	if got := r.Source(); got != "A/HRC/27/10, recommendation 124.57 (Example State; accepted)" {
		t.Errorf("R2 source %q", got)
	}
	if got := set.Recommendations[0].Source(); got != "CEDAW/C/PRK/CO/1, para. 38" {
		t.Errorf("R1 source %q", got)
	}
	if r.AssessmentPos.String() != "interviews/codebook.xlsx: recommendations!I3" {
		t.Errorf("R2 assessment at %s", r.AssessmentPos)
	}
}

// No claims or recommendations sheet: an empty set and no diagnostic; a sheet of a near name
// is warned about, since it is not read.
func TestSheetsOptional(t *testing.T) {
	set, diags := read(t)
	if len(set.Claims)+len(set.Recommendations) != 0 || len(diags.Items()) != 0 {
		t.Errorf("set %+v, diagnostics %v", set, diags.Items())
	}
	s := claimsSheet([]string{"C1", "CEDAW/C/PRK/2-4", "45", "x", "quoted", "absence", "fees"})
	s.Name = "State claims"
	_, diags = read(t, s)
	wantDiag(t, diags, "State claims!", "warning sheet.name: the sheet is not read: claims are read from a sheet named claims")
}

// Every planted defect is an error naming its cell, with what would be right.
func TestBadClaims(t *testing.T) {
	set, diags := read(t, claimsSheet(
		/* 2 */ []string{"C1", "CEDAW/C/PRK/2-4", "45", "Education is free.", "quoted", "absence", "fess"},
		/* 3 */ []string{"C2", "cedaw/c/prk/2-4", "45", "x", "quoted", "absence", "fees"},
		/* 4 */ []string{"C3", "CEDAW/C/PRK/2-4", "", "x", "quoted", "absence", "fees"},
		/* 5 */ []string{"C4", "CEDAW/C/PRK/2-4", "45", "x", "paraphrase", "absence", "fees"},
		/* 6 */ []string{"C5", "CEDAW/C/PRK/2-4", "45", "x", "quoted", "improvment", "fees"},
		/* 7 */ []string{"C6", "CEDAW/C/PRK/2-4", "45", "x", "quoted", "absence", "age_band"},
		/* 8 */ []string{"C7", "CEDAW/C/PRK/2-4", "45", "x", "quoted", "absence", "notes"},
		/* 9 */ []string{"C1", "CEDAW/C/PRK/2-4", "45", "x", "quoted", "absence", "fees"},
		/* 10 */ []string{"C9", "CEDAW/C/PRK/2-4", "45", "", "quoted", "absence", "fees"},
		/* 11 */ []string{"C10", "CEDAW/C/PRK/2-4", "45", "x", "", "absence", "fees"},
		/* 12 */ []string{"C11", "CEDAW/C/PRK/2-4", "45", "x", "quoted", "absence", ""},
		/* 13 */ []string{"C12", "CEDAW/C/PRK/2-4", "#date:2024-12-14", "x", "quoted", "absence", "fees"},
		/* 14 */ []string{"C13", "UN Doc. CEDAW/C/PRK/2-4", "45", "x", "quoted", "absence", "fees"},
		/* 15 */ []string{"C14", "PRK/2-4", "45", "x", "quoted", "absence", "fees"},
		/* 16 */ []string{"C15", "CEDAW/C/PRK/2-4", "the introduction", "x", "quoted", "absence", "fees"},
		/* 17 */ []string{"C 16", "CEDAW/C/PRK/2-4", "45", "x", "quoted", "absence", "fees"},
		/* 18 */ []string{"C17", "CEDAW/C/PRK/2-4", "45", "x", "quoted", "absence", "phone; children"},
		/* 19 */ []string{"C18", "CEDAW//PRK/2-4", "45", "x", "quoted", "absence", "fees"},
	))
	for cell, want := range map[string]string{
		"claims!G2":  `error claim.code: "fess" is not a code of the codebook (did you mean "fees"?)`,
		"claims!B3":  `error claim.symbol: "cedaw/c/prk/2-4" is not a UN document symbol: a document symbol is written in capitals, except Add., Rev. and Corr. (did you mean "CEDAW/C/PRK/2-4"?)`,
		"claims!C4":  "error claim.paragraph: claim C3 has no paragraph: give the paragraph of the document where the State party says it (e.g. 45)",
		"claims!E5":  `error claim.form: form "paraphrase" is not quoted or summarised`,
		"claims!F6":  `error claim.asserts: asserts "improvment" is not improvement, absence or other (did you mean "improvement"?)`,
		"claims!G7":  "error claim.code: age_band is a quasi-identifier, which describes who was interviewed, not what they told you",
		"claims!G8":  "error claim.code: notes is a text code, which the comparison has no finding for",
		"claims!A9":  `error claim.id: id "C1" is used twice (first in row 2)`,
		"claims!D10": "error claim.text: claim C9 has no text",
		"claims!E11": "error claim.form: claim C10 does not say whether it is quoted or summarised",
		"claims!G12": "error claim.code: the claim in row 12 names no code",
		"claims!C13": "error cell.date: the cell holds a date, not a paragraph: Excel turns entries like 12-14 into dates; format the column as Text",
		"claims!B14": `(did you mean "CEDAW/C/PRK/2-4"?)`,
		"claims!B15": "a document symbol has at least three parts",
		"claims!C16": `error claim.paragraph: "the introduction" is not a paragraph number: write it as 45, 45(b) or 12-14`,
		"claims!A17": `error claim.id: id "C 16" is not valid`,
		"claims!G18": "error claim.code: phone is a direct identifier",
		"claims!B19": "a document symbol has no empty part between slashes",
	} {
		wantDiag(t, diags, cell, want)
	}
	if strings.Contains(byCell(diags)["claims!C13"], "has no paragraph") {
		t.Errorf("a date in the paragraph cell is reported twice: %q", byCell(diags)["claims!C13"])
	}
	if !strings.Contains(byCell(diags)["claims!G18"], "children is a number code") {
		t.Errorf("G18: every bad code of the cell is named: %q", byCell(diags)["claims!G18"])
	}
	if len(set.Claims) != 0 {
		t.Errorf("claims with errors are kept: %+v", set.Claims)
	}
}

// Pages are warned about, in a column of their own or in the paragraph cell.
func TestPageWarnings(t *testing.T) {
	s := xlsxfix.Sheet{Name: "claims", Rows: [][]string{
		{"id", "symbol", "paragraph", "page", "claim", "form", "asserts", "codes"},
		{"C1", "CEDAW/C/PRK/2-4", "p. 12", "12", "x", "quoted", "absence", "fees"},
		{"C2", "CEDAW/C/PRK/2-4", "para. 45, pp. 12-13", "", "x", "quoted", "absence", "fees"},
	}}
	set, diags := read(t, s)
	wantDiag(t, diags, "claims!D1", "warning claim.page: column page is ignored: cite the document symbol and the paragraph, since the UN renumbers the pages")
	wantDiag(t, diags, "claims!C2", `warning claim.page: "p. 12" names a page: cite the paragraph instead`)
	wantDiag(t, diags, "claims!C3", `warning claim.page: "para. 45, pp. 12-13" names a page`)
	if diags.HasErrors() || len(set.Claims) != 2 {
		t.Fatalf("pages are warnings only: %v", diags.Items())
	}
	if got := set.Claims[0].Citation(); got != "CEDAW/C/PRK/2-4, p. 12" {
		t.Errorf("page-only citation %q", got)
	}
	if got := set.Claims[1].Citation(); got != "CEDAW/C/PRK/2-4, para. 45" {
		t.Errorf("citation %q; the paragraph wins over the page", got)
	}
}

func TestBadRecommendations(t *testing.T) {
	set, diags := read(t, recSheet(
		/* 2 */ []string{"R1", "CEDAW/C/PRK/CO/1", "38", "", "", "", "x", "fees", "done", "y"},
		/* 3 */ []string{"R2", "CEDAW/C/PRK/CO/1", "38", "", "", "", "x", "fees", "implemented", ""},
		/* 4 */ []string{"R3", "CEDAW/C/PRK/CO/1", "", "", "", "", "x", "fees", "implemented", "y"},
		/* 5 */ []string{"R4", "A/HRC/27/10", "", "124.57", "", "", "x", "fees", "implemented", "y"},
		/* 6 */ []string{"R5", "A/HRC/27/10", "", "124.57", "Example", "rejected", "x", "fees", "implemented", "y"},
		/* 7 */ []string{"R6", "A/HRC/27/10", "", "124.1", "Example", "noted", "x", "fees", "implemented", "y"},
		/* 8 */ []string{"R7", "A/HRC/27/10", "", "124", "Example", "noted", "x", "fees", "implemented", "y"},
		/* 9 */ []string{"R8", "CEDAW/C/PRK/CO/1", "38", "", "Example", "", "x", "fees", "implemented", "y"},
		/* 10 */ []string{"R9", "CEDAW/C/PRK/CO/1", "38", "", "", "", "x", "feez", "not implemented", "y"},
		/* 11 */ []string{"R10", "CEDAW/C/PRK/CO/1", "38", "", "", "", "", "fees", "", "y"},
		/* 12 */ []string{"R11", "CEDAW/C/PRK/CO/1", "38", "", "", "", "x", "fees", "partially", "y"},
		/* 13 */ []string{"R12", "CEDAW/C/PRK/CO/1", "38", "'124.10", "Example", "accepted", "x", "fees", "implemented", "y"},
	))
	for cell, want := range map[string]string{
		"recommendations!I2":  `error recommendation.assessment: assessment "done" is not implemented, partially implemented, not implemented or no information`,
		"recommendations!J3":  "error recommendation.reason: recommendation R2 has no reason: say in a sentence why you assess it implemented",
		"recommendations!C4":  "error recommendation.paragraph: recommendation R3 has no paragraph: give the paragraph of the concluding observations (e.g. 38), or the number of the UPR recommendation in column number (e.g. 124.57)",
		"recommendations!E5":  "error recommendation.upr: UPR recommendation 124.57 has no recommending State",
		"recommendations!F5":  "error recommendation.upr: UPR recommendation 124.57 has no response: write accepted (supported) or noted",
		"recommendations!F6":  `error recommendation.response: response "rejected" is not accepted (supported) or noted`,
		"recommendations!D7":  "warning recommendation.number: the cell holds the number 124.1: Excel drops final zeros",
		"recommendations!D8":  `error recommendation.number: "124" is not the number of a UPR recommendation`,
		"recommendations!E9":  "error recommendation.upr: recommendation R8 has a recommending State or a response, which only a UPR recommendation has",
		"recommendations!H10": `error recommendation.code: "feez" is not a code of the codebook (did you mean "fees"?)`,
		"recommendations!G11": "error recommendation.text: recommendation R10 has no text",
		"recommendations!I11": "error recommendation.assessment: recommendation R10 has no assessment",
		"recommendations!I12": `(did you mean "partially implemented"?)`,
		"recommendations!B13": "warning recommendation.symbol: UPR recommendations are numbered in the report of the Working Group, whose symbol starts A/HRC/",
	} {
		wantDiag(t, diags, cell, want)
	}
	// R6 (a warning only) and R12 are read; every other row has an error.
	var ids []string
	for _, r := range set.Recommendations {
		ids = append(ids, r.ID)
	}
	if !slices.Equal(ids, []string{"R6", "R12"}) {
		t.Errorf("recommendations read: %v, want [R6 R12]", ids)
	}
}

// A missing required column is an error at row 1; an unknown one a warning with a suggestion.
func TestHeaders(t *testing.T) {
	_, diags := read(t, xlsxfix.Sheet{Name: "claims", Rows: [][]string{
		{"id", "symbol", "paragraf", "claim", "form", "codes"},
		{"C1", "CEDAW/C/PRK/2-4", "45", "x", "quoted", "fees"},
	}}, xlsxfix.Sheet{Name: "recommendations", Rows: [][]string{
		{"ID", "Symbol", "Paragraph", "Text", "Codes", "Assessment", "Reason", "Recommending State"},
		{"R1", "CEDAW/C/PRK/CO/1", "38", "x", "fees", "implemented", "y", ""},
	}})
	wantDiag(t, diags, "claims!C1", `warning claim.column: column "paragraf" is not a column of the claims sheet and is ignored (did you mean "paragraph"?)`)
	wantDiag(t, diags, "claims!1", "error claim.header: row 1 has no column named paragraph; the claims sheet needs the columns id, symbol, paragraph, claim, form, codes")
	if got := byCell(diags)["claims!1"]; strings.Contains(got, "asserts") {
		t.Errorf("no asserts warning when the sheet cannot be read: %q", got)
	}
	if got := byCell(diags); len(got["recommendations!1"]) != 0 {
		t.Errorf("headers in other case and with spaces are read: %v", got)
	}
	_, diags = read(t, xlsxfix.Sheet{Name: "claims", Rows: [][]string{
		{"id", "symbol", "paragraph", "claim", "form", "codes"},
		{"C1", "CEDAW/C/PRK/2-4", "45", "x", "quoted", "fees"},
	}})
	wantDiag(t, diags, "claims!1", "warning claim.asserts: row 1 has no column asserts: no claim will be set against the findings")
}

// A claim linked to a neutral code cannot be contradicted by it: warned.
func TestNeutralCodeWarned(t *testing.T) {
	set, diags := read(t, claimsSheet([]string{"C1", "CEDAW/C/PRK/2-4", "45", "x", "quoted", "improvement", "market"}))
	wantDiag(t, diags, "claims!G2", "warning claim.code: market has no direction (neutral), so no finding of it can contradict claim C1")
	if len(set.Claims) != 1 {
		t.Errorf("the claim is kept")
	}
}

// More than MaxRows rows: one error, and reading stops.
func TestRowCap(t *testing.T) {
	rows := [][]string{}
	for i := 0; i < MaxRows+5; i++ {
		rows = append(rows, []string{"C" + strings.Repeat("1", 1) + "-" + itoa(i), "CEDAW/C/PRK/2-4", "45", "x", "quoted", "absence", "fees"})
	}
	set, diags := read(t, claimsSheet(rows...))
	if len(set.Claims) != MaxRows {
		t.Errorf("%d claims read, want %d", len(set.Claims), MaxRows)
	}
	if n := diags.Seen(diag.Error, "claim.rows", "interviews/codebook.xlsx"); n != 1 {
		t.Errorf("%d row-cap errors, want 1: %v", n, diags.Items())
	}
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var b []byte
	for ; i > 0; i /= 10 {
		b = append([]byte{byte('0' + i%10)}, b...)
	}
	return string(b)
}
