package models

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// ActionFilter selects actions for the dashboard, board and lead pages and the
// API. Zero values mean "any".
type ActionFilter struct {
	Milestone int    // section number: 1, 2 or 3
	Priority  int    // priority area number
	Board     string // board slug
	Lead      string // lead slug
	Status    string
	RAG       string // red, amber, green, blue, or "none" for not yet rated
	Flag      string // a flag kind, or "any"
	SignOff   string // SignOffAwaiting or SignOffDone: complete actions by board sign-off
	Q         string // text searched in aim, action, impact measure and progress
	Retired   bool   // list the retired actions instead of the current ones
	Limit     int
	After     string // the number of the last action on the previous page
	Sort      string // a sort key (SortKeys); "" is number order
	Desc      bool   // sort descending
	Offset    int    // actions skipped, for pages numbered rather than cursored

	BoardID, LeadID uint // Board and Lead resolved to ids; see Reference.Resolve
}

// Values of the signoff filter: a complete action is awaiting sign-off by its
// board until one signs it off.
const (
	SignOffAwaiting = "awaiting"
	SignOffDone     = "signed_off"
)

// Default and maximum page sizes: MaxLimit for the API, MaxPageSize for the
// dashboard's largest page.
const (
	DefaultLimit = 50
	MaxLimit     = 200
	MaxPageSize  = 500
)

// ParseActionFilter reads a filter from query parameters, naming the first bad
// value it meets.
func ParseActionFilter(v url.Values) (ActionFilter, error) {
	f := ActionFilter{Limit: DefaultLimit}
	var err error
	if f.Milestone, err = positiveInt(v, "milestone"); err != nil {
		return f, err
	}
	if f.Priority, err = positiveInt(v, "priority"); err != nil {
		return f, err
	}
	f.Board = strings.TrimSpace(v.Get("board"))
	f.Lead = strings.TrimSpace(v.Get("lead"))
	f.Status = v.Get("status")
	if f.Status != "" && !slices.Contains(Statuses, f.Status) {
		return f, Invalid("status", "%q is not a status; use one of %s", f.Status, strings.Join(Statuses, ", "))
	}
	f.RAG = v.Get("rag")
	if f.RAG != "" && f.RAG != "none" && !slices.Contains(RAGs, f.RAG) {
		return f, Invalid("rag", "%q is not a RAG rating; use red, amber, green, blue or none", f.RAG)
	}
	f.Flag = v.Get("flag")
	if f.Flag != "" && f.Flag != "any" && !slices.Contains(FlagKinds, f.Flag) {
		return f, Invalid("flag", "%q is not a flag; use any, %s", f.Flag, strings.Join(FlagKinds, ", "))
	}
	f.SignOff = v.Get("signoff")
	if f.SignOff != "" && f.SignOff != SignOffAwaiting && f.SignOff != SignOffDone {
		return f, Invalid("signoff", "%q is not a sign-off state; use %s or %s", f.SignOff, SignOffAwaiting, SignOffDone)
	}
	f.Q = strings.TrimSpace(v.Get("q"))
	if len(f.Q) > 200 {
		return f, Invalid("q", "search text is limited to 200 characters")
	}
	switch v.Get("retired") {
	case "":
	case "1":
		f.Retired = true
	default:
		return f, Invalid("retired", "%q is not a choice; use retired=1 for the retired actions", v.Get("retired"))
	}
	if s := v.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > MaxLimit {
			return f, Invalid("limit", "%q is not a page size from 1 to %d", s, MaxLimit)
		}
		f.Limit = n
	}
	if f.After = v.Get("after"); f.After != "" {
		if _, _, err := SplitNumber(f.After); err != nil {
			return f, Invalid("after", "%s", err)
		}
	}
	return f, nil
}

func positiveInt(v url.Values, key string) (int, error) {
	s := v.Get(key)
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 99 {
		return 0, Invalid(key, "%q is not a %s number", s, key)
	}
	return n, nil
}

// Query renders the filter back into query parameters (without paging), for
// links that keep the current selection.
func (f ActionFilter) Query() url.Values {
	v := url.Values{}
	set := func(k, s string) {
		if s != "" {
			v.Set(k, s)
		}
	}
	if f.Milestone > 0 {
		v.Set("milestone", strconv.Itoa(f.Milestone))
	}
	if f.Priority > 0 {
		v.Set("priority", strconv.Itoa(f.Priority))
	}
	set("board", f.Board)
	set("lead", f.Lead)
	set("status", f.Status)
	set("rag", f.RAG)
	set("flag", f.Flag)
	set("signoff", f.SignOff)
	set("q", f.Q)
	if f.Retired {
		v.Set("retired", "1")
	}
	return v
}

// Active reports whether any selection (not paging) is set.
func (f ActionFilter) Active() bool { return len(f.Query()) > 0 }
