package sample

// aggregateSheet is the sheet of a wave known only from its published tables (docs/workbooks.md).
const aggregateSheet = "aggregate"

// wave2014Rows imitates the tables of an invented 2014 report on 50 women who left in
// 2011–2013, header first. Rows give either a count or a percent (in points) of the base n;
// "62%" is written the way Excel stores a typed percentage: 0.62 in a percentage-formatted cell.
// Every percent gives a whole count at the precision it is printed with (17/47 = 36.17 -> "36",
// 12/49 = 24.49 -> "24.5"). det_forced_abortion was not asked in 2014.
//
// The comparison the sample is built to show, 2014 -> 2017 (2017 counted from wave2017Rows: 40
// interviewees after 2 withdrawals, missing and not applicable out of the base). p: two-sided
// Fisher exact test from R (fisher.test); Holm: p.adjust(p, "holm") over the test family, the 17
// directional findings in both waves below (the neutral code, the category values and the
// finding of one wave only are described, not tested).
//
//	code                         direction         2014           2017           p         Holm
//	det_repatriated              worse_if_higher   18/50 (36%)    32/40 (80%)    3.95e-05  0.00067 worse
//	health_contraception_access  better_if_higher  11/50 (22%)    25/40 (62.5%)  0.000187  0.0030  better
//	edu_labour_mobilised         worse_if_higher   19/50 (38%)    31/40 (77.5%)  0.000250  0.0037  worse
//	det_detained                 worse_if_higher   16/50 (32%)    24/40 (60%)    0.0106    0.148   (not after Holm)
//	emp_market_main_income       neutral           30/50 (60%)    30/40 (75%)    0.178     described
//	health_medicine_market       worse_if_higher   39/50 (78%)    35/40 (87.5%)  0.279     1
//	vaw_sexual_official          worse_if_higher    8/50 (16%)     9/39 (23.1%)  0.427     1
//	edu_fees_paid                worse_if_higher   31/50 (62%)    28/40 (70%)    0.506     1
//	emp_unpaid_wages             worse_if_higher   26/50 (52%)    24/40 (60%)    0.524     1
//	health_paid_care             worse_if_higher   33/50 (66%)    29/40 (72.5%)  0.647     1
//	traf_sold_china              worse_if_higher   14/50 (28%)    13/40 (32.5%)  0.652     1
//	health_birth_facility        better_if_higher  17/47 (36.2%)  14/34 (41.2%)  0.652     1
//	traf_broker_debt             worse_if_higher   21/50 (42%)    19/40 (47.5%)  0.672     1
//	det_body_search              worse_if_higher   10/16 (62.5%)  17/24 (70.8%)  0.733     1
//	edu_left_school_cost         worse_if_higher    9/48 (18.8%)   9/39 (23.1%)  0.791     1
//	emp_harassment               worse_if_higher   12/49 (24.5%)  11/38 (28.9%)  0.807     1
//	vaw_domestic                 worse_if_higher   20/50 (40%)    17/40 (42.5%)  0.832     1
//	vaw_reported                 better_if_higher   3/24 (12.5%)   2/20 (10%)    1         1
//	det_forced_abortion          worse_if_higher   not asked       6/24 (25%)    not comparable
//
// Category values show no clear change (p >= 0.67): edu_highest primary / lower secondary /
// upper secondary / college or university 4/12/28/6 of 50 vs 2/8/25/5 of 40; det_facility
// holding centre / labour training camp / pre-trial detention centre / prison camp 14/9/5/2
// of 16 vs 22/15/8/2 of 24. Composition: North Hamgyong or Ryanggang 58% in 2014 vs 75% in
// 2017 (flagged, > 15 points); age 40 and over 32% vs 20%; left_period has no value in common
// (2011-2013 vs 2014-2016).
var wave2014Rows = [][]string{
	{"code", "value", "n", "count", "percent", "source"},

	{"age_band", "under 30", "50", "14", "", "2014 report, p. 8"},
	{"age_band", "30-39", "50", "20", "", "2014 report, p. 8"},
	{"age_band", "40 and over", "50", "16", "", "2014 report, p. 8"},
	{"province_group", "North Hamgyong or Ryanggang", "50", "", "58", "2014 report, p. 8"},
	{"province_group", "other provinces", "50", "", "42", "2014 report, p. 8"},
	{"left_period", "2011-2013", "50", "50", "", "2014 report, p. 8"},
	{"left_period", "2014-2016", "50", "0", "", "2014 report, p. 8"},

	{"edu_fees_paid", "", "50", "", "62%", "2014 report, p. 14"},
	{"edu_labour_mobilised", "", "50", "19", "", "2014 report, p. 14"},
	{"edu_left_school_cost", "", "48", "9", "", "2014 report, p. 15"},
	{"edu_highest", "primary", "50", "", "8", "2014 report, p. 12"},
	{"edu_highest", "lower secondary", "50", "", "24", "2014 report, p. 12"},
	{"edu_highest", "upper secondary", "50", "", "56", "2014 report, p. 12"},
	{"edu_highest", "college or university", "50", "", "12", "2014 report, p. 12"},

	{"health_paid_care", "", "50", "", "66", "2014 report, p. 19"},
	{"health_medicine_market", "", "50", "39", "", "2014 report, p. 19"},
	{"health_contraception_access", "", "50", "", "22", "2014 report, p. 20"},
	{"health_birth_facility", "", "47", "", "36", "2014 report, p. 21"},

	{"emp_unpaid_wages", "", "50", "26", "", "2014 report, p. 23"},
	{"emp_market_main_income", "", "50", "", "60", "2014 report, p. 23"},
	{"emp_harassment", "", "49", "", "24.5", "2014 report, p. 24"},

	{"vaw_domestic", "", "50", "20", "", "2014 report, p. 27"},
	{"vaw_sexual_official", "", "50", "", "16", "2014 report, p. 27"},
	{"vaw_reported", "", "24", "3", "", "2014 report, p. 28"},

	{"traf_sold_china", "", "50", "14", "", "2014 report, p. 31"},
	{"traf_broker_debt", "", "50", "", "42", "2014 report, p. 31"},

	{"det_repatriated", "", "50", "18", "", "2014 report, p. 34"},
	{"det_detained", "", "50", "16", "", "2014 report, p. 34"},
	{"det_body_search", "", "16", "10", "", "2014 report, p. 35"},
	{"det_facility", "holding centre", "16", "14", "", "2014 report, p. 35"},
	{"det_facility", "labour training camp", "16", "9", "", "2014 report, p. 35"},
	{"det_facility", "pre-trial detention centre", "16", "5", "", "2014 report, p. 35"},
	{"det_facility", "prison camp", "16", "2", "", "2014 report, p. 35"},
}
