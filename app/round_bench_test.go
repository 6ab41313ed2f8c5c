package app_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"syscall"
	"testing"
	"time"

	"sendboard/app"
	"sendboard/app/mailtest"
	"sendboard/models"
	"sendboard/models/modeltest"
	"sendboard/models/round"
	"sendboard/seeds"
)

// benchDBs are the databases the round benchmarks run on.
var benchDBs = []struct {
	name string
	open func(testing.TB) modeltest.DB
}{{"sqlite", modeltest.SQLite}, {"postgres", modeltest.Postgres}}

// BenchmarkOpenRound10k opens a round over 10,000 actions led by 2,000 lead
// roles, each held by its own user (target: 3 s): scope, 10,000 round rows and
// 2,000 rendered request emails queued, in one transaction.
func BenchmarkOpenRound10k(b *testing.B) {
	for _, db := range benchDBs {
		b.Run(db.name, func(b *testing.B) {
			d := db.open(b)
			ctx := context.Background()
			if _, err := seeds.Load(ctx, d.DB, seeds.WithoutBenchmarks()); err != nil {
				b.Fatal(err)
			}
			board := loadRoundBench(b, d, 10_000, 2_000)
			env := newBenchApp(d)
			admin, err := models.CreateUser(ctx, d.DB, models.NewUser{Email: "bench-admin@example.test", Name: "Admin", Role: models.RoleAdmin, Password: "correct horse battery"}, time.Now())
			if err != nil {
				b.Fatal(err)
			}
			due := time.Now().AddDate(0, 1, 0).Format(models.DateLayout)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				start, cpu := time.Now(), cpuTime()
				r, n, err := env.OpenRound(ctx, admin, round.Input{Board: board, Due: due})
				if err != nil {
					b.Fatal(err)
				}
				// Wall time suffers when other work shares the machine; this
				// process's CPU time (PostgreSQL's own work not included) does not.
				b.ReportMetric(time.Since(start).Seconds(), "s/round")
				b.ReportMetric((cpuTime() - cpu).Seconds(), "cpu-s/round")
				if n != 2_000 {
					b.Fatalf("round %d queued %d requests, want 2,000", r.ID, n)
				}
			}
		})
	}
}

// BenchmarkOutboxDelivery sends 1,000 queued mails to a local SMTP server
// (target: at least 50 messages/s).
func BenchmarkOutboxDelivery(b *testing.B) {
	for _, db := range benchDBs {
		b.Run(db.name, func(b *testing.B) {
			d := db.open(b)
			srv := mailtest.Start(b)
			a := newBenchApp(d)
			a.Config.Mail.SMTPURL = srv.URL()
			ctx := context.Background()
			const per = 1_000
			var sent time.Duration
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				now := time.Now()
				mails := make([]round.Mail, per)
				for j := range mails {
					mails[j] = round.Mail{Kind: round.MailRequest, ToAddr: fmt.Sprintf("lead%d@example.test", j), ToName: "Lead",
						Subject: "Update needed by 15 January 2027: SEND Improvement Board", TextBody: benchText, HTMLBody: "<p>" + benchText + "</p>",
						Status: round.MailQueued, NextAttemptAt: now, CreatedAt: now}
				}
				if err := d.DB.CreateInBatches(mails, 200).Error; err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				start := time.Now()
				summary, err := a.DeliverMail(ctx, now)
				sent += time.Since(start)
				if err != nil || summary != fmt.Sprintf("%d sent, 0 to retry, 0 failed", per) {
					b.Fatalf("deliver: %q %v", summary, err)
				}
			}
			b.ReportMetric(float64(per*b.N)/sent.Seconds(), "msgs/s")
		})
	}
}

const benchText = "Dear Lead,\n\nThe SEND Improvement Board needs an update on 5 actions you lead by 15 January 2027.\n\n" +
	"* 1.2: Deliver face to face training sessions to teams across the local area on the graduated approach.\n  Status: In progress. RAG: Amber.\n  https://sendboard.example.org/actions/1.2\n"

func newBenchApp(d modeltest.DB) *app.App {
	cfg := app.Defaults()
	cfg.Mail.BaseURL = "https://sendboard.example.org"
	return &app.App{Config: cfg, DB: d.DB, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: time.Now}
}

// loadRoundBench adds actions on one board led by leads lead roles (actions /
// leads each), one user per lead role, and returns the board's slug.
func loadRoundBench(b *testing.B, d modeltest.DB, actions, leads int) string {
	b.Helper()
	var plan models.Plan
	var ms models.Milestone
	var pa models.PriorityArea
	var board models.Board
	d.DB.First(&plan)
	d.DB.First(&ms)
	d.DB.First(&pa)
	d.DB.Where("slug = ?", "send-improvement-board").First(&board)
	ls := make([]models.Lead, leads)
	for i := range ls {
		ls[i] = models.Lead{Name: fmt.Sprintf("Bench lead %d", i), Slug: fmt.Sprintf("bench-lead-%d", i)}
	}
	must(b, d.DB.CreateInBatches(ls, 500).Error)
	us := make([]models.User, leads)
	for i := range us {
		us[i] = models.User{Email: fmt.Sprintf("bench-lead-%d@example.test", i), Name: fmt.Sprintf("Bench Lead %d", i), Role: models.RoleLead, PasswordHash: "x"}
	}
	must(b, d.DB.Omit("Leads", "Boards").CreateInBatches(us, 500).Error)
	links := make([]map[string]any, leads)
	for i := range links {
		links[i] = map[string]any{"user_id": us[i].ID, "lead_id": ls[i].ID}
	}
	must(b, d.DB.Table("user_leads").CreateInBatches(links, 500).Error)
	as := make([]models.Action, actions)
	for i := range as {
		lead := ls[i%leads].ID
		as[i] = models.Action{PlanID: plan.ID, Number: fmt.Sprintf("9.%d", i+1), Major: 9, Minor: i + 1, MilestoneID: &ms.ID,
			PriorityAreaID: pa.ID, LeadID: &lead, Text: "Deliver face to face training sessions to teams across the local area.",
			Status: models.StatusInProgress, RAG: "amber", Version: 1}
	}
	must(b, d.DB.Omit("Milestone", "PriorityArea", "Lead", "Boards", "Flags").CreateInBatches(as, 500).Error)
	ab := make([]models.ActionBoard, actions)
	for i := range ab {
		ab[i] = models.ActionBoard{ActionID: as[i].ID, BoardID: board.ID}
	}
	must(b, d.DB.CreateInBatches(ab, 500).Error)
	// Only the bench leads' actions on this board: take the seeded ones off it.
	must(b, d.DB.Exec("DELETE FROM action_boards WHERE board_id = ? AND action_id NOT IN (SELECT id FROM actions WHERE major = 9)", board.ID).Error)
	if d.Name == "postgres" {
		d.DB.Exec("ANALYZE")
	}
	return board.Slug
}

// cpuTime is the CPU time this process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func must(b *testing.B, err error) {
	b.Helper()
	if err != nil {
		b.Fatal(err)
	}
}
