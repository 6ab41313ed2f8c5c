// Package feed pulls the SENDIASS KPI feed, from a URL or a file, and applies
// it all or nothing.
package feed

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"gorm.io/gorm"

	"sendboard/models/measure"
)

// ErrNotConfigured is Pull's answer when no feed source is set.
var ErrNotConfigured = errors.New("not configured (set SENDIASS_FEED_URL)")

// Puller pulls the feed from a URL or a file and applies it. The kpi-pull job
// builds one from the configuration; tests build their own with short
// timeouts and backoff.
type Puller struct {
	DB       *gorm.DB
	Source   string        // http(s) URL or file path
	Timeout  time.Duration // per attempt
	MaxBytes int64
	Attempts int           // tries for network errors and 5xx answers
	Backoff  time.Duration // wait before the second try; doubled for each next one
	// Allow lists the non-public networks the feed may be fetched from
	// (SENDIASS_FEED_ALLOW); see client.go.
	Allow []*net.IPNet
	Log   *slog.Logger
}

// fetched is one answer from the feed.
type fetched struct {
	body         []byte
	name         string // the path, for choosing the format by extension
	contentType  string
	etag         string
	lastModified string
	notModified  bool
}

// Pull fetches the feed and applies it all or nothing. The validators of the
// last good answer go with the request, so an unchanged feed costs a 304. The
// outcome is stored in feed_state; on failure the last good figures stay.
func (p *Puller) Pull(ctx context.Context, now time.Time) (string, error) {
	if p.Source == "" {
		return "", ErrNotConfigured
	}
	st, err := measure.FindFeedState(ctx, p.DB, p.Source)
	if err != nil {
		return "", err
	}
	at := now.UTC()
	st.LastCheckedAt = &at
	f, err := p.fetch(ctx, st)
	var summary string
	if err == nil && f.notModified {
		summary = "feed not modified since the last pull; nothing applied"
	} else if err == nil {
		var res measure.ImportResult
		format := measure.DetectFormat(f.name, f.contentType, f.body)
		res, err = measure.ImportFeed(ctx, p.DB, f.body, format, "feed: "+redact(p.Source), now)
		summary = res.Summary()
	}
	if err != nil {
		st.LastError = err.Error()
		if serr := measure.SaveFeedState(context.WithoutCancel(ctx), p.DB, st); serr != nil {
			return "", errors.Join(err, serr)
		}
		return "", err
	}
	st.LastError, st.LastSuccessAt = "", &at
	if !f.notModified {
		st.ETag, st.LastModified = f.etag, f.lastModified
	}
	return summary, measure.SaveFeedState(ctx, p.DB, st)
}

func (p *Puller) fetch(ctx context.Context, st *measure.FeedState) (*fetched, error) {
	u, err := url.Parse(p.Source)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return p.readFile(strings.TrimPrefix(p.Source, "file://"))
	}
	client := newClient(p.Source, p.Allow, p.Timeout)
	defer client.CloseIdleConnections()
	wait := p.Backoff
	var last error
	for attempt := 1; attempt <= max(p.Attempts, 1); attempt++ {
		if attempt > 1 {
			p.Log.Warn("retrying the KPI feed", "attempt", attempt, "after", wait, "err", last)
			select {
			case <-ctx.Done():
				return nil, ctx.Err()
			case <-time.After(wait):
			}
			wait *= 2
		}
		f, retry, err := p.get(ctx, client, st)
		if err == nil {
			return f, nil
		}
		if !retry || ctx.Err() != nil {
			return nil, err
		}
		last = err
	}
	return nil, fmt.Errorf("%w (gave up after %d attempts)", last, max(p.Attempts, 1))
}

// get makes one request; retry says whether a failure is worth another try
// (network errors and 5xx answers, not 4xx: asking again will not help).
func (p *Puller) get(ctx context.Context, client *http.Client, st *measure.FeedState) (f *fetched, retry bool, err error) {
	// One deadline for the whole exchange, the body included, so a feed that
	// trickles its answer cannot hold the job.
	ctx, cancel := context.WithTimeout(ctx, p.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, p.Source, nil)
	if err != nil {
		return nil, false, err
	}
	req.Header.Set("Accept", "text/csv, application/json;q=0.9")
	if st.ETag != "" {
		req.Header.Set("If-None-Match", st.ETag)
	}
	if st.LastModified != "" {
		req.Header.Set("If-Modified-Since", st.LastModified)
	}
	resp, err := client.Do(req)
	if err != nil {
		p.Log.Warn("the KPI feed request failed", "source", redact(p.Source), "err", err)
		plain, retry := p.plainError(ctx, err)
		return nil, retry, plain
	}
	defer resp.Body.Close()
	// The status code alone: the reason phrase is the peer's text.
	switch {
	case resp.StatusCode == http.StatusNotModified:
		return &fetched{notModified: true}, false, nil
	case resp.StatusCode >= 500:
		return nil, true, fmt.Errorf("the feed answered %d", resp.StatusCode)
	case resp.StatusCode != http.StatusOK:
		return nil, false, fmt.Errorf("the feed answered %d", resp.StatusCode)
	}
	if resp.ContentLength > p.MaxBytes {
		return nil, false, p.tooBig()
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, p.MaxBytes+1))
	if err != nil {
		p.Log.Warn("reading the KPI feed failed", "source", redact(p.Source), "err", err)
		plain, retry := p.plainError(ctx, err)
		return nil, retry, plain
	}
	if int64(len(body)) > p.MaxBytes {
		return nil, false, p.tooBig()
	}
	return &fetched{body: body, name: resp.Request.URL.Path, contentType: resp.Header.Get("Content-Type"),
		etag: resp.Header.Get("ETag"), lastModified: resp.Header.Get("Last-Modified")}, false, nil
}

func (p *Puller) readFile(path string) (*fetched, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("reading the KPI feed: %w", err)
	}
	defer fh.Close()
	body, err := io.ReadAll(io.LimitReader(fh, p.MaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("reading the KPI feed %s: %w", path, err)
	}
	if int64(len(body)) > p.MaxBytes {
		return nil, p.tooBig()
	}
	return &fetched{body: body, name: path}, nil
}

func (p *Puller) tooBig() error {
	return fmt.Errorf("the KPI feed %s is larger than the %d-byte limit; nothing applied", redact(p.Source), p.MaxBytes)
}

// redact hides a password in a feed URL before it is logged or stored.
func redact(s string) string {
	if u, err := url.Parse(s); err == nil && u.User != nil {
		return u.Redacted()
	}
	return s
}
