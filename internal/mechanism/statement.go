package mechanism

import "math"

// The oral statement's defaults: report.toml [statement] minutes and words_per_minute.
const (
	// DefaultMinutes is the time an NGO speaker is commonly given at a treaty body's NGO
	// meeting; set [statement] minutes to the session's.
	DefaultMinutes = 3
	// DefaultWordsPerMinute is an unhurried reading pace that interpreters can follow; time a
	// rehearsal and set [statement] words_per_minute to the speaker's own.
	DefaultWordsPerMinute = 130
)

// Budget is the time an oral statement may take.
type Budget struct {
	Minutes        float64 // 0: DefaultMinutes
	WordsPerMinute int     // 0: DefaultWordsPerMinute
}

func (b Budget) norm() (float64, int) {
	m, w := b.Minutes, b.WordsPerMinute
	if !(m > 0) || math.IsInf(m, 0) {
		m = DefaultMinutes
	}
	if w <= 0 {
		w = DefaultWordsPerMinute
	}
	return m, w
}

// Seconds is how long a statement of words takes to read at the budget's pace.
func (b Budget) Seconds(words int) float64 {
	_, w := b.norm()
	return float64(max(words, 0)) * 60 / float64(w)
}

// MaxWords is the most words that fit the budget: minutes × words per minute, rounded down.
func (b Budget) MaxWords() int {
	m, w := b.norm()
	return int(math.Floor(m*float64(w) + 1e-9))
}

// Fits reports whether a statement of words fits the budget, and when it does not, by how many
// seconds it is over, rounded up to a whole second (a statement over by 0.4 s is over by 1).
func (b Budget) Fits(words int) (fits bool, overSeconds int) {
	m, w := b.norm()
	// in words × seconds: words·60 against minutes·60·wpm, so that 390 words fit 3 minutes at
	// 130 words a minute exactly
	excess := float64(max(words, 0))*60 - m*60*float64(w)
	if excess <= 1e-6 {
		return true, 0
	}
	return false, int(math.Ceil(excess/float64(w) - 1e-9))
}
