package pack

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"

	"sendboard/models"
	packs "sendboard/models/pack"
)

// TestXLSXChartDrawsTheTarget checks a native chart's series: the figures in
// GOV.UK blue over the KPI's eight rows, the target as a dashed red line over
// its column, both named by their column headers (Excel reads a series name
// as a reference), and blanks left as gaps.
func TestXLSXChartDrawsTheTarget(t *testing.T) {
	t.Parallel()
	v := func(x float64) *float64 { return &x }
	q := models.Period{StartYear: 2024, Quarter: 4}
	p := &packs.Pack{Quarter: q, BoardName: "Test", KPIs: []packs.KPI{
		{Code: "none", Name: "Never reported", Periods: make([]string, 8), Values: make([]*float64, 8)},
		{Code: "t", Name: "Tribunals", TargetMax: v(30), Periods: []string{"a", "b", "c", "d", "e", "f", "g", "h"},
			Values: []*float64{v(10), nil, v(12), v(40), v(20), v(22), nil, v(25)}},
	}}
	b, err := XLSX(p)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var charts []string
	for _, f := range zr.File {
		if strings.HasPrefix(f.Name, "xl/charts/chart") {
			r, _ := f.Open()
			x, _ := io.ReadAll(r)
			charts = append(charts, string(x))
		}
	}
	if len(charts) != 1 {
		t.Fatalf("%d charts, want one (the KPI without figures has none)", len(charts))
	}
	c := charts[0]
	for _, want := range []string{
		`<f>&#39;KPI charts&#39;!$C$1</f>`, `<f>&#39;KPI charts&#39;!$C$10:$C$17</f>`, `<f>&#39;KPI charts&#39;!$B$10:$B$17</f>`,
		`<f>&#39;KPI charts&#39;!$E$1</f>`, `<f>&#39;KPI charts&#39;!$E$10:$E$17</f>`,
		`<a:srgbClr val="1D70B8">`, `<a:srgbClr val="D4351C">`, `<a:prstDash val="dash">`, `<dispBlanksAs val="gap">`, `<a:t>Tribunals</a:t>`,
	} {
		if !strings.Contains(c, want) {
			t.Errorf("chart lacks %s", want)
		}
	}
}
