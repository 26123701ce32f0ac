package textnorm_test

import (
	"fmt"

	"github.com/shadowreport/shadowreport/internal/textnorm"
)

func ExampleFold() {
	// a soft hyphen, no-break spaces, en dashes and Arabic-Indic digits
	s := "Chong\u00adori, 4\u00a0March, ٠١٠–٢٣٤٥–٦٧٨٩"
	f := textnorm.Fold(s)
	fmt.Println(f.String())
	// Output: Chongori, 4 March, 010-2345-6789
}

func ExampleText_Span() {
	s := "call ٠١٠–٢٣٤٥ now"
	f := textnorm.Fold(s) // "call 010-2345 now"
	start, end := f.Span(5, 13)
	fmt.Printf("%q\n", s[start:end])
	// Output: "٠١٠–٢٣٤٥"
}

func ExampleID() {
	for _, id := range []string{"W17-003", " w17‐003", "W17-\u2060003", "Ｗ１７－００３", "W17 003"} {
		fmt.Printf("%q\n", textnorm.ID(id))
	}
	// Output:
	// "w17-003"
	// "w17-003"
	// "w17-003"
	// "w17-003"
	// "w17 003"
}
