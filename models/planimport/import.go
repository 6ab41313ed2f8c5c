package planimport

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"

	"gorm.io/gorm"

	"sendboard/models"
	"sendboard/models/planfile"
)

// Import makes a plan from a spreadsheet in one transaction: the plan, its
// areas and milestones, the leads and boards it names that are not yet known,
// its actions, and from a Progress column each action's first progress
// update, attributed to the import, and the actions' flags as of now. A
// file with any problem stores nothing and returns a *planfile.Error naming
// every bad row and column.
func Import(ctx context.Context, db *gorm.DB, actor *models.User, data []byte, in Request, now time.Time) (*Result, error) {
	if actor != nil && !actor.AtLeast(models.RoleAdmin) {
		return nil, models.ErrForbidden
	}
	var res *Result
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		res, err = importIn(tx, actor, data, in, now)
		return err
	})
	return res, err
}

// importIn is Import inside tx. The audit entry names the SHA-256 of the
// bytes imported, so the file can be matched to the plan it made.
func importIn(tx *gorm.DB, actor *models.User, data []byte, in Request, now time.Time) (*Result, error) {
	res, err := readPlanFile(tx, data, in, now)
	if err != nil {
		return res, err
	}
	if err := res.Err(); err != nil {
		return res, err
	}
	whole := fileImport(res, in, actor, now.UTC())
	sum := sha256.Sum256(data)
	whole.SHA256 = hex.EncodeToString(sum[:])
	out, err := writePlan(tx, actor, whole, now.UTC())
	res.Plan, res.Updates = out.Plan, out.Updates
	if err != nil {
		return res, err
	}
	if err := auditSame(tx, actor, res, now.UTC()); err != nil {
		return res, err
	}
	// The plan shows its flags at once, not after the next daily run.
	_, err = models.ReevaluatePlanFlags(tx, out.Plan.ID, now, cmp.Or(in.Flags, models.DefaultFlagConfig))
	return res, err
}

// fileImport is the plan a checked spreadsheet describes, as writePlan takes
// it: milestones numbered in the order the file first names them, areas by
// their codes (see areaNumbers), progress attributed to the file.
func fileImport(res *Result, in Request, actor *models.User, now time.Time) wholePlan {
	f := res.File
	author := "Plan import"
	if in.File != "" {
		author += " of " + in.File
	}
	if actor != nil {
		author += " by " + actor.Name
	}
	out := wholePlan{Plan: models.PlanInput{Name: models.NormName(in.Name), Slug: res.Slug, Type: in.Type,
		StartDate: now.Format(models.DateLayout), Status: models.PlanActive}, Author: author, Source: in.File}
	nums := areaNumbers(f.Plan.Areas)
	for i, a := range f.Plan.Areas {
		out.Areas = append(out.Areas, models.AreaInput{Number: nums[i], Code: a.Code, Title: a.Title, Owners: a.Owners})
	}
	sections := map[string]int{}
	for _, a := range f.Plan.Actions {
		if a.Milestone != "" && sections[a.Milestone] == 0 {
			sections[a.Milestone] = len(sections) + 1
			out.Milestones = append(out.Milestones, models.MilestoneInput{Section: sections[a.Milestone], Label: a.Milestone,
				Due: milestoneDue(a.Milestone, f.Plan.Actions)})
		}
	}
	governance := f.Header(planfile.FieldLeadGovernance) != ""
	out.Actions = make([]actionRow, len(f.Plan.Actions))
	for i, a := range f.Plan.Actions {
		ia := actionRow{Number: a.Number, AreaCode: a.AreaCode, MilestoneSection: sections[a.Milestone],
			Aim: a.Aim, Text: a.Text, SuccessCriteria: a.Impact, Lead: a.Lead, SRO: a.SRO, Boards: a.Boards,
			Due: a.Due, Status: a.Status, InitiateBy: a.InitiateBy, RAG: a.RAG, Progress: a.Progress,
			StatusText: a.StatusText, Retired: a.Retired, Start: a.Start, History: a.History,
			Completed: a.Completed}
		if ia.Status == planfile.StatusComplete && ia.Completed == "" {
			ia.Completed = in.CompletedOn
		}
		if governance {
			ia.LeadAndGovernance = a.Lead + "; " + strings.Join(a.Boards, " and ")
		}
		res.chosenNames(&ia)
		out.Actions[i] = ia
	}
	return out
}
