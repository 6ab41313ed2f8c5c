package app

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"
	"gorm.io/gorm"

	"sendboard/models"
	"sendboard/models/round"
)

// notifyPending emails every administrator that u waits for approval.
func (a *App) notifyPending(ctx context.Context, u *models.User, provider string) error {
	link := a.Config.BaseURL() + "/users#pending"
	subject := "sendboard: " + u.Email + " waits for approval"
	text := fmt.Sprintf("%s (%s) signed in with %s for the first time. None of their groups or roles gives them a role in sendboard, so their account waits for an administrator.\n\nApprove or refuse it: %s\n",
		u.Name, u.Email, provider, link)
	body := fmt.Sprintf(`<p>%s (%s) signed in with %s for the first time. None of their groups or roles gives them a role in sendboard, so their account waits for an administrator.</p><p><a href="%s">Approve or refuse it</a></p>`,
		html.EscapeString(u.Name), html.EscapeString(u.Email), html.EscapeString(provider), html.EscapeString(link))
	return a.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		_, err := round.QueueToAdmins(tx, round.MailPending, strconv.FormatUint(uint64(u.ID), 10),
			round.Mail{Subject: subject, TextBody: text, HTMLBody: body}, a.Now())
		return err
	})
}

// pendingApprove lets a pending account sign in with the role chosen.
func (a *App) pendingApprove(c echo.Context) error {
	id, err := strconv.ParseUint(c.Param("id"), 10, 32)
	if err != nil {
		return models.ErrNotFound
	}
	form, _ := c.FormParams()
	u, err := models.ApprovePending(c.Request().Context(), a.DB, currentUser(c), uint(id),
		models.PendingApproval{Role: c.FormValue("role"), Boards: form["board"]}, a.Now())
	if ie, ok := models.IsInvalid(err); ok {
		return a.renderUsers(c, http.StatusBadRequest, usersData{Form: userForm{Role: models.RoleViewer},
			PendingErrors: map[uint]string{uint(id): ie.Message}})
	}
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/users?decided="+strconv.FormatUint(uint64(u.ID), 10)+"#pending")
}

// pendingRefuse disables a pending account.
func (a *App) pendingRefuse(c echo.Context) error {
	id, err := strconv.ParseUint(c.Param("id"), 10, 32)
	if err != nil {
		return models.ErrNotFound
	}
	if _, err := models.RefusePending(c.Request().Context(), a.DB, currentUser(c), uint(id), a.Now()); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/users#pending")
}
