package app

import (
	"net/http"
	"slices"

	"github.com/labstack/echo/v4"

	"sendboard/models"
)

// meTag is one distinct reason an action of mine needs attention.
type meTag struct {
	Label, Class string
}

// meRow is an action on "My actions" with what it needs, each reason once.
type meRow struct {
	models.Action
	Tags []meTag
}

// myActionsPage lists the signed-in lead's actions, those needing an update first.
func (a *App) myActionsPage(c echo.Context) error {
	ctx := c.Request().Context()
	u := currentUser(c)
	plan, err := models.DefaultPlan(ctx, a.DB)
	if err != nil {
		return err
	}
	ids := make([]uint, len(u.Leads))
	for i, l := range u.Leads {
		ids[i] = l.ID
	}
	acts, err := models.MyActions(ctx, a.DB, plan.ID, ids, a.Now(), a.Config.UpdateOverdueDays)
	if err != nil {
		return err
	}
	rows := make([]meRow, len(acts))
	for i := range acts {
		rows[i] = meRow{acts[i], a.myActionTags(&acts[i])}
	}
	v := a.view(c, "My actions", "me")
	v.PlanName, v.Data = plan.Name, map[string]any{"Rows": rows, "Leads": u.Leads, "Days": a.Config.UpdateOverdueDays}
	return c.Render(http.StatusOK, "me", v)
}

// myActionTags names each reason the action needs attention once: its open
// flags by kind, and "Update overdue" when the last update is older than the
// configured days even if the daily job has not flagged it yet.
func (a *App) myActionTags(act *models.Action) []meTag {
	var kinds []string
	for _, f := range act.OpenFlags() {
		if !slices.Contains(kinds, f.Kind) {
			kinds = append(kinds, f.Kind)
		}
	}
	stale := act.LastUpdateAt == nil || act.LastUpdateAt.Before(a.Now().AddDate(0, 0, -a.Config.UpdateOverdueDays))
	if stale && !slices.Contains(kinds, models.FlagUpdateOverdue) {
		kinds = append(kinds, models.FlagUpdateOverdue)
	}
	tags := make([]meTag, 0, len(kinds))
	for _, k := range models.FlagKinds {
		if slices.Contains(kinds, k) {
			tags = append(tags, meTag{Label: models.FlagLabel(k), Class: flagTagClass(k)})
		}
	}
	return tags
}

func flagTagClass(kind string) string {
	switch kind {
	case models.FlagOverdueInitiation:
		return "govuk-tag--red"
	case models.FlagMilestonePassed:
		return "govuk-tag--orange"
	}
	return "govuk-tag--yellow"
}
