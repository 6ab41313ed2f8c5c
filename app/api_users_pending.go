package app

import (
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"sendboard/models"
)

// apiUser is an account as the API lists it; status is "pending" for a first
// single sign-on waiting for an administrator, whose role means nothing yet.
type apiUser struct {
	ID        uint      `json:"id"`
	Email     string    `json:"email"`
	Name      string    `json:"name"`
	Role      string    `json:"role"`
	Status    string    `json:"status"`
	Leads     []string  `json:"leads"`
	Boards    []string  `json:"boards"`
	CreatedAt time.Time `json:"created_at"`
}

func toAPIUser(u *models.User) apiUser {
	out := apiUser{ID: u.ID, Email: u.Email, Name: u.Name, Role: u.Role, Status: u.Status(),
		Leads: make([]string, len(u.Leads)), Boards: u.BoardNames(), CreatedAt: u.CreatedAt.UTC()}
	for i, l := range u.Leads {
		out.Leads[i] = l.Name
	}
	return out
}

// apiListUsers lists the accounts, ?status= narrowing to active, disabled or
// pending ones.
func (a *App) apiListUsers(c echo.Context) error {
	us, err := models.ListAccounts(c.Request().Context(), a.DB, c.QueryParam("status"))
	if err != nil {
		return err
	}
	out := make([]apiUser, len(us))
	for i := range us {
		out[i] = toAPIUser(&us[i])
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, map[string]any{"users": out})
}

// apiApproval is the body of POST /api/v1/users/{id}/approve: leads and
// boards, when given, replace those the sign-in's claims gave.
type apiApproval struct {
	Role   string   `json:"role"`
	Leads  []string `json:"leads"`
	Boards []string `json:"boards"`
}

// maxApprovalNames bounds the lead roles and boards one approval names.
const maxApprovalNames = 200

// apiApproveUser is the API twin of approving on /users.
func (a *App) apiApproveUser(c echo.Context) error {
	id, err := pathUserID(c)
	if err != nil {
		return err
	}
	var req apiApproval
	if err := decodeBody(c, &req, "role, leads and boards"); err != nil {
		return err
	}
	if len(req.Leads) > maxApprovalNames {
		return models.Invalid("leads", "at most %d lead roles", maxApprovalNames)
	}
	if len(req.Boards) > maxApprovalNames {
		return models.Invalid("boards", "at most %d boards", maxApprovalNames)
	}
	u, err := models.ApprovePending(c.Request().Context(), a.DB, currentUser(c), id,
		models.PendingApproval{Role: req.Role, Leads: req.Leads, Boards: req.Boards}, a.Now())
	if err != nil {
		return err
	}
	a.Log.Info("pending account approved", "by", currentUser(c).Email, "email", u.Email, "role", u.Role)
	return c.JSON(http.StatusOK, toAPIUser(u))
}

// apiRefuseUser is the API twin of refusing on /users.
func (a *App) apiRefuseUser(c echo.Context) error {
	id, err := pathUserID(c)
	if err != nil {
		return err
	}
	u, err := models.RefusePending(c.Request().Context(), a.DB, currentUser(c), id, a.Now())
	if err != nil {
		return err
	}
	a.Log.Info("pending account refused", "by", currentUser(c).Email, "email", u.Email)
	return c.JSON(http.StatusOK, toAPIUser(u))
}

// pathUserID is the account id in the path; anything else names no account.
func pathUserID(c echo.Context) (uint, error) {
	id, err := strconv.ParseUint(c.Param("id"), 10, 32)
	if err != nil {
		return 0, models.ErrNotFound
	}
	return uint(id), nil
}
