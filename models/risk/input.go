package risk

import (
	"context"
	"strings"
	"time"

	"gorm.io/gorm"

	"sendboard/models"
)

// Input is a risk as a form or the API gives it. Owner is a lead role's name
// or a person's email; Area is an area's code; Actions are action numbers.
// Reason says why the change is made and is kept in the history.
type Input struct {
	Kind        string
	Title       string
	Description string
	Owner       string
	Likelihood  int
	Impact      int
	TargetScore *int
	Mitigation  string
	ReviewBy    string
	Status      string
	Area        string
	Actions     []string
	Reason      string
	Version     int
}

// InputOf is r as an Input, for a partial change to start from.
func InputOf(r *Risk) Input {
	return Input{Kind: r.Kind, Title: r.Title, Description: r.Description, Owner: r.Owner,
		Likelihood: r.Likelihood, Impact: r.Impact, TargetScore: r.TargetScore, Mitigation: r.Mitigation,
		ReviewBy: r.ReviewBy, Status: r.Status, Area: r.AreaCode, Actions: append([]string(nil), r.Actions...),
		Version: r.Version}
}

const (
	maxTitle = 300
	maxText  = 10000
)

// check validates what needs no database, naming each field that is wrong.
func (in *Input) check() models.FieldErrors {
	var fe models.FieldErrors
	in.Title = strings.TrimSpace(in.Title)
	in.Owner = strings.TrimSpace(in.Owner)
	in.ReviewBy = strings.TrimSpace(in.ReviewBy)
	if in.Kind == "" {
		in.Kind = KindRisk
	}
	if in.Status == "" {
		in.Status = StatusOpen
	}
	switch {
	case in.Title == "":
		fe.Add("title", "Enter a title")
	case len([]rune(in.Title)) > maxTitle:
		fe.Add("title", "Title must be %d characters or fewer", maxTitle)
	}
	if len(in.Description) > maxText {
		fe.Add("description", "Description must be %d characters or fewer", maxText)
	}
	if len(in.Mitigation) > maxText {
		fe.Add("mitigation", "Mitigation must be %d characters or fewer", maxText)
	}
	if len(in.Reason) > maxText {
		fe.Add("reason", "Reason must be %d characters or fewer", maxText)
	}
	if in.Kind != KindRisk && in.Kind != KindIssue {
		fe.Add("kind", "Kind must be risk or issue, not %q", in.Kind)
	}
	if in.Status != StatusOpen && in.Status != StatusClosed {
		fe.Add("status", "Status must be open or closed, not %q", in.Status)
	}
	if in.Owner == "" {
		fe.Add("owner", "Enter the owner: a lead role or a person's email")
	}
	if in.Likelihood < 1 || in.Likelihood > 5 {
		fe.Add("likelihood", "Likelihood must be a whole number from 1 to 5")
	}
	if in.Impact < 1 || in.Impact > 5 {
		fe.Add("impact", "Impact must be a whole number from 1 to 5")
	}
	if in.TargetScore != nil && (*in.TargetScore < 1 || *in.TargetScore > 25) {
		fe.Add("target_score", "Target score must be a whole number from 1 to 25")
	}
	if in.ReviewBy != "" {
		if _, err := time.Parse(time.DateOnly, in.ReviewBy); err != nil {
			fe.Add("review_by", "Review by must be a real date written YYYY-MM-DD, not %q", in.ReviewBy)
		}
	}
	if len(in.Actions) > 100 {
		fe.Add("actions", "A risk can name at most 100 actions, not %d", len(in.Actions))
	}
	return fe
}

// Validate reports every problem with in for planID without saving, for a
// form that found problems of its own to show them all at once.
func Validate(ctx context.Context, db *gorm.DB, planID uint, in Input) (models.FieldErrors, error) {
	fe := in.check()
	_, err := resolve(ctx, db, planID, in, &fe)
	return fe, err
}
