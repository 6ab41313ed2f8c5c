package app

import (
	_ "embed"
	"net/http"

	"github.com/labstack/echo/v4"
)

// openAPISpec describes /api/v1; a test checks real responses against it.
//
//go:embed openapi.json
var openAPISpec []byte

func (a *App) apiOpenAPI(c echo.Context) error {
	return c.Blob(http.StatusOK, "application/json", openAPISpec)
}
