package compare

import (
	"math"
	"slices"

	"github.com/shadowreport/shadowreport/internal/dataset"
	"github.com/shadowreport/shadowreport/internal/stats"
)

// PowerTarget is the power of Result.Power: the smallest difference detected 80% of the time.
const PowerTarget = 0.8

// power computes the smallest rise and fall from the earlier wave's median share over the
// tested findings that the comparison could detect (Result.Power).
func (r *Result) power(waves []*dataset.Wave, o resolved) {
	var shares []float64
	for _, f := range r.Findings {
		if f.Family == RoleTested && f.From.Share != nil {
			shares = append(shares, *f.From.Share)
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
	p := &Power{
		NFrom: people(waves[o.from]), NTo: people(waves[o.to]),
		Baseline: math.Min(0.99, math.Max(0.01, math.Round(med*100)/100)),
		Power:    PowerTarget,
	}
	tables, ok := stats.NewPowerTables(p.NFrom, p.NTo)
	if !ok {
		return // too large to enumerate (or no people): no power
	}
	familyAlpha := o.alpha
	if o.Adjust != AdjustNone && r.Family.Size > 1 {
		familyAlpha = o.alpha / float64(r.Family.Size)
	}
	for _, d := range []struct {
		at    *Detectable
		alpha float64
	}{{&p.SingleTest, o.alpha}, {&p.Family, familyAlpha}} {
		d.at.Alpha = d.alpha
		for _, up := range []bool{true, false} {
			res, ok := tables.Detectable(p.Baseline, d.alpha, PowerTarget, up)
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
	r.Power = p
}

// people is the number of people of a wave: those counted in a wave of interviews, the largest
// published base of a wave of figures.
func people(w *dataset.Wave) int {
	if w.Kind == dataset.Aggregate {
		n := 0
		for _, f := range w.Figures {
			n = max(n, f.N)
		}
		return n
	}
	return w.Counted()
}
