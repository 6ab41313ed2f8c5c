package app

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"sendboard/app/mail"
	"sendboard/models"
	packs "sendboard/models/pack"
	"sendboard/models/round"
)

// OpenRound opens a round as actor and queues its requests; the page, the API
// and the command line all come here.
func (a *App) OpenRound(ctx context.Context, actor *models.User, in round.Input) (*round.Round, int, error) {
	mc, err := mail.NewComposer(a.Config.BaseURL())
	if err != nil {
		return nil, 0, err
	}
	return round.Open(ctx, a.DB, actor, in, a.Now(), a.Config.Location(), mc.WithAnswerLinks(!a.Config.Mail.NoAnswerLinks))
}

// roundForm is the "Open a round" form as typed.
type roundForm struct {
	Plan                                        string // slug; "" is the default plan
	Board, Milestone, Priority, Status, Message string
	DueDay, DueMonth, DueYear                   string
	MeetDay, MeetMonth, MeetYear                string
	Token                                       string // one use, issued by "Check your answers"
	Errors                                      map[string]string
}

// ErrorSummary lists the form's problems; "scope" is the board's second
// message, under its select.
func (f roundForm) ErrorSummary() errorSummary {
	return summaryOf(f.Errors, []string{"plan", "board", "scope", "milestone", "priority", "due", "meeting", "message"}, prefixed("r-"))
}

// dateInput is one GOV.UK date input of the form.
type dateInput struct{ Name, Label, Hint, Day, Month, Year, Error string }

// DueInput is the due date's fields.
func (f roundForm) DueInput() dateInput {
	return dateInput{"due", "Updates due by", "For example, 15 1 2027", f.DueDay, f.DueMonth, f.DueYear, f.Errors["due"]}
}

// MeetingInput is the meeting date's fields.
func (f roundForm) MeetingInput() dateInput {
	return dateInput{"meeting", "Board meeting (optional)", "The meeting the updates are for, on or after the due date",
		f.MeetDay, f.MeetMonth, f.MeetYear, f.Errors["meeting"]}
}

// tallyTable is a table of counts by lead or area.
type tallyTable struct {
	Caption, Key string
	Rows         []roundTally
}

type roundsData struct {
	Rounds  []round.Summary
	Boards  []models.Board // the boards the user may open a round for
	AllPlan bool           // the user may open a round over the whole plan
	Ref     *models.Reference
	// Plans are the active plans a round can be opened in, when there is
	// more than one; the form then first asks which.
	Plans []models.Plan
	// AskPlan: there are several plans and none is chosen yet, so the plan
	// is asked on its own before anything else.
	AskPlan bool
	Form    roundForm
}

// roundsPage lists the rounds and asks the first questions of opening one:
// which plan (when there are several), then the board, scope, dates and
// message. Answers come back in the query when the user changes one on
// "Check your answers".
func (a *App) roundsPage(c echo.Context) error {
	return a.renderRounds(c, http.StatusOK, readRoundForm(c.QueryParam))
}

func (a *App) renderRounds(c echo.Context, status int, f roundForm) error {
	ctx := c.Request().Context()
	d := roundsData{Form: f}
	var err error
	if d.Rounds, err = round.List(ctx, a.DB); err != nil {
		return err
	}
	d.Ref, err = a.planReference(ctx, f.Plan)
	if errors.Is(err, models.ErrNotFound) && f.Errors["plan"] != "" {
		// A refused form naming no real plan is shown again on the default one.
		d.Ref, err = a.planReference(ctx, "")
	}
	if err != nil {
		return err
	}
	rev, err := a.revisions(ctx)
	if err != nil {
		return err
	}
	plans, _, err := a.cachedPlans(ctx, rev)
	if err != nil {
		return err
	}
	for _, p := range plans {
		if p.Status == models.PlanActive {
			d.Plans = append(d.Plans, p)
		}
	}
	if len(d.Plans) < 2 {
		d.Plans = nil
	}
	d.AskPlan = d.Plans != nil && f.Plan == "" && len(f.Errors) == 0
	u := currentUser(c)
	d.AllPlan = u.AtLeast(models.RoleAdmin)
	for _, b := range d.Ref.Boards {
		if u.MemberOfBoard(b.ID) {
			d.Boards = append(d.Boards, b)
		}
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	v := a.view(c, "Update rounds", "rounds")
	v.Data = d
	return c.Render(status, "rounds", v)
}

// dateFields joins a GOV.UK date input into YYYY-MM-DD ("" when all empty).
func dateFields(day, month, year string) string {
	if day == "" && month == "" && year == "" {
		return ""
	}
	d, _ := strconv.Atoi(day)
	m, _ := strconv.Atoi(month)
	y, _ := strconv.Atoi(year)
	return fmt.Sprintf("%04d-%02d-%02d", y, m, d)
}

// roundTracker is the tracker's view of one round.
type roundTracker struct {
	Round     *round.Round
	Items     []round.Item
	ByLead    []roundTally
	ByArea    []roundTally
	Answered  int
	CanManage bool
	Opened    string // how many requests were queued, just after opening
	Existing  bool   // the user asked to open this round again
	CanReopen bool
	Pack      *packs.RoundRequest
	Packs     []packs.Stored // packs already made from the round
	// ActionBase prefixes an action number to link to its page in the round's plan.
	ActionBase string
}

// roundTally counts one lead's or area's actions.
type roundTally struct {
	Name                string
	Requested, Answered int
	// Emailed is how many people the round's request reached for a lead
	// role (0: no one to email), shown when ByLead is set.
	Emailed int
	ByLead  bool
}

// Outstanding is what is still to come.
func (t roundTally) Outstanding() int { return t.Requested - t.Answered }

func tally(items []round.Item, key func(round.Item) string) []roundTally {
	var out []roundTally
	at := map[string]int{}
	for _, it := range items {
		k := key(it)
		i, ok := at[k]
		if !ok {
			i = len(out)
			at[k] = i
			out = append(out, roundTally{Name: k})
		}
		out[i].Requested++
		if it.AnsweredAt != nil {
			out[i].Answered++
		}
	}
	return out
}

func (a *App) loadTracker(ctx context.Context, u *models.User, idParam string) (*roundTracker, error) {
	id, err := strconv.ParseUint(idParam, 10, 32)
	if err != nil {
		return nil, models.ErrNotFound
	}
	r, err := round.Find(ctx, a.DB, uint(id))
	if err != nil {
		return nil, err
	}
	items, err := round.Items(ctx, a.DB, r.ID)
	if err != nil {
		return nil, err
	}
	manage := round.CanManage(u, r)
	t := &roundTracker{Round: r, Items: items, CanManage: r.Status == round.StatusOpen && manage,
		CanReopen: r.Status == round.StatusClosed && manage, ActionBase: actionBase(r.Plan)}
	t.ByLead = tally(items, func(it round.Item) string {
		if it.Lead == "" {
			return "No lead"
		}
		return it.Lead
	})
	emailed, err := round.EmailedByLead(ctx, a.DB, r.ID)
	if err != nil {
		return nil, err
	}
	leadOf := map[string][]uint{} // a joint lead's row counts the people of each of its leads
	for _, it := range items {
		if len(it.LeadIDs) > 0 {
			leadOf[it.Lead] = it.LeadIDs
		} else if it.LeadID != nil {
			leadOf[it.Lead] = []uint{*it.LeadID}
		}
	}
	for i := range t.ByLead {
		people := map[uint]bool{}
		for _, id := range leadOf[t.ByLead[i].Name] {
			for _, u := range emailed[id] {
				people[u] = true
			}
		}
		t.ByLead[i].Emailed, t.ByLead[i].ByLead = len(people), true
	}
	t.ByArea = tally(items, func(it round.Item) string { return it.Area })
	for _, it := range items {
		if it.AnsweredAt != nil {
			t.Answered++
		}
	}
	return t, nil
}

func (a *App) roundPage(c echo.Context) error {
	t, err := a.loadTracker(c.Request().Context(), currentUser(c), c.Param("id"))
	if err != nil {
		return err
	}
	t.Opened = c.QueryParam("opened")
	t.Existing = c.QueryParam("existing") != ""
	ctx := c.Request().Context()
	if t.Pack, err = packs.ForRound(ctx, a.DB, currentUser(c), t.Round, a.Now().In(a.Config.Location())); err != nil {
		return err
	}
	if t.Packs, err = packs.OfRound(ctx, a.DB, t.Round.ID); err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	v := a.view(c, t.Round.Title(), "rounds")
	v.Data = t
	return c.Render(http.StatusOK, "round", v)
}
