package app

import (
	"context"

	"gorm.io/gorm"

	"sendboard/app/mail"
	"sendboard/models"
	"sendboard/models/round"
)

// queuePasswordLink makes a link for u to set a password, words its email
// with the one base URL every email links to, and stores both in tx.
func (a *App) queuePasswordLink(tx *gorm.DB, actor, u *models.User, purpose string) error {
	now := a.Now()
	mc, err := mail.NewComposer(a.Config.BaseURL())
	if err != nil {
		return err
	}
	if !a.OIDC.PasswordAllowed(u.Email) {
		// Their organisation's account signs them in: no password to set.
		p := a.OIDC.ProviderForEmail(u.Email)
		if purpose != models.LinkInvite || p == nil {
			return &models.ConflictError{Message: "People at this address sign in with their organisation's account: there is no sendboard password to set or reset."}
		}
		m, err := mc.SSOInviteMail(u, actor, p.Name, p.DisplayName)
		if err != nil {
			return err
		}
		return round.QueueSSOInvite(tx, actor, u, m, now)
	}
	token, link := models.NewPasswordLink(u.ID, purpose, now)
	m, err := mc.PasswordMail(purpose, u, actor, token)
	if err != nil {
		return err
	}
	return round.QueuePasswordLink(tx, actor, u, link, m, now)
}

// InviteUser creates an account with a password nobody knows and emails its
// owner an invitation to choose one, all or nothing: no password passes
// through the administrator. actor is nil from the command line.
func (a *App) InviteUser(ctx context.Context, actor *models.User, nu models.NewUser) (*models.User, error) {
	nu.Password = models.RandomPassword()
	var u *models.User
	err := a.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		if u, err = models.CreateUser(ctx, tx, nu, a.Now()); err != nil {
			return err
		}
		return a.queuePasswordLink(tx, actor, u, models.LinkInvite)
	})
	return u, err
}

// ResendInvitation emails u a fresh invitation; earlier links stop working.
func (a *App) ResendInvitation(ctx context.Context, actor, u *models.User) error {
	return a.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		return a.queuePasswordLink(tx, actor, u, models.LinkInvite)
	})
}

// ResetByAdmin is an administrator's reset of u's password: the old password
// stops working, u's sessions end and API tokens are revoked, and u is
// emailed a link to choose a new one, all in one transaction.
func (a *App) ResetByAdmin(ctx context.Context, actor, u *models.User) error {
	return a.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := models.LockPassword(tx, u, a.Now()); err != nil {
			return err
		}
		return a.queuePasswordLink(tx, actor, u, models.LinkAdminReset)
	})
}
