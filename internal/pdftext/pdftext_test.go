package pdftext

import (
	"strings"
	"testing"
)

// page is a page laid out as pdftotext -layout prints LibreOffice's conversion of a Word file
// with a numbered paragraph whose number sits in its own column, a list, a paragraph that runs
// onto the next page and a table whose cells wrap.
const page = `Executive summary
2.     Compared with 2014, the women interviewed in 2017 reported worse experiences on 2 of
       the findings tested:
3.     They reported better experiences on 1:
       •   Had access to contraception (CEDAW art. 12): 25 of 40 (63%) in 2017, 11 of 50
           (22%) in 2014.
4.     Our main concerns, with suggested questions for the delegation and recommendations,
       follow the findings. Interviews with women who left the country between 2014 and

                                                                                page 3 of 17
` + "\f" + `Example Women's Rights Network (fictional) · CEDAW · 68th session

       2016 describe schools that depend on contributions from families.
Table 1. Findings
 Finding                      2014            2017            difference
 Paid informal school fees    31 of 50 (62%)  28 of 40        +8 points
                              CI 48–74%       (70%)
 Students mobilised for       19 of 50        31 of 40 (78%)  +40 points
 unpaid labour                (38%)
        5.   Ask how fees are recorded.
`

func TestNumbered(t *testing.T) {
	txt := Parse(page)
	for _, c := range []struct {
		n    int
		s    string
		want bool
	}{
		{3, "They reported better experiences on 1:", true},
		{2, "Compared with 2014, the women interviewed in 2017 reported worse experiences on 2 of the findings tested:", true},
		{4, "Our main concerns, with suggested questions for the delegation and recommendations, follow the findings. Interviews with women who left the country between 2014 and 2016 describe schools", true}, // over the page break
		{5, "Ask how fees", true},
		{3, "", true},
		// a number bound to another paragraph, a paragraph missing, a number missing
		{4, "They reported better experiences on 1:", false},
		{2, "They reported better experiences on 1:", false},
		{3, "They reported worse experiences on 1:", false},
		{3, "They reported better experiences on 2:", false},
		{1, "", false},
		{6, "Ask how fees", false},
		// the first line of a paragraph is not the whole of another's
		{2, "Compared with 2014, the women interviewed in 2017 reported worse experiences on 2 of the findings tested: all", false},
		{4, "Our main concerns, with suggested questions for the delegation and recommendations, follow the findings. Interviews with women who left the country between 2014 and 2017", false},
	} {
		if got := txt.Numbered(c.n, c.s); got != c.want {
			t.Errorf("Numbered(%d, %q) = %v, want %v", c.n, c.s, got, c.want)
		}
	}
}

func TestContains(t *testing.T) {
	txt := Parse(page)
	for _, c := range []struct {
		s    string
		want bool
	}{
		{"Executive summary", true},
		{"Paid informal school fees", true},
		{"28 of 40 (70%)", true}, // a cell over two lines, the next cell between
		{"31 of 50 (62%)", true}, // on one line
		{"19 of 50 (38%)", true}, // wrapped
		{"Students mobilised for unpaid labour", true},
		{"CI 48–74%", true},
		{"between 2014 and 2016 describe", true}, // over the page break
		{"Had access to contraception (CEDAW art. 12): 25 of 40 (63%) in 2017, 11 of 50 (22%) in 2014.", true},
		// cells that are not there: the parts are, in other cells or in the wrong order
		{"31 of 50 (70%)", false},
		{"28 of 40 (62%)", false},
		{"Students mobilised for school fees", false},
		{"unpaid labour Students", false},
		{"Paid informal school fee s", true}, // spacing is the extractor's, never the document's
		{"Paid formal school fees", false},
		{"2018 describe schools", false},
	} {
		if got := txt.Contains(c.s); got != c.want {
			t.Errorf("Contains(%q) = %v, want %v", c.s, got, c.want)
		}
	}
	if !txt.Page(1).Contains("Table 1. Findings") || txt.Page(0).Contains("Table 1. Findings") {
		t.Error("Page does not keep to its page")
	}
	if len(txt.Pages) != 2 || !strings.Contains(txt.String(), "\f") {
		t.Errorf("%d pages", len(txt.Pages))
	}
}

func TestPrefix(t *testing.T) {
	for _, c := range []struct {
		s    string
		n    int
		want string
	}{
		{"Paid informal school fees", 10, "Paid inform"},
		{"  28 of 40 ", 4, "28 of"},
		{"학교에 돈을", 3, "학교에"},
		{"short", 40, "short"},
	} {
		if got := Prefix(c.s, c.n); got != c.want {
			t.Errorf("Prefix(%q, %d) = %q, want %q", c.s, c.n, got, c.want)
		}
	}
}
