package app_test

import (
	"strings"
	"testing"

	"sendboard/app"
)

func TestConfigValidatesTheFeedSource(t *testing.T) {
	t.Parallel()
	good := []string{"", "https://example.org/sendiass.csv", "http://127.0.0.1:8081/feed.json",
		"HTTPS://Example.org/feed", "/var/lib/sendboard/feed.csv", "feeds/q4.json", "./a:b.csv", "file:///srv/feed.csv"}
	for _, v := range good {
		if _, err := app.Defaults().FromEnv(configEnv(map[string]string{"SENDIASS_FEED_URL": v})); err != nil {
			t.Errorf("SENDIASS_FEED_URL=%q refused: %v", v, err)
		}
	}
	bad := map[string]string{
		"ftp://x/y":                    "ftp scheme is not supported",
		"gopher://host/feed":           "gopher scheme is not supported",
		"https:///feed.csv":            "needs a host",
		"http:feed.csv":                "needs a host",
		"file:relative.csv":            "file:///path",
		"ftp://user:secret@host/f.csv": "ftp scheme",
		"mailto:sendiass@example.org":  "mailto scheme",
	}
	for v, want := range bad {
		_, err := app.Defaults().FromEnv(configEnv(map[string]string{"SENDIASS_FEED_URL": v}))
		if err == nil || !strings.HasPrefix(err.Error(), "SENDIASS_FEED_URL=") || !strings.Contains(err.Error(), want) {
			t.Errorf("SENDIASS_FEED_URL=%q: got %v, want an error naming the variable and saying %q", v, err, want)
		}
		if err != nil && strings.Contains(err.Error(), "secret") {
			t.Errorf("the error shows the password: %v", err)
		}
	}
}

func TestConfigNamesWhereABadAddressCameFrom(t *testing.T) {
	t.Parallel()
	_, err := app.Defaults().FromEnv(configEnv(map[string]string{"SENDBOARD_ADDR": "nonsense"}))
	if err == nil || !strings.HasPrefix(err.Error(), `SENDBOARD_ADDR="nonsense"`) {
		t.Errorf("from the environment: %v", err)
	}
	c := app.Defaults()
	c.Addr, c.AddrFrom = "nonsense", "--addr"
	if err := c.Validate(); err == nil || !strings.HasPrefix(err.Error(), `--addr "nonsense"`) || strings.Contains(err.Error(), "SENDBOARD_ADDR") {
		t.Errorf("from the flag: %v", err)
	}
}

func configEnv(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func TestConfigReadsTheFeedAllowList(t *testing.T) {
	t.Parallel()
	c, err := app.Defaults().FromEnv(configEnv(map[string]string{"SENDIASS_FEED_ALLOW": "10.20.0.0/16, 192.0.2.7"}))
	if err != nil || len(c.FeedAllow) != 2 || c.FeedAllow[1].String() != "192.0.2.7/32" {
		t.Fatalf("%v %v", c.FeedAllow, err)
	}
	if _, err := app.Defaults().FromEnv(configEnv(map[string]string{"SENDIASS_FEED_ALLOW": "intranet"})); err == nil ||
		!strings.HasPrefix(err.Error(), `SENDIASS_FEED_ALLOW: "intranet" is not an address or CIDR`) {
		t.Errorf("bad list: %v", err)
	}
}
