package feed_test

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"sendboard/models/measure"
	"sendboard/models/modeltest"
	"sendboard/seeds/seedtest"
)

// rawServer answers every connection on 127.0.0.1 with reply, whatever was
// asked: a peer that does not speak HTTP, or speaks it badly.
func rawServer(t *testing.T, reply string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				bufio.NewReader(c).ReadString('\n')
				io.WriteString(c, reply)
			}()
		}
	}()
	return "http://" + ln.Addr().String() + "/feed.csv"
}

// closedPort is an address on 127.0.0.1 where nothing listens.
func closedPort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

func storedError(t *testing.T, d modeltest.DB, source string) string {
	t.Helper()
	st, err := measure.FindFeedState(context.Background(), d.DB, source)
	if err != nil {
		t.Fatal(err)
	}
	return st.LastError
}

// TestFeedClientRefusesRedirectsAndInternalAddresses: the feed is fetched
// from its configured host only. A redirect to another host (here, a
// loopback port under another name) is refused before it is followed; a
// configured name that resolves to a loopback address is refused at the
// dialled IP unless SENDIASS_FEED_ALLOW lists it; a configured address is
// trusted as given.
func TestFeedClientRefusesRedirectsAndInternalAddresses(t *testing.T) {
	t.Parallel()
	d := modeltest.SQLiteWith(t, seedtest.Seeded)
	ctx := context.Background()
	inside := newFeedServer(t, serve("text/csv", goodCSV))
	insidePort := inside.URL[strings.LastIndex(inside.URL, ":")+1:]

	t.Run("redirect to another host", func(t *testing.T) {
		srv := newFeedServer(t, func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "http://localhost:"+insidePort+"/internal", http.StatusFound)
		})
		_, err := puller(d, srv.URL).Pull(ctx, pullNow)
		const want = "the feed redirected to another host, which sendboard does not follow"
		if err == nil || err.Error() != want || inside.hits.Load() != 0 || srv.hits.Load() != 1 {
			t.Fatalf("%v; %d requests reached the redirect's target, %d the feed", err, inside.hits.Load(), srv.hits.Load())
		}
		if got := storedError(t, d, srv.URL); got != want {
			t.Errorf("stored %q", got)
		}
	})
	t.Run("redirect within the host", func(t *testing.T) {
		srv := newFeedServer(t, func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path != "/feed.csv" {
				http.Redirect(w, r, "/feed.csv", http.StatusMovedPermanently)
				return
			}
			serve("text/csv", goodCSV)(w, r)
		})
		if sum, err := puller(d, srv.URL+"/old").Pull(ctx, pullNow); err != nil || srv.hits.Load() != 2 {
			t.Fatalf("%q, %v after %d requests", sum, err, srv.hits.Load())
		}
	})
	t.Run("a name that resolves to loopback", func(t *testing.T) {
		before := inside.hits.Load()
		source := "http://localhost:" + insidePort + "/feed.csv"
		_, err := puller(d, source).Pull(ctx, pullNow)
		if err == nil || !strings.Contains(err.Error(), "the feed's host has the loopback address ") ||
			!strings.Contains(err.Error(), "SENDIASS_FEED_ALLOW") || inside.hits.Load() != before {
			t.Fatalf("%v; %d requests reached it", err, inside.hits.Load()-before)
		}
		p := puller(d, source)
		_, loopback, _ := net.ParseCIDR("127.0.0.0/8")
		p.Allow = append(p.Allow, loopback)
		if _, err := p.Pull(ctx, pullNow); err != nil || inside.hits.Load() != before+1 {
			t.Fatalf("allowed: %v", err)
		}
	})
}

// TestFeedErrorsSayNothingThePeerSent: a bad status line, a banner, a 502
// with a reason phrase and a closed port are all recorded in sendboard's
// words; an open port that does not speak HTTP reads the same as a closed one.
func TestFeedErrorsSayNothingThePeerSent(t *testing.T) {
	t.Parallel()
	d := modeltest.SQLiteWith(t, seedtest.Seeded)
	ctx := context.Background()
	const generic = "the feed could not be reached, or did not answer over HTTP (gave up after 3 attempts)"
	for name, source := range map[string]string{
		"malformed status": rawServer(t, "HTTP/1.1 rt-sink.local\r\n\r\n"),
		"a banner":         rawServer(t, "SSH-2.0-OpenSSH_9.2 rt-sink.local\r\n"),
		"closed port":      "http://" + closedPort(t) + "/feed.csv",
	} {
		_, err := puller(d, source).Pull(ctx, pullNow)
		if err == nil || err.Error() != generic {
			t.Errorf("%s: %v, want %q", name, err, generic)
		}
		if got := storedError(t, d, source); got != generic {
			t.Errorf("%s: stored %q", name, got)
		}
	}
	source := rawServer(t, "HTTP/1.1 502 rt-sink.local says hello\r\nContent-Length: 11\r\n\r\nrt-sink.local")
	_, err := puller(d, source).Pull(ctx, pullNow)
	if want := "the feed answered 502 (gave up after 3 attempts)"; err == nil || err.Error() != want || storedError(t, d, source) != want {
		t.Errorf("502: %v, stored %q", err, storedError(t, d, source))
	}
}

// TestFeedThatTricklesIsCutOff: a feed that sends its headers and then a byte
// now and again is cut off at the timeout, body included.
func TestFeedThatTricklesIsCutOff(t *testing.T) {
	t.Parallel()
	d := modeltest.SQLiteWith(t, seedtest.Seeded)
	srv := newFeedServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/csv")
		for {
			if _, err := io.WriteString(w, "k"); err != nil {
				return
			}
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	})
	p := puller(d, srv.URL)
	p.Timeout, p.Attempts = 300*time.Millisecond, 1
	start := time.Now()
	_, err := p.Pull(context.Background(), pullNow)
	if err == nil || !strings.HasPrefix(err.Error(), "the feed did not answer within 300 ms") || time.Since(start) > 2*time.Second {
		t.Fatalf("%v after %s", err, time.Since(start))
	}
}
