package app

import (
	"mime"
	"net/http"

	"github.com/labstack/echo/v4"

	"sendboard/models/planimport"
)

// planExportDownload sends a plan as XLSX (the default) or CSV, in the layout
// the import reads, so an area can edit it offline and import it back.
func (a *App) planExportDownload(c echo.Context) error {
	format := c.QueryParam("format")
	if format == "" {
		format = planimport.ExportXLSX
	}
	f, err := planimport.ExportFile(c.Request().Context(), a.DB, c.Param("plan"), format)
	if err != nil {
		return err
	}
	h := c.Response().Header()
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": f.Name}))
	h.Set("Cache-Control", "no-store")
	return c.Blob(http.StatusOK, f.ContentType, f.Data)
}
