package round

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"sendboard/models"
)

// maxRoundActions bounds one round; a real plan has a few hundred actions.
const maxRoundActions = 50_000

// Item is one action as a round's emails and tracker show it.
type Item struct {
	ActionID     uint
	Number       string
	Text         string
	Status       string
	RAG          string
	LeadID       *uint    // the first lead
	Lead         string   // every lead's name, "LA, ICB"
	LeadIDs      []uint   `gorm:"-"` // every lead in order; see attachLeads
	LeadNames    []string `gorm:"-"` // their names
	Area         string
	AnsweredAt   *time.Time
	AnsweredBy   string
	UpdatedAt    *time.Time // the action's latest update, for the API
	SROID        *uint      `gorm:"column:sro_id"` // the lead role accountable for the action, escalated to
	AnsweredByID *uint      `gorm:"-"`
}

// LeadMail is one email to a person about some of a round's actions: the
// request when it opens, a reminder, or the escalation after the due date.
type LeadMail struct {
	Kind        string // MailRequest, MailReminder, MailDueToday or MailEscalation
	Round       *Round
	To          models.User
	Items       []Item
	WorkingDays int // working days left until the due date, for reminders
	// AnswerToken is the recipient's personal link token ("" when the
	// deployment turns the links off): /answer/{token} signs them in to
	// answer this round only.
	AnswerToken string
}

// Digest is the round owner's daily summary.
type Digest struct {
	Round         *Round
	To            models.User
	Day           string
	AnsweredToday []Item
	Outstanding   []Item
	Requested     int
	Answered      int
}

// Mailer words the emails of rounds; the application renders them.
type Mailer interface {
	LeadMail(LeadMail) (Mail, error)
	DigestMail(Digest) (Mail, error)
}

// LocalDate is now's calendar date in loc, as YYYY-MM-DD.
func LocalDate(now time.Time, loc *time.Location) string {
	return now.In(loc).Format(models.DateLayout)
}

// Open opens a round over the actions in scope that are not complete and
// signed off, and queues one request to each person holding the lead role of
// at least one of them, listing their actions, in the same transaction. It
// returns the round and how many requests were queued.
//
// A round is opened once: a second request for the board, plan and due date
// of a round still open, or a second use of in.Token, opens nothing and
// returns a *models.ConflictError whose Current is the round already open.
func Open(ctx context.Context, db *gorm.DB, actor *models.User, in Input, now time.Time, loc *time.Location, mailer Mailer) (*Round, int, error) {
	var r *Round
	queued := 0
	var s *scope
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		if s, err = validate(ctx, tx, actor, in, LocalDate(now, loc)); err != nil {
			return err
		}
		if err := useToken(tx, in.Token, actor, now); err != nil {
			return err
		}
		if existing, err := findOpen(ctx, tx, s); err != nil || existing != nil {
			return cmp.Or(err, alreadyOpen(existing))
		}
		items, err := scopeItems(ctx, tx, s)
		if err != nil {
			return err
		}
		r = &Round{PlanID: s.plan.ID, BoardID: nil, Scope: s.scope, Due: s.due, Meeting: s.meeting, Message: s.message,
			Status: StatusOpen, OwnerID: actor.ID, OpenedAt: now.UTC(), Plan: s.plan, Board: s.board, Owner: *actor}
		if s.board != nil {
			r.BoardID = &s.board.ID
		}
		if err := tx.Omit("Plan", "Board", "Owner").Create(r).Error; err != nil {
			return err
		}
		if in.Token != "" {
			if err := tx.Model(&FormToken{}).Where("token = ?", in.Token).Update("round_id", r.ID).Error; err != nil {
				return err
			}
		}
		links := make([]Action, len(items))
		for i, it := range items {
			links[i] = Action{RoundID: r.ID, ActionID: it.ActionID, LeadID: it.LeadID}
		}
		if err := tx.CreateInBatches(links, 1000).Error; err != nil {
			return err
		}
		mails, err := leadMails(ctx, tx, mailer, MailRequest, r, items, 0, now)
		if err != nil {
			return err
		}
		queued, err = queueMail(tx, mails, now)
		return err
	})
	if errors.Is(err, gorm.ErrDuplicatedKey) && s != nil {
		// Another request opened the same round between our check and our
		// insert; the unique index refused ours.
		existing, ferr := findOpen(ctx, db, s)
		if ferr != nil {
			return nil, 0, ferr
		}
		if existing != nil {
			return nil, 0, alreadyOpen(existing)
		}
	}
	if err != nil {
		return nil, 0, err
	}
	return r, queued, nil
}

// findOpen finds the open round of s's board, plan and due date, or nil.
func findOpen(ctx context.Context, db *gorm.DB, s *scope) (*Round, error) {
	q := db.WithContext(ctx).Model(&Round{}).Where("plan_id = ? AND due = ? AND status = ?", s.plan.ID, s.due, StatusOpen)
	if s.board != nil {
		q = q.Where("board_id = ?", s.board.ID)
	} else {
		q = q.Where("board_id IS NULL")
	}
	var ids []uint
	if err := q.Limit(1).Pluck("id", &ids).Error; err != nil || len(ids) == 0 {
		return nil, err
	}
	return Find(ctx, db, ids[0])
}

// alreadyOpen is the refusal of a second round; Current is the open one.
func alreadyOpen(r *Round) error {
	return &models.ConflictError{Message: fmt.Sprintf("%s is already open (round %d).", r.Title(), r.ID), Current: r}
}

// scopeItems lists the actions a new round asks about, in plan order.
func scopeItems(ctx context.Context, tx *gorm.DB, s *scope) ([]Item, error) {
	q, err := models.ScopeActions(ctx, tx.Session(&gorm.Session{NewDB: true}), s.plan.ID, s.filter)
	if err != nil {
		return nil, err
	}
	var items []Item
	err = q.Model(&models.Action{}).
		Select("actions.id AS action_id, actions.number, actions.action_text AS text, actions.status, actions.rag, actions.lead_id, leads.name AS lead").
		Joins("LEFT JOIN leads ON leads.id = actions.lead_id").
		Where("NOT (actions.status = ? AND actions.signed_off_at IS NOT NULL)", models.StatusComplete).
		Order("actions.major, actions.minor").Limit(maxRoundActions + 1).Scan(&items).Error
	if err == nil && len(items) <= maxRoundActions {
		err = attachLeads(ctx, tx, items)
	}
	switch {
	case err != nil:
		return nil, err
	case len(items) == 0:
		return nil, models.Invalid("scope", "No actions in this scope need an update: each is complete and signed off, or none match")
	case len(items) > maxRoundActions:
		return nil, models.Invalid("scope", "A round can ask about at most %d actions; narrow the filter", maxRoundActions)
	}
	return items, nil
}

// leadUser is a person holding a lead role, as the round emails need them.
type leadUser struct {
	LeadID uint
	models.User
}

// attachLeads sets each item's LeadIDs and names all its leads, in one query
// per thousand items (see Items for a round's, in one).
func attachLeads(ctx context.Context, tx *gorm.DB, items []Item) error {
	ids := make([]uint, len(items))
	for i := range items {
		ids[i] = items[i].ActionID
	}
	leads, err := models.LeadsOf(ctx, tx, ids)
	if err != nil {
		return err
	}
	setLeads(items, leads)
	return nil
}

// setLeads gives each item its leads from leads, by action.
func setLeads(items []Item, leads map[uint][]models.Lead) {
	for i := range items {
		ls := leads[items[i].ActionID]
		if len(ls) == 0 {
			continue
		}
		items[i].LeadIDs = make([]uint, len(ls))
		names := make([]string, len(ls))
		for j, l := range ls {
			items[i].LeadIDs[j], names[j] = l.ID, l.Name
		}
		items[i].Lead, items[i].LeadNames = strings.Join(names, ", "), names
	}
}

// leadRecipients is everyone a round's emails go to for the lead roles
// leadIDs: the people holding each role, in one query, leaving out disabled
// accounts and viewers. Who hears about an action is decided here alone.
func leadRecipients(ctx context.Context, tx *gorm.DB, leadIDs []uint) ([]leadUser, error) {
	var holders []leadUser
	if len(leadIDs) == 0 {
		return nil, nil
	}
	err := tx.WithContext(ctx).Table("user_leads ul").Select("ul.lead_id, users.*").
		Joins("JOIN users ON users.id = ul.user_id").
		Where("ul.lead_id IN ? AND users.disabled = ? AND users.role IN ?",
			leadIDs, false, []string{models.RoleLead, models.RoleBoard, models.RoleAdmin}).
		Order("users.id").Scan(&holders).Error
	return holders, err
}

// itemLeads lists the distinct lead roles of items, every lead of each.
func itemLeads(items []Item) []uint {
	var ids []uint
	seen := map[uint]bool{}
	for _, it := range items {
		for _, id := range it.leadIDs() {
			if !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
	}
	return ids
}

// leadMails builds one email per person holding the lead role of at least one
// of items (any of an item's leads), listing those items. Disabled accounts
// and viewers get nothing.
func leadMails(ctx context.Context, tx *gorm.DB, mailer Mailer, kind string, r *Round, items []Item, days int, now time.Time) ([]Mail, error) {
	holders, err := leadRecipients(ctx, tx, itemLeads(items))
	if err != nil {
		return nil, err
	}
	byLead := map[uint][]uint{}
	users := map[uint]models.User{}
	var order []uint
	for _, h := range holders {
		if _, seen := users[h.User.ID]; !seen {
			order = append(order, h.User.ID)
		}
		users[h.User.ID] = h.User
		byLead[h.LeadID] = append(byLead[h.LeadID], h.User.ID)
	}
	perUser := map[uint][]Item{}
	for _, it := range items {
		var asked []uint // each person once per item, though they hold two of its leads
		for _, lid := range it.leadIDs() {
			for _, uid := range byLead[lid] {
				if !slices.Contains(asked, uid) {
					asked = append(asked, uid)
					perUser[uid] = append(perUser[uid], it)
				}
			}
		}
	}
	var out []Mail
	for _, uid := range order {
		if len(perUser[uid]) == 0 {
			continue
		}
		lm := LeadMail{Kind: kind, Round: r, To: users[uid], Items: perUser[uid], WorkingDays: days}
		if wantsAnswerLinks(mailer) {
			if lm.AnswerToken, err = newAnswerLink(tx, r, uid, now); err != nil {
				return nil, err
			}
		}
		m, err := mailer.LeadMail(lm)
		if err != nil {
			return nil, fmt.Errorf("writing the %s to %s: %w", kind, users[uid].Email, err)
		}
		m.Kind, m.RoundID, m.UserID = kind, &r.ID, &uid
		m.ToAddr, m.ToName = users[uid].Email, users[uid].Name
		out = append(out, m)
	}
	return out, nil
}

// chunks splits ids into slices of at most n, for bounded IN lists.
func chunks(ids []uint, n int) func(func([]uint) bool) {
	return func(yield func([]uint) bool) {
		for len(ids) > 0 {
			k := min(n, len(ids))
			if !yield(ids[:k]) {
				return
			}
			ids = ids[k:]
		}
	}
}

// leadIDs are every lead of the item: its LeadIDs, or its first lead when
// they were not loaded.
func (it Item) leadIDs() []uint {
	if it.LeadIDs != nil {
		return it.LeadIDs
	}
	if it.LeadID != nil {
		return []uint{*it.LeadID}
	}
	return nil
}
