package dataset

import "testing"

// The identifier-looking headers, across languages and compound forms, and near misses that
// must stay ordinary columns. Grow the table with every header found in a real workbook.
func TestIdentifierColumns(t *testing.T) {
	for _, tt := range []struct {
		header string
		want   bool
	}{
		// English, plain and compound
		{"name", true}, {"Full Name", true}, {"first_name", true}, {"LastName", true}, {"surname", true},
		{"Nickname", true}, {"username", true}, {"phone", true}, {"PhoneNumber", true}, {"phonenumber", true},
		{"Mobile number", true}, {"mobileNo", true}, {"Tel.", true}, {"Tel no", true}, {"cellphone", true},
		{"Cell phone", true}, {"address", true}, {"Home address", true}, {"EmailAddress", true},
		{"e-mail", true}, {"E_Mail", true}, {"email", true}, {"birth_date", true}, {"DateOfBirth", true},
		{"date of birth", true}, {"dateofbirth", true}, {"DOB", true}, {"place of birth", true},
		{"passport", true}, {"PassportNumber", true}, {"passport_no", true}, {"passportno", true},
		{"ID number", true}, {"IDNumber", true}, {"id_no", true}, {"NationalID", true}, {"contact", true},
		{"kakao id", true}, {"WeChat", true}, {"WhatsApp number", true}, {"registration", true},
		// a place's or a file's name: "name" matches in any compound (documented)
		{"province_name", true}, {"file name", true},
		// French, Spanish, Portuguese, Italian, German
		{"Nom", true}, {"Prénom", true}, {"PRENOM", true}, {"Nom de famille", true}, {"Téléphone", true},
		{"N° de téléphone", true}, {"Adresse", true}, {"Courriel", true}, {"Date de naissance", true},
		{"Nombre", true}, {"Apellido", true}, {"Apellidos", true}, {"Teléfono", true}, {"Dirección", true},
		{"Correo electrónico", true}, {"Fecha de nacimiento", true}, {"DNI", true},
		{"Nome", true}, {"Sobrenome", true}, {"Endereço", true}, {"Data de nascimento", true},
		{"Cognome", true}, {"Indirizzo", true},
		{"Vorname", true}, {"Nachname", true}, {"Telefonnummer", true}, {"Geburtsdatum", true}, {"Anschrift", true},
		// Russian, inflected too
		{"Имя", true}, {"Фамилия", true}, {"ФИО", true}, {"Телефон", true}, {"Номер телефона", true},
		{"Адрес", true}, {"Дата рождения", true}, {"Паспортные данные", true}, {"Отчество", true},
		// Arabic, with and without the article
		{"الاسم", true}, {"اسم", true}, {"رقم الهاتف", true}, {"العنوان", true}, {"تاريخ الميلاد", true},
		// Korean, Chinese, Japanese
		{"이름", true}, {"성명", true}, {"전화번호", true}, {"전화 번호", true}, {"휴대폰", true}, {"연락처", true},
		{"주소", true}, {"생년월일", true}, {"여권번호", true}, {"이메일", true},
		{"姓名", true}, {"电话", true}, {"手机", true}, {"手機號碼", true}, {"地址", true}, {"身份证号", true},
		{"护照", true}, {"出生日期", true}, {"微信", true}, {"氏名", true}, {"住所", true},
		// fullwidth forms, invisible characters inside
		{"ＰｈｏｎｅＮｕｍｂｅｒ", true}, {"na\u200bme", true}, {"phone\u00adnumber", true},
		{"e\u2060mail", true}, {"이\u200d름", true}, {"pass\ufeffport", true},

		// near misses: ordinary columns
		{"id", false}, {"consent", false}, {"edu_fees_paid", false}, {"province_group", false},
		{"age_band", false}, {"named_places", false}, {"renamed", false}, {"nominal", false},
		{"telomere", false}, {"telework", false}, {"addressed", false}, {"filename", false},
		{"number_of_children", false}, {"birth_order", false}, {"date_left", false}, {"phonetic", false},
		{"nametag", false}, {"denomination", false}, {"mobility", false}, {"telecom", false},
		{"interviewer", false}, {"notes", false}, {"location", false}, {"left_period", false},
		{"detention_cell", false}, {"mail_received", false}, {"nomadic", false}, {"emailed", false},
		{"학교", false}, {"교육비", false}, {"名称", false}, {"Возраст", false}, {"Provincia", false},
	} {
		if got := LooksLikeIdentifier(tt.header); got != tt.want {
			w, _ := IdentifierWord(tt.header)
			t.Errorf("LooksLikeIdentifier(%q) = %v (%q), want %v", tt.header, got, w, tt.want)
		}
	}
}

func TestHeaderWords(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want string
	}{
		{"PhoneNumber", "phone|number"},
		{"IDNumber", "id|number"},
		{"passport_no", "passport|no"},
		{"mobileNo2", "mobile|no|2"},
		{"Prénom", "prenom"},
		{"N° de téléphone", "n|de|telephone"},
		{"Tel전화", "tel|전화"},
		{"الهاتف", "هاتف"},
	} {
		got := ""
		for i, w := range headerWords(tt.in) {
			if i > 0 {
				got += "|"
			}
			got += w
		}
		if got != tt.want {
			t.Errorf("headerWords(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}
