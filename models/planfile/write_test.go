package planfile

import (
	"reflect"
	"testing"
)

// comparable drops what an export does not carry over: the source row and the
// status cell's own wording.
func comparable(p Plan) Plan {
	out := Plan{Areas: p.Areas}
	for _, a := range p.Actions {
		a.Row, a.StatusText = 0, ""
		if a.Boards == nil {
			a.Boards = []string{}
		}
		out.Actions = append(out.Actions, a)
	}
	return out
}

func TestExportReadsBackIntoTheSamePlan(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"semicolon_bom.csv", "comma_sections.csv", "title_rows.xlsx", "wsoa_layout.xlsx"} {
		in := mustParse(t, name, Options{})
		in.Plan.Areas[0].Owners = OwnerBoth
		in.Plan.Areas[len(in.Plan.Areas)-1].Owners = OwnerHealth
		in.Plan.Actions[len(in.Plan.Actions)-1].Retired = "Merged into 1.1"
		in.Plan.Actions[0].Aim = "=HYPERLINK(\"http://example.com\")" // kept as text, never a formula
		for format, write := range map[string]func(*Plan) ([]byte, error){
			FormatCSV:  WriteCSV,
			FormatXLSX: func(p *Plan) ([]byte, error) { return WriteXLSX(p, "Plan") },
		} {
			data, err := write(&in.Plan)
			if err != nil {
				t.Fatalf("%s as %s: %v", name, format, err)
			}
			out, err := Parse(data, Options{KnownBoards: knownBoards})
			if err != nil || out.Err() != nil {
				t.Fatalf("%s as %s: %v %v", name, format, err, out.Err())
			}
			if out.Format != format || len(out.Columns) != len(exportFields) {
				t.Errorf("%s as %s: read as %s with %d columns", name, format, out.Format, len(out.Columns))
			}
			if got, want := comparable(out.Plan), comparable(in.Plan); !reflect.DeepEqual(got, want) {
				t.Errorf("%s as %s reads back differently:\n got %+v\nwant %+v", name, format, got, want)
			}
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, name := range []string{"semicolon_bom.csv", "comma_sections.csv", "bad.csv", "wsoa_layout.xlsx"} {
		f.Add(readTestdata(f, name))
	}
	f.Add([]byte("Ref;Action;Board\n1.1;x;A and B, C\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := Parse(data, Options{KnownBoards: knownBoards})
		if err != nil {
			return
		}
		if len(res.Problems) > MaxProblems || res.ProblemCount < len(res.Problems) {
			t.Fatalf("%d problems listed of %d", len(res.Problems), res.ProblemCount)
		}
		if res.ProblemCount > 0 {
			return
		}
		seen := map[string]bool{}
		codes := map[string]bool{}
		for _, a := range res.Plan.Areas {
			codes[a.Code] = true
		}
		for _, a := range res.Plan.Actions {
			if a.Number == "" || a.Text == "" || seen[a.Number] {
				t.Fatalf("bad action kept: %+v", a)
			}
			seen[a.Number] = true
			if !codes[a.AreaCode] {
				t.Fatalf("action %s in unknown area %q", a.Number, a.AreaCode)
			}
		}
		// What was read writes out and reads back the same.
		out, err := WriteCSV(&res.Plan)
		if err != nil {
			t.Fatal(err)
		}
		back, err := Parse(out, Options{KnownBoards: append(knownBoards, res.Boards...)})
		if err != nil || back.Err() != nil {
			t.Fatalf("export of a good file does not read back: %v %v\n%s", err, back.Err(), out)
		}
		if len(back.Plan.Actions) != len(res.Plan.Actions) {
			t.Fatalf("%d actions read back, want %d", len(back.Plan.Actions), len(res.Plan.Actions))
		}
	})
}
