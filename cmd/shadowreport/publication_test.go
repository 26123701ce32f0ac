package main

import (
	"archive/zip"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// The publication tests build projects the way a state-security analyst would read their
// outputs: knowing who left, roughly when, their age and province, and every rule of the tool.
// Each test writes its project here, builds it with the command line and reads every output.

// hostile describes the 2017 wave of a hostile project: 40 women, of whom one (W17-040) is
// the only one aged 50-59, the only one from Ryanggang, the only one who left in 2016, the only
// one detained in 2008-2010 — and the only one who said she was sexually assaulted by an
// official, with a reviewed quote about it.
type hostile struct {
	repatriated int    // how many of the 40 were repatriated (39: all but one)
	quasi       bool   // declare the quasi-identifiers (false: the codebook declares none)
	source      string // the source of the 2014 figures
	toml        string // report.toml
}

func (h hostile) write(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	quasi := "quasi"
	if !h.quasi {
		quasi = ""
	}
	codebook := fmt.Sprintf(`code,label,type,values,theme,direction,sensitive,identifier,question
age_band,Age band,category,under 30;30-39;40-49;50-59,profile,,,%[1]s,How old were you?
province_group,Province group,category,North Hamgyong;Ryanggang;other provinces,profile,,,%[1]s,Where did you live?
left_period,Year of leaving,category,2014;2015;2016,profile,,,%[1]s,When did you leave?
det_period,Period of detention,category,2008-2010;2014-2016,detention,,yes,%[1]s,When were you detained?
vaw_sexual,Sexually assaulted by an official,yesno,,violence,worse_if_higher,yes,,SECRET-QUESTION-TEXT
det_repatriated,Forcibly repatriated,yesno,,detention,worse_if_higher,yes,,Were you sent back?
det_body_search,Invasive body search,yesno,,detention,worse_if_higher,yes,,Were you searched?
fees,Paid school fees,yesno,,education,worse_if_higher,,,Did you pay fees?
children,Number of children,number,,profile,,,,How many children?
`, quasi)
	source := h.source
	if source == "" {
		source = "2014 report, p. 8"
	}
	agg := `code,value,n,count,source
age_band,under 30,50,14,SRC
age_band,30-39,50,20,SRC
age_band,40-49,50,12,SRC
age_band,50-59,50,4,SRC
province_group,North Hamgyong,50,30,SRC
province_group,Ryanggang,50,12,SRC
province_group,other provinces,50,8,SRC
vaw_sexual,,50,3,SRC
det_repatriated,,50,20,SRC
det_body_search,,20,9,SRC
fees,,50,31,SRC
`
	agg = strings.ReplaceAll(agg, "SRC", `"`+source+`"`)
	var wave strings.Builder
	wave.WriteString("id,consent,age_band,province_group,left_period,det_period,vaw_sexual,det_repatriated,det_body_search,fees,children\n")
	for i := 1; i <= 40; i++ {
		age := map[bool]string{true: "under 30", false: "30-39"}[i <= 15]
		if i > 30 {
			age = "40-49"
		}
		prov := map[bool]string{true: "North Hamgyong", false: "other provinces"}[i <= 25]
		left := map[bool]string{true: "2014", false: "2015"}[i <= 20]
		period, sexual := "2014-2016", "no"
		if i == 40 {
			age, prov, left, period, sexual = "50-59", "Ryanggang", "2016", "2008-2010", "yes"
		}
		rep := map[bool]string{true: "yes", false: "no"}[i <= h.repatriated]
		search, children := "", ""
		if i <= 3 { // only three answered: their answers must not be given back
			search = map[bool]string{true: "yes", false: "no"}[i <= 2]
			children = []string{"2", "0", "5"}[i-1]
		}
		fees := map[bool]string{true: "yes", false: "no"}[i <= 28]
		fmt.Fprintf(&wave, "W17-%03d,quote,%s,%s,%s,%s,%s,%s,%s,%s,%s\n", i, age, prov, left, period, sexual, rep, search, fees, children)
	}
	quotes := `id,code,text,reviewed
W17-040,vaw_sexual,They took me into the office at night and the guard hurt me.,yes
W17-001,fees,We paid the teacher every month or the children were sent home.,yes
`
	writeBooks(t, dir, map[string][][2]string{
		"codebook.xlsx": {{"codebook", codebook}},
		"2014.xlsx":     {{"aggregate", agg}},
		"2017.xlsx":     {{"interviews", wave.String()}, {"quotes", quotes}},
	})
	toml := h.toml
	if toml == "" {
		toml = womenTOML + "\n[disclosure]\nattribution = [\"age_band\", \"province_group\", \"left_period\", \"det_period\"]\n"
	}
	writeFile(t, filepath.Join(dir, "report.toml"), []byte(toml))
	return dir
}

// outputs reads every output of out/ as text: the PDFs through pdftotext, the Word file's
// document.xml text, every cell of the annex, findings.json as written.
func outputs(t *testing.T, out string) map[string]string {
	t.Helper()
	texts := map[string]string{}
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		path := filepath.Join(out, e.Name())
		switch filepath.Ext(e.Name()) {
		case ".pdf":
			texts[e.Name()] = run(t, "pdftotext", path, "-")
		case ".docx":
			texts[e.Name()] = docxText(t, path)
		case ".xlsx":
			texts[e.Name()] = annexText(t, path)
		case ".json":
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			texts[e.Name()] = string(b)
		case ".html":
			texts[e.Name()] = htmlText(t, path)
		}
	}
	return texts
}

var styleRE = regexp.MustCompile(`(?s)<style>.*?</style>`)

// htmlText is the text of a web page, its charts' labels included, without its style sheet
// (and the fonts in it).
func htmlText(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return html.UnescapeString(xmlTagRE.ReplaceAllString(styleRE.ReplaceAllString(string(b), ""), " "))
}

var xmlTagRE = regexp.MustCompile(`<[^>]+>`)

// docxText is the text of every part of a Word file (body, notes, headers), tags removed.
func docxText(t *testing.T, path string) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var b strings.Builder
	for _, f := range zr.File {
		if !strings.HasSuffix(f.Name, ".xml") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		x, _ := io.ReadAll(rc)
		rc.Close()
		b.WriteString(html.UnescapeString(xmlTagRE.ReplaceAllString(strings.ReplaceAll(string(x), "</w:p>", "</w:p>\n"), " ")))
		b.WriteString("\n")
	}
	return b.String()
}

// annexText is every cell of every sheet of a workbook, a line per row.
func annexText(t *testing.T, path string) string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b strings.Builder
	for _, s := range f.GetSheetList() {
		rows, err := f.GetRows(s)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			b.WriteString(strings.Join(r, " | ") + "\n")
		}
	}
	return b.String()
}

// kofnRE finds a count of people "k of n" (not "fewer than 5 of 40", "<5 of 40" or "page 2 of 12").
var kofnRE = regexp.MustCompile(`(?i)(fewer\s+than\s+|<|page\s+)?\b(\d+)\s+of\s+(\d+)\b`)

func counts(text string) []string {
	var out []string
	for _, m := range kofnRE.FindAllStringSubmatch(text, -1) {
		if m[1] == "" {
			out = append(out, m[2]+" of "+m[3])
		}
	}
	return out
}

// publicFacts lists the "k of n" pairs findings.json publishes: every exact count of a finding
// and every shown count of the composition.
func publicFacts(t *testing.T, findings string) map[string]bool {
	t.Helper()
	var j struct {
		Findings []struct {
			From, To struct {
				Count *int `json:"count"`
				N     int  `json:"n"`
			}
		}
		NotComparable []struct {
			Present *struct {
				Count *int `json:"count"`
				N     int  `json:"n"`
			}
		} `json:"not_comparable"`
		Composition []struct {
			Counts map[string]*int `json:"counts"`
			N      map[string]int  `json:"n"`
		}
	}
	if err := json.Unmarshal([]byte(findings), &j); err != nil {
		t.Fatal(err)
	}
	facts := map[string]bool{}
	add := func(k *int, n int) {
		if k != nil {
			facts[fmt.Sprintf("%d of %d", *k, n)] = true
		}
	}
	for _, f := range j.Findings {
		add(f.From.Count, f.From.N)
		add(f.To.Count, f.To.N)
	}
	for _, n := range j.NotComparable {
		if n.Present != nil {
			add(n.Present.Count, n.Present.N)
		}
	}
	for _, c := range j.Composition {
		for w, k := range c.Counts {
			add(k, c.N[w])
		}
	}
	return facts
}

// TestPublicationHostileProject is the analyst's project: every output is read, and none may
// show what findings.json does not publish, nor any count a reader could use to point at the
// one woman described above.
func TestPublicationHostileProject(t *testing.T) {
	dir := hostile{repatriated: 30, quasi: true}.write(t)
	code, _, stderr := shadowreport(t, "build", "-C", dir)
	if code != 0 {
		t.Fatalf("build exit %d:\n%s", code, stderr)
	}
	texts := outputs(t, filepath.Join(dir, "out"))
	for _, f := range []string{"report.pdf", "report.docx", "report.html", "handout-committee.pdf", "handout-delegations.pdf", "annex.xlsx", "findings.json"} {
		if texts[f] == "" {
			t.Fatalf("no %s", f)
		}
	}
	facts := publicFacts(t, texts["findings.json"])
	// every "k of n" any output shows is one findings.json publishes: no output shows what
	// another hides
	names := make([]string, 0, len(texts))
	for name := range texts {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		for _, m := range counts(texts[name]) {
			if !facts[m] {
				t.Errorf("%s shows %q, which findings.json does not publish", name, m)
			}
		}
	}
	// the woman's finding, her quote and her group
	for _, name := range names {
		text := texts[name]
		for _, bad := range []string{"1 of 40", "3 of 50", "2 of 3", "SECRET-QUESTION-TEXT", "2008-2010"} {
			if strings.Contains(text, bad) {
				t.Errorf("%s shows %q", name, bad)
			}
		}
	}
	report := texts["report.pdf"]
	for _, want := range []string{
		"Fewer than 5 of 40 women interviewed in 2017 reported: sexually assaulted by an official, compared with fewer than 5 of 50 in 2014.",
		"not shown (fewer than 5 answered)",
		"x of 40",
	} {
		if !strings.Contains(strings.Join(strings.Fields(report), " "), want) {
			t.Errorf("report.pdf lacks %q", want)
		}
	}
	// her quote describes nobody in particular: every value dropped, the sensitive one never
	// named. The other quote's profile (under 30, North Hamgyong, 2014) fits 15 women, but
	// each of its values is a partner the tables hide beside her small groups: naming them
	// would point at hers (TestAttributionGivesNoHiddenValue)
	flat := strings.Join(strings.Fields(report), " ")
	if !strings.Contains(flat, "the guard hurt me. — woman, interviewed in 2017") {
		t.Errorf("her quote's attribution is not coarsened to nothing:\n%s", around(flat, "guard hurt me"))
	}
	if !strings.Contains(flat, "children were sent home. — woman, interviewed in 2017") {
		t.Errorf("the other quote gives a value the tables hide:\n%s", around(flat, "children were sent home"))
	}
	if !strings.Contains(stderr, "interviews/2017.xlsx: the quotes of 2017 are attributed without age_band, province_group and left_period") {
		t.Errorf("the build log does not say which quote was coarsened:\n%s", stderr)
	}
	// findings.json publishes nothing the report withholds
	var j map[string]any
	if err := json.Unmarshal([]byte(texts["findings.json"]), &j); err != nil {
		t.Fatal(err)
	}
	if tr := j["trends"].([]any); len(tr) != 0 {
		t.Errorf("findings.json has trends: %v", tr)
	}
	for _, n := range j["numbers"].([]any) {
		// 3 answered: not even how many answered is published
		if to, _ := n.(map[string]any)["to"].(map[string]any); to != nil {
			t.Errorf("the summary of 3 answers is published: %v", to)
		}
	}
	if tests := j["composition_tests"].([]any); len(tests) != 0 {
		t.Errorf("a test of a table with hidden cells is published: %v", tests)
	}
	if strings.Contains(texts["findings.json"], "question") {
		t.Errorf("findings.json carries the codebook's questions")
	}
}

func around(s, what string) string {
	i := strings.Index(s, what)
	if i < 0 {
		return "(not found)"
	}
	return s[max(0, i-200):min(len(s), i+300)]
}

// TestPublicationHomogeneity: a sensitive finding that everyone, or all but a few, share
// tells whoever knows a woman was interviewed what happened to her. The build refuses unless
// an override names the code; then the count is a range.
func TestPublicationHomogeneity(t *testing.T) {
	for _, n := range []int{39, 40} {
		dir := hostile{repatriated: n, quasi: true}.write(t)
		code, _, stderr := shadowreport(t, "build", "-C", dir)
		if code != 4 {
			t.Fatalf("%d of 40: exit %d, want 4:\n%s", n, code, stderr)
		}
		if !strings.Contains(stderr, "of the 40 who answered det_repatriated (Forcibly repatriated, sensitive) said so") ||
			!strings.Contains(stderr, `rule = "l-diversity", code = "det_repatriated"`) {
			t.Errorf("%d of 40: the refusal does not name the code and the fix:\n%s", n, stderr)
		}
		if _, err := os.Stat(filepath.Join(dir, "out", "report.pdf")); err == nil {
			t.Errorf("%d of 40: a refused build wrote out/", n)
		}
	}
	h := hostile{repatriated: 39, quasi: true, toml: "[report]\ndate = 2017-10-09\ninterviewees = \"women\"\n\n[[disclosure.override]]\nrule = \"l-diversity\"\ncode = \"det_repatriated\"\nreason = \"the Committee knows every woman returned from China is detained\"\n"}
	dir := h.write(t)
	if code, _, stderr := shadowreport(t, "build", "-C", dir); code != 0 {
		t.Fatalf("with the override: exit %d:\n%s", code, stderr)
	}
	texts := outputs(t, filepath.Join(dir, "out"))
	flat := strings.Join(strings.Fields(texts["report.pdf"]), " ")
	if !strings.Contains(flat, "All but fewer than 5 of 40 women interviewed in 2017") {
		t.Errorf("the override does not publish a range:\n%s", around(flat, "epatriated"))
	}
	for name, text := range texts {
		if strings.Contains(text, "39 of 40") {
			t.Errorf("%s shows 39 of 40", name)
		}
	}
	if !strings.Contains(flat, "the Committee knows every woman returned from China is detained") {
		t.Errorf("the override's reason is not in the methodology")
	}
}

// TestPublicationNoQuasiIdentifiers: without declared quasi-identifiers nothing can be checked
// for re-identification: the public build refuses, saying how to declare them.
func TestPublicationNoQuasiIdentifiers(t *testing.T) {
	dir := hostile{repatriated: 30}.write(t)
	code, _, stderr := shadowreport(t, "build", "-C", dir)
	if code != 4 || !strings.Contains(stderr, "the codebook declares no quasi-identifier this wave holds") || !strings.Contains(stderr, "identifier = quasi") {
		t.Fatalf("exit %d, want 4 naming the fix:\n%s", code, stderr)
	}
}

// TestPublicationSourcePath: a source cell pasted with a local path names the person who
// typed it: refused.
func TestPublicationSourcePath(t *testing.T) {
	dir := hostile{repatriated: 30, quasi: true, source: `C:\Users\mjkim\Documents\2014 report.pdf, p. 8`}.write(t)
	code, _, stderr := shadowreport(t, "build", "-C", dir)
	if code != 4 || !strings.Contains(stderr, "interviews/2014.xlsx: aggregate row 2 (source): holds a file path") {
		t.Fatalf("exit %d, want 4 naming the cell:\n%s", code, stderr)
	}
	if strings.Contains(stderr, "mjkim") {
		t.Errorf("the message repeats the user name")
	}
}

// TestPublicationDates: without a date in report.toml, the outputs carry the day of the
// newest input, never the time someone last saved a workbook.
func TestPublicationDates(t *testing.T) {
	dir := hostile{repatriated: 30, quasi: true, toml: "[report]\ninterviewees = \"women\"\n"}.write(t)
	saved := time.Date(2017, 9, 14, 13, 47, 12, 0, time.UTC)
	for _, f := range []string{"interviews/2017.xlsx", "interviews/2014.xlsx", "interviews/codebook.xlsx", "report.toml"} {
		if err := os.Chtimes(filepath.Join(dir, f), saved, saved); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("SOURCE_DATE_EPOCH", "")
	if code, _, stderr := shadowreport(t, "build", "-C", dir); code != 0 {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	out := filepath.Join(dir, "out")
	pdf, err := os.ReadFile(filepath.Join(out, "report.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range regexp.MustCompile(`/(CreationDate|ModDate) \(D:(\d{14})`).FindAllSubmatch(pdf, -1) {
		if string(m[2]) != "20170914000000" {
			t.Errorf("report.pdf %s is %s, want the day only", m[1], m[2])
		}
	}
	for _, f := range []string{"report.docx", "annex.xlsx"} {
		text := docxText(t, filepath.Join(out, f))
		if strings.Contains(text, "13:47") || !strings.Contains(text, "2017-09-14T00:00:00Z") {
			t.Errorf("%s: the dates of core.xml are not the day alone:\n%s", f, around(text, "2017-09"))
		}
	}
}

// TestPublicationConfidential: --confidential marks every output, findings.json and every
// annex sheet included.
func TestPublicationConfidential(t *testing.T) {
	dir := hostile{repatriated: 30, quasi: true}.write(t)
	if code, _, stderr := shadowreport(t, "build", "-C", dir, "--confidential"); code != 0 {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	out := filepath.Join(dir, "out")
	var j struct {
		Notice       string `json:"notice"`
		Confidential bool   `json:"confidential"`
	}
	b, _ := os.ReadFile(filepath.Join(out, "findings.json"))
	if err := json.Unmarshal(b, &j); err != nil || !j.Confidential || !strings.HasPrefix(j.Notice, "CONFIDENTIAL") {
		t.Errorf("findings.json is not marked confidential: %+v %v", j, err)
	}
	f, err := excelize.OpenFile(filepath.Join(out, "annex.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, s := range f.GetSheetList() {
		rows, _ := f.GetRows(s)
		if len(rows) == 0 || !strings.Contains(strings.Join(rows[0], " "), "CONFIDENTIAL") {
			t.Errorf("annex sheet %s does not start with the confidential mark", s)
		}
	}
	for _, name := range []string{"report.pdf", "handout-committee.pdf"} {
		info := run(t, "pdfinfo", filepath.Join(out, name))
		if !strings.Contains(info, "CONFIDENTIAL") {
			t.Errorf("%s metadata is not marked:\n%s", name, info)
		}
		text := run(t, "pdftotext", filepath.Join(out, name), "-")
		if !strings.Contains(text, "Confidential — for the Committee only") {
			t.Errorf("%s pages are not marked", name)
		}
	}
	if text := docxText(t, filepath.Join(out, "report.docx")); !strings.Contains(text, "CONFIDENTIAL") {
		t.Errorf("report.docx is not marked")
	}
	if text := htmlText(t, filepath.Join(out, "report.html")); !strings.Contains(text, "Confidential — for the Committee only") || !strings.Contains(text, "CONFIDENTIAL") {
		t.Errorf("report.html is not marked")
	}
}
