package app

import (
	"encoding/json"
	"errors"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"sendboard/models"
)

// apiUpdateRequest is the body of POST /api/v1/actions/{number}/updates.
type apiUpdateRequest struct {
	Narrative   string `json:"narrative"`
	Status      string `json:"status"`
	RAG         string `json:"rag"`
	Evidence    string `json:"evidence"`
	EvidenceURL string `json:"evidence_url"`
	Reason      string `json:"reason"`
	Date        string `json:"date"`
	Version     *int   `json:"version"`
}

// apiConflict is the "current" part of a 409: the newer state to reconcile with.
type apiConflict struct {
	Version int        `json:"version"`
	Status  string     `json:"status"`
	RAG     *string    `json:"rag"`
	Latest  *apiUpdate `json:"latest_update"`
}

func (a *App) apiCreateUpdate(c echo.Context) error {
	ctx := c.Request().Context()
	var req apiUpdateRequest
	dec := json.NewDecoder(c.Request().Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		return models.Invalid("body", "the body must be a JSON object with narrative, status, rag, evidence, evidence_url and version: %v", err)
	}
	if req.Version == nil {
		return models.Invalid("version", "the action's current version is required (from GET /api/v1/actions/{number})")
	}
	in := models.ProgressInput{Narrative: req.Narrative, Status: req.Status, RAG: req.RAG, Evidence: req.Evidence,
		EvidenceURL: req.EvidenceURL, Reason: req.Reason, Version: *req.Version}
	if req.Date != "" {
		d, err := time.Parse("2006-01-02", req.Date)
		if err != nil {
			return models.Invalid("date", "use YYYY-MM-DD")
		}
		in.Date = d
	}
	plan, err := models.DefaultPlan(ctx, a.DB)
	if err != nil {
		return err
	}
	up, _, err := models.RecordProgress(ctx, a.DB, currentUser(c), plan.ID, c.Param("number"), in, a.Now())
	var ce *models.ConflictError
	if errors.As(err, &ce) {
		if cur, ok := ce.Current.(*models.Conflict); ok {
			out := apiConflict{Version: cur.Version, Status: cur.Status, RAG: optional(cur.RAG)}
			if cur.Latest != nil {
				u := toAPIUpdate(*cur.Latest)
				out.Latest = &u
			}
			return c.JSON(http.StatusConflict, apiError{Error: ce.Message, Current: out})
		}
	}
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, toAPIUpdate(*up))
}
