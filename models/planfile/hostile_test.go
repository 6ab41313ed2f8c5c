package planfile_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// rawBook writes a workbook part by part, as a hostile sender would, without
// excelize smoothing anything: one sheet "Plan", its rows and merged ranges
// as given, and a shared-strings part when shared is not empty.
type rawBook struct {
	rows   []string // <row> elements
	rowsFn func(w *bytes.Buffer)
	merges []string // refs such as "A1:B2"
	shared []string // raw <si> contents; nil for none
	// sharedFn writes the shared strings' items itself, for very many.
	sharedFn func(w *bytes.Buffer)
}

const mainNS = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`

func (b rawBook) bytes(t testing.TB) []byte {
	t.Helper()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	put := func(name, body string) {
		w, err := z.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	put("[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`+
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>`+
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>`+
		`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`+
		`<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`)
	put("_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)
	put("xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook `+mainNS+` xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`+
		`<sheets><sheet name="Plan" sheetId="1" r:id="rId1"/></sheets></workbook>`)
	put("xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>`+
		`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`)
	var sheet bytes.Buffer
	sheet.WriteString(`<?xml version="1.0" encoding="UTF-8"?><worksheet ` + mainNS + `><sheetData>`)
	for _, r := range b.rows {
		sheet.WriteString(r)
	}
	if b.rowsFn != nil {
		b.rowsFn(&sheet)
	}
	sheet.WriteString(`</sheetData>`)
	if len(b.merges) > 0 {
		fmt.Fprintf(&sheet, `<mergeCells count="%d">`, len(b.merges))
		for _, m := range b.merges {
			fmt.Fprintf(&sheet, `<mergeCell ref="%s"/>`, m)
		}
		sheet.WriteString(`</mergeCells>`)
	}
	sheet.WriteString(`</worksheet>`)
	put("xl/worksheets/sheet1.xml", sheet.String())
	var sst bytes.Buffer
	sst.WriteString(`<?xml version="1.0" encoding="UTF-8"?><sst ` + mainNS + `>`)
	for _, s := range b.shared {
		sst.WriteString("<si>" + s + "</si>")
	}
	if b.sharedFn != nil {
		b.sharedFn(&sst)
	}
	sst.WriteString(`</sst>`)
	put("xl/sharedStrings.xml", sst.String())
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// inline is a cell holding text s as written (s is XML).
func inline(ref, s string) string {
	return `<c r="` + ref + `" t="inlineStr"><is><t>` + s + `</t></is></c>`
}

// shared is a cell showing shared string i.
func shared(ref string, i int) string {
	return fmt.Sprintf(`<c r="%s" t="s"><v>%d</v></c>`, ref, i)
}

// planRows is a header row and n action rows, in inline strings.
func planRows(n int) []string {
	rows := []string{`<row r="1">` + inline("A1", "Ref") + inline("B1", "Action") + inline("C1", "Lead") + `</row>`}
	for i := 2; i <= n+1; i++ {
		rows = append(rows, fmt.Sprintf(`<row r="%d">%s%s%s</row>`, i,
			inline(fmt.Sprintf("A%d", i), fmt.Sprintf("1.%d", i-1)), inline(fmt.Sprintf("B%d", i), "Train SENCOs"),
			inline(fmt.Sprintf("C%d", i), "DCO")))
	}
	return rows
}

func repeat(s string, n int) string { return strings.Repeat(s, n) }
