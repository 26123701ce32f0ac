package importer

import (
	"fmt"
	"slices"
	"strings"

	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/diag"
)

// segmentLayout is where a long table of coded segments keeps what the import needs.
type segmentLayout struct {
	tool     string
	cases    []int          // the case or document columns, the first non-blank one wins
	code     int            // the code of a row (Taguette, QualCoder code retrieval, MAXQDA)
	path     []int          // QualCoder's Category columns: the code's parents, nearest first
	ids      []int          // what identifies a segment: a highlight id, a range, positions
	text     int            // the segment's text
	codeCols map[int]string // one column per code (QualCoder codes by text segments, Dedoose)
}

// segmentHeaders are the header names of the columns of the long tables, as keys.
var segmentHeaders = struct {
	cases, code, text, ids, begin, end []string
}{
	cases: []string{"case", "case name", "casename", "document name", "document", "media title", "file name", "filename", "file", "document title"},
	code:  []string{"tag", "codename", "code name", "code"},
	text:  []string{"content", "coded", "text", "segment", "excerpt copy", "excerpt", "quotation", "quote"},
	ids:   []string{"id", "highlight id", "segment id", "excerpt range", "quotation id"},
	// MAXQDA's position of a segment: "Begin" and "End" in older versions, "Beginning" and
	// "End" in MAXQDA 24; paragraphs, seconds or pages
	begin: []string{"beginning", "begin", "start", "anfang", "début", "debut", "inicio", "position"},
	end:   []string{"end", "ende", "fin", "final"},
}

// findSegmentLayout recognises a long table of coded segments by its header row, or says why not.
func findSegmentLayout(g *grid, hr int) (*segmentLayout, bool) {
	l := &segmentLayout{codeCols: map[int]string{}}
	col := map[string]int{}
	var categories []int
	for c := 1; c <= g.width(hr); c++ {
		raw := g.str(hr, c)
		k := codebook.Key(unwrap(raw)[0])
		if m := dedooseCode.FindStringSubmatch(strings.TrimSpace(unwrap(raw)[0])); m != nil {
			l.codeCols[c] = raw
			continue
		}
		if k == "category" || strings.HasPrefix(k, "category ") {
			categories = append(categories, c)
			continue
		}
		if _, dup := col[k]; !dup && k != "" {
			col[k] = c
		}
	}
	first := func(names []string) int {
		for _, n := range names {
			if c := col[n]; c > 0 {
				return c
			}
		}
		return 0
	}
	for _, n := range segmentHeaders.cases {
		if c := col[n]; c > 0 {
			l.cases = append(l.cases, c)
		}
	}
	l.text = first(segmentHeaders.text)
	switch {
	case col["pos0"] > 0 && col["pos1"] > 0 && l.text > 0:
		// QualCoder "codes by text segments": caseid, case name, fileid, file name, pos0, pos1,
		// text, then one 0/1 column per code
		l.tool = "QualCoder codes by text segments"
		l.ids = []int{col["fileid"], col["file name"], col["pos0"], col["pos1"]}
		for c := l.text + 1; c <= g.width(hr); c++ {
			if g.str(hr, c) != "" {
				l.codeCols[c] = g.str(hr, c)
			}
		}
	case len(l.codeCols) > 0:
		l.tool = "Dedoose excerpts"
		l.ids = []int{col["excerpt range"]} // without a range, the text identifies an excerpt
	default:
		l.code = first(segmentHeaders.code)
		l.path = categories
		begin, end := first(segmentHeaders.begin), first(segmentHeaders.end)
		switch {
		case col["tag"] > 0:
			l.tool = "Taguette highlights"
		case col["codename"] > 0:
			l.tool = "QualCoder code retrieval"
		case begin > 0 || col["document group"] > 0:
			l.tool = "MAXQDA coded segments"
		default:
			l.tool = "coded segments"
		}
		if c := first(segmentHeaders.ids); c > 0 {
			l.ids = []int{c}
		} else if begin > 0 {
			// a segment is where it is: its document (group and name) and its position
			l.ids = append([]int{col["document group"]}, l.cases...)
			l.ids = append(l.ids, begin, end)
		}
	}
	if len(l.cases) == 0 || (l.code == 0 && len(l.codeCols) == 0) {
		return nil, false
	}
	return l, true
}

// readSegments pivots a long table of coded segments to presence per case: each case's count
// for a code is the number of distinct segments coded with it, so a passage exported twice
// (several coders, or a Taguette highlight listed under each of its tags) counts once.
func readSegments(g *grid, o *Options, t *table, diags *diag.List) {
	hr := firstRow(g)
	l, ok := findSegmentLayout(g, hr)
	if !ok {
		diags.Errorf(g.pos(max(hr, 1), 1), "import.layout", "this is not a table of coded segments: row %d needs a column naming the document or case (document, case, file, media title) and one naming the code (tag, code, codename) or columns \"Code: NAME Applied\"", max(hr, 1))
		return
	}
	t.notes = append(t.notes, fmt.Sprintf("%s: read as %s", where(g), l.tool))
	byText := true
	for _, c := range l.ids {
		byText = byText && c == 0
	}
	if byText {
		t.notes = append(t.notes, fmt.Sprintf("%s: no column tells the segments apart (an id, a range or a position), so two segments of one case with the same text count once", where(g)))
	}
	type key struct {
		v   *variable
		cas int
	}
	segs := map[key]map[string]bool{}
	texts := map[key]map[string]bool{}
	var cases []int // the cases of this table, in order
	inTable := map[int]bool{}
	var vars []*variable
	seenVar := map[*variable]bool{}
	add := func(name string, at diag.Pos, cas int, seg, txt string) {
		v := t.variable(name, presence, at)
		if !seenVar[v] {
			seenVar[v] = true
			vars = append(vars, v)
		}
		k := key{v, cas}
		if segs[k] == nil {
			segs[k] = map[string]bool{}
		}
		segs[k][seg] = true
		if o.IncludeText && strings.TrimSpace(txt) != "" {
			if texts[k] == nil {
				texts[k] = map[string]bool{}
			}
			if !texts[k][txt] {
				texts[k][txt] = true
				v.texts = append(v.texts, excerpt{cas: cas, text: strings.TrimSpace(txt)})
			}
		}
	}
	for _, r := range g.after(hr) {
		var doc string
		var docCol int
		for _, c := range l.cases {
			if s := g.str(r, c); s != "" {
				doc, docCol = s, c
				break
			}
		}
		if doc == "" {
			diags.Errorf(g.pos(r, l.cases[0]), "import.id", "row %d names no document or case", r)
			continue
		}
		id, ok := o.caseID(doc)
		if !ok {
			diags.Errorf(g.pos(r, docCol), "import.id", "%s does not match --id-pattern %s", quote(doc), o.IDPattern)
			continue
		}
		cas := t.addCase(id, g.pos(r, docCol))
		if !inTable[cas] {
			inTable[cas] = true
			cases = append(cases, cas)
		}
		txt := ""
		if l.text > 0 {
			txt = g.at(r, l.text).text
		}
		var idParts []string
		for _, c := range l.ids {
			if c > 0 {
				idParts = append(idParts, g.str(r, c))
			}
		}
		seg := strings.Join(idParts, "\x00")
		if strings.Trim(seg, "\x00") == "" {
			seg = "text:" + codebook.Key(txt) // no identity: the same text is the same segment
		}
		if l.code > 0 {
			name := g.str(r, l.code)
			if name == "" {
				continue // an untagged highlight
			}
			var parents []string
			for _, c := range l.path {
				if s := g.str(r, c); s != "" {
					parents = append(parents, s)
				}
			}
			if len(parents) > 0 { // nearest parent first: the path is root\...\parent\code
				name = strings.Join(reverse(parents), `\`) + `\` + name
			}
			add(name, g.pos(r, l.code), cas, seg, txt)
			continue
		}
		for _, c := range sortedCols(l.codeCols) {
			if x := g.at(r, c); x.kind == broken {
				diags.Errorf(g.pos(r, c), "import.cell", "the cell holds %s", brokenText(x))
				continue
			}
			ob, _ := countCell(g.at(r, c), g.pos(r, c))
			if ob.num > 0 {
				add(l.codeCols[c], g.pos(hr, c), cas, seg, txt)
			}
		}
	}
	t.files = append(t.files, fileCases{name: g.file, cases: cases})
	// every case of this table not coded with a name has it "not coded": a count of 0
	for _, c := range sortedCols(l.codeCols) {
		t.variable(l.codeCols[c], presence, g.pos(hr, c)) // codes never applied still count
	}
	for _, v := range t.vars {
		if v.kind != presence || (!seenVar[v] && !isCodeCol(v, l)) {
			continue
		}
		for _, cas := range cases {
			n := len(segs[key{v, cas}])
			t.set(v, cas, obs{kind: obsCount, num: float64(n), at: v.at}, diags)
		}
	}
}

func isCodeCol(v *variable, l *segmentLayout) bool {
	for _, name := range l.codeCols {
		if nameKey(name) == v.key {
			return true
		}
	}
	return false
}

func reverse(s []string) []string {
	out := make([]string, len(s))
	for i, x := range s {
		out[len(s)-1-i] = x
	}
	return out
}

func sortedCols(m map[int]string) []int {
	cols := make([]int, 0, len(m))
	for c := range m {
		cols = append(cols, c)
	}
	slices.Sort(cols)
	return cols
}
