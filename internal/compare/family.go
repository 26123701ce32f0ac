package compare

import (
	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/dataset"
	"github.com/shadowreport/shadowreport/internal/privacy"
	"github.com/shadowreport/shadowreport/internal/stats"
)

// test decides each finding's place in the family, tests the family, adjusts its p-values
// (and those of the standardised differences) and gives every finding its verdict and note.
//
// The order of the rules: a sensitive finding with a small count is withheld; then a code
// whose coding is not reliable enough is unreliable; then a finding not directional by
// design is described; then one with fewer than MinN answers in a wave is too few; the rest
// are tested.
func (c *run) test() {
	r, o := c.r, c.o
	var idx []int
	for i := range r.Findings {
		f := &r.Findings[i]
		designed := f.Family
		switch {
		case c.withheld(f):
			f.Family, f.Verdict = RoleExcluded, Withheld
			r.Family.Withheld++
		case c.unreliable[f.code]:
			f.Family, f.Verdict = RoleExcluded, Unreliable
			r.Family.Unreliable++
		case o.single || designed != RoleTested:
			f.Family, f.Verdict = RoleDescribed, Described
			r.Family.Described++
		case f.From.N < o.MinN || f.To.N < o.MinN:
			f.Family, f.Verdict = RoleExcluded, TooFew
			r.Family.TooFew++
		default:
			p, ok := stats.FisherExact(f.To.Count, f.To.N-f.To.Count, f.From.Count, f.From.N-f.From.Count)
			if !ok { // a table beyond 2³¹ people: not computable, as R
				f.Family, f.Verdict = RoleExcluded, TooFew
				r.Family.TooFew++
				continue
			}
			f.Family = RoleTested
			f.P = ptr(p)
			idx = append(idx, i)
		}
		if f.Family != RoleTested && f.Standardised != nil {
			f.Standardised.P = nil
		}
	}
	r.Tests, r.Family.Size = len(idx), len(idx)
	ps := make([]float64, len(idx))
	var std []float64
	var stdIdx []int
	for j, i := range idx {
		ps[j] = *r.Findings[i].P
		if s := r.Findings[i].Standardised; s != nil && s.P != nil {
			std = append(std, *s.P)
			stdIdx = append(stdIdx, i)
		}
	}
	ps = adjust(o.Adjust, ps, len(idx))
	// the standardised p-values are adjusted over the whole family, not over those tested
	// findings that happen to have one: a finding without one counts as a test not passed
	std = adjust(o.Adjust, std, len(idx))
	for j, i := range stdIdx {
		r.Findings[i].Standardised.PAdjusted = ptr(std[j])
	}
	standardised := c.weights != nil && r.Standardisation != nil && r.Standardisation.Method != MethodNone
	for j, i := range idx {
		f := &r.Findings[i]
		f.PAdjusted = ptr(ps[j])
		f.Verdict = NoClearChange
		if stats.Below(ps[j], o.alpha) && f.Diff != nil && f.testedDiff != 0 {
			f.Verdict = changeVerdict(f.Direction, f.testedDiff > 0)
		}
		if f.Verdict != Worse && f.Verdict != Better {
			continue
		}
		switch s := f.Standardised; {
		case s != nil && s.P != nil:
			survives := s.PAdjusted != nil && stats.Below(*s.PAdjusted, o.alpha) && (s.Diff > 0) == (*f.Diff > 0) && s.Diff != 0
			s.Survives = &survives
			f.NotRobust = !survives
		case standardised:
			// none of those who answered could be weighted: the verdict cannot be shown to
			// survive the standardisation, and is not presented as if it did
			f.NotRobust = true
		}
	}
	for i := range r.Findings {
		r.Findings[i].CINote = ciNote(&r.Findings[i])
	}
}

// adjust adjusts p by the method over a family of n tests (R's p.adjust(p, method, n = n)).
func adjust(method string, p []float64, n int) []float64 {
	switch method {
	case AdjustHolm:
		return stats.HolmOver(p, n)
	case AdjustBH:
		return stats.BenjaminiHochbergOver(p, n)
	}
	return p
}

// changeVerdict is worse or better by the code's direction.
func changeVerdict(d codebook.Direction, up bool) Verdict {
	if (d == codebook.WorseIfHigher) == up {
		return Worse
	}
	return Better
}

// withheld reports whether the options name the finding (Options.Withhold), or a finding of a
// sensitive code has, in a wave compared, a count
// that the publication rule (privacy.Protect) does not show exactly: a count or complement of
// fewer than MinCell, or so few answers that none is shown — for a rebuilt range, any count of it.
func (c *run) withheld(f *Finding) bool {
	for _, k := range c.o.Withhold {
		if k.Code == f.Code && codebook.Key(k.Value) == codebook.Key(f.Value) {
			return true
		}
	}
	if c.o.MinCell <= 1 || !f.Sensitive {
		return false
	}
	protected := func(s Side) bool {
		show, _ := privacy.Protect(s.CountMin, s.CountMax, s.N, c.o.MinCell)
		return show != privacy.Exact
	}
	return protected(f.To) || !c.o.single && protected(f.From)
}

// ciNote is the note a finding's interval needs beside its verdict.
func ciNote(f *Finding) string {
	if f.DiffCI == nil {
		return ""
	}
	excludesZero := f.DiffCI[0] > 0 || f.DiffCI[1] < 0
	switch {
	case f.Family != RoleTested && excludesZero:
		return CIExcludesZeroNotTested
	case f.Verdict == NoClearChange && excludesZero:
		return CIExcludesZeroNotSignificant
	case (f.Verdict == Worse || f.Verdict == Better) && !excludesZero:
		return CIIncludesZeroSignificant
	}
	return ""
}

// agreement measures the coding agreement of every counted code in the waves compared that
// carry a second coding, and marks the codes whose alpha is below dataset.MinAlpha.
func (c *run) agreement(cb *codebook.Codebook) {
	c.unreliable = map[*codebook.Code]bool{}
	for _, i := range c.compared() {
		for _, ag := range Agreements(cb, c.waves[i]) {
			if !ag.Reliable {
				c.unreliable[ag.code] = true
			}
			c.r.Agreement = append(c.r.Agreement, ag)
		}
	}
}

// Agreements measures, for every counted code of the codebook that wave w codes twice (sheet
// coder2), the agreement between the two codings (dataset.(*Wave).Agreement), in codebook
// order; nil when the wave has no second coding. check and compare both report it.
func Agreements(cb *codebook.Codebook, w *dataset.Wave) []Agreement {
	if w.Coder2 == nil {
		return nil
	}
	var out []Agreement
	for _, code := range cb.Codes {
		if code.Identifier == codebook.Direct || !code.Counted() {
			continue
		}
		a, ok := w.Agreement(code)
		if !ok {
			continue
		}
		ag := Agreement{Wave: w.Name, Code: code.Name, Label: code.Label, Units: a.Units, Reliable: true, code: code}
		if a.Units > 0 {
			ag.RawAgreement = ptr(a.Agreement)
		}
		if a.AlphaOK {
			ag.Alpha = ptr(a.Alpha)
			ag.Reliable = a.Alpha >= dataset.MinAlpha
		}
		out = append(out, ag)
	}
	return out
}
