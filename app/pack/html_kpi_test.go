package pack

import (
	"regexp"
	"strings"
	"testing"

	"sendboard/models"
	packs "sendboard/models/pack"
)

// TestHTMLChartsOnlyWhatCanBeDrawn: a KPI with one figure in its eight
// quarters gets its table and a sentence, not a chart of a single point; one
// with two figures or more gets its chart over all eight quarters.
func TestHTMLChartsOnlyWhatCanBeDrawn(t *testing.T) {
	t.Parallel()
	v := func(x float64) *float64 { return &x }
	periods := []string{"2023-24 Q1", "2023-24 Q2", "2023-24 Q3", "2023-24 Q4", "2024-25 Q1", "2024-25 Q2", "2024-25 Q3", "2024-25 Q4"}
	p := &packs.Pack{Quarter: models.Period{StartYear: 2024, Quarter: 4}, BoardName: "Test", KPIs: []packs.KPI{
		{Code: "one", Name: "Reported once", Periods: periods, Values: []*float64{nil, nil, nil, nil, nil, nil, nil, v(7)}},
		{Code: "two", Name: "Reported twice", Periods: periods, Values: []*float64{v(3), nil, nil, nil, nil, nil, v(5), nil}},
	}}
	b, err := HTML(p)
	if err != nil {
		t.Fatal(err)
	}
	h := string(b)
	once := h[strings.Index(h, "<h3>Reported once</h3>"):strings.Index(h, "<h3>Reported twice</h3>")]
	twice := h[strings.Index(h, "<h3>Reported twice</h3>"):]
	if strings.Contains(once, "<img") || !strings.Contains(once, "too few to draw a line") || !strings.Contains(once, `<td class="pk-num">7</td>`) {
		t.Errorf("a KPI with one figure: want its table and no chart, got %s", once)
	}
	if !strings.Contains(twice, `<img src="data:image/svg`) || strings.Contains(twice, "too few") {
		t.Errorf("a KPI with two figures has no chart")
	}
	svg := string(kpiSVG(p.KPIs[1], 480, 220, 12))
	for _, q := range []string{">23-24 Q1<", ">Q2<", ">Q3<", ">Q4<", ">24-25 Q1<"} {
		if !strings.Contains(svg, q) {
			t.Errorf("the chart's axis lacks %s: it must span the eight quarters", q)
		}
	}
	// Plain table markup: ARIA table roles on rows and cells are invalid HTML
	// (the Nu HTML Checker) and add nothing.
	if m := regexp.MustCompile(`role="(table|rowgroup|row|columnheader|rowheader|cell)"`).FindString(h); m != "" {
		t.Errorf("the pack's tables carry %s", m)
	}
}
