package app

import (
	"strconv"

	"sendboard/models"
	"sendboard/models/risk"
)

var likelihoodWords = []string{"Rare", "Unlikely", "Possible", "Likely", "Almost certain"}
var impactWords = []string{"Negligible", "Minor", "Moderate", "Major", "Severe"}

// riskFormFields lays the risk form out as the shared form_field partial
// draws it, each field with the user's value and its problem.
func riskFormFields(f riskForm, errs map[string]string, ref *models.Reference, editing bool) []formField {
	scale := func(name, label, value string, words []string) formField {
		ff := formField{Name: name, Label: label, Type: "radios", Error: errs[name]}
		for i, w := range words {
			v := strconv.Itoa(i + 1)
			ff.Options = append(ff.Options, option{Value: v, Label: v + " – " + w, Selected: value == v})
		}
		return ff
	}
	choose := func(name, label, value string, opts ...string) formField {
		ff := formField{Name: name, Label: label, Type: "radios", Error: errs[name]}
		for i := 0; i < len(opts); i += 2 {
			ff.Options = append(ff.Options, option{Value: opts[i], Label: opts[i+1], Selected: value == opts[i]})
		}
		return ff
	}
	area := formField{Name: "area", Label: "Area (optional)", Type: "select", Error: errs["area"],
		Options: []option{{Value: "", Label: "No area", Selected: f.Area == ""}}}
	for _, p := range ref.PriorityAreas {
		area.Options = append(area.Options, option{Value: p.Code, Label: p.Code + ". " + p.Title, Selected: f.Area == p.Code})
	}
	fields := []formField{
		{Name: "title", Label: "Title", Type: "text", Value: f.Title, Error: errs["title"]},
		choose("kind", "Kind", f.Kind, risk.KindRisk, "Risk – it may happen", risk.KindIssue, "Issue – it has happened"),
		{Name: "description", Label: "Description", Hint: "The cause, the event and its effect on the plan.", Type: "textarea", Value: f.Description, Error: errs["description"]},
		{Name: "owner", Label: "Owner", Hint: "A lead role as the plan names it (for example DCO), or a person's email.", Type: "text", Value: f.Owner, Error: errs["owner"]},
		scale("likelihood", "Likelihood", f.Likelihood, likelihoodWords),
		scale("impact", "Impact", f.Impact, impactWords),
		{Name: "target_score", Label: "Target score (optional)", Hint: "Likelihood × impact once the mitigation works, from 1 to 25.", Type: "text", Width: "2", Value: f.TargetScore, Error: errs["target_score"]},
		{Name: "mitigation", Label: "Mitigation", Type: "textarea", Value: f.Mitigation, Error: errs["mitigation"]},
		{Name: "review_by", Label: "Review by (optional)", Hint: "A date written year-month-day, for example 2026-03-31.", Type: "text", Width: "10", Value: f.ReviewBy, Error: errs["review_by"]},
		choose("status", "Status", f.Status, risk.StatusOpen, "Open", risk.StatusClosed, "Closed"),
		area,
		{Name: "actions", Label: "Actions (optional)", Hint: "The numbers of the plan's actions it threatens, separated by commas, for example 1.2, 2.10. A lead must name an action they lead.", Type: "text", Value: f.Actions, Error: errs["actions"]},
	}
	reason := formField{Name: "reason", Label: "Why (optional)", Hint: "Kept in the history with who and when.", Type: "textarea", Value: f.Reason, Error: errs["reason"]}
	if editing {
		reason.Label, reason.Hint = "Why are you making this change?", "Needed when the score, owner, status or kind changes; kept in the history with who and when."
	}
	return append(fields, reason)
}

// Fields is the add form of the register.
func (d risksData) Fields() []formField { return riskFormFields(d.Form, d.Errors, d.Ref, false) }

// Fields is the edit form of the risk.
func (d riskData) Fields() []formField { return riskFormFields(d.Form, d.Errors, d.Ref, true) }
