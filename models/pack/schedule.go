package pack

import (
	"context"
	"slices"
	"time"

	"gorm.io/gorm"

	"sendboard/models"
)

// Due is when the scheduled packs for quarter q fall due: 07:00 in loc on
// the first working day after q ends.
func Due(q models.Period, loc *time.Location) time.Time {
	end := q.End()
	d := time.Date(end.Year(), end.Month(), end.Day(), 7, 0, 0, 0, loc)
	for !WorkingDay(d) {
		d = d.AddDate(0, 0, 1)
	}
	return d
}

// WorkingDay reports whether t's date is a weekday that is not one of the
// England bank holidays that can follow a quarter end: New Year's Day (or its
// substitute), Good Friday and Easter Monday. Other bank holidays never fall
// in the first days of April, July, October or January.
func WorkingDay(t time.Time) bool {
	if t.Weekday() == time.Saturday || t.Weekday() == time.Sunday {
		return false
	}
	y, m, d := t.Date()
	if m == time.January && (d == 1 || d == newYearSubstitute(y)) {
		return false
	}
	easter := easterSunday(y)
	day := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return !day.Equal(easter.AddDate(0, 0, -2)) && !day.Equal(easter.AddDate(0, 0, 1))
}

// newYearSubstitute is the January day that replaces New Year's Day when it
// falls on a weekend, or 0.
func newYearSubstitute(year int) int {
	switch time.Date(year, time.January, 1, 0, 0, 0, 0, time.UTC).Weekday() {
	case time.Saturday:
		return 3
	case time.Sunday:
		return 2
	}
	return 0
}

// easterSunday is Easter Day in the Gregorian calendar (the anonymous
// Gregorian algorithm).
func easterSunday(y int) time.Time {
	a, b, c := y%19, y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return time.Date(y, time.Month(month), day, 0, 0, 0, 0, time.UTC)
}

// ToGenerate lists the board slugs (and "all" for the whole plan) that
// have no pack for quarter q stored by author yet, in two queries.
func ToGenerate(ctx context.Context, db *gorm.DB, q models.Period, author string) ([]string, error) {
	db = db.WithContext(ctx)
	var slugs []string
	if err := db.Model(&models.Board{}).Order("name").Limit(1000).Pluck("slug", &slugs).Error; err != nil {
		return nil, err
	}
	var have []string
	err := db.Model(&Stored{}).Where("quarter = ? AND generated_by_id IS NULL AND generated_by = ?", q.String(), author).
		Distinct().Limit(2000).Pluck("board_key", &have).Error
	if err != nil {
		return nil, err
	}
	var out []string
	for _, s := range append([]string{models.WholePlan}, slugs...) {
		if !slices.Contains(have, s) {
			out = append(out, s)
		}
	}
	return out, nil
}
