package pack

import (
	"fmt"
	"time"

	"gorm.io/gorm"

	"sendboard/models"
)

// RAGQuarters is how many review periods the RAG table shows at most,
// ending with the pack's quarter: two years, as the trackers areas keep.
const RAGQuarters = 8

// RAGRow is one action's status and RAG at the end of each period of
// Board.RAGPeriods, oldest first.
type RAGRow struct {
	Action *Action
	Cells  []models.PeriodRAG
}

// loadPackRAGByPeriod reads, in one statement for every action of the pack,
// the updates that decide its standing at each quarter's end: those dated in
// the window and the newest one before it. A quarter's cell is the newest
// update dated before its end, as the action page's RAG history has it; an
// action with none yet keeps its baseline status, not rated. Leading
// quarters in which no action had an update are left out. It runs before
// loadPackStates, while each action's Status is still its baseline.
func loadPackRAGByPeriod(db *gorm.DB, p *Pack, scope actionScope) error {
	periods := make([]models.Period, RAGQuarters)
	q := p.Quarter
	for i := RAGQuarters - 1; i >= 0; i-- {
		periods[i], q = q, q.Prev()
	}
	first, end := periods[0].Start(), p.Quarter.End()
	inWindow, args := scope.in("pu.action_id", first, end)
	before, args := scope.in("pb.action_id", append(args, first)...)
	type row struct {
		ActionID   uint
		UpdateDate time.Time
		ID         uint
		Status     string
		RAG        string `gorm:"column:rag"`
	}
	var rows []row
	err := db.Raw(`SELECT pu.action_id, pu.update_date, pu.id, pu.status, pu.rag FROM progress_updates pu
			WHERE pu.update_date >= ? AND pu.update_date < ? AND `+inWindow+`
		UNION ALL
		SELECT action_id, update_date, id, status, rag FROM (
			SELECT pb.action_id, pb.update_date, pb.id, pb.status, pb.rag,
				ROW_NUMBER() OVER (PARTITION BY pb.action_id ORDER BY pb.update_date DESC, pb.id DESC) AS rn
			FROM progress_updates pb WHERE pb.update_date < ? AND `+before+`) older WHERE rn = 1
		ORDER BY 1, 2, 3 LIMIT ?`, append(args, MaxUpdates*RAGQuarters)...).Scan(&rows).Error
	if err != nil {
		return fmt.Errorf("loading the RAG by period: %w", err)
	}
	byAction := make(map[uint][]row, len(p.Actions))
	for _, r := range rows {
		byAction[r.ActionID] = append(byAction[r.ActionID], r)
	}
	from := len(periods) - 1 // the earliest period any action has a standing in
	p.Board.RAGByPeriod = make([]RAGRow, len(p.Actions))
	for i := range p.Actions {
		a := &p.Actions[i]
		ups := byAction[a.ID]
		cells := make([]models.PeriodRAG, len(periods))
		j, status, rag, rated := 0, a.Status, "", false
		for k, per := range periods {
			for j < len(ups) && ups[j].UpdateDate.Before(per.End()) {
				status, rag, rated = ups[j].Status, ups[j].RAG, true
				j++
			}
			if rated && k < from {
				from = k
			}
			cells[k] = models.PeriodRAG{Period: per.String(), Status: status, RAG: rag}
		}
		p.Board.RAGByPeriod[i] = RAGRow{Action: a, Cells: cells}
	}
	for i := range p.Board.RAGByPeriod {
		p.Board.RAGByPeriod[i].Cells = p.Board.RAGByPeriod[i].Cells[from:]
	}
	p.Board.RAGPeriods = nil
	for _, per := range periods[from:] {
		p.Board.RAGPeriods = append(p.Board.RAGPeriods, per.String())
	}
	return nil
}
