package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestClaimsInEveryOutput: each claim of the State party is printed with the figures of the
// findings it concerns — the same figures compare computes — in the report, and the claims the
// findings contradict lead the Committee handout and the oral statement; findings.json and the
// annex carry them.
func TestClaimsInEveryOutput(t *testing.T) {
	dir := sampleProject(t)
	code, _, stderr := shadowreport(t, "build", "-C", dir)
	if code != 0 {
		t.Fatalf("build: %d\n%s", code, stderr)
	}
	_, cmpOut, cmpErr := shadowreport(t, "compare", "-C", dir, "--format", "json")
	var cmp struct {
		To       string
		Findings []struct {
			Code, Value string
			To          struct{ Count, N int }
		}
	}
	if err := json.Unmarshal([]byte(cmpOut), &cmp); err != nil {
		t.Fatalf("compare json: %v\n%s", err, cmpErr)
	}
	figure := map[string]string{}
	for _, f := range cmp.Findings {
		figure[f.Code+"="+f.Value] = fmt.Sprintf("%d of %d", f.To.Count, f.To.N)
	}
	texts := outputs(t, filepath.Join(dir, "out"))
	var pub struct {
		Claims []struct {
			ID, Citation, Text, Status, Asserts string
			Findings                            []struct{ Code, Value string }
		}
		Recommendations []struct {
			ID, Assessment string
			Disagreements  []string
		}
	}
	if err := json.Unmarshal([]byte(texts["findings.json"]), &pub); err != nil {
		t.Fatal(err)
	}
	if len(pub.Claims) != 5 || len(pub.Recommendations) != 5 {
		t.Fatalf("findings.json holds %d claims and %d recommendations, want the sample's 5 and 5", len(pub.Claims), len(pub.Recommendations))
	}
	flat := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	report, annex := flat(texts["report.pdf"]), flat(texts["annex.xlsx"])
	contradicted, absence, improvement := 0, 0, 0
	for _, c := range pub.Claims {
		if !strings.Contains(report, c.Citation) || !strings.Contains(annex, c.Citation) {
			t.Errorf("claim %s (%s) is missing from the report or the annex", c.ID, c.Citation)
		}
		for _, f := range c.Findings {
			want, ok := figure[f.Code+"="+f.Value]
			if !ok {
				continue // a finding of the later wave alone
			}
			if !strings.Contains(report, want+" women interviewed in "+cmp.To) {
				t.Errorf("claim %s: the report does not give %s of compare for %s", c.ID, want, f.Code)
			}
		}
		if c.Status == "contradicted" {
			contradicted++
			if c.Asserts == "improvement" {
				improvement++
			} else {
				absence++
			}
			if contradicted <= 2 {
				for _, out := range []string{"handout-committee.pdf", "statement.pdf"} {
					if !strings.Contains(flat(texts[out]), strings.TrimSuffix(flat(c.Text), ".")) {
						t.Errorf("%s does not lead with the contradicted claim %s", out, c.ID)
					}
				}
			}
		}
	}
	if contradicted == 0 {
		t.Fatal("the sample has no contradicted claim: the test tests nothing")
	}
	if !strings.Contains(report, "What the women interviewed told us contradicts, or does not bear out,") {
		t.Error("the executive summary does not lead with the contradicted claims")
	}
	// two convenience samples cannot contradict a claim of improvement, only fail to bear it
	// out; accounts of a harm may contradict a claim that it never happens
	if improvement == 0 || absence == 0 {
		t.Fatalf("the sample has %d contradicted claims of improvement and %d of absence: the test tests nothing", improvement, absence)
	}
	if n := strings.Count(report, "The accounts of the people interviewed contradict this claim."); n != absence {
		t.Errorf("the report says the accounts contradict %d claims; %d claims of absence are contradicted", n, absence)
	}
	if n := strings.Count(report, "The accounts do not bear this claim out: students mobilised for unpaid labour was reported more often by the women interviewed in 2017 than by those in 2014."); n != improvement {
		t.Errorf("the report says %d claims of improvement are not borne out, want %d", n, improvement)
	}
}

// TestRecommendationDisagreements: where the organisation's assessment and the figures seem to
// disagree, build says so — assessed implemented while a linked finding is worse, assessed not
// implemented with no finding at all — and never assesses by itself.
func TestRecommendationDisagreements(t *testing.T) {
	dir := sampleProject(t)
	book := filepath.Join(dir, "interviews", "codebook.xlsx")
	f, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("recommendations")
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[strings.ToLower(h)] = i
	}
	set := func(row int, name, v string) {
		cell, _ := excelize.CoordinatesToCellName(col[name]+1, row+1)
		if err := f.SetCellStr("recommendations", cell, v); err != nil {
			t.Fatal(err)
		}
	}
	// row 1 concerns repatriation (worse in 2017): assessed implemented; row 2 concerns nothing
	set(1, "codes", "det_repatriated")
	set(1, "assessment", "implemented")
	set(1, "reason", "The law was changed (synthetic example).")
	set(2, "codes", "")
	set(2, "assessment", "not implemented")
	if err := f.SaveAs(book); err != nil {
		t.Fatal(err)
	}
	f.Close()
	code, _, stderr := shadowreport(t, "build", "-C", dir)
	if code != 0 {
		t.Fatalf("build: %d\n%s", code, stderr)
	}
	for _, want := range []string{
		`recommendations!\w+2: recommendation R1 is assessed implemented, but "Forcibly repatriated from China" was reported more often`,
		`recommendations!\w+3: .*not implemented, but it names no code`,
	} {
		if !regexp.MustCompile(`(?m)^warning: interviews/codebook\.xlsx: ` + want).MatchString(stderr) {
			t.Errorf("build does not warn %s:\n%s", want, stderr)
		}
	}
}

// TestStatementBudget: an oral statement longer than the speaker's time stops the build, saying
// by how many seconds, as a handout over its pages does.
func TestStatementBudget(t *testing.T) {
	dir := sampleProject(t)
	toml, err := os.ReadFile(filepath.Join(dir, "report.toml"))
	if err != nil {
		t.Fatal(err)
	}
	toml = append(toml, []byte("\n[statement]\nminutes = 0.5\n")...)
	if err := os.WriteFile(filepath.Join(dir, "report.toml"), toml, 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := shadowreport(t, "build", "-C", dir)
	m := regexp.MustCompile(`statement\.md: the statement has (\d+) words, about (\d+) seconds at 130 words a minute: over the 0\.5 minutes of \[statement\] in report\.toml by (\d+) seconds`).FindStringSubmatch(stderr)
	if code != 3 || m == nil {
		t.Fatalf("exit %d, want 3 with the seconds over:\n%s", code, stderr)
	}
	// the seconds over are the words beyond 65 (half a minute at 130 a minute) at 130 a minute,
	// rounded up: derived here from the words the message gives
	var words, over int
	fmt.Sscan(m[1], &words)
	fmt.Sscan(m[3], &over)
	if want := ((words-65)*60 + 129) / 130; over != want {
		t.Errorf("%d words: over by %d s, want %d", words, over, want)
	}
	if _, err := os.Stat(filepath.Join(dir, "out", "statement.pdf")); err == nil {
		t.Error("a statement over its time was published")
	}
}
