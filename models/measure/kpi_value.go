package measure

import (
	"fmt"
	"strconv"
)

// valueProblem says why v cannot be a figure of a KPI measured in unit, or "".
// Counts of enquiries, people and users, and shares in percent, cannot be
// negative, and a share cannot exceed 100%. A score is left alone: its scale
// belongs to the survey and may run below zero (a net promoter score does).
func valueProblem(unit string, v float64) string {
	switch unit {
	case "count", "people", "users":
		if v < 0 {
			return fmt.Sprintf("value: %s is negative; a %s cannot be below 0", formatValue(v), unitNoun(unit))
		}
	case "percent":
		if v < 0 || v > 100 {
			return fmt.Sprintf("value: %s is not a percentage between 0 and 100", formatValue(v))
		}
	}
	return ""
}

func unitNoun(unit string) string {
	if unit == "count" {
		return "count"
	}
	return "number of " + unit
}

func formatValue(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
