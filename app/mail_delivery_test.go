package app_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"sendboard/app"
	"sendboard/app/mailtest"
	"sendboard/models/modeltest"
	"sendboard/models/round"
)

// TestTwoReplicasSendEachMailOnce drains one PostgreSQL outbox from two app
// instances, each with its own connection pool, at the same time: FOR UPDATE
// SKIP LOCKED must give every mail to exactly one of them.
func TestTwoReplicasSendEachMailOnce(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d := modeltest.Postgres(t)
	srv := mailtest.Start(t)
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	const total = 400
	mails := make([]round.Mail, total)
	for i := range mails {
		mails[i] = round.Mail{Kind: round.MailRequest, ToAddr: fmt.Sprintf("lead%d@example.test", i), Subject: fmt.Sprintf("Mail %d", i),
			TextBody: "Text", HTMLBody: "<p>HTML</p>", Status: round.MailQueued, NextAttemptAt: now, CreatedAt: now}
	}
	if err := d.DB.CreateInBatches(mails, 200).Error; err != nil {
		t.Fatal(err)
	}
	replica := func(db *gorm.DB) *app.App {
		cfg := app.Defaults()
		cfg.Mail.SMTPURL = srv.URL()
		return &app.App{Config: cfg, DB: db, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: func() time.Time { return now }}
	}
	second, err := gorm.Open(postgres.Open(d.DSN), &gorm.Config{Logger: logger.Discard})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if s, err := second.DB(); err == nil {
			s.Close()
		}
	})
	replicas := []*app.App{replica(d.DB), replica(second)}
	var wg sync.WaitGroup
	summaries := make([]string, len(replicas))
	for i, a := range replicas {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := a.DeliverMail(ctx, now)
			if err != nil {
				t.Errorf("replica %d: %v", i, err)
			}
			summaries[i] = s
		}()
	}
	wg.Wait()
	t.Logf("replica summaries: %q", summaries)

	got := srv.Messages()
	seen := map[string]int{}
	for _, m := range got {
		seen[m.Subject()]++
	}
	if len(got) != total || len(seen) != total {
		t.Fatalf("the server got %d messages with %d distinct subjects, want %d of each", len(got), len(seen), total)
	}
	for s, n := range seen {
		if n != 1 {
			t.Errorf("%s sent %d times", s, n)
		}
	}
	var sent int64
	d.DB.Model(&round.Mail{}).Where("status = ? AND attempts = 1", round.MailSent).Count(&sent)
	if sent != total {
		t.Errorf("%d mails recorded as sent once, want %d", sent, total)
	}
}

// TestSTARTTLSIsRequiredByDefault sends to a server that offers no STARTTLS
// with an smtp:// URL that does not say tls=none: nothing goes in clear, the
// mail waits, and the reason is recorded.
func TestSTARTTLSIsRequiredByDefault(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d := modeltest.SQLite(t)
	srv := mailtest.Start(t)
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	if err := d.DB.Create(&round.Mail{Kind: round.MailRequest, ToAddr: "lead@example.test", Subject: "S", TextBody: "T", HTMLBody: "H",
		Status: round.MailQueued, NextAttemptAt: now, CreatedAt: now}).Error; err != nil {
		t.Fatal(err)
	}
	cfg := app.Defaults()
	cfg.Mail.SMTPURL = "smtp://" + srv.Addr
	a := &app.App{Config: cfg, DB: d.DB, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: func() time.Time { return now }}
	if _, err := a.DeliverMail(ctx, now); err == nil {
		t.Fatal("delivery without STARTTLS succeeded")
	}
	var m round.Mail
	d.DB.Take(&m)
	if len(srv.Messages()) != 0 || m.Status != round.MailQueued || m.LastReply == "" {
		t.Fatalf("server got %d messages; mail %s with reply %q", len(srv.Messages()), m.Status, m.LastReply)
	}
	t.Logf("recorded: %s", m.LastReply)
}
