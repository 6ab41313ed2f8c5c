package app

import (
	"context"
	"fmt"
	"net/url"
	"strconv"

	"sendboard/models/risk"
)

// attentionEscalated is the attention group of the risks and issues
// escalated to a board: open, scoring at or above the plan's threshold.
const attentionEscalated = "escalated_risks"

// addEscalatedRisks adds to a board's "Needs attention" the risks escalated
// to it (boardID 0: the page is not a board's, and nothing is added).
func (a *App) addEscalatedRisks(ctx context.Context, d *dashboardData, boardID uint) error {
	if boardID == 0 {
		return nil
	}
	list, total, err := risk.Escalated(ctx, a.DB, d.Ref.Plan.ID, boardID, attentionPerGroup)
	if err != nil {
		return err
	}
	base := risksPath(d.Ref.Plan)
	g := attentionGroup{Key: attentionEscalated, Label: "Escalated risks and issues", N: total,
		Href: withQuery(base, url.Values{"status": {risk.StatusOpen}}), Anchor: "#register", Noun: "risk or issue", Nouns: "risks and issues"}
	for _, r := range list {
		g.Items = append(g.Items, attentionLine{Number: risk.KindLabel(r.Kind) + " " + strconv.FormatUint(uint64(r.ID), 10),
			Href: riskPath(d.Ref.Plan, r.ID), Text: r.Title,
			Detail: fmt.Sprintf("score %d (%d × %d), owner %s", r.Score, r.Likelihood, r.Impact, r.Owner)})
	}
	if more := total - int64(len(g.Items)); more > 0 {
		g.More = fmt.Sprintf("and %d more", more)
	}
	d.Attention.Groups = append([]attentionGroup{g}, d.Attention.Groups...)
	d.Attention.Total += total
	return nil
}
