package meeting

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"sendboard/models"
)

// Kinds of agenda item, in the order a meeting takes them unless moved.
const (
	KindApologies    = "apologies"     // apologies and the minutes of the last meeting
	KindBoardAction  = "board_action"  // the board's open actions, carried until done
	KindHighlight    = "highlight"     // an area's highlight report for the quarter
	KindRisk         = "risk"          // an escalated risk or issue
	KindDecision     = "decision"      // a decision required
	KindSignOff      = "signoff"       // an action awaiting the board's sign-off
	KindKPIException = "kpi_exception" // a KPI off track
	KindRound        = "round"         // the update round for the meeting
	KindPack         = "pack"          // the pack for the meeting
	KindAdded        = "item"          // an item an officer added
)

var kindOrder = []string{KindApologies, KindBoardAction, KindHighlight, KindRisk, KindDecision, KindSignOff,
	KindKPIException, KindRound, KindPack, KindAdded}

// MaxPerKind bounds the items of one kind the agenda assembles, so a board
// with a long backlog still gets a readable agenda at a bounded cost.
const MaxPerKind = 50

// Item is one agenda item with the note minuted against it.
type Item struct {
	Kind, Ref   string
	Title, Link string
	Note        string
	Stored      bool // a row of meeting_items holds its note, place or (when added) the item itself
	position    *int
}

// Key names the item in forms: its kind and what it shows.
func (i Item) Key() string { return i.Kind + "-" + i.Ref }

// Added reports whether an officer added the item rather than it being due.
func (i Item) Added() bool { return i.Kind == KindAdded }

// StoredItem is a row of meeting_items.
type StoredItem struct {
	ID        uint `gorm:"primaryKey"`
	MeetingID uint
	Kind, Ref string
	Title     string
	Link      string
	Position  *int
	Note      string
}

// TableName keeps the table's name.
func (StoredItem) TableName() string { return "meeting_items" }

// HighlightPeriod is the financial quarter containing day as highlight
// report paths write it: "2026-27-Q3".
func HighlightPeriod(day time.Time) string {
	return strings.Replace(models.QuarterOf(day).String(), " ", "-", 1)
}

// Agenda assembles the meeting's agenda: what is due for the board on the
// meeting's day, merged with the stored items (added ones, moved ones and
// those with a note) in their order. A closed meeting's agenda is the one
// kept when it closed. The number of statements does not depend on how many
// items there are.
func Agenda(ctx context.Context, db *gorm.DB, m *Meeting, board models.Board) ([]Item, error) {
	db = db.WithContext(ctx)
	var stored []StoredItem
	if err := db.Where("meeting_id = ?", m.ID).Order("id").Find(&stored).Error; err != nil {
		return nil, fmt.Errorf("reading agenda items: %w", err)
	}
	var due []Item
	if !m.Closed() {
		var err error
		if due, err = dueItems(db, m, board); err != nil {
			return nil, err
		}
	}
	return merge(due, stored), nil
}

// merge places the stored items among the due ones. Items in order of kind
// (due ones as assembled, stored ones no longer due after those of their
// kind) take their stored position; one without a position follows the item
// before it, so something newly due stays among its kind.
func merge(due []Item, stored []StoredItem) []Item {
	byKey := map[string]int{}
	for i, it := range due {
		byKey[it.Key()] = i
	}
	all := slices.Clone(due)
	for _, s := range stored {
		it := Item{Kind: s.Kind, Ref: s.Ref, Title: s.Title, Link: s.Link, Note: s.Note, Stored: true, position: s.Position}
		if i, ok := byKey[it.Key()]; ok {
			all[i].Note, all[i].Stored, all[i].position = s.Note, true, s.Position
			continue
		}
		all = append(all, it)
	}
	slices.SortStableFunc(all, func(a, b Item) int {
		return slices.Index(kindOrder, a.Kind) - slices.Index(kindOrder, b.Kind)
	})
	keys := make([]float64, len(all))
	last := 0.0
	for i, it := range all {
		if it.position != nil {
			last = float64(*it.position)
			keys[i] = last
			continue
		}
		keys[i] = last + 0.5
	}
	idx := make([]int, len(all))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		switch {
		case keys[a] < keys[b]:
			return -1
		case keys[a] > keys[b]:
			return 1
		}
		return 0
	})
	out := make([]Item, len(all))
	for i, j := range idx {
		out[i] = all[j]
	}
	return out
}

// dueItems is what is due for the board on the meeting's day, kind by kind,
// in nine statements.
func dueItems(db *gorm.DB, m *Meeting, board models.Board) ([]Item, error) {
	var out []Item
	add := func(kind string, ref uint, title, link string) {
		out = append(out, Item{Kind: kind, Ref: strconv.FormatUint(uint64(ref), 10), Title: title, Link: link})
	}
	boardPath := "/boards/" + url.PathEscape(board.Slug)

	var prev []Meeting
	if err := db.Where("board_id = ? AND date < ?", board.ID, m.Date).Order("date DESC").Limit(1).Find(&prev).Error; err != nil {
		return nil, fmt.Errorf("finding the last meeting: %w", err)
	}
	if len(prev) == 1 {
		out = append(out, Item{Kind: KindApologies, Ref: "0", Title: "Apologies, and the minutes of the meeting of " + models.HumanDate(prev[0].Date),
			Link: fmt.Sprintf("/meetings/%d", prev[0].ID)})
	} else {
		out = append(out, Item{Kind: KindApologies, Ref: "0", Title: "Apologies"})
	}

	var actions []struct {
		ID               uint
		Title, Owner     string
		Due, MeetingDate string
	}
	if err := db.Table("board_actions").Select("id, title, owner, due, meeting_date").
		Where("board_id = ? AND status = 'open' AND meeting_date < ?", board.ID, m.Date).
		Order("id").Limit(MaxPerKind).Scan(&actions).Error; err != nil {
		return nil, fmt.Errorf("reading board actions: %w", err)
	}
	for _, a := range actions {
		t := "Board action: " + a.Title + " – " + a.Owner
		if a.Due != "" {
			t += ", due " + models.HumanDate(a.Due)
		}
		add(KindBoardAction, a.ID, t, boardPath+"/actions")
	}

	var areas []struct {
		ID                uint
		Code, Title, Slug string
		PlanName          string
	}
	period := HighlightPeriod(m.Day())
	if err := db.Table("priority_areas pa").Select("pa.id, pa.code, pa.title, p.slug, p.name AS plan_name").
		Joins("JOIN plans p ON p.id = pa.plan_id").
		Where(`EXISTS (SELECT 1 FROM actions a JOIN action_boards ab ON ab.action_id = a.id
			WHERE a.priority_area_id = pa.id AND ab.board_id = ? AND a.retired_at IS NULL)`, board.ID).
		Order("p.is_default DESC, p.name, p.id, pa.number, pa.id").Limit(MaxPerKind).Scan(&areas).Error; err != nil {
		return nil, fmt.Errorf("reading the areas governed: %w", err)
	}
	for _, a := range areas {
		code := a.Code
		if code == "" {
			code = strconv.FormatUint(uint64(a.ID), 10)
		}
		add(KindHighlight, a.ID, fmt.Sprintf("Highlight report: %s, area %s %s (%s)", a.PlanName, code, a.Title, period),
			"/plans/"+url.PathEscape(a.Slug)+"/highlights/"+url.PathEscape(code)+"/"+period)
	}

	var risks []struct {
		ID                        uint
		Kind, Title, Slug         string
		Likelihood, Impact, Score int
	}
	if err := db.Table("risks").Select("risks.id, risks.kind, risks.title, p.slug, risks.likelihood, risks.impact, risks.score").
		Joins("JOIN plans p ON p.id = risks.plan_id").
		Where("risks.status = 'open' AND risks.score >= p.risk_threshold").
		Where(governedBy, board.ID, board.ID).
		Order("risks.score DESC, risks.id").Limit(MaxPerKind).Scan(&risks).Error; err != nil {
		return nil, fmt.Errorf("reading escalated risks: %w", err)
	}
	for _, r := range risks {
		kind := "Risk"
		if r.Kind == "issue" {
			kind = "Issue"
		}
		add(KindRisk, r.ID, fmt.Sprintf("%s escalated (%d × %d = %d): %s", kind, r.Likelihood, r.Impact, r.Score, r.Title),
			"/plans/"+url.PathEscape(r.Slug)+"/risks/"+strconv.FormatUint(uint64(r.ID), 10))
	}

	var decisions []struct {
		ID       uint
		Question string
	}
	if err := db.Table("decisions").Select("id, question").
		Where("board_id = ? AND status = 'open' AND (meeting = ? OR meeting = '')", board.ID, m.Date).
		Order("CASE WHEN meeting = '' THEN 1 ELSE 0 END, id").Limit(MaxPerKind).Scan(&decisions).Error; err != nil {
		return nil, fmt.Errorf("reading decisions required: %w", err)
	}
	for _, d := range decisions {
		add(KindDecision, d.ID, "Decision required: "+d.Question, boardPath+"/decisions/"+strconv.FormatUint(uint64(d.ID), 10))
	}

	var signoffs []struct {
		ID                 uint
		Number, ActionText string
		Slug               string
		IsDefault          bool
	}
	if err := db.Table("actions a").Select("a.id, a.number, a.action_text, p.slug, p.is_default").
		Joins("JOIN plans p ON p.id = a.plan_id").
		Where("a.status = ? AND a.signed_off_at IS NULL AND a.retired_at IS NULL", models.StatusComplete).
		Where("EXISTS (SELECT 1 FROM action_boards ab WHERE ab.action_id = a.id AND ab.board_id = ?)", board.ID).
		Order("p.is_default DESC, p.name, p.id, a.major, a.minor, a.number").Limit(MaxPerKind).Scan(&signoffs).Error; err != nil {
		return nil, fmt.Errorf("reading actions awaiting sign-off: %w", err)
	}
	for _, s := range signoffs {
		add(KindSignOff, s.ID, "Awaiting sign-off: action "+s.Number+" "+clip(s.ActionText, 120),
			models.Plan{Slug: s.Slug, IsDefault: s.IsDefault}.ActionPath(s.Number))
	}

	var kpis []struct {
		ID           uint
		Name, Period string
		Code         string
	}
	if err := db.Table("kpi_exceptions e").Select("e.id, k.name, e.period, k.code").Joins("JOIN kpis k ON k.id = e.kpi_id").
		Where("e.resolved_at IS NULL").Order("k.sort_order, k.id").Limit(MaxPerKind).Scan(&kpis).Error; err != nil {
		return nil, fmt.Errorf("reading KPI exceptions: %w", err)
	}
	for _, k := range kpis {
		add(KindKPIException, k.ID, "KPI off track: "+k.Name+" ("+k.Period+")", "/kpis#kpi-"+url.PathEscape(k.Code))
	}

	var rounds []struct {
		ID  uint
		Due string
	}
	if err := db.Table("rounds").Select("id, due").Where("board_id = ? AND meeting = ?", board.ID, m.Date).
		Order("id").Limit(MaxPerKind).Scan(&rounds).Error; err != nil {
		return nil, fmt.Errorf("reading the meeting's rounds: %w", err)
	}
	for _, r := range rounds {
		add(KindRound, r.ID, "Update round: updates due "+models.HumanDate(r.Due), "/rounds/"+strconv.FormatUint(uint64(r.ID), 10))
	}

	var packs []struct {
		ID               uint
		Quarter, Formats string
		Version          int
	}
	if err := db.Table("governance_packs").Select("id, quarter, formats, version").
		Where("board_id = ? AND (quarter = ? OR round_id IN (SELECT id FROM rounds WHERE board_id = ? AND meeting = ?))",
			board.ID, models.QuarterOf(m.Day()).String(), board.ID, m.Date).
		Order("id DESC").Limit(1).Scan(&packs).Error; err != nil {
		return nil, fmt.Errorf("reading the meeting's pack: %w", err)
	}
	for _, p := range packs {
		link := ""
		if f := strings.Fields(p.Formats); len(f) > 0 {
			link = fmt.Sprintf("/packs/%d/%s", p.ID, f[0])
		}
		add(KindPack, p.ID, fmt.Sprintf("Board pack: %s, version %d", p.Quarter, p.Version), link)
	}
	return out, nil
}

// governedBy selects the risks escalated to a board, as models/risk decides
// it: those naming an action the board governs, and those naming no action
// in a plan where the board governs any action.
const governedBy = `(EXISTS (SELECT 1 FROM risk_actions ra JOIN action_boards ab ON ab.action_id = ra.action_id
		WHERE ra.risk_id = risks.id AND ab.board_id = ?)
	OR (NOT EXISTS (SELECT 1 FROM risk_actions ra WHERE ra.risk_id = risks.id)
		AND EXISTS (SELECT 1 FROM action_boards ab JOIN actions a ON a.id = ab.action_id
			WHERE a.plan_id = risks.plan_id AND ab.board_id = ?)))`

// clip shortens s to at most n characters, marking the cut.
func clip(s string, n int) string {
	r := []rune(strings.TrimSpace(s))
	if len(r) <= n {
		return string(r)
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
