package pack

import (
	"context"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"sendboard/models"
	"sendboard/models/measure"
)

// Bounds on what one pack loads, so a pack's cost has a ceiling whatever the
// size of the plan.
const (
	MaxActions      = 20_000
	MaxUpdates      = 20_000
	MaxFlags        = 50_000
	packKPIQuarters = 8
)

// Pack is the content of a quarterly governance pack, as at the end of a
// financial quarter.
//
// The state of an action at a moment is its newest progress update dated
// before that moment (ties broken by the later record). An action with no
// update by then counts with the baseline the plan document gives it (its
// Status cell: "In progress", or not started with its initiate-by month) and
// no RAG rating. A board's pack covers the actions it governed at the end of
// the quarter (action_board_history) in every plan, or in the plan chosen,
// set out plan by plan (Plans); each action lists the boards that governed it
// then.
type Pack struct {
	Plan          models.Plan // the plan chosen, else the first plan covered
	PlanScope     string      // the chosen plan's slug; "" for every plan the board governs
	Plans         []Plan
	BoardKey      string // board slug, or WholePlan
	BoardName     string
	Quarter       models.Period
	GeneratedAt   time.Time
	GeneratedBy   string
	Round         *Round                // the update round the pack was made from, if any
	Milestones    []models.Milestone    // Plan's
	PriorityAreas []models.PriorityArea // Plan's

	Actions    []Action // by plan, then in numeric order
	Now, Prev  Counts   // at the end of Quarter and of the quarter before
	Changes    []Change
	Exceptions []Exception
	KPIs       []KPI
	// KPIExceptions are the KPIs off track at the quarter's end, with the
	// owner's commentary.
	KPIExceptions []KPIException
	Benchmarks    []Benchmark // DfE measures linked to the pack's actions, by code
	Updates       []Update    // every update dated in the quarter, oldest first
	Board         Board       // risks, decisions, board actions and RAG by period
	// UpdatesTruncated is set when the quarter had more than MaxUpdates updates.
	UpdatesTruncated bool
}

// Action is one governed action as at the end of the quarter.
type Action struct {
	ID               uint
	PlanID           uint
	Number           string
	Major, Minor     int
	Text             string
	ImpactMeasure    string
	Lead             string
	MilestoneSection int
	Milestone        string // the milestone's label
	Due              string // when the action is due: YYYY-MM-DD or YYYY-MM, "" if never set
	PriorityNumber   int
	PriorityArea     string   // "2. Title"
	Boards           []string // governing at quarter end, by name
	InitiateBy       string   // YYYY-MM or ""
	Start            string   // the plan's start day or month, or "" (see models.Action.StartBy)
	Status, RAG      string   // at quarter end
	PrevStatus       string   // at the previous quarter's end
	PrevRAG          string
	Baseline         bool   // no update by quarter end: status from the plan document
	LatestNarrative  string // newest narrative by quarter end
	LatestDate       *time.Time
	LatestAuthor     string
	QuarterUpdates   int    // updates dated in the quarter
	QuarterProgress  string // newest narrative dated in the quarter, "" if none
	Flags            []string
	Added            bool // added to the plan during the quarter
}

// Counts counts actions by status, RAG ("" not rated), priority area
// number and milestone section.
type Counts struct {
	Total       int
	ByStatus    map[string]int
	ByRAG       map[string]int
	ByPriority  map[int]int
	ByMilestone map[int]int
}

// Change is an action whose status or RAG changed over the quarter, or
// that was added to the plan during it (Added: From* say nothing then).
type Change struct {
	Number               string
	FromStatus, ToStatus string
	FromRAG, ToRAG       string
	Added                bool
}

// Exception is a red or flagged action needing the board's attention.
type Exception struct {
	Action  *Action
	Reasons []string // human wording, most urgent first
	rank    int
}

// Update is one progress update in the appendix.
type Update struct {
	ID         uint
	PlanID     uint
	Number     string
	UpdateDate time.Time
	RecordedAt time.Time
	Author     string
	Status     string
	RAG        string
	Narrative  string
}

// KPI is a SENDIASS series over the eight quarters ending with the pack's.
type KPI struct {
	Code, Name, Unit, TargetText string
	TargetMin, TargetMax         *float64
	Periods                      []string      // eight quarters, oldest first
	Values                       []*float64    // nil where no figure was reported
	Commentary                   string        // on the pack quarter's figure
	OffTrack                     *KPIException // open at the quarter's end, if any
	AnnualPeriod                 string        // the latest whole-year figure by quarter end, if any
	AnnualValue                  *float64
	Years                        []string   // the financial years the eight quarters touch, oldest first
	YearValues                   []*float64 // their whole-year figures, nil where none (or the year had not ended)
	kpi                          measure.KPI
}

// HasFigures reports whether any of the eight quarters has a figure.
func (k KPI) HasFigures() bool {
	return slices.ContainsFunc(k.Values, func(v *float64) bool { return v != nil })
}

// ChartFigures is the fewest figures a KPI's chart is drawn with: one point
// is not a line, so a series with fewer is shown as its table alone.
const ChartFigures = 2

// Chartable reports whether the eight quarters have figures enough to chart.
func (k KPI) Chartable() bool {
	n := 0
	for _, v := range k.Values {
		if v != nil {
			n++
		}
	}
	return n >= ChartFigures
}

// ParseQuarter parses a pack's quarter: a financial quarter such as "2024-25 Q4".
func ParseQuarter(s string) (models.Period, error) {
	p, err := models.ParsePeriod(strings.TrimSpace(s))
	if err != nil {
		return models.Period{}, models.Invalid("quarter", "%v", err)
	}
	if p.Quarter == 0 {
		return models.Period{}, models.Invalid("quarter", "%q is a whole year: choose a quarter such as \"%s Q4\"", s, p)
	}
	return p, nil
}

// Request says which pack to build.
type Request struct {
	Board   string // board slug or name, or "all" for a whole plan
	Plan    string // plan slug; "" means every plan the board governs, or the default plan for "all"
	Quarter models.Period
	RoundID uint // the update round the pack is made from, if any
	LA      int  // DfE number of the area for benchmarks, when no plan in the pack names one
}

// Build assembles the pack r asks for in a fixed number of set-based
// queries, whatever the number of plans and actions.
func Build(ctx context.Context, db *gorm.DB, r Request, now time.Time) (*Pack, error) {
	q := r.Quarter
	if q.Quarter == 0 {
		return nil, models.Invalid("quarter", "%q is not a financial quarter such as \"2024-25 Q4\"", q.String())
	}
	db = db.WithContext(ctx)
	b, err := models.FindPackBoard(ctx, db, r.Board)
	if err != nil {
		return nil, err
	}
	plans, err := packPlans(db, b, r.Plan, q, now)
	if err != nil {
		return nil, err
	}
	p := &Pack{Plan: plans[0], PlanScope: strings.TrimSpace(r.Plan), BoardKey: models.WholePlan, BoardName: models.WholePlanName, Quarter: q, GeneratedAt: now}
	if b == nil && p.PlanScope == "" {
		p.PlanScope = p.Plan.Slug
	}
	ids := make([]uint, len(plans))
	for i, pl := range plans {
		ids[i] = pl.ID
	}
	// An action retired after the quarter's end was still in the plan then.
	end := q.End()
	scope := actionScope{sql: "SELECT id FROM actions WHERE plan_id IN (?) AND (retired_at IS NULL OR retired_at >= ?)", args: []any{ids, end}}
	if b != nil {
		p.BoardKey, p.BoardName = b.Slug, b.Name
		scope = actionScope{sql: `SELECT h.action_id FROM action_board_history h JOIN actions sa ON sa.id = h.action_id
			WHERE sa.plan_id IN (?) AND (sa.retired_at IS NULL OR sa.retired_at >= ?) AND h.board_id = ? AND ` + governedAt,
			args: []any{ids, end, b.ID, end, end}}
	}
	if r.RoundID != 0 {
		if p.Round, err = loadPackRound(db, r.RoundID); err != nil {
			return nil, err
		}
	}
	if err := loadPackPlanParts(db, p, plans); err != nil {
		return nil, err
	}
	if err := loadPackActions(db, p, scope); err != nil {
		return nil, err
	}
	if err := loadPackBoard(ctx, db, p, b, ids, scope); err != nil {
		return nil, err
	}
	if err := loadPackStates(db, p, scope); err != nil {
		return nil, err
	}
	if err := loadPackUpdates(db, p, scope); err != nil {
		return nil, err
	}
	if err := loadPackBoards(db, p, scope); err != nil {
		return nil, err
	}
	if err := loadPackDues(db, p, scope); err != nil {
		return nil, err
	}
	if err := loadPackFlags(db, p, scope); err != nil {
		return nil, err
	}
	if err := loadPackKPIs(ctx, db, p); err != nil {
		return nil, err
	}
	if err := loadPackKPIExceptions(ctx, db, p); err != nil {
		return nil, err
	}
	if err := loadPackBenchmarks(db, p, scope, packLA(plans, r.LA)); err != nil {
		return nil, err
	}
	if err := loadPackHighlights(ctx, db, p); err != nil {
		return nil, err
	}
	if err := p.summarise(); err != nil {
		return nil, err
	}
	return p, nil
}
