package policy

import (
	"math/bits"
	"strconv"

	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/compare"
	"github.com/shadowreport/shadowreport/internal/dataset"
	"github.com/shadowreport/shadowreport/internal/privacy"
	"github.com/shadowreport/shadowreport/internal/project"
)

// The counts of a wave of interviews are counts of sets of people, and a reader who knows how
// the questions hang together (a follow-up asked only of those who said yes: "n/a if never
// detained") reads one set's size off another's. Three rules keep a hidden count hidden:
//
//   - few answers: a finding answered by 1 to min_cell−1 people of a wave shows nothing of that
//     wave, not even how many answered: those few are a small group (the detained, asked where
//     they were held), whatever the code;
//   - hidden with the others: the values of a sensitive category code add up to the number who
//     answered (those of a multi code to at least it), so a small count hidden among exact ones is their difference; the counts of the
//     code are hidden as a composition table's are (privacy.SuppressVector), all marked alike;
//   - linked sets: a published count whose set of people is the set of a hidden count, or what
//     is left of the answers or of the wave without it (those who answered a follow-up, those it
//     did not apply to, those who gave a value), gives the hidden count back; that side shows
//     nothing, and what it hides is in turn kept hidden the same way.

// group is a set of the counted interviewees of a wave, by position in Wave.People.
type group []uint64

func newGroup(n int) group { return make(group, (n+63)/64) }

func (p group) add(i int)          { p[i/64] |= 1 << (i % 64) }
func (p group) key() string        { return string(bitsBytes(p)) }
func (p group) empty() bool        { return p.count() == 0 }
func (p group) equal(q group) bool { return p.key() == q.key() }

func (p group) count() int {
	n := 0
	for _, w := range p {
		n += bits.OnesCount64(w)
	}
	return n
}

// minus is p without q.
func (p group) minus(q group) group {
	out := make(group, len(p))
	for i := range p {
		out[i] = p[i] &^ q[i]
	}
	return out
}

func bitsBytes(p group) []byte {
	b := make([]byte, 0, len(p)*8)
	for _, w := range p {
		b = strconv.AppendUint(b, w, 36)
		b = append(b, '.')
	}
	return b
}

// sets are the sets of people behind a code's published figures in one wave.
type sets struct {
	answered, missing, notApplicable group
	values                           map[string]group // by the finding's value: "yes", or a value of the code
}

// setsOf builds the sets of code c in wave w (counted group only; nil when the wave has no
// column for it).
func setsOf(w *dataset.Wave, c *codebook.Code, all group) *sets {
	col := w.Column(c)
	if col == nil {
		return nil
	}
	n := len(w.People)
	s := &sets{answered: newGroup(n), missing: newGroup(n), notApplicable: newGroup(n), values: map[string]group{}}
	value := func(name string) group {
		if s.values[name] == nil {
			s.values[name] = newGroup(n)
		}
		return s.values[name]
	}
	for i := range w.People {
		if all[i/64]&(1<<(i%64)) == 0 {
			continue
		}
		switch col.State[i] {
		case dataset.Missing:
			s.missing.add(i)
			continue
		case dataset.NotApplicable:
			s.notApplicable.add(i)
			continue
		}
		s.answered.add(i)
		switch c.Type {
		case codebook.YesNo:
			if col.Bits[i] == 1 {
				value("yes").add(i)
			} else {
				value("no").add(i)
			}
		case codebook.Category, codebook.Multi:
			for b := col.Bits[i]; b != 0; b &= b - 1 {
				if v := bits.TrailingZeros64(b); v < len(c.Values) {
					value(c.Values[v]).add(i)
				}
			}
		}
	}
	return s
}

// counted is the set of the wave's counted interviewees (withdrawn ones left out).
func counted(w *dataset.Wave) group {
	out := newGroup(len(w.People))
	for i, p := range w.People {
		if p.Consent != dataset.ConsentWithdrawn {
			out.add(i)
		}
	}
	return out
}

// sideRef points at one wave's side of a published finding.
type sideRef struct {
	f    *Finding
	side *Side
}

// protectSets applies the three rules to the sides of every finding of the waves of
// interviews the public view describes.
func (pol *Policy) protectSets(pub *Public) {
	for _, name := range []string{pub.From, pub.To} {
		w := pol.wave(name)
		if w == nil || (name == pub.From && pub.From == pub.To) {
			continue
		}
		var refs []sideRef
		for i := range pub.Findings {
			f := &pub.Findings[i]
			switch name {
			case pub.To:
				refs = append(refs, sideRef{f, &f.To})
			case pub.From:
				refs = append(refs, sideRef{f, &f.From})
			}
		}
		for i := range pub.NotComparable {
			nc := &pub.NotComparable[i]
			if nc.Present != nil && nc.PresentIn == name {
				refs = append(refs, sideRef{&Finding{Code: nc.Code, Value: nc.Value, code: pol.cb.Lookup(nc.Code)}, nc.Present})
			}
		}
		if w.Kind != dataset.Interviews {
			// published figures: no people to link, but the counts of a sensitive category
			// still add up to its base
			pol.hideWithOthers(refs)
			continue
		}
		pol.fewAnswers(refs)
		pol.hideWithOthers(refs)
		hidden, setsFor := pol.linkedSets(w, refs)
		pol.protectNumbers(pub, name, hidden, setsFor)
		if pol.hiddenSets == nil {
			pol.hiddenSets = map[string]map[string]string{}
		}
		pol.hiddenSets[name] = hidden
	}
	for i := range pub.Findings {
		if pub.Findings[i].Withheld() {
			withhold(&pub.Findings[i])
		}
	}
}

// fewAnswers shows nothing of a side answered by 1 to min_cell−1 group, unless an override of
// small-cells names the code.
func (pol *Policy) fewAnswers(refs []sideRef) {
	for _, r := range refs {
		if r.side.n < 1 || r.side.n >= pol.minCell {
			continue
		}
		if o, ok := pol.d.Override(privacy.RuleSmallCells, project.Override{Code: r.f.Code}); ok {
			pol.lift(o, "the findings of "+r.f.Code)
			continue
		}
		noFigures(r.side, "fewer than "+strconv.Itoa(pol.minCell)+" answered")
	}
}

// hideWithOthers hides the counts of a sensitive category code with its small ones, so that
// the number who answered does not give them back.
func (pol *Policy) hideWithOthers(refs []sideRef) {
	byCode := map[string][]sideRef{}
	var order []string
	for _, r := range refs {
		c := r.f.code
		if c == nil || !c.Sensitive || (c.Type != codebook.Category && c.Type != codebook.Multi) || r.side.Show == NoFigures {
			continue
		}
		if byCode[c.Name] == nil {
			order = append(order, c.Name)
		}
		byCode[c.Name] = append(byCode[c.Name], r)
	}
	for _, name := range order {
		rs := byCode[name]
		small := false
		for _, r := range rs {
			small = small || r.side.Show != Exact
		}
		if !small {
			continue
		}
		if _, ok := pol.d.Override(privacy.RuleSmallCells, project.Override{Code: name}); ok {
			continue // exact counts asked for: side() has lifted it
		}
		// the counts in the codebook's order of values; a value nobody gave has no finding
		c := rs[0].f.code
		counts := make([]int, len(c.Values))
		at := map[string]int{}
		for i, v := range c.Values {
			at[v] = i
		}
		for _, r := range rs {
			if i, ok := at[r.f.Value]; ok {
				counts[i] = r.side.count
			}
		}
		total := rs[0].side.n
		if c.Type == codebook.Multi {
			// several values a person: the counts add up to at least the number who answered
			// (all of it when none is a value), so that number bounds a hidden count from
			// below; hidden as if they added up to their sum, which a reader does not know,
			// they are hidden at least as well
			total = 0
			for _, n := range counts {
				total += n
			}
		}
		cells, err := privacy.SuppressVector(counts, total, pol.minCell)
		for _, r := range rs {
			i, ok := at[r.f.Value]
			if err != nil || !ok || cells[i].Suppressed {
				hide(r.side, Hidden)
			}
		}
	}
}

// linkedSets shows nothing of a side whose set of people is that of a hidden count, or what is
// left of the answers or of the wave without it, until no such side is left.
//
// It returns the hidden sets (by key, with the code they belong to) and the sets of each code.
func (pol *Policy) linkedSets(w *dataset.Wave, refs []sideRef) (map[string]string, func(*codebook.Code) *sets) {
	all := counted(w)
	cache := map[*codebook.Code]*sets{}
	setsFor := func(c *codebook.Code) *sets {
		if c == nil {
			return nil
		}
		if s, ok := cache[c]; ok {
			return s
		}
		cache[c] = setsOf(w, c, all)
		return cache[c]
	}
	var hidden map[string]string
	for changed := true; changed; {
		changed = false
		// what is hidden, and who it belongs to: a reader must learn none of these sets' sizes
		hidden = map[string]string{}
		hideSet := func(p group, code string) {
			if !p.empty() && !p.equal(all) {
				hidden[p.key()] = code
				hidden[all.minus(p).key()] = code
			}
		}
		for _, r := range refs {
			s := setsFor(r.f.code)
			if s == nil {
				continue
			}
			switch r.side.Show {
			case Exact:
				continue
			case NoFigures:
				hideSet(s.answered, r.f.Code)
				hideSet(s.missing, r.f.Code)
				hideSet(s.notApplicable, r.f.Code)
			}
			if v := s.values[r.f.Value]; v != nil {
				hideSet(v, r.f.Code)
				hideSet(s.answered.minus(v), r.f.Code)
			}
		}
		if len(hidden) == 0 {
			break
		}
		for _, r := range refs {
			s := setsFor(r.f.code)
			if s == nil || r.side.Show == NoFigures {
				continue
			}
			shown := []group{s.answered, s.missing, s.notApplicable}
			if r.side.Show == Exact {
				if v := s.values[r.f.Value]; v != nil {
					shown = append(shown, v)
				}
			}
			for _, p := range shown {
				if code, ok := hidden[p.key()]; ok && code != r.f.Code && !p.empty() {
					noFigures(r.side, "the number would give a hidden count away")
					changed = true
					break
				}
			}
		}
	}
	return hidden, setsFor
}

// protectNumbers withholds a wave's summary of a number code answered by 1 to min_cell−1
// people, or whose people (who answered, who did not, to whom it did not apply) are those of a
// hidden count.
func (pol *Policy) protectNumbers(pub *Public, wave string, hidden map[string]string, setsFor func(*codebook.Code) *sets) {
	for i := range pub.Numbers {
		n := &pub.Numbers[i]
		st, why := &n.To, &n.ToNotShown
		if wave == pub.From && wave != pub.To {
			st, why = &n.From, &n.FromNotShown
		}
		if *st == nil || *why != "" {
			continue
		}
		c := pol.cb.Lookup(n.Code)
		if (*st).N >= 1 && (*st).N < pol.minCell {
			*st, *why = nil, "fewer than "+strconv.Itoa(pol.minCell)+" answered"
			continue
		}
		s := setsFor(c)
		if s == nil {
			continue
		}
		for _, p := range []group{s.answered, s.missing, s.notApplicable} {
			if code, ok := hidden[p.key()]; ok && code != n.Code && !p.empty() {
				*st, *why = nil, "the number would give a hidden count away"
				break
			}
		}
	}
}

// noFigures makes a side show nothing, not even how many answered.
func noFigures(s *Side, why string) {
	hide(s, NoFigures)
	s.why = why
	s.Missing, s.NotApplicable = nil, nil
}

// hide withholds a side's count and everything computed from it.
func hide(s *Side, show Show) {
	s.Show = show
	s.Share, s.CI = nil, nil
}

// withhold takes back every figure of a finding computed from a withheld count.
func withhold(f *Finding) {
	f.Verdict = VerdictWithheld
	if f.Family == compare.RoleTested {
		f.Family = compare.RoleExcluded
	}
	f.Diff, f.DiffCI, f.P, f.PAdjusted = nil, nil, nil, nil
	f.CINote, f.NotRobust, f.Standardised, f.StandardisedWithheld = "", false, nil, false
	// whether the waves' shares of missing answers differ is a bit about a side that may show
	// nothing of its answers: not published either
	f.MissingFlag = false
}

// codedTwiceHidden reports whether the interviewees of wave w coded twice for code c (both
// codings not blank: the units of its agreement) are the people of a hidden count, or the
// rest of the wave without them: a second coding of the interviews of the detained only would
// say how many were detained.
func (pol *Policy) codedTwiceHidden(w *dataset.Wave, c *codebook.Code) bool {
	hidden := pol.hiddenSets[w.Name]
	if len(hidden) == 0 || w.Coder2 == nil || c == nil {
		return false
	}
	first, second := w.Column(c), w.Coder2.Column(c)
	if first == nil || second == nil {
		return false
	}
	all := counted(w)
	units := newGroup(len(w.People))
	for i, p := range w.Coder2.Person {
		if p < 0 || p >= len(w.People) || all[p/64]&(1<<(p%64)) == 0 {
			continue
		}
		if first.State[p] != dataset.Missing && second.State[i] != dataset.Missing {
			units.add(p)
		}
	}
	_, ok := hidden[units.key()]
	return ok && !units.empty()
}
