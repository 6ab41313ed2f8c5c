package app

import (
	"time"

	"sendboard/models"
)

// apiMilestone is a milestone in API responses.
type apiMilestone struct {
	Section int    `json:"section"`
	Label   string `json:"label"`
	Due     string `json:"due"`
}

type apiPriority struct {
	Number int    `json:"number"`
	Title  string `json:"title"`
}

// apiArea is an action's area: number is its code as the plan writes it.
type apiArea struct {
	Number string `json:"number"`
	Title  string `json:"title"`
	Owners string `json:"owners"`
}

type apiFlag struct {
	Kind       string     `json:"kind"`
	Since      string     `json:"since"` // the day the condition became true by the rule
	RaisedAt   time.Time  `json:"raised_at"`
	ResolvedAt *time.Time `json:"resolved_at"`
}

// apiAction is an action as the API shows it.
type apiAction struct {
	Number        string        `json:"number"`
	Milestone     *apiMilestone `json:"milestone"` // null outside any milestone group
	PriorityArea  apiPriority   `json:"priority_area"`
	Aim           string        `json:"aim"`
	Action        string        `json:"action"`
	ImpactMeasure string        `json:"impact_measure"`
	Lead          *string       `json:"lead"`
	LeadRole      *string       `json:"lead_role"`
	Leads         []string      `json:"leads"` // every lead role in order; lead_role is the first
	Boards        []string      `json:"boards"`
	Status        string        `json:"status"`
	InitiateBy    *string       `json:"initiate_by"`
	RAG           *string       `json:"rag"`
	Progress      string        `json:"progress"`
	Flags         []apiFlag     `json:"flags"`
	SignedOffAt   *time.Time    `json:"signed_off_at"`
	Version       int           `json:"version"`
	UpdatedAt     time.Time     `json:"updated_at"`
	Updates       []apiUpdate   `json:"updates,omitzero"` // omitzero: [] on the detail, absent from lists
	// RAGHistory is the status and RAG at each quarter's end, newest first; on the detail only.
	RAGHistory []apiPeriodRAG `json:"rag_history,omitzero"`

	Plan            string     `json:"plan"`
	Area            apiArea    `json:"area"`
	Due             *string    `json:"due"`
	Start           *string    `json:"start"` // when the work is due to start (see models.Action.StartBy)
	DueOriginal     *string    `json:"due_original"`
	SRO             *string    `json:"sro"`
	SuccessCriteria string     `json:"success_criteria"`
	RetiredAt       *time.Time `json:"retired_at"`
	RetiredReason   *string    `json:"retired_reason"`
}

// apiPeriodRAG is where an action stood at a quarter's end.
type apiPeriodRAG struct {
	Period string  `json:"period"`
	Status string  `json:"status"`
	RAG    *string `json:"rag"`
}

// apiUpdate is one progress update.
type apiUpdate struct {
	ID          uint      `json:"id"`
	Date        string    `json:"date"`
	Narrative   string    `json:"narrative"`
	Status      string    `json:"status"`
	RAG         *string   `json:"rag"`
	Evidence    string    `json:"evidence"`
	EvidenceURL string    `json:"evidence_url"`
	Reason      string    `json:"reason,omitempty"`
	Author      string    `json:"author"`
	CreatedAt   time.Time `json:"created_at"`
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func toAPIAction(a *models.Action, plan string) apiAction {
	out := apiAction{Number: a.Number,
		PriorityArea: apiPriority{Number: a.PriorityArea.Number, Title: a.PriorityArea.Title},
		Aim:          a.Aim, Action: a.Text, ImpactMeasure: a.ImpactMeasure, Lead: optional(a.LeadText),
		Boards: a.BoardNames(), Status: a.Status, InitiateBy: a.InitiateBy, RAG: optional(a.RAG),
		Progress: a.Progress, Flags: []apiFlag{}, SignedOffAt: a.SignedOffAt, Version: a.Version, UpdatedAt: a.UpdatedAt,
		Plan: plan, Area: apiArea{Number: a.PriorityArea.Code, Title: a.PriorityArea.Title, Owners: a.PriorityArea.Owners},
		Due: optional(a.Due), Start: optional(a.StartBy()), DueOriginal: optional(a.DueOriginal), SuccessCriteria: a.ImpactMeasure,
		RetiredAt: a.RetiredAt, RetiredReason: optional(a.RetiredReason)}
	if a.SRO != nil {
		out.SRO = &a.SRO.Name
	}
	if a.MilestoneID != nil {
		out.Milestone = &apiMilestone{Section: a.Milestone.Section, Label: a.Milestone.Label, Due: a.Milestone.Due}
	}
	if a.Lead != nil {
		out.LeadRole = &a.Lead.Name
	}
	out.Leads = a.LeadNames()
	for _, f := range a.Flags {
		out.Flags = append(out.Flags, apiFlag{Kind: f.Kind, Since: f.Since, RaisedAt: f.RaisedAt, ResolvedAt: f.ResolvedAt})
	}
	return out
}

func toAPIUpdate(u models.ProgressUpdate) apiUpdate {
	return apiUpdate{ID: u.ID, Date: u.UpdateDate.Format("2006-01-02"), Narrative: u.Narrative, Status: u.Status,
		RAG: optional(u.RAG), Evidence: u.Evidence, EvidenceURL: u.EvidenceURL, Reason: u.Reason,
		Author: u.AuthorName, CreatedAt: u.CreatedAt}
}
