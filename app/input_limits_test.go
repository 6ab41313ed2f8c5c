package app_test

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/modeltest"
)

// overLong is longer than any text field accepts, in multi-byte characters so
// a limit counted in bytes would be caught out too.
var overLong = strings.Repeat("é", 10_001)

// Every form and JSON field of every write route refuses over-long text with
// a 400 naming the field, on both databases, and stores nothing.
func TestEveryFormRefusesOverLongText(t *testing.T) {
	modeltest.Each(t, func(t *testing.T, d modeltest.DB) {
		env := apptest.New(t, d)
		admin := env.SignIn(t, models.RoleAdmin)
		routes := append(writeRoutes(), extraMatrixRoutes()...)
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
	modeltest.Each(t, func(t *testing.T, d modeltest.DB) {
		env := apptest.New(t, d)
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
	modeltest.Each(t, func(t *testing.T, d modeltest.DB) {
		env := apptest.New(t, d)
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
