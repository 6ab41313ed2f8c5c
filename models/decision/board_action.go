package decision

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"sendboard/models"
)

// Statuses of a board action.
const (
	ActionOpen = "open"
	ActionDone = "done"
)

// BoardAction is one of the board's own actions ("the chair to write to the
// ICB about therapy waits"), not an action of a plan.
type BoardAction struct {
	ID          uint `gorm:"primaryKey"`
	BoardID     uint
	Title       string
	OwnerID     *uint  // set when the owner is a user of sendboard
	Owner       string // the user's name as it was, or the name given
	Due         string // YYYY-MM-DD, optional
	MeetingDate string // YYYY-MM-DD: the meeting that set it
	Status      string
	CreatedBy   string
	CreatedAt   time.Time
	DoneBy      string
	DoneAt      *time.Time
}

// TableName keeps the table's name.
func (BoardAction) TableName() string { return "board_actions" }

// Overdue reports whether an open action's due date has passed on now.
func (b BoardAction) Overdue(now time.Time) bool {
	return b.Status == ActionOpen && b.Due != "" && b.Due < now.Format(time.DateOnly)
}

// ActionInput is what is given when setting a board action.
type ActionInput struct {
	Title   string
	Owner   string // a user's email, or a name
	Due     models.DateParts
	Meeting models.DateParts
}

// AddAction sets a board action, audited: by a member of the board or an
// admin. An owner given as a user's email links the user.
func AddAction(ctx context.Context, db *gorm.DB, actor *models.User, board models.Board, in ActionInput, now time.Time) (*BoardAction, error) {
	if !CanDecide(actor, board.ID) {
		return nil, models.ErrForbidden
	}
	var b *BoardAction
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var errs models.FieldErrors
		in.Title, in.Owner = strings.TrimSpace(in.Title), strings.TrimSpace(in.Owner)
		switch {
		case in.Title == "":
			errs.Add("title", "Enter what the board asked to be done")
		case utf8.RuneCountInString(in.Title) > MaxQuestion:
			errs.Add("title", "Action must be %d characters or fewer", MaxQuestion)
		}
		b = &BoardAction{BoardID: board.ID, Title: in.Title, Status: ActionOpen, CreatedBy: actor.Name, CreatedAt: now}
		switch {
		case in.Owner == "":
			errs.Add("owner", "Enter who owns the action: a name or a user's email")
		case utf8.RuneCountInString(in.Owner) > 200:
			errs.Add("owner", "Owner must be 200 characters or fewer")
		case strings.Contains(in.Owner, "@"):
			u, err := models.FindUserByEmail(ctx, tx, in.Owner)
			switch {
			case errors.Is(err, models.ErrNotFound):
				errs.Add("owner", "No user has the email %s; give their name instead", in.Owner)
			case err != nil:
				return err
			default:
				b.OwnerID, b.Owner = &u.ID, u.Name
			}
		default:
			b.Owner = in.Owner
		}
		if !in.Due.Blank() {
			if t, err := in.Due.Parse("due", "Due date"); err != nil {
				errs = append(errs, err.(*models.InvalidError))
			} else {
				b.Due = t.Format(time.DateOnly)
			}
		}
		switch t, err := in.Meeting.Parse("meeting_date", "Meeting date"); {
		case err != nil:
			errs = append(errs, err.(*models.InvalidError))
		case t.After(now):
			errs.Add("meeting_date", "Meeting date must be today or in the past")
		default:
			b.MeetingDate = t.Format(time.DateOnly)
		}
		if err := errs.Err(); err != nil {
			return err
		}
		if err := tx.Create(b).Error; err != nil {
			return err
		}
		return audit(tx, actor, "board_action", nil, nil, fmt.Sprintf("board action %d", b.ID), "", "set: "+b.Title+" ("+b.Owner+")", now)
	})
	if err != nil {
		return nil, err
	}
	return b, nil
}

// MarkDone closes an open board action, audited. Marking a done one again
// is refused.
func MarkDone(ctx context.Context, db *gorm.DB, actor *models.User, board models.Board, id uint, now time.Time) (*BoardAction, error) {
	if !CanDecide(actor, board.ID) {
		return nil, models.ErrForbidden
	}
	var b BoardAction
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		err := tx.Where("board_id = ? AND id = ?", board.ID, id).Take(&b).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return models.ErrNotFound
		}
		if err != nil {
			return err
		}
		if b.Status != ActionOpen {
			return &models.ConflictError{Message: "This board action is already done", Current: &b}
		}
		res := tx.Model(&BoardAction{}).Where("id = ? AND status = ?", b.ID, ActionOpen).
			Updates(map[string]any{"status": ActionDone, "done_by": actor.Name, "done_at": now})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return &models.ConflictError{Message: "This board action is already done", Current: &b}
		}
		b.Status, b.DoneBy, b.DoneAt = ActionDone, actor.Name, &now
		return audit(tx, actor, "board_action", nil, nil, fmt.Sprintf("board action %d", b.ID), ActionOpen, ActionDone, now)
	})
	if err != nil {
		return nil, err
	}
	return &b, nil
}

// Actions are a board's actions, open ones first (oldest first, as they are
// carried to each meeting), then the done ones, newest first; at most limit,
// with how many there are of each.
type Actions struct {
	Items      []BoardAction
	Open, Done int64
}

// ListActions reads the board's actions: open only when openOnly.
func ListActions(ctx context.Context, db *gorm.DB, boardID uint, openOnly bool, limit int) (*Actions, error) {
	var out Actions
	var counts []struct {
		Status string
		N      int64
	}
	if err := db.WithContext(ctx).Model(&BoardAction{}).Select("status, COUNT(*) AS n").Where("board_id = ?", boardID).
		Group("status").Scan(&counts).Error; err != nil {
		return nil, err
	}
	for _, c := range counts {
		if c.Status == ActionOpen {
			out.Open = c.N
		} else {
			out.Done += c.N
		}
	}
	q := db.WithContext(ctx).Where("board_id = ?", boardID)
	if openOnly {
		q = q.Where("status = ?", ActionOpen)
	}
	err := q.Order("CASE WHEN status = 'open' THEN 0 ELSE 1 END, CASE WHEN status = 'open' THEN id ELSE -id END").
		Limit(limit).Find(&out.Items).Error
	if err != nil {
		return nil, err
	}
	return &out, nil
}
