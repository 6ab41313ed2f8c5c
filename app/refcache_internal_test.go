package app

import (
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestPageCacheIsBoundedAndRevisionExact(t *testing.T) {
	t.Parallel()
	a := &App{}
	a.storePage(cachedPage{key: "k", ver: version{g: 1, r: 1, p: 3}, body: []byte("x")})
	if _, ok := a.cachedAt("k", version{g: 1, r: 1, p: 3}); !ok {
		t.Fatal("a page stored at revision 3 is not served at 3")
	}
	if _, ok := a.cachedAt("k", version{g: 1, r: 1, p: 4}); ok {
		t.Fatal("a page stored at revision 3 is served at 4")
	}
	a.Config.NoPageCache = true
	a.storePage(cachedPage{key: "n", ver: version{g: 1, r: 1, p: 1}, body: []byte("y")})
	if _, ok := a.cachedAt("n", version{g: 1, r: 1, p: 1}); ok {
		t.Fatal("served from the cache with SENDBOARD_PAGE_CACHE=false")
	}
}

// A slow build finishing after a newer one never puts the older body back.
func TestCacheNeverStoresAnOlderRevisionOverANewer(t *testing.T) {
	t.Parallel()
	a := &App{}
	a.storePage(cachedPage{key: "k", ver: version{g: 1, r: 2, p: 5}, body: []byte("new ŵ")})
	a.storePage(cachedPage{key: "k", ver: version{g: 1, r: 2, p: 4}, body: []byte("old Ł")})
	if p, ok := a.cachedAt("k", version{g: 1, r: 2, p: 5}); !ok || string(p.body) != "new ŵ" {
		t.Fatalf("after a late store of an older body: %q, %v", p.body, ok)
	}
	if a.cache.staleStoresRefused.Load() != 1 {
		t.Errorf("%d older stores refused, want 1", a.cache.staleStoresRefused.Load())
	}
}

// 10,000 distinct keys stay within the configured byte bound, evicting the
// least recently used first.
func TestCacheStaysWithinItsByteBoundWithManyKeys(t *testing.T) {
	t.Parallel()
	a := &App{}
	a.Config.CacheBytes = 1 << 20
	body := make([]byte, 700)
	for i := range 10_000 {
		a.storePage(cachedPage{key: "overview ı≥→ " + strconv.Itoa(i), ver: version{g: 1, r: 1, p: 1}, body: body})
		if i == 10 {
			a.cachedAt("overview ı≥→ 0", version{g: 1, r: 1, p: 1}) // recently used: kept longest
		}
		if a.cache.bytes > a.cache.limit {
			t.Fatalf("after %d keys the cache holds %d bytes, over its %d", i+1, a.cache.bytes, a.cache.limit)
		}
	}
	if a.cache.evictions.Load() == 0 || len(a.cache.entries) < 1000 {
		t.Fatalf("%d entries, %d evictions: the bound is not used as an LRU", len(a.cache.entries), a.cache.evictions.Load())
	}
	if _, ok := a.cachedAt("overview ı≥→ 9999", version{g: 1, r: 1, p: 1}); !ok {
		t.Error("the newest entry was evicted")
	}
}

// 32 concurrent misses for one key build it once.
func TestCacheConcurrentMissesBuildOnce(t *testing.T) {
	t.Parallel()
	a := &App{}
	var builds atomic.Int64
	start := make(chan struct{})
	var wg sync.WaitGroup
	for range 32 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			p, err := a.cachedOrBuild("api-actions ŵ", version{g: 1, r: 1, p: 1}, func() (cachedPage, error) {
				builds.Add(1)
				time.Sleep(50 * time.Millisecond)
				return cachedPage{body: []byte(`{"ok":"≥"}`)}, nil
			})
			if err != nil || string(p.body) != `{"ok":"≥"}` {
				t.Errorf("got %q, %v", p.body, err)
			}
		}()
	}
	close(start)
	wg.Wait()
	if n := builds.Load(); n != 1 {
		t.Fatalf("32 concurrent misses built the page %d times, want 1", n)
	}
}
