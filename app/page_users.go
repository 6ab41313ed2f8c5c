package app

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"sendboard/models"
)

type usersData struct {
	Users    []models.User
	Leads    []models.Lead
	Form     userForm
	Password string // a generated password, shown once
}

type userForm struct {
	Email, Name, Role string
	Leads             []string
	Errors            map[string]string
}

// HasLead reports whether the form has lead name selected.
func (f userForm) HasLead(name string) bool {
	for _, l := range f.Leads {
		if l == name {
			return true
		}
	}
	return false
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
	ref, err := a.reference(ctx)
	if err != nil {
		return err
	}
	d.Leads = ref.Leads
	v := a.view(c, "Users", "users")
	v.Data = d
	return c.Render(status, "users", v)
}

// userCreate adds an account with a generated password, shown once to the admin.
func (a *App) userCreate(c echo.Context) error {
	f := userForm{Email: trimmed(c, "email"), Name: trimmed(c, "name"), Role: c.FormValue("role")}
	form, _ := c.FormParams()
	f.Leads = form["lead"]
	pw := models.RandomPassword()
	_, err := models.CreateUser(c.Request().Context(), a.DB, models.NewUser{Email: f.Email, Name: f.Name, Role: f.Role, Password: pw, Leads: f.Leads, At: a.Now()})
	if ie, ok := models.IsInvalid(err); ok {
		f.Errors = map[string]string{ie.Field: ie.Message}
		return a.renderUsers(c, http.StatusBadRequest, usersData{Form: f})
	}
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	a.Log.Info("user created", "by", currentUser(c).Email, "email", f.Email, "role", f.Role)
	return a.renderUsers(c, http.StatusCreated, usersData{Form: userForm{Role: models.RoleViewer}, Password: f.Email + ": " + pw})
}
