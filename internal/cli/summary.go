package cli

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/dataset"
	"github.com/shadowreport/shadowreport/internal/english"
	"github.com/shadowreport/shadowreport/internal/present"
	"github.com/shadowreport/shadowreport/internal/project"
	"github.com/shadowreport/shadowreport/internal/stats"
)

type summaryOptions struct {
	*global
	format string
}

func newSummaryCmd(g *global, runF func(*summaryOptions) error) *cobra.Command {
	opts := &summaryOptions{global: g}
	cmd := &cobra.Command{
		Use:   "summary",
		Short: "Count the answers to every code, wave by wave",
		Long: `Summary prints, for every wave and every code, how many interviewees answered,
how many answers are missing (blank) or not applicable, and the count of each value.
Withdrawn interviewees are left out everywhere. For a wave known only from published
figures, the published base is shown as answered and missing answers are unknown.

Every output starts by saying it is not for publication: the counts are not suppressed.
Formats: table (for people), csv (one row per code and value), json.` + exitStatus,
		Args: noArgs,
		RunE: runE(func() error {
			if runF != nil {
				return runF(opts)
			}
			return summaryRun(opts)
		}),
	}
	cmd.Flags().StringVar(&opts.format, "format", "table", "output format: table, csv or json")
	return cmd
}

type summaryWave struct {
	Name         string        `json:"name"`
	Kind         dataset.Kind  `json:"kind"`
	Interviewees *int          `json:"interviewees,omitempty"`
	Withdrawn    *int          `json:"withdrawn,omitempty"`
	Codes        []summaryCode `json:"codes"`
}

type summaryCode struct {
	Code          string         `json:"code"`
	Label         string         `json:"label"`
	Type          codebook.Type  `json:"type"`
	Answered      int            `json:"answered"`
	Missing       *int           `json:"missing"`
	NotApplicable *int           `json:"not_applicable"`
	Values        []summaryValue `json:"values,omitempty"`
	Median        *float64       `json:"median,omitempty"`
	Q1            *float64       `json:"q1,omitempty"`
	Q3            *float64       `json:"q3,omitempty"`
	Sources       []string       `json:"sources,omitempty"`
}

type summaryValue struct {
	Value string `json:"value"`
	Count int    `json:"count"`
	// Base is the published base of an aggregate figure when it differs from Answered.
	Base int `json:"base,omitempty"`
	// Rebuilt marks a count rebuilt from a published percentage; CountMin..CountMax are the
	// counts it allows (Count the one nearest the percentage).
	Rebuilt  bool `json:"rebuilt,omitempty"`
	CountMin *int `json:"count_min,omitempty"`
	CountMax *int `json:"count_max,omitempty"`
}

func summaryRun(opts *summaryOptions) error {
	if err := checkFormat(opts.format, "table", "csv", "json"); err != nil {
		return err
	}
	p, err := opts.loadValid()
	if err != nil {
		return err
	}
	waves := summarize(p)
	switch opts.format {
	case "json":
		enc := json.NewEncoder(opts.io.out)
		enc.SetIndent("", "  ")
		return enc.Encode(struct {
			Notice string        `json:"not_for_publication"`
			Waves  []summaryWave `json:"waves"`
		}{present.NotForPublication, waves})
	case "csv":
		return summaryCSV(opts.io.out, waves)
	}
	return summaryTable(opts.io.out, waves)
}

func summarize(p *project.Project) []summaryWave {
	out := []summaryWave{}
	for _, w := range p.Waves {
		sw := summaryWave{Name: w.Name, Kind: w.Kind, Codes: []summaryCode{}}
		if w.Kind == dataset.Interviews {
			sw.Interviewees, sw.Withdrawn = ptr(w.Counted()), ptr(w.Withdrawn())
		}
		for _, code := range p.Codebook.Codes {
			t, ok := w.Tally(code)
			if !ok || code.Identifier == codebook.Direct {
				continue
			}
			sc := summaryCode{Code: code.Name, Label: code.Label, Type: code.Type, Answered: t.Answered, Sources: t.Sources}
			if t.Known {
				sc.Missing, sc.NotApplicable = ptr(t.Missing), ptr(t.NotApplicable)
			}
			for i, v := range t.Values {
				if w.Kind == dataset.Aggregate && t.Bases[i] == 0 {
					continue // not published
				}
				sv := summaryValue{Value: v, Count: t.Counts[i]}
				if lo, hi, rebuilt, ok := w.Range(code, i); ok && rebuilt && w.Kind == dataset.Aggregate {
					sv.Rebuilt, sv.CountMin, sv.CountMax = true, ptr(lo), ptr(hi)
				}
				if t.Bases[i] != t.Answered {
					sv.Base = t.Bases[i]
				}
				sc.Values = append(sc.Values, sv)
			}
			if code.Type == codebook.Number {
				if q1, med, q3, ok := stats.Quartiles(t.Numbers); ok {
					sc.Q1, sc.Median, sc.Q3 = ptr(q1), ptr(med), ptr(q3)
				}
			}
			sw.Codes = append(sw.Codes, sc)
		}
		out = append(out, sw)
	}
	return out
}

func ptr[T any](v T) *T { return &v }

func summaryTable(w io.Writer, waves []summaryWave) error {
	fmt.Fprintln(w, present.NotForPublication)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	rebuilt := false
	for i, sw := range waves {
		if i > 0 {
			fmt.Fprintln(tw)
		}
		if sw.Kind == dataset.Aggregate {
			fmt.Fprintf(tw, "Wave %s: published figures (missing answers unknown)\n", sw.Name)
		} else {
			head := fmt.Sprintf("Wave %s: %s", sw.Name, english.Count(*sw.Interviewees, "interviewee", "interviewees"))
			if *sw.Withdrawn > 0 {
				head += fmt.Sprintf(" (%d withdrawn, left out)", *sw.Withdrawn)
			}
			fmt.Fprintln(tw, head)
		}
		fmt.Fprintln(tw, "code\tanswered\tmissing\t    n/a\tvalue\t   count")
		for _, c := range sw.Codes {
			miss, na := "–", "–"
			if c.Missing != nil {
				miss, na = strconv.Itoa(*c.Missing), strconv.Itoa(*c.NotApplicable)
			}
			first := fmt.Sprintf("%s\t%8d\t%7s\t%7s\t", c.Code, c.Answered, miss, na)
			switch {
			case c.Median != nil:
				fmt.Fprintf(tw, "%smedian (quartiles)\t%8s\n", first, num(*c.Median)+" ("+num(*c.Q1)+"–"+num(*c.Q3)+")")
			case len(c.Values) == 0:
				fmt.Fprintf(tw, "%s\t\n", first)
			}
			for j, v := range c.Values {
				lead := first
				if j > 0 || c.Median != nil {
					lead = "\t\t\t\t"
				}
				n := strconv.Itoa(v.Count)
				if v.Rebuilt && *v.CountMin != *v.CountMax {
					n = strconv.Itoa(*v.CountMin) + "–" + strconv.Itoa(*v.CountMax)
				}
				if v.Rebuilt {
					n += "†"
					rebuilt = true
				}
				if v.Base != 0 {
					n += " of " + strconv.Itoa(v.Base)
				}
				fmt.Fprintf(tw, "%s%s\t%8s\n", lead, v.Value, n)
			}
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if rebuilt {
		_, err := fmt.Fprintln(w, "†: a count rebuilt from a published percentage; a range where several counts print as that percentage.")
		return err
	}
	return nil
}

func num(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

// summaryCSV writes a first line saying the file is not for publication (one field: skip it to
// read the table), the header, then one row per code and value; text cells are neutralised for
// spreadsheet programs.
func summaryCSV(w io.Writer, waves []summaryWave) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{present.NotForPublication})
	cw.Write([]string{"wave", "kind", "code", "label", "type", "answered", "missing", "not_applicable", "value", "count", "base", "rebuilt", "count_min", "count_max"})
	for _, sw := range waves {
		for _, c := range sw.Codes {
			miss, na := "", ""
			if c.Missing != nil {
				miss, na = strconv.Itoa(*c.Missing), strconv.Itoa(*c.NotApplicable)
			}
			row := []string{present.CSVText(sw.Name), string(sw.Kind), present.CSVText(c.Code), present.CSVText(c.Label), string(c.Type), strconv.Itoa(c.Answered), miss, na}
			if len(c.Values) == 0 {
				cw.Write(append(row, "", "", "", "", "", ""))
			}
			for _, v := range c.Values {
				base := c.Answered
				if v.Base != 0 {
					base = v.Base
				}
				lo, hi := v.Count, v.Count
				if v.Rebuilt {
					lo, hi = *v.CountMin, *v.CountMax
				}
				cw.Write(append(row, present.CSVText(v.Value), strconv.Itoa(v.Count), strconv.Itoa(base), strconv.FormatBool(v.Rebuilt), strconv.Itoa(lo), strconv.Itoa(hi)))
			}
		}
	}
	cw.Flush()
	return cw.Error()
}
