package compare

import (
	"fmt"
	"strconv"
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
	// which the composition flags it (and the difference in the shares of missing answers
	// above which a finding is flagged); 0 means 15.
	FlagPoints float64
	// MinCell protects small groups of sensitive codes: a finding of a sensitive code whose
	// count, or whose complement n − count, is between 1 and MinCell − 1 in either wave is
	// Withheld — no test, and out of the family, so that the adjusted p of the other findings
	// cannot be inverted to recover it. 0 switches this off.
	MinCell int
	// Withhold names findings the publication policy shows nothing of in a wave compared,
	// for reasons the counts of the finding alone do not show (a follow-up whose people are
	// those of a hidden count): they are Withheld as those of MinCell are — no test, and out
	// of the family, so that the number of tests, the adjusted p of the others and the power
	// at the smallest bases do not carry their figures.
	Withhold []FindingKey
}

// FindingKey names a finding: its code and value ("yes" for a yes/no code).
type FindingKey struct{ Code, Value string }

// OptionError reports options that cannot be used; the command line treats it as a usage error.
type OptionError struct {
	Option string // the option at fault: "from", "to", "level", "adjust", "min-n", "min-cell" or "waves"
	Msg    string
}

func (e *OptionError) Error() string {
	return "compare: " + e.Option + ": " + e.Msg
}

// resolved holds options after defaults and checks, with the waves' positions.
type resolved struct {
	Options
	from, to int     // indices into the waves; from is −1 when single
	single   bool    // one wave described, nothing compared
	alpha    float64 // 1 − Level to 12 significant digits; p-values are compared with it by stats.Below
	// FlagShare is FlagPoints as a share.
	FlagShare float64
}

func resolve(waves []*dataset.Wave, o Options) (resolved, error) {
	r := resolved{Options: o}
	if len(waves) == 0 {
		return r, &OptionError{"waves", "the project has no wave: add a wave workbook to interviews/"}
	}
	if r.Level == 0 {
		r.Level = DefaultLevel
	}
	if !(r.Level > 0 && r.Level < 1) { // also NaN
		return r, &OptionError{"level", fmt.Sprintf("%v is not a confidence level between 0 and 1 (e.g. 0.95)", o.Level)}
	}
	// 1 − 0.95 is 0.050000000000000044 in binary: 12 significant digits give 0.05 back
	r.alpha, _ = strconv.ParseFloat(strconv.FormatFloat(1-r.Level, 'g', 12, 64), 64)
	r.FlagShare = FlagShare
	if o.FlagPoints > 0 && o.FlagPoints <= 100 {
		r.FlagShare = o.FlagPoints / 100
	} else if o.FlagPoints != 0 {
		return r, &OptionError{"flag-points", fmt.Sprintf("%v is not a number of points between 0 and 100", o.FlagPoints)}
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
	if r.MinCell < 0 {
		return r, &OptionError{"min-cell", fmt.Sprintf("%d is negative; give the smallest count of a sensitive finding that may be tested (0: no limit)", o.MinCell)}
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
	case len(waves) == 1 && o.From == "":
		if o.To != "" {
			if _, err := find("to", o.To); err != nil {
				return r, err
			}
		}
		r.from, r.to, r.single = -1, 0, true
	case o.From == "" && o.To == "":
		r.from, r.to = len(waves)-2, len(waves)-1
	case o.From == "":
		if r.to, err = find("to", o.To); err != nil {
			return r, err
		}
		r.from = r.to - 1
		if r.to == 0 { // the first wave: nothing before it to compare with
			r.from, r.single = -1, true
		}
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
	if !r.single && r.from == r.to {
		return r, &OptionError{"to", fmt.Sprintf("the wave %s cannot be compared with itself; give two different waves", names[r.to])}
	}
	r.From, r.To = "", names[r.to]
	if !r.single {
		r.From = names[r.from]
	}
	return r, nil
}
