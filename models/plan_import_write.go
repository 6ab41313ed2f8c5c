package models

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// importTx writes a checked import.
func importTx(tx *gorm.DB, actor *User, in PlanImport, now time.Time) (PlanImportResult, error) {
	res := PlanImportResult{}
	plan, err := createPlanTx(tx, actor, in.Plan, now)
	if err != nil {
		return res, err
	}
	res.Plan = plan
	areas := map[string]uint{}
	for _, a := range in.Areas {
		row, err := saveAreaTx(tx, actor, plan.ID, 0, a, now)
		if err != nil {
			return res, err
		}
		areas[a.Code] = row.ID
	}
	mss := map[int]uint{}
	for _, m := range in.Milestones {
		row, err := saveMilestoneTx(tx, actor, plan.ID, 0, m, now)
		if err != nil {
			return res, err
		}
		mss[m.Section] = row.ID
	}
	nm, err := loadNames(tx)
	if err != nil {
		return res, err
	}
	leadID := func(n string) (*uint, error) {
		if n == "" {
			return nil, nil
		}
		if id := nm.lead(n); id != 0 {
			return &id, nil
		}
		row := Lead{Name: n, Slug: Slugify(n)}
		if err := tx.Create(&row).Error; err != nil {
			return nil, err
		}
		nm.leads[strings.ToLower(n)], nm.leads["slug:"+row.Slug] = row.ID, row.ID
		res.NewLeads = append(res.NewLeads, n)
		return &row.ID, nil
	}
	boardID := func(n string) (uint, error) {
		if id := nm.board(n); id != 0 {
			return id, nil
		}
		row := Board{Name: n, Slug: Slugify(n)}
		if err := tx.Create(&row).Error; err != nil {
			return 0, err
		}
		nm.boards[strings.ToLower(n)], nm.boards["slug:"+row.Slug] = row.ID, row.ID
		res.NewBoards = append(res.NewBoards, n)
		return row.ID, nil
	}
	author := cmpOr(strings.TrimSpace(in.Author), "Imported from the plan spreadsheet")
	acts := make([]Action, len(in.Actions))
	var links []ActionBoard
	boardsOf := make([][]uint, len(in.Actions))
	for i, ia := range in.Actions {
		major, minor, _ := SplitNumber(ia.Number)
		a := Action{PlanID: plan.ID, Number: ia.Number, Major: major, Minor: minor,
			PriorityAreaID: areas[ia.AreaCode], Aim: ia.Aim, Text: ia.Text, ImpactMeasure: ia.SuccessCriteria,
			LeadText: ia.Lead, Status: ia.Status, RAG: ia.RAG, Progress: ia.Progress,
			Due: ia.Due, DueOriginal: ia.Due, Version: 1, CreatedAt: now, UpdatedAt: now}
		if ia.MilestoneSection != 0 {
			id := mss[ia.MilestoneSection]
			a.MilestoneID = &id
		}
		if ia.InitiateBy != "" {
			m := ia.InitiateBy
			a.InitiateBy = &m
		}
		if a.LeadID, err = leadID(ia.Lead); err != nil {
			return res, err
		}
		if a.SROID, err = leadID(ia.SRO); err != nil {
			return res, err
		}
		for _, b := range ia.Boards {
			if b == "" {
				continue
			}
			id, err := boardID(b)
			if err != nil {
				return res, err
			}
			if !slices.Contains(boardsOf[i], id) {
				boardsOf[i] = append(boardsOf[i], id)
			}
		}
		if ia.Progress != "" {
			t := now
			a.LastUpdateAt = &t
		}
		acts[i] = a
	}
	if len(acts) > 0 {
		if err := tx.Omit(clause.Associations).CreateInBatches(&acts, actionsPerInsert).Error; err != nil {
			return res, err
		}
	}
	var updates []ProgressUpdate
	for i := range acts {
		for _, id := range boardsOf[i] {
			links = append(links, ActionBoard{ActionID: acts[i].ID, BoardID: id})
		}
		if acts[i].Progress != "" {
			updates = append(updates, ProgressUpdate{ActionID: acts[i].ID, UpdateDate: now, Narrative: acts[i].Progress,
				Status: acts[i].Status, RAG: acts[i].RAG, UserID: &actor.ID, AuthorName: author, CreatedAt: now})
		}
	}
	if len(links) > 0 {
		if err := tx.CreateInBatches(&links, 300).Error; err != nil {
			return res, err
		}
	}
	if len(updates) > 0 {
		if err := tx.CreateInBatches(&updates, 100).Error; err != nil {
			return res, err
		}
	}
	res.Actions, res.Updates = len(acts), len(updates)
	au := newAuditor(actor, "plan_import", "plan", &plan.ID, nil, now)
	au.note("actions", "", fmt.Sprint(len(acts)))
	au.note("new_leads", "", strings.Join(res.NewLeads, "; "))
	au.note("new_boards", "", strings.Join(res.NewBoards, "; "))
	return res, au.save(tx)
}

func cmpOr(s, fallback string) string {
	if s == "" {
		return fallback
	}
	return s
}

// actionsPerInsert keeps each INSERT of actions (about 30 columns) under a
// thousand parameters: the pure-Go SQLite driver binds parameters in time
// that grows faster than their number.
const actionsPerInsert = 30
