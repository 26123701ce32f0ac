package docx

import (
	"fmt"
	"strconv"

	"github.com/shadowreport/shadowreport/internal/doc"
)

// Strings the tests look for.
const (
	koreanQuote   = "학교에 돈을 내지 않으면 선생님이 아이를 때렸어요."
	koreanHeading = "부록: 한국어 자료"
	koreanCell    = "양강도 혜산"
	tableHeader   = "Respondent profile"
	noteText      = "Fieldwork in 2014 and 2017; see the methodology chapter."
	altText       = "Bar chart: share of women interviewed in 2014 and 2017 who reported each finding, with 95% intervals."
	emojiText     = "She laughed 😀 when asked"
)

// numberedTexts are the starts of the numbered paragraphs of sampleDoc, in order (the
// numbered list's first item starts with its marker).
var numberedTexts = []string{
	"This report draws on", "Interviews with women", "1.Ask the delegation", "Interviews with women",
	"She laughed", "Interviews with women", "한국어 문단",
}

func sampleMeta() doc.Meta {
	return doc.Meta{
		Title:        "Education and Health of Women Who Left North Korea",
		Subtitle:     "Shadow report on the combined second to fourth periodic reports of the DPRK",
		Organisation: "Citizens' Alliance for Testimony",
		CoSubmitters: []string{"Women's Rights Network Seoul"},
		Contact:      "Jane Researcher, report@example.org",
		State:        "Democratic People's Republic of Korea",
		Mechanism:    "CEDAW",
		Session:      "68th session",
		Stage:        "review",
		Date:         "9 October 2017",
		Language:     "en",
		Confidential: true,
		Synthetic:    true,
		Subject:      "Shadow report to CEDAW, 68th session",
		Header:       "Shadow report to CEDAW — DPRK — 68th session",
		Footer:       "Citizens' Alliance for Testimony",
	}
}

func para(numbered bool, text string) *doc.Paragraph {
	return &doc.Paragraph{Numbered: numbered, Inlines: []doc.Inline{{Text: text}}}
}

const lorem = "Interviews with women who left the country between 2014 and 2016 describe schools that " +
	"depend on contributions from families. The sample is a convenience sample: it describes the " +
	"people interviewed, not the country, and a difference between waves may reflect who could be " +
	"interviewed rather than a change in the country."

func sampleChart() doc.Chart {
	return doc.Chart{
		Waves:  []string{"2014 (n = 40)", "2017 (n = 40)"},
		YLabel: "share of those who answered (95% CI)",
		Groups: []doc.BarGroup{
			{Label: "Paid informal school fees", Bars: []doc.Bar{{N: 40, Label: "12 of 40", Share: 0.3, Lo: 0.18, Hi: 0.45}, {N: 40, Label: "20 of 40", Share: 0.5, Lo: 0.35, Hi: 0.65}}},
			{Label: "Children did unpaid labour for the school", Bars: []doc.Bar{{N: 40, Label: "33 of 40", Share: 0.825, Lo: 0.68, Hi: 0.91}, {N: 39, Label: "31 of 39", Share: 31.0 / 39, Lo: 0.64, Hi: 0.89}}},
			{Label: "학교에 비공식 비용", Bars: []doc.Bar{{}, {N: 38, Label: "7 of 38", Share: 7.0 / 38, Lo: 0.09, Hi: 0.33}}},
		},
	}
}

// sampleDoc exercises every block: a cover, contents, three chapters with numbered
// paragraphs across them, lists (one a numbered paragraph), a 60-row table, a chart, a
// Korean quote, a footnote, links out and in, a page break, an annex, and confidential and
// synthetic marks.
func sampleDoc() *doc.Document {
	var rows [][]string
	var emph []bool
	for i := 1; i <= 60; i++ {
		province := "North Hamgyong"
		if i%3 == 0 {
			province = koreanCell
		}
		rows = append(rows, []string{
			fmt.Sprintf("R%02d", i),
			fmt.Sprintf("%d–%d", 20+i%4*10, 29+i%4*10),
			province,
			strconv.Itoa(2014 + i%3),
			strconv.Itoa(i % 7),
		})
		emph = append(emph, i%10 == 0)
	}
	return &doc.Document{
		Meta:     sampleMeta(),
		Cover:    true,
		Contents: true,
		Blocks: []doc.Block{
			&doc.Heading{Level: 1, Text: "Executive summary", ID: "summary"},
			&doc.Paragraph{Numbered: true, Inlines: []doc.Inline{
				{Text: "This report draws on "}, {Text: "80 interviews", Bold: true},
				{Text: " conducted in two waves"}, {Note: noteText},
				{Text: ". It is submitted "}, {Text: "in advance of", Italic: true},
				{Text: " the Committee's review. See "}, {Text: "the OHCHR page", Link: "https://www.ohchr.org/"},
				{Text: " and the "}, {Text: "findings", Link: "#findings"}, {Text: "."},
			}},
			para(true, lorem),
			&doc.List{Items: [][]doc.Inline{
				{{Text: "12 of 40", Bold: true}, {Text: " women in 2014 and "}, {Text: "20 of 40", Bold: true}, {Text: " in 2017 paid informal school fees."}},
				{{Text: "Most described unpaid labour for the school."}},
			}},
			&doc.List{Ordered: true, Numbered: true, Items: [][]doc.Inline{
				{{Text: "Ask the delegation what the school budget covers."}},
				{{Text: "Ask how fees are recorded."}},
				{{Text: "Ask who pays for heating."}},
			}},
			&doc.Heading{Level: 1, Text: "Findings", ID: "findings"},
			&doc.Heading{Level: 2, Text: "Education (article 10)", ID: "education"},
			para(true, lorem),
			&doc.Figure{ID: "fig1", Caption: "Figure 1. Education: 2014 and 2017, k of n with 95% intervals", AltText: altText, Chart: sampleChart()},
			&doc.Quote{Text: koreanQuote, Attribution: "woman in her 30s, left 2014–2016", Language: "ko"},
			&doc.Quote{Text: "When I could not pay, the teacher sent my son to collect scrap metal instead of teaching him.", Attribution: "woman in her 40s, left 2014–2016"},
			para(true, emojiText+" about the school, and then said nothing more."),
			&doc.List{Ordered: true, Items: [][]doc.Inline{
				{{Text: "First recommendation."}},
				{{Text: "Second recommendation."}},
			}},
			&doc.Heading{Level: 3, Text: "Contributions in kind", ID: "kind"},
			para(false, lorem),
			&doc.Paragraph{Small: true, Inlines: []doc.Inline{{Text: "A small note under the section."}}},
			&doc.PageBreak{},
			&doc.Heading{Level: 2, Text: "Composition of the samples", ID: "composition"},
			para(true, lorem),
			&doc.Table{
				ID: "T1", Caption: "Table 1. " + tableHeader + " of the 60 interviews",
				Header:   []string{tableHeader, "Age band", "Province group", "Year left", "Codes"},
				Align:    []doc.Align{doc.Left, doc.Center, doc.Left, doc.Right, doc.Right},
				Rows:     rows,
				Emphasis: emph,
				Notes:    []string{"Age bands are ten years wide; provinces are grouped.", "Cells under 5 are suppressed in public builds."},
			},
			&doc.Heading{Level: 1, Text: "Questions and " + koreanHeading, ID: "korean"},
			para(true, "한국어 문단: 조사 대상자는 2014년과 2016년 사이에 북한을 떠난 여성들이다. Mixed with English."),
			&doc.Table{
				ID: "T2", Caption: "Table 2. Suggested questions",
				Header: []string{"Article", "Question"},
				Widths: []float64{1, 4},
				Align:  []doc.Align{doc.Right},
				Rows: [][]string{
					{"10", "What share of the school budget is met by the State, and what by families?"},
					{"12", "How many health workers serve each county hospital?"},
				},
			},
			&doc.Table{
				ID: "T3", Caption: "Table 3. Right after another table",
				Header: []string{"A", "B"},
				Rows:   [][]string{{"1", "2"}},
			},
			&doc.Heading{Level: 1, Text: "Annex: all findings", ID: "annex"},
			para(false, "Annex text is not counted."),
			&doc.Table{ID: "A1", Caption: "Table A1. All findings", Header: []string{"Finding", "2014", "2017"}, Rows: [][]string{{"Fees", "12 of 40", "20 of 40"}}},
		},
	}
}
