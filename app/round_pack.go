package app

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"sendboard/app/pack"
	"sendboard/models"
	packs "sendboard/models/pack"
	"sendboard/models/round"
)

// roundPack works out the pack round id makes for u as of today.
func (a *App) roundPack(ctx context.Context, u *models.User, idParam string) (*packs.RoundRequest, error) {
	id, err := strconv.ParseUint(idParam, 10, 32)
	if err != nil {
		return nil, models.ErrNotFound
	}
	r, err := round.Find(ctx, a.DB, uint(id))
	if err != nil {
		return nil, err
	}
	return packs.ForRound(ctx, a.DB, u, r, a.Now().In(a.Config.Location()))
}

// GenerateRoundPack stores the pack for round idParam's meeting, naming the
// round on its cover; the page and the API both come here.
func (a *App) GenerateRoundPack(ctx context.Context, u *models.User, idParam string) (*packs.Stored, error) {
	rp, err := a.roundPack(ctx, u, idParam)
	if err != nil {
		return nil, err
	}
	if !rp.CanGenerate {
		return nil, models.ErrForbidden
	}
	return a.Packs().Generate(ctx, pack.Order{Board: rp.Board, Plan: rp.Plan, Quarter: rp.Quarter.String(), RoundID: rp.Round.ID}, u, nil)
}

// roundPackSubmit makes the pack from the round page and shows it stored.
func (a *App) roundPackSubmit(c echo.Context) error {
	sp, err := a.GenerateRoundPack(c.Request().Context(), currentUser(c), c.Param("id"))
	if err != nil {
		return err
	}
	q := url.Values{"board": {sp.BoardKey}, "plan": {sp.PlanScope}, "quarter": {sp.Quarter}, "stored": {strconv.FormatUint(uint64(sp.ID), 10)}}
	return c.Redirect(http.StatusSeeOther, "/packs?"+q.Encode())
}

// apiRoundPack makes the pack for the round's meeting: 201 with the stored pack.
func (a *App) apiRoundPack(c echo.Context) error {
	sp, err := a.GenerateRoundPack(c.Request().Context(), currentUser(c), c.Param("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, toAPIPack(*sp))
}
