package app

import (
	"html/template"
	"net/url"
	"strconv"
	"strings"
	"time"

	"sendboard/models"
	"sendboard/models/risk"
)

// templateFuncs is every function the templates may call, built afresh for
// each Renderer: moments (datetime, dateP) are shown in loc, the display time
// zone, while dates without a time of day (date, isoDate) are shown as stored.
func templateFuncs(loc *time.Location) template.FuncMap {
	return template.FuncMap{
		"statusLabel": models.StatusLabel,
		"flagLabel":   models.FlagLabel,
		// plural words a count: {{plural .N "run" "runs"}}.
		"plural":      func(n int64, one, many string) string { return models.Plural(int(n), one, many) },
		"monthLabel":  models.MonthLabel,
		"dayLabel":    models.DueLabel,
		"dueLabel":    models.DueLabel,
		"ownersLabel": models.OwnersLabel,
		"planType":    models.PlanTypeLabel,
		"humanDate":   models.HumanDate,
		"shorten":     models.Shorten,
		"ragLabel":    ragLabel,
		"ragClass":    ragClass,
		"statusClass": statusClass,
		"date":        func(t time.Time) string { return t.Format("2 January 2006") },
		"datetime":    func(t time.Time) string { return t.In(loc).Format("2 Jan 2006 15:04") },
		"isoDate":     func(t time.Time) string { return t.Format("2006-01-02") },
		"dateP": func(t *time.Time) string {
			if t == nil {
				return ""
			}
			return t.In(loc).Format("2 January 2006")
		},
		"deref": func(s *string) string {
			if s == nil {
				return ""
			}
			return *s
		},
		"num":         formatNumber,
		"withQuery":   withQuery,
		"join":        strings.Join,
		"add":         func(a, b int) int { return a + b },
		"sub":         func(a, b int) int { return a - b },
		"sparkline":   sparkline,
		"itoa":        strconv.Itoa,
		"statuses":    func() []string { return models.Statuses },
		"rags":        func() []string { return models.RAGs },
		"ragsAndNone": func() []string { return append(append([]string{}, models.RAGs...), "") },
		"flagKinds":   func() []string { return models.FlagKinds },
		"roles":       func() []string { return models.Roles },
		"paragraphs": func(s string) []string {
			return strings.FieldsFunc(s, func(r rune) bool { return r == '\n' })
		},
		"lower":           strings.ToLower,
		"riskKind":        risk.KindLabel,
		"riskStatus":      risk.StatusLabel,
		"likelihoodWords": func() []string { return likelihoodWords },
		"actionPath":      actionPath,
		"planHome":        planHome,
		"tallyTable":      func(caption, key string, rows []roundTally) tallyTable { return tallyTable{caption, key, rows} },
	}
}

// withQuery returns path with q plus key=value (value "" removes key).
func withQuery(path string, q url.Values, kv ...string) string {
	out := url.Values{}
	for k, v := range q {
		out[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] == "" {
			out.Del(kv[i])
		} else {
			out.Set(kv[i], kv[i+1])
		}
	}
	if len(out) == 0 {
		return path
	}
	return path + "?" + out.Encode()
}
