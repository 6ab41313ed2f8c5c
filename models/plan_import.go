package models

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"
)

// PlanImport is a whole plan to create at once, as a spreadsheet gives it.
type PlanImport struct {
	Plan       PlanInput
	Areas      []AreaInput
	Milestones []MilestoneInput
	Actions    []PlanImportAction
	// Author names the import on the progress it brings in, e.g. "Imported
	// from plan.xlsx"; blank gives "Imported from the plan spreadsheet".
	Author string
	// Source is where the plan came from (a file name), for the audit log.
	Source string
}

// PlanImportAction is one action row. Leads, SROs and boards are given by name;
// names not yet known are created (see ImportNames).
type PlanImportAction struct {
	Number           string // "1.10"
	AreaCode         string // an AreaInput.Code
	MilestoneSection int    // a MilestoneInput.Section, 0 for none
	Aim              string
	Text             string
	SuccessCriteria  string
	Lead             string
	SRO              string
	Boards           []string
	Due              string // YYYY-MM-DD or YYYY-MM; blank takes the milestone's month
	Status           string // one of Statuses; blank is not started
	InitiateBy       string // YYYY-MM
	RAG              string // one of RAGs or blank
	Progress         string // becomes the first progress update, attributed to Author
	// What a spreadsheet said in words, kept verbatim beside the values read
	// from it: the status cell and a combined lead-and-governance cell.
	StatusText, LeadAndGovernance string
	Retired                       string // why the action is retired; blank for a live action
}

// PlanImportProblem is one thing wrong with a PlanImport: Part is "plan",
// "areas", "milestones" or "actions", Index the 0-based row in it.
type PlanImportProblem struct {
	Part    string
	Index   int
	Field   string
	Message string
}

// maxImportProblems bounds the problems an PlanImportError lists.
const maxImportProblems = 100

// PlanImportError lists what is wrong with an import (the first 100) and how
// many problems there are in all. Nothing was created.
type PlanImportError struct {
	Problems []PlanImportProblem
	Total    int
}

func (e *PlanImportError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d problem%s in the plan", e.Total, map[bool]string{true: "", false: "s"}[e.Total == 1])
	for i, p := range e.Problems {
		if i == 5 {
			b.WriteString("; …")
			break
		}
		fmt.Fprintf(&b, "; %s %d, %s: %s", p.Part, p.Index+1, p.Field, p.Message)
	}
	return b.String()
}

func (e *PlanImportError) add(part string, index int, err error) {
	e.Total++
	if len(e.Problems) >= maxImportProblems {
		return
	}
	p := PlanImportProblem{Part: part, Index: index, Message: err.Error()}
	if ie, ok := IsInvalid(err); ok {
		p.Field, p.Message = ie.Field, ie.Message
	}
	e.Problems = append(e.Problems, p)
}

// PlanImportResult is what ImportPlan created.
type PlanImportResult struct {
	Plan      *Plan
	Actions   int
	Updates   int
	NewLeads  []string
	NewBoards []string
}

// ImportNames reports which of the lead and board names an import would
// create, matching known ones by name, slug or (leads) alias, ignoring case.
func ImportNames(ctx context.Context, db *gorm.DB, leads, boards []string) (newLeads, newBoards []string, err error) {
	nm, err := LoadNames(db.WithContext(ctx))
	if err != nil {
		return nil, nil, err
	}
	newLeads, newBoards = nm.Unknown(leads, boards)
	return newLeads, newBoards, nil
}

// ImportPlan creates a plan with its areas, milestones and actions, and the
// leads and boards it names that do not exist yet, in one transaction: any
// problem creates nothing and is reported in an *PlanImportError. Each action's
// Progress becomes its first progress update, attributed to in.Author.
func ImportPlan(ctx context.Context, db *gorm.DB, actor *User, in PlanImport, now time.Time) (PlanImportResult, error) {
	if !actor.AtLeast(RoleAdmin) {
		return PlanImportResult{}, ErrForbidden
	}
	problems := &PlanImportError{}
	if err := in.Plan.validate(); err != nil {
		problems.add("plan", 0, err)
	}
	areaIdx := map[string]int{}
	for i := range in.Areas {
		a := &in.Areas[i]
		if a.Number == 0 {
			a.Number = i + 1
		}
		if err := a.validate(); err != nil {
			problems.add("areas", i, err)
		} else if _, dup := areaIdx[a.Code]; dup {
			problems.add("areas", i, Invalid("code", "area %s is listed twice", a.Code))
		}
		areaIdx[a.Code] = i
	}
	msIdx := map[int]int{}
	for i := range in.Milestones {
		m := &in.Milestones[i]
		m.Label, m.Due = strings.TrimSpace(m.Label), strings.TrimSpace(m.Due)
		if m.Section == 0 {
			m.Section = i + 1
		}
		if m.Label == "" {
			problems.add("milestones", i, Invalid("label", "empty"))
		} else if _, err := ParseMonth(m.Due); err != nil {
			problems.add("milestones", i, Invalid("due", "%q is not a month YYYY-MM", m.Due))
		} else if _, dup := msIdx[m.Section]; dup {
			problems.add("milestones", i, Invalid("section", "milestone %d is listed twice", m.Section))
		}
		msIdx[m.Section] = i
	}
	seen := map[[2]int]string{}
	for i := range in.Actions {
		if err := checkImportAction(&in.Actions[i], areaIdx, msIdx, in.Milestones, seen); err != nil {
			problems.add("actions", i, err)
		}
	}
	if problems.Total > 0 {
		return PlanImportResult{}, problems
	}
	var res PlanImportResult
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		res, err = writePlan(tx, actor, in, now)
		if ie, ok := IsInvalid(err); ok && ie.Field == "slug" {
			problems.add("plan", 0, err)
			return problems
		}
		return err
	})
	return res, err
}

// checkImportAction normalises one action row and checks it against the
// areas and milestones of the import.
func checkImportAction(a *PlanImportAction, areas map[string]int, ms map[int]int, mss []MilestoneInput, seen map[[2]int]string) error {
	a.Number, a.AreaCode = strings.TrimSpace(a.Number), strings.TrimSpace(a.AreaCode)
	a.Lead, a.SRO, a.Progress = NormName(a.Lead), NormName(a.SRO), strings.TrimSpace(a.Progress)
	major, minor, err := SplitNumber(a.Number)
	if err != nil {
		return Invalid("number", "%q is not an action number such as 1.10", a.Number)
	}
	if prev, dup := seen[[2]int{major, minor}]; dup {
		return Invalid("number", "%s is listed twice (also as %s)", a.Number, prev)
	}
	seen[[2]int{major, minor}] = a.Number
	if _, ok := areas[a.AreaCode]; !ok {
		return Invalid("area", "%q is not one of the plan's areas", a.AreaCode)
	}
	if err := checkActionText(&a.Aim, &a.Text, &a.SuccessCriteria); err != nil {
		return err
	}
	if a.MilestoneSection != 0 {
		i, ok := ms[a.MilestoneSection]
		if !ok {
			return Invalid("milestone", "%d is not one of the plan's milestones", a.MilestoneSection)
		}
		if a.Due == "" {
			a.Due = mss[i].Due
		}
	}
	if a.Due, err = ParseDue(a.Due); err != nil {
		return Invalid("due", "%q is not a date (YYYY-MM-DD) or month (YYYY-MM)", a.Due)
	}
	if a.Status == "" {
		a.Status = StatusNotStarted
	}
	switch {
	case !slices.Contains(Statuses, a.Status):
		return Invalid("status", "%q is not a status", a.Status)
	case a.RAG != "" && !slices.Contains(RAGs, a.RAG):
		return Invalid("rag", "%q is not a RAG rating", a.RAG)
	case a.InitiateBy != "" && a.Status != StatusNotStarted:
		return Invalid("initiate_by", "only an action not yet started has a month to start by")
	case len(a.Progress) > 10000:
		return Invalid("progress", "longer than 10,000 characters")
	}
	if a.InitiateBy != "" {
		if _, err := ParseMonth(a.InitiateBy); err != nil {
			return Invalid("initiate_by", "%q is not a month YYYY-MM", a.InitiateBy)
		}
	}
	for i, b := range a.Boards {
		a.Boards[i] = NormName(b)
		if len(a.Boards[i]) > 200 {
			return Invalid("boards", "a board name is longer than 200 characters")
		}
	}
	if len(a.Lead) > 200 || len(a.SRO) > 200 {
		return Invalid("lead", "a lead name is longer than 200 characters")
	}
	return nil
}
