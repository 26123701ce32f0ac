package compare

import (
	"cmp"
	"math"
	"slices"

	"github.com/shadowreport/shadowreport/internal/stats"
)

// PowerTarget is the power of Result.Power: the smallest difference detected 80% of the time.
const PowerTarget = 0.8

// fewerPoints is how many points more the smallest pair of bases must need, for a rise or a
// fall, before the power is also stated for it (Power.Fewest).
const fewerPoints = 5

// basePair is the numbers who answered one tested finding in the two waves.
type basePair struct{ from, to int }

// size ranks pairs of bases by how precisely they measure a difference: n₁n₂/(n₁ + n₂), the
// inverse of 1/n₁ + 1/n₂ (the variance of a difference of shares, up to p(1 − p)).
func (b basePair) size() float64 {
	return float64(b.from) * float64(b.to) / float64(b.from+b.to)
}

// power computes the smallest rise and fall from the earlier wave's median share over the
// tested findings that the comparison could detect (Result.Power), for the bases of the tested
// findings: the typical (median) pair, and the smallest pair when it could detect much less.
func (r *Result) power(o resolved) {
	var shares []float64
	var pairs []basePair
	for _, f := range r.Findings {
		if f.Family == RoleTested && f.From.Share != nil {
			shares = append(shares, *f.From.Share)
			pairs = append(pairs, basePair{f.From.N, f.To.N})
		}
	}
	if len(shares) == 0 {
		return
	}
	slices.Sort(shares)
	med := shares[len(shares)/2]
	if len(shares)%2 == 0 {
		med = (shares[len(shares)/2-1] + med) / 2
	}
	slices.SortStableFunc(pairs, func(a, b basePair) int {
		if c := cmp.Compare(a.size(), b.size()); c != 0 {
			return c
		}
		if c := cmp.Compare(a.from, b.from); c != 0 {
			return c
		}
		return cmp.Compare(a.to, b.to)
	})
	typical, fewest := pairs[(len(pairs)-1)/2], pairs[0]
	p := &Power{
		NFrom: typical.from, NTo: typical.to,
		Baseline: math.Min(0.99, math.Max(0.01, math.Round(med*100)/100)),
		Power:    PowerTarget,
	}
	familyAlpha := o.alpha
	if o.Adjust != AdjustNone && r.Family.Size > 1 {
		familyAlpha = o.alpha / float64(r.Family.Size)
	}
	var ok bool
	p.SingleTest, p.Family, ok = detectable(typical, p.Baseline, o.alpha, familyAlpha)
	if !ok {
		return // too large to enumerate: no power
	}
	if fewest != typical {
		single, family, ok := detectable(fewest, p.Baseline, o.alpha, familyAlpha)
		if ok && (needs(single.Rise, p.SingleTest.Rise) || needs(single.Fall, p.SingleTest.Fall)) {
			p.Fewest = &PowerBases{NFrom: fewest.from, NTo: fewest.to, SingleTest: single, Family: family}
		}
	}
	r.Power = p
}

// needs reports whether the smaller bases need at least fewerPoints more to detect a change
// than the typical ones: a change the typical bases detect and the smaller cannot counts.
func needs(small, typical *int) bool {
	switch {
	case typical == nil:
		return false
	case small == nil:
		return true
	}
	return *small-*typical >= fewerPoints
}

// detectable is the smallest rise and fall from baseline detectable at one pair of bases, at
// one test's level and at the family's; ok is false when the tables are too many to enumerate.
func detectable(b basePair, baseline, alpha, familyAlpha float64) (single, family Detectable, ok bool) {
	tables, ok := stats.NewPowerTables(b.from, b.to)
	if !ok {
		return single, family, false
	}
	for _, d := range []struct {
		at    *Detectable
		alpha float64
	}{{&single, alpha}, {&family, familyAlpha}} {
		d.at.Alpha = d.alpha
		for _, up := range []bool{true, false} {
			res, ok := tables.Detectable(baseline, d.alpha, PowerTarget, up)
			if !ok || !res.OK {
				continue
			}
			if up {
				d.at.Rise, d.at.RisePower = intPtr(res.Points), ptr(res.Power)
			} else {
				d.at.Fall, d.at.FallPower = intPtr(res.Points), ptr(res.Power)
			}
		}
	}
	return single, family, true
}
