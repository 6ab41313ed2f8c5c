package app

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"sendboard/models"
	"sendboard/models/round"
)

// answerThrottle bounds how many emailed links one address may try: enough
// for a lead working through their email, too few to guess a token.
var answerThrottle = models.ThrottlePolicy{Limit: 30, Window: 15 * time.Minute, Lock: 15 * time.Minute}

// answerListMax bounds the actions one person is asked about in a round that
// the link's landing considers.
const answerListMax = 1000

// errAnswerLinkDead is the answer to a link that no longer signs anyone in,
// whatever the reason, so the page does not say which tokens exist.
var errAnswerLinkDead = echo.NewHTTPError(http.StatusForbidden,
	"This link no longer works: the round has closed, the link has expired or the account is disabled. Sign in to continue.")

// answerFollow signs the owner of a round email's personal link into a
// session limited to answering that round, and takes them to the form of
// the action they chose (?a=number), or of their first action in the round.
func (a *App) answerFollow(c echo.Context) error {
	ctx := c.Request().Context()
	now := a.Now()
	key := "answer:ip:" + c.RealIP()
	if _, locked, err := models.Attempt(ctx, a.DB, key, answerThrottle, now); err != nil {
		return err
	} else if locked != nil {
		return echo.NewHTTPError(http.StatusTooManyRequests, "Too many links were tried from this address. Wait 15 minutes and try again.")
	}
	f, err := round.FollowAnswerLink(ctx, a.DB, c.Param("token"), now)
	if errors.Is(err, models.ErrUnauthorized) {
		a.Log.Warn("emailed link refused", "ip", c.RealIP())
		return errAnswerLinkDead
	}
	if err != nil {
		return err
	}
	_ = models.ForgiveAttempt(ctx, a.DB, key)
	items, err := round.AnswerItems(ctx, a.DB, f.Round.ID, f.User.ID, answerListMax)
	if err != nil {
		return err
	}
	want := c.QueryParam("a")
	target := ""
	for _, it := range items {
		if it.Number == want || (target == "" && want == "") {
			target = it.Number
		}
	}
	if target == "" {
		// Not one of theirs to answer (an escalation lists others' actions):
		// the page itself, behind the usual sign-in.
		if want != "" {
			return c.Redirect(http.StatusSeeOther, actionPath(f.Round.Plan, want)+"#record")
		}
		return c.Redirect(http.StatusSeeOther, "/rounds/"+strconv.FormatUint(uint64(f.Round.ID), 10))
	}
	dest := actionPath(f.Round.Plan, target) + "#record"
	if want == "" && len(items) > 1 {
		dest = answerListPath // several to answer: the list of them first
	}
	if u := currentUser(c); u != nil && u.ID == f.User.ID {
		return c.Redirect(http.StatusSeeOther, dest) // already signed in to the whole site
	}
	if u, ok := c.Get("answerSession").(*models.User); ok && u.ID == f.User.ID && *u.AnswerRoundID == f.Round.ID {
		return c.Redirect(http.StatusSeeOther, dest) // already answering this round
	}
	token, err := models.CreateAnswerSession(ctx, a.DB, f.User.ID, f.Round.ID, c.RealIP(), now, f.Until, a.Config.SessionIdle)
	if err != nil {
		return err
	}
	a.setSession(c, token)
	return c.Redirect(http.StatusSeeOther, dest)
}

// limitAnswerSession applies a session limited to answering one round: it
// may open and answer its own actions in that round and sign out, nothing
// else. On the sign-in and password pages it counts as signed out, so the lead can sign in
// to the whole site. It returns false when the user is to be treated as
// signed out. Once the round closes or its links expire, the session ends.
func (a *App) limitAnswerSession(c echo.Context, u *models.User, secret string) (bool, error) {
	ctx := c.Request().Context()
	now := a.Now()
	live, err := round.AnswerLive(ctx, a.DB, *u.AnswerRoundID, now)
	if err != nil {
		return false, err
	}
	if !live {
		if err := models.DeleteSession(ctx, a.DB, secret); err != nil {
			return false, err
		}
		a.clearSession(c)
		return false, nil
	}
	if strings.HasPrefix(c.Path(), "/password/") {
		return false, nil // setting a password is for the whole site: signed out
	}
	switch c.Path() {
	case "/answer/:token":
		c.Set("answerSession", u) // following another link of the same round reuses it
		return false, nil
	case "/login", "/login/oidc/:provider", "/login/oidc/:provider/callback":
		return false, nil
	case answerListPath:
		c.Set("answerSession", u)
		return c.Request().Method == http.MethodGet || c.Request().Method == http.MethodHead, nil
	case "/logout":
		return true, nil
	case "/actions/:number", "/plans/:plan/actions/:number", "/actions/:number/updates", "/plans/:plan/actions/:number/updates":
		if m := c.Request().Method; m != http.MethodGet && m != http.MethodHead && m != http.MethodPost {
			return false, models.ErrForbidden
		}
		plan, err := a.pathPlan(c)
		if err != nil {
			return false, err
		}
		ok, err := round.AnswerAllows(ctx, a.DB, *u.AnswerRoundID, u, plan.ID, c.Param("number"), now)
		if err != nil {
			return false, err
		}
		if ok {
			return true, nil
		}
	}
	return false, models.ErrForbidden
}
