// Package app is the running sendboard application: configuration, database,
// HTTP handlers and templates, wired to the scheduled jobs of app/jobs.
package app

import (
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"

	"sendboard/app/jobs"
	"sendboard/app/mail"
)

// Config holds every setting; Defaults gives a working local setup and
// FromEnv overlays the environment.
type Config struct {
	DatabaseURL       string // PostgreSQL; empty means SQLite at SQLitePath
	SQLitePath        string
	Addr              string
	AddrFrom          string // what set Addr, named in errors: "--addr" or "" for SENDBOARD_ADDR
	AddrGiven         bool   // Addr was set by SENDBOARD_ADDR or --addr, not the default
	UpdateOverdueDays int
	TimeZone          string
	SecureCookies     bool
	SessionIdle       time.Duration
	NoJobs            bool
	FlagSchedule      string
	KPIPullSchedule   string
	PackSchedule      string
	// HousekeepingSchedule (SENDBOARD_HOUSEKEEPING_SCHEDULE) runs the daily
	// purge of stale sign-in throttles, expired sessions and expired plan uploads.
	HousekeepingSchedule string
	FeedURL              string
	// FeedAllow (SENDIASS_FEED_ALLOW) lists the private, loopback or
	// link-local networks the feed may be fetched from although its URL names
	// a host, for a feed on the council's own network.
	FeedAllow    []*net.IPNet
	FeedTimeout  time.Duration
	FeedMaxBytes int64
	LogLevel     string
	MaxBodyBytes int64
	NoPageCache  bool // render every read afresh (SENDBOARD_PAGE_CACHE=false), to measure the uncached path
	// CacheBytes (SENDBOARD_CACHE_BYTES) bounds the rendered pages kept in
	// memory; 0 is the default of 64 MiB.
	CacheBytes int64
	// TrustedProxies are the proxies (SENDBOARD_TRUSTED_PROXIES, comma-separated
	// CIDRs or addresses) whose X-Forwarded-For is believed; with none, the
	// client's address is the direct peer's.
	TrustedProxies []*net.IPNet
	// PprofAddr (SENDBOARD_PPROF) serves the profiler and a SQL statement
	// counter on a separate listener, for benchmark investigations.
	PprofAddr string
	// LACode (SENDBOARD_LA_CODE) is the area's DfE LA number for benchmarks; 838 is Dorset.
	LACode int
	// Chromium (SENDBOARD_CHROMIUM) is the browser that prints PDF packs;
	// empty looks for chromium, chromium-browser or google-chrome on the PATH.
	Chromium string
	Mail     mail.Config
}

// Defaults is the configuration with nothing set.
func Defaults() Config {
	return Config{
		SQLitePath:           "./sendboard.db",
		Addr:                 "127.0.0.1:8080",
		UpdateOverdueDays:    90,
		TimeZone:             "Europe/London",
		SessionIdle:          8 * time.Hour,
		FlagSchedule:         "0 6 * * *",
		KPIPullSchedule:      "30 6 * * *",
		PackSchedule:         "0 7 * * *",
		HousekeepingSchedule: "15 3 * * *",
		FeedTimeout:          30 * time.Second,
		FeedMaxBytes:         10 << 20,
		LogLevel:             "info",
		MaxBodyBytes:         12 << 20,
		LACode:               838,
		Mail:                 mail.Defaults(),
	}
}

// FromEnv overlays environment variables on c, reporting the first bad value by name.
func (c Config) FromEnv(getenv func(string) string) (Config, error) {
	str := func(key string, dst *string) {
		if v := getenv(key); v != "" {
			*dst = v
		}
	}
	str("DATABASE_URL", &c.DatabaseURL)
	str("SENDBOARD_SQLITE", &c.SQLitePath)
	str("SENDBOARD_ADDR", &c.Addr)
	c.AddrGiven = c.AddrGiven || getenv("SENDBOARD_ADDR") != ""
	str("SENDBOARD_TZ", &c.TimeZone)
	str("SENDBOARD_FLAG_SCHEDULE", &c.FlagSchedule)
	str("SENDBOARD_KPI_SCHEDULE", &c.KPIPullSchedule)
	str("SENDBOARD_PACK_SCHEDULE", &c.PackSchedule)
	str("SENDBOARD_HOUSEKEEPING_SCHEDULE", &c.HousekeepingSchedule)
	str("SENDIASS_FEED_URL", &c.FeedURL)
	str("SENDBOARD_LOG_LEVEL", &c.LogLevel)
	str("SENDBOARD_PPROF", &c.PprofAddr)
	str("SENDBOARD_CHROMIUM", &c.Chromium)
	if v := getenv("SENDBOARD_TRUSTED_PROXIES"); v != "" {
		nets, err := ParseTrustedProxies(v)
		if err != nil {
			return c, err
		}
		c.TrustedProxies = nets
	}
	if v := getenv("SENDBOARD_UPDATE_OVERDUE_DAYS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			return c, fmt.Errorf("SENDBOARD_UPDATE_OVERDUE_DAYS=%q: not a whole number of days", v)
		}
		c.UpdateOverdueDays = n
	}
	if v := getenv("SENDBOARD_SECURE_COOKIES"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return c, fmt.Errorf("SENDBOARD_SECURE_COOKIES=%q: use true or false", v)
		}
		c.SecureCookies = b
	}
	if v := getenv("SENDBOARD_PAGE_CACHE"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return c, fmt.Errorf("SENDBOARD_PAGE_CACHE=%q: use true or false", v)
		}
		c.NoPageCache = !b
	}
	if v := getenv("SENDBOARD_CACHE_BYTES"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 1<<20 || n > 1<<36 {
			return c, fmt.Errorf("SENDBOARD_CACHE_BYTES=%q: a number of bytes between 1048576 (1 MiB) and 68719476736 (64 GiB)", v)
		}
		c.CacheBytes = n
	}
	if v := getenv("SENDBOARD_LA_CODE"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 100 || n > 999 {
			return c, fmt.Errorf("SENDBOARD_LA_CODE=%q: expected a 3-digit DfE LA number, e.g. 838 for Dorset", v)
		}
		c.LACode = n
	}
	if v := getenv("SENDIASS_FEED_ALLOW"); v != "" {
		nets, err := parseNets("SENDIASS_FEED_ALLOW", v)
		if err != nil {
			return c, err
		}
		c.FeedAllow = nets
	}
	if v := getenv("SENDIASS_FEED_TIMEOUT"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			return c, fmt.Errorf("SENDIASS_FEED_TIMEOUT=%q: not a duration such as 30s", v)
		}
		c.FeedTimeout = d
	}
	if err := c.Mail.FromEnv(getenv); err != nil {
		return c, err
	}
	return c, c.Validate()
}

// Validate checks every setting and names the first one that is wrong.
func (c Config) Validate() error {
	if c.DatabaseURL != "" {
		u, err := url.Parse(c.DatabaseURL)
		if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") || u.Host == "" && u.Query().Get("host") == "" {
			return fmt.Errorf("DATABASE_URL: expected postgres://user:password@host:port/database, got %q", redactURL(c.DatabaseURL))
		}
	} else if strings.TrimSpace(c.SQLitePath) == "" {
		return fmt.Errorf("SENDBOARD_SQLITE: a file path is required when DATABASE_URL is not set")
	}
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		if c.AddrFrom != "" {
			return fmt.Errorf("%s %q: expected host:port, e.g. 127.0.0.1:8080", c.AddrFrom, c.Addr)
		}
		return fmt.Errorf("SENDBOARD_ADDR=%q: expected host:port, e.g. 127.0.0.1:8080", c.Addr)
	}
	if err := validateFeedSource(c.FeedURL); err != nil {
		return err
	}
	if c.UpdateOverdueDays < 1 || c.UpdateOverdueDays > 3650 {
		return fmt.Errorf("SENDBOARD_UPDATE_OVERDUE_DAYS=%d: must be between 1 and 3650", c.UpdateOverdueDays)
	}
	if _, err := time.LoadLocation(c.TimeZone); err != nil {
		return fmt.Errorf("SENDBOARD_TZ=%q: not a time zone such as Europe/London", c.TimeZone)
	}
	if c.FeedTimeout <= 0 {
		return fmt.Errorf("SENDIASS_FEED_TIMEOUT: must be positive")
	}
	if err := c.Mail.Validate(); err != nil {
		return err
	}
	// Every schedule, the mail ones too (app/mail cannot import app/jobs),
	// checked as the scheduler will read it.
	for _, s := range [][2]string{{"SENDBOARD_FLAG_SCHEDULE", c.FlagSchedule}, {"SENDBOARD_KPI_SCHEDULE", c.KPIPullSchedule},
		{"SENDBOARD_PACK_SCHEDULE", c.PackSchedule}, {"SENDBOARD_HOUSEKEEPING_SCHEDULE", c.HousekeepingSchedule},
		{"SENDBOARD_REMINDER_SCHEDULE", c.Mail.ReminderSchedule}, {"SENDBOARD_MAIL_SCHEDULE", c.Mail.MailSchedule}} {
		if _, err := jobs.ParseSchedule(s[1]); err != nil {
			return fmt.Errorf("%s=%q: not a cron schedule such as \"0 6 * * *\" (%v)", s[0], s[1], err)
		}
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		return fmt.Errorf("SENDBOARD_LOG_LEVEL=%q: use debug, info, warn or error", c.LogLevel)
	}
	return nil
}

// validateFeedSource accepts what the kpi-pull job can read: an http(s) URL
// with a host, or a file path (optionally file://). Any other scheme would
// otherwise be taken for a file name and fail only at the first pull.
func validateFeedSource(src string) error {
	src = strings.TrimSpace(src)
	if src == "" {
		return nil
	}
	u, err := url.Parse(src)
	if err != nil || u.Scheme == "" || len(u.Scheme) == 1 { // no scheme (or a drive letter): a file path
		return nil
	}
	switch u.Scheme { // url.Parse lowercases the scheme
	case "http", "https":
		if u.Host == "" {
			return fmt.Errorf("SENDIASS_FEED_URL=%q: an http(s) URL needs a host, e.g. https://example.org/sendiass.csv", redactURL(src))
		}
		return nil
	case "file":
		if p, ok := strings.CutPrefix(src, "file://"); !ok || p == "" { // the job strips exactly "file://"
			return fmt.Errorf("SENDIASS_FEED_URL=%q: write a file URL as file:///path/to/feed.csv, or give the path alone", src)
		}
		return nil
	}
	return fmt.Errorf("SENDIASS_FEED_URL=%q: the %s scheme is not supported; use an http(s) URL or a file path",
		redactURL(src), u.Scheme)
}

// ParseTrustedProxies reads SENDBOARD_TRUSTED_PROXIES: CIDRs such as
// 10.0.0.0/8, or single addresses, separated by commas.
func ParseTrustedProxies(v string) ([]*net.IPNet, error) {
	return parseNets("SENDBOARD_TRUSTED_PROXIES", v)
}

// parseNets reads a comma-separated list of CIDRs and addresses, naming the
// setting it came from in errors.
func parseNets(setting, v string) ([]*net.IPNet, error) {
	var out []*net.IPNet
	for _, part := range strings.Split(v, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if !strings.Contains(part, "/") {
			ip := net.ParseIP(part)
			if ip == nil {
				return nil, fmt.Errorf("%s: %q is not an address or CIDR such as 10.0.0.0/8", setting, part)
			}
			bits := 128
			if ip.To4() != nil {
				ip, bits = ip.To4(), 32
			}
			out = append(out, &net.IPNet{IP: ip, Mask: net.CIDRMask(bits, bits)})
			continue
		}
		_, n, err := net.ParseCIDR(part)
		if err != nil {
			return nil, fmt.Errorf("%s: %q is not a CIDR such as 10.0.0.0/8", setting, part)
		}
		out = append(out, n)
	}
	return out, nil
}

// BaseURL is the address links in emails point to: SENDBOARD_BASE_URL, else
// the listen address (see base_url.go for the command line's).
func (c Config) BaseURL() string {
	if c.Mail.BaseURL != "" {
		return strings.TrimRight(c.Mail.BaseURL, "/")
	}
	return "http://" + c.Addr
}

// Location is the configured time zone (validated).
func (c Config) Location() *time.Location {
	loc, err := time.LoadLocation(c.TimeZone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// redactURL hides a password in a database URL before it is printed.
func redactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "(unparseable URL)"
	}
	return u.Redacted()
}
