package planimport_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"sendboard/models"
	"sendboard/models/modeltest"
	"sendboard/models/planfile"
	"sendboard/models/planfile/layouttest"
	"sendboard/models/planimport"
	"sendboard/seeds/seedtest"
)

// A tracker with a RAG column per review period imports each period as a
// dated update attributed to the import, the newest current; its start
// dates raise overdue initiation on work not started; complete work is dated
// from its Date completed column; 3.1 (A) and (B) are 3.1a and 3.1b.
func TestImportTrackerHistory(t *testing.T) {
	t.Parallel()
	rows := layouttest.Tracker(24, 3, false)
	x, err := layouttest.XLSX(rows)
	if err != nil {
		t.Fatal(err)
	}
	modeltest.EachWith(t, seedtest.Seeded, func(t *testing.T, d modeltest.DB) {
		ctx, db, now := context.Background(), d.DB, time.Date(2026, 1, 6, 9, 0, 0, 0, time.UTC)
		in := planimport.Request{Name: "Tracker plan", Type: models.PlanPAP, File: "tracker.xlsx"}
		res, err := planimport.Import(ctx, db, adminUser(t, db), x, in, now)
		if err != nil {
			t.Fatal(err)
		}
		// 24 actions × 3 periods, and the completion of the 6 complete ones.
		if res.Updates != 24*3+6 {
			t.Errorf("updates = %d", res.Updates)
		}
		var acts []models.Action
		if err := db.Where("plan_id = ?", res.Plan.ID).Order("major, minor, number").Find(&acts).Error; err != nil {
			t.Fatal(err)
		}
		by := map[string]models.Action{}
		for _, a := range acts {
			by[a.Number] = a
		}
		if _, ok := by["3.1a"]; !ok {
			t.Errorf("no 3.1a among %d actions", len(acts))
		}
		late := by["1.2"]
		if late.Status != models.StatusInProgress || late.RAG != "amber" || late.Due != "" || late.Start != "2020-07" {
			t.Errorf("1.2 = %+v", late)
		}
		var ups []models.ProgressUpdate
		if err := db.Where("action_id = ?", late.ID).Order("update_date").Find(&ups).Error; err != nil {
			t.Fatal(err)
		}
		if len(ups) != 3 || ups[0].UpdateDate.Format(time.DateOnly) != "2020-05-31" || ups[2].UpdateDate.Format(time.DateOnly) != "2020-11-30" ||
			ups[0].RAG != "amber" || !strings.HasPrefix(ups[0].AuthorName, "Plan import of tracker.xlsx") ||
			!strings.Contains(ups[2].Narrative, "RAG November 20: Progressing but delayed") {
			t.Errorf("1.2's updates = %+v", ups)
		}
		if late.LastUpdateAt == nil || late.LastUpdateAt.Format(time.DateOnly) != "2020-11-30" {
			t.Errorf("1.2 last update %v", late.LastUpdateAt)
		}
		done := by["1.3"]
		if err := db.Where("action_id = ?", done.ID).Order("id").Find(&ups).Error; err != nil {
			t.Fatal(err)
		}
		if last := ups[len(ups)-1]; done.Status != models.StatusComplete || last.Status != models.StatusComplete ||
			last.UpdateDate.Format(time.DateOnly) != "2021-06-15" {
			t.Errorf("1.3's completion %+v", last)
		}
		if _, err := models.RunFlags(ctx, db, now, time.UTC, 90); err != nil {
			t.Fatal(err)
		}
		var flags []models.Flag
		if err := db.Where("action_id = ? AND resolved_at IS NULL", by["1.4"].ID).Find(&flags).Error; err != nil {
			t.Fatal(err)
		}
		kinds := []string{}
		for _, f := range flags {
			kinds = append(kinds, f.Kind)
		}
		if !strings.Contains(strings.Join(kinds, ","), models.FlagOverdueInitiation) {
			t.Errorf("1.4, not started since September 2020, has flags %v", kinds)
		}
		// The export reads back into the same actions, start and completion included.
		_, plan, err := planimport.Export(ctx, db, res.Plan.Slug)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range plan.Actions {
			if a.Number == "1.3" && (a.Completed != "2021-06-15" || a.Start != "2020-05") {
				t.Errorf("exported 1.3 = %+v", a)
			}
		}
		csv, err := planfile.WriteCSV(plan)
		if err != nil {
			t.Fatal(err)
		}
		back, err := planfile.Parse(csv, planfile.Options{})
		if err != nil || back.Err() != nil {
			t.Fatal(err, back.Err())
		}
		for i, a := range back.Plan.Actions {
			w := plan.Actions[i]
			if a.Number != w.Number || a.Start != w.Start || a.Due != w.Due || a.Completed != w.Completed || a.Status != w.Status || a.RAG != w.RAG {
				t.Errorf("read back %s: %+v, exported %+v", a.Number, a, w)
			}
		}
	})
}

// The admin's reading of a word is used, and a complete action with no date
// of its own takes the day the admin gives, never the import's.
func TestImportValuesAndCompletedOn(t *testing.T) {
	t.Parallel()
	data := layouttest.CSV([][]string{{"Ref", "Action", "Status"}, {"1.1", "Train SENCOs", "Delayed"}, {"1.2", "Audit plans", "Complete"}})
	modeltest.EachWith(t, seedtest.Seeded, func(t *testing.T, d modeltest.DB) {
		ctx, db, now := context.Background(), d.DB, time.Date(2026, 1, 6, 9, 0, 0, 0, time.UTC)
		in := planimport.Request{Name: "Values plan", Type: models.PlanPAP, CompletedOn: "2025-11-30",
			Values: map[planfile.ValueKey]planfile.Reading{planfile.Key(planfile.KindStatus, "Delayed"): {RAG: "red"}}}
		pre, err := planimport.Preview(ctx, db, data, in, now)
		if err != nil || pre.Undone != 1 {
			t.Fatalf("preview: %v, %d complete without a date", err, pre.Undone)
		}
		res, err := planimport.Import(ctx, db, nil, data, in, now)
		if err != nil {
			t.Fatal(err)
		}
		var acts []models.Action
		db.Where("plan_id = ?", res.Plan.ID).Order("number").Find(&acts)
		if acts[0].Status != models.StatusInProgress || acts[0].RAG != "red" {
			t.Errorf("Delayed read as %s/%s", acts[0].Status, acts[0].RAG)
		}
		var u models.ProgressUpdate
		if err := db.Where("action_id = ?", acts[1].ID).Take(&u).Error; err != nil || u.UpdateDate.Format(time.DateOnly) != "2025-11-30" {
			t.Errorf("completion %+v %v", u, err)
		}
		if _, err := planimport.Preview(ctx, db, data, planimport.Request{Name: "X", Type: models.PlanPAP, CompletedOn: "2026-02-01"}, now); err == nil {
			t.Error("a completion day after today was taken")
		}
	})
}
