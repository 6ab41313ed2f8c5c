package app

import (
	"bytes"
	"context"
	"html"
	"strings"
	"testing"

	"sendboard/models"
	"sendboard/models/measure"
	"sendboard/models/modeltest"
	"sendboard/seeds/seedtest"
)

// TestActionKPIsPartial renders the partial the action page will include, with
// the seeded link of 3.6 to SENDIASS initial enquiries.
func TestActionKPIsPartial(t *testing.T) {
	t.Parallel()
	d := modeltest.SQLiteWith(t, seedtest.Seeded)
	ctx := context.Background()
	act, err := models.FindAction(ctx, d.DB, 1, "3.6")
	if err != nil {
		t.Fatal(err)
	}
	st, err := measure.ActionKPIStatuses(ctx, d.DB, act.ID)
	if err != nil {
		t.Fatal(err)
	}
	r, err := NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := r.pages["action"].ExecuteTemplate(&buf, "action_kpis", st); err != nil {
		t.Fatal(err)
	}
	out := html.UnescapeString(buf.String())
	for _, want := range []string{"Initial enquiries", "+30% on 2023-24 (1519.7)", "1169", "1309", "2024-25", "Not yet met", "+12.0% so far"} {
		if !strings.Contains(out, want) {
			t.Errorf("partial lacks %q:\n%s", want, out)
		}
	}
	buf.Reset()
	if err := r.pages["action"].ExecuteTemplate(&buf, "action_kpis", []measure.ActionKPIStatus(nil)); err != nil || strings.TrimSpace(buf.String()) != "" {
		t.Fatalf("no links should render nothing: %q %v", buf.String(), err)
	}
}
