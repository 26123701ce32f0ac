package dataset

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// The words of column names that hold direct identifiers: names, phone numbers, addresses,
// e-mail, birth dates, document numbers, messenger accounts. A header matches when one of its
// words is a head word, a run of its words is one of the phrases, or (for scripts written
// without spaces) it contains one of the fragments. Words are found by splitting at spaces,
// punctuation, camelCase and digits ("PhoneNumber", "passport_no", "mobileNo"), and run-together
// words are split by the dictionary below ("phonenumber", "dateofbirth"). Letters are compared
// without case and accents ("Prénom" is "prenom"), Arabic words without their article (ال).
//
// Any word "name" matches, in any compound (province_name, file_name): a column that is not a
// code of the codebook is never read, and a column of names of places or people is exactly what
// should not travel with the workbook. A header that is a code of the codebook is read as that
// code and not matched here: declare the column in the codebook if it is one.
var identifierHeads = wordSet(
	// English
	"name", "names", "fullname", "firstname", "lastname", "surname", "surnames", "forename",
	"forenames", "givenname", "familyname", "maidenname", "nickname", "username",
	"phone", "phones", "telephone", "tel", "mobile", "cellphone", "smartphone", "landline",
	"address", "addresses", "addr", "email", "emails", "dob", "birthdate", "birthday", "birthplace",
	"passport", "ssn", "contact", "contacts", "registration",
	"kakao", "kakaotalk", "wechat", "whatsapp", "viber", "telegram", "facebook", "instagram", "skype",
	// French
	"nom", "noms", "prenom", "prenoms", "portable", "adresse", "courriel", "passeport", "domicile",
	// Spanish, Portuguese, Italian
	"nombre", "nombres", "apellido", "apellidos", "telefono", "celular", "movil", "direccion",
	"domicilio", "correo", "pasaporte", "dni", "cedula", "curp",
	"nome", "nomes", "sobrenome", "telefone", "endereco", "morada", "passaporte", "cpf",
	"cognome", "indirizzo", "cellulare",
	// German
	"vorname", "nachname", "familienname", "geburtsname", "telefon", "telefonnummer", "handynummer",
	"mobilnummer", "anschrift", "wohnadresse", "geburtsdatum", "geburtsort", "reisepass",
	"personalausweis", "ausweisnummer",
	// Russian
	"имя", "имени", "фио", "фамилия", "фамилии", "отчество", "отчества", "почта", "снилс",
	// Arabic (without the article ال)
	"اسم", "هاتف", "جوال", "موبايل", "عنوان", "جواز", "بريد", "هوية",
)

// identifierStems match a word that starts with them: inflected Russian words ("телефона").
var identifierStems = []string{"телефон", "мобильн", "адрес", "паспорт", "фамил", "отчеств", "электронн"}

// identifierPhrases are runs of words that are identifiers together, none alone.
var identifierPhrases = [][]string{
	{"id", "number"}, {"id", "no"}, {"id", "nr"}, {"id", "num"}, {"id", "card"}, {"national", "id"},
	{"cell", "phone"}, {"cell", "no"}, {"cell", "number"}, {"e", "mail"}, {"mail", "address"},
	{"date", "of", "birth"}, {"birth", "date"}, {"date", "birth"}, {"place", "of", "birth"}, {"birth", "place"},
	{"social", "security"}, {"handy", "nummer"}, {"geburts", "datum"},
	{"date", "de", "naissance"}, {"date", "naissance"}, {"lieu", "de", "naissance"}, {"numero", "de", "telephone"},
	{"fecha", "de", "nacimiento"}, {"fecha", "nacimiento"}, {"lugar", "de", "nacimiento"},
	{"data", "de", "nascimento"}, {"data", "nascimento"}, {"data", "di", "nascita"},
	{"дата", "рождения"}, {"место", "рождения"},
	{"تاريخ", "ميلاد"},
}

// identifierFragments are looked for inside the header, for Korean, Chinese and Japanese.
var identifierFragments = []string{
	// Korean
	"이름", "성명", "성함", "실명", "전화", "휴대폰", "핸드폰", "연락처", "주소", "생년월일", "생일",
	"여권", "주민등록", "주민번호", "이메일", "카톡", "카카오", "위챗",
	// Chinese, simplified and traditional
	"姓名", "名字", "全名", "姓氏", "电话", "電話", "手机", "手機", "地址", "住址", "身份证", "身份證",
	"护照", "護照", "出生日期", "生日", "邮箱", "郵箱", "电子邮件", "電子郵件", "微信", "联系方式",
	"聯繫方式", "聯絡方式",
	// Japanese
	"氏名", "名前", "住所", "携帯", "生年月日", "旅券", "メール", "連絡先",
}

// compoundParts are the words a run-together header is split into ("phonenumber" is phone +
// number): the head words and these connectors. A word that cannot be split entirely into them
// is left whole, so "nominal" and "telomere" stay what they are.
var compoundParts = wordSet(
	"number", "no", "nr", "num", "of", "date", "birth", "place", "first", "last", "middle", "given",
	"family", "full", "user", "nick", "maiden", "home", "work", "personal", "id", "card", "national",
	"social", "security", "mail", "cell", "handy", "nummer", "geburts", "datum",
)

func wordSet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// LooksLikeIdentifier reports whether a column name suggests it holds direct identifiers.
func LooksLikeIdentifier(name string) bool {
	_, ok := IdentifierWord(name)
	return ok
}

// IdentifierWord returns the word or phrase of a column name that makes it look like a column of
// direct identifiers (see identifierHeads), for messages.
func IdentifierWord(name string) (string, bool) {
	s := norm.NFKC.String(stripInvisible(name))
	squashed := strings.ToLower(strings.Join(strings.Fields(s), ""))
	for _, f := range identifierFragments {
		if strings.Contains(squashed, f) {
			return f, true
		}
	}
	var ws []string
	for _, w := range headerWords(s) {
		ws = append(ws, splitCompound(w)...)
	}
	for i, w := range ws {
		if identifierHeads[w] {
			return w, true
		}
		// words split too far by their capitals: "WeChat", "WhatsApp"
		joined := w
		for j := i + 1; j < len(ws) && j < i+3; j++ {
			if joined += ws[j]; identifierHeads[joined] {
				return joined, true
			}
		}
		for _, st := range identifierStems {
			if strings.HasPrefix(w, st) {
				return w, true
			}
		}
		for _, p := range identifierPhrases {
			if i+len(p) <= len(ws) && equalWords(ws[i:i+len(p)], p) {
				return strings.Join(p, " "), true
			}
		}
	}
	return "", false
}

func equalWords(a, b []string) bool {
	for i := range b {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// headerWords splits a header into lower-case words without accents: at every character that
// is not a letter or digit, between a lower-case and an upper-case letter ("phoneNumber"), before
// the last capital of a run followed by a lower-case letter ("IDNumber" is ID + Number), between
// letters and digits, and between scripts ("Tel전화").
func headerWords(s string) []string {
	rs := []rune(s)
	var words []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			words = append(words, fold(string(cur)))
			cur = cur[:0]
		}
	}
	for i, r := range rs {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r) {
			flush()
			continue
		}
		if len(cur) > 0 && !unicode.Is(unicode.Mn, r) {
			p := cur[len(cur)-1]
			switch {
			case unicode.IsLower(p) && unicode.IsUpper(r),
				unicode.IsUpper(p) && unicode.IsUpper(r) && i+1 < len(rs) && unicode.IsLower(rs[i+1]),
				unicode.IsDigit(p) != unicode.IsDigit(r),
				script(p) != script(r) && !unicode.IsDigit(p) && !unicode.IsDigit(r):
				flush()
			}
		}
		cur = append(cur, r)
	}
	flush()
	return words
}

func script(r rune) string {
	for _, t := range []struct {
		name string
		tab  *unicode.RangeTable
	}{{"latin", unicode.Latin}, {"cyrillic", unicode.Cyrillic}, {"arabic", unicode.Arabic}, {"hangul", unicode.Hangul}, {"han", unicode.Han}} {
		if unicode.Is(t.tab, r) {
			return t.name
		}
	}
	return ""
}

// fold lower-cases a word, drops the accents of Latin letters and the Arabic article.
func fold(w string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(w)) {
		if unicode.Is(unicode.Mn, r) && b.Len() > 0 {
			last := []rune(b.String())
			if unicode.Is(unicode.Latin, last[len(last)-1]) {
				continue
			}
		}
		b.WriteRune(r)
	}
	out := norm.NFC.String(b.String())
	if rs := []rune(out); len(rs) > 4 && strings.HasPrefix(out, "ال") {
		out = string(rs[2:])
	}
	return out
}

// splitCompound splits a run-together word into head words and connectors when it is made of
// them entirely ("dateofbirth" → date of birth); otherwise it returns the word.
func splitCompound(w string) []string {
	if identifierHeads[w] || compoundParts[w] || len(w) > 64 {
		return []string{w}
	}
	known := func(s string) bool { return identifierHeads[s] || compoundParts[s] }
	// prev[i] is where the last part of a split of w[:i] starts, -1 when w[:i] cannot be split
	prev := make([]int, len(w)+1)
	for i := range prev {
		prev[i] = -1
	}
	prev[0] = 0
	for i := 1; i <= len(w); i++ {
		for j := 0; j < i; j++ {
			if (j == 0 || prev[j] >= 0) && known(w[j:i]) {
				prev[i] = j
				break
			}
		}
	}
	if prev[len(w)] < 0 {
		return []string{w}
	}
	var parts []string
	for i := len(w); i > 0; i = prev[i] {
		parts = append([]string{w[prev[i]:i]}, parts...)
	}
	return parts
}
