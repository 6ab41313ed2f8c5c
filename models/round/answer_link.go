package round

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"

	"sendboard/models"
)

// AnswerLinkDays is how long after a round's due date its emailed links keep
// working, unless the round closes first.
const AnswerLinkDays = 14

// AnswerLinkPrefix starts every emailed link's token so a leaked one is
// recognisable.
const AnswerLinkPrefix = "sba_"

// AnswerLink is a personal link in a round email: following it signs one
// person into a session that may only answer that round. Only the token's
// hash is stored.
type AnswerLink struct {
	ID         uint `gorm:"primaryKey"`
	TokenHash  string
	RoundID    uint
	UserID     uint
	CreatedAt  time.Time
	ExpiresAt  time.Time
	LastUsedAt *time.Time
}

// answerLinker is a Mailer whose emails carry answer links; a deployment
// that turns them off answers false.
type answerLinker interface{ AnswerLinks() bool }

// wantsAnswerLinks reports whether mailer's emails carry answer links.
func wantsAnswerLinks(mailer Mailer) bool {
	l, ok := mailer.(answerLinker)
	return ok && l.AnswerLinks()
}

// AnswerUntil is when the links of a round due on due stop working: the end
// of the AnswerLinkDays-th day after it (UTC).
func AnswerUntil(due string) time.Time {
	d, err := time.Parse(models.DateLayout, due)
	if err != nil {
		return time.Time{}
	}
	return d.AddDate(0, 0, AnswerLinkDays+1)
}

// answerCutoff is the earliest due date whose links still work at now.
func answerCutoff(now time.Time) string {
	return now.UTC().AddDate(0, 0, -AnswerLinkDays).Format(models.DateLayout)
}

// newAnswerLink stores a link for userID to answer r, in tx, and returns its token.
func newAnswerLink(tx *gorm.DB, r *Round, userID uint, now time.Time) (string, error) {
	token, hash := models.NewSecret(AnswerLinkPrefix)
	l := AnswerLink{TokenHash: hash, RoundID: r.ID, UserID: userID, CreatedAt: now.UTC(), ExpiresAt: AnswerUntil(r.Due)}
	if err := tx.Create(&l).Error; err != nil {
		return "", err
	}
	return token, nil
}

// Followed is a live link followed: whose it is, the round it answers, and
// until when a session from it may last.
type Followed struct {
	User  *models.User
	Round *Round
	Until time.Time
}

// FollowAnswerLink checks an emailed link's token. An unknown token, a round
// no longer open, a link past its time and a disabled account are all
// refused alike with models.ErrUnauthorized.
func FollowAnswerLink(ctx context.Context, db *gorm.DB, token string, now time.Time) (*Followed, error) {
	var l AnswerLink
	err := db.WithContext(ctx).Where("token_hash = ?", models.HashSecret(token)).Take(&l).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, models.ErrUnauthorized
	}
	if err != nil {
		return nil, err
	}
	if !now.Before(l.ExpiresAt) {
		return nil, models.ErrUnauthorized
	}
	r, err := Find(ctx, db, l.RoundID)
	if err != nil {
		return nil, models.NotFoundAs(err, models.ErrUnauthorized)
	}
	if r.Status != StatusOpen || !now.Before(AnswerUntil(r.Due)) {
		return nil, models.ErrUnauthorized
	}
	var u models.User
	if err := db.WithContext(ctx).Take(&u, l.UserID).Error; err != nil {
		return nil, models.NotFoundAs(err, models.ErrUnauthorized)
	}
	if u.Disabled || !u.AtLeast(models.RoleLead) {
		return nil, models.ErrUnauthorized
	}
	db.WithContext(ctx).Model(&AnswerLink{}).Where("id = ?", l.ID).Update("last_used_at", now.UTC())
	return &Followed{User: &u, Round: r, Until: l.ExpiresAt}, nil
}

// AnswerItem is one action a person is asked about in a round: what the
// landing page of their emailed link lists.
type AnswerItem struct {
	Number     string
	Text       string
	AnsweredAt *time.Time // when the round was answered for it, if it has been
}

// AnswerItems lists the actions in round roundID that userID leads (through
// any of their lead roles), in the plan's order, at most limit.
func AnswerItems(ctx context.Context, db *gorm.DB, roundID, userID uint, limit int) ([]AnswerItem, error) {
	var out []AnswerItem
	err := db.WithContext(ctx).Table("round_actions ra").
		Select("a.number, a.action_text AS text, ra.answered_at").
		Joins("JOIN actions a ON a.id = ra.action_id").
		Where("ra.round_id = ? AND EXISTS (SELECT 1 FROM action_leads al JOIN user_leads ul ON ul.lead_id = al.lead_id "+
			"WHERE al.action_id = ra.action_id AND ul.user_id = ?)", roundID, userID).
		Order("a.major, a.minor, a.number").Limit(limit).Scan(&out).Error
	return out, err
}

// AnswerAllows reports whether a session limited to answering round roundID
// may open or answer action number of plan planID as u: the round is still
// open and within its links' time, it asked about the action, and u holds
// one of the action's lead roles.
func AnswerAllows(ctx context.Context, db *gorm.DB, roundID uint, u *models.User, planID uint, number string, now time.Time) (bool, error) {
	if u == nil || u.Disabled {
		return false, nil
	}
	var n int64
	err := db.WithContext(ctx).Table("round_actions ra").
		Joins("JOIN rounds r ON r.id = ra.round_id").
		Joins("JOIN actions a ON a.id = ra.action_id").
		Joins("JOIN action_leads al ON al.action_id = a.id").
		Joins("JOIN user_leads ul ON ul.lead_id = al.lead_id").
		Where("ra.round_id = ? AND r.status = ? AND r.due >= ? AND a.plan_id = ? AND a.number = ? AND ul.user_id = ?",
			roundID, StatusOpen, answerCutoff(now), planID, number, u.ID).
		Count(&n).Error
	return n > 0, err
}

// AnswerLive reports whether a session limited to answering round roundID
// still may: the round is open and within its links' time.
func AnswerLive(ctx context.Context, db *gorm.DB, roundID uint, now time.Time) (bool, error) {
	var n int64
	err := db.WithContext(ctx).Model(&Round{}).
		Where("id = ? AND status = ? AND due >= ?", roundID, StatusOpen, answerCutoff(now)).Count(&n).Error
	return n > 0, err
}

// Asking is the open round that asks for an action's update, as the
// action's form shows it.
type Asking struct {
	Who     string // the round's board, or its plan for a plan-wide round
	Due     string // YYYY-MM-DD
	Meeting *string
}

// DueText is the due date for people, "14 January 2027".
func (a Asking) DueText() string { return models.HumanDate(a.Due) }

// MeetingText is the meeting's date for people, without its year when that
// is the due date's; "" without a meeting.
func (a Asking) MeetingText() string {
	if a.Meeting == nil {
		return ""
	}
	m, err := time.Parse(models.DateLayout, *a.Meeting)
	if err != nil {
		return ""
	}
	if len(a.Due) >= 4 && len(*a.Meeting) >= 4 && a.Due[:4] == (*a.Meeting)[:4] {
		return m.Format("2 January")
	}
	return models.HumanDate(*a.Meeting)
}

// AskingFor finds the open round asking for an update on action actionID,
// the soonest due when several are; nil when none is.
func AskingFor(ctx context.Context, db *gorm.DB, actionID uint) (*Asking, error) {
	var rows []Asking
	err := db.WithContext(ctx).Table("round_actions ra").
		Select("COALESCE(b.name, p.name) AS who, r.due, r.meeting").
		Joins("JOIN rounds r ON r.id = ra.round_id").
		Joins("JOIN plans p ON p.id = r.plan_id").
		Joins("LEFT JOIN boards b ON b.id = r.board_id").
		Where("ra.action_id = ? AND r.status = ?", actionID, StatusOpen).
		Order("r.due, r.id").Limit(1).Scan(&rows).Error
	if err != nil || len(rows) == 0 {
		return nil, err
	}
	return &rows[0], nil
}

// PurgeExpiredAnswerLinks deletes the links past their time and returns how
// many went; a closed round's links are refused already and go with time.
func PurgeExpiredAnswerLinks(ctx context.Context, db *gorm.DB, now time.Time) (int64, error) {
	res := db.WithContext(ctx).Where("expires_at <= ?", now.UTC()).Delete(&AnswerLink{})
	return res.RowsAffected, res.Error
}
