package sample

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/xuri/excelize/v2"
)

var files = []string{"codebook.xlsx", "2014.xlsx", "2017.xlsx"}

func TestWriteIsDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for _, dir := range []string{a, b, b} { // b twice: overwriting works too
		if err := Write(dir); err != nil {
			t.Fatal(err)
		}
	}
	for _, dir := range []string{a, b} {
		entries, err := os.ReadDir(filepath.Join(dir, "interviews"))
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		if want := []string{"2014.xlsx", "2017.xlsx", "codebook.xlsx"}; !slices.Equal(names, want) {
			t.Errorf("%s/interviews holds %v, want exactly %v (no temp files)", dir, names, want)
		}
	}
	for _, name := range files {
		pa, pb := filepath.Join(a, "interviews", name), filepath.Join(b, "interviews", name)
		ba, err := os.ReadFile(pa)
		if err != nil {
			t.Fatal(err)
		}
		bb, err := os.ReadFile(pb)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(ba, bb) {
			t.Errorf("%s differs between two runs", name)
		}
		fi, err := os.Stat(pa)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o644 {
			t.Errorf("%s has mode %v, want 0644", name, fi.Mode().Perm())
		}
	}
}

func TestWorkbooksSaySynthetic(t *testing.T) {
	dir := written(t)
	for _, name := range files {
		f := open(t, dir, name)
		sheets := f.GetSheetList()
		if i := slices.Index(sheets, "about"); i != 0 && i != len(sheets)-1 {
			t.Errorf("%s: sheet about is at position %d of %v, want first or last", name, i, sheets)
		}
		if visible, err := f.GetSheetVisible("about"); err != nil || !visible {
			t.Errorf("%s: sheet about is not visible (%v)", name, err)
		}
		a1, err := f.GetCellValue("about", "A1")
		if err != nil || !strings.Contains(a1, "SYNTHETIC DATA") || !strings.Contains(a1, "Not real testimony") {
			t.Errorf("%s: about!A1 = %q, %v; want the synthetic-data warning", name, a1, err)
		}
		// the about sheet speaks to the researcher who opens the file: what to do with it and
		// where to read more, never how the sample is made
		rows, err := f.GetRows("about")
		if err != nil {
			t.Fatal(err)
		}
		var about []string
		for _, r := range rows {
			about = append(about, strings.Join(r, " "))
		}
		text := strings.Join(about, "\n")
		for _, bad := range []string{"generator", "mksample", "cmd/", "source repository", "go run", "make sample"} {
			if strings.Contains(strings.ToLower(text), bad) {
				t.Errorf("%s: the about sheet speaks of %q:\n%s", name, bad, text)
			}
		}
		if !strings.Contains(text, "Make it yours:") || !strings.Contains(text, "shadowreport help workbooks") {
			t.Errorf("%s: the about sheet does not say what to do with the file and where to read more:\n%s", name, text)
		}
		props, err := f.GetDocProps()
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(strings.ToLower(props.Title), "synthetic") ||
			!strings.Contains(props.Description, "SYNTHETIC DATA") {
			t.Errorf("%s: title %q, description %q do not say synthetic", name, props.Title, props.Description)
		}
		if props.Created != "2017-09-01T00:00:00Z" || props.Modified != "2017-09-01T00:00:00Z" {
			t.Errorf("%s: created %q, modified %q, want the fixed date", name, props.Created, props.Modified)
		}
	}
}

func TestCodebook(t *testing.T) {
	cb := loadCodebook(t, written(t))
	if len(cb.codes) < 20 {
		t.Errorf("%d codes, want about 25", len(cb.codes))
	}
	codeRE := regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
	var quasi []string
	for _, c := range cb.order {
		e := cb.codes[c]
		if !codeRE.MatchString(c) {
			t.Errorf("code %q does not match [a-z][a-z0-9_]*", c)
		}
		if e["label"] == "" || e["label_ko"] == "" || e["question"] == "" {
			t.Errorf("%s: label, label_ko and question are all required in the sample", c)
		}
		switch e["type"] {
		case "yesno", "number", "text":
			if e["values"] != "" {
				t.Errorf("%s: a %s code has values", c, e["type"])
			}
		case "category", "multi":
			if len(cb.values(c)) < 2 {
				t.Errorf("%s: values %q", c, e["values"])
			}
		default:
			t.Errorf("%s: type %q", c, e["type"])
		}
		if d := e["direction"]; d != "" && d != "worse_if_higher" && d != "better_if_higher" && d != "neutral" {
			t.Errorf("%s: direction %q", c, d)
		}
		if s := e["sensitive"]; s != "" && s != "yes" {
			t.Errorf("%s: sensitive %q", c, s)
		}
		switch e["identifier"] {
		case "":
		case "quasi":
			quasi = append(quasi, c)
		default:
			t.Errorf("%s: identifier %q", c, e["identifier"])
		}
	}
	if want := []string{"age_band", "province_group", "left_period"}; !slices.Equal(quasi, want) {
		t.Errorf("quasi-identifiers %v, want %v", quasi, want)
	}
}

func TestWave2014(t *testing.T) {
	dir := written(t)
	cb := loadCodebook(t, dir)
	w := load2014(t, dir, cb)
	if _, ok := w.findings["det_forced_abortion\x00yes"]; ok {
		t.Error("det_forced_abortion must be absent from 2014 (not asked then)")
	}
	for code := range w.codes {
		if typ := cb.codes[code]["type"]; typ == "category" || typ == "multi" {
			for _, v := range cb.values(code) {
				if _, ok := w.findings[code+"\x00"+v]; !ok {
					t.Errorf("2014: %s has no row for value %q", code, v)
				}
			}
		}
	}
	if p := w.findings["left_period\x002011-2013"]; p.count != p.n || p.n == 0 {
		t.Errorf("2014: left_period 2011-2013 is %d of %d, want everyone", p.count, p.n)
	}
	if w.percentCells == 0 {
		t.Error("2014: no percent stored as a percentage-formatted cell")
	}
}

func TestWave2017(t *testing.T) {
	dir := written(t)
	cb := loadCodebook(t, dir)
	w := load2017(t, dir, cb)
	if len(w.people) != 42 {
		t.Errorf("%d interviewees, want 42", len(w.people))
	}
	counted := w.counted()
	if len(counted) != 40 {
		t.Errorf("%d counted interviewees, want 40 (2 withdrawn)", len(counted))
	}

	// k-anonymity (k = 5) over the quasi-identifiers, and everyone left in 2014-2016.
	groups := map[string][]person{}
	for _, p := range counted {
		if p["left_period"] != "2014-2016" {
			t.Errorf("%s: left_period %q, want 2014-2016", p["id"], p["left_period"])
		}
		k := p["age_band"] + " / " + p["province_group"] + " / " + p["left_period"]
		groups[k] = append(groups[k], p)
	}
	for k, g := range groups {
		if len(g) < 5 {
			t.Errorf("quasi group %s holds %d people, want at least 5", k, len(g))
		}
	}

	// ℓ-diversity: no group answers a sensitive yes/no code all the same way.
	for _, code := range cb.order {
		if cb.codes[code]["sensitive"] != "yes" || cb.codes[code]["type"] != "yesno" {
			continue
		}
		for k, g := range groups {
			seen := map[string]bool{}
			for _, p := range g {
				if v := p[code]; v == "yes" || v == "no" {
					seen[v] = true
				}
			}
			if len(seen) == 1 {
				t.Errorf("sensitive %s: everyone in group %s answered the same", code, k)
			}
		}
	}

	// Not applicable where the design says so, and only there.
	for _, p := range w.people {
		detained := p["det_detained"] == "yes"
		for _, c := range []string{"det_body_search", "det_forced_abortion", "det_facility"} {
			if (p[c] == "n/a") == detained {
				t.Errorf("%s: %s is %q with det_detained %q", p["id"], c, p[c], p["det_detained"])
			}
		}
		if (p["health_birth_facility"] == "n/a") != (p["children"] == "0") {
			t.Errorf("%s: health_birth_facility %q with %s children", p["id"], p["health_birth_facility"], p["children"])
		}
		violence := p["vaw_domestic"] == "yes" || p["vaw_sexual_official"] == "yes"
		if (p["vaw_reported"] == "n/a") == violence {
			t.Errorf("%s: vaw_reported %q without matching violence answers", p["id"], p["vaw_reported"])
		}
		if strings.ContainsFunc(p["other_remarks"], unicode.IsDigit) {
			t.Errorf("%s: other_remarks %q holds digits (dates, numbers)", p["id"], p["other_remarks"])
		}
	}

	// The quotes exercise every publication rule.
	var enQuote, koQuote, unreviewed, aggregate, withdrawn int
	themes := map[string]bool{}
	for _, q := range w.quotes {
		p, ok := w.byID[q.id]
		if !ok {
			t.Errorf("quote of unknown id %q", q.id)
			continue
		}
		if typ := cb.codes[q.code]["type"]; typ == "" || typ == "text" || cb.codes[q.code]["identifier"] != "" {
			t.Errorf("quote of %s: code %q is not a finding", q.id, q.code)
		}
		if p[q.code] != "yes" && !strings.Contains(p[q.code], ";") {
			t.Errorf("quote of %s on %s, but the answer is %q", q.id, q.code, p[q.code])
		}
		if strings.ContainsFunc(q.text, unicode.IsDigit) {
			t.Errorf("quote of %s holds digits: %q", q.id, q.text)
		}
		themes[cb.codes[q.code]["theme"]] = true
		korean := strings.ContainsFunc(q.text, func(r rune) bool { return unicode.Is(unicode.Hangul, r) })
		switch {
		case p["consent"] == "withdrawn":
			withdrawn++
		case !q.reviewed:
			unreviewed++
		case p["consent"] == "aggregate":
			aggregate++
		case korean:
			koQuote++
		default:
			enQuote++
		}
	}
	if enQuote < 3 || koQuote < 2 || unreviewed < 1 || aggregate < 1 || withdrawn < 1 {
		t.Errorf("quotes: %d publishable English, %d publishable Korean, %d unreviewed, %d by aggregate consent, %d by withdrawn; want at least 3, 2, 1, 1, 1",
			enQuote, koQuote, unreviewed, aggregate, withdrawn)
	}
	for _, th := range []string{"education", "health", "detention", "violence"} {
		if !themes[th] {
			t.Errorf("no quote on %s", th)
		}
	}
}

func TestComparisonIsInteresting(t *testing.T) {
	dir := written(t)
	cb := loadCodebook(t, dir)
	w14, w17 := load2014(t, dir, cb), load2017(t, dir, cb)
	f17 := w17.findings(cb)

	// Every code is used by a wave; only det_forced_abortion is in one wave only.
	for _, c := range cb.order {
		if !w14.codes[c] && !w17.codes[c] {
			t.Errorf("code %s is used by no wave", c)
		}
	}
	var only17, only14 []string
	for k := range f17 {
		if _, ok := w14.findings[k]; !ok {
			only17 = append(only17, k)
		}
	}
	for k := range w14.findings {
		if _, ok := f17[k]; !ok {
			only14 = append(only14, k)
		}
	}
	if len(only14) > 0 || !slices.Equal(only17, []string{"det_forced_abortion\x00yes"}) {
		t.Errorf("findings only in 2014: %q, only in 2017: %q; want none and det_forced_abortion", only14, only17)
	}

	// Findings (quasi-identifiers describe the waves, they are not findings).
	type result struct {
		key  string
		p    float64
		sign int // +1 worse, -1 better, 0 neutral
	}
	var results []result
	var yesno, yesnoStrong, yesnoQuiet, worse, better int
	for k, to := range f17 {
		from, ok := w14.findings[k]
		code, _, _ := strings.Cut(k, "\x00")
		if !ok || cb.codes[code]["identifier"] == "quasi" {
			continue
		}
		p := fisher(from.count, from.n, to.count, to.n)
		dir := 0
		up := float64(to.count)/float64(to.n) > float64(from.count)/float64(from.n)
		switch cb.codes[code]["direction"] {
		case "worse_if_higher":
			dir = map[bool]int{true: 1, false: -1}[up]
		case "better_if_higher":
			dir = map[bool]int{true: -1, false: 1}[up]
		}
		results = append(results, result{k, p, dir})
		if cb.codes[code]["type"] != "yesno" {
			continue
		}
		yesno++
		switch {
		case p < 0.0015:
			yesnoStrong++
			if dir > 0 {
				worse++
			} else if dir < 0 {
				better++
			}
		case p >= 0.05:
			yesnoQuiet++
		}
	}
	if yesnoStrong < 3 || worse < 1 || better < 1 {
		t.Errorf("%d yes/no findings with p < 0.0015 (%d worse, %d better); want at least 3, with both directions", yesnoStrong, worse, better)
	}
	if 2*yesnoQuiet <= yesno {
		t.Errorf("only %d of %d yes/no findings have p >= 0.05; most should show no clear change", yesnoQuiet, yesno)
	}
	// The strong ones survive Holm over every finding of the comparison.
	sort.Slice(results, func(i, j int) bool { return results[i].p < results[j].p })
	for i := range 3 {
		if adj := results[i].p * float64(len(results)-i); adj >= 0.05 {
			t.Errorf("%q: Holm-adjusted p = %.4f over %d findings, want < 0.05", results[i].key, adj, len(results))
		}
	}

	// Composition: a profile difference above 15 points, and periods of leaving that do not overlap.
	var flagged bool
	for _, code := range []string{"age_band", "province_group", "left_period"} {
		for _, v := range cb.values(code) {
			k := code + "\x00" + v
			s14 := float64(w14.findings[k].count) / float64(w14.findings[k].n)
			s17 := float64(f17[k].count) / float64(f17[k].n)
			if code == "left_period" && s14 > 0 && s17 > 0 {
				t.Errorf("left_period %s appears in both waves (%.2f, %.2f)", v, s14, s17)
			}
			if code != "left_period" && math.Abs(s17-s14) > 0.15 {
				flagged = true
			}
		}
	}
	if !flagged {
		t.Error("no age_band or province_group value differs by more than 15 points between waves")
	}
}

func TestFisherMatchesR(t *testing.T) {
	for _, c := range []struct {
		a, n1, b, n2 int
		want         float64
	}{
		{3, 4, 1, 4, 0.4857142857},    // tea tasting
		{18, 50, 32, 40, 3.95266e-05}, // Rscript -e 'fisher.test(matrix(c(18,32,32,8),2))$p.value'
		{19, 50, 31, 40, 0.000249717},
		{11, 50, 25, 40, 0.000186818},
		{31, 50, 28, 40, 0.505828},
	} {
		if got := fisher(c.a, c.n1, c.b, c.n2); math.Abs(got-c.want) > 1e-5*c.want {
			t.Errorf("fisher(%d/%d vs %d/%d) = %.6g, want %.6g", c.a, c.n1, c.b, c.n2, got, c.want)
		}
	}
}

// written writes the sample into a fresh temp folder.
func written(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := Write(dir); err != nil {
		t.Fatal(err)
	}
	return dir
}

func open(t *testing.T, dir, name string) *excelize.File {
	t.Helper()
	f, err := excelize.OpenFile(filepath.Join(dir, "interviews", name), excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// rows reads a sheet as maps keyed by the lower-cased header; "@row" holds the row number.
func rows(t *testing.T, f *excelize.File, sheet string) []map[string]string {
	t.Helper()
	it, err := f.Rows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	defer it.Close()
	var header []string
	var out []map[string]string
	for r := 1; it.Next(); r++ {
		cells, err := it.Columns()
		if err != nil {
			t.Fatal(err)
		}
		if header == nil {
			for _, h := range cells {
				header = append(header, strings.ToLower(strings.TrimSpace(h)))
			}
			continue
		}
		m := map[string]string{"@row": strconv.Itoa(r)}
		for i, v := range cells {
			m[header[i]] = v
		}
		out = append(out, m)
	}
	if err := it.Error(); err != nil {
		t.Fatal(err)
	}
	return out
}

type codebook struct {
	order []string
	codes map[string]map[string]string
}

func (cb codebook) values(code string) []string {
	var vs []string
	for v := range strings.SplitSeq(cb.codes[code]["values"], ";") {
		if v = strings.TrimSpace(v); v != "" {
			vs = append(vs, v)
		}
	}
	return vs
}

func loadCodebook(t *testing.T, dir string) codebook {
	t.Helper()
	cb := codebook{codes: map[string]map[string]string{}}
	for _, r := range rows(t, open(t, dir, "codebook.xlsx"), "codebook") {
		c := r["code"]
		if _, dup := cb.codes[c]; dup {
			t.Errorf("code %q twice", c)
		}
		cb.order = append(cb.order, c)
		cb.codes[c] = r
	}
	return cb
}

type count struct{ count, n int }

type aggregateWave struct {
	codes        map[string]bool
	findings     map[string]count // code NUL value ("yes" for yes/no codes)
	percentCells int
}

// load2014 reads the aggregate sheet, turning percents back into counts and checking that
// each gives a whole count at the precision it is printed with.
func load2014(t *testing.T, dir string, cb codebook) aggregateWave {
	t.Helper()
	f := open(t, dir, "2014.xlsx")
	w := aggregateWave{codes: map[string]bool{}, findings: map[string]count{}}
	for _, r := range rows(t, f, "aggregate") {
		at := "aggregate!row " + r["@row"]
		code, value := r["code"], r["value"]
		e, ok := cb.codes[code]
		if !ok {
			t.Errorf("%s: unknown code %q", at, code)
			continue
		}
		switch e["type"] {
		case "yesno":
			if value != "" {
				t.Errorf("%s: yes/no code %s with value %q", at, code, value)
			}
			value = "yes"
		case "category", "multi":
			if !slices.Contains(cb.values(code), value) {
				t.Errorf("%s: %q is not a value of %s", at, value, code)
			}
		default:
			t.Errorf("%s: %s code %s in an aggregate", at, e["type"], code)
		}
		if !strings.HasPrefix(r["source"], "2014 report, p. ") {
			t.Errorf("%s: source %q", at, r["source"])
		}
		n, err := strconv.Atoi(r["n"])
		if err != nil || n <= 0 {
			t.Errorf("%s: n %q", at, r["n"])
			continue
		}
		k := -1
		switch {
		case r["count"] != "" && r["percent"] == "":
			k, err = strconv.Atoi(r["count"])
			if err != nil || k < 0 || k > n {
				t.Errorf("%s: count %q of %d", at, r["count"], n)
			}
		case r["count"] == "" && r["percent"] != "":
			printed := r["percent"]
			cell, _ := excelize.CoordinatesToCellName(5, atoi(r["@row"]))
			style, err := f.GetCellStyle("aggregate", cell)
			if err != nil {
				t.Fatal(err)
			}
			if st, err := f.GetStyle(style); err == nil && st.NumFmt == 9 {
				w.percentCells++
				x, _ := strconv.ParseFloat(printed, 64)
				printed = strconv.FormatFloat(x*100, 'f', 0, 64)
			}
			k = wholeCount(printed, n)
			if k < 0 {
				t.Errorf("%s: percent %s of %d gives no whole count at its printed precision", at, printed, n)
			}
		default:
			t.Errorf("%s: want exactly one of count and percent", at)
		}
		w.codes[code] = true
		w.findings[code+"\x00"+value] = count{k, n}
	}
	return w
}

// wholeCount returns the k in 0..n whose share k/n, in points, rounds to printed at the
// number of decimals printed has; -1 when there is none.
func wholeCount(printed string, n int) int {
	x, err := strconv.ParseFloat(printed, 64)
	if err != nil {
		return -1
	}
	decimals := 0
	if _, frac, ok := strings.Cut(printed, "."); ok {
		decimals = len(frac)
	}
	scale := math.Pow(10, float64(decimals))
	for k := 0; k <= n; k++ {
		if math.Round(100*float64(k)/float64(n)*scale) == math.Round(x*scale) {
			return k
		}
	}
	return -1
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// person is one interviewee's cells, normalised: yes/no codes hold "yes", "no", "n/a" or "".
type person map[string]string

type quote struct {
	id, code, text string
	reviewed       bool
}

type interviewWave struct {
	codes  map[string]bool
	people []person
	byID   map[string]person
	quotes []quote
}

func (w interviewWave) counted() []person {
	var out []person
	for _, p := range w.people {
		if p["consent"] != "withdrawn" {
			out = append(out, p)
		}
	}
	return out
}

// findings counts the counted interviewees like docs/statistics.md: n excludes missing and n/a.
func (w interviewWave) findings(cb codebook) map[string]count {
	out := map[string]count{}
	for code := range w.codes {
		typ := cb.codes[code]["type"]
		var vals []string
		switch typ {
		case "yesno":
			vals = []string{"yes"}
		case "category", "multi":
			vals = cb.values(code)
		default:
			continue
		}
		for _, v := range vals {
			var c count
			for _, p := range w.counted() {
				a := p[code]
				if a == "" || a == "n/a" {
					continue
				}
				c.n++
				if slices.Contains(strings.Split(a, ";"), v) {
					c.count++
				}
			}
			out[code+"\x00"+v] = c
		}
	}
	return out
}

var (
	yesWords = []string{"yes", "y", "true", "1", "예"}
	noWords  = []string{"no", "n", "false", "0", "아니오"}
	naWords  = []string{"n/a", "na", "not applicable", "해당없음"}
)

// load2017 reads the interviews and quotes sheets, checking every cell against the codebook.
func load2017(t *testing.T, dir string, cb codebook) interviewWave {
	t.Helper()
	f := open(t, dir, "2017.xlsx")
	w := interviewWave{codes: map[string]bool{}, byID: map[string]person{}}
	idRE := regexp.MustCompile(`^W17-[0-9]{3}$`)
	for _, r := range rows(t, f, "interviews") {
		at := "interviews!row " + r["@row"]
		p := person{}
		for col, raw := range r {
			v := strings.ToLower(strings.TrimSpace(raw))
			switch col {
			case "@row":
				continue
			case "id":
				if !idRE.MatchString(raw) {
					t.Errorf("%s: id %q", at, raw)
				}
				p[col] = raw
				continue
			case "consent":
				if v != "quote" && v != "aggregate" && v != "withdrawn" {
					t.Errorf("%s: consent %q", at, raw)
				}
				p[col] = v
				continue
			}
			e, ok := cb.codes[col]
			if !ok {
				t.Errorf("%s: column %q is not in the codebook", at, col)
				continue
			}
			w.codes[col] = true
			if v == "" {
				p[col] = ""
				continue
			}
			if slices.Contains(naWords, v) {
				p[col] = "n/a"
				continue
			}
			switch e["type"] {
			case "yesno":
				switch {
				case slices.Contains(yesWords, v):
					p[col] = "yes"
				case slices.Contains(noWords, v):
					p[col] = "no"
				default:
					t.Errorf("%s: %s %q is not yes/no", at, col, raw)
				}
			case "category", "multi":
				var parts []string
				for part := range strings.SplitSeq(v, ";") {
					part = strings.TrimSpace(part)
					i := slices.IndexFunc(cb.values(col), func(s string) bool { return strings.EqualFold(s, part) })
					if i < 0 {
						t.Errorf("%s: %s %q is not one of its values", at, col, part)
						continue
					}
					parts = append(parts, cb.values(col)[i])
				}
				if e["type"] == "category" && len(parts) != 1 {
					t.Errorf("%s: category %s holds %q", at, col, raw)
				}
				p[col] = strings.Join(parts, ";")
			case "number":
				if x, err := strconv.ParseFloat(v, 64); err != nil || x < 0 {
					t.Errorf("%s: %s %q is not a number", at, col, raw)
				}
				p[col] = v
			default:
				p[col] = raw
			}
		}
		if _, dup := w.byID[p["id"]]; dup {
			t.Errorf("%s: id %s twice", at, p["id"])
		}
		w.byID[p["id"]] = p
		w.people = append(w.people, p)
	}
	for _, r := range rows(t, f, "quotes") {
		rev := strings.ToLower(strings.TrimSpace(r["reviewed"]))
		if !slices.Contains(yesWords, rev) && !slices.Contains(noWords, rev) {
			t.Errorf("quotes!row %s: reviewed %q", r["@row"], r["reviewed"])
		}
		w.quotes = append(w.quotes, quote{r["id"], r["code"], r["text"], slices.Contains(yesWords, rev)})
	}
	return w
}

// fisher is the two-sided Fisher exact test of a/n1 against b/n2, defined as R's fisher.test:
// the sum of the probabilities of the tables with the same margins that are at most the
// observed one's (relative tolerance 1e-7).
func fisher(a, n1, b, n2 int) float64 {
	yes, total := a+b, n1+n2
	logChoose := func(n, k int) float64 {
		x, _ := math.Lgamma(float64(n + 1))
		y, _ := math.Lgamma(float64(k + 1))
		z, _ := math.Lgamma(float64(n - k + 1))
		return x - y - z
	}
	prob := func(x int) float64 {
		return math.Exp(logChoose(yes, x) + logChoose(total-yes, n1-x) - logChoose(total, n1))
	}
	observed := prob(a)
	var p float64
	for x := max(0, n1-(total-yes)); x <= min(yes, n1); x++ {
		if px := prob(x); px <= observed*(1+1e-7) {
			p += px
		}
	}
	return min(p, 1)
}
