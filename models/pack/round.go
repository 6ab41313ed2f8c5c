package pack

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"sendboard/models"
	"sendboard/models/round"
)

// Round is the update round a pack was made from, with its figures as
// they stood when the pack was made.
type Round struct {
	ID                  uint
	BoardName           string // "" for a round over the whole plan
	Due                 string // YYYY-MM-DD
	Meeting             string // YYYY-MM-DD, "" when not set
	Requested, Answered int
}

// Words is how the pack's cover names the round: "Prepared for the SEND
// Improvement Board meeting on 22 January 2027. Update round: updates due 15
// January 2027, 38 of 40 actions answered."
func (r *Round) Words() string {
	s := ""
	switch {
	case r.Meeting != "" && r.BoardName != "":
		s = "Prepared for the " + r.BoardName + " meeting on " + models.HumanDate(r.Meeting) + ". "
	case r.Meeting != "":
		s = "Prepared for the meeting on " + models.HumanDate(r.Meeting) + ". "
	}
	return s + fmt.Sprintf("Update round: updates due %s, %d of %d actions answered.", models.HumanDate(r.Due), r.Answered, r.Requested)
}

// loadPackRound reads the round a pack is made from with its counts, in one
// statement.
func loadPackRound(db *gorm.DB, id uint) (*Round, error) {
	var row struct {
		ID                  uint
		BoardName           *string
		Due                 string
		Meeting             *string
		Requested, Answered int
	}
	err := db.Table("rounds r").Select(`r.id, b.name AS board_name, r.due, r.meeting,
			(SELECT COUNT(*) FROM round_actions ra WHERE ra.round_id = r.id) AS requested,
			(SELECT COUNT(*) FROM round_actions ra WHERE ra.round_id = r.id AND ra.answered_at IS NOT NULL) AS answered`).
		Joins("LEFT JOIN boards b ON b.id = r.board_id").Where("r.id = ?", id).Limit(1).Scan(&row).Error
	if err != nil {
		return nil, fmt.Errorf("reading the update round: %w", err)
	}
	if row.ID == 0 {
		return nil, models.Invalid("round", "there is no update round %d", id)
	}
	r := &Round{ID: row.ID, Due: row.Due, Requested: row.Requested, Answered: row.Answered}
	if row.BoardName != nil {
		r.BoardName = *row.BoardName
	}
	if row.Meeting != nil {
		r.Meeting = *row.Meeting
	}
	return r, nil
}

// RoundRequest is the pack a round makes: its board (or the whole plan), its
// plan and the quarter of its meeting.
type RoundRequest struct {
	Round        *round.Round
	Board, Plan  string // board slug or WholePlan; plan slug
	Quarter      models.Period
	MeetingOrDue string // the date the quarter was taken from
	CappedAtNow  bool   // the meeting falls in a later quarter than today's
	CanGenerate  bool   // the user may make this pack
}

// ForRound works out the pack round r makes for u as of today: the
// financial quarter holding the meeting (or the due date when no meeting is
// set), no later than the current quarter; the round's board, or the whole
// plan for a round over a plan; and the round's plan, since the round asked
// about that plan's actions.
func ForRound(ctx context.Context, db *gorm.DB, u *models.User, r *round.Round, today time.Time) (*RoundRequest, error) {
	rp := &RoundRequest{Round: r, Board: models.WholePlan, Plan: r.Plan.Slug, MeetingOrDue: r.Due}
	if r.Board != nil {
		rp.Board = r.Board.Slug
	}
	if r.Meeting != nil && *r.Meeting != "" {
		rp.MeetingOrDue = *r.Meeting
	}
	d, err := time.Parse(models.DateLayout, rp.MeetingOrDue)
	if err != nil {
		return nil, fmt.Errorf("round %d has a malformed date %q", r.ID, rp.MeetingOrDue)
	}
	rp.Quarter = models.QuarterOf(d)
	if now := models.QuarterOf(today); rp.Quarter.SortKey() > now.SortKey() {
		rp.Quarter, rp.CappedAtNow = now, true
	}
	if u != nil {
		rp.CanGenerate = models.MayGeneratePack(ctx, db, u, rp.Board, rp.Plan) == nil
	}
	return rp, nil
}
