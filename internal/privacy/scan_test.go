package privacy

import (
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// hitList renders hits as kind:"match" for comparison.
func hitList(hs []Hit) string {
	var parts []string
	for _, h := range hs {
		parts = append(parts, fmt.Sprintf("%s:%q", h.Kind, h.Match))
	}
	return strings.Join(parts, " ")
}

func TestScan(t *testing.T) {
	tests := []struct {
		text string
		want string // hitList of the hits; "" for none
	}{
		// phone numbers
		{"My sister's number in Seoul is 010-2345-6789, call her after work.", `phone:"010-2345-6789"`},
		{"She wrote 01023456789 on my hand before the broker came.", `phone:"01023456789"`},
		{"You can reach the church at 010 2345 6789.", `phone:"010 2345 6789"`},
		{"The broker's phone was +86 138 1234 5678 and he only answered at night.", `phone:"+86 138 1234 5678"`},
		{"Her cousin in Seoul, +82-10-2345-6789, sent the money.", `phone:"+82-10-2345-6789"`},
		{"He gave us +8613812345678 to call from Yanji.", `phone:"+8613812345678"`},
		{"The broker used 13812345678 for everything.", `phone:"13812345678"`},
		{"Call the shelter on 02-3456-7890 or (02) 3456 7890.", `phone:"02-3456-7890" phone:"(02) 3456 7890"`},
		{"The office in Yanji was 0433-2512345.", `phone:"0433-2512345"`},
		{"브로커 전화번호는 010-9876-5432였어요.", `phone:"010-9876-5432"`},
		{"중국 번호 138-1234-5678로 연락했다.", `phone:"138-1234-5678"`},
		{"번호는 ０１０－２３４５－６７８９ 이었다.", `phone:"０１０－２３４５－６７８９"`},
		// e-mail
		{"Write to kim.sunhee82@example.org if you need the recording.", `email:"kim.sunhee82@example.org"`},
		{"이메일은 hope_2016@mail.example.co.kr 입니다.", `email:"hope_2016@mail.example.co.kr"`},
		// exact dates
		{"We crossed the river on 2015-03-04 at night.", `date:"2015-03-04"`},
		{"The record says 4/3/2015 but she is not sure.", `date:"4/3/2015"`},
		{"I was caught on 4 March 2015 near the border.", `date:"4 March 2015"`},
		{"They released me on March 4, 2015, after three months.", `date:"March 4, 2015"`},
		{"It happened on the 4th of March.", `date:"4th of March"`},
		{"We left on March 4 and reached Yanji a week later.", `date:"March 4"`},
		{"Sept. 12 was the day my mother died.", `date:"Sept. 12"`},
		{"2015년 3월 4일 밤에 강을 건넜습니다.", `date:"2015년 3월 4일"`},
		{"3월 4일에 보위부에 잡혔어요.", `date:"3월 4일"`},
		{norm.NFD.String("2015년 3월 4일 밤"), `date:"` + norm.NFD.String("2015년 3월 4일") + `"`},
		{"２０１５年３月４日に", `date:"２０１５年３月４日"`},
		{"출소일은 2016. 5. 12.이었다.", `date:"2016. 5. 12."`},
		{"The document is dated 04.03.2015.", `date:"04.03.2015"`},
		{"The file number was 20150304.", `date:"20150304"`},
		// ID-like numbers
		{"Her registration number 850304-2123456 was on the paper.", `id-number:"850304-2123456"`},
		{"주민번호 8503042123456을 외우고 있었다.", `id-number:"8503042123456"`},
		{"My passport number was M12345678.", `id-number:"M12345678"`},
		// a short number after a label that names it a number
		{"She was prisoner No. 12345 in the camp.", `id-number:"12345"`},
		{"Her number: 4521.", `id-number:"4521"`},
		{"They called me prisoner 12-345 every day.", `id-number:"12-345"`},
		{"Inmate #4521 was my friend.", `id-number:"4521"`},
		{"ID: 0042 was written on the board.", `id-number:"0042"`},
		{"수감번호 1234를 불렀다.", `id-number:"1234"`},
		{"내 수번은 4521이었다.", `id-number:"4521"`},
		{"번호: 12-345", `id-number:"12-345"`},
		{"Camp No. 16 held women.", ""},
		{"There were no 2016 records.", ""},
		{"She was number 3 of 40.", ""},
		{"We walked 4521 steps.", ""},
		{"The new passport reads M123A4567.", `id-number:"M123A4567"`},
		{"The prisoner number was 4567123.", `id-number:"4567123"`},
		{"They wrote 123456 on my arm.", `id-number:"123456"`},
		// several in one sentence, in text order
		{"On 2015-03-04 she called 010-2345-6789 and gave her number 850304-2123456.",
			`date:"2015-03-04" phone:"010-2345-6789" id-number:"850304-2123456"`},

		// near misses: years, periods, counts, ages, money
		{"She left in 2015.", ""},
		{"Things were worse in the 1990s, during the famine.", ""},
		{"Between 2014 and 2016 the crackdown grew.", ""},
		{"Women who left 2014-2016 described the same.", ""},
		{"Those who left in 2011–2013 were fewer.", ""},
		{"12 of 40 women paid informal fees (30%).", ""},
		{"12/40 said the clinic had no medicine.", ""},
		{"3 out of 40 had been repatriated.", ""},
		{"Most were aged 30-39; some were 40 and over.", ""},
		{"We left in March 2015, before the rains.", ""},
		{"In May 2016 they closed the market.", ""},
		{"You may 2 times a year visit the prisoners.", ""},
		{"We had to march 10 kilometres every day.", ""},
		{"The broker took 1,500,000 won.", ""},
		{"The broker took 1500000 won.", ""},
		{"브로커 비용으로 15000000원을 냈다.", ""},
		{"It cost 15 000 000 won.", ""},
		{"We paid ¥20000 and then $3000 more.", ""},
		{"In 2015 120 women crossed at that point.", ""},
		{"Their ages were 25, 31, 40 and 28.", ""},
		// three groups or more of 2 to 4 digits read as one number: ages listed so are refused
		{"Their ages were 25 31 40 28.", `id-number:"25 31 40 28"`},
		{"2015년에 탈북했어요.", ""},
		{"2015년 3월에 잡혔다.", ""},
		{"40명 중 12명이 구금된 적이 있다.", ""},
		{"3개월 동안 노동단련대에 있었다.", ""},
		{"Camp No. 16 and page 23 of the 2014 report.", ""},
		{"CEDAW/C/PRK/2-4 was reviewed in 2017.", ""},
		{"A4 paper, 10:30 in the morning, room 1204.", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got := Scan(tt.text, nil)
		if s := hitList(got); s != tt.want {
			t.Errorf("Scan(%q):\n got %s\nwant %s", tt.text, s, tt.want)
		}
		checkHits(t, tt.text, got)
	}
}

// scanCase is a text and the hits Scan should find in it, as hitList writes them ("" for none).
type scanCase struct{ text, want string }

// checkScans scans each case's text with terms and checks its hits.
func checkScans(t *testing.T, terms []string, cases []scanCase) {
	t.Helper()
	for _, tt := range cases {
		got := Scan(tt.text, terms)
		if s := hitList(got); s != tt.want {
			t.Errorf("Scan(%q):\n got %s\nwant %s", tt.text, s, tt.want)
		}
		checkHits(t, tt.text, got)
	}
}

func TestScanNeverPublish(t *testing.T) {
	terms := []string{"Hoeryong", "Camp 16", "회령", "Jeongeori", "  ", "hoeryong", "Kim Young-hee"}
	nfd := norm.NFD.String("회령에서 왔어요.")
	tests := []scanCase{
		{"She was held near Hoeryong for a month.", `never_publish:"Hoeryong"`},
		{"HOERYONG's market was closed.", `never_publish:"HOERYONG"`},
		{"Everyone knew the Hoeryonger family.", ""}, // not at a word boundary
		{"They moved her to camp  16 in the winter.", `never_publish:"camp  16"`},
		{"Camp 160 is another place.", ""},
		{"회령에서 왔어요.", `never_publish:"회령"`},
		{"북회령역 근처", `never_publish:"회령"`},                      // Hangul terms match anywhere
		{nfd, `never_publish:"` + norm.NFD.String("회령") + `"`}, // decomposed Hangul, as macOS writes it
		{"Hoeryong에서 살았다.", `never_publish:"Hoeryong"`},
		{"She came from Ｈｏｅｒｙｏｎｇ.", `never_publish:"Ｈｏｅｒｙｏｎｇ"`}, // fullwidth, as a Korean keyboard may type it
		{"We worked at Jeongeori, then at Hoeryong.", `never_publish:"Jeongeori" never_publish:"Hoeryong"`},
		{"We worked at Jeongeori\u200b.", `never_publish:"Jeongeori"`},
		{"Ask KIM, Young-hee about it.", `never_publish:"KIM, Young-hee"`}, // surname, given name
		{"Ask Kim,Younghee about it.", `never_publish:"Kim,Younghee"`},
		{"In camp, 16 women were held.", ""},                             // a comma before a number stays
		{"Ask Young-hee Kim about it.", `never_publish:"Young-hee Kim"`}, // a name in the other order
		{"Ask Younghee KIM about it.", `never_publish:"Younghee KIM"`},
		{"16 camp", ""}, // a term with a number is not turned round
	}
	checkScans(t, terms, tests)
	// a term overlapping a pattern is reported as well
	got := Scan("Call Hoeryong 010-2345-6789", []string{"hoeryong 010"})
	if s := hitList(got); s != `never_publish:"Hoeryong 010" phone:"010-2345-6789"` {
		t.Errorf("overlap: got %s", s)
	}
	// terms are keys: dashes and spaces are unified on both sides
	got = Scan("Kim Chaek – the steel works", []string{"kim chaek - the steel works"})
	if s := hitList(got); s != `never_publish:"Kim Chaek – the steel works"` {
		t.Errorf("dashes: got %s", s)
	}
}

// Terms match ignoring case, accents, spaces, hyphens, underscores, middle dots and apostrophes,
// at word boundaries for alphabetic scripts; Hit.Term names the term found.
func TestScanTerms(t *testing.T) {
	terms := []string{"Chongori", "Jongori", "Hoeryŏng", "회령", "Onsong", "Camp 16", "chongori"}
	tests := []struct {
		text string
		want string // hits as kind:"match"#term
	}{
		{"held at Chŏngŏri camp", `never_publish:"Chŏngŏri"#0`},
		{"held at Ch'ong-ori camp", `never_publish:"Ch'ong-ori"#0`},
		{"held at CH’ONG ORI camp", `never_publish:"CH’ONG ORI"#0`},
		{"held at Jongori camp", `never_publish:"Jongori"#1`},
		{"held at Chongorian camp", ""},                           // inside a longer word
		{"held at Chongori's camp", `never_publish:"Chongori"#0`}, // the apostrophe is left out, "s" makes no longer word
		{"from Hoeryong and Hoe-ryong", `never_publish:"Hoeryong"#2 never_publish:"Hoe-ryong"#2`},
		{"from shoe ryong", ""}, // "hoeryong" inside "shoeryong"
		{"from Onsongs", ""},
		{"from Onsong-ni", `never_publish:"Onsong"#4`},
		{"from on song", `never_publish:"on song"#4`}, // spaces are ignored: a false alarm a reviewer clears
		{"회 령에서", `never_publish:"회 령"#3`},
		{"북회령역", `never_publish:"회령"#3`},
		{"camp ١٦ and Camp 160", `never_publish:"camp ١٦"#5`},
		{"Chong\u0301ori", "never_publish:\"Chong\u0301ori\"#0"},
		{"Chongori\u0301 camp", "never_publish:\"Chongori\u0301\"#0"}, // the accent belongs to the last letter
	}
	for _, tt := range tests {
		var parts []string
		got := Scan(tt.text, terms)
		for _, h := range got {
			parts = append(parts, fmt.Sprintf("%s:%q#%d", h.Kind, h.Match, h.Term))
		}
		if s := strings.Join(parts, " "); s != tt.want {
			t.Errorf("Scan(%q):\n got %s\nwant %s", tt.text, s, tt.want)
		}
		checkHits(t, tt.text, got)
	}
	for _, h := range Scan("010-2345-6789 on 4 March 2016", terms) {
		if h.Term != -1 {
			t.Errorf("%s hit has Term %d, want -1", h.Kind, h.Term)
		}
	}
}

func TestHitDescribe(t *testing.T) {
	for kind, want := range map[string]string{KindPhone: "a phone number", KindEmail: "an e-mail address", KindDate: "an exact date",
		KindAge: "an exact age", KindIDNumber: "an ID-like number", KindPath: "a file path or user name", KindNeverPublish: "a never_publish term"} {
		if got := (Hit{Kind: kind}).Describe(); got != want {
			t.Errorf("%s: got %q", kind, got)
		}
	}
}

// checkHits checks the invariants of Scan's result.
func checkHits(t *testing.T, text string, hits []Hit) {
	t.Helper()
	for i, h := range hits {
		if h.Start < 0 || h.End > len(text) || h.Start >= h.End {
			t.Fatalf("Scan(%q): hit %d has bad span %d:%d", text, i, h.Start, h.End)
		}
		if h.Match != text[h.Start:h.End] {
			t.Errorf("Scan(%q): hit %d match %q is not text[%d:%d] = %q", text, i, h.Match, h.Start, h.End, text[h.Start:h.End])
		}
		if utf8.ValidString(text) && !utf8.ValidString(h.Match) {
			t.Errorf("Scan(%q): hit %d splits a character: %q", text, i, h.Match)
		}
		if i > 0 {
			p := hits[i-1]
			if p.Start > h.Start || (p.Start == h.Start && p.End > h.End) {
				t.Errorf("Scan(%q): hits out of order: %v then %v", text, p, h)
			}
			if h.Kind != KindNeverPublish && p.Kind != KindNeverPublish && h.Start < p.End {
				t.Errorf("Scan(%q): pattern hits overlap: %v and %v", text, p, h)
			}
		}
	}
}

func FuzzScan(f *testing.F) {
	f.Add("On 2015-03-04 she called 010-2345-6789 and gave her number 850304-2123456.", "Hoeryong")
	f.Add("2015년 3월 4일 회령에서 +86 138 1234 5678로 연락했다.", "회령")
	f.Add("12 of 40 women left 2014-2016, March 2015, 1 500 000 won.", "camp - 16")
	f.Add("Chong\u00adori, 010\u200b2345\u200b6789, 4\u00a0March 2016, aged 34, C:\\Users\\kim", "Chŏngŏri")
	f.Add("2015-03-04\U0001D7D3 010-2345-678\U0001F600 9", "Ch'ong-ori")
	f.Add("born 82.03.04, 2016。03。04, March 2016, on the 4th; 3월, 4일", "Ryanggang")
	f.Add("123 456 789, 12 34 56, 12.34.56, 0l0-2345-6789, O1O 2345 6789, ~kimmj", "kimmj")
	f.Add("W17-0О6 said 0ο0-2345-6789 on the twenty-first, in March", "W17-006")
	f.Fuzz(func(t *testing.T, text, term string) {
		terms := []string{term, "Hoeryong", "회령"}
		hits := Scan(text, terms)
		checkHits(t, text, hits)
		printedRefused(t, text, terms)
		// a plain word set in spaces is always found, whatever surrounds it
		word := strings.Trim(term, " ")
		if word == "" || strings.ContainsFunc(word, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') }) {
			return
		}
		text = text + " " + word + " " + text
		start := strings.LastIndex(text, " "+word+" ") + 1
		found := false
		for _, h := range Scan(text, []string{word}) {
			if h.Kind == KindNeverPublish && h.Start == start && h.Match == word && h.Term == 0 {
				found = true
			}
		}
		if !found {
			t.Errorf("%q not found in %q", word, text)
		}
	})
}

// A term matches a word in any case: every character of a letter's unicode.SimpleFold orbit
// (both cases, the Kelvin sign, the long s, both cases of a Cherokee letter) loosens to the same
// text, checked over every code point.
func TestLoosenEveryCase(t *testing.T) {
	if testing.Short() {
		t.Skip("every code point")
	}
	lf := newLoosener()
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if r >= 0xD800 && r <= 0xDFFF {
			continue
		}
		want := lf.rune(r)
		for c := unicode.SimpleFold(r); c != r; c = unicode.SimpleFold(c) {
			if got := lf.rune(c); got != want {
				t.Errorf("U+%04X loosens to %q, U+%04X to %q: one letter in two cases", r, want, c, got)
			}
		}
	}
	if got := hitList(Scan("ᏣᎳᎩ ꮳꮃꭹ", []string{"ᏣᎳᎩ"})); got != `never_publish:"ᏣᎳᎩ" never_publish:"ꮳꮃꭹ"` {
		t.Errorf("a Cherokee term in both cases: got %s", got)
	}
}

// A never_publish term in Hangul matches the other Korea's spelling of a word's first syllable
// (the initial-sound rule): "녕변" and "영변", "라선" and "나선", "이원" and "리원", "로동" and
// "노동"; a syllable inside a word keeps its spelling.
func TestScanNeverPublishInitialSound(t *testing.T) {
	terms := []string{"녕변", "나선", "이원", "로동단련대", "회령", "양강도 혜산"}
	tests := []scanCase{
		{"영변에서 왔어요.", `never_publish:"영변"`},
		{"녕변에서 왔어요.", `never_publish:"녕변"`},
		{"라선으로 갔다.", `never_publish:"라선"`},
		{"리원 사람이다.", `never_publish:"리원"`},
		{"노동단련대에 보내졌다.", `never_publish:"노동단련대"`},
		{"량강도 혜산에서", `never_publish:"량강도 혜산"`},
		{"회영에 갔다.", ""}, // 령 is not at the start of a word
		{"영변", `never_publish:"영변"`},
		{"평변에서", ""},
	}
	checkScans(t, terms, tests)
	forms := map[string][]string{
		"녕변":     {"령변", "영변"},
		"라선":     {"나선"},
		"회령":     nil,
		"아리랑":    nil,
		"여성 로동자": {"려성 로동자", "려성 노동자", "녀성 로동자", "녀성 노동자", "여성 노동자"},
	}
	for term, want := range forms {
		if got := initialForms(term); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("initialForms(%q) = %q, want %q", term, got, want)
		}
	}
	if got := initialForms("리 리 리 리 리"); len(got) > maxInitialForms {
		t.Errorf("initialForms of five words: %d forms, want at most %d", len(got), maxInitialForms)
	}
}

// A term matches the other romanisation's vowels: "eo" and "eu" of the Revised Romanization are
// "ŏ" and "ŭ" of McCune-Reischauer, which lose their accents.
func TestScanNeverPublishRomanisations(t *testing.T) {
	terms := []string{"Hoeryong", "Ch'ŏngjin", "Eundeok", "Pak Yeong-suk"}
	tests := []scanCase{
		{"She was held near Hoeryeong.", `never_publish:"Hoeryeong"`},
		{"She was held near HOERYEONG.", `never_publish:"HOERYEONG"`},
		{"She was held near Hoeryŏng.", `never_publish:"Hoeryŏng"`},
		{"We reached Cheongjin by train.", `never_publish:"Cheongjin"`},
		{"We reached Chongjin by train.", `never_publish:"Chongjin"`},
		{"Ŭndŏk was where they sent us.", `never_publish:"Ŭndŏk"`},
		{"Undok was where they sent us.", `never_publish:"Undok"`},
		{"Pak Yŏng-suk told me.", `never_publish:"Pak Yŏng-suk"`},
		{"Yong-suk Pak told me.", `never_publish:"Yong-suk Pak"`},
		{"People in Europe were told about Seoul.", ""},
		{"She was held near Hoeryeonger.", ""}, // not at a word boundary
	}
	checkScans(t, terms, tests)
}
