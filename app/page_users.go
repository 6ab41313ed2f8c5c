package app

import (
	"net/http"
	"slices"

	"github.com/labstack/echo/v4"

	"sendboard/models"
)

type usersData struct {
	Users   []models.User
	Leads   []models.Lead
	Boards  []models.Board
	Form    userForm
	Invited *invitedNote // the account just added
	// Pending are the accounts a first single sign-on made without a role,
	// waiting for an administrator; PendingErrors says why an approval was
	// refused, by account.
	Pending       []models.User
	PendingErrors map[uint]string
}

// invitedNote says where a new account's invitation went.
type invitedNote struct {
	Email string
	Sent  bool // false: no SMTP server is set, so it waits in the outbox
	SSO   bool // their organisation's account signs them in: no password
}

// userForm is the account fields as typed: lead roles by name, boards by slug.
type userForm struct {
	Email, Name, Role string
	Leads             []string
	Boards            []string
	Errors            map[string]string
	Summary           []summaryItem
}

// HasLead reports whether the form has lead name ticked.
func (f userForm) HasLead(name string) bool { return slices.Contains(f.Leads, name) }

// HasBoard reports whether the form has board slug ticked.
func (f userForm) HasBoard(slug string) bool { return slices.Contains(f.Boards, slug) }

// userAnchors are the ids the error summary links to, by field.
var userAnchors = map[string]string{"name": "u-name", "email": "u-email", "role": "u-role", "lead": "u-lead",
	"board": "u-board", "disabled": "u-disable", "password": "u-password"}

// userFields are the account fields from top to bottom, on the users page and
// on one account's page (which has no email field).
var userFields = []string{"email", "name", "role", "lead", "board", "disabled", "password"}

// ErrorSummary is the form's problems for the top of the page.
func (f userForm) ErrorSummary() errorSummary { return errorSummary{Items: f.Summary} }

// setErrors shows every problem in err beside its field and in the summary;
// it reports false when err is not about the input.
func (f *userForm) setErrors(err error) bool {
	fe, ok := models.AsFieldErrors(err)
	if !ok {
		return false
	}
	f.Errors = map[string]string{}
	for _, e := range fe {
		f.Errors[e.Field] = e.Message
		anchor, ok := userAnchors[e.Field]
		if !ok {
			anchor = "u-name"
		}
		f.Summary = append(f.Summary, summaryItem{Field: e.Field, Message: e.Message, Anchor: anchor})
	}
	f.Summary = inFormOrder(f.Summary, userFields)
	return true
}

// readUserForm reads the account fields; ticked lead roles and boards come
// as repeated values.
func readUserForm(c echo.Context) userForm {
	form, _ := c.FormParams()
	return userForm{Email: trimmed(c, "email"), Name: trimmed(c, "name"), Role: c.FormValue("role"),
		Leads: form["lead"], Boards: form["board"]}
}

func (a *App) usersPage(c echo.Context) error {
	return a.renderUsers(c, http.StatusOK, usersData{Form: userForm{Role: models.RoleViewer}})
}

func (a *App) renderUsers(c echo.Context, status int, d usersData) error {
	ctx := c.Request().Context()
	var err error
	if d.Users, err = models.ListUsers(ctx, a.DB); err != nil {
		return err
	}
	for _, u := range d.Users {
		if u.Pending && !u.Disabled {
			d.Pending = append(d.Pending, u)
		}
	}
	ref, err := a.reference(ctx)
	if err != nil {
		return err
	}
	d.Leads, d.Boards = ref.Leads, ref.Boards
	title := "Users"
	c.Response().Header().Set("Cache-Control", "no-store")
	v := a.view(c, title, "users")
	v.Data = d
	return c.Render(status, "users", v)
}

// userCreate adds an account and emails its owner an invitation to choose
// their password: the administrator never sees one.
func (a *App) userCreate(c echo.Context) error {
	f := readUserForm(c)
	u, err := a.InviteUser(c.Request().Context(), currentUser(c), models.NewUser{Email: f.Email, Name: f.Name, Role: f.Role,
		Leads: f.Leads, Boards: f.Boards})
	if f.setErrors(err) {
		return a.renderUsers(c, http.StatusBadRequest, usersData{Form: f})
	}
	if err != nil {
		return err
	}
	a.Log.Info("user created", "by", currentUser(c).Email, "email", f.Email, "role", f.Role)
	return a.renderUsers(c, http.StatusCreated, usersData{Form: userForm{Role: models.RoleViewer},
		Invited: &invitedNote{Email: u.Email, Sent: a.Config.Mail.Configured(), SSO: !a.OIDC.PasswordAllowed(u.Email)}})
}
