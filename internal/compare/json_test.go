package compare

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/dataset"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// project is a small project of three waves: two known from published figures, one of interviews.
func project() (*codebook.Codebook, []*dataset.Wave) {
	prov := &codebook.Code{Name: "province_group", Label: "Province group", Type: codebook.Category,
		Values: []string{"North Hamgyong or Ryanggang", "other provinces"}, Theme: "profile", Identifier: codebook.Quasi}
	name := &codebook.Code{Name: "name", Label: "Name", Type: codebook.Text, Identifier: codebook.Direct}
	kids := &codebook.Code{Name: "children", Label: "Number of children", Type: codebook.Number, Theme: "profile"}
	fees := &codebook.Code{Name: "edu_fees_paid", Label: "Paid informal school fees", Labels: map[string]string{"ko": "비공식 학교 비용 납부"},
		Type: codebook.YesNo, Theme: "education", Article: "CEDAW art. 10", Direction: codebook.WorseIfHigher,
		Question: "Did you have to pay money or goods to the school?"}
	labour := &codebook.Code{Name: "edu_labour_mobilised", Label: "Students mobilised for unpaid labour", Type: codebook.YesNo,
		Theme: "education", Article: "CEDAW art. 10", Direction: codebook.WorseIfHigher}
	highest := &codebook.Code{Name: "edu_highest", Label: "Highest education", Type: codebook.Category,
		Values: []string{"primary", "secondary", "college"}, Theme: "education", Direction: codebook.Neutral}
	contra := &codebook.Code{Name: "health_contraception_access", Label: "Had access to contraception", Type: codebook.YesNo,
		Theme: "health", Article: "CEDAW art. 12", Direction: codebook.BetterIfHigher}
	abortion := &codebook.Code{Name: "det_forced_abortion", Label: "Forced abortion in detention", Type: codebook.YesNo,
		Theme: "detention", Direction: codebook.WorseIfHigher, Sensitive: true}
	notes := &codebook.Code{Name: "other_remarks", Label: "Other remarks", Type: codebook.Text}
	cb := book(prov, name, kids, fees, labour, highest, contra, abortion, notes)

	w2011 := aggregate("2011",
		dataset.Figure{Code: fees, N: 30, Count: 15, Source: "2011 report, table 2"},
		dataset.Figure{Code: contra, N: 30, Count: 6, Source: "2011 report, table 4"},
	)
	w2014 := aggregate("2014",
		dataset.Figure{Code: prov, Value: 0, N: 50, Count: 29, Source: "2014 report, p. 8"},
		dataset.Figure{Code: prov, Value: 1, N: 50, Count: 21, Source: "2014 report, p. 8"},
		dataset.Figure{Code: fees, N: 50, Count: 31, Source: "2014 report, p. 23"},
		dataset.Figure{Code: labour, N: 50, Count: 10, Source: "2014 report, p. 24"},
		dataset.Figure{Code: highest, Value: 0, N: 50, Count: 20, Source: "2014 report, p. 9"},
		dataset.Figure{Code: highest, Value: 1, N: 50, Count: 25, Source: "2014 report, p. 9"},
		dataset.Figure{Code: contra, N: 8, Count: 3, Source: "2014 report, p. 30"},
	)
	w2017 := interviews("2017", 42,
		cat(prov, 30, 10),
		yn(fees, 28, 40),
		yn(labour, 30, 41),
		cat(highest, 9, 21, 10),
		yn(contra, 12, 38),
		yn(abortion, 3, 12),
		num(kids, 0, 1, 1, 2, 2, 2, 3, 4),
	)
	w2017.People[41].Consent = dataset.ConsentWithdrawn
	return cb, []*dataset.Wave{w2011, w2014, w2017}
}

func TestGoldenJSON(t *testing.T) {
	cb, waves := project()
	r := mustCompare(t, cb, waves, Options{})
	got, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	golden(t, filepath.Join("testdata", "result.golden"), got)
}

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (go test -update rewrites it); got:\n%s", path, got)
	}
}

// docExample is the JSON example of docs/statistics.md, whose every field the JSON of a
// comparison must have.
func docExample(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../../docs/statistics.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(b), "```json\n")
	block, _, ok2 := strings.Cut(rest, "```")
	if !ok || !ok2 {
		t.Fatal("docs/statistics.md has no ```json example")
	}
	return block
}

// TestSpecFields checks that every field of the documented example, at every depth, is in the
// JSON of a comparison, with the same JSON kind (number, string, array, object, bool).
func TestSpecFields(t *testing.T) {
	cb, waves := project()
	raw, err := json.Marshal(mustCompare(t, cb, waves, Options{}))
	if err != nil {
		t.Fatal(err)
	}
	var spec, got any
	if err := json.Unmarshal([]byte(docExample(t)), &spec); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatal(err)
	}
	sameShape(t, "", spec, got)
}

func sameShape(t *testing.T, path string, spec, got any) {
	t.Helper()
	switch s := spec.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			t.Errorf("%s: %T, want an object", path, got)
			return
		}
		if path == ".composition[0].shares" { // keyed by wave name
			for _, v := range g {
				if _, ok := v.(float64); !ok {
					t.Errorf("%s: share %v is not a number", path, v)
				}
			}
			return
		}
		keys := make([]string, 0, len(s))
		for k := range s {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			gv, ok := g[k]
			if !ok {
				t.Errorf("%s.%s: missing", path, k)
				continue
			}
			sameShape(t, path+"."+k, s[k], gv)
		}
	case []any:
		g, ok := got.([]any)
		if !ok {
			t.Errorf("%s: %T, want an array", path, got)
			return
		}
		if len(g) == 0 {
			t.Errorf("%s: empty in the test project", path)
			return
		}
		sameShape(t, path+"[0]", s[0], g[0])
	case float64:
		if _, ok := got.(float64); !ok {
			t.Errorf("%s: %v, want a number", path, got)
		}
	case string:
		if _, ok := got.(string); !ok {
			t.Errorf("%s: %v, want a string", path, got)
		}
	case bool:
		if _, ok := got.(bool); !ok {
			t.Errorf("%s: %v, want a bool", path, got)
		}
	}
}

func TestEmptyListsAreArrays(t *testing.T) {
	c := yesno("x", codebook.Neutral)
	r := mustCompare(t, book(c), []*dataset.Wave{interviews("a", 1), interviews("b", 1)}, Options{})
	raw, _ := json.Marshal(r)
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"findings", "trends", "not_comparable", "composition", "numbers", "waves"} {
		if _, ok := m[k].([]any); !ok {
			t.Errorf("%s = %v, want []", k, m[k])
		}
	}
}
