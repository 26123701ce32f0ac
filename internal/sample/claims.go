package sample

// The sheets of the codebook workbook that hold the State party's claims and the earlier
// recommendations (docs/workbooks.md).
const (
	claimsSheet          = "claims"
	recommendationsSheet = "recommendations"
)

// claimsRows are invented claims of a State party, header first: summaries, never quotations,
// and every one says it is a synthetic example. The paragraphs are made up. Against the sample
// comparison (wave2014.go) the rule of docs/workbooks.md gives: C1 contradicted (28 of 40 paid
// informal school fees, at least 5 people and a quarter), C2 contradicted (pupils mobilised for
// labour: worse), C3 contradicted (29 of 40 paid for care), C4 not contradicted (access to
// contraception: better), C5 contradicted (24 of 40 held in detention).
var claimsRows = [][]string{
	{"id", "symbol", "paragraph", "claim", "form", "asserts", "codes"},
	{"C1", "CEDAW/C/PRK/2-4", "61", "Education is free of charge at every level, and families pay nothing for their children's schooling (synthetic example).", "summarised", "absence", "edu_fees_paid; edu_left_school_cost"},
	{"C2", "CEDAW/C/PRK/2-4", "64", "Schooling has improved since the previous report, and pupils are no longer taken out of lessons for labour (synthetic example).", "summarised", "improvement", "edu_labour_mobilised"},
	{"C3", "CEDAW/C/PRK/2-4", "72", "Medical care at state facilities is free of charge for all women (synthetic example).", "summarised", "absence", "health_paid_care; health_medicine_market"},
	{"C4", "CEDAW/C/PRK/2-4", "75", "Women's access to family planning has improved since the previous report (synthetic example).", "summarised", "improvement", "health_contraception_access"},
	{"C5", "CEDAW/C/PRK/2-4", "88", "Women who return from abroad are not punished for having left the country (synthetic example).", "summarised", "absence", "det_detained; det_body_search"},
}

// recommendationsRows are invented earlier recommendations, header first: two from concluding
// observations, three from a UPR review whose recommending States are fictional. The NGO's
// assessments agree with the sample's findings, so check warns about none of them.
// Recommendation numbers are text ('), as Excel would otherwise turn 124.10 into 124.1.
var recommendationsRows = [][]string{
	{"id", "symbol", "paragraph", "number", "recommending_state", "response", "text", "codes", "assessment", "reason"},
	{"R1", "CEDAW/C/PRK/CO/1", "40", "", "", "", "Ensure that education is free of charge in practice for girls at every level (synthetic example).", "edu_fees_paid; edu_left_school_cost", "not implemented", "Families still report paying informal school fees (synthetic example)."},
	{"R2", "CEDAW/C/PRK/CO/1", "46", "", "", "", "Guarantee women free access to health care and essential medicines (synthetic example).", "health_paid_care; health_medicine_market", "not implemented", "Women still report paying for care and buying medicine at markets (synthetic example)."},
	{"R3", "A/HRC/27/10", "", "'124.57", "Example State A (fictional)", "accepted", "End the punishment of citizens returned from abroad (synthetic example).", "det_repatriated; det_detained", "not implemented", "Returned women still report being held in detention (synthetic example)."},
	{"R4", "A/HRC/27/10", "", "'124.102", "Example State B (fictional)", "noted", "Ensure access to modern contraception for all women (synthetic example).", "health_contraception_access", "partially implemented", "More women report access than before, but not all (synthetic example)."},
	{"R5", "A/HRC/27/10", "", "'124.115", "Example State C (fictional)", "noted", "Allow independent monitors into places of detention (synthetic example).", "", "no information", "The interviews did not ask about monitoring, and no public information was found (synthetic example)."},
}
