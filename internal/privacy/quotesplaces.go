package privacy

import "sync"

// The provinces of the country the interviewees left, under the names a quote may give them:
// romanisations (McCune-Reischauer and Revised, with or without the province suffix; accents,
// spaces, hyphens and case are ignored when matching), Hangul and Hanja, and the main cities and
// counties of each. A codebook value that names a province (or a group of them: "North Hamgyong
// or Ryanggang") stands for every name of it, and a value "other provinces" for every province
// the other values leave out. Hangul words that are also ordinary words (개성 personality, 안주
// snacks, 위원 a committee member, 선봉 a vanguard) are left out in Hangul.

// province is a bit of a set of provinces.
const (
	northHamgyong uint32 = 1 << iota
	southHamgyong
	ryanggang
	chagang
	northPyongan
	southPyongan
	northHwanghae
	southHwanghae
	kangwon
	pyongyang
	rason
	nampo
	allProvinces = 1<<iota - 1
)

// place is a name and the provinces it names.
type place struct {
	set   uint32
	names []string
}

var places = []place{
	{northHamgyong, []string{"North Hamgyong", "Hamgyong North", "North Hamgyeong", "Hamgyongbukto", "Hamgyong-pukto", "Hamgyongbuk-do", "Hamgyeongbuk-do", "North Hamkyong", "North Hamkyung", "Hamkyungbukdo", "Hambuk", "함경북도", "함북", "咸鏡北道"}},
	{northHamgyong, []string{"Chongjin", "Cheongjin", "청진", "Hoeryong", "Hoeryeong", "회령", "Musan", "무산", "Onsong", "Onseong", "온성", "Kimchaek", "Gimchaek", "김책", "Kyongsong", "Kyonghung", "Saeppyol", "Kyongwon", "Puryong", "Myongchon", "Hwasong", "Orang", "Yonsa"}},
	{southHamgyong, []string{"South Hamgyong", "Hamgyong South", "South Hamgyeong", "Hamgyongnamdo", "Hamgyong-namdo", "Hamgyeongnam-do", "South Hamkyong", "South Hamkyung", "Hamkyungnamdo", "Hamnam", "함경남도", "함남", "咸鏡南道"}},
	{southHamgyong, []string{"Hamhung", "Hamheung", "함흥", "Tanchon", "Dancheon", "단천", "Sinpo", "신포", "Hongwon", "홍원", "Pukchong", "북청", "Kowon"}},
	{ryanggang, []string{"Ryanggang", "Yanggang", "Ryangkang", "Yangkang", "Ryanggang-do", "Yanggang-do", "량강도", "양강도", "량강", "兩江道", "兩江"}},
	{ryanggang, []string{"Hyesan", "혜산", "Samjiyon", "Samjiyeon", "삼지연", "Kapsan", "Gapsan", "갑산", "Pochon", "Bocheon", "보천", "Paegam", "Baegam", "백암", "Taehongdan", "Daehongdan", "대홍단", "Samsu", "Unhung", "Unheung", "운흥", "Kimjongsuk", "Kimhyongjik", "Kimhyonggwon", "Phungso", "Pungseo", "풍서"}},
	{chagang, []string{"Chagang", "Jagang", "Chagang-do", "자강도", "慈江道", "Kanggye", "Ganggye", "강계", "Manpo", "만포", "Huichon", "Huicheon", "희천", "Chasong", "Jaseong", "Wiwon", "Chosan"}},
	{northPyongan, []string{"North Pyongan", "Pyongan North", "North Pyeongan", "Pyonganbukto", "Pyongan-pukto", "Pyeonganbuk-do", "Pyongbuk", "평안북도", "평북", "平安北道", "Sinuiju", "신의주", "Kusong", "Chongju", "Sakju", "삭주", "Uiju", "의주", "Yongchon", "Nyongbyon", "영변"}},
	{southPyongan, []string{"South Pyongan", "Pyongan South", "South Pyeongan", "Pyongannamdo", "Pyongan-namdo", "Pyeongannam-do", "Pyongnam", "평안남도", "평남", "平安南道", "Pyongsong", "Pyeongseong", "평성", "Anju", "Kaechon", "Tokchon", "Deokcheon", "덕천", "Sunchon", "Suncheon"}},
	{northHwanghae, []string{"North Hwanghae", "Hwanghae North", "Hwanghaebukto", "Hwanghae-pukto", "Hwanghaebuk-do", "Hwangbuk", "황해북도", "황북", "黃海北道", "Sariwon", "사리원", "Songnim", "Kaesong", "Gaeseong", "개성시"}},
	{southHwanghae, []string{"South Hwanghae", "Hwanghae South", "Hwanghaenamdo", "Hwanghae-namdo", "Hwanghaenam-do", "Hwangnam", "황해남도", "黃海南道", "Haeju", "해주", "Ongjin", "옹진"}},
	{kangwon, []string{"Kangwon", "Gangwon", "Kangwon-do", "강원도", "江原道", "Wonsan", "원산", "Munchon", "문천"}},
	{pyongyang, []string{"Pyongyang", "Pyeongyang", "P'yongyang", "평양", "平壤"}},
	{rason, []string{"Rason", "Rajin", "Sonbong", "Rajin-Sonbong", "라선", "나선시", "라진"}},
	{nampo, []string{"Nampo", "Namp'o", "남포시", "南浦"}},
	// names of two provinces at once
	{northHamgyong | southHamgyong, []string{"Hamgyong", "Hamgyeong", "Hamkyong", "Hamkyung", "함경도", "함경"}},
	{northPyongan | southPyongan, []string{"Pyongan", "Pyeongan", "평안도"}},
	{northHwanghae | southHwanghae, []string{"Hwanghae", "황해도"}},
}

// placeSet is the set of provinces a text names when it is, as a whole, one of the names above
// (compared as never_publish terms are), or 0.
func placeSet(lf *loosener, s string) uint32 {
	return placeIndex()[looseKey(lf, s)]
}

// placeIndex maps the loose form of each name of places to the provinces it names.
var placeIndex = sync.OnceValue(func() map[string]uint32 {
	lf := newLoosener()
	out := map[string]uint32{}
	for _, p := range places {
		for _, n := range p.names {
			if k := looseKey(lf, n); out[k] == 0 {
				out[k] = p.set
			}
		}
	}
	return out
})
