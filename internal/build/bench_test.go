package build

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/shadowreport/shadowreport/internal/project"
	"github.com/shadowreport/shadowreport/internal/sample"
	"github.com/shadowreport/shadowreport/internal/xlsxfix"
)

func load(b *testing.B, dir string) *project.Project {
	p, diags, err := project.Load(dir, project.Options{})
	if err != nil || diags.HasErrors() {
		b.Fatalf("load: %v %v", err, diags.Items())
	}
	return p
}

func benchBuild(b *testing.B, dir string) {
	p := load(b, dir)
	created := time.Date(2017, 10, 9, 0, 0, 0, 0, time.UTC)
	var pages int
	b.ResetTimer()
	for b.Loop() {
		res, err := Build(p, Options{Created: created})
		if err != nil {
			b.Fatal(err)
		}
		pages = res.Pages["report.pdf"]
	}
	b.ReportMetric(float64(pages), "report-pages")
}

// BenchmarkBuildSample builds the synthetic sample: compare, assemble, render, publish.
func BenchmarkBuildSample(b *testing.B) {
	dir := b.TempDir()
	if err := sample.WriteProject(dir); err != nil {
		b.Fatal(err)
	}
	benchBuild(b, dir)
}

// BenchmarkBuildLarge builds a generated project of 200 codes in 12 themes over two waves of
// 400 interviewees: a report of 60 pages and more. SHADOWREPORT_BENCH_BUILD_DIR keeps the project
// for measuring the command (/usr/bin/time -v shadowreport build -C DIR).
func BenchmarkBuildLarge(b *testing.B) {
	dir := os.Getenv("SHADOWREPORT_BENCH_BUILD_DIR")
	if dir == "" {
		dir = b.TempDir()
	}
	if err := writeLarge(dir); err != nil {
		b.Fatal(err)
	}
	benchBuild(b, dir)
}

func writeLarge(dir string) error {
	cb := [][]string{{"code", "label", "type", "values", "theme", "article", "direction", "identifier"}}
	cb = append(cb, []string{"age", "Age band", "category", "under 30;30-39;40 and over", "profile", "", "", "quasi"})
	var codes []string
	for i := 0; i < 200; i++ {
		code := fmt.Sprintf("q%03d", i)
		codes = append(codes, code)
		typ, values := "yesno", ""
		if i%10 == 9 {
			typ, values = "category", "low;middle;high"
		}
		dirn := []string{"worse_if_higher", "better_if_higher", "neutral"}[i%3]
		cb = append(cb, []string{code, fmt.Sprintf("Generated finding number %d about theme %d", i, i%12), typ, values,
			fmt.Sprintf("theme %02d", i%12), fmt.Sprintf("CEDAW art. %d", 1+i%16), dirn, ""})
	}
	if err := xlsxfix.Write(filepath.Join(dir, "interviews", "codebook.xlsx"), xlsxfix.Sheet{Name: "codebook", Rows: cb}); err != nil {
		return err
	}
	for w, name := range []string{"2014", "2017"} {
		rows := [][]string{append([]string{"id", "consent", "age"}, codes...)}
		for p := 0; p < 400; p++ {
			row := []string{fmt.Sprintf("P%s-%03d", name, p), "aggregate", []string{"under 30", "30-39", "40 and over"}[p%3]}
			for i := range codes {
				switch {
				case i%10 == 9:
					row = append(row, []string{"low", "middle", "high"}[(p+i+w)%3])
				case (p*7+i*13+w*p)%10 < 3+i%5:
					row = append(row, "yes")
				default:
					row = append(row, "no")
				}
			}
			rows = append(rows, row)
		}
		if err := xlsxfix.Write(filepath.Join(dir, "interviews", name+".xlsx"), xlsxfix.Sheet{Name: "interviews", Rows: rows}); err != nil {
			return err
		}
	}
	return nil
}
