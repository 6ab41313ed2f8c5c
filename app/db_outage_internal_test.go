package app

import (
	"context"
	"errors"
	"fmt"
	"syscall"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"sendboard/models"
)

// TestDBUnreachableTellsOutagesFromFailures: the errors PostgreSQL and the
// driver give while the server is going down, down or coming up are an
// outage (503); a failed statement or a bad request is not.
func TestDBUnreachableTellsOutagesFromFailures(t *testing.T) {
	t.Parallel()
	_, refused := pgconn.Connect(context.Background(), "postgres://postgres@127.0.0.1:1/x?connect_timeout=2")
	outage := map[string]error{
		"refused connect":   refused,
		"shutting down":     fmt.Errorf("query: %w", &pgconn.PgError{Code: "57P03", Message: "the database system is shutting down"}),
		"terminated":        &pgconn.PgError{Code: "57P01", Message: "terminating connection due to administrator command"},
		"connection failed": &pgconn.PgError{Code: "08006"},
		"reset":             fmt.Errorf("read: %w", syscall.ECONNRESET),
	}
	for name, err := range outage {
		if !dbUnreachable(err) {
			t.Errorf("%s (%v) is not taken for an outage", name, err)
		}
	}
	for name, err := range map[string]error{
		"unique violation": &pgconn.PgError{Code: "23505"},
		"invalid input":    models.Invalid("name", "Enter the name"),
		"not found":        models.ErrNotFound,
		"plain":            errors.New("something else"),
	} {
		if dbUnreachable(err) {
			t.Errorf("%s (%v) is taken for an outage", name, err)
		}
	}
}
