package app

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"sendboard/models"
)

type plansData struct {
	Plans   []models.PlanCount
	Home    string
	IsAdmin bool
}

// homePage shows the default plan's overview, or the list of plans when the
// admin has chosen that and more than one plan is active.
func (a *App) homePage(c echo.Context) error {
	ctx := c.Request().Context()
	rev, err := a.revisions(ctx)
	if err != nil {
		return err
	}
	plans, home, err := a.cachedPlans(ctx, rev)
	if err != nil {
		return err
	}
	active := 0
	for _, p := range plans {
		if p.Status == models.PlanActive {
			active++
		}
	}
	if home == models.HomeList && active > 1 {
		return a.plansPage(c)
	}
	return a.dashboardPage(c)
}

// plansPage lists every plan with its number of actions.
func (a *App) plansPage(c echo.Context) error {
	ctx := c.Request().Context()
	plans, err := models.ListPlans(ctx, a.DB)
	if err != nil {
		return err
	}
	home, err := models.Home(ctx, a.DB)
	if err != nil {
		return err
	}
	v := a.view(c, "Plans", "plans")
	v.Data = plansData{Plans: plans, Home: home, IsAdmin: currentUser(c).AtLeast(models.RoleAdmin)}
	return c.Render(http.StatusOK, "plans", v)
}

// homeSubmit sets what "/" shows.
func (a *App) homeSubmit(c echo.Context) error {
	if err := models.SetHome(c.Request().Context(), a.DB, currentUser(c), c.FormValue("home"), a.Now()); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/plans")
}

// planFields describes the plan form, filled from in.
func planFields(in models.PlanInput, edit bool) []formField {
	f := []formField{
		{Name: "name", Label: "Name", Value: in.Name},
		{Name: "type", Label: "Type of plan", Type: "select", Options: options(models.PlanTypes, models.PlanTypeLabel, in.Type)},
		{Name: "start_date", Label: "Start date", Hint: "For example, 1 4 2025", Type: "date", Value: in.StartDate},
		{Name: "partnership", Label: "Owning partnership", Hint: "For example, Dorset local area partnership", Value: in.Partnership},
		{Name: "la_code", Label: "Local authority number (optional)", Hint: "3 digits, such as 835; leave blank to use the partnership's setting", Value: in.LACode, Width: "4"},
		{Name: "status", Label: "Status", Type: "radios", Options: options(models.PlanStatuses, capitalise, in.Status)},
		{Name: "is_default", Label: "Default plan", Type: "checkboxes",
			Options: []option{{Value: "1", Label: "Show this plan at / and the addresses without a plan", Selected: in.IsDefault}}},
	}
	if edit {
		f = append(f[:1], append([]formField{{Name: "slug", Label: "Short name for web addresses", Hint: "Lower-case letters, digits and hyphens", Value: in.Slug}}, f[1:]...)...)
	} else {
		f = append(f[:1], append([]formField{{Name: "slug", Label: "Short name for web addresses (optional)", Hint: "Made from the name when left blank", Value: in.Slug}}, f[1:]...)...)
	}
	return f
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

func readPlanForm(c echo.Context) models.PlanInput {
	return models.PlanInput{Name: c.FormValue("name"), Slug: trimmed(c, "slug"), Type: c.FormValue("type"),
		StartDate: dateValue(c, "start_date"), Status: c.FormValue("status"), Partnership: c.FormValue("partnership"),
		LACode: trimmed(c, "la_code"), IsDefault: c.FormValue("is_default") == "1"}
}

func newPlanForm(in models.PlanInput) adminForm {
	return adminForm{Title: "Create a plan", Intro: "Add the plan's areas, milestones and actions next.",
		Action: "/plans", Submit: "Create plan", Back: "/plans", BackText: "Cancel", Fields: planFields(in, false)}
}

func (a *App) planNewPage(c echo.Context) error {
	return a.renderAdmin(c, newPlanForm(models.PlanInput{Type: models.PlanPAP, Status: models.PlanActive}), nil)
}

func (a *App) planCreate(c echo.Context) error {
	in := readPlanForm(c)
	p, err := models.CreatePlan(c.Request().Context(), a.DB, currentUser(c), in, a.Now())
	if err != nil {
		return a.renderAdmin(c, newPlanForm(in), err)
	}
	return c.Redirect(http.StatusSeeOther, planPath(p.Slug)+"/settings")
}

// planSettingsForm is a plan's settings page with links to its parts and its audit.
func (a *App) planSettingsForm(c echo.Context, p *models.Plan, in models.PlanInput) (adminForm, error) {
	audit, err := models.PlanAudit(c.Request().Context(), a.DB, p.ID, historyLimit)
	base := planPath(p.Slug)
	return adminForm{Title: "Plan settings", Caption: p.Name, Action: base + "/settings", Submit: "Save settings",
		Back: planHome(*p), BackText: "Back to the plan", Fields: planFields(in, true), Audit: audit,
		Links: []link{{"Areas", base + "/areas"}, {"Milestones", base + "/milestones"}, {"Add an action", base + "/actions/new"},
			{"Governance boards (shared by every plan)", "/admin/boards"}, {"Leads (shared by every plan)", "/admin/leads"}}}, err
}

func planInput(p *models.Plan) models.PlanInput {
	in := models.PlanInput{Name: p.Name, Slug: p.Slug, Type: p.Type, StartDate: p.StartDate, Status: p.Status,
		Partnership: p.Partnership, IsDefault: p.IsDefault}
	if p.LACode != nil {
		in.LACode = *p.LACode
	}
	return in
}

func (a *App) planSettingsPage(c echo.Context) error {
	p, err := models.FindPlan(c.Request().Context(), a.DB, c.Param("plan"))
	if err != nil {
		return err
	}
	d, err := a.planSettingsForm(c, p, planInput(p))
	if err != nil {
		return err
	}
	return a.renderAdmin(c, d, nil)
}

func (a *App) planSettingsSubmit(c echo.Context) error {
	ctx := c.Request().Context()
	in := readPlanForm(c)
	p, err := models.UpdatePlan(ctx, a.DB, currentUser(c), c.Param("plan"), in, a.Now())
	if err == nil {
		return c.Redirect(http.StatusSeeOther, planPath(p.Slug)+"/settings#audit")
	}
	old, ferr := models.FindPlan(ctx, a.DB, c.Param("plan"))
	if ferr != nil {
		return ferr
	}
	d, ferr := a.planSettingsForm(c, old, in)
	if ferr != nil {
		return ferr
	}
	return a.renderAdmin(c, d, err)
}
