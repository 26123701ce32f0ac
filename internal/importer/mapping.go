package importer

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/diag"
)

// mapEntry is one row of a --map file: a tool's name, the code it stands for (nil to ignore
// the name) and, for category and multi codes, the value.
type mapEntry struct {
	source string
	key    string
	glob   *regexp.Regexp
	code   *codebook.Code
	ignore bool
	value  int // index into code.Values; -1 for none
	row    int
	at     diag.Pos
	used   bool
}

// mapping is the --map file.
type mapping struct {
	file    string
	entries []*mapEntry
	byKey   map[string]*mapEntry
}

// mapKey is how names are compared with the sources of a map: NAME, or NAME = VALUE for a value
// of an attribute.
func mapKey(s string) string {
	if l, r, ok := strings.Cut(s, "="); ok {
		return nameKey(l) + "=" + codebook.Key(r)
	}
	return nameKey(s)
}

// readMapping reads a --map file: a header row with source, code and optionally value.
func readMapping(g *grid, cb *codebook.Codebook, diags *diag.List) *mapping {
	m := &mapping{file: g.file, byKey: map[string]*mapEntry{}}
	hr := firstRow(g)
	col := map[string]int{}
	for c := 1; c <= g.width(hr); c++ {
		switch k := codebook.Key(g.str(hr, c)); k {
		case "source", "code", "value":
			col[k] = c
		case "":
		default:
			diags.Warnf(g.pos(hr, c), "map.column", "column %s is not source, code or value and is ignored", quote(g.str(hr, c)))
		}
	}
	if hr == 0 || col["source"] == 0 || col["code"] == 0 {
		diags.Errorf(g.pos(max(hr, 1), 1), "map.header", "a map needs a header row with the columns source and code (and value for category codes)")
		return m
	}
	for _, r := range g.after(hr) {
		src, code, value := g.str(r, col["source"]), g.str(r, col["code"]), ""
		if col["value"] > 0 {
			value = g.str(r, col["value"])
		}
		if src == "" && code == "" && value == "" {
			continue
		}
		at := g.pos(r, col["code"])
		if src == "" {
			diags.Errorf(g.pos(r, col["source"]), "map.source", "row %d maps to %s but gives no source name", r, quote(code))
			continue
		}
		e := &mapEntry{source: src, key: mapKey(src), value: -1, row: r, at: g.pos(r, col["source"])}
		if strings.Contains(src, "*") {
			e.glob = globRE(src)
		}
		if prev, dup := m.byKey[e.key]; dup {
			diags.Errorf(e.at, "map.duplicate", "%s is mapped twice (also in row %d)", quote(src), prev.row)
			continue
		}
		switch k := codebook.Key(code); {
		case k == "-" || k == "ignore":
			e.ignore = true
			if value != "" {
				diags.Warnf(g.pos(r, col["value"]), "map.value", "row %d ignores %s: its value %s is not used", r, quote(src), quote(value))
			}
		case k == "":
			diags.Errorf(at, "map.code", "%s has no code: give a code of the codebook, or - to ignore it", quote(src))
			continue
		default:
			e.code = cb.Lookup(code)
			if e.code == nil {
				msg := fmt.Sprintf("%s is not a code of the codebook", quote(code))
				if s, ok := codebook.Suggest(code, cb.Names()); ok {
					msg += " (did you mean " + quote(s) + "?)"
				}
				diags.Errorf(at, "map.code", "%s", msg)
				continue
			}
			if e.code.Identifier == codebook.Direct {
				diags.Errorf(at, "map.code", "%s is a direct identifier: such data is never imported; map %s to - to ignore it", e.code.Name, quote(src))
				continue
			}
			if !checkMapValue(e, value, g.pos(r, max(col["value"], col["code"])), diags) {
				continue
			}
		}
		m.entries = append(m.entries, e)
		m.byKey[e.key] = e
	}
	return m
}

// checkMapValue checks the value column of a map row against the code's type.
func checkMapValue(e *mapEntry, value string, at diag.Pos, diags *diag.List) bool {
	c := e.code
	switch {
	case value == "":
		return true
	case c.Type == codebook.Category || c.Type == codebook.Multi:
		i, ok := valueIndex(c, value)
		if !ok {
			msg := fmt.Sprintf("%s is not a value of %s", quote(value), c.Name)
			if s, found := codebook.Suggest(value, c.Values); found {
				msg += " (did you mean " + quote(s) + "?)"
			} else if len(c.Values) <= 8 {
				msg += " (allowed: " + strings.Join(c.Values, "; ") + ")"
			}
			diags.Errorf(at, "map.value", "%s", msg)
			return false
		}
		e.value = i
		return true
	case c.Type == codebook.YesNo:
		if yes, ok := codebook.ParseYesNo(value); ok && yes {
			return true
		}
		diags.Errorf(at, "map.value", "%s is a yes/no code: leave the value blank (a coded passage means yes)", c.Name)
		return false
	}
	diags.Errorf(at, "map.value", "%s is a %s code: leave the value blank", c.Name, c.Type)
	return false
}

func globRE(s string) *regexp.Regexp {
	parts := strings.Split(mapKey(s), "*")
	for i, p := range parts {
		parts[i] = regexp.QuoteMeta(p)
	}
	return regexp.MustCompile("^" + strings.Join(parts, ".*") + "$")
}

// lookup finds the entry for a name (or NAME = VALUE): exact first, then patterns with *.
func (m *mapping) lookup(s string) *mapEntry {
	if m == nil {
		return nil
	}
	k := mapKey(s)
	if e := m.byKey[k]; e != nil {
		return e
	}
	for _, e := range m.entries {
		if e.glob != nil && e.glob.MatchString(k) {
			return e
		}
	}
	return nil
}

// valueIndex finds a value of a category or multi code by its spelling in the codebook, or by
// its letters and digits alone (Kobo's choice names: "30_39" for "30-39").
func valueIndex(c *codebook.Code, s string) (int, bool) {
	if i, ok := c.Value(s); ok {
		return i, true
	}
	a := alnum(s)
	if a == "" {
		return -1, false
	}
	found := -1
	for i, v := range c.Values {
		if alnum(v) == a {
			if found >= 0 {
				return -1, false
			}
			found = i
		}
	}
	return found, found >= 0
}

// target is what a name of an export stands for.
type target struct {
	code  *codebook.Code // nil: ignored
	value int            // a value of a category or multi code; -1 for none
	how   string         // how the name was matched, for the provenance sheet
	// problem is set when the name cannot be matched without guessing: the error and its fix
	problem string
	// byOption is set for a Kobo option column matched by the option's own name
	byOption bool
}

// resolver matches the names of an export to the codes of the codebook.
type resolver struct {
	cb      *codebook.Codebook
	m       *mapping
	seps    []string
	byLabel map[string][]*codebook.Code
	labels  []string // every label, for suggestions
	labelOf map[string]*codebook.Code
	spans   map[*codebook.Code]int // by code, the words of a choice (see choiceWords)
}

func newResolver(cb *codebook.Codebook, m *mapping, seps []string) *resolver {
	r := &resolver{cb: cb, m: m, seps: seps, byLabel: map[string][]*codebook.Code{}, labelOf: map[string]*codebook.Code{}}
	for _, c := range cb.Codes {
		add := func(l string) {
			k := codebook.Key(l)
			if k == "" {
				return
			}
			for _, have := range r.byLabel[k] {
				if have == c {
					return
				}
			}
			r.byLabel[k] = append(r.byLabel[k], c)
			r.labels = append(r.labels, l)
			r.labelOf[l] = c
		}
		add(c.Label)
		for _, lang := range sortedKeys(c.Labels) {
			add(c.Labels[lang])
		}
	}
	return r
}

// code finds the code a name stands for, by the map, the code's name or its label.
func (r *resolver) code(name string) (target, bool) {
	if t, ok := r.mapped(name); ok {
		return t, true
	}
	return r.byName(name)
}

// mapped finds the map row of a name, under any of its forms.
func (r *resolver) mapped(name string) (target, bool) {
	for _, c := range candidates(name, r.seps) {
		if e := r.m.lookup(c); e != nil {
			e.used = true
			how := fmt.Sprintf("map row %d", e.row)
			if e.ignore {
				return target{value: -1, how: "ignored (" + how + ")"}, true
			}
			return target{code: e.code, value: e.value, how: how}, true
		}
	}
	return target{value: -1}, false
}

// byName finds the code a name stands for by the code's name or its label, without the map.
func (r *resolver) byName(name string) (target, bool) {
	cands := candidates(name, r.seps)
	for _, c := range cands {
		if code := r.cb.Lookup(c); code != nil {
			return target{code: code, value: -1, how: "code name"}, true
		}
	}
	for _, c := range cands {
		if codes := r.byLabel[codebook.Key(c)]; len(codes) == 1 {
			return target{code: codes[0], value: -1, how: "label"}, true
		}
	}
	return target{value: -1}, false
}

// presence finds what a code of the tool stands for: a yes/no code, or one value of a category
// or multi code ("Age group = 30-39", or a Kobo option of a select_multiple question).
func (r *resolver) presence(v *variable) (target, bool) {
	if v.question != "" {
		return r.option(v)
	}
	if t, ok := r.code(v.name); ok {
		return t, true
	}
	for _, c := range candidates(v.name, r.seps) {
		l, val, ok := strings.Cut(c, "=")
		if !ok {
			continue
		}
		if t, ok := r.code(strings.TrimSpace(l)); ok && t.code != nil && (t.code.Type == codebook.Category || t.code.Type == codebook.Multi) {
			if i, ok := valueIndex(t.code, val); ok {
				return target{code: t.code, value: i, how: t.how + " = value"}, true
			}
		}
	}
	return target{value: -1}, false
}

// option finds what an option column of a select_multiple question ("transport/ambulance")
// stands for: the map's word first; then, when the question is a category or multi code, the
// option's value of that code; else the code the option is named after. When the question's
// code and the option's own name point at different codes, or the option is not a value of the
// question's code, nothing is guessed: the target carries the problem and its fix.
func (r *resolver) option(v *variable) (target, bool) {
	if t, ok := r.mapped(v.name); ok {
		return t, true
	}
	qt, qok := r.code(v.question)
	if qok && qt.code == nil { // the question is ignored by the map: so are its options
		return target{value: -1, how: "ignored with its question (" + strings.TrimPrefix(qt.how, "ignored (")}, true
	}
	lt, lok := r.byName(v.name)
	if lok && lt.how != "" {
		lt.how = "option name (" + lt.how + ")"
		lt.byOption = true
	}
	if !qok || (qt.code.Type != codebook.Category && qt.code.Type != codebook.Multi) {
		return lt, lok
	}
	q := qt.code
	name := quote(v.name)
	i, found := valueIndex(q, v.option)
	switch {
	case found && lok && lt.code != q:
		return target{value: -1, problem: fmt.Sprintf("%s is the option %s of the question %s (the %s code %s, value %s) and also the name of the %s code %s: say in --map which it feeds — source %s with code %s and value %s, or with code %s — or ignore it (code -)",
			name, quote(v.option), quote(v.question), q.Type, q.Name, quote(q.Values[i]), lt.code.Type, lt.code.Name, name, q.Name, quote(q.Values[i]), lt.code.Name)}, true
	case found:
		return target{code: q, value: i, how: "question " + qt.how + ", option value"}, true
	}
	msg := fmt.Sprintf("%s: the option %s is not a value of %s, the %s code of the question %s", name, quote(v.option), q.Name, q.Type, quote(v.question))
	if s, ok := codebook.Suggest(v.option, q.Values); ok {
		msg += " (did you mean " + quote(s) + "?)"
	} else if len(q.Values) <= 8 {
		msg += " (its values: " + strings.Join(q.Values, "; ") + ")"
	}
	if lok && lt.code != nil && lt.code != q {
		msg += fmt.Sprintf(", although the %s code %s has its name", lt.code.Type, lt.code.Name)
	}
	msg += fmt.Sprintf(": add the value to %s in the codebook, map the column in --map (source %s, code %s, value …), or ignore it (code -)", q.Name, name, q.Name)
	return target{value: -1, problem: msg}, true
}

// matches reports whether a label stands for a code (or is mapped), for telling the code
// axis of a matrix from its case axis.
func (r *resolver) matches(label string) bool {
	v := &variable{name: label}
	t, ok := r.presence(v)
	return ok && t.code != nil
}

// suggest names the code closest to a name, for "did you mean".
func (r *resolver) suggest(name string) string {
	for _, c := range candidates(name, r.seps) {
		if s, ok := codebook.Suggest(c, r.cb.Names()); ok {
			return describe(r.cb.Lookup(s))
		}
		if s, ok := codebook.Suggest(c, r.labels); ok {
			return describe(r.labelOf[s])
		}
	}
	return ""
}

func describe(c *codebook.Code) string {
	return c.Name + " (" + quote(c.Label) + ")"
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
