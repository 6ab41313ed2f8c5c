package app_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"sendboard/app/pack/pdftest"
	"sendboard/models/modeltest"
	packs "sendboard/models/pack"
	"sendboard/models/pack/packtest"
)

// From a round's page a member of its board makes the pack for the meeting:
// the quarter of the meeting, stored with the round, its first page naming
// the meeting and the answers so far; the packs list links the round. A
// member of another board is offered nothing and refused.
func TestPackFromRound(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, packtest.Loaded, func(t *testing.T, d modeltest.DB) {
		env := packEnv(t, d) // today is 10 April 2025
		env.PrintPDF(t)
		member := env.SignInBoard(t, packtest.Board)
		elsewhere := env.SignInBoard(t, "SEND Health Forum")
		rec := env.API(member, "POST", "/api/v1/rounds", `{"board":"SEND Improvement Board","due":"2025-04-20","meeting":"2025-04-24"}`)
		var r struct {
			ID        uint `json:"id"`
			Requested int  `json:"requested"`
		}
		if rec.Code != http.StatusCreated || json.Unmarshal(rec.Body.Bytes(), &r) != nil {
			t.Fatalf("open round = %d: %s", rec.Code, rec.Body)
		}
		path := "/rounds/" + strconv.FormatUint(uint64(r.ID), 10)

		page := env.Get(member, path).Body.String()
		if !strings.Contains(page, "Make the pack for the meeting") || !strings.Contains(page, "for 2025-26 Q1, the financial quarter of the meeting (24 April 2025)") {
			t.Errorf("the round page does not offer the pack: %s", snippet(page))
		}
		if page := env.Get(elsewhere, path).Body.String(); strings.Contains(page, "Make the pack for the meeting") {
			t.Error("a member of another board is offered the pack")
		}
		if rec := env.PostForm(elsewhere, path+"/pack", url.Values{}); rec.Code != http.StatusForbidden {
			t.Errorf("another board's member = %d, want 403", rec.Code)
		}

		rec = env.PostForm(member, path+"/pack", url.Values{})
		loc, _ := url.Parse(rec.Header().Get("Location"))
		if rec.Code != http.StatusSeeOther || loc.Query().Get("stored") == "" {
			t.Fatalf("make the pack = %d %s: %s", rec.Code, loc, snippet(rec.Body.String()))
		}
		var sp packs.Stored
		d.DB.Preload("Files").Order("id DESC").Take(&sp)
		if sp.RoundID == nil || *sp.RoundID != r.ID || sp.Quarter != "2025-26 Q1" || sp.BoardKey != "send-improvement-board" {
			t.Fatalf("stored pack: round %v, %s, %s", sp.RoundID, sp.Quarter, sp.BoardKey)
		}
		want := "Prepared for the SEND Improvement Board meeting on 24 April 2025. Update round: updates due 20 April 2025, 0 of " +
			strconv.Itoa(r.Requested) + " actions answered."
		for _, f := range sp.Files {
			var text string
			switch f.Format {
			case packs.PDF:
				text = pdftest.Text(t, f.Content)
				if i := strings.Index(text, want); i < 0 || i > strings.Index(text, "Page 1 of") {
					t.Errorf("the PDF's first page does not name the round: %q", text[:min(600, len(text))])
				}
			case packs.HTML:
				if text = string(f.Content); !strings.Contains(text, want) {
					t.Errorf("the HTML does not name the round")
				}
			}
		}
		list := env.Get(member, "/packs").Body.String()
		if !strings.Contains(list, `href="`+path+`">SEND Improvement Board updates due 20 April 2025</a>, meeting 24 April 2025`) {
			t.Errorf("the packs list does not show the round: %s", snippet(list))
		}
		if page := env.Get(member, path).Body.String(); !strings.Contains(page, `href="/packs/`+strconv.FormatUint(uint64(sp.ID), 10)+`/pdf"`) {
			t.Errorf("the round page does not list its pack")
		}
	})
}
