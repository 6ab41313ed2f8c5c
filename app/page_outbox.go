package app

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"sendboard/models"
	"sendboard/models/round"
)

type outboxData struct {
	Configured bool
	Counts     round.OutboxCounts
	Mails      []round.Mail
	Status     string
}

// outboxPage shows admins the email waiting, sent and failed, and whether an
// SMTP server is configured at all.
func (a *App) outboxPage(c echo.Context) error {
	ctx := c.Request().Context()
	d := outboxData{Configured: a.Config.Mail.Configured(), Status: c.QueryParam("status")}
	switch d.Status {
	case "", round.MailQueued, round.MailSending, round.MailSent, round.MailFailed:
	default:
		return models.Invalid("status", "%q is not a state; use queued, sending, sent or failed", d.Status)
	}
	var err error
	if d.Counts, err = round.CountOutbox(ctx, a.DB); err != nil {
		return err
	}
	if d.Mails, err = round.ListOutbox(ctx, a.DB, d.Status, 200); err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	v := a.view(c, "Outbox", "outbox")
	v.Data = d
	return c.Render(http.StatusOK, "outbox", v)
}

// outboxResend queues a sent or failed mail again, audited as the admin's.
func (a *App) outboxResend(c echo.Context) error {
	id, err := strconv.ParseUint(c.Param("id"), 10, 32)
	if err != nil {
		return models.ErrNotFound
	}
	if err := round.ResendMail(c.Request().Context(), a.DB, currentUser(c), uint(id), a.Now()); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/outbox?status=queued")
}

// digestsSubmit turns the user's round digests on or off.
func (a *App) digestsSubmit(c echo.Context) error {
	on := c.FormValue("digests") == "on"
	if err := round.SetDigests(c.Request().Context(), a.DB, currentUser(c).ID, on, a.Now()); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/account#digests")
}
