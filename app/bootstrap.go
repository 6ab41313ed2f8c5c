package app

import (
	"context"
	"fmt"
	"io"

	"sendboard/models"
	"sendboard/models/schema"
)

// BootstrapEmail is the first administrator's sign-in.
const BootstrapEmail = "admin@sendboard.local"

// Bootstrap creates the first administrator, with a random password printed
// once to w, when there are no accounts at all. There is no default password.
// It runs under the start-up lock, so replicas starting together on an empty
// database create one administrator between them and all start.
func (a *App) Bootstrap(ctx context.Context, w io.Writer) error {
	pw := ""
	err := schema.WithSetupLock(ctx, a.DB, func() error {
		n, err := models.CountUsers(ctx, a.DB)
		if err != nil || n > 0 {
			return err
		}
		pw = models.RandomPassword()
		_, err = models.CreateUser(ctx, a.DB, models.NewUser{Email: BootstrapEmail, Name: "Administrator",
			Role: models.RoleAdmin, Password: pw}, a.Now())
		return err
	})
	if err != nil {
		return fmt.Errorf("creating the first administrator: %w", err)
	}
	if pw == "" {
		return nil
	}
	fmt.Fprintf(w, "\nFirst start: created an administrator account. This password is shown only once.\n"+
		"  email:    %s\n  password: %s\nSign in and add accounts at /users, or with `sendboard user add`.\n\n", BootstrapEmail, pw)
	return nil
}
