package highlight

import (
	"context"
	"errors"
	"slices"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"sendboard/models"
)

// Report is an area's highlight report for a quarter.
type Report struct {
	Area   models.PriorityArea `json:"-"`
	Period models.Period       `json:"-"`
	// RAG is what the writer gave, or while nobody has, what the figures
	// suggest (Calculated is then true): see areaRAG.
	RAG         string     `json:"rag"`
	Calculated  bool       `json:"rag_calculated"`
	Reason      string     `json:"reason"`
	ForecastRAG string     `json:"forecast_rag"`
	PreviousRAG string     `json:"previous_rag"`
	NextSteps   string     `json:"next_steps"`
	WrittenBy   string     `json:"written_by"`
	WrittenAt   *time.Time `json:"written_at"`
	Version     int        `json:"version"`

	Progress  []Progress `json:"progress"`
	Risks     []Risk     `json:"risks"`
	Decisions []Decision `json:"decisions"`
	KPIs      []KPI      `json:"kpis"`
	Slippage  []Slip     `json:"slippage"`
	Counts    Counts     `json:"counts"`
	// Previous is the counts at the previous period's end, for comparison.
	Previous Counts `json:"previous_counts"`
}

// Progress is one action's updates dated in the period, summarised: how
// many, and the newest's date, status, RAG and narrative.
type Progress struct {
	Action    string `json:"action"`
	Text      string `json:"text"`
	Updates   int    `json:"updates"`
	Latest    string `json:"latest"` // YYYY-MM-DD
	Status    string `json:"status"`
	RAG       string `json:"rag"`
	Narrative string `json:"narrative"`
}

// Slip is one piece of slippage in the period: a due date revised into a
// later period (kind "due_revised") or a milestone whose due month fell in
// the period with some of the area's actions in it not complete at its end
// (kind "milestone_missed").
type Slip struct {
	Kind       string `json:"kind"`
	Action     string `json:"action,omitempty"`
	From       string `json:"from,omitempty"`
	To         string `json:"to,omitempty"`
	Reason     string `json:"reason,omitempty"`
	By         string `json:"by,omitempty"`
	On         string `json:"on,omitempty"` // YYYY-MM-DD
	Milestone  string `json:"milestone,omitempty"`
	Due        string `json:"due,omitempty"`
	Incomplete int    `json:"incomplete,omitempty"`
}

// narrativeRunes bounds an update's narrative in the summary.
const narrativeRunes = 600

// Build computes the area's report for quarter p of plan as it stood at the
// quarter's end (updates dated before it, due dates, risks and decisions as
// they were then), with what was written for it.
func Build(ctx context.Context, db *gorm.DB, plan *models.Plan, area *models.PriorityArea, p models.Period) (*Report, error) {
	rs, err := ForAreas(ctx, db, []models.PriorityArea{*area}, p)
	if err != nil {
		return nil, err
	}
	return rs[0], nil
}

// ForAreas computes the reports of areas (of one plan or several) for
// quarter p, in the same order, in a fixed number of statements however
// many areas, actions, updates, risks and decisions there are.
func ForAreas(ctx context.Context, db *gorm.DB, areas []models.PriorityArea, p models.Period) ([]*Report, error) {
	if p.Quarter == 0 {
		return nil, models.Invalid("period", "Highlight reports are for a quarter, such as 2025-26 Q1")
	}
	if len(areas) == 0 {
		return nil, nil
	}
	start, end, prev := p.Start(), p.End(), p.Prev()
	areaIDs, planIDs := make([]uint, len(areas)), []uint{}
	for i, a := range areas {
		areaIDs[i] = a.ID
		if !slices.Contains(planIDs, a.PlanID) {
			planIDs = append(planIDs, a.PlanID)
		}
	}
	h, err := loadHistory(ctx, db, areaIDs, end, start)
	if err != nil {
		return nil, err
	}
	var ws []Written
	if err := db.WithContext(ctx).Where("area_id IN ? AND period IN ?", areaIDs, []string{p.String(), prev.String()}).
		Limit(2 * len(areas)).Find(&ws).Error; err != nil {
		return nil, err
	}
	var ms []models.Milestone
	if err := db.WithContext(ctx).Where("plan_id IN ?", planIDs).Order("plan_id, section").Limit(1000).Find(&ms).Error; err != nil {
		return nil, err
	}
	risks, err := topRisks(ctx, db, planIDs, areaIDs, h, end)
	if err != nil {
		return nil, err
	}
	decisions, err := decisionsOpen(ctx, db, planIDs, areas, h, end)
	if err != nil {
		return nil, err
	}
	kpis, err := kpiMovement(ctx, db, areaIDs, p)
	if err != nil {
		return nil, err
	}
	out := make([]*Report, len(areas))
	for i, area := range areas {
		r := &Report{Area: area, Period: p, Progress: []Progress{}, Slippage: []Slip{},
			Risks: risks[area.ID], Decisions: decisions[area.ID], KPIs: kpis[area.ID]}
		if r.Risks == nil {
			r.Risks = []Risk{}
		}
		if r.Decisions == nil {
			r.Decisions = []Decision{}
		}
		if r.KPIs == nil {
			r.KPIs = []KPI{}
		}
		var calc, prevCalc string
		r.Counts, calc = h.standAt(area.ID, end)
		r.Previous, prevCalc = h.standAt(area.ID, start)
		r.progress(h, area.ID, start, end)
		r.slippage(h, area.ID, ms, start, end)
		r.RAG, r.Calculated, r.PreviousRAG = calc, true, prevCalc
		for _, w := range ws {
			switch {
			case w.AreaID != area.ID:
			case w.Period == prev.String() && w.RAG != "":
				r.PreviousRAG = w.RAG
			case w.Period == p.String():
				at := w.UpdatedAt
				r.RAG, r.Calculated, r.Reason, r.ForecastRAG, r.NextSteps = w.RAG, false, w.Reason, w.ForecastRAG, w.NextSteps
				r.WrittenBy, r.WrittenAt, r.Version = w.UpdatedBy, &at, w.Version
			}
		}
		out[i] = r
	}
	return out, nil
}

func (r *Report) progress(h *history, areaID uint, start, end time.Time) {
	for _, a := range h.actions {
		if a.PriorityAreaID != areaID {
			continue
		}
		var pr *Progress
		for _, u := range h.updates[a.ID] {
			if u.UpdateDate.Before(start) || !u.UpdateDate.Before(end) {
				continue
			}
			if pr == nil {
				r.Progress = append(r.Progress, Progress{Action: a.Number, Text: clip(a.Text, 200)})
				pr = &r.Progress[len(r.Progress)-1]
			}
			pr.Updates++
			pr.Latest, pr.Status, pr.RAG = u.UpdateDate.Format(time.DateOnly), u.Status, u.RAG
			if u.Narrative != "" {
				pr.Narrative = clip(u.Narrative, narrativeRunes)
			}
		}
	}
}

// slippage lists the due dates revised in the period into a later period
// than they were, then the milestones (of ms) missed in it.
func (r *Report) slippage(h *history, areaID uint, ms []models.Milestone, start, end time.Time) {
	missing := map[uint]int{}
	for _, a := range h.actions {
		if a.PriorityAreaID != areaID {
			continue
		}
		for _, rv := range h.revs[a.ID] {
			if !rv.CreatedAt.Before(start) && laterPeriod(rv.FromDue, rv.ToDue) {
				r.Slippage = append(r.Slippage, Slip{Kind: "due_revised", Action: a.Number, From: rv.FromDue, To: rv.ToDue,
					Reason: rv.Reason, By: rv.AuthorName, On: rv.CreatedAt.Format(time.DateOnly)})
			}
		}
		if a.MilestoneID != nil && a.live(end) {
			if u := h.stateAt(a, end); u.Status != models.StatusComplete && u.RAG != "blue" {
				missing[*a.MilestoneID]++
			}
		}
	}
	for _, m := range ms {
		due, err := models.MonthEnd(m.Due, time.UTC)
		if err != nil || missing[m.ID] == 0 || due.After(end) || !due.After(start) {
			continue
		}
		r.Slippage = append(r.Slippage, Slip{Kind: "milestone_missed", Milestone: m.Label, Due: m.Due, Incomplete: missing[m.ID]})
	}
}

// Index is one area's row of the plan's highlights page.
type Index struct {
	Area  models.PriorityArea
	Cells []Cell // one per period asked for, in the same order
}

// Cell is an area's RAG for one period: written, or calculated.
type Cell struct {
	Period     models.Period
	RAG        string
	Calculated bool
	Counts     Counts
}

// Overview is every area of the plan for each of periods (quarters, in any
// order), in four statements however many areas, actions and updates.
func Overview(ctx context.Context, db *gorm.DB, planID uint, periods []models.Period) ([]Index, error) {
	if len(periods) == 0 {
		return nil, errors.New("no periods")
	}
	var areas []models.PriorityArea
	if err := db.WithContext(ctx).Where("plan_id = ?", planID).Order("number").Limit(200).Find(&areas).Error; err != nil {
		return nil, err
	}
	last, names := periods[0], make([]string, len(periods))
	for i, p := range periods {
		if p.SortKey() > last.SortKey() {
			last = p
		}
		names[i] = p.String()
	}
	ids := make([]uint, len(areas))
	for i, a := range areas {
		ids[i] = a.ID
	}
	h, err := loadHistory(ctx, db, ids, last.End(), last.End())
	if err != nil {
		return nil, err
	}
	var ws []Written
	if err := db.WithContext(ctx).Where("plan_id = ? AND period IN ?", planID, names).Limit(200 * len(names)).Find(&ws).Error; err != nil {
		return nil, err
	}
	out := make([]Index, len(areas))
	for i, a := range areas {
		out[i].Area = a
		for _, p := range periods {
			c := Cell{Period: p, Calculated: true}
			c.Counts, c.RAG = h.standAt(a.ID, p.End())
			for _, w := range ws {
				if w.AreaID == a.ID && w.Period == p.String() {
					c.RAG, c.Calculated = w.RAG, false
				}
			}
			out[i].Cells = append(out[i].Cells, c)
		}
	}
	return out, nil
}

func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
