package app

import (
	"context"
	"net"
	"net/url"

	"sendboard/models"
)

// The links in emails point to one base URL, whichever process queues them:
// SENDBOARD_BASE_URL, else the address this process was given (--addr or
// SENDBOARD_ADDR), else, for a process that does not serve, the one the
// server recorded when it started, else http://127.0.0.1:8080.

// recordBaseURL fixes the server's base URL once it listens (the real port
// when it was asked for port 0) and stores it for the command line. It warns
// once when mail is configured but the links would open only on this machine.
func (a *App) recordBaseURL(ctx context.Context, ln net.Listener) error {
	if a.Config.Mail.BaseURL == "" {
		if _, port, err := net.SplitHostPort(a.Config.Addr); err == nil && port == "0" {
			a.Config.Mail.BaseURL = "http://" + ln.Addr().String()
		}
	}
	if a.Config.Mail.Configured() && !a.Config.BaseURLReachable() {
		a.Log.Warn("emails will link to " + a.Config.BaseURL() + ", which only this machine can open: " +
			"set SENDBOARD_BASE_URL to the address people use, e.g. https://sendboard.example.org")
	}
	return models.RecordBaseURL(ctx, a.DB, a.Config.BaseURL(), a.Now())
}

// AdoptBaseURL gives a process that does not serve the base URL the server
// recorded, unless SENDBOARD_BASE_URL or SENDBOARD_ADDR name one.
func (a *App) AdoptBaseURL(ctx context.Context) error {
	if a.Config.Mail.BaseURL != "" || a.Config.AddrGiven {
		return nil
	}
	u, err := models.RecordedBaseURL(ctx, a.DB)
	if err != nil || u == "" {
		return err
	}
	a.Config.Mail.BaseURL = u
	return nil
}

// BaseURLReachable reports whether the base URL could open anywhere but this
// machine: its host is not a loopback address (127.0.0.1, ::1, localhost) nor
// the unspecified one a server listens on for every interface (0.0.0.0, ::).
func (c Config) BaseURLReachable() bool {
	u, err := url.Parse(c.BaseURL())
	if err != nil {
		return false
	}
	host := u.Hostname()
	if host == "localhost" {
		return false
	}
	ip := net.ParseIP(host)
	return ip == nil || !(ip.IsLoopback() || ip.IsUnspecified())
}
