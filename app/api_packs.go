package app

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"sendboard/app/pack"
	"sendboard/models"
	packs "sendboard/models/pack"
)

// apiPackFile describes one stored rendering.
type apiPackFile struct {
	Format string `json:"format"`
	Size   int    `json:"size"`
	SHA256 string `json:"sha256"`
	URL    string `json:"url"`
}

// apiPack is a stored pack in the API.
type apiPack struct {
	ID          uint          `json:"id"`
	Board       string        `json:"board"`
	BoardKey    string        `json:"board_key"`
	Quarter     string        `json:"quarter"`
	Plan        *string       `json:"plan"`  // the plan chosen; null for every plan the board governs
	Plans       []string      `json:"plans"` // the plans covered, by name
	RoundID     *uint         `json:"round_id"`
	Version     int           `json:"version"`
	GeneratedAt time.Time     `json:"generated_at"`
	GeneratedBy string        `json:"generated_by"`
	Formats     []string      `json:"formats"` // made in, PDF first; no PDF where Chromium is not installed
	Files       []apiPackFile `json:"files"`
}

func toAPIPack(sp packs.Stored) apiPack {
	out := apiPack{ID: sp.ID, Board: sp.BoardName, BoardKey: sp.BoardKey, Quarter: sp.Quarter, Version: sp.Version,
		GeneratedAt: sp.GeneratedAt, GeneratedBy: sp.GeneratedBy, RoundID: sp.RoundID, Plans: []string{}, Formats: sp.FormatList(), Files: []apiPackFile{}}
	if sp.PlanScope != "" {
		out.Plan = &sp.PlanScope
	}
	if sp.PlanNames != "" {
		out.Plans = strings.Split(sp.PlanNames, "\n")
	}
	for _, f := range sp.Files {
		out.Files = append(out.Files, apiPackFile{Format: f.Format, Size: f.Size, SHA256: f.SHA256,
			URL: "/api/v1/packs/" + strconv.FormatUint(uint64(sp.ID), 10) + "/" + f.Format})
	}
	return out
}

// apiListPacks lists the stored packs, newest first.
func (a *App) apiListPacks(c echo.Context) error {
	sps, err := packs.ListStored(c.Request().Context(), a.DB, packs.MaxStored)
	if err != nil {
		return err
	}
	out := make([]apiPack, len(sps))
	for i, sp := range sps {
		out[i] = toAPIPack(sp)
	}
	return c.JSON(http.StatusOK, map[string]any{"packs": out})
}

// apiCreatePack generates and stores a pack: {"board": "...", "quarter": "2024-25 Q4"}
// with an optional "plan" slug (every plan the board governs without it),
// or the same two fields as an HTML form body (the form tags) for curl -d.
func (a *App) apiCreatePack(c echo.Context) error {
	var in struct {
		Board   string `json:"board" form:"board"`
		Quarter string `json:"quarter" form:"quarter"`
		Plan    string `json:"plan" form:"plan"`
	}
	if err := c.Bind(&in); err != nil {
		return models.Invalid("body", "expected JSON {\"board\": ..., \"quarter\": ..., \"plan\": ...} or a form with board, quarter and plan")
	}
	sp, err := a.Packs().Generate(c.Request().Context(), pack.Order{Board: in.Board, Plan: in.Plan, Quarter: in.Quarter}, currentUser(c), nil)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, toAPIPack(*sp))
}
