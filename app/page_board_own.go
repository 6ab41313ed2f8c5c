package app

import (
	"html/template"

	"github.com/labstack/echo/v4"

	"sendboard/models/decision"
)

// boardOwnShown bounds the open board actions listed on the board's page.
const boardOwnShown = 50

// boardOwnData feeds the board page's "Board actions" and "Decisions" part.
type boardOwnData struct {
	Slug          string
	Actions       *decision.Actions
	OpenDecisions int64
	Today         string
}

// boardOwn renders the board's open actions, carried to its next meeting
// until done, and its open decisions, for the foot of the board's page. An
// unknown board renders nothing: the overview reports it.
func (a *App) boardOwn(c echo.Context) (template.HTML, error) {
	ref, err := a.reference(c.Request().Context())
	if err != nil {
		return "", err
	}
	b, ok := ref.BoardBySlug(c.Param("slug"))
	if !ok {
		return "", nil
	}
	ctx := c.Request().Context()
	acts, err := decision.ListActions(ctx, a.DB, b.ID, true, boardOwnShown)
	if err != nil {
		return "", err
	}
	open, err := decision.CountOpen(ctx, a.DB, b.ID)
	if err != nil {
		return "", err
	}
	body, err := a.Render.RenderContent("board_own", boardOwnData{Slug: b.Slug, Actions: acts, OpenDecisions: open, Today: a.Now().Format("2006-01-02")})
	if err != nil {
		return "", err
	}
	return template.HTML(body), nil // rendered by html/template, so escaped
}
