package compare

import (
	"fmt"
	"strings"

	"github.com/shadowreport/shadowreport/internal/dataset"
)

// The multiple-comparison adjustments of Options.Adjust.
const (
	AdjustHolm = "holm"
	AdjustBH   = "bh"
	AdjustNone = "none"
)

// Defaults of Options.
const (
	DefaultLevel = 0.95
	DefaultMinN  = 10
)

// Options chooses the waves and the statistics of a comparison.
type Options struct {
	// From and To name the waves compared. Both empty: the last two waves of the slice.
	// Only To given: the wave before it. Only From given: the last wave.
	From, To string
	// Level is the confidence level of every interval, and 1 − Level the threshold of the
	// tests; 0 means DefaultLevel.
	Level float64
	// Adjust is "holm", "bh" or "none" (case-insensitive); "" means "holm".
	Adjust string
	// MinN is the smallest base a wave may have for a finding to be tested; 0 means
	// DefaultMinN. To test every finding that has answers, give 1.
	MinN int
	// FlagPoints is the difference between the waves' shares of a group, in points, above
	// which the composition flags it; 0 means 15 (docs/contract.md §7).
	FlagPoints float64
}

// OptionError reports options that cannot be used; the command line treats it as a usage error.
type OptionError struct {
	Option string // the option at fault: "from", "to", "level", "adjust", "min-n" or "waves"
	Msg    string
}

func (e *OptionError) Error() string {
	return "compare: " + e.Option + ": " + e.Msg
}

// resolved holds options after defaults and checks, with the waves' positions.
type resolved struct {
	Options
	from, to int     // indices into the waves
	alpha    float64 // 1 − Level, rounded to 12 decimals so that 1 − 0.95 is 0.05
	// FlagShare is FlagPoints as a share.
	FlagShare float64
}

func resolve(waves []*dataset.Wave, o Options) (resolved, error) {
	r := resolved{Options: o}
	if len(waves) < 2 {
		return r, &OptionError{"waves", fmt.Sprintf("a comparison needs at least two waves; the project has %d", len(waves))}
	}
	if r.Level == 0 {
		r.Level = DefaultLevel
	}
	if !(r.Level > 0 && r.Level < 1) {
		return r, &OptionError{"level", fmt.Sprintf("%v is not a confidence level between 0 and 1 (e.g. 0.95)", o.Level)}
	}
	r.alpha = roundTo(1-r.Level, 12)
	r.FlagShare = FlagShare
	if o.FlagPoints > 0 {
		r.FlagShare = o.FlagPoints / 100
	}
	r.Adjust = strings.ToLower(strings.TrimSpace(r.Adjust))
	switch r.Adjust {
	case "":
		r.Adjust = AdjustHolm
	case AdjustHolm, AdjustBH, AdjustNone:
	default:
		return r, &OptionError{"adjust", fmt.Sprintf("%q is not holm, bh or none", o.Adjust)}
	}
	switch {
	case r.MinN == 0:
		r.MinN = DefaultMinN
	case r.MinN < 0:
		return r, &OptionError{"min-n", fmt.Sprintf("%d is negative; give the smallest number of answers a test needs (default %d)", o.MinN, DefaultMinN)}
	}
	names := make([]string, len(waves))
	for i, w := range waves {
		names[i] = w.Name
	}
	find := func(opt, name string) (int, error) {
		for i, n := range names {
			if n == name {
				return i, nil
			}
		}
		return 0, &OptionError{opt, fmt.Sprintf("no wave is named %q; the waves are %s", name, strings.Join(names, ", "))}
	}
	var err error
	switch {
	case o.From == "" && o.To == "":
		r.from, r.to = len(waves)-2, len(waves)-1
	case o.From == "":
		if r.to, err = find("to", o.To); err != nil {
			return r, err
		}
		if r.to == 0 {
			return r, &OptionError{"to", fmt.Sprintf("%s is the first wave: no wave comes before it; give --from", o.To)}
		}
		r.from = r.to - 1
	case o.To == "":
		if r.from, err = find("from", o.From); err != nil {
			return r, err
		}
		r.to = len(waves) - 1
	default:
		if r.from, err = find("from", o.From); err != nil {
			return r, err
		}
		if r.to, err = find("to", o.To); err != nil {
			return r, err
		}
	}
	if r.from == r.to {
		return r, &OptionError{"to", fmt.Sprintf("the wave %s cannot be compared with itself; give two different waves", names[r.to])}
	}
	r.From, r.To = names[r.from], names[r.to]
	return r, nil
}
