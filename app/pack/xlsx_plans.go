package pack

import (
	packs "sendboard/models/pack"
)

// withPlans puts the plan column in front of t when plans is set.
func (t xlsxTable) withPlans() xlsxTable {
	if len(t.plans) == 0 || len(t.plans) != len(t.rows) {
		return t
	}
	t.header = append([]string{"Plan"}, t.header...)
	t.widths = append([]float64{30}, t.widths...)
	for i, r := range t.rows {
		t.rows[i] = append([]any{t.plans[i]}, r...)
	}
	styles := make(map[int]int, len(t.styles))
	for c, id := range t.styles {
		styles[c+1] = id
	}
	t.styles = styles
	if t.ragCol >= 0 {
		t.ragCol++
	}
	return t
}

// planOf names each row's plan for xlsxTable.plans: nil for a single-plan
// pack, so its workbook stays as it was.
func planOf[T any](p *packs.Pack, group func(pp *packs.Plan) []T) []string {
	if !p.MultiPlan() {
		return nil
	}
	var out []string
	for i := range p.Plans {
		for range group(&p.Plans[i]) {
			out = append(out, p.Plans[i].Plan.Name)
		}
	}
	return out
}

// planShift is 1 when the tables of p have the plan column, so later columns
// move right.
func planShift(p *packs.Pack) int {
	if p.MultiPlan() {
		return 1
	}
	return 0
}

// planUpdates lists the updates plan by plan, as the plan column names them.
func planUpdates(p *packs.Pack) []packs.Update {
	if !p.MultiPlan() {
		return p.Updates
	}
	var out []packs.Update
	for _, pp := range p.Plans {
		out = append(out, pp.Updates...)
	}
	return out
}
