package feed_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"sendboard/app/feed"
	"sendboard/models"
	"sendboard/models/jobrun"
	"sendboard/models/measure"
	"sendboard/models/modeltest"
	"sendboard/seeds/seedtest"
)

const goodCSV = "kpi,period,value,commentary\n" +
	"sendiass.initial_enquiries,2025-26 Q1,371,\n" +
	"sendiass.response_within_5_days_pct,2025-26 Q1,72.5,Triage officer now in post\n"

const goodJSON = `{"figures":[{"kpi":"sendiass.initial_enquiries","period":"2025-26 Q1","value":371,"commentary":""},
{"kpi":"sendiass.response_within_5_days_pct","period":"2025-26 Q1","value":72.5,"commentary":"Triage officer now in post"}]}`

var pullNow = time.Date(2025, 7, 20, 6, 30, 0, 0, time.UTC)

// feedServer serves the answers in turn (the last one repeats) and counts requests.
type feedServer struct {
	*httptest.Server
	hits    atomic.Int32
	lastReq atomic.Pointer[http.Request]
}

func newFeedServer(t *testing.T, answers ...http.HandlerFunc) *feedServer {
	t.Helper()
	fs := &feedServer{}
	fs.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := int(fs.hits.Add(1))
		fs.lastReq.Store(r)
		answers[min(n, len(answers))-1](w, r)
	}))
	t.Cleanup(fs.Close)
	return fs
}

func serve(contentType, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", contentType)
		io.WriteString(w, body)
	}
}

func status(code int) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(code) }
}

func puller(d modeltest.DB, source string) *feed.Puller {
	return &feed.Puller{DB: d.DB, Source: source, Timeout: 2 * time.Second, MaxBytes: 1 << 20, Attempts: 3,
		Backoff: 5 * time.Millisecond, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
}

func current(t *testing.T, d modeltest.DB, code, period string) *measure.KPIFigure {
	t.Helper()
	var f measure.KPIFigure
	err := d.DB.Joins("JOIN kpis ON kpis.id = kpi_figures.kpi_id").
		Where("kpis.code = ? AND kpi_figures.period = ? AND kpi_figures.current = ?", code, period, true).Take(&f).Error
	if err != nil {
		return nil
	}
	return &f
}

func figureCount(d modeltest.DB) int64 {
	var n int64
	d.DB.Model(&measure.KPIFigure{}).Count(&n)
	return n
}

func TestFeedPullGoodCSVAndJSON(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, seedtest.Seeded, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		for _, c := range []struct{ ct, body string }{{"text/csv", goodCSV}, {"application/json", goodJSON}} {
			d.DB.Exec("DELETE FROM kpi_figures WHERE period = '2025-26 Q1'")
			srv := newFeedServer(t, serve(c.ct, c.body))
			sum, err := puller(d, srv.URL+"/feed").Pull(ctx, pullNow)
			if err != nil || !strings.HasPrefix(sum, "2 figures applied (2 new") {
				t.Fatalf("%s: %q, %v", c.ct, sum, err)
			}
			if f := current(t, d, "sendiass.response_within_5_days_pct", "2025-26 Q1"); f == nil || f.Value != 72.5 || f.Commentary != "Triage officer now in post" {
				t.Fatalf("%s: stored %+v", c.ct, f)
			}
			// The same content again applies nothing.
			sum, err = puller(d, srv.URL+"/feed").Pull(ctx, pullNow.Add(time.Hour))
			if err != nil || !strings.HasPrefix(sum, "0 figures applied") {
				t.Fatalf("%s second pull: %q, %v", c.ct, sum, err)
			}
			st, _ := measure.FindFeedState(ctx, d.DB, srv.URL+"/feed")
			if st.LastSuccessAt == nil || !st.LastSuccessAt.Equal(pullNow.Add(time.Hour)) || st.LastError != "" {
				t.Fatalf("feed state %+v", st)
			}
		}
	})
}

func TestFeedPullBadRowsApplyNothing(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, seedtest.Seeded, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		good := newFeedServer(t, serve("text/csv", goodCSV))
		if _, err := puller(d, good.URL).Pull(ctx, pullNow); err != nil {
			t.Fatal(err)
		}
		before := figureCount(d)
		bad := "kpi,period,value,commentary\n" +
			"sendiass.initial_enquiries,2025-26 Q2,400,\n" + // fine, but must not be applied
			"sendiass.unknown,2025-26 Q2,1,\n" +
			"sendiass.initial_enquiries,Q2 2025,1,\n" +
			"sendiass.initial_enquiries,2025-26 Q3,many,\n" +
			"sendiass.initial_enquiries,2025-26 Q2,401,\n"
		srv := newFeedServer(t, serve("text/csv", bad))
		_, err := puller(d, srv.URL).Pull(ctx, pullNow.Add(24*time.Hour))
		var fe *measure.FeedError
		if !errors.As(err, &fe) || len(fe.Rows) != 4 {
			t.Fatalf("want 4 bad rows, got %v", err)
		}
		for i, want := range []string{"line 3: kpi", "line 4: period", "line 5: value", "line 6: duplicate"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("report lacks %q (row %d):\n%v", want, i, err)
			}
		}
		if figureCount(d) != before || current(t, d, "sendiass.initial_enquiries", "2025-26 Q2") != nil {
			t.Fatal("a pull with bad rows applied something")
		}
		if st, _ := measure.LastFeedPull(ctx, d.DB); st == nil || !st.LastSuccessAt.Equal(pullNow) {
			t.Fatalf("the last good pull should still be %s: %+v", pullNow, st)
		}
		st, _ := measure.FindFeedState(ctx, d.DB, srv.URL)
		if st.LastSuccessAt != nil || !strings.Contains(st.LastError, "line 3") {
			t.Fatalf("failed feed state %+v", st)
		}
	})
}

func TestFeedPullRevisionKept(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, seedtest.Seeded, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		srv := newFeedServer(t, serve("text/csv", goodCSV), serve("text/csv", strings.Replace(goodCSV, ",371,", ",380,", 1)))
		if _, err := puller(d, srv.URL).Pull(ctx, pullNow); err != nil {
			t.Fatal(err)
		}
		sum, err := puller(d, srv.URL).Pull(ctx, pullNow.Add(time.Hour))
		if err != nil || !strings.Contains(sum, "1 revised") {
			t.Fatalf("%q, %v", sum, err)
		}
		var revs []measure.KPIFigure
		d.DB.Where("period = ? AND value IN ?", "2025-26 Q1", []float64{371, 380}).Order("revision").Find(&revs)
		if len(revs) != 2 || revs[0].Current || !revs[1].Current || revs[1].Revision != 2 {
			t.Fatalf("revisions %+v", revs)
		}
	})
}

func TestFeedPullHTTPBehaviour(t *testing.T) {
	t.Parallel()
	d := modeltest.SQLiteWith(t, seedtest.Seeded)
	ctx := context.Background()

	t.Run("5xx retried", func(t *testing.T) {
		srv := newFeedServer(t, status(500), status(503), serve("text/csv", goodCSV))
		sum, err := puller(d, srv.URL).Pull(ctx, pullNow)
		if err != nil || srv.hits.Load() != 3 || !strings.Contains(sum, "applied") {
			t.Fatalf("%q, %v after %d requests", sum, err, srv.hits.Load())
		}
	})
	t.Run("5xx gives up", func(t *testing.T) {
		srv := newFeedServer(t, status(502))
		_, err := puller(d, srv.URL).Pull(ctx, pullNow)
		if err == nil || srv.hits.Load() != 3 || !strings.Contains(err.Error(), "502") {
			t.Fatalf("%v after %d requests", err, srv.hits.Load())
		}
	})
	t.Run("4xx not retried", func(t *testing.T) {
		srv := newFeedServer(t, status(404), serve("text/csv", goodCSV))
		_, err := puller(d, srv.URL).Pull(ctx, pullNow)
		if err == nil || srv.hits.Load() != 1 || !strings.Contains(err.Error(), "404") {
			t.Fatalf("%v after %d requests", err, srv.hits.Load())
		}
	})
	t.Run("hanging feed times out", func(t *testing.T) {
		release := make(chan struct{})
		defer close(release)
		srv := newFeedServer(t, func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-release:
			case <-r.Context().Done():
			}
		})
		p := puller(d, srv.URL)
		p.Timeout, p.Attempts = 100*time.Millisecond, 2
		start := time.Now()
		_, err := p.Pull(ctx, pullNow)
		if err == nil || !strings.Contains(err.Error(), "the feed did not answer within 100 ms") || time.Since(start) > 2*time.Second || srv.hits.Load() != 2 {
			t.Fatalf("%v after %s and %d requests", err, time.Since(start), srv.hits.Load())
		}
	})
	t.Run("oversized body refused", func(t *testing.T) {
		big := goodCSV + strings.Repeat("# padding\n", 200)
		for _, chunked := range []bool{false, true} {
			srv := newFeedServer(t, func(w http.ResponseWriter, r *http.Request) {
				if chunked {
					w.(http.Flusher).Flush() // no Content-Length: the limit must hold while reading
				}
				io.WriteString(w, big)
			})
			p := puller(d, srv.URL)
			p.MaxBytes = 500
			if _, err := p.Pull(ctx, pullNow); err == nil || !strings.Contains(err.Error(), "500-byte limit") {
				t.Fatalf("chunked=%v: %v", chunked, err)
			}
		}
	})
	t.Run("304 not modified", func(t *testing.T) {
		const etag, lm = `"v1"`, "Sun, 20 Jul 2025 06:00:00 GMT"
		srv := newFeedServer(t, func(w http.ResponseWriter, r *http.Request) {
			if r.Header.Get("If-None-Match") == etag {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("ETag", etag)
			w.Header().Set("Last-Modified", lm)
			serve("text/csv", goodCSV)(w, r)
		})
		if _, err := puller(d, srv.URL).Pull(ctx, pullNow); err != nil {
			t.Fatal(err)
		}
		sum, err := puller(d, srv.URL).Pull(ctx, pullNow.Add(time.Hour))
		req := srv.lastReq.Load()
		if err != nil || !strings.Contains(sum, "not modified") || req.Header.Get("If-Modified-Since") != lm {
			t.Fatalf("%q, %v; request headers %v", sum, err, req.Header)
		}
		if st, _ := measure.LastFeedPull(ctx, d.DB); st == nil || !st.LastSuccessAt.Equal(pullNow.Add(time.Hour)) || st.ETag != etag {
			t.Fatalf("a 304 is a successful pull: %+v", st)
		}
	})
	t.Run("file path", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "feed.json")
		os.WriteFile(path, []byte(strings.Replace(goodJSON, "371", "390", 1)), 0o600)
		sum, err := puller(d, path).Pull(ctx, pullNow)
		if err != nil || !strings.Contains(sum, "1 revised") {
			t.Fatalf("%q, %v", sum, err)
		}
	})
	t.Run("not configured", func(t *testing.T) {
		_, err := puller(d, "").Pull(ctx, pullNow)
		if err == nil || !strings.Contains(err.Error(), "not configured") {
			t.Fatalf("%v", err)
		}
	})
}

// manyBadRows is a feed of n rows that all name an unknown KPI.
func manyBadRows(n int) string {
	var b strings.Builder
	b.WriteString("kpi,period,value,commentary\n")
	for i := range n {
		fmt.Fprintf(&b, "sendiass.no_such_kpi_%d,2025-26 Q1,1,\n", i)
	}
	return b.String()
}

// The same file through the feed stores a few KiB of error text in the feed
// state and the job run, not the whole report.
func TestFeedErrorsAreStoredBounded(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, seedtest.Seeded, func(t *testing.T, d modeltest.DB) {
		ctx := context.Background()
		srv := newFeedServer(t, serve("text/csv", manyBadRows(20_000)))
		_, err := puller(d, srv.URL).Pull(ctx, pullNow)
		var fe *measure.FeedError
		if !errors.As(err, &fe) || fe.Count() != 20_000 || len(fe.Rows) != measure.MaxReportedRows {
			t.Fatalf("pull: %v", err)
		}
		st, _ := measure.FindFeedState(ctx, d.DB, srv.URL)
		if st == nil || len(st.LastError) > models.MaxStoredError || !strings.Contains(st.LastError, "20000 bad rows") {
			t.Fatalf("stored feed error: %d bytes", len(st.LastError))
		}
		run, err := jobrun.Start(ctx, d.DB, "kpi-pull", "test", nil, pullNow)
		if err != nil {
			t.Fatal(err)
		}
		if err := jobrun.Finish(ctx, d.DB, run, jobrun.OutcomeFailed, "", fe.Error(), pullNow); err != nil {
			t.Fatal(err)
		}
		var stored jobrun.Run
		d.DB.Take(&stored, run.ID)
		if len(stored.Errors) > models.MaxStoredError || !strings.Contains(stored.Errors, "more characters)") {
			t.Fatalf("stored job error: %d bytes", len(stored.Errors))
		}
	})
}

// A feed figure with a lone surrogate in its commentary is a bad row, not a
// U+FFFD stored in its place.
func TestFeedRefusesLoneSurrogates(t *testing.T) {
	t.Parallel()
	modeltest.EachWith(t, seedtest.Seeded, func(t *testing.T, d modeltest.DB) {
		body := `{"figures":[{"kpi":"sendiass.initial_enquiries","period":"2025-26 Q1","value":371,"commentary":"odd \udfff"}]}`
		_, err := puller(d, newFeedServer(t, serve("application/json", body)).URL).Pull(context.Background(), pullNow)
		var fe *measure.FeedError
		if !errors.As(err, &fe) || !strings.Contains(err.Error(), "lone UTF-16 surrogate") {
			t.Fatalf("pull: %v", err)
		}
	})
}

// TestMain drops the databases and templates the package's tests made (see modeltest.Main).
func TestMain(m *testing.M) { modeltest.Main(m) }
