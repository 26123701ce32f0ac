package dataset

import (
	"regexp"
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/shadowreport/shadowreport/internal/codebook"
	"github.com/shadowreport/shadowreport/internal/textnorm"
	"github.com/shadowreport/shadowreport/internal/workbook"
)

// IDKey is the form under which interviewee ids are compared, in the interviews sheet, the
// quotes sheet and everywhere else: invisible format characters removed (a word joiner, soft
// hyphen or zero-width joiner inside "W17-003"), compatibility forms unified (NFKC: fullwidth
// "Ｗ１７" is "W17"), then Key (case, spaces, dashes). Two ids with the same key are one person.
func IDKey(s string) string {
	return codebook.Key(textnorm.ID(s))
}

// stripInvisible is text in the form the scanner reads it (textnorm.Fold): invisible characters
// removed, spaces, dashes and digits unified.
func stripInvisible(s string) string { return textnorm.Fold(s).String() }

// excelErrors are the error values of Excel and LibreOffice, keyed by Key.
var excelErrors = map[string]bool{
	"#null!": true, "#div/0!": true, "#value!": true, "#ref!": true, "#name?": true, "#num!": true,
	"#n/a": true, "#getting_data": true, "#spill!": true, "#calc!": true, "#field!": true,
	"#blocked!": true, "#unknown!": true, "#connect!": true, "#busy!": true, "#python!": true,
	"#timeout!": true, "#external!": true, "#n/a!": true,
}

var libreOfficeError = regexp.MustCompile(`^err:\d{3}$`)

// ErrorValue reports whether a cell holds a spreadsheet error — a formula that failed
// (#VALUE!, #N/A, #REF!, ...), or such an error pasted or typed as text, or LibreOffice's
// Err:502 — and returns it as shown. An error value is never an id nor an answer.
func ErrorValue(c *workbook.Cell) (string, bool) {
	if c.Kind == workbook.ErrorValue {
		return strings.TrimSpace(c.Text), true
	}
	if c.Kind != workbook.String {
		return "", false
	}
	t := strings.TrimSpace(c.Text)
	if len(t) > 64 || len(t) < 3 {
		return "", false
	}
	k := codebook.Key(norm.NFKC.String(t))
	if excelErrors[k] || libreOfficeError.MatchString(k) {
		return t, true
	}
	return "", false
}

// noneWords say that a person answered a multi code and chose none of its values.
var noneWords = map[string]bool{"none": true, "(none)": true, "없음": true}

// AnsweredNone reports whether the answer to a multi code says "answered, none of these": the
// text none, (none) or 없음 — unless that text is one of the code's values, which it then is.
func AnsweredNone(code *codebook.Code, text string) bool {
	if !noneWords[codebook.Key(text)] {
		return false
	}
	_, isValue := code.Value(text)
	return !isValue
}
