package app

import (
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/mail"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"gorm.io/gorm"

	"sendboard/models"
)

// forgotData is the "Forgotten your password?" form, or, once sent, the
// answer that reads the same whether or not the address has an account.
type forgotData struct {
	Email string
	Sent  bool
	Error string
}

// ErrorSummary links the one problem to the email field.
func (d forgotData) ErrorSummary() errorSummary {
	if d.Error == "" {
		return errorSummary{}
	}
	return errorSummary{Items: []summaryItem{{Field: "email", Message: d.Error, Anchor: "email"}}}
}

func (a *App) forgotPage(c echo.Context) error {
	return a.renderForgot(c, http.StatusOK, forgotData{})
}

func (a *App) renderForgot(c echo.Context, status int, d forgotData) error {
	title := "Reset your password"
	if d.Sent {
		title = "Check your email"
	}
	v := a.view(c, title, "")
	v.Data = d
	return c.Render(status, "password_forgot", v)
}

// forgotAnswerAfter is how long the answer to a reset request takes at least:
// queuing an email takes a few milliseconds that a request for an unknown
// address would not, and the answer must not time whether the account exists.
const forgotAnswerAfter = 250 * time.Millisecond

// forgotSubmit emails a reset link when the address is an enabled account's
// and answers the same, after the same time, either way. Asking is limited
// per address asked for and per network address, counted before the account
// is looked up, so the limit says nothing about whether the account exists.
func (a *App) forgotSubmit(c echo.Context) error {
	ctx := c.Request().Context()
	start := time.Now()
	raw := trimmed(c, "email")
	email := models.NormalizeEmail(raw)
	if email == "" {
		return a.renderForgot(c, http.StatusBadRequest, forgotData{Email: raw, Error: "Enter your email address"})
	}
	if _, err := mail.ParseAddress(email); err != nil || len(email) > models.MaxEmail || !strings.Contains(email, "@") {
		return a.renderForgot(c, http.StatusBadRequest, forgotData{Email: raw,
			Error: "Enter an email address in the correct format, like name@example.com"})
	}
	if !a.OIDC.PasswordAllowed(email) {
		// A domain rule, the same for every address there: it tells
		// nothing about whether the account exists.
		_, domain, _ := strings.Cut(email, "@")
		return a.renderForgot(c, http.StatusForbidden, forgotData{Email: raw,
			Error: "Passwords are turned off for addresses at " + domain + ": sign in with your organisation's account on the sign-in page"})
	}
	now := a.Now()
	for _, k := range []struct {
		key string
		p   models.ThrottlePolicy
	}{{"reset-email:" + email, models.ResetEmailThrottle}, {"reset-ip:" + c.RealIP(), models.ResetAddressThrottle}} {
		_, locked, err := models.Attempt(ctx, a.DB, k.key, k.p, now)
		if err != nil {
			return err
		}
		if locked != nil {
			mins := int(math.Ceil(locked.Sub(now).Minutes()))
			return a.renderForgot(c, http.StatusTooManyRequests, forgotData{Email: raw,
				Error: fmt.Sprintf("Too many requests to reset a password. Try again in %d minute%s.", mins, plural(mins))})
		}
	}
	u, err := models.FindUserByEmail(ctx, a.DB, email)
	switch {
	case errors.Is(err, models.ErrNotFound):
		a.Log.Info("password reset asked for an unknown address", "ip", c.RealIP())
	case err != nil:
		return err
	case u.Disabled:
		a.Log.Info("password reset asked for a disabled account", "ip", c.RealIP())
	default:
		if err := a.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
			return a.queuePasswordLink(tx, nil, u, models.LinkReset)
		}); err != nil {
			return err
		}
		a.Log.Info("password reset link queued", "user", u.Email, "ip", c.RealIP())
	}
	a.signInDelay(ctx, forgotAnswerAfter-time.Since(start))
	return a.renderForgot(c, http.StatusOK, forgotData{Email: email, Sent: true})
}

// passwordData is the form that sets a password from an emailed link.
type passwordData struct {
	Name    string
	Invite  bool
	Dead    bool
	Errors  map[string]string
	Summary []summaryItem
}

// ErrorSummary lists the form's problems.
func (d passwordData) ErrorSummary() errorSummary { return errorSummary{Items: d.Summary} }

// passwordAnchors are the ids the error summary links to.
var passwordAnchors = map[string]string{"password": "new-password", "confirm": "confirm-password"}

func (a *App) renderPasswordLink(c echo.Context, status int, d passwordData) error {
	// The token is in the address: no other site may see it in a Referer.
	c.Response().Header().Set("Referrer-Policy", "no-referrer")
	title := "Choose a new password"
	switch {
	case d.Dead:
		title = "This link no longer works"
	case d.Invite:
		title = "Choose your password"
	}
	v := a.view(c, title, "")
	v.Data = d
	return c.Render(status, "password_set", v)
}

func (a *App) passwordLinkPage(c echo.Context) error {
	u, l, err := models.PasswordLinkUser(c.Request().Context(), a.DB, c.Param("token"), a.Now())
	if errors.Is(err, models.ErrLinkDead) {
		return a.renderPasswordLink(c, http.StatusGone, passwordData{Dead: true})
	}
	if err != nil {
		return err
	}
	return a.renderPasswordLink(c, http.StatusOK, passwordData{Name: u.Name, Invite: l.Purpose == models.LinkInvite})
}

// passwordLinkSubmit sets the password, spends the link and signs the
// browser in as the account, which lands where signing in would take it.
func (a *App) passwordLinkSubmit(c echo.Context) error {
	ctx := c.Request().Context()
	token := c.Param("token")
	who, l, err := models.PasswordLinkUser(ctx, a.DB, token, a.Now())
	var u *models.User
	if err == nil {
		u, err = models.UsePasswordLink(ctx, a.DB, token, c.FormValue("password"), c.FormValue("confirm"), a.Now())
	}
	if errors.Is(err, models.ErrLinkDead) {
		return a.renderPasswordLink(c, http.StatusGone, passwordData{Dead: true})
	}
	if ie, ok := models.IsInvalid(err); ok {
		d := passwordData{Name: who.Name, Invite: l.Purpose == models.LinkInvite, Errors: map[string]string{ie.Field: ie.Message}}
		d.Summary = []summaryItem{{Field: ie.Field, Message: passwordMessage(ie), Anchor: passwordAnchors[ie.Field]}}
		return a.renderPasswordLink(c, http.StatusBadRequest, d)
	}
	if err != nil {
		return err
	}
	if err := a.startSession(c, u); err != nil {
		return err
	}
	a.Log.Info("password set from an emailed link", "user", u.Email, "purpose", l.Purpose)
	return c.Redirect(http.StatusSeeOther, landing(u, ""))
}

// passwordMessage words a password rule as a sentence for the summary.
func passwordMessage(ie *models.InvalidError) string {
	if ie.Field == "password" && !strings.HasPrefix(ie.Message, "Enter") {
		return "Your password " + ie.Message
	}
	return ie.Message
}

// linkPasswordField is one of the form's two password inputs.
type linkPasswordField struct{ Name, ID, Label string }

// Fields are the form's inputs, top to bottom.
func (passwordData) Fields() []linkPasswordField {
	return []linkPasswordField{{"password", "new-password", "New password"}, {"confirm", "confirm-password", "Confirm the new password"}}
}
