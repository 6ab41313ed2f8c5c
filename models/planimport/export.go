package planimport

import (
	"context"
	"errors"
	"strings"
	"time"

	"gorm.io/gorm"

	"sendboard/models"
	"sendboard/models/planfile"
)

// MaxExportActions bounds one export; import refuses larger files anyway.
const MaxExportActions = planfile.MaxRows

// Export reads the plan with slug as a planfile.Plan, in the order its
// actions sort, retired ones included with their reason, so that writing it
// out and importing it back gives an equal plan. It reads in seven statements
// whatever the plan's size.
func Export(ctx context.Context, db *gorm.DB, slug string) (*models.Plan, *planfile.Plan, error) {
	db = db.WithContext(ctx)
	var p models.Plan
	if err := db.Where("slug = ?", slug).Take(&p).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return nil, nil, models.ErrNotFound
		}
		return nil, nil, err
	}
	var areas []models.PriorityArea
	if err := db.Where("plan_id = ?", p.ID).Order("number").Find(&areas).Error; err != nil {
		return nil, nil, err
	}
	var milestones []models.Milestone
	if err := db.Where("plan_id = ?", p.ID).Order("section").Find(&milestones).Error; err != nil {
		return nil, nil, err
	}
	var actions []models.Action
	if err := db.Where("plan_id = ?", p.ID).Order("major, minor, number").Limit(MaxExportActions + 1).
		Find(&actions).Error; err != nil {
		return nil, nil, err
	}
	if len(actions) > MaxExportActions {
		return nil, nil, models.Invalid("plan", "The plan has more than %d actions, more than one file may hold", MaxExportActions)
	}
	var links []struct {
		ActionID uint
		Name     string
	}
	// The boards of every action in one statement.
	if err := db.Raw(`SELECT ab.action_id, b.name FROM action_boards ab
		JOIN boards b ON b.id = ab.board_id JOIN actions a ON a.id = ab.action_id
		WHERE a.plan_id = ? ORDER BY ab.action_id, b.id`, p.ID).Scan(&links).Error; err != nil {
		return nil, nil, err
	}
	// The day each complete action was completed: its latest completing update, as sign-off reads it.
	var doneRows []struct {
		ActionID   uint
		UpdateDate time.Time
	}
	if err := db.Raw(`SELECT u.action_id, u.update_date FROM progress_updates u
		JOIN actions a ON a.id = u.action_id
		WHERE a.plan_id = ? AND a.status = ? AND u.status = ? AND NOT EXISTS (SELECT 1 FROM progress_updates v
			WHERE v.action_id = u.action_id AND v.status = u.status AND v.id > u.id)`,
		p.ID, models.StatusComplete, models.StatusComplete).Scan(&doneRows).Error; err != nil {
		return nil, nil, err
	}
	completed := map[uint]string{}
	for _, d := range doneRows {
		completed[d.ActionID] = d.UpdateDate.UTC().Format(time.DateOnly)
	}
	leads := map[uint]string{}
	var names []models.Lead
	if err := db.Where("id IN (SELECT lead_id FROM actions WHERE plan_id = ?) OR id IN (SELECT sro_id FROM actions WHERE plan_id = ?)",
		p.ID, p.ID).Find(&names).Error; err != nil {
		return nil, nil, err
	}
	for _, l := range names {
		leads[l.ID] = l.Name
	}
	joint, err := planJointLeads(db, p.ID)
	if err != nil {
		return nil, nil, err
	}
	out := &planfile.Plan{}
	codes := map[uint]string{}
	for _, a := range areas {
		out.Areas = append(out.Areas, planfile.Area{Code: a.Code, Title: a.Title, Owners: a.Owners})
		codes[a.ID] = a.Code
	}
	labels := map[uint]string{}
	for _, m := range milestones {
		labels[m.ID] = m.Label
	}
	boards := map[uint][]string{}
	for _, l := range links {
		boards[l.ActionID] = append(boards[l.ActionID], l.Name)
	}
	for _, a := range actions {
		x := planfile.Action{Number: a.Number, AreaCode: codes[a.PriorityAreaID], Aim: a.Aim, Text: a.Text,
			Impact: a.ImpactMeasure, Boards: boards[a.ID], Due: a.Due, Status: a.Status, StatusText: a.StatusText,
			RAG: a.RAG, Progress: a.Progress, Start: a.Start, Completed: completed[a.ID]}
		if a.MilestoneID != nil {
			x.Milestone = labels[*a.MilestoneID]
		}
		x.Lead = exportLead(leads, a.LeadID, a.LeadText)
		if ls := joint[a.ID]; len(ls) > 1 {
			x.Lead = strings.Join(ls, "; ") // read back as the same leads: each is known
		}
		if a.SROID != nil {
			x.SRO = leads[*a.SROID]
		}
		if a.InitiateBy != nil {
			x.InitiateBy = *a.InitiateBy
		}
		if a.RetiredAt != nil {
			x.Retired = a.RetiredReason
			if strings.TrimSpace(x.Retired) == "" {
				x.Retired = "Retired"
			}
		}
		out.Actions = append(out.Actions, x)
	}
	return &p, out, nil
}

// exportLead is the lead's name, or the document's spelling when no lead role
// was matched to it.
func exportLead(leads map[uint]string, id *uint, text string) string {
	if id != nil {
		if n, ok := leads[*id]; ok {
			return n
		}
	}
	return text
}

// Export formats of a plan.
const (
	ExportXLSX = planfile.FormatXLSX
	ExportCSV  = planfile.FormatCSV
)

// File is a plan written out as a spreadsheet.
type File struct {
	Name        string // a file name: the plan's slug and the format
	ContentType string
	Data        []byte
}

// ExportFile writes the plan with slug as XLSX or CSV, in the layout
// Import reads.
func ExportFile(ctx context.Context, db *gorm.DB, slug, format string) (*File, error) {
	if format != ExportXLSX && format != ExportCSV {
		return nil, models.Invalid("format", "Choose xlsx or csv, not %q", format)
	}
	p, plan, err := Export(ctx, db, slug)
	if err != nil {
		return nil, err
	}
	out := &File{Name: p.Slug + "." + format}
	if format == ExportCSV {
		out.ContentType = "text/csv; charset=utf-8"
		out.Data, err = planfile.WriteCSV(plan)
	} else {
		out.ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
		out.Data, err = planfile.WriteXLSX(plan, "Plan")
	}
	if err != nil {
		return nil, err
	}
	return out, nil
}
