package round

import (
	"time"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/gb"

	"sendboard/models"
)

// englandWales is the working-day calendar: Monday to Friday less the England
// and Wales bank holidays, with their substitute days, as kept by the
// maintained rickar/cal holiday rules (gb.Holidays is the England and Wales
// set: the late summer holiday, not Scotland's, and no St Patrick's Day).
var englandWales = func() *cal.BusinessCalendar {
	c := cal.NewBusinessCalendar()
	c.AddHoliday(gb.Holidays...)
	return c
}()

// IsWorkingDay reports whether the date (YYYY-MM-DD) is a working day in
// England and Wales.
func IsWorkingDay(date string) bool {
	d, err := time.Parse(models.DateLayout, date)
	return err == nil && englandWales.IsWorkday(d)
}

// WorkingDaysBefore is the date n working days before date (n = 0: the date
// itself), both as YYYY-MM-DD.
func WorkingDaysBefore(date string, n int) string {
	d, err := time.Parse(models.DateLayout, date)
	if err != nil {
		return ""
	}
	for n > 0 {
		d = d.AddDate(0, 0, -1)
		if englandWales.IsWorkday(d) {
			n--
		}
	}
	return d.Format(models.DateLayout)
}
