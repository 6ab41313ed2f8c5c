package app

import (
	"cmp"
	"context"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"sendboard/models"
)

// dashboardData feeds the plan overview, and the board and lead pages that
// show the same overview for a fixed selection.
type dashboardData struct {
	Heading   string
	Caption   string
	BasePath  string
	Ref       *models.Reference
	Summary   models.Summary
	Page      models.ActionPage
	Filter    models.ActionFilter
	Query     url.Values
	Fixed     string // "board" or "lead" when the page is for one of them
	FixedSlug string
	Links     overviewLinks
	Rows      []actionRow // Page.Actions with their labels
	Attention attentionView
	Charts    []chartTable
	List      listView
	// ActionBase prefixes an action number to link to its page: "/actions/"
	// for the default plan, "/plans/{slug}/actions/" for the others.
	ActionBase string
	Spread     []planSpread // board and lead pages: their actions in each plan
	Retired    string       // link to the retired actions (or back), "" when none
}

// actionRow is what the action table shows of an action, with its tag classes
// and labels worked out in Go: each template function call is a reflective
// call, and fields promoted from an embedded Action are found by a slow search.
type actionRow struct {
	Number, Text, MilestoneLabel, LeadText, LeadSlug            string
	Priority                                                    string // the area's code
	HasLead, HasInitiate                                        bool
	StatusClass, StatusLabel, RAGClass, RAGLabel, InitiateLabel string
	Due, LastUpdate                                             string
	FlagLabels                                                  []string
	JointLeads                                                  []models.Lead // every lead, when there are several
}

// actionRows labels the actions of a page.
func actionRows(actions []models.Action) []actionRow {
	out := make([]actionRow, len(actions))
	for i := range actions {
		a := &actions[i]
		r := actionRow{Number: a.Number, Text: a.Text, MilestoneLabel: a.Milestone.Label, LeadText: a.LeadText,
			Priority: a.PriorityArea.Code, HasLead: a.Lead != nil, HasInitiate: a.InitiateBy != nil,
			StatusClass: statusClass(a.Status), StatusLabel: models.StatusLabel(a.Status),
			RAGClass: ragClass(a.RAG), RAGLabel: ragLabel(a.RAG)}
		if a.Lead != nil {
			r.LeadSlug = a.Lead.Slug
		}
		if len(a.Leads) > 1 {
			r.JointLeads = a.Leads
		}
		if a.Retired() {
			r.StatusClass, r.StatusLabel = "govuk-tag--grey", "Retired"
		}
		if a.InitiateBy != nil {
			r.InitiateLabel = models.MonthLabel(*a.InitiateBy)
		}
		r.Due, r.LastUpdate = models.DueLabel(a.DueDate()), "Never"
		if a.LastUpdateAt != nil {
			r.LastUpdate = a.LastUpdateAt.Format("2 January 2006")
		}
		for _, f := range a.Flags {
			r.FlagLabels = append(r.FlagLabels, a.FlagDetail(f))
		}
		out[i] = r
	}
	return out
}

// overviewLinks are the overview's count tables and links, built in Go: in
// the template each withQuery, index and label call per table row is a
// reflective call, and those calls were most of an uncached render.
type overviewLinks struct {
	Flagged                          string
	Status, RAG, Milestone, Priority []countLink
	Tables                           []countTable // the four above, captioned
}

// countTable is one captioned count table.
type countTable struct {
	Caption string
	Rows    []countLink
}

// countLink is one row of a count table: a link selecting Label, and the count.
type countLink struct {
	Label, Title, Href string
	N                  int64
}

// overviewLinksFor builds d's links from its summary, page and query.
func overviewLinksFor(d *dashboardData) overviewLinks {
	s, ref := d.Summary, d.Ref
	link := func(k, v string) string { return withQuery(d.BasePath, d.Query, k, v) }
	l := overviewLinks{Flagged: link("flag", "any"),
		Status:    make([]countLink, 0, len(models.Statuses)),
		RAG:       make([]countLink, 0, len(models.RAGs)+1),
		Milestone: make([]countLink, 0, len(ref.Milestones)),
		Priority:  make([]countLink, 0, len(ref.PriorityAreas))}
	for _, st := range models.Statuses {
		l.Status = append(l.Status, countLink{Label: models.StatusLabel(st), Href: link("status", st), N: s.ByStatus[st]})
	}
	for _, r := range append(models.RAGs[:len(models.RAGs):len(models.RAGs)], "") {
		l.RAG = append(l.RAG, countLink{Label: ragLabel(r), Href: link("rag", cmp.Or(r, "none")), N: s.ByRAG[r]})
	}
	for _, m := range ref.Milestones {
		l.Milestone = append(l.Milestone, countLink{Label: m.Label, Href: link("milestone", strconv.Itoa(m.Section)), N: s.ByMilestone[m.ID]})
	}
	for _, p := range ref.PriorityAreas {
		l.Priority = append(l.Priority, countLink{Label: "Area " + p.Code, Title: p.Title,
			Href: link("priority", strconv.Itoa(p.Number)), N: s.ByPriority[p.ID]})
	}
	l.Tables = []countTable{{"By status", l.Status}, {"By RAG", l.RAG}, {"By milestone", l.Milestone}, {"By priority area", l.Priority}}
	return l
}

func (a *App) dashboardPage(c echo.Context) error {
	return a.renderOverview(c, "", "", "", "Where every action stands", "/", "")
}

// planDashboardPage is the overview of one plan.
func (a *App) planDashboardPage(c echo.Context) error {
	slug := c.Param("plan")
	return a.renderOverview(c, slug, "", "", "Where every action stands", planPath(slug), "")
}

// boardPage and leadPage show the board's (lead's) actions in the plan named
// by the path, or in the default plan, with a table of their actions in each
// plan linking to the others.
func (a *App) boardPage(c echo.Context) error {
	own, err := a.boardOwn(c)
	if err != nil {
		return err
	}
	return a.renderOverview(c, c.Param("plan"), "board", c.Param("slug"), "", fixedPath(c.Param("plan"), "boards", c.Param("slug")), own)
}

func (a *App) leadPage(c echo.Context) error {
	return a.renderOverview(c, c.Param("plan"), "lead", c.Param("slug"), "", fixedPath(c.Param("plan"), "leads", c.Param("slug")), "")
}

// renderOverview shows counts and one page of the actions of plan ("" for
// the default plan) for the query string's filter, with fixed ("board" or
// "lead") pinned to slug. own follows the overview uncached: what changes
// without changing the plan (a board's own actions and decisions).
func (a *App) renderOverview(c echo.Context, plan, fixed, slug, heading, base string, own template.HTML) error {
	ctx := c.Request().Context()
	f, err := models.ParseActionFilter(c.QueryParams())
	if err != nil {
		return err
	}
	if err := models.ParseSort(c.QueryParams(), &f); err != nil {
		return err
	}
	size, page, err := parseListView(c.QueryParams())
	if err != nil {
		return err
	}
	rev, err := a.revisions(ctx)
	if err != nil {
		return err
	}
	pl, err := a.planAt(ctx, rev, plan)
	if err != nil {
		return err
	}
	// The overview's content is the same for every user, so it is rendered
	// once per revision and parsed query (equivalent query strings share it);
	// the frame (user, navigation) is not. A board's or lead's page counts
	// their actions in every plan, so any plan's change moves it.
	key := fmt.Sprintf("overview %s %d %s %s %+v %d %d", base, pl.ID, fixed, slug, f, size, page)
	ver := planVersion(rev, pl.ID)
	if fixed != "" {
		ver = allPlansVersion(rev)
	}
	content := func() (cachedPage, error) {
		return a.cachedOrBuild(key, ver, func() (cachedPage, error) {
			body, title, err := a.buildOverview(c, rev, f, size, page, plan, fixed, slug, heading, base)
			return cachedPage{body: body, title: title}, err
		})
	}
	if own == "" {
		// The whole page, frame included, is kept per user too.
		return a.servePage(c, "page "+key, ver, a.view(c, "", "plan"), "cached", func(v *View) error {
			p, err := content()
			v.Title, v.Data = p.title, template.HTML(p.body)
			return err
		})
	}
	p, err := content()
	if err != nil {
		return err
	}
	v := a.view(c, p.title, "plan")
	v.Data = template.HTML(p.body) + own
	return c.Render(http.StatusOK, "cached", v)
}

// buildOverview renders the overview's content for renderOverview.
func (a *App) buildOverview(c echo.Context, rev *models.Revisions, f models.ActionFilter, size, page int, plan, fixed, slug, heading, base string) ([]byte, string, error) {
	ctx := c.Request().Context()
	ref, err := a.planReferenceAt(ctx, rev, plan)
	if err != nil {
		return nil, "", err
	}
	d := dashboardData{Heading: heading, BasePath: base, Ref: ref, Fixed: fixed, FixedSlug: slug, ActionBase: actionBase(ref.Plan)}
	switch fixed {
	case "board":
		b, ok := ref.BoardBySlug(slug)
		if !ok {
			return nil, "", models.ErrNotFound
		}
		f.Board, d.Heading, d.Caption = slug, b.Name, "Governance board"
	case "lead":
		l, ok := ref.LeadBySlug(slug)
		if !ok {
			return nil, "", models.ErrNotFound
		}
		f.Lead, d.Heading, d.Caption = slug, l.Name, "Lead"
	}
	if fixed != "" {
		if d.Spread, err = a.spread(ctx, rev, ref, fixed, slug); err != nil {
			return nil, "", err
		}
	}
	if err := ref.Resolve(&f); err != nil {
		return nil, "", err
	}
	if err := a.fillOverview(ctx, &d, f, size, page); err != nil {
		return nil, "", err
	}
	if f.Retired {
		d.Retired = withQuery(d.BasePath, d.Query, "retired", "")
	} else if d.Summary.Retired > 0 {
		d.Retired = withQuery(d.BasePath, d.Query, "retired", "1")
	}
	v := a.view(c, d.Heading, "plan")
	v.PlanName, v.Data = ref.Plan.Name, d
	body, err := a.Render.RenderContent("dashboard", v)
	return body, d.Heading, err
}

// fillOverview loads what the overview shows for f: what needs attention (in
// the page's board or lead, whatever else is selected), the counts and
// charts, and one page of the table. A page past the end shows the last.
func (a *App) fillOverview(ctx context.Context, d *dashboardData, f models.ActionFilter, size, page int) error {
	var err error
	scope := models.ActionFilter{Board: f.Board, BoardID: f.BoardID, Lead: f.Lead, LeadID: f.LeadID}
	at, err := models.NeedsAttention(ctx, a.DB, d.Ref.Plan.ID, scope, attentionPerGroup)
	if err != nil {
		return err
	}
	if d.Summary, err = models.CountActions(ctx, a.DB, d.Ref.Plan.ID, f); err != nil {
		return err
	}
	if last := max(1, int((d.Summary.Total+int64(size)-1)/int64(size))); page > last {
		page = last
	}
	f.Limit, f.Offset, f.After = size, (page-1)*size, ""
	if d.Page, err = models.ListActionsRef(ctx, a.DB, d.Ref, f, d.Summary.Total); err != nil {
		return err
	}
	d.Filter, d.Query = f, f.Query()
	if d.Fixed != "" {
		d.Query.Del(d.Fixed)
	}
	d.Links, d.Rows = overviewLinksFor(d), actionRows(d.Page.Actions)
	d.Attention = buildAttention(d, at, a.Config.UpdateOverdueDays)
	if d.Fixed == "board" {
		d.Attention.Board = true
		if err := a.addEscalatedRisks(ctx, d, f.BoardID); err != nil {
			return err
		}
	}
	d.Charts, d.List = priorityCharts(d), buildListView(d, size, page)
	return nil
}
