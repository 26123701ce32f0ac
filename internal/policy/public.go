package policy

import (
	"fmt"
	"math"
	"strconv"

	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/compare"
	"github.com/shadowreport/shadowreport/internal/dataset"
	"github.com/shadowreport/shadowreport/internal/english"
	"github.com/shadowreport/shadowreport/internal/privacy"
	"github.com/shadowreport/shadowreport/internal/project"
)

// Public is the comparison as it may be published: findings.json is its JSON, and every
// document (report, handouts, Word file, annex) takes its numbers from it. Nothing in it gives
// back what it withholds: a withheld count has no share, interval, difference or test either.
type Public struct {
	From, To string
	Level    float64
	Adjust   string
	MinN     int
	// MinCell is the smallest count published as a number for a sensitive finding.
	MinCell int
	Tests   int
	// Single is set for a report of one wave: From is "" and nothing is compared.
	Single bool
	// Family says which findings were tested together; Power the smallest change the
	// comparison could detect: they depend on the numbers of answers, never on a withheld
	// count. Agreement is the coders' agreement: alpha depends on how many gave each answer,
	// so for sensitive codes and quasi-identifiers only whether it reached 0.667 is published;
	// for the others alpha and the raw agreement are rounded to two decimals.
	Family    compare.Family
	Power     *compare.Power
	Agreement []compare.Agreement
	// Standardisation re-weights a wave to the other's profile; nil when none was made or when
	// publishing it would give a hidden count of who was interviewed back (Withheld says why).
	Standardisation *compare.Standardisation
	// StandardisationWithheld says why the standardisation is not published, or "".
	StandardisationWithheld string
	Findings                []Finding
	// NotComparable are the findings only one of the two waves has.
	NotComparable []NotComparable
	// Composition holds, per quasi-identifier, who was interviewed in each wave.
	Composition []CompositionTable
	Numbers     []Numbers
}

// Show says how a wave's count of a finding may be published (privacy.Protect decides).
type Show = privacy.Show

// The ways of showing a count.
const (
	Exact         = privacy.Exact
	Fewer         = privacy.Fewer
	AllBut        = privacy.AllBut
	TooFewAnswers = privacy.TooFewAnswers
	Hidden        = privacy.Hidden
	NoFigures     = privacy.NoFigures
)

// Side is what one wave says about a finding, as it may be published.
type Side struct {
	Wave string
	// n is how many answered: N gives it when it may be shown (not for NoFigures).
	n     int
	Show  Show
	count int // the count itself: Count gives it only when it may be shown
	// why says, for NoFigures, why nothing is shown ("fewer than 5 answered").
	why string
	// Share and CI are nil when the count is withheld (or N is 0).
	Share *float64
	CI    *compare.Interval
	// Sources are the publications the figures of an aggregate wave come from.
	Sources []string
	// Rebuilt is set for a count rebuilt from a published percentage: Range gives the counts
	// it may be when several fit.
	Rebuilt  bool
	countMin int
	countMax int
	// Missing and NotApplicable count those who did not answer (nil for published figures).
	Missing, NotApplicable *int
	minCell                int
}

// Count returns the count when it may be published.
func (s Side) Count() (int, bool) { return s.count, s.Show == Exact }

// N returns how many answered, when it may be published: not when fewer than min_cell
// answered or when the number would give a hidden count away (NoFigures).
func (s Side) N() (int, bool) {
	if s.Show == NoFigures {
		return 0, false
	}
	return s.n, true
}

// NoAnswers reports whether nobody answered (a published fact: never for a NoFigures side).
func (s Side) NoAnswers() bool { return s.Show != NoFigures && s.n == 0 }

// Why says why nothing of a NoFigures side is shown: "fewer than 5 answered", or "" otherwise.
func (s Side) Why() string { return s.why }

// Range returns the least and most the count may be, as published: [k, k] when exact and
// known; the counts a rebuilt percentage allows.
func (s Side) Range() (lo, hi int) {
	switch s.Show {
	case Fewer:
		return 1, min(s.minCell-1, s.n)
	case AllBut:
		return max(s.n-s.minCell+1, 0), s.n
	case TooFewAnswers, Hidden:
		return 0, s.n
	case NoFigures:
		return 0, 0 // nothing is published: not even a bound
	}
	if s.Rebuilt {
		return s.countMin, s.countMax
	}
	return s.count, s.count
}

// KofN words the count: "28 of 40", "fewer than 5 of 40", "all but fewer than 5 of 40",
// "not shown (8 answered)", "x of 40" (hidden with a smaller count of the code), "not shown
// (fewer than 5 answered)".
func (s Side) KofN() string {
	n := strconv.Itoa(s.n)
	switch s.Show {
	case Fewer:
		return "fewer than " + strconv.Itoa(s.minCell) + " of " + n
	case AllBut:
		return "all but fewer than " + strconv.Itoa(s.minCell) + " of " + n
	case TooFewAnswers:
		return "not shown (" + n + " answered)"
	case Hidden:
		return "x of " + n
	case NoFigures:
		return "not shown (" + s.why + ")"
	}
	return s.exact() + " of " + n
}

// exact words an exact count: "28", or "28–29" for a rebuilt percentage several counts fit.
func (s Side) exact() string {
	if s.Rebuilt && s.countMax > s.countMin {
		return strconv.Itoa(s.countMin) + "–" + strconv.Itoa(s.countMax)
	}
	return strconv.Itoa(s.count)
}

// Short words the count for a chart label or a narrow cell: "28 of 40", "<5 of 40",
// "all but <5 of 40", "n = 8".
func (s Side) Short() string {
	n := strconv.Itoa(s.n)
	switch s.Show {
	case Fewer:
		return "<" + strconv.Itoa(s.minCell) + " of " + n
	case AllBut:
		return "all but <" + strconv.Itoa(s.minCell) + " of " + n
	case TooFewAnswers:
		return "n = " + n
	case Hidden:
		return "x of " + n
	case NoFigures:
		return "not shown"
	}
	return s.exact() + " of " + n
}

// Finding is one value of one code compared between the two waves, as it may be published.
type Finding struct {
	Code, Value, Label string
	Labels             map[string]string
	Type               codebook.Type
	Theme, Article     string
	Direction          codebook.Direction
	Sensitive          bool
	From, To           Side
	// Diff, DiffCI, P and PAdjusted are nil when either side is withheld.
	Diff      *float64
	DiffCI    *compare.Interval
	P         *float64
	PAdjusted *float64
	Verdict   compare.Verdict
	// Family is the finding's role in the tests (compare.RoleTested…); CINote the note its
	// interval needs beside its verdict; MissingFlag marks shares of missing answers that
	// differ between the waves; NotRobust a verdict that does not survive standardisation;
	// Standardised the finding standardised to the other wave's profile (nil when withheld).
	Family       string
	CINote       string
	MissingFlag  bool
	NotRobust    bool
	Standardised *compare.Standardised
	// StandardisedWithheld is set when the finding was standardised but its standardised share
	// is not published (a sensitive finding): NotRobust still says whether it survived.
	StandardisedWithheld bool
	code                 *codebook.Code
}

// CodeDef returns the codebook entry of the finding's code.
func (f Finding) CodeDef() *codebook.Code { return f.code }

// Withheld reports whether a count of the finding is withheld.
func (f Finding) Withheld() bool { return f.From.Show != Exact || f.To.Show != Exact }

// VerdictWithheld is the verdict of a finding whose counts are withheld: no test is published.
const VerdictWithheld compare.Verdict = "withheld"

// NotComparable is a finding only one of the two waves has.
type NotComparable struct {
	Code, Value, Label, Theme string
	MissingFrom, PresentIn    string
	// Present is what the wave that has it says; nil for a number code.
	Present *Side
}

// CompositionTable is who was interviewed in each wave, by one quasi-identifier.
type CompositionTable struct {
	Code, Label string
	Rows        []CompositionRow
	// Hidden is set when a count of the table is hidden: no test or difference of it is
	// published then, since one split of the hidden cells would fit it.
	Hidden bool
	// Test is the comparison of the two profiles; nil when withheld or not computable.
	Test *compare.CompositionTest
}

// CompositionRow is one value of a quasi-identifier in the two waves.
type CompositionRow struct {
	Value string
	Cells map[string]CompositionCell // by wave name
	// Diff is the difference of the shares (To − From); nil when a cell is hidden.
	Diff *float64
	Flag bool
}

// CompositionCell is one wave's count of a value: the count and share, or a mark ("<5", "x").
type CompositionCell struct {
	Published bool // the wave has the code (and, for an aggregate wave, published the value)
	N         int
	Mark      string // "" when the count is shown
	count     int
	Share     *float64
}

// Count returns the cell's count when it may be shown.
func (c CompositionCell) Count() (int, bool) { return c.count, c.Published && c.Mark == "" }

// Numbers summarises a number code: quartiles only from at least MinCell answers (twice that
// for a sensitive code). A wave's summary is nil when the wave lacks the code or when nothing of
// it may be shown; FromNotShown and ToNotShown then say why ("fewer than 5 answered").
type Numbers struct {
	Code, Label, Theme       string
	From, To                 *compare.NumberStats
	FromNotShown, ToNotShown string
}

// publish builds the public view of the comparison.
func (pol *Policy) publish() *Public {
	r := pol.r
	pub := &Public{From: r.From, To: r.To, Level: r.Level, Adjust: r.Adjust, MinN: r.MinN, MinCell: pol.minCell, Tests: r.Tests,
		Single: r.Single, Family: r.Family, Power: r.Power, Agreement: pol.agreement(r.Agreement)}
	for _, f := range r.Findings {
		pub.Findings = append(pub.Findings, pol.finding(f))
	}
	for _, n := range r.NotComparable {
		nc := NotComparable{Code: n.Code, Value: n.Value, Label: n.Label, Theme: n.Theme, MissingFrom: n.MissingFrom, PresentIn: n.PresentIn}
		if n.Present != nil {
			s := pol.side(n.CodeDef(), n.Value, n.PresentIn, *n.Present)
			nc.Present = &s
		}
		pub.NotComparable = append(pub.NotComparable, nc)
	}
	for _, n := range r.Numbers {
		c := pol.cb.Lookup(n.Code)
		pub.Numbers = append(pub.Numbers, Numbers{Code: n.Code, Label: n.Label, Theme: n.Theme, From: pol.numbers(c, n.From), To: pol.numbers(c, n.To)})
	}
	pol.protectSets(pub)
	pub.Agreement = pol.withoutNoFigures(pub)
	pub.Composition = pol.composition()
	pub.Standardisation, pub.StandardisationWithheld = pol.standardisation(pub.Composition)
	if st := pub.Standardisation; st != nil && len(st.Skipped) > 0 {
		// a margin left out says why with the figures of a value ("which 1 interviewed in 2017
		// gave"): of a table with a hidden count, only which value one wave lacks
		c := *st
		c.Skipped = append([]compare.SkippedMargin(nil), st.Skipped...)
		for i, sk := range c.Skipped {
			for _, t := range pub.Composition {
				if t.Code == sk.Code && t.Hidden {
					c.Skipped[i].Reason = "one wave has a value of " + english.LowerFirst(t.Label) + " that the other has not; the table of who was interviewed shows which"
				}
			}
		}
		pub.Standardisation = &c
	}
	if st := pub.Standardisation; st != nil {
		// as the report prints them: the weights' range to two decimals, the effective n to one
		c := *st
		c.WeightMin, c.WeightMax = math.Round(c.WeightMin*100)/100, math.Round(c.WeightMax*100)/100
		c.EffectiveN = math.Round(c.EffectiveN*10) / 10
		pub.Standardisation = &c
	}
	if pub.Standardisation == nil {
		for i := range pub.Findings {
			pub.Findings[i].Standardised, pub.Findings[i].StandardisedWithheld = nil, false
			if pub.StandardisationWithheld != "" {
				// whether a verdict survives is the weighted test's: of the withheld weights
				pub.Findings[i].NotRobust = false
			}
		}
	}
	return pub
}

// numbers withholds the quartiles of fewer than MinCell answers (twice MinCell for a sensitive
// code): with few answers, the quartiles are some people's own answers.
func (pol *Policy) numbers(c *codebook.Code, s *compare.NumberStats) *compare.NumberStats {
	if s == nil {
		return nil
	}
	out := &compare.NumberStats{N: s.N}
	least := pol.minCell
	if c != nil && c.Sensitive {
		least = 2 * pol.minCell
	}
	if s.N >= least {
		out.Q1, out.Median, out.Q3 = s.Q1, s.Median, s.Q3
	}
	return out
}

// agreement is the coders' agreement as it may be published (see Public.Agreement).
func (pol *Policy) agreement(in []compare.Agreement) []compare.Agreement {
	var out []compare.Agreement
	for _, a := range in {
		c := a.CodeDef()
		if c == nil {
			c = pol.cb.Lookup(a.Code)
		}
		if c == nil || c.Sensitive || c.Identifier == codebook.Quasi {
			a.Alpha, a.RawAgreement = nil, nil
		} else {
			a.Alpha, a.RawAgreement = round2(a.Alpha), round2(a.RawAgreement)
		}
		out = append(out, a)
	}
	return out
}

// wholePercent rounds a share or a difference of shares to a whole percent, halves away from
// zero, as the report prints it.
func wholePercent(x float64) float64 {
	return math.Copysign(math.Floor(math.Abs(x)*100+0.5+1e-9), x) / 100
}

// twoDigits rounds a p-value to two significant digits.
func twoDigits(p *float64) *float64 {
	if p == nil || *p <= 0 || math.IsNaN(*p) || math.IsInf(*p, 0) {
		return p
	}
	scale := math.Pow(10, 1-math.Floor(math.Log10(*p)))
	v := math.Round(*p*scale) / scale
	return &v
}

func round2(x *float64) *float64 {
	if x == nil {
		return nil
	}
	v := math.Round(*x*100) / 100
	return &v
}

// finding is the public form of a finding.
func (pol *Policy) finding(f compare.Finding) Finding {
	out := Finding{Code: f.Code, Value: f.Value, Label: f.Label, Labels: f.Labels, Type: f.Type, Theme: f.Theme, Article: f.Article,
		Direction: f.Direction, Sensitive: f.Sensitive, code: f.CodeDef(),
		From: pol.side(f.CodeDef(), f.Value, pol.r.From, f.From), To: pol.side(f.CodeDef(), f.Value, pol.r.To, f.To)}
	out.Family, out.MissingFlag = f.Family, f.MissingFlag
	if out.Withheld() {
		withhold(&out)
		return out
	}
	out.Diff, out.DiffCI, out.P, out.PAdjusted, out.Verdict = f.Diff, f.DiffCI, f.P, f.PAdjusted, f.Verdict
	out.CINote, out.NotRobust = f.CINote, f.NotRobust
	out.StandardisedWithheld = f.Standardised != nil && f.Sensitive
	if st := f.Standardised; st != nil && !f.Sensitive {
		// a sensitive finding's standardised share is never published: with the margins, its
		// digits solve back how many of each group of who was interviewed said so. The others
		// are published as the report prints them (whole percent and points, the test's
		// p-values to two significant digits, the effective n whole), in every output.
		c := *st
		c.Share, c.Diff = wholePercent(c.Share), wholePercent(c.Diff)
		c.EffectiveN = math.Round(c.EffectiveN)
		c.P, c.PAdjusted = twoDigits(c.P), twoDigits(c.PAdjusted)
		out.Standardised = &c
	}
	return out
}

// side is the public form of one wave's side of a finding of code c.
func (pol *Policy) side(c *codebook.Code, value, wave string, s compare.Side) Side {
	out := Side{Wave: wave, n: s.N, count: s.Count, Share: s.Share, CI: s.CI, Sources: s.Sources, minCell: pol.minCell,
		Rebuilt: s.Rebuilt, countMin: s.CountMin, countMax: s.CountMax, Missing: s.Missing, NotApplicable: s.NotApplicable}
	if c == nil || !c.Sensitive || s.N == 0 {
		return out
	}
	lo, hi := s.Count, s.Count
	if s.Rebuilt {
		lo, hi = s.CountMin, s.CountMax
	}
	show, homogeneous := privacy.Protect(lo, hi, s.N, pol.minCell)
	if homogeneous {
		label := c.Label
		if c.Type != codebook.YesNo {
			label += ": " + value
		}
		all := "everyone"
		if s.Count < s.N {
			all = "all but fewer than " + strconv.Itoa(pol.minCell)
		}
		w := pol.p.Wave(wave)
		where := wave
		if w != nil {
			where = w.File
		}
		ok := pol.refuse(privacy.RuleHomogeneity, project.Override{Code: c.Name}, Refusal{
			Where: where,
			What:  fmt.Sprintf("%s of the %d who answered %s (%s, sensitive) said so: publishing it tells anyone who knows a woman was interviewed what happened to her", all, s.N, c.Name, label),
			Fix:   fmt.Sprintf("leave the code out of the report's waves, or, if it is safe, add a [[disclosure.override]] with rule = %q, code = %q and the reason", privacy.RuleHomogeneity, c.Name),
		})
		if !ok {
			show = TooFewAnswers // never shown: the build is refused anyway
		}
	}
	if o, ok := pol.d.Override(privacy.RuleSmallCells, project.Override{Code: c.Name}); ok && show != Exact {
		pol.lift(o, "the findings of "+c.Name)
		show = Exact
	}
	out.Show = show
	if show != Exact {
		out.Share, out.CI = nil, nil
	}
	return out
}

// standardisation publishes the re-weighting of a wave only when no margin it used has a hidden
// count in the tables of who was interviewed: weights and weighted shares are functions of those
// counts, and a reader could solve them back.
func (pol *Policy) standardisation(tables []CompositionTable) (*compare.Standardisation, string) {
	st := pol.r.Standardisation
	if st == nil || st.Method == "none" {
		return st, ""
	}
	for _, m := range st.Margins {
		for _, t := range tables {
			if t.Code != m {
				continue
			}
			for _, row := range t.Rows {
				for _, c := range row.Cells {
					if c.Mark != "" {
						return nil, fmt.Sprintf("a count of %s is hidden in the table of who was interviewed, and the weights would give it back", t.Label)
					}
				}
			}
		}
		found := false
		for _, t := range tables {
			found = found || t.Code == m
		}
		if !found {
			return nil, "a margin used is not published in the table of who was interviewed"
		}
	}
	if len(st.Margins) > 1 {
		// the weights are a function of the groups the margins cross: their range, Kish's
		// effective n, the raking's cycles and the standardised shares tell the possible
		// tables of groups apart, so a reader who tries each one reads off a group of one
		for _, name := range []string{st.Wave, st.Target} {
			if w := pol.wave(name); w != nil && w.Kind == dataset.Interviews && pol.smallJointGroup(w, st.Margins) {
				return nil, fmt.Sprintf("in %s, a group crossing %s holds fewer than %d people, and the weights would give it back", w.Name, english.List(pol.marginLabels(st.Margins)), pol.cellThreshold())
			}
		}
	}
	return st, ""
}

// smallJointGroup reports whether the counted people of w who answered every margin fall into
// a combination of the margins' values held by 1 to cellThreshold−1 of them.
func (pol *Policy) smallJointGroup(w *dataset.Wave, margins []string) bool {
	var cols []*dataset.Column
	for _, m := range margins {
		c := pol.cb.Lookup(m)
		if c == nil {
			return true
		}
		col := w.Column(c)
		if col == nil {
			return true
		}
		cols = append(cols, col)
	}
	groups := map[string]int{}
	for i, p := range w.People {
		if p.Consent == dataset.ConsentWithdrawn {
			continue
		}
		key := make([]byte, 0, 8*len(cols))
		answered := true
		for _, col := range cols {
			if col.State[i] != dataset.Answered {
				answered = false
				break
			}
			key = strconv.AppendUint(key, col.Bits[i], 36)
			key = append(key, '.')
		}
		if answered {
			groups[string(key)]++
		}
	}
	for _, n := range groups {
		if n < pol.cellThreshold() {
			return true
		}
	}
	return false
}

// marginLabels are the labels of the margins, in lower case.
func (pol *Policy) marginLabels(margins []string) []string {
	var out []string
	for _, m := range margins {
		if c := pol.cb.Lookup(m); c != nil {
			out = append(out, english.LowerFirst(c.Label))
		} else {
			out = append(out, m)
		}
	}
	return out
}

// wave returns the wave called name.
func (pol *Policy) wave(name string) *dataset.Wave { return pol.p.Wave(name) }

// WithheldTested names the findings the comparison tested whose figures the policy withholds
// for a reason the comparison does not know (few answers, a follow-up whose people are those
// of a hidden count). Their tests shaped the family — the number of tests, the adjusted p of
// the others, the power at the smallest bases — so the build compares again with them named in
// compare.Options.Withhold; nil when there are none.
func (pol *Policy) WithheldTested() []compare.FindingKey {
	var out []compare.FindingKey
	for i, f := range pol.public.Findings {
		if i < len(pol.r.Findings) && pol.r.Findings[i].Code == f.Code && pol.r.Findings[i].Family == compare.RoleTested && f.Withheld() {
			out = append(out, compare.FindingKey{Code: f.Code, Value: f.Value})
		}
	}
	return out
}

// withoutNoFigures keeps of the coders' agreement of a code that shows nothing of its wave, or
// whose interviewees coded twice are the people of a hidden count, only whether it is reliable: its units (the interviewees coded twice, both codings not blank) are
// those who were asked, the number the gate withholds, and alpha and the raw agreement are
// computed from how many gave each answer.
func (pol *Policy) withoutNoFigures(pub *Public) []compare.Agreement {
	none := map[[2]string]bool{} // wave, code
	for _, f := range pub.Findings {
		for _, s := range []Side{f.From, f.To} {
			if s.Show == NoFigures {
				none[[2]string{s.Wave, f.Code}] = true
			}
		}
	}
	for _, n := range pub.NotComparable {
		if n.Present != nil && n.Present.Show == NoFigures {
			none[[2]string{n.PresentIn, n.Code}] = true
		}
	}
	for _, n := range pub.Numbers {
		if n.FromNotShown != "" {
			none[[2]string{pub.From, n.Code}] = true
		}
		if n.ToNotShown != "" {
			none[[2]string{pub.To, n.Code}] = true
		}
	}
	var out []compare.Agreement
	for _, a := range pub.Agreement {
		if none[[2]string{a.Wave, a.Code}] {
			a.Units, a.Alpha, a.RawAgreement = 0, nil, nil
		}
		if w := pol.wave(a.Wave); w != nil && pol.codedTwiceHidden(w, pol.cb.Lookup(a.Code)) {
			a.Units, a.Alpha, a.RawAgreement = 0, nil, nil
		}
		out = append(out, a)
	}
	return out
}
