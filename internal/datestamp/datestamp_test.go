package datestamp

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func env(v string) func(string) string {
	return func(k string) string {
		if k == "SOURCE_DATE_EPOCH" {
			return v
		}
		return ""
	}
}

func TestDay(t *testing.T) {
	dir := t.TempDir()
	old := filepath.Join(dir, "a.xlsx")
	sub := filepath.Join(dir, "interviews")
	recent := filepath.Join(sub, "b.xlsx")
	os.Mkdir(sub, 0o755)
	for _, f := range []string{old, recent} {
		if err := os.WriteFile(f, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// 2021-03-04 17:45:12 UTC: the time of day must not reach an output
	late := time.Date(2021, 3, 4, 17, 45, 12, 0, time.UTC)
	os.Chtimes(old, late.AddDate(-1, 0, 0), late.AddDate(-1, 0, 0))
	os.Chtimes(recent, late, late)
	fixed := time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC)
	for _, c := range []struct {
		name string
		rule Rule
		want time.Time
		from string
	}{
		// 1700000000 is 2023-11-14 22:13:20 UTC
		{"the submission's date first", Rule{Getenv: env("1700000000"), Fixed: fixed, Inputs: []string{dir}}, time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), "report.toml"},
		{"epoch before the inputs", Rule{Getenv: env("1700000000"), Inputs: []string{dir}}, time.Date(2023, 11, 14, 0, 0, 0, 0, time.UTC), "SOURCE_DATE_EPOCH"},
		{"epoch not a number", Rule{Getenv: env("yesterday"), Fixed: fixed}, time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), "report.toml"},
		{"epoch before 1980", Rule{Getenv: env("0"), Inputs: []string{dir}}, time.Date(2021, 3, 4, 0, 0, 0, 0, time.UTC), "the newest input file"},
		{"epoch after 2100", Rule{Getenv: env("99999999999")}, Fallback, "fixed: no input had a date"},
		{"newest file in a folder", Rule{Getenv: env(""), Inputs: []string{old, dir}}, time.Date(2021, 3, 4, 0, 0, 0, 0, time.UTC), "the newest input file"},
		{"missing input", Rule{Getenv: env(""), Inputs: []string{filepath.Join(dir, "gone")}}, Fallback, "fixed: no input had a date"},
	} {
		got, from := c.rule.Day()
		if !got.Equal(c.want) || from != c.from || got.Location() != time.UTC {
			t.Errorf("%s: %v from %q, want %v from %q", c.name, got, from, c.want, c.from)
		}
		if h, m, s := got.Clock(); h+m+s != 0 {
			t.Errorf("%s: a time of day %v", c.name, got)
		}
	}
}
