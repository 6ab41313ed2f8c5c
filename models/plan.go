package models

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
)

// Plan is one improvement plan of the partnership: a WSoA, a priority action
// plan, a reform plan... Exactly one plan is the default, the one "/" and the
// routes without a plan show.
type Plan struct {
	ID          uint      `gorm:"primaryKey" json:"-"`
	Slug        string    `json:"slug"`
	Name        string    `json:"name"`
	Date        time.Time `json:"date"` // the plan document's date
	Type        string    `gorm:"default:wsoa" json:"type"`
	StartDate   string    `json:"start_date"` // YYYY-MM-DD
	Status      string    `gorm:"default:active" json:"status"`
	Partnership string    `json:"partnership"`
	IsDefault   bool      `json:"is_default"`
	// LACode is the 3-digit local authority number the plan's benchmarks use,
	// when it differs from the global setting.
	LACode    *string   `gorm:"column:la_code" json:"la_code,omitempty"`
	CreatedAt time.Time `json:"-"`
}

// ActionBase prefixes the web addresses of p's actions: the default plan's
// keep their short /actions/N addresses, every other plan's are under
// /plans/{slug}. Pages and emails both link actions this way.
func (p Plan) ActionBase() string {
	if p.IsDefault {
		return "/actions/"
	}
	return "/plans/" + url.PathEscape(p.Slug) + "/actions/"
}

// ActionPath is the web address of p's action number.
func (p Plan) ActionPath(number string) string { return p.ActionBase() + url.PathEscape(number) }

// Milestone is an optional group of a plan's actions, e.g. a section of the plan ("3 Month Milestones (July 2019)") due in a month.
type Milestone struct {
	ID      uint   `gorm:"primaryKey" json:"-"`
	PlanID  uint   `json:"-"`
	Section int    `json:"section"`
	Label   string `json:"label"`
	Due     string `json:"due"` // YYYY-MM
}

// PriorityArea is one of a plan's areas (priority areas, areas for priority
// action, work streams, themes). Code is how the plan names it ("1", "A");
// Number orders the areas and is the filter's value; Owners is the partner
// that must act (see AreaOwners), blank where the plan does not say.
type PriorityArea struct {
	ID     uint   `gorm:"primaryKey" json:"-"`
	PlanID uint   `json:"-"`
	Number int    `json:"number"`
	Code   string `json:"code"`
	Title  string `json:"title"`
	Owners string `json:"owners"`
}

// Board is a governance board that monitors actions.
type Board struct {
	ID   uint   `gorm:"primaryKey" json:"-"`
	Name string `json:"name"`
	Slug string `json:"slug"`
}

// Lead is a lead role ("DCO"); Aliases holds other spellings the document uses,
// separated by "|".
type Lead struct {
	ID      uint   `gorm:"primaryKey" json:"-"`
	Name    string `json:"name"`
	Slug    string `json:"slug"`
	Aliases string `json:"-"`
}

// AliasList splits Aliases.
func (l Lead) AliasList() []string {
	if l.Aliases == "" {
		return nil
	}
	return strings.Split(l.Aliases, "|")
}

var nonSlug = regexp.MustCompile(`[^a-z0-9]+`)

// Slugify turns a name into a URL path segment: "SEND Health Forum" ->
// "send-health-forum", "Łódź-style PAP" -> "lodz-style-pap".
func Slugify(s string) string {
	return strings.Trim(nonSlug.ReplaceAllString(strings.ToLower(foldLatin(s)), "-"), "-")
}

// Plan types, as the inspection frameworks and the 2026 reforms name them.
const (
	PlanWSoA                = "wsoa"
	PlanAPP                 = "app"
	PlanPAP                 = "pap"
	PlanAreasForImprovement = "areas_for_improvement"
	PlanImprovementPlan     = "improvement_plan"
	PlanReformPlan          = "reform_plan"
	PlanOther               = "other"
)

// PlanTypes lists every plan type.
var PlanTypes = []string{PlanWSoA, PlanAPP, PlanPAP, PlanAreasForImprovement, PlanImprovementPlan, PlanReformPlan, PlanOther}

// Plan statuses.
const (
	PlanActive   = "active"
	PlanClosed   = "closed"
	PlanArchived = "archived"
)

// PlanStatuses lists every plan status.
var PlanStatuses = []string{PlanActive, PlanClosed, PlanArchived}

// Area owners: the partner that must act on an area.
const (
	OwnerCouncil = "council"
	OwnerHealth  = "health"
	OwnerBoth    = "both"
	OwnerOther   = "other"
)

// AreaOwners lists every owner an area can have.
var AreaOwners = []string{OwnerCouncil, OwnerHealth, OwnerBoth, OwnerOther}

// PlanTypeLabel is the human wording of a plan type.
func PlanTypeLabel(t string) string {
	switch t {
	case PlanWSoA:
		return "Written Statement of Action"
	case PlanAPP:
		return "Accelerated Progress Plan"
	case PlanPAP:
		return "Priority Action Plan"
	case PlanAreasForImprovement:
		return "Areas for improvement"
	case PlanImprovementPlan:
		return "SEND and AP improvement plan"
	case PlanReformPlan:
		return "Local SEND reform plan"
	case PlanOther:
		return "Other plan"
	}
	return t
}

// OwnersLabel is the human wording of an area's owners.
func OwnersLabel(o string) string {
	switch o {
	case OwnerCouncil:
		return "Council"
	case OwnerHealth:
		return "Health (ICB)"
	case OwnerBoth:
		return "Council and health"
	case OwnerOther:
		return "Other partner"
	}
	return o
}

// DueRevision records one change of an action's due date: from what, to what,
// who, when and why. The action's due_original keeps the first due date.
type DueRevision struct {
	ID         uint `gorm:"primaryKey"`
	ActionID   uint
	FromDue    string
	ToDue      string
	Reason     string
	UserID     *uint
	AuthorName string
	CreatedAt  time.Time
}

// PlanSettings holds the partnership-wide choices about plans (one row).
type PlanSettings struct {
	ID   uint   `gorm:"primaryKey;autoIncrement:false"`
	Home string `gorm:"default:default"` // HomeDefault or HomeList
}

// What "/" shows: the default plan's dashboard, or the list of plans when
// more than one is active.
const (
	HomeDefault = "default"
	HomeList    = "list"
)

// BeforeCreate names an area by its number when the plan gives no code.
func (p *PriorityArea) BeforeCreate(*gorm.DB) error {
	if p.Code == "" {
		p.Code = strconv.Itoa(p.Number)
	}
	return nil
}
