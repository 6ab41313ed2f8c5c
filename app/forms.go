package app

import (
	"cmp"
	"maps"
	"slices"
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

// summaryItem is one line of a GOV.UK error summary. Field is the form field
// the problem is about, which places the line in the form's order; Anchor is
// the id the line links to. A line without an anchor is plain text, after
// Label in bold when the field it names is not on the page to link to.
type summaryItem struct {
	Field, Message, Anchor, Label string
}

// errorSummary is what the "error_summary" partial shows at the top of a
// page: the page's problems, in the order of its fields, under Title ("There
// is a problem" when empty) and after Intro, when there is more to say.
type errorSummary struct {
	Title, Intro string
	Items        []summaryItem
}

// Empty reports whether there is no summary to show.
func (s errorSummary) Empty() bool { return len(s.Items) == 0 && s.Intro == "" }

// inFormOrder sorts items by where their field stands in fields, the form's
// field names from top to bottom, as GOV.UK's pattern asks. Lines for the same
// field keep their order; those for a field the form does not list come last.
func inFormOrder(items []summaryItem, fields []string) []summaryItem {
	rank := func(field string) int {
		if i := slices.Index(fields, field); i >= 0 {
			return i
		}
		return len(fields)
	}
	slices.SortStableFunc(items, func(a, b summaryItem) int { return cmp.Compare(rank(a.Field), rank(b.Field)) })
	return items
}

// summaryOf lists errs (messages by field) in the order of fields, each
// linking to anchor(field). Fields the form does not list come last, by name,
// so the page is the same each time.
func summaryOf(errs map[string]string, fields []string, anchor func(field string) string) errorSummary {
	items := make([]summaryItem, 0, len(errs))
	for _, f := range slices.Sorted(maps.Keys(errs)) {
		items = append(items, summaryItem{Field: f, Message: errs[f], Anchor: anchor(f)})
	}
	return errorSummary{Items: inFormOrder(items, fields)}
}

// prefixed links each field to the element with id prefix+field.
func prefixed(prefix string) func(string) string {
	return func(field string) string { return prefix + field }
}
