package app

import (
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/labstack/echo/v4"

	"sendboard/models"
	"sendboard/models/measure"
)

// kpiImport is the outcome of an upload, shown on the KPI page.
type kpiImport struct {
	File    string
	Summary string             // on success
	Error   string             // on failure
	Rows    []measure.RowError // the bad rows, with line numbers
}

// ErrorSummary is a refused upload: why, and each bad row.
func (r *kpiImport) ErrorSummary() errorSummary {
	s := errorSummary{Title: "The file was not imported", Intro: r.Error}
	if r.File != "" {
		s.Title = "The file " + r.File + " was not imported"
	}
	for _, row := range r.Rows {
		s.Items = append(s.Items, summaryItem{Field: "file", Message: fmt.Sprintf("Line %d: %s", row.Line, row.Reason), Anchor: "kpi-file"})
	}
	return s
}

// kpiImportSubmit imports an uploaded feed file with the same validation as
// the scheduled pull and the CLI, then shows the KPI page with the outcome.
func (a *App) kpiImportSubmit(c echo.Context) error {
	u := currentUser(c)
	if !u.AtLeast(models.RoleAdmin) { // the route checks too: KPI figures are an admin's to change
		return models.ErrForbidden
	}
	rep := &kpiImport{}
	c.Set("kpiImport", rep)
	fh, err := c.FormFile("file")
	if err != nil {
		rep.Error = "Choose a CSV or JSON file to upload."
		return a.kpisPage(c)
	}
	rep.File = fh.Filename
	f, err := fh.Open()
	if err != nil {
		return err
	}
	defer f.Close()
	body, err := io.ReadAll(io.LimitReader(f, a.Config.FeedMaxBytes+1))
	if err != nil {
		return err
	}
	if int64(len(body)) > a.Config.FeedMaxBytes {
		rep.Error = fmt.Sprintf("The file is larger than the %s limit; nothing was imported.", humanBytes(a.Config.FeedMaxBytes))
		return a.kpisPage(c)
	}
	format := measure.DetectFormat(fh.Filename, fh.Header.Get("Content-Type"), body)
	res, err := measure.ImportFeed(c.Request().Context(), a.DB, body, format, "upload: "+fh.Filename+" by "+u.Name, a.Now())
	var fe *measure.FeedError
	var ie *models.InvalidError
	switch {
	case errors.As(err, &fe):
		rep.Error, rep.Rows = fmt.Sprintf("%d bad %s: nothing was imported.", fe.Count(), pluralWord(fe.Count(), "row", "rows")), fe.Rows
		if n := fe.More(); n > 0 {
			rep.Error += fmt.Sprintf(" The first %d are listed; fix them and upload again to see the other %d.", len(fe.Rows), n)
		}
	case errors.As(err, &ie):
		rep.Error = ie.Error()
	case err != nil:
		return err
	default:
		rep.Summary = "Imported " + fh.Filename + ": " + res.Summary() + "."
	}
	return a.kpisPage(c)
}

func pluralWord(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// addKPIFeedData adds what the KPI page shows about the feed: the last good
// pull, an upload's outcome, and the superseded revisions of each figure.
func (a *App) addKPIFeedData(c echo.Context, data map[string]any) error {
	ctx := c.Request().Context()
	last, err := measure.LastFeedPull(ctx, a.DB)
	if err != nil {
		return err
	}
	old, err := measure.SupersededFigures(ctx, a.DB)
	if err != nil {
		return err
	}
	data["LastPull"], data["Old"], data["FeedConfigured"] = last, old, a.Config.FeedURL != ""
	if rep, ok := c.Get("kpiImport").(*kpiImport); ok {
		data["Import"] = rep
	}
	return nil
}

// kpiPageStatus is 422 when an upload was refused, so the refusal is not
// mistaken for success by scripts and tests.
func kpiPageStatus(c echo.Context) int {
	if rep, ok := c.Get("kpiImport").(*kpiImport); ok && rep.Error != "" {
		return http.StatusUnprocessableEntity
	}
	return http.StatusOK
}
