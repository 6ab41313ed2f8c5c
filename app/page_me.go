package app

import (
	"net/http"
	"slices"

	"github.com/labstack/echo/v4"

	"sendboard/models"
	"sendboard/models/risk"
)

// myReviewsShown bounds the overdue risk reviews "My actions" lists.
const myReviewsShown = 50

// myReview is a risk the user owns whose review-by day has passed.
type myReview struct {
	Title, Path, PlanName, ReviewBy string
	Score                           int
}

func myReviewRows(list []risk.Overdue) []myReview {
	out := make([]myReview, len(list))
	for i, o := range list {
		out[i] = myReview{Title: o.Title, PlanName: o.PlanName, ReviewBy: o.ReviewBy, Score: o.Score,
			Path: riskPath(models.Plan{Slug: o.PlanSlug}, o.ID)}
	}
	return out
}

// meTag is one distinct reason an action of mine needs attention.
type meTag struct {
	Label, Class string
}

// meRow is an action on "My actions" with what it needs, each reason once.
type meRow struct {
	models.Action
	Tags           []meTag
	Path, PlanName string
}

// myActionsPage lists the signed-in lead's actions, those needing an update first.
func (a *App) myActionsPage(c echo.Context) error {
	ctx := c.Request().Context()
	u := currentUser(c)
	rev, err := a.revisions(ctx)
	if err != nil {
		return err
	}
	plans, _, err := a.cachedPlans(ctx, rev)
	if err != nil {
		return err
	}
	ids := make([]uint, len(u.Leads))
	for i, l := range u.Leads {
		ids[i] = l.ID
	}
	// A lead's actions span plans.
	acts, err := models.MyActions(ctx, a.DB, 0, ids, a.Now(), a.Config.UpdateOverdueDays)
	if err != nil {
		return err
	}
	rows := make([]meRow, len(acts))
	for i := range acts {
		p := plans[0]
		for _, q := range plans {
			if q.ID == acts[i].PlanID {
				p = q
			}
		}
		rows[i] = meRow{Action: acts[i], Tags: a.myActionTags(&acts[i]), Path: actionPath(p, acts[i].Number), PlanName: p.Name}
	}
	// The risk_review_overdue exceptions of the risks the user owns.
	reviews, err := risk.ReviewOverdue(ctx, a.DB, u, a.Now().In(a.Config.Location()), myReviewsShown)
	if err != nil {
		return err
	}
	v := a.view(c, "My actions", "me")
	v.Data = map[string]any{"Rows": rows, "Leads": u.Leads, "Days": a.Config.UpdateOverdueDays, "Plans": len(plans),
		"Reviews": myReviewRows(reviews)}
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
