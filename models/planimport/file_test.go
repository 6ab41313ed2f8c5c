package planimport_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"sendboard/models"
	"sendboard/models/modeltest"
	"sendboard/models/planfile"
	"sendboard/models/planimport"
	"sendboard/seeds/seedtest"
)

var planImportNow = time.Date(2025, 11, 3, 10, 0, 0, 0, time.UTC)

func planTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "planfile", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func importAdmin(t *testing.T, d modeltest.DB) *models.User {
	t.Helper()
	u := &models.User{Email: "importer@example.org", Name: "Ada Importer", Role: models.RoleAdmin, PasswordHash: "x"}
	if err := d.DB.Create(u).Error; err != nil {
		t.Fatal(err)
	}
	return u
}

// counts are the rows an import may add, table by table.
func counts(t *testing.T, d modeltest.DB) map[string]int64 {
	t.Helper()
	out := map[string]int64{}
	for _, table := range []string{"plans", "priority_areas", "milestones", "actions", "action_boards", "leads",
		"boards", "progress_updates", "audit_log"} {
		var n int64
		if err := d.DB.Table(table).Count(&n).Error; err != nil {
			t.Fatal(err)
		}
		out[table] = n
	}
	return out
}

func TestImportPlanFromTheSpreadsheetsAreasKeep(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, seedtest.Seeded, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		admin := importAdmin(t, d)
		in := planimport.Request{Name: "Northshire SEND and AP improvement plan", Type: models.PlanImprovementPlan, File: "northshire.csv"}
		preview, err := planimport.Preview(ctx, d.DB, planTestdata(t, "semicolon_bom.csv"), in, planImportNow)
		if err != nil || preview.Err() != nil {
			t.Fatal(err, preview.Err())
		}
		// DCO, SEND Health Forum and CCG Audit and Quality Group are the seeded plan's: shared, not new.
		wantLeads := []string{"Head of SEND Statutory Services", "Director of Education", "SEND Statutory Manager",
			"Principal Educational Psychologist", "ICB Director of Nursing", "Therapies Lead"}
		wantBoards := []string{"SEND Partnership Board", "Health, Care and Wellbeing Board", "Quality Assurance Group"}
		if !reflect.DeepEqual(preview.NewLeads, wantLeads) || !reflect.DeepEqual(preview.NewBoards, wantBoards) {
			t.Errorf("new leads %q\nnew boards %q", preview.NewLeads, preview.NewBoards)
		}
		before := counts(t, d)
		res, err := planimport.Import(ctx, d.DB, admin, planTestdata(t, "semicolon_bom.csv"), in, planImportNow)
		if err != nil {
			t.Fatal(err)
		}
		after := counts(t, d)
		for table, added := range map[string]int64{"plans": 1, "priority_areas": 2, "milestones": 0, "actions": 5,
			"leads": 6, "boards": 3, "progress_updates": 2, "action_boards": 7} {
			if got := after[table] - before[table]; got != added {
				t.Errorf("%s: %d added, want %d", table, got, added)
			}
		}
		var source string
		d.DB.Raw("SELECT after_value FROM audit_log WHERE kind = 'plan_import' AND field = 'source' AND plan_id = ?", res.Plan.ID).Scan(&source)
		if source != "northshire.csv" {
			t.Errorf("the audit log names the import's source %q, want northshire.csv", source)
		}
		if res.Plan.Slug != "northshire-send-and-ap-improvement-plan" || res.Plan.Type != models.PlanImprovementPlan ||
			res.Plan.IsDefault || res.Updates != 2 {
			t.Errorf("plan %+v, %d updates", res.Plan, res.Updates)
		}
		var a models.Action
		if err := d.DB.Preload("Lead").Preload("SRO").Preload("Boards").Preload("PriorityArea").
			Where("plan_id = ? AND number = ?", res.Plan.ID, "2.1").Take(&a).Error; err != nil {
			t.Fatal(err)
		}
		if a.Lead == nil || a.Lead.Name != "DCO" || a.SRO == nil || a.SRO.Name != "ICB Director of Nursing" ||
			a.Due != "2025-09-30" || a.DueOriginal != "2025-09-30" || a.Status != models.StatusComplete || a.RAG != "blue" ||
			a.PriorityArea.Code != "2" || a.PriorityArea.Title != "Health contribution" || len(a.Boards) != 2 ||
			a.ImpactMeasure != "Health advice returned within 6 weeks" || a.LastUpdateAt == nil {
			t.Errorf("2.1 stored as %+v", a)
		}
		var u models.ProgressUpdate
		if err := d.DB.Where("action_id = ?", a.ID).Take(&u).Error; err != nil {
			t.Fatal(err)
		}
		if u.Narrative != "Reviews in place since July; see the audit report" || u.UserID == nil || *u.UserID != admin.ID ||
			u.AuthorName != "Plan import of northshire.csv by Ada Importer" {
			t.Errorf("first progress update %+v", u)
		}
		var month models.Action
		d.DB.Where("plan_id = ? AND number = ?", res.Plan.ID, "1.10").Take(&month)
		if month.InitiateBy == nil || *month.InitiateBy != "2026-02" || month.Minor != 10 || month.SROID != nil {
			t.Errorf("1.10 stored as %+v", month)
		}

		// The same name again is refused; an XLSX with title rows and Excel dates is a second plan.
		if _, err := planimport.Import(ctx, d.DB, admin, planTestdata(t, "semicolon_bom.csv"), in, planImportNow); !isInvalid(err, "name") {
			t.Errorf("a second plan of the same name: %v", err)
		}
		pap, err := planimport.Import(ctx, d.DB, admin, planTestdata(t, "title_rows.xlsx"),
			planimport.Request{Name: "Westshire PAP", Type: models.PlanPAP}, planImportNow)
		if err != nil || len(pap.File.Plan.Actions) != 5 {
			t.Fatalf("title_rows.xlsx: %v", err)
		}
		// Milestone headings become milestones due the month they name.
		wsoa, err := planimport.Import(ctx, d.DB, nil, planTestdata(t, "wsoa_layout.xlsx"),
			planimport.Request{Name: "Old WSoA", Type: models.PlanWSoA}, planImportNow)
		if err != nil {
			t.Fatal(err)
		}
		var ms []models.Milestone
		d.DB.Where("plan_id = ?", wsoa.Plan.ID).Order("section").Find(&ms)
		if len(ms) != 2 || ms[0].Due != "2019-07" || ms[1].Due != "2019-10" || ms[1].Label != "6 Month Milestones (October 2019)" {
			t.Errorf("milestones %+v", ms)
		}
	})
}

func isInvalid(err error, field string) bool {
	ie, ok := models.IsInvalid(err)
	return ok && ie.Field == field
}

func TestImportPlanBadFileCreatesNothing(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, seedtest.Seeded, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		admin := importAdmin(t, d)
		before := counts(t, d)
		_, err := planimport.Import(ctx, d.DB, admin, planTestdata(t, "bad.csv"),
			planimport.Request{Name: "Bad plan", Type: models.PlanOther}, planImportNow)
		var fe *planfile.Error
		if !errors.As(err, &fe) || fe.Total != 7 || fe.Problems[0].String() != "row 3, Action: empty" {
			t.Fatalf("bad.csv: %v", err)
		}
		// Good rows naming new leads and boards, one number the plan cannot sort: nothing at all is kept.
		file := "Ref,Action,Lead,Board\n1.1,First,Brand New Lead,Brand New Board\n1.2,Second,Another New Lead,\nA7,Third,,\n"
		_, err = planimport.Import(ctx, d.DB, admin, []byte(file), planimport.Request{Name: "Bad plan", Type: models.PlanOther}, planImportNow)
		if !errors.As(err, &fe) || fe.Total != 1 || !strings.HasPrefix(fe.Problems[0].String(), `row 4, Ref: "A7" is not an action number`) {
			t.Fatalf("bad number: %v", err)
		}
		for _, in := range []planimport.Request{{Name: "", Type: models.PlanOther}, {Name: "X", Type: "strategy"}, {Name: "Import", Type: models.PlanOther}} {
			if _, err := planimport.Import(ctx, d.DB, admin, []byte(file), in, planImportNow); err == nil {
				t.Errorf("%+v accepted", in)
			}
		}
		if _, err := planimport.Import(ctx, d.DB, admin, []byte("no,header,here\n"), planimport.Request{Name: "X", Type: models.PlanOther},
			planImportNow); !isInvalid(err, "file") {
			t.Errorf("unreadable file: %v", err)
		}
		viewer := &models.User{ID: admin.ID, Role: models.RoleViewer}
		if _, err := planimport.Import(ctx, d.DB, viewer, planTestdata(t, "semicolon_bom.csv"),
			planimport.Request{Name: "Viewer plan", Type: models.PlanOther}, planImportNow); !errors.Is(err, models.ErrForbidden) {
			t.Errorf("a viewer's import: %v", err)
		}
		if after := counts(t, d); !reflect.DeepEqual(after, before) {
			t.Errorf("refused imports changed the database:\nbefore %v\nafter  %v", before, after)
		}
	})
}

// TestPlanExportImportsBackEqual exports an imported plan (with a retired
// action and a revised due date) as XLSX and as CSV, imports each as a new
// plan and exports that: the two plans read the same, field for field.
func TestPlanExportImportsBackEqual(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, seedtest.Seeded, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		admin := importAdmin(t, d)
		res, err := planimport.Import(ctx, d.DB, admin, planTestdata(t, "semicolon_bom.csv"),
			planimport.Request{Name: "Original", Type: models.PlanPAP}, planImportNow)
		if err != nil {
			t.Fatal(err)
		}
		d.DB.Model(&models.Action{}).Where("plan_id = ? AND number = ?", res.Plan.ID, "2.2").
			Updates(map[string]any{"retired_at": planImportNow, "retired_reason": "Merged into 2.1"})
		d.DB.Model(&models.Action{}).Where("plan_id = ? AND number = ?", res.Plan.ID, "1.1").Update("due", "2026-03-31")
		d.DB.Model(&models.PriorityArea{}).Where("plan_id = ? AND code = ?", res.Plan.ID, "2").Update("owners", models.OwnerHealth)
		_, orig, err := planimport.Export(ctx, d.DB, "original")
		if err != nil {
			t.Fatal(err)
		}
		if orig.Actions[4].Retired != "Merged into 2.1" || orig.Actions[0].Due != "2026-03-31" || orig.Areas[1].Owners != "health" {
			t.Fatalf("export of the original: %+v", orig)
		}
		for name, write := range map[string]func(*planfile.Plan) ([]byte, error){
			"copy-csv":  planfile.WriteCSV,
			"copy-xlsx": func(p *planfile.Plan) ([]byte, error) { return planfile.WriteXLSX(p, "Plan") },
		} {
			data, err := write(orig)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := planimport.Import(ctx, d.DB, admin, data, planimport.Request{Name: name, Type: models.PlanPAP}, planImportNow); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			_, back, err := planimport.Export(ctx, d.DB, name)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(stripStatusText(back), stripStatusText(orig)) {
				t.Errorf("%s differs from the original:\n got %+v\nwant %+v", name, back, orig)
			}
		}
		if _, _, err := planimport.Export(ctx, d.DB, "nope"); !errors.Is(err, models.ErrNotFound) {
			t.Errorf("unknown plan: %v", err)
		}
	})
}

// stripStatusText drops the status cell's wording ("R" becomes "Red" on the
// way out); the status and RAG themselves are compared.
func stripStatusText(p *planfile.Plan) *planfile.Plan {
	out := *p
	out.Actions = append([]planfile.Action(nil), p.Actions...)
	for i := range out.Actions {
		out.Actions[i].StatusText = ""
	}
	return &out
}

// TestMain drops the databases and templates the package's tests made (see modeltest.Main).
func TestMain(m *testing.M) { modeltest.Main(m) }
