package app

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"sendboard/models"
)

// refOptions turns reference rows into choices, with a first "none" choice
// when none is given.
func leadOptions(ls []models.Lead, sel uint, none string) []option {
	out := []option{{Value: "0", Label: none, Selected: sel == 0}}
	for _, l := range ls {
		out = append(out, option{Value: idText(l.ID), Label: l.Name, Selected: l.ID == sel})
	}
	return out
}

func newActionForm(ref *models.Reference, in models.ActionInput) adminForm {
	base := planPath(ref.Plan.Slug)
	areas := make([]option, 0, len(ref.PriorityAreas))
	for _, p := range ref.PriorityAreas {
		areas = append(areas, option{Value: idText(p.ID), Label: p.Code + ". " + p.Title, Selected: p.ID == in.PriorityAreaID})
	}
	ms := []option{{Value: "0", Label: "No milestone", Selected: in.MilestoneID == 0}}
	for _, m := range ref.Milestones {
		ms = append(ms, option{Value: idText(m.ID), Label: m.Label, Selected: m.ID == in.MilestoneID})
	}
	boards := make([]option, 0, len(ref.Boards))
	for _, b := range ref.Boards {
		sel := false
		for _, id := range in.BoardIDs {
			sel = sel || id == b.ID
		}
		boards = append(boards, option{Value: idText(b.ID), Label: b.Name, Selected: sel})
	}
	f := adminForm{Title: "Add an action", Caption: ref.Plan.Name, Action: base + "/actions", Submit: "Add action",
		Back: planHome(ref.Plan), BackText: "Cancel",
		Fields: []formField{
			{Name: "number", Label: "Number", Hint: "Unique in the plan, such as 1.10", Value: in.Number, Width: "5"},
			{Name: "priority", Label: "Area", Type: "select", Options: areas},
			{Name: "aim", Label: "Aim of improvement – intended outcome (optional)", Type: "textarea", Value: in.Aim},
			{Name: "action", Label: "Action", Hint: "What will be done", Type: "textarea", Value: in.Text},
			{Name: "impact_measure", Label: "Impact measure / success criteria", Type: "textarea", Value: in.SuccessCriteria},
			{Name: "lead", Label: "Lead (responsible officer)", Type: "select", Options: leadOptions(ref.Leads, in.LeadID, "No lead")},
			{Name: "sro", Label: "Senior responsible officer (SRO)", Type: "select", Options: leadOptions(ref.Leads, in.SROID, "No SRO")},
			{Name: "boards", Label: "Governance boards", Type: "checkboxes", Options: boards},
			{Name: "milestone", Label: "Milestone (optional)", Type: "select", Options: ms},
			{Name: "due", Label: "Due", Hint: "A day (2025-03-31) or a month (2025-03); blank takes the milestone's month", Value: in.Due, Width: "10"},
			{Name: "status", Label: "Status", Type: "radios", Options: options(models.Statuses[:2], models.StatusLabel, in.Status)},
		}}
	if len(ref.PriorityAreas) == 0 {
		f.Intro = "The plan has no areas yet: add one first."
		f.Links = []link{{"Add an area", base + "/areas"}}
		f.Action = ""
	}
	return f
}

func (a *App) actionNewPage(c echo.Context) error {
	ref, err := a.planReference(c.Request().Context(), c.Param("plan"))
	if err != nil {
		return err
	}
	return a.renderAdmin(c, newActionForm(ref, models.ActionInput{Status: models.StatusNotStarted}), nil)
}

func (a *App) actionCreate(c echo.Context) error {
	ctx := c.Request().Context()
	ref, err := a.planReference(ctx, c.Param("plan"))
	if err != nil {
		return err
	}
	in := models.ActionInput{Number: trimmed(c, "number"), PriorityAreaID: formID(c.FormValue("priority")),
		MilestoneID: formID(c.FormValue("milestone")), Aim: c.FormValue("aim"), Text: c.FormValue("action"),
		SuccessCriteria: c.FormValue("impact_measure"), LeadID: formID(c.FormValue("lead")), SROID: formID(c.FormValue("sro")),
		Due: trimmed(c, "due"), Status: c.FormValue("status")}
	form, _ := c.FormParams()
	for _, b := range form["boards"] {
		in.BoardIDs = append(in.BoardIDs, formID(b))
	}
	act, err := models.CreateAction(ctx, a.DB, currentUser(c), ref, in, a.Now(), a.flagConfig())
	if err != nil {
		return a.renderAdmin(c, newActionForm(ref, in), err)
	}
	return c.Redirect(http.StatusSeeOther, actionPath(ref.Plan, act.Number))
}

func dueForm(ref *models.Reference, act *models.Action, due, reason string) adminForm {
	intro := "Now " + act.DueText() + ". The original due date is kept, and the change is recorded with who, when and why."
	if act.Due == "" {
		intro = "The action has no due date yet."
	}
	return adminForm{Title: "Revise the due date", Caption: "Action " + act.Number, Intro: intro, Inset: act.Text,
		Action: planPath(ref.Plan.Slug) + "/actions/" + act.Number + "/due", Submit: "Save the new due date",
		Back: actionPath(ref.Plan, act.Number), BackText: "Cancel",
		Fields: []formField{{Name: "version", Type: "hidden", Value: strconv.Itoa(act.Version)},
			{Name: "due", Label: "New due date", Type: "date", Value: due,
				Hint: "For example, 31 3 2027. Leave the day blank for a month: 3 2027 is due in March 2027."},
			{Name: "reason", Label: "Why it is changing", Type: "textarea", Value: reason}}}
}

func (a *App) dueRevisePage(c echo.Context) error {
	ref, act, err := a.actionFromPath(c)
	if err != nil {
		return err
	}
	return a.renderAdmin(c, dueForm(ref, act, "", ""), nil)
}

func (a *App) dueReviseSubmit(c echo.Context) error {
	ref, act, err := a.actionFromPath(c)
	if err != nil {
		return err
	}
	due, reason := dueValue(c, "due"), c.FormValue("reason")
	version, _ := strconv.Atoi(c.FormValue("version"))
	if _, err := models.ParseDue(due); err != nil {
		err = models.Invalid("due", "The new due date must be a real date, like 31 3 2027, or a month and year, like 3 2027")
		return a.renderAdmin(c, dueForm(ref, act, due, reason), err)
	}
	if _, err := models.ReviseDue(c.Request().Context(), a.DB, currentUser(c), ref.Plan.ID, act.Number, due, reason, version, a.Now(), a.flagConfig()); err != nil {
		if ce, ok := err.(*models.ConflictError); ok {
			err = models.Invalid("", "%s", ce.Message)
		}
		return a.renderAdmin(c, dueForm(ref, act, due, reason), err)
	}
	return c.Redirect(http.StatusSeeOther, actionPath(ref.Plan, act.Number)+"#due")
}

func retireForm(ref *models.Reference, act *models.Action, reason string) adminForm {
	return adminForm{Title: "Retire action " + act.Number, Caption: ref.Plan.Name, Inset: act.Text,
		Intro:  "A retired action is not deleted: it keeps its progress and history and shows as retired, but leaves the plan's counts and lists and takes no more updates.",
		Action: planPath(ref.Plan.Slug) + "/actions/" + act.Number + "/retire", Submit: "Retire the action",
		Back: actionPath(ref.Plan, act.Number), BackText: "Cancel",
		Fields: []formField{{Name: "version", Type: "hidden", Value: strconv.Itoa(act.Version)},
			{Name: "reason", Label: "Why it is retired", Hint: "For example, merged into action 2.3", Type: "textarea", Value: reason}}}
}

func (a *App) retirePage(c echo.Context) error {
	ref, act, err := a.actionFromPath(c)
	if err != nil {
		return err
	}
	return a.renderAdmin(c, retireForm(ref, act, ""), nil)
}

func (a *App) retireSubmit(c echo.Context) error {
	ref, act, err := a.actionFromPath(c)
	if err != nil {
		return err
	}
	reason := c.FormValue("reason")
	version, _ := strconv.Atoi(c.FormValue("version"))
	if _, err := models.RetireAction(c.Request().Context(), a.DB, currentUser(c), ref.Plan.ID, act.Number, reason, version, a.Now()); err != nil {
		if ce, ok := err.(*models.ConflictError); ok {
			err = models.Invalid("", "%s", ce.Message)
		}
		return a.renderAdmin(c, retireForm(ref, act, reason), err)
	}
	return c.Redirect(http.StatusSeeOther, actionPath(ref.Plan, act.Number))
}
