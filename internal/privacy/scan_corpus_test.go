package privacy

import (
	"fmt"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// corpusTerms are the never_publish terms of the corpus; "Jongori" is another romanisation of
// "Chongori", given as a term of its own.
var corpusTerms = []string{"Chongori", "Jongori", "Hoeryong", "회령", "Camp 16"}

type evasion struct {
	text string
	kind string // the kind of hit that must be found; "" for any
}

// evasions are ways to write an identifying detail that a hostile or careless writer may use.
// Each must be refused. The list grows with every evasion found.
var evasions = []evasion{
	// invisible and typographic characters
	{"Chong\u00adori", KindNeverPublish},
	{"Chong\u200bori", KindNeverPublish},
	{"Chong\u200cori", KindNeverPublish},
	{"Chong\u200dori", KindNeverPublish},
	{"Chong\u2060ori", KindNeverPublish},
	{"Chongori\ufe0f", KindNeverPublish},
	{"Ch\u202eongori", KindNeverPublish},
	{"01023456789", KindPhone},
	{"010\u00ad2345\u00ad6789", KindPhone},
	{"010\u200b2345\u200b6789", KindPhone},
	{"010–2345–6789", KindPhone},
	{"010—2345—6789", KindPhone},
	{"010\u20112345\u20116789", KindPhone},
	{"010\u00a02345\u00a06789", KindPhone},
	{"010\u202f2345\u202f6789", KindPhone},
	{"010\t2345\t6789", KindPhone},
	{"010\n2345\n6789", KindPhone},
	{"٠١٠-٢٣٤٥-٦٧٨٩", KindPhone},
	{"۰۱۰۲۳۴۵۶۷۸۹", KindPhone},
	{"०१०-२३४५-६७८९", KindPhone},
	{"０１０－２３４５－６７８９", KindPhone},
	{"𝟎𝟏𝟎-𝟐𝟑𝟒𝟓-𝟔𝟕𝟖𝟗", KindPhone},
	{"4\u00a0March 2016", KindDate},
	{"4\u202fMarch\u00a02016", KindDate},
	{"4\nMarch\n2016", KindDate},
	// phone numbers with any separator run
	{"Call her on 010 - 2345 - 6789.", KindPhone},
	{"Call her on 010/2345/6789.", KindPhone},
	{"Call her on 010 / 2345 / 6789.", KindPhone},
	{"The broker's number: 138_1234_5678", KindPhone},
	{"010.2345.6789", KindPhone},
	{"010 2345-6789", KindPhone},
	{"010-2345 6789", KindPhone},
	{"010 -- 2345 -- 6789", KindPhone},
	{"010,2345,6789", KindPhone},
	{"010:2345:6789", KindPhone},
	{"(010) 2345-6789", KindPhone},
	{"0 1 0 2 3 4 5 6 7 8 9", KindPhone},
	{"+82 10 2345 6789", KindPhone},
	{"+82-10-2345-6789", KindPhone},
	{"+82 (0)10 2345 6789", KindPhone},
	{"+82.10.2345.6789", KindPhone},
	{"＋８２ １０ ２３４５ ６７８９", KindPhone},
	{"0082 10 2345 6789", KindPhone},
	{"82-10-2345-6789", KindPhone},
	{"+86 138 1234 5678", KindPhone},
	{"138 1234 5678", KindPhone},
	{"138-1234-5678로 연락했다", KindPhone},
	{"02-3456-7890", KindPhone},
	{"(02) 3456 7890", KindPhone},
	{"031.234.5678", KindPhone},
	{"0433-2512345", KindPhone},
	{"3456-7890", KindPhone},
	{"555 1234 5678", KindPhone},
	{"전화: 010 2345 6789", KindPhone},
	{"010•2345•6789", KindPhone},
	{"010·2345·6789", KindPhone},
	{"010 ⠀2345⠀ 6789", KindPhone},
	{"010～2345～6789", KindPhone},
	{"010〜2345〜6789", KindPhone},
	{`010\-2345\-6789`, KindPhone},
	{`02\-3456\-7890`, KindPhone},
	{"02*3456*7890", KindPhone},
	{"0⃣1⃣0⃣2⃣3⃣4⃣5⃣6⃣7⃣8⃣9⃣", KindPhone},
	{"0️⃣1️⃣0️⃣-2️⃣3️⃣4️⃣5️⃣-6️⃣7️⃣8️⃣9️⃣", KindPhone},
	{"0̶1̶0̶-2̶3̶4̶5̶-6̶7̶8̶9̶", KindPhone},
	{"⓪①⓪-②③④⑤-⑥⑦⑧⑨", KindPhone},
	{"tel:01023456789", KindPhone},
	{"010ㅡ2345ㅡ6789", KindPhone}, // the Hangul letter EU typed for a dash
	{"010 ㅡ 2345 ㅡ 6789", KindPhone},
	{"call 010ㆍ2345ㆍ6789 now", KindPhone}, // the Hangul letter ARAEA typed for a middle dot
	{"010─2345─6789", KindPhone},          // box drawing
	{"HP010-2345-6789", KindPhone},        // a label glued before
	{"138一1234一5678", KindPhone},          // the Han "one" typed for a dash
	{"010ー2345ー6789", KindPhone},          // the Japanese long vowel mark
	{"Tel010 2345 6789", KindPhone},
	{"Tel02-3456-7890", KindPhone},
	{"Fax.02-3456-7890", KindPhone},
	{"02-3456-7890x123", KindPhone}, // an extension glued after
	{"010-2345-6789x12", KindPhone},
	{"02-3456-7890ext123", KindPhone},
	{"3456-7890x12", KindPhone},
	// e-mail addresses
	{"kim.sunhee82@example.org", KindEmail},
	{"kim.sunhee82＠example.org", KindEmail},
	{"kim.sunhee82 (at) example (dot) org", KindEmail},
	{"kim.sunhee82 [at] example [dot] org", KindEmail},
	{"kim.sunhee82[at]example.org", KindEmail},
	{"kim.sunhee82 at example dot org", KindEmail},
	{"KIM@EXAMPLE.ORG", KindEmail},
	{"kim\u00ad@example.org", KindEmail},
	{"kim @ example . org", KindEmail},
	{"kim@예시.한국", KindEmail},
	{"kim at example.org", KindEmail}, // a plain "at" and a common domain
	{"write to kimsh at example.com please", KindEmail},
	{"kim@ example.org", KindEmail}, // a space on one side of the "@"
	{"kim@\nexample.org", KindEmail},
	{"kim @example.org", KindEmail},
	{"kim@example.\norg", KindEmail}, // a line break after the last dot
	{"kim@example. org", KindEmail},
	{"kim[@]example[.]org", KindEmail},
	{"kim(@)example(.)org", KindEmail},
	{"kim@example[.]org", KindEmail},
	{"kim 골뱅이 example.org", KindEmail}, // the Korean name of "@"
	{"kim골뱅이example.org", KindEmail},
	{"kim 골뱅이 example 닷 org", KindEmail},
	{"kim 골뱅이 example 닷컴", KindEmail},
	{"kim골뱅이example닷컴", KindEmail},
	// dates, numeric
	{"We met on 4.3.16 there.", KindDate},
	{"2015–03–04", KindDate},
	{"2015-03-04", KindDate},
	{"2015/3/4", KindDate},
	{"2015.3.4", KindDate},
	{"2016. 5. 12.", KindDate},
	{"2015 03 04", KindDate},
	{"2015_03_04", KindDate},
	{"4/3/2015", KindDate},
	{"04.03.2015", KindDate},
	{"4-3-2015", KindDate},
	{"3/4/15", KindDate},
	{"20150304", KindDate},
	{"２０１５．０３．０４", KindDate},
	{"٢٠١٥-٠٣-٠٤", KindDate},
	{"2015·03·04", KindDate},
	{"2016-03-04T10:15:00", KindDate}, // a date and a time, as a form's export writes them
	{"started 2016-03-04T10:15:00.000+09:00", KindDate},
	{"2016ㆍ3ㆍ4", KindDate},
	{"2016ㅡ03ㅡ04", KindDate},
	{"2016 ㅡ 3 ㅡ 4", KindDate},
	{"2016─03─04", KindDate},
	{"2016━03━04", KindDate},
	// dates, spelled out in English
	{"04-Mar-2015", KindDate},
	{"4-March-2016", KindDate},
	{"4 Mar 15", KindIDNumber + "|" + KindDate},
	{"the third of March 2016", KindDate},
	{"the third of March", KindDate},
	{"the 3rd of March", KindDate},
	{"on the thirty-first of December", KindDate},
	{"on the twenty first of May", KindDate},
	{"March third", KindDate},
	{"March the third, 2016", KindDate},
	{"March 4, 2015", KindDate},
	{"March 4th", KindDate},
	{"Sept. 12", KindDate},
	{"SEPT 12 2016", KindDate},
	{"4 march 2016", KindDate},
	{"4th of may", KindDate},
	{"march 4th", KindDate},
	{"may 4, 2016", KindDate},
	{"4 March", KindDate},
	{"12th Feb.", KindDate},
	{"Dec-25-2015", KindDate},
	{"04MAR2016", KindDate}, // as travel documents print it
	{"4Mar16", KindDate},
	{"04MAR16", KindDate},
	{"on 4mar2016,", KindDate},
	{"on Mar.4 we left", KindDate}, // no space after the abbreviation's dot
	{"on March4 we left", KindDate},
	{"on 4March we left", KindDate},
	{"4th, March", KindDate},
	{"On 4th, March 2016", KindDate},
	{"3월달 4일", KindDate},
	{"음력 3월 초사흘에", KindDate}, // a day in native Korean words, as lunar dates are said
	{"삼월 보름날", KindDate},
	{"2016ー03ー04", KindDate},
	{"2016⁄03⁄04", KindDate}, // the fraction slash
	{"4∕3∕2016", KindDate},   // the division slash
	{"12⁄34⁄56", KindIDNumber},
	// dates, in Korean and with CJK units
	{"2016년 3월 4일", KindDate},
	{"2016년3월4일", KindDate},
	{"16년 3월 4일", KindDate},
	{"3월 4일", KindDate},
	{"3월4일에", KindDate},
	{"3 월 4 일", KindDate},
	{"삼월 사일에 잡혔다", KindDate},
	{"시월 이십일일", KindDate},
	{"십이월 삼십일일", KindDate},
	{"３월 ４일", KindDate},
	{"٣월 ٤일", KindDate},
	{"2015年3月4日", KindDate},
	// ages
	{"She was aged 34 when she crossed.", KindAge},
	{"aged about 34", KindAge},
	{"Age: 34", KindAge},
	{"age 34", KindAge},
	{"at the age of 34", KindAge},
	{"34 years old", KindAge},
	{"34 year old", KindAge},
	{"34 yrs old", KindAge},
	{"34 years of age", KindAge},
	{"a 34-year-old woman", KindAge},
	{"a 34‑year‑old woman", KindAge},
	{"a 34–year–old woman", KindAge},
	{"34 y/o", KindAge},
	{"34yo", KindAge},
	{"thirty-four years old", KindAge},
	{"aged thirty four", KindAge},
	{"34\u00a0years old", KindAge},
	{"34세", KindAge},
	{"34 세에 탈북했다", KindAge},
	{"만 34세", KindAge},
	{"34살", KindAge},
	{"34살이었다", KindAge},
	{"34살 때", KindAge},
	{"나이 34", KindAge},
	{"Age:34", KindAge}, // a form's label, no space
	{"age:34,", KindAge},
	{"age (34)", KindAge},
	{"age=34", KindAge},
	{"Age - 34", KindAge},
	{"나이34", KindAge},
	{"나이: 34", KindAge},
	{"나이는 서른넷이었다", KindAge},
	{"나이 스물다섯", KindAge},
	{"나이가 서른 넷", KindAge},
	{"I was born in 1982 in the north.", KindAge}, // a year of birth tells the age
	{"born '82", KindAge},
	{"She was born 1990, the youngest.", KindAge},
	{"저는 82년생이에요", KindAge},
	{"1982년생", KindAge},
	{"1982년 출생", KindAge},
	{"1982년에 태어났어요", KindAge},
	{"82년도에 태어났다", KindAge},
	{"Born: 1982", KindAge}, // a form's labels
	{"DOB 1982", KindAge},
	{"YOB: 1982", KindAge},
	{"생년: 1982", KindAge},
	{"출생연도 1982", KindAge},
	{"I spent my 34th birthday in the camp.", KindAge}, // a birthday counted tells the age
	{"on her thirty-fourth birthday", KindAge},
	{"my fortieth birthday", KindAge},
	{"34번째 생일을 감옥에서 보냈다", KindAge},
	{"34岁", KindAge},
	{"34歲", KindAge}, // traditional Chinese
	{"34周岁", KindAge},
	{"34週歲", KindAge},
	{"٣٤세", KindAge},
	{"３４살", KindAge},
	{"서른네 살", KindAge},
	{"서른 네 살에", KindAge},
	{"스무살 때", KindAge},
	{"세 살배기", KindAge},
	// ID-like numbers and long digit runs
	{"850304-2123456", KindIDNumber},
	{"850304 - 2123456", KindIDNumber},
	{"8503042123456", KindIDNumber},
	{"M12345678", KindIDNumber},
	{"M123A4567", KindIDNumber},
	{"M1234 5678", KindIDNumber}, // a passport number in groups
	{"M1234-5678", KindIDNumber},
	{"M12 345 678", KindIDNumber},
	{"여권번호 M1234.5678", KindIDNumber},
	{"123456", KindIDNumber},
	{"$" + strings.Repeat("7", 32000), KindIDNumber},
	{strings.Repeat("7", 32000), KindIDNumber},
	{"1234 5678 9012 3456", KindIDNumber},
	{"₩01023456789", KindPhone},
	{"¥13812345678", KindPhone},
	{"1234567890123 won", KindIDNumber},
	// file paths and user names
	{`C:\Users\kim\Documents\interviews.xlsx`, KindPath},
	{`C:\Users\Kim Min-ji\Desktop`, KindPath},
	{`C:/Users/kim/Desktop/notes.docx`, KindPath},
	{`D:\interviews\2017\W17-003.docx`, KindPath},
	{`\\fileserver\share\interviews`, KindPath},
	{`CORP\jkim`, KindPath},
	{`%USERPROFILE%\Desktop`, KindPath},
	{"/home/kim/interviews/2017.xlsx", KindPath},
	{"/Users/kim/Desktop/notes.txt", KindPath},
	{"(/Users/kim/Desktop)", KindPath},
	{"~/Desktop/notes.txt", KindPath},
	{"~kim/notes", KindPath},
	{"//fileserver/share/x", KindPath},
	{"file:///C:/Users/kim/x.docx", KindPath},
	{`C:\Users\김민지\Desktop`, KindPath},
	{`C:＼Users＼kim`, KindPath},
	{"Users/kim/Desktop/x.docx", KindPath},
	{"OneDrive/Interviews/W17.docx", KindPath},
	{"smb://fileserver/share", KindPath},
	// never_publish terms in other spellings
	{"Chŏngŏri", KindNeverPublish},
	{norm.NFD.String("Chŏngŏri"), KindNeverPublish},
	{"Chǒngǒri", KindNeverPublish},
	{"CHONGORI", KindNeverPublish},
	{"Ch'ongori", KindNeverPublish},
	{"Ch’ongori", KindNeverPublish},
	{"Chʼŏngŏri", KindNeverPublish},
	{"Chong-ori", KindNeverPublish},
	{"Chong ori", KindNeverPublish},
	{"Chong\u2011ori", KindNeverPublish},
	{"Chong_ori", KindNeverPublish},
	{"Chong·ori", KindNeverPublish},
	{"Ｃｈｏｎｇｏｒｉ", KindNeverPublish},
	{"Jongori", KindNeverPublish},
	{"Hoeryŏng", KindNeverPublish},
	{"Hoe-ryong", KindNeverPublish},
	{"HOERYONG's market", KindNeverPublish},
	{"회 령", KindNeverPublish},
	{"회\u200b령", KindNeverPublish},
	{"회령에서", KindNeverPublish},
	{norm.NFD.String("회령"), KindNeverPublish},
	{"Camp 16", KindNeverPublish},
	{"camp16", KindNeverPublish},
	{"Camp ١٦", KindNeverPublish},
	{"Camp\u00a016", KindNeverPublish},
	{"Camp-16", KindNeverPublish},
	{"Camp No. 16", KindNeverPublish}, // a number sign between the name and its number
	{"Camp No.16", KindNeverPublish},
	{"camp no 16", KindNeverPublish},
	{"Camp #16", KindNeverPublish},
	{"Camp# 16", KindNeverPublish},
	{"Camp number 16", KindNeverPublish},
	{"Camp №16", KindNeverPublish},
	{"Сhongori", KindNeverPublish},   // Cyrillic С
	{"Chоngori", KindNeverPublish},   // Cyrillic о
	{"Hοeryοng", KindNeverPublish},   // Greek ο
	{"Hoeryongsi", KindNeverPublish}, // joined administrative suffix
	{"Chongori-dong", KindNeverPublish},
	{"C h o n g o r i", KindNeverPublish},
	// a year of two digits first (a Korean birth date), the ideographic full stop
	{"82.03.04", KindDate},
	{"82-03-04", KindDate},
	{"16.3.4", KindDate},
	{"born 82.3.4 in", KindDate},
	{"16. 3. 4.", KindDate},
	{"16/3/4", KindDate},
	{"2016。03。04", KindDate},
	{"2016｡3｡4", KindDate},
	{"2016．03．04", KindDate},
	{"82。3。4", KindDate},
	{"04。03。2016", KindDate},
	// a day and a month apart in one phrase
	{"March 2016, on the 4th", KindDate},
	{"In March 2016, on the fourth, we crossed.", KindDate},
	{"on the 4th, in March", KindDate},
	{"the 4th of March, 2016", KindDate},
	{"4th March", KindDate},
	{"in March, the twenty-first", KindDate},
	{"in March, 4th day", KindDate},
	{"It was March... on the 4th, they came.", KindDate}, // an ellipsis is a pause, not an end
	{"It was March 2016… on the 4th we left.", KindDate},
	{"3월, 4일", KindDate},
	{"2016년 3월, 4일에", KindDate},
	// digits in groups read out as a number, letters for digits
	{"123 456 789", KindIDNumber},
	{"123 456 789 012", KindIDNumber},
	{"12 34 56", KindIDNumber},
	{"12.34.56", KindIDNumber},
	{"12-34-56", KindIDNumber},
	{"12/34/56/78", KindIDNumber + "|" + KindPhone},
	{"1234 5678 90", KindIDNumber + "|" + KindPhone},
	{"12 - 34 - 56", KindIDNumber},
	{"12ㅡ34ㅡ56", KindIDNumber},
	{"12_34_56", KindIDNumber},
	{"850304ㅡ2123456", KindIDNumber},
	{"Their ages were 25 31 40 28.", KindIDNumber}, // a near miss until a list of ages could be 12 34 56
	{"0l0-2345-6789", KindPhone},
	{"O1O-2345-6789", KindPhone},
	{"0I0 2345 6789", KindPhone},
	{"01O23456789", KindPhone},
	{"0О0-2345-6789", KindPhone}, // Cyrillic О
	{"0ο0-2345-6789", KindPhone}, // Greek ο
	{"l23456", KindIDNumber},
	{"85O3O4-2l23456", KindIDNumber},
	// a home folder without a slash
	{"~kimmj", KindPath},
	{"(~kimmj)", KindPath},
	{"~kim.mj,", KindPath},
	{"~mjkim에게 보냈다", KindPath},
}

// generatedEvasions writes the same details with every separator, digit script and invisible
// character of the lists below.
func generatedEvasions() []evasion {
	var out []evasion
	seps := []string{"-", " ", ".", "/", "_", " - ", " / ", "\u00a0", "\u202f", "\u3000", "\u2010",
		"\u2011", "\u2013", "\u2014", "\u2212", "\uff0d", "\t", "\n", "\r\n", "\u00ad", "\u200b",
		"\u2060", "", " \u2013 ", "\u00a0-\u00a0"}
	scripts := []string{"0123456789", "٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹", "०१२३४५६७८९", "０１２３４５６７８９", "𝟎𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟗"}
	digits := func(s, script string) string {
		d := []rune(script)
		return strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return d[r-'0']
			}
			return r
		}, s)
	}
	for _, groups := range [][]string{{"010", "2345", "6789"}, {"138", "1234", "5678"}, {"02", "3456", "7890"}} {
		for _, sep := range seps {
			for _, script := range scripts {
				for _, frame := range []string{"Call %s now.", "번호는 %s로 연락"} {
					out = append(out, evasion{fmt.Sprintf(frame, digits(strings.Join(groups, sep), script)), ""})
				}
			}
		}
	}
	dateSeps := []string{"-", "/", ".", "\u2010", "\u2011", "\u2013", "\u2212", "\uff0d", "\uff0e", "\u00ad-", "-\u200b", "\u3002", "\uff61", ". "}
	for _, form := range []string{"2015%s03%s04", "2015%s3%s4", "04%s03%s2015", "4%s3%s16", "12%s25%s2015", "82%s03%s04", "16%s3%s4"} {
		for _, sep := range dateSeps {
			for _, script := range scripts {
				out = append(out, evasion{"on " + digits(fmt.Sprintf(form, sep, sep), script) + ", we", KindDate})
			}
		}
	}
	spaces := []string{" ", "\u00a0", "\u202f", "\u2009", "\u3000", "\t", "\n", "  ", " \u00ad", "\u200b "}
	for _, form := range []string{"%s4%sMarch%s2016", "%s4th%sof%sMarch", "%sMarch%s4,%s2016", "the%sthird%sof%sMarch",
		"%sMarch%sthe%sthird", "%s2016년%s3월%s4일", "%s3월%s4일에%s", "%s34%syears%sold", "%saged%s34%sthen"} {
		for _, sp := range spaces {
			for _, script := range scripts[:5] {
				out = append(out, evasion{"We left" + digits(fmt.Sprintf(form, sp, sp, sp), script) + ".", ""})
			}
		}
	}
	groupSeps := []string{" ", ".", "-", "/", " - ", " / ", "\u00a0", "\u202f", "\u2013", "\uff0e", "\u3002", "\n", "\u00ad-"}
	for _, groups := range [][]string{{"123", "456", "789"}, {"12", "34", "56"}, {"1234", "567", "89"}, {"123", "456", "789", "012"}} {
		for _, sep := range groupSeps {
			for _, script := range scripts {
				out = append(out, evasion{"my number is " + digits(strings.Join(groups, sep), script) + ", remember", ""})
			}
		}
	}
	for _, phone := range []string{"010-2345-6789", "01023456789", "850304-2123456"} {
		for _, zero := range []string{"O", "o", "О", "о", "Ο", "ο"} {
			for _, one := range []string{"l", "I", "І", "ӏ", "Ι"} {
				s := strings.NewReplacer("0", zero, "1", one).Replace(phone)
				out = append(out, evasion{"call " + s + " now", ""})
			}
		}
	}
	invisible := []string{"\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u034f", "\u180e", "\u202a", "\u2066"}
	for _, term := range []string{"Chongori", "Hoeryong", "회령", "Camp 16"} {
		for i := range len([]rune(term)) + 1 {
			for _, x := range invisible {
				r := []rune(term)
				out = append(out, evasion{"near " + string(r[:i]) + x + string(r[i:]) + " we", KindNeverPublish})
			}
		}
	}
	return out
}

// nearMisses are ordinary report sentences that hold nothing identifying.
var nearMisses = []string{
	"She left in 2015.",
	"Things were worse in the 1990s, during the famine.",
	"Between 2014 and 2016 the crackdown grew.",
	"Women who left 2014-2016 described the same.",
	"Those who left in 2011–2013 were fewer.",
	"The 2014/2015 and 2016/2017 cohorts.",
	"2014, 2015, 2016 and 2017",
	"12 of 40 women paid informal fees (30%).",
	"12/40 said the clinic had no medicine.",
	"3 out of 40 had been repatriated.",
	"28 of 40 women interviewed in 2017 (70%, 95% CI 55–82%) said they had paid informal school fees, compared with 31 of 50 in 2014 (62%, 95% CI 48–74%).",
	"+8 points, −12 to +26, p = 0.506, adj. 1.000",
	"+40 points, +19 to +55, p < 0.001, adj. 0.006",
	"odds ratio 2.31 (1.12–4.83)",
	"12.5-30.5% of the women",
	"Most were aged 30-39; some were 40 and over.",
	"aged 30 to 39",
	"aged under 30",
	"aged 18 and over",
	"aged 18 or older",
	"women in their 30s",
	"aged 40+",
	"children under 5 years old",
	"between 30 and 39 years old",
	"30-39 years old",
	"20세 이상 여성",
	"18세 미만",
	"30~39세",
	"30대 여성",
	"21세기",
	"3세대가 함께 살았다",
	"세 가지 이유",
	"한 살림을 꾸렸다",
	"네, 그렇습니다",
	"We left in March 2015, before the rains.",
	"In May 2016 they closed the market.",
	"You may 2 times a year visit the prisoners.",
	"We had to march 10 kilometres every day.",
	"In March 15 000 people crossed.",
	"2015년에 탈북했어요.",
	"2015년 3월에 잡혔다.",
	"3월에 잡혔다.",
	"3개월 동안 노동단련대에 있었다.",
	"40명 중 12명이 구금된 적이 있다.",
	"The broker took 1,500,000 won.",
	"The broker took 1500000 won.",
	"브로커 비용으로 15000000원을 냈다.",
	"브로커 비용으로 150만원을 냈다.",
	"It cost 15 000 000 won.",
	"It cost 1.500.000 won.",
	"We paid ¥20000 and then $3000 more.",
	"₩1500000 in all",
	"1,500,000원",
	"US$ 2500000 in all",
	"In 2015 120 women crossed at that point.",
	"Their ages were 25, 31, 40 and 28.",
	"1 2 3 4 5 6 7 8",
	"Camp No. 160 and page 23 of the 2014 report.",
	"The camp had no 160 beds.",
	"Camp No. 15 was far.",
	"CEDAW/C/PRK/2-4 was reviewed in 2017.",
	"A/HRC/25/63, paras. 12-15, resolution 60/251",
	"E/CN.4/2005/34",
	"General Recommendation No. 35 (2017)",
	"A4 paper, 10:30 in the morning, room 1204.",
	"section 4.3.16 of the guidelines",
	"Table 3, Figure 2.1, Annex 4",
	"between 1000-2000 people",
	"3/4 of the women",
	"Please write to us at the office.",
	"We met at Yanji.Then we left.",
	"We met at Yanji. Then we left.",
	"I stayed at home.we left at dawn.",
	"I was at school. org chart",
	"We ate 골뱅이 at the market.",
	"She wrote @ the top. Org was",
	"and/or",
	"km/h",
	"the 1st and 2nd waves",
	"Camp 160 is another place.",
	"Everyone knew the Hoeryonger family.",
	"The Onsong county.",
	"https://www.ohchr.org/en/hr-bodies/cedaw",
	"",
	// years, periods and figures of report prose, near the new patterns
	"We left in 2016.",
	"in 2016",
	"2014-2016",
	"2014 2015 2016",
	"2014/2015/2016",
	"28 of 40 (70%)",
	"p = 0.012",
	"95% CI 55–82%",
	"CEDAW/C/PRK/CO/2-4",
	"paragraph 12.3",
	"see paragraph 12.3.4",
	"version 2.10.3",
	"A/HRC/27/10",
	"A/HRC/RES/25/63/12",
	"₩1 500 000 in all",
	"1 500 000원",
	"It cost 1 500 000 won.",
	"1,234,567 people",
	"12.5% and 30.5%",
	"10:30 or 11:45",
	"In March 2016, the 2nd wave began.",
	"In March, the first group left.",
	"the third time, in May 2016",
	"It was March 2016. On the 4th floor we waited.",
	"In March we left; the fourth day was hard.",
	"It was March. The 4th day, they came.",
	"~30 women, ~ 5%",
	"H2O, CO2, A4",
	"A4 2016",
	"Q3 2016-17",
	"COVID19 in 2020",
	"G20 2016 summit",
	"1920x1080 pixels, 2x3 m",
	"F16 2016 12",
	"나이가 열셋이나 많은 남자였다",
	"30-40x more",
	"In March, 4 women left.",
	"the 4th, in a way",
	"May2016, March2015",
	"4may be",
	"3월달에 잡혔다.",
	"3월 초에 잡혔다.",
	"보름 동안 걸었다.",
	"一二三, 第1一",
	"1一 하나",
	"born in the 1980s",
	"born in North Hamgyong",
	"children born 2010-2015",
	"보고서는 2016-2018년에 나왔다",
	"1982년 생활",
	"15년 동안 살았다",
	"on my birthday in March",
	"생일에 잡혔다",
	"lol, Oil, Io, loo",
	"In 2015 120 women crossed at that point.",
	"2014년부터 2016년까지",
	"2014ㅡ2016년에 탈북한 여성",
	"30ㅡ39세 ㅡ 대부분",
	"그때ㅡ정말 힘들었다",
	"4일 동안 걸었다.",
	"나이 서른 초반이었다",
	"나이는 서른이 넘었다",
	"나이 30대",
	"age 30-39",
	"age (30-39)",
	"age: 40 and over",
	"나이: 30~39세",
}

func hasKind(hits []Hit, kind string) bool {
	if kind == "" {
		return len(hits) > 0
	}
	for _, h := range hits {
		for _, k := range strings.Split(kind, "|") {
			if h.Kind == k {
				return true
			}
		}
	}
	return false
}

func TestScanEvasions(t *testing.T) {
	cases := append(append([]evasion(nil), evasions...), generatedEvasions()...)
	refused := 0
	for _, c := range cases {
		hits := Scan(c.text, corpusTerms)
		checkHits(t, c.text, hits)
		if hasKind(hits, c.kind) {
			refused++
			continue
		}
		want := c.kind
		if want == "" {
			want = "a hit"
		}
		t.Errorf("Scan(%.60q): got %s, want %s", c.text, hitList(hits), want)
	}
	t.Logf("%d evasion cases tried (%d listed, %d generated), %d refused", len(cases), len(evasions), len(cases)-len(evasions), refused)
}

func TestScanNearMisses(t *testing.T) {
	for _, s := range nearMisses {
		if hits := Scan(s, corpusTerms); len(hits) > 0 {
			t.Errorf("Scan(%q): got %s, want no hit", s, hitList(hits))
		}
	}
	t.Logf("%d near misses tried", len(nearMisses))
}
