package pack_test

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"sendboard/app/pack"
	"sendboard/models/modeltest"
	"sendboard/models/pack/packtest"
)

const secondPlan = "Priority action plan"

// addSecondPlan gives the fixture board a second plan of three actions, each
// updated in the fixture quarter.
func addSecondPlan(t *testing.T, d modeltest.DB) {
	t.Helper()
	packtest.AddPlan(t, d.DB, packtest.PlanSpec{Name: secondPlan, Start: "2024-10-01", Boards: []string{packtest.Board},
		Actions: 3, GovernedFrom: time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC)}, time.Date(2025, 2, 10, 9, 0, 0, 0, time.UTC))
}

// words matches s in laid-out text, where a line may break at any space.
func words(s string) string {
	return strings.Join(strings.Fields(regexp.QuoteMeta(s)), `\s+`)
}

// A board's pack over two plans names each plan over its part of the
// summary, exceptions, actions and appendix in the PDF, and each action of
// the second plan sits under that plan's heading.
func TestPDFGroupsActionsByPlan(t *testing.T) {
	t.Parallel()
	pdfOnSQLite(t, func(t *testing.T, d modeltest.DB) {
		single := pdfText(t, mustPDF(t, build(t, d, packtest.Board, packtest.Quarter)))
		addSecondPlan(t, d)
		p := build(t, d, packtest.Board, packtest.Quarter)
		text := pdfText(t, mustPDF(t, p))
		if strings.Contains(single, "Every plan") || strings.Contains(single, secondPlan) {
			t.Error("the single-plan PDF names plans over its groups")
		}
		first := p.Plans[0].Plan.Name
		if !regexp.MustCompile(`Plans\s+` + words(first) + `;\s+` + words(secondPlan)).MatchString(text) {
			t.Errorf("cover does not list both plans")
		}
		text = text[strings.Index(text, "Page 1 of"):] // past the cover's contents line
		for _, part := range []struct{ from, to string }{
			{"1. Summary", "2. Exceptions"}, {"3. Actions governed by", "4. SENDIASS KPIs"}, {"10. Appendix", ""},
		} {
			start := strings.Index(text, part.from)
			end := len(text)
			if part.to != "" {
				end = start + strings.Index(text[start:], part.to)
			}
			body := text[start:end]
			a, b := strings.Index(body, first), strings.Index(body, secondPlan)
			if a < 0 || b < a {
				t.Errorf("%s: plan headings at %d and %d, want %q then %q", part.from, a, b, first, secondPlan)
				continue
			}
			if part.from == "3. Actions governed by" {
				for _, n := range []string{"action 1", "action 2", "action 3"} {
					if i := strings.Index(body, secondPlan+" "+n); i < b {
						t.Errorf("%s %s is not under its plan's heading", secondPlan, n)
					}
				}
			}
		}
	})
}

// The workbook of a pack over two plans has a Plan column on every per-action
// sheet, naming each row's plan; the single-plan workbook has none.
func TestXLSXHasAPlanColumnOverSeveralPlans(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, packtest.Loaded, func(t *testing.T, d modeltest.DB) {
		rows := func(sheet string) [][]string {
			t.Helper()
			b, err := pack.XLSX(build(t, d, packtest.Board, packtest.Quarter))
			if err != nil {
				t.Fatal(err)
			}
			x, err := excelize.OpenReader(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			defer x.Close()
			r, err := x.GetRows(sheet)
			if err != nil {
				t.Fatal(err)
			}
			return r
		}
		if h := rows("Actions")[0]; h[0] != "Number" {
			t.Errorf("single-plan Actions header = %q", h[:3])
		}
		addSecondPlan(t, d)
		for _, sheet := range []string{"Summary", "Changes", "Actions", "Appendix"} {
			r := rows(sheet)
			if r[0][0] != "Plan" {
				t.Errorf("%s header = %q, want Plan first", sheet, r[0][:3])
				continue
			}
			var plans []string
			for _, row := range r[1:] {
				if !slices.Contains(plans, row[0]) {
					plans = append(plans, row[0])
				}
			}
			if !slices.Contains(plans, secondPlan) || len(plans) < 2 {
				t.Errorf("%s names plans %q", sheet, plans)
			}
		}
		r := rows("Actions")
		var second []string
		for _, row := range r[1:] {
			if row[0] == secondPlan {
				second = append(second, row[1])
			}
		}
		if !slices.Equal(second, []string{"1.1", "1.2", "1.3"}) {
			t.Errorf("Actions rows of %s = %v", secondPlan, second)
		}
	})
}

// The HTML pack over two plans heads each plan's group with its name, with
// element ids still unique.
func TestHTMLGroupsByPlan(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, packtest.Loaded, func(t *testing.T, d modeltest.DB) {
		addSecondPlan(t, d)
		b, err := pack.HTML(build(t, d, packtest.Board, packtest.Quarter))
		if err != nil {
			t.Fatal(err)
		}
		html := string(b)
		if n := strings.Count(html, "<h3 id=\"pk-actions-1\">"+secondPlan+"</h3>"); n != 1 {
			t.Errorf("actions heading for %s appears %d times", secondPlan, n)
		}
		if !strings.Contains(html, "Actions in "+secondPlan+" at the end of") {
			t.Error("no summary table captioned for the second plan")
		}
		seen := map[string]bool{}
		for _, m := range regexp.MustCompile(`id="([^"]+)"`).FindAllStringSubmatch(html, -1) {
			if seen[m[1]] {
				t.Errorf("duplicate id %q", m[1])
			}
			seen[m[1]] = true
		}
	})
}
