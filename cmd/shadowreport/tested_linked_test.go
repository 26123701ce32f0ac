package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// testedLinked writes a project whose sensitive category code det_facility hides its small
// count (2 of 20 held in a prison camp) with a partner (13 held in a holding centre), both
// printed "x of 20"; the labour camp's 5 of 20 is shown. A follow-up, det_food, was asked only
// of the women held in a holding centre: its 13 answers are the partner's hidden set, so it
// shows nothing. The comparison tested it all the same (13 and 15 answers reach min_n), and the
// figures of the family of tests — how many tests, the adjusted p of the others, the power at
// the smallest bases — were published from that test.
//
// With blank, the follow-up is left blank (not asked) for the others instead of n/a; with
// coder2, a second coder coded fees, det_detained and det_food of every interview again.
func testedLinked(t *testing.T, variant ...string) string {
	t.Helper()
	blank, coder2 := slices.Contains(variant, "blank"), slices.Contains(variant, "coder2")
	dir := t.TempDir()
	codebook := `code,label,type,values,theme,direction,sensitive,identifier,question
age_band,Age band,category,under 30;30-39;40 and over,profile,,,quasi,
province,Province,category,North;South,profile,,,quasi,
fees,Paid school fees,yesno,,education,worse_if_higher,,,
paid_care,Paid for care,yesno,,health,worse_if_higher,,,
medicine,Bought medicine at market,yesno,,health,worse_if_higher,,,
det_detained,Held in detention,yesno,,detention,worse_if_higher,yes,,
det_facility,Place of detention,category,holding centre;labour training camp;prison camp,detention,worse_if_higher,yes,,n/a if never detained
det_food,Denied food in the holding centre,yesno,,detention,worse_if_higher,,,n/a unless held in a holding centre
`
	agg := `code,value,n,count,source
age_band,under 30,50,15,2014 report
age_band,30-39,50,20,2014 report
age_band,40 and over,50,15,2014 report
province,North,50,30,2014 report
province,South,50,20,2014 report
fees,,50,31,2014 report
paid_care,,50,30,2014 report
medicine,,50,25,2014 report
det_detained,,50,25,2014 report
det_facility,holding centre,25,15,2014 report
det_facility,labour training camp,25,6,2014 report
det_facility,prison camp,25,4,2014 report
det_food,,15,8,2014 report
`
	var wave, second strings.Builder
	wave.WriteString("id,consent,age_band,province,fees,paid_care,medicine,det_detained,det_facility,det_food\n")
	second.WriteString("id,fees,det_detained,det_food\n")
	yes := map[bool]string{true: "yes", false: "no"}
	for i := 1; i <= 40; i++ {
		facility, food := "n/a", "n/a"
		if blank {
			food = ""
		}
		switch {
		case i <= 13:
			facility, food = "holding centre", yes[i%2 == 1]
		case i <= 18:
			facility = "labour training camp"
		case i <= 20:
			facility = "prison camp"
		}
		fmt.Fprintf(&wave, "W17-%03d,aggregate,%s,%s,%s,%s,%s,%s,%s,%s\n", i,
			[]string{"under 30", "30-39", "40 and over"}[i%3], []string{"North", "South"}[i%2],
			yes[i <= 28], yes[i%3 == 0 || i < 10], yes[i%2 == 0], yes[i <= 20], facility, food)
		fmt.Fprintf(&second, "W17-%03d,%s,%s,%s\n", i, yes[i <= 28], yes[i <= 20], food)
	}
	waveSheets := [][2]string{{"interviews", wave.String()}}
	if coder2 {
		waveSheets = append(waveSheets, [2]string{"coder2", second.String()})
	}
	writeProject(t, dir, codebook, agg, waveSheets...)
	return dir
}

// TestWithheldFollowUpLeavesTheFamily: a finding the gate shows nothing of is no test of the
// family. Published from its test, the power at the smallest bases said "questions answered by
// fewer, e.g. 15 and 13": 13 held in a holding centre, so 20 − 5 − 13 = 2 in a prison camp.
func TestWithheldFollowUpLeavesTheFamily(t *testing.T) {
	dir := testedLinked(t)
	code, _, stderr := shadowreport(t, "build", "-C", dir, "--format", "pdf,docx,html")
	if code != 0 {
		t.Fatalf("build exit %d:\n%s", code, stderr)
	}
	texts := outputs(t, filepath.Join(dir, "out"))
	for name, text := range texts {
		flat := strings.Join(strings.Fields(text), " ")
		for _, bad := range []*regexp.Regexp{
			regexp.MustCompile(`e\.g\. 15 and 13\b`), regexp.MustCompile(`"n_to": ?13\b`),
			regexp.MustCompile(`\b13 (in|women)\b`), regexp.MustCompile(`\b\d+ of 13\b`),
		} {
			if m := bad.FindString(flat); m != "" {
				t.Errorf("%s shows %q: the base of the withheld follow-up, which gives the hidden count away", name, m)
			}
		}
	}
	var j struct {
		Tests  int `json:"tests"`
		Family struct {
			Size int `json:"size"`
		} `json:"family"`
		Findings []struct {
			Code   string `json:"code"`
			Family string `json:"family"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(texts["findings.json"]), &j); err != nil {
		t.Fatal(err)
	}
	tested := 0
	for _, f := range j.Findings {
		if f.Family == "tested" {
			tested++
		}
	}
	if j.Tests != tested || j.Family.Size != tested {
		t.Errorf("findings.json counts %d tests (family of %d) but %d findings are published as tested: a withheld finding stayed in the family", j.Tests, j.Family.Size, tested)
	}
}

// TestPublishedWaveSensitiveCategoryHidesWithOthers: the earlier wave's published figures give
// det_facility as 15, 6 and 4 of 25. The 4 is shown as "fewer than 5 of 25"; beside 15 and 6
// of 25, exact, it is 25 − 21. A wave of published figures hides the counts of a sensitive
// category with partners as a wave of interviews does.
func TestPublishedWaveSensitiveCategoryHidesWithOthers(t *testing.T) {
	dir := testedLinked(t)
	code, _, stderr := shadowreport(t, "build", "-C", dir, "--format", "pdf")
	if code != 0 {
		t.Fatalf("build exit %d:\n%s", code, stderr)
	}
	texts := outputs(t, filepath.Join(dir, "out"))
	var j struct {
		Findings []struct {
			Code, Value string
			From        struct {
				Count *int `json:"count"`
				N     int  `json:"n"`
			} `json:"from"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(texts["findings.json"]), &j); err != nil {
		t.Fatal(err)
	}
	shown, hidden, n := 0, 0, 0
	for _, f := range j.Findings {
		if f.Code != "det_facility" {
			continue
		}
		n = f.From.N
		if f.From.Count == nil {
			hidden++
		} else {
			shown += *f.From.Count
		}
	}
	if hidden == 1 {
		t.Errorf("det_facility in 2014: one count hidden beside exact ones: it is %d − %d", n, shown)
	}
	for name, text := range texts {
		if strings.Contains(strings.Join(strings.Fields(text), " "), "15 of 25") {
			t.Errorf("%s shows 15 of 25 beside fewer than 5 of 25", name)
		}
	}
}

// TestAgreementOfWithheldFollowUp: the follow-up det_food is left blank for the women it was
// not asked of, and coded twice. Its agreement was published over "units": 13 interviewees
// coded twice (both codings not blank) — the 13 held in a holding centre, whose number the
// follow-up itself withholds. Of a code whose wave shows nothing, only whether its coding is
// reliable is published.
func TestAgreementOfWithheldFollowUp(t *testing.T) {
	dir := testedLinked(t, "blank", "coder2")
	code, _, stderr := shadowreport(t, "build", "-C", dir, "--format", "pdf,docx,html")
	if code != 0 {
		t.Fatalf("build exit %d:\n%s", code, stderr)
	}
	texts := outputs(t, filepath.Join(dir, "out"))
	var j struct {
		Agreement []struct {
			Code  string `json:"code"`
			Units int    `json:"units"`
		} `json:"agreement"`
		Findings []struct {
			Code string `json:"code"`
			To   struct {
				Shown string `json:"shown"`
			} `json:"to"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(texts["findings.json"]), &j); err != nil {
		t.Fatal(err)
	}
	for _, f := range j.Findings {
		if f.Code == "det_food" && f.To.Shown != "not_shown" {
			t.Fatalf("det_food shows its figures (%q): the project does not exercise the rule", f.To.Shown)
		}
	}
	sawFees := false
	for _, a := range j.Agreement {
		sawFees = sawFees || a.Code == "fees"
		if a.Code == "det_food" && a.Units != 0 {
			t.Errorf("the agreement of det_food is published over %d interviewees: the number held in a holding centre", a.Units)
		}
	}
	if !sawFees {
		t.Errorf("no agreement of fees: the second coding was not read")
	}
	for name, text := range texts {
		if m := regexp.MustCompile(`\b13 (interviews|interviewees|of the interviews)\b`).FindString(strings.Join(strings.Fields(text), " ")); m != "" {
			t.Errorf("%s shows %q", name, m)
		}
	}
}

// TestPrintfPrintsWhatTheGateShows: printf is Go's fmt.Sprintf, and "%#v" or "%d" of a
// finding's side printed the struct's hidden fields: "k:2, n:20, exact:false" under "x of 20".
// printf takes a text, a number or a truth value; a finding, a side or a theme is printed as
// printing it gives (its sentence, its k of n, its title), never its fields.
func TestPrintfPrintsWhatTheGateShows(t *testing.T) {
	for _, action := range []string{
		`{{ printf "%#v" (finding "det_facility" "prison camp").To }}`,
		`{{ printf "%d" (finding "det_facility" "prison camp").To }}`,
		`{{ printf "%+v" (finding "det_facility" "prison camp") }}`,
		`{{ printf "%#v" (finding "det_facility" "prison camp") }}`,
		`{{ printf "%#v" (theme "detention") }}`,
		`{{ printf "%#v" (theme "detention").Findings }}`,
	} {
		t.Logf("%s", action)
		dir := testedLinked(t)
		if err := os.MkdirAll(filepath.Join(dir, "templates"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "templates", "report.md"), []byte("# Detention\n\nDebug: "+action+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		code, _, _ := shadowreport(t, "build", "-C", dir, "--format", "pdf")
		if code != 0 {
			// refused (a quoted sentence's escapes read as a path) or stopped: nothing published
			if _, err := os.Stat(filepath.Join(dir, "out", "report.pdf")); err == nil {
				t.Errorf("%s: exit %d, yet out/ was written", action, code)
			}
			continue
		}
		texts := outputs(t, filepath.Join(dir, "out"))
		flat := strings.Join(strings.Fields(texts["report.pdf"]), " ")
		for _, bad := range []string{"k:", "count:", "exact:", " 2 20 ", "Count:"} {
			if strings.Contains(flat, bad) {
				t.Errorf("%s prints %q:\n%s", action, bad, around(flat, "Debug"))
			}
		}
	}
}
