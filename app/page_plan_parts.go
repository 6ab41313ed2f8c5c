package app

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"sendboard/models"
)

// The areas and milestones pages list a plan's parts with a form below: to
// add one, or to change the one named by ?edit=ID.

func (a *App) areasForm(c echo.Context, ref *models.Reference, edit uint, in models.AreaInput) adminForm {
	base := planPath(ref.Plan.Slug)
	t := &adminTable{Caption: "Areas", Head: []string{"Code", "Title", "Owned by", ""}}
	for _, p := range ref.PriorityAreas {
		t.Rows = append(t.Rows, []link{{Text: p.Code}, {Text: p.Title}, {Text: models.OwnersLabel(p.Owners)},
			{Text: "Change area " + p.Code, Href: base + "/areas?edit=" + strconv.Itoa(int(p.ID)) + "#f-code"}})
	}
	title, submit := "Add an area", "Add area"
	if edit != 0 {
		title, submit = "Change area "+in.Code, "Save area"
	}
	return adminForm{Title: "Areas", Caption: ref.Plan.Name, Intro: title + ". The owner is the partner inspectors expect to act.",
		Action: base + "/areas", Submit: submit, Back: base + "/settings", BackText: "Back to plan settings", Table: t,
		Fields: []formField{{Name: "id", Type: "hidden", Value: idText(edit)},
			{Name: "code", Label: "Number or code", Hint: "As the plan writes it, such as 1 or A", Value: in.Code, Width: "4"},
			{Name: "title", Label: "Title", Type: "textarea", Value: in.Title},
			{Name: "owners", Label: "Owned by", Type: "radios", Options: options(models.AreaOwners, models.OwnersLabel, in.Owners)},
			{Name: "number", Label: "Position in the list (optional)", Hint: "Areas sort by this number; blank puts a new area last", Value: numText(in.Number), Width: "2"}}}
}

func idText(id uint) string {
	if id == 0 {
		return ""
	}
	return strconv.FormatUint(uint64(id), 10)
}

func numText(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func (a *App) areasPage(c echo.Context) error {
	ref, err := a.planReference(c.Request().Context(), c.Param("plan"))
	if err != nil {
		return err
	}
	edit := formID(c.QueryParam("edit"))
	in := models.AreaInput{}
	for _, p := range ref.PriorityAreas {
		if p.ID == edit {
			in = models.AreaInput{Code: p.Code, Title: p.Title, Owners: p.Owners, Number: p.Number}
		}
	}
	if in.Code == "" {
		edit = 0
	}
	return a.renderAdmin(c, a.areasForm(c, ref, edit, in), nil)
}

func (a *App) areaSubmit(c echo.Context) error {
	ctx := c.Request().Context()
	ref, err := a.planReference(ctx, c.Param("plan"))
	if err != nil {
		return err
	}
	id := formID(c.FormValue("id"))
	in := models.AreaInput{Code: c.FormValue("code"), Title: c.FormValue("title"), Owners: c.FormValue("owners")}
	if s := trimmed(c, "number"); s != "" {
		if in.Number, err = strconv.Atoi(s); err != nil {
			return a.renderAdmin(c, a.areasForm(c, ref, id, in), models.Invalid("number", "The position is a whole number"))
		}
	}
	if _, err := models.SaveArea(ctx, a.DB, currentUser(c), ref.Plan.ID, id, in, a.Now()); err != nil {
		return a.renderAdmin(c, a.areasForm(c, ref, id, in), err)
	}
	return c.Redirect(http.StatusSeeOther, planPath(ref.Plan.Slug)+"/areas")
}

func (a *App) milestonesForm(c echo.Context, ref *models.Reference, edit uint, in models.MilestoneInput) adminForm {
	base := planPath(ref.Plan.Slug)
	t := &adminTable{Caption: "Milestones", Head: []string{"Number", "Name", "Due", ""}}
	for _, m := range ref.Milestones {
		t.Rows = append(t.Rows, []link{{Text: strconv.Itoa(m.Section)}, {Text: m.Label}, {Text: models.MonthLabel(m.Due)},
			{Text: "Change milestone " + strconv.Itoa(m.Section), Href: base + "/milestones?edit=" + idText(m.ID) + "#f-label"}})
	}
	title, submit := "Add a milestone group", "Add milestone"
	if edit != 0 {
		title, submit = "Change milestone "+strconv.Itoa(in.Section), "Save milestone"
	}
	return adminForm{Title: "Milestones", Caption: ref.Plan.Name,
		Intro:  title + ". Milestones are optional groups of actions; each action keeps its own due date.",
		Action: base + "/milestones", Submit: submit, Back: base + "/settings", BackText: "Back to plan settings", Table: t,
		Fields: []formField{{Name: "id", Type: "hidden", Value: idText(edit)},
			{Name: "label", Label: "Name", Hint: "For example, 3 Month Milestones (July 2019)", Value: in.Label},
			{Name: "due", Label: "Month due", Hint: "As YYYY-MM, for example 2025-03", Value: in.Due, Width: "10"},
			{Name: "section", Label: "Number (optional)", Hint: "Blank numbers a new milestone after the last", Value: numText(in.Section), Width: "2"}}}
}

func (a *App) milestonesPage(c echo.Context) error {
	ref, err := a.planReference(c.Request().Context(), c.Param("plan"))
	if err != nil {
		return err
	}
	edit := formID(c.QueryParam("edit"))
	in := models.MilestoneInput{}
	for _, m := range ref.Milestones {
		if m.ID == edit {
			in = models.MilestoneInput{Label: m.Label, Due: m.Due, Section: m.Section}
		}
	}
	if in.Label == "" {
		edit = 0
	}
	return a.renderAdmin(c, a.milestonesForm(c, ref, edit, in), nil)
}

func (a *App) milestoneSubmit(c echo.Context) error {
	ctx := c.Request().Context()
	ref, err := a.planReference(ctx, c.Param("plan"))
	if err != nil {
		return err
	}
	id := formID(c.FormValue("id"))
	in := models.MilestoneInput{Label: c.FormValue("label"), Due: trimmed(c, "due")}
	if s := trimmed(c, "section"); s != "" {
		if in.Section, err = strconv.Atoi(s); err != nil {
			return a.renderAdmin(c, a.milestonesForm(c, ref, id, in), models.Invalid("section", "The number is a whole number"))
		}
	}
	if _, err := models.SaveMilestone(ctx, a.DB, currentUser(c), ref.Plan.ID, id, in, a.Now()); err != nil {
		return a.renderAdmin(c, a.milestonesForm(c, ref, id, in), err)
	}
	return c.Redirect(http.StatusSeeOther, planPath(ref.Plan.Slug)+"/milestones")
}
