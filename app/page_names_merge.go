package app

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
	"gorm.io/gorm"

	"sendboard/models"
)

// nameMerge is what differs between merging two lead roles and two boards.
type nameMerge struct {
	kind, plural, path string // "lead role", "lead roles", "/admin/leads"
	choices            func(ref *models.Reference) []option
	preview            func(ctx context.Context, db *gorm.DB, from, into uint) (*models.MergePreview, error)
	merge              func(ctx context.Context, db *gorm.DB, actor *models.User, from, into uint, now time.Time) (*models.MergePreview, error)
}

var leadMerge = nameMerge{kind: "lead role", plural: "lead roles", path: "/admin/leads",
	choices: func(ref *models.Reference) []option {
		out := []option{{Value: "0", Label: "Choose a lead role"}}
		for _, l := range ref.Leads {
			out = append(out, option{Value: idText(l.ID), Label: l.Name})
		}
		return out
	},
	preview: models.PreviewLeadMerge, merge: models.MergeLeads}

var boardMerge = nameMerge{kind: "board", plural: "boards", path: "/admin/boards",
	choices: func(ref *models.Reference) []option {
		out := []option{{Value: "0", Label: "Choose a board"}}
		for _, b := range ref.Boards {
			out = append(out, option{Value: idText(b.ID), Label: b.Name})
		}
		return out
	},
	preview: models.PreviewBoardMerge, merge: models.MergeBoards}

// chooseForm asks which two to merge.
func (m nameMerge) chooseForm(ref *models.Reference, from, into uint) adminForm {
	sel := func(opts []option, id uint) []option {
		for i := range opts {
			opts[i].Selected = opts[i].Value == idText(id)
		}
		return opts
	}
	return adminForm{Title: "Merge two " + m.plural, Action: m.path + "/merge", Submit: "Check what will move",
		Intro: fmt.Sprintf("When two %s are the same one spelt differently, merge them: everything that names the first moves to the second, and the first is removed. You will see what moves before anything changes.", m.plural),
		Back:  m.path, BackText: "Cancel",
		Fields: []formField{
			{Name: "from", Label: "Merge this " + m.kind, Type: "select", Options: sel(m.choices(ref), from)},
			{Name: "into", Label: "into this " + m.kind + ", which stays", Type: "select", Options: sel(m.choices(ref), into)},
			{Name: "step", Type: "hidden", Value: "check"}}}
}

// confirmForm shows what will move and asks to go ahead.
func (m nameMerge) confirmForm(p *models.MergePreview, from, into uint) adminForm {
	t := &adminTable{Caption: "What will move to “" + p.Into + "”", Head: []string{"Records", "Number"}}
	for _, c := range p.Counts {
		t.Rows = append(t.Rows, []link{{Text: c.What}, {Text: fmt.Sprint(c.N)}})
	}
	return adminForm{Title: fmt.Sprintf("Merge “%s” into “%s”", p.From, p.Into), Caption: "Merge two " + m.plural,
		Intro: fmt.Sprintf("“%s” will be removed, and everything below will name “%s” instead. The merge is kept in the audit log. It cannot be undone from here.", p.From, p.Into),
		Table: t, Action: m.path + "/merge", Submit: "Merge " + m.plural, Back: m.path + "/merge", BackText: "Cancel",
		Fields: []formField{{Name: "from", Type: "hidden", Value: idText(from)}, {Name: "into", Type: "hidden", Value: idText(into)},
			{Name: "step", Type: "hidden", Value: "merge"}}}
}

func (a *App) mergePage(m nameMerge) echo.HandlerFunc {
	return func(c echo.Context) error {
		ref, err := a.reference(c.Request().Context())
		if err != nil {
			return err
		}
		c.Response().Header().Set("Cache-Control", "no-store")
		return a.renderAdmin(c, m.chooseForm(ref, formID(c.QueryParam("from")), formID(c.QueryParam("into"))), nil)
	}
}

// mergeSubmit shows what a merge will move (step "check") or does it (step
// "merge"), then goes back to the list.
func (a *App) mergeSubmit(m nameMerge) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		from, into := formID(c.FormValue("from")), formID(c.FormValue("into"))
		c.Response().Header().Set("Cache-Control", "no-store")
		var err error
		if c.FormValue("step") == "merge" {
			if _, err = m.merge(ctx, a.DB, currentUser(c), from, into, a.Now()); err == nil {
				return c.Redirect(http.StatusSeeOther, m.path)
			}
		} else {
			var p *models.MergePreview
			if p, err = m.preview(ctx, a.DB, from, into); err == nil {
				return a.renderAdmin(c, m.confirmForm(p, from, into), nil)
			}
		}
		ref, rerr := a.reference(ctx)
		if rerr != nil {
			return rerr
		}
		return a.renderAdmin(c, m.chooseForm(ref, from, into), err)
	}
}
