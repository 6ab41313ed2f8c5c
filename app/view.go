package app

import (
	"github.com/labstack/echo/v4"

	"sendboard/models"
)

// View is what every page template receives: the common frame plus the page's Data.
type View struct {
	Title    string
	Nav      string // which navigation item is current
	User     *models.User
	CSRF     string
	Flash    string
	PlanName string
	Data     any
}

// navItem is one link of the service navigation.
type navItem struct {
	Key, Label, Href string
	Active           bool
}

// NavItems lists the service navigation for the signed-in user; there is
// none for a visitor, as every page but sign-in needs an account.
func (v View) NavItems() []navItem {
	if v.User == nil {
		return nil
	}
	if v.User.AnswerRoundID != nil {
		// Came in by an emailed link: only their answers; the rest needs signing in.
		return []navItem{{"answer", "Your actions in this round", answerListPath, v.Nav == "answer"},
			{"signin", "Sign in to see the whole plan", "/login", false}}
	}
	items := []navItem{{"plan", "Plan", "/", false}, {"plans", "Plans", "/plans", false}, {"boards", "Boards", "/boards", false}, {"leads", "Leads", "/leads", false},
		{"kpis", "SENDIASS KPIs", "/kpis", false}, {"benchmarks", "DfE benchmarks", "/benchmarks", false}}
	if v.User != nil {
		// Only someone holding a lead role has actions of their own.
		if v.User.AtLeast(models.RoleLead) && len(v.User.Leads) > 0 {
			items = append(items, navItem{"me", "My actions", "/me", false})
		}
		items = append(items, navItem{"packs", "Governance packs", "/packs", false}, navItem{"rounds", "Update rounds", "/rounds", false})
		if v.User.AtLeast(models.RoleAdmin) {
			items = append(items, navItem{"jobs", "Jobs", "/jobs", false}, navItem{"outbox", "Outbox", "/outbox", false}, navItem{"users", "Users", "/users", false})
		}
	}
	for i := range items {
		items[i].Active = items[i].Key == v.Nav
	}
	return items
}

// view starts a View for the current request.
func (a *App) view(c echo.Context, title, nav string) View {
	v := View{Title: title, Nav: nav, User: currentUser(c)}
	a.cache.mu.Lock()
	if len(a.cache.plans) > 0 {
		v.PlanName = a.cache.plans[defaultIndex(a.cache.plans)].Name
	}
	a.cache.mu.Unlock()
	if tok, ok := c.Get("csrf").(string); ok {
		v.CSRF = tok
	}
	return v
}

// currentUser is the signed-in user, or nil.
func currentUser(c echo.Context) *models.User {
	u, _ := c.Get("user").(*models.User)
	return u
}
