package policy

import (
	"fmt"
	"hash/maphash"
	"slices"

	"github.com/shadowreport/shadowreport/internal/claims"
	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/compare"
	"github.com/shadowreport/shadowreport/internal/dataset"
	"github.com/shadowreport/shadowreport/internal/english"
	"github.com/shadowreport/shadowreport/internal/privacy"
	"github.com/shadowreport/shadowreport/internal/project"
)

// Options say what kind of publication is being built.
type Options struct {
	// Confidential marks a build for the Committee only. The same rules apply: a confidential
	// document travels too.
	Confidential bool
}

// Refusal is something an output would show that a disclosure rule forbids: the build stops
// (exit 4) and nothing is published.
type Refusal struct {
	Rule  string // privacy.Rule…
	Where string // "interviews/2017.xlsx: quotes!C5", "report.toml: report.contact", a table
	What  string // what is wrong, never repeating the identifying detail
	Fix   string // what to do
	// More is set on the refusal that stands for the refusals of one rule beyond MaxRefusals:
	// how many were found but not listed.
	More int
}

// MaxRefusals is how many refusals of one rule a build lists: far more than a genuine project
// has, and few enough that a workbook of a few kilobytes repeating one quote a hundred thousand
// times gives a bounded message in bounded memory. The others are counted.
const MaxRefusals = 1000

func (r Refusal) String() string {
	if r.More > 0 {
		return fmt.Sprintf("... and %d more refusals of this kind [rule %s]", r.More, r.Rule)
	}
	s := r.Where + ": " + r.What
	if r.Fix != "" {
		s += "; " + r.Fix
	}
	return s + " [rule " + r.Rule + "]"
}

// Lifted is an override of report.toml that lifted a rule in this build, and where.
type Lifted struct {
	Override project.Override
	Where    string
}

// Policy is the publication policy of one build: every output asks it before it shows a figure,
// a label or a text, so that no output shows what another hides. It records what it refuses
// and which overrides it applied.
type Policy struct {
	p       *project.Project
	r       *compare.Result
	cb      *codebook.Codebook
	d       project.Disclosure
	opts    Options
	minCell int // cells and findings of 1 to minCell-1 people are hidden
	k       int // no published description fits fewer than k people

	refusals []Refusal
	refused  map[uint64]bool // by a hash of the refusal
	// beyond MaxRefusals of a rule (listed), refusals are counted (more)
	listed map[string]int
	more   map[string]int
	seed   maphash.Seed
	// verdicts are the quotes checked already, by their place: every template asks for them
	verdicts map[quoteKey]verdict
	// holds and quasi remember what holdsID and quasiCodes found in a text
	holds  map[string]bool
	quasi  map[string][]string
	lifted []Lifted
	public *Public
	// approved are the quotes the policy let through, by their text, for the final check of
	// each document.
	approved map[string]bool
	ids      []string // every interviewee id of every wave, as written
	// idsInQuotes and idsInProse find those ids in quotes and in other text
	idsInQuotes, idsInProse *privacy.IDs
	// allowed are passages the scanner finds that may be published (by key): the contact
	// address, overridden terms.
	allowed map[string]bool
	// scanned keeps what the scanner found in each text already scanned: a document repeats
	// labels, counts and sentences of the others
	scanned map[string][]privacy.Hit
	noun    string   // the singular noun of attributions ("woman")
	notes   []string // what was changed to publish safely, for the build log
	// published are the places of the quotes let through
	published []string
	// claims is the evaluation of the State party's claims, made once (Claims)
	claims *claims.Evaluation
	// hiddenSets are, by wave, the sets of people whose number a hidden count is (linkedSets)
	hiddenSets map[string]map[string]string
	// attrCodes are, by wave, the codes its quotes are attributed by and those left out
	attrCodes map[*dataset.Wave][2][]string
	// speakers are, by wave and code, how many people may be quoted and each quoted person's
	// place among them (see speakersAllowed and speakerRanks)
	speakers map[speakerKey]speakerLimit
}

// New makes the policy of a build of project p over the comparison r. It checks the inputs
// whose text reaches every output (report.toml, the codebook, published sources) and builds
// the public view of the comparison; what it refuses is in Refusals.
func New(p *project.Project, r *compare.Result, opts Options) *Policy {
	d := p.Config.Disclosure
	pol := &Policy{p: p, r: r, cb: p.Codebook, d: d, opts: opts, minCell: d.MinCell, k: d.K,
		refused: map[uint64]bool{}, listed: map[string]int{}, more: map[string]int{}, seed: maphash.MakeSeed(),
		verdicts: map[quoteKey]verdict{}, holds: map[string]bool{}, quasi: map[string][]string{}, approved: map[string]bool{}, allowed: map[string]bool{}, scanned: map[string][]privacy.Hit{}, noun: "person"}
	if pol.minCell < 1 {
		pol.minCell = 1
	}
	for _, w := range p.Waves {
		for _, person := range w.People {
			pol.ids = append(pol.ids, person.ID)
		}
	}
	pol.idsInQuotes, pol.idsInProse = privacy.NewIDs(pol.ids), privacy.NewIDsInProse(pol.ids)
	pol.checkQuasi()
	pol.checkInputText()
	pol.public = pol.publish()
	return pol
}

// Public is the comparison as it may be published.
func (pol *Policy) Public() *Public { return pol.public }

// Refusals lists what the policy refused so far, in the order found, each once; at most
// MaxRefusals of a rule, then one Refusal with More counting the others.
func (pol *Policy) Refusals() []Refusal {
	if len(pol.more) == 0 {
		return pol.refusals
	}
	out := append([]Refusal(nil), pol.refusals...)
	counted := map[string]bool{}
	for _, r := range pol.refusals {
		if n := pol.more[r.Rule]; n > 0 && !counted[r.Rule] {
			counted[r.Rule] = true
			out = append(out, Refusal{Rule: r.Rule, More: n})
		}
	}
	return out
}

// Lifted lists the overrides applied so far, each once, in the order of report.toml.
func (pol *Policy) Lifted() []Lifted {
	out := append([]Lifted(nil), pol.lifted...)
	slices.SortStableFunc(out, func(a, b Lifted) int { return a.Override.Line - b.Override.Line })
	return out
}

// MinCell is the smallest count published as a number for a sensitive finding or a table cell.
func (pol *Policy) MinCell() int { return pol.minCell }

// refuse records a refusal unless an override of rule with target match lifts it; it reports
// whether the item may be published.
func (pol *Policy) refuse(rule string, match project.Override, r Refusal) bool {
	if o, ok := pol.d.Override(rule, match); ok {
		pol.lift(o, r.Where)
		return true
	}
	r.Rule = rule
	// each refusal once, known by a hash of its fields (a hundred thousand refusals are not
	// kept as text)
	var h maphash.Hash
	h.SetSeed(pol.seed)
	for _, f := range []string{r.Rule, r.Where, r.What, r.Fix} {
		h.WriteString(f)
		h.WriteByte(0)
	}
	key := h.Sum64()
	switch {
	case pol.refused[key]:
	case pol.listed[rule] < MaxRefusals:
		pol.refused[key] = true
		pol.listed[rule]++
		pol.refusals = append(pol.refusals, r)
	default:
		pol.refused[key] = true
		pol.more[rule]++
	}
	return false
}

// lift notes that an override was applied at where.
func (pol *Policy) lift(o project.Override, where string) {
	for _, l := range pol.lifted {
		if l.Override.Line == o.Line && l.Override.Rule == o.Rule && l.Override.Target() == o.Target() {
			return
		}
	}
	pol.lifted = append(pol.lifted, Lifted{Override: o, Where: where})
}

// LiftSetting notes the overrides that loosened k or min_cell, which apply to the whole build.
func (pol *Policy) liftSettings() {
	def := project.DefaultConfig().Disclosure
	for _, s := range []struct {
		key, rule string
		v, std    int
	}{{"k", privacy.RuleKAnonymity, pol.d.K, def.K}, {"min_cell", privacy.RuleSmallCells, pol.d.MinCell, def.MinCell}} {
		if s.v < s.std {
			if o, ok := pol.d.Override(s.rule, project.Override{Setting: s.key}); ok {
				pol.lift(o, "report.toml: disclosure."+s.key)
			}
		}
	}
}

// described lists the waves this build describes: the two compared, or the one of a
// single-wave report.
func (pol *Policy) described() []*dataset.Wave {
	var out []*dataset.Wave
	for _, name := range []string{pol.r.From, pol.r.To} {
		if w := pol.p.Wave(name); w != nil && !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

// checkQuasi refuses to describe a wave of interviews when the codebook declares no
// quasi-identifier it holds: re-identification could not be checked at all.
func (pol *Policy) checkQuasi() {
	pol.liftSettings()
	for _, w := range pol.described() {
		if w.Kind != dataset.Interviews {
			continue
		}
		has := false
		for _, c := range pol.cb.Codes {
			if c.Identifier == codebook.Quasi && c.Counted() && w.Column(c) != nil {
				has = true
				break
			}
		}
		if !has {
			pol.refuse(privacy.RuleKAnonymity, project.Override{Wave: w.Name}, Refusal{
				Where: w.File,
				What:  "the codebook declares no quasi-identifier this wave holds, so whether a table, a quote's attribution or a finding points at one person cannot be checked",
				Fix:   "mark the codes that describe who was interviewed (age band, province group, period of leaving) with identifier = quasi in the codebook",
			})
		}
	}
}

func people(n int) string { return english.Count(n, "person", "people") }

// K is the smallest group a published description may fit.
func (pol *Policy) K() int { return pol.k }

// Threshold is the smallest count a published table cell shows: fewer are hidden.
func (pol *Policy) Threshold() int { return pol.cellThreshold() }

// Confidential reports whether the build is for the Committee only.
func (pol *Policy) Confidential() bool { return pol.opts.Confidential }
