package planimport

import (
	"sendboard/models"
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
}

// actionRow is one action row. Leads, SROs and boards are given by name;
// names not yet known are created.
type actionRow struct {
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

// written is what writePlan created.
type written struct {
	Plan      *models.Plan
	Actions   int
	Updates   int
	NewLeads  []string
	NewBoards []string
}
