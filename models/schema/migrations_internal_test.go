package schema

import (
	"strings"
	"testing"
)

// MigrateUpTo lets the external tests build an older schema.
var MigrateUpTo = migrateUpTo

// V9 lets the backfill test replay migration 9's statements on data.
var V9 = schemaV9

// TestMigrationsAreOrdered: versions only rise and are never reused (an
// install that recorded a version skips it forever), every migration has a
// name and something to run, and step-by-step migrations give statements for
// both databases.
func TestMigrationsAreOrdered(t *testing.T) {
	t.Parallel()
	if len(migrations) == 0 {
		t.Fatal("no migrations")
	}
	prev := 0
	for _, m := range migrations {
		if m.Version <= prev {
			t.Errorf("migration %d (%s) follows %d: versions must rise", m.Version, m.Name, prev)
		}
		prev = m.Version
		if strings.TrimSpace(m.Name) == "" {
			t.Errorf("migration %d has no name", m.Version)
		}
		if strings.TrimSpace(m.SQL) == "" && m.Steps == nil && m.Run == nil {
			t.Errorf("migration %d (%s) does nothing", m.Version, m.Name)
		}
		if m.Steps != nil {
			for _, dialect := range []string{"sqlite", "postgres"} {
				if len(m.Steps(dialect)) == 0 {
					t.Errorf("migration %d (%s) has no statements for %s", m.Version, m.Name, dialect)
				}
			}
		}
	}
}
