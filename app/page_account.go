package app

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"sendboard/models"
	"sendboard/models/round"
)

type accountData struct {
	Tokens     []models.APIToken
	NewToken   string
	Error      string
	Name       string
	Password   map[string]string // change-password errors by field
	PwdChanged bool
	// DigestsOff is set when the user turned off the daily round summary.
	DigestsOff bool
}

type passwordField struct{ Name, Label, Auto string }

// PasswordFields are the change-password form's fields, in order.
func (accountData) PasswordFields() []passwordField {
	return []passwordField{{"current_password", "Current password", "current-password"},
		{"new_password", "New password", "new-password"}, {"confirm_password", "New password again", "new-password"}}
}

// ErrorSummary lists the change-password form's problems.
func (d accountData) ErrorSummary() errorSummary {
	var fields []string
	for _, f := range d.PasswordFields() {
		fields = append(fields, f.Name)
	}
	return summaryOf(d.Password, fields, prefixed("pw-"))
}

func (a *App) accountPage(c echo.Context) error {
	return a.renderAccount(c, http.StatusOK, accountData{})
}

func (a *App) renderAccount(c echo.Context, status int, d accountData) error {
	toks, err := models.ListTokens(c.Request().Context(), a.DB, currentUser(c).ID)
	if err != nil {
		return err
	}
	d.Tokens = toks
	if d.DigestsOff, err = round.DigestsOff(c.Request().Context(), a.DB, currentUser(c).ID); err != nil {
		return err
	}
	v := a.view(c, "Your account", "")
	v.Data = d
	return c.Render(status, "account", v)
}

// tokenCreate makes a personal API token and shows it once.
func (a *App) tokenCreate(c echo.Context) error {
	tok, _, err := models.CreateToken(c.Request().Context(), a.DB, currentUser(c).ID, c.FormValue("name"))
	if ie, ok := models.IsInvalid(err); ok {
		return a.renderAccount(c, http.StatusBadRequest, accountData{Error: ie.Message, Name: c.FormValue("name")})
	}
	if err != nil {
		return err
	}
	return a.renderAccount(c, http.StatusCreated, accountData{NewToken: tok})
}

func (a *App) tokenRevoke(c echo.Context) error {
	id, err := strconv.ParseUint(c.Param("id"), 10, 64)
	if err != nil {
		return models.ErrNotFound
	}
	if err := models.RevokeToken(c.Request().Context(), a.DB, currentUser(c).ID, uint(id), a.Now()); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/account")
}

// passwordChange lets a signed-in user change their own password, given the
// current one (counted against the account's sign-in limit, so a borrowed
// session cannot be used to guess it). Every session and API token of the
// account ends; this browser gets a new session.
func (a *App) passwordChange(c echo.Context) error {
	ctx, u, now := c.Request().Context(), currentUser(c), a.Now()
	fail := func(status int, field, msg string) error {
		return a.renderAccount(c, status, accountData{Password: map[string]string{field: msg}})
	}
	if c.FormValue("new_password") != c.FormValue("confirm_password") {
		return fail(http.StatusBadRequest, "confirm_password", "The new passwords do not match")
	}
	key := "email:" + u.Email
	if _, locked, err := models.Attempt(ctx, a.DB, key, models.AccountThrottle, now); err != nil {
		return err
	} else if locked != nil {
		return fail(http.StatusTooManyRequests, "current_password", "Too many wrong passwords. Try again later.")
	}
	err := models.ChangePassword(ctx, a.DB, u.ID, c.FormValue("current_password"), c.FormValue("new_password"), now)
	if ie, ok := models.IsInvalid(err); ok {
		if ie.Field != "current_password" {
			_ = models.ResetThrottle(ctx, a.DB, key) // the current password was right
		}
		return fail(http.StatusBadRequest, ie.Field, ie.Message)
	}
	if err != nil {
		return err
	}
	if err := models.ResetThrottle(ctx, a.DB, key); err != nil {
		return err
	}
	token, err := models.CreateSession(ctx, a.DB, u.ID, c.RealIP(), now, a.Config.SessionIdle)
	if err != nil {
		return err
	}
	a.setSession(c, token)
	c.Set("csrf", SessionCSRF(token))
	a.Log.Info("password changed", "user", u.Email)
	return a.renderAccount(c, http.StatusOK, accountData{PwdChanged: true})
}
