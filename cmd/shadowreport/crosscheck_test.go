package main

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/shadowreport/shadowreport/internal/cli"
	"github.com/shadowreport/shadowreport/internal/sample"
	"github.com/shadowreport/shadowreport/internal/xlsxfix"
)

// TestCompareAgreesWithR runs compare on the sample project and on a generated one with
// three waves (two of interviews, one of published figures) and recomputes every interval,
// p, adjusted p and verdict with R (testdata/r/crosscheck.R). R is installed by .ci/run;
// elsewhere the test is skipped when Rscript is missing.
func TestCompareAgreesWithR(t *testing.T) {
	rscript, err := exec.LookPath("Rscript")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("CI needs Rscript (r-base-core) for this test")
		}
		t.Skip("Rscript not installed")
	}
	script, _ := filepath.Abs("testdata/r/crosscheck.R")
	samp := t.TempDir()
	if err := sample.Write(samp); err != nil {
		t.Fatal(err)
	}
	gen := t.TempDir()
	writeRandomProject(t, gen, rand.New(rand.NewPCG(7, 11)))
	runs := []struct {
		dir  string
		args []string
		minN int
	}{
		{samp, nil, 10},
		{samp, []string{"--adjust", "bh", "--level", "0.9"}, 10},
		{samp, []string{"--adjust", "none", "--level", "0.99", "--min-n", "20"}, 20},
		{gen, nil, 10},
		{gen, []string{"--from", "2011", "--to", "2017", "--adjust", "bh"}, 10},
		{gen, []string{"--from", "2011", "--to", "2014", "--min-n", "1"}, 1},
	}
	for i, r := range runs {
		out := filepath.Join(t.TempDir(), "findings.csv")
		args := append([]string{"compare", "-C", r.dir, "--format", "csv", "-o", out}, r.args...)
		var stderr bytes.Buffer
		if code := cli.Execute(args, &bytes.Buffer{}, &stderr); code != 0 {
			t.Fatalf("run %d: exit %d: %s", i, code, stderr.String())
		}
		cmd := exec.Command(rscript, script, out, strconv.Itoa(r.minN))
		msg, err := cmd.CombinedOutput()
		if err != nil {
			t.Errorf("run %d (%v): R disagrees:\n%s", i, r.args, msg)
			continue
		}
		t.Logf("run %d (%v): %s", i, r.args, bytes.TrimSpace(msg))
	}
}

// writeRandomProject writes 12 yes/no and 3 category codes over three waves: 2011 and 2017
// as interviews of random size (some below min-n), 2014 as published counts.
func writeRandomProject(t *testing.T, dir string, rng *rand.Rand) {
	t.Helper()
	cb := [][]string{{"code", "label", "type", "values", "theme", "direction"}}
	dirs := []string{"worse_if_higher", "better_if_higher", "neutral"}
	var codes []string
	for i := 0; i < 12; i++ {
		c := fmt.Sprintf("q%02d", i)
		codes = append(codes, c)
		cb = append(cb, []string{c, "Question " + c, "yesno", "", "theme" + strconv.Itoa(i%3), dirs[i%3]})
	}
	cats := []string{"red", "green", "blue"}
	for i := 0; i < 3; i++ {
		c := fmt.Sprintf("c%02d", i)
		codes = append(codes, c)
		cb = append(cb, []string{c, "Choice " + c, "category", "red;green;blue", "theme" + strconv.Itoa(i), dirs[i%3]})
	}
	if err := xlsxfix.Write(filepath.Join(dir, "interviews", "codebook.xlsx"), xlsxfix.Sheet{Name: "codebook", Rows: cb}); err != nil {
		t.Fatal(err)
	}
	interviews := func(name string, people int, bias float64) {
		rows := [][]string{append([]string{"id", "consent"}, codes...)}
		for p := 0; p < people; p++ {
			row := []string{fmt.Sprintf("%s-%03d", name, p), "aggregate"}
			for i, c := range codes {
				v := ""
				switch {
				case rng.Float64() < 0.08: // missing
				case rng.Float64() < 0.05:
					v = "n/a"
				case c[0] == 'q':
					v = "no"
					if rng.Float64() < bias*float64(i+1)/12 {
						v = "yes"
					}
				default:
					v = cats[rng.IntN(3)]
				}
				row = append(row, v)
			}
			rows = append(rows, row)
		}
		if err := xlsxfix.Write(filepath.Join(dir, "interviews", name+".xlsx"), xlsxfix.Sheet{Name: "interviews", Rows: rows}); err != nil {
			t.Fatal(err)
		}
	}
	interviews("2011", 60, 0.4)
	interviews("2017", 45, 0.9)
	agg := [][]string{{"code", "value", "n", "count"}}
	for _, c := range codes {
		n := 5 + rng.IntN(80) // some bases below min-n
		if c[0] == 'q' {
			agg = append(agg, []string{c, "", strconv.Itoa(n), strconv.Itoa(rng.IntN(n + 1))})
			continue
		}
		left := n
		for _, v := range cats {
			k := rng.IntN(left + 1)
			left -= k
			agg = append(agg, []string{c, v, strconv.Itoa(n), strconv.Itoa(k)})
		}
	}
	if err := xlsxfix.Write(filepath.Join(dir, "interviews", "2014.xlsx"), xlsxfix.Sheet{Name: "aggregate", Rows: agg}); err != nil {
		t.Fatal(err)
	}
}
