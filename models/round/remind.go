package round

import (
	"context"
	"fmt"
	"slices"
	"time"

	"gorm.io/gorm"

	"sendboard/models"
)

// DefaultReminderDays are the working days before the due date on which leads
// with outstanding actions are reminded; 0 is the due day itself.
var DefaultReminderDays = []int{7, 2, 0}

// MailRun counts what one run of the reminders job queued.
type MailRun struct {
	Rounds, Reminders, Escalations, Digests int
}

// RunMail queues, for every open round, the reminders due today (the
// working days in days before the due date), the one escalation after the due
// date, and the owner's digest on working days. Every mail carries a key of
// round, kind, day and person, so running it again the same day queues
// nothing new. now is read in loc for "today".
func RunMail(ctx context.Context, db *gorm.DB, now time.Time, loc *time.Location, days []int, mailer Mailer) (MailRun, error) {
	var run MailRun
	today := LocalDate(now, loc)
	var open []uint
	if err := db.WithContext(ctx).Model(&Round{}).Where("status = ?", StatusOpen).Order("id").Limit(maxRounds).Pluck("id", &open).Error; err != nil {
		return run, err
	}
	for _, id := range open {
		err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
			return remindRound(ctx, tx, id, now, today, loc, days, mailer, &run)
		})
		if err != nil {
			return run, fmt.Errorf("round %d: %w", id, err)
		}
		run.Rounds++
	}
	return run, nil
}

func remindRound(ctx context.Context, tx *gorm.DB, id uint, now time.Time, today string, loc *time.Location, days []int, mailer Mailer, run *MailRun) error {
	r, err := Find(ctx, tx, id)
	if err != nil {
		return err
	}
	items, err := Items(ctx, tx, id)
	if err != nil {
		return err
	}
	var outstanding, answeredToday []Item
	for _, it := range items {
		switch {
		case it.AnsweredAt == nil:
			outstanding = append(outstanding, it)
		case LocalDate(*it.AnsweredAt, loc) == today:
			answeredToday = append(answeredToday, it)
		}
	}
	var mails []Mail
	key := func(kind string, day string, uid uint) *string {
		k := fmt.Sprintf("round:%d:%s:%s:user:%d", id, kind, day, uid)
		return &k
	}
	opened := LocalDate(r.OpenedAt, loc)
	if today > opened && today <= r.Due && len(outstanding) > 0 {
		for _, n := range slices.Backward(slices.Sorted(slices.Values(days))) {
			if WorkingDaysBefore(r.Due, n) != today {
				continue
			}
			kind := MailReminder
			if n == 0 {
				kind = MailDueToday
			}
			ms, err := leadMails(ctx, tx, mailer, kind, r, outstanding, n, now)
			if err != nil {
				return err
			}
			for i := range ms {
				ms[i].DedupeKey = key(kind, today, *ms[i].UserID)
			}
			mails = append(mails, ms...)
			break
		}
	}
	reminders, err := queueMail(tx, mails, now)
	if err != nil {
		return err
	}
	run.Reminders += reminders
	if today > r.Due && len(outstanding) > 0 {
		n, err := escalate(ctx, tx, r, outstanding, now, mailer)
		if err != nil {
			return err
		}
		run.Escalations += n
	}
	if IsWorkingDay(today) && today > opened {
		n, err := digest(ctx, tx, r, today, items, answeredToday, outstanding, now, mailer, key(MailDigest, today, r.OwnerID))
		if err != nil {
			return err
		}
		run.Digests += n
	}
	return nil
}

// escalate sends, once per round, the actions still outstanding after the due
// date to the people answerable for them: whoever holds the action's SRO lead
// role, or the round's owner for actions with no SRO (or none signed up);
// a disabled account is written to by neither path.
func escalate(ctx context.Context, tx *gorm.DB, r *Round, outstanding []Item, now time.Time, mailer Mailer) (int, error) {
	var sroIDs []uint
	for _, it := range outstanding {
		if it.SROID != nil && !slices.Contains(sroIDs, *it.SROID) {
			sroIDs = append(sroIDs, *it.SROID)
		}
	}
	var holders []leadUser
	if len(sroIDs) > 0 {
		err := tx.WithContext(ctx).Table("user_leads ul").Select("ul.lead_id, users.*").
			Joins("JOIN users ON users.id = ul.user_id").
			Where("ul.lead_id IN ? AND users.disabled = ? AND users.role IN ?", sroIDs, false, []string{models.RoleLead, models.RoleBoard, models.RoleAdmin}).
			Order("users.id").Scan(&holders).Error
		if err != nil {
			return 0, err
		}
	}
	users := map[uint]models.User{r.OwnerID: r.Owner}
	items := map[uint][]Item{}
	var order []uint
	add := func(uid uint, it Item) {
		if _, ok := items[uid]; !ok {
			order = append(order, uid)
		}
		items[uid] = append(items[uid], it)
	}
	for _, it := range outstanding {
		found := false
		for _, h := range holders {
			if it.SROID != nil && h.LeadID == *it.SROID {
				users[h.User.ID], found = h.User, true
				add(h.User.ID, it)
			}
		}
		if !found && !r.Owner.Disabled {
			add(r.OwnerID, it)
		}
	}
	var mails []Mail
	for _, uid := range order {
		lm := LeadMail{Kind: MailEscalation, Round: r, To: users[uid], Items: items[uid]}
		if wantsAnswerLinks(mailer) {
			var err error
			if lm.AnswerToken, err = newAnswerLink(tx, r, uid, now); err != nil {
				return 0, err
			}
		}
		m, err := mailer.LeadMail(lm)
		if err != nil {
			return 0, err
		}
		k := fmt.Sprintf("round:%d:%s:user:%d", r.ID, MailEscalation, uid)
		m.Kind, m.RoundID, m.UserID, m.DedupeKey = MailEscalation, &r.ID, &uid, &k
		m.ToAddr, m.ToName = users[uid].Email, users[uid].Name
		mails = append(mails, m)
	}
	n, err := queueMail(tx, mails, now)
	if err != nil || n == 0 {
		return n, err
	}
	ids := make([]uint, len(outstanding))
	for i, it := range outstanding {
		ids[i] = it.ActionID
	}
	for chunk := range chunks(ids, 5000) {
		if err := tx.Model(&Action{}).Where("round_id = ? AND action_id IN ? AND escalated_at IS NULL", r.ID, chunk).
			Update("escalated_at", now.UTC()).Error; err != nil {
			return 0, err
		}
	}
	return n, nil
}

// digest queues the owner's summary for today unless they turned digests off.
func digest(ctx context.Context, tx *gorm.DB, r *Round, today string, items, answeredToday, outstanding []Item, now time.Time, mailer Mailer, key *string) (int, error) {
	if r.Owner.Disabled {
		return 0, nil
	}
	off, err := DigestsOff(ctx, tx, r.OwnerID)
	if err != nil || off {
		return 0, err
	}
	m, err := mailer.DigestMail(Digest{Round: r, To: r.Owner, Day: today, AnsweredToday: answeredToday, Outstanding: outstanding,
		Requested: len(items), Answered: len(items) - len(outstanding)})
	if err != nil {
		return 0, err
	}
	m.Kind, m.RoundID, m.UserID, m.DedupeKey = MailDigest, &r.ID, &r.OwnerID, key
	m.ToAddr, m.ToName = r.Owner.Email, r.Owner.Name
	return queueMail(tx, []Mail{m}, now)
}

// DigestOptOut records that a user wants no round digests.
type DigestOptOut struct {
	UserID    uint `gorm:"primaryKey;autoIncrement:false"`
	CreatedAt time.Time
}

// DigestsOff reports whether the user turned round digests off.
func DigestsOff(ctx context.Context, db *gorm.DB, userID uint) (bool, error) {
	var n int64
	err := db.WithContext(ctx).Model(&DigestOptOut{}).Where("user_id = ?", userID).Count(&n).Error
	return n > 0, err
}

// SetDigests turns a user's round digests on or off. Requests and reminders
// about their own actions cannot be turned off.
func SetDigests(ctx context.Context, db *gorm.DB, userID uint, on bool, now time.Time) error {
	if on {
		return db.WithContext(ctx).Where("user_id = ?", userID).Delete(&DigestOptOut{}).Error
	}
	return db.WithContext(ctx).Clauses(onConflictNothing).Create(&DigestOptOut{UserID: userID, CreatedAt: now.UTC()}).Error
}

// TableName keeps the table's plain name.
func (DigestOptOut) TableName() string { return "digest_optouts" }
