package schema_test

import (
	"context"
	"testing"
	"time"

	"sendboard/models"
	"sendboard/models/modeltest"
	"sendboard/models/schema"
	"sendboard/seeds/seedtest"
)

// TestOneOpenRoundMigration re-runs migration 17 on a database holding rounds
// opened twice over (as the double-submit made them): the first of each set
// stays open, the copies are closed, and the unique index then stops another.
func TestOneOpenRoundMigration(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, seedtest.Seeded, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		for _, s := range []string{"DROP INDEX ux_rounds_open", "DROP INDEX ix_outbox_claimed", "DROP TABLE round_form_tokens",
			"ALTER TABLE outbox DROP COLUMN claimed_at", "ALTER TABLE outbox DROP COLUMN claimed_by",
			"ALTER TABLE outbox DROP COLUMN maybe_duplicate", "DELETE FROM schema_migrations WHERE version = 17"} {
			if err := d.DB.Exec(s).Error; err != nil {
				t.Fatalf("%s: %v", s, err)
			}
		}
		owner, err := models.CreateUser(ctx, d.DB, models.NewUser{Email: "owner@example.test", Name: "Owner", Role: models.RoleAdmin,
			Password: "correct horse battery staple"}, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		var plan, board uint
		d.DB.Raw("SELECT id FROM plans ORDER BY id LIMIT 1").Scan(&plan)
		d.DB.Raw("SELECT id FROM boards ORDER BY id LIMIT 1").Scan(&board)
		opened := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
		insert := func(boardID any, due, status string) {
			t.Helper()
			if err := d.DB.Exec(`INSERT INTO rounds (plan_id, board_id, due, status, owner_id, opened_at) VALUES (?, ?, ?, ?, ?, ?)`,
				plan, boardID, due, status, owner.ID, opened).Error; err != nil {
				t.Fatal(err)
			}
		}
		for range 3 {
			insert(board, "2026-12-15", "open") // rounds 1-3: one board's, opened three times
		}
		insert(nil, "2026-12-15", "open")     // 4, 5: plan-wide, twice
		insert(nil, "2026-12-15", "open")     //
		insert(board, "2026-12-16", "open")   // 6: another due date
		insert(board, "2026-12-15", "closed") // 7: closed already
		if n, err := schema.Migrate(ctx, d.DB); err != nil || n != 1 {
			t.Fatalf("migrate again: %d applied, %v", n, err)
		}
		var open []uint
		d.DB.Raw("SELECT id FROM rounds WHERE status = 'open' ORDER BY id").Scan(&open)
		if len(open) != 3 || open[0] != 1 || open[1] != 4 || open[2] != 6 {
			t.Fatalf("open rounds after the migration: %v, want [1 4 6]", open)
		}
		var closedAt int64
		d.DB.Raw("SELECT COUNT(*) FROM rounds WHERE id IN (2, 3, 5) AND status = 'closed' AND closed_at IS NOT NULL").Scan(&closedAt)
		if closedAt != 3 {
			t.Fatalf("%d of the copies closed with a date, want 3", closedAt)
		}
		if err := d.DB.Exec(`INSERT INTO rounds (plan_id, board_id, due, status, owner_id, opened_at) VALUES (?, NULL, ?, 'open', ?, ?)`,
			plan, "2026-12-15", owner.ID, opened).Error; err == nil {
			t.Fatal("a second open plan-wide round for the same due date was stored")
		}
	})
}
