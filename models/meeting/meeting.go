package meeting

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"sendboard/models"
	"sendboard/models/decision"
)

// Statuses of a meeting.
const (
	StatusOpen   = "open"
	StatusClosed = "closed"
)

// MaxList bounds how many meetings one listing reads.
const MaxList = 200

// Meeting is a meeting of a board on a day.
type Meeting struct {
	ID       uint `gorm:"primaryKey"`
	BoardID  uint
	Date     string // YYYY-MM-DD
	Status   string
	OpenedBy string
	OpenedAt time.Time
	ClosedBy string
	ClosedAt *time.Time
}

// TableName keeps the table's name.
func (Meeting) TableName() string { return "meetings" }

// Day is the meeting's date as a time (zero if unreadable).
func (m Meeting) Day() time.Time {
	t, _ := time.Parse(time.DateOnly, m.Date)
	return t
}

// Closed reports whether the minutes are locked.
func (m Meeting) Closed() bool { return m.Status == StatusClosed }

// CanManage reports whether u may open the board's meetings and edit their
// agenda and minutes: a member of that board, or an admin.
func CanManage(u *models.User, boardID uint) bool {
	return decision.CanDecide(u, boardID)
}

// Open adds a meeting of the board on the day given, audited. A board meets
// once a day: a second meeting on the same day is refused with the first as
// the conflict's Current.
func Open(ctx context.Context, db *gorm.DB, actor *models.User, board models.Board, day models.DateParts, now time.Time) (*Meeting, error) {
	if !CanManage(actor, board.ID) {
		return nil, models.ErrForbidden
	}
	t, err := day.Parse("date", "Meeting date")
	if err != nil {
		return nil, err
	}
	m := &Meeting{BoardID: board.ID, Date: t.Format(time.DateOnly), Status: StatusOpen, OpenedBy: actor.Name, OpenedAt: now}
	err = db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var existing Meeting
		err := tx.Where("board_id = ? AND date = ?", board.ID, m.Date).Take(&existing).Error
		if err == nil {
			return &models.ConflictError{Message: fmt.Sprintf("The %s already has a meeting on %s", board.Name, models.HumanDate(m.Date)), Current: &existing}
		}
		if !errors.Is(err, gorm.ErrRecordNotFound) {
			return err
		}
		if err := tx.Create(m).Error; err != nil {
			return err
		}
		return audit(tx, actor, m, "status", "", "opened: "+board.Name+" "+m.Date, now)
	})
	if err != nil {
		return nil, err
	}
	return m, nil
}

// Find is one meeting.
func Find(ctx context.Context, db *gorm.DB, id uint) (*Meeting, error) {
	var m Meeting
	err := db.WithContext(ctx).Where("id = ?", id).Take(&m).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, models.ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	return &m, nil
}

// List is the board's meetings, the latest first, at most limit, and how
// many there are.
func List(ctx context.Context, db *gorm.DB, boardID uint, limit int) ([]Meeting, int64, error) {
	var total int64
	q := db.WithContext(ctx).Model(&Meeting{}).Where("board_id = ?", boardID)
	if err := q.Session(&gorm.Session{}).Count(&total).Error; err != nil {
		return nil, 0, err
	}
	var out []Meeting
	err := q.Order("date DESC, id DESC").Limit(min(max(limit, 1), MaxList)).Find(&out).Error
	return out, total, err
}

// Operator is the actor of the command line, run by whoever runs the
// server: an admin with no account, audited by name.
func Operator() *models.User {
	return &models.User{Name: "sendboard command line", Role: models.RoleAdmin}
}

// audit records a change to the meeting's minutes or status.
func audit(tx *gorm.DB, actor *models.User, m *Meeting, field, before, after string, now time.Time) error {
	var userID *uint
	if actor.ID != 0 {
		userID = &actor.ID
	}
	return tx.Create(&models.AuditEntry{Subject: fmt.Sprintf("meeting %d", m.ID), UserID: userID,
		AuthorName: actor.Name, Kind: "meeting", Field: field, BeforeValue: before, AfterValue: after, CreatedAt: now}).Error
}
