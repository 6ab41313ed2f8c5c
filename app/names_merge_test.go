package app_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/modeltest"
	"sendboard/models/round"
)

// leadsOf names an action's leads in order, from action_leads.
func leadsOf(t *testing.T, d modeltest.DB, number string) []string {
	t.Helper()
	var names []string
	if err := d.DB.Table("action_leads al").Joins("JOIN leads l ON l.id = al.lead_id").Joins("JOIN actions a ON a.id = al.action_id").
		Where("a.number = ? AND a.plan_id = (SELECT MIN(id) FROM plans)", number).Order("al.position").Pluck("l.name", &names).Error; err != nil {
		t.Fatal(err)
	}
	return names
}

func actionID(t *testing.T, d modeltest.DB, number string) uint {
	t.Helper()
	var id uint
	if err := d.DB.Model(&models.Action{}).Where("number = ? AND plan_id = (SELECT MIN(id) FROM plans)", number).Pluck("id", &id).Error; err != nil || id == 0 {
		t.Fatalf("action %s: %v", number, err)
	}
	return id
}

// A lead role created twice under two spellings is merged through the admin
// pages: its actions (alone, jointly, as SRO), its people and its round
// requests move to the role that stays, and the merge is audited.
func TestMergeLeadRoles(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
		env.App.Now = func() time.Time { return now }
		admin := env.SignIn(t, models.RoleAdmin)
		dup, err := models.SaveLead(ctx, d.DB, admin.User, 0, "Designated Clinical Officer", nil, now)
		if err != nil {
			t.Fatal(err)
		}
		var dco, dpcc models.Lead
		d.DB.Where("name = ?", "DCO").Take(&dco)
		d.DB.Where("name = ?", "DPCC").Take(&dpcc)
		set := func(number string, ids ...uint) {
			if err := models.SetActionLeads(d.DB, actionID(t, d, number), ids); err != nil {
				t.Fatal(err)
			}
		}
		set("2.1", dup.ID, dpcc.ID) // joint, the duplicate first
		set("1.2", dco.ID, dup.ID)  // both spellings
		d.DB.Model(&models.Action{}).Where("id = ?", actionID(t, d, "2.2")).Update("sro_id", dup.ID)
		onlyDup := env.SignIn(t, models.RoleLead, "Designated Clinical Officer")
		both := env.SignIn(t, models.RoleLead, "Designated Clinical Officer", "DCO")
		var a21 models.Action
		d.DB.Preload("Boards").Take(&a21, actionID(t, d, "2.1"))
		if _, _, err := env.App.OpenRound(ctx, admin.User, round.Input{Board: a21.Boards[0].Name, Due: "2026-12-15"}); err != nil {
			t.Fatal(err)
		}

		rec := env.PostForm(admin, "/admin/leads/merge", url.Values{"from": {idStr(dup.ID)}, "into": {idStr(dco.ID)}, "step": {"check"}})
		page := rec.Body.String()
		for _, want := range []string{"Merge “Designated Clinical Officer” into “DCO”", "<td class=\"govuk-table__cell\">actions led</td><td class=\"govuk-table__cell\">2</td>",
			"<td class=\"govuk-table__cell\">people holding the role</td><td class=\"govuk-table__cell\">2</td>",
			"<td class=\"govuk-table__cell\">actions with it as senior responsible officer</td><td class=\"govuk-table__cell\">1</td>"} {
			if !strings.Contains(page, want) {
				t.Errorf("the confirmation page lacks %q", want)
			}
		}
		var still int64
		d.DB.Model(&models.Lead{}).Where("id = ?", dup.ID).Count(&still)
		if rec.Code != http.StatusOK || still != 1 || t.Failed() {
			t.Fatalf("check: %d, lead still there %d\n%s", rec.Code, still, snippet(page))
		}
		if rec := env.PostForm(admin, "/admin/leads/merge", url.Values{"from": {idStr(dup.ID)}, "into": {idStr(dup.ID)}, "step": {"merge"}}); rec.Code != http.StatusBadRequest {
			t.Errorf("merging a lead into itself: %d", rec.Code)
		}
		if rec := env.PostForm(admin, "/admin/leads/merge", url.Values{"from": {idStr(dup.ID)}, "into": {idStr(dco.ID)}, "step": {"merge"}}); rec.Code != http.StatusSeeOther {
			t.Fatalf("merge: %d %s", rec.Code, snippet(rec.Body.String()))
		}

		d.DB.Model(&models.Lead{}).Where("id = ?", dup.ID).Count(&still)
		var kept models.Lead
		d.DB.Take(&kept, dco.ID)
		if still != 0 || !slices.Contains(kept.AliasList(), "Designated Clinical Officer") {
			t.Errorf("after the merge: duplicate left %d, DCO's other spellings %q", still, kept.AliasList())
		}
		if got := leadsOf(t, d, "2.1"); !slices.Equal(got, []string{"DCO", "DPCC"}) {
			t.Errorf("2.1 is led by %q, want DCO then DPCC", got)
		}
		if got := leadsOf(t, d, "1.2"); !slices.Equal(got, []string{"DCO"}) {
			t.Errorf("1.2 is led by %q, want DCO once", got)
		}
		var a models.Action
		d.DB.Take(&a, actionID(t, d, "2.1"))
		var sro models.Action
		d.DB.Take(&sro, actionID(t, d, "2.2"))
		if a.LeadID == nil || *a.LeadID != dco.ID || sro.SROID == nil || *sro.SROID != dco.ID {
			t.Errorf("2.1's first lead %v and 2.2's SRO %v are not DCO (%d)", a.LeadID, sro.SROID, dco.ID)
		}
		for _, c := range []*apptest.Client{onlyDup, both} {
			var held []uint
			d.DB.Table("user_leads").Where("user_id = ?", c.User.ID).Pluck("lead_id", &held)
			if !slices.Equal(held, []uint{dco.ID}) {
				t.Errorf("%s holds %v, want DCO alone", c.User.Email, held)
			}
		}
		var stale int64
		d.DB.Table("round_actions").Where("lead_id = ?", dup.ID).Count(&stale)
		if stale != 0 {
			t.Errorf("%d round requests still name the merged lead", stale)
		}
		if !strings.Contains(env.Get(onlyDup, "/me").Body.String(), "/actions/2.1#record") {
			t.Error("the merged role's holder does not see 2.1 on My actions")
		}
		var audit []models.AuditEntry
		d.DB.Where("kind = ?", "lead_merge").Find(&audit)
		if !slices.ContainsFunc(audit, func(e models.AuditEntry) bool {
			return e.Field == "merged" && e.BeforeValue == "Designated Clinical Officer" && e.AfterValue == "DCO"
		}) {
			t.Errorf("the merge is not audited: %+v", audit)
		}
	})
}

// Two boards are merged through the admin pages: actions with their
// assignment history, members and update rounds move, audited.
func TestMergeBoards(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	apptest.Each(t, func(t *testing.T, env *apptest.Env, d modeltest.DB) {
		now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
		env.App.Now = func() time.Time { return now }
		admin := env.SignIn(t, models.RoleAdmin)
		dup, err := models.SaveBoard(ctx, d.DB, admin.User, 0, "SEND Improvement Borad", now)
		if err != nil {
			t.Fatal(err)
		}
		var sib models.Board
		d.DB.Where("name = ?", "SEND Improvement Board").Take(&sib)
		var governed []uint
		d.DB.Table("action_boards").Where("board_id = ?", sib.ID).Order("action_id").Pluck("action_id", &governed)
		var other uint
		d.DB.Model(&models.Action{}).Where("id NOT IN ?", governed).Order("id").Limit(1).Pluck("id", &other)
		for _, id := range []uint{governed[0], other} { // one already governed by both, one by the duplicate alone
			if err := d.DB.Create(&models.ActionBoard{ActionID: id, BoardID: dup.ID}).Error; err != nil {
				t.Fatal(err)
			}
		}
		member := env.SignInBoard(t, "SEND Improvement Borad")
		if _, _, err := env.App.OpenRound(ctx, admin.User, round.Input{Board: "SEND Improvement Borad", Due: "2026-12-15"}); err != nil {
			t.Fatal(err)
		}
		rec := env.PostForm(admin, "/admin/boards/merge", url.Values{"from": {idStr(dup.ID)}, "into": {idStr(sib.ID)}, "step": {"check"}})
		if page := rec.Body.String(); rec.Code != http.StatusOK || !strings.Contains(page, "Merge “SEND Improvement Borad” into “SEND Improvement Board”") ||
			!strings.Contains(page, "<td class=\"govuk-table__cell\">actions governed</td><td class=\"govuk-table__cell\">2</td>") {
			t.Fatalf("check: %d\n%s", rec.Code, snippet(page))
		}
		if rec := env.PostForm(admin, "/admin/boards/merge", url.Values{"from": {idStr(dup.ID)}, "into": {idStr(sib.ID)}, "step": {"merge"}}); rec.Code != http.StatusSeeOther {
			t.Fatalf("merge: %d %s", rec.Code, snippet(rec.Body.String()))
		}
		var after []uint
		d.DB.Table("action_boards").Where("board_id = ?", sib.ID).Order("action_id").Pluck("action_id", &after)
		want := slices.Sorted(slices.Values(append(slices.Clone(governed), other)))
		if !slices.Equal(after, want) {
			t.Errorf("the board governs %d actions after the merge, want %d", len(after), len(want))
		}
		for table, col := range map[string]string{"action_boards": "board_id", "action_board_history": "board_id", "user_boards": "board_id", "rounds": "board_id", "boards": "id"} {
			var n int64
			d.DB.Table(table).Where(col+" = ?", dup.ID).Count(&n)
			if n != 0 {
				t.Errorf("%d rows of %s still name the merged board", n, table)
			}
		}
		var standing int64
		d.DB.Table("action_board_history").Where("action_id = ? AND board_id = ? AND removed_at IS NULL", other, sib.ID).Count(&standing)
		if standing != 1 {
			t.Errorf("the moved action's assignment history has %d standing rows for the board, want 1", standing)
		}
		var u models.User
		d.DB.Preload("Boards").Take(&u, member.User.ID)
		if len(u.Boards) != 1 || u.Boards[0].ID != sib.ID {
			t.Errorf("the member now sits on %v", u.Boards)
		}
		var audited int64
		d.DB.Model(&models.AuditEntry{}).Where("kind = ? AND field = ? AND before_value = ?", "board_merge", "merged", "SEND Improvement Borad").Count(&audited)
		if audited != 1 {
			t.Error("the board merge is not audited")
		}
	})
}

func idStr(id uint) string { return strconv.FormatUint(uint64(id), 10) }
