package claims

import "testing"

func TestQuestion(t *testing.T) {
	for _, c := range []struct {
		name string
		p    QuestionParts
		want string
	}{
		{"quoted, contradicted, with the code's question",
			QuestionParts{Citation: "CEDAW/C/PRK/2-4, para. 45", Text: "Education is free of charge at every level.", Form: Quoted,
				Evidence: []string{"28 of 40 women interviewed in 2017 said they had paid informal school fees."}, Contradicted: true,
				Ask: "What steps has the State party taken to ensure that schooling is free in practice?"},
			"In CEDAW/C/PRK/2-4 (para. 45), the State party states: “Education is free of charge at every level.” Yet 28 of 40 women interviewed in 2017 said they had paid informal school fees. How does the State party reconcile its statement with these accounts? What steps has the State party taken to ensure that schooling is free in practice?"},
		{"summarised, two findings, no ask",
			QuestionParts{Citation: "A/HRC/WG.6/33/PRK/1, paras. 12–14", Text: "Medical care is free for all citizens", Form: Summarised,
				Evidence: []string{"29 of 40 women interviewed in 2017 said they had paid for care at a state facility", "35 of 40 said they had bought medicine at the market."}, Contradicted: true},
			"In A/HRC/WG.6/33/PRK/1 (paras. 12–14), the State party states in substance that medical care is free for all citizens. Yet 29 of 40 women interviewed in 2017 said they had paid for care at a state facility; 35 of 40 said they had bought medicine at the market. How does the State party reconcile its statement with these accounts?"},
		{"not contradicted, acronym kept",
			QuestionParts{Citation: "CEDAW/C/PRK/2-4, para. 50", Text: "DPRK women enjoy access to contraception.", Form: Summarised,
				Evidence: []string{"25 of 40 women interviewed in 2017 said they could obtain contraception when they wanted it"}},
			"In CEDAW/C/PRK/2-4 (para. 50), the State party states in substance that DPRK women enjoy access to contraception. 25 of 40 women interviewed in 2017 said they could obtain contraception when they wanted it. What data does the State party hold in support of this statement, disaggregated by sex, age and province?"},
		{"no evidence, a quoted claim already in quotation marks",
			QuestionParts{Citation: "CEDAW/C/PRK/2-4", Text: "“Returnees are not punished”", Form: Quoted, Ask: "how are returnees treated"},
			"In CEDAW/C/PRK/2-4, the State party states: “Returnees are not punished”. How are returnees treated?"},
		{"no claim", QuestionParts{Citation: "CEDAW/C/PRK/2-4, para. 45"}, ""},
	} {
		if got := Question(c.p); got != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
}
