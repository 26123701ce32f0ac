package docx

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/shadowreport/shadowreport/internal/doc"
	"github.com/shadowreport/shadowreport/internal/policy"
	"github.com/shadowreport/shadowreport/internal/report"
	"github.com/shadowreport/shadowreport/internal/sample/sampletest"
)

func words(t *testing.T, data []byte) int {
	t.Helper()
	n, err := Words(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestWords counts rendered documents whose words were counted by hand.
func TestWords(t *testing.T) {
	meta := sampleMeta() // its cover words never count
	tests := []struct {
		name  string
		d     *doc.Document
		words int
	}{
		{"empty report", &doc.Document{Meta: meta, Cover: true, Contents: true}, 0},
		{"heading and paragraph", &doc.Document{Meta: meta, Cover: true, Contents: true, Blocks: []doc.Block{
			&doc.Heading{Level: 1, Text: "Executive summary", ID: "s"},                    // 2
			para(true, "Women don't pay 1,000 won; 30-39 year-olds paid 2.5 times more."), // Women don't pay 1,000 won 30-39 year-olds paid 2.5 times more: 11
		}}, 13},
		{"inline styles, link and note", &doc.Document{Meta: meta, Cover: true, Blocks: []doc.Block{
			&doc.Paragraph{Numbered: true, Inlines: []doc.Inline{
				{Text: "Read "}, {Text: "this report", Bold: true}, {Note: "Two words."}, {Text: " and "}, {Text: "that page", Link: "https://example.org/"}, {Text: "."},
			}}, // Read this report and that page: 6, the note 2
		}}, 8},
		{"Korean eojeol", &doc.Document{Meta: meta, Blocks: []doc.Block{
			para(false, "학교에 돈을 내지 않으면 선생님이 아이를 때렸어요."), // 7 eojeol
		}}, 7},
		{"lists, the numbered one's marker not counted", &doc.Document{Meta: meta, Cover: true, Blocks: []doc.Block{
			&doc.List{Items: [][]doc.Inline{{{Text: "one item"}}, {{Text: "two"}}}},                         // 3
			&doc.List{Ordered: true, Numbered: true, Items: [][]doc.Inline{{{Text: "ask"}}, {{Text: "x"}}}}, // 2
		}}, 5},
		{"table, figure and quote", &doc.Document{Meta: meta, Cover: true, Contents: true, Blocks: []doc.Block{
			&doc.Table{Caption: "Table 1. Ages", Header: []string{"Age band", "n"}, Rows: [][]string{{"30-39", "12"}, {"40–49", "3"}},
				Notes: []string{"Small cells suppressed."}}, // 3 + 3 + 2 + 3 (40, 49, 3: an en dash splits) + 3 = 14
			&doc.Figure{Caption: "Figure 1. Fees", AltText: "not counted", Chart: sampleChart()}, // 3
			&doc.Quote{Text: "I paid.\nThen I left.", Attribution: "woman in her 30s"},           // 5 + 4
		}}, 26},
		{"annex left out", &doc.Document{Meta: meta, Cover: true, Contents: true, Blocks: []doc.Block{
			&doc.Heading{Level: 1, Text: "Findings"},                                         // 1
			&doc.Paragraph{Inlines: []doc.Inline{{Text: "Counted"}, {Note: "Also counted"}}}, // 3
			&doc.Heading{Level: 1, Text: "Annex 1. Tables"},
			&doc.Paragraph{Inlines: []doc.Inline{{Text: "Not counted"}, {Note: "Nor this"}}},
		}}, 4},
		{"a word in two styles, a translation, invisible characters", &doc.Document{Meta: meta, Cover: true, Blocks: []doc.Block{
			&doc.Paragraph{Inlines: []doc.Inline{{Text: "over"}, {Text: "all", Bold: true}, {Text: " zero\u200bwidth"}}}, // overall zerowidth: 2
			&doc.Quote{Text: "돈을 냈어요", Translation: "We paid", Attribution: "woman"},                                     // 2 + Translation 1 + 2 + 1
			&doc.Heading{Level: 0, Text: "\u200bAnnex 1"},                                                                // an annex heading: the count stops
			para(false, "Not counted."),
		}}, 8},
		{"handout title block left out", &doc.Document{Meta: meta, PageBudget: 1, Blocks: []doc.Block{
			&doc.Heading{Level: 2, Text: "Key concerns"}, // 2
			para(false, "One."),                          // 1
		}}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, _ := render(t, tt.d)
			if got := words(t, data); got != tt.words {
				t.Errorf("Words = %d, want %d", got, tt.words)
			}
			if got := doc.Resolve(tt.d).Words; got != tt.words {
				t.Errorf("the model's count (Resolved.Words) = %d, want %d", got, tt.words)
			}
			if want := report.WordCount(tt.d); want != tt.words {
				t.Errorf("report.WordCount = %d: the hand count %d disagrees", want, tt.words)
			}
		})
	}
}

func TestWordsSample(t *testing.T) {
	d := sampleDoc()
	data, _ := render(t, d)
	if got, want := words(t, data), report.WordCount(d); got != want {
		t.Errorf("Words = %d, report.WordCount = %d", got, want)
	}
}

// TestWordsReport renders the sample project's report and handouts, built as `build` does,
// and checks that Words agrees with report.WordCount on each.
func TestWordsReport(t *testing.T) {
	dir := sampletest.Dir(t)
	p, res := sampletest.Load(t, dir)
	templates, err := report.Load(filepath.Join(dir, "templates"))
	if err != nil {
		t.Fatal(err)
	}
	in := report.Input{Project: p, Policy: policy.New(p, res, policy.Options{}), Who: "women", One: "woman", Synthetic: true}
	for _, tm := range templates {
		t.Run(tm.Name, func(t *testing.T) {
			out, err := report.Assemble(in, tm)
			if err != nil {
				t.Fatal(err)
			}
			data, _ := render(t, out.Doc)
			if got, want := words(t, data), report.WordCount(out.Doc); got != want || want != out.Words {
				t.Errorf("Words = %d, report.WordCount = %d, Output.Words = %d", got, want, out.Words)
			}
			if *sampleOut != "" {
				if err := os.WriteFile(filepath.Join(filepath.Dir(*sampleOut), "project-"+tm.Name+".docx"), data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

func TestWordsNotDocx(t *testing.T) {
	for _, data := range [][]byte{nil, []byte("not a zip"), zipOf(t, map[string]string{"a.txt": "x"}), zipOf(t, map[string]string{"word/document.xml": "<w:document"})} {
		if _, err := Words(bytes.NewReader(data), int64(len(data))); err == nil {
			t.Errorf("%q: no error", data)
		}
	}
}
