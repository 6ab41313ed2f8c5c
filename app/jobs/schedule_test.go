package jobs_test

import (
	"strings"
	"testing"
	"time"

	"sendboard/app/jobs"
)

// A time zone prefix needs a known zone and a schedule after it; what cron
// v3.0.1 would panic on ("TZ=") or read as UTC ("TZ= * * * * *") is an error.
func TestParseScheduleRefusesBadZonePrefixes(t *testing.T) {
	t.Parallel()
	bad := map[string]string{
		"":                               "empty",
		"TZ=":                            "names no time zone",
		"CRON_TZ=":                       "names no time zone",
		"TZ= 0 6 * * *":                  "names no time zone",
		"CRON_TZ= * * * * *":             "names no time zone",
		"TZ=Europe/London":               "followed by no schedule",
		"CRON_TZ=Europe/London ":         "followed by no schedule",
		"TZ=Europe/London\t0 6 * * *":    "separate the time zone",
		"CRON_TZ=Nowhere/Zone * * * * *": "not a time zone",
		"TZ=../../etc/passwd 0 6 * * *":  "not a time zone",
		"61 * * * *":                     "above maximum",
		"0 6 * *":                        "expected exactly 5 fields",
		"half past six":                  "expected exactly 5 fields",
		"*/0 * * * *":                    "step",
	}
	for spec, want := range bad {
		if _, err := jobs.ParseSchedule(spec); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseSchedule(%q) = %v, want an error saying %q", spec, err, want)
		}
	}
	from := time.Date(2026, 3, 2, 5, 0, 0, 0, time.UTC) // a Monday
	good := map[string]time.Time{
		"0 6 * * *":                          time.Date(2026, 3, 2, 6, 0, 0, 0, time.UTC),
		"@daily":                             time.Date(2026, 3, 3, 0, 0, 0, 0, time.UTC),
		"TZ=America/New_York 0 6 * * *":      time.Date(2026, 3, 2, 11, 0, 0, 0, time.UTC),
		"CRON_TZ=Asia/Tokyo 0 15 * * *":      time.Date(2026, 3, 2, 6, 0, 0, 0, time.UTC),
		"CRON_TZ=Europe/London   30 6 * * 1": time.Date(2026, 3, 2, 6, 30, 0, 0, time.UTC),
	}
	for spec, want := range good {
		s, err := jobs.ParseSchedule(spec)
		if err != nil {
			t.Errorf("ParseSchedule(%q): %v", spec, err)
			continue
		}
		if got := s.Next(from); !got.Equal(want) {
			t.Errorf("%q after %v: next %v, want %v", spec, from, got, want)
		}
	}
}

// No input makes the parser panic: run with -fuzz=FuzzParseSchedule to search.
func FuzzParseSchedule(f *testing.F) {
	for _, s := range []string{"", "TZ=", "CRON_TZ=", "TZ= ", "TZ=UTC", "TZ=UTC 0 6 * * *", "CRON_TZ=Europe/London @daily",
		"@every 1h", "@every", "0 6 * * *", "61 * * * *", "1-5/2 */3 1,15 JAN-MAR MON-FRI", "? ? ? ? ?"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, spec string) {
		s, err := jobs.ParseSchedule(spec)
		if (s == nil) == (err == nil) {
			t.Fatalf("ParseSchedule(%q) = %v, %v: want exactly one of a schedule and an error", spec, s, err)
		}
	})
}
