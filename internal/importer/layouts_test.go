package importer

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/shadowreport/shadowreport/internal/diag"
	"github.com/shadowreport/shadowreport/internal/workbook"
	"github.com/shadowreport/shadowreport/internal/xlsxfix"
)

// surveyCodebook adds to testCodebook what survey exports need: a multi code whose values are
// the choices of a select_multiple (transport), a yes/no code named like one of those choices
// (ambulance), and a category code for the first place of a rank question.
var surveyCodebook = append(append([][]string{}, testCodebook...),
	[]string{"transport", "Means of transport", "multi", "bus;train;ambulance", "", "", ""},
	[]string{"ambulance", "Called an ambulance", "yesno", "", "", "", ""},
	[]string{"top_concern", "Main concern", "category", "food;health;safety", "", "", ""},
)

// importWith runs an import against a codebook given as rows; err is the error Import returned.
func importWith(t *testing.T, cbRows [][]string, o Options) (*Result, *diag.List, error) {
	t.Helper()
	if o.Format == "" {
		o.Format = Auto
	}
	var diags diag.List
	res, err := Import(readCodebook(t, cbRows), o, &diags)
	return res, &diags, err
}

func mustImport(t *testing.T, cbRows [][]string, o Options) *Result {
	t.Helper()
	res, diags, err := importWith(t, cbRows, o)
	if err != nil {
		t.Fatalf("import failed: %v\n%s", err, diagText(diags))
	}
	if diags.HasErrors() {
		t.Fatalf("import failed:\n%s", diagText(diags))
	}
	return res
}

func notes(res *Result) string { return strings.Join(res.Notes, "\n") }

func contains(t *testing.T, what, s string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(s, w) {
			t.Errorf("%s lacks %q:\n%s", what, w, s)
		}
	}
}

// NVivo's one-case-per-file matrices list only the codes coded for that case, in any order,
// numbered as in the project (a real export lists rows 18, 16, 1 and 9, and nothing else).
// A code absent from a file was not coded for its case: no (or missing where absent_means is
// missing), counted in a note per file.
func TestNVivoOneCasePerFileWithAbsentCodes(t *testing.T) {
	one := func(id string, rows ...[]string) xlsxfix.Sheet {
		return xlsxfix.Sheet{Name: "Sheet1", Rows: append([][]string{{"'", "A : " + id}}, rows...)}
	}
	dir := files(t, map[string]any{
		"cases/Int01_W01.xlsx": one("W01", []string{"1 : Paid school fees", "2"}, []string{"2 : Bribe for medical care", "0"},
			[]string{"3 : Detained", "1"}, []string{"4 : Repatriated from China", "0"}),
		"cases/Int02_W02.xlsx": one("W02", []string{"3 : Detained", "1"}),
		"cases/Int03_W03.xlsx": one("W03", []string{"2 : Bribe for medical care", "1"}, []string{"1 : Paid school fees", "1"}),
	})
	res := importOK(t, Options{Files: []string{filepath.Join(dir, "cases")}})
	equal(t, "ids", res.Wave.IDs, []string{"W01", "W02", "W03"})
	// by hand: fees coded for W01 (2) and W03 (1), absent from W02's file
	equal(t, "edu_fees_paid", col(t, res, "edu_fees_paid"), []string{"yes", "no", "yes"})
	equal(t, "health_bribe", col(t, res, "health_bribe"), []string{"no", "no", "yes"})
	equal(t, "det_detained", col(t, res, "det_detained"), []string{"yes", "yes", "no"})
	// absent_means missing: not coded anywhere is missing, never no
	equal(t, "det_repatriated", col(t, res, "det_repatriated"), []string{"", "", ""})
	contains(t, "notes", notes(res),
		"3 codes absent from cases/Int02_W02.xlsx set to no",
		"2 codes absent from cases/Int03_W03.xlsx set to no")
	if strings.Contains(notes(res), "Int01_W01") {
		t.Errorf("a file listing every code has no absent code:\n%s", notes(res))
	}
}

// An option column whose choice has the name of another code of the codebook is not guessed:
// "transport/ambulance" is a value of the multi code transport and also the name of the yes/no
// code ambulance. The map settles it.
func TestKoboOptionNamedLikeAnotherCode(t *testing.T) {
	kobo := "interviewee_id,transport,transport/bus,transport/train,transport/ambulance,ambulance,_uuid\n" +
		"K01,bus ambulance,1,0,1,yes,u1\n" +
		"K02,train,0,1,0,no,u2\n"
	dir := files(t, map[string]any{
		"kobo.csv": kobo,
		"map.csv":  "source,code,value\ntransport/ambulance,transport,ambulance\n",
	})
	_, diags, err := importWith(t, surveyCodebook, Options{Files: []string{filepath.Join(dir, "kobo.csv")}})
	if err != nil {
		t.Fatal(err)
	}
	contains(t, "errors", diagText(diags),
		`"transport/ambulance" is the option "ambulance" of the question "transport" (the multi code transport, value "ambulance") and also the name of the yesno code ambulance`)
	if diags.Count(diag.Error) != 1 {
		t.Errorf("want one error:\n%s", diagText(diags))
	}
	res := mustImport(t, surveyCodebook, Options{Files: []string{filepath.Join(dir, "kobo.csv")}, Map: filepath.Join(dir, "map.csv")})
	equal(t, "transport", col(t, res, "transport"), []string{"bus; ambulance", "train"})
	equal(t, "ambulance", col(t, res, "ambulance"), []string{"yes", "no"})

	// the option is not a value of the question's code: never fed to the yes/no code silently
	noAmbulance := append(append([][]string{}, testCodebook...),
		[]string{"transport", "Means of transport", "multi", "bus;train", "", "", ""},
		[]string{"ambulance", "Called an ambulance", "yesno", "", "", "", ""})
	_, diags, _ = importWith(t, noAmbulance, Options{Files: []string{filepath.Join(dir, "kobo.csv")}})
	contains(t, "errors", diagText(diags),
		`"transport/ambulance": the option "ambulance" is not a value of transport, the multi code of the question "transport"`,
		"although the yesno code ambulance has its name")
}

// Two questions that are not codes both have an option "other"; a code named other would take
// both by their option's name: refused, each must be mapped.
func TestKoboSameOptionInTwoQuestions(t *testing.T) {
	cb := append(append([][]string{}, testCodebook...), []string{"other", "Other", "yesno", "", "", "", ""})
	dir := files(t, map[string]any{
		"kobo.csv": "interviewee_id,q1,q1/a,q1/other,q2,q2/b,q2/other,_uuid\nK01,a,1,0,other,0,1,u1\n",
	})
	_, diags, _ := importWith(t, cb, Options{Files: []string{filepath.Join(dir, "kobo.csv")}})
	contains(t, "errors", diagText(diags), `"q2/other" and "q1/other"`, "both match the yesno code other by it")
}

// A select_multiple whose options are all 0 was answered, with none of them: the multi code
// says none. Blank options (skip logic) stay missing. When none is a value of the code, the
// import refuses to guess.
func TestKoboAnsweredNone(t *testing.T) {
	dir := files(t, map[string]any{
		"kobo.csv": "interviewee_id,transport,transport/bus,transport/train,transport/ambulance,_uuid\n" +
			"K01,bus,1,0,0,u1\n" +
			"K02,,0,0,0,u2\n" +
			"K03,,,,,u3\n",
	})
	cb := append(append([][]string{}, testCodebook...), []string{"transport", "Means of transport", "multi", "bus;train;ambulance", "", "", ""})
	res := mustImport(t, cb, Options{Files: []string{filepath.Join(dir, "kobo.csv")}})
	equal(t, "transport", col(t, res, "transport"), []string{"bus", NoneOf, ""})
	contains(t, "notes", notes(res), "transport: 1 interviewee answered but chose none of its options (written none): K02")

	withNone := append(append([][]string{}, testCodebook...),
		[]string{"transport", "Means of transport", "multi", "bus;train;ambulance;none", "", "", ""})
	_, diags, _ := importWith(t, withNone, Options{Files: []string{filepath.Join(dir, "kobo.csv")}})
	contains(t, "errors", diagText(diags), `K02 answered transport but chose none of its options`, `"none" is one of the values of transport`)
}

// Kobo's "single column" select-many (and ODK Central's unsplit export): the choice names,
// separated by spaces, in one column; labels with spaces are found by the longest run of words.
func TestKoboSingleColumnSelectMany(t *testing.T) {
	dir := files(t, map[string]any{
		"names.csv":  "interviewee_id,det_facility,_uuid\nK01,holding_centre prison_camp,u1\nK02,labour_training_camp,u2\nK03,,u3\n",
		"labels.csv": "interviewee_id,Place of detention,_uuid\nK01,Holding centre Prison camp,u1\nK02,Labour training camp,u2\n",
	})
	res := mustImport(t, testCodebook, Options{Files: []string{filepath.Join(dir, "names.csv")}})
	equal(t, "det_facility", col(t, res, "det_facility"), []string{"holding centre; prison camp", "labour training camp", ""})
	res = mustImport(t, testCodebook, Options{Files: []string{filepath.Join(dir, "labels.csv")}})
	equal(t, "det_facility (labels)", col(t, res, "det_facility"), []string{"holding centre; prison camp", "labour training camp"})
}

// Kobo data processed in R (read.csv, then write.csv): "_uuid" became "X_uuid", the BOM of the
// first header "X.U.FEFF.start", option columns "question.option" hold TRUE and FALSE, and NA is
// missing.
func TestKoboProcessedInR(t *testing.T) {
	csv := "X.U.FEFF.start,end,interviewee_id,det_facility,det_facility.holding_centre,det_facility.prison_camp,det_facility.other,det_facility_other,edu_fees_paid,X_id,X_uuid,X_submission_time,X_index\n" +
		"2021-07-05,2021-07-05,K01,holding_centre other,TRUE,FALSE,TRUE,a police cell,yes,11,u1,2021-07-05T09:34:15,1\n" +
		"2021-07-05,2021-07-05,K02,prison_camp,FALSE,TRUE,FALSE,NA,no,12,u2,2021-07-05T09:34:09,2\n" +
		"2021-07-05,2021-07-05,K03,NA,NA,NA,NA,NA,NA,13,u3,2021-07-05T09:35:00,3\n"
	dir := files(t, map[string]any{"r.csv": csv, "map.csv": "source,code\ndet_facility.other,-\n"})
	res := mustImport(t, testCodebook, Options{Files: []string{filepath.Join(dir, "r.csv")}, Map: filepath.Join(dir, "map.csv")})
	if res.Format != Kobo || !strings.Contains(res.Detected, "renamed by R") {
		t.Errorf("format %s (%s)", res.Format, res.Detected)
	}
	equal(t, "det_facility", col(t, res, "det_facility"), []string{"holding centre", "prison camp", ""})
	equal(t, "edu_fees_paid", col(t, res, "edu_fees_paid"), []string{"yes", "no", ""})
	contains(t, "notes", notes(res), "metadata columns ignored: X.U.FEFF.start, end, X_id, X_uuid, X_submission_time, X_index", "NA is read as missing")

	// without R's metadata columns the layout is told by --separator .
	plain := "interviewee_id,det_facility,det_facility.holding_centre,det_facility.prison_camp\nK01,holding_centre,TRUE,FALSE\nK02,,NA,NA\n"
	dir = files(t, map[string]any{"plain.csv": plain})
	res = mustImport(t, testCodebook, Options{Format: Kobo, Separators: []string{"."}, Files: []string{filepath.Join(dir, "plain.csv")}})
	equal(t, "det_facility (--separator .)", col(t, res, "det_facility"), []string{"holding centre", ""})
}

// A Kobo rank question: "q/q" (the summary) and "q/_1st_choice", "q/_2nd_choice" holding
// choice names, as KoboToolbox writes them. The places are answers to map, never
// metadata.
func TestKoboRank(t *testing.T) {
	csv := "interviewee_id,concerns/concerns,concerns/_1st_choice,concerns/_2nd_choice,_id,_uuid,_index\n" +
		"K01,,health,food,1,u1,1\nK02,,safety,health,2,u2,2\n"
	dir := files(t, map[string]any{"rank.csv": csv, "map.csv": "source,code\nconcerns/_1st_choice,top_concern\nconcerns/_2nd_choice,-\n"})
	res, diags, err := importWith(t, surveyCodebook, Options{Files: []string{filepath.Join(dir, "rank.csv")}})
	if err != nil {
		t.Fatal(err)
	}
	contains(t, "errors", diagText(diags), `"concerns/_1st_choice" is the answer ranked 1st in the rank question "concerns"`, `"concerns/_2nd_choice" is the answer ranked 2nd`)
	for _, n := range res.Notes {
		if strings.Contains(n, "metadata") && strings.Contains(n, "choice") {
			t.Errorf("rank places listed as metadata: %s", n)
		}
	}
	res = mustImport(t, surveyCodebook, Options{Files: []string{filepath.Join(dir, "rank.csv")}, Map: filepath.Join(dir, "map.csv")})
	equal(t, "top_concern", col(t, res, "top_concern"), []string{"health", "safety"})
	contains(t, "notes", notes(res), "rank questions, read one answer per place: concerns/_1st_choice, concerns/_2nd_choice", "rank summary columns skipped (their place columns are read): concerns/concerns")
}

// ODK Central's CSV export, as its own tests write it: SubmissionDate and meta-instanceID first,
// groups joined by "-", split select-multiples "group-q/choice" of 1 and 0, and KEY ...
// FormVersion last. A select-multiple that was not split holds the choice names with spaces.
func TestODKCentral(t *testing.T) {
	csv := "SubmissionDate,meta-instanceID,interviewee_id,profile-age_band,detention-det_facility,detention-det_facility/holding_centre,detention-det_facility/labour_training_camp,detention-det_facility/prison_camp,detention-detained,transport,KEY,SubmitterID,SubmitterName,AttachmentsPresent,AttachmentsExpected,Status,ReviewState,DeviceID,Edits,FormVersion\n" +
		"2024-03-01T10:00:00.000Z,uuid:1,K01,30_39,holding_centre prison_camp,1,0,1,yes,bus train,uuid:1,5,Alice,0,0,,,,0,2\n" +
		"2024-03-01T11:00:00.000Z,uuid:2,K02,under_30,,,,,no,,uuid:2,5,Alice,0,0,,approved,,0,2\n" +
		"2024-03-02T09:00:00.000Z,uuid:3,K03,40_and_over,labour_training_camp,0,1,0,yes,ambulance,uuid:3,5,Alice,0,0,,,,1,2\n"
	dir := files(t, map[string]any{"Interviews 2020.csv": csv})
	res := mustImport(t, surveyCodebook, Options{Files: []string{filepath.Join(dir, "Interviews 2020.csv")}})
	if res.Format != ODKCentral {
		t.Fatalf("format %s (%s)", res.Format, res.Detected)
	}
	equal(t, "ids", res.Wave.IDs, []string{"K01", "K02", "K03"})
	equal(t, "age_band", col(t, res, "age_band"), []string{"30-39", "under 30", "40 and over"})
	equal(t, "det_facility", col(t, res, "det_facility"), []string{"holding centre; prison camp", "", "labour training camp"})
	equal(t, "det_detained", col(t, res, "det_detained"), []string{"yes", "no", "yes"})
	equal(t, "transport", col(t, res, "transport"), []string{"bus; train", "", "ambulance"})
	contains(t, "notes", notes(res), "metadata columns ignored: SubmissionDate, meta-instanceID, KEY, SubmitterID, SubmitterName, AttachmentsPresent, AttachmentsExpected, Status, ReviewState, DeviceID, Edits, FormVersion")
}

// Ona's CSV export: the select-multiple's column, then one column per choice holding True or
// False (blank when not answered), and Ona's own metadata.
func TestOna(t *testing.T) {
	csv := "interviewee_id,det_facility,det_facility/holding_centre,det_facility/prison_camp,det_detained,meta/instanceID,_id,_uuid,_submission_time,_date_modified,_tags,_notes,_version,_duration,_submitted_by,_total_media,_media_count,_media_all_received,_xform_id\n" +
		"K01,holding_centre,True,False,yes,uuid:1,1,u1,2024-01-01T10:00:00,2024-01-01T10:00:00,,,2024,60,ona,0,0,True,7\n" +
		"K02,,,,no,uuid:2,2,u2,2024-01-01T11:00:00,2024-01-01T11:00:00,,,2024,60,ona,0,0,True,7\n"
	dir := files(t, map[string]any{"ona.csv": csv})
	res := mustImport(t, testCodebook, Options{Files: []string{filepath.Join(dir, "ona.csv")}})
	if res.Format != Ona {
		t.Fatalf("format %s (%s)", res.Format, res.Detected)
	}
	equal(t, "det_facility", col(t, res, "det_facility"), []string{"holding centre", ""})
	equal(t, "det_detained", col(t, res, "det_detained"), []string{"yes", "no"})
}

// Google Forms: the sheet "Form responses 1", Timestamp first (a date cell), the questions'
// texts as headers, checkbox answers joined by ", " (";" in the CSV download). The e-mail
// column must be ignored explicitly; --id-column Timestamp gives dates as ids, never blanks.
func TestGoogleForms(t *testing.T) {
	dir := files(t, map[string]any{
		"responses.xlsx": xlsxfix.Sheet{Name: "Form responses 1", Rows: [][]string{
			{"Timestamp", "Email address", "Interviewee code", "Age band", "Place of detention"},
			{"#date:2024-01-15", "a@example.org", "G01", "30-39", "Holding centre, Prison camp"},
			{"#date:2024-01-16", "b@example.org", "G02", "under 30", ""},
			{"#date:2024-01-17", "c@example.org", "G03", "40 and over", "Labour training camp"},
		}},
		"download.csv": "Timestamp,Interviewee code,Place of detention\n2023/11/13 4:20:37 pm CET,G01,Holding centre;Prison camp\n",
		"map.csv":      "source,code\nEmail address,-\n",
		"map2.csv":     "source,code\nEmail address,-\nInterviewee code,-\n",
	})
	file := filepath.Join(dir, "responses.xlsx")
	_, diags, err := importWith(t, testCodebook, Options{Files: []string{file}, IDColumn: "Interviewee code"})
	if err != nil {
		t.Fatal(err)
	}
	contains(t, "errors", diagText(diags), `"Email address" looks like a direct identifier`)
	res := mustImport(t, testCodebook, Options{Files: []string{file}, IDColumn: "Interviewee code", Map: filepath.Join(dir, "map.csv")})
	if res.Format != GoogleForms {
		t.Errorf("format %s", res.Format)
	}
	equal(t, "age_band", col(t, res, "age_band"), []string{"30-39", "under 30", "40 and over"})
	equal(t, "det_facility", col(t, res, "det_facility"), []string{"holding centre; prison camp", "", "labour training camp"})

	res = mustImport(t, testCodebook, Options{Files: []string{file}, IDColumn: "Timestamp", Map: filepath.Join(dir, "map2.csv")})
	equal(t, "ids from a date column", res.Wave.IDs, []string{"2024-01-15", "2024-01-16", "2024-01-17"})

	res = mustImport(t, testCodebook, Options{Files: []string{filepath.Join(dir, "download.csv")}, IDColumn: "Interviewee code"})
	equal(t, "det_facility (CSV download)", col(t, res, "det_facility"), []string{"holding centre; prison camp"})
}

// MAXQDA 24's Overview of Coded Segments writes "Beginning", not "Begin": two "Okay." segments
// of one document at different places are two segments.
func TestMAXQDA24CodedSegments(t *testing.T) {
	header := []string{"Color", "Document group", "Document name", "Code", "Beginning", "End", "Weight score", "Segment", "Comment", "Area", "Coverage %"}
	dir := files(t, map[string]any{
		"segments.xlsx": xlsxfix.Sheet{Name: "Coded segments", Rows: [][]string{
			header,
			{"", "Interviews 2020", "W01", `Detention\Detained`, "3", "3", "0", "Okay.", "", "5", "0.4"},
			{"", "Interviews 2020", "W01", `Detention\Detained`, "7", "7", "0", "Okay.", "", "5", "0.4"},
			{"", "Interviews 2020", "W02", `Detention\Detained`, "4", "4", "0", "Okay.", "", "5", "0.4"},
			{"", "Interviews 2020", "W02", `Health\Bribe for medical care`, "9", "10", "0", "We paid.", "", "40", "3.1"},
		}},
	})
	// --min-count 2: W01 has two distinct segments, W02 one
	res := mustImport(t, testCodebook, Options{Files: []string{filepath.Join(dir, "segments.xlsx")}, MinCount: 2})
	equal(t, "det_detained (min 2)", col(t, res, "det_detained"), []string{"yes", "no"})
	res = mustImport(t, testCodebook, Options{Files: []string{filepath.Join(dir, "segments.xlsx")}})
	equal(t, "det_detained", col(t, res, "det_detained"), []string{"yes", "yes"})
	equal(t, "health_bribe", col(t, res, "health_bribe"), []string{"no", "yes"})
	if strings.Contains(notes(res), "same text count once") {
		t.Errorf("positions were not used:\n%s", notes(res))
	}
}

// Files that are not coded data about people are refused with what they are and what to
// export instead, whatever --format says.
func TestWrongKindsOfFile(t *testing.T) {
	dir := files(t, map[string]any{
		"frequencies.xlsx": xlsxfix.Sheet{Name: "Code Frequencies", Rows: [][]string{
			{"Code", "Frequency", "Percentage", "Percentage (valid)"},
			{"Detained", "12", "30.00", "31.58"},
			{"Bribe for medical care", "8", "20.00", "21.05"},
		}},
		"cooccurrence.xlsx": xlsxfix.Sheet{Name: "Counts", Rows: [][]string{
			{"'", "Detained", "Bribe for medical care", "Paid school fees"},
			{"Detained", "0", "3", "1"},
			{"Bribe for medical care", "3", "0", "2"},
			{"Paid school fees", "1", "2", "0"},
		}},
		"quotations.xlsx": xlsxfix.Sheet{Name: "Quotations", Rows: [][]string{
			{"ID", "Quotation Name", "Document", "Codes", "Quotation Content", "Comment"},
			{"1:1", "We were held", "1 W01", "Detained, Repatriated from China", "We were held at the border", ""},
		}},
		"form.xlsx": "xlsform",
	})
	// an XLSForm has the sheets survey and choices
	f := excelize.NewFile()
	_ = f.SetSheetName("Sheet1", "survey")
	_ = f.SetSheetRow("survey", "A1", &[]any{"type", "name", "label::English (en)"})
	_ = f.SetSheetRow("survey", "A2", &[]any{"select_multiple facility", "det_facility", "Where were you held?"})
	_, _ = f.NewSheet("choices")
	_ = f.SetSheetRow("choices", "A1", &[]any{"list_name", "name", "label::English (en)"})
	if err := f.SaveAs(filepath.Join(dir, "form.xlsx")); err != nil {
		t.Fatal(err)
	}
	for file, want := range map[string]string{
		"frequencies.xlsx":  "is a summary table (columns Frequency, Percentage, Percentage (valid))",
		"cooccurrence.xlsx": "is a code × code table",
		"quotations.xlsx":   "is an ATLAS.ti quotation export",
		"form.xlsx":         "is an XLSForm: the questionnaire",
	} {
		for _, format := range []string{Auto, NVivoCrosstab} {
			_, _, err := importWith(t, testCodebook, Options{Format: format, Files: []string{filepath.Join(dir, file)}})
			var ie *InputError
			if !errors.As(err, &ie) || !strings.Contains(ie.Msg, want) {
				t.Errorf("%s (--format %s): err = %v, want %q", file, format, err, want)
			}
		}
	}
}

// Hierarchical names are printed as the tool wrote them, never escaped: the name copied from the
// message into a map matches. A failing run still lists the map rows no name used, and never a
// row naming a column left out as metadata.
func TestNamesPrintedPlainly(t *testing.T) {
	dir := files(t, map[string]any{
		"m.csv": ",8 Referências\\Experiência,Detained\nW01,1,0\n",
	})
	_, diags, _ := importWith(t, testCodebook, Options{Format: NVivoCrosstab, Files: []string{filepath.Join(dir, "m.csv")}})
	out := diagText(diags)
	contains(t, "errors", out, `"8 Referências\Experiência" matches no code`)
	if strings.Contains(out, `\\`) {
		t.Errorf("a backslash was escaped:\n%s", out)
	}
	name := regexp.MustCompile(`"([^"]*)" matches no code`).FindStringSubmatch(out)[1]
	mapFile := filepath.Join(dir, "map.csv")
	if err := os.WriteFile(mapFile, []byte("source,code\n"+name+",health_bribe\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res := mustImport(t, testCodebook, Options{Format: NVivoCrosstab, Files: []string{filepath.Join(dir, "m.csv")}, Map: mapFile})
	equal(t, "health_bribe", col(t, res, "health_bribe"), []string{"yes"})

	dir = files(t, map[string]any{
		"kobo.csv": "start,interviewee_id,edu_fees_paid,mystery,_uuid,_index\n2020,K01,yes,x,u1,1\n",
		"map.csv":  "source,code\n_uuid,-\nstart,-\nnever seen,-\n",
	})
	res, diags, _ = importWith(t, testCodebook, Options{Files: []string{filepath.Join(dir, "kobo.csv")}, Map: filepath.Join(dir, "map.csv")})
	if !diags.HasErrors() {
		t.Fatal("the unmatched column mystery should fail the import")
	}
	if len(res.Unused) != 1 || !strings.Contains(res.Unused[0], `row 4 ("never seen")`) {
		t.Errorf("unused %q", res.Unused)
	}
}

// import always says which format it read the file as, on failure too.
func TestReadAsOnFailure(t *testing.T) {
	dir := files(t, map[string]any{"kobo.csv": "start,q,_uuid\n2017,1,u1\n"})
	res, _, err := importWith(t, testCodebook, Options{Files: []string{filepath.Join(dir, "kobo.csv")}})
	if err == nil || res.ReadAs() != "read kobo.csv as kobo (detected: KoboToolbox metadata column _uuid)" {
		t.Errorf("err %v, read as %q", err, res.ReadAs())
	}
}

// The wave workbook declares the range it uses.
func TestWrittenDimension(t *testing.T) {
	dir := files(t, map[string]any{"m.csv": ",A : Paid school fees,B : Detained\n1 : W01,1,0\n2 : W02,0,1\n3 : W03,0,0\n"})
	res := importOK(t, Options{Files: []string{filepath.Join(dir, "m.csv")}})
	var buf bytes.Buffer
	if err := Write(&buf, res, Provenance{Wave: "2020", Date: mustDate(t, "2024-01-05"), DateSource: "test"}); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name != "xl/worksheets/sheet1.xml" {
			continue
		}
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		// 3 interviewees and a header; id, consent and 2 codes
		if !strings.Contains(string(b), `<dimension ref="A1:D4"`) {
			t.Errorf("sheet interviews: %s", b[:min(len(b), 400)])
		}
	}
}

// An Apple Numbers file renamed .xlsx is named as such, with the way to export to Excel.
func TestNumbersRenamed(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "interviews.xlsx")
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range []string{"Index/Document.iwa", "Index/Metadata.iwa", "Metadata/Properties.plist", "preview.jpg"} {
		w, _ := zw.Create(n)
		_, _ = w.Write([]byte("x"))
	}
	_ = zw.Close()
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err := importWith(t, testCodebook, Options{Files: []string{path}})
	var ie *InputError
	if !errors.As(err, &ie) || !strings.Contains(ie.Msg, "interviews.xlsx: is an Apple Numbers spreadsheet") || !strings.Contains(ie.Msg, "Export To → Excel") {
		t.Errorf("err = %v", err)
	}
}

// A CSV larger than the limit is refused before it is read.
func TestCSVSizeLimit(t *testing.T) {
	path := filepath.Join(t.TempDir(), "big.csv")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(maxCSVBytes + 1); err != nil { // sparse: no disk used
		t.Fatal(err)
	}
	f.Close()
	_, _, err = importWith(t, testCodebook, Options{Files: []string{path}})
	var ie *InputError
	if !errors.As(err, &ie) || !strings.Contains(ie.Msg, "CSV imports are limited to 32 MB") {
		t.Errorf("err = %v", err)
	}
}

// A data row numbered near Excel's last row costs one stored row, not a million empty ones.
func TestFarRowNumberIsSparse(t *testing.T) {
	for _, num := range []string{"1048576", "400000000"} {
		path := filepath.Join(t.TempDir(), "far.xlsx")
		writeFarRow(t, path, num)
		g, _, err := readGrid(path, "far.xlsx", workbookOptions())
		if err != nil {
			if num == "1048576" {
				t.Fatalf("row %s: %v", num, err)
			}
			continue // beyond Excel's last row: the workbook reader may refuse it
		}
		if len(g.rows) != 2 || g.lastRow() != atoi(t, num) || g.str(atoi(t, num), 2) != "1" {
			t.Errorf("row %s: %d rows stored, last %d", num, len(g.rows), g.lastRow())
		}
	}
}

// A formula that was never calculated, or an Excel error, is not a count: an error, never a
// silent "coded".
func TestBrokenCells(t *testing.T) {
	dir := files(t, map[string]any{
		"m.xlsx": xlsxfix.Sheet{Name: "Sheet1", Rows: [][]string{
			{"'", "A : Paid school fees", "B : Detained"},
			{"1 : W01", "=1+1", "0"},
		}},
	})
	_, diags, _ := importWith(t, testCodebook, Options{Files: []string{filepath.Join(dir, "m.xlsx")}})
	contains(t, "errors", diagText(diags), "Sheet1!B2: the cell holds a formula whose result was never calculated")
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n := 0
	for _, r := range s {
		n = n*10 + int(r-'0')
	}
	return n
}

// writeFarRow writes a workbook whose second row is numbered num.
func writeFarRow(t *testing.T, path, num string) {
	t.Helper()
	f := excelize.NewFile()
	_ = f.SetSheetRow("Sheet1", "A1", &[]any{"", "A : Detained"})
	_ = f.SetSheetRow("Sheet1", "A2", &[]any{"1 : W01", 1})
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, zf := range zr.File {
		rc, _ := zf.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		if zf.Name == "xl/worksheets/sheet1.xml" {
			s := strings.ReplaceAll(string(b), `r="2"`, `r="`+num+`"`)
			s = strings.ReplaceAll(s, `r="A2"`, `r="A`+num+`"`)
			s = strings.ReplaceAll(s, `r="B2"`, `r="B`+num+`"`)
			s = regexp.MustCompile(`<dimension ref="[^"]*"/>`).ReplaceAllString(s, "")
			b = []byte(s)
		}
		w, _ := zw.Create(zf.Name)
		_, _ = w.Write(b)
	}
	_ = zw.Close()
	if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func workbookOptions() workbook.Options { return workbook.Options{} }

// A table beyond the cell limit is refused with the way out, before the import grows.
func TestCellLimit(t *testing.T) {
	var b strings.Builder
	b.WriteString("interviewee,Detained,Paid school fees,Bribe for medical care\n")
	for i := 0; i <= maxCells/4; i++ {
		b.WriteString("W,1,1,1\n")
	}
	dir := files(t, map[string]any{"big.csv": b.String()})
	_, _, err := importWith(t, testCodebook, Options{Files: []string{filepath.Join(dir, "big.csv")}})
	var ie *InputError
	if !errors.As(err, &ie) || !strings.Contains(ie.Msg, "big.csv: holds more than 1,000,000 filled cells") {
		t.Errorf("err = %v", err)
	}
}
