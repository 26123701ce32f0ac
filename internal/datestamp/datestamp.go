// Package datestamp decides the one date every output carries: the day, at midnight UTC,
// never a time of day (a time of day would tell when someone last edited a workbook), so that
// the same inputs give the same bytes.
package datestamp

import (
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// Fallback is the day of outputs whose inputs carry no date at all.
var Fallback = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// maxEntries bounds the files looked at in the input folders.
const maxEntries = 100_000

// Rule is where a date comes from, in order:
//
//  1. the date the project sets (report.toml's date: the submission's date), when Fixed is not
//     zero;
//  2. SOURCE_DATE_EPOCH (the reproducible-builds convention), its day, when it is a number of
//     seconds between 1980 and 2100;
//  3. the day of the newest file among Inputs (files, and the files of folders, down to any
//     depth, at most 100,000 looked at);
//  4. Fallback.
type Rule struct {
	Getenv func(string) string // os.Getenv when nil
	Fixed  time.Time
	Inputs []string
}

// Day applies the rule: the day and a few words saying where it came from
// ("report.toml", "SOURCE_DATE_EPOCH", "the newest input file", "fixed: no input had a date").
func (r Rule) Day() (time.Time, string) {
	getenv := r.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	if !r.Fixed.IsZero() {
		return day(r.Fixed), "report.toml"
	}
	if s := getenv("SOURCE_DATE_EPOCH"); s != "" {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil && n >= 315532800 && n < 4102444800 {
			return day(time.Unix(n, 0)), "SOURCE_DATE_EPOCH"
		}
	}
	if t := newest(r.Inputs); !t.IsZero() {
		return day(t), "the newest input file"
	}
	return Fallback, "fixed: no input had a date"
}

func day(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func newest(paths []string) time.Time {
	var out time.Time
	seen := 0
	consider := func(fi fs.FileInfo) {
		if fi.Mode().IsRegular() && fi.ModTime().After(out) {
			out = fi.ModTime()
		}
	}
	for _, p := range paths {
		filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if seen++; seen > maxEntries {
				return filepath.SkipAll
			}
			if fi, err := d.Info(); err == nil {
				consider(fi)
			}
			return nil
		})
	}
	return out
}
