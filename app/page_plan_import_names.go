package app

import (
	"strconv"

	"github.com/labstack/echo/v4"
)

// maxSameChoices bounds the "use existing" choices a form is read for, as
// many as the preview offers.
const maxSameChoices = 100

// formSameNames reads the preview's "use existing" choices: for each offered
// name i, same_<kind>_name_<i> is the name and same_<kind>_<i> the existing
// one chosen, blank to create it.
func formSameNames(c echo.Context) (leads, boards map[string]string) {
	params, _ := c.FormParams()
	read := func(kind string) map[string]string {
		out := map[string]string{}
		for i := range maxSameChoices {
			n := strconv.Itoa(i)
			name, choice := params.Get("same_"+kind+"_name_"+n), params.Get("same_"+kind+"_"+n)
			if name != "" && choice != "" {
				out[name] = choice
			}
		}
		return out
	}
	return read("lead"), read("board")
}
