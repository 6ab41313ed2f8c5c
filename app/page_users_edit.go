package app

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"sendboard/models"
)

// userEditData is the page for one account: its fields, lead roles and
// boards as checkboxes, enable/disable, password reset and its audit history.
type userEditData struct {
	User   *models.User
	Form   userForm
	Leads  []models.Lead
	Boards []models.Board
	Audit  []models.AuditEntry
}

var userSavedMessages = map[string]string{
	"changes":  "The account has been changed. The change is in its history below.",
	"disabled": "The account has been disabled: its sessions and API tokens were ended.",
	"enabled":  "The account has been enabled. They can sign in with their password again.",
	"none":     "Nothing was changed.",
	"invited":  "A new invitation is on its way. Earlier links no longer work.",
	"queued":   "A new invitation waits in the outbox: email is not set up on this server, so it will be sent once it is. Earlier links no longer work.",
	"reset":    "The password has been reset: the old one no longer works, their sessions and API tokens have ended, and a link to choose a new password is on its way. It works once, for 24 hours.",
	"reset-queued": "The password has been reset: the old one no longer works and their sessions and API tokens have ended. " +
		"The link to choose a new one waits in the outbox: email is not set up on this server, so it will be sent once it is.",
}

// userFromPath loads the account named by the :id path parameter.
func (a *App) userFromPath(c echo.Context) (*models.User, error) {
	id, err := strconv.ParseUint(c.Param("id"), 10, 32)
	if err != nil {
		return nil, models.ErrNotFound
	}
	return models.FindUserByID(c.Request().Context(), a.DB, uint(id))
}

// formOf fills the form from the account as it is.
func formOf(u *models.User) userForm {
	f := userForm{Email: u.Email, Name: u.Name, Role: u.Role}
	for _, l := range u.Leads {
		f.Leads = append(f.Leads, l.Name)
	}
	for _, b := range u.Boards {
		f.Boards = append(f.Boards, b.Slug)
	}
	return f
}

func (a *App) userEditPage(c echo.Context) error {
	u, err := a.userFromPath(c)
	if err != nil {
		return err
	}
	return a.renderUserEdit(c, http.StatusOK, u, formOf(u))
}

func (a *App) renderUserEdit(c echo.Context, status int, u *models.User, f userForm) error {
	ctx := c.Request().Context()
	ref, err := a.reference(ctx)
	if err != nil {
		return err
	}
	d := userEditData{User: u, Form: f, Leads: ref.Leads, Boards: ref.Boards}
	if d.Audit, err = models.UserAudit(ctx, a.DB, u.Email); err != nil {
		return err
	}
	title := u.Name
	c.Response().Header().Set("Cache-Control", "no-store")
	v := a.view(c, title, "users")
	v.Data = d
	if s := c.QueryParam("saved"); s != "" {
		v.Flash = userSavedMessages[s]
	}
	return c.Render(status, "user_edit", v)
}

// userUpdate saves the name, role, lead roles and boards; the ticked boxes
// replace the lists, so untick all to clear them.
func (a *App) userUpdate(c echo.Context) error {
	u, err := a.userFromPath(c)
	if err != nil {
		return err
	}
	f := readUserForm(c)
	f.Email = u.Email
	leads, boards := append([]string{}, f.Leads...), append([]string{}, f.Boards...)
	_, audit, err := models.UpdateUser(c.Request().Context(), a.DB, currentUser(c), u.Email,
		models.UserChange{Name: &f.Name, Role: &f.Role, Leads: &leads, Boards: &boards}, a.Now())
	return a.afterUserChange(c, u, f, audit, err, "changes")
}

func (a *App) userDisable(c echo.Context) error { return a.setUserDisabled(c, true) }
func (a *App) userEnable(c echo.Context) error  { return a.setUserDisabled(c, false) }

func (a *App) setUserDisabled(c echo.Context, disabled bool) error {
	u, err := a.userFromPath(c)
	if err != nil {
		return err
	}
	_, audit, err := models.UpdateUser(c.Request().Context(), a.DB, currentUser(c), u.Email, models.UserChange{Disabled: &disabled}, a.Now())
	saved := "enabled"
	if disabled {
		saved = "disabled"
	}
	return a.afterUserChange(c, u, formOf(u), audit, err, saved)
}

// afterUserChange re-shows the form with every problem, or goes back to the
// account with a message saying what happened.
func (a *App) afterUserChange(c echo.Context, u *models.User, f userForm, audit []models.AuditEntry, err error, saved string) error {
	if f.setErrors(err) {
		return a.renderUserEdit(c, http.StatusBadRequest, u, f)
	}
	if err != nil {
		return err
	}
	if len(audit) == 0 {
		saved = "none"
	}
	a.Log.Info("user changed", "by", currentUser(c).Email, "email", u.Email, "changes", len(audit))
	return c.Redirect(http.StatusSeeOther, "/users/"+c.Param("id")+"?saved="+saved)
}

// userResetPassword stops the account's password working, signs its owner
// out everywhere and emails them a link to choose a new one: the
// administrator never sees a password.
func (a *App) userResetPassword(c echo.Context) error {
	u, err := a.userFromPath(c)
	if err != nil {
		return err
	}
	if err := a.ResetByAdmin(c.Request().Context(), currentUser(c), u); err != nil {
		return err
	}
	a.Log.Info("password reset by an administrator", "by", currentUser(c).Email, "email", u.Email)
	saved := "reset"
	if !a.Config.Mail.Configured() {
		saved = "reset-queued"
	}
	return c.Redirect(http.StatusSeeOther, "/users/"+c.Param("id")+"?saved="+saved)
}

// userInvite emails the account a fresh invitation to choose its password.
func (a *App) userInvite(c echo.Context) error {
	u, err := a.userFromPath(c)
	if err != nil {
		return err
	}
	if err := a.ResendInvitation(c.Request().Context(), currentUser(c), u); err != nil {
		return err
	}
	a.Log.Info("invitation sent again", "by", currentUser(c).Email, "email", u.Email)
	saved := "invited"
	if !a.Config.Mail.Configured() {
		saved = "queued"
	}
	return c.Redirect(http.StatusSeeOther, "/users/"+c.Param("id")+"?saved="+saved)
}
