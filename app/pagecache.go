package app

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"sendboard/models"
	"sendboard/models/schema"
)

// csrfMark stands in for the session's CSRF token in a cached page, so one
// rendering serves every session of its user; it is random per process, so
// no stored text can be made to match it.
var csrfMark = func() []byte {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return []byte("sbcsrf" + hex.EncodeToString(b[:]))
}()

// servePage answers a GET with page name for v, the whole page (frame
// included) rendered once per key, user and revision: fill sets the View's
// Data (and Title if key decides it) on a miss. key must name everything the
// page shows besides v's frame and the user; ver the revisions it is built
// from. The accounts revision is added here, since the frame and, on some
// pages, the content follow the user's name, role and lead roles.
func (a *App) servePage(c echo.Context, key string, ver version, v View, name string, fill func(v *View) error) error {
	rev, err := a.revisions(c.Request().Context())
	if err != nil {
		return err
	}
	ver.a = rev.Scope(schema.ScopeAccounts)
	p, err := a.cachedOrBuild(key+"\x00"+frameKey(v), ver, func() (cachedPage, error) {
		bv := v
		bv.CSRF = string(csrfMark)
		if err := fill(&bv); err != nil {
			return cachedPage{}, err
		}
		var buf bytes.Buffer
		if err := a.Render.Render(&buf, name, bv, c); err != nil {
			return cachedPage{}, err
		}
		return cachedPage{body: buf.Bytes()}, nil
	})
	if err != nil {
		return err
	}
	return writeWithToken(c, http.StatusOK, p.body, v.CSRF)
}

// viewAt is view with the plans loaded at rev first: the frame names the
// default plan, and a page that reads no plan would otherwise name it as
// whichever request last loaded the plans left it.
func (a *App) viewAt(c echo.Context, rev *models.Revisions, title, nav string) (View, error) {
	if _, _, err := a.cachedPlans(c.Request().Context(), rev); err != nil {
		return View{}, err
	}
	return a.view(c, title, nav), nil
}

// measuresVersion is for pages showing KPIs or benchmarks.
func measuresVersion(r interface{ Scope(int64) int64 }) version {
	return version{m: r.Scope(schema.ScopeMeasures)}
}

// frameKey is what the layout around a page's content depends on: the user
// (whose name, role and lead roles the accounts revision covers), the
// current navigation item, the flash message and the default plan's name.
func frameKey(v View) string {
	u := "-"
	if v.User != nil {
		u = strconv.FormatUint(uint64(v.User.ID), 10)
		if v.User.AnswerRoundID != nil {
			u += "a" + strconv.FormatUint(uint64(*v.User.AnswerRoundID), 10)
		}
	}
	return u + "\x00" + v.Nav + "\x00" + v.Title + "\x00" + v.Flash + "\x00" + v.PlanName
}

// writeWithToken writes a cached HTML page with token in place of csrfMark,
// with its length, in as few writes as the marks allow.
func writeWithToken(c echo.Context, status int, page []byte, token string) error {
	n := bytes.Count(page, csrfMark)
	w := c.Response()
	w.Header().Set(echo.HeaderContentType, echo.MIMETextHTMLCharsetUTF8)
	w.Header().Set(echo.HeaderContentLength, strconv.Itoa(len(page)+n*(len(token)-len(csrfMark))))
	w.WriteHeader(status)
	for range n {
		i := bytes.Index(page, csrfMark)
		if _, err := w.Write(page[:i]); err != nil {
			return err
		}
		if _, err := w.Write([]byte(token)); err != nil {
			return err
		}
		page = page[i+len(csrfMark):]
	}
	_, err := w.Write(page)
	return err
}
