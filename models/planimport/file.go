package planimport

import (
	"cmp"
	"context"
	"regexp"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"sendboard/models"
	"sendboard/models/planfile"
)

// maxBoards bounds the boards a file is read against, as many as LoadNames reads.
const maxBoards = 10_000

// Request is a request to make a plan from a spreadsheet.
type Request struct {
	Name      string
	Type      string
	File      string // the file's name, for the attribution of its progress text
	Sheet     string
	HeaderRow int // 1-based; found when 0
	Map       map[planfile.Field]string
	MaxBytes  int64 // a smaller bound than planfile.MaxFileBytes, if set
	// SameLead and SameBoard map a name the file uses to the existing lead
	// or board (by name, alias or slug) it is another spelling of.
	SameLead, SameBoard map[string]string
	// Flags are the flag rules' settings the imported actions are flagged
	// by as they are written; zero gives models.DefaultFlagConfig.
	Flags models.FlagConfig
	// Values are the admin's readings of the file's status and RAG words.
	Values map[planfile.ValueKey]planfile.Reading
	// CompletedOn is the day ("YYYY-MM-DD") the actions the file marks
	// Complete were completed, for those without a date of their own.
	CompletedOn string
}

// Result is what an import found (a preview) or did.
type Result struct {
	File      *planfile.Result
	Slug      string
	NewLeads  []string // lead and SRO names not yet known: created by the import
	NewBoards []string
	Joint     jointLeads   // lead cells read as several leads; see leads.go
	Same      sameNames    // new names the admin said are existing ones; see names.go
	Similar   []Similar    // existing names like each new one; see names.go
	Plan      *models.Plan // the plan made; nil for a preview
	Updates   int          // progress updates made from the Progress column and the review periods
	// Undone counts the actions marked Complete with no date they were
	// completed: the admin is asked for one.
	Undone int
}

// Err is the file's problems, or nil.
func (r *Result) Err() error {
	if r == nil || r.File == nil {
		return nil
	}
	return r.File.Err()
}

// Preview reads data as Import would and reports what it would
// do, changing nothing. A file that cannot be read at all is an InvalidError
// on "file"; problems with its rows are in the result. A bad name or type is
// an InvalidError too, with the result of reading the file.
func Preview(ctx context.Context, db *gorm.DB, data []byte, in Request, now time.Time) (*Result, error) {
	return readPlanFile(db.WithContext(ctx), data, in, now)
}

// readPlanFile reads the file against the boards and leads in db, checks
// what only the database knows, then checks the name and type.
func readPlanFile(db *gorm.DB, data []byte, in Request, now time.Time) (*Result, error) {
	if in.MaxBytes > 0 && int64(len(data)) > in.MaxBytes {
		return nil, models.Invalid("file", "The file is larger than the %d MiB limit", in.MaxBytes>>20)
	}
	nm, err := models.LoadNames(db)
	if err != nil {
		return nil, err
	}
	var boards []models.Board
	if err := db.Order("id").Limit(maxBoards).Find(&boards).Error; err != nil {
		return nil, err
	}
	known := make([]string, len(boards))
	for i, b := range boards {
		known[i] = b.Name
	}
	f, err := planfile.ParseContext(db.Statement.Context, data, planfile.Options{Sheet: in.Sheet, HeaderRow: in.HeaderRow, Map: in.Map,
		KnownBoards: known, Values: in.Values})
	if err != nil {
		if db.Statement.Context.Err() != nil {
			return nil, err // the deadline passed or the client left: the caller words it
		}
		return nil, models.Invalid("file", "%s", err.Error())
	}
	res := &Result{File: f}
	today := now.Format(time.DateOnly)
	for _, a := range f.Plan.Actions {
		if a.Status == planfile.StatusComplete && a.Completed == "" && completedPeriod(a) == "" {
			res.Undone++
		}
		if a.Completed > today {
			f.AddProblem(a.Row, f.Header(planfile.FieldCompleted), "%s is after today: give the day the work was completed",
				planfile.DueWords(a.Completed))
		}
	}
	if len(f.Plan.Actions) == 0 && f.ProblemCount == 0 {
		f.AddProblem(0, "", "no actions below the header row (row %d)", f.HeaderRow)
	}
	checkNumbers(f)
	res.Joint = splitLeadCells(f, nm)
	if res.Same, err = sameNamesOf(nm, in); err != nil {
		return res, err
	}
	// New names are matched as the plan model matches them: by name, alias or slug.
	res.NewLeads, res.NewBoards = nm.Unknown(res.leadNames(), f.Boards)
	res.Similar = similarNames(nm, res.Same, res.NewLeads, res.NewBoards)
	if in.CompletedOn != "" {
		if _, err := time.Parse(time.DateOnly, in.CompletedOn); err != nil {
			return res, models.Invalid("completed_on", "Enter the date the actions were completed as a real date")
		}
		if in.CompletedOn > now.Format(time.DateOnly) {
			return res, models.Invalid("completed_on", "The date the actions were completed must be today or in the past")
		}
	}
	return res, checkFilePlanName(db, res, in, now)
}

// checkFilePlanName checks the name and type as the plan model does and sets
// the plan's slug; a slug taken or reserved is a problem with the name.
func checkFilePlanName(db *gorm.DB, res *Result, in Request, now time.Time) error {
	pi := models.PlanInput{Name: in.Name, Type: in.Type, StartDate: now.Format("2006-01-02")}
	if err := pi.Validate(); err != nil {
		if ie, ok := models.IsInvalid(err); ok && ie.Field == "slug" {
			return models.Invalid("name", "Choose a name with letters or digits that does not make the web address %q", pi.Slug)
		}
		return err
	}
	res.Slug = pi.Slug
	if res.Slug == "import" {
		// "/plans/import" is this page, so a plan there could not be reached.
		return models.Invalid("name", "Choose a name that does not make the web address %q", res.Slug)
	}
	var n int64
	if err := db.Model(&models.Plan{}).Where("slug = ?", res.Slug).Count(&n).Error; err != nil {
		return err
	}
	if n > 0 {
		return models.Invalid("name", "A plan called %q (/plans/%s) already exists: choose another name", pi.Name, res.Slug)
	}
	return nil
}

// checkNumbers adds a problem for each action number the plan model cannot
// sort and each name that cannot be given a web address.
func checkNumbers(f *planfile.Result) {
	h := f.Header(planfile.FieldRef)
	if h == "" {
		h = planfile.FieldRef.Label()
	}
	for _, a := range f.Plan.Actions {
		if a.Number == "" {
			continue // already reported
		}
		if _, _, err := models.SplitNumber(a.Number); err != nil {
			f.AddProblem(a.Row, h, "%s", err.Error())
		}
		// A name needs a letter or digit to have a web address of its own.
		for fl, names := range map[planfile.Field][]string{planfile.FieldLead: {a.Lead}, planfile.FieldSRO: {a.SRO}, planfile.FieldBoard: a.Boards} {
			for _, n := range names {
				if n != "" && models.Slugify(n) == "" {
					f.AddProblem(a.Row, cmp.Or(f.Header(fl), fl.Label()), "%q has no letters or digits", n)
				}
			}
		}
	}
}

var labelMonth = regexp.MustCompile(`(?i)(january|february|march|april|may|june|july|august|september|october|november|december)\s+(\d{4})`)

// milestoneDue is the month a milestone label names ("3 Month Milestones (July
// 2019)" -> 2019-07), else the latest month its actions are due, else "".
func milestoneDue(label string, actions []planfile.Action) string {
	if m := labelMonth.FindStringSubmatch(label); m != nil {
		if mon, err := models.MonthFromWords(strings.ToUpper(m[1][:1]) + strings.ToLower(m[1][1:]) + " " + m[2]); err == nil {
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
