package models

import (
	"net/url"
	"slices"
	"strings"
)

// Sort keys of the action list, in the order the dashboard's columns show them.
const (
	SortNumber     = "number"
	SortDue        = "due"
	SortStatus     = "status"
	SortRAG        = "rag"
	SortLastUpdate = "last_update"
	SortLead       = "lead"
)

// SortKeys lists every sort key.
var SortKeys = []string{SortNumber, SortDue, SortStatus, SortRAG, SortLastUpdate, SortLead}

// dueExpr is an action's current due month or date, as SQL on actions. A
// month ("2019-07") sorts before the days in it ("2019-07-15").
const dueExpr = "actions.due"

// sortExprs orders by each key ascending; every order ends in number order so
// pages never overlap. Unrated RAG and no lead sort last; an action never
// updated counts from when it was added, so it is among the oldest.
var sortExprs = map[string]string{
	SortNumber:     "",
	SortDue:        dueExpr,
	SortStatus:     "CASE actions.status WHEN 'not_started' THEN 0 WHEN 'in_progress' THEN 1 ELSE 2 END",
	SortRAG:        "CASE actions.rag WHEN 'red' THEN 0 WHEN 'amber' THEN 1 WHEN 'green' THEN 2 WHEN 'blue' THEN 3 ELSE 4 END",
	SortLastUpdate: "COALESCE(actions.last_update_at, actions.created_at)",
	SortLead:       "CASE WHEN actions.lead_text = '' THEN 1 ELSE 0 END, LOWER(actions.lead_text)",
}

// ParseSort reads the sort query parameter into f: "due", or "-due" for
// descending. The dashboard and its exports sort; the API pages by number
// with a cursor, so it does not.
func ParseSort(v url.Values, f *ActionFilter) error {
	s := v.Get("sort")
	if s == "" {
		return nil
	}
	var err error
	f.Sort, f.Desc, err = parseSort(s)
	return err
}

// parseSort reads "due" or "-due" (descending).
func parseSort(s string) (key string, desc bool, err error) {
	key, desc = strings.TrimPrefix(s, "-"), strings.HasPrefix(s, "-")
	if !slices.Contains(SortKeys, key) {
		return "", false, Invalid("sort", "%q is not a sort order; use one of %s, with a leading - for descending", s, strings.Join(SortKeys, ", "))
	}
	return key, desc, nil
}

// SortParam is the sort as the sort query parameter spells it ("" for number order).
func (f ActionFilter) SortParam() string {
	if (f.Sort == "" || f.Sort == SortNumber) && !f.Desc {
		return ""
	}
	if f.Desc {
		return "-" + f.Sort
	}
	return f.Sort
}

// orderBy is the ORDER BY list for f's sort.
func (f ActionFilter) orderBy() string {
	dir := ""
	if f.Desc {
		dir = " DESC"
	}
	// The number itself last: 3.1a and 3.1b share major and minor.
	num := "actions.major" + dir + ", actions.minor" + dir + ", actions.number" + dir
	e := sortExprs[f.Sort]
	if e == "" {
		return num
	}
	parts := strings.Split(e, ", ")
	if strings.HasPrefix(e, "CASE WHEN") { // the lead's "no lead last" part keeps its direction
		return parts[0] + ", " + parts[1] + dir + ", " + num
	}
	return e + dir + ", " + num
}

// numberOrder reports whether f lists in plain ascending number order, the
// only order the After cursor pages through.
func (f ActionFilter) numberOrder() bool { return f.SortParam() == "" }
