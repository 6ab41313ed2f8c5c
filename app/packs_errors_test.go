package app_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"sendboard/models/modeltest"
	packs "sendboard/models/pack"
	"sendboard/models/pack/packtest"
)

// POST /api/v1/packs accepts the same two fields as a form body.
func TestPacksAPIAcceptsAForm(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, packtest.Loaded, func(t *testing.T, d modeltest.DB) {
		env := packEnv(t, d)
		member := env.SignInBoard(t, "SEND Improvement Board")
		post := func(form url.Values) *httptest.ResponseRecorder {
			req := httptest.NewRequest(http.MethodPost, "/api/v1/packs", strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("Authorization", "Bearer "+member.Token)
			rec := httptest.NewRecorder()
			env.E.ServeHTTP(rec, req)
			return rec
		}
		rec := post(url.Values{"board": {"send-improvement-board"}, "quarter": {packtest.Quarter}})
		var got struct {
			Board, Quarter string
			Version        int
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &got); rec.Code != http.StatusCreated || err != nil {
			t.Fatalf("form create = %d %s", rec.Code, rec.Body)
		}
		if got.Board != "SEND Improvement Board" || got.Quarter != packtest.Quarter || got.Version != 1 {
			t.Errorf("form create made %+v", got)
		}
		rec = post(url.Values{"board": {"send-improvement-board"}, "quarter": {"2024-25 Q7"}})
		if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), `"field":"quarter"`) {
			t.Errorf("form with a bad quarter = %d %s", rec.Code, rec.Body)
		}
	})
}

// A bad board or quarter on /packs is shown next to its picker, with the
// choice kept, for the preview and for Generate; nothing is stored.
func TestPacksPageShowsFieldErrors(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, packtest.Loaded, func(t *testing.T, d modeltest.DB) {
		env := packEnv(t, d)
		member := env.SignInBoard(t, "SEND Improvement Board")
		cases := []struct {
			name, board, quarter, field string
			generate                    bool
		}{
			{"preview, bad quarter", "send-improvement-board", "2024-25 Q7", "quarter", false},
			{"preview, unknown board", "nowhere-board", packtest.Quarter, "board", false},
			{"generate, bad quarter", "send-improvement-board", "2024-25 Q7", "quarter", true},
			{"generate, unknown board", "nowhere-board", packtest.Quarter, "board", true},
		}
		for _, tc := range cases {
			var rec *httptest.ResponseRecorder
			if tc.generate {
				rec = env.PostForm(member, "/packs", url.Values{"board": {tc.board}, "quarter": {tc.quarter}})
			} else {
				rec = env.Get(member, "/packs?"+url.Values{"board": {tc.board}, "quarter": {tc.quarter}, "preview": {"1"}}.Encode())
			}
			body := rec.Body.String()
			if rec.Code != http.StatusBadRequest {
				t.Errorf("%s: got %d, want 400", tc.name, rec.Code)
				continue
			}
			for _, want := range []string{
				`class="govuk-error-summary"`, `href="#` + tc.field + `"`,
				`id="` + tc.field + `-error"`, `aria-describedby="` + tc.field + `-error"`,
				`<option value="send-improvement-board"`, `Governance packs`,
			} {
				if !strings.Contains(body, want) {
					t.Errorf("%s: the page lacks %s\n%s", tc.name, want, snippet(body))
				}
			}
			for _, kept := range []string{tc.board, tc.quarter} {
				if !strings.Contains(body, `<option value="`+kept+`" selected>`) {
					t.Errorf("%s: %q is not kept selected\n%s", tc.name, kept, snippet(body))
				}
			}
		}
		var n int64
		d.DB.Model(&packs.Stored{}).Count(&n)
		if n != 0 {
			t.Fatalf("bad requests stored %d packs", n)
		}
	})
}
