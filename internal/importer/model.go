package importer

import (
	"fmt"

	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/dataset"
	"github.com/shadowreport/shadowreport/internal/diag"
)

// obsKind is what an export says about one case and one name.
type obsKind uint8

const (
	// obsCount: a count of coded passages (0 is "not coded"), or a percentage when pct is set.
	obsCount obsKind = iota + 1
	// obsYes and obsNo: an explicit answer (Kobo's "1" and "0").
	obsYes
	obsNo
	// obsMissing: not asked (Kobo's blank), or an attribute left blank or Unassigned.
	obsMissing
	// obsNA: not applicable, as typed.
	obsNA
	// obsValue: an attribute or select_one answer, in text; alts are other readings of it
	// (a date Excel made of "1-5" may have been "1-5" or "5-1").
	obsValue
)

type obs struct {
	kind obsKind
	num  float64
	pct  bool
	text string
	alts []string
	at   diag.Pos
}

// varKind is the role of a name of an export.
type varKind uint8

const (
	// presence: a code of the tool; each case has it coded (a count, Yes/No, 1/0) or not.
	presence varKind = iota + 1
	// attribute: a variable; each case has a value (an NVivo attribute, a Kobo select_one).
	attribute
	// freeText: text only (a Kobo "_other" answer); it goes to quotes with --include-text.
	freeText
)

// variable is one name of an export: a code of the tool, an attribute, a question.
type variable struct {
	name string   // as the tool wrote it, for messages
	key  string   // nameKey(name)
	at   diag.Pos // where the name is written
	kind varKind
	// question and option are set for Kobo select_multiple options ("fav/julius"): the
	// question's name and the option's.
	question, option string
	// textOf names the variable a freeText one belongs to (Kobo "q_other" belongs to "q").
	textOf string
	// lists says how several answers share a cell, for multi codes (Kobo: choice names
	// separated by spaces).
	lists listKind
	// rank is the rank question a Kobo "q/_1st_choice" column belongs to.
	rank  string
	obs   map[int]obs // case index → what the export says
	texts []excerpt   // passages coded with it, kept for --include-text
	// allZero is set for a presence name that no case has coded (an NVivo parent folder).
	allZero bool
	// parent is set when the name is the path prefix of another name of the export.
	parent bool
}

// excerpt is a coded passage of one case.
type excerpt struct {
	cas  int
	text string
}

// table is what the readers make of the inputs: cases × names, before any mapping.
type table struct {
	cases   []string       // interviewee ids, in the order first seen
	caseAt  []diag.Pos     // where each id was read
	byCase  map[string]int // Key(id) → index
	vars    []*variable
	byName  map[string]*variable
	notes   []string // for the provenance sheet: what the readers decided
	orients []string // orientation decisions, one per matrix file
	// skippedNames are names of the export left out on purpose (metadata, summary columns,
	// system columns): a map row naming one is not "unused".
	skippedNames []string
	// files are the tables of coded data (matrices, segment lists) and their cases: a code of
	// the tool missing from one of them was not coded there.
	files []fileCases
}

// fileCases is one table of coded data and the cases it holds.
type fileCases struct {
	name  string
	cases []int
}

func newTable() *table {
	return &table{byCase: map[string]int{}, byName: map[string]*variable{}}
}

// addCase returns the index of the case id, adding it when new.
func (t *table) addCase(id string, at diag.Pos) int {
	k := dataset.IDKey(id)
	if i, ok := t.byCase[k]; ok {
		return i
	}
	t.byCase[k] = len(t.cases)
	t.cases = append(t.cases, id)
	t.caseAt = append(t.caseAt, at)
	return len(t.cases) - 1
}

// variable returns the variable of a name, adding it when new.
func (t *table) variable(name string, kind varKind, at diag.Pos) *variable {
	k := varKey(name, kind)
	if v, ok := t.byName[k]; ok {
		return v
	}
	v := &variable{name: name, key: k, at: at, kind: kind, obs: map[int]obs{}}
	t.byName[k] = v
	t.vars = append(t.vars, v)
	return v
}

// varKey keeps the names of different roles apart: a tag and an attribute may share a name.
func varKey(name string, kind varKind) string {
	return string(rune('0'+kind)) + nameKey(name)
}

// lookup finds the code or answer variable of a name.
func (t *table) lookup(name string) *variable {
	if v := t.byName[varKey(name, attribute)]; v != nil {
		return v
	}
	return t.byName[varKey(name, presence)]
}

// set records an observation; a second different one for the same case is an error.
func (t *table) set(v *variable, cas int, o obs, diags *diag.List) {
	if prev, ok := v.obs[cas]; ok && !sameObs(prev, o) {
		diags.Errorf(o.at, "import.conflict", "%s has a second, different entry for %s (the first is at %s); an interviewee may appear only once per name", t.cases[cas], v.name, prev.at)
		return
	}
	v.obs[cas] = o
}

func sameObs(a, b obs) bool {
	return a.kind == b.kind && a.num == b.num && a.pct == b.pct && codebook.Key(a.text) == codebook.Key(b.text)
}

// markParents flags presence names that are never coded, and those that are the path prefix of
// another name: NVivo exports parent folders as rows that are always 0.
func (t *table) markParents(seps []string) {
	paths := map[string]bool{}
	for _, v := range t.vars {
		if v.kind != presence {
			continue
		}
		parts := splitPath(stripPrefix(unwrap(v.name)[0]), seps)
		for i := 1; i < len(parts); i++ {
			paths[codebook.Key(joinPath(parts[:i]))] = true
		}
	}
	for _, v := range t.vars {
		if v.kind != presence {
			continue
		}
		v.allZero = true
		for _, o := range v.obs {
			if o.kind != obsCount || o.num != 0 {
				v.allZero = false
				break
			}
		}
		parts := splitPath(stripPrefix(unwrap(v.name)[0]), seps)
		v.parent = paths[codebook.Key(joinPath(parts))]
	}
}

func joinPath(parts []string) string {
	out := ""
	for i, p := range parts {
		if i > 0 {
			out += `\`
		}
		out += p
	}
	return out
}

// fillAbsent records "not coded" (a count of 0) for every code of the tool that a table of
// coded data does not list at all, for each case of that table: NVivo exports one file per
// case listing only the codes coded for it, and a code absent from the file was not coded. The
// notes count them per file.
func (t *table) fillAbsent() {
	for _, f := range t.files {
		var absent []string
		for _, v := range t.vars {
			if v.kind != presence || v.question != "" {
				continue
			}
			missed := false
			for _, cas := range f.cases {
				if _, ok := v.obs[cas]; !ok {
					v.obs[cas] = obs{kind: obsCount, at: diag.Pos{File: f.name}}
					missed = true
				}
			}
			if missed {
				absent = append(absent, oneLine(stripPrefix(v.name)))
			}
		}
		if len(absent) > 0 {
			n := fmt.Sprintf("%d codes", len(absent))
			if len(absent) == 1 {
				n = "1 code"
			}
			t.notes = append(t.notes, fmt.Sprintf("%s absent from %s set to no (not coded; missing for codes with absent_means missing): %s", n, f.name, list(absent, 10)))
		}
	}
}
