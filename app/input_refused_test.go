package app_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/modeltest"
	packs "sendboard/models/pack"
)

// overLong is longer than any text field accepts, in multi-byte characters so
// a limit counted in bytes would be caught out too.
var overLong = strings.Repeat("é", 10_001)

// Every form and JSON field of every write route refuses over-long text with
// a 400 naming the field, on both databases, and stores nothing.
func TestEveryFormRefusesOverLongText(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		admin := env.SignIn(t, models.RoleAdmin)
		routes := append(writeRoutes(), dataMatrixRoutes()...)
		routes = append(routes, writeRoute{method: "POST", path: "/login", form: url.Values{"email": {"a@b.test"}, "password": {"x"}, "next": {"/"}}},
			writeRoute{method: "POST", path: "/logout", form: url.Values{"next": {"/"}}})
		tried := 0
		for _, r := range routes {
			if r.json != "" {
				var body map[string]any
				if err := json.Unmarshal([]byte(r.json), &body); err != nil {
					t.Fatal(err)
				}
				for k, v := range body {
					if _, ok := v.(string); !ok {
						continue
					}
					long := map[string]any{}
					for k2, v2 := range body {
						long[k2] = v2
					}
					long[k] = overLong
					b, _ := json.Marshal(long)
					rec := env.API(admin, r.method, r.path, string(b))
					expectFieldError(t, r.path, k, rec)
					tried++
				}
				continue
			}
			form := url.Values{"_probe": {""}}
			for k, v := range r.form {
				form[k] = v
			}
			for k := range form {
				long := url.Values{}
				for k2, v2 := range form {
					long[k2] = v2
				}
				long.Set(k, overLong)
				client := admin
				if r.path == "/login" {
					client = nil
				}
				expectFieldError(t, r.path, k, env.PostForm(client, r.path, long))
				tried++
			}
		}
		if tried < 25 {
			t.Fatalf("only %d fields tried", tried)
		}
		var users, throttles int64
		d.DB.Model(&models.User{}).Count(&users)
		d.DB.Model(&models.LoginThrottle{}).Count(&throttles)
		if users != 1 || throttles != 0 {
			t.Fatalf("over-long input stored something: %d users, %d throttle rows", users, throttles)
		}
	})
}

func expectFieldError(t *testing.T, path, field string, rec *httptest.ResponseRecorder) {
	t.Helper()
	body := rec.Body.String()
	if rec.Code != http.StatusBadRequest || !strings.Contains(body, field) || !strings.Contains(body, "at most") {
		t.Errorf("%s with %s over-long: got %d, want 400 naming %s\n%s", path, field, rec.Code, field, snippet(body))
	}
	if len(body) > 64<<10 || strings.Contains(body, overLong[:200]) {
		t.Errorf("%s with %s over-long: the answer echoes the input (%d bytes)", path, field, len(body))
	}
}

// The precise limits: an email of 255 characters, a name of 201, an 8 MiB
// sign-in email (which must not be stored as a throttle key or echoed back).
func TestTextLimitsAtTheEdge(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		admin := env.SignIn(t, models.RoleAdmin)
		email := strings.Repeat("a", 255-len("@example.test")) + "@example.test"
		expectFieldError(t, "/users", "email", env.PostForm(admin, "/users", url.Values{"email": {email}, "name": {"N"}, "role": {"viewer"}}))
		if rec := env.PostForm(admin, "/users", url.Values{"email": {email[1:]}, "name": {strings.Repeat("n", 200)}, "role": {"viewer"}}); rec.Code != http.StatusCreated {
			t.Fatalf("254-character email, 200-character name: %d\n%s", rec.Code, snippet(rec.Body.String()))
		}
		expectFieldError(t, "/users", "name", env.PostForm(admin, "/users", url.Values{"email": {"n@example.test"}, "name": {strings.Repeat("n", 201)}, "role": {"viewer"}}))
		huge := strings.Repeat("x", 8<<20) + "@example.test"
		expectFieldError(t, "/login", "email", env.PostForm(nil, "/login", url.Values{"email": {huge}, "password": {"whatever it is"}}))
		var throttles int64
		d.DB.Model(&models.LoginThrottle{}).Count(&throttles)
		if throttles != 0 {
			t.Fatalf("an over-long sign-in email was stored: %d throttle rows", throttles)
		}
		// A job run by an admin with the longest allowed name is recorded (the
		// run's trigger column is shorter than a name).
		long := env.SignIn(t, models.RoleAdmin)
		d.DB.Model(&models.User{}).Where("id = ?", long.User.ID).Update("name", strings.Repeat("Ñ", 200))
		if rec := env.PostForm(long, "/jobs/flag-overdue/run", url.Values{}); rec.Code >= 400 {
			t.Fatalf("job run by an admin with a 200-character name: %d\n%s", rec.Code, snippet(rec.Body.String()))
		}
	})
}

// Uploaded file names are bounded and must be text.
func TestUploadFileNamesAreChecked(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		admin := env.SignIn(t, models.RoleAdmin)
		for name, want := range map[string]string{
			strings.Repeat("f", 252) + ".csv": "at most 255 bytes",
			"figures-\xff\xfe.csv":            "not valid text",
		} {
			var buf bytes.Buffer
			w := multipart.NewWriter(&buf)
			w.WriteField("_csrf", apptest.CSRF(admin))
			fw, _ := w.CreateFormFile("file", name)
			fw.Write([]byte("kpi,period,value\n"))
			w.Close()
			req := httptest.NewRequest(http.MethodPost, "/kpis/import", &buf)
			req.Header.Set("Content-Type", w.FormDataContentType())
			rec := env.Do(admin, req)
			if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), want) {
				t.Errorf("file name %q: %d, want 400 %q\n%s", name[:20], rec.Code, want, snippet(rec.Body.String()))
			}
		}
	})
}

// Input that would be silently changed is refused instead, saying why: a lone
// UTF-16 surrogate, the date 0001-01-01, a date before the plan started, and
// packs for quarters outside the plan.
func TestInputIsRefusedNotSilentlyChanged(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		lead := env.SignIn(t, models.RoleLead, "DCO")
		board := env.SignInBoard(t, "SEND Improvement Board")
		for _, c := range []struct{ body, field, why string }{
			{`{"narrative":"half a pair \ud800 here","status":"in_progress","rag":"amber","version":1}`, "body", "lone UTF-16 surrogate"},
			{`{"narrative":"low half \udc00","status":"in_progress","rag":"amber","version":1}`, "body", "lone UTF-16 surrogate"},
			{`{"narrative":"Done","status":"in_progress","rag":"amber","version":1,"date":"0001-01-01"}`, "date", "before the plan started"},
			{`{"narrative":"Done","status":"in_progress","rag":"amber","version":1,"date":"2019-06-29"}`, "date", "before the plan started on 30 June 2019"},
		} {
			rec := env.API(lead, "POST", "/api/v1/actions/1.2/updates", c.body)
			if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), `"field":"`+c.field+`"`) || !strings.Contains(rec.Body.String(), c.why) {
				t.Errorf("%s: %d %s", c.body, rec.Code, rec.Body.String())
			}
		}
		var n int64
		d.DB.Model(&models.ProgressUpdate{}).Where("user_id = ?", lead.User.ID).Count(&n)
		if n != 0 {
			t.Fatalf("%d refused updates were stored", n)
		}
		// A real pair is a character and is kept.
		rec := env.API(lead, "POST", "/api/v1/actions/1.2/updates", `{"narrative":"smile \ud83d\ude00","status":"in_progress","rag":"amber","version":1,"date":"2019-06-30"}`)
		if rec.Code != http.StatusCreated || !strings.Contains(rec.Body.String(), "smile 😀") {
			t.Fatalf("a surrogate pair: %d %s", rec.Code, rec.Body.String())
		}
		for _, q := range []string{"2035-36 Q1", "2018-19 Q4"} {
			rec := env.API(board, "POST", "/api/v1/packs", `{"board":"send-improvement-board","quarter":"`+q+`"}`)
			if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "outside the plan") {
				t.Errorf("pack for %s: %d %s", q, rec.Code, rec.Body.String())
			}
		}
		var stored int64
		d.DB.Model(&packs.Stored{}).Count(&stored)
		if stored != 0 {
			t.Fatalf("%d packs stored for quarters outside the plan", stored)
		}
	})
}

// The admin edit refuses ids that are not in the lists, naming the field, and
// treats a board ticked twice as one.
func TestActionEditRefusesUnknownIDs(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		admin := env.SignIn(t, models.RoleAdmin)
		var act models.Action
		if err := d.DB.Where("number = ?", "1.2").Take(&act).Error; err != nil {
			t.Fatal(err)
		}
		var board models.Board
		d.DB.Order("id").Take(&board)
		base := func() url.Values {
			return url.Values{"action": {act.Text}, "aim": {act.Aim}, "impact_measure": {act.ImpactMeasure},
				"milestone": {itoa(*act.MilestoneID)}, "priority": {itoa(act.PriorityAreaID)},
				"lead": {itoa(*act.LeadID)}, "version": {fmt.Sprint(act.Version)}}
		}
		for _, c := range []struct{ field, value string }{{"lead", "-1"}, {"lead", "999999"}, {"lead", "x"}, {"boards", "-1"}, {"boards", "999999"}} {
			f := base()
			f.Set(c.field, c.value)
			rec := env.PostForm(admin, "/actions/1.2/edit", f)
			if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), `id="e-`+c.field+`-error"`) {
				t.Errorf("%s=%s: %d, want 400 on %s", c.field, c.value, rec.Code, c.field)
			}
		}
		var after models.Action
		d.DB.Take(&after, act.ID)
		if after.LeadID == nil || *after.LeadID != *act.LeadID || after.Version != act.Version {
			t.Fatal("a refused edit changed the action")
		}
		f := base()
		f["boards"] = []string{itoa(board.ID), itoa(board.ID)}
		if rec := env.PostForm(admin, "/actions/1.2/edit", f); rec.Code != http.StatusSeeOther {
			t.Fatalf("boards ticked twice: %d\n%s", rec.Code, snippet(rec.Body.String()))
		}
		var links int64
		d.DB.Model(&models.ActionBoard{}).Where("action_id = ? AND board_id = ?", act.ID, board.ID).Count(&links)
		if links != 1 {
			t.Fatalf("%d links to the board, want 1", links)
		}
	})
}
