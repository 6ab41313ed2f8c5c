package app_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"sendboard/app"
	"sendboard/app/apptest"
	"sendboard/app/pack"
	"sendboard/models"
	"sendboard/models/modeltest"
)

// nuPages are the pages the browser tests visit, as a signed-in admin sees
// them (and the sign-in page as anyone does).
var nuPages = []string{
	"/", "/?status=in_progress&rag=green", "/actions/1.2", "/actions/1.2/edit", "/actions/3.8",
	"/plans", "/plans/new", "/plans/import", "/plans/{plan}", "/plans/{plan}/settings", "/plans/{plan}/risks",
	"/plans/{plan}/highlights", "/plans/{plan}/highlights/1/2024-25-Q4",
	"/boards", "/boards/send-improvement-board", "/boards/send-health-forum/signoff",
	"/boards/send-improvement-board/decisions", "/boards/send-improvement-board/decisions/1", "/boards/send-improvement-board/actions",
	"/boards/send-improvement-board/meetings", "/meetings/1",
	"/leads", "/leads/{lead}", "/admin/boards", "/admin/leads",
	"/rounds", "/packs", "/packs?board=send-improvement-board&quarter=2024-25+Q4&preview=1",
	"/kpis", "/kpis/new", "/benchmarks", "/benchmarks/SEN_EHC_All_20wks",
	"/benchmarks/SEN_EHC_All_20wks?link_plan={plan}&step=plan",
	"/benchmarks/SEN_EHC_All_20wks?link_plan={plan}&step=action&shown_plan={plan}&link_action=1.1",
	"/jobs", "/outbox", "/users", "/users/{me}", "/account",
}

// vnuJar is the Nu HTML Checker (npm vnu-jar, installed by .ci/run and named
// by SENDBOARD_VNU_JAR). In CI a missing checker or Java fails the test;
// elsewhere it is skipped with what to install.
func vnuJar(t *testing.T) string {
	t.Helper()
	jar := os.Getenv("SENDBOARD_VNU_JAR")
	_, jarErr := os.Stat(jar)
	_, javaErr := exec.LookPath("java")
	if jar != "" && jarErr == nil && javaErr == nil {
		return jar
	}
	msg := fmt.Sprintf("the Nu HTML Checker needs Java and SENDBOARD_VNU_JAR naming vnu.jar (npm vnu-jar; see .ci/run): jar %q (%v), java %v", jar, jarErr, javaErr)
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// nuMessage is one message of vnu's JSON output.
type nuMessage struct {
	Type, SubType, URL, Message, Extract string
	LastLine                             int
}

// TestNuHTMLChecker runs W3C's Nu HTML Checker over the app's pages and the
// stored HTML pack: none may have an error.
func TestNuHTMLChecker(t *testing.T) {
	t.Parallel()
	jar := vnuJar(t)
	onSQLite(t, apptest.SeededWithBenchmarks, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		admin := env.SignIn(t, models.RoleAdmin)
		var plan models.Plan
		var lead models.Lead
		if err := d.DB.Order("id").Take(&plan).Error; err != nil {
			t.Fatal(err)
		}
		if err := d.DB.Order("id").Take(&lead).Error; err != nil {
			t.Fatal(err)
		}
		// A decision, a board action and a meeting, so their pages have rows to check.
		for path, body := range map[string]string{
			"/api/v1/boards/send-improvement-board/decisions":     `{"question":"Fund the hubs?","options":"A or B","meeting":"2026-04-22"}`,
			"/api/v1/boards/send-improvement-board/board-actions": `{"title":"The chair to write to the ICB","owner":"The chair","due":"2020-01-31","meeting_date":"2020-01-22"}`,
			"/api/v1/boards/send-improvement-board/meetings":      `{"date":"2026-04-22"}`,
		} {
			if rec := env.API(admin, "POST", path, body); rec.Code != http.StatusCreated {
				t.Fatalf("POST %s = %d: %s", path, rec.Code, rec.Body)
			}
		}
		names := strings.NewReplacer("{plan}", plan.Slug, "{lead}", lead.Slug, "{me}", strconv.FormatUint(uint64(admin.User.ID), 10))
		dir := t.TempDir()
		files := map[string]string{} // file -> what it is
		write := func(what string, body []byte) {
			name := fmt.Sprintf("%02d.html", len(files))
			if err := os.WriteFile(filepath.Join(dir, name), body, 0o600); err != nil {
				t.Fatal(err)
			}
			files[name] = what
		}
		// One risk, so its page and the register's rows are checked too.
		rec := env.API(admin, "POST", "/api/v1/plans/"+plan.Slug+"/risks",
			`{"title":"Ł → ŵ ≥ ı","owner":"DCO","likelihood":4,"impact":4,"review_by":"2020-01-31","area":"1","actions":["1.2"]}`)
		if rec.Code != http.StatusCreated {
			t.Fatalf("add a risk: %d %s", rec.Code, rec.Body)
		}
		var added struct{ ID uint }
		decode(t, rec, &added)
		riskPage := fmt.Sprintf("/plans/{plan}/risks/%d", added.ID)
		for _, p := range append(nuPages, riskPage) {
			path := names.Replace(p)
			rec := env.Get(admin, path)
			if rec.Code != http.StatusOK {
				t.Errorf("GET %s = %d, want 200", path, rec.Code)
				continue
			}
			write(path, rec.Body.Bytes())
		}
		write("/login (signed out)", env.Get(nil, "/login").Body.Bytes())
		write("/password/forgot (signed out)", env.Get(nil, "/password/forgot").Body.Bytes())
		sso, err := app.ParseOIDCConfig("nu.yaml", []byte("providers:\n  - {name: dorset, display_name: Sign in with your Dorset Council account ŵ, issuer: \"https://login.example/t\", client_id: c, client_secret: s, domains: [dorset.example]}\n"),
			func(string) string { return "" })
		if err != nil {
			t.Fatal(err)
		}
		env.App.UseOIDC(sso)
		write("/login (with single sign-on)", env.Get(nil, "/login").Body.Bytes())
		if _, _, err := models.SSOSignIn(context.Background(), env.DB.DB, models.SSOClaims{Provider: "dorset", DisplayName: "Dorset",
			Subject: "nu-1", Email: "nu@dorset.example", Name: "Łucja Nu"}, time.Now()); err != nil {
			t.Fatal(err)
		}
		write("/users (an account waiting for approval)", env.Get(admin, "/users").Body.Bytes())
		p, err := env.App.Packs().Make(context.Background(), pack.Order{Board: "send-improvement-board", Quarter: "2024-25 Q4"}, "Nu")
		if err != nil {
			t.Fatal(err)
		}
		doc, err := pack.HTML(p)
		if err != nil {
			t.Fatal(err)
		}
		write("the HTML pack", doc)
		// This quarter's pack holds the risk and the decision made above.
		p, err = env.App.Packs().Make(context.Background(), pack.Order{Board: "send-improvement-board",
			Quarter: models.QuarterOf(env.App.Now()).String()}, "Nu")
		if err != nil {
			t.Fatal(err)
		}
		if doc, err = pack.HTML(p); err != nil {
			t.Fatal(err)
		}
		if len(p.Board.Escalated) != 1 || len(p.Board.Required) != 1 {
			t.Fatalf("this quarter's pack: %d escalated risks, %d decisions required", len(p.Board.Escalated), len(p.Board.Required))
		}
		write("the HTML pack with risks and decisions", doc)

		out, err := exec.Command("java", "-jar", jar, "--format", "json", "--exit-zero-always", "--skip-non-html", dir).CombinedOutput()
		if err != nil {
			t.Fatalf("vnu: %v: %s", err, out)
		}
		var res struct{ Messages []nuMessage }
		if err := json.Unmarshal(out[strings.IndexByte(string(out), '{'):], &res); err != nil {
			t.Fatalf("vnu's output: %v: %.500s", err, out)
		}
		byFile := map[string][]nuMessage{}
		for _, m := range res.Messages {
			if m.Type == "error" || m.Type == "non-document-error" {
				byFile[filepath.Base(m.URL)] = append(byFile[filepath.Base(m.URL)], m)
			}
		}
		if len(byFile) == 0 {
			t.Logf("Nu HTML Checker: 0 errors on %d documents", len(files))
			return
		}
		keys := make([]string, 0, len(byFile))
		for k := range byFile {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			ms := byFile[k]
			var b strings.Builder
			for _, m := range ms[:min(5, len(ms))] {
				fmt.Fprintf(&b, "\n  line %d: %s [%s]", m.LastLine, m.Message, strings.TrimSpace(m.Extract))
			}
			t.Errorf("%s: %d Nu errors%s", files[k], len(ms), b.String())
		}
	})
}
