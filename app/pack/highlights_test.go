package pack_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"sendboard/app/pack"
	"sendboard/models/highlight"
	"sendboard/models/highlight/highlighttest"
	"sendboard/models/modeltest"
	packs "sendboard/models/pack"
)

// The pack of a plan for a quarter carries each area's highlight report as
// the report page computes it, in the HTML and in the workbook's Highlights
// and Slippage sheets; the seeded plan beside it, with the same action
// numbers, stays out.
func TestPackHighlights(t *testing.T) {
	t.Parallel()
	modeltest.Each(t, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		w := highlighttest.Load(t, d.DB, "łódź", "Łódź → plan")
		highlighttest.Load(t, d.DB, "dŵr", "Dŵr ≥ plan")
		q, _ := packs.ParseQuarter(highlighttest.Quarter)
		p, err := packs.Build(ctx, d.DB, packs.Request{Board: "all", Plan: "łódź", Quarter: q}, highlighttest.Now)
		if err != nil {
			t.Fatal(err)
		}
		rows := p.HighlightRows()
		if len(rows) != 2 || rows[0].Report.Area.ID != w.Area.ID {
			t.Fatalf("highlight rows %+v", rows)
		}
		page, err := highlight.Build(ctx, d.DB, &w.Plan, &w.Area, q)
		if err != nil {
			t.Fatal(err)
		}
		if r := rows[0].Report; r.Counts != page.Counts || len(r.Slippage) != len(page.Slippage) || r.RAG != page.RAG {
			t.Errorf("the pack's report %+v differs from the page's %+v", r.Counts, page.Counts)
		}
		html, err := pack.HTML(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"5. Highlight reports by area", "Area 1. Łączność → early help ≥ 95%", "Milestone missed: Summer milestones → Awst",
			"Action 1.3: due date revised", "Therapy waits → ≥ 20 weeks", "Fund the early help pilot ≥ £40k?", "Wait in weeks → ŵ: 8 in 2025-26 Q2, from 10 in 2025-26 Q1: better"} {
			if !strings.Contains(string(html), want) {
				t.Errorf("the HTML lacks %q", want)
			}
		}
		b, err := pack.XLSX(p)
		if err != nil {
			t.Fatal(err)
		}
		x, err := excelize.OpenReader(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		defer x.Close()
		hl, _ := x.GetRows("Highlights")
		if len(hl) != 3 || hl[1][0] != "1" || hl[1][2] != "Amber (calculated)" || strings.Join(hl[1][7:12], ",") != "1,1,2,1,5" {
			t.Errorf("Highlights sheet %q", hl)
		}
		slip, _ := x.GetRows("Slippage")
		if len(slip) != 3 || slip[1][2] != "1.3" || slip[1][5] != "2025-12" || slip[2][1] != "Milestone missed" {
			t.Errorf("Slippage sheet %q", slip)
		}
	})
}
