package importer

import (
	"fmt"
	"math/bits"
	"sort"
	"strings"

	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/dataset"
	"github.com/shadowreport/shadowreport/internal/diag"
	"github.com/shadowreport/shadowreport/internal/sheet"
)

// Wave is an imported wave: one row per interviewee, one column per matched code.
type Wave struct {
	IDs    []string
	Codes  []*codebook.Code
	Cells  [][]Value // Cells[code][interviewee]
	Quotes []Quote
}

// NoneOf is what a multi code's cell says for a person who answered the question and chose none
// of its values (a select_multiple whose option columns are all 0). Blank means not answered.
const NoneOf = "none"

// Value is one cell of the interviews sheet; the zero Value is blank (missing).
type Value struct {
	Text  string
	Num   float64
	IsNum bool
}

// Quote is a passage for the quotes sheet; imported quotes are never reviewed.
type Quote struct{ ID, Code, Text string }

// MappingRow says what became of one name of the export, for the provenance sheet.
type MappingRow struct {
	Source, Where, Code, Value, How string
}

// binding is a name of the export with the code it was matched to.
type binding struct {
	v *variable
	t target
}

// acc gathers what the bound names say about one interviewee and one code.
type acc struct {
	yes, no, absent, na bool
	noAt                diag.Pos
	vals                uint64
	valAt               diag.Pos
	num                 float64
	hasNum              bool
	numAt               diag.Pos
}

// assemble matches every name of the table to a code and builds the wave. Names that match
// nothing, values that are not values of their code and conflicting answers are errors in
// diags; the wave is only worth writing when there are none.
func assemble(t *table, r *resolver, o *Options, diags *diag.List) (*Wave, []MappingRow) {
	t.markParents(r.seps)
	var binds []binding
	var rows []MappingRow
	ignored := func(v *variable, how string) {
		rows = append(rows, MappingRow{Source: oneLine(v.name), Where: v.at.String(), Code: "-", How: how})
	}
	bound := map[*variable]target{}
	byOption := map[*codebook.Code]*variable{} // Kobo option columns matched by their option's name
	for _, v := range t.vars {
		var tg target
		var ok bool
		switch v.kind {
		case presence:
			tg, ok = r.presence(v)
		case attribute:
			tg, ok = r.code(v.name)
		default:
			continue
		}
		if !ok {
			if v.kind == presence && v.allZero && v.parent {
				ignored(v, "ignored: a parent folder, never coded")
				continue
			}
			unmatched(v, r, diags)
			continue
		}
		if tg.problem != "" {
			diags.Errorf(v.at, "import.option", "%s", tg.problem)
			continue
		}
		if tg.byOption && tg.code != nil {
			if prev := byOption[tg.code]; prev != nil && prev.question != v.question {
				diags.Errorf(v.at, "import.option", "%s and %s (%s) are options of two questions with the same name, and both match the %s code %s by it: say in --map which one feeds %s, and ignore the other (code -)",
					quote(v.name), quote(prev.name), prev.at, tg.code.Type, tg.code.Name, tg.code.Name)
				continue
			}
			byOption[tg.code] = v
		}
		c := tg.code
		switch {
		case c == nil:
			ignored(v, tg.how)
			continue
		case c.Identifier == codebook.Direct:
			ignored(v, "ignored: "+c.Name+" is a direct identifier, never imported")
			continue
		case v.kind == presence && (c.Type == codebook.Category || c.Type == codebook.Multi) && tg.value < 0:
			diags.Errorf(v.at, "import.value", "%s matches %s, a %s code: a code of the tool can stand for one of its values only; say which in --map (columns source, code, value), e.g. %s,%s,%s",
				quote(v.name), c.Name, c.Type, quote(v.name), c.Name, quote(c.Values[0]))
			continue
		case v.kind == attribute && tg.value >= 0:
			diags.Errorf(v.at, "import.value", "%s is a column of answers: map it to %s without a value (its answers are matched to the values of %s one by one)", quote(v.name), c.Name, c.Name)
			continue
		}
		row := MappingRow{Source: oneLine(v.name), Where: v.at.String(), Code: c.Name, How: tg.how}
		if tg.value >= 0 {
			row.Value = c.Values[tg.value]
		}
		if c.Type == codebook.Text {
			row.How += "; a text code: never counted, its text only in quotes with --include-text"
		}
		rows = append(rows, row)
		bound[v] = tg
		binds = append(binds, binding{v, tg})
	}
	// free text follows the question it belongs to (Kobo "q_other" belongs to "q")
	for _, v := range t.vars {
		if v.kind != freeText {
			continue
		}
		tg, ok := bound[t.lookup(v.textOf)]
		if !ok { // a select_multiple: the question's code, else the code of its option "other"
			if q, found := r.code(v.textOf); found && q.code != nil && q.code.Identifier != codebook.Direct {
				tg, ok = q, true
			} else {
				tg, ok = bound[t.lookup(v.textOf+"/other")]
			}
		}
		if !ok {
			ignored(v, "free text of "+v.textOf+", which is not imported")
			continue
		}
		rows = append(rows, MappingRow{Source: oneLine(v.name), Where: v.at.String(), Code: tg.code.Name, How: "free text of " + v.textOf + ": only in quotes with --include-text"})
		binds = append(binds, binding{v, target{code: tg.code, value: -1, how: "free text"}})
	}

	accs := map[*codebook.Code][]acc{}
	valueProblems := map[string]bool{}
	for _, b := range binds {
		c := b.t.code
		if c.Type == codebook.Text || b.v.kind == freeText {
			continue
		}
		if accs[c] == nil {
			accs[c] = make([]acc, len(t.cases))
		}
		for cas, ob := range b.v.obs {
			a := &accs[c][cas]
			if b.v.kind == presence {
				addPresence(a, c, b.t.value, ob, o, diags)
				continue
			}
			rows = addAnswer(a, c, b.v, ob, r, valueProblems, rows, diags)
		}
	}
	w := &Wave{IDs: t.cases}
	for _, c := range r.cb.Codes {
		as, ok := accs[c]
		if !ok {
			continue
		}
		col := make([]Value, len(t.cases))
		var noneOf []string
		for cas := range as {
			col[cas] = finish(&as[cas], c, t.cases[cas], diags)
			if col[cas].Text == NoneOf && c.Type == codebook.Multi {
				noneOf = append(noneOf, t.cases[cas])
			}
		}
		if len(noneOf) > 0 {
			who := fmt.Sprintf("%d interviewees", len(noneOf))
			if len(noneOf) == 1 {
				who = "1 interviewee"
			}
			t.notes = append(t.notes, fmt.Sprintf("%s: %s answered but chose none of its options (written %s): %s", c.Name, who, NoneOf, list(noneOf, 10)))
		}
		w.Codes = append(w.Codes, c)
		w.Cells = append(w.Cells, col)
	}
	if o.IncludeText {
		w.Quotes = quotes(t, binds, r.cb)
	}
	return w, rows
}

// addPresence adds what a code of the tool says: coded (at least --min-count times) or not.
func addPresence(a *acc, c *codebook.Code, value int, ob obs, o *Options, diags *diag.List) {
	coded, absent := false, false
	switch ob.kind {
	case obsCount:
		if c.Type == codebook.Number {
			setNum(a, c, ob.num, ob.at, diags)
			return
		}
		if ob.pct {
			coded = ob.num > 0
		} else {
			coded = ob.num > 0 && (ob.num >= o.MinCount || o.MinCount <= 1) // a fraction is a relative frequency
		}
		absent = !coded
	case obsYes:
		coded = true
	case obsNo:
		if c.Type == codebook.Number {
			setNum(a, c, 0, ob.at, diags)
			return
		}
		if !a.no {
			a.noAt = ob.at
		}
		a.no = true
		return
	case obsNA:
		a.na = true
		return
	default:
		return // missing: not asked
	}
	switch {
	case absent:
		a.absent = true
	case c.Type == codebook.YesNo:
		a.yes = true
	case c.Type == codebook.Number:
		setNum(a, c, 1, ob.at, diags)
	default:
		if a.vals == 0 {
			a.valAt = ob.at
		}
		a.vals |= 1 << uint(value)
	}
}

// addAnswer adds an answer (an attribute value, a select_one choice), matched to the code's
// vocabulary. A value that matches nothing is listed once per name and value.
func addAnswer(a *acc, c *codebook.Code, v *variable, ob obs, r *resolver, problems map[string]bool, rows []MappingRow, diags *diag.List) []MappingRow {
	switch ob.kind {
	case obsMissing:
		return rows
	case obsNA:
		a.na = true
		return rows
	}
	switch c.Type {
	case codebook.YesNo:
		if yes, ok := codebook.ParseYesNo(ob.text); ok {
			if yes {
				a.yes = true
			} else {
				a.no = true
			}
			return rows
		}
	case codebook.Number:
		if x, ok := parseNumber(ob.text); ok {
			setNum(a, c, x, ob.at, diags)
			return rows
		}
	case codebook.Category, codebook.Multi:
		parts := []string{ob.text}
		if c.Type == codebook.Multi {
			parts = splitAnswers(c, v, ob, r)
		}
		for _, p := range parts {
			i, how, ok := answerValue(c, v, p, ob.alts, r)
			if !ok {
				if k := v.key + "\x00" + codebook.Key(p); !problems[k] {
					problems[k] = true
					valueError(c, v, p, ob.at, r, diags)
				}
				continue
			}
			if i < 0 {
				continue // ignored by the map: missing
			}
			if k := v.key + "\x00=" + codebook.Key(p); how != "" && !problems[k] {
				problems[k] = true
				rows = append(rows, MappingRow{Source: oneLine(v.name) + " = " + p, Where: ob.at.String(), Code: c.Name, Value: c.Values[i], How: how})
			}
			if a.vals == 0 {
				a.valAt = ob.at
			}
			a.vals |= 1 << uint(i)
		}
		return rows
	}
	if k := v.key + "\x00" + codebook.Key(ob.text); !problems[k] {
		problems[k] = true
		valueError(c, v, ob.text, ob.at, r, diags)
	}
	return rows
}

// answerValue finds the value of a category or multi code an answer stands for: by the map
// (NAME = VALUE), by the codebook's spelling, by letters and digits (Kobo's choice names), or,
// for a date Excel made of "1-5", by what was probably typed. how says how, when not plainly.
func answerValue(c *codebook.Code, v *variable, s string, alts []string, r *resolver) (int, string, bool) {
	for _, cand := range candidates(v.name, r.seps) {
		if e := r.m.lookup(cand + "=" + s); e != nil {
			e.used = true
			switch {
			case e.ignore:
				return -1, "", true
			case e.code != c || e.value < 0:
				return -1, "", false
			}
			return e.value, fmt.Sprintf("map row %d", e.row), true
		}
	}
	if i, ok := c.Value(s); ok {
		return i, "", true
	}
	if i, ok := valueIndex(c, s); ok {
		return i, "value by its letters and digits", true
	}
	for _, alt := range alts {
		if i, ok := c.Value(alt); ok {
			return i, "a date Excel made of " + quote(alt), true
		}
	}
	return -1, "", false
}

func valueError(c *codebook.Code, v *variable, s string, at diag.Pos, r *resolver, diags *diag.List) {
	var msg string
	switch c.Type {
	case codebook.YesNo:
		msg = fmt.Sprintf("%s in %s is not yes or no for %s", quote(s), quote(v.name), c.Name)
	case codebook.Number:
		msg = fmt.Sprintf("%s in %s is not a number for %s", quote(s), quote(v.name), c.Name)
	default:
		msg = fmt.Sprintf("%s in %s is not a value of %s", quote(s), quote(v.name), c.Name)
		if sug, ok := codebook.Suggest(s, c.Values); ok {
			msg += " (did you mean " + quote(sug) + "?)"
		} else if len(c.Values) <= 8 {
			msg += " (its values: " + strings.Join(c.Values, "; ") + ")"
		}
		msg += fmt.Sprintf("; map it in --map with the source %s, the code %s and the value, or - to leave it missing", quote(oneLine(v.name)+" = "+s), c.Name)
	}
	diags.Errorf(at, "import.value", "%s", msg)
}

func setNum(a *acc, c *codebook.Code, x float64, at diag.Pos, diags *diag.List) {
	if a.hasNum && a.num != x {
		diags.Errorf(at, "import.conflict", "two different numbers for %s: %v and %v (at %s)", c.Name, a.num, x, a.numAt)
		return
	}
	a.num, a.hasNum, a.numAt = x, true, at
}

// finish turns what was gathered into the cell: for a yes/no code yes when any name says yes,
// else no when one says no or "not coded" means no (absent_means), else blank.
func finish(a *acc, c *codebook.Code, id string, diags *diag.List) Value {
	switch c.Type {
	case codebook.YesNo:
		switch {
		case a.yes:
			return Value{Text: "yes"}
		case a.no:
			return Value{Text: "no"}
		case a.absent && c.AbsentMeans != codebook.AbsentMissing:
			return Value{Text: "no"}
		}
	case codebook.Category:
		switch bits.OnesCount64(a.vals) {
		case 0:
		case 1:
			return Value{Text: c.Values[bits.TrailingZeros64(a.vals)]}
		default:
			diags.Errorf(a.valAt, "import.conflict", "%s has several values for %s (%s), a category code with one value per person; make it a multi code, or map the names so that only one applies",
				id, c.Name, strings.Join(valueList(c, a.vals), ", "))
			return Value{}
		}
	case codebook.Multi:
		if a.vals != 0 {
			return Value{Text: strings.Join(valueList(c, a.vals), "; ")}
		}
		if a.no && !a.na {
			// every option was answered 0: answered, with none of the code's values
			if i, ok := c.Value(NoneOf); ok {
				diags.Errorf(a.noAt, "import.none", "%s answered %s but chose none of its options; a wave writes that as %s, but %s is one of the values of %s, so it would read as that value: rename the value in the codebook (e.g. %s) and in the export's map, or map the options so that one of them stands for it",
					id, c.Name, NoneOf, quote(c.Values[i]), c.Name, quote("none of these"))
				return Value{}
			}
			return Value{Text: NoneOf}
		}
	case codebook.Number:
		if a.hasNum {
			return Value{Num: a.num, IsNum: true}
		}
	}
	if a.na {
		return Value{Text: "n/a"}
	}
	return Value{}
}

func valueList(c *codebook.Code, set uint64) []string {
	var out []string
	for i, v := range c.Values {
		if set&(1<<uint(i)) != 0 {
			out = append(out, v)
		}
	}
	return out
}

// unmatched reports a name that matches no code, with the closest code when there is one.
func unmatched(v *variable, r *resolver, diags *diag.List) {
	name := quote(v.name)
	var msg string
	switch {
	case dataset.LooksLikeIdentifier(stripPrefix(oneLine(v.name))):
		msg = fmt.Sprintf("%s looks like a direct identifier and matches no code: ignore it in --map (code -); names, e-mail addresses and phone numbers are never imported", name)
	case v.rank != "":
		place := strings.TrimPrefix(leafOf(v.name, []string{"/", ".", "-"}), "_")
		place = strings.TrimSuffix(place, "_choice")
		msg = fmt.Sprintf("%s is the answer ranked %s in the rank question %s and matches no code: map it to a category code whose values are the question's choices (source %s, code …), or ignore the question's places (source %s, code -)",
			name, place, quote(v.rank), name, quote(v.rank+"/*"))
	default:
		msg = fmt.Sprintf("%s matches no code of the codebook", name)
		if s := r.suggest(v.name); s != "" {
			msg += " (did you mean " + s + "?)"
		} else if v.question != "" {
			msg += fmt.Sprintf("; it is the option %s of the question %s: name a multi code after the question (with %s among its values), add a yes/no code %s, map it in --map, or ignore it there (code -)", quote(v.option), quote(v.question), quote(v.option), quote(v.option))
		} else {
			msg += "; add it to the codebook, map it in --map, or ignore it there (code -)"
		}
	}
	diags.Errorf(v.at, "import.unmatched", "%s", msg)
}

// splitAnswers splits the cell of a select-many question into its answers: "a; b" (or "a, b")
// as in a wave workbook and in Google Forms; Kobo's, Ona's and ODK's choice names separated by
// spaces ("holding_centre prison_camp"), and, when those are labels with spaces in them, the
// longest runs of words that are values of the code.
func splitAnswers(c *codebook.Code, v *variable, ob obs, r *resolver) []string {
	s := strings.TrimSpace(ob.text)
	if v.lists != listNames || strings.Contains(s, ";") {
		return dataset.SplitMulti(s)
	}
	if _, _, ok := answerValue(c, v, s, nil, r); ok {
		return []string{s}
	}
	words := strings.Fields(s)
	span := r.choiceWords(c)
	if len(words) > span*len(c.Values) {
		// more words than all the choices of the code hold: not a list of its choices, and
		// left whole for the caller to report as a value it is not
		return []string{s}
	}
	var out []string
	for i := 0; i < len(words); {
		j := min(len(words), i+span)
		for ; j > i+1; j-- {
			if _, _, ok := answerValue(c, v, strings.Join(words[i:j], " "), nil, r); ok {
				break
			}
		}
		out = append(out, strings.Join(words[i:j], " "))
		i = j
	}
	return out
}

// choiceWords is how many words one choice of code c may take in a cell of several choices
// separated by spaces: the most words of one of its values, or of a value a map row names for
// a name (a pattern's * counting as one word), and two more. splitAnswers tries no longer runs,
// and no cell of more words than all the choices together, so that a cell of 32,000 characters
// costs time in proportion to the code's values, not to the cube of its length.
func (r *resolver) choiceWords(c *codebook.Code) int {
	if n, ok := r.spans[c]; ok {
		return n
	}
	n := 0
	for _, v := range c.Values {
		n = max(n, len(strings.Fields(v)))
	}
	if r.m != nil {
		for _, e := range r.m.entries {
			if _, v, ok := strings.Cut(e.source, "="); ok {
				n = max(n, len(strings.Fields(strings.ReplaceAll(v, "*", " * "))))
			}
		}
	}
	if r.spans == nil {
		r.spans = map[*codebook.Code]int{}
	}
	r.spans[c] = n + 2
	return n + 2
}

// quotes collects the coded passages of the names bound to codes, one per interviewee, code and
// text, in the order of the interviewees and the codebook.
func quotes(t *table, binds []binding, cb *codebook.Codebook) []Quote {
	order := map[*codebook.Code]int{}
	for i, c := range cb.Codes {
		order[c] = i
	}
	type q struct {
		cas, code, n int
		Quote
	}
	var qs []q
	seen := map[string]bool{}
	for _, b := range binds {
		for _, e := range b.v.texts {
			k := t.cases[e.cas] + "\x00" + b.t.code.Name + "\x00" + codebook.Key(e.text)
			if seen[k] {
				continue
			}
			seen[k] = true
			qs = append(qs, q{e.cas, order[b.t.code], len(qs), Quote{ID: t.cases[e.cas], Code: b.t.code.Name, Text: sheet.Clip(e.text)}})
		}
	}
	sort.Slice(qs, func(i, j int) bool {
		a, b := qs[i], qs[j]
		if a.cas != b.cas {
			return a.cas < b.cas
		}
		if a.code != b.code {
			return a.code < b.code
		}
		return a.n < b.n
	})
	out := make([]Quote, len(qs))
	for i, x := range qs {
		out[i] = x.Quote
	}
	return out
}

// oneLine is a name as one line, for messages and the provenance sheet.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
