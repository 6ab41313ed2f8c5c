package planfile

import (
	"reflect"
	"strconv"
	"strings"
	"testing"
)

var knownBoards = []string{"CCG Audit and Quality Group", "SEND Improvement Board",
	"Health, Care and Wellbeing Board", "SEND Health Forum"}

func mustParse(t *testing.T, name string, opt Options) *Result {
	t.Helper()
	if opt.KnownBoards == nil {
		opt.KnownBoards = knownBoards
	}
	res, err := Parse(readTestdata(t, name), opt)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if err := res.Err(); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return res
}

func TestParseSemicolonCSVWithBOMAndTitleRows(t *testing.T) {
	t.Parallel()
	res := mustParse(t, "semicolon_bom.csv", Options{})
	if res.Format != FormatCSV || res.HeaderRow != 4 {
		t.Fatalf("format %s header row %d, want csv 4", res.Format, res.HeaderRow)
	}
	wantCols := map[Field]string{FieldRef: "No.", FieldArea: "Area for priority action", FieldAction: "What we will do",
		FieldLead: "Responsible officer", FieldSRO: "Senior responsible officer", FieldDue: "By when",
		FieldBoard: "Governance", FieldStatus: "Status", FieldRAG: "RAG rating", FieldProgress: "Progress update",
		FieldImpact: "How we will know"}
	if len(res.Columns) != len(wantCols) {
		t.Errorf("mapped %v, want %v", res.Columns, wantCols)
	}
	for f, h := range wantCols {
		if got := res.Header(f); got != h {
			t.Errorf("%s mapped to %q, want %q", f, got, h)
		}
	}
	wantAreas := []Area{{Code: "1", Title: "Timeliness of EHC plans"}, {Code: "2", Title: "Health contribution"}}
	if !reflect.DeepEqual(res.Plan.Areas, wantAreas) {
		t.Errorf("areas %+v, want %+v", res.Plan.Areas, wantAreas)
	}
	acts := res.Plan.Actions
	if len(acts) != 5 {
		t.Fatalf("%d actions, want 5", len(acts))
	}
	first := Action{Row: 5, Number: "1.1", AreaCode: "1", Text: "Recruit two more EHC plan coordinators",
		Impact: "95% of new plans issued within 20 weeks", Lead: "Head of SEND Statutory Services",
		SRO: "Director of Education", Boards: []string{"SEND Partnership Board"}, Due: "2026-01-31",
		Status: StatusInProgress, StatusText: "In progress", RAG: "amber", Progress: "Both posts advertised; one appointed"}
	if !reflect.DeepEqual(acts[0], first) {
		t.Errorf("row 5:\n got %+v\nwant %+v", acts[0], first)
	}
	// Blank area cells carry the area down; a month-only due; a comma inside a known board.
	if a := acts[1]; a.AreaCode != "1" || a.Due != "2026-03" || a.RAG != "" || a.Status != StatusNotStarted ||
		!reflect.DeepEqual(a.Boards, []string{"SEND Partnership Board", "Health, Care and Wellbeing Board"}) {
		t.Errorf("row 6: %+v", a)
	}
	if a := acts[2]; a.Number != "1.10" || a.InitiateBy != "2026-02" || a.RAG != "red" || a.Due != "2026-06-30" || a.SRO != "" {
		t.Errorf("row 7: %+v", a)
	}
	if a := acts[3]; a.AreaCode != "2" || a.Status != StatusComplete || a.RAG != "blue" ||
		!reflect.DeepEqual(a.Boards, []string{"CCG Audit and Quality Group", "SEND Health Forum"}) {
		t.Errorf("row 8: %+v", a)
	}
	if a := acts[4]; a.Due != "2025-12" || a.RAG != "green" || a.Row != 9 {
		t.Errorf("row 9: %+v", a)
	}
	wantLeads := []string{"Head of SEND Statutory Services", "Director of Education", "SEND Statutory Manager",
		"Principal Educational Psychologist", "DCO", "ICB Director of Nursing", "Therapies Lead"}
	if !reflect.DeepEqual(res.Leads, wantLeads) {
		t.Errorf("leads %q, want %q", res.Leads, wantLeads)
	}
	if len(res.Boards) != 5 {
		t.Errorf("boards %q, want 5", res.Boards)
	}
}

func TestParseCommaCSVWithSectionRows(t *testing.T) {
	t.Parallel()
	res := mustParse(t, "comma_sections.csv", Options{})
	if res.HeaderRow != 3 {
		t.Fatalf("header row %d, want 3", res.HeaderRow)
	}
	wantAreas := []Area{{Code: "1", Title: "Early identification"}, {Code: "2", Title: "Co-production"}}
	if !reflect.DeepEqual(res.Plan.Areas, wantAreas) {
		t.Errorf("areas %+v, want %+v", res.Plan.Areas, wantAreas)
	}
	a := res.Plan.Actions
	if len(a) != 3 || a[0].AreaCode != "1" || a[1].AreaCode != "1" || a[2].AreaCode != "2" {
		t.Fatalf("actions %+v", a)
	}
	if a[0].Status != StatusNotStarted || a[0].InitiateBy != "2026-09" || a[0].Text != "Screen every two-year-old, with health visitors" {
		t.Errorf("1.1: %+v", a[0])
	}
	// The known board's spelling wins over the sheet's lower-case "improvement".
	if !reflect.DeepEqual(a[1].Boards, []string{"SEND Improvement Board", "Early Years Board"}) || a[1].RAG != "red" ||
		a[1].Status != StatusInProgress || a[1].Due != "2026-04-01" || a[1].Aim != "(continued)" {
		t.Errorf("1.2: %+v", a[1])
	}
	if a[2].Due != "" || a[2].Progress != "" {
		t.Errorf("2.1: %+v", a[2])
	}
}

func TestParseXLSXTitleRowsMergedAreasExcelDates(t *testing.T) {
	t.Parallel()
	// The active sheet holds notes: the plan sheet is found by its header.
	for _, opt := range []Options{{}, {Sheet: "PAP"}} {
		res := mustParse(t, "title_rows.xlsx", opt)
		if res.Sheet != "PAP" || res.HeaderRow != 4 || !reflect.DeepEqual(res.Sheets, []string{"Notes", "PAP"}) {
			t.Fatalf("sheet %q header row %d sheets %q", res.Sheet, res.HeaderRow, res.Sheets)
		}
		a := res.Plan.Actions
		if len(a) != 5 {
			t.Fatalf("%d actions", len(a))
		}
		wantDue := []string{"2025-09-30", "2026-01-15", "2026-03", "2025-12-01", ""}
		wantArea := []string{"1", "1", "2", "2", "2"}
		for i := range a {
			if a[i].Due != wantDue[i] || a[i].AreaCode != wantArea[i] {
				t.Errorf("row %d: due %q area %q, want %q %q", a[i].Row, a[i].Due, a[i].AreaCode, wantDue[i], wantArea[i])
			}
		}
		if a[0].RAG != "blue" || a[1].RAG != "amber" || a[2].RAG != "red" || res.Header(FieldRAG) != "R/A/G" {
			t.Errorf("RAG from R/A/G: %q %q %q", a[0].RAG, a[1].RAG, a[2].RAG)
		}
		if a[0].SRO != "Director of Children's Services" || a[0].Impact != "JSNA published" || a[0].Aim != "A shared needs assessment" {
			t.Errorf("1.1: %+v", a[0])
		}
		if res.Plan.Areas[0].Title != "Leaders' shared understanding of children's needs" {
			t.Errorf("areas %+v", res.Plan.Areas)
		}
	}
	if _, err := Parse(readTestdata(t, "title_rows.xlsx"), Options{Sheet: "Nope"}); err == nil ||
		!strings.Contains(err.Error(), `no sheet "Nope"`) || !strings.Contains(err.Error(), `"PAP"`) {
		t.Errorf("unknown sheet: %v", err)
	}
	if _, err := Parse(readTestdata(t, "title_rows.xlsx"), Options{Sheet: "Notes"}); err == nil ||
		!strings.Contains(err.Error(), "no header row") {
		t.Errorf("sheet without header: %v", err)
	}
}

func TestParseWSoALayout(t *testing.T) {
	t.Parallel()
	res := mustParse(t, "wsoa_layout.xlsx", Options{})
	a := res.Plan.Actions
	if len(a) != 3 {
		t.Fatalf("%d actions", len(a))
	}
	if a[0].Milestone != "3 Month Milestones (July 2019)" || a[2].Milestone != "6 Month Milestones (October 2019)" {
		t.Errorf("milestones %q %q", a[0].Milestone, a[2].Milestone)
	}
	if a[0].Lead != "DCO" || !reflect.DeepEqual(a[0].Boards, []string{"SEND Health Forum", "CCG Audit and Quality Group"}) {
		t.Errorf("1.1 lead %q boards %q", a[0].Lead, a[0].Boards)
	}
	if a[1].Status != StatusNotStarted || a[1].InitiateBy != "2019-09" || a[1].Boards[0] != "SEND Improvement Board" {
		t.Errorf("1.2: %+v", a[1])
	}
	if a[2].AreaCode != "4" || res.Plan.Areas[0].Code != "2" || res.Plan.Areas[0].Title != "Area 2" {
		t.Errorf("areas %+v, 2.1 in %q", res.Plan.Areas, a[2].AreaCode)
	}
}

func TestParseBadFileListsEveryRowAndColumn(t *testing.T) {
	t.Parallel()
	res, err := Parse(readTestdata(t, "bad.csv"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"row 3, Action: empty",
		"row 4, Due date: 31/02/2025 is not a date",
		`row 4, Status: "Nearly there" is not a status the importer knows (on row 4): choose what it means`,
		`row 4, RAG: "Purple" is not a RAG rating the importer knows (on row 4): choose what it means`,
		`row 5, Ref: 1.1 is also on row 2; to keep both, mark their actions "(A)" and "(B)"`,
		"row 5, Due date: 2025-13-01 is not a date",
		"row 6, Ref: empty",
	}
	var got []string
	for _, p := range res.Problems {
		got = append(got, p.String())
	}
	if !reflect.DeepEqual(got, want) || res.ProblemCount != len(want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if err := res.Err(); err == nil || !strings.HasPrefix(err.Error(), "7 problems in the file, nothing imported:") {
		t.Errorf("Err: %v", err)
	}
}

func TestParseReportsAtMost100Problems(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString("Ref,Action,Due\n")
	for i := 1; i <= 150; i++ {
		b.WriteString("1." + strconv.Itoa(i) + ",,\n")
	}
	res, err := Parse([]byte(b.String()), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Problems) != MaxProblems || res.ProblemCount != 150 {
		t.Fatalf("%d listed of %d", len(res.Problems), res.ProblemCount)
	}
	if msg := res.Err().Error(); !strings.HasSuffix(msg, "… and 50 more") || !strings.Contains(msg, "row 101, Action: empty") {
		t.Errorf("message ends %q", msg[len(msg)-80:])
	}
}

func TestParseMappingOverrides(t *testing.T) {
	t.Parallel()
	data := []byte("Item,Task,Owner,Notes,When\n1.1,Do it,DCO,Started well,31/03/2026\n")
	res, err := Parse(data, Options{Map: map[Field]string{FieldAction: "Task", FieldProgress: "Notes", FieldLead: ""}})
	if err != nil || res.Err() != nil {
		t.Fatal(err, res.Err())
	}
	a := res.Plan.Actions[0]
	if a.Text != "Do it" || a.Progress != "Started well" || a.Lead != "" || a.Number != "1.1" || a.Due != "2026-03-31" {
		t.Errorf("%+v with mapping %v", a, res.Columns)
	}
	// Columns by position, with the header row given, as the preview page posts them.
	res, err = Parse(append([]byte("Title row,,,,\n"), data...), Options{HeaderRow: 2,
		Map: map[Field]string{FieldAction: "#2", FieldRef: "#1", FieldDue: "", FieldLead: "#3"}})
	if err != nil || res.Err() != nil || res.HeaderRow != 2 {
		t.Fatal(err, res.Err())
	}
	if a := res.Plan.Actions[0]; a.Text != "Do it" || a.Lead != "DCO" || a.Due != "" || a.Row != 3 {
		t.Errorf("by position: %+v", a)
	}
	res, err = Parse(data, Options{Map: map[Field]string{FieldAction: "Job"}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Err() == nil || !strings.Contains(res.Err().Error(), `Action: no column headed "Job"; the headers are "Item", "Task"`) {
		t.Errorf("unknown header: %v", res.Err())
	}
	// Without a Ref column actions are numbered within their area.
	res, err = Parse([]byte("Theme,Action\nEarly help,One\n,Two\nTransitions,Three\n"), Options{})
	if err != nil || res.Err() != nil {
		t.Fatal(err, res.Err())
	}
	var nums []string
	for _, a := range res.Plan.Actions {
		nums = append(nums, a.AreaCode+":"+a.Number)
	}
	if strings.Join(nums, " ") != "1:1.1 1:1.2 2:2.1" {
		t.Errorf("numbers %v", nums)
	}
}

func TestParseRejectsWhatItCannotRead(t *testing.T) {
	t.Parallel()
	for name, data := range map[string][]byte{
		"empty":      []byte("  \n"),
		"too big":    make([]byte, MaxFileBytes+1),
		"not utf-8":  []byte("Ref,Action\n1.1,Caf\xe9\n"),
		"no header":  []byte("just,some,words\n1,2,3\n"),
		"broken zip": append([]byte("PK\x03\x04"), make([]byte, 100)...),
	} {
		if _, err := Parse(data, Options{}); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	var b strings.Builder
	b.WriteString("Ref,Action\n")
	for i := 0; i < MaxRows+headerScan+2; i++ {
		b.WriteString("1.1,x\n")
	}
	if _, err := Parse([]byte(b.String()), Options{}); err == nil || !strings.Contains(err.Error(), "more than") {
		t.Errorf("too many rows: %v", err)
	}
}

func TestSplitBoards(t *testing.T) {
	t.Parallel()
	withKnown := map[string][]string{
		"SEND Health Forum and CCG Audit and Quality Group.":       {"SEND Health Forum", "CCG Audit and Quality Group"},
		"SEND improvement Board; Schools Forum, Early Years Board": {"SEND Improvement Board", "Schools Forum", "Early Years Board"},
		"Health, Care and Wellbeing Board and Schools Forum":       {"Health, Care and Wellbeing Board", "Schools Forum"},
		"":                                {},
		"Schools Forum and Schools Forum": {"Schools Forum"},
	}
	// With no board known, a split falls only after a whole board name.
	unknown := map[string][]string{
		"SEND Health Forum and CCG Audit and Quality Group": {"SEND Health Forum", "CCG Audit and Quality Group"},
		"Health and Wellbeing Board, SIB and SPB":           {"Health and Wellbeing Board", "SIB", "SPB"},
		"Parents; Schools": {"Parents", "Schools"},
	}
	for known, cases := range map[bool]map[string][]string{true: withKnown, false: unknown} {
		for in, want := range cases {
			var names []string
			if known {
				names = knownBoards
			}
			got := SplitBoards(in, names)
			if len(got) != 0 || len(want) != 0 {
				if !reflect.DeepEqual(got, want) {
					t.Errorf("SplitBoards(%q, known %v) = %q, want %q", in, known, got, want)
				}
			}
		}
	}
}

func TestParseValues(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{"45747": "2025-03-31", "31/03/2025": "2025-03-31", "2025-03-31": "2025-03-31",
		"1/4/2025": "2025-04-01", "March 2025": "2025-03", "mar 2025": "2025-03", "Sept 2025": "2025-09", "2025-03": "2025-03"} {
		if got, err := ParseDue(in, false); err != nil || got != want {
			t.Errorf("ParseDue(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"31/02/2025", "soon", "2025", "Q1 2025-26"} {
		if got, err := ParseDue(in, false); err == nil {
			t.Errorf("ParseDue(%q) = %q, want an error", in, got)
		}
	}
	for in, want := range map[string]string{"Red": "red", "R": "red", "a": "amber", "Green": "green", "Blue": "blue", "": ""} {
		if got, err := ParseRAG(in); err != nil || got != want {
			t.Errorf("ParseRAG(%q) = %q, %v", in, got, err)
		}
	}
	for in, want := range map[string]string{"In progress": "in_progress/", "Complete": "complete/", "Not started": "not_started/",
		"Initiate September 2019": "not_started/2019-09", "initiate by Sept 2019.": "not_started/2019-09", "": "not_started/"} {
		s, m, err := ParseStatus(in)
		if err != nil || s+"/"+m != want {
			t.Errorf("ParseStatus(%q) = %s/%s, %v; want %s", in, s, m, err, want)
		}
	}
	for in, want := range map[string]string{"Council": "council", "ICB": "health", "Council and health": "both",
		"LA / NHS": "both", "Both": "both", "Parent carer forum": "other", "Council; Schools": "other", "": ""} {
		if got := ParseOwners(in); got != want {
			t.Errorf("ParseOwners(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"Priority area 2: Joint commissioning": "2|Joint commissioning",
		"1. Timeliness": "1|Timeliness", "Early help": "|Early help", "3": "3|", "Theme 4 - Transitions": "4|Transitions"} {
		c, ti := ParseArea(in)
		if c+"|"+ti != want {
			t.Errorf("ParseArea(%q) = %s|%s, want %s", in, c, ti, want)
		}
	}
}
