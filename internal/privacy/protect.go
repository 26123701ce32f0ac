package privacy

// Show says how a count of a sensitive finding may be published.
type Show int

// The ways of showing a count.
const (
	// Exact: "28 of 40", with share and interval.
	Exact Show = iota
	// Fewer: a count of 1 to minCell−1, shown as "fewer than 5 of 40".
	Fewer
	// AllBut: a count whose complement is 0 to minCell−1 (everyone, or all but a few),
	// published only under an override of the homogeneity rule, as "all but fewer than 5 of 40".
	AllBut
	// TooFewAnswers: so few answered that no count can be shown without giving someone's
	// answer away: "not shown (8 answered)".
	TooFewAnswers
	// Hidden: a count hidden with the smaller counts of the same code, so that the total does
	// not give them back ("x of 40"); hidden counts of a code are all marked alike.
	Hidden
	// NoFigures: nothing of the side is shown, not even how many answered: fewer than minCell
	// answered, or how many answered (or did not) would give a hidden count away.
	NoFigures
)

// Protect says how a sensitive count of n answers may be published for the threshold minCell,
// given the counts the figure allows (lo = hi for a count known exactly; a range for a count
// rebuilt from a published percentage). The choice depends on the count only through what it
// lets a reader see, so that every count shown as a range keeps at least two values a reader
// cannot tell apart:
//
//   - n below 2·minCell−1: every count but 0 and n has itself or its complement under
//     minCell, so no count is shown, whatever it is (TooFewAnswers);
//   - every allowed count 0: exact ("0 of 40": nobody said so);
//   - an allowed count of 1 to minCell−1: Fewer ("fewer than 5 of 40");
//   - an allowed complement n − count of 0 to minCell−1 (everyone, or all but a few): AllBut,
//     and homogeneous, which a build refuses unless an override names the code;
//   - otherwise exact.
//
// The same rule decides which findings a comparison leaves out of its tests, so that the
// adjusted p-values of the others cannot give a protected count back.
func Protect(lo, hi, n, minCell int) (show Show, homogeneous bool) {
	switch {
	case n <= 0:
		return Exact, false
	case minCell <= 1:
		return Exact, hi >= n
	case n < 2*minCell-1:
		return TooFewAnswers, false
	case hi <= 0:
		return Exact, false
	case lo <= minCell-1:
		return Fewer, false
	case hi >= n-minCell+1:
		return AllBut, true
	}
	return Exact, false
}
