package main

import (
	"encoding/json"
	"fmt"
	"math"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The linked tests build projects whose counts hang together the way real questionnaires make
// them: follow-up questions asked only of those who said yes to a sensitive one, a sensitive
// question with several answers, a second coder. A reader who knows how the questions hang
// together must not read a hidden count off another published figure.

// linked describes the 2017 wave of such a project: 40 women.
type linked struct {
	detained int    // how many said yes to det_detained; the follow-ups apply to them only
	edu      [4]int // how many gave each value of edu_level (sensitive): none, primary, secondary, college
	coder2   bool   // a second coding of every interview, disagreeing once on age_band and det_detained
	toml     string // extra report.toml
}

func (l linked) write(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	codebook := `code,label,type,values,theme,direction,sensitive,identifier,question
age_band,Age band,category,under 30;30-39;40 and over,profile,,,quasi,
province,Province,category,North;South,profile,,,quasi,
det_detained,Held in detention,yesno,,detention,worse_if_higher,yes,,
det_search,Invasive body search in detention,yesno,,detention,worse_if_higher,yes,,n/a if never detained
det_place,Place of detention,category,holding centre;camp,detention,,,,n/a if never detained
det_months,Months in detention,number,,detention,,yes,,n/a if never detained
edu_level,Highest education,category,none;primary;secondary;college,education,,yes,,
fees,Paid school fees,yesno,,education,worse_if_higher,,,
`
	agg := `code,value,n,count,source
age_band,under 30,50,15,2014 report
age_band,30-39,50,20,2014 report
age_band,40 and over,50,15,2014 report
province,North,50,30,2014 report
province,South,50,20,2014 report
det_detained,,50,20,2014 report
fees,,50,31,2014 report
edu_level,none,50,5,2014 report
edu_level,primary,50,10,2014 report
edu_level,secondary,50,25,2014 report
edu_level,college,50,10,2014 report
`
	var wave, second strings.Builder
	header := "id,consent,age_band,province,det_detained,det_search,det_place,det_months,edu_level,fees\n"
	wave.WriteString(header)
	second.WriteString("id,age_band,det_detained\n")
	var edu []string
	for v, n := range l.edu {
		for range n {
			edu = append(edu, []string{"none", "primary", "secondary", "college"}[v])
		}
	}
	for i := 1; i <= 40; i++ {
		age := []string{"under 30", "30-39", "40 and over"}[i%3]
		prov := []string{"North", "South"}[i%2]
		det, search, place, months := "no", "n/a", "n/a", "n/a"
		if i <= l.detained {
			det, search, place, months = "yes", []string{"yes", "no"}[i%2], []string{"holding centre", "camp"}[i%2], fmt.Sprint(2+i%7)
		}
		level := []string{"none", "primary", "secondary", "college"}[i%4] // 10 each
		if i <= len(edu) {
			level = edu[i-1]
		}
		fees := map[bool]string{true: "yes", false: "no"}[i <= 28]
		fmt.Fprintf(&wave, "W17-%03d,aggregate,%s,%s,%s,%s,%s,%s,%s,%s\n", i, age, prov, det, search, place, months, level, fees)
		age2, det2 := age, det
		if i == 1 {
			age2 = "40 and over"
		}
		if i == 2 {
			det2 = map[string]string{"yes": "no", "no": "yes"}[det]
		}
		fmt.Fprintf(&second, "W17-%03d,%s,%s\n", i, age2, det2)
	}
	waveSheets := [][2]string{{"interviews", wave.String()}}
	if l.coder2 {
		waveSheets = append(waveSheets, [2]string{"coder2", second.String()})
	}
	writeBooks(t, dir, map[string][][2]string{
		"codebook.xlsx": {{"codebook", codebook}},
		"2014.xlsx":     {{"aggregate", agg}},
		"2017.xlsx":     waveSheets,
	})
	writeFile(t, filepath.Join(dir, "report.toml"), []byte(womenTOML+l.toml))
	return dir
}

// publishedJSON is findings.json as a reader parses it.
type publishedJSON struct {
	Findings []struct {
		Code, Value string
		Sensitive   bool
		To          struct {
			Count         *int     `json:"count"`
			N             *int     `json:"n"`
			Shown         string   `json:"shown"`
			Missing       *int     `json:"missing"`
			NotApplicable *int     `json:"not_applicable"`
			Share         *float64 `json:"share"`
		}
		Standardised *struct {
			Share float64 `json:"share"`
			Diff  float64 `json:"diff"`
		} `json:"standardised"`
	}
	Numbers []struct {
		Code string
		To   *struct {
			N      int      `json:"n"`
			Median *float64 `json:"median"`
		}
		NotShown map[string]string `json:"not_shown"`
	}
	Agreement []struct {
		Code         string
		Alpha        *float64 `json:"alpha"`
		RawAgreement *float64 `json:"raw_agreement"`
	}
}

func buildLinked(t *testing.T, l linked) (map[string]string, publishedJSON, string) {
	t.Helper()
	dir := l.write(t)
	code, _, stderr := shadowreport(t, "build", "-C", dir, "--format", "pdf,docx")
	if code != 0 {
		t.Fatalf("build exit %d:\n%s", code, stderr)
	}
	texts := outputs(t, filepath.Join(dir, "out"))
	var j publishedJSON
	if err := json.Unmarshal([]byte(texts["findings.json"]), &j); err != nil {
		t.Fatal(err)
	}
	return texts, j, stderr
}

// TestFollowUpsDoNotGiveAHiddenCountAway: three women were detained; the report says "fewer
// than 5 of 40". The follow-up questions were answered by exactly those three, so any figure
// of theirs that says how many answered (or to how many they did not apply) says 3.
func TestFollowUpsDoNotGiveAHiddenCountAway(t *testing.T) {
	texts, j, _ := buildLinked(t, linked{detained: 3})
	for name, text := range texts {
		flat := strings.Join(strings.Fields(text), " ")
		for _, bad := range []*regexp.Regexp{
			regexp.MustCompile(`\b3 answered`), regexp.MustCompile(`\b\d of 3\b`), regexp.MustCompile(`\b37 (not applicable|did not apply)`),
			regexp.MustCompile(`n = 3\b`),
		} {
			if m := bad.FindString(flat); m != "" {
				t.Errorf("%s shows %q, which gives the number detained away", name, m)
			}
		}
	}
	for _, f := range j.Findings {
		switch f.Code {
		case "det_detained":
			if f.To.Count != nil {
				t.Errorf("det_detained: count %d published", *f.To.Count)
			}
		case "det_search", "det_place":
			if f.To.Shown != "not_shown" || f.To.N != nil || f.To.Count != nil || f.To.NotApplicable != nil || f.To.Missing != nil {
				t.Errorf("%s %s: the follow-up shows %+v", f.Code, f.Value, f.To)
			}
		}
	}
	for _, n := range j.Numbers {
		if n.Code == "det_months" && (n.To != nil || n.NotShown["2017"] == "") {
			t.Errorf("det_months: the summary of 3 answers is published: %+v", n)
		}
	}
	if !strings.Contains(strings.Join(strings.Fields(texts["report.pdf"]), " "), "not shown (fewer than 5 answered)") {
		t.Errorf("the report does not say why the follow-ups are not shown")
	}
}

// TestFollowUpsOfAllButAFew: 37 of 40 were detained, published as "all but fewer than 5 of 40"
// under an override of the homogeneity rule. The follow-ups were answered by those 37: their n
// would say 37, and the 3 to whom they did not apply.
func TestFollowUpsOfAllButAFew(t *testing.T) {
	texts, j, _ := buildLinked(t, linked{detained: 37, toml: `
[[disclosure.override]]
rule = "l-diversity"
code = "det_detained"
reason = "the detention of returnees is documented by the UN; publishing that nearly all were detained endangers no one"
`})
	for _, f := range j.Findings {
		switch f.Code {
		case "det_detained":
			if f.To.Count != nil {
				t.Errorf("det_detained: count %d published", *f.To.Count)
			}
		case "det_search", "det_place":
			if f.To.Shown != "not_shown" || f.To.N != nil {
				t.Errorf("%s %s: the follow-up of 37 shows %+v", f.Code, f.Value, f.To)
			}
		}
	}
	for _, n := range j.Numbers {
		if n.Code == "det_months" && n.To != nil {
			t.Errorf("det_months: n = %d published", n.To.N)
		}
	}
	for name, text := range texts {
		if m := regexp.MustCompile(`\b\d+ of 37\b|\b37 answered`).FindString(strings.Join(strings.Fields(text), " ")); m != "" {
			t.Errorf("%s shows %q", name, m)
		}
	}
}

// TestSensitiveCategoryHidesWithOthers: 2 of 40 gave "none" for a sensitive category code;
// the other values shown exactly would give it back as 40 minus their sum.
func TestSensitiveCategoryHidesWithOthers(t *testing.T) {
	_, j, _ := buildLinked(t, linked{detained: 20, edu: [4]int{2, 8, 25, 5}})
	known, hidden := 0, 0
	for _, f := range j.Findings {
		if f.Code != "edu_level" {
			continue
		}
		if f.To.Count != nil {
			known += *f.To.Count
			continue
		}
		hidden++
		if f.To.Share != nil {
			t.Errorf("edu_level %s: a share of a hidden count", f.Value)
		}
	}
	if hidden < 2 {
		t.Fatalf("edu_level: %d value hidden; the total gives a lone hidden count back", hidden)
	}
	if known+2 == 40 {
		t.Errorf("edu_level: the shown counts (%d) leave exactly the small count", known)
	}
}

// TestSensitiveStandardisedAndAgreement: the standardised share of a sensitive finding and the
// coders' agreement of sensitive codes and quasi-identifiers are functions of how many of each
// group gave each answer; findings.json must not carry their digits.
func TestSensitiveStandardisedAndAgreement(t *testing.T) {
	_, j, _ := buildLinked(t, linked{detained: 20, coder2: true})
	sawStd := false
	for _, f := range j.Findings {
		if f.Standardised == nil {
			continue
		}
		if f.Sensitive {
			t.Errorf("%s: the standardised share of a sensitive finding is published (%v)", f.Code, f.Standardised.Share)
		}
		sawStd = true
		if s := f.Standardised.Share * 100; math.Abs(s-math.Round(s)) > 1e-9 {
			t.Errorf("%s: standardised share %v is not a whole percent", f.Code, f.Standardised.Share)
		}
	}
	if !sawStd {
		t.Errorf("no finding is standardised: the test does not exercise the rule")
	}
	if len(j.Agreement) == 0 {
		t.Fatal("no agreement published: the second coding was not read")
	}
	for _, a := range j.Agreement {
		switch a.Code {
		case "age_band", "det_detained":
			if a.Alpha != nil || a.RawAgreement != nil {
				t.Errorf("%s: alpha %v and raw agreement %v of a quasi-identifier or sensitive code are published", a.Code, a.Alpha, a.RawAgreement)
			}
		}
	}
}
