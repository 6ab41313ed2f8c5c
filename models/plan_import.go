package models

import (
	"context"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"gorm.io/gorm"

	"sendboard/models/planfile"
)

// PlanImport is a request to make a plan from a spreadsheet.
type PlanImport struct {
	Name      string
	Type      string
	File      string // the file's name, for the attribution of its progress text
	Sheet     string
	HeaderRow int // 1-based; found when 0
	Map       map[planfile.Field]string
	MaxBytes  int64 // a smaller bound than planfile.MaxFileBytes, if set
}

// PlanImportResult is what an import found (a preview) or did.
type PlanImportResult struct {
	File      *planfile.Result
	Slug      string
	NewLeads  []string // lead and SRO names not yet known: created by the import
	NewBoards []string
	Plan      *Plan // the plan made; nil for a preview
	Updates   int   // progress updates made from the Progress column
}

// Err is the file's problems, or nil.
func (r *PlanImportResult) Err() error {
	if r == nil || r.File == nil {
		return nil
	}
	return r.File.Err()
}

// PreviewPlanImport reads data as ImportPlan would and reports what it would
// do, changing nothing. A file that cannot be read at all is an InvalidError
// on "file"; problems with its rows are in the result. A bad name or type is
// an InvalidError too, with the result of reading the file.
func PreviewPlanImport(ctx context.Context, db *gorm.DB, data []byte, in PlanImport) (*PlanImportResult, error) {
	return readPlanImport(db.WithContext(ctx), data, in)
}

// readPlanImport reads the file against the boards and leads in db, checks
// what only the database knows, then checks the name and type.
func readPlanImport(db *gorm.DB, data []byte, in PlanImport) (*PlanImportResult, error) {
	if in.MaxBytes > 0 && int64(len(data)) > in.MaxBytes {
		return nil, Invalid("file", "The file is larger than the %d MiB limit", in.MaxBytes>>20)
	}
	var boards []Board
	if err := db.Order("id").Limit(maxReference).Find(&boards).Error; err != nil {
		return nil, err
	}
	known := make([]string, len(boards))
	for i, b := range boards {
		known[i] = b.Name
	}
	f, err := planfile.Parse(data, planfile.Options{Sheet: in.Sheet, HeaderRow: in.HeaderRow, Map: in.Map, KnownBoards: known})
	if err != nil {
		return nil, Invalid("file", "%s", err.Error())
	}
	res := &PlanImportResult{File: f}
	if len(f.Plan.Actions) == 0 && f.ProblemCount == 0 {
		f.AddProblem(0, "", "no actions below the header row (row %d)", f.HeaderRow)
	}
	checkNumbers(f)
	leads, err := leadIndex(db)
	if err != nil {
		return nil, err
	}
	for _, l := range f.Leads {
		if _, ok := leads[strings.ToLower(l)]; !ok {
			res.NewLeads = append(res.NewLeads, l)
		}
	}
	have := map[string]bool{}
	for _, b := range known {
		have[strings.ToLower(b)] = true
	}
	for _, b := range f.Boards {
		if !have[strings.ToLower(b)] {
			res.NewBoards = append(res.NewBoards, b)
		}
	}
	return res, checkPlanName(db, res, in)
}

// checkPlanName checks the name and type and sets the plan's slug.
func checkPlanName(db *gorm.DB, res *PlanImportResult, in PlanImport) error {
	name := strings.Join(strings.Fields(in.Name), " ")
	res.Slug = Slugify(name)
	switch {
	case name == "":
		return Invalid("name", "Enter the plan's name")
	case len(name) > 200:
		return Invalid("name", "The name must be 200 characters or fewer")
	case res.Slug == "" || reservedPlanSlugs[res.Slug]:
		return Invalid("name", "Choose a name with letters or digits that is not %q", name)
	case !slices.Contains(PlanTypes, in.Type):
		return Invalid("type", "Choose the plan's type")
	}
	var n int64
	if err := db.Model(&Plan{}).Where("slug = ?", res.Slug).Count(&n).Error; err != nil {
		return err
	}
	if n > 0 {
		return Invalid("name", "A plan called %q (/plans/%s) already exists: choose another name", name, res.Slug)
	}
	return nil
}

// reservedPlanSlugs are paths under /plans that are not plans.
var reservedPlanSlugs = map[string]bool{"import": true, "new": true, "export": true}

// maxReference bounds the boards and leads read to match names against.
const maxReference = 100_000

// checkNumbers adds a problem for each action number the plan model cannot sort.
func checkNumbers(f *planfile.Result) {
	h := f.Header(planfile.FieldRef)
	if h == "" {
		h = planfile.FieldRef.Label()
	}
	for _, a := range f.Plan.Actions {
		if a.Number == "" {
			continue // already reported
		}
		if _, _, err := SplitNumber(a.Number); err != nil {
			f.AddProblem(a.Row, h, "%s", err.Error())
		}
	}
}

// leadIndex maps each lead's name and alias, lower-cased, to its id.
func leadIndex(db *gorm.DB) (map[string]uint, error) {
	var leads []Lead
	if err := db.Order("id").Limit(maxReference).Find(&leads).Error; err != nil {
		return nil, err
	}
	out := make(map[string]uint, len(leads))
	for _, l := range leads {
		for _, n := range append([]string{l.Name}, l.AliasList()...) {
			if _, ok := out[strings.ToLower(n)]; !ok {
				out[strings.ToLower(n)] = l.ID
			}
		}
	}
	return out, nil
}

var labelMonth = regexp.MustCompile(`(?i)(january|february|march|april|may|june|july|august|september|october|november|december)\s+(\d{4})`)

// milestoneDue is the month a milestone label names ("3 Month Milestones (July
// 2019)" -> 2019-07), else the latest month its actions are due, else "".
func milestoneDue(label string, actions []planfile.Action) string {
	if m := labelMonth.FindStringSubmatch(label); m != nil {
		if mon, err := MonthFromWords(strings.ToUpper(m[1][:1]) + strings.ToLower(m[1][1:]) + " " + m[2]); err == nil {
			return mon
		}
	}
	due := ""
	for _, a := range actions {
		if a.Milestone == label && len(a.Due) >= 7 && a.Due[:7] > due {
			due = a.Due[:7]
		}
	}
	return due
}

// areaNumbers numbers the areas by their codes when these are distinct
// whole numbers, as most plans' are, else in file order.
func areaNumbers(areas []planfile.Area) []int {
	out := make([]int, len(areas))
	seen := map[int]bool{}
	for i, a := range areas {
		n, err := strconv.Atoi(a.Code)
		if err != nil || n < 1 || seen[n] {
			for j := range out {
				out[j] = j + 1
			}
			return out
		}
		seen[n], out[i] = true, n
	}
	return out
}
