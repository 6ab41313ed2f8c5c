package risk

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"gorm.io/gorm"

	"sendboard/models"
)

// resolved is an Input's names turned into the rows they name.
type resolved struct {
	ownerUser, ownerLead *uint
	owner                string
	area                 *uint
	areaCode             string
	actionIDs            []uint
	numbers              []string
}

// resolve looks up the owner, area and actions of in within planID, adding
// to fe a problem for each name that matches nothing.
func resolve(ctx context.Context, db *gorm.DB, planID uint, in Input, fe *models.FieldErrors) (resolved, error) {
	var out resolved
	db = db.WithContext(ctx)
	if in.Owner != "" {
		var row struct {
			ID   uint
			Name string
		}
		if strings.Contains(in.Owner, "@") {
			err := db.Table("users").Select("id, name").Where("email = ? AND NOT disabled", models.NormalizeEmail(in.Owner)).Limit(1).Scan(&row).Error
			if err != nil {
				return out, fmt.Errorf("finding the owner: %w", err)
			}
			out.ownerUser = &row.ID
		} else {
			err := db.Table("leads").Select("id, name").Where("LOWER(name) = LOWER(?) OR slug = ?", models.NormName(in.Owner), models.Slugify(in.Owner)).
				Limit(1).Scan(&row).Error
			if err != nil {
				return out, fmt.Errorf("finding the owner: %w", err)
			}
			out.ownerLead = &row.ID
		}
		if row.ID == 0 {
			fe.Add("owner", "No lead role or active user is called %q: give a lead role's name or a user's email", in.Owner)
		}
		out.owner = row.Name
	}
	if code := strings.TrimSpace(in.Area); code != "" {
		var area models.PriorityArea
		err := db.Where("plan_id = ? AND (code = ? OR CAST(number AS VARCHAR(20)) = ?)", planID, code, code).Limit(1).Find(&area).Error
		if err != nil {
			return out, fmt.Errorf("finding the area: %w", err)
		}
		if area.ID == 0 {
			fe.Add("area", "The plan has no area %q", code)
		} else {
			out.area, out.areaCode = &area.ID, area.Code
		}
	}
	var numbers []string
	for _, n := range in.Actions {
		if n = strings.TrimSpace(n); n != "" && !slices.Contains(numbers, n) {
			numbers = append(numbers, n)
		}
	}
	if len(numbers) > 0 {
		var rows []struct {
			ID     uint
			Number string
		}
		err := db.Table("actions").Select("id, number").Where("plan_id = ? AND number IN ?", planID, numbers).
			Order("major, minor, number").Scan(&rows).Error
		if err != nil {
			return out, fmt.Errorf("finding the actions: %w", err)
		}
		for _, r := range rows {
			out.actionIDs, out.numbers = append(out.actionIDs, r.ID), append(out.numbers, r.Number)
		}
		var missing []string
		for _, n := range numbers {
			if !slices.Contains(out.numbers, n) {
				missing = append(missing, n)
			}
		}
		if len(missing) > 0 {
			fe.Add("actions", "The plan has no action %s", strings.Join(missing, ", "))
		}
	}
	return out, nil
}
