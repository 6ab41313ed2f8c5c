package app

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"sendboard/models"
)

type accountData struct {
	Tokens   []models.APIToken
	NewToken string
	Error    string
	Name     string
	// DigestsOff is set when the user turned off the daily round summary.
	DigestsOff bool
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
	if d.DigestsOff, err = models.DigestsOff(c.Request().Context(), a.DB, currentUser(c).ID); err != nil {
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
	c.Response().Header().Set("Cache-Control", "no-store")
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
