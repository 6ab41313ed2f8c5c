package models_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"sendboard/models"
	"sendboard/models/modeltest"
)

// A session ends after a period without use, and each use pushes the end back.
func TestSessionExpiresAfterInactivity(t *testing.T) {
	t.Parallel()
	modeltest.Each(t, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		u, err := models.CreateUser(ctx, d.DB, models.NewUser{Email: "idle@example.test", Name: "Idle",
			Role: models.RoleViewer, Password: "correct horse battery staple"}, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		idle := time.Hour
		t0 := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
		tok, err := models.CreateSession(ctx, d.DB, u.ID, "127.0.0.1", t0, idle)
		if err != nil {
			t.Fatal(err)
		}
		// Used after 50 minutes: still valid, and the hour now counts from here.
		if _, err := models.SessionUser(ctx, d.DB, tok, t0.Add(50*time.Minute), idle); err != nil {
			t.Fatalf("within the idle time: %v", err)
		}
		if _, err := models.SessionUser(ctx, d.DB, tok, t0.Add(100*time.Minute), idle); err != nil {
			t.Fatalf("50 minutes after the last use: %v", err)
		}
		// Then left alone for longer than the idle time: gone.
		if _, err := models.SessionUser(ctx, d.DB, tok, t0.Add(100*time.Minute+idle+time.Second), idle); !errors.Is(err, models.ErrUnauthorized) {
			t.Fatalf("after inactivity: err = %v, want ErrUnauthorized", err)
		}
		if _, err := models.SessionUser(ctx, d.DB, tok, t0.Add(101*time.Minute), idle); !errors.Is(err, models.ErrUnauthorized) {
			t.Fatalf("an expired session came back: %v", err)
		}
	})
}
