package project

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/shadowreport/shadowreport/internal/diag"
	"github.com/shadowreport/shadowreport/internal/xlsxfix"
)

var testCodebook = xlsxfix.Sheet{Name: "codebook", Rows: [][]string{
	{"code", "label", "type", "values", "identifier"},
	{"paid", "Paid fees", "yesno", "", ""},
	{"labour", "Mobilised for labour", "yesno", "", ""},
	{"age", "Age", "category", "under 40;40+", "quasi"},
}}

var testWave = xlsxfix.Sheet{Name: "interviews", Rows: [][]string{
	{"id", "consent", "paid", "labour", "age"},
	{"A", "quote", "yes", "no", "under 40"},
}}

// project writes a project with the codebook and the named waves.
func project(t *testing.T, waves map[string]xlsxfix.Sheet) string {
	t.Helper()
	dir := t.TempDir()
	if err := xlsxfix.Write(filepath.Join(dir, "interviews", "codebook.xlsx"), testCodebook); err != nil {
		t.Fatal(err)
	}
	for name, sheet := range waves {
		if err := xlsxfix.Write(filepath.Join(dir, "interviews", name), sheet); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func messages(diags *diag.List) string {
	var b strings.Builder
	for _, d := range diags.Items() {
		b.WriteString(d.String() + "\n")
	}
	return b.String()
}

// A wave's file name is printed in the report: only plain names are loaded.
func TestWaveNames(t *testing.T) {
	dir := project(t, map[string]xlsxfix.Sheet{
		"2014.xlsx":                           testWave,
		"2017 - Copy.xlsx":                    testWave,
		"2017 Hanawon interviews MJ Kim.xlsx": testWave,
		"2019 (1).xlsx":                       testWave,
		"2020_backup.xlsx":                    testWave,
		"2014.old.xlsx":                       testWave,
		"2021\n# Heading.xlsx":                testWave,
		"wave-2_b.xlsx":                       testWave,
		"2022년.xlsx":                          testWave,
	})
	p, diags, err := Load(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, w := range p.Waves {
		names = append(names, w.Name)
	}
	if got := strings.Join(names, ","); got != "2014,2022년,wave-2_b" {
		t.Errorf("waves %s, want 2014,2022년,wave-2_b", got)
	}
	out := messages(diags)
	for _, want := range []string{
		"error: interviews/2017 - Copy.xlsx: this looks like a copy of a wave and is not read: move it out of interviews/ (if it is a wave of its own, rename it to 2017.xlsx;",
		"error: interviews/2017 Hanawon interviews MJ Kim.xlsx: the file name is not a plain wave name and the wave is not read: a wave's name is its file name and is printed in the report, so it may hold only letters, digits, - and _ (e.g. 2017.xlsx); rename it to 2017.xlsx",
		"error: interviews/2019 (1).xlsx: this looks like a copy",
		"error: interviews/2020_backup.xlsx: this looks like a copy",
		"error: interviews/2014.old.xlsx: the file name is not a plain wave name and the wave is not read: a wave's name is its file name and is printed in the report, so it may hold only letters, digits, - and _ (e.g. 2017.xlsx); rename it to 2014_old.xlsx",
		`error: interviews/2021\n# Heading.xlsx: the file name is not a plain wave name`,
		"rename it to 2021.xlsx",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in:\n%s", want, out)
		}
	}
	if n := diags.Count(diag.Error); n != 6 {
		t.Errorf("%d errors, want 6:\n%s", n, out)
	}
}

func TestSuggestWaveName(t *testing.T) {
	taken := map[string]bool{"2017": true}
	for _, tt := range []struct{ in, want string }{
		{"2017 Hanawon interviews MJ Kim", "2017_Hanawon_interviews_MJ_Kim"}, // 2017 is taken
		{"2018 Hanawon interviews", "2018"},
		{"wave two", "wave_two"},
		{"2017 - Copy", "2017_2"},
		{"2017 (1)", "2017_2"},
		{"Copy of wave A", "of_wave_A"},
		{"  ", "wave_2"},
		{"###", "wave_2"},
		{"2017", "2017_2"},
		{strings.Repeat("a", 60), strings.Repeat("a", MaxWaveName-3)},
	} {
		if got := suggestWaveName(tt.in, taken); got != tt.want {
			t.Errorf("suggestWaveName(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := suggestWaveName(tt.in, taken); !plainName(got) {
			t.Errorf("suggestWaveName(%q) = %q is not a plain name", tt.in, got)
		}
	}
}

// Links and special files in interviews/ are refused without being opened: a link could lead
// out of the project, a named pipe would block forever.
func TestNotRegularFiles(t *testing.T) {
	dir := project(t, map[string]xlsxfix.Sheet{"2014.xlsx": testWave})
	outside := filepath.Join(t.TempDir(), "secret.xlsx")
	if err := xlsxfix.Write(outside, testWave); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "interviews", "2017.xlsx")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "interviews", "2020.xlsx"), 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "report.toml"), 0o644); err != nil {
		t.Fatal(err)
	}
	p, diags, err := Load(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Waves) != 1 || p.Waves[0].Name != "2014" {
		t.Errorf("waves %v, want 2014 alone", p.Waves)
	}
	out := messages(diags)
	for _, want := range []string{
		"error: interviews/2017.xlsx: is a symbolic link, not a file: shadowreport reads only files kept in interviews/ itself and does not follow links",
		"error: interviews/2020.xlsx: is a named pipe, not a file",
		"error: report.toml: is a named pipe, not a file",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in:\n%s", want, out)
		}
	}
}

// A codebook that cannot be read comes first, and its consequences are counted, not listed.
func TestCodebookRootCause(t *testing.T) {
	dir := project(t, map[string]xlsxfix.Sheet{"2014.xlsx": testWave})
	if err := os.WriteFile(filepath.Join(dir, "interviews", "codebook.xlsx"), []byte("not a workbook"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, diags, err := Load(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	items := diags.Items()
	if len(items) == 0 || items[0].File != "interviews/codebook.xlsx" || items[0].Rule != "file.open" {
		t.Fatalf("first diagnostic %v, want the codebook's", items)
	}
	out := messages(diags)
	if strings.Contains(out, "is not a code of the codebook") {
		t.Errorf("consequences listed:\n%s", out)
	}
	if !strings.Contains(out, "the codebook could not be read, so the waves' 3 problems about codes (unknown columns, quotes and figures) are not listed: fix the codebook first") {
		t.Errorf("no count of the consequences:\n%s", out)
	}
}

// A code another wave has but this one lacks is named; a code no wave has is only "unused".
func TestCodeAbsentFromWave(t *testing.T) {
	without := xlsxfix.Sheet{Name: "interviews", Rows: [][]string{
		{"id", "consent", "paid", "age"},
		{"A", "quote", "yes", "40+"},
	}}
	dir := project(t, map[string]xlsxfix.Sheet{"2014.xlsx": testWave, "2017.xlsx": without})
	_, diags, err := Load(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := `warning: interviews/2017.xlsx: sheet "interviews": code labour is in the codebook but not in this sheet of interviews/2017.xlsx: the report will say it was not asked in 2017; add a column labour if it was`
	if out := messages(diags); !strings.Contains(out, want) || strings.Count(out, "labour") != 2 {
		t.Errorf("want %q once in:\n%s", want, out)
	}

	dir = project(t, map[string]xlsxfix.Sheet{"2017.xlsx": without})
	_, diags, _ = Load(dir, Options{})
	if out := messages(diags); strings.Contains(out, "code.absent") || !strings.Contains(out, "code labour is used by no wave") || strings.Contains(out, "not in this sheet") {
		t.Errorf("one wave without labour:\n%s", out)
	}
}
