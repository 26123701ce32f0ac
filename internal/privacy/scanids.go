package privacy

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/shadowreport/shadowreport/internal/textnorm"
)

// KindID is the kind of a Hit of IDs.Find: an interviewee's id.
const KindID = "interviewee-id"

// IDs finds interviewees' ids in texts, in every form in which a reader would still read the id:
//
//   - as Scan reads text (textnorm.Fold: invisible characters, fullwidth forms, every dash and
//     space), ignoring case and accents, with Cyrillic and Greek letters that look like Latin
//     ones read as those ("W17-0О6" with a Cyrillic О);
//   - with the separators left out, changed or added: "w17006", "W17 - 006", "W 17-006",
//     "W17/006", "W17_006", "W17ㅡ006";
//   - with the leading zeros of its numbers left out or added, when the id has a letter and
//     numbers: "W17-6", "W017-06" are W17-006;
//   - with letters that look like digits for the digits (O and o for 0, l and I for 1):
//     "W17-OO6", "WI7-006";
//   - glued to letters before it ("xW17-006") or to anything after it ("W17-006a");
//   - for an id of letters then two numbers or more, without its letters but with every digit
//     ("17-006", "17 006").
//
// A text is read once, whatever the number of ids, in time linear in its length.
type IDs struct {
	whole map[string]int // the id with no separator, letters that look like digits as digits
	// parts are the id's letters and numbers, leading zeros left out, between "|", for ids of
	// letters and numbers; pairs those of two parts only ("P08"), read only from a word and a
	// number glued or joined by a dash, underscore, "#" or "/" (not "p. 8", "a 1")
	parts, pairs map[string]int
	// tails are ids of letters then two numbers or more without their letters, every digit
	// kept ("17-006", "17006" for W17-006), when they have five digits or more
	tails   map[string]int
	heads   map[string]bool // the first letters of ids
	headLen int             // the longest of them
	atoms   int             // the most atoms an id has
	longest int             // the longest key
}

// NewIDs prepares the ids to be found; ids shorter than three characters (after folding) are
// left out, as they cannot be told from ordinary words and numbers. The Term of a Hit is the
// index in ids of the id found (the first of ids read the same).
func NewIDs(ids []string) *IDs {
	return newIDs(ids, false)
}

// NewIDsInProse prepares the ids to be found in text other than quotes (templates, labels,
// settings), where figures and references abound: only ids of letters and digits, in the forms
// that keep every digit ("W17 006", "w17006", "W17-0О6"), never "W17-6".
func NewIDsInProse(ids []string) *IDs {
	return newIDs(ids, true)
}

func newIDs(ids []string, prose bool) *IDs {
	m := &IDs{whole: map[string]int{}, parts: map[string]int{}, pairs: map[string]int{}, tails: map[string]int{}, heads: map[string]bool{}}
	lf := newLoosener()
	for i, id := range ids {
		runs := idRuns(textnorm.Fold(id).String(), lf)
		var as []idAtom
		for _, r := range runs {
			as = append(as, r...)
		}
		if len(as) == 0 {
			continue
		}
		whole, parts := "", ""
		letters, digits := false, false
		for k, a := range as {
			whole += a.skel
			if k > 0 {
				parts += "|"
			}
			parts += a.seg
			letters = letters || a.letters
			digits = digits || !a.letters
		}
		if utf8.RuneCountInString(whole) < 3 || prose && !(letters && digits) {
			continue
		}
		if _, ok := m.whole[whole]; !ok {
			m.whole[whole] = i
		}
		if letters && digits && !prose {
			keys := m.parts
			if len(as) == 2 {
				keys = m.pairs
			}
			if _, ok := keys[parts]; !ok {
				keys[parts] = i
			}
		}
		if as[0].letters {
			m.heads[as[0].s] = true
			m.headLen = max(m.headLen, len(as[0].s))
			tail := ""
			for _, a := range as[1:] {
				tail += a.skel
			}
			if _, ok := m.tails[tail]; !ok && !prose && len(as) >= 3 && !as[1].letters && len(tail) >= 5 {
				m.tails[tail] = i
			}
		}
		m.atoms = max(m.atoms, len(as))
		m.longest = max(m.longest, len(whole), len(parts))
	}
	return m
}

// Find lists the ids found in text, in text order, with offsets in text. The text is read as
// written and, when it holds characters a renderer replaces, as printed (see Scan).
func (m *IDs) Find(text string) []Hit {
	if m == nil || len(m.whole) == 0 {
		return nil
	}
	var hits []Hit
	lf := newLoosener()
	eachForm(text, func(v string, back func(i, j int) (int, int)) {
		f := textnorm.Fold(v)
		for _, run := range idRuns(f.String(), lf) {
			for _, h := range m.inRun(run) {
				start, end := back(f.Span(h.start, h.end))
				if start < end {
					hits = append(hits, Hit{Kind: KindID, Match: text[start:end], Start: start, End: end, Term: h.term})
				}
			}
		}
	})
	slices.SortFunc(hits, func(a, b Hit) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return a.End - b.End
	})
	return slices.CompactFunc(hits, func(a, b Hit) bool { return a == b })
}

// idMatch is an id found in a folded text.
type idMatch struct{ start, end, term int }

// inRun finds the ids in one run of atoms: every window of consecutive atoms, starting at an
// atom or at the end of a word of letters glued to the next atom, is read both ways.
func (m *IDs) inRun(run []idAtom) []idMatch {
	var out []idMatch
	limit := m.atoms + 6
	for s := 0; s < len(run); s++ {
		starts := []idAtom{run[s]}
		if a := run[s]; a.letters && s+1 < len(run) && run[s+1].glued {
			// "xW17-006": the id's letters at the end of a longer word
			for n := 1; n < len(a.s) && n <= m.headLen; n++ {
				if head := a.s[len(a.s)-n:]; utf8.RuneStart(head[0]) && m.heads[head] {
					starts = append(starts, idAtom{letters: true, s: head, skel: skeleton(head), seg: head, start: a.start, end: a.end})
				}
			}
		}
		found := false
		for _, first := range starts {
			whole, parts := first.skel, first.seg
			for e := s; e < len(run) && e < s+limit; e++ {
				if e > s {
					whole += run[e].skel
					parts += "|" + run[e].seg
				}
				if len(whole) > m.longest && len(parts) > m.longest {
					break
				}
				term, ok := m.whole[whole]
				if !ok {
					term, ok = m.parts[parts]
				}
				if !ok && e == s+1 && (run[e].glued || pairJoint(run[e].joint)) {
					term, ok = m.pairs[parts]
				}
				if !ok && !first.letters && !first.glued {
					term, ok = m.tails[whole]
				}
				if ok {
					out = append(out, idMatch{first.start, run[e].end, term})
					s, found = e, true
					break
				}
			}
			if found {
				break
			}
		}
	}
	return out
}

// idAtom is a run of letters or of digits in a folded text, in loose form.
type idAtom struct {
	letters    bool
	s          string // the letters (loose form) or the digits
	skel       string // s with the letters that look like digits as digits
	seg        string // s, a number without its leading zeros
	start, end int    // in the folded text
	glued      bool   // no separator between it and the atom before
	joint      string // the separators between it and the atom before
}

// idSeparator reports whether r may stand between the parts of an id: "W17-006", "W17 006",
// "W17/006", "W17.006", "W17_006", "W17#006", "W17:006", and what a Korean, Chinese or Japanese
// keyboard types for a dash or a dot ("W17ㅡ006", see digitMark).
func idSeparator(r rune) bool {
	switch r {
	case ' ', '-', '_', '.', '/', '\\', ':', '#', '|', '\'', '(', ')', '[', ']', '~', '*', '+', '=',
		0xB7, 0x2022, 0x30FB, 0x3002, 0x2027, 0x2044, 0x2215:
		return true
	}
	return digitMark(r) != 0 // "W17ㅡ006", "W17ㆍ006", "W17一006"
}

// pairJoint reports whether separators join the letters and the number of an id of two parts.
func pairJoint(s string) bool {
	switch s {
	case "-", "_", "#", "/", "#-", "ㅡ", "\u1173", "一", "ー", "─", "━":
		return true
	}
	return false
}

// maxIDSep is the longest run of separators inside an id: " - ".
const maxIDSep = 4

// idRuns splits a folded text into runs of atoms joined by at most maxIDSep separators, letters
// that look like digits next to digits read as digits.
func idRuns(f string, lf *loosener) [][]idAtom {
	var runs [][]idAtom
	var word []idPiece // the pieces of the current run
	flush := func() {
		if len(word) > 0 {
			runs = append(runs, idAtoms(word))
		}
		word = word[:0]
	}
	seps, joint := 0, 0
	for i := 0; i < len(f); {
		r, size := utf8.DecodeRuneInString(f[i:])
		between := ""
		if seps > 0 {
			between = f[joint:i]
		}
		switch {
		case r >= '0' && r <= '9':
			word = append(word, idPiece{c: byte(r), s: f[i : i+size], start: i, end: i + size, sep: seps > 0 || len(word) == 0, joint: between})
			seps = 0
		case unicode.IsLetter(r) && !cjk(r) && r != 0x30FC:
			l := lf.rune(r)
			if l == "" {
				break
			}
			word = append(word, idPiece{s: l, start: i, end: i + size, sep: seps > 0 || len(word) == 0, joint: between})
			seps = 0
		case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r):
			if n := len(word); n > 0 && seps == 0 {
				word[n-1].end = i + size
			}
		case idSeparator(r) && len(word) > 0 && seps < maxIDSep:
			if seps == 0 {
				joint = i
			}
			seps++
		default:
			flush()
			seps = 0
		}
		i += size
	}
	flush()
	return runs
}

// idPiece is a character of a run, in loose form, with where it comes from.
type idPiece struct {
	c          byte // an ASCII digit, or 0 for a letter
	s          string
	start, end int
	sep        bool   // separators (or the start of the run) before it
	joint      string // the separators before it
}

// idAtoms groups the pieces of a run into atoms: letters that look like digits at the end of
// a word of letters glued to digits after it, or at its start after digits, are digits.
func idAtoms(ps []idPiece) []idAtom {
	cs := slices.Clone(ps)
	// letters that look like digits, touching digits in the same word, become digits
	digitAt := func(i int) bool { return i >= 0 && i < len(cs) && cs[i].c != 0 }
	look := func(i int) byte {
		switch cs[i].s {
		case "o":
			return '0'
		case "l", "i":
			return '1'
		}
		return 0
	}
	for i := 0; i < len(cs); i++ {
		if cs[i].c != 0 || look(i) == 0 {
			continue
		}
		// the stretch of look-alikes i..j-1 within one word
		j := i + 1
		for j < len(cs) && !cs[j].sep && cs[j].c == 0 && look(j) != 0 {
			j++
		}
		before := !cs[i].sep && digitAt(i-1)
		after := j < len(cs) && !cs[j].sep && digitAt(j)
		if before || after {
			for k := i; k < j; k++ {
				cs[k].c = look(k)
			}
		}
		i = j - 1
	}
	var out []idAtom
	for i := 0; i < len(cs); {
		letters := cs[i].c == 0
		j := i + 1
		for j < len(cs) && !cs[j].sep && (cs[j].c == 0) == letters {
			j++
		}
		var b strings.Builder
		for k := i; k < j; k++ {
			if letters {
				b.WriteString(cs[k].s)
			} else {
				b.WriteByte(cs[k].c)
			}
		}
		a := idAtom{letters: letters, s: b.String(), start: cs[i].start, end: cs[j-1].end, glued: i > 0 && !cs[i].sep, joint: cs[i].joint}
		a.skel, a.seg = a.s, a.s
		if letters {
			a.skel = skeleton(a.s)
		} else if t := strings.TrimLeft(a.s, "0"); t != "" {
			a.seg = t
		} else {
			a.seg = "0"
		}
		out = append(out, a)
		i = j
	}
	return out
}

// skeleton writes the letters of a loose text that look like digits as those digits.
func skeleton(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case 'o':
			return '0'
		case 'l', 'i':
			return '1'
		}
		return r
	}, s)
}

// eachForm calls scan with the text, and, when it holds characters a renderer replaces, with
// the text as printed with them replaced by a box and with them left out; back maps offsets of
// the form scanned to offsets of the text.
func eachForm(text string, scan func(v string, back func(i, j int) (int, int))) {
	scan(text, func(i, j int) (int, int) { return i, j })
	if hasUnprintable(text) {
		for _, drop := range []bool{false, true} {
			p := printed(text, drop)
			scan(p.s, p.span)
		}
	}
}
