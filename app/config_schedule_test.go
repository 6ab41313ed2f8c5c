package app_test

import (
	"strings"
	"testing"

	"sendboard/app"
)

// Every schedule setting is checked at start and named when wrong, including
// the inputs cron itself panics on or silently reads as UTC.
func TestConfigNamesABadSchedule(t *testing.T) {
	t.Parallel()
	vars := []string{"SENDBOARD_FLAG_SCHEDULE", "SENDBOARD_KPI_SCHEDULE", "SENDBOARD_PACK_SCHEDULE",
		"SENDBOARD_HOUSEKEEPING_SCHEDULE", "SENDBOARD_REMINDER_SCHEDULE", "SENDBOARD_MAIL_SCHEDULE"}
	bad := map[string]string{
		"TZ=":                            "TZ= names no time zone",
		"CRON_TZ=":                       "CRON_TZ= names no time zone",
		"TZ= 0 6 * * *":                  "TZ= names no time zone",
		"CRON_TZ=Nowhere/Zone * * * * *": "CRON_TZ=Nowhere/Zone: not a time zone",
		"TZ=Europe/London":               "followed by no schedule",
		"61 * * * *":                     "above maximum",
		"half past six":                  "expected exactly 5 fields",
	}
	for _, name := range vars {
		for v, want := range bad {
			_, err := app.Defaults().FromEnv(configEnv(map[string]string{name: v}))
			if err == nil || !strings.HasPrefix(err.Error(), name+"=") || !strings.Contains(err.Error(), want) {
				t.Errorf("%s=%q: got %v, want an error naming the variable and saying %q", name, v, err, want)
			}
		}
		if _, err := app.Defaults().FromEnv(configEnv(map[string]string{name: "CRON_TZ=Europe/London 0 6 * * 1-5"})); err != nil {
			t.Errorf("%s with a zone prefix refused: %v", name, err)
		}
	}
	// Set but empty is not set: the default schedule stands.
	c := app.Defaults()
	c.FlagSchedule = ""
	if err := c.Validate(); err == nil || !strings.HasPrefix(err.Error(), `SENDBOARD_FLAG_SCHEDULE=""`) {
		t.Errorf("an empty flag schedule: %v", err)
	}
}
