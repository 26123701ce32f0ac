package english

import "testing"

func TestWords(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{Plural(1, "person", "people"), "person"},
		{Plural(0, "person", "people"), "people"},
		{Plural(2, "person", "people"), "people"},
		{Count(1, "test", "tests"), "1 test"},
		{Count(0, "test", "tests"), "0 tests"},
		{Count(17, "test", "tests"), "17 tests"},
		{List(nil), ""},
		{List([]string{"age"}), "age"},
		{List([]string{"age", "province"}), "age and province"},
		{List([]string{"age", "province", "year of leaving"}), "age, province and year of leaving"},
		{LowerFirst("Paid fees"), "paid fees"},
		{LowerFirst("HIV test offered"), "HIV test offered"},
		{LowerFirst("DPRK"), "DPRK"},
		{LowerFirst("G7 meeting"), "G7 meeting"},
		{LowerFirst("A"), "a"},
		{LowerFirst("Égalité"), "égalité"},
		{LowerFirst("학교"), "학교"},
		{LowerFirst(""), ""},
		{UpperFirst("paid fees"), "Paid fees"},
		{UpperFirst("ěx"), "Ěx"},
		{UpperFirst(""), ""},
		{PluralOf(1.0, "page", "pages"), "page"},
		{PluralOf(0.96, "page", "pages"), "page"},
		{PluralOf(0.4, "page", "pages"), "pages"},
		{PluralOf(1.05, "page", "pages"), "pages"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
