package seeds

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"sendboard/models"
	"sendboard/models/measure"
)

// Result counts what a Load added; a second Load adds nothing.
type Result struct {
	Actions, Updates, KPIs, Figures int
}

// Option adjusts what Load does.
type Option func(*loadOptions)

type loadOptions struct {
	now        time.Time
	benchmarks bool
}

// At stamps what Load records (the KPI exceptions the seeded figures raise)
// with now rather than the clock.
func At(now time.Time) Option { return func(o *loadOptions) { o.now = now } }

// WithoutBenchmarks leaves DfE's published figures out. They are three
// quarters of a Load's cost, so tests that never show a benchmark seed
// without them.
func WithoutBenchmarks() Option { return func(o *loadOptions) { o.benchmarks = false } }

// Load puts the embedded plan, SENDIASS figures, KPI framework and DfE
// benchmark figures into db in one transaction. Rows that already exist are
// left as they are, so data recorded since is kept.
func Load(ctx context.Context, db *gorm.DB, opts ...Option) (Result, error) {
	o := loadOptions{now: time.Now().UTC(), benchmarks: true}
	for _, opt := range opts {
		opt(&o)
	}
	plan, err := ReadPlan()
	if err != nil {
		return Result{}, err
	}
	kpis, err := ReadKPIs()
	if err != nil {
		return Result{}, err
	}
	var res Result
	err = db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := loadPlan(tx, plan, &res); err != nil {
			return err
		}
		if err := loadKPIs(tx, kpis, &res); err != nil {
			return err
		}
		if err := loadKPILinks(tx, plan.Plan.Slug); err != nil {
			return err
		}
		if err := loadKPIFramework(tx, o.now); err != nil {
			return err
		}
		if !o.benchmarks {
			return nil
		}
		return loadBenchmarks(tx, plan.Plan.Slug)
	})
	return res, err
}

// firstOrCreate finds a row matching where or inserts row.
func firstOrCreate[T any](tx *gorm.DB, row *T, where string, args ...any) error {
	err := tx.Where(where, args...).Take(row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return tx.Create(row).Error
	}
	return err
}

func loadPlan(tx *gorm.DB, f *PlanFile, res *Result) error {
	date, err := time.Parse("2006-01-02", f.Plan.Date)
	if err != nil {
		return fmt.Errorf("seeds/plan.yaml: plan.date: %w", err)
	}
	// The seeded plan is the default on a fresh install; a database that has
	// a default plan already keeps it.
	var defaults int64
	if err := tx.Model(&models.Plan{}).Where("is_default").Count(&defaults).Error; err != nil {
		return err
	}
	plan := models.Plan{Slug: f.Plan.Slug, Name: f.Plan.Name, Date: date, Type: f.Plan.Type,
		StartDate: date.Format("2006-01-02"), Status: models.PlanActive, Partnership: f.Plan.Partnership,
		IsDefault: defaults == 0}
	if err := firstOrCreate(tx, &plan, "slug = ?", plan.Slug); err != nil {
		return err
	}
	milestones := map[int]models.Milestone{}
	for _, m := range f.Milestones {
		row := models.Milestone{PlanID: plan.ID, Section: m.Section, Label: m.Label, Due: m.Due}
		if err := firstOrCreate(tx, &row, "plan_id = ? AND section = ?", plan.ID, m.Section); err != nil {
			return err
		}
		milestones[m.Section] = row
	}
	areas := map[int]uint{}
	for _, p := range f.PriorityAreas {
		row := models.PriorityArea{PlanID: plan.ID, Number: p.Number, Code: strconv.Itoa(p.Number), Title: p.Title}
		if err := firstOrCreate(tx, &row, "plan_id = ? AND number = ?", plan.ID, p.Number); err != nil {
			return err
		}
		areas[p.Number] = row.ID
	}
	boards := map[string]uint{}
	for _, b := range f.Boards {
		row := models.Board{Name: b.Name, Slug: models.Slugify(b.Name)}
		if err := firstOrCreate(tx, &row, "name = ?", b.Name); err != nil {
			return err
		}
		boards[b.Name] = row.ID
	}
	leads := map[string]uint{}
	for _, l := range f.Leads {
		row := models.Lead{Name: l.Name, Slug: models.Slugify(l.Name), Aliases: strings.Join(l.Aliases, "|")}
		if err := firstOrCreate(tx, &row, "name = ?", l.Name); err != nil {
			return err
		}
		leads[l.Name] = row.ID
		for _, a := range l.Aliases {
			leads[a] = row.ID
		}
	}
	var existing []string
	if err := tx.Model(&models.Action{}).Where("plan_id = ?", plan.ID).Pluck("number", &existing).Error; err != nil {
		return err
	}
	have := map[string]bool{}
	for _, n := range existing {
		have[n] = true
	}
	for i, s := range f.Actions {
		if have[s.Number] {
			continue
		}
		a, err := seedAction(s, plan, milestones, areas, leads)
		if err != nil {
			return fmt.Errorf("seeds/plan.yaml: actions[%d] (%s): %w", i, s.Number, err)
		}
		for _, name := range s.Boards {
			id, ok := boards[name]
			if !ok {
				return fmt.Errorf("seeds/plan.yaml: action %s: board %q is not in boards", s.Number, name)
			}
			a.Boards = append(a.Boards, models.Board{ID: id})
		}
		if err := tx.Omit(clause.Associations).Create(a).Error; err != nil {
			return err
		}
		for _, b := range a.Boards {
			if err := tx.Create(&models.ActionBoard{ActionID: a.ID, BoardID: b.ID}).Error; err != nil {
				return err
			}
		}
		res.Actions++
		if s.Progress != "" {
			u := models.ProgressUpdate{ActionID: a.ID, UpdateDate: date, Narrative: s.Progress, Status: a.Status,
				AuthorName: models.ImportAuthor, CreatedAt: date}
			if err := tx.Create(&u).Error; err != nil {
				return err
			}
			res.Updates++
		}
	}
	return nil
}

// seedAction builds an action row from the document. It is dated at the plan's
// date: the action has existed since then, so an action whose Progress cell
// was blank counts as without an update from that date.
func seedAction(s SeedAction, plan models.Plan, milestones map[int]models.Milestone, areas map[int]uint, leads map[string]uint) (*models.Action, error) {
	major, minor, err := models.SplitNumber(s.Number)
	if err != nil {
		return nil, err
	}
	status, initiate, err := models.StatusFromDocument(s.Status)
	if err != nil {
		return nil, err
	}
	a := &models.Action{PlanID: plan.ID, Number: s.Number, Major: major, Minor: minor,
		PriorityAreaID: areas[s.PriorityArea],
		Aim:            s.Aim, Text: s.Action, ImpactMeasure: s.ImpactMeasure, LeadText: s.Lead,
		LeadAndGovernance: s.LeadAndGovernance, StatusText: s.Status, Status: status, InitiateBy: initiate,
		Progress: s.Progress, Version: 1, CreatedAt: plan.Date}
	m, ok := milestones[s.Section]
	if !ok {
		return nil, fmt.Errorf("section %d is not a milestone", s.Section)
	}
	// The document's actions are due with their milestone.
	a.MilestoneID, a.Due, a.DueOriginal = &m.ID, m.Due, m.Due
	if a.PriorityAreaID == 0 {
		return nil, fmt.Errorf("priority area %d is not listed", s.PriorityArea)
	}
	if s.Lead != "" {
		id, ok := leads[s.Lead]
		if !ok {
			return nil, fmt.Errorf("lead %q is not in leads", s.Lead)
		}
		a.LeadID = &id
	}
	if s.Progress != "" {
		d := plan.Date
		a.LastUpdateAt = &d
	}
	return a, nil
}

func loadKPIs(tx *gorm.DB, f *KPIFile, res *Result) error {
	for i, k := range f.KPIs {
		row := measure.KPI{Code: k.Code, Name: k.Name, Unit: k.Unit, Frequency: k.Frequency, Direction: k.Direction,
			TargetMin: k.TargetMin, TargetMax: k.TargetMax, TargetText: k.TargetText, Description: k.Description, SortOrder: i}
		var count int64
		if err := tx.Model(&measure.KPI{}).Where("code = ?", k.Code).Count(&count).Error; err != nil {
			return err
		}
		if err := firstOrCreate(tx, &row, "code = ?", k.Code); err != nil {
			return err
		}
		if count == 0 {
			res.KPIs++
		}
		var have []string
		if err := tx.Model(&measure.KPIFigure{}).Where("kpi_id = ?", row.ID).Distinct().Pluck("period", &have).Error; err != nil {
			return err
		}
		seen := map[string]bool{}
		for _, p := range have {
			seen[p] = true
		}
		var add []measure.KPIFigure
		for _, fig := range k.Figures {
			p, err := models.ParsePeriod(fig.Period)
			if err != nil {
				return fmt.Errorf("seeds/sendiass.yaml: %s: %w", k.Code, err)
			}
			if seen[p.String()] {
				continue
			}
			seen[p.String()] = true
			add = append(add, measure.KPIFigure{KPIID: row.ID, Period: p.String(), PeriodSort: p.SortKey(), Revision: 1,
				Current: true, Value: fig.Value, Commentary: fig.Commentary, Source: "seed: " + f.Source})
		}
		if len(add) > 0 {
			if err := tx.Create(&add).Error; err != nil {
				return err
			}
			res.Figures += len(add)
		}
	}
	return nil
}
