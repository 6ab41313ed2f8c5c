package app

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"sendboard/models"
)

// Governance boards and lead roles are shared by every plan, so their admin
// pages stand outside any plan.

func (a *App) boardsForm(ref *models.Reference, edit uint, name string) adminForm {
	t := &adminTable{Caption: "Governance boards", Head: []string{"Board", ""}}
	for _, b := range ref.Boards {
		t.Rows = append(t.Rows, []link{{Text: b.Name, Href: "/boards/" + b.Slug}, {Text: "Rename " + b.Name, Href: "/admin/boards?edit=" + idText(b.ID) + "#f-name"}})
	}
	submit := "Add board"
	if edit != 0 {
		submit = "Rename board"
	}
	return adminForm{Title: "Governance boards", Intro: "Boards are shared by every plan: one board can govern actions in several plans.",
		Action: "/admin/boards", Submit: submit, Back: "/plans", BackText: "Back to plans", Table: t,
		Links:  []link{{"Merge two boards", "/admin/boards/merge"}},
		Fields: []formField{{Name: "id", Type: "hidden", Value: idText(edit)}, {Name: "name", Label: "Board name", Value: name}}}
}

func (a *App) boardsAdminPage(c echo.Context) error {
	ref, err := a.reference(c.Request().Context())
	if err != nil {
		return err
	}
	edit, name := formID(c.QueryParam("edit")), ""
	for _, b := range ref.Boards {
		if b.ID == edit {
			name = b.Name
		}
	}
	if name == "" {
		edit = 0
	}
	return a.renderAdmin(c, a.boardsForm(ref, edit, name), nil)
}

func (a *App) boardSubmit(c echo.Context) error {
	ctx := c.Request().Context()
	id, name := formID(c.FormValue("id")), c.FormValue("name")
	_, err := models.SaveBoard(ctx, a.DB, currentUser(c), id, name, a.Now())
	if err != nil {
		ref, rerr := a.reference(ctx)
		if rerr != nil {
			return rerr
		}
		return a.renderAdmin(c, a.boardsForm(ref, id, name), err)
	}
	return c.Redirect(http.StatusSeeOther, "/admin/boards")
}

func (a *App) leadsForm(ref *models.Reference, edit uint, name, aliases string) adminForm {
	t := &adminTable{Caption: "Leads", Head: []string{"Lead role", "Other spellings", ""}}
	for _, l := range ref.Leads {
		t.Rows = append(t.Rows, []link{{Text: l.Name, Href: "/leads/" + l.Slug}, {Text: strings.Join(l.AliasList(), "; ")},
			{Text: "Change " + l.Name, Href: "/admin/leads?edit=" + idText(l.ID) + "#f-name"}})
	}
	submit := "Add lead"
	if edit != 0 {
		submit = "Save lead"
	}
	return adminForm{Title: "Leads", Intro: "Lead roles (responsible officers and SROs) are shared by every plan: a lead's actions span plans.",
		Action: "/admin/leads", Submit: submit, Back: "/plans", BackText: "Back to plans", Table: t,
		Links: []link{{"Merge two lead roles", "/admin/leads/merge"}},
		Fields: []formField{{Name: "id", Type: "hidden", Value: idText(edit)}, {Name: "name", Label: "Lead role", Hint: "A role, not a person: for example, Designated Clinical Officer", Value: name},
			{Name: "aliases", Label: "Other spellings (optional)", Hint: "One a line, as plans write the same role", Type: "textarea", Value: aliases}}}
}

func (a *App) leadsAdminPage(c echo.Context) error {
	ref, err := a.reference(c.Request().Context())
	if err != nil {
		return err
	}
	edit, name, aliases := formID(c.QueryParam("edit")), "", ""
	for _, l := range ref.Leads {
		if l.ID == edit {
			name, aliases = l.Name, strings.Join(l.AliasList(), "\n")
		}
	}
	if name == "" {
		edit = 0
	}
	return a.renderAdmin(c, a.leadsForm(ref, edit, name, aliases), nil)
}

func (a *App) leadSubmit(c echo.Context) error {
	ctx := c.Request().Context()
	id, name, aliases := formID(c.FormValue("id")), c.FormValue("name"), c.FormValue("aliases")
	_, err := models.SaveLead(ctx, a.DB, currentUser(c), id, name, strings.Split(aliases, "\n"), a.Now())
	if err != nil {
		ref, rerr := a.reference(ctx)
		if rerr != nil {
			return rerr
		}
		return a.renderAdmin(c, a.leadsForm(ref, id, name, aliases), err)
	}
	return c.Redirect(http.StatusSeeOther, "/admin/leads")
}
