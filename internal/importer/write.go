package importer

import (
	"fmt"
	"io"
	"time"

	"github.com/shadowreport/shadowreport/internal/sheet"
)

// Provenance is what the provenance sheet records beside the Result.
type Provenance struct {
	Wave       string
	Date       time.Time
	DateSource string // where Date came from: "SOURCE_DATE_EPOCH", "the newest input file"
	Version    string // of shadowreport
}

// Write writes the wave workbook: the sheet interviews (id, consent — aggregate for everyone —
// and one column per code), quotes when text was imported (never reviewed), and provenance.
// The bytes depend on the result and the provenance alone.
func Write(w io.Writer, res *Result, p Provenance) error {
	b := sheet.New()
	defer b.Close()
	wv := res.Wave
	s := b.Add("interviews")
	header := []string{"id", "consent"}
	for _, c := range wv.Codes {
		header = append(header, c.Name)
	}
	s.Header(sheet.Bold, header...)
	for i, id := range wv.IDs {
		row := []sheet.Cell{sheet.Text(id), sheet.Text("aggregate")}
		for j := range wv.Codes {
			v := wv.Cells[j][i]
			if v.IsNum {
				row = append(row, sheet.Num(v.Num))
			} else {
				row = append(row, sheet.Text(v.Text))
			}
		}
		s.Row(row...)
	}
	if res.Text {
		s := b.Add("quotes")
		s.Columns(sheet.Column{}, sheet.Column{}, sheet.Column{Width: 80})
		s.Header(sheet.Bold, "id", "code", "text", "reviewed")
		for _, q := range wv.Quotes {
			s.Row(sheet.Texts(q.ID, q.Code, q.Text, "no")...)
		}
	}
	writeProvenance(b.Add("provenance"), res, p)
	b.Props(sheet.Props{
		Title:    "Wave " + p.Wave + ", imported",
		Subject:  "shadowreport import",
		Creator:  "shadowreport import",
		Language: "en",
		Created:  p.Date,
	})
	return b.Write(w)
}

// writeProvenance writes three tables, each under a bold header: what the import did, the
// files it read, and how each name of the export was matched.
func writeProvenance(s *sheet.Sheet, res *Result, p Provenance) {
	s.Columns(sheet.Column{Width: 40}, sheet.Column{Width: 60}, sheet.Column{Width: 22}, sheet.Column{Width: 20}, sheet.Column{Width: 40})
	head := func(names ...string) {
		cells := sheet.Texts(names...)
		for i := range cells {
			cells[i] = cells[i].In(sheet.Bold)
		}
		s.Row(cells...)
	}
	format := res.Format
	if res.Detected != "" {
		format += " (detected: " + res.Detected + ")"
	}
	text := "not imported (no --include-text)"
	if res.Text {
		text = fmt.Sprintf("%d passages imported into the quotes sheet, all with reviewed: no", len(res.Wave.Quotes))
	}
	version := p.Version
	if version == "" {
		version = "dev"
	}
	items := [][2]string{
		{"wave", p.Wave},
		{"imported by", "shadowreport import " + version},
		{"date", p.Date.UTC().Format("2006-01-02") + " (" + p.DateSource + ")"},
		{"format", format},
		{"interviewees", fmt.Sprint(len(res.Wave.IDs))},
		{"codes", fmt.Sprint(len(res.Wave.Codes))},
		{"consent", "set to aggregate for everyone by the import: set quote or withdrawn for each interviewee from the consent records"},
		{"presence rule", res.Rule},
		{"free text", text},
	}
	for _, o := range res.Orient {
		items = append(items, [2]string{"orientation", o})
	}
	for _, n := range res.Notes {
		items = append(items, [2]string{"note", n})
	}
	for _, u := range res.Unused {
		items = append(items, [2]string{"unused map row", u})
	}
	head("item", "value")
	for _, it := range items {
		s.Row(sheet.Texts(it[0], it[1])...)
	}
	s.Skip(1)
	head("source file", "role", "sheet", "sha256")
	for _, src := range res.Sources {
		s.Row(sheet.Texts(src.Name, src.Role, src.Sheet, src.SHA256)...)
	}
	s.Skip(1)
	head("name in the export", "where", "code", "value", "matched by")
	for _, m := range res.Mapping {
		s.Row(sheet.Texts(m.Source, m.Where, m.Code, m.Value, m.How)...)
	}
}
