package planimport

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"sendboard/models"
	"sendboard/models/planfile"
)

// wholePlan is a whole plan to create at once, as a spreadsheet gives it.
type wholePlan struct {
	Plan       models.PlanInput
	Areas      []models.AreaInput
	Milestones []models.MilestoneInput
	Actions    []actionRow
	// Author names the import on the progress it brings in, e.g. "Imported
	// from plan.xlsx"; blank gives "Imported from the plan spreadsheet".
	Author string
	// Source is where the plan came from (a file name), for the audit log.
	Source string
	// SHA256 is the hex SHA-256 of the file's bytes, for the audit log.
	SHA256 string
}

// actionRow is one action row. Leads, SROs and boards are given by name;
// names not yet known are created.
type actionRow struct {
	Number           string // "1.10"
	AreaCode         string // a models.AreaInput.Code
	MilestoneSection int    // a models.MilestoneInput.Section, 0 for none
	Aim              string
	Text             string
	SuccessCriteria  string
	Lead             string
	Leads            []string // every lead, when the lead cell names several or another spelling; Lead is the cell
	SRO              string
	Boards           []string
	Due              string // YYYY-MM-DD, YYYY-MM or ""
	Status           string // one of models.Statuses
	InitiateBy       string // YYYY-MM
	RAG              string // one of models.RAGs or blank
	Progress         string // becomes the first progress update, attributed to Author
	// What a spreadsheet said in words, kept verbatim beside the values read
	// from it: the status cell and a combined lead-and-governance cell.
	StatusText, LeadAndGovernance string
	Retired                       string // why the action is retired; blank for a live action
	Start                         string // YYYY-MM-DD, YYYY-MM or ""
	// History is what each review period's column said, oldest first;
	// Completed the day complete work was completed, "" when not known.
	History   []planfile.PeriodReading
	Completed string
}

// written is what writePlan created.
type written struct {
	Plan      *models.Plan
	Actions   int
	Updates   int
	NewLeads  []string
	NewBoards []string
}

// writePlan stores a checked import: the plan, its areas and milestones,
// the leads and boards it names that are not yet known, its actions with
// their boards, and each action's first progress update. The statements it
// runs grow with the rows only by the batches they are inserted in.
func writePlan(tx *gorm.DB, actor *models.User, in wholePlan, now time.Time) (written, error) {
	res := written{}
	var plans int64
	if err := tx.Model(&models.Plan{}).Count(&plans).Error; err != nil {
		return res, err
	}
	in.Plan.IsDefault = in.Plan.IsDefault || plans == 0
	plan, err := models.InsertPlan(tx, actor, in.Plan, now)
	if err != nil {
		return res, err
	}
	res.Plan = plan
	areas, err := insertAreas(tx, plan.ID, in.Areas)
	if err != nil {
		return res, err
	}
	mss, err := insertMilestones(tx, plan.ID, in.Milestones)
	if err != nil {
		return res, err
	}
	nm, err := models.LoadNames(tx)
	if err != nil {
		return res, err
	}
	if res.NewLeads, res.NewBoards, err = insertNames(tx, nm, in.Actions); err != nil {
		return res, err
	}
	acts := make([]models.Action, len(in.Actions))
	for i, ia := range in.Actions {
		acts[i] = importedAction(plan.ID, ia, areas, mss, nm, now)
	}
	if len(acts) > 0 {
		if err := tx.Omit(clause.Associations).CreateInBatches(&acts, models.InsertBatch(tx)).Error; err != nil {
			return res, err
		}
	}
	author := cmp.Or(strings.TrimSpace(in.Author), "Imported from the plan spreadsheet")
	var links []models.ActionBoard
	var updates []models.ProgressUpdate
	for i, ia := range in.Actions {
		var linked []uint
		for _, b := range ia.Boards {
			if id := nm.Board(b); b != "" && id != 0 && !slices.Contains(linked, id) {
				linked = append(linked, id)
				links = append(links, models.ActionBoard{ActionID: acts[i].ID, BoardID: id})
			}
		}
		for _, u := range historyUpdates(ia, now) {
			u.ActionID, u.UserID, u.AuthorName, u.CreatedAt = acts[i].ID, actorID(actor), author, now
			updates = append(updates, u)
		}
	}
	if err := insertJointLeads(tx, nm, in.Actions, acts); err != nil {
		return res, err
	}
	if len(links) > 0 {
		if err := tx.CreateInBatches(&links, models.InsertBatch(tx)).Error; err != nil {
			return res, err
		}
	}
	if len(updates) > 0 {
		if err := tx.CreateInBatches(&updates, 100).Error; err != nil {
			return res, err
		}
	}
	res.Actions, res.Updates = len(acts), len(updates)
	au := models.NewAuditor(actor, "plan_import", "plan", &plan.ID, nil, now)
	au.Note("actions", "", fmt.Sprint(len(acts)))
	au.Note("areas", "", fmt.Sprint(len(in.Areas)))
	au.Note("milestones", "", fmt.Sprint(len(in.Milestones)))
	au.Note("source", "", in.Source)
	au.Note("sha256", "", in.SHA256)
	au.Note("new_leads", "", strings.Join(res.NewLeads, "; "))
	au.Note("new_boards", "", strings.Join(res.NewBoards, "; "))
	return res, au.Save(tx)
}

// importedAction is the row for one imported action.
func importedAction(planID uint, ia actionRow, areas map[string]uint, mss map[int]uint, nm *models.Names, now time.Time) models.Action {
	major, minor, _ := models.SplitNumber(ia.Number)
	a := models.Action{PlanID: planID, Number: ia.Number, Major: major, Minor: minor,
		PriorityAreaID: areas[ia.AreaCode], Aim: ia.Aim, Text: ia.Text, ImpactMeasure: ia.SuccessCriteria,
		LeadText: ia.Lead, LeadAndGovernance: ia.LeadAndGovernance, StatusText: ia.StatusText,
		Status: ia.Status, RAG: ia.RAG, Progress: ia.Progress, Due: ia.Due, DueOriginal: ia.Due,
		RetiredReason: ia.Retired, Start: ia.Start, Version: 1, CreatedAt: now, UpdatedAt: now}
	if id, ok := mss[ia.MilestoneSection]; ok {
		a.MilestoneID = &id
	}
	if ia.InitiateBy != "" {
		m := ia.InitiateBy
		a.InitiateBy = &m
	}
	if id := nm.Lead(ia.firstLead()); ia.firstLead() != "" && id != 0 {
		a.LeadID = &id
	}
	if id := nm.Lead(ia.SRO); ia.SRO != "" && id != 0 {
		a.SROID = &id
	}
	if ia.Retired != "" {
		a.RetiredAt = &now
	}
	// The newest update the row brings is the action's last.
	for _, u := range historyUpdates(ia, now) {
		if d := u.UpdateDate; a.LastUpdateAt == nil || d.After(*a.LastUpdateAt) {
			a.LastUpdateAt = &d
		}
	}
	return a
}

// insertAreas stores a new plan's areas, numbered in order where the import
// does not number them.
func insertAreas(tx *gorm.DB, planID uint, in []models.AreaInput) (map[string]uint, error) {
	rows := make([]models.PriorityArea, len(in))
	for i, a := range in {
		rows[i] = models.PriorityArea{PlanID: planID, Number: cmp.Or(a.Number, i+1), Code: a.Code, Title: a.Title, Owners: a.Owners}
	}
	if len(rows) > 0 {
		if err := tx.CreateInBatches(&rows, models.InsertBatch(tx)).Error; err != nil {
			return nil, err
		}
	}
	ids := make(map[string]uint, len(rows))
	for _, r := range rows {
		ids[r.Code] = r.ID
	}
	return ids, nil
}

// insertMilestones stores a new plan's milestones by section.
func insertMilestones(tx *gorm.DB, planID uint, in []models.MilestoneInput) (map[int]uint, error) {
	rows := make([]models.Milestone, len(in))
	for i, m := range in {
		rows[i] = models.Milestone{PlanID: planID, Section: cmp.Or(m.Section, i+1), Label: m.Label, Due: m.Due}
	}
	if len(rows) > 0 {
		if err := tx.CreateInBatches(&rows, models.InsertBatch(tx)).Error; err != nil {
			return nil, err
		}
	}
	ids := make(map[int]uint, len(rows))
	for _, r := range rows {
		ids[r.Section] = r.ID
	}
	return ids, nil
}

// insertNames creates the leads (and SROs) and boards the actions name that
// nm does not know, each kind in batched statements, and adds them to nm.
func insertNames(tx *gorm.DB, nm *models.Names, acts []actionRow) (newLeads, newBoards []string, err error) {
	var leads []models.Lead
	var boards []models.Board
	seen := map[string]bool{}
	for _, a := range acts {
		for _, n := range append(a.rowLeads(), a.SRO) {
			if n != "" && nm.Lead(n) == 0 && !seen["l"+models.Slugify(n)] {
				seen["l"+models.Slugify(n)] = true
				leads = append(leads, models.Lead{Name: n, Slug: models.Slugify(n)})
			}
		}
		for _, n := range a.Boards {
			if n != "" && nm.Board(n) == 0 && !seen["b"+models.Slugify(n)] {
				seen["b"+models.Slugify(n)] = true
				boards = append(boards, models.Board{Name: n, Slug: models.Slugify(n)})
			}
		}
	}
	if len(leads) > 0 {
		if err := tx.CreateInBatches(&leads, models.InsertBatch(tx)).Error; err != nil {
			return nil, nil, err
		}
	}
	if len(boards) > 0 {
		if err := tx.CreateInBatches(&boards, models.InsertBatch(tx)).Error; err != nil {
			return nil, nil, err
		}
	}
	for _, l := range leads {
		nm.AddLead(l)
		newLeads = append(newLeads, l.Name)
	}
	for _, b := range boards {
		nm.AddBoard(b)
		newBoards = append(newBoards, b.Name)
	}
	return newLeads, newBoards, nil
}

// actorID is the id of who imports, nil from the command line.
func actorID(u *models.User) *uint {
	if u == nil {
		return nil
	}
	return &u.ID
}
