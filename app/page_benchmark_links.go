package app

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"

	"sendboard/models"
	"sendboard/models/measure"
)

// bmLinkForm is the question flow that links a DfE measure to an action:
// choose the plan, then the action from the plan's list, then check the
// action's text and save. Each step is a GET form, so it needs no script.
type bmLinkForm struct {
	Open    bool // a step past the first was asked for: show the form open
	Plans   []bmOption
	Plan    *models.Plan // the plan chosen
	Actions []bmOption   // the chosen plan's current actions
	Confirm *bmConfirm   // the action chosen, to check before saving
	Field   string       // the field Error is about: "plan" or "action"
	Error   string
	Back    string // choose another action
}

// bmOption is one choice of a list.
type bmOption struct {
	Value, Label string
	Selected     bool
}

// bmConfirm is the action about to be linked, as its page shows it.
type bmConfirm struct {
	PlanName, PlanSlug, Number, Text, ImpactMeasure string
	Linked                                          bool // already linked: nothing to save
}

// benchmarkLinkForm reads the flow's step from the query: link_plan (with
// step=plan), then link_action (with step=action and shown_plan, the plan
// whose list it was chosen from).
func (a *App) benchmarkLinkForm(c echo.Context, code string) (bmLinkForm, error) {
	ctx := c.Request().Context()
	planSlug, number := strings.TrimSpace(c.QueryParam("link_plan")), strings.TrimSpace(c.QueryParam("link_action"))
	rev, err := a.revisions(ctx)
	if err != nil {
		return bmLinkForm{}, err
	}
	plans, _, err := a.cachedPlans(ctx, rev)
	if err != nil {
		return bmLinkForm{}, err
	}
	f := bmLinkForm{Open: c.QueryParams().Has("link_plan")}
	for _, p := range plans {
		f.Plans = append(f.Plans, bmOption{Value: p.Slug, Label: p.Name, Selected: p.Slug == planSlug})
	}
	if planSlug == "" {
		if f.Open {
			f.Field, f.Error = "plan", "Choose the plan the action belongs to"
		}
		return f, nil
	}
	ref, err := a.planReferenceAt(ctx, rev, planSlug)
	if errors.Is(err, models.ErrNotFound) {
		f.Field, f.Error = "plan", "Choose a plan from the list"
		return f, nil
	}
	if err != nil {
		return f, err
	}
	f.Plan = &ref.Plan
	choices, err := models.ActionChoices(ctx, a.DB, ref.Plan.ID)
	if err != nil {
		return f, err
	}
	for _, ch := range choices {
		f.Actions = append(f.Actions, bmOption{Value: ch.Number, Label: ch.Number + " " + models.Shorten(ch.Text, 80), Selected: ch.Number == number})
	}
	// Only "Continue" under the list of the plan chosen goes on: a plan
	// changed in the list without "Choose plan" shows that plan's actions,
	// never an action of the same number in the plan shown before.
	if c.QueryParam("step") != "action" {
		return f, nil
	}
	if shown := c.QueryParam("shown_plan"); shown != ref.Plan.Slug {
		for i := range f.Actions {
			f.Actions[i].Selected = false
		}
		f.Field, f.Error = "action", "You changed the plan: choose an action of "+ref.Plan.Name
		return f, nil
	}
	if number == "" {
		f.Field, f.Error = "action", "Choose the action whose impact measure this figure shows"
		return f, nil
	}
	act, err := models.FindAction(ctx, a.DB, ref.Plan.ID, number)
	if errors.Is(err, models.ErrNotFound) || (err == nil && act.Retired()) {
		f.Field, f.Error = "action", "Choose a current action of "+ref.Plan.Name+" from the list"
		return f, nil
	}
	if err != nil {
		return f, err
	}
	linked, err := measure.IsActionBenchmark(ctx, a.DB, ref.Plan.ID, code, act.Number)
	if err != nil {
		return f, err
	}
	f.Confirm = &bmConfirm{PlanName: ref.Plan.Name, PlanSlug: ref.Plan.Slug, Number: act.Number, Text: act.Text,
		ImpactMeasure: act.ImpactMeasure, Linked: linked}
	f.Back = "/benchmarks/" + url.PathEscape(code) + "?" + url.Values{"link_plan": {ref.Plan.Slug}}.Encode() + "#link-to-action"
	return f, nil
}

// benchmarkLinkSubmit links the measure to a plan's action or to a KPI, or
// removes such a link. The plan is named by its slug; none is the default
// plan's. Who may do it is checked here by the route and again in the model.
func (a *App) benchmarkLinkSubmit(c echo.Context) error {
	ctx := c.Request().Context()
	code := c.Param("measure")
	unlink := c.FormValue("unlink") == "true"
	kind := c.FormValue("kind")
	var err error
	switch kind {
	case "action":
		ref, rerr := a.planReference(ctx, strings.TrimSpace(c.FormValue("plan")))
		if errors.Is(rerr, models.ErrNotFound) {
			return models.Invalid("plan", "%q is not a plan; choose one from the list", c.FormValue("plan"))
		}
		if rerr != nil {
			return rerr
		}
		err = measure.SetActionBenchmark(ctx, a.DB, currentUser(c), ref.Plan.ID, code, strings.TrimSpace(c.FormValue("action")), !unlink, a.Now())
	case "kpi":
		m := code
		if unlink {
			m = ""
		}
		err = measure.LinkKPIBenchmark(ctx, a.DB, c.FormValue("kpi"), m)
	default:
		err = models.Invalid("kind", "choose action or kpi")
	}
	if err != nil {
		return err
	}
	done := kind
	if unlink {
		done = "removed"
	}
	return c.Redirect(http.StatusSeeOther, "/benchmarks/"+url.PathEscape(code)+"?linked="+done)
}

// linkedActionLine is an action linked to a measure, as the measure's page lists it.
type linkedActionLine struct {
	Number, Href, ImpactMeasure, Plan string
	PlanSlug, PlanName                string // for the form that removes the link
}

// linkedActions links each action to its page in its own plan and names the
// plan when the links span more than one.
func linkedActions(in []measure.LinkedAction) []linkedActionLine {
	out := make([]linkedActionLine, len(in))
	for i, la := range in {
		out[i] = linkedActionLine{Number: la.Number, ImpactMeasure: la.ImpactMeasure, PlanSlug: la.PlanSlug, PlanName: la.PlanName,
			Href: actionPath(models.Plan{Slug: la.PlanSlug, IsDefault: la.PlanIsDefault}, la.Number)}
		if in[0].PlanSlug != in[len(in)-1].PlanSlug {
			out[i].Plan = la.PlanName
		}
	}
	return out
}
