package app

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"sendboard/models"
)

// apiNewUser is an account to add; its owner is emailed an invitation to
// choose their password, so the request carries none.
type apiNewUser struct {
	Email  string   `json:"email"`
	Name   string   `json:"name"`
	Role   string   `json:"role"`
	Leads  []string `json:"leads"`
	Boards []string `json:"boards"`
}

// apiInvitedUser is the account added and where its invitation is:
// "queued" for the mail job, or "outbox" when no SMTP server is set.
type apiInvitedUser struct {
	ID         uint     `json:"id"`
	Email      string   `json:"email"`
	Name       string   `json:"name"`
	Role       string   `json:"role"`
	Leads      []string `json:"leads"`
	Boards     []string `json:"boards"`
	Invitation string   `json:"invitation"`
}

func (a *App) apiCreateUser(c echo.Context) error {
	var req apiNewUser
	if err := decodeBody(c, &req, "email, name, role, leads and boards"); err != nil {
		return err
	}
	u, err := a.InviteUser(c.Request().Context(), currentUser(c), models.NewUser{Email: req.Email, Name: req.Name, Role: req.Role,
		Leads: req.Leads, Boards: req.Boards})
	if err != nil {
		return err
	}
	out := apiInvitedUser{ID: u.ID, Email: u.Email, Name: u.Name, Role: u.Role, Leads: []string{}, Boards: u.BoardNames(), Invitation: "queued"}
	for _, l := range u.Leads {
		out.Leads = append(out.Leads, l.Name)
	}
	if out.Boards == nil {
		out.Boards = []string{}
	}
	if !a.Config.Mail.Configured() {
		out.Invitation = "outbox"
	}
	a.Log.Info("user created", "by", currentUser(c).Email, "email", u.Email, "role", u.Role)
	return c.JSON(http.StatusCreated, out)
}
