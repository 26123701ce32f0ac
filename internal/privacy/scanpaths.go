package privacy

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// emails finds e-mail addresses: kim.sunhee82@example.org, hope_2016@mail.example.co.kr, and
// the forms written to escape harvesters: kim (at) example (dot) org, kim[at]example.org,
// kim[@]example[.]org, kim at example dot org, kim at example.org (a common top-level domain),
// kim 골뱅이 example.org; also with a space, or a line break, on one side of the "@" (kim@
// example.org, kim @example.org) or after the last dot (kim@example. org, a common top-level
// domain).
func (sc *scanner) emails() {
	d := deobfuscate(sc.s)
	s := d.s
	for i := 0; i < len(s); i++ {
		if s[i] != '@' {
			continue
		}
		// a space on one side of the "@": "kim @example.org", "kim@ example.org"
		l, dom := i, i+1
		if i > 0 && s[i-1] == ' ' && i+1 < len(s) && s[i+1] != ' ' {
			l--
		} else if i+1 < len(s) && s[i+1] == ' ' && i > 0 && s[i-1] != ' ' {
			dom++
		}
		local := l
		for l > 0 && localByte(s[l-1]) {
			l--
		}
		for l < local && strings.IndexByte("._%+-'", s[l]) >= 0 {
			l++
		}
		if l == local {
			continue
		}
		r := dom
		for r < len(s) {
			c, size := utf8.DecodeRuneInString(s[r:])
			if c == '.' && r+1 < len(s) && s[r+1] == ' ' && r > dom {
				// "kim@example. org": a line break after the last dot, before a common domain
				if n := commonTLD(s[r+2:]); n > 0 {
					r += 2 + n
				}
				break
			}
			if !(c == '.' || c == '-' || c < utf8.RuneSelf && isAlnum(byte(c)) || c >= utf8.RuneSelf && unicode.IsLetter(c)) {
				break
			}
			r += size
		}
		for r > dom && (s[r-1] == '.' || s[r-1] == '-') {
			r--
		}
		// the address ends with a top-level domain of two letters or more
		last := strings.LastIndexByte(s[dom:r], '.') + dom
		tld := strings.TrimPrefix(s[min(last+1, r):r], " ")
		if last <= dom || len(tld) < 2 || !letters(tld) {
			continue
		}
		marked := false
		for k := i + 1; k < r && d.marker != nil; k++ {
			marked = marked || d.marker[k]
		}
		if d.weak != nil && d.weak[i] && !marked && (commonTLD(tld) != len(tld) || s[last+1] == ' ') {
			continue // "met at Yanji.Then": a plain "at" needs a written "dot" or a common domain
		}
		start, end := d.span(l, r)
		sc.cands = append(sc.cands, candidate{KindEmail, prioEmail, start, end})
	}
}

// commonTLDs are top-level domains common enough that "kim at example.org" is an address.
var commonTLDs = map[string]bool{
	"com": true, "net": true, "org": true, "edu": true, "gov": true, "int": true, "info": true,
	"kr": true, "cn": true, "jp": true, "ru": true, "uk": true, "us": true, "de": true, "fr": true,
	"ch": true, "ca": true, "au": true, "hk": true, "tw": true, "io": true, "ngo": true,
}

// commonTLD is the length of the common top-level domain, in lower case, that s starts with as a
// word, or 0.
func commonTLD(s string) int {
	n := 0
	for n < len(s) && s[n] >= 'a' && s[n] <= 'z' {
		n++
	}
	if r, _ := utf8.DecodeRuneInString(s[n:]); n < len(s) && wordRune(r) || !commonTLDs[s[:n]] {
		return 0
	}
	return n
}

func localByte(c byte) bool {
	return isAlnum(c) || strings.IndexByte("._%+-'", c) >= 0
}

func letters(s string) bool {
	for _, c := range s {
		if !unicode.IsLetter(c) {
			return false
		}
	}
	return s != ""
}

// deobfuscated is a text with the spelled-out "at" and "dot" of e-mail addresses written as
// "@" and ".", and the way back.
type deobfuscated struct {
	s        string
	from, to []int  // nil when s is the text unchanged
	weak     []bool // an "@" written as a plain word "at"
	marker   []bool // a "." written as a word "dot"
}

func (d deobfuscated) span(i, j int) (int, int) {
	if d.from == nil {
		return i, j
	}
	return d.from[i], d.to[j-1]
}

// deobfuscate replaces " (at) ", "[at]", "{at}", "<at>", "[@]", " at ", " @ " and "골뱅이" by
// "@", and " (dot) ", "[dot]", "[.]", ..., " dot ", " 닷 " and " . " by "."; an "@" from a plain " at "
// is weak.
func deobfuscate(s string) deobfuscated {
	found := false
	for i := 0; i < len(s) && !found; i++ {
		_, n, _ := marker(s[i:])
		found = n > 0
	}
	if !found {
		return deobfuscated{s: s}
	}
	var d deobfuscated
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		c, n, weak := marker(s[i:])
		if n == 0 {
			c, n = s[i], 1
		}
		b = append(b, c)
		d.from, d.to = append(d.from, i), append(d.to, i+n)
		d.weak = append(d.weak, n > 1 && c == '@' && weak)
		d.marker = append(d.marker, n > 1 && c == '.')
		i += n
	}
	d.s = string(b)
	return d
}

// marker reads a spelled-out "at" or "dot" at the start of s: the character it stands for, its
// length, and whether it is a plain word.
func marker(s string) (c byte, n int, weak bool) {
	i := 0
	if i < len(s) && s[i] == ' ' {
		i++
	}
	if strings.HasPrefix(s[i:], "닷") {
		// "naver 닷컴", "naver닷컴": the Korean reading of ".com", ".net", ".org"
		for _, tld := range []string{"컴", "넷", "오알지"} {
			if strings.HasPrefix(s[i+len("닷"):], tld) {
				return '.', i + len("닷"), false
			}
		}
	}
	if strings.HasPrefix(s[i:], "골뱅이") {
		// the Korean name of "@": "kim 골뱅이 example.org"
		j := i + len("골뱅이")
		if j < len(s) && s[j] == ' ' {
			j++
		}
		return '@', j, false
	}
	if i < len(s) && strings.IndexByte("([{<", s[i]) >= 0 {
		open := s[i]
		closing := map[byte]byte{'(': ')', '[': ']', '{': '}', '<': '>'}[open]
		j := i + 1
		if j < len(s) && s[j] == ' ' {
			j++
		}
		c, w := word(s[j:])
		if w == 0 && j < len(s) && (s[j] == '@' || s[j] == '.') {
			c, w = s[j], 1 // "kim[@]example[.]org"
		}
		if w == 0 {
			return 0, 0, false
		}
		j += w
		if j < len(s) && s[j] == ' ' {
			j++
		}
		if j >= len(s) || s[j] != closing {
			return 0, 0, false
		}
		j++
		if j < len(s) && s[j] == ' ' {
			j++
		}
		return c, j, false
	}
	if i == 1 {
		c, w := word(s[1:])
		if w > 0 && 1+w < len(s) && s[1+w] == ' ' {
			return c, w + 2, c == '@'
		}
		if len(s) >= 3 && (s[1] == '@' || s[1] == '.') && s[2] == ' ' {
			return s[1], 3, false
		}
	}
	return 0, 0, false
}

// word reads "at" or "dot" in any case, or "닷", at the start of s.
func word(s string) (c byte, n int) {
	switch {
	case len(s) >= 2 && strings.EqualFold(s[:2], "at") && (len(s) == 2 || !isAlnum(s[2])):
		return '@', 2
	case len(s) >= 3 && strings.EqualFold(s[:3], "dot") && (len(s) == 3 || !isAlnum(s[3])):
		return '.', 3
	case strings.HasPrefix(s, "닷"):
		return '.', len("닷")
	}
	return 0, 0
}

// paths finds file paths and the user names they hold: C:\Users\name\..., C:/Users/...,
// \\server\share, DOMAIN\user, any path with a backslash, /home/name/..., /Users/name/...,
// //server/share, ~/..., ~name/... and ~name, file:// addresses.
func (sc *scanner) paths() {
	s := sc.s
	for i := 0; i < len(s); {
		if s[i] == ' ' {
			i++
			continue
		}
		j := i
		for j < len(s) && s[j] != ' ' {
			j++
		}
		if isPath(s[i:j]) {
			end := j
			for end > i+1 && strings.IndexByte(".,;:)!?\"'", s[end-1]) >= 0 {
				end--
			}
			sc.cands = append(sc.cands, candidate{KindPath, prioPath, i, end})
		}
		i = j
	}
}

// isPath reports whether a word (text between spaces) holds a file path.
func isPath(w string) bool {
	core := strings.TrimLeft(w, "(\"'[<{`*_«‹")
	if len(core) >= 3 && core[0] == '/' {
		// /home/kim, //server/share: two parts at least
		rest := strings.TrimPrefix(core[1:], "/")
		if rest != "" && (isAlnum(rest[0]) || rest[0] == '.' || rest[0] >= utf8.RuneSelf) {
			if k := strings.IndexByte(rest, '/'); k > 0 && k+1 < len(rest) {
				return true
			}
		}
	}
	if len(core) >= 2 && core[0] == '~' {
		k := 1
		for k < len(core) && (isAlnum(core[k]) || core[k] == '.' || core[k] == '_' || core[k] == '-') {
			k++
		}
		if k < len(core) && core[k] == '/' {
			return true
		}
		if k > 2 && isASCIILetter(core[1]) {
			return true // ~kimmj: a user's home folder, named by the user
		}
	}
	lower := strings.ToLower(core)
	for _, scheme := range []string{"file:", "smb:", "afp:", "nfs:", "ftp:", "sftp:", "webdav:"} {
		if strings.Contains(lower, scheme+"//") {
			return true
		}
	}
	// a user's folder: Users/kimmj
	if k := strings.Index(lower, "users/"); (k == 0 || k > 0 && !isAlnum(lower[k-1])) && k+6 < len(lower) && isAlnum(lower[k+6]) {
		return true
	}
	// a relative path through a user's folders: Users/kim/..., OneDrive/Interviews/...
	if strings.Count(lower, "/") >= 2 {
		for _, dir := range []string{"users/", "home/", "documents/", "desktop/", "downloads/", "onedrive/", "dropbox/", "google drive/"} {
			if k := strings.Index(lower, dir); k == 0 || k > 0 && !isAlnum(lower[k-1]) {
				return true
			}
		}
	}
	for p := 0; p+1 < len(w); p++ {
		switch {
		case isASCIILetter(w[p]) && w[p+1] == ':' && p+3 < len(w) && (w[p+2] == '\\' || w[p+2] == '/') &&
			(p == 0 || !isAlnum(w[p-1])) && w[p+3] != '/':
			return true // C:\Users\..., C:/Users/...
		case w[p] == '\\' && w[p+1] == '\\' && p+2 < len(w) && (isAlnum(w[p+2]) || w[p+2] >= utf8.RuneSelf):
			return true // \\server\share
		case w[p] == '\\' && p > 0 && (isAlnum(w[p-1]) || strings.IndexByte("%$._-~", w[p-1]) >= 0 || w[p-1] >= utf8.RuneSelf) &&
			(isAlnum(w[p+1]) || w[p+1] == '.' || w[p+1] >= utf8.RuneSelf):
			return true // DOMAIN\user, Documents\Interviews, %USERPROFILE%\Desktop
		}
	}
	return false
}
