package app

import (
	"errors"
	"net/http"
	"slices"
	"strconv"

	"github.com/labstack/echo/v4"

	"sendboard/models"
)

type editData struct {
	Ref      *models.Reference
	Action   *models.Action
	Form     models.ActionEdit
	Errors   map[string]string
	Conflict bool
	Path     string // the action's page
}

// HasBoard reports whether the form has board id ticked.
func (d editData) HasBoard(id uint) bool {
	for _, b := range d.Form.BoardIDs {
		if b == id {
			return true
		}
	}
	return false
}

// HasJointLead reports whether lead id is one of the form's leads after the first.
func (d editData) HasJointLead(id uint) bool {
	return len(d.Form.LeadIDs) > 1 && slices.Contains(d.Form.LeadIDs[1:], id)
}

// editFields are the edit form's fields from top to bottom.
var editFields = []string{"aim", "action", "impact_measure", "lead", "sro", "boards", "milestone", "priority"}

// ErrorSummary lists the form's problems; a conflict, which no field can
// fix, is not linked.
func (d editData) ErrorSummary() errorSummary {
	return summaryOf(d.Errors, editFields, func(field string) string {
		if field == "conflict" {
			return ""
		}
		return "e-" + field
	})
}

func (a *App) actionEditPage(c echo.Context) error {
	ref, act, err := a.actionFromPath(c)
	if err != nil {
		return err
	}
	return a.renderEdit(c, http.StatusOK, editData{Ref: ref, Action: act, Form: models.EditOf(act)})
}

func (a *App) renderEdit(c echo.Context, status int, d editData) error {
	d.Path = actionPath(d.Ref.Plan, d.Action.Number)
	v := a.view(c, "Edit action "+d.Action.Number, "plan")
	v.PlanName, v.Data = d.Ref.Plan.Name, d
	return c.Render(status, "action_edit", v)
}

func (a *App) actionEditSubmit(c echo.Context) error {
	ctx := c.Request().Context()
	ref, act, err := a.actionFromPath(c)
	if err != nil {
		return err
	}
	f := models.ActionEdit{Aim: c.FormValue("aim"), Text: c.FormValue("action"), ImpactMeasure: c.FormValue("impact_measure"),
		SROID: formID(c.FormValue("sro")), MilestoneID: formID(c.FormValue("milestone")), PriorityAreaID: formID(c.FormValue("priority"))}
	form, _ := c.FormParams()
	f.Version, _ = strconv.Atoi(c.FormValue("version"))
	err = readEditIDs(&f, c.FormValue("lead"), form["joint_leads"], form["boards"])
	if err == nil {
		err = models.EditAction(ctx, a.DB, currentUser(c), ref, c.Param("number"), f, a.Now(), a.flagConfig())
	}
	var ce *models.ConflictError
	if ie, ok := models.IsInvalid(err); ok {
		return a.renderEdit(c, http.StatusBadRequest, editData{Ref: ref, Action: act, Form: f, Errors: map[string]string{ie.Field: ie.Message}})
	}
	if errors.As(err, &ce) {
		f.Version = act.Version
		return a.renderEdit(c, http.StatusConflict, editData{Ref: ref, Action: act, Form: f, Conflict: true,
			Errors: map[string]string{"conflict": ce.Message}})
	}
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, actionPath(ref.Plan, c.Param("number"))+"?saved=edit#audit")
}

// readEditIDs reads the lead ("0" or empty for none), the joint leads after
// it and the board ids strictly: a value that is not an id is refused rather
// than read as "none".
func readEditIDs(f *models.ActionEdit, lead string, joint, boards []string) error {
	if lead != "" && lead != "0" {
		id, err := strconv.ParseUint(lead, 10, 64)
		if err != nil || id == 0 {
			return models.Invalid("lead", "Choose a lead from the list")
		}
		f.LeadID = uint(id)
	}
	f.LeadIDs = []uint{}
	if f.LeadID != 0 {
		f.LeadIDs = append(f.LeadIDs, f.LeadID)
	}
	for _, j := range joint {
		id, err := strconv.ParseUint(j, 10, 64)
		if err != nil || id == 0 {
			return models.Invalid("lead", "Choose joint leads from the list")
		}
		if f.LeadID == 0 {
			return models.Invalid("lead", "Choose the first lead before its joint leads")
		}
		f.LeadIDs = append(f.LeadIDs, uint(id))
	}
	for _, b := range boards {
		id, err := strconv.ParseUint(b, 10, 64)
		if err != nil || id == 0 {
			return models.Invalid("boards", "Choose boards from the list")
		}
		f.BoardIDs = append(f.BoardIDs, uint(id))
	}
	return nil
}
