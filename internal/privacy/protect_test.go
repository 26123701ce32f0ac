package privacy

import "testing"

// TestProtectKeepsTwoValues is the proof of the rule for findings of sensitive codes, for a
// reader who knows it: for every number of answers n up to 300 and every threshold from 3 to
// 10, each way a count may be printed other than exactly ("fewer than 5 of 40", "all but fewer
// than 5 of 40", "not shown (8 answered)") is printed for at least two different counts, so
// that nothing printed gives a count back. It also checks that the choice depends on the count
// only through the ranges it prints (the same n and threshold never print two counts of one
// range differently).
func TestProtectKeepsTwoValues(t *testing.T) {
	for m := 3; m <= 10; m++ {
		for n := 1; n <= 300; n++ {
			counts := map[Show][]int{}
			for k := 0; k <= n; k++ {
				show, homogeneous := Protect(k, k, n, m)
				counts[show] = append(counts[show], k)
				if homogeneous != (show == AllBut) {
					t.Fatalf("n %d, m %d, k %d: homogeneous %v with show %d", n, m, k, homogeneous, show)
				}
				// what is printed exactly never has itself or its complement below the threshold
				if show == Exact && k != 0 && (k < m || n-k < m) {
					t.Fatalf("n %d, m %d: %d of %d printed exactly", n, m, k, n)
				}
			}
			for show, ks := range counts {
				if show != Exact && len(ks) < 2 {
					t.Fatalf("n %d, m %d: show %d is printed for the count %v alone", n, m, show, ks)
				}
			}
			// too few answers: decided by n alone
			if n < 2*m-1 && len(counts[TooFewAnswers]) != n+1 {
				t.Fatalf("n %d, m %d: with so few answers every count must be withheld, got %v", n, m, counts)
			}
		}
	}
}

// TestProtectRanges: a count rebuilt from a published percentage is a range; if any count of it
// would be protected, the whole is.
func TestProtectRanges(t *testing.T) {
	for _, c := range []struct {
		lo, hi, n, m int
		want         Show
	}{
		{3, 3, 50, 5, Fewer},
		{4, 6, 50, 5, Fewer},    // could be 4
		{5, 6, 50, 5, Exact},    // 5 or 6: both shown
		{44, 46, 50, 5, AllBut}, // could be 46: all but 4
		{0, 0, 50, 5, Exact},    // nobody
		{0, 1, 50, 5, Fewer},    // could be 1
		{20, 20, 8, 5, TooFewAnswers},
	} {
		if got, _ := Protect(c.lo, c.hi, c.n, c.m); got != c.want {
			t.Errorf("Protect(%d, %d, %d, %d) = %d, want %d", c.lo, c.hi, c.n, c.m, got, c.want)
		}
	}
}
