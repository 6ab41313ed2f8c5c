package app_test

import (
	"context"
	"net/http"
	"net/mail"
	"net/url"
	"strings"
	"testing"
	"time"

	"sendboard/app/apptest"
	"sendboard/app/mailtest"
	"sendboard/models"
	"sendboard/models/modeltest"
	"sendboard/models/round"
)

// TestNamesWithControlCharactersAreRefused: a name holding a line break,
// carriage return or escape code is a 400 naming the field on every way in
// (forms and the API; the command line goes through the same models calls),
// and nothing is stored.
func TestNamesWithControlCharactersAreRefused(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		admin := env.SignIn(t, models.RoleAdmin)
		for _, name := range []string{"Eve\r\nBcc: all@example.test", "Eve\x1b[31mRed", "Eve\u202eevil", "Eve\nSmith"} {
			forms := map[string]url.Values{
				"/users":        {"email": {"eve@example.test"}, "name": {name}, "role": {"viewer"}},
				"/admin/boards": {"name": {name}},
				"/admin/leads":  {"name": {name}},
			}
			for path, form := range forms {
				rec := env.PostForm(admin, path, form)
				if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "must not contain control characters") {
					t.Errorf("POST %s name %q: got %d, want 400 saying why\n%.300s", path, name, rec.Code, rec.Body)
				}
			}
			jsonName := strings.NewReplacer("\r", `\r`, "\n", `\n`, "\x1b", `\u001b`, "\u202e", `\u202e`).Replace(name)
			apis := map[string]string{
				"/api/v1/boards": `{"name":"` + jsonName + `"}`,
				"/api/v1/leads":  `{"name":"` + jsonName + `"}`,
				"/api/v1/plans":  `{"name":"` + jsonName + `","type":"other","start_date":"2025-04-01"}`,
			}
			for path, body := range apis {
				rec := env.API(admin, "POST", path, body)
				if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), `"field":"name"`) ||
					!strings.Contains(rec.Body.String(), "control characters") {
					t.Errorf("POST %s name %q: got %d %.300s, want 400 naming the field", path, name, rec.Code, rec.Body)
				}
			}
		}
		var users, boards, leads, plans int64
		d.DB.Model(&models.User{}).Where("name LIKE ?", "Eve%").Count(&users)
		d.DB.Model(&models.Board{}).Where("name LIKE ?", "Eve%").Count(&boards)
		d.DB.Model(&models.Lead{}).Where("name LIKE ?", "Eve%").Count(&leads)
		d.DB.Model(&models.Plan{}).Where("name LIKE ?", "Eve%").Count(&plans)
		if users+boards+leads+plans != 0 {
			t.Errorf("stored: %d users, %d boards, %d leads, %d plans", users, boards, leads, plans)
		}

		// The models refuse them too, for the command line and imports.
		ctx := context.Background()
		_, err := models.CreateUser(ctx, d.DB, models.NewUser{Email: "eve@example.test", Name: "Eve\x1bX", Role: models.RoleViewer,
			Password: "correct horse battery staple"}, time.Now())
		if ie, ok := models.IsInvalid(err); !ok || ie.Field != "name" {
			t.Errorf("CreateUser: %v", err)
		}
		if _, err := models.SaveBoard(ctx, d.DB, admin.User, 0, "Board\x07", time.Now()); err == nil {
			t.Error("SaveBoard took a BEL character")
		}
		// A name with quotes and commas is a name: it is kept as typed.
		rec := env.PostForm(admin, "/users", url.Values{"email": {"smith@example.test"}, "name": {`"Smith, John",`}, "role": {"viewer"}})
		if rec.Code >= 400 {
			t.Errorf(`"Smith, John", refused: %d %.300s`, rec.Code, rec.Body)
		}
	})
}

// TestMailAddressesAreEncodedNotFormatted: mail to people whose names hold
// quotes and commas, or (stored before names were checked) an escape code, is
// delivered to the real SMTP server with the To header naming them exactly,
// instead of failing for good.
func TestMailAddressesAreEncodedNotFormatted(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		srv := mailtest.Start(t)
		env.App.Config.Mail.SMTPURL = srv.URL()
		now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
		names := map[string]string{
			"smith@example.test": `"Smith, John",`,
			"eve@example.test":   "Eve\x1b[31m Old\r\nBcc: all@example.test",
			"anne@example.test":  `Anne <anne@evil.test>, "Bob"`,
		}
		for addr, name := range names {
			m := round.Mail{Kind: round.MailRequest, ToAddr: addr, ToName: name, Subject: "Updates due", TextBody: "Text",
				HTMLBody: "<p>HTML</p>", Status: round.MailQueued, NextAttemptAt: now, CreatedAt: now}
			if err := d.DB.Create(&m).Error; err != nil {
				t.Fatal(err)
			}
		}
		if _, err := env.App.DeliverMail(context.Background(), now); err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, m := range srv.Messages() {
			to, err := mail.ParseAddressList(m.Header.Get("To"))
			if err != nil || len(to) != 1 || len(m.To) != 1 || m.To[0] != to[0].Address {
				t.Errorf("To %q (envelope %v): %v", m.Header.Get("To"), m.To, err)
				continue
			}
			got[to[0].Address] = to[0].Name
			if m.Header.Get("Bcc") != "" {
				t.Errorf("a name added a Bcc header: %q", m.Header.Get("Bcc"))
			}
		}
		for addr, name := range names {
			if got[addr] != name {
				t.Errorf("mail to %s: name %q, want %q (delivered: %v)", addr, got[addr], name, got)
			}
		}
	})
}
