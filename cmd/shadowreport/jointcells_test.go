package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// jointCells writes a project whose 2017 wave of 40 has the margins age 15 / 15 / 10 and
// province 30 North / 10 South, every one shown in the table of who was interviewed, and
// south[i] women of the i-th age band from the South: the cross-classified groups, which no
// output prints.
func jointCells(t *testing.T, south [3]int) string {
	t.Helper()
	dir := t.TempDir()
	codebook := `code,label,type,values,theme,direction,sensitive,identifier,question
age_band,Age band,category,under 30;30-39;40 and over,profile,,,quasi,
province,Province,category,North;South,profile,,,quasi,
fees,Paid school fees,yesno,,education,worse_if_higher,,,
medicine,Bought medicine at market,yesno,,health,worse_if_higher,,,
`
	agg := `code,value,n,count,source
age_band,under 30,50,14,2014 report
age_band,30-39,50,20,2014 report
age_band,40 and over,50,16,2014 report
province,North,50,30,2014 report
province,South,50,20,2014 report
fees,,50,31,2014 report
medicine,,50,25,2014 report
`
	var wave strings.Builder
	wave.WriteString("id,consent,age_band,province,fees,medicine\n")
	id := 0
	for band, n := range []int{15, 15, 10} {
		for j := range n {
			id++
			prov := map[bool]string{true: "South", false: "North"}[j < south[band]]
			fmt.Fprintf(&wave, "W17-%03d,aggregate,%s,%s,%s,%s\n", id, []string{"under 30", "30-39", "40 and over"}[band], prov,
				map[bool]string{true: "yes", false: "no"}[id%3 != 0], map[bool]string{true: "yes", false: "no"}[id%2 == 1])
		}
	}
	writeProject(t, dir, codebook, agg, [2]string{"interviews", wave.String()})
	return dir
}

// TestStandardisationDoesNotGiveJointGroupsAway: the weights of the standardisation are a
// function of the cross-classified groups of who was interviewed. Their range, Kish's effective
// n and the number of raking cycles, published, told the 66 tables of these margins apart in 63
// cases: a reader who runs the tool on each candidate reads off that one woman aged under 30
// from the South was interviewed. With a group of 1 to min_cell − 1 people, the standardisation
// is withheld, saying why; with none, it is published.
func TestStandardisationDoesNotGiveJointGroupsAway(t *testing.T) {
	build := func(south [3]int) map[string]any {
		dir := jointCells(t, south)
		code, _, stderr := shadowreport(t, "build", "-C", dir, "--format", "pdf")
		if code != 0 {
			t.Fatalf("%v: build exit %d:\n%s", south, code, stderr)
		}
		texts := outputs(t, filepath.Join(dir, "out"))
		var j map[string]any
		if err := json.Unmarshal([]byte(texts["findings.json"]), &j); err != nil {
			t.Fatal(err)
		}
		flat := strings.Join(strings.Fields(texts["report.pdf"]), " ")
		if south[0] > 0 && south[0] < 5 {
			if strings.Contains(flat, "The weights range from") || strings.Contains(flat, "Kish") {
				t.Errorf("%v: the report gives the weights of a wave with a group of %d", south, south[0])
			}
			if !strings.Contains(flat, "was not taken into account by weighting") {
				t.Errorf("%v: the report does not say why the standardisation is withheld", south)
			}
		}
		return j
	}
	j := build([3]int{1, 4, 5})
	if st, _ := j["standardisation"].(map[string]any); st != nil {
		t.Errorf("a group of 1 aged under 30 from the South: the standardisation is published: %v", st)
	}
	for _, f := range j["findings"].([]any) {
		if s := f.(map[string]any)["standardised"]; s != nil {
			t.Errorf("a standardised share is published: %v", s)
		}
	}
	if j := build([3]int{5, 0, 5}); j["standardisation"] == nil {
		t.Errorf("groups of 0, 5 and 10: the standardisation is withheld: %v", j["standardisation_withheld"])
	}
}

// TestPeriodOfLeavingFollowsTheTable: 20 women left in 2014, 19 in 2015 and 1 in 2016. The
// table of who was interviewed prints "x, 19, x of 40", so that nobody can tell which of 2014
// and 2016 is the small group; the methodology said "reported leaving in 2014 and 2015 (and
// fewer than 5 at other times)", which tells: the one who left in 2016. The sentence names only
// the periods the table shows.
func TestPeriodOfLeavingFollowsTheTable(t *testing.T) {
	dir := leftPeriods(t, "")
	code, _, stderr := shadowreport(t, "build", "-C", dir, "--format", "pdf,docx,html")
	if code != 0 {
		t.Fatalf("build exit %d:\n%s", code, stderr)
	}
	texts := outputs(t, filepath.Join(dir, "out"))
	for name, text := range texts {
		flat := strings.Join(strings.Fields(text), " ")
		if strings.Contains(flat, "leaving in 2014") {
			t.Errorf("%s names 2014, which the table hides, as a period of leaving:\n%s", name, around(flat, "reported leaving"))
		}
	}
	if flat := strings.Join(strings.Fields(texts["report.pdf"]), " "); !strings.Contains(flat, "reported leaving in 2015") {
		t.Errorf("the period the table shows is not named:\n%s", around(flat, "reported leaving"))
	}
}

// TestSkippedMarginGivesNoHiddenCount: the 2014 figures give the periods of leaving 30, 20 and
// 0 of 50, so the standardisation cannot use them: nobody of 2014 left in 2016. It said why in
// findings.json — "no one in 2014 gave "2016", which 1 interviewed in 2017 gave" — while the
// table prints that count "x". Of a table with a hidden count, the reason names no figure.
func TestSkippedMarginGivesNoHiddenCount(t *testing.T) {
	dir := leftPeriods(t, "left_period,2014,50,30,2014 report\nleft_period,2015,50,20,2014 report\nleft_period,2016,50,0,2014 report\n")
	code, _, stderr := shadowreport(t, "build", "-C", dir, "--format", "pdf")
	if code != 0 {
		t.Fatalf("build exit %d:\n%s", code, stderr)
	}
	texts := outputs(t, filepath.Join(dir, "out"))
	if !strings.Contains(texts["findings.json"], `"code": "left_period"`) {
		t.Fatalf("left_period is not in findings.json: the test does not exercise the rule")
	}
	for name, text := range texts {
		if m := regexp.MustCompile(`which \d+%? (of|interviewed)`).FindString(text); m != "" {
			t.Errorf("%s says why a margin was skipped with a figure: %q", name, m)
		}
	}
}

// leftPeriods writes a project whose 2017 wave of 40 left in 2014 (20), 2015 (19) and 2016
// (1); agg adds rows to the 2014 figures.
func leftPeriods(t *testing.T, aggExtra string) string {
	t.Helper()
	dir := t.TempDir()
	codebook := `code,label,type,values,theme,direction,sensitive,identifier,question
age_band,Age band,category,under 30;30-39;40 and over,profile,,,quasi,
left_period,Year of leaving,category,2014;2015;2016,profile,,,quasi,
fees,Paid school fees,yesno,,education,worse_if_higher,,,
`
	agg := `code,value,n,count,source
age_band,under 30,50,14,2014 report
age_band,30-39,50,20,2014 report
age_band,40 and over,50,16,2014 report
fees,,50,31,2014 report
` + aggExtra
	var wave strings.Builder
	wave.WriteString("id,consent,age_band,left_period,fees\n")
	for i := 1; i <= 40; i++ {
		left := map[bool]string{true: "2014", false: "2015"}[i <= 20]
		if i == 40 {
			left = "2016"
		}
		fmt.Fprintf(&wave, "W17-%03d,aggregate,%s,%s,%s\n", i, []string{"under 30", "30-39", "40 and over"}[i%3], left, map[bool]string{true: "yes", false: "no"}[i <= 28])
	}
	writeProject(t, dir, codebook, agg, [2]string{"interviews", wave.String()})
	return dir
}

// TestWithheldStandardisationSaysNothingOfRobustness: with a group of 1 aged under 30 from the
// South the standardisation is withheld, but the verdict of fees still carried "does not survive
// standardisation" (not_robust, §): a bit of the weighted test, and so of the groups. A
// withheld standardisation says nothing of any verdict.
func TestWithheldStandardisationSaysNothingOfRobustness(t *testing.T) {
	dir := t.TempDir()
	codebook := `code,label,type,values,theme,direction,sensitive,identifier,question
age_band,Age band,category,under 30;30-39;40 and over,profile,,,quasi,
province,Province,category,North;South,profile,,,quasi,
fees,Paid school fees,yesno,,education,worse_if_higher,,,
`
	agg := `code,value,n,count,source
age_band,under 30,50,5,2014 report
age_band,30-39,50,25,2014 report
age_band,40 and over,50,20,2014 report
province,North,50,30,2014 report
province,South,50,20,2014 report
fees,,50,12,2014 report
`
	var wave strings.Builder
	wave.WriteString("id,consent,age_band,province,fees\n")
	id := 0
	for band, n := range []int{15, 15, 10} {
		for j := range n {
			id++
			prov := map[bool]string{true: "South", false: "North"}[j < []int{1, 4, 5}[band]]
			fee := map[bool]string{true: "yes", false: "no"}[band == 0 || j%4 == 0]
			fmt.Fprintf(&wave, "W17-%03d,aggregate,%s,%s,%s\n", id, []string{"under 30", "30-39", "40 and over"}[band], prov, fee)
		}
	}
	writeProject(t, dir, codebook, agg, [2]string{"interviews", wave.String()})
	code, _, stderr := shadowreport(t, "build", "-C", dir, "--format", "pdf")
	if code != 0 {
		t.Fatalf("build exit %d:\n%s", code, stderr)
	}
	texts := outputs(t, filepath.Join(dir, "out"))
	var j struct {
		Withheld string `json:"standardisation_withheld"`
		Findings []struct {
			Code      string `json:"code"`
			Verdict   string `json:"verdict"`
			NotRobust bool   `json:"not_robust"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(texts["findings.json"]), &j); err != nil {
		t.Fatal(err)
	}
	if j.Withheld == "" {
		t.Fatal("the standardisation is not withheld: the test does not exercise the rule")
	}
	for _, f := range j.Findings {
		if f.NotRobust {
			t.Errorf("%s (%s): not_robust is published while the standardisation is withheld", f.Code, f.Verdict)
		}
	}
	if strings.Contains(texts["report.pdf"], "§") {
		t.Errorf("the report marks a verdict § while the standardisation is withheld")
	}
}
