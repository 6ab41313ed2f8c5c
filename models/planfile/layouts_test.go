package planfile_test

import (
	"fmt"
	"strings"
	"testing"

	"sendboard/models/planfile"
	"sendboard/models/planfile/layouttest"
)

// TestParseTrackerLayouts reads a published tracker's layout, as XLSX and as
// CSV: review-period RAG columns in words, Start and End dates as months,
// "Ongoing", 3.1 twice with (A) and (B), a Date completed column.
func TestParseTrackerLayouts(t *testing.T) {
	t.Parallel()
	rows := layouttest.Tracker(40, 4, false)
	x, err := layouttest.XLSX(rows)
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{"xlsx": x, "csv": layouttest.CSV(rows)} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			res, err := planfile.Parse(data, planfile.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if res.Err() != nil {
				t.Fatal(res.Err())
			}
			if len(res.Periods) != 4 || res.Periods[0].End != "2020-05-31" || res.Periods[3].End != "2021-02-28" {
				t.Fatalf("periods %+v", res.Periods)
			}
			if _, ok := res.Columns[planfile.FieldRAG]; ok {
				t.Errorf("a period column was taken for the RAG column: %v", res.Columns)
			}
			by := map[string]planfile.Action{}
			for _, a := range res.Plan.Actions {
				by[a.Number] = a
			}
			on := by["1.1"]
			if on.Start != "2020-06" || on.Due != "2023-03" || on.Status != planfile.StatusInProgress || on.RAG != "green" ||
				len(on.History) != 4 || on.History[0].Status != planfile.StatusNotStarted || on.History[1].RAG != "green" {
				t.Errorf("1.1 = %+v", on)
			}
			late := by["1.2"]
			if late.Due != "" || late.Status != planfile.StatusInProgress || late.RAG != "amber" {
				t.Errorf("1.2 (Delayed, Ongoing) = %+v", late)
			}
			done := by["1.3"]
			if done.Status != planfile.StatusComplete || done.Completed != "2021-06-15" || done.History[3].Text != "Embedded" {
				t.Errorf("1.3 (complete) = %+v", done)
			}
			if a, b := by["3.1a"], by["3.1b"]; !strings.HasPrefix(a.Text, "(A)") || !strings.HasPrefix(b.Text, "(B)") {
				t.Errorf("3.1a %q, 3.1b %q", a.Text, b.Text)
			}
			if len(res.Renumbered) != 2 || res.Renumbered[1].To != "3.1b" {
				t.Errorf("renumbered %+v", res.Renumbered)
			}
			if len(res.Undated) != 1 || res.Undated[0].Text != "Ongoing" || res.Undated[0].RowCount != 10 {
				t.Errorf("undated %+v", res.Undated)
			}
			var delayed *planfile.ValueUse
			for i, v := range res.Values {
				if v.Key == planfile.Key(planfile.KindStatus, "delayed") {
					delayed = &res.Values[i]
				}
			}
			if delayed == nil || delayed.Reading != (planfile.Reading{Status: "in_progress", RAG: "amber"}) || delayed.RowCount != 10 {
				t.Errorf("Delayed read as %+v", delayed)
			}
		})
	}
}

// TestParseUnknownWordListedOnce lists a word no rule knows once, with its
// rows; the admin's reading of it clears the problem and is used.
func TestParseUnknownWordListedOnce(t *testing.T) {
	t.Parallel()
	data := layouttest.CSV(layouttest.Tracker(40, 3, true))
	res, err := planfile.Parse(data, planfile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.ProblemCount != 1 || !strings.Contains(res.Problems[0].Message, `"Paused" is not a RAG rating`) ||
		!strings.Contains(res.Problems[0].Message, "rows 4, 12, 20, 28, 36") {
		t.Fatalf("problems %v", res.Problems)
	}
	res, err = planfile.Parse(data, planfile.Options{Values: map[planfile.ValueKey]planfile.Reading{
		planfile.Key(planfile.KindRAG, "PAUSED"): {Status: planfile.StatusInProgress, RAG: "red"}}})
	if err != nil || res.Err() != nil {
		t.Fatal(err, res.Err())
	}
	if h := res.Plan.Actions[1].History; h[2].Text != "Paused" || h[2].RAG != "red" {
		t.Errorf("history %+v", h)
	}
}

// TestParseNoReferenceNumbersInOrder numbers a plan with no reference or
// area column 1, 2, 3… and reads "TBC" as no date.
func TestParseNoReferenceNumbersInOrder(t *testing.T) {
	t.Parallel()
	res, err := planfile.Parse(layouttest.CSV(layouttest.NoReference(5)), planfile.Options{})
	if err != nil || res.Err() != nil {
		t.Fatal(err, res.Err())
	}
	var got []string
	for _, a := range res.Plan.Actions {
		got = append(got, a.Number)
	}
	if strings.Join(got, ",") != "1,2,3,4,5" || !strings.Contains(res.NumberingNote(), "1, 2, 3") {
		t.Errorf("numbers %v, note %q", got, res.NumberingNote())
	}
	if res.Plan.Actions[2].Due != "" || len(res.Undated) != 1 || res.Undated[0].RowCount != 1 {
		t.Errorf("TBC: %+v", res.Undated)
	}
}

// TestReadWord reads the words areas use.
func TestReadWord(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]planfile.Reading{
		"Progressing and on track": {Status: "in_progress", RAG: "green"},
		"Progressing but delayed":  {Status: "in_progress", RAG: "amber"},
		"Started but delayed":      {Status: "in_progress", RAG: "amber"},
		"Completed":                {Status: "complete", RAG: "blue"},
		"Embedded":                 {Status: "complete", RAG: "blue"},
		"Not started":              {Status: "not_started"},
		"Not yet started":          {Status: "not_started"},
		"Work in progress":         {Status: "in_progress"},
		"At risk":                  {Status: "in_progress", RAG: "amber"},
		"Off track":                {Status: "in_progress", RAG: "red"},
		"Blocked":                  {Status: "in_progress", RAG: "red"},
		"Stalled":                  {Status: "in_progress", RAG: "red"},
		"Slipping":                 {Status: "in_progress", RAG: "amber"},
		"Behind":                   {Status: "in_progress", RAG: "amber"},
		"Achieved":                 {Status: "complete", RAG: "blue"},
		"Closed":                   {Status: "complete", RAG: "blue"},
		"Planned":                  {Status: "not_started"},
		"A":                        {Status: "in_progress", RAG: "amber"},
	} {
		if got, ok := planfile.ReadWord(in); !ok || got != want {
			t.Errorf("ReadWord(%q) = %+v, %v; want %+v", in, got, ok, want)
		}
	}
	if _, ok := planfile.ReadWord("Paused"); ok {
		t.Error("Paused should match nothing")
	}
}

// A file with more distinct words than the preview lists still reports the
// unknown ones beyond them, so nothing is read silently as not started.
func TestParseTooManyWordsStillReported(t *testing.T) {
	t.Parallel()
	rows := [][]string{{"Ref", "Action", "Status"}}
	for i := range planfile.MaxValues + 3 {
		rows = append(rows, []string{fmt.Sprintf("1.%d", i+1), "Act", fmt.Sprintf("Word %d", i)})
	}
	res, err := planfile.Parse(layouttest.CSV(rows), planfile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Values) != planfile.MaxValues || res.ProblemCount != planfile.MaxValues+1 {
		t.Fatalf("%d values, %d problems: want each listed word once and one for the 3 beyond", len(res.Values), res.ProblemCount)
	}
}
