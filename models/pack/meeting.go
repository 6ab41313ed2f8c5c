package pack

import (
	"context"
	"errors"

	"gorm.io/gorm"

	"sendboard/models"
	"sendboard/models/meeting"
)

// Meeting is the board meeting a pack was made for: its agenda opens the
// pack, so the pack is the board's whole paper.
type Meeting struct {
	ID     uint
	Date   string // YYYY-MM-DD
	Closed bool
	Agenda []meeting.Item
}

// DateText is the meeting's date for people, "22 January 2027".
func (m Meeting) DateText() string { return models.HumanDate(m.Date) }

// loadPackMeeting reads meeting id, of board b, whose day falls in the
// pack's quarter, with its agenda as it stands (as it was kept, once the
// meeting closed).
func loadPackMeeting(ctx context.Context, db *gorm.DB, p *Pack, b *models.Board, id uint) error {
	if b == nil {
		return models.Invalid("meeting", "A whole-plan pack is not made for a board meeting: choose the meeting's board")
	}
	m, err := meeting.Find(ctx, db, id)
	if errors.Is(err, models.ErrNotFound) {
		return models.Invalid("meeting", "There is no meeting %d", id)
	}
	if err != nil {
		return err
	}
	if m.BoardID != b.ID {
		return models.Invalid("meeting", "Meeting %d is not a meeting of the %s", id, b.Name)
	}
	if q := models.QuarterOf(m.Day()); q.SortKey() != p.Quarter.SortKey() {
		return models.Invalid("quarter", "The meeting on %s falls in %s, not %s", models.HumanDate(m.Date), q.String(), p.Quarter.String())
	}
	items, err := meeting.Agenda(ctx, db, m, *b)
	if err != nil {
		return err
	}
	p.Meeting = &Meeting{ID: m.ID, Date: m.Date, Closed: m.Closed(), Agenda: items}
	return nil
}
