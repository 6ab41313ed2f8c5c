package models

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"sendboard/models/planfile"
)

// ImportPlanFile makes a plan from a spreadsheet in one transaction: the plan, its
// areas and milestones, the leads and boards it names that are not yet known,
// its actions, and from a Progress column each action's first progress
// update, attributed to the import. A file with any problem stores nothing
// and returns a *planfile.Error naming every bad row and column.
func ImportPlanFile(ctx context.Context, db *gorm.DB, actor *User, data []byte, in PlanFileImport, now time.Time) (*PlanFileResult, error) {
	if actor != nil && !actor.AtLeast(RoleAdmin) {
		return nil, ErrForbidden
	}
	var res *PlanFileResult
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		if res, err = readPlanFile(tx, data, in, now); err != nil {
			return err
		}
		if err := res.Err(); err != nil {
			return err
		}
		return storePlan(tx, actor, res, in, now.UTC())
	})
	if err != nil {
		return res, err
	}
	return res, nil
}

// planStore carries the ids made so far while a plan is stored.
type planStore struct {
	tx         *gorm.DB
	plan       *Plan
	areas      map[string]uint // area code -> id
	milestones map[string]uint // label -> id
	names      *names
}

func storePlan(tx *gorm.DB, actor *User, res *PlanFileResult, in PlanFileImport, now time.Time) error {
	f := res.File
	var plans int64
	if err := tx.Model(&Plan{}).Count(&plans).Error; err != nil {
		return err
	}
	p := &Plan{Slug: res.Slug, Name: normName(in.Name), Date: now, Type: in.Type,
		StartDate: now.Format("2006-01-02"), Status: PlanActive, IsDefault: plans == 0}
	if err := tx.Create(p).Error; err != nil {
		return err
	}
	s := &planStore{tx: tx, plan: p, areas: map[string]uint{}, milestones: map[string]uint{}}
	var err error
	if s.names, err = loadNames(tx); err != nil {
		return err
	}
	if err := s.areasAndMilestones(f); err != nil {
		return err
	}
	if err := s.leadsAndBoards(res); err != nil {
		return err
	}
	if res.Updates, err = s.actions(actor, f, in.File, now); err != nil {
		return err
	}
	res.Plan = p
	return tx.Create(&AuditEntry{UserID: userID(actor), AuthorName: authorName(actor), Kind: "plan_import",
		PlanID: &p.ID, Subject: "plan " + p.Slug,
		AfterValue: fmt.Sprintf("%d actions from %s", len(f.Plan.Actions), in.File), CreatedAt: now}).Error
}

func (s *planStore) areasAndMilestones(f *planfile.Result) error {
	nums := areaNumbers(f.Plan.Areas)
	rows := make([]PriorityArea, len(f.Plan.Areas))
	for i, a := range f.Plan.Areas {
		rows[i] = PriorityArea{PlanID: s.plan.ID, Number: nums[i], Code: a.Code, Title: a.Title, Owners: a.Owners}
	}
	if len(rows) > 0 {
		if err := s.tx.CreateInBatches(&rows, insertBatch(s.tx)).Error; err != nil {
			return err
		}
	}
	for _, r := range rows {
		s.areas[r.Code] = r.ID
	}
	for _, a := range f.Plan.Actions {
		if a.Milestone == "" || s.milestones[a.Milestone] != 0 {
			continue
		}
		m := Milestone{PlanID: s.plan.ID, Section: len(s.milestones) + 1, Label: a.Milestone,
			Due: milestoneDue(a.Milestone, f.Plan.Actions)}
		if err := s.tx.Create(&m).Error; err != nil {
			return err
		}
		s.milestones[a.Milestone] = m.ID
	}
	return nil
}

// leadsAndBoards creates the leads and boards the file names that are not
// yet known, each kind in one statement.
func (s *planStore) leadsAndBoards(res *PlanFileResult) error {
	leads := make([]Lead, len(res.NewLeads))
	for i, name := range res.NewLeads {
		leads[i] = Lead{Name: name, Slug: Slugify(name)}
	}
	if len(leads) > 0 {
		if err := s.tx.CreateInBatches(&leads, insertBatch(s.tx)).Error; err != nil {
			return err
		}
	}
	for _, l := range leads {
		s.names.leads[strings.ToLower(l.Name)], s.names.leads["slug:"+l.Slug] = l.ID, l.ID
	}
	boards := make([]Board, len(res.NewBoards))
	for i, name := range res.NewBoards {
		boards[i] = Board{Name: name, Slug: Slugify(name)}
	}
	if len(boards) > 0 {
		if err := s.tx.CreateInBatches(&boards, insertBatch(s.tx)).Error; err != nil {
			return err
		}
	}
	for _, b := range boards {
		s.names.boards[strings.ToLower(b.Name)], s.names.boards["slug:"+b.Slug] = b.ID, b.ID
	}
	return nil
}

func (s *planStore) actions(actor *User, f *planfile.Result, file string, now time.Time) (int, error) {
	src := f.Plan.Actions
	rows := make([]Action, len(src))
	for i, a := range src {
		major, minor, _ := SplitNumber(a.Number)
		r := Action{PlanID: s.plan.ID, Number: a.Number, Major: major, Minor: minor,
			PriorityAreaID: s.areas[a.AreaCode], Aim: a.Aim, Text: a.Text, ImpactMeasure: a.Impact,
			LeadText: a.Lead, StatusText: a.StatusText, Status: a.Status, RAG: a.RAG, Progress: a.Progress,
			Due: a.Due, DueOriginal: a.Due, RetiredReason: a.Retired, CreatedAt: now, UpdatedAt: now, Version: 1}
		if f.Header(planfile.FieldLeadGovernance) != "" {
			r.LeadAndGovernance = a.Lead + "; " + strings.Join(a.Boards, " and ")
		}
		if a.InitiateBy != "" {
			m := a.InitiateBy
			r.InitiateBy = &m
		}
		if id, ok := s.milestones[a.Milestone]; ok {
			r.MilestoneID = &id
		}
		if id := s.names.lead(a.Lead); id != 0 && a.Lead != "" {
			r.LeadID = &id
		}
		if id := s.names.lead(a.SRO); id != 0 && a.SRO != "" {
			r.SROID = &id
		}
		if a.Retired != "" {
			r.RetiredAt = &now
		}
		if a.Progress != "" {
			r.LastUpdateAt = &now
		}
		rows[i] = r
	}
	if err := s.tx.Omit(clause.Associations).CreateInBatches(rows, insertBatch(s.tx)).Error; err != nil {
		return 0, err
	}
	var links []ActionBoard
	var updates []ProgressUpdate
	author := "Plan import"
	if file != "" {
		author += " of " + file
	}
	if actor != nil {
		author += " by " + actor.Name
	}
	for i, a := range src {
		linked := map[uint]bool{}
		for _, b := range a.Boards {
			if id := s.names.board(b); !linked[id] {
				linked[id] = true
				links = append(links, ActionBoard{ActionID: rows[i].ID, BoardID: id})
			}
		}
		if a.Progress != "" {
			updates = append(updates, ProgressUpdate{ActionID: rows[i].ID, UpdateDate: now, Narrative: a.Progress,
				Status: a.Status, RAG: a.RAG, UserID: userID(actor), AuthorName: author, CreatedAt: now})
		}
	}
	if len(links) > 0 {
		if err := s.tx.CreateInBatches(links, insertBatch(s.tx)).Error; err != nil {
			return 0, err
		}
	}
	if len(updates) > 0 {
		if err := s.tx.CreateInBatches(updates, insertBatch(s.tx)).Error; err != nil {
			return 0, err
		}
	}
	return len(updates), nil
}

func userID(u *User) *uint {
	if u == nil {
		return nil
	}
	id := u.ID
	return &id
}

func authorName(u *User) string {
	if u == nil {
		return "command line"
	}
	return u.Name
}
