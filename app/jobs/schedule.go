package jobs

import (
	"fmt"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
)

// ParseSchedule parses a job schedule as the scheduler reads it: five fields
// (minute hour day-of-month month day-of-week) or a descriptor such as @daily,
// optionally after a "TZ=Zone " or "CRON_TZ=Zone " prefix. Unlike
// cron.ParseStandard it never panics (v3.0.1 slices out of range on "TZ=" with
// nothing after it) and refuses an empty zone, which cron would read as UTC.
func ParseSchedule(spec string) (s cron.Schedule, err error) {
	if err := checkZonePrefix(spec); err != nil {
		return nil, err
	}
	defer func() {
		if p := recover(); p != nil { // a parser bug must not stop the start
			s, err = nil, fmt.Errorf("unreadable schedule (%v)", p)
		}
	}()
	return cron.ParseStandard(spec)
}

// checkZonePrefix checks a TZ= or CRON_TZ= prefix the way cron splits it: the
// zone runs from the "=" to the first space and the schedule follows.
func checkZonePrefix(spec string) error {
	var prefix string
	switch {
	case strings.HasPrefix(spec, "TZ="):
		prefix = "TZ="
	case strings.HasPrefix(spec, "CRON_TZ="):
		prefix = "CRON_TZ="
	default:
		return nil
	}
	zone, rest, found := strings.Cut(spec[len(prefix):], " ")
	switch {
	case zone == "":
		return fmt.Errorf("%s names no time zone: write e.g. %q", prefix, prefix+"Europe/London 0 6 * * *")
	case strings.ContainsAny(zone, "\t\n\v\f\r"): // cron splits at the first space only
		return fmt.Errorf("%s: separate the time zone from the schedule with a space", prefix)
	case !found || strings.TrimSpace(rest) == "":
		return fmt.Errorf("%s%s is followed by no schedule: write e.g. %q", prefix, zone, prefix+zone+" 0 6 * * *")
	}
	if _, err := time.LoadLocation(zone); err != nil {
		return fmt.Errorf("%s%s: not a time zone such as Europe/London", prefix, zone)
	}
	return nil
}
