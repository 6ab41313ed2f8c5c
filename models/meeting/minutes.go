package meeting

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"sendboard/models"
	"sendboard/models/decision"
)

// Attendance statuses.
const (
	Present   = "present"
	Apologies = "apologies"
)

// Bounds on what minutes hold, so one meeting cannot fill a board paper.
const (
	MaxNote   = 5000
	MaxTitle  = 500
	MaxLink   = 500
	MaxName   = 200
	MaxNames  = 50
	MaxReason = 1000
)

// Attendee is one person at (or sending apologies to) a meeting: a board
// member, or a name typed in.
type Attendee struct {
	ID        uint `gorm:"primaryKey"`
	MeetingID uint
	UserID    *uint
	Name      string
	Status    string
}

// TableName keeps the table's name.
func (Attendee) TableName() string { return "meeting_attendance" }

// Correction is a change to closed minutes, with its reason.
type Correction struct {
	ID         uint `gorm:"primaryKey"`
	MeetingID  uint
	Part       string // the agenda item the note belongs to
	BeforeText string
	AfterText  string
	Reason     string
	UserID     *uint
	UserName   string
	CreatedAt  time.Time
}

// TableName keeps the table's name.
func (Correction) TableName() string { return "meeting_corrections" }

// Member is a member of the board, as attendance lists them.
type Member struct {
	ID   uint
	Name string
}

// SignOff is a sign-off the board gave at the meeting.
type SignOff struct {
	ActionNumber, ActionText string
	PlanSlug                 string
	PlanDefault              bool
	SignedBy, Minute         string
}

// Record is the minutes besides the per-item notes: who came, what the
// board decided, signed off and set on the meeting's day, and the
// corrections made after it closed.
type Record struct {
	Members      []Member // the board's members, to tick
	Attendance   []Attendee
	Decisions    []decision.Decision
	SignOffs     []SignOff
	BoardActions []decision.BoardAction
	Corrections  []Correction
}

// ReadRecord reads the minutes of the meeting in six statements.
func ReadRecord(ctx context.Context, db *gorm.DB, m *Meeting) (*Record, error) {
	db = db.WithContext(ctx)
	var r Record
	if err := db.Table("users u").Select("u.id, u.name").Joins("JOIN user_boards ub ON ub.user_id = u.id").
		Where("ub.board_id = ? AND u.disabled = ?", m.BoardID, false).Order("u.name, u.id").Limit(MaxNames).Scan(&r.Members).Error; err != nil {
		return nil, fmt.Errorf("reading the board's members: %w", err)
	}
	if err := db.Where("meeting_id = ?", m.ID).Order("id").Find(&r.Attendance).Error; err != nil {
		return nil, fmt.Errorf("reading attendance: %w", err)
	}
	if err := db.Where("board_id = ? AND meeting_date = ? AND status = ?", m.BoardID, m.Date, decision.StatusDecided).
		Order("id").Limit(MaxPerKind).Find(&r.Decisions).Error; err != nil {
		return nil, fmt.Errorf("reading decisions taken: %w", err)
	}
	if err := db.Table("signoffs s").Select(`a.number AS action_number, a.action_text, p.slug AS plan_slug,
			p.is_default AS plan_default, s.signed_by, s.minute`).
		Joins("JOIN actions a ON a.id = s.action_id").Joins("JOIN plans p ON p.id = a.plan_id").
		Where("s.board_id = ? AND s.meeting_date = ?", m.BoardID, m.Date).Order("s.id").Limit(MaxPerKind).Scan(&r.SignOffs).Error; err != nil {
		return nil, fmt.Errorf("reading sign-offs given: %w", err)
	}
	if err := db.Where("board_id = ? AND meeting_date = ?", m.BoardID, m.Date).Order("id").Limit(MaxPerKind).Find(&r.BoardActions).Error; err != nil {
		return nil, fmt.Errorf("reading board actions set: %w", err)
	}
	if err := db.Where("meeting_id = ?", m.ID).Order("id").Limit(MaxPerKind * 4).Find(&r.Corrections).Error; err != nil {
		return nil, fmt.Errorf("reading corrections: %w", err)
	}
	return &r, nil
}

// Names lists the names of those with status, board members first.
func (r *Record) Names(status string) []string {
	var out []string
	for _, a := range r.Attendance {
		if a.Status == status {
			out = append(out, a.Name)
		}
	}
	return out
}

// Others is the typed-in names with status, one a line, as the form shows them.
func (r *Record) Others(status string) string {
	var out []string
	for _, a := range r.Attendance {
		if a.Status == status && a.UserID == nil {
			out = append(out, a.Name)
		}
	}
	return strings.Join(out, "\n")
}

// Marked reports whether board member id is recorded with status.
func (r *Record) Marked(id uint, status string) bool {
	return slices.ContainsFunc(r.Attendance, func(a Attendee) bool { return a.UserID != nil && *a.UserID == id && a.Status == status })
}

// MinutesInput is what the minutes form gives: the members ticked present
// or sending apologies, other names one a line, and the notes by item key.
type MinutesInput struct {
	Present, Apologies            []uint
	OthersPresent, OtherApologies string
	Notes                         map[string]string
}

// locked is the refusal of a change to a closed meeting's minutes.
func locked(m *Meeting) error {
	return &models.ConflictError{Message: fmt.Sprintf("The meeting of %s is closed and its minutes are locked; make a correction instead",
		models.HumanDate(m.Date)), Current: m}
}

// stillOpen re-reads the meeting in tx and refuses when it has closed.
func stillOpen(tx *gorm.DB, m *Meeting) error {
	var status string
	if err := tx.Model(&Meeting{}).Where("id = ?", m.ID).Pluck("status", &status).Error; err != nil {
		return err
	}
	if status != StatusOpen {
		m.Status = status
		return locked(m)
	}
	return nil
}

// SaveMinutes records attendance and the notes against the agenda items,
// audited, while the meeting is open. Every problem is reported at once.
func SaveMinutes(ctx context.Context, db *gorm.DB, actor *models.User, m *Meeting, items []Item, in MinutesInput, now time.Time) error {
	if !CanManage(actor, m.BoardID) {
		return models.ErrForbidden
	}
	if m.Closed() {
		return locked(m)
	}
	return db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := stillOpen(tx, m); err != nil {
			return err
		}
		var members []Member
		if err := tx.Table("users u").Select("u.id, u.name").Joins("JOIN user_boards ub ON ub.user_id = u.id").
			Where("ub.board_id = ?", m.BoardID).Scan(&members).Error; err != nil {
			return err
		}
		var errs models.FieldErrors
		var rows []Attendee
		seen := map[uint]bool{}
		for _, p := range []struct {
			ids    []uint
			status string
		}{{in.Present, Present}, {in.Apologies, Apologies}} {
			for _, id := range p.ids {
				i := slices.IndexFunc(members, func(x Member) bool { return x.ID == id })
				if i < 0 {
					errs.Add(p.status, "Choose members of the board from the list")
					break
				}
				if seen[id] {
					errs.Add("apologies", "%s is ticked as present and as sending apologies; choose one", members[i].Name)
					continue
				}
				seen[id] = true
				rows = append(rows, Attendee{MeetingID: m.ID, UserID: &members[i].ID, Name: members[i].Name, Status: p.status})
			}
		}
		for _, o := range []struct {
			text, status, field string
		}{{in.OthersPresent, Present, "others_present"}, {in.OtherApologies, Apologies, "other_apologies"}} {
			names := lines(o.text)
			if len(names) > MaxNames {
				errs.Add(o.field, "Give at most %d names", MaxNames)
				continue
			}
			for n, name := range names {
				if utf8.RuneCountInString(name) > MaxName {
					errs.Add(o.field, "Line %d: a name must be %d characters or fewer", n+1, MaxName)
					break
				}
				rows = append(rows, Attendee{MeetingID: m.ID, Name: name, Status: o.status})
			}
		}
		var notes []StoredItem
		for _, it := range items {
			note, ok := in.Notes[it.Key()]
			if !ok {
				continue
			}
			note = strings.TrimSpace(note)
			if utf8.RuneCountInString(note) > MaxNote {
				errs.Add("note-"+it.Key(), "The note on %q must be %d characters or fewer", clip(it.Title, 60), MaxNote)
				continue
			}
			if note == it.Note {
				continue
			}
			notes = append(notes, StoredItem{MeetingID: m.ID, Kind: it.Kind, Ref: it.Ref, Title: it.Title, Link: it.Link, Note: note})
		}
		if err := errs.Err(); err != nil {
			return err
		}
		if err := tx.Where("meeting_id = ?", m.ID).Delete(&Attendee{}).Error; err != nil {
			return err
		}
		if len(rows) > 0 {
			if err := tx.Create(&rows).Error; err != nil {
				return err
			}
		}
		if len(notes) > 0 {
			if err := tx.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "meeting_id"}, {Name: "kind"}, {Name: "ref"}},
				DoUpdates: clause.AssignmentColumns([]string{"note", "title", "link"})}).Create(&notes).Error; err != nil {
				return err
			}
		}
		return audit(tx, actor, m, "minutes", "", fmt.Sprintf("minutes saved: %d attending or sending apologies, %d notes changed", len(rows), len(notes)), now)
	})
}

// lines splits typed names one a line, dropping blank ones.
func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// ItemInput is an item an officer adds to the agenda.
type ItemInput struct {
	Title, Link string
}

// AddItem adds an item at the end of the agenda, audited, while the meeting
// is open. A link must stay on this site or be a web address. Added items
// are bounded like every other kind, so the agenda stays readable.
func AddItem(ctx context.Context, db *gorm.DB, actor *models.User, m *Meeting, items []Item, in ItemInput, now time.Time) error {
	if !CanManage(actor, m.BoardID) {
		return models.ErrForbidden
	}
	if m.Closed() {
		return locked(m)
	}
	var errs models.FieldErrors
	in.Title, in.Link = strings.TrimSpace(in.Title), strings.TrimSpace(in.Link)
	switch {
	case in.Title == "":
		errs.Add("title", "Enter the item's title")
	case utf8.RuneCountInString(in.Title) > MaxTitle:
		errs.Add("title", "Title must be %d characters or fewer", MaxTitle)
	}
	switch {
	case in.Link == "":
	case utf8.RuneCountInString(in.Link) > MaxLink:
		errs.Add("link", "Link must be %d characters or fewer", MaxLink)
	case !(strings.HasPrefix(in.Link, "/") && !strings.HasPrefix(in.Link, "//")) &&
		!strings.HasPrefix(in.Link, "https://") && !strings.HasPrefix(in.Link, "http://"):
		errs.Add("link", "Link must be a page of this site, starting /, or a web address starting https://")
	}
	if err := errs.Err(); err != nil {
		return err
	}
	pos := len(items) + 1
	for _, it := range items {
		if it.position != nil && *it.position >= pos {
			pos = *it.position + 1
		}
	}
	return db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := stillOpen(tx, m); err != nil {
			return err
		}
		var added int64
		if err := tx.Model(&StoredItem{}).Where("meeting_id = ? AND kind = ?", m.ID, KindAdded).Count(&added).Error; err != nil {
			return err
		}
		if added >= MaxPerKind {
			return &models.ConflictError{Message: fmt.Sprintf("The agenda already has %d added items, the most it takes", MaxPerKind), Current: m}
		}
		row := StoredItem{MeetingID: m.ID, Kind: KindAdded, Ref: fmt.Sprintf("new-%d", now.UnixNano()), Title: in.Title, Link: in.Link, Position: &pos}
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
		if err := tx.Model(&row).Update("ref", fmt.Sprint(row.ID)).Error; err != nil {
			return err
		}
		return audit(tx, actor, m, "agenda", "", "item added: "+in.Title, now)
	})
}

// Move moves the item with key one place up or down the agenda, keeping the
// whole order so later items due fall in after their kind.
func Move(ctx context.Context, db *gorm.DB, actor *models.User, m *Meeting, items []Item, key string, up bool, now time.Time) error {
	if !CanManage(actor, m.BoardID) {
		return models.ErrForbidden
	}
	if m.Closed() {
		return locked(m)
	}
	i := slices.IndexFunc(items, func(it Item) bool { return it.Key() == key })
	if i < 0 {
		return models.Invalid("item", "That item is no longer on the agenda; reload the page")
	}
	j := i + 1
	if up {
		j = i - 1
	}
	if j < 0 || j >= len(items) {
		return nil
	}
	items = slices.Clone(items)
	items[i], items[j] = items[j], items[i]
	return db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := stillOpen(tx, m); err != nil {
			return err
		}
		if err := keepOrder(tx, m, items); err != nil {
			return err
		}
		dir := "down"
		if up {
			dir = "up"
		}
		return audit(tx, actor, m, "agenda", "", "moved "+dir+": "+items[j].Title, now)
	})
}

// keepOrder stores every item with its place, title and link.
func keepOrder(tx *gorm.DB, m *Meeting, items []Item) error {
	if len(items) == 0 {
		return nil
	}
	rows := make([]StoredItem, len(items))
	for i, it := range items {
		pos := i + 1
		rows[i] = StoredItem{MeetingID: m.ID, Kind: it.Kind, Ref: it.Ref, Title: it.Title, Link: it.Link, Note: it.Note, Position: &pos}
	}
	return tx.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "meeting_id"}, {Name: "kind"}, {Name: "ref"}},
		DoUpdates: clause.AssignmentColumns([]string{"position", "title", "link"})}).CreateInBatches(&rows, 200).Error
}

// Close locks the minutes, keeping the agenda as it stood, audited.
func Close(ctx context.Context, db *gorm.DB, actor *models.User, m *Meeting, items []Item, now time.Time) error {
	if !CanManage(actor, m.BoardID) {
		return models.ErrForbidden
	}
	if m.Closed() {
		return locked(m)
	}
	return db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		res := tx.Model(&Meeting{}).Where("id = ? AND status = ?", m.ID, StatusOpen).
			Updates(map[string]any{"status": StatusClosed, "closed_by": actor.Name, "closed_at": now})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			m.Status = StatusClosed
			return locked(m)
		}
		if err := keepOrder(tx, m, items); err != nil {
			return err
		}
		m.Status, m.ClosedBy, m.ClosedAt = StatusClosed, actor.Name, &now
		return audit(tx, actor, m, "status", StatusOpen, StatusClosed, now)
	})
}

// CorrectionInput is a change to a closed meeting's note on one item.
type CorrectionInput struct {
	Item   string // the item's key
	Note   string
	Reason string
}

// Correct changes the note on an item of a closed meeting, keeping the text
// before and after with the reason as a correction, audited.
func Correct(ctx context.Context, db *gorm.DB, actor *models.User, m *Meeting, items []Item, in CorrectionInput, now time.Time) error {
	if !CanManage(actor, m.BoardID) {
		return models.ErrForbidden
	}
	if !m.Closed() {
		return &models.ConflictError{Message: "The meeting is still open: change its minutes directly", Current: m}
	}
	var errs models.FieldErrors
	in.Note, in.Reason = strings.TrimSpace(in.Note), strings.TrimSpace(in.Reason)
	i := slices.IndexFunc(items, func(it Item) bool { return it.Key() == in.Item })
	if i < 0 {
		errs.Add("item", "Choose the item whose note is corrected")
	}
	if utf8.RuneCountInString(in.Note) > MaxNote {
		errs.Add("note", "Note must be %d characters or fewer", MaxNote)
	}
	switch {
	case in.Reason == "":
		errs.Add("reason", "Enter why the minutes are corrected")
	case utf8.RuneCountInString(in.Reason) > MaxReason:
		errs.Add("reason", "Reason must be %d characters or fewer", MaxReason)
	}
	if i >= 0 && in.Note == items[i].Note && len(errs) == 0 {
		errs.Add("note", "The corrected note is the same as the minuted one")
	}
	if err := errs.Err(); err != nil {
		return err
	}
	it := items[i]
	return db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		res := tx.Model(&StoredItem{}).Where("meeting_id = ? AND kind = ? AND ref = ? AND note = ?", m.ID, it.Kind, it.Ref, it.Note).
			Update("note", in.Note)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return &models.ConflictError{Message: "Someone else corrected this note at the same time; reload the page", Current: m}
		}
		c := Correction{MeetingID: m.ID, Part: it.Title, BeforeText: it.Note, AfterText: in.Note, Reason: in.Reason,
			UserID: &actor.ID, UserName: actor.Name, CreatedAt: now}
		if err := tx.Create(&c).Error; err != nil {
			return err
		}
		return audit(tx, actor, m, "correction", it.Note, in.Note+" (reason: "+in.Reason+")", now)
	})
}
