package app

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"sendboard/models/highlight"
)

// apiHighlight is an area's highlight report as the API gives it.
type apiHighlight struct {
	Plan   string `json:"plan"`
	Area   string `json:"area"`
	Period string `json:"period"`
	*highlight.Report
}

// apiHighlightRequest is what a writer sends; a field left out keeps what
// was written before.
type apiHighlightRequest struct {
	RAG         *string `json:"rag"`
	Reason      *string `json:"reason"`
	ForecastRAG *string `json:"forecast_rag"`
	NextSteps   *string `json:"next_steps"`
}

const highlightJSONFields = "rag, reason, forecast_rag and next_steps"

func (a *App) apiGetHighlight(c echo.Context) error {
	ref, area, q, err := a.highlightFromPath(c)
	if err != nil {
		return err
	}
	r, err := highlight.Build(c.Request().Context(), a.DB, &ref.Plan, area, q)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, apiHighlight{Plan: ref.Plan.Slug, Area: area.Code, Period: q.String(), Report: r})
}

func (a *App) apiPutHighlight(c echo.Context) error {
	ref, area, q, err := a.highlightFromPath(c)
	if err != nil {
		return err
	}
	var req apiHighlightRequest
	if err := decodeBody(c, &req, highlightJSONFields); err != nil {
		return err
	}
	ctx := c.Request().Context()
	cur, err := highlight.Build(ctx, a.DB, &ref.Plan, area, q)
	if err != nil {
		return err
	}
	var in highlight.Input
	if !cur.Calculated {
		in = highlight.Input{RAG: cur.RAG, Reason: cur.Reason, ForecastRAG: cur.ForecastRAG, NextSteps: cur.NextSteps}
	}
	for _, f := range []struct{ dst, src *string }{{&in.RAG, req.RAG}, {&in.Reason, req.Reason},
		{&in.ForecastRAG, req.ForecastRAG}, {&in.NextSteps, req.NextSteps}} {
		if f.src != nil {
			*f.dst = *f.src
		}
	}
	if _, err := highlight.Save(ctx, a.DB, currentUser(c), &ref.Plan, area, q, in, a.Now()); err != nil {
		return err
	}
	r, err := highlight.Build(ctx, a.DB, &ref.Plan, area, q)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, apiHighlight{Plan: ref.Plan.Slug, Area: area.Code, Period: q.String(), Report: r})
}
