package mechanism

import "testing"

// The arithmetic by hand: at 130 words a minute a word takes 60/130 s; 3 minutes hold 390 words.
func TestStatementBudget(t *testing.T) {
	for _, c := range []struct {
		b     Budget
		words int
		fits  bool
		over  int
	}{
		{Budget{}, 390, true, 0},   // 390 words = 180 s exactly: fits
		{Budget{}, 391, false, 1},  // 1 word = 0.46 s over: 1 s
		{Budget{}, 455, false, 30}, // 65 words × 60/130 = 30 s
		{Budget{}, 520, false, 60}, // 130 words = 60 s
		{Budget{}, 0, true, 0},     //
		{Budget{}, -5, true, 0},    // nonsense is nothing
		{Budget{2.5, 130}, 325, true, 0},
		{Budget{2.5, 130}, 326, false, 1},
		{Budget{3, 150}, 451, false, 1},  // 0.4 s over
		{Budget{3, 150}, 500, false, 20}, // 50 words × 0.4 s
		{Budget{5, 100}, 600, false, 60},
	} {
		fits, over := c.b.Fits(c.words)
		if fits != c.fits || over != c.over {
			t.Errorf("%+v, %d words: fits %v over %d s; want %v, %d", c.b, c.words, fits, over, c.fits, c.over)
		}
	}
	if got := (Budget{}).MaxWords(); got != 390 {
		t.Errorf("MaxWords %d, want 390", got)
	}
	if got := (Budget{}).Seconds(455); got != 210 {
		t.Errorf("Seconds(455) = %v, want 210", got)
	}
}

// Exhaustively against integer arithmetic: with minutes counted in halves, a statement of w
// words at p words a minute is over by ceil((w·120 − halves·60·p) / (2p)) seconds.
func TestStatementBudgetExhaustive(t *testing.T) {
	for halves := 1; halves <= 20; halves++ {
		for _, wpm := range []int{90, 100, 120, 130, 150, 160} {
			b := Budget{Minutes: float64(halves) / 2, WordsPerMinute: wpm}
			for w := 0; w <= 2000; w++ {
				excess := w*120 - halves*60*wpm // in half-seconds × wpm
				wantFits := excess <= 0
				wantOver := 0
				if !wantFits {
					wantOver = (excess + 2*wpm - 1) / (2 * wpm)
				}
				fits, over := b.Fits(w)
				if fits != wantFits || over != wantOver {
					t.Fatalf("%v min at %d wpm, %d words: %v %d; want %v %d", b.Minutes, wpm, w, fits, over, wantFits, wantOver)
				}
				if fits != (w <= b.MaxWords()) {
					t.Fatalf("%v min at %d wpm, %d words: fits %v but MaxWords %d", b.Minutes, wpm, w, fits, b.MaxWords())
				}
			}
		}
	}
}
