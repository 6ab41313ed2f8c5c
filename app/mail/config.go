// Package mail words the emails of rounds and delivers the outbox over SMTP.
package mail

import (
	"fmt"
	netmail "net/mail"
	"net/url"
	"strconv"
	"strings"
	"time"

	"sendboard/models/round"
)

// Config holds the outgoing mail and round settings.
type Config struct {
	SMTPURL          string // SENDBOARD_SMTP_URL; empty means mail waits in the outbox
	From             string // SENDBOARD_MAIL_FROM
	BaseURL          string // SENDBOARD_BASE_URL, the address links in emails point to
	ReminderSchedule string // SENDBOARD_REMINDER_SCHEDULE, cron in the configured time zone
	ReminderDays     []int  // SENDBOARD_REMINDER_DAYS, working days before the due date; 0 is the due day
	MailSchedule     string // SENDBOARD_MAIL_SCHEDULE
	// SendTimeout (SENDBOARD_MAIL_SEND_TIMEOUT) is how long a mail may stay
	// "sending" before it is taken for lost with a stopped process and tried
	// once more; one mail's SMTP conversation is cut off at half of it.
	SendTimeout time.Duration
	// RunDeadline (SENDBOARD_MAIL_RUN_DEADLINE) bounds one run of the mail
	// job, whatever the SMTP server does: a slow server leaves the rest of the
	// queue to the next run.
	RunDeadline time.Duration
	// NoAnswerLinks (SENDBOARD_EMAIL_LINKS=false) leaves the personal
	// sign-in links out of round emails, for areas whose policy forbids them.
	NoAnswerLinks bool
}

// Defaults is the configuration without any environment: no SMTP server, so
// mail waits in the outbox.
func Defaults() Config {
	return Config{From: "sendboard <sendboard@localhost>", ReminderSchedule: "0 8 * * *", ReminderDays: []int{7, 2, 0},
		MailSchedule: "* * * * *", SendTimeout: round.DefaultSendTimeout,
		RunDeadline: 4 * time.Minute}
}

// FromEnv overlays the SENDBOARD_ mail settings that getenv returns.
func (m *Config) FromEnv(getenv func(string) string) error {
	for key, dst := range map[string]*string{"SENDBOARD_SMTP_URL": &m.SMTPURL, "SENDBOARD_MAIL_FROM": &m.From,
		"SENDBOARD_BASE_URL": &m.BaseURL, "SENDBOARD_REMINDER_SCHEDULE": &m.ReminderSchedule, "SENDBOARD_MAIL_SCHEDULE": &m.MailSchedule} {
		if v := strings.TrimSpace(getenv(key)); v != "" {
			*dst = v
		}
	}
	for key, dst := range map[string]*time.Duration{"SENDBOARD_MAIL_SEND_TIMEOUT": &m.SendTimeout, "SENDBOARD_MAIL_RUN_DEADLINE": &m.RunDeadline} {
		if v := strings.TrimSpace(getenv(key)); v != "" {
			d, err := time.ParseDuration(v)
			if err != nil || d < time.Second || d > 24*time.Hour {
				return fmt.Errorf("%s=%q: a duration from 1s to 24h, e.g. 10m", key, v)
			}
			*dst = d
		}
	}
	if v := strings.TrimSpace(getenv("SENDBOARD_EMAIL_LINKS")); v != "" {
		on, err := strconv.ParseBool(v)
		if err != nil {
			return fmt.Errorf("SENDBOARD_EMAIL_LINKS=%q: use true or false", v)
		}
		m.NoAnswerLinks = !on
	}
	if v := getenv("SENDBOARD_REMINDER_DAYS"); v != "" {
		m.ReminderDays = nil
		for _, f := range strings.Split(v, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(f))
			if err != nil || n < 0 || n > 60 {
				return fmt.Errorf("SENDBOARD_REMINDER_DAYS=%q: list working days before the due date from 0 to 60, e.g. 7,2,0", v)
			}
			m.ReminderDays = append(m.ReminderDays, n)
		}
	}
	return nil
}

// Validate names the first setting that is not usable. The two schedules are
// checked by app.Config.Validate with the scheduler's own parser.
func (m Config) Validate() error {
	if m.SMTPURL != "" {
		if _, err := parseSMTPURL(m.SMTPURL); err != nil {
			return err
		}
	}
	if _, err := netmail.ParseAddress(m.From); err != nil {
		return fmt.Errorf("SENDBOARD_MAIL_FROM=%q: not an email address such as \"SEND Partnership <sendboard@example.org>\"", m.From)
	}
	if m.BaseURL != "" {
		u, err := url.Parse(m.BaseURL)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return fmt.Errorf("SENDBOARD_BASE_URL=%q: the address of this service, e.g. https://sendboard.example.org", m.BaseURL)
		}
	}
	return nil
}

// Configured reports whether an SMTP server is set; without one, mail waits in
// the outbox.
func (m Config) Configured() bool { return m.SMTPURL != "" }

// smtpSettings is a parsed SENDBOARD_SMTP_URL.
type smtpSettings struct {
	Host, User, Pass string
	Port             int
	TLS              string // "starttls" (required), "implicit" (smtps) or "none"
}

// parseSMTPURL reads smtp://user:pass@host:587 (STARTTLS required),
// smtps://host:465 (TLS from the start) or smtp://host:25?tls=none (no
// encryption, only when asked for).
func parseSMTPURL(raw string) (smtpSettings, error) {
	bad := func(why string) (smtpSettings, error) {
		return smtpSettings{}, fmt.Errorf("SENDBOARD_SMTP_URL=%q: %s", redact(raw), why)
	}
	u, err := url.Parse(raw)
	if err != nil || u.Hostname() == "" {
		return bad("expected smtp://user:password@host:587 or smtps://user:password@host:465")
	}
	s := smtpSettings{Host: u.Hostname(), User: u.User.Username()}
	s.Pass, _ = u.User.Password()
	switch u.Scheme {
	case "smtp":
		s.Port, s.TLS = 587, "starttls"
	case "smtps":
		s.Port, s.TLS = 465, "implicit"
	default:
		return bad("use the smtp:// (STARTTLS) or smtps:// (TLS) scheme")
	}
	if p := u.Port(); p != "" {
		if s.Port, err = strconv.Atoi(p); err != nil || s.Port < 1 || s.Port > 65535 {
			return bad("the port must be a number from 1 to 65535")
		}
	}
	for k, v := range u.Query() {
		switch {
		case k == "tls" && len(v) == 1 && v[0] == "none" && u.Scheme == "smtp":
			s.TLS = "none"
		case k == "tls" && len(v) == 1 && v[0] == "starttls" && u.Scheme == "smtp":
		default:
			return bad(fmt.Sprintf("unknown setting %q; the only one is tls=none, to send without encryption", k))
		}
	}
	return s, nil
}

// redact hides a password in a URL before it is printed.
func redact(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "(unparseable URL)"
	}
	return u.Redacted()
}
