package main

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"
)

// A bad listen address is reported under the name the user gave it.
func TestServeNamesTheBadAddressSource(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c := newCLI(t)
	if code := c.run(ctx, "serve", "--no-jobs", "--addr", "nonsense"); code != 1 ||
		!strings.Contains(c.stderr.String(), `--addr "nonsense"`) || strings.Contains(c.stderr.String(), "SENDBOARD_ADDR") {
		t.Errorf("--addr nonsense: exit %d, stderr %q", code, c.stderr)
	}
	c = newCLI(t)
	c.vars["SENDBOARD_ADDR"] = "nonsense"
	if code := c.run(ctx, "serve", "--no-jobs"); code != 1 || !strings.Contains(c.stderr.String(), `SENDBOARD_ADDR="nonsense"`) {
		t.Errorf("SENDBOARD_ADDR=nonsense: exit %d, stderr %q", code, c.stderr)
	}
}

// An unsupported feed scheme stops every command at start, naming the variable,
// instead of failing at the first pull as a missing file.
func TestFeedURLIsCheckedAtStart(t *testing.T) {
	t.Parallel()
	// Bounded: without the check, serve would start and run until cancelled.
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	for _, cmd := range [][]string{{"serve", "--no-jobs"}, {"jobs", "run", "kpi-pull"}} {
		c := newCLI(t)
		c.vars["SENDIASS_FEED_URL"] = "ftp://x/y"
		code := c.run(ctx, cmd...)
		errOut := c.stderr.String()
		if code != 1 || !strings.Contains(errOut, `SENDIASS_FEED_URL="ftp://x/y"`) || strings.Contains(errOut, "no such file") {
			t.Errorf("%v with an ftp feed: exit %d, stderr %q", cmd, code, errOut)
		}
	}
}

// A schedule cron's parser would panic on stops serve with a message naming
// the setting, before the database is opened.
func TestServeNamesABadSchedule(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for _, v := range []string{"TZ=", "CRON_TZ=Nowhere/Zone * * * * *"} {
		c := newCLI(t)
		c.vars["SENDBOARD_FLAG_SCHEDULE"] = v
		code := c.run(ctx, "serve", "--addr", "127.0.0.1:0")
		errOut := c.stderr.String()
		if code != 1 || !strings.HasPrefix(errOut, "sendboard serve: SENDBOARD_FLAG_SCHEDULE="+strconv.Quote(v)+": ") ||
			strings.Contains(errOut, "panic") {
			t.Errorf("SENDBOARD_FLAG_SCHEDULE=%q: exit %d, stderr %q", v, code, errOut)
		}
	}
}
