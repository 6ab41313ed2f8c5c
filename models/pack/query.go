package pack

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"sendboard/models"
)

// actionScope is a subquery selecting the ids of the actions a pack covers.
type actionScope struct {
	sql  string
	args []any
}

// governedAt is the condition, on action_board_history h, that an assignment
// stood at an instant given twice as arguments: made before it and not
// removed by then.
const governedAt = "h.assigned_at < ? AND (h.removed_at IS NULL OR h.removed_at >= ?)"

// in renders "column IN (scope)" with its arguments appended to before.
func (s actionScope) in(column string, before ...any) (string, []any) {
	return column + " IN (" + s.sql + ")", append(before, s.args...)
}

func loadPackActions(db *gorm.DB, p *Pack, scope actionScope) error {
	type row struct {
		ID, PlanID                uint
		Number                    string
		Major, Minor              int
		ActionText, ImpactMeasure string
		LeadText, LeadName        string
		StatusText                string
		InitiateBy                *string
		Section, PriorityNumber   int
		MilestoneLabel, Due       string
		PriorityTitle             string
		CreatedAt                 *time.Time
		StartDate                 string
	}
	where, args := scope.in("a.id")
	var rows []row
	err := db.Table("actions a").
		Select(`a.id, a.plan_id, a.number, a.major, a.minor, a.action_text, a.impact_measure, a.lead_text,
			COALESCE(l.name, '') AS lead_name, a.status_text, a.initiate_by, COALESCE(m.section, 0) AS section, pa.number AS priority_number,
			COALESCE(m.label, '') AS milestone_label, COALESCE(NULLIF(a.due, ''), m.due, '') AS due, pa.title AS priority_title, a.created_at, a.start_date`).
		Joins("LEFT JOIN milestones m ON m.id = a.milestone_id").
		Joins("JOIN priority_areas pa ON pa.id = a.priority_area_id").
		Joins("LEFT JOIN leads l ON l.id = a.lead_id").
		Where(where, args...).Order("a.major, a.minor").Limit(MaxActions + 1).Scan(&rows).Error
	if err != nil {
		return fmt.Errorf("loading the pack's actions: %w", err)
	}
	if len(rows) > MaxActions {
		return models.Invalid("board", "%s governs more than %d actions, too many for one pack", p.BoardName, MaxActions)
	}
	// Plan by plan in the pack's order; the sort is stable, so numeric within each.
	at := p.planIndex()
	slices.SortStableFunc(rows, func(x, y row) int { return at[x.PlanID] - at[y.PlanID] })
	p.Actions = make([]Action, len(rows))
	for i, r := range rows {
		a := Action{ID: r.ID, PlanID: r.PlanID, Number: r.Number, Major: r.Major, Minor: r.Minor, Text: r.ActionText,
			ImpactMeasure: r.ImpactMeasure, Lead: r.LeadName, MilestoneSection: r.Section, PriorityNumber: r.PriorityNumber,
			Milestone: r.MilestoneLabel, Due: r.Due, PriorityArea: fmt.Sprintf("%d. %s", r.PriorityNumber, r.PriorityTitle)}
		if a.Lead == "" {
			a.Lead = r.LeadText
		}
		a.Start = r.StartDate
		// New in the quarter: the pack says it was added, not that it changed.
		if r.CreatedAt != nil && !r.CreatedAt.Before(p.Quarter.Start()) && r.CreatedAt.Before(p.Quarter.End()) {
			a.Added = true
		}
		status, initiate, err := models.StatusFromDocument(r.StatusText)
		if err != nil {
			status, initiate = models.StatusNotStarted, nil
		}
		if r.InitiateBy != nil {
			initiate = r.InitiateBy
		}
		if initiate != nil {
			a.InitiateBy = *initiate
		}
		// The baseline, replaced below by the newest update before each quarter end.
		a.Status, a.PrevStatus, a.Baseline = status, status, true
		p.Actions[i] = a
	}
	return packJointLeads(db, p, scope)
}

// packJointLeads names every lead of the actions that have several, in one
// query.
func packJointLeads(db *gorm.DB, p *Pack, scope actionScope) error {
	leads, err := models.LeadsIn(db.Statement.Context, db, scope.sql, scope.args...)
	if err != nil {
		return err
	}
	for i := range p.Actions {
		if ls := leads[p.Actions[i].ID]; len(ls) > 1 {
			names := make([]string, len(ls))
			for j, l := range ls {
				names[j] = l.Name
			}
			p.Actions[i].Lead = strings.Join(names, ", ")
		}
	}
	return nil
}

// stateRow is an action's newest progress update before a moment.
type stateRow struct {
	ActionID   uint
	Status     string
	RAG        string `gorm:"column:rag"`
	Narrative  string
	UpdateDate time.Time
	AuthorName string
}

// statesAt returns each covered action's newest update dated before t, in one
// windowed query.
func statesAt(db *gorm.DB, scope actionScope, t time.Time) (map[uint]stateRow, error) {
	where, args := scope.in("pu.action_id", t)
	var rows []stateRow
	err := db.Raw(`SELECT action_id, status, rag, narrative, update_date, author_name FROM (
		SELECT pu.action_id, pu.status, pu.rag, pu.narrative, pu.update_date, pu.author_name,
			ROW_NUMBER() OVER (PARTITION BY pu.action_id ORDER BY pu.update_date DESC, pu.id DESC) AS rn
		FROM progress_updates pu WHERE pu.update_date < ? AND `+where+`) latest
		WHERE rn = 1 LIMIT ?`, append(args, MaxActions+1)...).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("reading action states: %w", err)
	}
	out := make(map[uint]stateRow, len(rows))
	for _, r := range rows {
		out[r.ActionID] = r
	}
	return out, nil
}

func loadPackStates(db *gorm.DB, p *Pack, scope actionScope) error {
	end, prevEnd := p.Quarter.End(), p.Quarter.Start()
	now, err := statesAt(db, scope, end)
	if err != nil {
		return err
	}
	prev, err := statesAt(db, scope, prevEnd)
	if err != nil {
		return err
	}
	for i := range p.Actions {
		a := &p.Actions[i]
		if s, ok := prev[a.ID]; ok {
			a.PrevStatus, a.PrevRAG = s.Status, s.RAG
		}
		if s, ok := now[a.ID]; ok {
			a.Status, a.RAG, a.Baseline = s.Status, s.RAG, false
			d := s.UpdateDate.UTC()
			a.LatestNarrative, a.LatestDate, a.LatestAuthor = s.Narrative, &d, s.AuthorName
			if !d.Before(p.Quarter.Start()) {
				a.QuarterProgress = s.Narrative
			}
		}
	}
	return nil
}

func loadPackUpdates(db *gorm.DB, p *Pack, scope actionScope) error {
	type row struct {
		ID, ActionID, PlanID  uint
		Number                string
		UpdateDate, CreatedAt time.Time
		AuthorName            string
		Status                string
		RAG                   string `gorm:"column:rag"`
		Narrative             string
	}
	where, args := scope.in("pu.action_id", p.Quarter.Start(), p.Quarter.End())
	var rows []row
	err := db.Table("progress_updates pu").
		Select("pu.id, pu.action_id, a.plan_id, a.number, pu.update_date, pu.created_at, pu.author_name, pu.status, pu.rag, pu.narrative").
		Joins("JOIN actions a ON a.id = pu.action_id").
		Where("pu.update_date >= ? AND pu.update_date < ? AND "+where, args...).
		Order("pu.update_date, a.major, a.minor, pu.id").Limit(MaxUpdates + 1).Scan(&rows).Error
	if err != nil {
		return fmt.Errorf("loading the quarter's updates: %w", err)
	}
	if len(rows) > MaxUpdates {
		rows, p.UpdatesTruncated = rows[:MaxUpdates], true
	}
	idx := make(map[uint]int, len(p.Actions))
	for i, a := range p.Actions {
		idx[a.ID] = i
	}
	p.Updates = make([]Update, len(rows))
	for i, r := range rows {
		p.Updates[i] = Update{ID: r.ID, PlanID: r.PlanID, Number: r.Number, UpdateDate: r.UpdateDate.UTC(), RecordedAt: r.CreatedAt.UTC(),
			Author: r.AuthorName, Status: r.Status, RAG: r.RAG, Narrative: r.Narrative}
		if j, ok := idx[r.ActionID]; ok {
			p.Actions[j].QuarterUpdates++
		}
	}
	return nil
}

// loadPackBoards names, for each covered action, the boards that governed it
// at the end of the quarter.
func loadPackBoards(db *gorm.DB, p *Pack, scope actionScope) error {
	type row struct {
		ActionID uint
		Name     string
	}
	end := p.Quarter.End()
	where, args := scope.in("h.action_id", end, end)
	var rows []row
	err := db.Table("action_board_history h").Select("DISTINCT h.action_id, b.name").
		Joins("JOIN boards b ON b.id = h.board_id").
		Where(governedAt+" AND "+where, args...).
		Order("h.action_id, b.name").Limit(MaxFlags).Scan(&rows).Error
	if err != nil {
		return fmt.Errorf("loading the boards governing each action: %w", err)
	}
	names := map[uint][]string{}
	for _, r := range rows {
		names[r.ActionID] = append(names[r.ActionID], r.Name)
	}
	for i := range p.Actions {
		p.Actions[i].Boards = names[p.Actions[i].ID]
	}
	return nil
}
