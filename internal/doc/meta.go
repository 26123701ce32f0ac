package doc

import "strings"

// The fixed words of covers and running marks, the same in every renderer.
const (
	ConfidentialShort = "Confidential — for the Committee only"
	ConfidentialLong  = "CONFIDENTIAL — for the Committee only. Not for publication."
	PublicStatement   = "This submission may be published on the OHCHR website."
	SyntheticBand     = "Built from SYNTHETIC sample data — not real testimony"
)

// committees maps UN mechanisms to the names used on a cover.
var committees = map[string]string{
	"CEDAW": "Committee on the Elimination of Discrimination against Women",
	"CRC":   "Committee on the Rights of the Child",
	"CAT":   "Committee against Torture",
	"CCPR":  "Human Rights Committee",
	"CESCR": "Committee on Economic, Social and Cultural Rights",
	"CERD":  "Committee on the Elimination of Racial Discrimination",
	"CMW":   "Committee on the Protection of the Rights of All Migrant Workers and Members of Their Families",
	"CRPD":  "Committee on the Rights of Persons with Disabilities",
	"CED":   "Committee on Enforced Disappearances",
}

// SubmittedTo is the "Submitted to the Committee … (CEDAW)" line; an unknown mechanism is
// printed as given, and no mechanism gives "".
func (m Meta) SubmittedTo() string {
	mech := strings.TrimSpace(m.Mechanism)
	switch key := strings.ToUpper(mech); {
	case mech == "":
		return ""
	case key == "UPR":
		return "Submitted for the Universal Periodic Review (UPR) of the Human Rights Council"
	case committees[key] != "":
		return "Submitted to the " + committees[key] + "\u00a0(" + key + ")" // the acronym never ends up alone on a line
	}
	return "Submitted to " + mech
}

// StagePhrase says what the submission is for: "for the review of the Democratic People's
// Republic of Korea", "for the list of issues on Kenya"; a stage it does not know is printed as given.
func (m Meta) StagePhrase() string {
	s := strings.ToLower(strings.Join(strings.FieldsFunc(m.Stage, func(r rune) bool {
		return r == ' ' || r == '_' || r == '-'
	}), " "))
	state := "the State party"
	if strings.TrimSpace(m.State) != "" {
		state = StateName(m.State)
	}
	switch {
	case s == "":
		return ""
	case s == "loipr" || strings.Contains(s, "prior to reporting"):
		return "for the list of issues prior to reporting on " + state
	case s == "loi" || s == "lois" || strings.Contains(s, "list of issues"):
		return "for the list of issues on " + state
	case strings.Contains(s, "follow up"):
		return "for the follow-up to the concluding observations on " + state
	case strings.Contains(s, "review"), strings.Contains(s, "dialogue"), strings.Contains(s, "periodic report"):
		return "for the review of " + state
	}
	return strings.TrimSpace(m.Stage)
}

// Organisations lists the submitting organisation and the co-submitters, blanks left out.
func (m Meta) Organisations() []string {
	var names []string
	for _, n := range append([]string{m.Organisation}, m.CoSubmitters...) {
		if n = strings.TrimSpace(n); n != "" {
			names = append(names, n)
		}
	}
	return names
}

// Keywords are the file's keywords: mechanism, session, state.
func (m Meta) Keywords() string {
	var k []string
	if m.Confidential {
		k = append(k, "CONFIDENTIAL", "not for publication")
	}
	for _, s := range []string{m.Mechanism, m.Session, m.State, "shadow report"} {
		if s = strings.TrimSpace(s); s != "" {
			k = append(k, s)
		}
	}
	return strings.Join(k, "; ")
}

// StateName puts "the" before the names of States that take it in running text: "the
// Democratic People's Republic of Korea", "the United Kingdom", but "Kenya". An empty name
// is "the country".
func StateName(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return "the country"
	}
	low := strings.ToLower(s)
	if strings.HasPrefix(low, "the ") {
		return s
	}
	for _, w := range []string{"republic", "kingdom", "united", "federation", "states", "emirates", "islands", "netherlands", "philippines", "democratic", "gambia", "bahamas", "holy see"} {
		if strings.Contains(low, w) {
			return "the " + s
		}
	}
	return s
}
