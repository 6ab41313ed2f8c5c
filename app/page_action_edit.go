package app

import (
	"errors"
	"net/http"
	"net/url"
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

func (a *App) actionEditPage(c echo.Context) error {
	ref, act, err := a.actionFromPath(c)
	if err != nil {
		return err
	}
	f := models.ActionEdit{Aim: act.Aim, Text: act.Text, ImpactMeasure: act.ImpactMeasure,
		PriorityAreaID: act.PriorityAreaID, Version: act.Version}
	if act.MilestoneID != nil {
		f.MilestoneID = *act.MilestoneID
	}
	if act.LeadID != nil {
		f.LeadID = *act.LeadID
	}
	for _, b := range act.Boards {
		f.BoardIDs = append(f.BoardIDs, b.ID)
	}
	return a.renderEdit(c, http.StatusOK, editData{Ref: ref, Action: act, Form: f})
}

func (a *App) renderEdit(c echo.Context, status int, d editData) error {
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
		LeadID: formID(c.FormValue("lead")), MilestoneID: formID(c.FormValue("milestone")), PriorityAreaID: formID(c.FormValue("priority"))}
	form, _ := c.FormParams()
	for _, b := range form["boards"] {
		f.BoardIDs = append(f.BoardIDs, formID(b))
	}
	f.Version, _ = strconv.Atoi(c.FormValue("version"))
	err = models.EditAction(ctx, a.DB, currentUser(c), ref, c.Param("number"), f, a.Now())
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
	return c.Redirect(http.StatusSeeOther, "/actions/"+url.PathEscape(c.Param("number"))+"?saved=edit#audit")
}

// formID reads an id from a select; anything else is 0, which validation rejects.
func formID(s string) uint {
	n, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		return 0
	}
	return uint(n)
}
