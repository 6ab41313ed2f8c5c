package app

import (
	"net/http"

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
	NoChange    bool   `json:"no_change"` // "No change since the last update"; reason says why
}

func (a *App) apiCreateUpdate(c echo.Context) error {
	ctx := c.Request().Context()
	planID, _, err := a.authoriseProgress(c)
	if err != nil {
		return err
	}
	var req apiUpdateRequest
	if err := decodeBody(c, &req, "narrative, status, rag, evidence, evidence_url, reason, date, version and no_change"); err != nil {
		return err
	}
	if req.Version == nil {
		return models.Invalid("version", "the action's current version is required (from GET /api/v1/actions/{number})")
	}
	in := models.ProgressInput{Narrative: req.Narrative, Status: req.Status, RAG: req.RAG, Evidence: req.Evidence,
		EvidenceURL: req.EvidenceURL, Reason: req.Reason, Version: *req.Version, NoChange: req.NoChange}
	if req.Date != "" {
		d, err := models.ParseUpdateDate(req.Date)
		if err != nil {
			return err
		}
		in.Date = d
	}
	up, _, err := models.RecordProgress(ctx, a.DB, currentUser(c), planID, c.Param("number"), in, a.Now(), a.flagConfig())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, toAPIUpdate(*up))
}
