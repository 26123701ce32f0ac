package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/shadowreport/shadowreport/internal/cli"
	"github.com/shadowreport/shadowreport/internal/sample"
	"github.com/shadowreport/shadowreport/internal/sample/sampletest"
)

// tool returns the path of a PDF tool; CI must have it (.ci/run installs poppler-utils and qpdf).
func tool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI needs %s", name)
		}
		t.Skipf("%s not installed", name)
	}
	return p
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(tool(t, name), args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	return string(out)
}

// sampleProject writes the sample project (workbooks, report.toml, no templates: the built-in
// ones apply) into a new folder.
func sampleProject(t *testing.T) string {
	t.Helper()
	return sampletest.Dir(t)
}

func shadowreport(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var o, e bytes.Buffer
	code = cli.Execute(args, &o, &e)
	return code, o.String(), e.String()
}

// TestBuildSample checks the built report with the real tools a reviewer would use.
func TestBuildSample(t *testing.T) {
	dir := sampleProject(t)
	t.Setenv("SOURCE_DATE_EPOCH", "1507507200") // 9 October 2017
	if code, _, stderr := shadowreport(t, "build", "-C", dir); code != 0 {
		t.Fatalf("build exit %d: %s", code, stderr)
	}
	out := filepath.Join(dir, "out")
	for _, f := range []string{"report.pdf", "handout-committee.pdf", "handout-delegations.pdf"} {
		path := filepath.Join(out, f)
		run(t, "qpdf", "--check", path)
		info := run(t, "pdfinfo", path)
		pages := regexp.MustCompile(`Pages:\s+(\d+)`).FindStringSubmatch(info)
		if pages == nil {
			t.Fatalf("%s: no page count in pdfinfo", f)
		}
		n, _ := strconv.Atoi(pages[1])
		switch {
		case f == "report.pdf" && (n < 10 || n > 25):
			t.Errorf("report.pdf has %d pages; the sample should give a report of 10–20 pages", n)
		case f != "report.pdf" && n != 1:
			t.Errorf("%s has %d pages; its budget is 1", f, n)
		}
		if !strings.Contains(info, "A4") {
			t.Errorf("%s is not A4:\n%s", f, info)
		}
		fonts := run(t, "pdffonts", path)
		for _, line := range strings.Split(fonts, "\n")[2:] {
			if f := strings.Fields(line); len(f) >= 7 && f[len(f)-5] != "yes" {
				t.Errorf("%s: a font is not embedded: %s", path, line)
			}
		}
		if !strings.Contains(run(t, "pdftotext", path, "-"), "SYNTHETIC") {
			t.Errorf("%s does not say it was built from synthetic data", f)
		}
	}
	text := run(t, "pdftotext", filepath.Join(out, "report.pdf"), "-")
	flat := strings.Join(strings.Fields(text), " ")
	for _, want := range []string{
		"28 of 40 women interviewed in 2017 (70%, 95% CI 55–82%) said they had paid informal school fees, compared with 31 of 50 in 2014 (62%, 95% CI 48–74%).",
		"학교에 돈을 내지 못하면 아이들이 수업에서 쫓겨났습니다.",
		"Neither group of interviewees was randomly selected",
		"Submitted to the Committee on the Elimination of Discrimination against Women",
		"This submission may be published",
		"page 2 of",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("report.pdf lacks %q", want)
		}
	}
	// quotes that must never be published: unreviewed, aggregate consent, withdrawn
	for _, q := range sampleUnpublishable(t) {
		if strings.Contains(flat, q) {
			t.Errorf("report.pdf publishes a quote it must not: %q", q)
		}
	}
	for _, id := range []string{"W17-0", "W17-1"} {
		if strings.Contains(flat, id) {
			t.Errorf("report.pdf names an interviewee id (%s…)", id)
		}
	}
	for _, bad := range []string{dir, os.Getenv("USER"), hostname()} {
		if bad == "" {
			continue
		}
		for _, f := range []string{"report.pdf", "report.docx", "annex.xlsx", "findings.json"} {
			b, _ := os.ReadFile(filepath.Join(out, f))
			if bytes.Contains(b, []byte(bad)) {
				t.Errorf("%s holds %q (a local path, user or host)", f, bad)
			}
		}
	}
	for _, f := range []string{"report.pdf", "report.docx", "annex.xlsx", "findings.json"} {
		st, err := os.Stat(filepath.Join(out, f))
		if err != nil || st.Mode().Perm() != 0o644 {
			t.Errorf("%s: mode %v, want 0644 (%v)", f, st.Mode().Perm(), err)
		}
	}
}

func hostname() string {
	h, _ := os.Hostname()
	if len(h) < 4 {
		return ""
	}
	return h
}

// sampleUnpublishable returns the sample's quotes that must never be published, by the
// design documented in internal/sample: W17-013's is not reviewed, W17-003 consented to be
// counted only, W17-017 withdrew.
func sampleUnpublishable(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, q := range sample.Quotes() {
		switch q[0] {
		case "W17-013", "W17-003", "W17-017":
			out = append(out, q[2])
		}
	}
	if len(out) != 3 {
		t.Fatalf("the sample's unpublishable quotes changed: found %d of 3", len(out))
	}
	return out
}

// TestBuildDeterministic builds twice and compares every byte.
func TestBuildDeterministic(t *testing.T) {
	dir := sampleProject(t)
	t.Setenv("SOURCE_DATE_EPOCH", "1507507200")
	read := func() map[string][]byte {
		if code, _, stderr := shadowreport(t, "build", "-C", dir); code != 0 {
			t.Fatalf("build: %s", stderr)
		}
		files := map[string][]byte{}
		entries, _ := os.ReadDir(filepath.Join(dir, "out"))
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), ".") {
				continue // out/.lock
			}
			b, _ := os.ReadFile(filepath.Join(dir, "out", e.Name()))
			files[e.Name()] = b
		}
		return files
	}
	first, second := read(), read()
	if len(first) != 9 {
		t.Errorf("out/ holds %d files, want 9", len(first))
	}
	for name, b := range first {
		if !bytes.Equal(b, second[name]) {
			t.Errorf("%s differs between two builds of the same inputs", name)
		}
	}
}

// TestBuildConfidential: --confidential marks the cover and every page.
func TestBuildConfidential(t *testing.T) {
	dir := sampleProject(t)
	if code, _, stderr := shadowreport(t, "build", "-C", dir, "--confidential"); code != 0 {
		t.Fatalf("build: %s", stderr)
	}
	text := run(t, "pdftotext", filepath.Join(dir, "out", "report.pdf"), "-")
	pages := strings.Split(text, "\f")
	if len(pages) > 0 && strings.TrimSpace(pages[len(pages)-1]) == "" {
		pages = pages[:len(pages)-1]
	}
	if !strings.Contains(pages[0], "CONFIDENTIAL") {
		t.Errorf("the cover does not say it is confidential")
	}
	if strings.Contains(text, "may be published") {
		t.Errorf("a confidential report says it may be published")
	}
	for i, p := range pages[1:] {
		if !strings.Contains(p, "Confidential — for the Committee only") {
			t.Errorf("page %d lacks the confidential mark", i+2)
		}
	}
}
