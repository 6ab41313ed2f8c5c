package app_test

import (
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"sendboard/app/apptest"
	"sendboard/models"
)

// TestErrorSummaryListsProblemsInFormOrder: a form refused on several fields
// lists the problems at the top in the order of its fields, each linking to
// its field, whatever order they were found in. SaveKPI checks the upper
// target before the baseline and the tolerance before the targets; the form
// asks for them the other way round.
func TestErrorSummaryListsProblemsInFormOrder(t *testing.T) {
	t.Parallel()
	env := apptest.SQLite(t)
	admin := env.SignIn(t, models.RoleAdmin)
	rec := env.PostForm(admin, "/kpis/new", url.Values{"code": {"local.order"}, "name": {""}, "unit": {"percent"},
		"decimals": {"1"}, "direction": {"up"}, "period_type": {"financial_quarter"}, "target_max": {"lots"},
		"baseline_value": {"some"}, "baseline_period": {"2024-25"}, "targets": {"soon: 95"}, "tolerance": {"-1"}})
	body := rec.Body.String()
	if rec.Code != http.StatusBadRequest {
		t.Fatalf("got %d, want 400\n%s", rec.Code, snippet(body))
	}
	start := strings.Index(body, `class="govuk-error-summary"`)
	if start < 0 {
		t.Fatalf("no error summary\n%s", snippet(body))
	}
	summary := body[start:]
	summary = summary[:strings.Index(summary, "</ul>")]
	var got []string
	for _, m := range regexp.MustCompile(`<a href="#k-([a-z_]+)">`).FindAllStringSubmatch(summary, -1) {
		got = append(got, m[1])
	}
	// The baseline has two problems (not a number, and so no value for its period); they stay together.
	want := []string{"name", "baseline_value", "baseline_value", "target_max", "targets", "tolerance"}
	if !slices.Equal(got, want) {
		t.Errorf("the summary links to %v, want %v\n%s", got, want, summary)
	}
	for _, f := range []string{"name", "baseline_value", "target_max", "targets", "tolerance"} {
		if !strings.Contains(body, `id="k-`+f+`"`) {
			t.Errorf("the summary links to #k-%s, which is not on the page", f)
		}
	}
}
