package app

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"

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

// apiConflict is the "current" part of a 409: the newer state to reconcile with.
type apiConflict struct {
	Version int        `json:"version"`
	Status  string     `json:"status"`
	RAG     *string    `json:"rag"`
	Latest  *apiUpdate `json:"latest_update"`
}

func (a *App) apiCreateUpdate(c echo.Context) error {
	ctx := c.Request().Context()
	planID, err := a.authoriseProgress(c)
	if err != nil {
		return err
	}
	var req apiUpdateRequest
	dec := json.NewDecoder(c.Request().Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		return jsonBodyError(err)
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
		return apiConflictOr(c, err)
	}
	return c.JSON(http.StatusCreated, toAPIUpdate(*up))
}

// apiConflictOr answers a refused stale write with 409 and the newer state in
// the API's shape; any other error is returned as it is.
func apiConflictOr(c echo.Context, err error) error {
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
	return err
}

// jsonBodyError words a JSON decoding failure for the API caller, naming the
// field where there is one.
func jsonBodyError(err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return models.Invalid("body", "the body is not valid JSON (at byte %d)", syn.Offset)
	case errors.As(err, &typ) && typ.Field != "":
		return models.Invalid(typ.Field, "must be a JSON %s, not %s", typ.Type.Kind(), typ.Value)
	case errors.As(err, &typ):
		return models.Invalid("body", "the body must be a JSON object, not %s", typ.Value)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return models.Invalid("body", "unknown field %s; the fields are narrative, status, rag, evidence, evidence_url, reason, date, version and no_change",
			strings.TrimPrefix(err.Error(), "json: unknown field "))
	case errors.Is(err, io.EOF):
		return models.Invalid("body", "the body is empty; send a JSON object")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return models.Invalid("body", "the body is not valid JSON: it ends too soon")
	}
	return models.Invalid("body", "the body could not be read as JSON: %v", err)
}
