package app_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/decision"
	"sendboard/models/modeltest"
)

// Text in many scripts, so escaping and storage are tested on both databases.
const (
	polyQuestion = "Fund Łódź-style therapy hubs for ≥ 40 children → Dorset? (Yılmaz, Gwenllian ap Dafŵdd, Ελένη, Ольга, أحمد, प्रिया, 王芳)"
	polyOwner    = "Łucja Yılmaz-Dafŵdd"
)

const sib = "send-improvement-board"

// pinNow fixes the app's clock for the test.
func pinNow(env *apptest.Env) time.Time {
	now := time.Date(2026, 3, 20, 10, 0, 0, 0, time.UTC)
	env.App.Now = func() time.Time { return now }
	return now
}

func raiseForm(question string) url.Values {
	return url.Values{"question": {question}, "options": {"A: fund it\nB: wait a year"}, "recommendation": {"A, as → waits ≥ 18 weeks"},
		"meeting-day": {"22"}, "meeting-month": {"4"}, "meeting-year": {"2026"},
		"plan": {"dorset-wsoa-2019"}, "area": {""}, "action": {"1.2"}}
}

// TestDecisionRaisedDecidedAndLogged follows a decision from raising it on
// the page to the decision log, with a withdrawn one marked, and shows a
// decided decision is locked.
func TestDecisionRaisedDecidedAndLogged(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		pinNow(env)
		lead := env.SignIn(t, models.RoleLead, "DCO")
		member := env.SignInBoard(t, "SEND Improvement Board")
		rec := env.PostForm(lead, "/boards/"+sib+"/decisions", raiseForm(polyQuestion))
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("raise: %d\n%s", rec.Code, snippet(rec.Body.String()))
		}
		if rec := env.PostForm(member, "/boards/"+sib+"/decisions", raiseForm("Close the old panel?")); rec.Code != http.StatusSeeOther {
			t.Fatalf("raise second: %d", rec.Code)
		}
		var raised []decision.Decision
		d.DB.Order("id").Find(&raised)
		if len(raised) != 2 || raised[0].Question != polyQuestion || raised[0].Meeting != "2026-04-22" || raised[0].ActionID == nil || raised[0].Status != "open" {
			t.Fatalf("raised %+v", raised)
		}
		first, second := raised[0].ID, raised[1].ID
		// A lead may raise but not decide.
		decide := url.Values{"decision": {"Agreed: fund two hubs → " + polyOwner}, "meeting_date-day": {"19"}, "meeting_date-month": {"3"}, "meeting_date-year": {"2026"}, "minute": {"7.3"}}
		if rec := env.PostForm(lead, fmt.Sprintf("/boards/%s/decisions/%d/decide", sib, first), decide); rec.Code != http.StatusForbidden {
			t.Fatalf("lead deciding: %d, want 403", rec.Code)
		}
		if rec := env.PostForm(member, fmt.Sprintf("/boards/%s/decisions/%d/decide", sib, first), decide); rec.Code != http.StatusSeeOther {
			t.Fatalf("decide: %d\n%s", rec.Code, snippet(rec.Body.String()))
		}
		if rec := env.PostForm(member, fmt.Sprintf("/boards/%s/decisions/%d/withdraw", sib, second), url.Values{"reason": {"Panel already closed"}}); rec.Code != http.StatusSeeOther {
			t.Fatalf("withdraw: %d\n%s", rec.Code, snippet(rec.Body.String()))
		}
		page := env.Get(member, "/boards/"+sib+"/decisions")
		body := page.Body.String()
		for _, want := range []string{"Fund Łódź-style therapy hubs for ≥ 40 children → Dorset?", "Agreed: fund two hubs → " + polyOwner,
			"19 March 2026, minute 7.3", "Withdrawn", "Panel already closed", "Action 1.2", "2 decisions raised for this board, 0 still to be made"} {
			if !strings.Contains(body, want) {
				t.Errorf("decision log lacks %q", want)
			}
		}
		// Locked: a second decision on it, through the page or the API, is refused and changes nothing.
		again := url.Values{"decision": {"Changed our minds"}, "meeting_date-day": {"20"}, "meeting_date-month": {"3"}, "meeting_date-year": {"2026"}}
		rec = env.PostForm(member, fmt.Sprintf("/boards/%s/decisions/%d/decide", sib, first), again)
		if rec.Code != http.StatusConflict || !strings.Contains(rec.Body.String(), "locked") {
			t.Errorf("deciding again: %d, want 409 saying it is locked", rec.Code)
		}
		api := env.API(member, "POST", fmt.Sprintf("/api/v1/boards/%s/decisions/%d/decide", sib, second), `{"decision":"x","meeting_date":"2026-03-19"}`)
		if api.Code != http.StatusConflict {
			t.Errorf("API deciding a withdrawn one: %d, want 409", api.Code)
		}
		var got decision.Decision
		d.DB.First(&got, first)
		if got.Decision != "Agreed: fund two hubs → "+polyOwner || got.MeetingDate != "2026-03-19" || got.Minute != "7.3" || got.ClosedBy != member.User.Name {
			t.Errorf("decided row changed or wrong: %+v", got)
		}
		var audits int64
		d.DB.Model(&models.AuditEntry{}).Where("kind = ?", "decision").Count(&audits)
		if audits != 4 {
			t.Errorf("%d audit entries for decisions, want 4 (2 raised, 1 decided, 1 withdrawn)", audits)
		}
		// The API log lists both with their links and statuses.
		var log struct {
			Decisions []struct {
				ID                                  uint
				Status                              string
				Plan, Action, Decision, MeetingDate *string
				Question                            string
			} `json:"decisions"`
			Total, Open int64
		}
		apiGet(t, env, lead, "/api/v1/boards/"+sib+"/decisions", http.StatusOK, &log)
		if log.Total != 2 || log.Open != 0 || len(log.Decisions) != 2 {
			t.Fatalf("API log %+v", log)
		}
		for _, e := range log.Decisions {
			if e.ID == first && (e.Status != "decided" || e.Plan == nil || *e.Plan != "dorset-wsoa-2019" || e.Action == nil || *e.Action != "1.2") {
				t.Errorf("decided entry %+v", e)
			}
			if e.ID == second && e.Status != "withdrawn" {
				t.Errorf("withdrawn entry %+v", e)
			}
		}
	})
}

// TestDecisionFormErrorsKeepInput shows every problem at once, in form
// order, with what was typed kept, and nothing saved.
func TestDecisionFormErrorsKeepInput(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		pinNow(env)
		member := env.SignInBoard(t, "SEND Improvement Board")
		form := raiseForm("")
		form.Set("options", "Keep → "+polyOwner)
		form.Set("meeting-day", "31")
		form.Set("meeting-month", "2")
		form.Set("action", "9.99")
		rec := env.PostForm(member, "/boards/"+sib+"/decisions", form)
		body := rec.Body.String()
		if rec.Code != http.StatusBadRequest {
			t.Fatalf("got %d, want 400", rec.Code)
		}
		for _, want := range []string{"There is a problem", `href="#f-question"`, "Enter the decision the board is asked to make",
			`href="#f-meeting-day"`, "Meeting date must be a real date", `has no action &#34;9.99&#34;`, "Keep → " + polyOwner, `value="31"`} {
			if !strings.Contains(body, want) {
				t.Errorf("error page lacks %q", want)
			}
		}
		if i, j := strings.Index(body, "#f-question"), strings.Index(body, "#f-meeting-day"); i < 0 || j < i {
			t.Errorf("summary not in form order")
		}
		var n int64
		d.DB.Model(&decision.Decision{}).Count(&n)
		if n != 0 {
			t.Errorf("%d decisions saved from a refused form", n)
		}
		// Deciding needs the decision and a meeting date not in the future.
		if rec := env.PostForm(member, "/boards/"+sib+"/decisions", raiseForm("Agree the SLA?")); rec.Code != http.StatusSeeOther {
			t.Fatalf("raise: %d", rec.Code)
		}
		var dec decision.Decision
		d.DB.Take(&dec)
		bad := url.Values{"decision": {""}, "minute": {"M-" + polyOwner}, "meeting_date-day": {"1"}, "meeting_date-month": {"1"}, "meeting_date-year": {"2027"}}
		rec = env.PostForm(member, fmt.Sprintf("/boards/%s/decisions/%d/decide", sib, dec.ID), bad)
		body = rec.Body.String()
		if rec.Code != http.StatusBadRequest || !strings.Contains(body, "Enter the decision the board made") ||
			!strings.Contains(body, "Meeting date must be today or in the past") || !strings.Contains(body, "M-"+polyOwner) {
			t.Errorf("decide errors: %d\n%s", rec.Code, snippet(body))
		}
		api := env.API(member, "POST", "/api/v1/boards/"+sib+"/decisions", `{"question":"Q","meeting":"22/04/2026"}`)
		if api.Code != http.StatusBadRequest || !strings.Contains(api.Body.String(), `"field":"meeting"`) {
			t.Errorf("API bad date: %d %s", api.Code, api.Body.String())
		}
	})
}

// TestDecisionLogStatementsDoNotGrow reads the log page and API with 2 and
// with 40 decisions (decided and open) and counts the statements.
func TestDecisionLogStatementsDoNotGrow(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		now := pinNow(env)
		member := env.SignInBoard(t, "SEND Improvement Board")
		var board models.Board
		d.DB.Where("slug = ?", sib).Take(&board)
		add := func(n int) {
			for i := 0; i < n; i++ {
				dec, err := decision.Raise(t.Context(), d.DB, member.User, board, decision.RaiseInput{Question: fmt.Sprintf("Ŵ question %d ≥ →", i),
					Plan: "dorset-wsoa-2019", Action: "1.2"}, now)
				if err != nil {
					t.Fatal(err)
				}
				if i%2 == 0 {
					if _, err := decision.Decide(t.Context(), d.DB, member.User, board, dec.ID, decision.DecideInput{Decision: "Yes",
						Meeting: models.DateParts{Day: "19", Month: "3", Year: "2026"}}, now); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
		counter := modeltest.CountQueries(env.DB.DB)
		measure := func() map[string]int64 {
			out := map[string]int64{}
			for _, p := range []string{"/boards/" + sib + "/decisions", "/api/v1/boards/" + sib + "/decisions", "/boards/" + sib + "/actions", "/boards/" + sib} {
				get := func() int {
					if strings.HasPrefix(p, "/api/") {
						return env.API(member, "GET", p, "").Code
					}
					return env.Get(member, p).Code
				}
				get()
				counter.Reset()
				if code := get(); code != http.StatusOK {
					t.Fatalf("GET %s: %d", p, code)
				}
				out[p] = counter.N()
			}
			return out
		}
		add(2)
		small := measure()
		add(38)
		large := measure()
		for p, s := range small {
			t.Logf("%s GET %s: %d statements with 2 decisions, %d with 40", d.Name, p, s, large[p])
			if s != large[p] {
				t.Errorf("GET %s: %d statements with 2 decisions, %d with 40", p, s, large[p])
			}
		}
	})
}

// TestBoardActionsCarriedUntilDone sets board actions through the page and
// the API, sees the open ones on the board's page under "Board actions" and
// drops one from it when it is marked done.
func TestBoardActionsCarriedUntilDone(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		pinNow(env)
		member := env.SignInBoard(t, "SEND Improvement Board")
		form := url.Values{"title": {"The chair to write to the ICB about therapy waits ≥ 18 weeks"}, "owner": {polyOwner},
			"due-day": {"1"}, "due-month": {"3"}, "due-year": {"2026"}, "meeting_date-day": {"19"}, "meeting_date-month": {"2"}, "meeting_date-year": {"2026"}}
		if rec := env.PostForm(member, "/boards/"+sib+"/actions", form); rec.Code != http.StatusSeeOther {
			t.Fatalf("add: %d\n%s", rec.Code, snippet(rec.Body.String()))
		}
		api := env.API(member, "POST", "/api/v1/boards/"+sib+"/board-actions",
			fmt.Sprintf(`{"title":"Ask the forum → Ольга about transport","owner":%q,"meeting_date":"2026-03-19"}`, member.User.Email))
		if api.Code != http.StatusCreated || !strings.Contains(api.Body.String(), `"owner_is_user":true`) {
			t.Fatalf("API add: %d %s", api.Code, api.Body.String())
		}
		board := env.Get(member, "/boards/"+sib).Body.String()
		for _, want := range []string{"Board actions", "The chair to write to the ICB about therapy waits ≥ 18 weeks – " + polyOwner, "Overdue", "Ask the forum → Ольга about transport"} {
			if !strings.Contains(board, want) {
				t.Errorf("board page lacks %q", want)
			}
		}
		var first decision.BoardAction
		d.DB.Order("id").Take(&first)
		if rec := env.PostForm(member, fmt.Sprintf("/boards/%s/actions/%d/done", sib, first.ID), url.Values{}); rec.Code != http.StatusSeeOther {
			t.Fatalf("done: %d", rec.Code)
		}
		if rec := env.API(member, "POST", fmt.Sprintf("/api/v1/boards/%s/board-actions/%d/done", sib, first.ID), `{}`); rec.Code != http.StatusConflict {
			t.Errorf("done twice: %d, want 409", rec.Code)
		}
		board = env.Get(member, "/boards/"+sib).Body.String()
		if strings.Contains(board, "The chair to write to the ICB") || !strings.Contains(board, "Ask the forum") {
			t.Errorf("board page after done still carries it or lost the other")
		}
		list := env.Get(member, "/boards/"+sib+"/actions").Body.String()
		if !strings.Contains(list, "The chair to write to the ICB") || !strings.Contains(list, "Done") {
			t.Errorf("the board's action log lost the done action")
		}
		bad := env.PostForm(member, "/boards/"+sib+"/actions", url.Values{"title": {""}, "owner": {"nobody@example.test"}, "meeting_date-day": {"x"}})
		body := bad.Body.String()
		if bad.Code != http.StatusBadRequest || !strings.Contains(body, "Enter what the board asked to be done") ||
			!strings.Contains(body, "No user has the email nobody@example.test") || !strings.Contains(body, `value="nobody@example.test"`) {
			t.Errorf("bad board action: %d\n%s", bad.Code, snippet(body))
		}
		var open struct {
			BoardActions []struct{ Title, Status string } `json:"board_actions"`
			Open, Done   int64
		}
		apiGet(t, env, env.SignIn(t, models.RoleViewer), "/api/v1/boards/"+sib+"/board-actions?status=open", http.StatusOK, &open)
		if len(open.BoardActions) != 1 || open.Open != 1 || open.Done != 1 {
			t.Errorf("open board actions %+v", open)
		}
	})
}

// TestDecisionRecordCorrected: a decided decision stays locked against a new
// decision, but a mistake in its record is corrected by a board member with
// a reason, on the page and through the API; the correction, before and
// after, is in its history; an open decision cannot be corrected.
func TestDecisionRecordCorrected(t *testing.T) {
	t.Parallel()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		pinNow(env)
		member := env.SignInBoard(t, "SEND Improvement Board")
		viewer := env.SignIn(t, models.RoleViewer)
		for _, q := range []string{polyQuestion, "Still open?"} {
			if rec := env.PostForm(member, "/boards/"+sib+"/decisions", raiseForm(q)); rec.Code != http.StatusSeeOther {
				t.Fatalf("raise: %d", rec.Code)
			}
		}
		var raised []decision.Decision
		d.DB.Order("id").Find(&raised)
		first, open := raised[0].ID, raised[1].ID
		path := fmt.Sprintf("/boards/%s/decisions/%d", sib, first)
		decide := url.Values{"decision": {"Agreed: fund two hubs"}, "meeting_date-day": {"19"}, "meeting_date-month": {"3"}, "meeting_date-year": {"2026"}, "minute": {"7.3"}}
		if rec := env.PostForm(member, path+"/decide", decide); rec.Code != http.StatusSeeOther {
			t.Fatalf("decide: %d", rec.Code)
		}
		page := env.Get(member, path).Body.String()
		if !strings.Contains(page, `action="`+path+`/correct"`) || !strings.Contains(page, "The record has not been corrected") || !strings.Contains(page, ">Agreed: fund two hubs</textarea>") {
			t.Fatalf("the decided decision's page offers no correction prefilled with the record: %s", snippet(page))
		}
		if strings.Contains(env.Get(viewer, path).Body.String(), `/correct"`) {
			t.Error("a viewer is offered the correction form")
		}

		fix := url.Values{"decision": {"Agreed: fund two hubs → Łódź model"}, "meeting_date-day": {"19"}, "meeting_date-month": {"3"}, "meeting_date-year": {"2026"}, "minute": {"7.4"}}
		rec := env.PostForm(member, path+"/correct", fix)
		if body := rec.Body.String(); rec.Code != http.StatusBadRequest {
			t.Errorf("a correction without a reason: %d, want 400", rec.Code)
		} else {
			for _, want := range []string{`href="#f-reason"`, "→ Łódź model</textarea>", `value="7.4"`, `<details class="govuk-details" id="correct" open>`} {
				if !strings.Contains(body, want) {
					t.Errorf("the refused correction's page lacks %q", want)
				}
			}
		}
		same := url.Values{"decision": decide["decision"], "meeting_date-day": {"19"}, "meeting_date-month": {"3"}, "meeting_date-year": {"2026"}, "minute": {"7.3"}, "reason": {"x"}}
		if rec := env.PostForm(member, path+"/correct", same); rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "the same as the record") {
			t.Errorf("a correction changing nothing: %d", rec.Code)
		}
		if rec := env.PostForm(viewer, path+"/correct", fix); rec.Code != http.StatusForbidden {
			t.Errorf("a viewer correcting: %d, want 403", rec.Code)
		}
		fix.Set("reason", "The draft minutes numbered it 7.3; the approved minutes say 7.4 (Ελένη)")
		rec = env.PostForm(member, path+"/correct", fix)
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("correct: %d %s", rec.Code, snippet(rec.Body.String()))
		}
		loc, frag, _ := strings.Cut(rec.Header().Get("Location"), "#")
		if frag != "corrections" {
			t.Errorf("after correcting, the page opens at #%s, want the corrections", frag)
		}
		page = env.Get(member, loc).Body.String()
		for _, want := range []string{"The record has been corrected", "minute 7.4", "approved minutes say 7.4 (Ελένη)", "Agreed: fund two hubs → Łódź model", "Meeting 2026-03-19, minute 7.3"} {
			if !strings.Contains(page, want) {
				t.Errorf("after the correction the page lacks %q", want)
			}
		}
		var stored decision.Decision
		d.DB.Take(&stored, first)
		if stored.Minute != "7.4" || stored.Status != decision.StatusDecided || stored.Decision != "Agreed: fund two hubs → Łódź model" {
			t.Errorf("stored %+v", stored)
		}

		// The API: a correction of the meeting date; an open decision is refused.
		api := fmt.Sprintf("/api/v1/boards/%s/decisions/%d/correct", sib, first)
		res := env.API(member, "POST", api, `{"decision":"Agreed: fund two hubs → Łódź model","meeting_date":"2026-03-18","minute":"7.4","reason":"The meeting was on the 18th"}`)
		if res.Code != http.StatusOK || !strings.Contains(res.Body.String(), `"meeting_date":"2026-03-18"`) {
			t.Errorf("API correction: %d %s", res.Code, res.Body.String())
		}
		if res := env.API(member, "POST", fmt.Sprintf("/api/v1/boards/%s/decisions/%d/correct", sib, open), `{"decision":"x","meeting_date":"2026-03-18","reason":"y"}`); res.Code != http.StatusConflict {
			t.Errorf("correcting an open decision: %d, want 409", res.Code)
		}
		if res := env.API(member, "POST", api, `{"decision":"x","meeting_date":"2026-03-18","reason":"y","status":"open"}`); res.Code != http.StatusBadRequest {
			t.Errorf("an unknown field: %d, want 400", res.Code)
		}
		corrections, err := decision.Corrections(t.Context(), d.DB, first)
		if err != nil || len(corrections) != 2 || corrections[0].AuthorName != member.User.Name || !strings.Contains(corrections[1].BeforeValue, "minute 7.3") {
			t.Errorf("corrections %+v %v", corrections, err)
		}
	})
}
