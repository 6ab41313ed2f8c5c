package pack

import (
	"fmt"
	"slices"

	"sendboard/models"
)

// CountRow is one line of the summary: a group ("Status"), a label and the
// counts at the two quarter ends.
type CountRow struct {
	Group, Label string
	Now, Prev    int
}

// Change is Now minus Prev.
func (r CountRow) Change() int { return r.Now - r.Prev }

// SummaryRows lays the counts out for the renderers, every category listed
// even when zero so two packs compare line by line. Over several plans the
// areas and milestones are each plan's, so only the status, RAG and total
// rows are given here; Plan.SummaryRows has the rest.
func (p *Pack) SummaryRows() []CountRow {
	if p.MultiPlan() {
		return countRows(p.Now, p.Prev, nil, nil, false)
	}
	return countRows(p.Now, p.Prev, p.PriorityAreas, p.Milestones, true)
}

// SummaryRows lays out one plan's counts.
func (pp *Plan) SummaryRows() []CountRow {
	return countRows(pp.Now, pp.Prev, pp.PriorityAreas, pp.Milestones, true)
}

func countRows(now, prev Counts, areas []models.PriorityArea, milestones []models.Milestone, parts bool) []CountRow {
	var rows []CountRow
	for _, s := range models.Statuses {
		rows = append(rows, CountRow{"Status", models.StatusLabel(s), now.ByStatus[s], prev.ByStatus[s]})
	}
	for _, r := range append(append([]string{}, models.RAGs...), "") {
		rows = append(rows, CountRow{"RAG", models.RAGLabel(r), now.ByRAG[r], prev.ByRAG[r]})
	}
	for _, a := range areas {
		rows = append(rows, CountRow{"Priority area", fmt.Sprintf("%d. %s", a.Number, a.Title), now.ByPriority[a.Number], prev.ByPriority[a.Number]})
	}
	for _, m := range milestones {
		rows = append(rows, CountRow{"Milestone", m.Label, now.ByMilestone[m.Section], prev.ByMilestone[m.Section]})
	}
	// Actions need no milestone: without this row the milestone group would
	// not add up to the total.
	if parts && (now.ByMilestone[0] > 0 || prev.ByMilestone[0] > 0) {
		rows = append(rows, CountRow{"Milestone", "No milestone", now.ByMilestone[0], prev.ByMilestone[0]})
	}
	return append(rows, CountRow{"Total", "All actions", now.Total, prev.Total})
}

// summarise groups the actions by plan, counts the two quarter ends and lists
// changes and exceptions, plan by plan and for the whole pack.
func (p *Pack) summarise() error {
	if err := p.groupByPlan(); err != nil {
		return err
	}
	p.Now, p.Prev = newPackCounts(), newPackCounts()
	for i := range p.Plans {
		pp := &p.Plans[i]
		pp.summarise()
		p.Now.merge(pp.Now)
		p.Prev.merge(pp.Prev)
		p.Changes = append(p.Changes, pp.Changes...)
		p.Exceptions = append(p.Exceptions, pp.Exceptions...)
	}
	return nil
}

func (pp *Plan) summarise() {
	pp.Now, pp.Prev = newPackCounts(), newPackCounts()
	for i := range pp.Actions {
		a := &pp.Actions[i]
		pp.Now.add(a.Status, a.RAG, a.PriorityNumber, a.MilestoneSection)
		pp.Prev.add(a.PrevStatus, a.PrevRAG, a.PriorityNumber, a.MilestoneSection)
		switch {
		case a.Added:
			pp.Changes = append(pp.Changes, Change{Number: a.Number, ToStatus: a.Status, ToRAG: a.RAG, Added: true})
		case a.Status != a.PrevStatus || a.RAG != a.PrevRAG:
			pp.Changes = append(pp.Changes, Change{a.Number, a.PrevStatus, a.Status, a.PrevRAG, a.RAG, false})
		}
		ex := Exception{Action: a, rank: len(models.FlagKinds) + 1}
		for k, kind := range models.FlagKinds {
			if slices.Contains(a.Flags, kind) {
				ex.Reasons = append(ex.Reasons, models.FlagLabel(kind))
				ex.rank = min(ex.rank, k)
			}
		}
		if a.RAG == "red" {
			ex.Reasons = append(ex.Reasons, "Rated red")
			ex.rank = min(ex.rank, len(models.FlagKinds))
		}
		if len(ex.Reasons) > 0 {
			pp.Exceptions = append(pp.Exceptions, ex)
		}
	}
	// Actions are already in numeric order, so a stable sort by rank keeps it within a rank.
	slices.SortStableFunc(pp.Exceptions, func(x, y Exception) int { return x.rank - y.rank })
}

func newPackCounts() Counts {
	return Counts{ByStatus: map[string]int{}, ByRAG: map[string]int{}, ByPriority: map[int]int{}, ByMilestone: map[int]int{}}
}

func (c *Counts) merge(o Counts) {
	c.Total += o.Total
	for k, v := range o.ByStatus {
		c.ByStatus[k] += v
	}
	for k, v := range o.ByRAG {
		c.ByRAG[k] += v
	}
	for k, v := range o.ByPriority {
		c.ByPriority[k] += v
	}
	for k, v := range o.ByMilestone {
		c.ByMilestone[k] += v
	}
}

func (c *Counts) add(status, rag string, priority, section int) {
	c.Total++
	c.ByStatus[status]++
	c.ByRAG[rag]++
	c.ByPriority[priority]++
	c.ByMilestone[section]++
}

// KPIQuarters names the eight quarters the KPI part covers, oldest first.
func (p *Pack) KPIQuarters() []string {
	out := make([]string, packKPIQuarters)
	q := p.Quarter
	for i := packKPIQuarters - 1; i >= 0; i-- {
		out[i], q = q.String(), q.Prev()
	}
	return out
}
