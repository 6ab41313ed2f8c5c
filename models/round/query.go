package round

import (
	"cmp"
	"context"
	"errors"
	"time"

	"gorm.io/gorm"

	"sendboard/models"
)

// maxRounds bounds one listing of rounds.
const maxRounds = 500

// Summary is a round with its counts, as the list and the API show it.
type Summary struct {
	ID        uint
	Due       string
	Meeting   *string
	Status    string
	OpenedAt  time.Time
	PlanSlug  string
	PlanName  string
	BoardName *string
	BoardSlug *string
	OwnerName string
	Requested int
	Answered  int
}

// List returns the newest rounds first with how many actions each asked
// about and how many have been answered, in one query.
func List(ctx context.Context, db *gorm.DB) ([]Summary, error) {
	var out []Summary
	err := db.WithContext(ctx).Table("rounds r").
		Select(`r.id, r.due, r.meeting, r.status, r.opened_at, p.slug AS plan_slug, p.name AS plan_name,
			b.name AS board_name, b.slug AS board_slug, u.name AS owner_name,
			(SELECT COUNT(*) FROM round_actions ra WHERE ra.round_id = r.id) AS requested,
			(SELECT COUNT(*) FROM round_actions ra WHERE ra.round_id = r.id AND ra.answered_at IS NOT NULL) AS answered`).
		Joins("JOIN plans p ON p.id = r.plan_id").Joins("JOIN users u ON u.id = r.owner_id").
		Joins("LEFT JOIN boards b ON b.id = r.board_id").
		Order("r.id DESC").Limit(maxRounds).Scan(&out).Error
	return out, err
}

// Find loads a round with its plan, board and owner.
func Find(ctx context.Context, db *gorm.DB, id uint) (*Round, error) {
	var r Round
	err := db.WithContext(ctx).Joins("Plan").Joins("Board").Joins("Owner").Take(&r, "rounds.id = ?", id).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, models.ErrNotFound
	}
	return &r, err
}

// Items lists every action a round asked about, in plan order, with its
// lead, area, answer and latest update, in one query.
func Items(ctx context.Context, db *gorm.DB, roundID uint) ([]Item, error) {
	var out []Item
	err := db.WithContext(ctx).Table("round_actions ra").
		Select(`a.id AS action_id, a.number, a.action_text AS text, a.status, a.rag, ra.lead_id, l.name AS lead,
			pa.title AS area, ra.answered_at, u.name AS answered_by, a.last_update_at AS updated_at, a.sro_id`).
		Joins("JOIN actions a ON a.id = ra.action_id").
		Joins("JOIN priority_areas pa ON pa.id = a.priority_area_id").
		Joins("LEFT JOIN leads l ON l.id = ra.lead_id").
		Joins("LEFT JOIN users u ON u.id = ra.answered_by_id").
		Where("ra.round_id = ?", roundID).Order("a.major, a.minor").Limit(maxRoundActions).Scan(&out).Error
	if err != nil {
		return nil, err
	}
	leads, err := models.LeadsIn(ctx, db, "SELECT action_id FROM round_actions WHERE round_id = ?", roundID)
	setLeads(out, leads)
	return out, err
}

// CanManage reports whether u may close, reopen or make the pack of r: an
// admin, or a current member of its board. Having opened the round is not
// enough once its owner has left the board, and a round over the whole plan
// is an admin's.
func CanManage(u *models.User, r *Round) bool {
	if u.AtLeast(models.RoleAdmin) {
		return true
	}
	return u.AtLeast(models.RoleBoard) && r.BoardID != nil && u.MemberOfBoard(*r.BoardID)
}

// Close closes an open round: it then sends no more reminders or digests.
func Close(ctx context.Context, db *gorm.DB, actor *models.User, id uint, now time.Time) (*Round, error) {
	r, err := Find(ctx, db, id)
	if err != nil {
		return nil, err
	}
	if !CanManage(actor, r) {
		return nil, models.ErrForbidden
	}
	res := db.WithContext(ctx).Model(&Round{}).Where("id = ? AND status = ?", id, StatusOpen).
		Updates(map[string]any{"status": StatusClosed, "closed_at": now.UTC(), "closed_by_id": actor.ID})
	if res.Error != nil {
		return nil, res.Error
	}
	if res.RowsAffected == 0 {
		return nil, &models.ConflictError{Message: "This round is already closed."}
	}
	r.Status = StatusClosed
	t := now.UTC()
	r.ClosedAt, r.ClosedByID = &t, &actor.ID
	return r, nil
}

// Reopen opens a closed round again, so its reminders and digests resume. A
// round of the same board, plan and due date opened since stops it.
func Reopen(ctx context.Context, db *gorm.DB, actor *models.User, id uint) (*Round, error) {
	r, err := Find(ctx, db, id)
	if err != nil {
		return nil, err
	}
	if !CanManage(actor, r) {
		return nil, models.ErrForbidden
	}
	res := db.WithContext(ctx).Model(&Round{}).Where("id = ? AND status = ?", id, StatusClosed).
		Updates(map[string]any{"status": StatusOpen, "closed_at": nil, "closed_by_id": nil})
	if errors.Is(res.Error, gorm.ErrDuplicatedKey) {
		s := &scope{plan: r.Plan, board: r.Board, due: r.Due}
		if other, err := findOpen(ctx, db, s); err != nil || other != nil {
			return nil, cmp.Or(err, alreadyOpen(other))
		}
	}
	if res.Error != nil {
		return nil, res.Error
	}
	if res.RowsAffected == 0 {
		return nil, &models.ConflictError{Message: "This round is open already."}
	}
	r.Status, r.ClosedAt, r.ClosedByID = StatusOpen, nil, nil
	return r, nil
}
