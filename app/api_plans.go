package app

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"sendboard/models"
)

// apiPlan is a plan as the API shows it; Actions counts those not retired.
type apiPlan struct {
	Slug        string  `json:"slug"`
	Name        string  `json:"name"`
	Type        string  `json:"type"`
	Status      string  `json:"status"`
	Actions     int64   `json:"actions"`
	StartDate   string  `json:"start_date"`
	Partnership string  `json:"partnership"`
	IsDefault   bool    `json:"is_default"`
	LACode      *string `json:"la_code"`
}

func toAPIPlan(p models.Plan, actions int64) apiPlan {
	return apiPlan{Slug: p.Slug, Name: p.Name, Type: p.Type, Status: p.Status, Actions: actions, StartDate: p.StartDate,
		Partnership: p.Partnership, IsDefault: p.IsDefault, LACode: p.LACode}
}

func (a *App) apiListPlans(c echo.Context) error {
	plans, err := models.ListPlans(c.Request().Context(), a.DB)
	if err != nil {
		return err
	}
	out := make([]apiPlan, len(plans))
	for i, p := range plans {
		out[i] = toAPIPlan(p.Plan, p.Actions)
	}
	return c.JSON(http.StatusOK, map[string]any{"plans": out})
}

type apiPlanRequest struct {
	Name        string `json:"name"`
	Slug        string `json:"slug"`
	Type        string `json:"type"`
	StartDate   string `json:"start_date"`
	Status      string `json:"status"`
	Partnership string `json:"partnership"`
	LACode      string `json:"la_code"`
	IsDefault   bool   `json:"is_default"`
}

const planJSONFields = "name, slug, type, start_date, status, partnership, la_code and is_default"

func (r apiPlanRequest) input() models.PlanInput {
	return models.PlanInput{Name: r.Name, Slug: r.Slug, Type: r.Type, StartDate: r.StartDate, Status: r.Status,
		Partnership: r.Partnership, LACode: r.LACode, IsDefault: r.IsDefault}
}

func (a *App) apiCreatePlan(c echo.Context) error {
	var req apiPlanRequest
	if err := decodeBody(c, &req, planJSONFields); err != nil {
		return err
	}
	p, err := models.CreatePlan(c.Request().Context(), a.DB, currentUser(c), req.input(), a.Now())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, toAPIPlan(*p, 0))
}

func (a *App) apiUpdatePlan(c echo.Context) error {
	var req apiPlanRequest
	if err := decodeBody(c, &req, planJSONFields); err != nil {
		return err
	}
	p, err := models.UpdatePlan(c.Request().Context(), a.DB, currentUser(c), c.Param("plan"), req.input(), a.Now())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toAPIPlan(*p, 0))
}

// apiSaveArea adds an area (POST) or changes the one with the path's code (PUT).
func (a *App) apiSaveArea(c echo.Context) error {
	ref, err := a.planReference(c.Request().Context(), c.Param("plan"))
	if err != nil {
		return err
	}
	var id uint
	if code := c.Param("code"); code != "" {
		for _, p := range ref.PriorityAreas {
			if p.Code == code {
				id = p.ID
			}
		}
		if id == 0 {
			return models.ErrNotFound
		}
	}
	var req struct {
		Code   string `json:"code"`
		Title  string `json:"title"`
		Owners string `json:"owners"`
		Number int    `json:"number"`
	}
	if err := decodeBody(c, &req, "code, title, owners and number"); err != nil {
		return err
	}
	p, err := models.SaveArea(c.Request().Context(), a.DB, currentUser(c), ref.Plan.ID, id,
		models.AreaInput{Code: req.Code, Title: req.Title, Owners: req.Owners, Number: req.Number}, a.Now())
	if err != nil {
		return err
	}
	return c.JSON(createdOr(id), map[string]any{"number": p.Code, "title": p.Title, "owners": p.Owners, "position": p.Number})
}

func createdOr(id uint) int {
	if id == 0 {
		return http.StatusCreated
	}
	return http.StatusOK
}

// apiSaveMilestone adds a milestone (POST) or changes the one with the path's
// section number (PUT).
func (a *App) apiSaveMilestone(c echo.Context) error {
	ref, err := a.planReference(c.Request().Context(), c.Param("plan"))
	if err != nil {
		return err
	}
	var id uint
	if s := c.Param("section"); s != "" {
		n, _ := strconv.Atoi(s)
		if m := ref.MilestoneBySection(n); m != nil {
			id = m.ID
		} else {
			return models.ErrNotFound
		}
	}
	var req struct {
		Label   string `json:"label"`
		Due     string `json:"due"`
		Section int    `json:"section"`
	}
	if err := decodeBody(c, &req, "label, due and section"); err != nil {
		return err
	}
	m, err := models.SaveMilestone(c.Request().Context(), a.DB, currentUser(c), ref.Plan.ID, id,
		models.MilestoneInput{Label: req.Label, Due: req.Due, Section: req.Section}, a.Now())
	if err != nil {
		return err
	}
	return c.JSON(createdOr(id), apiMilestone{Section: m.Section, Label: m.Label, Due: m.Due})
}

// apiSaveBoard adds a board (POST) or renames the one with the path's slug (PUT).
func (a *App) apiSaveBoard(c echo.Context) error {
	ref, err := a.reference(c.Request().Context())
	if err != nil {
		return err
	}
	var id uint
	if slug := c.Param("slug"); slug != "" {
		b, ok := ref.BoardBySlug(slug)
		if !ok {
			return models.ErrNotFound
		}
		id = b.ID
	}
	var req struct {
		Name string `json:"name"`
	}
	if err := decodeBody(c, &req, "name"); err != nil {
		return err
	}
	b, err := models.SaveBoard(c.Request().Context(), a.DB, currentUser(c), id, req.Name, a.Now())
	if err != nil {
		return err
	}
	return c.JSON(createdOr(id), b)
}

// apiSaveLead adds a lead role (POST) or changes the one with the path's slug (PUT).
func (a *App) apiSaveLead(c echo.Context) error {
	ref, err := a.reference(c.Request().Context())
	if err != nil {
		return err
	}
	var id uint
	if slug := c.Param("slug"); slug != "" {
		l, ok := ref.LeadBySlug(slug)
		if !ok {
			return models.ErrNotFound
		}
		id = l.ID
	}
	var req struct {
		Name    string   `json:"name"`
		Aliases []string `json:"aliases"`
	}
	if err := decodeBody(c, &req, "name and aliases"); err != nil {
		return err
	}
	l, err := models.SaveLead(c.Request().Context(), a.DB, currentUser(c), id, req.Name, req.Aliases, a.Now())
	if err != nil {
		return err
	}
	return c.JSON(createdOr(id), map[string]any{"name": l.Name, "slug": l.Slug, "aliases": append([]string{}, l.AliasList()...)})
}
