package sample

// Sheets of an interview wave (docs/workbooks.md).
const (
	interviewsSheet = "interviews"
	quotesSheet     = "quotes"
)

// wave2017Rows are 42 invented interviewees, header first: one row per person, one column per
// code. Nobody here exists. The cells are typed the way a researcher would type them, to
// exercise the spellings docs/workbooks.md accepts: mostly yes/no, a few Y, n, YES, No, 예, 아니오, and
// TRUE/FALSE (written as Excel booleans, as Excel stores them when typed); not applicable as
// n/a, N/A, na, not applicable, 해당없음; a blank cell is missing. children are numbers.
// det_facility lists places separated by "; " (once capitalised, once without the space).
//
// Two people withdrew consent (W17-017, W17-033); the other 40 are counted. Among the 40,
// (age_band, province_group, left_period) groups are: under 30 / North Hamgyong or Ryanggang 10,
// 30-39 / North Hamgyong or Ryanggang 12, 40 and over / North Hamgyong or Ryanggang 8,
// under 30 / other provinces 5, 30-39 / other provinces 5; all left 2014-2016. Every group holds
// both answers of each sensitive yes/no code. See wave2014Rows for the intended comparison.
var wave2017Rows = [][]string{
	{"id", "consent", "age_band", "province_group", "left_period", "children", "edu_highest", "edu_fees_paid", "edu_labour_mobilised", "edu_left_school_cost", "health_paid_care", "health_medicine_market", "health_contraception_access", "health_birth_facility", "emp_unpaid_wages", "emp_market_main_income", "emp_harassment", "vaw_domestic", "vaw_sexual_official", "vaw_reported", "traf_sold_china", "traf_broker_debt", "det_repatriated", "det_detained", "det_body_search", "det_forced_abortion", "det_facility", "other_remarks"},

	{"W17-001", "quote", "30-39", "other provinces", "2014-2016", "1", "college or university", "no", "no", "no", "yes", "yes", "yes", "yes", "yes", "yes", "yes", "no", "no", "n/a", "no", "no", "no", "no", "N/A", "n/a", "해당없음", ""},
	{"W17-002", "quote", "under 30", "other provinces", "2014-2016", "2", "college or university", "yes", "yes", "no", "yes", "yes", "yes", "no", "no", "yes", "no", "yes", "no", "no", "no", "no", "yes", "yes", "no", "no", "holding centre; pre-trial detention centre; prison camp", ""},
	{"W17-003", "aggregate", "under 30", "North Hamgyong or Ryanggang", "2014-2016", "1", "upper secondary", "Y", "no", "no", "yes", "yes", "no", "yes", "yes", "yes", "no", "yes", "no", "no", "no", "no", "yes", "yes", "no", "no", "holding centre; pre-trial detention centre", ""},
	{"W17-004", "aggregate", "40 and over", "North Hamgyong or Ryanggang", "2014-2016", "2", "upper secondary", "no", "yes", "yes", "yes", "yes", "yes", "no", "yes", "no", "yes", "no", "no", "n/a", "no", "yes", "yes", "yes", "yes", "no", "holding centre", "Interview held over two sessions."},
	{"W17-005", "aggregate", "under 30", "other provinces", "2014-2016", "0", "upper secondary", "yes", "no", "no", "yes", "yes", "no", "na", "yes", "no", "no", "no", "no", "n/a", "yes", "no", "no", "no", "not applicable", "N/A", "n/a", ""},
	{"W17-006", "quote", "30-39", "North Hamgyong or Ryanggang", "2014-2016", "3", "upper secondary", "yes", "yes", "no", "yes", "yes", "yes", "yes", "no", "yes", "no", "no", "no", "n/a", "no", "yes", "yes", "yes", "yes", "no", "Holding centre; labour training camp; pre-trial detention centre; prison camp", ""},
	{"W17-007", "aggregate", "under 30", "North Hamgyong or Ryanggang", "2014-2016", "1", "upper secondary", "no", "yes", "no", "yes", "yes", "yes", "no", "no", "no", "no", "yes", "yes", "yes", "yes", "no", "예", "yes", "yes", "no", "holding centre; labour training camp", ""},
	{"W17-008", "aggregate", "under 30", "North Hamgyong or Ryanggang", "2014-2016", "0", "upper secondary", "yes", "yes", "yes", "no", "yes", "yes", "N/A", "yes", "no", "", "no", "no", "n/a", "no", "yes", "yes", "no", "해당없음", "n/a", "na", "Did not want to talk about her workplace."},
	{"W17-009", "aggregate", "30-39", "North Hamgyong or Ryanggang", "2014-2016", "1", "lower secondary", "yes", "yes", "no", "yes", "yes", "yes", "no", "yes", "yes", "no", "yes", "no", "no", "no", "yes", "yes", "yes", "no", "no", "holding centre; labour training camp", ""},
	{"W17-010", "aggregate", "30-39", "North Hamgyong or Ryanggang", "2014-2016", "2", "lower secondary", "yes", "yes", "no", "yes", "no", "yes", "yes", "yes", "yes", "yes", "TRUE", "yes", "no", "yes", "no", "yes", "yes", "yes", "no", "holding centre;labour training camp", ""},
	{"W17-011", "quote", "30-39", "North Hamgyong or Ryanggang", "2014-2016", "2", "upper secondary", "no", "yes", "yes", "yes", "yes", "no", "no", "yes", "yes", "no", "yes", "no", "no", "no", "no", "yes", "no", "n/a", "not applicable", "N/A", ""},
	{"W17-012", "quote", "30-39", "North Hamgyong or Ryanggang", "2014-2016", "1", "upper secondary", "yes", "yes", "no", "yes", "yes", "yes", "yes", "yes", "yes", "no", "yes", "yes", "no", "yes", "yes", "yes", "yes", "yes", "yes", "holding centre", "Interpreter present for part of the interview."},
	{"W17-013", "quote", "30-39", "other provinces", "2014-2016", "2", "lower secondary", "yes", "yes", "no", "yes", "yes", "no", "yes", "no", "no", "no", "yes", "no", "no", "yes", "no", "yes", "no", "n/a", "n/a", "N/A", ""},
	{"W17-014", "aggregate", "40 and over", "North Hamgyong or Ryanggang", "2014-2016", "1", "primary", "no", "yes", "no", "yes", "No", "yes", "no", "yes", "yes", "no", "no", "yes", "no", "no", "yes", "yes", "yes", "yes", "no", "holding centre; labour training camp", ""},
	{"W17-015", "quote", "under 30", "other provinces", "2014-2016", "1", "lower secondary", "yes", "yes", "no", "yes", "yes", "no", "yes", "no", "yes", "yes", "yes", "yes", "no", "yes", "yes", "yes", "yes", "yes", "yes", "holding centre", ""},
	{"W17-016", "aggregate", "under 30", "North Hamgyong or Ryanggang", "2014-2016", "2", "upper secondary", "yes", "yes", "no", "yes", "yes", "no", "no", "no", "yes", "yes", "no", "no", "n/a", "yes", "no", "yes", "yes", "yes", "no", "holding centre; labour training camp; pre-trial detention centre", ""},
	{"W17-017", "withdrawn", "under 30", "North Hamgyong or Ryanggang", "2014-2016", "1", "college or university", "yes", "yes", "no", "no", "yes", "yes", "yes", "no", "yes", "yes", "no", "no", "해당없음", "no", "yes", "yes", "yes", "yes", "yes", "holding centre", ""},
	{"W17-018", "quote", "under 30", "other provinces", "2014-2016", "1", "upper secondary", "no", "yes", "yes", "yes", "yes", "yes", "no", "yes", "yes", "yes", "no", "no", "n/a", "no", "yes", "yes", "yes", "yes", "no", "holding centre; labour training camp", ""},
	{"W17-019", "aggregate", "40 and over", "North Hamgyong or Ryanggang", "2014-2016", "2", "lower secondary", "yes", "no", "no", "yes", "yes", "yes", "no", "yes", "yes", "", "no", "no", "na", "no", "yes", "yes", "yes", "yes", "no", "holding centre; labour training camp", "Did not want to talk about her workplace."},
	{"W17-020", "aggregate", "under 30", "North Hamgyong or Ryanggang", "2014-2016", "2", "upper secondary", "no", "no", "yes", "yes", "yes", "yes", "no", "yes", "yes", "no", "yes", "no", "no", "yes", "no", "yes", "no", "n/a", "not applicable", "N/A", ""},
	{"W17-021", "quote", "under 30", "North Hamgyong or Ryanggang", "2014-2016", "0", "upper secondary", "yes", "yes", "no", "no", "yes", "yes", "n/a", "n", "yes", "no", "yes", "no", "no", "no", "no", "yes", "yes", "no", "no", "labour training camp", "Also described events from years before she left."},
	{"W17-022", "quote", "under 30", "North Hamgyong or Ryanggang", "2014-2016", "0", "lower secondary", "yes", "yes", "no", "yes", "no", "yes", "n/a", "no", "no", "yes", "no", "yes", "no", "no", "yes", "yes", "yes", "yes", "no", "holding centre; labour training camp", ""},
	{"W17-023", "quote", "40 and over", "North Hamgyong or Ryanggang", "2014-2016", "2", "upper secondary", "yes", "yes", "no", "yes", "yes", "no", "no", "no", "yes", "no", "yes", "no", "yes", "yes", "yes", "yes", "yes", "yes", "yes", "holding centre; pre-trial detention centre", ""},
	{"W17-024", "quote", "30-39", "other provinces", "2014-2016", "3", "upper secondary", "yes", "yes", "no", "yes", "yes", "yes", "yes", "yes", "no", "no", "no", "no", "N/A", "no", "yes", "yes", "yes", "yes", "yes", "labour training camp", ""},
	{"W17-025", "quote", "30-39", "North Hamgyong or Ryanggang", "2014-2016", "2", "upper secondary", "no", "no", "no", "yes", "yes", "no", "no", "no", "yes", "no", "no", "no", "n/a", "no", "예", "yes", "yes", "no", "no", "holding centre", ""},
	{"W17-026", "quote", "40 and over", "North Hamgyong or Ryanggang", "2014-2016", "3", "primary", "yes", "no", "no", "yes", "yes", "yes", "no", "yes", "yes", "no", "no", "no", "해당없음", "no", "no", "yes", "no", "n/a", "na", "n/a", ""},
	{"W17-027", "quote", "30-39", "other provinces", "2014-2016", "1", "upper secondary", "yes", "no", "no", "no", "no", "no", "no", "yes", "yes", "no", "no", "no", "not applicable", "no", "yes", "yes", "yes", "yes", "no", "holding centre; labour training camp", ""},
	{"W17-028", "aggregate", "30-39", "North Hamgyong or Ryanggang", "2014-2016", "2", "upper secondary", "no", "yes", "no", "no", "yes", "no", "no", "no", "no", "no", "no", "no", "N/A", "no", "no", "아니오", "no", "n/a", "n/a", "N/A", "Spoke mostly about her children's schooling."},
	{"W17-029", "aggregate", "under 30", "North Hamgyong or Ryanggang", "2014-2016", "1", "upper secondary", "no", "YES", "no", "yes", "yes", "no", "no", "yes", "yes", "no", "no", "no", "n/a", "yes", "yes", "no", "no", "해당없음", "n/a", "na", ""},
	{"W17-030", "aggregate", "under 30", "North Hamgyong or Ryanggang", "2014-2016", "1", "college or university", "yes", "yes", "no", "no", "yes", "yes", "yes", "no", "yes", "yes", "no", "no", "n/a", "no", "yes", "yes", "yes", "yes", "yes", "holding centre", ""},
	{"W17-031", "quote", "40 and over", "North Hamgyong or Ryanggang", "2014-2016", "4", "upper secondary", "yes", "yes", "yes", "no", "yes", "no", "no", "no", "yes", "no", "no", "no", "not applicable", "yes", "no", "yes", "no", "N/A", "n/a", "n/a", ""},
	{"W17-032", "quote", "30-39", "North Hamgyong or Ryanggang", "2014-2016", "1", "college or university", "아니오", "yes", "no", "yes", "yes", "no", "no", "yes", "yes", "no", "no", "no", "N/A", "no", "no", "yes", "no", "n/a", "해당없음", "n/a", ""},
	{"W17-033", "withdrawn", "30-39", "North Hamgyong or Ryanggang", "2014-2016", "1", "lower secondary", "yes", "yes", "no", "yes", "yes", "yes", "no", "yes", "yes", "no", "yes", "no", "no", "no", "yes", "yes", "yes", "no", "no", "holding centre; labour training camp", ""},
	{"W17-034", "quote", "40 and over", "North Hamgyong or Ryanggang", "2014-2016", "2", "lower secondary", "yes", "yes", "no", "FALSE", "yes", "no", "yes", "yes", "yes", "no", "yes", "yes", "no", "no", "no", "no", "no", "na", "n/a", "not applicable", ""},
	{"W17-035", "quote", "30-39", "other provinces", "2014-2016", "2", "upper secondary", "no", "yes", "", "no", "yes", "yes", "no", "no", "yes", "no", "yes", "yes", "no", "no", "no", "yes", "yes", "no", "no", "holding centre; labour training camp; pre-trial detention centre", "Unsure whether costs were the reason she left school."},
	{"W17-036", "aggregate", "under 30", "North Hamgyong or Ryanggang", "2014-2016", "1", "upper secondary", "yes", "yes", "yes", "yes", "yes", "yes", "yes", "yes", "yes", "no", "no", "no", "N/A", "no", "yes", "no", "no", "n/a", "n/a", "N/A", ""},
	{"W17-037", "quote", "30-39", "North Hamgyong or Ryanggang", "2014-2016", "2", "upper secondary", "yes", "yes", "yes", "yes", "yes", "yes", "yes", "yes", "yes", "no", "yes", "", "no", "no", "yes", "yes", "yes", "yes", "no", "holding centre; pre-trial detention centre", "Asked to skip some questions on violence."},
	{"W17-038", "quote", "under 30", "other provinces", "2014-2016", "0", "upper secondary", "yes", "yes", "no", "no", "yes", "yes", "n/a", "yes", "Y", "no", "no", "no", "해당없음", "no", "no", "yes", "no", "n/a", "na", "n/a", "Second interviewer present."},
	{"W17-039", "aggregate", "30-39", "North Hamgyong or Ryanggang", "2014-2016", "1", "upper secondary", "yes", "yes", "yes", "no", "yes", "yes", "no", "yes", "no", "yes", "yes", "no", "no", "yes", "no", "no", "no", "not applicable", "N/A", "n/a", ""},
	{"W17-040", "quote", "30-39", "North Hamgyong or Ryanggang", "2014-2016", "3", "upper secondary", "yes", "no", "no", "no", "no", "yes", "yes", "no", "no", "yes", "no", "no", "n/a", "yes", "no", "no", "no", "N/A", "n/a", "해당없음", ""},
	{"W17-041", "quote", "40 and over", "North Hamgyong or Ryanggang", "2014-2016", "3", "lower secondary", "yes", "yes", "no", "yes", "yes", "no", "yes", "no", "yes", "yes", "yes", "no", "no", "no", "no", "yes", "yes", "no", "no", "holding centre; labour training camp; pre-trial detention centre", ""},
	{"W17-042", "quote", "30-39", "North Hamgyong or Ryanggang", "2014-2016", "0", "college or university", "yes", "yes", "no", "yes", "yes", "yes", "n/a", "yes", "yes", "no", "no", "yes", "no", "no", "yes", "yes", "yes", "yes", "yes", "holding centre; labour training camp", ""},
}

// wave2017Quotes are invented, non-identifying quotes, header first. Only reviewed quotes of
// quote-consent interviewees may ever be published: W17-013's is not reviewed, W17-003 consented
// to be counted only, and W17-017 withdrew.
var wave2017Quotes = [][]string{
	{"id", "code", "text", "reviewed"},
	{"W17-002", "edu_labour_mobilised", "Every spring and autumn the whole class was sent to the farms for weeks. There were no lessons then.", "yes"},
	{"W17-001", "health_paid_care", "At the state hospital the doctor would not see my mother until we brought money and cigarettes.", "yes"},
	{"W17-006", "det_body_search", "When we were sent back from China the guards searched our bodies in front of everyone. Nobody could refuse.", "yes"},
	{"W17-012", "edu_fees_paid", "학교에 돈을 내지 못하면 아이들이 수업에서 쫓겨났습니다.", "yes"},
	{"W17-011", "health_medicine_market", "병원에는 약이 없어서 장마당에서 약을 사야 했습니다.", "yes"},
	{"W17-015", "det_repatriated", "중국에서 붙잡혀 북송된 뒤 여러 달 동안 조사를 받았습니다.", "yes"},
	{"W17-013", "vaw_domestic", "My husband beat me when he drank. The neighbours said it was a family matter.", "no"},
	{"W17-003", "det_detained", "In the holding centre we worked from early morning and were given one small bowl of corn a day.", "yes"},
	{"W17-017", "traf_broker_debt", "The broker said I owed him for the journey across the border, and I worked for a year to pay it.", "yes"},
}

// Quotes returns the 2017 quotes as rows of id, code, text, reviewed (for tests that check
// what is published).
func Quotes() [][]string { return wave2017Quotes[1:] }
