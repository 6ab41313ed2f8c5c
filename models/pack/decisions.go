package pack

import (
	"fmt"
	"time"

	"gorm.io/gorm"

	"sendboard/models"
	"sendboard/models/decision"
)

// MaxDecisions bounds the decisions, and the board actions, one pack reads.
const MaxDecisions = 5000

// Decision is a decision of the board as it stood at the quarter's end: one
// decided after it shows as still open, without its decision.
type Decision struct {
	ID                           uint
	Question, Options            string
	Recommendation, Meeting      string
	PlanName, AreaCode, AreaName string
	ActionNumber                 string
	Status                       string
	Decision, MeetingDate        string
	Minute, RaisedBy, ClosedBy   string
	RaisedAt                     time.Time
	ClosedAt                     *time.Time
}

// About says what the decision concerns: "Plan name, area 2, action 2.1".
func (d Decision) About() string {
	s := d.PlanName
	if d.AreaCode != "" {
		s += ", area " + d.AreaCode
	}
	if d.ActionNumber != "" {
		s += ", action " + d.ActionNumber
	}
	return s
}

// BoardAction is one of the board's own actions as it stood at the quarter's
// end: one done after it shows as open.
type BoardAction struct {
	ID                  uint
	Title, Owner, Due   string
	MeetingDate, Status string
	DoneAt              *time.Time
	DoneBy              string
	Overdue             bool // open at the quarter's end and due before it
}

// loadPackDecisions reads the board's decisions (for a whole-plan pack,
// those about its plans) as they stood at the quarter's end, in two
// statements: when the log starts, and the decisions.
func loadPackDecisions(db *gorm.DB, p *Pack, board *models.Board, planIDs []uint) error {
	start, end := p.Quarter.Start(), p.Quarter.End()
	// The log starts where the board's last pack left off: the end of its
	// quarter. Only packs made before this quarter ended count, so a pack
	// for a past quarter made again says the same.
	var last []string
	if err := db.Table("governance_packs").Where("board_key = ? AND quarter_sort < ? AND generated_at < ?",
		p.BoardKey, p.Quarter.SortKey(), end).Order("quarter_sort DESC").Limit(1).Pluck("quarter", &last).Error; err != nil {
		return fmt.Errorf("finding the board's last pack: %w", err)
	}
	since := start
	if len(last) == 1 {
		if q, err := models.ParsePeriod(last[0]); err == nil {
			since = q.End()
		}
	}
	p.Board.DecisionsSince = since
	q := db.Table("decisions AS d").
		Select(`d.*, COALESCE(p.name, '') AS plan_name, COALESCE(a.code, '') AS area_code, COALESCE(a.title, '') AS area_name,
			COALESCE(act.number, '') AS action_number`).
		Joins("LEFT JOIN plans p ON p.id = d.plan_id").
		Joins("LEFT JOIN priority_areas a ON a.id = d.area_id").
		Joins("LEFT JOIN actions act ON act.id = d.action_id").
		Where("d.created_at < ? AND (d.status = ? OR d.closed_at >= ?)", end, decision.StatusOpen, since)
	if board != nil {
		q = q.Where("d.board_id = ?", board.ID)
	} else {
		q = q.Where("d.plan_id IN ?", planIDs)
	}
	var rows []struct {
		decision.Decision
		PlanName, AreaCode, AreaName, ActionNumber string
	}
	if err := q.Order("d.id").Limit(MaxDecisions + 1).Scan(&rows).Error; err != nil {
		return fmt.Errorf("loading the board's decisions: %w", err)
	}
	if len(rows) > MaxDecisions {
		return models.Invalid("board", "%s has more than %d decisions to report, too many for one pack", p.BoardName, MaxDecisions)
	}
	for _, r := range rows {
		d := Decision{ID: r.ID, Question: r.Question, Options: r.Options, Recommendation: r.Recommendation, Meeting: r.Meeting,
			PlanName: r.PlanName, AreaCode: r.AreaCode, AreaName: r.AreaName, ActionNumber: r.ActionNumber,
			Status: r.Status, RaisedBy: r.RaisedBy, RaisedAt: r.CreatedAt.UTC()}
		if r.Status == decision.StatusOpen || r.ClosedAt == nil || !r.ClosedAt.Before(end) {
			d.Status = decision.StatusOpen
			p.Board.Required = append(p.Board.Required, d)
			continue
		}
		closed := r.ClosedAt.UTC()
		d.Decision, d.MeetingDate, d.Minute, d.ClosedBy, d.ClosedAt = r.Decision.Decision, r.MeetingDate, r.Minute, r.ClosedBy, &closed
		p.Board.Decided = append(p.Board.Decided, d)
	}
	return nil
}

// loadPackBoardActions reads the board's action log as it stood at the
// quarter's end, in one statement: the actions open then and those done
// during the quarter. A whole-plan pack has no board and no log.
func loadPackBoardActions(db *gorm.DB, p *Pack, board *models.Board) error {
	if board == nil {
		p.Board.WholePlan = true
		return nil
	}
	start, end := p.Quarter.Start(), p.Quarter.End()
	var rows []decision.BoardAction
	err := db.Where("board_id = ? AND created_at < ? AND (status = ? OR done_at >= ?)", board.ID, end, decision.ActionOpen, start).
		Order("id").Limit(MaxDecisions + 1).Find(&rows).Error
	if err != nil {
		return fmt.Errorf("loading the board's actions: %w", err)
	}
	if len(rows) > MaxDecisions {
		return models.Invalid("board", "%s has more than %d board actions to report, too many for one pack", p.BoardName, MaxDecisions)
	}
	endDay := end.Format(time.DateOnly)
	var open, done []BoardAction
	for _, r := range rows {
		b := BoardAction{ID: r.ID, Title: r.Title, Owner: r.Owner, Due: r.Due, MeetingDate: r.MeetingDate, Status: decision.ActionOpen}
		if r.Status == decision.ActionDone && r.DoneAt != nil && r.DoneAt.Before(end) {
			at := r.DoneAt.UTC()
			b.Status, b.DoneAt, b.DoneBy = decision.ActionDone, &at, r.DoneBy
			done = append(done, b)
			continue
		}
		b.Overdue = b.Due != "" && b.Due < endDay
		open = append(open, b)
	}
	p.Board.Actions = append(open, done...)
	return nil
}
