package mail_test

import (
	"strings"
	"testing"

	"sendboard/app/mail"
	"sendboard/models"
	"sendboard/models/round"
)

// TestLeadMailLinksActionsInTheRoundsPlan: an email about a round links
// each action to its page in the round's plan, in both the text and the
// HTML part; the default plan's actions keep their short addresses.
func TestLeadMailLinksActionsInTheRoundsPlan(t *testing.T) {
	t.Parallel()
	c, err := mail.NewComposer("https://sendboard.example.test/")
	if err != nil {
		t.Fatal(err)
	}
	items := []round.Item{{Number: "1.10", Text: "Publish the local offer", Status: models.StatusInProgress, Lead: "DCO"}}
	for _, tc := range []struct {
		plan models.Plan
		link string
	}{
		{models.Plan{Name: "Priority Action Plan 2025", Slug: "pap-2025"}, "https://sendboard.example.test/plans/pap-2025/actions/1.10"},
		{models.Plan{Name: "Written Statement of Action", Slug: "dorset-wsoa-2019", IsDefault: true}, "https://sendboard.example.test/actions/1.10"},
	} {
		r := &round.Round{ID: 7, Due: "2027-01-15", Plan: tc.plan, Owner: models.User{Name: "Chair"}}
		m, err := c.LeadMail(round.LeadMail{Kind: round.MailRequest, Round: r, To: models.User{Name: "Dee", Email: "dee@example.test"}, Items: items})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(m.TextBody, tc.link+"#record") || !strings.Contains(m.HTMLBody, `href="`+tc.link+`#record"`) {
			t.Errorf("%s: the email does not link %s:\n%s", tc.plan.Name, tc.link, m.TextBody)
		}
	}
}
