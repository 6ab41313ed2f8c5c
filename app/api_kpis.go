package app

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"sendboard/models"
	"sendboard/models/measure"
)

func (a *App) apiListKPIs(c echo.Context) error {
	ks, err := measure.ListKPIs(c.Request().Context(), a.DB)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"kpis": ks})
}

// apiKPIFigures lists one figure per period; ?history=true adds every revision.
func (a *App) apiKPIFigures(c echo.Context) error {
	ctx := c.Request().Context()
	k, err := measure.FindKPI(ctx, a.DB, c.Param("code"))
	if err != nil {
		return err
	}
	history := c.QueryParam("history") == "true"
	figs, err := measure.ListFigures(ctx, a.DB, k.ID, history)
	if err != nil {
		return err
	}
	if figs == nil {
		figs = []measure.KPIFigure{}
	}
	return c.JSON(http.StatusOK, map[string]any{"kpi": k, "figures": figs})
}

// apiKPIInput is the JSON body that adds or edits a KPI.
type apiKPIInput struct {
	Code             string           `json:"code"`
	Name             string           `json:"name"`
	Unit             string           `json:"unit"`
	Direction        string           `json:"direction"`
	PeriodType       string           `json:"period_type"`
	Decimals         int              `json:"decimals"`
	TargetMin        *float64         `json:"target_min"`
	TargetMax        *float64         `json:"target_max"`
	TargetText       string           `json:"target_text"`
	BaselineValue    *float64         `json:"baseline_value"`
	BaselinePeriod   string           `json:"baseline_period"`
	Tolerance        float64          `json:"tolerance"`
	OwnerEmail       string           `json:"owner_email"`
	OwnerRole        string           `json:"owner_role"`
	Source           string           `json:"source"`
	Description      string           `json:"description"`
	BenchmarkMeasure string           `json:"benchmark_measure"`
	Targets          []apiKPITargetIn `json:"targets"`
}

type apiKPITargetIn struct {
	Period    string   `json:"period"`
	TargetMin *float64 `json:"target_min"`
	TargetMax *float64 `json:"target_max"`
}

// form turns the JSON into the same form the admin page submits, so both
// are validated by one models call.
func (in apiKPIInput) form() measure.KPIForm {
	num := func(v *float64) string {
		if v == nil {
			return ""
		}
		return strconv.FormatFloat(*v, 'f', -1, 64)
	}
	var lines []string
	for _, t := range in.Targets {
		l := t.Period + ": " + num(t.TargetMin)
		if t.TargetMax != nil {
			l += " to " + num(t.TargetMax)
		}
		lines = append(lines, l)
	}
	return measure.KPIForm{Code: in.Code, Name: in.Name, Unit: in.Unit, Direction: in.Direction, PeriodType: in.PeriodType,
		Decimals: strconv.Itoa(in.Decimals), TargetMin: num(in.TargetMin), TargetMax: num(in.TargetMax), TargetText: in.TargetText,
		BaselineValue: num(in.BaselineValue), BaselinePeriod: in.BaselinePeriod, Tolerance: num(&in.Tolerance),
		OwnerEmail: in.OwnerEmail, OwnerRole: in.OwnerRole, Source: in.Source, Description: in.Description,
		BenchmarkMeasure: in.BenchmarkMeasure, Targets: strings.Join(lines, "\n")}
}

// apiSaveKPI adds (POST /kpis) or replaces (PUT /kpis/{code}) a KPI definition
// with its targets.
func (a *App) apiSaveKPI(c echo.Context) error {
	ctx := c.Request().Context()
	var in apiKPIInput
	if err := readJSON(c, &in); err != nil {
		if _, sized := err.(*echo.HTTPError); sized {
			return err
		}
		if _, worded := models.IsInvalid(err); worded {
			return err
		}
		return models.Invalid("body", "not a KPI as JSON: %v", err)
	}
	code := c.Param("code")
	k, err := measure.SaveKPI(ctx, a.DB, code, in.form(), a.Now())
	if err != nil {
		return err
	}
	ts, err := measure.ListTargets(ctx, a.DB, []uint{k.ID})
	if err != nil {
		return err
	}
	targets := ts[k.ID]
	if targets == nil {
		targets = []measure.KPITarget{}
	}
	status := http.StatusOK
	if code == "" {
		status = http.StatusCreated
	}
	return c.JSON(status, map[string]any{"kpi": k, "targets": targets})
}
