package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// TestQuotesDoNotCountAHiddenFinding: 4 of 40 women said an official assaulted them, published
// as "fewer than 5 of 40". Each of the 4 gave a reviewed quote coded vaw_official, and their
// attributions differ ("aged 30-39 from North", "aged 40 and over from North", ...): four
// different women quoted under "fewer than 5" says 4. The quotes of a code whose count is
// shown as a range may quote at most min_cell − 2 women, so that the count could still be two
// values; the others are left out, saying so in the build log.
func TestQuotesDoNotCountAHiddenFinding(t *testing.T) {
	dir := t.TempDir()
	codebook := `code,label,type,values,theme,direction,sensitive,identifier,question
age_band,Age band,category,under 30;30-39;40 and over,profile,,,quasi,
province,Province,category,North;South,profile,,,quasi,
fees,Paid school fees,yesno,,education,worse_if_higher,,,
vaw_official,Sexual violence by an official,yesno,,violence,worse_if_higher,yes,,
`
	agg := `code,value,n,count,source
age_band,under 30,50,14,2014 report
age_band,30-39,50,20,2014 report
age_band,40 and over,50,16,2014 report
province,North,50,30,2014 report
province,South,50,20,2014 report
fees,,50,31,2014 report
vaw_official,,50,10,2014 report
`
	var wave strings.Builder
	wave.WriteString("id,consent,age_band,province,fees,vaw_official\n")
	yes := map[bool]string{true: "yes", false: "no"}
	for i := 1; i <= 40; i++ {
		fmt.Fprintf(&wave, "W17-%03d,quote,%s,%s,%s,%s\n", i, []string{"under 30", "30-39", "40 and over"}[i%3],
			[]string{"North", "South"}[(i/3)%2], yes[i <= 28], yes[i <= 4])
	}
	quotes := `id,code,text,reviewed
W17-001,vaw_official,The officer at the post took me aside and did what he wanted.,yes
W17-002,vaw_official,Nobody could refuse the guards at night.,yes
W17-003,vaw_official,He said he would send me back if I told anyone.,yes
W17-004,vaw_official,I still cannot speak about what the security agent did.,yes
`
	writeProject(t, dir, codebook, agg, [2]string{"interviews", wave.String()}, [2]string{"quotes", quotes})
	// the quotes asked for by the action, and the last one typed again as a quotation
	report := "# Violence\n\n{{ kofn \"vaw_official\" }} women interviewed in {{ to }} reported sexual violence by an official.\n\n{{ quotes \"vaw_official\" }}\n\n> I still cannot speak about what the security agent did.\n"
	writeFile(t, filepath.Join(dir, "templates", "report.md"), []byte(report))
	code, _, stderr := shadowreport(t, "build", "-C", dir, "--format", "pdf,docx,html")
	if code != 0 {
		t.Fatalf("build exit %d:\n%s", code, stderr)
	}
	texts := outputs(t, filepath.Join(dir, "out"))
	flat := strings.Join(strings.Fields(texts["report.pdf"]), " ")
	if !strings.Contains(flat, "fewer than 5 of 40") {
		t.Fatalf("the finding is not shown as a range: the test does not exercise the rule")
	}
	for name, text := range texts {
		flat := strings.Join(strings.Fields(text), " ")
		quoted := 0
		for _, q := range []string{"did what he wanted", "refuse the guards", "send me back", "security agent did"} {
			if strings.Contains(flat, q) {
				quoted++
			}
		}
		if quoted > 3 {
			t.Errorf("%s quotes %d women under \"fewer than 5 of 40\": the count is %d", name, quoted, quoted)
		}
	}
	if !strings.Contains(flat, "did what he wanted") {
		t.Errorf("no quote at all is published")
	}
	if !strings.Contains(stderr, "quotes!C5") || !strings.Contains(stderr, "vaw_official") {
		t.Errorf("the build log does not say which quote was left out, and why:\n%s", stderr)
	}
}

// TestAttributionGivesNoHiddenValue: in the hostile project the tables of who was interviewed
// print "x" for the one woman aged 50-59, from Ryanggang, who left in 2016, and "x" for the
// partners hidden with her: under 30, North Hamgyong, 2014. The other quote was attributed
// "woman aged under 30 from North Hamgyong, left in 2014", a profile that fits 5 or more:
// so those three are the partners, and the small groups are 50-59, Ryanggang and 2016 — her
// profile. An attribution gives no value that the table hides.
func TestAttributionGivesNoHiddenValue(t *testing.T) {
	dir := hostile{repatriated: 30, quasi: true}.write(t)
	code, _, stderr := shadowreport(t, "build", "-C", dir)
	if code != 0 {
		t.Fatalf("build exit %d:\n%s", code, stderr)
	}
	texts := outputs(t, filepath.Join(dir, "out"))
	flat := strings.Join(strings.Fields(texts["report.pdf"]), " ")
	if !strings.Contains(flat, "x of 40") {
		t.Fatal("no count is hidden: the test does not exercise the rule")
	}
	for name, text := range texts {
		flat := strings.Join(strings.Fields(text), " ")
		for _, bad := range []string{"aged under 30", "from North Hamgyong", "left in 2014"} {
			if strings.Contains(flat, bad) {
				t.Errorf("%s attributes a quote to %q, a value the table hides:\n%s", name, bad, around(flat, "children were sent home"))
			}
		}
	}
	if !strings.Contains(stderr, "the quotes of 2017 are attributed without age_band, province_group and left_period") {
		t.Errorf("the build log does not say why the attribution was coarsened:\n%s", stderr)
	}
}

// TestAttributionsCoarsenedAlike: 10 women aged 40 and over, 9 from the North and 1 from the
// South; every table shows only the margins. Two of them are quoted. The one from the North was
// attributed "aged 40 and over from North"; the one from the South, whose profile fits one
// woman, "aged 40 and over" — the province left out because her group is small. Together: the
// North group is 5 or more, so the small one is the South, and the second speaker is the woman
// aged 40 and over from the South. The attributions of a wave leave out the same codes for
// every quote, so that what one leaves out says nothing of its speaker.
func TestAttributionsCoarsenedAlike(t *testing.T) {
	dir := t.TempDir()
	codebook := `code,label,type,values,theme,direction,sensitive,identifier,question
age_band,Age band,category,under 30;30-39;40 and over,profile,,,quasi,
province,Province,category,North;South,profile,,,quasi,
fees,Paid school fees,yesno,,education,worse_if_higher,,,
`
	agg := `code,value,n,count,source
age_band,under 30,50,14,2014 report
age_band,30-39,50,20,2014 report
age_band,40 and over,50,16,2014 report
province,North,50,30,2014 report
province,South,50,20,2014 report
fees,,50,31,2014 report
`
	var wave strings.Builder
	wave.WriteString("id,consent,age_band,province,fees\n")
	for i := 1; i <= 40; i++ {
		age := []string{"under 30", "30-39", "40 and over"}[min((i-1)/15, 2)] // 15, 15, 10
		prov := map[bool]string{true: "North", false: "South"}[i%2 == 1]
		if i > 30 {
			prov = map[bool]string{true: "South", false: "North"}[i == 40]
		}
		fmt.Fprintf(&wave, "W17-%03d,quote,%s,%s,%s\n", i, age, prov, map[bool]string{true: "yes", false: "no"}[i <= 28])
	}
	quotes := `id,code,text,reviewed
W17-031,fees,We paid the teacher every month.,yes
W17-040,fees,The school sent my daughter home when we could not pay.,yes
`
	writeProject(t, dir, codebook, agg, [2]string{"interviews", wave.String()}, [2]string{"quotes", quotes})
	code, _, stderr := shadowreport(t, "build", "-C", dir, "--format", "pdf")
	if code != 0 {
		t.Fatalf("build exit %d:\n%s", code, stderr)
	}
	flat := strings.Join(strings.Fields(outputs(t, filepath.Join(dir, "out"))["report.pdf"]), " ")
	attribution := func(quote string) string {
		i := strings.Index(flat, quote)
		if i < 0 {
			t.Fatalf("quote %q not published:\n%s", quote, flat)
		}
		rest := flat[i+len(quote):]
		j := strings.Index(rest, ", interviewed in")
		if j < 0 {
			t.Fatalf("no attribution after %q", quote)
		}
		return strings.TrimSpace(rest[:j])
	}
	a, b := attribution("every month."), attribution("could not pay.")
	if strings.Contains(a, "from") != strings.Contains(b, "from") || strings.Contains(a, "aged") != strings.Contains(b, "aged") {
		t.Errorf("the attributions leave out different codes: %q and %q; the one that leaves out more points at a small group", a, b)
	}
	for _, x := range []string{a, b} {
		if strings.Contains(x, "40 and over") && strings.Contains(x, "South") {
			t.Errorf("an attribution names the group of 1 aged 40 and over from the South: %q", x)
		}
	}
	if !strings.Contains(stderr, "the quotes of 2017 are attributed without") {
		t.Errorf("the build log does not say which codes the attributions leave out:\n%s", stderr)
	}
}
