package app

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"sendboard/models"
)

// commentForm keeps a comment's text and error.
type commentForm struct {
	Body  string
	Error string
}

func (a *App) commentSubmit(c echo.Context) error {
	ctx := c.Request().Context()
	plan, err := models.DefaultPlan(ctx, a.DB)
	if err != nil {
		return err
	}
	body := c.FormValue("body")
	_, err = models.AddComment(ctx, a.DB, currentUser(c), plan.ID, c.Param("number"), body, a.Now())
	var ie *models.InvalidError
	if errors.As(err, &ie) {
		return a.renderAction(c, http.StatusBadRequest, nil, &commentForm{Body: body, Error: ie.Message})
	}
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/actions/"+url.PathEscape(c.Param("number"))+"?saved=comment#comments")
}

func (a *App) signoffSubmit(c echo.Context) error {
	ctx := c.Request().Context()
	plan, err := models.DefaultPlan(ctx, a.DB)
	if err != nil {
		return err
	}
	version, err := strconv.Atoi(c.FormValue("version"))
	if err != nil {
		return models.Invalid("version", "The form is missing the action's version; reload the page")
	}
	if err := models.SignOff(ctx, a.DB, currentUser(c), plan.ID, c.Param("number"), version, a.Now(), a.flagConfig()); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/actions/"+url.PathEscape(c.Param("number"))+"?saved=signoff")
}
