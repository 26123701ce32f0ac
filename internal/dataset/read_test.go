package dataset

import (
	"strings"
	"testing"

	"github.com/shadowreport/shadowreport/internal/diag"
	"github.com/shadowreport/shadowreport/internal/workbook"
	"github.com/shadowreport/shadowreport/internal/xlsxfix"
)

// byCell maps the cell (or "" for the sheet or file) of each diagnostic to "severity rule: message".
func byCell(diags *diag.List) map[string]string {
	got := map[string]string{}
	for _, d := range diags.Items() {
		got[d.Cell] += d.Severity.String() + " " + d.Rule + ": " + d.Message + "\n"
	}
	return got
}

func wantDiag(t *testing.T, diags *diag.List, cell, want string) {
	t.Helper()
	if got := byCell(diags)[cell]; !strings.Contains(got, want) {
		t.Errorf("at %q: got %q, want it to contain %q\nall: %v", cell, got, want, diags.Items())
	}
}

// A consent header in any other spelling is an error, and is read as the consent column all
// the same, so that withdrawn people are never counted.
func TestConsentHeaderVariants(t *testing.T) {
	for _, header := range []string{"consent status", "consent_status", "Consent (quote/aggregate/withdrawn)", "동의",
		"consent form", "consents", "Consentement", "consnet", "ConsentStatus", "동의 여부"} {
		w, cb, diags := load(t, testCodebook, xlsxfix.Sheet{Name: "interviews", Rows: [][]string{
			{"id", header, "paid"},
			{"A", "quote", "yes"},
			{"B", "withdrawn", "yes"},
			{"C", "withdrawn", "no"},
		}})
		if w.Counted() != 1 || w.Withdrawn() != 2 {
			t.Errorf("%q: counted %d, withdrawn %d; want 1 and 2", header, w.Counted(), w.Withdrawn())
		}
		wantDiag(t, diags, "B1", "error consent.header: column "+diag.Quote(header)+" is read as the consent column, but its header must be exactly consent: rename the header to consent")
		if tl, _ := w.Tally(cb.Lookup("paid")); tl.Answered != 1 {
			t.Errorf("%q: paid answered by %d, want 1 (withdrawn people are not counted)", header, tl.Answered)
		}
	}
}

// No consent column: an error; a second consent-like column beside consent: an error too.
func TestConsentMissing(t *testing.T) {
	_, _, diags := load(t, testCodebook, xlsxfix.Sheet{Name: "interviews", Rows: [][]string{
		{"id", "paid"},
		{"A", "yes"},
	}})
	wantDiag(t, diags, "1", `error consent.missing: row 1 has no column named "consent": add it, with quote, aggregate or withdrawn for each interviewee`)

	_, _, diags = load(t, testCodebook, xlsxfix.Sheet{Name: "interviews", Rows: [][]string{
		{"id", "consent", "paid", "consent form"},
		{"A", "quote", "yes", "signed"},
	}})
	wantDiag(t, diags, "D1", `error consent.header: column "consent form" looks like a second consent column (the consent column is B)`)
}

// A codebook code named like consent is a code, not a consent column.
func TestConsentLikeCode(t *testing.T) {
	cb := append(append([][]string{}, testCodebook...), []string{"consent_recorded", "Consent recorded", "yesno", ""})
	w, _, diags := load(t, cb, xlsxfix.Sheet{Name: "interviews", Rows: [][]string{
		{"id", "consent", "consent_recorded"},
		{"A", "quote", "yes"},
	}})
	if diags.HasErrors() || len(w.Columns) != 1 {
		t.Errorf("columns %d, diagnostics %v", len(w.Columns), diags.Items())
	}
}

// Spreadsheet errors, computed or typed, are never ids, consent values, answers or quotes.
func TestErrorValues(t *testing.T) {
	w, _, diags := load(t, testCodebook, xlsxfix.Sheet{Name: "interviews", Rows: [][]string{
		{"id", "consent", "paid", "notes", "where"},
		{"#VALUE!", "quote", "yes", "", ""},
		{"B", "#N/A", "yes", "", ""},
		{"C", "quote", "#REF!", "#DIV/0!", "north"},
		{"D", "quote", "yes", " #name? ", "#SPILL!"},
		{"E", "quote", "yes", "Err:502", "north"},
		{"F", "quote", "yes", "#N/A means not known", "north"},
	}}, xlsxfix.Sheet{Name: "quotes", Rows: [][]string{
		{"id", "code", "text", "reviewed"},
		{"C", "paid", "#NUM!", "yes"},
		{"#NULL!", "paid", "We paid.", "yes"},
	}})
	for cell, want := range map[string]string{
		"A2": `error cell.error: the id cell holds the spreadsheet error "#VALUE!", which is not an id`,
		"B3": `error cell.error: the consent cell holds the spreadsheet error "#N/A"`,
		"C4": `error cell.error: the cell holds the text "#REF!", a spreadsheet error copied as a value, which is not an answer`,
		"D4": `"#DIV/0!"`,
		"D5": `"#name?"`,
		"E5": `"#SPILL!"`,
		"D6": `"Err:502"`,
	} {
		wantDiag(t, diags, cell, want)
	}
	if _, ok := byCell(diags)["D7"]; ok {
		t.Errorf("a text answer that merely starts like an error is an answer: %v", byCell(diags)["D7"])
	}
	if len(w.People) != 5 {
		t.Errorf("%d people, want 5 (the row whose id is an error is not read)", len(w.People))
	}
	if w.People[0].Consent != ConsentWithdrawn {
		t.Errorf("B's consent is %v, want withdrawn until the error is fixed", w.People[0].Consent)
	}
	wantDiag(t, diags, "C2", `"#NUM!"`)
	wantDiag(t, diags, "A3", `"#NULL!"`)
	if len(w.Quotes) != 0 {
		t.Errorf("quotes %v, want none", w.Quotes)
	}
}

// Ids that differ only by invisible characters, case or width are one person.
func TestIDKey(t *testing.T) {
	for _, variant := range []string{"W17-003", "W17\u2060-003", "W17-\u00ad003", "W\u200d17-003", "w17-003",
		"Ｗ１７－００３", " W17-003 ", "W17\u200b-003", "W17\ufeff-003", "W17\u2011003", "W17\u2013003"} {
		if IDKey(variant) != IDKey("W17-003") {
			t.Errorf("IDKey(%q) = %q, want %q", variant, IDKey(variant), IDKey("W17-003"))
		}
	}
	for _, other := range []string{"W17-03", "W17-0003", "W18-003", "W17 003"} {
		if IDKey(other) == IDKey("W17-003") {
			t.Errorf("IDKey(%q) equals W17-003's", other)
		}
	}
	w, _, diags := load(t, testCodebook, xlsxfix.Sheet{Name: "interviews", Rows: [][]string{
		{"id", "consent", "paid"},
		{"W17-003", "quote", "yes"},
		{"W17\u2060-003", "quote", "no"},
		{"W17-\u00ad004", "quote", "no"},
		{"\u2060", "quote", "no"},
	}}, xlsxfix.Sheet{Name: "quotes", Rows: [][]string{
		{"id", "code", "text", "reviewed"},
		{"W17-004", "paid", "We paid.", "yes"},
	}})
	wantDiag(t, diags, "A3", `id "W17\u2060-003" is used twice (also in row 2): each interviewee needs a code of their own ("W17-003" and "W17\u2060-003" differ only in invisible characters`)
	wantDiag(t, diags, "A5", "the id cell holds only invisible characters")
	if len(w.People) != 2 || len(w.Quotes) != 1 || w.Quotes[0].Person != 1 {
		t.Errorf("people %v, quotes %v; want 2 people and the quote linked to the second", w.People, w.Quotes)
	}
}

// A code missing from the sheet: an error when a misspelt header or its label stands in its
// place, listed in Absent otherwise.
func TestAbsentCodes(t *testing.T) {
	cb := [][]string{
		{"code", "label", "type", "values", "label_ko", "identifier"},
		{"edu_fees_paid", "Paid informal school fees", "yesno", "", "비공식 학비 지불", ""},
		{"labour", "Students mobilised for labour", "yesno", "", "", ""},
		{"kids", "Children", "number", "", "", ""},
		{"age", "Age", "category", "under 30;30-39", "", ""},
		{"notes", "Notes", "text", "", "", ""},
		{"name", "Name", "text", "", "", "direct"}, // never absent: it must not be there
	}
	w, _, diags := load(t, cb, xlsxfix.Sheet{Name: "interviews", Rows: [][]string{
		{"id", "consent", "edu_fee_paid", "Students mobilised for labour", "kidz", "Age", "remarks"},
		{"A", "quote", "yes", "no", "2", "under 30", "x"},
	}})
	wantDiag(t, diags, "C1", "error column.misspelt: column \"edu_fee_paid\" is not a code of the codebook, and edu_fees_paid has no column: rename the header to edu_fees_paid")
	wantDiag(t, diags, "D1", "error column.label: column \"Students mobilised for labour\" is the label of labour: rename the header to labour")
	wantDiag(t, diags, "E1", "error column.misspelt: column \"kidz\" is not a code of the codebook, and kids has no column")
	wantDiag(t, diags, "G1", "warning column.unknown: column \"remarks\" is not a code of the codebook and is ignored")
	if len(w.Absent) != 1 || w.Absent[0].Name != "notes" {
		t.Errorf("absent %v, want notes alone", w.Absent)
	}

	// the label in another language; a label beside the code's own column
	_, _, diags = load(t, cb, xlsxfix.Sheet{Name: "interviews", Rows: [][]string{
		{"id", "consent", "비공식 학비 지불", "labour", "Students mobilised for labour", "edu_fees_paid"},
		{"A", "quote", "yes", "no", "yes", "yes"},
	}})
	wantDiag(t, diags, "C1", "is the label of edu_fees_paid, which has its own column F: delete one of the two")
	wantDiag(t, diags, "E1", "is the label of labour, which has its own column D: delete one of the two")

	// a typo of a code that has its column stays a warning
	_, _, diags = load(t, cb, xlsxfix.Sheet{Name: "interviews", Rows: [][]string{
		{"id", "consent", "kids", "kid"},
		{"A", "quote", "1", "2"},
	}})
	wantDiag(t, diags, "D1", "warning column.unknown: column \"kid\" is not a code of the codebook and is ignored (did you mean \"kids\"?)")
}

// "none" in a multi code: answered, with no value; counted in n.
func TestMultiAnsweredNone(t *testing.T) {
	cb := append(append([][]string{}, testCodebook...), []string{"help", "Help", "multi", "none;family;ngo"})
	w, c, diags := load(t, cb, xlsxfix.Sheet{Name: "interviews", Rows: [][]string{
		{"id", "consent", "where", "help"},
		{"A", "quote", "none", "none"},
		{"B", "quote", "(None)", "family"},
		{"C", "quote", "없음", ""},
		{"D", "quote", "north;south", "ngo; none"},
		{"E", "quote", "", ""},
		{"F", "quote", "NONE", ""},
		{"G", "quote", "north; none", ""},
	}})
	wantDiag(t, diags, "C8", `error value.none: "none" says that none of the values of where applies: it cannot be given together with other values`)
	if n := diags.Count(diag.Error); n != 1 {
		t.Errorf("%d errors, want 1: %v", n, diags.Items())
	}
	where, _ := w.Tally(c.Lookup("where"))
	// A, B, C, F answered none; D north and south; E missing; G is an error (missing)
	if where.Answered != 5 || where.Missing != 2 || where.Counts[0] != 1 || where.Counts[1] != 1 || where.Counts[2] != 0 {
		t.Errorf("where: answered %d, missing %d, counts %v; want 5, 2, [1 1 0]", where.Answered, where.Missing, where.Counts)
	}
	// help lists none among its values: "none" is that value, and may be combined
	help, _ := w.Tally(c.Lookup("help"))
	if help.Answered != 3 || help.Counts[0] != 2 || help.Counts[1] != 1 || help.Counts[2] != 1 {
		t.Errorf("help: answered %d, counts %v; want 3, [2 1 1]", help.Answered, help.Counts)
	}
}

// A wave workbook whose only sheet has another name is read by what its row 1 holds.
func TestOnlySheet(t *testing.T) {
	w, _, diags := load(t, testCodebook, xlsxfix.Sheet{Name: "2021", Rows: [][]string{
		{"id", "consent", "paid"},
		{"A", "quote", "yes"},
	}})
	if w.Kind != Interviews || len(w.People) != 1 || w.Sheet != "2021" || w.Incomplete {
		t.Errorf("kind %s, people %d, sheet %q, incomplete %v", w.Kind, len(w.People), w.Sheet, w.Incomplete)
	}
	wantDiag(t, diags, "", `warning sheet.renamed: the workbook's only sheet is read as the interviews sheet (row 1 has an id column); rename the sheet interviews`)

	w, _, diags = load(t, testCodebook, xlsxfix.Sheet{Name: "Sheet1", Rows: [][]string{
		{"code", "value", "n", "count"},
		{"paid", "", "50", "31"},
	}})
	if w.Kind != Aggregate || len(w.Figures) != 1 {
		t.Errorf("kind %s, figures %d", w.Kind, len(w.Figures))
	}
	wantDiag(t, diags, "", `rename the sheet aggregate`)

	w, _, diags = load(t, testCodebook, xlsxfix.Sheet{Name: "Interveiws", Rows: [][]string{{"who", "what"}, {"A", "yes"}}},
		xlsxfix.Sheet{Name: "Qoutes", Rows: [][]string{{"id"}}})
	if !w.Incomplete {
		t.Error("a wave with no sheet to read is not marked incomplete")
	}
	wantDiag(t, diags, "", `error sheet.missing: no sheet named "interviews" (one row per interviewee) or "aggregate" (published figures); the workbook has "Interveiws", "Qoutes"; if "Interveiws" holds the interviews, rename the sheet interviews`)

	_, _, diags = load(t, testCodebook, xlsxfix.Sheet{Name: "interviews", Rows: [][]string{{"id", "consent"}, {"A", "quote"}}},
		xlsxfix.Sheet{Name: "Qoutes", Rows: [][]string{{"id"}}})
	wantDiag(t, diags, "", `warning sheet.name: the sheet is not read: quotes are read from a sheet named quotes; if it holds the quotes, rename it quotes`)
}

// A wave without an id column is marked incomplete, and a header that holds the ids is named.
func TestMissingIDColumn(t *testing.T) {
	w, _, diags := load(t, testCodebook, xlsxfix.Sheet{Name: "interviews", Rows: [][]string{
		{"Interviewee ID", "consent", "paid"},
		{"A", "quote", "yes"},
	}})
	if !w.Incomplete {
		t.Error("not marked incomplete")
	}
	wantDiag(t, diags, "1", `row 1 has no column named "id": if "Interviewee ID" holds the anonymised interviewee codes, rename the header to id`)
}

// Category values typed as a range in words or as a number within a band get a did-you-mean.
func TestValueSuggestions(t *testing.T) {
	cb := append(append([][]string{}, testCodebook...), []string{"left", "Left", "category", "2011-2013;2014-2016;2017 or later"})
	_, _, diags := load(t, cb, xlsxfix.Sheet{Name: "interviews", Rows: [][]string{
		{"id", "consent", "age", "left"},
		{"A", "quote", "30 to 39", "2015"},
		{"B", "quote", "34", "2014 ~ 2016"},
		{"C", "quote", "25", "2019"},
		{"D", "quote", "45", "2010"},
	}})
	for cell, want := range map[string]string{
		"C2": `"30 to 39" is not a value of age (did you mean "30-39"?)`,
		"D2": `"2015" is not a value of left (did you mean "2014-2016"?)`,
		"C3": `"34" is not a value of age (did you mean "30-39"?)`,
		"D3": `"2014 ~ 2016" is not a value of left (did you mean "2014-2016"?)`,
		"C4": `"25" is not a value of age (did you mean "under 30"?)`,
		"C5": `"45" is not a value of age (did you mean "40 and over"?)`,
		"D4": `"2019" is not a value of left (did you mean "2017 or later"?)`,
		"D5": `"2010" is not a value of left (allowed: 2011-2013; 2014-2016; 2017 or later)`,
	} {
		wantDiag(t, diags, cell, want)
	}
}

func TestErrorValueCells(t *testing.T) {
	for _, tt := range []struct {
		cell workbook.Cell
		want bool
	}{
		{workbook.Cell{Kind: workbook.ErrorValue, Text: "#VALUE!"}, true},
		{workbook.Cell{Kind: workbook.ErrorValue, Text: "#GETTING_DATA"}, true},
		{workbook.Cell{Kind: workbook.String, Text: "#n/a"}, true},
		{workbook.Cell{Kind: workbook.String, Text: "＃ＶＡＬＵＥ！"}, true}, // fullwidth, as an IME types it
		{workbook.Cell{Kind: workbook.String, Text: "#DIV/0!"}, true},
		{workbook.Cell{Kind: workbook.String, Text: "#CALC!"}, true},
		{workbook.Cell{Kind: workbook.String, Text: "N/A"}, false}, // not applicable, not an error
		{workbook.Cell{Kind: workbook.String, Text: "#1"}, false},
		{workbook.Cell{Kind: workbook.String, Text: "#VALUE! was shown"}, false},
		{workbook.Cell{Kind: workbook.Number, Text: "1", Num: 1}, false},
	} {
		if _, got := ErrorValue(&tt.cell); got != tt.want {
			t.Errorf("ErrorValue(%+v) = %v, want %v", tt.cell, got, tt.want)
		}
	}
}

// A lone quotes sheet or codebook is not taken for interviews because its row 1 has an id.
func TestOnlySheetNotInterviews(t *testing.T) {
	for _, sheet := range []xlsxfix.Sheet{
		{Name: "quotes", Rows: [][]string{{"id", "consent"}, {"A", "quote"}}},
		{Name: "Sheet1", Rows: [][]string{{"id", "code", "text", "reviewed"}, {"A", "paid", "We paid.", "yes"}}},
		{Name: "Sheet1", Rows: [][]string{{"id", "code", "label", "type"}, {"1", "paid", "Paid", "yesno"}}},
	} {
		w, _, diags := load(t, testCodebook, sheet)
		if !w.Incomplete || len(w.People) != 0 {
			t.Errorf("%s %v: read as interviews", sheet.Name, sheet.Rows[0])
		}
		wantDiag(t, diags, "", `error sheet.missing: no sheet named "interviews"`)
	}
}
