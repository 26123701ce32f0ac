package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"syscall"
	"testing"
	"time"
)

// The benchmarks of the command as a user runs it: a separate process built as `make build`
// builds it, on the repository's own project (interviews/, templates/, report.toml), every
// format. They report the wall time, the processor time (user and system) and the peak
// memory of one build. BenchmarkPeer runs the peer pipeline a researcher would write
// (SHADOWREPORT_PEER names its pipeline.py; Debian's python3-openpyxl, python3-pandas,
// python3-scipy, python3-matplotlib and python3-reportlab) on the same project, alternating
// with the command, and reports how many times faster the command is.

// benchBinary builds the command into a temporary folder.
func benchBinary(b *testing.B) string {
	b.Helper()
	bin := filepath.Join(b.TempDir(), "shadowreport")
	goCmd := filepath.Join(runtime.GOROOT(), "bin", "go")
	if out, err := exec.Command(goCmd, "build", "-trimpath", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// rootProject copies the repository's own project into a new folder.
func rootProject(b *testing.B) string {
	b.Helper()
	dir := b.TempDir()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		b.Fatal(err)
	}
	if err := os.CopyFS(filepath.Join(dir, "interviews"), os.DirFS(filepath.Join(root, "interviews"))); err != nil {
		b.Fatal(err)
	}
	if err := os.CopyFS(filepath.Join(dir, "templates"), os.DirFS(filepath.Join(root, "templates"))); err != nil {
		b.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(root, "report.toml"))
	if err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "report.toml"), data, 0o644); err != nil {
		b.Fatal(err)
	}
	return dir
}

// usage is what one run of a process cost.
type usage struct {
	wall, cpu time.Duration
	rssKB     int64
}

func runProcess(b *testing.B, name string, args ...string) usage {
	b.Helper()
	cmd := exec.Command(name, args...)
	start := time.Now()
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	u := usage{wall: time.Since(start), cpu: cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		u.rssKB = ru.Maxrss
	}
	return u
}

// reportUsage reports the mean wall and processor time of the runs, and their medians: on a
// machine shared with other work, a few slow runs move the mean, not the median.
func reportUsage(b *testing.B, prefix string, us []usage) {
	var wall, cpu time.Duration
	var walls, cpus []time.Duration
	var rss int64
	for _, u := range us {
		wall += u.wall
		cpu += u.cpu
		walls, cpus = append(walls, u.wall), append(cpus, u.cpu)
		rss = max(rss, u.rssKB)
	}
	if len(us) == 0 {
		return
	}
	n := float64(len(us))
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(wall)/n, prefix+"wall-ms/op")
	b.ReportMetric(ms(cpu)/n, prefix+"cpu-ms/op")
	b.ReportMetric(ms(median(walls)), prefix+"wall-median-ms")
	b.ReportMetric(ms(median(cpus)), prefix+"cpu-median-ms")
	b.ReportMetric(float64(rss)/1024, prefix+"max-rss-MiB")
}

// median is the middle value of ds (the mean of the two middle ones for an even count).
func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	if n := len(s); n%2 == 0 {
		return (s[n/2-1] + s[n/2]) / 2
	}
	return s[len(s)/2]
}

// BenchmarkCLISample runs `shadowreport build` on the repository's project.
func BenchmarkCLISample(b *testing.B) {
	bin, dir := benchBinary(b), rootProject(b)
	runProcess(b, bin, "build", "-C", dir) // the first build writes out/ and the build's state
	var us []usage
	b.ResetTimer()
	for b.Loop() {
		us = append(us, runProcess(b, bin, "build", "-C", dir))
	}
	b.StopTimer()
	reportUsage(b, "", us)
}

// BenchmarkPeer runs the peer pipeline and the command, one after the other, on the same
// project, and reports the peer's time over the command's.
func BenchmarkPeer(b *testing.B) {
	peer := os.Getenv("SHADOWREPORT_PEER")
	if peer == "" {
		b.Skip("SHADOWREPORT_PEER does not name the peer's pipeline.py")
	}
	python := "/usr/bin/python3"
	check := exec.Command(python, "-c", "import openpyxl, pandas, scipy, matplotlib, reportlab")
	if out, err := check.CombinedOutput(); err != nil {
		b.Skipf("python3 with openpyxl, pandas, scipy, matplotlib and reportlab is not installed: %v\n%s", err, out)
	}
	bin, dir := benchBinary(b), rootProject(b)
	peerOut := b.TempDir()
	runProcess(b, bin, "build", "-C", dir)
	runProcess(b, python, peer, dir, peerOut)
	var ours, theirs []usage
	b.ResetTimer()
	for b.Loop() {
		ours = append(ours, runProcess(b, bin, "build", "-C", dir))
		theirs = append(theirs, runProcess(b, python, peer, dir, peerOut))
	}
	b.StopTimer()
	reportUsage(b, "", ours)
	reportUsage(b, "peer-", theirs)
	var a, p time.Duration
	var ratios []float64
	for i := range ours {
		a += ours[i].wall
		p += theirs[i].wall
		ratios = append(ratios, float64(theirs[i].wall)/float64(ours[i].wall))
	}
	b.ReportMetric(float64(p)/float64(a), "times-faster")
	// each run of the command beside the peer's run just after it: the median of the ratios
	slices.Sort(ratios)
	b.ReportMetric(ratios[len(ratios)/2], "times-faster-median")
}
