package highlight

import (
	"context"
	"sort"
	"time"

	"gorm.io/gorm"

	"sendboard/models"
)

// Bounds on what one report reads, so a huge plan cannot exhaust memory.
const (
	maxActions   = 5000
	maxUpdates   = 100000
	maxRevisions = 20000
)

type actionRow struct {
	ID             uint
	Number         string
	Major, Minor   int
	Text           string `gorm:"column:action_text"`
	PriorityAreaID uint
	MilestoneID    *uint
	StatusText     string // the plan document's status cell: the standing before any update
	Due            string
	RetiredAt      *time.Time
}

type updateRow struct {
	ActionID   uint
	UpdateDate time.Time
	Status     string
	RAG        string `gorm:"column:rag"`
	Narrative  string
}

type revisionRow struct {
	ActionID   uint
	FromDue    string
	ToDue      string
	Reason     string
	AuthorName string
	CreatedAt  time.Time
}

// history is the part of a plan's history a report reads: actions with
// their updates dated before the latest end of interest (oldest first) and
// their due-date revisions (oldest first).
type history struct {
	actions []actionRow
	updates map[uint][]updateRow
	revs    map[uint][]revisionRow
}

// loadHistory reads the actions of the areas and their history before end,
// in three statements however many areas. Narratives are read only for
// updates dated on or after narrativeFrom.
func loadHistory(ctx context.Context, db *gorm.DB, areaIDs []uint, end, narrativeFrom time.Time) (*history, error) {
	db = db.WithContext(ctx)
	h := &history{updates: map[uint][]updateRow{}, revs: map[uint][]revisionRow{}}
	if len(areaIDs) == 0 {
		return h, nil
	}
	scope := func() *gorm.DB { return db.Table("actions").Where("priority_area_id IN ?", areaIDs) }
	if err := scope().Select("id, number, major, minor, action_text, priority_area_id, milestone_id, status_text, due, retired_at").
		Order("major, minor, id").Limit(maxActions).Find(&h.actions).Error; err != nil {
		return nil, err
	}
	if len(h.actions) == 0 {
		return h, nil
	}
	ids := scope().Select("id")
	var ups []updateRow
	if err := db.Model(&models.ProgressUpdate{}).
		Select("action_id, update_date, status, rag, CASE WHEN update_date >= ? THEN narrative ELSE '' END AS narrative", narrativeFrom).
		Where("action_id IN (?) AND update_date < ?", ids, end).
		Order("update_date, id").Limit(maxUpdates).Find(&ups).Error; err != nil {
		return nil, err
	}
	for _, u := range ups {
		h.updates[u.ActionID] = append(h.updates[u.ActionID], u)
	}
	var revs []revisionRow
	if err := db.Table("due_revisions").Select("action_id, from_due, to_due, reason, author_name, created_at").
		Where("action_id IN (?) AND created_at < ?", ids, end).
		Order("created_at, id").Limit(maxRevisions).Find(&revs).Error; err != nil {
		return nil, err
	}
	for _, r := range revs {
		h.revs[r.ActionID] = append(h.revs[r.ActionID], r)
	}
	return h, nil
}

// areaOf is the area of each action read.
func (h *history) areaOf() map[uint]uint {
	out := make(map[uint]uint, len(h.actions))
	for _, a := range h.actions {
		out[a.ID] = a.PriorityAreaID
	}
	return out
}

// live reports whether the action counted at end: not retired before it.
func (a actionRow) live(end time.Time) bool { return a.RetiredAt == nil || !a.RetiredAt.Before(end) }

// dueAt is the action's due date as it stood at end: the target of the last
// revision made before end, or, when every revision came later, the date the
// first of them replaced.
func (h *history) dueAt(a actionRow, end time.Time) string {
	revs := h.revs[a.ID]
	due := a.Due
	if len(revs) > 0 {
		due = revs[0].FromDue
	}
	for _, r := range revs {
		if r.CreatedAt.Before(end) {
			due = r.ToDue
		}
	}
	return due
}

// latest is the action's newest update dated before end, by date and then
// by when it was saved (the order updates were read in).
func (h *history) latest(actionID uint, end time.Time) (updateRow, bool) {
	ups := h.updates[actionID]
	i := sort.Search(len(ups), func(i int) bool { return !ups[i].UpdateDate.Before(end) })
	if i == 0 {
		return updateRow{}, false
	}
	return ups[i-1], true
}

// stateAt is the action's status and RAG at end: its latest update then or,
// with none yet, the status the plan document gave it and no rating, as the
// governance pack counts it.
func (h *history) stateAt(a actionRow, end time.Time) updateRow {
	if u, ok := h.latest(a.ID, end); ok {
		return u
	}
	status, _, err := models.StatusFromDocument(a.StatusText)
	if err != nil {
		status = models.StatusNotStarted
	}
	return updateRow{ActionID: a.ID, Status: status}
}

// Counts is how many of an area's actions stood where at a period's end.
type Counts struct {
	Complete   int `json:"complete"`
	OnTrack    int `json:"on_track"`
	Delayed    int `json:"delayed"`
	NotStarted int `json:"not_started"`
	Total      int `json:"total"`
}

// Of is the count of standing s.
func (c Counts) Of(s string) int {
	switch s {
	case Complete:
		return c.Complete
	case OnTrack:
		return c.OnTrack
	case Delayed:
		return c.Delayed
	}
	return c.NotStarted
}

func (c *Counts) add(s string) {
	c.Total++
	switch s {
	case Complete:
		c.Complete++
	case OnTrack:
		c.OnTrack++
	case Delayed:
		c.Delayed++
	default:
		c.NotStarted++
	}
}

// standAt counts the live actions of area (every area when 0) at end and
// says whether any was rated red, giving the RAG the figures suggest.
func (h *history) standAt(areaID uint, end time.Time) (Counts, string) {
	var c Counts
	red, rated := false, false
	for _, a := range h.actions {
		if (areaID != 0 && a.PriorityAreaID != areaID) || !a.live(end) {
			continue
		}
		u := h.stateAt(a, end)
		c.add(Standing(u.Status, u.RAG, h.dueAt(a, end), end))
		red = red || (u.RAG == "red" && u.Status != models.StatusComplete)
		rated = rated || u.RAG != ""
	}
	return c, areaRAG(c, red, rated)
}
