package app

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"sendboard/models"
)

// apiActionRequest names areas by code, milestones by number and leads and
// boards by name (or slug): what a script holding a spreadsheet row knows.
type apiActionRequest struct {
	Number          string    `json:"number"`
	Area            *string   `json:"area"`
	Milestone       *int      `json:"milestone"`
	Aim             *string   `json:"aim"`
	Action          *string   `json:"action"`
	SuccessCriteria *string   `json:"success_criteria"`
	Lead            *string   `json:"lead"`
	Leads           *[]string `json:"leads"` // every lead in order; replaces lead when given
	SRO             *string   `json:"sro"`
	Boards          *[]string `json:"boards"`
	Due             string    `json:"due"`
	Status          string    `json:"status"`
	Version         *int      `json:"version"`
}

const actionFields = "number, area, milestone, aim, action, success_criteria, lead, leads, sro, boards, due and status"

// resolve turns the request's names into ref's ids, keeping cur's where the
// request leaves a field out.
func (r apiActionRequest) resolve(ref *models.Reference, cur *models.ActionEdit) error {
	if r.Area != nil {
		p := ref.AreaByCode(*r.Area)
		if p == nil {
			return models.Invalid("area", "%q is not an area of this plan", *r.Area)
		}
		cur.PriorityAreaID = p.ID
	}
	if r.Milestone != nil {
		cur.MilestoneID = 0
		if *r.Milestone != 0 {
			m := ref.MilestoneBySection(*r.Milestone)
			if m == nil {
				return models.Invalid("milestone", "%d is not a milestone of this plan", *r.Milestone)
			}
			cur.MilestoneID = m.ID
		}
	}
	lead := func(field string, name *string, id *uint) error {
		if name == nil {
			return nil
		}
		*id = 0
		if *name == "" {
			return nil
		}
		l, ok := ref.LeadByName(*name)
		if !ok {
			return models.Invalid(field, "there is no lead %q; add it first (POST /api/v1/leads)", *name)
		}
		*id = l.ID
		return nil
	}
	if err := lead("lead", r.Lead, &cur.LeadID); err != nil {
		return err
	}
	if r.Lead != nil {
		cur.LeadIDs = leadList(cur.LeadID)
	}
	if r.Leads != nil {
		cur.LeadIDs, cur.LeadID = []uint{}, 0
		for _, n := range *r.Leads {
			var id uint
			if err := lead("leads", &n, &id); err != nil {
				return err
			}
			if id == 0 {
				return models.Invalid("leads", "a lead's name cannot be blank")
			}
			cur.LeadIDs = append(cur.LeadIDs, id)
		}
		if len(cur.LeadIDs) > 0 {
			cur.LeadID = cur.LeadIDs[0]
		}
	}
	if err := lead("sro", r.SRO, &cur.SROID); err != nil {
		return err
	}
	if r.Boards != nil {
		cur.BoardIDs = nil
		for _, n := range *r.Boards {
			b, ok := ref.BoardByName(n)
			if !ok {
				return models.Invalid("boards", "there is no board %q; add it first (POST /api/v1/boards)", n)
			}
			cur.BoardIDs = append(cur.BoardIDs, b.ID)
		}
	}
	if r.Aim != nil {
		cur.Aim = *r.Aim
	}
	if r.Action != nil {
		cur.Text = *r.Action
	}
	if r.SuccessCriteria != nil {
		cur.ImpactMeasure = *r.SuccessCriteria
	}
	return nil
}

func (a *App) apiCreateAction(c echo.Context) error {
	ctx := c.Request().Context()
	ref, err := a.planReference(ctx, c.Param("plan"))
	if err != nil {
		return err
	}
	var req apiActionRequest
	if err := decodeBody(c, &req, actionFields); err != nil {
		return err
	}
	if req.Area == nil {
		return models.Invalid("area", "the area's code is required")
	}
	var e models.ActionEdit
	if err := req.resolve(ref, &e); err != nil {
		return err
	}
	act, err := models.CreateAction(ctx, a.DB, currentUser(c), ref, models.ActionInput{Number: req.Number,
		PriorityAreaID: e.PriorityAreaID, MilestoneID: e.MilestoneID, Aim: e.Aim, Text: e.Text, SuccessCriteria: e.ImpactMeasure,
		LeadID: e.LeadID, LeadIDs: e.LeadIDs, SROID: e.SROID, BoardIDs: e.BoardIDs, Due: req.Due, Status: req.Status}, a.Now(), a.flagConfig())
	if err != nil {
		return err
	}
	return a.apiActionJSON(c, http.StatusCreated, ref, act.Number)
}

// apiActionJSON answers with the action as GET shows it.
func (a *App) apiActionJSON(c echo.Context, status int, ref *models.Reference, number string) error {
	act, err := models.FindAction(c.Request().Context(), a.DB, ref.Plan.ID, number)
	if err != nil {
		return err
	}
	return c.JSON(status, toAPIAction(act, ref.Plan.Slug))
}

// apiEditAction changes the fields the request gives; version is required.
func (a *App) apiEditAction(c echo.Context) error {
	ctx := c.Request().Context()
	ref, act, err := a.actionFromPath(c)
	if err != nil {
		return err
	}
	var req apiActionRequest
	if err := decodeBody(c, &req, "area, milestone, aim, action, success_criteria, lead, leads, sro, boards and version"); err != nil {
		return err
	}
	switch {
	case req.Version == nil:
		return models.Invalid("version", "the action's current version is required")
	case req.Number != "" || req.Due != "" || req.Status != "":
		return models.Invalid("body", "number, due and status are not edited here: due dates are revised (POST …/due) and status comes with progress")
	}
	e := models.EditOf(act)
	e.Version = *req.Version
	if err := req.resolve(ref, &e); err != nil {
		return err
	}
	if err := models.EditAction(ctx, a.DB, currentUser(c), ref, act.Number, e, a.Now(), a.flagConfig()); err != nil {
		return err
	}
	return a.apiActionJSON(c, http.StatusOK, ref, act.Number)
}

func (a *App) apiReviseDue(c echo.Context) error {
	ref, act, err := a.actionFromPath(c)
	if err != nil {
		return err
	}
	var req struct {
		Due     string `json:"due"`
		Reason  string `json:"reason"`
		Version *int   `json:"version"`
	}
	if err := decodeBody(c, &req, "due, reason and version"); err != nil {
		return err
	}
	if req.Version == nil {
		return models.Invalid("version", "the action's current version is required")
	}
	if _, err := models.ReviseDue(c.Request().Context(), a.DB, currentUser(c), ref.Plan.ID, act.Number, req.Due, req.Reason, *req.Version, a.Now(), a.flagConfig()); err != nil {
		return err
	}
	return a.apiActionJSON(c, http.StatusOK, ref, act.Number)
}

func (a *App) apiRetireAction(c echo.Context) error {
	ref, act, err := a.actionFromPath(c)
	if err != nil {
		return err
	}
	var req struct {
		Reason  string `json:"reason"`
		Version *int   `json:"version"`
	}
	if err := decodeBody(c, &req, "reason and version"); err != nil {
		return err
	}
	if req.Version == nil {
		return models.Invalid("version", "the action's current version is required")
	}
	if _, err := models.RetireAction(c.Request().Context(), a.DB, currentUser(c), ref.Plan.ID, act.Number, req.Reason, *req.Version, a.Now()); err != nil {
		return err
	}
	return a.apiActionJSON(c, http.StatusOK, ref, act.Number)
}

// leadList is one lead as a list of leads, none for 0.
func leadList(id uint) []uint {
	if id == 0 {
		return []uint{}
	}
	return []uint{id}
}
