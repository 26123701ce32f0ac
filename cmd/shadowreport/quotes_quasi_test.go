package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// quotedSample is the sample project with the reviewed quote of W17-006 (aged 30-39, from North
// Hamgyong or Ryanggang, left 2014-2016; cell C4 of the quotes sheet) replaced by text, and
// disclosure gives the lines added to report.toml's [disclosure] (an override, starting with
// "[[", is added at the end).
func quotedSample(t *testing.T, text, disclosure string) string {
	t.Helper()
	dir := sampleProject(t)
	book := filepath.Join(dir, "interviews", "2017.xlsx")
	f, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	if id, _ := f.GetCellValue("quotes", "A4"); id != "W17-006" {
		t.Fatalf("quotes!A4 is %q, want W17-006", id)
	}
	if err := f.SetCellValue("quotes", "C4", text); err != nil {
		t.Fatal(err)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	toml := filepath.Join(dir, "report.toml")
	b, err := os.ReadFile(toml)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	if strings.HasPrefix(strings.TrimSpace(disclosure), "[[") {
		s += disclosure
	} else {
		s = strings.Replace(s, "[disclosure]\n", "[disclosure]\n"+disclosure, 1)
	}
	if err := os.WriteFile(toml, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestPublicationQuotesQuasiParts builds the sample with a quote that names a part of a
// quasi-identifier's value, an id in another spelling or a date of another form: the build
// refuses (exit 4), naming the quote and never the detail; the same quote within what its
// attribution says is published.
func TestPublicationQuotesQuasiParts(t *testing.T) {
	periodOnly := "attribution = [\"left_period\"]\n"
	override := "\n[[disclosure.override]]\nrule = \"quote-text\"\nquote = \"2017:C4\"\nreason = \"a test\"\n"
	for _, tt := range []struct {
		name, text, disclosure string
		want                   []string // in the refusal
		secret                 []string // never in the build's messages
	}{
		{"province left out", "Back home in Ryanggang we were sent to the farms.", periodOnly,
			[]string{"quotes!C4: a quote to be published names a value of a quasi-identifier", ": province_group;", `quote = "2017:C4"`}, []string{"Ryanggang", "farms"}},
		{"province in Korean", "량강도에서는 모두 농장에 보내졌습니다.", periodOnly,
			[]string{"quotes!C4", "province_group"}, []string{"량강도", "농장"}},
		{"decade of age", "I was in my thirties when they sent us to the farms.", periodOnly,
			[]string{"quotes!C4", "age_band"}, []string{"thirties"}},
		{"narrower than the group", "Back home in Ryanggang we were sent to the farms.", "",
			[]string{"quotes!C4", "province_group"}, []string{"Ryanggang", "farms"}},
		{"id without zeros", "Like W17-6 said, we were sent to the farms.", override,
			[]string{"quotes!C4: a quote to be published holds an interviewee's id"}, []string{"W17-6"}},
		{"id with a Cyrillic letter", "Like W17-0О6 said, we were sent to the farms.", "",
			[]string{"quotes!C4: a quote to be published holds an interviewee's id"}, []string{"W17-0О6"}},
		{"birth date, year first", "I was born 82.03.04 in the north.", "",
			[]string{"quotes!C4: a quote to be published holds an exact date"}, []string{"82.03.04"}},
		{"digits in groups", "My number was 123 456 789.", "",
			[]string{"quotes!C4: a quote to be published holds an ID-like number"}, []string{"123 456 789"}},
		{"home folder", "The file was in ~kimmj on the laptop.", "",
			[]string{"quotes!C4: a quote to be published holds a file path"}, []string{"kimmj"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := quotedSample(t, tt.text, tt.disclosure)
			code, _, stderr := shadowreport(t, "build", "-C", dir)
			if code != 4 {
				t.Fatalf("exit %d, want 4:\n%s", code, stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("the build does not say %q:\n%s", w, stderr)
				}
			}
			for _, s := range tt.secret {
				if strings.Contains(stderr, s) {
					t.Errorf("the build repeats %q:\n%s", s, stderr)
				}
			}
			if _, err := os.Stat(filepath.Join(dir, "out", "report.pdf")); err == nil {
				t.Errorf("a refused build wrote out/")
			}
		})
	}
	// the group as the attribution gives it, and a year no value covers: published
	dir := quotedSample(t, "Back home in North Hamgyong or Ryanggang, in my thirties, we were sent to the farms; since 2009 nobody was paid.", "")
	if code, _, stderr := shadowreport(t, "build", "-C", dir); code != 0 {
		t.Fatalf("the quote within its attribution: exit %d:\n%s", code, stderr)
	}
	texts := outputs(t, filepath.Join(dir, "out"))
	flat := strings.Join(strings.Fields(texts["report.pdf"]), " ")
	if !strings.Contains(flat, "since 2009 nobody was paid. — woman aged 30-39 from North Hamgyong or Ryanggang, left 2014-2016") {
		t.Errorf("the quote is not published with its attribution:\n%s", around(flat, "since 2009"))
	}
}
