package pack

import (
	"fmt"

	"sendboard/models"
	packs "sendboard/models/pack"
)

func pdfAppendix(d *pdfDoc, p *packs.Pack) {
	d.heading("5. Appendix: progress updates in " + p.Quarter.String())
	if len(p.Updates) == 0 {
		d.para("No progress updates were made in "+p.Quarter.String()+".", 10, "")
		return
	}
	for i := range p.Plans {
		pp := &p.Plans[i]
		if len(pp.Updates) == 0 {
			continue
		}
		d.planTitle(p, pp)
		rows := make([][]string, len(pp.Updates))
		for i, u := range pp.Updates {
			rows[i] = []string{shortDate(u.UpdateDate), u.Number, u.Author, u.RecordedAt.Format("2 Jan 2006 15:04"),
				models.StatusLabel(u.Status), ragShort(u.RAG), u.Narrative}
		}
		d.table(pdfTable{headers: []string{"Date", "No.", "By", "Recorded", "Status", "RAG", "Narrative"},
			widths: []float64{20, 13, 28, 24, 20, 16, d.width - 121}, aligns: []string{"L", "L", "L", "L", "L", "L", "L"},
			fill: func(i, c int) *rgb {
				if c == 5 {
					return ragFill(pp.Updates[i].RAG)
				}
				return nil
			}}, rows)
	}
	if p.UpdatesTruncated {
		d.para(fmt.Sprintf("Only the first %d updates are listed.", len(p.Updates)), 9, "I")
	}
}
