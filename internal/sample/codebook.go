package sample

// codebookSheet is the sheet interviews/codebook.xlsx holds the coding scheme in (spec §3).
const codebookSheet = "codebook"

// codebookRows is the sample coding scheme, header first. The three quasi-identifiers are
// coarse on purpose: 10-year age bands, two province groups, three-year periods of leaving.
var codebookRows = [][]string{
	{"code", "label", "label_ko", "type", "values", "theme", "article", "direction", "question", "sensitive", "identifier"},

	{"age_band", "Age band", "연령대", "category", "under 30;30-39;40 and over", "profile", "", "", "How old were you when you left?", "", "quasi"},
	{"province_group", "Province group", "출신 지역", "category", "North Hamgyong or Ryanggang;other provinces", "profile", "", "", "In which province did you live before you left?", "", "quasi"},
	{"left_period", "Period of leaving", "탈북 시기", "category", "2011-2013;2014-2016", "profile", "", "", "In which year did you leave the country?", "", "quasi"},
	{"children", "Number of children", "자녀 수", "number", "", "profile", "", "", "How many children have you given birth to?", "", ""},

	{"edu_fees_paid", "Paid informal school fees", "비공식 학교 비용 납부", "yesno", "", "education", "CEDAW art. 10", "worse_if_higher", "Did you have to pay money or goods to the school for yourself or your children?", "", ""},
	{"edu_labour_mobilised", "Students mobilised for unpaid labour", "학생 무급 노동 동원", "yesno", "", "education", "CEDAW art. 10", "worse_if_higher", "Were you or your children taken out of lessons for unpaid farm or construction work?", "", ""},
	{"edu_left_school_cost", "Left school because of costs", "비용 때문에 학업 중단", "yesno", "", "education", "CEDAW art. 10", "worse_if_higher", "Did you or a daughter leave school early because the family could not pay?", "", ""},
	{"edu_highest", "Highest education", "최종 학력", "category", "primary;lower secondary;upper secondary;college or university", "education", "CEDAW art. 10", "neutral", "What is the highest level of school you completed?", "", ""},

	{"health_paid_care", "Paid for care at a state facility", "국영 병원 진료비 지불", "yesno", "", "health", "CEDAW art. 12", "worse_if_higher", "Did you have to pay money or gifts to be treated at a state clinic or hospital?", "", ""},
	{"health_medicine_market", "Bought medicine at the market", "장마당에서 약 구입", "yesno", "", "health", "CEDAW art. 12", "worse_if_higher", "Did you have to buy medicine at the market because the clinic had none?", "", ""},
	{"health_contraception_access", "Had access to contraception", "피임 수단 이용 가능", "yesno", "", "health", "CEDAW art. 12", "better_if_higher", "Could you obtain contraception when you wanted it?", "", ""},
	{"health_birth_facility", "Gave birth at a medical facility", "의료시설에서 출산", "yesno", "", "health", "CEDAW art. 12", "better_if_higher", "Did you give birth at a hospital or clinic? (not applicable without children)", "", ""},

	{"emp_unpaid_wages", "Wages unpaid at the assigned workplace", "임금 미지급", "yesno", "", "employment", "CEDAW art. 11", "worse_if_higher", "Did your assigned workplace fail to pay your wages or rations?", "", ""},
	{"emp_market_main_income", "Market trade was the main income", "장사가 주 수입원", "yesno", "", "employment", "CEDAW art. 11", "neutral", "Was trading at the market your household's main income?", "", ""},
	{"emp_harassment", "Sexual harassment at the workplace", "직장 내 성희롱", "yesno", "", "employment", "CEDAW art. 11", "worse_if_higher", "Were you sexually harassed by a superior or colleague at work?", "yes", ""},

	{"vaw_domestic", "Domestic violence", "가정폭력", "yesno", "", "violence", "CEDAW GR 19/35", "worse_if_higher", "Were you hit or hurt by your husband or another family member?", "yes", ""},
	{"vaw_sexual_official", "Sexual violence by an official", "공무원에 의한 성폭력", "yesno", "", "violence", "CEDAW GR 19/35", "worse_if_higher", "Were you sexually assaulted by an official, guard or police officer?", "yes", ""},
	{"vaw_reported", "Reported violence to the authorities", "폭력 피해 신고", "yesno", "", "violence", "CEDAW GR 19/35", "better_if_higher", "Did you report the violence to the authorities? (not applicable without violence)", "", ""},

	{"traf_sold_china", "Sold or trafficked in China", "중국에서 인신매매 피해", "yesno", "", "trafficking", "CEDAW art. 6", "worse_if_higher", "Were you sold to a man or forced to work by a broker in China?", "yes", ""},
	{"traf_broker_debt", "Owed a debt to a broker", "브로커 빚", "yesno", "", "trafficking", "CEDAW art. 6", "worse_if_higher", "Did you owe money to a broker for your journey?", "", ""},

	{"det_repatriated", "Forcibly repatriated from China", "중국에서 강제송환", "yesno", "", "detention", "CEDAW art. 2, 12, 15", "worse_if_higher", "Were you ever caught in China and sent back?", "", ""},
	{"det_detained", "Held in detention", "구금 경험", "yesno", "", "detention", "CEDAW art. 2, 12, 15", "worse_if_higher", "Were you ever held in a holding centre, labour training camp, detention centre or prison camp?", "yes", ""},
	{"det_body_search", "Invasive body search in detention", "구금 중 신체 수색", "yesno", "", "detention", "CEDAW art. 2, 12, 15", "worse_if_higher", "Were you searched inside your body while detained? (not applicable if never detained)", "yes", ""},
	{"det_forced_abortion", "Forced abortion in detention", "구금 중 강제 낙태", "yesno", "", "detention", "CEDAW art. 2, 12, 15", "worse_if_higher", "While detained, did you undergo or see a forced abortion? (asked from 2017; not applicable if never detained)", "yes", ""},
	{"det_facility", "Place of detention", "구금 시설", "multi", "holding centre;labour training camp;pre-trial detention centre;prison camp", "detention", "CEDAW art. 2, 12, 15", "neutral", "Where were you held? (all that apply; not applicable if never detained)", "", ""},

	{"other_remarks", "Other remarks", "기타 메모", "text", "", "", "", "", "Interviewer's notes (never counted or published)", "", ""},
}
