package pack

import (
	"bytes"
	"fmt"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"sendboard/models"
	packs "sendboard/models/pack"
)

// PDF renders p as an A4 board paper: the board and quarter in the header of
// every page, "Page n of N" in the footer, tables that break between rows with
// their header repeated, and the KPI charts as images. The same pack gives the
// same bytes (the document dates come from the pack), so a stored pack can be
// checked against a fresh rendering.
func PDF(p *packs.Pack) ([]byte, error) {
	f := fpdf.New("P", "mm", "A4", "")
	f.SetMargins(15, 20, 15)
	f.SetAutoPageBreak(true, 18)
	f.AliasNbPages("{nb}")
	f.SetCreationDate(p.GeneratedAt)
	f.SetModificationDate(p.GeneratedAt)
	f.SetCatalogSort(true)
	tr := f.UnicodeTranslatorFromDescriptor("")
	f.SetTitle(tr(p.BoardName+" governance pack "+p.Quarter.String()), false)
	f.SetAuthor("sendboard", false)
	pw, ph := f.GetPageSize()
	d := &pdfDoc{f: f, tr: tr, left: 15, width: pw - 30, bottom: ph - 20, orient: "P"}
	f.SetHeaderFunc(func() {
		f.SetFont("Helvetica", "", 8)
		f.SetTextColor(80, 90, 95)
		f.SetXY(d.left, 8)
		f.CellFormat(d.width*0.7, 5, tr(p.BoardName+" - quarterly governance pack"), "", 0, "L", false, 0, "")
		f.CellFormat(d.width*0.3, 5, tr(p.Quarter.String()), "", 0, "R", false, 0, "")
		f.SetDrawColor(29, 112, 184)
		f.SetLineWidth(0.4)
		f.Line(d.left, 14, d.left+d.width, 14)
		f.SetTextColor(11, 12, 12)
		f.SetXY(d.left, 20)
	})
	// The footer runs as the next page starts, when d.width may already be the
	// next page's (portrait after landscape or the reverse), so it measures the
	// page it is finishing.
	f.SetFooterFunc(func() {
		w, _ := f.GetPageSize()
		w -= 2 * d.left
		f.SetXY(d.left, -13)
		f.SetFont("Helvetica", "", 8)
		f.SetTextColor(80, 90, 95)
		f.CellFormat(w/2, 5, tr("Generated "+shortDate(p.GeneratedAt)), "", 0, "L", false, 0, "")
		f.CellFormat(w/2, 5, fmt.Sprintf("Page %d of {nb}", f.PageNo()), "", 0, "R", false, 0, "")
	})
	pdfCover(d, p)
	pdfSummary(d, p)
	pdfExceptions(d, p)
	pdfActions(d, p)
	if err := pdfKPIs(d, p); err != nil {
		return nil, err
	}
	pdfAppendix(d, p)
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		return nil, fmt.Errorf("writing the PDF: %w", err)
	}
	return buf.Bytes(), nil
}

func pdfCover(d *pdfDoc, p *packs.Pack) {
	f := d.f
	f.AddPage()
	f.SetFillColor(29, 112, 184)
	f.Rect(d.left, 40, 4, 70, "F")
	f.SetXY(d.left+10, 42)
	f.SetFont("Helvetica", "", 13)
	f.CellFormat(d.width-10, 8, "Quarterly governance pack", "", 2, "L", false, 0, "")
	f.SetFont("Helvetica", "B", 24)
	f.MultiCell(d.width-10, 11, d.tr(p.BoardName), "", "L", false)
	f.SetX(d.left + 10)
	f.SetFont("Helvetica", "", 14)
	f.CellFormat(d.width-10, 9, d.tr(quarterWords(p.Quarter)), "", 2, "L", false, 0, "")
	f.Ln(6)
	plan := [2]string{"Plan", p.Plan.Name}
	if p.MultiPlan() {
		plan = [2]string{"Plans", strings.Join(p.PlanNames(), "; ")}
	}
	rows := [][2]string{
		plan,
		{"Actions covered", fmt.Sprint(len(p.Actions))},
		{"Generated", p.GeneratedAt.Format("2 January 2006 15:04") + " UTC" + by(p.GeneratedBy)},
	}
	if p.Round != nil {
		rows = append(rows, [2]string{"For the meeting", p.Round.Words()})
	}
	for _, kv := range rows {
		f.SetX(d.left + 10)
		f.SetFont("Helvetica", "B", 10)
		f.CellFormat(38, 6, kv[0], "", 0, "L", false, 0, "")
		f.SetFont("Helvetica", "", 10)
		f.MultiCell(d.width-48, 6, d.tr(kv[1]), "", "L", false)
	}
	// Long plan names or a round's line push the figures down rather than under the text.
	y := max(125, f.GetY()+8)
	pdfGlance(d, p, y)
	f.SetY(y + 35)
	d.para("Contents: 1. Summary   2. Exceptions   3. Actions   4. SENDIASS KPIs   5. Appendix: progress updates in the quarter.", 10, "")
}

// pdfGlance draws the headline figures as a row of boxes at y.
func pdfGlance(d *pdfDoc, p *packs.Pack, y float64) {
	f := d.f
	items := glance(p)
	w := (d.width - float64(len(items)-1)*4) / float64(len(items))
	for i, it := range items {
		x := d.left + float64(i)*(w+4)
		f.SetFillColor(243, 242, 241)
		f.Rect(x, y, w, 24, "F")
		f.SetXY(x, y+3)
		f.SetFont("Helvetica", "B", 18)
		f.CellFormat(w, 9, fmt.Sprint(it.n), "", 2, "C", false, 0, "")
		f.SetX(x)
		f.SetFont("Helvetica", "", 8.5)
		f.CellFormat(w, 6, d.tr(it.label), "", 0, "C", false, 0, "")
	}
}

func by(name string) string {
	if name == "" {
		return ""
	}
	return " by " + name
}

// planTitle heads a plan's part of a section when the pack covers several.
func (d *pdfDoc) planTitle(p *packs.Pack, pp *packs.Plan) {
	if p.MultiPlan() {
		d.subheading(pp.Plan.Name, 30)
	}
}

func pdfSummary(d *pdfDoc, p *packs.Pack) {
	d.heading("1. Summary")
	d.para(stateNote, 9, "I")
	if len(p.Actions) == 0 {
		d.para("This board governs no actions, so there is nothing to count.", 10, "")
	}
	if p.MultiPlan() {
		d.subheading("Every plan", 30)
		pdfCounts(d, p, p.SummaryRows())
	}
	for i := range p.Plans {
		pp := &p.Plans[i]
		d.planTitle(p, pp)
		pdfCounts(d, p, pp.SummaryRows())
		pdfChanges(d, pp.Changes)
	}
}

func pdfCounts(d *pdfDoc, p *packs.Pack, counts []packs.CountRow) {
	rows := [][]string{}
	for _, r := range counts {
		rows = append(rows, []string{r.Group, r.Label, fmt.Sprint(r.Now), fmt.Sprint(r.Prev), signed(r.Change())})
	}
	d.table(pdfTable{headers: []string{"Group", "Category", p.Quarter.String(), p.Quarter.Prev().String(), "Change"},
		widths: []float64{28, d.width - 28 - 3*24, 24, 24, 24}, aligns: []string{"L", "L", "R", "R", "R"}}, rows)
}

func pdfChanges(d *pdfDoc, changes []packs.Change) {
	d.subheading("What changed since last quarter", 15)
	if len(changes) == 0 {
		d.para("No action changed status or RAG rating during the quarter.", 10, "")
		return
	}
	rows := [][]string{}
	for _, c := range changes {
		rows = append(rows, []string{c.Number, changeFrom(c, models.StatusLabel(c.FromStatus)), models.StatusLabel(c.ToStatus),
			changeFrom(c, models.RAGLabel(c.FromRAG)), models.RAGLabel(c.ToRAG)})
	}
	d.table(pdfTable{headers: []string{"Action", "Status then", "Status now", "RAG then", "RAG now"},
		widths: []float64{20, 40, 40, (d.width - 100) / 2, (d.width - 100) / 2}, aligns: []string{"L", "L", "L", "L", "L"},
		fill: func(i, c int) *rgb {
			if c == 4 {
				return ragFill(changes[i].ToRAG)
			}
			return nil
		}}, rows)
}

func pdfExceptions(d *pdfDoc, p *packs.Pack) {
	d.heading("2. Exceptions")
	d.para(exceptionNote, 9, "I")
	for i := range p.Plans {
		pp := &p.Plans[i]
		d.planTitle(p, pp)
		if len(pp.Exceptions) == 0 {
			d.para("No exceptions: no action was rated red or flagged at the end of the quarter.", 10, "")
			continue
		}
		rows := make([][]string, len(pp.Exceptions))
		for i, e := range pp.Exceptions {
			n := e.Action.LatestNarrative
			if n == "" {
				n = "No progress update recorded yet."
			}
			rows[i] = []string{e.Action.Number, strings.Join(e.Reasons, "; "), e.Action.Lead, statusText(*e.Action), ragShort(e.Action.RAG), n}
		}
		d.table(pdfTable{headers: []string{"No.", "Why", "Lead", "Status", "RAG", "Latest narrative"},
			widths: []float64{13, 28, 30, 28, 16, d.width - 115}, aligns: []string{"L", "L", "L", "L", "L", "L"},
			fill: func(i, c int) *rgb {
				if c == 4 {
					return ragFill(pp.Exceptions[i].Action.RAG)
				}
				return nil
			}}, rows)
	}
}

// pdfActions sets the actions out on landscape pages: with seven columns,
// three of them prose, portrait A4 left the text columns so narrow that only
// about five actions fitted a page.
func pdfActions(d *pdfDoc, p *packs.Pack) {
	d.orient = "L"
	defer func() { d.orient = "P" }()
	d.heading("3. Actions governed by " + p.BoardName)
	if len(p.Actions) == 0 {
		d.para("This board governs no actions.", 10, "")
		return
	}
	for i := range p.Plans {
		pp := &p.Plans[i]
		if len(pp.Actions) == 0 {
			continue
		}
		d.planTitle(p, pp)
		rows := make([][]string, len(pp.Actions))
		for i, a := range pp.Actions {
			rows[i] = []string{a.Number, a.Text, a.Lead, statusText(a), ragShort(a.RAG), progressText(a), a.ImpactMeasure}
		}
		d.table(pdfTable{headers: []string{"No.", "Action", "Lead", "Status", "RAG", "Progress this quarter", "Impact measure"},
			widths: []float64{12, 54, 24, 21, 14, 56, d.width - 181}, aligns: []string{"L", "L", "L", "L", "L", "L", "L"},
			fill: func(i, c int) *rgb {
				if c == 4 {
					return ragFill(pp.Actions[i].RAG)
				}
				return nil
			}}, rows)
	}
}

func pdfKPIs(d *pdfDoc, p *packs.Pack) error {
	d.heading("4. SENDIASS KPIs")
	d.para("Each series over the eight quarters to "+p.Quarter.String()+", against its target (dashed red line). Each point sits above its quarter in the table beneath; a dash there means no figure was reported.", 9, "I")
	pdfKPIExceptions(d, p)
	if len(p.KPIs) == 0 {
		d.para("No SENDIASS KPIs are defined.", 10, "")
	}
	for _, k := range p.KPIs {
		need := 20.0
		if k.HasFigures() {
			need = chartH + 30 // the chart and its figures stay on one page
		}
		d.subheading(k.Name, need)
		line := "Target: " + kpiTarget(k) + "."
		if k.AnnualValue != nil {
			line += " Latest whole-year figure: " + formatNumber(*k.AnnualValue) + " (" + k.AnnualPeriod + ")."
		}
		d.para(line, 9, "")
		if e := k.OffTrack; e != nil {
			d.para("Off track: "+offValue(*e)+" in "+e.Period+" against "+e.Target+". Owner's commentary: "+commentary(*e), 9, "")
		}
		if !d.pdfChart(k) {
			d.para("No quarterly figures reported for the eight quarters to "+p.Quarter.String()+".", 9, "I")
			continue
		}
		vals := make([]string, len(k.Values))
		for j, v := range k.Values {
			vals[j] = formatPtr(v)
		}
		w := d.width / float64(len(k.Periods))
		widths, aligns := make([]float64, len(k.Periods)), make([]string, len(k.Periods))
		for j := range widths {
			widths[j], aligns[j] = w, "C" // each figure sits under its point
		}
		d.table(pdfTable{headers: k.Periods, widths: widths, aligns: aligns}, [][]string{vals})
	}
	pdfBenchmarks(d, p)
	return d.f.Error()
}

// changeFrom is a change's "then" cell: what the action was, or for one new
// in the quarter, that it was added to the plan.
func changeFrom(c packs.Change, then string) string {
	if c.Added {
		return "Added to the plan"
	}
	return then
}
