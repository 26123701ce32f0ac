package cli

import (
	"encoding/json"
	"errors"
	"io"

	"github.com/spf13/cobra"

	"github.com/shadowreport/shadowreport/internal/compare"
	"github.com/shadowreport/shadowreport/internal/present"
	"github.com/shadowreport/shadowreport/internal/project"
	"github.com/shadowreport/shadowreport/internal/publish"
)

type compareOptions struct {
	*global
	from, to string
	format   string
	level    float64
	adjust   string
	minN     int
	output   string
	changed  func(string) bool
}

func newCompareCmd(g *global, runF func(*compareOptions) error) *cobra.Command {
	opts := &compareOptions{global: g}
	cmd := &cobra.Command{
		Use:   "compare",
		Short: "Compare two waves: findings with intervals, exact tests and verdicts",
		Long: `Compare sets one wave against another — by default the last wave against the one before
it — whatever the shape of each (interviews, or figures published in an earlier report).

Each yes/no code gives one finding, each value of a category or multi code one finding:
"k of n" in each wave with its Wilson interval and the difference with Newcombe's hybrid
score interval. The codes with a direction are tested — Fisher's exact test adjusted over
them (Holm by default) — and get a verdict: worse, better, no clear change, too few answers,
withheld (a small group of a sensitive code) or unreliable (the coders disagree); the others
are described. Quasi-identifiers give the composition of each wave side by side and
standardise one wave to the other's profile; codes found in only one wave are listed as not
comparable; trends cover every finding found in three waves or more. A project of one wave
is described, with nothing compared (shadowreport help statistics).

Every output starts by saying it is not for publication: the counts are not suppressed.
Settings come from [compare] in report.toml; flags override them.
Formats: table (for people), csv, json (every field: shadowreport help statistics), xlsx
(needs -o FILE on a terminal).` + exitStatus,
		Args: noArgs,
		RunE: runE(func() error {
			if runF != nil {
				return runF(opts)
			}
			return compareRun(opts)
		}),
	}
	f := cmd.Flags()
	f.StringVar(&opts.from, "from", "", "the earlier wave (default: the one before --to)")
	f.StringVar(&opts.to, "to", "", "the later wave (default: the last)")
	f.StringVar(&opts.format, "format", "table", "output format: table, csv, json or xlsx")
	f.Float64Var(&opts.level, "level", compare.DefaultLevel, "confidence level of the intervals and tests")
	f.StringVar(&opts.adjust, "adjust", compare.AdjustHolm, "adjustment for multiple comparisons: holm, bh or none")
	f.IntVar(&opts.minN, "min-n", compare.DefaultMinN, "fewest answers in a wave for a finding to be tested")
	f.StringVarP(&opts.output, "output", "o", "", "write to FILE instead of standard output")
	opts.changed = func(name string) bool { return f.Changed(name) }
	return cmd
}

func compareRun(opts *compareOptions) error {
	if err := checkFormat(opts.format, "table", "csv", "json", "xlsx"); err != nil {
		return err
	}
	if opts.changed("level") && !(opts.level > 0 && opts.level < 1) { // also NaN
		return usageErrorf("--level %v: give a confidence level between 0 and 1, such as 0.95 or 0.9", opts.level)
	}
	if opts.format == "xlsx" && opts.output == "" && isTerminal(opts.io.out) {
		return usageErrorf("--format xlsx writes a workbook: give -o FILE.xlsx")
	}
	p, err := opts.loadValid()
	if err != nil {
		return err
	}
	target := ""
	if opts.output != "" {
		if target, err = checkOutputPath(p, opts.output); err != nil {
			return err
		}
	}
	res, err := compare.Compare(p.Codebook, p.Waves, compareSettings(p.Config, opts))
	var oe *compare.OptionError
	if errors.As(err, &oe) {
		switch oe.Option {
		case "waves":
			return withTopic(invalidf("%s", oe.Msg), "workbooks")
		case "flag-points":
			return withTopic(invalidf("report.toml: composition_flag_points: %s", oe.Msg), "report.toml")
		case "min-cell":
			return withTopic(invalidf("report.toml: min_cell: %s", oe.Msg), "report.toml")
		}
		return usageErrorf("--%s: %s", oe.Option, oe.Msg)
	}
	if err != nil {
		return err
	}
	write := func(w io.Writer) error {
		switch opts.format {
		case "json":
			enc := json.NewEncoder(w)
			enc.SetIndent("", "  ")
			return enc.Encode(marked{Notice: present.NotForPublication, Result: res})
		case "csv":
			return present.CSV(w, res)
		case "xlsx":
			return present.XLSX(w, res)
		}
		return present.Table(w, res)
	}
	if opts.output == "" {
		return write(opts.io.out)
	}
	return publish.WriteFile(target, write)
}

// marked is the JSON of compare: the result, its first field saying it is not for publication.
type marked struct {
	Notice string `json:"not_for_publication"`
	*compare.Result
}

// compareSettings takes report.toml's [compare] and lets the flags given override it. min_cell
// withholds the tests of small sensitive findings, as the build does.
func compareSettings(cfg project.Config, opts *compareOptions) compare.Options {
	o := cfg.CompareOptions()
	if opts.changed("from") || opts.changed("to") {
		o.From, o.To = opts.from, opts.to
	}
	if opts.changed("level") {
		o.Level = opts.level
	}
	if opts.changed("adjust") {
		o.Adjust = opts.adjust
	}
	if opts.changed("min-n") {
		o.MinN = opts.minN
		if o.MinN == 0 {
			o.MinN = 1 // "--min-n 0": test everything that has answers
		}
	}
	return o
}
