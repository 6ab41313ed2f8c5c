package app_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"sendboard/models/modeltest"
	packs "sendboard/models/pack"
	"sendboard/models/pack/packtest"
)

// The packs form and the API take an optional plan: without it a board's
// pack covers every plan the board governs, with it that plan alone; the
// stored pack and the list name the plans covered, and an unknown plan is
// refused beside its picker with nothing stored.
func TestPackPlanChoice(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, packtest.Loaded, func(t *testing.T, d modeltest.DB) {
		env := packEnv(t, d)
		second := packtest.AddPlan(t, d.DB, packtest.PlanSpec{Name: "Priority action plan", Start: "2024-10-01",
			Boards: []string{packtest.Board}, Actions: 3, GovernedFrom: time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC)},
			time.Date(2025, 2, 10, 9, 0, 0, 0, time.UTC))
		member := env.SignInBoard(t, packtest.Board)

		page := env.Get(member, "/packs").Body.String()
		if !strings.Contains(page, `type="radio" value="`+second.Slug+`"><label class="govuk-label govuk-radios__label" for="plan-`+second.Slug+`">Priority action plan</label>`) ||
			!strings.Contains(page, `type="radio" value="" checked><label class="govuk-label govuk-radios__label" for="plan">Every plan the board governs</label>`) {
			t.Errorf("the plan picker is missing: %s", snippet(page))
		}
		rec := env.PostForm(member, "/packs", url.Values{"board": {"send-improvement-board"}, "plan": {"no-such-plan"}, "quarter": {packtest.Quarter}})
		if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), `id="plan-error"`) {
			t.Errorf("unknown plan = %d: %s", rec.Code, snippet(rec.Body.String()))
		}
		var n int64
		if d.DB.Model(&packs.Stored{}).Count(&n); n != 0 {
			t.Fatalf("a refused pack stored %d packs", n)
		}

		rec = env.PostForm(member, "/packs", url.Values{"board": {"send-improvement-board"}, "plan": {second.Slug}, "quarter": {packtest.Quarter}})
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("generate with a plan = %d: %s", rec.Code, snippet(rec.Body.String()))
		}
		var sp packs.Stored
		d.DB.Order("id DESC").Take(&sp)
		if sp.PlanScope != second.Slug || sp.PlanNames != "Priority action plan" || sp.PlanID != second.ID {
			t.Errorf("stored pack: scope %q, plans %q, plan id %d", sp.PlanScope, sp.PlanNames, sp.PlanID)
		}
		page = env.Get(member, rec.Header().Get("Location")).Body.String()
		if !strings.Contains(page, `type="radio" value="`+second.Slug+`" checked>`) || !strings.Contains(page, `<td class="govuk-table__cell">Priority action plan</td>`) {
			t.Errorf("the list does not name the plan or the choice was lost: %s", snippet(page))
		}
		preview := env.Get(member, "/packs?board=send-improvement-board&plan="+second.Slug+"&quarter=2024-25+Q4&preview=1").Body.String()
		if !strings.Contains(preview, "Priority action plan action 1") || strings.Contains(preview, "Recruitment has stalled") {
			t.Errorf("the preview of one plan shows another's actions")
		}

		var out struct {
			Plan    *string  `json:"plan"`
			Plans   []string `json:"plans"`
			Version int      `json:"version"`
		}
		rec = env.API(member, "POST", "/api/v1/packs", `{"board":"send-improvement-board","quarter":"2024-25 Q4"}`)
		if rec.Code != http.StatusCreated || json.Unmarshal(rec.Body.Bytes(), &out) != nil || out.Plan != nil || len(out.Plans) != 2 || out.Plans[1] != "Priority action plan" {
			t.Errorf("API pack over every plan = %d: %s", rec.Code, rec.Body.String())
		}
		rec = env.API(member, "POST", "/api/v1/packs", `{"board":"send-improvement-board","quarter":"2024-25 Q4","plan":"`+second.Slug+`"}`)
		out.Plan = nil
		if rec.Code != http.StatusCreated || json.Unmarshal(rec.Body.Bytes(), &out) != nil || out.Plan == nil || *out.Plan != second.Slug ||
			!slices.Equal(out.Plans, []string{"Priority action plan"}) || out.Version != 3 {
			t.Errorf("API pack of one plan = %d: %s", rec.Code, rec.Body.String())
		}
		rec = env.API(member, "POST", "/api/v1/packs", `{"board":"send-improvement-board","quarter":"2024-25 Q4","plan":"nope"}`)
		if rec.Code != http.StatusUnprocessableEntity && rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "plan") {
			t.Errorf("API unknown plan = %d: %s", rec.Code, rec.Body.String())
		}
	})
}
