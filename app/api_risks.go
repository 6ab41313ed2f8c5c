package app

import (
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"sendboard/models"
	"sendboard/models/risk"
)

// apiRisk is a risk or issue as the API shows it. History is given for one
// risk, not in the register's list. A change may send the version the
// risk page's form carries; the API leaves it out and changes what is there.
type apiRisk struct {
	ID          uint         `json:"id"`
	Kind        string       `json:"kind"`
	Title       string       `json:"title"`
	Description string       `json:"description"`
	Owner       string       `json:"owner"`
	Likelihood  int          `json:"likelihood"`
	Impact      int          `json:"impact"`
	Score       int          `json:"score"`
	TargetScore *int         `json:"target_score"`
	Mitigation  string       `json:"mitigation"`
	ReviewBy    *string      `json:"review_by"`
	Status      string       `json:"status"`
	Area        *string      `json:"area"`
	Actions     []string     `json:"actions"`
	Escalated   bool         `json:"escalated"`
	History     []apiRiskChg `json:"history,omitempty"`
}

// apiRiskChg is one entry of a risk's history.
type apiRiskChg struct {
	At         time.Time `json:"at"`
	By         string    `json:"by"`
	Changed    string    `json:"changed"`
	Likelihood int       `json:"likelihood"`
	Impact     int       `json:"impact"`
	Score      int       `json:"score"`
	Owner      string    `json:"owner"`
	Status     string    `json:"status"`
	Kind       string    `json:"kind"`
	Reason     string    `json:"reason"`
}

func toAPIRisk(r *risk.Risk, hist []risk.Change) apiRisk {
	out := apiRisk{ID: r.ID, Kind: r.Kind, Title: r.Title, Description: r.Description, Owner: r.Owner,
		Likelihood: r.Likelihood, Impact: r.Impact, Score: r.Score, TargetScore: r.TargetScore,
		Mitigation: r.Mitigation, Status: r.Status, Actions: r.Actions, Escalated: r.Escalated}
	if r.ReviewBy != "" {
		out.ReviewBy = &r.ReviewBy
	}
	if r.AreaCode != "" {
		out.Area = &r.AreaCode
	}
	if out.Actions == nil {
		out.Actions = []string{}
	}
	for _, h := range hist {
		out.History = append(out.History, apiRiskChg{At: h.ChangedAt, By: h.UserName, Changed: h.Changed,
			Likelihood: h.Likelihood, Impact: h.Impact, Score: h.Score, Owner: h.Owner, Status: h.Status,
			Kind: h.Kind, Reason: h.Reason})
	}
	return out
}

// apiRiskRequest is a new risk, or the fields of a change (those left out
// keep their value).
type apiRiskRequest struct {
	Kind        *string   `json:"kind"`
	Title       *string   `json:"title"`
	Description *string   `json:"description"`
	Owner       *string   `json:"owner"`
	Likelihood  *int      `json:"likelihood"`
	Impact      *int      `json:"impact"`
	TargetScore *int      `json:"target_score"`
	Mitigation  *string   `json:"mitigation"`
	ReviewBy    *string   `json:"review_by"`
	Status      *string   `json:"status"`
	Area        *string   `json:"area"`
	Actions     *[]string `json:"actions"`
	Reason      *string   `json:"reason"`
	Version     *int      `json:"version"`
}

const riskJSONFields = "kind, title, description, owner, likelihood, impact, target_score, mitigation, review_by, status, area, actions, reason and version"

// apply lays the fields given over in.
func (r apiRiskRequest) apply(in *risk.Input) {
	set := func(dst *string, v *string) {
		if v != nil {
			*dst = *v
		}
	}
	set(&in.Kind, r.Kind)
	set(&in.Title, r.Title)
	set(&in.Description, r.Description)
	set(&in.Owner, r.Owner)
	set(&in.Mitigation, r.Mitigation)
	set(&in.ReviewBy, r.ReviewBy)
	set(&in.Status, r.Status)
	set(&in.Area, r.Area)
	set(&in.Reason, r.Reason)
	if r.Likelihood != nil {
		in.Likelihood = *r.Likelihood
	}
	if r.Impact != nil {
		in.Impact = *r.Impact
	}
	if r.TargetScore != nil {
		in.TargetScore = r.TargetScore
	}
	if r.Actions != nil {
		in.Actions = *r.Actions
	}
	if r.Version != nil {
		in.Version = *r.Version
	}
}

// riskFromPath reads the plan and the risk the path names.
func (a *App) riskFromPath(c echo.Context) (*models.Plan, *risk.Risk, error) {
	plan, err := a.pathPlan(c)
	if err != nil {
		return nil, nil, err
	}
	id, err := strconv.ParseUint(c.Param("id"), 10, 32)
	if err != nil {
		return nil, nil, models.ErrNotFound
	}
	r, err := risk.Find(c.Request().Context(), a.DB, plan.ID, uint(id))
	if err != nil {
		return nil, nil, err
	}
	return plan, r, nil
}

func (a *App) apiListRisks(c echo.Context) error {
	plan, err := a.pathPlan(c)
	if err != nil {
		return err
	}
	f, err := riskFilterOf(c)
	if err != nil {
		return err
	}
	list, total, err := risk.List(c.Request().Context(), a.DB, plan.ID, f)
	if err != nil {
		return err
	}
	out := make([]apiRisk, len(list))
	for i := range list {
		out[i] = toAPIRisk(&list[i], nil)
	}
	return c.JSON(http.StatusOK, map[string]any{"risks": out, "total": total})
}

func (a *App) apiGetRisk(c echo.Context) error {
	_, r, err := a.riskFromPath(c)
	if err != nil {
		return err
	}
	return a.apiRiskJSON(c, http.StatusOK, r)
}

func (a *App) apiRiskJSON(c echo.Context, status int, r *risk.Risk) error {
	hist, err := risk.History(c.Request().Context(), a.DB, r.ID)
	if err != nil {
		return err
	}
	return c.JSON(status, toAPIRisk(r, hist))
}

func (a *App) apiCreateRisk(c echo.Context) error {
	plan, err := a.pathPlan(c)
	if err != nil {
		return err
	}
	var req apiRiskRequest
	if err := decodeBody(c, &req, riskJSONFields); err != nil {
		return err
	}
	var in risk.Input
	req.apply(&in)
	r, err := risk.Create(c.Request().Context(), a.DB, currentUser(c), plan.ID, in, a.Now())
	if err != nil {
		return err
	}
	return a.apiRiskJSON(c, http.StatusCreated, r)
}

func (a *App) apiUpdateRisk(c echo.Context) error {
	plan, cur, err := a.riskFromPath(c)
	if err != nil {
		return err
	}
	var req apiRiskRequest
	if err := decodeBody(c, &req, riskJSONFields); err != nil {
		return err
	}
	in := risk.InputOf(cur)
	req.apply(&in)
	r, err := risk.Update(c.Request().Context(), a.DB, currentUser(c), plan.ID, cur.ID, in, a.Now())
	if err != nil {
		return err
	}
	return a.apiRiskJSON(c, http.StatusOK, r)
}

// riskFilterOf reads the register's filters from the query string, refusing
// a status or kind that is not one.
func riskFilterOf(c echo.Context) (risk.Filter, error) {
	f := risk.Filter{Area: c.QueryParam("area"), Owner: c.QueryParam("owner"),
		Status: c.QueryParam("status"), Kind: c.QueryParam("kind")}
	if f.Status != "" && f.Status != risk.StatusOpen && f.Status != risk.StatusClosed {
		return f, models.Invalid("status", "status must be open or closed, not %q", f.Status)
	}
	if f.Kind != "" && f.Kind != risk.KindRisk && f.Kind != risk.KindIssue {
		return f, models.Invalid("kind", "kind must be risk or issue, not %q", f.Kind)
	}
	for _, p := range []struct {
		name string
		dst  *int
	}{{"likelihood", &f.Likelihood}, {"impact", &f.Impact}} {
		if v := c.QueryParam(p.name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 || n > 5 {
				return f, models.Invalid(p.name, "%s must be a whole number from 1 to 5, not %q", p.name, v)
			}
			*p.dst = n
		}
	}
	return f, nil
}
