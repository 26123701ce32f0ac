package pdf

import (
	"fmt"
	"strconv"

	"github.com/shadowreport/shadowreport/internal/doc"
)

// Strings the tests look for in the extracted text.
const (
	koreanQuote   = "학교에 돈을 내지 않으면 선생님이 아이를 때렸어요."
	koreanHeading = "부록: 한국어 자료"
	koreanCell    = "양강도 혜산"
	koreanLabel   = "학교에 비공식 비용"
	tableHeader   = "Respondent profile"
	emojiText     = "She laughed 😀 when asked"
)

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
			{Label: koreanLabel, Bars: []doc.Bar{{}, {N: 38, Label: "7 of 38", Share: 7.0 / 38, Lo: 0.09, Hi: 0.33}}},
			{Label: "Could not see a doctor when ill", Bars: []doc.Bar{{N: 40, Label: "25 of 40", Share: 0.625, Lo: 0.47, Hi: 0.76}, {N: 40, Label: "26 of 40", Share: 0.65, Lo: 0.50, Hi: 0.78}}},
		},
	}
}

// sampleDoc exercises every block type: a cover, contents, three chapters, a table of 80
// rows across pages, Korean in a heading, a table cell, a chart label and a quote, an
// emoji, a footnote, and confidential and synthetic marks.
func sampleDoc() *doc.Document {
	var rows [][]string
	var emph []bool
	for i := 1; i <= 80; i++ {
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
	d := &doc.Document{
		Meta:     sampleMeta(),
		Cover:    true,
		Contents: true,
		Blocks: []doc.Block{
			&doc.Heading{Level: 1, Text: "Executive summary", ID: "summary"},
			&doc.Paragraph{Numbered: true, Inlines: []doc.Inline{
				{Text: "This report draws on "}, {Text: "80 interviews", Bold: true},
				{Text: " conducted in two waves"}, {Note: "Fieldwork in 2014 and 2017; see the methodology chapter."},
				{Text: ". It is submitted "}, {Text: "in advance of", Italic: true},
				{Text: " the Committee's review. See "}, {Text: "the OHCHR page", Link: "https://www.ohchr.org/"}, {Text: "."},
			}},
			para(true, lorem),
			&doc.List{Items: [][]doc.Inline{
				{{Text: "12 of 40", Bold: true}, {Text: " women in 2014 and "}, {Text: "20 of 40", Bold: true}, {Text: " in 2017 paid informal school fees."}},
				{{Text: "Most described unpaid labour for the school."}},
			}},
			&doc.List{Ordered: true, Numbered: true, Items: [][]doc.Inline{
				{{Text: "Ask the delegation what the school budget covers."}},
				{{Text: "Ask how fees are recorded."}},
			}},
			&doc.Heading{Level: 1, Text: "Findings", ID: "findings"},
			&doc.Heading{Level: 2, Text: "Education (article 10)", ID: "education"},
			para(true, lorem),
			&doc.Figure{ID: "fig1", Caption: "Figure 1. Education and health: 2014 and 2017, k of n with 95% intervals", Chart: sampleChart()},
			&doc.Figure{ID: "fig2", Caption: "Figure 2. Two findings, drawn upright", Chart: doc.Chart{
				Title: "Fees and labour", Waves: []string{"2014", "2017"}, YLabel: "share (95% CI)",
				Groups: []doc.BarGroup{
					{Label: "Fees", Bars: []doc.Bar{{N: 40, Label: "12 of 40", Share: 0.3, Lo: 0.18, Hi: 0.45}, {N: 40, Label: "20 of 40", Share: 0.5, Lo: 0.35, Hi: 0.65}}},
					{Label: "학교 노동", Bars: []doc.Bar{{N: 40, Label: "33 of 40", Share: 0.825, Lo: 0.68, Hi: 0.91}, {N: 40, Label: "40 of 40", Share: 1, Lo: 0.91, Hi: 1}}},
				},
			}},
			&doc.Quote{Text: koreanQuote, Attribution: "woman in her 30s, left 2014–2016", Language: "ko"},
			&doc.Quote{Text: "When I could not pay, the teacher sent my son to collect scrap metal instead of teaching him.", Attribution: "woman in her 40s, left 2014–2016"},
			para(true, emojiText+" about the school, and then said nothing more."),
			&doc.Heading{Level: 3, Text: "Contributions in kind", ID: "kind"},
			para(false, lorem),
			&doc.PageBreak{},
			&doc.Heading{Level: 2, Text: "Composition of the samples", ID: "composition"},
			para(true, lorem),
			&doc.Table{
				ID: "T1", Caption: "Table 1. " + tableHeader + " of the 80 interviews",
				Header:   []string{tableHeader, "Age band", "Province group", "Year left", "Codes"},
				Align:    []doc.Align{doc.Left, doc.Center, doc.Left, doc.Right, doc.Right},
				Rows:     rows,
				Emphasis: emph,
				Notes:    []string{"Age bands are ten years wide; provinces are grouped.", "Cells under 3 are suppressed in public builds."},
			},
			&doc.Heading{Level: 1, Text: koreanHeading, ID: "korean"},
			para(true, "한국어 문단: 조사 대상자는 2014년과 2016년 사이에 북한을 떠난 여성들이다. Mixed with English."),
			&doc.Table{
				ID: "T2", Caption: "Table 2. Suggested questions",
				Header: []string{"Article", "Question"},
				Widths: []float64{1, 4},
				Rows: [][]string{
					{"10", "What share of the school budget is met by the State, and what by families?"},
					{"12", "How many health workers serve each county hospital?"},
				},
			},
			para(false, "End of the sample document."),
		},
	}
	return d
}
