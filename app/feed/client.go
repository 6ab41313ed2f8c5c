package feed

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"syscall"
	"time"
)

// The feed is fetched by a server that can reach the council's internal
// network and its own loopback ports, from a URL whose answers nobody here
// controls. So the client dials only public addresses, unless the configured
// URL itself names a non-public address or the allow-list (SENDIASS_FEED_ALLOW)
// covers it; follows redirects only within the configured host; does not use
// a proxy from the environment (the proxy's address would be the one
// checked); and words every failure itself, never passing on what the peer
// sent.

// maxRedirects bounds the redirects followed within the feed's host.
const maxRedirects = 5

// addressRefused is a connection the client would not make.
type addressRefused struct {
	ip   net.IP
	kind string
}

func (e *addressRefused) Error() string {
	return fmt.Sprintf("the feed's host has the %s address %s, which sendboard does not fetch from unless SENDIASS_FEED_ALLOW lists it", e.kind, e.ip)
}

// errRedirectRefused is a redirect away from the configured host.
var errRedirectRefused = errors.New("the feed redirected to another host, which sendboard does not follow")

// dialPolicy says which addresses the client may connect to.
type dialPolicy struct {
	configured net.IP // the configured URL's host, when it is an address
	allow      []*net.IPNet
}

func (p dialPolicy) check(ip net.IP) error {
	kind := nonPublic(ip)
	if kind == "" || (p.configured != nil && p.configured.Equal(ip)) {
		return nil
	}
	for _, n := range p.allow {
		if n.Contains(ip) {
			return nil
		}
	}
	return &addressRefused{ip: ip, kind: kind}
}

// cgnat is the shared address space carriers use (RFC 6598), private in effect.
var cgnat = &net.IPNet{IP: net.IPv4(100, 64, 0, 0).To4(), Mask: net.CIDRMask(10, 32)}

// nonPublic names the kind of a loopback, private, link-local or otherwise
// non-public address, or says "" for a public one.
func nonPublic(ip net.IP) string {
	switch {
	case ip.IsLoopback():
		return "loopback"
	case ip.IsPrivate(), cgnat.Contains(ip):
		return "private"
	case ip.IsLinkLocalUnicast(), ip.IsLinkLocalMulticast():
		return "link-local"
	case ip.IsUnspecified(), ip.IsMulticast(), ip.IsInterfaceLocalMulticast():
		return "non-public"
	}
	return ""
}

// newClient is the HTTP client for the feed at source.
func newClient(source string, allow []*net.IPNet, timeout time.Duration) *http.Client {
	base, _ := url.Parse(source)
	policy := dialPolicy{configured: net.ParseIP(base.Hostname()), allow: allow}
	dialer := &net.Dialer{Timeout: timeout, Control: func(_, address string, _ syscall.RawConn) error {
		host, _, err := net.SplitHostPort(address)
		if err != nil {
			return err
		}
		ip := net.ParseIP(host)
		if ip == nil {
			return fmt.Errorf("dialling %q, which is not an address", host)
		}
		return policy.check(ip)
	}}
	transport := &http.Transport{
		DialContext: dialer.DialContext, ForceAttemptHTTP2: true, MaxIdleConns: 2, IdleConnTimeout: 30 * time.Second,
		TLSHandshakeTimeout: timeout, ResponseHeaderTimeout: timeout, MaxResponseHeaderBytes: 64 << 10,
	}
	return &http.Client{Transport: transport, CheckRedirect: func(req *http.Request, via []*http.Request) error {
		if len(via) >= maxRedirects {
			return fmt.Errorf("the feed redirected more than %d times", maxRedirects)
		}
		if !sameHost(base, req.URL) {
			return errRedirectRefused
		}
		return nil
	}}
}

// sameHost reports whether a redirect to u stays on base's host: the same
// name and port, or the same name on the default port of u's scheme (http to
// https).
func sameHost(base, u *url.URL) bool {
	if !strings.EqualFold(base.Hostname(), u.Hostname()) {
		return false
	}
	return portOf(base) == portOf(u) || u.Port() == ""
}

func portOf(u *url.URL) string {
	if p := u.Port(); p != "" {
		return p
	}
	if strings.EqualFold(u.Scheme, "https") {
		return "443"
	}
	return "80"
}

// plainError words a failed request for the job's record and the feed state:
// what went wrong in sendboard's words, never the peer's bytes (a status
// line, a banner) nor anything that tells an open port from a closed one.
// retry says whether another try could help.
func (p *Puller) plainError(ctx context.Context, err error) (plain error, retry bool) {
	var refused *addressRefused
	var dns *net.DNSError
	switch {
	case errors.As(err, &refused):
		return refused, false
	case errors.Is(err, errRedirectRefused):
		return errRedirectRefused, false
	case strings.Contains(err.Error(), "redirected more than"):
		return fmt.Errorf("the feed redirected more than %d times", maxRedirects), false
	case errors.Is(err, context.DeadlineExceeded) || ctx.Err() != nil || isTimeout(err):
		return fmt.Errorf("the feed did not answer within %s", seconds(p.Timeout)), true
	case errors.As(err, &dns) && dns.IsNotFound:
		return fmt.Errorf("the feed's host %s was not found", dns.Name), true
	}
	return errors.New("the feed could not be reached, or did not answer over HTTP"), true
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// seconds writes a timeout as people read it: "30 s", "1.5 s", "200 ms".
func seconds(d time.Duration) string {
	switch {
	case d < time.Second:
		return fmt.Sprintf("%d ms", d.Milliseconds())
	case d%time.Second == 0:
		return fmt.Sprintf("%d s", d/time.Second)
	}
	return fmt.Sprintf("%g s", d.Seconds())
}
