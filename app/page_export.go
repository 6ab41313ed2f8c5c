package app

import (
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"sendboard/models"
)

// exportSelection reads the dashboard's filter and sort from the query and
// counts what it selects. Paging is ignored: an export is the whole list.
func (a *App) exportSelection(c echo.Context) (*models.Reference, models.ActionFilter, int64, error) {
	ctx := c.Request().Context()
	rev, err := a.revisions(ctx)
	if err != nil {
		return nil, models.ActionFilter{}, 0, err
	}
	ref, err := a.planReferenceAt(ctx, rev, c.Param("plan"))
	if err != nil {
		return nil, models.ActionFilter{}, 0, err
	}
	f, err := models.ParseActionFilter(c.QueryParams())
	if err != nil {
		return nil, f, 0, err
	}
	if err := models.ParseSort(c.QueryParams(), &f); err != nil {
		return nil, f, 0, err
	}
	if err := ref.Resolve(&f); err != nil {
		return nil, f, 0, err
	}
	s, err := models.CountActions(ctx, a.DB, ref.Plan.ID, f)
	if err != nil {
		return nil, f, 0, err
	}
	return ref, f, s.Total, nil
}

// exportHeaders marks a download of private data, named for its plan so two
// plans' files cannot be mistaken for each other.
func (a *App) exportHeaders(c echo.Context, p models.Plan, contentType, ext string) {
	h := c.Response().Header()
	h.Set(echo.HeaderContentType, contentType)
	h.Set(echo.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="sendboard-%s-actions-%s.%s"`, p.Slug, a.Now().In(a.Config.Location()).Format("2006-01-02"), ext))
	h.Set("Cache-Control", "no-store")
}

// exportTitle is an export's first row: the plan the actions belong to.
func exportTitle(p models.Plan) []string { return []string{"Plan", p.Name} }

// exportPath is the export of plan p in format ext ("csv" or "xlsx"): the
// unprefixed path for the default plan, the plan's own for the others.
func exportPath(p models.Plan, ext string) string {
	if p.IsDefault {
		return "/actions." + ext
	}
	return planPath(p.Slug) + "/actions." + ext
}

// actionsCSV streams the dashboard's selection, in its sort, as CSV.
func (a *App) actionsCSV(c echo.Context) error {
	ref, f, total, err := a.exportSelection(c)
	if err != nil {
		return err
	}
	a.exportHeaders(c, ref.Plan, "text/csv; charset=utf-8", "csv")
	c.Response().WriteHeader(200)
	w := csv.NewWriter(c.Response())
	// The title row is as wide as the table, for readers that want every
	// record the same length.
	title := make([]string, len(models.ExportColumns))
	copy(title, exportTitle(ref.Plan))
	if err := w.Write(csvRecordOf(title)); err != nil {
		return err
	}
	if err := w.Write(models.ExportColumns); err != nil {
		return err
	}
	err = models.EachExportBatch(c.Request().Context(), a.DB, ref, f, total, func(rows []models.ExportRow) error {
		for _, r := range rows {
			if err := w.Write(csvRecord(r)); err != nil {
				return err
			}
		}
		w.Flush()
		return w.Error()
	})
	if err != nil {
		// The header is sent: say so in the file rather than end it silently short.
		_ = w.Write([]string{"Export stopped: " + err.Error()})
		a.Log.Error("CSV export", "err", err)
	}
	w.Flush()
	return nil
}

// csvRecordOf guards text cells against being read as formulas.
func csvRecordOf(cells []string) []string {
	out := make([]string, len(cells))
	for i, x := range cells {
		out[i] = noFormula(x)
	}
	return out
}

// csvRecord is one action's CSV row, text cells guarded against being read
// as spreadsheet formulas.
func csvRecord(r models.ExportRow) []string {
	v := exportValues(r)
	out := make([]string, len(v))
	for i, x := range v {
		switch x := x.(type) {
		case string:
			out[i] = noFormula(x)
		case int:
			out[i] = strconv.Itoa(x)
		case time.Time:
			out[i] = x.Format(time.DateOnly)
		case nil:
			out[i] = ""
		default:
			out[i] = fmt.Sprint(x)
		}
	}
	return out
}

// noFormula prefixes a cell that a spreadsheet would run as a formula.
func noFormula(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// exportValues are a row's cells in models.ExportColumns order: update and
// sign-off dates as time.Time (or nil), the due and start months or dates as
// the plan gives them ("2019-07"), the priority area as a number, the rest as text.
func exportValues(r models.ExportRow) []any {
	a := &r.Action
	var last, signed, initiate any
	if a.LastUpdateAt != nil {
		last = *a.LastUpdateAt
	}
	if a.SignedOffAt != nil {
		signed = *a.SignedOffAt
	}
	if a.InitiateBy != nil {
		initiate = models.MonthLabel(*a.InitiateBy)
	}
	rag := ""
	if a.RAG != "" {
		rag = ragLabel(a.RAG)
	}
	return []any{a.Number, a.Milestone.Label, a.DueDate(), a.StartBy(), a.PriorityArea.Number, a.PriorityArea.Title, a.Aim, a.Text,
		a.ImpactMeasure, a.LeadText, a.LeadAndGovernance, strings.Join(a.BoardNames(), "; "), models.StatusLabel(a.Status),
		initiate, a.StatusText, rag, a.Progress, last, strings.Join(r.Flags, "; "), r.FlagsSince(), signed,
		strings.Join(a.LeadNames(), "; ")}
}

// dueTime is a due month (its first day) or date, as a date.
func dueTime(due string) (time.Time, bool) {
	if t, err := time.Parse(time.DateOnly, due); err == nil {
		return t, true
	}
	t, err := time.Parse("2006-01", due)
	return t, err == nil
}
