package app

import (
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"
)

// trimmed reads a form value without surrounding space.
func trimmed(c echo.Context, name string) string { return strings.TrimSpace(c.FormValue(name)) }

// splitISODate splits YYYY-MM-DD into its parts without judging them, so the
// date rules (a real date, not in the future) word the problem.
func splitISODate(s string) (y, m, d string, ok bool) {
	parts := strings.Split(s, "-")
	if len(parts) != 3 || len(parts[0]) != 4 || len(parts[1]) != 2 || len(parts[2]) != 2 {
		return "", "", "", false
	}
	return parts[0], parts[1], parts[2], true
}

// formID reads an id from a select; anything else is 0, which validation rejects.
func formID(s string) uint {
	n, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		return 0
	}
	return uint(n)
}
