package models

import (
	"fmt"
	"slices"
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
// even when zero so two packs compare line by line.
func (p *Pack) SummaryRows() []CountRow {
	var rows []CountRow
	for _, s := range Statuses {
		rows = append(rows, CountRow{"Status", StatusLabel(s), p.Now.ByStatus[s], p.Prev.ByStatus[s]})
	}
	for _, r := range append(append([]string{}, RAGs...), "") {
		rows = append(rows, CountRow{"RAG", RAGLabel(r), p.Now.ByRAG[r], p.Prev.ByRAG[r]})
	}
	for _, a := range p.PriorityAreas {
		rows = append(rows, CountRow{"Priority area", fmt.Sprintf("%d. %s", a.Number, a.Title), p.Now.ByPriority[a.Number], p.Prev.ByPriority[a.Number]})
	}
	for _, m := range p.Milestones {
		rows = append(rows, CountRow{"Milestone", m.Label, p.Now.ByMilestone[m.Section], p.Prev.ByMilestone[m.Section]})
	}
	return append(rows, CountRow{"Total", "All actions", p.Now.Total, p.Prev.Total})
}

// summarise counts the two quarter ends and lists changes and exceptions.
func (p *Pack) summarise() {
	p.Now, p.Prev = newPackCounts(), newPackCounts()
	for i := range p.Actions {
		a := &p.Actions[i]
		p.Now.add(a.Status, a.RAG, a.PriorityNumber, a.MilestoneSection)
		p.Prev.add(a.PrevStatus, a.PrevRAG, a.PriorityNumber, a.MilestoneSection)
		if a.Status != a.PrevStatus || a.RAG != a.PrevRAG {
			p.Changes = append(p.Changes, PackChange{a.Number, a.PrevStatus, a.Status, a.PrevRAG, a.RAG})
		}
		ex := PackException{Action: a, rank: len(FlagKinds) + 1}
		for k, kind := range FlagKinds {
			if slices.Contains(a.Flags, kind) {
				ex.Reasons = append(ex.Reasons, FlagLabel(kind))
				ex.rank = min(ex.rank, k)
			}
		}
		if a.RAG == "red" {
			ex.Reasons = append(ex.Reasons, "Rated red")
			ex.rank = min(ex.rank, len(FlagKinds))
		}
		if len(ex.Reasons) > 0 {
			p.Exceptions = append(p.Exceptions, ex)
		}
	}
	// Actions are already in numeric order, so a stable sort by rank keeps it within a rank.
	slices.SortStableFunc(p.Exceptions, func(x, y PackException) int { return x.rank - y.rank })
}

func newPackCounts() PackCounts {
	return PackCounts{ByStatus: map[string]int{}, ByRAG: map[string]int{}, ByPriority: map[int]int{}, ByMilestone: map[int]int{}}
}

func (c *PackCounts) add(status, rag string, priority, section int) {
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
