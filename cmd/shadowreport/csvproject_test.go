package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/shadowreport/shadowreport/internal/xlsxfix"
)

// womenTOML is the report.toml of the small hostile projects: women, dated 2017-10-09.
const womenTOML = "[report]\ninterviewees = \"women\"\ndate = 2017-10-09\n"

// writeBooks writes each workbook of interviews/ in dir from its sheets, each given as its name
// and its cells in CSV (the syntax of xlsxfix.ParseCSV).
func writeBooks(t *testing.T, dir string, books map[string][][2]string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Join(dir, "interviews"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, ss := range books {
		var sheets []xlsxfix.Sheet
		for _, s := range ss {
			sh, err := xlsxfix.ParseCSV(s[0], s[1])
			if err != nil {
				t.Fatal(err)
			}
			sheets = append(sheets, sh)
		}
		if err := xlsxfix.Write(filepath.Join(dir, "interviews", name), sheets...); err != nil {
			t.Fatal(err)
		}
	}
}

// writeProject writes a project into dir: its codebook, the 2014 wave as published figures (agg)
// and the 2017 wave (its sheets), each in CSV, and womenTOML as report.toml.
func writeProject(t *testing.T, dir, codebook, agg string, wave ...[2]string) {
	t.Helper()
	writeBooks(t, dir, map[string][][2]string{
		"codebook.xlsx": {{"codebook", codebook}},
		"2014.xlsx":     {{"aggregate", agg}},
		"2017.xlsx":     wave,
	})
	writeFile(t, filepath.Join(dir, "report.toml"), []byte(womenTOML))
}
