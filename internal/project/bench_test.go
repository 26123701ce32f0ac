package project

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"
)

// The benchmark project: one wave of 20,000 interviewees × 200 codes (150 yes/no,
// 40 categories of 5 values, 10 numbers), as the foundation issue asks.
const (
	benchPeople = 20_000
	benchYesNo  = 150
	benchCat    = 40
	benchNum    = 10
)

var (
	benchOnce sync.Once
	benchDir  string
	benchErr  error
)

// benchProject writes the project once per process (SHADOWREPORT_BENCH_DIR keeps it for
// measuring the command line: /usr/bin/time -v shadowreport check -C that-dir).
func benchProject(b *testing.B) string {
	benchOnce.Do(func() {
		benchDir = os.Getenv("SHADOWREPORT_BENCH_DIR")
		if benchDir == "" {
			benchDir, benchErr = os.MkdirTemp("", "shadowreport-bench-")
			if benchErr != nil {
				return
			}
		}
		benchErr = writeBenchProject(benchDir)
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchDir
}

func writeBenchProject(dir string) error {
	if err := os.MkdirAll(filepath.Join(dir, InterviewsDir), 0o755); err != nil {
		return err
	}
	cb := excelize.NewFile()
	defer cb.Close()
	cb.SetSheetName("Sheet1", "codebook")
	cb.SetSheetRow("codebook", "A1", &[]any{"code", "label", "type", "values", "theme"})
	var header []any
	header = append(header, "id", "consent")
	row := 2
	add := func(code, typ, values string) {
		cb.SetSheetRow("codebook", fmt.Sprintf("A%d", row), &[]any{code, "Label of " + code, typ, values, fmt.Sprintf("theme%d", row%12)})
		header = append(header, code)
		row++
	}
	for i := 0; i < benchYesNo; i++ {
		add(fmt.Sprintf("yn%03d", i), "yesno", "")
	}
	for i := 0; i < benchCat; i++ {
		add(fmt.Sprintf("cat%03d", i), "category", "alpha;beta;gamma;delta;epsilon")
	}
	for i := 0; i < benchNum; i++ {
		add(fmt.Sprintf("num%03d", i), "number", "")
	}
	if err := cb.SaveAs(filepath.Join(dir, InterviewsDir, CodebookFile)); err != nil {
		return err
	}
	w := excelize.NewFile()
	defer w.Close()
	w.SetSheetName("Sheet1", "interviews")
	sw, err := w.NewStreamWriter("interviews")
	if err != nil {
		return err
	}
	if err := sw.SetRow("A1", header); err != nil {
		return err
	}
	cats := []string{"alpha", "beta", "gamma", "delta", "epsilon"}
	yn := []string{"yes", "no", "Yes", "", "n/a", "no"}
	consent := []string{"quote", "aggregate", "aggregate", "withdrawn"}
	cells := make([]any, len(header))
	for p := 0; p < benchPeople; p++ {
		cells[0] = fmt.Sprintf("P%05d", p)
		cells[1] = consent[p%len(consent)]
		c := 2
		for i := 0; i < benchYesNo; i++ {
			cells[c] = yn[(p*7+i*3)%len(yn)]
			c++
		}
		for i := 0; i < benchCat; i++ {
			cells[c] = cats[(p+i)%len(cats)]
			c++
		}
		for i := 0; i < benchNum; i++ {
			cells[c] = (p + i) % 9
			c++
		}
		cell, _ := excelize.CoordinatesToCellName(1, p+2)
		if err := sw.SetRow(cell, cells); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return w.SaveAs(filepath.Join(dir, InterviewsDir, "2017.xlsx"))
}

// BenchmarkExcelizeRows is the baseline: excelize's own Rows iterator over the wave,
// reading every cell's raw value and nothing more.
func BenchmarkExcelizeRows(b *testing.B) {
	path := filepath.Join(benchProject(b), InterviewsDir, "2017.xlsx")
	b.ResetTimer()
	for b.Loop() {
		f, err := excelize.OpenFile(path, excelize.Options{UnzipSizeLimit: 1 << 30, UnzipXMLSizeLimit: 16 << 20})
		if err != nil {
			b.Fatal(err)
		}
		rows, err := f.Rows("interviews")
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for rows.Next() {
			cols, err := rows.Columns(excelize.Options{RawCellValue: true})
			if err != nil {
				b.Fatal(err)
			}
			n += len(cols)
		}
		if err := rows.Error(); err != nil {
			b.Fatal(err)
		}
		rows.Close()
		f.Close()
		if n < benchPeople*200 {
			b.Fatalf("read %d cells", n)
		}
	}
}

// BenchmarkLoad is ours: open, read, validate and store every answer of the project.
// live-MB is the heap the loaded project holds after a collection.
func BenchmarkLoad(b *testing.B) {
	dir := benchProject(b)
	b.ResetTimer()
	var p *Project
	for b.Loop() {
		var diags interface{ HasErrors() bool }
		var err error
		p, diagList, err := Load(dir, Options{})
		if err != nil {
			b.Fatal(err)
		}
		diags = diagList
		if diags.HasErrors() || len(p.Waves) != 1 || p.Waves[0].Counted() != benchPeople*3/4 {
			b.Fatalf("load went wrong: %v", diagList.Items()[:1])
		}
	}
	b.StopTimer()
	p, _, _ = Load(dir, Options{})
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "live-MB")
	runtime.KeepAlive(p)
}
