package policy

import (
	"github.com/shadowreport/shadowreport/internal/claims"
)

// Claims sets the State party's claims and the earlier recommendations of the project beside
// the published findings, once per build: every output that shows a claim's status rests on
// the same evaluation, and no status ever rests on a withheld count.
func (pol *Policy) Claims() claims.Evaluation {
	if pol.claims == nil {
		set := pol.p.Claims
		if set == nil {
			set = &claims.Set{}
		}
		pub := pol.public
		ev := claims.Evaluate(set, pol.evidence(), claims.Options{From: pub.From, To: pub.To, MinN: pub.MinN, MinCell: pub.MinCell})
		pol.claims = &ev
	}
	return *pol.claims
}

// evidence is every published finding of the later wave, as the claims are judged on it.
func (pol *Policy) evidence() []claims.Evidence {
	pub := pol.public
	var out []claims.Evidence
	for _, f := range pub.Findings {
		k, shown := f.To.Count()
		n, _ := f.To.N()
		out = append(out, claims.Evidence{Code: f.Code, Value: f.Value, Label: f.Label, Type: f.Type, Direction: f.Direction,
			Verdict: f.Verdict, Count: k, N: n, Withheld: !shown, NotRobust: f.NotRobust})
	}
	for _, n := range pub.NotComparable {
		if n.PresentIn != pub.To || n.Present == nil {
			continue
		}
		c := pol.cb.Lookup(n.Code)
		if c == nil {
			continue
		}
		k, shown := n.Present.Count()
		answered, _ := n.Present.N()
		out = append(out, claims.Evidence{Code: n.Code, Value: n.Value, Label: n.Label, Type: c.Type, Direction: c.Direction,
			Count: k, N: answered, Withheld: !shown})
	}
	return out
}
