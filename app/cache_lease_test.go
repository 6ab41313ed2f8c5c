package app_test

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"sendboard/app/apptest"
	"sendboard/models"
	"sendboard/models/modeltest"
)

// freezer forwards TCP connections to a server until frozen; frozen, it
// holds every byte and closes nothing, as a cut network or a stopped host
// does: the connection neither errs nor delivers.
type freezer struct {
	ln     net.Listener
	mu     sync.Mutex
	cond   *sync.Cond
	frozen bool
}

func newFreezer(t *testing.T, upstream string) *freezer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	f := &freezer{ln: ln}
	f.cond = sync.NewCond(&f.mu)
	t.Cleanup(func() { f.set(false); ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				f.wait()
				up, err := net.Dial("tcp", upstream)
				if err != nil {
					c.Close()
					return
				}
				go f.pipe(up, c)
				f.pipe(c, up)
			}()
		}
	}()
	return f
}

func (f *freezer) set(frozen bool) {
	f.mu.Lock()
	f.frozen = frozen
	f.mu.Unlock()
	f.cond.Broadcast()
}

func (f *freezer) wait() {
	f.mu.Lock()
	for f.frozen {
		f.cond.Wait()
	}
	f.mu.Unlock()
}

func (f *freezer) pipe(dst io.WriteCloser, src io.ReadCloser) {
	defer dst.Close()
	defer src.Close()
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		f.wait()
		if n > 0 {
			if _, werr := dst.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			return
		}
	}
}

// A replica whose listening connection goes silent (no error, no
// notifications) stops trusting its memory within its lease: a write
// through another replica that has returned shows on its next request, and
// once the connection is back it serves from memory again.
func TestReplicaWithASilentListenerReadsThrough(t *testing.T) {
	t.Parallel()
	d := modeltest.PostgresWith(t, twoPlans)
	a := apptest.Open(t, d)
	b := replica(t, d)
	u, err := url.Parse(d.DSN)
	if err != nil {
		t.Fatal(err)
	}
	fz := newFreezer(t, u.Host)
	u.Host = fz.ln.Addr().String()
	b.App.ListenBeat, b.App.ListenRetry = 100*time.Millisecond, 200*time.Millisecond
	listen(t, a, d.DSN)
	listen(t, b, u.String())
	admin := a.SignIn(t, models.RoleAdmin)
	v := a.SignIn(t, models.RoleViewer)
	const path = "/api/v1/actions?rag=red&status=in_progress"
	getAs(b, v, path, true)
	getAs(b, v, path, true)
	counter := modeltest.CountQueries(b.DB.DB)
	getAs(b, v, path, true)
	if n := counter.N(); n != 0 {
		t.Fatalf("B ran %d statements for a cached read before the cut", n)
	}

	fz.set(true)
	var act struct {
		Version int `json:"version"`
	}
	apiGet(t, a, admin, "/api/v1/actions/1.2", http.StatusOK, &act)
	body := fmt.Sprintf(`{"narrative":"Tawel ŵ: ≥ 2 → Łódź, ı","status":"in_progress","rag":"green","version":%d}`, act.Version)
	start := time.Now()
	if rec := a.API(admin, "POST", "/api/v1/actions/1.2/updates", body); rec.Code != http.StatusCreated && rec.Code != http.StatusOK {
		t.Fatalf("progress update through A = %d: %s", rec.Code, rec.Body.String())
	}
	took := time.Since(start)
	if strings.Contains(b.API(v, "GET", path, "").Body.String(), `"number":"1.2"`) {
		t.Fatalf("B served the list from before the update, %v after the update returned, with its listener silent", took)
	}

	fz.set(false)
	deadline := time.Now().Add(15 * time.Second)
	for {
		getAs(b, v, path, true)
		counter.Reset()
		getAs(b, v, path, true)
		if counter.N() == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("B did not serve from memory again once its connection was back")
		}
		time.Sleep(50 * time.Millisecond)
	}
	if strings.Contains(b.API(v, "GET", path, "").Body.String(), `"number":"1.2"`) {
		t.Fatal("B lost the write once it listened again")
	}
}
