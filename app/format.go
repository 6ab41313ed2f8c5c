package app

import (
	"fmt"
	"strconv"
	"strings"

	"sendboard/models"
)

// plural is "s" unless n is one, for "%d minute%s".
func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// ragLabel words a RAG rating ("" is not rated).
func ragLabel(r string) string {
	switch r {
	case "":
		return "Not rated"
	case "blue":
		return "Blue (complete)"
	}
	return strings.ToUpper(r[:1]) + r[1:]
}

// ragClass is the GOV.UK tag colour of a RAG rating.
func ragClass(r string) string {
	switch r {
	case "red":
		return "govuk-tag--red"
	case "amber":
		return "govuk-tag--orange"
	case "green":
		return "govuk-tag--green"
	case "blue":
		return "govuk-tag--blue"
	}
	return "govuk-tag--grey"
}

// statusClass is the GOV.UK tag colour of an action's status.
func statusClass(s string) string {
	switch s {
	case models.StatusComplete:
		return "govuk-tag--blue"
	case models.StatusInProgress:
		return "govuk-tag--light-blue"
	}
	return "govuk-tag--grey"
}

// formatNumber prints whole numbers without decimals and others to at most two places.
func formatNumber(v float64) string {
	if v == float64(int64(v)) {
		return strconv.FormatInt(int64(v), 10)
	}
	return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.2f", v), "0"), ".")
}

// humanBytes words a size limit for people: "10 MiB", "512 KiB", "1.5 MiB",
// "900 bytes", in the binary units the limits are set in.
func humanBytes(n int64) string {
	const kib, mib = 1 << 10, 1 << 20
	switch {
	case n >= mib && n%mib == 0:
		return fmt.Sprintf("%d MiB", n/mib)
	case n >= mib:
		return strconv.FormatFloat(float64(n)/mib, 'f', 1, 64) + " MiB"
	case n >= kib && n%kib == 0:
		return fmt.Sprintf("%d KiB", n/kib)
	case n >= kib:
		return strconv.FormatFloat(float64(n)/kib, 'f', 1, 64) + " KiB"
	}
	return fmt.Sprintf("%d bytes", n)
}
