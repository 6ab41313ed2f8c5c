package models

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"sendboard/models/planfile"
)

// ImportPlan makes a plan from a spreadsheet in one transaction: the plan, its
// areas and milestones, the leads and boards it names that are not yet known,
// its actions, and from a Progress column each action's first progress
// update, attributed to the import. A file with any problem stores nothing
// and returns a *planfile.Error naming every bad row and column.
func ImportPlan(ctx context.Context, db *gorm.DB, actor *User, data []byte, in PlanImport, now time.Time) (*PlanImportResult, error) {
	if actor != nil && !actor.AtLeast(RoleAdmin) {
		return nil, ErrForbidden
	}
	var res *PlanImportResult
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		if res, err = readPlanImport(tx, data, in); err != nil {
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
	leads      map[string]uint // lower-cased name or alias -> id
	boards     map[string]uint // lower-cased name -> id
}

func storePlan(tx *gorm.DB, actor *User, res *PlanImportResult, in PlanImport, now time.Time) error {
	f := res.File
	var plans int64
	if err := tx.Model(&Plan{}).Count(&plans).Error; err != nil {
		return err
	}
	p := &Plan{Slug: res.Slug, Name: strings.Join(strings.Fields(in.Name), " "), Date: now, Type: in.Type,
		StartDate: now.Format("2006-01-02"), Status: PlanActive, IsDefault: plans == 0}
	if err := tx.Create(p).Error; err != nil {
		return err
	}
	s := &planStore{tx: tx, plan: p, areas: map[string]uint{}, milestones: map[string]uint{}, boards: map[string]uint{}}
	var err error
	if s.leads, err = leadIndex(tx); err != nil {
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
	for i, a := range f.Plan.Areas {
		row := PriorityArea{PlanID: s.plan.ID, Number: nums[i], Code: a.Code, Title: a.Title, Owners: a.Owners}
		if err := s.tx.Create(&row).Error; err != nil {
			return err
		}
		s.areas[a.Code] = row.ID
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

// leadsAndBoards creates the leads and boards the file names that are not yet known.
func (s *planStore) leadsAndBoards(res *PlanImportResult) error {
	for _, name := range res.NewLeads {
		l := Lead{Name: name, Slug: s.freeSlug(&Lead{}, name)}
		if err := s.tx.Create(&l).Error; err != nil {
			return err
		}
		s.leads[strings.ToLower(name)] = l.ID
	}
	var boards []Board
	if err := s.tx.Order("id").Limit(maxReference).Find(&boards).Error; err != nil {
		return err
	}
	for _, b := range boards {
		s.boards[strings.ToLower(b.Name)] = b.ID
	}
	for _, name := range res.NewBoards {
		b := Board{Name: name, Slug: s.freeSlug(&Board{}, name)}
		if err := s.tx.Create(&b).Error; err != nil {
			return err
		}
		s.boards[strings.ToLower(name)] = b.ID
	}
	return nil
}

// freeSlug is name's slug, with "-2", "-3"… when another row of model has it.
func (s *planStore) freeSlug(model any, name string) string {
	base := Slugify(name)
	if base == "" {
		base = "unnamed"
	}
	if len(base) > 190 {
		base = base[:190]
	}
	slug := base
	for i := 2; ; i++ {
		var n int64
		if err := s.tx.Model(model).Where("slug = ?", slug).Count(&n).Error; err != nil || n == 0 {
			return slug
		}
		slug = base + "-" + strconv.Itoa(i)
	}
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
		if id, ok := s.leads[strings.ToLower(a.Lead)]; ok && a.Lead != "" {
			r.LeadID = &id
		}
		if id, ok := s.leads[strings.ToLower(a.SRO)]; ok && a.SRO != "" {
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
		for _, b := range a.Boards {
			links = append(links, ActionBoard{ActionID: rows[i].ID, BoardID: s.boards[strings.ToLower(b)]})
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
